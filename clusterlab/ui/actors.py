"""Widgets of the actors page: shared filters, cached network computations, and the charts."""
from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import streamlit as st

from clusterlab import actors
from clusterlab.contract import STAGES
from clusterlab.palette import RELATION, RELATION_DASH, STAKEHOLDER, STAKEHOLDER_SYMBOL
from clusterlab.ui.frame import tr
from clusterlab.ui.plain import chart_text

TOP_LABELS = 25  # a grid this small shows every name
TOP_NAMED = 10  # a network names its leaders, the chosen neighbourhood and this many first by centrality
NETWORK_LABEL = 13  # px, on a laptop; the workshop mode enlarges it (widgets.readable)
PALETTE = px.colors.qualitative.Dark24
TIE = {"width": 0.7, "color": RELATION["positive"], "dash": RELATION_DASH["positive"]}
CONFLICT = {"width": 1.8, "color": RELATION["negative"], "dash": RELATION_DASH["negative"]}


def colours(values: pd.Series) -> dict[str, str]:
    """One colour per category (or stage), the same in every chart of the page."""
    names = sorted(values.fillna("—").astype(str).unique())
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(names)}


def filters(inv: pd.DataFrame) -> actors.Filters:
    """The filters every view of the page follows."""
    def options(column: str) -> list[str]:
        return sorted(inv[column].dropna().unique().tolist())

    yes_no = {None: tr("filter.all"), True: tr("filter.yes"), False: tr("filter.no")}
    with st.expander(tr("actors.filters"), icon=":material/filter_list:", expanded=False):
        a, b, c = st.columns(3)
        anything = tr("widget.choose_many")
        f = actors.Filters(
            categories=a.multiselect(tr("field.category"), options("category"), key="f_category", placeholder=anything),
            stages=b.multiselect(tr("field.stage"), options("stage"), key="f_stage", placeholder=anything),
            regions=c.multiselect(tr("field.region"), options("region"), key="f_region", placeholder=anything),
        )
        d, e, g = st.columns(3)
        f.localities = d.multiselect(tr("field.locality"), options("locality"), key="f_locality", placeholder=anything)
        f.interviewed = e.segmented_control(tr("actors.interviewed"), list(yes_no), format_func=yes_no.get,
                                            key="f_interviewed", default=None)
        f.leader = g.segmented_control(tr("actors.leader"), list(yes_no), format_func=yes_no.get,
                                       key="f_leader", default=None)
    return f


def stage_label(stage: str | None) -> str:
    return tr("stage." + (stage or "unknown"))


def chain_figure(placed: pd.DataFrame, leaders: set[str], palette: dict[str, str],
                 symbols: dict[str, str] | None = None) -> go.Figure:
    """Actors by stage, upstream to downstream, grouped by category (each in its `palette` colour and its
    `symbols` marker, if given), sized by size; the leaders named."""
    fig = go.Figure()
    size = np.sqrt(placed["size"].astype(float).fillna(1).clip(lower=1))
    largest = size.max() if len(size) else 1.0
    marker_size = 10 + 30 * size / (largest if pd.notna(largest) and largest else 1.0)
    for category, rows in placed.groupby(placed["category"].fillna("—"), sort=True):
        named = [n if a in leaders else "" for a, n in zip(rows["actor_id"], rows["name"], strict=True)]
        fig.add_trace(go.Scatter(x=rows["x"], y=rows["y"], mode="markers+text", name=category,
                                 text=named, customdata=rows["name"], textposition="middle right",
                                 textfont={"size": 11},
                                 hovertemplate="%{customdata}<extra>" + chart_text(category) + "</extra>",
                                 marker={"size": marker_size[rows.index], "color": palette.get(category),
                                         "symbol": (symbols or {}).get(category, "circle"),
                                         "line": {"width": 1.5, "color": "#333"}}))
    ticks = sorted(placed["x"].unique())
    names = {i: stage_label(s) for i, s in enumerate(STAGES)}
    names[STAGE_X_SUPPORT] = stage_label("support")
    fig.update_xaxes(tickvals=ticks, ticktext=[names.get(t, stage_label(None)) for t in ticks], side="top",
                     showgrid=True)
    fig.update_yaxes(visible=False, autorange="reversed")
    fig.update_layout(height=max(400, 28 * (placed["y"].max() + 2 if len(placed) else 10)),
                      legend={"title": tr("field.category")}, margin={"l": 10, "r": 10, "t": 40, "b": 10})
    return fig


STAGE_X_SUPPORT = STAGES.index("support") + 0.5


def flows_figure(matrix: pd.DataFrame) -> go.Figure:
    """Links between stages (`actors.stage_matrix`) as a stage × stage table read in value-chain order: the
    stage a link starts from down the side, upstream first, the stage it reaches along the top, the count in
    each cell; the diagonal empty (links within a stage are counted apart)."""
    labels = [stage_label(None if s == "unknown" else s) for s in matrix.index]
    counts = matrix.to_numpy()
    text = [["" if np.isnan(v) or not v else f"{v:.0f}" for v in row] for row in counts]  # no link: blank
    fig = go.Figure(go.Heatmap(
        z=counts, x=labels, y=labels, text=text, texttemplate="%{text}", colorscale="Blues", showscale=False,
        xgap=3, ygap=3, hoverongaps=False, zmin=0,
        hovertemplate=tr("actors.flows_hover", source="%{y}", target="%{x}", n="%{z:.0f}") + "<extra></extra>"))
    fig.update_xaxes(side="top", title=tr("actors.flows_to"), tickangle=0)
    fig.update_yaxes(autorange="reversed", title=tr("actors.flows_from"))
    fig.update_layout(height=max(320, 60 * len(labels) + 140), plot_bgcolor="#f4f4f4",
                      margin={"l": 10, "r": 10, "t": 80, "b": 10})
    return fig


def _lines(links: pd.DataFrame, pos: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """The x and y of links as one broken line (a gap between two links)."""
    ends = links[["source", "target"]].join(pos, on="source").join(pos.add_suffix("_to"), on="target").dropna()
    xs = np.column_stack([ends["x"], ends["x_to"], np.full(len(ends), np.nan)]).ravel()
    ys = np.column_stack([ends["y"], ends["y_to"], np.full(len(ends), np.nan)]).ravel()
    return xs, ys


def network_figure(nodes: pd.DataFrame, links: pd.DataFrame, colour: str, size_by: str,
                   highlight: set[str], palette: dict[str, str], leaders: set[str] = frozenset(),
                   negative_name: str | None = None) -> go.Figure:
    """Nodes at their stable positions, ties and conflicts (links with `negative` set; named `negative_name` in the
    legend) in their fixed colours and dashes (clusterlab.palette.RELATION). Only the actors that matter are
    named, at a size the room reads (`labelled`); every name is on hover."""
    pos = nodes.set_index("actor_id")[["x", "y"]]
    bad = links["negative"] if "negative" in links else pd.Series(False, index=links.index)
    xs, ys = _lines(links[~bad], pos)
    fig = go.Figure(go.Scatter(x=xs, y=ys, mode="lines", line=TIE, hoverinfo="skip", showlegend=False))
    if bad.any():
        xs, ys = _lines(links[bad], pos)
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line=CONFLICT, hoverinfo="skip",
                                 name=negative_name or tr("actors.conflict_ties")))
    values = nodes[size_by].astype(float).fillna(0)
    sizes = 8 + 32 * values / (values.max() or 1)
    named = labelled(nodes, size_by, highlight, leaders)
    for group, rows in nodes.groupby(nodes[colour].fillna("—"), sort=True):
        opacity = [1.0 if not highlight or a in highlight else 0.25 for a in rows["actor_id"]]
        fig.add_trace(go.Scatter(
            x=rows["x"], y=rows["y"], mode="markers+text", name=str(group),
            text=[n if a in named else "" for a, n in zip(rows["actor_id"], rows["name"], strict=True)],
            customdata=rows["name"], hovertemplate="%{customdata}<extra>" + chart_text(group) + "</extra>",
            textposition="top center", textfont={"size": NETWORK_LABEL},
            marker={"size": sizes[rows.index], "opacity": opacity, "color": palette.get(str(group)),
                    "line": {"width": 1, "color": "#222"}}))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x")
    fig.update_layout(height=650, legend={"title": tr("field." + colour)}, margin={"l": 0, "r": 0, "t": 10, "b": 0})
    return fig


def labelled(nodes: pd.DataFrame, size_by: str, highlight: set[str], leaders: set[str],
             top: int = TOP_NAMED) -> set[str]:
    """The actors whose names a network shows: the leaders, the chosen neighbourhood, and the `top` first by
    the chosen centrality (`size_by`), among the nodes drawn."""
    drawn = set(nodes["actor_id"])
    ranked = nodes.assign(_v=nodes[size_by].astype(float).fillna(0)).sort_values(["_v", "actor_id"],
                                                                                ascending=[False, True])
    return (set(ranked["actor_id"].head(top)) | set(leaders) | set(highlight)) & drawn


def _jitter(actor_id: str) -> float:
    """A small offset, the same for an actor every time, so that actors with equal scores stay visible."""
    return (int(hashlib.sha1(actor_id.encode()).hexdigest()[:6], 16) / 0xFFFFFF - 0.5) * 0.35


def grid_figure(scored: pd.DataFrame, split_influence: float, split_interest: float, leaders: set[str]) -> go.Figure:
    """Influence (y) against interest (x), the split lines and the four quadrants named; the names
    of the leaders and of the actors to manage closely shown (all names for a small grid)."""
    fig = go.Figure()
    # float: mapping an empty column of ids would keep its text type
    x = scored["interest"].astype(float) + scored["actor_id"].map(_jitter).astype(float)
    y = scored["influence"].astype(float) + scored["actor_id"].map(lambda a: _jitter(a[::-1])).astype(float)
    for quadrant_name in actors.QUADRANTS:
        rows = scored["quadrant"] == quadrant_name
        shown = [n if len(scored) <= TOP_LABELS or a in leaders or quadrant_name == "manage_closely" else ""
                 for a, n in zip(scored.loc[rows, "actor_id"], scored.loc[rows, "name"], strict=True)]
        fig.add_trace(go.Scatter(x=x[rows], y=y[rows], mode="markers+text", name=tr("quadrant." + quadrant_name),
                                 text=shown, customdata=scored.loc[rows, "name"], textposition="top center",
                                 hovertemplate="%{customdata}<extra></extra>", textfont={"size": 11},
                                 marker={"size": 13, "line": {"width": 1.5, "color": "#222"},
                                         "color": STAKEHOLDER[quadrant_name],
                                         "symbol": STAKEHOLDER_SYMBOL[quadrant_name]}))
    fig.add_vline(x=split_interest, line_dash="dash")
    fig.add_hline(y=split_influence, line_dash="dash")
    for name, (qx, qy) in {"manage_closely": (5.4, 5.4), "keep_satisfied": (0.6, 5.4),
                           "keep_informed": (5.4, 0.6), "monitor": (0.6, 0.6)}.items():
        fig.add_annotation(x=qx, y=qy, text=f"<b>{tr('quadrant.' + name)}</b>", showarrow=False,
                           xanchor="right" if qx > 3 else "left", font={"size": 14})
    fig.update_xaxes(range=[0.4, 5.6], title=tr("field.interest"), dtick=1)
    fig.update_yaxes(range=[0.4, 5.6], title=tr("field.influence"), dtick=1)
    fig.update_layout(height=600, margin={"l": 10, "r": 10, "t": 10, "b": 10})
    return fig


def map_figure(placed: pd.DataFrame, palette: dict[str, str]) -> go.Figure:
    """Actors at their coordinates on plain axes: no tile server, nothing fetched."""
    fig = go.Figure()
    for category, rows in placed.groupby(placed["category"].fillna("—"), sort=True):
        fig.add_trace(go.Scatter(x=rows["longitude"], y=rows["latitude"], mode="markers", name=category,
                                 text=rows["name"], hovertemplate="%{text}<br>%{y:.4f}, %{x:.4f}<extra></extra>",
                                 marker={"size": 11, "color": palette.get(category),
                                         "line": {"width": 1, "color": "#222"}}))
    mean_lat = float(placed["latitude"].mean()) if len(placed) else 0.0
    fig.update_xaxes(title=tr("field.longitude"), showgrid=True)
    fig.update_yaxes(title=tr("field.latitude"), scaleanchor="x", scaleratio=1 / max(np.cos(np.radians(mean_lat)), 0.1),
                     showgrid=True)
    fig.update_layout(height=620, legend={"title": tr("field.category")}, margin={"l": 10, "r": 10, "t": 10, "b": 10})
    return fig
