"""Helpers to drive the app with Streamlit's AppTest on a fresh store."""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from streamlit.testing.v1 import AppTest

from clusterlab.i18n import t
from clusterlab.ui.pages import PAGES as APP_PAGES
from tests.conftest import ROOT

PAGES = tuple(spec.file for spec in APP_PAGES)
RAW_KEY = re.compile(r"\b(?:nav|page|frame|step|overview|figure|quality|import|mapping|table|level|flags|history|"
                     r"interviews|field|csv|access|language|refuse|flag|store|error|phase|actors|filter|stage|"
                     r"metric|quadrant|component|leaders|swot|problems|votes|vote|perimeter|plan)"
                     r"\.(?!(?:xlsx|xlsm|xls|ods|csv)\b)[a-z_{}]+\b")  # not a file name such as plan.xlsx


def app(query: dict[str, str] | None = None, locale: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    if locale:
        at.context["locale"] = locale
    return at


def page(at: AppTest, file: str) -> AppTest:
    """Open another page in the same session, as the navigation does."""
    return at.switch_page(file).run()


def show_tab(at: AppTest, key: str, label_key: str, lang: str = "en") -> AppTest:
    """Open a tab of a page's `open_tab` (only the open tab's content runs), as a click on it does."""
    at.session_state[key] = t(label_key, lang)
    return at.run()


def every_tab(at: AppTest, file: str) -> Iterator[str]:
    """Open each tab of the page in turn (its `open_tab` is keyed `<page>_tab`); yields each label."""
    for label in [tab.label for tab in at.tabs]:
        at.session_state[f"{Path(file).stem}_tab"] = label
        at.run()
        yield label


def texts(at: AppTest) -> list[str]:
    """Every piece of text the run shows: bodies, values, labels, help, options."""
    found: list[str] = []

    def walk(node) -> None:
        for attr in ("value", "body", "label", "help", "placeholder"):
            try:
                value = getattr(node, attr)
            except Exception:
                continue
            if isinstance(value, str):
                found.append(value)
        for option in getattr(node, "options", None) or []:
            if isinstance(option, str):
                found.append(option)
        children = getattr(node, "children", None)
        if isinstance(children, dict):
            for child in children.values():
                walk(child)

    walk(at._tree)
    return found


def raw_keys(at: AppTest) -> list[str]:
    return [m.group(0) for text in texts(at) for m in RAW_KEY.finditer(text)]
