"""The actors and leaders page through AppTest: filters, leaders by hand, stored settings."""
import base64
import json

import numpy as np
import pytest

from clusterlab import leaders, settings, store
from tests.apptest import app, network_links, page, raw_keys, show_tab

pytestmark = pytest.mark.apptest


def open_actors():
    return page(app({"lang": "en"}).run(), "app_pages/actors.py")


def caption(at) -> str:
    return next(c.value for c in at.caption if "actors shown" in c.value)


def test_page_shows_every_view_on_the_demo(demo_db):
    at = open_actors()
    assert not at.exception
    assert caption(at) == "53 of 53 actors shown, 6 of them leaders."
    assert not at.get("plotly_chart"), "only the open tab (the inventory) runs"
    specs = []
    for tab in ("chain", "network", "grid", "map"):
        specs += [c.proto.spec for c in show_tab(at, "actors_tab", f"actors.tab_{tab}").get("plotly_chart")]
        assert not at.exception, tab
    assert len(specs) == 5  # value chain, stage flows, network, grid, map
    assert any('"heatmap"' in s for s in specs)  # the links between stages, in value-chain order
    assert any("El Amal" in s for s in specs)
    ranked = next(d.value for d in show_tab(at, "actors_tab", "actors.tab_leaders").dataframe
                  if "score" in d.value.columns)
    assert ranked["leader"].sum() == 6 and len(ranked) == 53


def test_filters_apply_to_every_view(demo_db):
    at = show_tab(open_actors(), "actors_tab", "actors.tab_leaders")
    at.multiselect(key="f_category").set_value(["coopérative"]).run()
    assert caption(at) == "5 of 53 actors shown, 3 of them leaders."
    ranked = next(d.value for d in at.dataframe if "score" in d.value.columns)
    assert len(ranked) == 5
    at.multiselect(key="f_category").set_value([]).run()
    at.segmented_control(key="f_leader").set_value(True).run()
    assert caption(at) == "6 of 53 actors shown, 6 of them leaders."


def test_a_leader_chosen_by_hand_is_stored_and_counted(raw_demo_db):
    at = show_tab(open_actors(), "actors_tab", "actors.tab_leaders")
    at.selectbox(key="override_actor").set_value("A005")
    at.radio(key="override_verdict").set_value(True)
    at.text_input(key="override_reason").set_value("leads the women's group")
    at.button[[b.label for b in at.button].index("Save the decision")].click()
    at.run()
    assert caption(at) == "53 of 53 actors shown, 7 of them leaders."
    con = store.connect(raw_demo_db)
    chosen = leaders.overrides(con, store.project_id(con, "demo"))
    con.close()
    assert chosen[["actor_id", "is_leader", "reason"]].values.tolist() == [["A005", True, "leads the women's group"]]


def test_threshold_and_grid_splits_are_stored(demo_db):
    at = show_tab(open_actors(), "actors_tab", "actors.tab_leaders")
    at.slider(key="setting_leaders.threshold").set_value(0.5).run()
    assert caption(at) == "53 of 53 actors shown, 12 of them leaders."  # with the demo's choices: A038 out
    show_tab(at, "actors_tab", "actors.tab_grid").slider(key="setting_grid.split_influence").set_value(2.5).run()
    con = store.connect(demo_db)
    pid = store.project_id(con, "demo")
    assert settings.read(con, pid)["leaders.threshold"] == 0.5
    assert settings.read(con, pid)["grid.split_influence"] == 2.5
    con.close()
    again = show_tab(open_actors(), "actors_tab", "actors.tab_leaders")
    assert again.slider(key="setting_leaders.threshold").value == 0.5


def test_conflicts_are_drawn_apart_and_counted(demo_db):
    at = show_tab(open_actors(), "actors_tab", "actors.tab_network")
    network = next(json.loads(c.proto.spec) for c in at.get("plotly_chart")
                   if any(t.get("mode") == "lines" for t in json.loads(c.proto.spec)["data"]))
    lines = [t for t in network["data"] if t.get("mode") == "lines"]
    conflicts = [t for t in lines if t.get("line", {}).get("dash") == "dash"]
    assert len(lines) == 2 and len(conflicts) == 1
    assert conflicts[0]["name"] == "Conflicts, oppositions, rivalries" and conflicts[0]["line"]["color"] == "#D55E00"
    xs = conflicts[0]["x"]
    xs = np.frombuffer(base64.b64decode(xs["bdata"]), dtype=xs["dtype"]) if isinstance(xs, dict) else np.array(xs)
    assert len(xs) == 5 * 3  # the demo's 5 conflicts, each a segment and a gap
    assert "Dashed vermilion lines: 5 conflicts, oppositions or rivalries." in " ".join(c.value for c in at.caption)
    metrics = next(d.value for d in at.dataframe if "conflicts" in d.value.columns and "degree_in" in d.value.columns)
    assert metrics["conflicts"].sum() == 10  # each of the 5 conflicts counts for both of its actors
    assert metrics.set_index("actor_id").at["A022", "conflicts"] == 1


def test_the_page_says_not_enough_data_and_warns_when_the_centrality_changes_much(demo_db):
    at = show_tab(open_actors(), "actors_tab", "actors.tab_leaders")
    assert "4 actors: not enough data (completeness below 60%)" in " ".join(c.value for c in at.caption)
    ranked = next(d.value for d in at.dataframe if "enough_data" in d.value.columns)
    short = ranked["enough_data"] == "not enough data"  # as the page says it
    assert short.sum() == 4 and set(ranked["enough_data"]) == {"not enough data", "enough"}
    assert not ranked.loc[short, "leader"].any()
    assert not at.warning
    at.selectbox(key="setting_leaders.centrality").set_value("closeness").run()
    assert caption(at) == "53 of 53 actors shown, 15 of them leaders."  # with the demo's choices: A038 out
    assert [w.value for w in at.warning] == [
        "The chosen centrality (Closeness) gives 15 leaders, against 6 with the default centrality (Betweenness): "
        "the number of leaders changes by more than half. Check that this choice can be defended."]
    at.selectbox(key="setting_leaders.centrality").set_value("degree").run()
    assert caption(at) == "53 of 53 actors shown, 7 of them leaders." and not at.warning


def _network(at) -> dict:
    return next(json.loads(c.proto.spec) for c in at.get("plotly_chart")
                if any(t.get("mode") == "lines" for t in json.loads(c.proto.spec)["data"]))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_network_draws_the_influences_and_the_divergences_of_the_strategic_analysis(demo_db, lang):
    from clusterlab import analysis

    con = store.connect(demo_db)
    a = analysis.of(con, store.project_id(con, "demo"))
    mid, pairs, links, names = a.mid.copy(), a.mactor_pairs, a.links, a.names
    con.close()
    at = show_tab(page(app({"lang": lang}).run(), "app_pages/actors.py"), "actors_tab", "actors.tab_network", lang)
    assert at.segmented_control(key="net_layer").value == "relations"  # as before: the relations
    conflicts = {"en": "Conflicts, oppositions, rivalries", "fr": "Conflits, oppositions, rivalités"}[lang]
    assert network_links(_network(at)) == {"": int((~links["negative"]).sum()), conflicts: 5}
    at.segmented_control(key="net_layer").set_value("influences").run()
    assert not at.exception and not raw_keys(at)
    for cut in (0.0, 2.0, 4.0):
        at.slider(key="net_layer_threshold_influences").set_value(cut).run()
        off = mid.where(~np.eye(len(mid), dtype=bool))
        expected = int((off >= max(cut, 1)).to_numpy().sum())
        assert expected and network_links(_network(at)) == {"": expected}, cut
        said = " ".join(c.value for c in at.caption)
        assert f"{expected} {'links' if lang == 'en' else 'liens'}" in said
    actor = mid.index[0]  # the neighbourhood of an actor follows the layer drawn: its influences, either way
    at.selectbox(key="net_focus").set_value(actor).run()
    lit = {n for t in _network(at)["data"] if t.get("mode") == "markers+text"
           for n, o in zip(t["customdata"], t["marker"]["opacity"]) if o == 1.0}
    linked = {b for b in mid.columns if b != actor and max(mid.loc[actor, b], mid.loc[b, actor]) >= 4}
    assert lit == {names[x] for x in {actor} | linked}
    at.selectbox(key="net_focus").set_value("").run()
    at.segmented_control(key="net_layer").set_value("divergences").run()
    at.segmented_control(key="net_layer_level").set_value("3").run()
    at.slider(key="net_layer_threshold_divergences3").set_value(1.0).run()
    assert not at.exception and not raw_keys(at)
    drawn = network_links(_network(at))
    expected = int(((pairs["daa3"] >= 1.0) & (pairs["daa3"] > 0)).sum())
    name = {"en": "Divergences on objectives", "fr": "Divergences sur les objectifs"}[lang]
    assert expected and drawn == {"": 0, name: expected}
    at.segmented_control(key="net_layer").set_value("relations").run()
    assert "net_layer_level" not in [s.key for s in at.segmented_control]  # the relations have no level
