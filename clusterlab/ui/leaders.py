"""Widgets of the leader analysis: the weights, the grid's split points and the manual choices,
each written to the store as soon as it changes."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from clusterlab import leaders, settings
from clusterlab.ui import forms
from clusterlab.ui.frame import context, tr
from clusterlab.ui.settings import defaults_caption, reset_button, setting_input
from clusterlab.ui.widgets import table


def grid_splits() -> tuple[float, float]:
    """Two sliders for the influence and interest split points, stored per project."""
    a, b = st.columns(2)
    return (setting_input("grid.split_influence", a, slider=True, step=0.5),
            setting_input("grid.split_interest", b, slider=True, step=0.5))


def weights() -> None:
    """The score's weights, threshold and centrality, stored per project; defaults stated."""
    with st.expander(tr("leaders.weights"), icon=":material/tune:"):
        defaults_caption("leaders")
        for column, name in zip(st.columns(len(settings.LEADER_COMPONENTS)), settings.LEADER_COMPONENTS,
                                strict=True):
            setting_input(f"leaders.weight_{name}", column, step=0.05)
        a, b, c, d = st.columns([2, 2, 2, 1], vertical_alignment="bottom")
        setting_input("leaders.threshold", a, slider=True, step=0.05)
        setting_input("leaders.min_completeness", b, slider=True, step=0.05)
        setting_input("leaders.centrality", c, format_func={m: tr("metric." + m) for m in settings.CENTRALITIES}.get)
        with d:
            reset_button("leaders")


def evidence_notes() -> None:
    """How many actors the score cannot judge (not enough data), and a warning when the chosen
    centrality changes the number of leaders by more than half of what the default one gives."""
    analysis = context().analysis
    ranked, values = analysis.actor_metrics, analysis.settings
    short = int((~ranked["enough_data"]).sum())
    if short:
        st.caption(tr("leaders.not_enough_caption", n=short, share=f"{values['leaders.min_completeness']:.0%}"))
    chosen, default = values["leaders.centrality"], settings.DEFAULTS["leaders.centrality"]
    if chosen == default:
        return
    counts = analysis.leader_counts  # computed only when another centrality is chosen
    if leaders.centrality_matters(counts, chosen, default):
        st.warning(tr("leaders.centrality_matters", chosen=tr("metric." + chosen), n=counts[chosen],
                      default=tr("metric." + default), m=counts[default]), icon=":material/warning:")


def evidence(value: str) -> str:
    """The `enough_data` column on screen: a word, and "not enough data" where the score cannot judge."""
    return tr("leaders.enough_data") if value == "True" else tr("leaders.not_enough_data")


def score_columns() -> dict:
    """Column settings of the ranked list: every component shown as a bar, so one sees why."""
    bars = {name: st.column_config.ProgressColumn(tr("component." + name), min_value=0.0, max_value=1.0,
                                                  format="%.2f") for name in leaders.COMPONENTS}
    return {**bars, "score": st.column_config.ProgressColumn(tr("leaders.score"), min_value=0.0, max_value=1.0,
                                                               format="%.2f"),
            "completeness": st.column_config.ProgressColumn(tr("column.completeness"), min_value=0.0, max_value=1.0,
                                                            format="%.2f", help=tr("leaders.completeness_help")),
            "leader": st.column_config.CheckboxColumn(tr("actors.leader")),
            "override": st.column_config.CheckboxColumn(tr("leaders.override")),
            "reason": st.column_config.TextColumn(tr("leaders.reason")),
            "name": st.column_config.TextColumn(tr("field.name")), "rank": st.column_config.NumberColumn("#")}


def override_form(inv: pd.DataFrame, ranked: pd.DataFrame) -> None:
    """Mark or unmark a leader by hand, with a reason; the choice wins over the score."""
    ctx = context()
    names = dict(zip(inv["actor_id"], inv["name"], strict=True))
    st.subheader(tr("leaders.by_hand"))
    form = forms.Form("override")
    with st.form(form.name):
        a, b = st.columns([2, 1])
        actor_id = a.selectbox(tr("interviews.actor"), sorted(names, key=names.get), format_func=names.get,
                               index=None, key=form.key("override_actor"), placeholder=tr("widget.choose"))
        verdicts = {True: tr("leaders.mark"), False: tr("leaders.unmark")}
        verdict = b.radio(tr("leaders.verdict"), list(verdicts), key=form.key("override_verdict"), horizontal=True,
                          format_func=verdicts.get)
        reason = st.text_input(tr("leaders.reason"), key=form.key("override_reason"))
        if form.submit(tr("leaders.save"), type="primary"):
            if actor_id is None:
                forms.refuse(tr("leaders.no_actor_picked"))
            else:
                form.save(lambda: leaders.set_override(ctx.con, ctx.pid, actor_id, bool(verdict), reason.strip(),
                                                       ctx.who),
                          tr("leaders.override_saved", name=names.get(actor_id, ""), verdict=verdicts[verdict]))
    chosen = ctx.analysis.leader_overrides
    if len(chosen):
        table(chosen.assign(name=chosen["actor_id"].map(names)), "leader_overrides", "overrides")
        cleared = st.selectbox(tr("leaders.clear_pick"), chosen["actor_id"].tolist(), format_func=names.get,
                               key="clear_pick", placeholder=tr("widget.choose"))
        if st.button(tr("leaders.clear"), key="clear_override", disabled=not ctx.who.may("leader.clear")):
            leaders.clear_override(ctx.con, ctx.pid, cleared, ctx.who)
            st.rerun()
