"""Importing: linking actors, created actors, located flags, one transaction, idempotence, undo."""
import pytest

from clusterlab import importer, store
from clusterlab.errors import Conflict
from tests.workbooks import ACTORS, GRID, write_xlsx


def _rows(con, sql, *params):
    return con.execute(sql, list(params)).fetchall()


@pytest.fixture
def files(tmp_path):
    return (write_xlsx(tmp_path / "acteurs.xlsx", {"Acteurs": ACTORS}),
            write_xlsx(tmp_path / "grille.xlsx", {"Grille d'entretien": GRID}))


def test_actor_list_loads_with_parsed_values(con, files):
    report = importer.import_files(con, [files[0]], "p")
    assert not report.refused and report.loaded["actors"] == 3
    rows = _rows(con, "SELECT actor_id, name, latitude, influence, interest FROM actors ORDER BY actor_id")
    assert rows == [("A1", "Coopérative El Amal", 33.85, 5, 4), ("A2", "Laiterie du Nord", 34.01, 4, 4),
                    ("A3", "Ferme Saadé", None, 3, 2)]


def test_interviews_link_by_normalised_name_and_create_unknown_actors(con, files):
    importer.import_files(con, [files[0]], "p")
    report = importer.import_files(con, [files[1]], "p")
    assert report.loaded["interviews"] == 3
    assert report.created_actors == ["Fromagerie Inconnue"]
    created = [f for f in report.flags if f.key == "actor_created"]
    assert [(f.sheet, f.row, f.column) for f in created] == [("Grille d'entretien", 6, "Acteur")]
    linked = _rows(con, "SELECT a.name FROM interviews i JOIN actors a USING (project_id, actor_id) "
                        "ORDER BY source_row")
    assert [r[0] for r in linked] == ["Coopérative El Amal", "Ferme Saadé", "Fromagerie Inconnue"]


def test_list_items_severities_partners_and_other_questions(con, files):
    importer.import_files(con, list(files), "p")
    problems = _rows(con, "SELECT actor_id, text, severity FROM items WHERE field = 'problems' "
                          "ORDER BY actor_id, position")
    assert ("A1", "Prix du lait instable", 5) in problems and ("A1", "Manque de froid", 3) in problems
    assert ("A3", "Prix du lait instable", 4) in problems
    partners = _rows(con, "SELECT actor_id, text, linked_actor_id FROM items WHERE field = 'partners' "
                          "ORDER BY actor_id")
    assert ("A1", "Laiterie du Nord", "A2") in partners
    answers = _rows(con, "SELECT question, answer FROM answers ORDER BY answer")
    assert answers == [("Canal de vente", "collecteur"), ("Canal de vente", "laiterie")]
    scales = _rows(con, "SELECT willingness FROM interviews ORDER BY source_row")
    assert scales == [(4,), (3,), (None,)]


def test_loading_the_same_file_twice_adds_nothing(con, files):
    first = importer.import_files(con, list(files), "p")
    before = store.counts(con, store.project_id(con, "p"))
    second = importer.import_files(con, list(files), "p")
    assert first.loaded["interviews"] == 3
    assert second.loaded == dict.fromkeys(importer.REPORTED_TABLES, 0)
    assert second.message_key == "import.already_loaded"
    assert store.counts(con, store.project_id(con, "p")) == before


def test_a_refused_file_leaves_the_store_exactly_as_it_was(con, files, tmp_path):
    importer.import_files(con, [files[0]], "p")
    before = store.counts(con, store.project_id(con, "p"))
    batches_before = _rows(con, "SELECT count(*) FROM batches")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(files[1].read_bytes()[:500])
    report = importer.import_files(con, [files[1], broken], "p")
    assert report.refused and "broken.xlsx" in report.message("en")
    assert store.counts(con, store.project_id(con, "p")) == before
    assert _rows(con, "SELECT count(*) FROM batches") == batches_before


def test_a_failure_while_loading_rolls_everything_back(con, files, monkeypatch):
    importer.import_files(con, [files[0]], "p")
    before = store.counts(con, store.project_id(con, "p"))

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(importer.validate, "VALIDATORS", {**importer.validate.VALIDATORS, "interviews": fail})
    with pytest.raises(RuntimeError):
        importer.import_files(con, [files[1]], "p")
    assert store.counts(con, store.project_id(con, "p")) == before


def test_undo_removes_exactly_what_an_import_added(con, files):
    importer.import_files(con, [files[0]], "p")
    pid = store.project_id(con, "p")
    before = store.counts(con, pid)
    report = importer.import_files(con, [files[1]], "p")
    assert store.counts(con, pid) != before
    removed = importer.undo(con, report.batch_ids[0])
    assert removed["interviews"] == 3 and removed["actors"] == 1
    assert store.counts(con, pid) == before
    again = importer.import_files(con, [files[1]], "p")
    assert again.loaded["interviews"] == 3, "an undone file can be loaded again"


def test_undo_is_refused_while_another_import_uses_its_actors(con, files):
    first = importer.import_files(con, [files[0]], "p")
    importer.import_files(con, [files[1]], "p")
    with pytest.raises(Conflict) as err:
        importer.undo(con, first.batch_ids[0])
    assert "grille.xlsx" in err.value.message("en")


def test_several_files_in_one_import_link_to_each_other(con, files):
    report = importer.import_files(con, [files[1], files[0]], "p")
    assert report.loaded["actors"] == 4 and report.created_actors == ["Fromagerie Inconnue"]


def test_projects_are_kept_apart(con, files):
    importer.import_files(con, [files[0]], "one")
    importer.import_files(con, [files[0]], "two")
    assert store.counts(con, store.project_id(con, "one"))["actors"] == 3
    assert store.counts(con, store.project_id(con, "two"))["actors"] == 3
    assert store.projects(con) == ["one", "two"]


def test_flags_carry_file_sheet_excel_row_column_and_message(con, tmp_path):
    rows = [ACTORS[0], ["A1", "X", None, None, None, "nord", None, "beaucoup", 9, "fort"]]
    report = importer.import_files(con, [write_xlsx(tmp_path / "f.xlsx", {"Acteurs": rows})], "p")
    located = {(f.row, f.column, f.key) for f in report.flags}
    assert located == {(2, "Latitude", "number_invalid"), (2, "Effectif", "number_invalid"),
                       (2, "Influence", "scale_range")}
    flag = report.as_dict("fr")["flags"][0]
    assert set(flag) >= {"file", "sheet", "row", "column", "value", "message"}
    assert flag["file"] == "f.xlsx" and flag["sheet"] == "Acteurs"


def test_relations_problems_and_actions_sheets(con, tmp_path):
    path = write_xlsx(tmp_path / "all.xlsx", {
        "Acteurs": ACTORS,
        "Relations": [["Source", "Cible", "Type", "Force"], ["A1", "Laiterie du Nord", "commercial", 4],
                      ["A2", "A2", "info", 1], ["A3", "Nouvel Acteur", "information", "fort"]],
        "Problèmes": [["Acteur", "Problème", "Sévérité"], ["A1", "Routes dégradées", 3],
                      ["Ferme Saadé", "Eau rare (4)", None]],
        "Plan d'actions": [["Titre", "Phase", "Début", "Fin", "Budget", "Avancement"],
                           ["Centre de collecte", "Phase II", "01/02/2026", "30/06/2026", "12 000", 0.5],
                           ["Formation", "V", "01/05/2026", "01/03/2026", -5, 0.2]],
    })
    report = importer.import_files(con, [path], "p")
    assert report.loaded["relations"] == 2 and report.created_actors == ["Nouvel Acteur"]
    assert {f.key for f in report.flags} >= {"self_relation", "phase_invalid", "end_before_start",
                                             "negative_budget"}
    assert _rows(con, "SELECT actor_id, text, severity FROM items WHERE interview_id IS NULL ORDER BY actor_id") == [
        ("A1", "Routes dégradées", 3), ("A3", "Eau rare", 4)]
    assert _rows(con, "SELECT title, phase, budget, progress FROM actions ORDER BY title") == [
        ("Centre de collecte", "II", 12000.0, 50.0), ("Formation", None, None, 20.0)]


def test_ids_link_whatever_their_case_and_headers_may_hold_line_breaks(con, tmp_path):
    grid = [["Code acteur", "Points\nforts", "Volonté de\ncollaborer"], ["a1", "Savoir-faire", "Fort(e)"],
            ["A2 ", "Marché", 4]]
    importer.import_files(con, [write_xlsx(tmp_path / "a.xlsx", {"Acteurs": ACTORS})], "p")
    report = importer.import_files(con, [write_xlsx(tmp_path / "g.xlsx", {"Entretiens": grid})], "p")
    assert report.created_actors == [] and report.loaded["interviews"] == 2
    assert _rows(con, "SELECT actor_id, willingness FROM interviews ORDER BY actor_id") == [("A1", 4), ("A2", 4)]
    assert _rows(con, "SELECT field, text FROM items ORDER BY text") == [("strengths", "Marché"),
                                                                        ("strengths", "Savoir-faire")]


def test_a_header_repeated_for_printing_and_a_total_row_are_not_data(con, tmp_path):
    header = ["Titre", "Budget"]
    path = write_xlsx(tmp_path / "plan.xlsx", {"Plan d'actions": [header, ["Centre de collecte", 1000], header,
                                                                  ["Formation", 500], ["TOTAL", 1500]]})
    report = importer.import_files(con, [path], "p")
    assert _rows(con, "SELECT title, budget FROM actions ORDER BY title") == [("Centre de collecte", 1000.0),
                                                                            ("Formation", 500.0)]
    assert [(f.row, f.key) for f in report.flags] == [(5, "total_row")]


def test_an_actor_list_loaded_after_the_grids_fills_in_the_actors_they_created(con, files):
    grid = importer.import_files(con, [files[1]], "p")
    assert sorted(grid.created_actors) == ["Ferme Saadé", "Fromagerie Inconnue", "cooperative el amal"]
    listed = importer.import_files(con, [files[0]], "p")
    assert listed.completed_actors == ["Coopérative El Amal", "Ferme Saadé"]
    assert listed.loaded["actors"] == 1, "only Laiterie du Nord is new"
    assert "2 actors created from interviews were filled in" in listed.message("en")
    completed = "SELECT name, category, stage, region, influence, created_from FROM actors WHERE name_key = ?"
    assert _rows(con, completed, "cooperative el amal") == [
        ("cooperative el amal", "coopérative", "collecte", "Zahlé", 5, "list")]
    assert _rows(con, "SELECT count(*) FROM interviews i JOIN actors a USING (project_id, actor_id) "
                      "WHERE a.category IS NOT NULL")[0][0] == 2, "the grid's interviews now meet the list"

    with pytest.raises(Conflict):
        importer.undo(con, grid.batch_ids[0])  # the list completes actors this grid created
    importer.undo(con, listed.batch_ids[0])
    assert _rows(con, completed, "cooperative el amal") == [
        ("cooperative el amal", None, None, None, None, "reference")]
    assert _rows(con, "SELECT count(*) FROM actors")[0][0] == 3
