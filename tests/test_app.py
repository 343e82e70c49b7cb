"""Every page of the app on the demo project, through Streamlit's AppTest."""
import io
import re

import pandas as pd
import pytest

from clusterlab import store
from tests.apptest import app, as_shown, page, show_tab
from tests.workbooks import GRID, write_xlsx

pytestmark = pytest.mark.apptest


def test_overview_shows_the_method_progress_and_key_figures(demo_db):
    at = app({"lang": "en"}).run()
    assert not at.exception
    assert at.title[0].value == "Cluster project: demo"
    assert {m.label: m.value for m in at.metric} == {"Actors": "53", "Interviews": "30", "Actors interviewed": "57%"}
    assert "**Phase I — The operational platform**" in [m.value for m in at.markdown]
    steps = [m.value for m in at.markdown if "material/" in m.value]
    assert any("check_circle" in s and "Actors interviewed (30)" in s for s in steps)
    assert any("check_circle" in s and "Leader actors identified" in s for s in steps)  # the demo chose them
    assert any("check_circle" in s and "SWOT of the leaders looked at or coded" in s for s in steps)  # and coded
    assert not at.get("plotly_chart"), "the first screen starts no chart library (ui/bars.py)"
    bars = [h.proto.body for h in at.get("html") if 'class="cl-bars"' in h.proto.body]
    assert len(bars) == 2 and "Actors by value-chain stage" in bars[0] and "Actors by category" in bars[1]
    for body in bars:  # every actor counted once, in one bar (the actors without a stage included)
        assert sum(int(n) for n in re.findall(r'class="cl-bar-value">(\d+)<', body)) == 53
    assert re.search(r'cl-bar-label">production</span>.*?cl-bar-value">13<', bars[0])
    said = [m.value for m in at.markdown]
    assert ":material/warning: Actors never interviewed: 23" in said
    assert ":material/warning: Actors created from a name not in the actor list: 2" in said


def test_language_follows_the_browser_then_the_choice_sticks_across_pages(demo_db):
    at = app(locale="en-GB").run()
    assert at.title[0].value == "Cluster project: demo"
    at.segmented_control(key="lang_choice").set_value("fr").run()
    assert at.title[0].value == "Projet de cluster : demo"
    assert at.query_params["lang"] == "fr"
    page(at, "app_pages/interviews.py")
    assert at.title[0].value == "Explorateur d'entretiens"


def test_lang_in_the_address_wins_over_the_browser(demo_db):
    at = app({"lang": "en"}, locale="fr-FR").run()
    assert at.title[0].value == "Cluster project: demo"


def test_workshop_mode_from_the_address_and_it_survives_page_changes(demo_db):
    at = app({"mode": "workshop"}).run()
    assert any("font-size: 22px" in h.proto.body for h in at.get("html"))
    assert at.toggle(key="workshop_choice").value is True
    page(at, "app_pages/import_data.py")
    assert any("font-size: 22px" in h.proto.body for h in at.get("html"))
    assert at.query_params["mode"] == "workshop"
    at.toggle(key="workshop_choice").set_value(False).run()
    assert not any("font-size: 22px" in h.proto.body for h in at.get("html"))


def test_interview_explorer_profile_and_other_questions(demo_db):
    at = page(app({"lang": "en"}).run(), "app_pages/interviews.py")
    assert not at.exception
    at.selectbox(key="actor_pick").set_value("A013").run()
    assert at.subheader[0].value == "Coopérative El Amal"
    assert any("Prix du lait instable" in m.value for m in at.markdown)
    frames = [d.value for d in show_tab(at, "interviews_tab", "interviews.questions").dataframe]
    asked = next(f for f in frames if "question" in f.columns and "distinct_answers" in f.columns)
    assert set(asked["question"]) == {"Principal canal de vente", "Accès au crédit",
                                      "Membre d'une association professionnelle", "Certification"}
    at.selectbox(key="question_pick").set_value("Accès au crédit").run()
    at.segmented_control(key="cross_by").set_value("stage").run()
    counts = next(d.value for d in at.dataframe if "interviews" in d.value.columns and "stage" in d.value.columns)
    assert counts["interviews"].sum() == 26 and set(counts["answer"]) == {"oui", "non"}


def test_import_page_previews_maps_loads_and_undoes(demo_db, tmp_path):
    messy = write_xlsx(tmp_path / "grille_terrain.xlsx", {"Grille d'entretien": GRID})
    at = page(app({"lang": "en"}).run(), "app_pages/import_data.py")
    at.text_input(key="import_project").set_value("terrain").run()
    at.file_uploader(key="upload_0").set_value(("grille_terrain.xlsx", messy.read_bytes(),
                                                "application/octet-stream")).run()
    assert not at.exception
    assert any("header on row 3, 3 rows" in e.label for e in at.expander)
    assert any("Would load 3 actors, 3 interviews" in i.value for i in at.info), "the preview counts"
    con = store.connect(demo_db)
    assert "terrain" not in store.projects(con), "the preview writes nothing"
    con.close()
    at.button(key="load").click().run()
    assert not at.exception
    con = store.connect(demo_db)
    pid = store.project_id(con, "terrain", create=False)
    assert store.counts(con, pid)["interviews"] == 3
    assert store.get_setting(con, "project") == "terrain"
    con.close()
    history = next(d.value for d in at.dataframe if "file_name" in d.value.columns)
    assert history["file_name"].tolist() == ["grille_terrain.xlsx"]
    at.button(key="undo").click().run()
    at.button(key="undo_asked_yes").click().run()  # asked first (tests/test_guidance_page.py)
    con = store.connect(demo_db)
    assert store.counts(con, pid)["interviews"] == 0
    con.close()


def test_a_refused_upload_is_named_and_nothing_loads(demo_db):
    at = page(app({"lang": "fr"}).run(), "app_pages/import_data.py")
    at.file_uploader(key="upload_0").set_value(("notes.xlsx", b"pas un classeur", "text/plain")).run()
    assert any("notes.xlsx" in as_shown(e.value) and "classeur Excel" in as_shown(e.value) for e in at.error)
    assert not [b for b in at.button if b.key == "load"]


def test_a_sessions_project_is_its_own_and_the_analyst_sets_the_default(demo_db, tmp_path):
    con = store.connect(demo_db)
    store.project_id(con, "autre")
    con.close()
    at = app({"lang": "en"}).run()
    at.selectbox(key="project_choice").set_value("autre").run()
    assert at.title[0].value == "Cluster project: autre"
    other = app({"lang": "en"}).run()
    assert other.title[0].value == "Cluster project: demo", "one person's choice moves no other screen"
    at.button(key="make_default").click().run()
    again = app({"lang": "en"}).run()
    assert again.title[0].value == "Cluster project: autre", "the analyst's default opens new sessions"


def test_the_former_access_code_still_opens_as_the_analyst(demo_db, monkeypatch):
    monkeypatch.setenv("CLUSTERLAB_ACCESS_CODE", "bekaa-2026")
    at = app({"lang": "en"}).run()
    assert not at.title or at.title[0].value == "clusterlab"
    assert not at.metric
    at.text_input(key="signin_code").set_value("wrong")
    at.button[0].click()
    at.run()
    assert [e.value for e in at.error] == ["Wrong name or code."] and not at.metric
    at.text_input(key="signin_name").set_value("Omar")
    at.text_input(key="signin_code").set_value("bekaa-2026")
    at.button[0].click()
    at.run()
    assert at.title[0].value == "Cluster project: demo"
    assert r"Omar \(shared code\) · analyst" in [c.value for c in at.sidebar.caption], "said unverified"
    page(at, "app_pages/interviews.py")
    assert at.title[0].value == "Interview explorer", "the code is asked once per session"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_template_workbook_has_the_contract_sheets_and_lists(lang):
    import io

    from openpyxl import load_workbook

    from clusterlab.template import template_workbook

    wb = load_workbook(io.BytesIO(template_workbook(lang)))
    actors = wb["Acteurs" if lang == "fr" else "Actors"]
    headers = [c.value for c in actors[1]]
    assert headers[:4] == (["ID", "Nom", "Catégorie", "Maillon"] if lang == "fr" else
                           ["actor_id", "name", "category", "stage"])
    rules = {str(r.sqref)[0]: r.formula1 for r in actors.data_validations.dataValidation}
    assert set(rules) >= {"C", "D", "J", "K"}
    lists = wb["Listes" if lang == "fr" else "Lists"]
    assert lists.sheet_state == "hidden"
    column = [c.value for c in lists["A"][1:] if c.value]
    assert ("coopérative" if lang == "fr" else "cooperative") in column


def test_csv_of_a_table_is_the_table(demo_db):
    """The CSV buttons are built from the table's own DataFrame."""
    from clusterlab import analysis, overview
    from clusterlab.exporter import to_csv

    con = store.connect(demo_db)
    df = overview.actors_by(analysis.of(con, store.project_id(con, "demo")).inventory, "stage")
    con.close()
    parsed = pd.read_csv(io.BytesIO(to_csv(df)))
    staged = parsed.dropna(subset=["stage"]).set_index("stage")["actors"].to_dict()
    assert staged == {"appui": 14, "production": 13, "transformation": 8, "collecte": 6, "distribution": 4,
                      "intrants": 4, "consommation": 2}
    assert parsed.loc[parsed["stage"].isna(), "actors"].tolist() == [2], "actors without a stage are counted"
