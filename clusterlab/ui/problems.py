"""Widgets of the problems page: the settings of the ranking, stored per project."""
from __future__ import annotations

import json

import streamlit as st

from clusterlab import problems, store
from clusterlab.ui.frame import context, tr


def settings() -> tuple[dict[str, float], int, int]:
    """Weights of the score and the k/m thresholds of a common problem; stored at once, defaults stated."""
    ctx = context()
    key = f"problems:{ctx.pid}"
    stored = json.loads(store.get_setting(ctx.con, key) or "{}")
    weights = {**problems.DEFAULT_WEIGHTS, **stored.get("weights", {})}
    for name, value in weights.items():
        st.session_state[f"pw_{name}"] = float(value)
    st.session_state["pk"] = int(stored.get("k", problems.DEFAULT_K))
    st.session_state["pm"] = int(stored.get("m", problems.DEFAULT_M))

    def save() -> None:
        store.set_setting(ctx.con, key, json.dumps({
            "weights": {n: st.session_state[f"pw_{n}"] for n in problems.DEFAULT_WEIGHTS},
            "k": st.session_state["pk"], "m": st.session_state["pm"]}))

    with st.expander(tr("problems.settings"), icon=":material/tune:"):
        st.caption(tr("problems.defaults", k=problems.DEFAULT_K, m=problems.DEFAULT_M,
                      weights=", ".join(f"{tr('problems.w_' + n)} {w:.2f}"
                                        for n, w in problems.DEFAULT_WEIGHTS.items())))
        a, b = st.columns(2)
        a.slider(tr("problems.k"), 1, 20, key="pk", on_change=save)
        b.slider(tr("problems.m"), 1, 7, key="pm", on_change=save)
        for column, name in zip(st.columns(len(weights)), weights, strict=True):
            column.number_input(tr("problems.w_" + name), min_value=0.0, max_value=1.0, step=0.05,
                                key=f"pw_{name}", on_change=save)
    return ({n: st.session_state[f"pw_{n}"] for n in problems.DEFAULT_WEIGHTS}, st.session_state["pk"],
            st.session_state["pm"])
