"""Grouping wordings by hand in the coding editor (SWOT and problems), through AppTest, in both languages."""
import pytest

from clusterlab import problems, store, themes
from tests.apptest import app, as_shown, in_form, page, show_tab

pytestmark = pytest.mark.apptest

CRISIS = ("Crise économique", "Crise économique et dévaluation de la livre")


def _coding_tab(lang: str, field: str):
    at = page(app({"lang": lang}).run(), "app_pages/swot.py")
    at = show_tab(at, "swot_tab", "swot.tab_coding", lang)
    at.segmented_control(key="code_field").set_value(field).run()
    return at


def _pick(at, label: str):
    return next(m for m in at.multiselect if m.label == label)


def _themes_of(db, field: str) -> dict[str, str]:
    con = store.connect(db)
    try:
        said = themes.items(con, store.project_id(con, "demo"), (field,))
        return dict(zip(said["text"], said["theme"], strict=True))
    finally:
        con.close()


def test_two_wordings_found_by_a_search_become_one_theme(demo_db):
    at = _coding_tab("en", "threats")
    at.text_input(key="group_search_threats").set_value("CRISE").run()
    assert not at.exception
    pick = _pick(at, "Wordings to group")
    assert len(pick.options) == 2 and all(any(o.startswith(t + " (") for o in pick.options) for t in CRISIS)
    pick.set_value([themes.wording_key(t) for t in CRISIS])
    in_form(at, "text_input", "group_label_threats").set_value("Crise économique")
    next(b for b in at.button if b.label == "Group the selection").click()
    at.run()
    assert not at.exception
    coded = _themes_of(demo_db, "threats")
    assert coded[CRISIS[0]] == coded[CRISIS[1]] == "Crise économique"
    assert "2 wordings grouped into: Crise économique" in [as_shown(t.value) for t in at.toast]
    # the form is fresh again, and the matrix counts the actors of both wordings under the one theme
    assert _pick(at, "Wordings to group").value == []
    at = show_tab(at, "swot_tab", "swot.tab_matrix")
    threats = next(m.value for m in at.markdown if "Crise économique" in m.value and "Sécheresse" in m.value)
    assert "**Crise économique** — " in as_shown(threats)


def test_nothing_picked_says_why_and_writes_nothing(demo_db):
    at = _coding_tab("fr", "threats")
    con = store.connect(demo_db)
    before = store.revision(con, store.project_id(con, "demo"))
    con.close()
    in_form(at, "button", "group_threats_submit").click()
    at.run()
    assert "Choisissez au moins une formulation à regrouper : rien n'a été enregistré." in [
        as_shown(e.value) for e in at.error]
    con = store.connect(demo_db)
    assert store.revision(con, store.project_id(con, "demo")) == before
    con.close()


def test_in_french_a_wording_joins_an_existing_theme_then_the_theme_is_renamed(demo_db):
    con = store.connect(demo_db)
    pid = store.project_id(con, "demo")
    said = themes.wordings(themes.items(con, pid, ("threats",)))
    keys = dict(zip(said["text"], said["wording_key"], strict=True))
    theme_id = themes.group(con, pid, "threats", [keys[CRISIS[0]]], "Crise")
    con.close()
    at = _coding_tab("fr", "threats")
    at.text_input(key="group_search_threats").set_value("devaluation").run()  # typed without its accents
    pick = _pick(at, "Formulations à regrouper")
    assert [o.split(" (")[0] for o in pick.options] == [CRISIS[1]]
    pick.set_value([keys[CRISIS[1]]])
    in_form(at, "selectbox", "group_into_threats").set_value(theme_id)
    in_form(at, "button", "group_threats_submit").click()
    at.run()
    assert not at.exception
    assert _themes_of(demo_db, "threats")[CRISIS[1]] == "Crise"
    in_form(at, "selectbox", "rename_pick_threats").set_value(theme_id)
    in_form(at, "text_input", "rename_label_threats").set_value("Crise économique")
    in_form(at, "button", "rename_threats_submit").click()
    at.run()
    coded = _themes_of(demo_db, "threats")
    assert coded[CRISIS[0]] == coded[CRISIS[1]] == "Crise économique"


def test_problems_grouped_by_hand_take_the_short_list_along(raw_demo_db):
    con = store.connect(raw_demo_db)
    pid = store.project_id(con, "demo")
    problems.retain(con, pid, "Manque de chaîne du froid", "l'été")
    con.close()
    at = page(app({"lang": "en"}).run(), "app_pages/problems.py")
    at = show_tab(at, "problems_tab", "problems.tab_coding")
    at.text_input(key="group_search_problems").set_value("froid").run()
    pick = _pick(at, "Wordings to group")
    texts = [o.split(" (")[0] for o in pick.options]
    assert "Manque de chaîne du froid" in texts
    pick.set_value([themes.wording_key(t) for t in texts])
    in_form(at, "text_input", "group_label_problems").set_value("Chaîne du froid")
    next(b for b in at.button if b.label == "Group the selection").click()
    at.run()
    assert not at.exception
    con = store.connect(raw_demo_db)
    assert problems.shortlist(con, pid)["problem"].tolist() == ["Chaîne du froid"]
    con.close()
