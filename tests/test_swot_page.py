"""The SWOT page through AppTest: the matrix, who said a theme, coding, the cross matrix to the plan."""
import pytest

from clusterlab import store, swot, themes
from tests.apptest import app, page, show_tab

pytestmark = pytest.mark.apptest


def open_swot():
    return page(app({"lang": "en"}).run(), "app_pages/swot.py")


def test_cluster_matrix_and_who_said_a_theme(demo_db):
    at = open_swot()
    assert not at.exception
    assert [s.value for s in at.subheader][:4] == ["Strengths", "Weaknesses", "Opportunities", "Threats"]
    assert "SWOT of: The whole cluster (53 actors)" in [c.value for c in at.caption]
    strengths = next(m.value for m in at.markdown if "Réseau de fournisseurs fidèles" in m.value)
    assert "**Réseau de fournisseurs fidèles** — 5 actors" in strengths.replace("\\", "")
    at.selectbox(key="explore").set_value("threats|Crise économique").run()
    said = next(d.value for d in at.dataframe if "actor" in d.value.columns and "text" in d.value.columns)
    # the demo's theme: two wordings coded as one
    assert len(said) == 15 and set(said["text"]) == {"Crise économique", "Crise économique et dévaluation de la livre"}
    at.toggle(key="all_threats").set_value(True).run()
    threats = next(m.value for m in at.markdown if "Départ des jeunes" in m.value).replace("\\", "")
    assert "**Crise économique** — 15 actors" in threats
    assert "**Départ des jeunes vers Beyrouth et l'étranger** — 0 actors · 1 from the room" in threats


def test_the_leaders_swot(demo_db):
    at = open_swot()
    at.segmented_control(key="swot_scope").set_value("group").run()
    at.selectbox(key="swot_group_dim").set_value("leaders").run()
    assert "SWOT of: Leaders (6 actors)" in [c.value for c in at.caption]


def test_accepting_a_proposal_stores_a_theme(demo_db):
    con = store.connect(demo_db)
    pid = store.project_id(con, "demo")
    coded = themes.coding(con, pid)
    themes.split(con, pid, "threats", coded.loc[coded["field"] == "threats", "wording_key"].tolist())
    con.close()  # the demo's threats uncoded again: their look-alike wordings are proposed
    at = show_tab(open_swot(), "swot_tab", "swot.tab_coding")
    at.segmented_control(key="code_field").set_value("threats").run()
    accept = next(b for b in at.button if b.key and b.key.startswith("accept_threats_"))
    accept.click().run()
    assert not at.exception
    con = store.connect(demo_db)
    coded = themes.coding(con, store.project_id(con, "demo"))
    con.close()
    assert len(coded[coded["field"] == "threats"]) >= 2, "a threats theme again"


def test_an_option_of_the_cross_matrix_reaches_the_action_plan(demo_db):
    at = show_tab(open_swot(), "swot_tab", "swot.tab_cross")
    at.selectbox(key="opt_combination").set_value("SO").run()
    at.selectbox(key="opt_a").set_value("Réseau de fournisseurs fidèles")
    at.selectbox(key="opt_b").set_value("Projet de cluster laitier")
    at.text_area(key="opt_text").set_value("Contrats d'approvisionnement groupés")
    at.text_input(key="opt_author").set_value("CP 1")
    next(b for b in at.button if b.label == "Save the option").click()
    at.run()
    assert any("Contrats d'approvisionnement groupés" in m.value for m in at.markdown)
    con = store.connect(demo_db)
    pid = store.project_id(con, "demo")
    options = swot.options(con, pid)
    con.close()
    mine = int(options.loc[options["option"] == "Contrats d'approvisionnement groupés", "option_id"].iloc[0])
    at.selectbox(key="to_plan_pick").set_value(mine)  # the demo's own options wait too
    at.button(key="to_plan").click().run()
    con = store.connect(demo_db)
    options = swot.options(con, pid)
    options = options[options["option"] == "Contrats d'approvisionnement groupés"].reset_index()
    planned = con.execute("SELECT title, status FROM actions WHERE action_id = ?", [options["action_id"][0]]).fetchall()
    con.close()
    assert options["author"].tolist() == ["CP 1"]
    assert planned == [("Contrats d'approvisionnement groupés", "candidate")]


def test_an_item_typed_in_the_room_is_stored(demo_db):
    at = show_tab(open_swot(), "swot_tab", "swot.tab_add")
    at.selectbox(key="item_actor").set_value("A013")
    at.selectbox(key="item_field").set_value("opportunities")
    at.text_input(key="item_text").set_value("Marché des écoles")
    at.text_input(key="item_author").set_value("AP2")
    next(b for b in at.button if b.label == "Add the item").click()
    at.run()
    con = store.connect(demo_db)
    rows = con.execute("SELECT actor_id, field, text, author FROM items WHERE author = 'AP2'").fetchall()
    con.close()
    assert rows == [("A013", "opportunities", "Marché des écoles", "AP2")]


def test_an_item_typed_with_no_actor_chosen_is_from_the_room_and_shows_in_its_quadrant(demo_db):
    at = show_tab(open_swot(), "swot_tab", "swot.tab_add")
    assert at.selectbox(key="item_actor").value == "", "from the room is the default, no actor preselected"
    at.selectbox(key="item_field").set_value("threats")
    at.text_input(key="item_text").set_value("Fermeture de la route de Damas")
    next(b for b in at.button if b.label == "Add the item").click()
    at.run()
    assert any("author" in e.value for e in at.error), "no author: says why"
    at.text_input(key="item_author").set_value("Rania (AP2)")
    next(b for b in at.button if b.label == "Add the item").click()
    at.run()
    assert not at.exception and not at.error
    con = store.connect(demo_db)
    rows = con.execute("SELECT actor_id, field, text, author FROM items WHERE author LIKE '%AP2%'").fetchall()
    con.close()
    assert rows == [(None, "threats", "Fermeture de la route de Damas", "Rania (AP2)")]
    assert at.text_input(key="item_text-1").value == "", "a fresh form after the save"
    at = show_tab(at, "swot_tab", "swot.tab_matrix")
    at.toggle(key="all_threats").set_value(True).run()  # said by no actor: after the themes actors said
    threats = next(m.value for m in at.markdown if "Fermeture de la route de Damas" in m.value).replace("\\", "")
    assert "**Fermeture de la route de Damas** — 0 actors · 1 from the room" in threats
    at.selectbox(key="explore").set_value("threats|Fermeture de la route de Damas").run()
    said = next(d.value for d in at.dataframe if "actor" in d.value.columns and "text" in d.value.columns)
    assert said["actor"].tolist() == ["from the room — Rania (AP2)"]


def test_an_item_with_no_quadrant_says_why(demo_db):
    at = show_tab(open_swot(), "swot_tab", "swot.tab_add")
    at.text_input(key="item_text").set_value("Marché des écoles")
    at.text_input(key="item_author").set_value("AP2")
    next(b for b in at.button if b.label == "Add the item").click()
    at.run()
    assert any("quadrant" in e.value for e in at.error)
    con = store.connect(demo_db)
    assert con.execute("SELECT count(*) FROM items WHERE author = 'AP2'").fetchone()[0] == 0
    con.close()
