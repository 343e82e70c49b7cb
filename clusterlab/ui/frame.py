"""The frame: the store connection, language, workshop mode, access code, project selector."""
from __future__ import annotations

import hmac
import os
from dataclasses import dataclass
from pathlib import Path

import duckdb
import streamlit as st

from clusterlab import analysis, demo, store
from clusterlab.analysis import Analysis
from clusterlab.errors import ClusterlabError
from clusterlab.i18n import LANGUAGES, normalise_language, t
from clusterlab.ui.plain import escape_markdown

WORKSHOP_CSS = Path(__file__).with_name("workshop.css").read_text(encoding="utf-8")
BASE_CSS = Path(__file__).with_name("base.css").read_text(encoding="utf-8")


@dataclass
class Context:
    """What every page needs: the connection, the project, its analysis and how to speak.

    `con` is the process's connection: core functions take their own cursor from it. `analysis`
    is the project's analysis at the revision this run started from (analysis.py)."""

    con: duckdb.DuckDBPyConnection
    project: str
    pid: int
    lang: str
    workshop: bool
    analysis: Analysis
    who: str | None = None


@st.cache_resource(show_spinner=False)
def _connection(path: str) -> duckdb.DuckDBPyConnection:
    """One connection per process and database file; pages take a cursor per unit of work."""
    con = store.connect(path)
    demo.ensure(con)
    return con


def tr(key: str, **params: object) -> str:
    """The text for `key` in the language of this session."""
    return t(key, st.session_state.get("lang", "fr"), **params)


def page_style(lang: str, workshop: bool) -> str:
    """The app's own style sheet: always the base, the workshop's when projected, and the running label's
    text in the session's language (base.css shows it when a run lasts longer than half a second)."""
    running = t("frame.running", lang).replace("\\", "").replace('"', "")
    return (f'<style>:root {{ --clusterlab-running: "{running}"; }}\n'
            f"{BASE_CSS}{WORKSHOP_CSS if workshop else ''}</style>")


def context() -> Context:
    return st.session_state["_context"]


def _from_url(name: str, allowed: tuple[str, ...]) -> str | None:
    """A query parameter, only when it differs from what the app itself last wrote there:
    a link or a bookmark then wins, while the app's own echo does not undo a choice made since."""
    value = st.query_params.get(name)
    if value in allowed and value != st.session_state.get(f"_url_{name}"):
        st.session_state[f"_url_{name}"] = value
        return value
    return None


def _language() -> str:
    """?lang= wins, then this session's choice, then the browser's language."""
    asked = _from_url("lang", LANGUAGES)
    if asked:
        st.session_state["lang"] = asked
    if "lang" not in st.session_state:
        st.session_state["lang"] = normalise_language(st.context.locale)
    return st.session_state["lang"]


def _workshop() -> bool:
    mode = _from_url("mode", ("workshop", "normal"))
    if mode:
        st.session_state["workshop"] = mode == "workshop"
    return st.session_state.setdefault("workshop", False)


def _access_code() -> str | None:
    code = os.environ.get("CLUSTERLAB_ACCESS_CODE")
    if code:
        return code
    try:
        return st.secrets.get("access_code")
    except Exception:  # no secrets file: no code
        return None


def _gate(lang: str) -> None:
    """Ask for the access code when one is set; compare in constant time."""
    code = _access_code()
    if not code or st.session_state.get("authorised"):
        return
    st.title("clusterlab")
    with st.form("access"):
        typed = st.text_input(t("access.label", lang), type="password")
        if st.form_submit_button(t("access.enter", lang)):
            if hmac.compare_digest(typed.encode(), code.encode()):
                st.session_state["authorised"] = True
                st.rerun()
            st.error(t("access.wrong", lang))
    st.stop()


def _keep_in_url(lang: str, workshop: bool) -> None:
    """The language and the mode stay in the address, so a bookmark or a page change keeps them."""
    st.session_state["_url_lang"] = lang
    if st.query_params.get("lang") != lang:
        st.query_params["lang"] = lang
    mode = "workshop" if workshop else "normal"
    st.session_state["_url_mode"] = mode
    if workshop and st.query_params.get("mode") != mode:
        st.query_params["mode"] = mode
    elif not workshop and "mode" in st.query_params:
        del st.query_params["mode"]


def _chosen(widget_key: str, state_key: str) -> None:
    st.session_state[state_key] = st.session_state[widget_key]


def _sidebar(con: duckdb.DuckDBPyConnection, lang: str) -> tuple[str, int]:
    """Project selector, language and workshop switch; returns the chosen project and its id.

    Each widget shows the truth and writes to it when changed. The project is this session's
    choice, started from the last one saved in the store (which each choice updates), so that a
    restart reopens it and another person's choice does not move this screen."""
    wanted = st.session_state.get("project") or store.get_setting(con, "project")
    names, current, pid = store.workspace(con, wanted)
    st.session_state["project"] = current
    st.session_state["project_choice"] = current
    st.session_state["lang_choice"] = lang
    st.session_state["workshop_choice"] = st.session_state["workshop"]

    def choose_project() -> None:
        st.session_state["project"] = st.session_state["project_choice"]
        store.set_setting(con, "project", st.session_state["project_choice"])

    with st.sidebar:
        st.selectbox(t("frame.project", lang), names, key="project_choice", on_change=choose_project,
                     placeholder=t("widget.choose", lang))
        names_of = {code: t(f"language.{code}", lang) for code in LANGUAGES}
        st.segmented_control(t("frame.language", lang), LANGUAGES, key="lang_choice", required=True,
                             format_func=names_of.get, on_change=_chosen, args=("lang_choice", "lang"))
        st.toggle(t("frame.workshop", lang), key="workshop_choice", help=t("frame.workshop_help", lang),
                  on_change=_chosen, args=("workshop_choice", "workshop"))
    return current, pid


def frame() -> Context:
    """Set up the page: to be called by app.py before the navigation runs."""
    lang = _language()
    workshop = _workshop()
    st.set_page_config(page_title="clusterlab", page_icon="🐄", layout="wide",
                       initial_sidebar_state="collapsed" if workshop else "auto")
    st.html(page_style(lang, workshop))
    _gate(lang)
    try:
        con = _connection(str(store.default_db_path()))
    except ClusterlabError as exc:
        st.error(f"**{exc.title(lang)}** — {escape_markdown(exc.message(lang))}")
        st.stop()
    project, pid = _sidebar(con, lang)
    _keep_in_url(lang, workshop)
    ctx = Context(con, project, pid, lang, workshop, analysis.of(con, pid))
    st.session_state["_context"] = ctx
    return ctx
