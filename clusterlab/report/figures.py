"""The report's charts, drawn by matplotlib into PNG at print quality (200 dpi): titled, with units and the
source under them, and readable in black and white (bars in dark grey with their values written on them,
categories told apart by hatching as well as colour). No browser, no network, fonts bundled with matplotlib.

The object-oriented API only (no pyplot): safe from the app's threads."""
from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence

import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from clusterlab.report.numbers import number

DPI = 200
WIDTH_IN = 6.3  # 16 cm: the text width of an A4 page with 2.5 cm margins
INK = "#222222"
BAR = "#4d4d4d"
HATCHES = ("", "///", "...", "xx", "\\\\\\", "++", "oo", "--")
# Okabe–Ito: told apart by colour-blind readers; each paired with a hatch for black-and-white prints.
COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")


def _figure(height_in: float) -> Figure:
    fig = Figure(figsize=(WIDTH_IN, height_in), dpi=DPI)
    FigureCanvasAgg(fig)
    return fig


def _png(fig: Figure, title: str, source: str) -> bytes:
    fig.suptitle(title, fontsize=11, fontweight="bold", color=INK, x=0.01, ha="left")
    fig.text(0.01, 0.005, source, fontsize=7, color="#555555", ha="left", va="bottom")
    fig.tight_layout(rect=(0, 0.04, 1, 0.95))
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, facecolor="white")
    return buffer.getvalue()


def bars(labels: Sequence[str], values: Sequence[float], title: str, unit: str, source: str, lang: str,
         decimals: int = 0) -> bytes:
    """Horizontal bars, largest first from the top, each with its value written at its end."""
    labels = [_short(str(x)) for x in labels]
    fig = _figure(max(2.0, 0.32 * len(labels) + 1.2))
    ax = fig.add_subplot()
    positions = range(len(labels))[::-1]
    ax.barh(list(positions), list(values), color=BAR, height=0.65)
    ax.set_yticks(list(positions), labels, fontsize=8, color=INK)
    ax.set_xlabel(unit, fontsize=8, color=INK)
    top = max([float(v) for v in values] or [0]) or 1
    for y, v in zip(positions, values, strict=True):
        ax.text(float(v) + top * 0.01, y, number(v, lang, decimals), va="center", fontsize=7.5, color=INK)
    ax.set_xlim(0, top * 1.12)
    ax.xaxis.set_major_formatter(lambda v, _pos: number(v, lang, decimals if top < 10 else 0))
    _plain(ax)
    return _png(fig, title, source)


def quadrants(panels: dict[str, tuple[Sequence[str], Sequence[float]]], title: str, unit: str, source: str,
              lang: str) -> bytes:
    """Four panels of horizontal bars, two by two (a SWOT's quadrants): each panel titled by its key, its
    (labels, values) largest first from the top with their values written on them, one scale for all four."""
    fig = _figure(6.0)
    top = max([float(v) for _, values in panels.values() for v in values] or [0]) or 1
    rows = max([len(labels) for labels, _ in panels.values()] or [1])
    for i, (name, (labels, values)) in enumerate(panels.items()):
        ax = fig.add_subplot(2, 2, i + 1)
        positions = list(range(rows - 1, rows - 1 - len(labels), -1))
        ax.barh(positions, [float(v) for v in values], color=BAR, height=0.65)
        ax.set_yticks(positions, [_wrapped(str(x)) for x in labels], fontsize=6.5, color=INK)
        ax.set_ylim(-0.6, rows - 0.4)
        for y, v in zip(positions, values, strict=True):
            ax.text(float(v) + top * 0.02, y, number(v, lang), va="center", fontsize=7, color=INK)
        ax.set_xlim(0, top * 1.18)
        ax.set_title(name, fontsize=9, fontweight="bold", color=INK, loc="left")
        ax.set_xlabel(unit, fontsize=7, color=INK)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.xaxis.set_major_formatter(lambda v, _pos: number(v, lang))
        _plain(ax)
        ax.tick_params(labelsize=7)
    return _png(fig, title, source)


def grouped(frame: pd.DataFrame, title: str, unit: str, source: str, lang: str) -> bytes:
    """Vertical bars grouped by the frame's index, one series a column, each series its colour and hatch."""
    fig = _figure(3.2)
    ax = fig.add_subplot()
    n = len(frame.columns)
    width = 0.8 / max(n, 1)
    for i, column in enumerate(frame.columns):
        xs = [x + (i - (n - 1) / 2) * width for x in range(len(frame))]
        ax.bar(xs, frame[column].fillna(0).tolist(), width=width, label=str(column), color=COLOURS[i % len(COLOURS)],
               hatch=HATCHES[i % len(HATCHES)], edgecolor=INK, linewidth=0.5)
    ax.set_xticks(range(len(frame)), [_short(str(x), 18) for x in frame.index], fontsize=8, color=INK)
    ax.set_ylabel(unit, fontsize=8, color=INK)
    ax.yaxis.set_major_formatter(lambda v, _pos: number(v, lang))
    ax.legend(fontsize=7.5, frameon=False)
    _plain(ax, horizontal=False)
    return _png(fig, title, source)


def network(layout: pd.DataFrame, links: pd.DataFrame, groups: pd.Series, order: Sequence[str], labelled: set[str],
            names: dict[str, str], title: str, source: str) -> bytes:
    """The actors at their positions (x, y by actor_id), links as thin grey lines, one marker shape and
    colour per group (the value-chain stage, `groups` by actor_id, listed in `order` and then the others);
    only the `labelled` actors are named."""
    fig = _figure(5.2)
    ax = fig.add_subplot()
    xy = layout.set_index("actor_id")[["x", "y"]]
    for _, link in links.iterrows():
        if link["source"] in xy.index and link["target"] in xy.index:
            a, b = xy.loc[link["source"]], xy.loc[link["target"]]
            ax.plot([a["x"], b["x"]], [a["y"], b["y"]], color="#9a9a9a", linewidth=0.5, zorder=1)
    markers = "osD^vP*Xh<>"
    named = groups.fillna("—")
    shown = [g for g in order if g in set(named)] + sorted(set(named) - set(order))
    for i, group in enumerate(shown):
        here = xy.loc[[m for m in named.index[named == group] if m in xy.index]]
        ax.scatter(here["x"], here["y"], s=28, marker=markers[i % len(markers)], color=COLOURS[i % len(COLOURS)],
                   edgecolors=INK, linewidths=0.4, label=_short(str(group), 24), zorder=2)
    for actor in sorted(labelled & set(xy.index)):
        ax.annotate(_short(names.get(actor, actor), 28), xy.loc[actor], fontsize=6.5, color=INK,
                    xytext=(4, 3), textcoords="offset points", zorder=3)
    ax.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set_axis_off()
    return _png(fig, title, source)


def portfolio(frame: pd.DataFrame, title: str, x_label: str, y_label: str, source: str, lang: str) -> bytes:
    """Candidate projects on impact (up) against feasibility (right), both 0–1, a circle sized by the actors
    committed, marked by their verdict (`frame`: title, feasibility, impact, actors, verdict as words)."""
    fig = _figure(4.2)
    ax = fig.add_subplot()
    for i, (verdict, rows) in enumerate(frame.groupby("verdict", sort=True)):
        ax.scatter(rows["feasibility"], rows["impact"], s=40 + 30 * rows["actors"].astype(float), alpha=0.7,
                   color=COLOURS[i % len(COLOURS)], edgecolors=INK, linewidths=0.6, hatch=HATCHES[i % len(HATCHES)],
                   label=str(verdict))
        for x, y, name in zip(rows["feasibility"], rows["impact"], rows["title"], strict=True):
            ax.annotate(_short(str(name), 30), (x, y), xytext=(0, 9), textcoords="offset points", ha="center",
                        fontsize=7, color=INK)
    ax.axhline(0.5, color="#999999", linewidth=0.6, linestyle=":")
    ax.axvline(0.5, color="#999999", linewidth=0.6, linestyle=":")
    ax.set_xlim(-0.05, 1.05)
    ax.set_ylim(-0.05, 1.1)
    ax.set_xlabel(x_label, fontsize=8, color=INK)
    ax.set_ylabel(y_label, fontsize=8, color=INK)
    ax.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.xaxis.set_major_formatter(lambda v, _pos: number(v, lang, 1))
    ax.yaxis.set_major_formatter(lambda v, _pos: number(v, lang, 1))
    _plain(ax)
    return _png(fig, title, source)


def _plain(ax, horizontal: bool = True) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=8, colors=INK)
    (ax.xaxis if horizontal else ax.yaxis).grid(True, color="#dddddd", linewidth=0.5)
    ax.set_axisbelow(True)


def _wrapped(text: str, width: int = 24, lines: int = 2) -> str:
    """A label on at most `lines` lines of `width` characters, cut short with "…" beyond."""
    wrapped = textwrap.wrap(text, width) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines - 1] + [_short(" ".join(wrapped[lines - 1:]), width)]
    return "\n".join(wrapped)


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
