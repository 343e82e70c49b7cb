"""Widgets of the analysis settings (clusterlab/settings.py): each shows the stored value, saves a
change at once, and says why when a value is refused."""
from __future__ import annotations

import streamlit as st

from clusterlab import settings
from clusterlab.errors import ClusterlabError
from clusterlab.i18n import catalogue
from clusterlab.ui.frame import context, tr
from clusterlab.ui.widgets import escape_markdown


def setting_input(key: str, where=st, slider: bool = False, step: float | None = None,
                  format_func=None) -> object:
    """One setting as a widget (a choice, a switch, a text, a slider or a number); returns the value in force."""
    ctx = context()
    declared = settings.setting(key)
    widget_key = f"setting_{key}"
    value = ctx.analysis.settings[key]
    st.session_state[widget_key] = value  # the store is the truth, at every run

    def save() -> None:
        try:
            settings.save(ctx.con, ctx.pid, {key: st.session_state[widget_key]}, ctx.who)
        except ClusterlabError as exc:
            st.session_state["_setting_refused"] = exc.message(ctx.lang)

    common = {"label": tr(f"setting.{key}"), "key": widget_key, "on_change": save, "help": tr(f"setting.{key}.help"),
              "disabled": not ctx.who.may("settings")}
    if declared.choices:
        where.selectbox(options=list(declared.choices), format_func=format_func or str,
                        placeholder=tr("widget.choose"), **common)
    elif isinstance(declared.default, bool):
        where.toggle(**common)
    elif isinstance(declared.default, str):
        where.text_input(**common)
    elif slider:
        where.slider(min_value=declared.minimum, max_value=declared.maximum, step=step, **common)
    else:
        where.number_input(min_value=declared.minimum, max_value=declared.maximum, step=step, **common)
    if "_setting_refused" in st.session_state:
        st.error(escape_markdown(st.session_state.pop("_setting_refused")))
    return value


def defaults_caption(section: str) -> None:
    """The defaults of a section's settings, stated on the page."""
    st.caption(escape_markdown(tr("settings.defaults", values=", ".join(
        f"{tr('setting.' + s.key)} {shown_default(s.default)}" for s in settings.SETTINGS if s.section == section))))


def shown_default(value: object) -> str:
    """A default as the page states it: 0.6, yes or no, a text in quotes."""
    if isinstance(value, bool):
        return tr("filter.yes" if value else "filter.no").lower()
    if isinstance(value, float):
        return f"{value:g}"
    if f"metric.{value}" in catalogue(context().lang):  # a centrality, by its name
        return tr(f"metric.{value}").lower()
    return f"« {value} »" if isinstance(value, str) and context().lang == "fr" else (
        f"“{value}”" if isinstance(value, str) else str(value))


def reset_button(section: str) -> None:
    ctx = context()
    st.button(tr("settings.reset"), key=f"reset_{section}", icon=":material/restart_alt:",
              on_click=lambda: settings.reset(ctx.con, ctx.pid, section, ctx.who), disabled=not ctx.who.may("settings"))
