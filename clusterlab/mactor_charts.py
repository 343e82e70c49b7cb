"""Phase III's figures, built from the analysis' MACTOR views (plotly objects, not drawn): the influence–
dependence plane, the balance of power, the actor × objective map, the mobilisation of each objective and the
convergence or divergence graph. Labels in the page's language (`lang`)."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from clusterlab.i18n import t

FOR, AGAINST = "#1a7f37", "#b42318"  # green for, red against (with the sign and the side, never colour alone)
DIVERGING = [[0.0, AGAINST], [0.5, "#f7f7f7"], [1.0, FOR]]
QUADRANT_COLOURS = {"dominant": "#1f4e79", "relay": "#7b3f99", "dominated": "#b26b00", "autonomous": "#6b6b6b"}


def plane(actors: pd.DataFrame, lang: str) -> go.Figure:
    """Influence M (up) against dependence D (across), split at the means into the four quadrants."""
    fig = go.Figure()
    for quadrant, colour in QUADRANT_COLOURS.items():
        part = actors[actors["quadrant"] == quadrant]
        fig.add_trace(go.Scatter(x=part["dependence"], y=part["influence"], mode="markers+text", text=part["name"],
                                 textposition="top center", name=t("mactor.quadrant_" + quadrant, lang),
                                 marker={"size": 14, "color": colour}, customdata=part["actor_id"]))
    if len(actors):
        fig.add_hline(y=actors["influence"].mean(), line_dash="dot", line_color="#888888")
        fig.add_vline(x=actors["dependence"].mean(), line_dash="dot", line_color="#888888")
        fig.update_xaxes(range=_padded(actors["dependence"], low=0.3, top=0.3))
        fig.update_yaxes(range=_padded(actors["influence"], top=0.2))
    fig.update_layout(title=t("mactor.plane_title", lang), xaxis_title=t("mactor.axis_dependence", lang),
                      yaxis_title=t("mactor.axis_influence", lang), height=560)
    return fig


def _padded(values: pd.Series, low: float = 0.12, top: float = 0.12) -> list[float]:
    """An axis range with room around the points for their names."""
    least, most = float(values.min()), float(values.max())
    span = (most - least) or max(abs(most), 1.0)
    return [least - low * span, most + top * span]


def balance_bars(actors: pd.DataFrame, lang: str) -> go.Figure:
    """The normalised balance of power r* of each actor, the strongest on top (1 is the mean)."""
    ranked = actors.sort_values("r_star")
    fig = go.Figure(go.Bar(x=ranked["r_star"], y=ranked["name"], orientation="h", text=ranked["r_star"].round(2),
                           marker_color="#1f4e79", name=t("column.r_star", lang)))
    fig.add_vline(x=1, line_dash="dot", line_color="#888888")
    fig.update_layout(title=t("mactor.balance_title", lang), xaxis_title=t("column.r_star", lang),
                      height=max(320, 30 * len(ranked) + 140))
    return fig


def objective_map(mao: pd.DataFrame, names: dict[str, str], objectives: dict[str, str], lang: str,
                  title_key: str = "mactor.map_title") -> go.Figure:
    """Actors down, objectives across; red against, green for, white neutral (centred on 0)."""
    limit = float(mao.abs().to_numpy().max()) if mao.size else 1.0
    fig = go.Figure(go.Heatmap(z=mao.to_numpy(), x=[objectives.get(o, o) for o in mao.columns],
                               y=[names.get(a, a) for a in mao.index], colorscale=DIVERGING, zmid=0,
                               zmin=-(limit or 1), zmax=limit or 1, text=mao.round(2).to_numpy(),
                               texttemplate="%{text}", hovertemplate="%{y} — %{x}: %{z}<extra></extra>"))
    fig.update_layout(title=t(title_key, lang), height=max(360, 34 * len(mao.index) + 180),
                      yaxis={"autorange": "reversed"})
    return fig


def mobilisation_bars(mobilisation: pd.DataFrame, level: str, lang: str) -> go.Figure:
    """Per objective, what rallies (for, right) and what opposes (against, left) in 2MAO or 3MAO (`level`)."""
    labels = mobilisation["objective"].where(mobilisation["objective"].notna(), mobilisation["objective_id"])
    fig = go.Figure([
        go.Bar(y=labels, x=mobilisation[f"mobilisation_for_{level}"], orientation="h", marker_color=FOR,
               name=t("mactor.for", lang), text=mobilisation[f"mobilisation_for_{level}"].round(2)),
        go.Bar(y=labels, x=mobilisation[f"mobilisation_against_{level}"], orientation="h", marker_color=AGAINST,
               name=t("mactor.against", lang), text=mobilisation[f"mobilisation_against_{level}"].round(2)),
    ])
    shown = {"mao2": "2MAO", "mao3": "3MAO"}.get(level, level)
    fig.update_layout(barmode="relative", title=t("mactor.mobilisation_title", lang, level=shown),
                      xaxis_title=t("mactor.mobilisation_axis", lang), height=max(320, 40 * len(labels) + 140))
    return fig


def circle(ids: list[str]) -> dict[str, tuple[float, float]]:
    """The actors around a circle, in their order: a layout that never moves between reruns."""
    n = max(len(ids), 1)
    return {a: (math.cos(2 * math.pi * i / n), math.sin(2 * math.pi * i / n)) for i, a in enumerate(ids)}


WIDTH_CLASSES = 5  # the links are drawn in this many thicknesses (one trace each: hundreds of links stay fast)


def pair_graph(pairs: pd.DataFrame, column: str, threshold: float, names: dict[str, str], lang: str,
               ids: list[str]) -> go.Figure:
    """The pairs whose `column` (caa1…daa3) reaches `threshold`, as lines between the actors: the stronger the
    thicker (five thicknesses, up to the strongest). Green for convergences, red for divergences; each link's
    value shows on its middle."""
    where = circle(ids)
    shown = pairs[(pairs[column] >= threshold) & (pairs[column] > 0)] if len(pairs) else pairs
    strongest_value = float(shown[column].max()) if len(shown) else 1.0
    colour = FOR if column.startswith("caa") else AGAINST
    fig = go.Figure()
    if len(shown):
        width_class = ((shown[column] / strongest_value) * WIDTH_CLASSES).clip(1, WIDTH_CLASSES).round().astype(int)
        for level in sorted(width_class.unique()):
            part = shown[width_class == level]
            ends = np.array([[*where[a], *where[b]] for a, b in zip(part["actor_a"], part["actor_b"], strict=True)])
            gap = np.full(len(ends), np.nan)  # a NaN between two links: the line breaks
            xs = np.column_stack([ends[:, 0], ends[:, 2], gap]).ravel()
            ys = np.column_stack([ends[:, 1], ends[:, 3], gap]).ravel()
            fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", showlegend=False, hoverinfo="skip",
                                     line={"width": 1.5 * level, "color": colour}))
        fig.add_trace(go.Scatter(
            x=[(where[a][0] + where[b][0]) / 2 for a, b in zip(shown["actor_a"], shown["actor_b"], strict=True)],
            y=[(where[a][1] + where[b][1]) / 2 for a, b in zip(shown["actor_a"], shown["actor_b"], strict=True)],
            mode="markers", marker={"size": 6, "color": colour, "opacity": 0.3}, showlegend=False, hoverinfo="text",
            text=[f"{names.get(a, a)} — {names.get(b, b)}: {v:.2f}"
                  for a, b, v in zip(shown["actor_a"], shown["actor_b"], shown[column], strict=True)]))
    fig.add_trace(go.Scatter(x=[where[a][0] for a in ids], y=[where[a][1] for a in ids], mode="markers+text",
                             text=[names.get(a, a) for a in ids], textposition="top center", showlegend=False,
                             marker={"size": 12, "color": "#1f4e79"}, hoverinfo="text"))
    fig.update_layout(title=t("mactor.graph_" + column[:3], lang, level=column[3:]), height=560,
                      xaxis={"visible": False, "range": [-2.0, 2.0]}, yaxis={"visible": False, "range": [-1.3, 1.35]})
    return fig


def strongest(pairs: pd.DataFrame, column: str, names: dict[str, str], n: int = 5) -> list[tuple[str, str, float]]:
    """The `n` strongest pairs by `column`, as (name, name, value); nothing at 0."""
    if not len(pairs):
        return []
    top = pairs[pairs[column] > 0].sort_values([column, "actor_a", "actor_b"], ascending=[False, True, True]).head(n)
    return [(names.get(a, a), names.get(b, b), float(v))
            for a, b, v in zip(top["actor_a"], top["actor_b"], top[column], strict=True)]
