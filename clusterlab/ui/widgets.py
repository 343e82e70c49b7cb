"""Widgets shared by the pages: tables and charts that always offer their data as CSV, in the chosen
language on screen and with the contract's field names in the file; data shown as data (plain.py)."""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from clusterlab.errors import ClusterlabError
from clusterlab.exporter import to_csv
from clusterlab.i18n import catalogue
from clusterlab.ui.frame import context, tr
from clusterlab.ui.plain import chart_text, escape_markdown, plain_figure

__all__ = ["chart", "chart_text", "column_label", "download_csv", "escape_markdown", "table"]

WORKSHOP_FONT = 22  # px: chart text read from the back of the room
NORMAL_FONT = 12  # px: the smallest chart text on a laptop
BAR_PX = 50  # px per bar of a horizontal bar chart in workshop mode: one line of large text each
MISSING = "—"  # what an empty cell shows (Streamlit's default is the English "None")
LABEL_PREFIXES = ("column.", "field.", "metric.")  # where a column's on-screen label is looked up, in order
VALUE_LABELS = {"field": "field."}  # columns whose values are catalogue words on screen (strengths → Forces)


def download_csv(df: pd.DataFrame, name: str, key: str) -> None:
    """Two buttons: CSV (comma, UTF-8) and CSV for French Excel (`;`, UTF-8 with BOM)."""
    row = st.container(horizontal=True)
    row.download_button(tr("csv.download"), data=lambda: to_csv(df), file_name=f"{name}.csv", mime="text/csv",
                         key=f"csv_{key}", on_click="ignore", icon=":material/download:")
    row.download_button(tr("csv.download_fr"), data=lambda: to_csv(df, french_excel=True),
                          file_name=f"{name}_excel-fr.csv", mime="text/csv", key=f"csvfr_{key}",
                          on_click="ignore", icon=":material/download:")


def column_label(name: object) -> str | None:
    """A column's label in the chosen language: `column.<name>`, else `field.<name>`, else `metric.<name>`
    in the catalogue; None for a column the catalogue does not know (a scenario's name, say)."""
    known = catalogue(context().lang)
    return next((tr(prefix + str(name)) for prefix in LABEL_PREFIXES if prefix + str(name) in known), None)


def table(df: pd.DataFrame, name: str, key: str, labels: dict[str, str] | None = None,
          values: dict[str, Callable[[str], str]] | None = None, **kwargs) -> None:
    """A table with its CSV. On screen only, every column is headed by its `labels` entry or its catalogue
    label (`column_label`), and the values of `values`' columns (and of VALUE_LABELS') are shown through
    their function (given the value as text); the CSV keeps the field names and values. Cells are plain text."""
    config = dict(kwargs.pop("column_config", None) or {})
    for column in df.columns:
        label = (labels or {}).get(column) or column_label(column)
        given = config.get(column)
        if given is None:
            config[column] = st.column_config.Column(label)
        elif isinstance(given, dict) and not given.get("label"):
            config[column] = {**given, "label": label}
    if df.empty:  # Streamlit's grid would say "empty", in English: say it in the page's language
        st.caption(tr("table.no_rows", columns=", ".join((config[c] or {}).get("label") or column_label(c)
                                                          for c in df.columns)))
        download_csv(df, name, key)
        return
    words = {c: (lambda v, p=p: tr(p + v)) for c, p in VALUE_LABELS.items()} | (values or {})
    shown = df.assign(**{c: df[c].map(lambda v, f=f: v if _missing(v) else f(str(v))) for c, f in words.items()
                         if c in df.columns})
    st.dataframe(shown, hide_index=True, key=f"table_{key}", column_config=config, placeholder=MISSING, **kwargs)
    download_csv(df, name, key)


def open_tab(key: str, tabs: dict[str, Callable[[], None]], label_prefix: str) -> None:
    """Draw the tabs and run only the open one's function, inside it (the others cost nothing until
    chosen). Labels are the catalogue's `label_prefix + name`."""
    drawn = st.tabs([tr(label_prefix + name) for name in tabs], key=key, on_change="rerun")
    name, where = next(((n, t) for n, t in zip(tabs, drawn, strict=True) if t.open), (next(iter(tabs)), drawn[0]))
    with where:
        tabs[name]()


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value) or value is pd.NA or value is pd.NaT


def readable(fig: go.Figure, workshop: bool) -> go.Figure:
    """Every text plotly draws at the size of the mode, set here once: titles, axis titles and ticks, legends,
    bar values, point labels, heatmap cells, annotations, hover boxes. Workshop mode: large and black, for
    the back of the room (WORKSHOP_FONT); normal mode: the sizes the figures chose, never below NORMAL_FONT."""
    fig.update_traces(textangle=0, selector={"type": "bar"})  # counts read horizontally, never sideways
    size = WORKSHOP_FONT if workshop else NORMAL_FONT
    labels = size - 4 if workshop else size  # a point's or an annotation's label: a little smaller than axes
    for trace in fig.data:
        if trace.type == "heatmap" or (trace.type == "scatter" and trace.text is not None):
            trace.textfont.size = max(trace.textfont.size or 0, labels)
    for note in fig.layout.annotations:
        note.font.size = max(note.font.size or 0, labels)
    if not workshop:
        return fig
    big, black = {"size": size, "color": "#000000"}, "#000000"
    fig.update_layout(font=big, title_font={"size": size + 6, "color": black}, legend_font=big,
                      legend_title_font=big, hoverlabel_font_size=size, margin={"t": 70}, template="plotly_white")
    fig.update_xaxes(tickfont=big, title_font=big)
    fig.update_yaxes(tickfont=big, title_font=big)
    fig.update_traces(textfont_size=size, textposition="outside", cliponaxis=False, selector={"type": "bar"})
    fig.update_traces(textfont_size=size, selector={"type": "sankey"})
    fig.update_coloraxes(colorbar_tickfont=big, colorbar_title_font=big)
    bars = max((len(set(t.y)) for t in fig.data if t.type == "bar" and t.orientation == "h" and t.y is not None),
               default=0)
    if bars:  # one readable line per bar
        fig.update_layout(height=max(fig.layout.height or 0, BAR_PX * bars + 160))
    return fig


def chart(fig: go.Figure, data: pd.DataFrame, name: str, key: str, csv: bool = True) -> None:
    """A plotly chart, with large type in workshop mode (`readable`), and its data as CSV (`csv=False` when
    the same data is shown as a table next to it)."""
    workshop = context().workshop
    plain_figure(fig)
    readable(fig, workshop)
    # Streamlit's chart theme sets its own (smaller, grey) axis fonts: the workshop mode keeps ours.
    st.plotly_chart(fig, key=f"chart_{key}", config={"displaylogo": False}, theme=None if workshop else "streamlit")
    if csv:
        download_csv(data, name, f"chart_{key}")


def saved(write: Callable[[], object]) -> None:
    """Run one write of the store: rerun the page when it is done, say why (in the page's language)
    when it is refused."""
    try:
        write()
    except ClusterlabError as exc:
        st.error(escape_markdown(exc.message(context().lang)))
        return
    st.rerun()
