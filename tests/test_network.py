"""The relations network: centralities against values computed by hand, a stable layout."""
import random

import pandas as pd
import pytest

from clusterlab import importer, network, store
from tests.workbooks import ACTORS, GRID, write_xlsx


def links(pairs):
    return pd.DataFrame({"source": [a for a, _ in pairs], "target": [b for _, b in pairs], "type": None,
                         "strength": None, "origin": "relation"})


def test_centralities_on_a_path_and_an_isolated_pair():
    # A → B → C, and D → E apart: five actors.
    m = network.metrics(network.graph(list("ABCDE"), links([("A", "B"), ("B", "C"), ("D", "E")]))).set_index("actor_id")
    assert m["degree_in"].to_dict() == {"A": 0, "B": 1, "C": 1, "D": 0, "E": 1}
    assert m["degree_out"].to_dict() == {"A": 1, "B": 1, "C": 0, "D": 1, "E": 0}
    # Betweenness: only A–C passes through B; normalised by (n-1)(n-2)/2 = 6 pairs.
    assert m["betweenness"].round(4).to_dict() == {"A": 0, "B": round(1 / 6, 4), "C": 0, "D": 0, "E": 0}
    # Closeness (Wasserman–Faust, for a graph in pieces): (r-1)/Σd × (r-1)/(n-1), r = reachable incl. itself.
    assert m["closeness"].round(4).to_dict() == {"A": round(2 / 3 * 2 / 4, 4), "B": 0.5, "C": round(2 / 3 * 2 / 4, 4),
                                                 "D": 0.25, "E": 0.25}
    # Eigenvector on the path: (1, √2, 1), scaled to its maximum, times the component's share (3 of 5).
    assert m["eigenvector"].round(4).to_dict() == {"A": round(0.6 / 2 ** 0.5, 4), "B": 0.6,
                                                   "C": round(0.6 / 2 ** 0.5, 4), "D": 0, "E": 0}


def test_repeated_links_make_one_weighted_edge():
    g = network.graph(["A", "B"], links([("A", "B"), ("A", "B")]))
    assert list(g.edges(data="weight")) == [("A", "B", 2)]


def test_the_same_data_gives_the_same_picture_whatever_the_order():
    rng = random.Random(7)
    actors = [f"A{i:02d}" for i in range(40)]
    pairs = [(rng.choice(actors), rng.choice(actors)) for _ in range(90)]
    pairs = [(a, b) for a, b in pairs if a != b]
    first = network.layout(network.graph(actors, links(pairs)))
    shuffled = pairs[:]
    rng.shuffle(shuffled)
    second = network.layout(network.graph(list(reversed(actors)), links(shuffled)))
    pd.testing.assert_frame_equal(first, second)
    assert first["x"].abs().max() > 0


def test_edges_join_relations_and_interview_partners(con, tmp_path):
    importer.import_files(con, [write_xlsx(tmp_path / "a.xlsx", {
        "Acteurs": ACTORS, "Relations": [["Source", "Cible", "Type", "Force"], ["A2", "A3", "commercial", 3]]}),
        write_xlsx(tmp_path / "g.xlsx", {"Grille": GRID})], "p")
    edges = network.edges(con, store.project_id(con, "p"))
    assert edges[["source", "target", "origin"]].values.tolist() == [
        ["A0001", "A1", "interview"], ["A1", "A2", "interview"], ["A2", "A3", "relation"]]
    only_strong = network.filter_edges(edges, min_strength=3)
    assert only_strong[["source", "target"]].values.tolist() == [["A2", "A3"]]


@pytest.mark.parametrize("depth, expected", [(1, {"B", "A", "C"}), (2, {"A", "B", "C", "D"})])
def test_neighbourhood(depth, expected):
    g = network.graph(list("ABCDE"), links([("A", "B"), ("B", "C"), ("C", "D")]))
    assert network.neighbourhood(g, "B", depth) == expected


def signed_links(pairs, types):
    return links(pairs).assign(type=types)


@pytest.mark.parametrize("kind, negative", [("conflit", True), ("Conflits", True), ("relation conflictuelle", True),
                                            ("Rivalité", True), ("rivalry", True), ("Litige foncier", True),
                                            ("concurrence", True), ("dispute", True), ("collaboration", False),
                                            ("commercial", False), ("information", False), (None, False)])
def test_relation_types_read_as_negative_ties_by_default(kind, negative):
    from clusterlab import settings

    got = network.signed(signed_links([("A", "B")], [kind]), settings.negative_types(settings.DEFAULTS))
    assert got["negative"].tolist() == [negative]


def test_the_words_are_the_projects_and_folded():
    got = network.signed(signed_links([("A", "B"), ("B", "C")], ["Méfiance", "conflit"]), ["MEFIANCE"])
    assert got["negative"].tolist() == [True, False]


def test_a_conflict_makes_no_actor_more_central():
    # A – B – C collaborate, D – E trade; D's only other tie is a conflict with A.
    ties = signed_links([("A", "B"), ("B", "C"), ("D", "E"), ("D", "A")],
                        ["collaboration", "collaboration", "commercial", "conflit"])
    signed = network.signed(ties, ["conflit"])
    with_conflict = network.metrics(network.graph(list("ABCDE"), network.positive(signed))).set_index("actor_id")
    without = network.metrics(network.graph(list("ABCDE"), ties.iloc[:3])).set_index("actor_id")
    pd.testing.assert_frame_equal(with_conflict, without)
    # by hand, as in the path test: D has degree 1, no betweenness, closeness (1/1)·(1/4) = 0.25, eigenvector 0
    assert with_conflict.loc["D", ["degree", "betweenness", "closeness", "eigenvector"]].tolist() == [1, 0, 0.25, 0]
    # had the conflict counted as a tie, D would sit between A's path and E: degree 2, betweenness 3/6 = 0.5
    counted = network.metrics(network.graph(list("ABCDE"), ties)).set_index("actor_id")
    assert counted.loc["D", "degree"] == 2 and counted.loc["D", "betweenness"] == pytest.approx(0.5)
    assert network.conflicts(signed).to_dict() == {"A": 1, "D": 1}


def test_a_conflict_raises_neither_the_leader_score_nor_the_centrality_in_a_project(con, tmp_path):
    from clusterlab import analysis

    people = [["ID", "Nom", "Maillon", "Influence", "Intérêt"], ["A", "Alpha", "production", 3, 3],
              ["B", "Beta", "collecte", 3, 3], ["C", "Gamma", "transformation", 3, 3],
              ["D", "Delta", "production", 3, 3], ["E", "Epsilon", "distribution", 3, 3]]
    ties = [["Source", "Cible", "Type"], ["A", "B", "collaboration"], ["B", "C", "collaboration"],
            ["D", "E", "commercial"]]
    importer.import_files(con, [write_xlsx(tmp_path / "before.xlsx", {"Acteurs": people, "Relations": ties})], "before")
    importer.import_files(con, [write_xlsx(tmp_path / "after.xlsx", {
        "Acteurs": people, "Relations": [*ties, ["D", "A", "Conflit"]]})], "after")
    before = analysis.of(con, store.project_id(con, "before")).actor_metrics.set_index("actor_id")
    after = analysis.of(con, store.project_id(con, "after")).actor_metrics.set_index("actor_id")
    for column in ("degree", "betweenness", "closeness", "eigenvector", "centrality", "score"):
        assert after[column].to_dict() == before[column].to_dict(), column
    assert after["conflicts"].to_dict() == {"A": 1, "B": 0, "C": 0, "D": 1, "E": 0}
    assert before["conflicts"].sum() == 0
