"""The field of action: coverage on an example computed by hand, the validation history stored."""
import pandas as pd

from clusterlab import analysis, perimeter, store
from clusterlab.perimeter import Scenario

INV = pd.DataFrame({"actor_id": ["P1", "P2", "T1", "B1"], "name": ["Ferme 1", "Ferme 2", "Laiterie", "Banque"],
                    "stage": ["production", "production", "transformation", "appui"],
                    "region": ["Zahlé", "Baalbek", "Zahlé", "Zahlé"], "locality": [None] * 4,
                    "category": ["producteur", "producteur", "transformateur", "finance"],
                    "size": [10, 5, 40, 100], "interviewed": [True, False, True, True]})
LINKS = pd.DataFrame({"source": ["P1", "P2", "T1", "B1"], "target": ["T1", "T1", "B1", "P1"]})
SAID = pd.DataFrame({"actor_id": ["P1", "P2", "T1", "P2", "B1"],
                     "problem": ["Prix", "Prix", "Prix", "Froid", "Crédit"]})


def figures(s):
    return perimeter.coverage(s, INV, links=LINKS, said=SAID, leaders={"T1", "B1"}, common={"Prix", "Froid"},
                              retained={"Prix", "Froid"})


def test_coverage_computed_by_hand():
    # Zahlé, production and processing: P1 and T1 inside; P2 and B1 outside.
    got = figures(Scenario("Zahlé", stages=["production", "transformation"], regions=["Zahlé"]))
    assert {k: got[k] for k in ("actors_in", "actors_out", "share_in", "leaders_in", "interviewed_in", "size_in")} \
        == {"actors_in": 2, "actors_out": 2, "share_in": 0.5, "leaders_in": 1, "interviewed_in": 2, "size_in": 50.0}
    assert got["citations_covered"] == 0.4  # P1 Prix and T1 Prix, of 5 citations
    assert got["common_covered"] == 0.5  # Prix is covered, Froid (P2 only) is not
    assert got["relations_in"] == 1 and got["relations_crossing"] == 3  # P1→T1 in; P2→T1, T1→B1, B1→P1 cross
    assert got["density"] == 0.5  # 1 link of the 2 ordered pairs
    assert got["stages"] == ["production", "transformation"] and got["regions"] == ["Zahlé"]
    assert got["citing_outside"] == ["P2"]


def test_actors_added_and_removed_by_hand_and_problems_chosen():
    got = figures(Scenario("hand", regions=["Zahlé"], added=["P2"], removed=["B1"], problems=["Prix"]))
    assert got["actors_in"] == 3 and got["citations_covered"] == 1.0  # every Prix citation is inside


def test_compare_says_what_each_includes_alone():
    table = perimeter.compare([Scenario("A", regions=["Zahlé"]), Scenario("B", stages=["production"])], INV,
                              links=LINKS, said=SAID, leaders=set(), common={"Prix"}, retained={"Prix"})
    assert table.loc["actors_in"].tolist() == [3, 2]
    assert table.loc["only_here"].tolist() == ["Banque, Laiterie", "Ferme 2"]


def test_scenarios_and_validation_survive_a_restart(db_path):
    con = store.connect(db_path)
    pid = store.project_id(con, "p")
    first = perimeter.save(con, pid, Scenario("Zahlé", regions=["Zahlé"], author="CT", rationale="pilot"))
    second = perimeter.save(con, pid, Scenario("Whole valley"))
    perimeter.validate(con, pid, first, "CP 1", "start small")
    perimeter.reopen(con, pid, "CP 2", "too narrow")
    perimeter.validate(con, pid, second, "CP 2", "the whole valley")
    con.close()
    con = store.connect(db_path)
    assert perimeter.validated(con, pid) == second
    assert perimeter.history(con, pid)[["event", "scenario", "who"]].values.tolist() == [
        ["validated", "Zahlé", "CP 1"], ["reopened", "Zahlé", "CP 2"], ["validated", "Whole valley", "CP 2"]]
    saved = perimeter.scenarios(con, pid)
    assert saved[0].regions == ["Zahlé"] and saved[0].rationale == "pilot"
    exported = analysis.of(con, pid).perimeters
    assert exported[["name", "validated", "regions"]].values.tolist() == [["Zahlé", False, "Zahlé"],
                                                                        ["Whole valley", True, ""]]
    con.close()


def test_compare_names_the_actors_citing_a_retained_problem_outside():
    table = perimeter.compare([Scenario("Zahlé", regions=["Zahlé"])], INV, links=LINKS, said=SAID, leaders=set(),
                              common={"Prix"}, retained={"Prix", "Froid"})
    assert table.loc["citing_outside", "Zahlé"] == "Ferme 2"
