"""Data shown as data: every text that comes from a workbook or was typed (names, items, problems, titles,
options, messages quoting them) is displayed as plain text, with no formatting, link, image or request.
`escape_markdown` for everything Streamlit reads as markdown, `chart_text` for what plotly reads as HTML."""
from __future__ import annotations

import re

import numpy as np
import plotly.graph_objects as go

MARKUP = set("\\`*_{}[]()<>#+-.!|~$:&")  # markdown, Streamlit's :icon: and :colour[…] directives, entities
WORD_JOINER = "\u2060"  # invisible: splits what GitHub-flavoured markdown would turn into a link by itself
AUTOLINKED = re.compile(r"(?i)\b(https?|ftp|mailto|xmpp|www)(?=[:.])|@")


def escape_markdown(text: object) -> str:
    """Text from the data (a name, an item, a title, a message quoting them) made safe for every place
    Streamlit reads markdown (titles, captions, alerts, widget labels): each markup character escaped,
    so that it shows as typed: no formatting, no link, no image, no icon, nothing fetched.

    Escapes cannot stop GitHub-flavoured markdown from linking a bare `http://…`, `www.…` or `name@host`
    (it finds them in the text after reading the escapes): an invisible word joiner after `http`, `www` or
    `@` breaks them, and the text still reads the same."""
    joined = AUTOLINKED.sub(lambda m: m.group(0) + WORD_JOINER, str(text))
    return "".join("\\" + c if c in MARKUP else c for c in joined)


def chart_text(text: object) -> str:
    """Text from the data made safe for plotly, which reads a few HTML tags (`<b>`, `<a href>`): `&`, `<`
    and `>` as entities, which plotly shows as the characters themselves."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _chart_texts(value: object) -> object:
    if isinstance(value, str):
        return chart_text(value)
    if isinstance(value, np.ndarray) and value.dtype.kind in "OUS":
        return np.array([_chart_texts(v) for v in value.tolist()], dtype=object).reshape(value.shape)
    if isinstance(value, list | tuple):
        return type(value)(_chart_texts(v) for v in value)
    return value


TRACE_TEXTS = ("x", "y", "text", "customdata", "hovertext", "name", "labels")


def plain_figure(fig: go.Figure) -> go.Figure:
    """Every piece of data a figure shows (its traces' values, texts, names and labels, a Sankey's node
    labels, the title and tick labels) passed through `chart_text`. Templates and annotations are the
    page's own: a page escapes with `chart_text` the data it writes into them."""
    for trace in fig.data:
        for attribute in TRACE_TEXTS:
            if attribute in trace and trace[attribute] is not None:
                trace[attribute] = _chart_texts(trace[attribute])
        if trace.type == "sankey" and trace.node.label is not None:
            trace.node.label = _chart_texts(trace.node.label)
    if fig.layout.title.text:
        fig.layout.title.text = chart_text(fig.layout.title.text)
    fig.for_each_xaxis(lambda axis: axis.update(ticktext=_chart_texts(axis.ticktext)) if axis.ticktext else None)
    fig.for_each_yaxis(lambda axis: axis.update(ticktext=_chart_texts(axis.ticktext)) if axis.ticktext else None)
    return fig
