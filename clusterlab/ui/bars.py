"""Counts drawn as horizontal bars in plain HTML, for the first screen a fresh session sees: no chart library to
start (plotly's script costs a new browser about 0.8 s to evaluate; bench/browser_speed.py), and the same data as
CSV. Labels are data: escaped, never read as HTML."""
from __future__ import annotations

from html import escape

import pandas as pd
import streamlit as st

from clusterlab.ui.frame import tr
from clusterlab.ui.widgets import download_csv

MISSING = "—"


def bars_html(counts: pd.DataFrame, label: str, value: str, title: str) -> str:
    """The HTML of one list of bars: a title, then each row's label, a bar as long as its share of the largest
    count, and the count written out (the bar adds nothing a reader of the number would miss)."""
    top = max(int(counts[value].max()), 1) if len(counts) else 1
    rows = "".join(
        f'<div class="cl-bar" role="listitem"><span class="cl-bar-label">{escape(_text(name))}</span>'
        f'<span class="cl-bar-track" aria-hidden="true">'
        f'<span class="cl-bar-fill" style="width:{100 * int(n) / top:.1f}%"></span></span>'
        f'<span class="cl-bar-value">{int(n)}</span></div>'
        for name, n in zip(counts[label], counts[value], strict=True))
    return (f'<div class="cl-bars" role="list" aria-label="{escape(title)}">'
            f'<p class="cl-bars-title">{escape(title)}</p>{rows}</div>')


def _text(name: object) -> str:
    return MISSING if pd.isna(name) else str(name)


def count_bars(counts: pd.DataFrame, label: str, value: str, title: str, name: str, key: str) -> None:
    """Draw `counts` (one row per `label`, its `value`) as bars, with its CSV."""
    if counts.empty:
        st.caption(tr("table.no_rows", columns=title))
    else:
        st.html(bars_html(counts, label, value, title))
    download_csv(counts, name, f"bars_{key}")
