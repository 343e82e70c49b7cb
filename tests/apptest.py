"""Helpers to drive the app with Streamlit's AppTest on a fresh store."""
from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from streamlit.testing.v1 import AppTest

from clusterlab.i18n import t
from clusterlab.ui.pages import PAGES as APP_PAGES
from tests.conftest import ROOT

PAGES = tuple(spec.file for spec in APP_PAGES)
RAW_KEY = re.compile(r"\b(?:nav|page|frame|step|overview|figure|quality|import|mapping|table|level|flags|history|"
                     r"interviews|field|csv|access|language|refuse|flag|store|error|phase|actors|filter|stage|"
                     r"metric|quadrant|component|leaders|swot|problems|votes|vote|perimeter|plan|governance|checkin|adhesion|"
                     r"barometer|bodies|body_kind|meetings|meeting_kind|member_role|attendance|decisions|decision_kind|"
                     r"decision_status|portfolio|needs|coherence)"
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


STREAMLIT_DEFAULTS = ("Choose an option", "Choose options", "Choose or add", "Add an option", "Add options",
                      "No options to select", "No results")


def shown_names(at: AppTest) -> list[tuple[str, str]]:
    """What names things on screen, as (where, text): every table's column headers (its column label, else
    the column's own name), every chart's axis titles, legend title, trace names and hover labels, and every
    widget's label and placeholder."""
    found: list[tuple[str, str]] = []
    for frame in at.dataframe:
        config = json.loads(frame.proto.columns or "{}")
        for column in frame.value.columns:
            found.append(("table header", str((config.get(str(column)) or {}).get("label") or column)))
    for plot in at.get("plotly_chart"):
        spec = json.loads(plot.proto.spec)
        layout = spec.get("layout", {})
        for axis in [k for k in layout if k.startswith(("xaxis", "yaxis"))]:
            found.append(("axis title", _title(layout[axis].get("title"))))
        found.append(("legend title", _title(layout.get("legend", {}).get("title"))))
        for trace in spec.get("data", []):
            found.append(("trace name", str(trace.get("name") or "")))
            found.extend(("hover label", m) for m in re.findall(r"(\w+)=%\{", trace.get("hovertemplate") or ""))
    for kind in ("selectbox", "multiselect", "text_input", "number_input", "slider", "radio", "toggle", "checkbox",
                 "segmented_control", "text_area", "date_input", "select_slider", "button"):
        for widget in at.get(kind):
            found.append((f"{kind} label", str(getattr(widget, "label", "") or "")))
            if kind in ("selectbox", "multiselect"):
                found.append((f"{kind} placeholder", widget.proto.placeholder))
    return [(where, text) for where, text in found if text is not None]


def _title(title) -> str:
    if isinstance(title, dict):
        return str(title.get("text") or "")
    return str(title or "")


def as_shown(markdown: str) -> str:
    """A text as the page shows it: data in alerts and captions is escaped (clusterlab.ui.plain), `\\.` is `.`."""
    return re.sub(r"\\(.)", r"\1", markdown)


def in_form(at: AppTest, kind: str, key: str):
    """The widget of a form (clusterlab.ui.forms) keyed `key`, whatever the form's generation: a save gives the
    form new widgets, keyed `key-<n>`."""
    found = [w for w in at.get(kind) if w.key == key or re.fullmatch(re.escape(key) + r"-\d+(-from\d+)?", w.key or "")]
    assert len(found) == 1, (key, [w.key for w in at.get(kind)])
    return found[0]


def network_links(spec: dict) -> dict[str, int]:
    """The links a network chart (a plotly spec) draws, per lines trace (its name, "" for the plain ties): each link
    is a segment and a gap in the trace's x, which plotly may send as base64-packed binary."""
    out = {}
    for trace in spec["data"]:
        if trace.get("mode") != "lines":
            continue
        xs = trace["x"]
        xs = np.frombuffer(base64.b64decode(xs["bdata"]), dtype=xs["dtype"]) if isinstance(xs, dict) else xs
        out[trace.get("name") or ""] = len(xs) // 3
    return out
