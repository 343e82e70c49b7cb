"""What the room sees: the links between stages in value-chain order without self-loops, a network that
names only the actors that matter, the plan's fixed status colours, and chart text scaled by the workshop
mode (widgets.readable), through the figures and through AppTest on the demo."""
from __future__ import annotations

import base64
import json
from datetime import date

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from clusterlab import actors, palette
from clusterlab.contract import STAGES
from clusterlab.i18n import t
from clusterlab.ui.widgets import NORMAL_FONT, WORKSHOP_FONT, readable
from tests.apptest import app, page, show_tab

ORDER = [*STAGES, "unknown"]


def _flows() -> pd.DataFrame:
    """Links as stage_flows gives them: out of chain order, with links inside a stage."""
    inv = pd.DataFrame({"actor_id": list("ABCDEFG"),
                        "stage_key": ["distribution", "production", "inputs", "production", "processing", None,
                                      "support"]})
    links = pd.DataFrame({"source": list("ABBCDEGAF"), "target": list("BDEABABCB")})
    return actors.stage_flows(inv, links)


def test_the_stage_matrix_follows_the_chain_and_counts_links_within_a_stage_apart():
    flows = _flows()
    matrix, within = actors.stage_matrix(flows)
    present = set(flows["source_stage"]) | set(flows["target_stage"])
    assert list(matrix.index) == list(matrix.columns) == [s for s in ORDER if s in present]
    assert list(matrix.index) == ["inputs", "production", "processing", "distribution", "support", "unknown"]
    assert np.isnan(np.diag(matrix.to_numpy())).all()  # no stage linked to itself
    assert within == int(flows.loc[flows["source_stage"] == flows["target_stage"], "links"].sum()) == 2
    between = flows[flows["source_stage"] != flows["target_stage"]]
    assert np.nansum(matrix.to_numpy()) == between["links"].sum()
    assert matrix.at["distribution", "production"] == 1 and matrix.at["production", "processing"] == 1
    assert matrix.at["unknown", "production"] == 1 and matrix.at["production", "distribution"] == 0


def _array(value) -> np.ndarray:
    """A plotly JSON array: a list, or a typed array (base64 `bdata`, `dtype`, `shape`)."""
    if isinstance(value, dict):
        shape = [int(n) for n in str(value.get("shape", "-1")).split(",")]
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).reshape(shape).astype(float)
    return np.array(value, dtype=float)


def _heatmap(spec: dict) -> dict:
    return next(t for t in spec["data"] if t["type"] == "heatmap")


@pytest.mark.apptest
def test_the_demo_draws_its_stage_links_in_chain_order_without_self_loops(demo_db):
    at = show_tab(page(app({"lang": "en"}).run(), "app_pages/actors.py"), "actors_tab", "actors.tab_chain")
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert not any(t["type"] == "sankey" for s in specs for t in s["data"])
    links = _heatmap(next(s for s in specs if any(t["type"] == "heatmap" for t in s["data"])))
    labels = {t("stage." + s, "en"): s for s in ORDER}
    assert links["x"] == links["y"] and set(links["x"]) <= set(labels)
    drawn = [labels[x] for x in links["x"]]
    assert drawn == sorted(drawn, key=ORDER.index) and len(drawn) >= 4  # upstream first, as on the chain
    z = _array(links["z"])
    assert np.isnan(np.diag(z)).all() and np.nansum(z) > 0
    assert any("Links within one stage" in c.value for c in at.caption)


def _nodes(n: int) -> pd.DataFrame:
    return pd.DataFrame({"actor_id": [f"A{i:03d}" for i in range(n)], "name": [f"Actor {i}" for i in range(n)],
                         "category": ["producer"] * n, "x": np.arange(n, dtype=float), "y": np.zeros(n),
                         "betweenness": np.linspace(1, 0, n), "degree": np.ones(n)})


def test_a_network_names_its_leaders_the_neighbourhood_and_the_top_by_the_chosen_centrality():
    from clusterlab.ui.actors import TOP_NAMED, labelled

    nodes = _nodes(53)
    named = labelled(nodes, "betweenness", {"A040", "A041"}, {"A050", "A099"})
    top = {f"A{i:03d}" for i in range(TOP_NAMED)}
    assert named == top | {"A040", "A041", "A050"}  # a leader not drawn (filtered out) is not named
    assert len(named) < 20 < len(nodes)


@pytest.mark.apptest
def test_the_demo_network_names_few_actors_and_every_one_on_hover(demo_db):
    at = show_tab(page(app({"lang": "en"}).run(), "app_pages/actors.py"), "actors_tab", "actors.tab_network")
    spec = next(json.loads(c.proto.spec) for c in at.get("plotly_chart")
                if any(t.get("mode") == "markers+text" for t in json.loads(c.proto.spec)["data"]))
    points = [t for t in spec["data"] if t.get("mode") == "markers+text"]
    named = [x for t in points for x in t["text"] if x]
    everyone = [x for t in points for x in t["customdata"]]
    assert len(everyone) == 53 and 10 <= len(named) <= 20  # the 6 leaders and the top 10, some both
    assert "Coopérative El Amal" in named
    assert all(t["textfont"]["size"] >= 13 for t in points)


def test_the_gantt_gives_each_status_its_colour_whatever_the_others():
    from clusterlab.ui import plan as plan_ui

    rows = pd.DataFrame({"title": ["a", "b", "c"], "phase": ["I", "II", "III"],
                         "start": pd.to_datetime(["2026-01-01"] * 3), "end": pd.to_datetime(["2026-02-01"] * 3),
                         "status_key": ["done", "in_progress", "planned"], "late": [False, True, False]})
    none = pd.DataFrame({"date": [], "kind": [], "title": []})
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(plan_ui, "tr", lambda key, **_: key)
        every = {t.name: t.marker.color for t in plan_ui.gantt(rows, none, date(2026, 3, 1)).data}
        fewer = {t.name: t.marker.color for t in plan_ui.gantt(rows.iloc[[0]], none, date(2026, 3, 1)).data}
    assert every == {"plan.status_done": palette.STATUS["done"], "plan.late": palette.STATUS["late"],
                     "plan.status_planned": palette.STATUS["planned"]}
    assert fewer == {"plan.status_done": palette.STATUS["done"]}  # a status gone shifts no other


def test_readable_scales_every_text_of_a_figure_in_workshop_mode():
    def figure() -> go.Figure:
        fig = go.Figure([go.Bar(x=[1, 2], y=["a", "b"], orientation="h", text=[1, 2], name="bars"),
                         go.Scatter(x=[1], y=[1], mode="markers+text", text=["x"], textfont={"size": 10})])
        fig.add_annotation(x=1, y=1, text="note", font={"size": 9})
        return fig.update_layout(title="t", showlegend=True)

    normal, big = readable(figure(), workshop=False), readable(figure(), workshop=True)
    assert normal.data[1].textfont.size == NORMAL_FONT and normal.layout.annotations[0].font.size == NORMAL_FONT
    assert big.layout.font.size == big.layout.legend.font.size == WORKSHOP_FONT
    assert big.layout.title.font.size > WORKSHOP_FONT
    assert big.layout.xaxis.tickfont.size == big.layout.yaxis.tickfont.size == WORKSHOP_FONT
    assert big.layout.xaxis.title.font.size == WORKSHOP_FONT
    assert big.data[0].textfont.size == WORKSHOP_FONT
    assert big.data[1].textfont.size >= WORKSHOP_FONT - 4 > NORMAL_FONT
    assert big.layout.annotations[0].font.size >= WORKSHOP_FONT - 4


@pytest.mark.apptest
@pytest.mark.parametrize(("file", "tab_key", "tab"), [("app_pages/plan.py", "plan_tab", "plan.tab_calendar"),
                                                      ("app_pages/problems.py", "problems_tab", "problems.tab_ranking"),
                                                      ("app_pages/actors.py", "actors_tab", "actors.tab_grid")])
def test_workshop_mode_enlarges_the_chart_text(demo_db, file, tab_key, tab):
    def fonts(mode: str) -> tuple[dict, list]:
        at = show_tab(page(app({"lang": "en", "mode": mode}).run(), file), tab_key, tab)
        assert not at.exception
        spec = json.loads(at.get("plotly_chart")[0].proto.spec)
        return spec["layout"], spec["data"]

    (normal, _), (big, data) = fonts("normal"), fonts("workshop")
    assert normal.get("font", {}).get("size", NORMAL_FONT) < WORKSHOP_FONT
    assert normal["xaxis"].get("tickfont", {}).get("size", NORMAL_FONT) < WORKSHOP_FONT
    assert big["font"]["size"] == WORKSHOP_FONT and big["title"]["font"]["size"] > WORKSHOP_FONT
    assert big["xaxis"]["tickfont"]["size"] == big["yaxis"]["tickfont"]["size"] == WORKSHOP_FONT
    assert big["legend"]["font"]["size"] == WORKSHOP_FONT
    texts = [t["textfont"]["size"] for t in data if t.get("text") is not None and "textfont" in t]
    assert all(size >= WORKSHOP_FONT - 4 for size in texts)


@pytest.mark.apptest
@pytest.mark.parametrize("mode", ["normal", "workshop"])
def test_a_perimeter_draws_inside_and_outside_in_their_fixed_colours_and_markers(demo_db, mode):
    from clusterlab import perimeter, store

    con = store.connect(demo_db)
    pid = store.project_id(con, "demo")
    perimeter.save(con, pid, perimeter.Scenario("Zahlé", regions=["Zahlé"]))
    perimeter.save(con, pid, perimeter.Scenario("Everyone"))  # nobody outside: the inside keeps its colour
    con.close()
    at = show_tab(page(app({"lang": "en", "mode": mode}).run(), "app_pages/perimeter.py"), "perimeter_tab",
                  "perimeter.tab_compare")
    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert len(charts) == 2
    for spec in charts:
        drawn = {t["name"]: (t["marker"]["color"], t["marker"]["symbol"]) for t in spec["data"]}
        assert drawn and set(drawn) <= {"inside", "outside"}
        for side, (colour, symbol) in drawn.items():
            assert (colour, symbol) == (palette.PERIMETER[side], palette.PERIMETER_SYMBOL[side])
    assert {t["name"] for s in charts for t in s["data"]} == {"inside", "outside"}
