"""Widgets of the problems page: the settings of the ranking, stored per project (settings.py)."""
from __future__ import annotations

import streamlit as st

from clusterlab import settings
from clusterlab.ui.frame import tr
from clusterlab.ui.settings import defaults_caption, reset_button, setting_input


def ranking_settings() -> None:
    """k and m of a common problem and the score's weights; each stored at once, defaults stated."""
    with st.expander(tr("problems.settings"), icon=":material/tune:"):
        defaults_caption("problems")
        a, b = st.columns(2)
        setting_input("problems.k", a, step=1)
        setting_input("problems.m", b, slider=True)
        setting_input("problems.count_support")
        for column, name in zip(st.columns(len(settings.PROBLEM_WEIGHTS)), settings.PROBLEM_WEIGHTS, strict=True):
            setting_input(f"problems.weight_{name}", column, step=0.05)
        reset_button("problems")
