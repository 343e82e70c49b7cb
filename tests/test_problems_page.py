"""The common-problems page through AppTest: rankings, comparisons and the short list, stored."""
import pytest

from clusterlab import problems, store, themes
from tests.apptest import app, page, show_tab

pytestmark = pytest.mark.apptest


def open_problems():
    return page(app({"lang": "en"}).run(), "app_pages/problems.py")


def test_rankings_side_by_side_on_the_demo(demo_db):
    at = open_problems()
    assert not at.exception
    assert "7 of 59 problems are common (at least 3 actors across 2 stages)." in [c.value for c in at.caption]
    side = next(d.value for d in at.dataframe if "rank_borda" in d.value.columns and "rank_score" in d.value.columns
                and "common" not in d.value.columns)
    assert side.iloc[0]["problem"] == "Prix du lait instable" and side.iloc[0]["rank_borda"] == 1
    agreement = next(d.value for d in at.dataframe if "kendall_tau" in d.value.columns)
    assert agreement.iloc[0]["kendall_tau"] > 0.5
    at.number_input(key="setting_problems.k").set_value(10).run()
    assert "1 of 59 problems are common (at least 10 actors across 2 stages)." in [c.value for c in at.caption]


def test_a_pair_compared_and_a_problem_retained_are_stored(raw_demo_db):  # the demo's data, before this step was done
    at = show_tab(open_problems(), "problems_tab", "problems.tab_pairs")
    at.selectbox(key="pair_a").set_value("Manque de chaîne du froid")
    at.selectbox(key="pair_b").set_value("Prix du lait instable")
    at.radio(key="pair_verdict").set_value("a")
    next(b for b in at.button if b.label == "Record").click()
    at.run()
    show_tab(at, "problems_tab", "problems.tab_short")
    at.selectbox(key="retain_pick").set_value("Manque de chaîne du froid")
    at.text_input(key="retain_reason").set_value("blocks collection in summer")
    next(b for b in at.button if b.label == "Retain for the short list").click()
    at.run()
    assert not at.exception
    con = store.connect(raw_demo_db)
    pid = store.project_id(con, "demo")
    assert problems.comparisons(con, pid) == {("Manque de chaîne du froid", "Prix du lait instable"):
                                              "Manque de chaîne du froid"}
    assert problems.shortlist(con, pid)[["problem", "reason"]].values.tolist() == [
        ["Manque de chaîne du froid", "blocks collection in summer"]]
    con.close()
    overview = app({"lang": "en"}).run()
    assert any("check_circle" in m.value and "Common problems ranked and short-listed (1)" in m.value
               for m in overview.markdown)


def test_grouping_reworded_problems(demo_db):
    at = show_tab(open_problems(), "problems_tab", "problems.tab_coding")
    accept = next(b for b in at.button if b.key and b.key.startswith("accept_problems_"))
    accept.click().run()
    con = store.connect(demo_db)
    coded = themes.coding(con, store.project_id(con, "demo"))
    con.close()
    assert (coded["field"] == "problems").sum() >= 2  # the demo codes its SWOT, not its problems
