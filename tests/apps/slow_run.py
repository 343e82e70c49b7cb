"""A page for tests/test_running_browser.py: the app's own style sheet, a run that lasts two seconds
(standing for a long computation) and a quick one."""
import time

import streamlit as st

from clusterlab.ui.frame import page_style

lang = st.query_params.get("lang", "en")
st.html(page_style(lang, workshop=False))
st.title("running")
if st.button("slow", key="slow"):
    time.sleep(2)  # the work the indicator is about, not a wait of the test's
st.button("quick", key="quick")
st.write(f"runs: {st.session_state.setdefault('runs', 0) + 1}")
st.session_state["runs"] += 1
