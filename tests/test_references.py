"""What points at a problem or a theme follows it when the coding changes, or is listed as lost;
no page or export fails on it, and two exports of one store are the same bytes."""
import json

import pytest

from clusterlab import analysis, demo, exporter, importer, perimeter, problems, store, swot, themes, votes
from tests.apptest import app, page

PRICE, COLD = "Prix du lait instable", "Manque de chaîne du froid"


@pytest.fixture
def pid(con):
    importer.import_files(con, demo.raw_files(), "demo")  # the demo's data; the references are the tests' own
    return store.project_id(con, "demo")


def _keys(con, pid, name: str) -> list[str]:
    said = themes.items(con, pid, ("problems",))
    return sorted(set(said.loc[said["theme"] == name, "wording_key"]))


def _referenced(con, pid) -> None:
    problems.compare(con, pid, PRICE, COLD, PRICE)
    problems.retain(con, pid, PRICE, "shared by all")
    problems.retain(con, pid, COLD, "blocks collection")
    vote = votes.open_vote(con, pid, "V", [PRICE, COLD], 3)
    votes.cast(con, vote, "p1", {PRICE: 2, COLD: 1})
    perimeter.save(con, pid, perimeter.Scenario("Zahlé", problems=[PRICE, COLD]))
    return vote


def test_a_renamed_problem_takes_its_comparisons_votes_short_list_and_scenarios_along(con, pid):
    vote = _referenced(con, pid)
    [price_theme] = [themes.create(con, pid, "problems", PRICE, _keys(con, pid, PRICE))]
    themes.rename(con, pid, price_theme, "Volatilité du prix du lait")
    new = "Volatilité du prix du lait"
    ranked = analysis.of(con, pid).problem_ranking.set_index("problem")
    assert ranked.at[new, "pairwise_wins"] == 1.0 and ranked.at[new, "shortlisted"] and ranked.at[new, "votes"] == 2
    assert PRICE not in ranked.index
    assert problems.comparisons(con, pid) == {(COLD, new): new}
    assert votes.vote(con, vote)["problems"] == [new, COLD]
    assert perimeter.scenarios(con, pid)[0].problems == [new, COLD]
    assert analysis.of(con, pid).lost_references.empty


def test_two_problems_merged_keep_one_short_list_entry_and_drop_their_own_comparison(con, pid):
    _referenced(con, pid)
    price = themes.create(con, pid, "problems", PRICE, _keys(con, pid, PRICE))
    cold = themes.create(con, pid, "problems", COLD, _keys(con, pid, COLD))
    themes.merge(con, pid, price, [cold])
    shortlist = problems.shortlist(con, pid)
    assert shortlist["problem"].tolist() == [PRICE]
    assert shortlist["reason"].tolist() == ["shared by all / blocks collection"]
    assert problems.comparisons(con, pid) == {}, "a problem compared with itself says nothing"
    ranked = analysis.of(con, pid).problem_ranking.set_index("problem")
    assert ranked.at[PRICE, "votes"] == 3
    assert perimeter.scenarios(con, pid)[0].problems == [PRICE]


def test_a_split_theme_leaves_its_references_listed_as_lost_and_nothing_fails(con, pid, tmp_path):
    keys = _keys(con, pid, PRICE) + _keys(con, pid, "Instabilité du prix du lait")
    merged = themes.create(con, pid, "problems", "Prix", keys)
    problems.compare(con, pid, "Prix", COLD, "Prix")
    problems.retain(con, pid, "Prix", "why not")
    themes.split(con, pid, "problems", keys)  # "Prix" is now two wordings of their own
    assert merged not in set(themes.themes(con, pid, "problems")["theme_id"])
    current = analysis.of(con, pid)
    assert "Prix" not in set(current.problem_ranking["problem"])
    lost = current.lost_references
    assert sorted(map(tuple, lost.values.tolist())) == [("pairwise", "Prix"), ("shortlist", "Prix")]
    assert current.problem_ranking.set_index("problem")["pairwise_wins"].sum() == 0
    exporter.write_csv(exporter.tables(current), tmp_path / "csv")  # no KeyError anywhere
    exporter.project_workbook(con, pid)


@pytest.mark.apptest
def test_the_pages_open_after_a_comparison_and_a_renamed_theme(demo_db):
    con = store.connect(demo_db)
    pid = store.project_id(con, "demo")
    problems.compare(con, pid, PRICE, COLD, COLD)
    theme = themes.create(con, pid, "problems", PRICE, _keys(con, pid, PRICE))
    themes.rename(con, pid, theme, "Prix")
    assert problems.comparisons(con, pid)[(COLD, "Prix")] == COLD, "the demo's comparison follows its problem"
    merged = themes.create(con, pid, "problems", "Prix", _keys(con, pid, "Prix") + _keys(
        con, pid, "Instabilité du prix du lait"))
    problems.compare(con, pid, "Prix", "Absence de chaîne du froid", "draw")
    themes.split(con, pid, "problems", _keys(con, pid, "Prix"))
    assert merged not in set(themes.themes(con, pid, "problems")["theme_id"])
    con.close()
    for file in ("app_pages/problems.py", "app_pages/perimeter.py", "app_pages/plan.py"):
        at = page(app({"lang": "en"}).run(), file)
        assert not at.exception, file
    at = page(app({"lang": "en"}).run(), "app_pages/problems.py")
    assert any("no longer exists" in e.label for e in at.expander)


def test_a_renamed_swot_theme_takes_its_cross_matrix_options_along(con, pid):
    said = themes.items(con, pid, ("strengths",))
    name = said["theme"].value_counts().index[0]
    keys = sorted(set(said.loc[said["theme"] == name, "wording_key"]))
    theme = themes.create(con, pid, "strengths", name, keys)
    swot.add_option(con, pid, "SO", name, "Demande", "Vente groupée")
    themes.rename(con, pid, theme, "Savoir-faire laitier")
    assert swot.options(con, pid)["theme_a"].tolist() == ["Savoir-faire laitier"]


def test_two_exports_of_one_store_are_the_same_bytes(con, pid, tmp_path):
    _referenced(con, pid)
    first = exporter.write_csv(exporter.tables(analysis.of(con, pid)), tmp_path / "one")
    analysis.forget(con)
    second = exporter.write_csv(exporter.tables(analysis.of(con, pid)), tmp_path / "two")
    assert [p.name for p in first] == [p.name for p in second]
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
    metrics = (tmp_path / "one" / "actor_metrics.csv").read_text(encoding="utf-8").splitlines()
    decimals = [len(cell.split(".")[1]) for line in metrics[1:] for cell in line.split(",")
                if cell.replace(".", "", 1).isdigit() and "." in cell]
    assert decimals and max(decimals) <= analysis.PRECISION


def test_json_lists_keep_other_members(con, pid):
    perimeter.save(con, pid, perimeter.Scenario("S", stages=["production"], problems=[PRICE]))
    theme = themes.create(con, pid, "problems", PRICE, _keys(con, pid, PRICE))
    themes.rename(con, pid, theme, "P")
    stored = json.loads(con.execute("SELECT choice FROM perimeters").fetchone()[0])
    assert stored["stages"] == ["production"] and stored["problems"] == ["P"]
