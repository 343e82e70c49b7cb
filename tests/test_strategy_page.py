"""Phase III's page through AppTest, in both languages, on the demo with a small MACTOR workbook loaded: every
tab draws, the figures are mactor's figures on the same data, and the room's actions write what they say."""
from __future__ import annotations

import base64
import json

import numpy as np
import pandas as pd
import pytest

from clusterlab import analysis, importer, mactor, store, strategy
from tests.apptest import app, as_shown, every_tab, in_form, network_links, page, raw_keys, show_tab, shown_names
from tests.mactor_data import MAO_VALUES, MID_VALUES, workbook
from tests.test_language import field_names

pytestmark = pytest.mark.apptest
PAGE = "app_pages/strategy.py"
IDS = ["A1", "A2", "A3", "A4"]


@pytest.fixture
def mactor_db(raw_demo_db, tmp_path):
    """The demo's raw store with four actors, three objectives, a MID and a MAO loaded into the demo project."""
    con = store.connect(raw_demo_db)
    report = importer.import_files(con, [workbook(tmp_path / "mactor.xlsx")], "demo")
    assert not report.refused and report.loaded["influences"] and report.loaded["positions"]
    con.close()
    return raw_demo_db


def _expected() -> tuple[pd.DataFrame, pd.DataFrame]:
    mid = pd.DataFrame(0.0, index=IDS, columns=IDS)
    for (a, b), v in MID_VALUES.items():
        mid.loc[a, b] = v
    mao = pd.DataFrame(0.0, index=IDS, columns=["O1", "O2", "O3"])
    for (a, o), v in MAO_VALUES.items():
        mao.loc[a, o] = v
    return mid, mao


def _charts(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def _array(values) -> list:
    """A trace's numbers, as plotly sends them (a typed array, base64) or as a list."""
    if isinstance(values, dict):
        shape = values.get("shape")
        out = np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"])
        if shape:
            out = out.reshape([int(n) for n in str(shape).split(",")])
        return out.tolist()
    return list(values)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_tab_draws_in_both_languages_with_mactors_figures(mactor_db, lang):
    at = page(app({"lang": lang}).run(), PAGE)
    assert not at.exception
    con = store.connect(mactor_db)
    forbidden = field_names(con, store.project_id(con, "demo"))
    con.close()
    labels = []
    for label in every_tab(at, PAGE):
        labels.append(label)
        assert not at.exception, label
        assert not raw_keys(at), label
        raw = sorted({text for _, text in shown_names(at) if text in forbidden})
        assert raw == [], f"field names on screen ({label}): {raw}"
    assert len(labels) == 7
    mid, mao = _expected()
    balance = mactor.balance(mid)
    show_tab(at, "strategy_tab", "mactor.tab_balance", lang)
    assert not at.exception and not raw_keys(at)
    plane, bars = _charts(at)
    points = {x: (d, m) for trace in plane["data"]
              for x, d, m in zip(trace["customdata"], _array(trace["x"]), _array(trace["y"]))}
    assert points == {a: (d, m) for a, d, m in zip(IDS, balance["dependence"], balance["influence"])}
    r_star = dict(zip(bars["data"][0]["y"], _array(bars["data"][0]["x"])))
    names = ["Coopérative Nour", "Laiterie Sud", "Ministère de l'Agriculture", "Banque Agricole"]
    assert [r_star[n] for n in names] == pytest.approx(balance["r_star"].tolist(), abs=1e-6)
    assert len(at.latex) == 3  # MIDI, M and D, r and r*
    shown = next(d.value for d in at.dataframe if "r_star" in d.value.columns or len(d.value.columns) == 8)
    assert len(shown) == 4
    show_tab(at, "strategy_tab", "mactor.tab_map", lang)
    assert not at.exception and not raw_keys(at)
    heat = _charts(at)[0]["data"][0]
    three = mactor.mao3(mao, balance.set_index("actor_id")["r_star"])
    assert np.array(_array(heat["z"])) == pytest.approx(three.to_numpy(), abs=1e-6)
    mobilisation = _charts(at)[1]["data"]
    assert _array(mobilisation[0]["x"]) == pytest.approx(mactor.mobilisation(three)["for"].tolist(), abs=1e-6)
    assert _array(mobilisation[1]["x"]) == pytest.approx(mactor.mobilisation(three)["against"].tolist(), abs=1e-6)
    show_tab(at, "strategy_tab", "mactor.tab_alliances", lang)
    assert not at.exception and not raw_keys(at)
    pairs = mactor.pairs(mao, balance.set_index("actor_id")["r_star"])
    best = pairs.sort_values("caa2", ascending=False).iloc[0]
    words = {"en": "converge", "fr": "convergent"}[lang]
    said = [as_shown(m.value) for m in at.markdown if words in m.value]
    assert said and f"({best['caa2']:.2f})" in said[0]


def test_the_room_adds_an_objective_proposes_and_confirms(mactor_db):
    at = page(app({"lang": "en"}).run(), PAGE)
    in_form(at, "text_input", "obj_text").set_value("Marque collective du lait")
    in_form(at, "text_input", "obj_stake").set_value("Marché")
    next(b for b in at.button if b.label == "Add the objective").click()
    at.run()
    assert not at.exception
    assert [as_shown(t.value) for t in at.toast] == ["Objective OBJ0001 added."]
    con = store.connect(mactor_db)
    pid = store.project_id(con, "demo")
    assert "OBJ0001" in set(strategy.objectives(con, pid)["objective_id"])
    con.close()
    show_tab(at, "strategy_tab", "mactor.tab_positions")
    assert not at.exception
    con = store.connect(mactor_db)
    strategy.set_positions(con, pid, [("A2", "OBJ0001", 2)], strategy.PROPOSED, evidence={("A2", "OBJ0001"): "x"})
    con.close()
    at.run()
    confirm = at.button(key="confirm_positions")
    assert confirm.label == "Confirm the 1 proposed cells"
    confirm.click().run()
    assert not at.exception
    con = store.connect(mactor_db)
    a = analysis.of(con, pid)
    assert a.mao_sources.loc["A2", "OBJ0001"] == "confirmed" and a.mao2.loc["A2", "OBJ0001"] == 2
    con.close()


def test_a_second_session_sees_the_rooms_confirmations_and_the_card_tells_the_evidence(mactor_db):
    room = page(app({"lang": "en"}).run(), PAGE)
    show_tab(room, "strategy_tab", "mactor.tab_positions")
    counted = [c.value for c in room.caption if "confirmed cells" in c.value]
    assert counted == ["12 confirmed cells, 0 proposed cells waiting for confirmation."]
    con = store.connect(mactor_db)
    pid = store.project_id(con, "demo")
    strategy.set_positions(con, pid, [("A4", "O1", 2)], strategy.PROPOSED, evidence={("A4", "O1"): "x"})
    label = strategy.add_objective(con, pid, "Label de qualité")
    strategy.set_positions(con, pid, [("A2", label, 3)], strategy.PROPOSED,
                           evidence={("A2", label): "Laiterie Sud — priorities: un label"})
    con.close()
    room.run()  # the other session's next rerun
    shown = " ".join(c.value for c in room.caption)
    assert "12 confirmed cells, 1 proposed cells" in shown  # A4–O1 was said 0 in the room: the proposal waits
    proposed = next(d.value for d in room.dataframe if "evidence" in d.value.columns)
    assert proposed.values.tolist() == [["Laiterie Sud", label, 3, "Laiterie Sud — priorities: un label"]]
    marks = next(d.value for d in room.dataframe if "Actor" in d.value.columns)
    assert marks.set_index("Actor").loc["Laiterie Sud"].tolist() == ["-2", "3", "0", "3 ?"]
    show_tab(room, "strategy_tab", "mactor.tab_map")
    room.selectbox(key="mactor_card").set_value("A1").run()
    assert not room.exception
    said = " ".join(as_shown(m.value) for m in room.markdown)
    assert "Coopérative Nour" in said and "Stabiliser le prix du lait (+3, confirmed)" in said
    assert "Crédit aux éleveurs (-1, confirmed)" in said


def test_short_listed_problems_become_objectives_in_one_click(mactor_db):
    con = store.connect(mactor_db)
    pid = store.project_id(con, "demo")
    from clusterlab import problems
    problems.retain(con, pid, "Prix du lait instable", "partout")
    con.close()
    at = page(app({"lang": "fr"}).run(), PAGE)
    button = at.button(key="obj_from_shortlist")
    assert button.label == "Problèmes retenus comme objectifs (1)"
    button.click().run()
    assert not at.exception
    con = store.connect(mactor_db)
    made = strategy.objectives(con, pid).set_index("objective")
    assert made.loc["Prix du lait instable", "origin"] == "problem"
    con.close()


def test_the_page_in_workshop_mode(mactor_db):
    at = page(app({"lang": "fr", "workshop": "1"}).run(), PAGE)
    for label in every_tab(at, PAGE):
        assert not at.exception, label


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_import_page_loads_the_objectives_and_the_matrices_then_the_page_shows_them(demo_db, tmp_path, lang):
    data = workbook(tmp_path / "mactor.xlsx", MID=[["", "A1", "A2", "Zorro"], ["A1", 0, 3, 1], ["A2", 9, 0, 0]],
                    MAO=None).read_bytes()
    at = page(app({"lang": lang}).run(), "app_pages/import_data.py")
    at.text_input(key="import_project").set_value("phase3").run()
    at.file_uploader(key="upload_0").set_value(("mactor.xlsx", data, "application/octet-stream")).run()
    assert not at.exception and not raw_keys(at)
    flags = next(d.value for d in at.dataframe if "code" in d.value.columns)
    located = sorted(zip(flags["row"], flags["column"], flags["code"]))
    assert located == [(1, "D", "matrix_unknown_actor"), (3, "B", "matrix_range")]
    word = {"fr": "entier", "en": "whole number"}[lang]
    assert any(word in m for m in flags["message"])
    at.button(key="load").click().run()
    assert not at.exception
    con = store.connect(demo_db)
    pid = store.project_id(con, "phase3", create=False)
    assert store.counts(con, pid)["objectives"] == 3 and store.counts(con, pid)["influences"] == 1
    con.close()
    page(at, PAGE)
    show_tab(at, "strategy_tab", "mactor.tab_balance", lang)
    assert not at.exception
    actors = next(d.value for d in at.dataframe if len(d.value) == 2)
    assert len(actors) == 2  # A1 and A2: the actors the matrix holds


def test_hostile_wordings_are_shown_as_data(mactor_db):
    con = store.connect(mactor_db)
    pid = store.project_id(con, "demo")
    hostile = "<img src=x onerror=alert(1)> **gras** =1+1 [lien](javascript:alert(1))"
    made = strategy.add_objective(con, pid, hostile, "<script>", "$x^2$")
    strategy.set_positions(con, pid, [("A1", made, 4)], evidence={("A1", made): "*said* <b>so</b>"})
    con.close()
    at = page(app({"lang": "en"}).run(), PAGE)
    for label in every_tab(at, PAGE):
        assert not at.exception, label
    show_tab(at, "strategy_tab", "mactor.tab_map")
    heat = _charts(at)[0]["data"][0]
    assert not any("<img" in str(x) for x in heat["x"])  # escaped for plotly
    at.selectbox(key="mactor_card").set_value("A1").run()
    said = [m.value for m in at.markdown if "gras" in m.value]
    assert said and all("**gras**" not in m for m in said)  # markdown shown as typed, not as bold


def test_a_proposed_influence_says_its_evidence_in_the_pages_language(mactor_db):
    con = store.connect(mactor_db)
    pid = store.project_id(con, "demo")
    con.execute("DELETE FROM influences WHERE from_actor_id = 'A4' AND to_actor_id = 'A3'")
    strategy.set_influences(con, pid, [("A4", "A3", 2)], strategy.PROPOSED,
                            evidence={("A4", "A3"): "interview + influence score"})
    con.close()
    at = page(app({"lang": "fr"}).run(), PAGE)
    show_tab(at, "strategy_tab", "mactor.tab_influences", "fr")
    proposed = next(d.value for d in at.dataframe if "evidence" in d.value.columns)
    assert proposed["evidence"].tolist() == ["partenaire cité en entretien + score d'influence"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_network_layers_choose_their_level_and_the_comparison_follows_it(demo_db, lang):
    con = store.connect(demo_db)
    a = analysis.of(con, store.project_id(con, "demo"))
    mid, pairs, links, names = a.mid.copy(), a.mactor_pairs, a.links, a.names
    con.close()
    at = show_tab(page(app({"lang": lang}).run(), PAGE), "strategy_tab", "mactor.tab_network", lang)
    assert not at.exception and not raw_keys(at)
    assert at.segmented_control(key="mactor_layer").value == "influences"
    at.slider(key="mactor_layer_threshold_influences").set_value(3.0).run()
    expected = int((mid.where(~np.eye(len(mid), dtype=bool)) >= 3).to_numpy().sum())
    assert expected and network_links(_charts(at)[0]) == {"": expected}
    for level in ("1", "3"):
        at.segmented_control(key="mactor_layer_level").set_value(level).run()
        at.segmented_control(key="mactor_layer").set_value("divergences").run()
        assert not at.exception and not raw_keys(at)
        name = {"en": "Divergences on objectives", "fr": "Divergences sur les objectifs"}[lang]
        assert network_links(_charts(at)[0]) == {"": 0, name: int((pairs[f"daa{level}"] > 0).sum())}
        compared = next(d.value for d in at.dataframe if "conflict" in d.value.columns)
        want = strategy.conflicts_and_divergences(pairs, links, level)
        assert list(compared.columns) == ["actor_a", "actor_b", "conflict", f"caa{level}", f"daa{level}"]
        assert compared["actor_a"].tolist() == want["actor_a"].map(names).tolist()
        assert compared[f"daa{level}"].tolist() == pytest.approx(want[f"daa{level}"].tolist())
        said = " ".join(c.value for c in at.caption)
        assert f"({level}MAO)" in said
        at.segmented_control(key="mactor_layer").set_value("convergences").run()
        top = float(pairs[f"caa{level}"].max())
        at.slider(key=f"mactor_layer_threshold_convergences{level}").set_value(top).run()
        assert network_links(_charts(at)[0]) == {"": int((pairs[f"caa{level}"] >= top).sum())}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_strategic_options_become_objectives_once_in_one_click(mactor_db, lang):
    from clusterlab import swot

    con = store.connect(mactor_db)
    pid = store.project_id(con, "demo")
    assert swot.options(con, pid).empty  # the raw demo: no cross matrix yet
    swot.add_option(con, pid, "SO", "Lait de qualité", "Demande urbaine", "Marque collective du lait")
    swot.add_option(con, pid, "WT", "Pertes", "Chaleur", "chaîne du FROID")  # objective O2 already, reworded
    swot.add_option(con, pid, "WO", "Petits volumes", "Export", "Collecte groupée")
    before = set(strategy.objectives(con, pid)["objective_id"])
    con.close()
    at = page(app({"lang": lang}).run(), PAGE)
    button = at.button(key="obj_from_options")
    assert button.label == {"en": "Strategic options as objectives (3)",
                            "fr": "Options stratégiques comme objectifs (3)"}[lang]
    button.click().run()
    assert not at.exception
    con = store.connect(mactor_db)
    made = strategy.objectives(con, pid)
    new = made[~made["objective_id"].isin(before)]
    assert new[["objective", "stake", "origin"]].values.tolist() == [
        ["Marque collective du lait", "SO", "option"], ["Collecte groupée", "WO", "option"]]
    con.close()
    listed = next(d.value for d in at.dataframe if "objective_id" in d.value.columns)
    assert len(listed) == len(before) + 2  # the list drawn again from the store
    at.button(key="obj_from_options").click().run()  # a second click: nothing new
    assert not at.exception
    con = store.connect(mactor_db)
    again = strategy.objectives(con, pid)
    con.close()
    assert len(again) == len(before) + 2
    assert again["objective"].map(str.casefold).value_counts().max() == 1


def test_a_grid_saved_with_no_cell_changed_says_so_and_writes_nothing(mactor_db):
    at = show_tab(page(app({"lang": "en"}).run(), PAGE), "strategy_tab", "mactor.tab_influences")
    con = store.connect(mactor_db)
    before = con.execute("SELECT count(*) FROM influences").fetchone()[0]
    con.close()
    next(b for b in at.button if b.label == "Save the grid (confirmed)").click()
    at.run()
    assert not at.exception
    said = [as_shown(e.value) for e in at.error]
    assert said == ["No cell changed: nothing to save. Type a value in the grid, then save."]
    con = store.connect(mactor_db)
    assert con.execute("SELECT count(*) FROM influences").fetchone()[0] == before
    con.close()
