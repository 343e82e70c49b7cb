"""Widgets of the leader analysis: the weights, the grid's split points and the manual choices,
each written to the store as soon as it changes."""
from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from clusterlab import leaders, store
from clusterlab.ui.frame import context, tr
from clusterlab.ui.widgets import table

DEFAULT_SPLIT = 3.5


def grid_splits() -> tuple[float, float]:
    """Two sliders for the influence and interest split points, stored per project."""
    ctx = context()
    key = f"grid:{ctx.pid}"
    stored = json.loads(store.get_setting(ctx.con, key) or "{}")
    values = {"influence": stored.get("influence", DEFAULT_SPLIT), "interest": stored.get("interest", DEFAULT_SPLIT)}
    for name in values:
        st.session_state[f"split_{name}"] = float(values[name])

    def save() -> None:
        store.set_setting(ctx.con, key, json.dumps({n: st.session_state[f"split_{n}"] for n in values}))

    a, b = st.columns(2)
    a.slider(tr("actors.split_influence"), 1.0, 5.0, step=0.5, key="split_influence", on_change=save)
    b.slider(tr("actors.split_interest"), 1.0, 5.0, step=0.5, key="split_interest", on_change=save)
    return st.session_state["split_influence"], st.session_state["split_interest"]


def weights() -> None:
    """The score's weights, threshold and centrality, stored per project; defaults stated."""
    ctx = context()
    chosen = leaders.settings(ctx.con, ctx.pid)
    for name, value in chosen["weights"].items():
        st.session_state[f"w_{name}"] = float(value)
    st.session_state["w_threshold"] = float(chosen["threshold"])
    st.session_state["w_metric"] = chosen["centrality"]

    def save() -> None:
        leaders.save_settings(ctx.con, ctx.pid, {
            "weights": {n: st.session_state[f"w_{n}"] for n in leaders.COMPONENTS},
            "threshold": st.session_state["w_threshold"], "centrality": st.session_state["w_metric"]})

    def reset() -> None:
        leaders.save_settings(ctx.con, ctx.pid, {"weights": dict(leaders.DEFAULT_WEIGHTS),
                                                 "threshold": leaders.DEFAULT_THRESHOLD,
                                                 "centrality": leaders.DEFAULT_CENTRALITY})

    with st.expander(tr("leaders.weights"), icon=":material/tune:"):
        st.caption(tr("leaders.defaults", weights=", ".join(f"{tr('component.' + n)} {w:.2f}"
                                                             for n, w in leaders.DEFAULT_WEIGHTS.items()),
                      threshold=leaders.DEFAULT_THRESHOLD, centrality=tr("metric." + leaders.DEFAULT_CENTRALITY)))
        columns = st.columns(len(leaders.COMPONENTS))
        for column, name in zip(columns, leaders.COMPONENTS, strict=True):
            column.number_input(tr("component." + name), min_value=0.0, max_value=1.0, step=0.05, key=f"w_{name}",
                                on_change=save)
        a, b, c = st.columns([2, 2, 1], vertical_alignment="bottom")
        a.slider(tr("leaders.threshold"), 0.0, 1.0, step=0.05, key="w_threshold", on_change=save)
        labels = {m: tr("metric." + m) for m in leaders.CENTRALITIES}
        b.selectbox(tr("leaders.centrality"), list(labels), format_func=labels.get, key="w_metric",
                    on_change=save)
        c.button(tr("leaders.reset"), on_click=reset, key="w_reset")


def score_columns() -> dict:
    """Column settings of the ranked list: every component shown as a bar, so one sees why."""
    bars = {name: st.column_config.ProgressColumn(tr("component." + name), min_value=0.0, max_value=1.0,
                                                  format="%.2f") for name in leaders.COMPONENTS}
    return {**bars, "score": st.column_config.ProgressColumn(tr("leaders.score"), min_value=0.0, max_value=1.0,
                                                               format="%.2f"),
            "leader": st.column_config.CheckboxColumn(tr("actors.leader")),
            "override": st.column_config.CheckboxColumn(tr("leaders.override")),
            "reason": st.column_config.TextColumn(tr("leaders.reason")),
            "name": st.column_config.TextColumn(tr("field.name")), "rank": st.column_config.NumberColumn("#")}


def override_form(inv: pd.DataFrame, ranked: pd.DataFrame) -> None:
    """Mark or unmark a leader by hand, with a reason; the choice wins over the score."""
    ctx = context()
    names = dict(zip(inv["actor_id"], inv["name"], strict=True))
    st.subheader(tr("leaders.by_hand"))
    with st.form("override"):
        a, b = st.columns([2, 1])
        actor_id = a.selectbox(tr("interviews.actor"), sorted(names, key=names.get), format_func=names.get,
                               key="override_actor")
        verdicts = {True: tr("leaders.mark"), False: tr("leaders.unmark")}
        verdict = b.radio(tr("leaders.verdict"), list(verdicts), key="override_verdict", horizontal=True,
                          format_func=verdicts.get)
        reason = st.text_input(tr("leaders.reason"), key="override_reason")
        if st.form_submit_button(tr("leaders.save"), type="primary"):
            leaders.set_override(ctx.con, ctx.pid, actor_id, bool(verdict), reason.strip())
            st.rerun()
    chosen = leaders.overrides(ctx.con, ctx.pid)
    if len(chosen):
        table(chosen.assign(name=chosen["actor_id"].map(names)), "leader_overrides", "overrides")
        cleared = st.selectbox(tr("leaders.clear_pick"), chosen["actor_id"].tolist(), format_func=names.get,
                               key="clear_pick")
        if st.button(tr("leaders.clear"), key="clear_override"):
            leaders.clear_override(ctx.con, ctx.pid, cleared)
            st.rerun()
