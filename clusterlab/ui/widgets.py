"""Widgets shared by the pages: tables and charts that always offer their data as CSV."""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from clusterlab.exporter import to_csv
from clusterlab.ui.frame import context, tr

WORKSHOP_FONT = 22


def download_csv(df: pd.DataFrame, name: str, key: str) -> None:
    """Two buttons: CSV (comma, UTF-8) and CSV for French Excel (`;`, UTF-8 with BOM)."""
    row = st.container(horizontal=True)
    row.download_button(tr("csv.download"), data=lambda: to_csv(df), file_name=f"{name}.csv", mime="text/csv",
                         key=f"csv_{key}", on_click="ignore", icon=":material/download:")
    row.download_button(tr("csv.download_fr"), data=lambda: to_csv(df, french_excel=True),
                          file_name=f"{name}_excel-fr.csv", mime="text/csv", key=f"csvfr_{key}",
                          on_click="ignore", icon=":material/download:")


def table(df: pd.DataFrame, name: str, key: str, labels: dict[str, str] | None = None, **kwargs) -> None:
    """A table with its CSV; `labels` renames columns on screen only (the CSV keeps field names)."""
    shown = df.rename(columns=labels) if labels else df
    st.dataframe(shown, hide_index=True, key=f"table_{key}", **kwargs)
    download_csv(df, name, key)


def open_tab(key: str, names: Sequence[str], label_prefix: str) -> tuple[str, DeltaGenerator]:
    """Tabs of which only the open one runs (the others cost nothing until chosen): the open tab's
    name and its container. Labels are the catalogue's `label_prefix + name`."""
    tabs = st.tabs([tr(label_prefix + name) for name in names], key=key, on_change="rerun")
    return next(((name, tab) for name, tab in zip(names, tabs, strict=True) if tab.open), (names[0], tabs[0]))


def escape_markdown(text: object) -> str:
    """User text shown in markdown: its markup characters escaped, so it shows as typed."""
    return "".join("\\" + c if c in "\\`*_{}[]()<>#+-.!|~$" else c for c in str(text))


def chart(fig: go.Figure, data: pd.DataFrame, name: str, key: str, csv: bool = True) -> None:
    """A plotly chart, with large type in workshop mode, and its data as CSV (`csv=False` when
    the same data is shown as a table next to it)."""
    workshop = context().workshop
    fig.update_traces(textangle=0, selector={"type": "bar"})  # counts read horizontally, never sideways
    if workshop:
        big, black = {"size": WORKSHOP_FONT, "color": "#000000"}, "#000000"
        fig.update_layout(font=big, title_font={"size": WORKSHOP_FONT + 6, "color": black}, legend_font=big,
                          margin={"t": 70}, template="plotly_white")
        fig.update_xaxes(tickfont=big, title_font=big)
        fig.update_yaxes(tickfont=big, title_font=big)
        fig.update_traces(textfont_size=WORKSHOP_FONT, textposition="outside", cliponaxis=False,
                          selector={"type": "bar"})
        bars = max((len(set(t.y)) for t in fig.data if t.type == "bar" and t.orientation == "h" and t.y is not None),
                   default=0)
        if bars:  # one readable line per bar
            fig.update_layout(height=max(fig.layout.height or 0, 56 * bars + 160))
    # Streamlit's chart theme sets its own (smaller, grey) axis fonts: the workshop mode keeps ours.
    st.plotly_chart(fig, key=f"chart_{key}", config={"displaylogo": False}, theme=None if workshop else "streamlit")
    if csv:
        download_csv(data, name, f"chart_{key}")
