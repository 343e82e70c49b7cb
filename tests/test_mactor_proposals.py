"""What MACTOR's matrices are pre-filled with: influences from the relations (their strength, conflicts both
ways, the influence score), positions from what the interviews said, each with its evidence; never confirmed
until the analyst says so; and the default choice of actors."""
from __future__ import annotations

import pandas as pd

from clusterlab import analysis, importer, leaders, perimeter, proposals, settings, store, strategy
from tests.mactor_data import ACTORS, OBJECTIVES
from tests.workbooks import write_xlsx

RELATIONS = [["Source", "Cible", "Type", "Force"],
             ["A1", "A2", "commercial", 4],        # 4 → 3 (missions); A1's influence score 3: no more
             ["A3", "A1", "appui", 2],             # 2 → 1, +1 for A3's influence score 5 → 2
             ["A2", "A4", "Conflit ouvert", 1],     # a conflict: at least 2, each way; A4 scores 4 → 3 from A4
             ["A1", "A2", "information", 5]]        # the strongest tie between two actors wins: 5 → 4
GRID = [["Acteur", "Priorités", "Projets", "Attentes", "Problèmes", "Forces"],
        ["A1", "Stabiliser les prix", "Chaînes de froid collectives", None, "Prix du lait trop bas", "Le prix"],
        ["Laiterie Sud", None, None, "Un crédit pour les éleveurs", None, None],
        ["A4", None, "Ligne de crédit aux éleveurs laitiers", None, None, None]]


def _project(con, tmp_path):
    path = write_xlsx(tmp_path / "p.xlsx", {"Acteurs": ACTORS, "Objectifs": OBJECTIVES, "Relations": RELATIONS,
                                            "Entretiens": GRID})
    report = importer.import_files(con, [path], "p")
    assert not report.refused
    pid = store.project_id(con, "p")
    strategy.choose_actors(con, pid, ["A1", "A2", "A3", "A4"])
    return pid


def test_influences_are_proposed_from_the_relations_and_the_influence_scores(con, tmp_path):
    pid = _project(con, tmp_path)
    got = analysis.of(con, pid).mid_proposal.set_index(["from_actor_id", "to_actor_id"])
    assert got["value"].to_dict() == {("A1", "A2"): 4, ("A3", "A1"): 2, ("A2", "A4"): 2, ("A4", "A2"): 3}
    assert got.loc[("A1", "A2"), "evidence"] == "information (5)"
    assert got.loc[("A3", "A1"), "evidence"] == "appui (2) + influence score"


def test_negative_relation_types_come_from_the_settings(con, tmp_path):
    pid = _project(con, tmp_path)
    settings.save(con, pid, {"relations.negative_types": "rivalité"})
    got = analysis.of(con, pid).mid_proposal.set_index(["from_actor_id", "to_actor_id"])["value"].to_dict()
    assert got[("A2", "A4")] == 1 and ("A4", "A2") not in got  # no longer a conflict: one way, strength 1


def test_positions_are_proposed_from_what_the_actors_said_with_who_said_what(con, tmp_path):
    pid = _project(con, tmp_path)
    got = analysis.of(con, pid).mao_proposal.set_index(["actor_id", "objective_id"])
    assert got["value"].to_dict() == {("A1", "O1"): 3, ("A1", "O2"): 2, ("A2", "O3"): 2, ("A4", "O3"): 2}
    assert got.loc[("A1", "O1"), "evidence"] == ("Coopérative Nour — priorities: Stabiliser les prix | "
                                                 "Coopérative Nour — problems: Prix du lait trop bas")
    assert got.loc[("A2", "O3"), "evidence"] == "Laiterie Sud — expectations: Un crédit pour les éleveurs"


def test_matching_folds_case_and_accents_and_ignores_small_words():
    assert proposals.matches("Chaîne du froid", "CHAINE DE FROID manquante")
    assert proposals.matches("Crédit aux éleveurs", "credits pour les eleveurs")
    assert not proposals.matches("Crédit aux éleveurs", "Former les éleveurs")  # one word of two is not enough
    assert not proposals.matches("Améliorer la qualité", "Améliorer les routes")  # generic words do not count


def test_a_proposal_is_marked_apart_and_confirming_writes_confirmed_cells(con, tmp_path):
    pid = _project(con, tmp_path)
    a = analysis.of(con, pid)
    assert strategy.write_proposal(con, pid, "influences", a.mid_proposal, who="CT") == 4
    assert strategy.write_proposal(con, pid, "positions", a.mao_proposal, who="CT") == 4
    a = analysis.of(con, pid)
    assert a.mid.loc["A1", "A2"] == 4 and a.mid_sources.loc["A1", "A2"] == "proposed"
    assert a.mao_sources.loc["A1", "O1"] == "proposed" and a.mao_sources.loc["A1", "O3"] == ""
    strategy.set_positions(con, pid, [("A1", "O1", -1)], who="Salle")
    assert strategy.confirm(con, pid, "positions", who="Salle") == 3
    a = analysis.of(con, pid)
    assert a.mao2.loc["A1", "O1"] == -1  # what the room said, not the proposal
    assert set(a.mao_sources.to_numpy().ravel()) == {"confirmed", ""}
    confirmed = strategy.standing(strategy.position_cells(con, pid), ("actor_id", "objective_id"))
    assert confirmed.set_index(["actor_id", "objective_id"]).loc[("A2", "O3"), "evidence"].startswith("Laiterie Sud")


def test_the_default_actors_are_the_leaders_and_the_validated_perimeter_ten_to_thirty():
    metrics = pd.DataFrame({"actor_id": [f"A{i:02d}" for i in range(40)],
                            "score": [1 - i / 100 for i in range(40)],
                            "leader": [i < 3 for i in range(40)]})
    assert strategy.default_actors(metrics, set()) == [f"A{i:02d}" for i in range(10)]  # 3 leaders, completed
    assert strategy.default_actors(metrics, {"A39"})[:4] == ["A00", "A01", "A02", "A39"]
    many = {f"A{i:02d}" for i in range(5, 40)}
    assert len(strategy.default_actors(metrics, many)) == 30


def test_without_a_choice_the_analysis_takes_the_leaders_and_the_perimeter(con, tmp_path):
    path = write_xlsx(tmp_path / "p.xlsx", {"Acteurs": ACTORS, "Relations": RELATIONS})
    importer.import_files(con, [path], "p")
    pid = store.project_id(con, "p")
    a = analysis.of(con, pid)
    assert a.mactor_actor_ids == ["A1", "A2", "A3", "A4"]  # fewer than ten actors: all of them
    leaders.set_override(con, pid, "A2", True, "")
    scenario = perimeter.save(con, pid, perimeter.Scenario("Nord", added=["A3"]))
    perimeter.validate(con, pid, scenario, "CT", "")
    assert analysis.of(con, pid).perimeter_members >= {"A3"}


def test_actors_in_conflict_and_actors_diverging_are_compared_side_by_side(con, tmp_path):
    pid = _project(con, tmp_path)
    strategy.set_positions(con, pid, [("A1", "O1", 3), ("A2", "O1", -2), ("A3", "O1", 2), ("A4", "O1", 1)])
    a = analysis.of(con, pid)
    got = strategy.conflicts_and_divergences(a.mactor_pairs, a.links)
    assert got[["actor_a", "actor_b", "conflict", "daa2"]].values.tolist() == [
        ["A1", "A2", False, 2.5], ["A2", "A3", False, 2.0], ["A2", "A4", True, 1.5]]


def test_the_network_layers_among_the_analysis_actors(con, tmp_path):
    pid = _project(con, tmp_path)
    strategy.set_influences(con, pid, [("A1", "A2", 3), ("A2", "A1", 1), ("A3", "A4", 2)])
    strategy.set_positions(con, pid, [("A1", "O1", 3), ("A2", "O1", -2), ("A3", "O1", 2)])
    a = analysis.of(con, pid)
    ids = a.mactor_actor_ids

    def drawn(name, threshold=0.0):
        got = strategy.layer(name, ids, a.links, a.mid, a.mactor_pairs, threshold)
        return sorted(zip(got["source"], got["target"], got["value"], got["negative"]))

    assert drawn("influences") == [("A1", "A2", 3, False), ("A2", "A1", 1, False), ("A3", "A4", 2, False)]
    assert drawn("influences", 2) == [("A1", "A2", 3, False), ("A3", "A4", 2, False)]
    assert drawn("convergences") == [("A1", "A3", 2.5, False)]
    assert drawn("divergences") == [("A1", "A2", 2.5, True), ("A2", "A3", 2.0, True)]
    assert drawn("divergences", 2.5) == [("A1", "A2", 2.5, True)]
    relations = drawn("relations")
    assert ("A2", "A4", 1, True) in relations and ("A1", "A2", 4, False) in relations


def test_a_layer_keeps_to_the_actors_drawn_and_reads_the_level_asked(con, tmp_path):
    pid = _project(con, tmp_path)
    strategy.set_influences(con, pid, [("A1", "A2", 3), ("A2", "A1", 1), ("A3", "A4", 2)])
    strategy.set_positions(con, pid, [("A1", "O1", 3), ("A2", "O1", -2), ("A3", "O1", 2)])
    a = analysis.of(con, pid)

    def drawn(name, ids, level="2"):
        got = strategy.layer(name, ids, a.links, a.mid, a.mactor_pairs, 0.0, level)
        return sorted(zip(got["source"], got["target"], got["value"], got["negative"]))

    assert drawn("influences", ["A1", "A2"]) == [("A1", "A2", 3, False), ("A2", "A1", 1, False)]  # not A3 → A4
    assert drawn("divergences", ["A1", "A2"]) == [("A1", "A2", 2.5, True)]  # not A2–A3
    assert drawn("divergences", ["A1", "A2", "A3"], "1") == [("A1", "A2", 1.0, True), ("A2", "A3", 1.0, True)]
    assert strategy.layer_top("influences", a.mid, a.mactor_pairs) == 4
    assert strategy.layer_top("divergences", a.mid, a.mactor_pairs, "1") == 1  # with 1MAO: one objective
    assert strategy.layer_top("divergences", a.mid, a.mactor_pairs, "2") == 2.5  # (3 + 2) / 2
    got = strategy.conflicts_and_divergences(a.mactor_pairs, a.links, "1")
    assert got.values.tolist() == [["A1", "A2", False, 0.0, 1.0], ["A2", "A3", False, 0.0, 1.0],
                                   ["A2", "A4", True, 0.0, 0.0]]
    assert list(got.columns) == ["actor_a", "actor_b", "conflict", "caa1", "daa1"]


def test_proposing_again_writes_only_what_changed_and_never_over_a_confirmed_cell(con, tmp_path):
    pid = _project(con, tmp_path)
    cell = ("from_actor_id", "to_actor_id")
    a = analysis.of(con, pid)
    assert len(strategy.fresh(a.mid_proposal, a.influence_cells, cell)) == 4
    strategy.write_proposal(con, pid, "influences", a.mid_proposal)
    a = analysis.of(con, pid)
    assert strategy.fresh(a.mid_proposal, a.influence_cells, cell).empty  # a second click writes nothing
    strategy.set_influences(con, pid, [("A1", "A2", 1)])
    settings.save(con, pid, {"relations.negative_types": "rivalité"})  # A2–A4 is no longer a conflict
    a = analysis.of(con, pid)
    again = strategy.fresh(a.mid_proposal, a.influence_cells, cell)
    assert again[["from_actor_id", "to_actor_id", "value"]].values.tolist() == [["A2", "A4", 1]]


def test_the_same_words_said_twice_are_quoted_once():
    items = pd.DataFrame({"actor_id": ["A1", "A1"], "actor": ["Coop", "Coop"], "field": ["problems", "problems"],
                          "text": ["Prix du lait instable", "Prix du lait instable"]})
    objectives = pd.DataFrame({"objective_id": ["O1"], "objective": ["Stabiliser le prix du lait"]})
    got = proposals.positions(items, objectives, ["A1"])
    assert got.values.tolist() == [["A1", "O1", 2, "Coop — problems: Prix du lait instable"]]
