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
