"""Phase III's figures carry mactor's numbers: the plane, the r* bars, the map, the mobilisation and the graphs
(a threshold leaves weaker links out, stronger links are thicker), labelled in the page's language."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from clusterlab import mactor, mactor_charts
from tests.test_mactor import MAO2, MID

NAMES = {"A": "Alpha", "B": "Béta", "C": "Gamma", "D": "Delta"}


def _balance() -> pd.DataFrame:
    table = mactor.balance(MID)
    return table.assign(name=table["actor_id"].map(NAMES))


def test_the_plane_and_the_bars_show_m_d_and_r_star():
    actors = _balance()
    plane = mactor_charts.plane(actors, "fr")
    shown = {a: (x, y) for trace in plane.data for a, x, y in zip(trace.customdata, trace.x, trace.y)}
    assert shown == {a: (d, m) for a, d, m in zip(actors["actor_id"], actors["dependence"], actors["influence"])}
    assert plane.layout.yaxis.title.text == "Influence M" and plane.layout.xaxis.title.text == "Dépendance D"
    bars = mactor_charts.balance_bars(actors, "en")
    assert dict(zip(bars.data[0].y, bars.data[0].x)) == pytest.approx(dict(zip(actors["name"], actors["r_star"])))


def test_the_map_is_3mao_centred_on_zero():
    r_star = _balance().set_index("actor_id")["r_star"]
    three = mactor.mao3(MAO2, r_star)
    fig = mactor_charts.objective_map(three, NAMES, {"O1": "Prix"}, "en")
    heat = fig.data[0]
    assert heat.zmid == 0 and heat.zmin == -heat.zmax
    assert list(heat.x) == ["Prix", "O2", "O3"] and list(heat.y) == ["Alpha", "Béta", "Gamma", "Delta"]
    assert heat.z.tolist() == three.to_numpy().tolist()


def test_the_graph_leaves_out_the_links_below_the_threshold_and_thickens_the_strong_ones():
    pairs = mactor.pairs(MAO2, _balance().set_index("actor_id")["r_star"])
    fig = mactor_charts.pair_graph(pairs, "caa2", 0.0, NAMES, "en", list(NAMES))
    lines = [trace for trace in fig.data if trace.mode == "lines"]
    drawn = sum(int(np.isnan(trace.x).sum()) for trace in lines)  # a NaN after each link
    assert drawn == int((pairs["caa2"] > 0).sum())
    widths = {trace.line.width: int(np.isnan(trace.x).sum()) for trace in lines}
    strongest = pairs["caa2"].max()
    assert widths[max(widths)] == int((pairs["caa2"] == strongest).sum())
    fewer = mactor_charts.pair_graph(pairs, "caa2", strongest, NAMES, "en", list(NAMES))
    assert sum(int(np.isnan(trace.x).sum()) for trace in fewer.data if trace.mode == "lines") == widths[max(widths)]
    assert fewer.layout.title.text == "Convergences (2MAO)"
    words = mactor_charts.strongest(pairs, "daa1", NAMES, n=2)
    expected = pairs.sort_values(["daa1", "actor_a", "actor_b"], ascending=[False, True, True]).head(2)
    assert [(a, b) for a, b, _ in words] == [(NAMES[a], NAMES[b]) for a, b in zip(expected["actor_a"],
                                                                                   expected["actor_b"])]
