"""Forms that behave, through AppTest: each saves once per submission (the same button clicked again in the next
run writes nothing more), says what it saved after the rerun, starts fresh, and says why it refuses."""
import pytest

from clusterlab import leaders, problems, store, swot, votes
from tests.apptest import app, as_shown, in_form, page, show_tab

pytestmark = pytest.mark.apptest


def click_twice(at, label: str):
    """The submit button clicked in one run, then again in the next, nothing changed in between."""
    for _ in range(2):
        next(b for b in at.button if b.label == label).click()
        at.run()
    assert not at.exception
    return at


def toasts(at) -> list[str]:
    return [as_shown(t.value) for t in at.toast]


def rows(demo_db, sql: str) -> list[tuple]:
    con = store.connect(demo_db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_a_swot_item_is_added_once_and_the_form_is_fresh_again(raw_demo_db):
    at = show_tab(page(app({"lang": "en"}).run(), "app_pages/swot.py"), "swot_tab", "swot.tab_add")
    assert in_form(at, "selectbox", "item_actor").value == ""  # from the room: no actor preselected
    in_form(at, "text_input", "item_text").set_value("Marché des écoles")
    next(b for b in at.button if b.label == "Add the item").click()
    at.run()
    assert [as_shown(e.value) for e in at.error] == ["Choose the item's quadrant: nothing was saved."]
    in_form(at, "selectbox", "item_field").set_value("opportunities")
    next(b for b in at.button if b.label == "Add the item").click()
    at.run()
    assert [as_shown(e.value) for e in at.error] == ["Type who said it in the room (the author): nothing was saved."]
    in_form(at, "text_input", "item_author").set_value("AP2")
    next(b for b in at.button if b.label == "Add the item").click()
    at.run()
    assert toasts(at) == ["Item added (Opportunities, from the room — AP2): Marché des écoles"]
    assert in_form(at, "text_input", "item_text").value == ""
    assert in_form(at, "selectbox", "item_actor").value == "", "the fresh form is from the room again"
    in_form(at, "selectbox", "item_actor").set_value("A013")  # an actor, chosen explicitly
    in_form(at, "selectbox", "item_field").set_value("strengths")
    click_twice(at, "Add the item")
    assert [as_shown(e.value) for e in at.error] == ["Type the item before adding it."]
    assert rows(raw_demo_db, "SELECT actor_id, text, author FROM items WHERE author IS NOT NULL") == [
        (None, "Marché des écoles", "AP2")]


def test_a_cross_matrix_option_is_saved_once(raw_demo_db):
    at = show_tab(page(app({"lang": "en"}).run(), "app_pages/swot.py"), "swot_tab", "swot.tab_cross")
    at.selectbox(key="opt_combination").set_value("SO").run()
    in_form(at, "text_area", "opt_text").set_value("Contrats groupés")
    click_twice(at, "Save the option")
    con = store.connect(raw_demo_db)
    assert swot.options(con, store.project_id(con, "demo"))["option"].tolist() == ["Contrats groupés"]
    con.close()
    assert at.error, "the second click sends an empty option: refused, and said so"


def test_a_vote_is_opened_once_and_one_without_title_or_problems_is_refused_with_the_reason(raw_demo_db):
    at = show_tab(page(app({"lang": "en"}).run(), "app_pages/problems.py"), "problems_tab", "problems.tab_votes")
    in_form(at, "text_input", "vote_title").set_value("AP 2")
    click_twice(at, "Open the vote")
    con = store.connect(raw_demo_db)
    assert votes.votes(con, store.project_id(con, "demo"))["title"].tolist() == ["AP 2"]
    con.close()
    assert "Give the vote a title (the phones show it): nothing was opened." in [as_shown(e.value) for e in at.error]
    in_form(at, "text_input", "vote_title").set_value("AP 3")
    in_form(at, "multiselect", "vote_problems").set_value([])
    next(b for b in at.button if b.label == "Open the vote").click()
    at.run()
    assert len(at.error) == 1 and "problem" in at.error[0].value.lower()


def test_a_pair_of_one_problem_is_refused_and_a_retained_problem_is_stored_once(raw_demo_db):
    at = show_tab(page(app({"lang": "en"}).run(), "app_pages/problems.py"), "problems_tab", "problems.tab_pairs")
    in_form(at, "selectbox", "pair_a").set_value("Prix du lait instable")
    in_form(at, "selectbox", "pair_b").set_value("Prix du lait instable")
    next(b for b in at.button if b.label == "Record").click()
    at.run()
    assert [as_shown(e.value) for e in at.error] == ["Choose two different problems: nothing was saved."]
    show_tab(at, "problems_tab", "problems.tab_short")
    in_form(at, "selectbox", "retain_pick").set_value("Manque de chaîne du froid")
    click_twice(at, "Retain for the short list")
    assert [as_shown(e.value) for e in at.error] == ["Choose a problem: nothing was saved."]  # the second click
    con = store.connect(raw_demo_db)
    pid = store.project_id(con, "demo")
    assert problems.comparisons(con, pid) == {}
    assert problems.shortlist(con, pid)["problem"].tolist().count("Manque de chaîne du froid") == 1
    con.close()


def test_a_leader_choice_is_saved_once_and_said(raw_demo_db):
    at = show_tab(page(app({"lang": "en"}).run(), "app_pages/actors.py"), "actors_tab", "actors.tab_leaders")
    in_form(at, "selectbox", "override_actor").set_value("A005")
    in_form(at, "radio", "override_verdict").set_value(True)
    next(b for b in at.button if b.label == "Save the decision").click()
    at.run()
    assert toasts(at)[0].startswith("Choice saved for ")
    con = store.connect(raw_demo_db)
    assert leaders.overrides(con, store.project_id(con, "demo"))["actor_id"].tolist() == ["A005"]
    con.close()


def test_a_generation_already_saved_is_not_saved_again(raw_demo_db):
    """Should a run after a save draw the saved generation again (seen in CI: a double click on a loaded machine),
    its second submission writes nothing and the form moves on: each generation of a form saves once per session."""
    at = show_tab(page(app({"lang": "en"}).run(), "app_pages/swot.py"), "swot_tab", "swot.tab_cross")
    at.selectbox(key="opt_combination").set_value("SO").run()
    in_form(at, "text_area", "opt_text").set_value("Contrats groupés")
    next(b for b in at.button if b.label == "Save the option").click()
    at.run()
    generation = "_form_gen_option"  # clusterlab.ui.forms: the form's generation in the session
    assert at.session_state[generation] == 1
    said = toasts(at)
    assert len(said) == 1 and "Contrats groupés" in said[0]
    at.session_state[generation] = 0  # the saved generation drawn again
    at.run()
    in_form(at, "text_area", "opt_text").set_value("Contrats groupés")
    next(b for b in at.button if b.label == "Save the option").click()
    at.run()
    assert not at.exception and not at.error
    assert at.session_state[generation] == 1, "the form moved on"
    assert toasts(at) == said, "and says again what the first submission saved"
    con = store.connect(raw_demo_db)
    assert swot.options(con, store.project_id(con, "demo"))["option"].tolist() == ["Contrats groupés"]
    con.close()
