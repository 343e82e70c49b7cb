"""The portfolio page (phase III) through AppTest, on the demo: every tab draws in both languages and in workshop
mode with no raw key nor field name, its figures are the analysis', and the room's actions (confirm a proposal,
score, decide, send to the plan) write what they say, a facilitator included; deleting is the analyst's."""
from __future__ import annotations

import json

import pytest

from clusterlab import analysis, store, users
from clusterlab.i18n import t
from tests.apptest import app, every_tab, in_form, page, raw_keys, show_tab, shown_names
from tests.test_language import field_names
from tests.test_strategy_page import _array

pytestmark = pytest.mark.apptest
PAGE = "app_pages/portfolio.py"


def _analysis(demo_db):
    con = store.connect(demo_db)
    return con, analysis.of(con, store.project_id(con, "demo"))


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("workshop", ["0", "1"])
def test_every_tab_draws_in_both_languages_and_workshop_mode(demo_db, lang, workshop):
    at = page(app({"lang": lang, "workshop": workshop}).run(), PAGE)
    assert not at.exception and at.title[0].value == t("portfolio.title", lang)
    con, _ = _analysis(demo_db)
    forbidden = field_names(con, store.project_id(con, "demo"))
    con.close()
    labels = []
    for label in every_tab(at, PAGE):
        labels.append(label)
        assert not at.exception, label
        assert not raw_keys(at), (label, raw_keys(at))
        raw = sorted({text for _, text in shown_names(at) if text in forbidden})
        assert raw == [], f"field names on screen ({label}): {raw}"
    assert labels == [t(f"portfolio.tab_{k}", lang) for k in ("needs", "coding", "candidates", "grid", "portfolio",
                                                               "chain")]


def test_the_page_shows_the_analysis_figures(demo_db):
    con, a = _analysis(demo_db)
    at = page(app({"lang": "en"}).run(), PAGE)
    counted = a.needs_weighted("actors")  # the page counts actors first; influence on demand
    expectations = counted[counted["field"] == "expectations"]
    shown = at.dataframe[0].value
    assert shown["theme"].tolist() == expectations["theme"].tolist()
    assert shown["actors"].tolist() == expectations["actors"].tolist()
    matches = at.dataframe[-1].value
    assert matches["expectation"].tolist() == a.needs_matches["expectation"].tolist()
    show_tab(at, "portfolio_tab", "portfolio.tab_portfolio")
    assert not at.exception
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    points = {text: (x, y) for trace in spec["data"]
              for text, x, y in zip(_array(trace["text"]), _array(trace["x"]), _array(trace["y"]), strict=True)}
    expected = a.projects.set_index("title")
    assert points == {title: (row["feasibility"], row["impact"]) for title, row in expected.iterrows()}
    show_tab(at, "portfolio_tab", "portfolio.tab_chain")
    assert at.metric[-1].value == str(int((a.coherence["kind"] == "break").sum()))
    con.close()


def _sign_in(at, name, code):
    at.text_input(key="signin_name").set_value(name)
    at.text_input(key="signin_code").set_value(code)
    at.button[0].click()
    return at.run()


def test_a_facilitator_confirms_scores_decides_and_sends_but_does_not_delete(demo_db):
    con = store.connect(demo_db)
    users.add(con, "Nadia", "facilitator", "code de nadia")
    pid = store.project_id(con, "demo")
    con.close()
    at = _sign_in(app({"lang": "en"}).run(), "Nadia", "code de nadia")
    at = page(at, PAGE)
    show_tab(at, "portfolio_tab", "portfolio.tab_candidates")
    theme = "Panneaux solaires pour les tanks"
    at.button(key=f"confirm_{theme}").click().run()
    assert not at.exception
    at.selectbox(key="edit_project").set_value("PRJ04").run()
    assert not [b for b in at.button if b.key == "delete_PRJ04"], "deleting is the analyst's"
    show_tab(at, "portfolio_tab", "portfolio.tab_grid")
    at.selectbox(key="score_project").set_value("PRJ04").run()
    in_form(at, "slider", "sc_f_PRJ04").set_value(3)
    in_form(at, "number_input", "sc_m_PRJ04").set_value(6)
    in_form(at, "number_input", "sc_b_PRJ04").set_value(30000.0)
    at.button(key="score_PRJ04_submit").click().run()
    assert not at.exception
    in_form(at, "radio", "vd_PRJ04").set_value("retained")
    in_form(at, "text_input", "vr_PRJ04").set_value("Le soleil ne manque pas")
    at.button(key="verdict_PRJ04_submit").click().run()
    assert not at.exception
    show_tab(at, "portfolio_tab", "portfolio.tab_portfolio")
    in_form(at, "selectbox", "send_pick").set_value("PRJ04")
    at.button(key="send_project_submit").click().run()
    assert not at.exception
    con, a = _analysis(demo_db)
    row = a.projects.set_index("project_id").loc["PRJ04"]
    assert (row["title"], row["funding"], row["months"], row["budget"]) == (theme, 3, 6, 30000.0)
    assert (row["verdict"], row["reason"], row["decided_by"]) == ("retained", "Le soleil ne manque pas", "Nadia")
    sent = a.actions[a.actions["project"] == "PRJ04"]
    assert len(sent) == 3 and sent["budget"].sum() == 30000.0
    who = con.execute("SELECT DISTINCT who, role FROM changes WHERE project_id = ? AND action LIKE 'portfolio.%' "
                      "AND who = 'Nadia'", [pid]).fetchall()
    assert who == [("Nadia", "facilitator")]
    con.close()


def test_the_analyst_deletes_a_project_and_its_actions_stay_in_the_plan(demo_db):
    at = page(app({"lang": "fr"}).run(), PAGE)
    show_tab(at, "portfolio_tab", "portfolio.tab_candidates", "fr")
    at.selectbox(key="edit_project").set_value("PRJ01").run()
    at.button(key="delete_PRJ01").click().run()
    assert not at.exception
    con, a = _analysis(demo_db)
    assert "PRJ01" not in set(a.projects["project_id"])
    assert a.actions["action_id"].str.startswith("PRJ01-").sum() == 3 and a.actions["project"].isna().all()
    con.close()


def test_a_verdict_given_in_one_session_shows_in_another_after_its_rerun(demo_db):
    other = show_tab(page(app({"lang": "en"}).run(), PAGE), "portfolio_tab", "portfolio.tab_grid")
    table = {r["project_id"]: r["verdict"] for r in other.dataframe[0].value.to_dict("records")}
    assert table["PRJ02"] == t("portfolio.verdict_to_mature", "en")
    at = show_tab(page(app({"lang": "en"}).run(), PAGE), "portfolio_tab", "portfolio.tab_grid")
    at.selectbox(key="score_project").set_value("PRJ02").run()
    in_form(at, "radio", "vd_PRJ02").set_value("retained")
    at.button(key="verdict_PRJ02_submit").click().run()
    other.run()
    table = {r["project_id"]: r["verdict"] for r in other.dataframe[0].value.to_dict("records")}
    assert table["PRJ02"] == t("portfolio.verdict_retained", "en")
    con, a = _analysis(demo_db)
    assert a.verdicts[a.verdicts["joint_id"] == "PRJ02"]["verdict"].tolist() == ["to_mature", "retained"]
    con.close()


def test_capacities_are_coded_with_the_one_editor_of_the_swot_and_the_problems(demo_db):
    at = show_tab(page(app({"lang": "en"}).run(), PAGE), "portfolio_tab", "portfolio.tab_coding")
    at.segmented_control(key="code_field").set_value("capacities").run()
    at.text_input(key="group_search_capacities").set_value("membres").run()
    [pick] = [m for m in at.multiselect if (m.key or "").startswith("group_pick_capacities_")]
    con, a = _analysis(demo_db)
    capacities = a.need_items[a.need_items["field"] == "capacities"]
    said = capacities[capacities["text"].str.contains("membre", case=False)]
    con.close()
    assert len(pick.options) == said["wording_key"].nunique() >= 2, "the search found every wording of members"
    pick.set_value(sorted(said["wording_key"].unique()))
    in_form(at, "text_input", "group_label_capacities").set_value("Membres des coopératives")
    at.button(key="group_capacities_submit").click().run()
    assert not at.exception
    con, a = _analysis(demo_db)
    counted = a.needs_offers.set_index(["field", "theme"])
    assert counted.loc[("capacities", "Membres des coopératives"), "actors"] == said["actor_id"].nunique()
    con.close()
