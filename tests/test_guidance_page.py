"""Honest guidance through AppTest: the overview's steps agree with the pages (the leaders page's count, the
leaders' SWOT one click away and counted once looked at), the seed's phase names in both languages."""
import re

import pytest

from clusterlab import analysis, importer, leaders, overview, store, users
from tests.apptest import app, as_shown, page, show_tab
from tests.workbooks import GRID, write_xlsx

pytestmark = pytest.mark.apptest


def _step(at, text: str) -> str:
    return next(m.value for m in at.markdown if "material/" in m.value and text in m.value)


def test_the_overview_counts_the_leaders_the_leaders_page_shows(demo_db):
    con = store.connect(demo_db)
    pid = store.project_id(con, "demo")
    expected = len(analysis.of(con, pid).leaders)
    con.close()
    assert expected > 0, "the demo's score names leaders"
    at = app({"lang": "en"}).run()
    step = _step(at, "Leader actors identified")
    assert "check_circle" in step and step.endswith(f"({expected})")
    at = show_tab(page(at, "app_pages/actors.py"), "actors_tab", "actors.tab_leaders")
    scores = next(d.value for d in at.dataframe if "score" in d.value.columns and "leader" in d.value.columns)
    assert int(scores["leader"].sum()) == expected
    assert f"{expected} of them leaders" in " ".join(c.value for c in at.caption)


def test_a_leader_unmarked_by_hand_leaves_the_overview_with_the_same_count_as_the_page(demo_db):
    con = store.connect(demo_db)
    pid = store.project_id(con, "demo")
    first = sorted(analysis.of(con, pid).leaders)[0]
    leaders.set_override(con, pid, first, False, "not active any more")
    expected = len(analysis.of(con, pid).leaders)
    con.close()
    at = app({"lang": "en"}).run()
    assert _step(at, "Leader actors identified").endswith(f"({expected})")


def test_the_leaders_swot_is_one_click_from_the_swot_page_and_counts_once_looked_at(raw_demo_db):
    at = app({"lang": "en"}).run()
    assert "radio_button_unchecked" in _step(at, "SWOT of the leaders looked at or coded")
    at = page(at, "app_pages/swot.py")
    at.segmented_control(key="swot_scope").set_value("leaders").run()
    assert not at.exception
    caption = next(c.value for c in at.caption if c.value.startswith("SWOT of:"))
    n = int(re.search(r"\((\d+) actors\)", caption).group(1))
    con = store.connect(raw_demo_db)
    assert n == len(analysis.of(con, store.project_id(con, "demo")).leaders)
    con.close()
    at = page(at, "app_pages/overview.py")
    step = _step(at, "SWOT of the leaders looked at or coded")
    assert "check_circle" in step and re.search(r"\(\d+ themes\)$", step)


def _sign_in(at, name, code):
    at.text_input(key="signin_name").set_value(name)
    at.text_input(key="signin_code").set_value(code)
    at.button[0].click()
    return at.run()


def test_a_facilitator_looking_at_the_leaders_swot_counts_it_and_an_observer_writes_nothing(raw_demo_db):
    con = store.connect(raw_demo_db)
    pid = store.project_id(con, "demo")
    users.add(con, "Karim", "analyst", "code de karim")
    users.add(con, "Nadia", "facilitator", "code de nadia")
    token = users.issue(con, "observer", ["demo"], "comité")
    con.close()

    at = page(app({"lang": "en", "access": token}).run(), "app_pages/swot.py")
    at.segmented_control(key="swot_scope").set_value("leaders").run()
    assert not at.exception and not at.error, "an observer reads the leaders' SWOT"
    con = store.connect(raw_demo_db)
    assert not overview.leaders_swot_seen(con, pid), "an observer's look writes nothing"
    con.close()

    at = page(_sign_in(app({"lang": "en"}).run(), "Nadia", "code de nadia"), "app_pages/swot.py")
    at.segmented_control(key="swot_scope").set_value("leaders").run()
    assert not at.exception and not at.error
    at.run()  # a second look (a rerun) writes nothing more
    con = store.connect(raw_demo_db)
    seen = con.execute("SELECT who, role FROM changes WHERE project_id = ? AND action = ?",
                       [pid, overview.SEEN]).fetchall()
    con.close()
    assert seen == [("Nadia", "facilitator")]
    assert "check_circle" in _step(page(at, "app_pages/overview.py"), "SWOT of the leaders looked at or coded")


def test_the_phases_are_the_seeds_in_both_languages(demo_db):
    fr = app({"lang": "fr"}).run()
    shown = [m.value for m in fr.markdown]
    assert "**Phase I — La plateforme opérationnelle**" in shown
    assert "**Phase IV — Appui à la mise en place du cluster**" in shown
    en = app({"lang": "en"}).run()
    assert "**Phase IV — Support for setting up the cluster**" in [m.value for m in en.markdown]


# -- the import page: an undo or a re-import asked first; each import's report kept in the history -------

def _counts(db) -> dict[str, int]:
    con = store.connect(db)
    try:
        return store.counts(con, store.project_id(con, "demo"))
    finally:
        con.close()


def _undone(db) -> list[int]:
    con = store.connect(db)
    try:
        return [r[0] for r in con.execute("SELECT batch_id FROM batches WHERE undone_at IS NOT NULL").fetchall()]
    finally:
        con.close()


def _asked(at) -> list[str]:
    return [as_shown(w.value) for w in at.warning if "?" in w.value]


def test_an_undo_asks_first_saying_what_it_removes_and_cancelling_changes_nothing(raw_demo_db):
    before = _counts(raw_demo_db)
    at = page(app({"lang": "en"}).run(), "app_pages/import_data.py")
    at.selectbox(key="undo_pick").set_value(3)
    at.button(key="undo").click().run()
    assert not at.exception
    assert _asked(at) == [f"Undo import #3 (plan_actions.xlsx)? This removes {before['actions']} actions."]
    at.run()  # a rerun (another widget, a second session's save) neither confirms nor forgets
    assert len(_asked(at)) == 1
    assert _counts(raw_demo_db) == before and _undone(raw_demo_db) == []
    at.button(key="undo_asked_no").click().run()
    assert _asked(at) == [] and _counts(raw_demo_db) == before and _undone(raw_demo_db) == []
    at.button(key="undo").click().run()
    at.button(key="undo_asked_yes").click().run()
    assert not at.exception
    assert _undone(raw_demo_db) == [3] and _counts(raw_demo_db) == {**before, "actions": 0}
    assert "Import #3 undone (it was made by local)." in [as_shown(s.value) for s in at.success], "and who made it"
    assert not [b for b in at.button if b.key == "undo_asked_yes"], "a second click finds no button to click"


def test_each_imports_located_report_stays_in_the_history_with_its_csv(demo_db):
    at = page(app({"lang": "fr"}).run(), "app_pages/import_data.py")
    at.selectbox(key="report_pick").set_value(2).run()
    assert not at.exception
    assert any(as_shown(m.value).endswith("**Rapport de l'import n° 2 : entretiens.xlsx**") for m in at.markdown)
    shown = next(d.value for d in at.dataframe if "message" in d.value.columns and "row" in d.value.columns)
    con = store.connect(demo_db)
    kept = importer.stored_report(con, 2)
    con.close()
    assert len(shown) == len(kept.flags) == 5
    assert set(shown["file"]) == {"entretiens.xlsx"} and shown["row"].notna().any()
    assert [b for b in at.get("download_button") if b.key == "csv_flags_batch_2"], "its CSV"
    downloads = {b.key: b.proto.label for b in at.get("download_button")}
    assert downloads["export_xlsx"] == "Classeur du projet (.xlsx)"  # its bytes: tests/test_import_report.py
    assert downloads["export_csv"] == "Fichiers CSV (.zip)" and "export_csv_fr" in downloads


def test_a_reimport_asks_first_with_the_rows_it_replaces(demo_db, tmp_path):
    (tmp_path / "v1").mkdir()
    (tmp_path / "v2").mkdir()
    first = write_xlsx(tmp_path / "v1" / "grille.xlsx", {"Grille d'entretien": GRID}).read_bytes()
    second = write_xlsx(tmp_path / "v2" / "grille.xlsx", {"Grille d'entretien": GRID[:-1]}).read_bytes()
    at = page(app({"lang": "en"}).run(), "app_pages/import_data.py")
    at.file_uploader(key="upload_0").set_value(("grille.xlsx", first, "application/octet-stream")).run()
    at.button(key="load").click().run()  # nothing loaded before: no question
    con = store.connect(demo_db)
    pid = store.project_id(con, "demo")
    loaded = store.counts(con, pid)
    earlier = int(store.batches(con, pid)["batch_id"].iloc[0])
    removes = importer.batch_rows(con, earlier)
    con.close()
    at.file_uploader(key="upload_1").set_value(("grille.xlsx", second, "application/octet-stream")).run()
    assert at.radio(key="import_mode").value == "replace"
    at.button(key="load").click().run()
    assert not at.exception
    (question,) = _asked(at)
    assert question.startswith(f"Replace the earlier import? This removes {removes['actors']} actors, "
                               f"{removes['interviews']} interviews")
    assert question.endswith("then loads 1 actor, 2 interviews, 7 list items, 2 answers.")  # one row less
    assert _counts(demo_db) == loaded, "asked, not done"
    at.button(key="load_asked_yes").click().run()
    assert not at.exception
    assert _undone(demo_db) == [earlier]
    now = _counts(demo_db)
    assert now["interviews"] == loaded["interviews"] - 1 and now["actors"] == loaded["actors"] - 1


def test_two_sessions_an_undo_asked_in_one_and_done_in_the_other_is_not_done_twice(raw_demo_db):
    a = page(app({"lang": "en"}).run(), "app_pages/import_data.py")
    b = page(app({"lang": "fr"}).run(), "app_pages/import_data.py")
    a.button(key="undo").click().run()
    b.button(key="undo").click().run()
    b.button(key="undo_asked_yes").click().run()
    assert _undone(raw_demo_db) == [3]
    a.run()  # A's next run: the import it was asked about is gone, and so is the question
    assert _asked(a) == [] and not [x for x in a.button if x.key == "undo_asked_yes"]
    assert a.selectbox(key="undo_pick").value == 2


def test_a_file_loaded_again_alongside_says_what_it_adds_and_adds_it_once_confirmed(demo_db, tmp_path):
    (tmp_path / "v2").mkdir()
    first = write_xlsx(tmp_path / "grille.xlsx", {"Grille d'entretien": GRID}).read_bytes()
    second = write_xlsx(tmp_path / "v2" / "grille.xlsx", {"Grille d'entretien": GRID[:-1]}).read_bytes()
    at = page(app({"lang": "en"}).run(), "app_pages/import_data.py")
    at.file_uploader(key="upload_0").set_value(("grille.xlsx", first, "application/octet-stream")).run()
    at.button(key="load").click().run()
    loaded = _counts(demo_db)
    at.file_uploader(key="upload_1").set_value(("grille.xlsx", second, "application/octet-stream")).run()
    at.radio(key="import_mode").set_value("add").run()
    at.button(key="load").click().run()
    (question,) = _asked(at)
    assert question.startswith("Load this file again alongside the earlier import? "
                               "This adds 2 interviews, 7 list items")
    assert _counts(demo_db) == loaded
    at.button(key="load_asked_yes").click().run()
    assert _undone(demo_db) == [] and _counts(demo_db)["interviews"] == loaded["interviews"] + 2


def test_the_overview_counts_each_quality_warning_and_shows_its_list_on_demand(demo_db):
    at = app({"lang": "en"}).run()
    said = next(m.value for m in at.markdown if "Actors never interviewed:" in m.value)
    n = int(said.rsplit(":", 1)[1])
    assert n > 0 and not at.dataframe, "no list drawn before one is asked for"
    at.pills(key="quality_shown").set_value("never_interviewed").run()
    assert not at.exception and len(at.dataframe[0].value) == n
