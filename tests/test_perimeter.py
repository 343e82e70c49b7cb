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
    # the mean over common problems of the share of their citing actors inside: Prix 2 of 3 (P1, T1 of
    # P1, P2, T1), Froid 0 of 1 (P2): (2/3 + 0) / 2
    assert got["common_covered"] == 0.333
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


def test_a_common_problem_is_covered_by_the_share_of_its_citing_actors_inside():
    said = pd.DataFrame({"actor_id": ["P1", "P2", "T1", "B1", "T1"], "problem": ["Prix"] * 4 + ["Froid"]})
    # one of Prix's four citing actors inside: 0.25, not "covered"; Froid's only one inside: 1
    got = perimeter.coverage(Scenario("one", added=["T1"], stages=["none"]), INV, links=LINKS, said=said,
                             leaders=set(), common={"Prix", "Froid"}, retained=set())
    assert got["actors_in"] == 1 and got["common_covered"] == round((0.25 + 1) / 2, 3)
    got = perimeter.coverage(Scenario("one", added=["T1"], stages=["none"]), INV, links=LINKS, said=said,
                             leaders=set(), common={"Prix"}, retained=set())
    assert got["common_covered"] == 0.25


def test_conflicts_inside_are_counted_apart_from_cohesion():
    signed = pd.concat([LINKS.assign(negative=False),
                        pd.DataFrame({"source": ["T1", "P1", "P2"], "target": ["P1", "T1", "B1"],
                                      "negative": [True, True, True]})], ignore_index=True)
    zahle = Scenario("Zahlé", stages=["production", "transformation"], regions=["Zahlé"])  # P1 and T1
    got = perimeter.coverage(zahle, INV, links=signed, said=SAID, leaders=set(), common=set(), retained=set())
    without = figures(zahle)
    # T1→P1 and P1→T1 are one conflicting pair inside; P2–B1 is outside; cohesion is what it was without them
    assert got["conflicts_in"] == 1 and without["conflicts_in"] == 0
    assert (got["relations_in"], got["density"], got["relations_crossing"]) == (1, 0.5, 3)
    assert (got["relations_in"], got["density"], got["relations_crossing"]) == (
        without["relations_in"], without["density"], without["relations_crossing"])
