"""Streamlit loads the script of each kind of element on its first use: a fresh browser evaluates plotly's
(4.7 MB) for about 0.8 s, the tables' for about 0.3 s, when a page first shows a chart or a table. The overview
shows neither (its bars are plain HTML), so it comes fast; once it is drawn and quiet, the browser loads both
(warmup.js), and the next page's charts and tables start at once (bench/browser_speed.py)."""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import streamlit as st

# Streamlit's element scripts, by the name before their content hash, in the order they are loaded.
LATER = ("DataFrame", "PlotlyChart")
SCRIPT = Path(__file__).with_name("warmup.js")


@cache
def scripts() -> tuple[str, ...]:
    """The file names of `LATER` in this Streamlit's build (a name found twice or not at all is left out)."""
    folder = Path(st.__file__).parent / "static" / "static" / "js"
    found = (sorted(folder.glob(f"{name}.*.js")) for name in LATER)
    return tuple(files[0].name for files in found if len(files) == 1)


def warm_up() -> None:
    """Ask the browser to load the element scripts of `LATER` once the page is quiet (nothing when none is found)."""
    if scripts():
        code = SCRIPT.read_text(encoding="utf-8").replace("__SCRIPTS__", json.dumps(list(scripts())))
        st.sidebar.html(f"<script>{code}</script>", unsafe_allow_javascript=True)
