"""Phase III, the strategic analysis of actors (Godet's MACTOR): objectives, direct influences and the balance
of power, positions on the objectives, possible alliances and conflicts; the formulas stated on the page."""
import streamlit as st

from clusterlab import mactor_charts
from clusterlab.ui import chart, context, open_tab, table, tr
from clusterlab.ui.strategy import (
    LEVEL_NAMES,
    actor_card,
    actor_chooser,
    conflicts,
    formulas,
    layer_choice,
    matrix_grid,
    network_layer,
    objective_editor,
    pair_graphs,
    proposals,
)

ctx = context()
a = ctx.analysis
st.title(tr("mactor.title"))
st.caption(tr("mactor.intro"))
QUADRANTS = {"quadrant": lambda q: tr("mactor.quadrant_" + q)}
titles = dict(zip(a.objectives["objective_id"], a.objectives["objective"], strict=True))


def objectives_tab() -> None:
    objective_editor(a)


def influences_tab() -> None:
    actor_chooser(a)
    matrix_grid(a, "influences")
    proposals(a, "influences")


def positions_tab() -> None:
    if a.objectives.empty:
        st.info(tr("mactor.no_objectives"))
        return
    matrix_grid(a, "positions")
    proposals(a, "positions")


def balance_tab() -> None:
    formulas("midi", "md", "r")
    actors = a.mactor_actors
    chart(mactor_charts.plane(actors, ctx.lang), actors, "mactor_plane", "mactor_plane")
    st.caption(tr("mactor.plane_caption"))
    chart(mactor_charts.balance_bars(actors, ctx.lang), actors[["actor_id", "name", "r_star"]],
          "mactor_balance", "mactor_balance")
    table(actors, "mactor_actors", "mactor_actors", values=QUADRANTS)


def map_tab() -> None:
    formulas("mao", "mobilisation")
    chart(mactor_charts.objective_map(a.mao3, a.names, titles, ctx.lang), a.mactor_tables["mactor_positions"],
          "mactor_positions", "mactor_map")
    levels = {"mao3": "3MAO", "mao2": "2MAO"}
    level = st.segmented_control(tr("mactor.level"), list(levels), format_func=levels.get, key="mactor_level",
                                 default="mao3") or "mao3"
    chart(mactor_charts.mobilisation_bars(a.mobilisation, level, ctx.lang), a.mobilisation, "objectives",
          "mactor_mobilisation", csv=False)
    table(a.mobilisation, "objectives", "mactor_mobilisation")
    st.subheader(tr("mactor.card"))
    actor_card(a)


def alliances_tab() -> None:
    formulas("pairs")
    level = st.segmented_control(tr("mactor.level"), list(LEVEL_NAMES), format_func=LEVEL_NAMES.get,
                                 key="mactor_pairs_level", default="2") or "2"
    pairs = a.mactor_pairs
    top = float(pairs[[f"caa{level}", f"daa{level}"]].to_numpy().max()) if len(pairs) else 0.0
    threshold = st.slider(tr("mactor.threshold"), 0.0, max(top, 1.0), 0.0, step=0.5, key=f"mactor_threshold_{level}")
    pair_graphs(a, level, threshold)
    table(pairs, "mactor_pairs", "mactor_pairs")
    conflicts(a, level)


def network_tab() -> None:
    layer = layer_choice(a, "mactor_layer", "influences", level_always=True)
    network_layer(a, layer)
    conflicts(a, layer.level)


TABS = {
    "objectives": objectives_tab,
    "influences": influences_tab,
    "positions": positions_tab,
    "balance": balance_tab,
    "map": map_tab,
    "alliances": alliances_tab,
    "network": network_tab,
}
open_tab("strategy_tab", TABS, "mactor.tab_")
