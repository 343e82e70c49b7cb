"""Workbooks as field teams really send them: numbering columns, group headers over two rows,
one column per item, notes under the table, helper sheets. Each case is what a probe of
realistic workbooks found the importer getting wrong."""
import pytest

from clusterlab import importer
from tests.workbooks import write_xlsx

LIST = [["ID", "Nom", "Catégorie"], [1, "Coopérative El Amal", "coopérative"],
        [2, "Laiterie du Nord", "transformateur"], [3, "CRDA Béja", "institution publique"]]


def _load(con, tmp_path, sheets: dict, name: str = "f.xlsx", with_list: bool = True, **kw):
    files = [write_xlsx(tmp_path / "liste.xlsx", {"Acteurs": LIST})] if with_list else []
    files.append(write_xlsx(tmp_path / name, sheets, **kw))
    return importer.import_files(con, files, "p")


def _rows(con, sql, *params):
    return con.execute(sql, list(params)).fetchall()


def _flags(report, key):
    return [(f.sheet, f.row, f.column, f.value) for f in report.flags if f.key == key]


def test_a_grid_numbering_its_rows_in_an_id_column_links_by_the_names_and_says_so(con, tmp_path):
    grid = [["ID", "Acteur interviewé", "Forces"], [1, "Laiterie du Nord", "Marque"], [2, "CRDA Béja", "Expertise"]]
    report = _load(con, tmp_path, {"Entretiens": grid})
    linked = _rows(con, "SELECT a.name, i.text FROM items i JOIN actors a USING (project_id, actor_id) ORDER BY 2")
    assert linked == [("CRDA Béja", "Expertise"), ("Laiterie du Nord", "Marque")]
    assert _flags(report, "id_name_conflict") == [("Entretiens", 2, "ID", "1"), ("Entretiens", 3, "ID", "2")]
    assert "ID 1 is Coopérative El Amal in the project, but this row names Laiterie du Nord" in \
        next(f for f in report.flags if f.key == "id_name_conflict").message("en")


def test_ids_with_leading_zeros_or_typed_as_numbers_link(con, tmp_path):
    grid = [["Code acteur", "Date", "Forces"], ["01", "04/03/2026", "Marque"], [3.0, None, "Expertise"]]
    report = _load(con, tmp_path, {"Entretiens": grid})
    assert report.loaded["interviews"] == 2 and not report.created_actors
    assert _rows(con, "SELECT actor_id FROM interviews ORDER BY 1") == [("1",), ("3",)]


def test_columns_about_the_interview_are_not_its_id(con, tmp_path):
    grid = [["Acteur", "Date de l'entretien", "Type d'entretien", "Lieu de l'entretien", "Forces"],
            ["Laiterie du Nord", "04/03/2026", "Individuel", "Béja", "Marque"],
            ["CRDA Béja", "05/03/2026", "Individuel", "Béja", "Expertise"]]
    report = _load(con, tmp_path, {"Entretiens": grid})
    assert report.loaded["interviews"] == 2 and not _flags(report, "duplicate_interview")
    assert _rows(con, "SELECT DISTINCT question FROM answers ORDER BY 1") == [("Lieu de l'entretien",),
                                                                            ("Type d'entretien",)]


def test_number_columns_are_ids_and_a_postcode_is_not(con, tmp_path):
    actors = [["N°", "Nom de l'acteur", "Code postal"], [1, "Coopérative El Amal", 9000], [2, "Laiterie du Nord", 9000]]
    grid = [["N° acteur", "Date", "Forces"], [2, "04/03/2026", "Marque"]]
    report = importer.import_files(con, [write_xlsx(tmp_path / "a.xlsx", {"Inventaire": actors}),
                                         write_xlsx(tmp_path / "g.xlsx", {"Entretiens": grid})], "p")
    assert report.loaded["actors"] == 2 and not report.created_actors
    assert _rows(con, "SELECT actor_id, name FROM actors ORDER BY 1") == [("1", "Coopérative El Amal"),
                                                                         ("2", "Laiterie du Nord")]
    assert _rows(con, "SELECT actor_id FROM interviews") == [("2",)]
    assert _rows(con, "SELECT name, value FROM extra_fields ORDER BY record_id") == [("Code postal", "9000")] * 2


@pytest.mark.parametrize("header, field", [
    ("Volonté de participer (1-5)", "willingness"), ("Enquêtrice", "interviewer"),
    ("Acteur interviewé", "name"), ("N°", "interview_id"), ("Nº questionnaire", "interview_id"),
])
def test_more_ways_of_naming_grid_columns(header, field):
    from clusterlab.contract import INTERVIEWS, match_columns

    assert match_columns(INTERVIEWS, ["Acteur" if field != "name" else "Forces", header])[1] == field


def test_a_group_header_over_two_rows_keeps_every_column(con, tmp_path):
    grid = [["Grille d'entretien"], [None],
            ["Acteur", "Date de l'entretien", "Analyse SWOT", None, None, None, "Problèmes"],
            [None, None, "Forces", "Faiblesses", "Opportunités", "Menaces", None],
            ["Laiterie du Nord", "04/03/2026", "Marque", "Froid", "Demande", "Poudre", "Prix (4)"]]
    report = _load(con, tmp_path, {"Entretiens": grid}, merged={"Entretiens": ["A3:A4", "B3:B4", "C3:F3", "G3:G4"]})
    assert not report.flags, [f.message("en") for f in report.flags]
    assert _rows(con, "SELECT field, text, severity FROM items ORDER BY 1") == [
        ("opportunities", "Demande", None), ("problems", "Prix", 4), ("strengths", "Marque", None),
        ("threats", "Poudre", None), ("weaknesses", "Froid", None)]
    assert _rows(con, "SELECT source_row FROM interviews") == [(5,)]


def test_helper_sheets_are_neither_data_nor_a_reason_to_refuse(con, tmp_path):
    grid = [["Acteur", "Forces"], ["Laiterie du Nord", "Marque"]]
    sheets = {"Entretiens": grid,
              "Synthèse des contraintes": [["Contrainte", "Nombre de citations"], ["Prix", 3]],
              "Synthèse": [["Région", "Nombre d'acteurs", "Influence moyenne"], ["Béja", 3, 3.7]],
              "Notice": [["Colonne", "Description"], ["Nom", "Nom de l'acteur"],
                         ["Maillon", "Maillon de la filière de l'acteur"]],
              "Questionnaire": [["N°", "Question"], [1, "Quelles sont les forces de votre structure ?"]]}
    report = _load(con, tmp_path, sheets)
    assert not report.refused
    assert report.loaded["actors"] == 3 and report.loaded["interviews"] == 1, "nothing read from the helpers"
    assert sorted(f.value for f in report.flags if f.key == "sheet_without_columns") == [
        "Questionnaire", "Synthèse des contraintes"]


def test_a_workbook_with_no_usable_sheet_is_still_refused_with_the_reason(con, tmp_path):
    report = _load(con, tmp_path, {"Acteurs": [["Région", "Catégorie"], ["Béja", "producteur"]]}, with_list=False)
    assert report.refused and "no column for name" in report.message("en")


def test_a_hidden_sheet_is_not_read_and_the_report_says_so(con, tmp_path):
    from openpyxl import load_workbook

    path = write_xlsx(tmp_path / "g.xlsx", {"Entretiens": [["Acteur", "Forces"], ["Laiterie du Nord", "Marque"]],
                                             "Entretiens (v1)": [["Acteur", "Forces"], ["CRDA Béja", "Ancien"]]})
    wb = load_workbook(path)
    wb["Entretiens (v1)"].sheet_state = "hidden"
    wb.save(path)
    report = importer.import_files(con, [path], "p")
    assert report.loaded["interviews"] == 1
    assert _flags(report, "sheet_hidden") == [("Entretiens (v1)", None, None, "Entretiens (v1)")]


def test_notes_and_totals_under_a_table_are_not_data(con, tmp_path):
    grid = [["Nom de l'acteur", "Forces"], ["Laiterie du Nord", "Marque"], ["CRDA Béja", "Expertise"], [None],
            ["Légende : (1) très faible … (5) très fort"], ["Total : 2 entretiens"], ["Total Maroc", "Réseau"]]
    plan = [["N°", "Action", "Budget"], [1, "Centre de collecte", 1000], ["Sous-total Phase I", None, 1000],
            [None, "Total (USD)", 1000], ["TOTAL", None, 1000]]
    report = _load(con, tmp_path, {"Entretiens": grid, "Plan d'actions": plan})
    assert report.loaded["interviews"] == 3, "an actor called Total Maroc is an actor"
    assert [(f.row, f.key) for f in report.flags if f.key in ("note_row", "total_row")] == [
        (5, "note_row"), (6, "total_row"), (3, "total_row"), (4, "total_row"), (5, "total_row")]
    assert _rows(con, "SELECT action_id, title, budget FROM actions") == [("1", "Centre de collecte", 1000.0)]


def test_one_item_per_column_gives_one_list(con, tmp_path):
    grid = [["Acteur", "Force 1", "Force 2", "Contrainte 1", "Contrainte 2", "Partenaire 1", "Partenaire 2"],
            ["CRDA Béja", "Expertise", "Réseau", "Froid (4)", "Crédit (3)", "Laiterie du Nord", None]]
    report = _load(con, tmp_path, {"Entretiens": grid})
    assert report.loaded["answers"] == 0
    assert _rows(con, "SELECT field, position, text, severity, linked_actor_id FROM items ORDER BY 1, 2") == [
        ("partners", 1, "Laiterie du Nord", None, "2"), ("problems", 1, "Froid", 4, None),
        ("problems", 2, "Crédit", 3, None), ("strengths", 1, "Expertise", None, None),
        ("strengths", 2, "Réseau", None, None)]


def test_progress_in_percent_cells_and_as_text(con, tmp_path):
    plan = [["Action", "Avancement"], ["Diagnostic", 1], ["Atelier", 0.5], ["Voyage", "50 %"], ["Étude", 0]]
    _load(con, tmp_path, {"Plan d'actions": plan}, with_list=False)
    assert _rows(con, "SELECT title, progress FROM actions ORDER BY title") == [
        ("Atelier", 50.0), ("Diagnostic", 100.0), ("Voyage", 50.0), ("Étude", 0.0)]


@pytest.mark.parametrize("cell, expected", [
    ("15 000 000 FCFA", 15_000_000), ("12 000 DT", 12_000), ("2 500 euros", 2_500), ("USD 5 000", 5_000),
    ("33,5 k€", 33_500), ("1,5 M", 1_500_000), ("€ 5 000", 5_000), ("1.200.000", 1_200_000),
])
def test_budgets_in_the_currencies_field_teams_use(cell, expected):
    from clusterlab.values import parse_number

    assert parse_number(cell) == (expected, None)


@pytest.mark.parametrize("cell, expected", [("Phase 1 - Diagnostic", "I"), ("P3", "III"), ("Phase 4 (suivi)", "IV")])
def test_phases_as_people_write_them(cell, expected):
    from clusterlab.values import parse_phase

    assert parse_phase(cell) == (expected, None)


@pytest.mark.parametrize("cell, items", [
    ("1. Savoir-faire 2. Cheptel 3. Eau", ["Savoir-faire", "Cheptel", "Eau"]),
    ("➢ Savoir-faire\n➢ Cheptel", ["Savoir-faire", "Cheptel"]),
    ("\uf0a7 Savoir-faire \uf0a7 Cheptel", ["Savoir-faire", "Cheptel"]),
    ("o Savoir-faire\no Cheptel", ["Savoir-faire", "Cheptel"]),
    ("- -20 % de rendement\n-Prix du lait\n> 50 ans d'expérience", ["-20 % de rendement", "Prix du lait",
                                                                      "50 ans d'expérience"]),
])
def test_list_cells_as_word_and_excel_users_type_them(cell, items):
    from clusterlab.values import split_list

    assert split_list(cell) == items


def test_a_severity_followed_by_a_full_stop_and_one_out_of_range(con, tmp_path):
    from clusterlab.values import split_severity

    assert split_severity("Manque de froid (5).") == ("Manque de froid", 5, None)
    assert split_severity("Accès au crédit (10)") == ("Accès au crédit (10)", None, "severity_range")


def test_a_relation_to_several_actors_in_one_cell(con, tmp_path):
    links = [["Acteur source", "Acteur cible", "Type"], ["CRDA Béja", "Laiterie du Nord; Coopérative El Amal", "appui"],
             ["Coop Inconnue", "CRDA Béja", "commercial"]]
    report = _load(con, tmp_path, {"Liens": links})
    assert _rows(con, "SELECT source, target, type FROM relations ORDER BY 1, 2") == [
        ("3", "1", "appui"), ("3", "2", "appui"), ("A0001", "3", "commercial")]
    assert report.created_actors == ["Coop Inconnue"], "a name is not made an id"


@pytest.mark.parametrize("cell, expected", [
    ("3-4", (None, "scale_invalid")), ("3 à 4", (None, "scale_invalid")), ("5 (faible)", (5, None)),
    ("3 - moyen", (3, None)), (__import__("datetime").date(2026, 5, 4), (4, None)),
])
def test_scores_as_typed_and_as_excel_changed_them(cell, expected):
    from clusterlab.values import parse_scale

    assert parse_scale(cell) == expected


@pytest.mark.parametrize("cell, expected", [
    ("4 mars 2026", "2026-03-04"), ("1er avril 2026", "2026-04-01"), ("March 4, 2026", "2026-03-04"),
    ("04/03/2026 10h30", "2026-03-04"), ("le 4", None),
])
def test_dates_written_in_words(cell, expected):
    from clusterlab.values import parse_date

    value, problem = parse_date(cell)
    assert (str(value) if value else None) == expected and (problem is None) == (expected is not None)


@pytest.mark.parametrize("cell, start, end", [
    ("T1 2026", "2026-01-01", "2026-03-31"), ("Q2 2026", "2026-04-01", "2026-06-30"),
    ("S2 2026", "2026-07-01", "2026-12-31"), (2026, "2026-01-01", "2026-12-31"),
    ("janv-26", "2026-01-01", "2026-01-31"),
    ("mars 2026", "2026-03-01", "2026-03-31"), ("déc. 2026", "2026-12-01", "2026-12-31"),
])
def test_a_period_is_its_first_day_to_start_and_its_last_to_end_and_says_so(cell, start, end):
    from clusterlab.values import parse_date, parse_end_date

    assert parse_date(cell) == (__import__("datetime").date.fromisoformat(start), "date_from_period")
    assert parse_end_date(cell) == (__import__("datetime").date.fromisoformat(end), "date_from_period")


@pytest.mark.parametrize("cell, expected", [("25 personnes", 25), ("~10", 10), ("environ 10", 10), ("10+", 10)])
def test_headcounts_with_words(cell, expected):
    from clusterlab.values import parse_count

    assert parse_count(cell) == (expected, None)


def test_a_plan_by_quarters_keeps_its_calendar_with_a_remark(con, tmp_path):
    plan = [["Action", "Début", "Fin", "Phase"], ["Diagnostic", "T1 2026", "T2 2026", "Ph. I"]]
    report = _load(con, tmp_path, {"Plan d'actions": plan}, with_list=False)
    assert _rows(con, 'SELECT start, "end", phase FROM actions') == [
        (__import__("datetime").date(2026, 1, 1), __import__("datetime").date(2026, 6, 30), "I")]
    assert [(f.column, f.level) for f in report.flags if f.key == "date_from_period"] == [("Début", "info"),
                                                                                          ("Fin", "info")]


@pytest.mark.parametrize("cell, expected", [("++", 3), ("+++", 4), ("Forte (contrat écrit)", 4), ("Très grave", 5),
                                            ("mineur", 2), ("critique", 5)])
def test_strengths_and_severities_in_words_and_signs(cell, expected):
    from clusterlab.values import parse_scale

    assert parse_scale(cell) == (expected, None)


def test_placeholders_are_not_items(con, tmp_path):
    grid = [["Acteur", "Faiblesses", "Problèmes", "Partenaires"],
            ["CRDA Béja", "RAS", "Aucun; N/A; Aucun accès au crédit (4)", "Néant"],
            ["Laiterie du Nord", "/; …; -", "Prix\u200b (3)", "Aucun partenaire"]]
    _load(con, tmp_path, {"Entretiens": grid})
    assert _rows(con, "SELECT field, text, severity FROM items ORDER BY 2") == [
        ("problems", "Aucun accès au crédit", 4), ("problems", "Prix", 3)]


def test_the_respondents_name_is_not_the_actor_their_structure_is(con, tmp_path):
    grid = [["Nom", "Prénom", "Fonction", "Structure", "Forces"],
            ["Ben Salah", "Mohamed", "Président", "Coopérative El Amal", "Marque"]]
    report = _load(con, tmp_path, {"Entretiens": grid})
    assert not report.created_actors and _rows(con, "SELECT actor_id FROM interviews") == [("1",)]
    assert _rows(con, "SELECT question, answer FROM answers ORDER BY 1") == [
        ("Fonction", "Président"), ("Nom", "Ben Salah"), ("Prénom", "Mohamed")]


def test_survey_questions_that_mention_a_field_are_other_questions(con, tmp_path):
    grid = [["Acteur", "Forces", "Q3. Date de création", "Q25. Percevez-vous des menaces ? (oui/non)",
             "Q47. Nombre de partenaires"],
            ["CRDA Béja", "Expertise", "15/06/2005", "Oui", 3]]
    _load(con, tmp_path, {"Entretiens": grid})
    assert _rows(con, "SELECT date FROM interviews") == [(None,)]
    assert _rows(con, "SELECT field, text, linked_actor_id FROM items") == [("strengths", "Expertise", None)]
    assert len(_rows(con, "SELECT * FROM answers")) == 3


def test_a_drop_down_lists_sheet_is_not_an_actor_list(con, tmp_path):
    lists = [["Acteurs", "Catégorie", "Maillon"], ["Fromagerie de Béja", "producteur", "intrants"],
             ["Vétérinaire privé", "coopérative", "production"]]
    report = _load(con, tmp_path, {"Listes": lists, "Entretiens": [["Acteur", "Forces"], ["CRDA Béja", "Marque"]]})
    assert report.loaded["actors"] == 3 and not report.created_actors


def test_homonyms_in_two_places_stay_two_actors_and_their_ids_tell_them_apart(con, tmp_path):
    actors = [["ID", "Nom", "Région"], [1, "Coopérative El Amal", "Béja"], [7, "Coopérative El Amal", "Jendouba"]]
    grid = [["Code acteur", "Acteur", "Forces"], [7, "Coopérative El Amal", "Pâturages"]]
    report = importer.import_files(con, [write_xlsx(tmp_path / "a.xlsx", {"Acteurs": actors}),
                                         write_xlsx(tmp_path / "g.xlsx", {"Entretiens": grid})], "p")
    assert report.loaded["actors"] == 2 and _flags(report, "homonym") == [("Acteurs", 3, "Nom", "Coopérative El Amal")]
    assert _rows(con, "SELECT actor_id FROM interviews") == [("7",)] and not _flags(report, "id_name_conflict")


@pytest.mark.parametrize("written", ["Laiterie du Nord S.A.R.L.", "BNA", "Coop. El Amal", "3 - CRDA Béja",
                                     "Coopérative El Amal (Béja)", "C.R.D.A. Béja", "Agro-Nord"])
def test_names_as_people_abbreviate_them_link_to_the_listed_actor(con, tmp_path, written):
    actors = [["ID", "Nom"], [1, "Coopérative El Amal"], [2, "Laiterie du Nord SARL"], [3, "CRDA Béja"],
              [4, "Banque Nationale Agricole (BNA)"], [8, "Société Agro-Nord SA"]]
    report = importer.import_files(con, [write_xlsx(tmp_path / "a.xlsx", {"Acteurs": actors}),
                                         write_xlsx(tmp_path / "g.xlsx", {"Entretiens": [["Acteur", "Forces"],
                                                                                         [written, "Marque"]]})], "p")
    assert not report.created_actors, written
    assert [f.key for f in report.flags] == ["linked_loosely"]


@pytest.mark.parametrize("code", ["A3", "A-003", "a 3", "A003"])
def test_ids_written_with_dashes_spaces_or_without_zeros_link(con, tmp_path, code):
    actors = [["ID", "Nom"], ["A001", "Coopérative El Amal"], ["A003", "CRDA Béja"]]
    problems = [["Acteur", "Problème"], [code, "Prix"], ["A-009", "Froid"]]
    report = importer.import_files(con, [write_xlsx(tmp_path / "a.xlsx", {"Acteurs": actors}),
                                         write_xlsx(tmp_path / "p.xlsx", {"Problèmes": problems})], "p")
    assert _rows(con, "SELECT actor_id, text FROM items") == [("A003", "Prix")]
    assert not report.created_actors and _flags(report, "unknown_actor_id")[0][3] == "A-009"


def test_an_edited_copy_of_a_loaded_grid_is_flagged(con, tmp_path):
    grid = [["Acteur", "Forces"], ["CRDA Béja", "Marque"]]
    _load(con, tmp_path, {"Entretiens": grid}, name="grille.xlsx")
    again = importer.import_files(con, [write_xlsx(tmp_path / "grille.xlsx", {"Entretiens": [
        ["Acteur", "Forces"], ["CRDA Béja", "Marque connue"]]})], "p")
    assert [f.key for f in again.flags] == ["file_loaded_before", "interview_again"]
    assert "undo import 2" in again.flags[0].message("en")


def test_an_actor_list_that_says_otherwise_is_flagged(con, tmp_path):
    _load(con, tmp_path, {"Entretiens": [["Acteur", "Forces"], ["CRDA Béja", "Marque"]]})
    edited = [["ID", "Nom", "Catégorie"], [3, "CRDA Béja", "ONG"]]
    report = importer.import_files(con, [write_xlsx(tmp_path / "liste2.xlsx", {"Acteurs": edited})], "p")
    differs = next(f for f in report.flags if f.key == "actor_differs")
    assert "category: institution publique → ONG" in differs.message("en")


@pytest.mark.parametrize("headers, expected", [
    (["From", "To", "Type of relationship"], ["source", "target", "type"]),
])
def test_english_relation_headers(headers, expected):
    from clusterlab.contract import RELATIONS, match_columns

    assert match_columns(RELATIONS, headers) == expected


def test_other_columns_of_problems_and_relations_are_kept_and_come_back_from_the_project_workbook(con, tmp_path):
    from clusterlab import exporter, store

    sheets = {"Problèmes": [["Acteur", "Problème", "Sévérité", "Maillon concerné"],
                            ["CRDA Béja", "Prix", 4, "collecte"]],
              "Liens": [["Source", "Cible", "Type", "Fréquence"],
                        ["CRDA Béja", "Laiterie du Nord", "appui", "mensuelle"]]}
    report = _load(con, tmp_path, sheets)
    assert not report.flags
    kept = "SELECT table_name, name, value FROM extra_fields WHERE project_id = ? ORDER BY 1"
    expected = [("problems", "Maillon concerné", "collecte"), ("relations", "Fréquence", "mensuelle")]
    assert _rows(con, kept, store.project_id(con, "p")) == expected
    path = tmp_path / "project.xlsx"
    path.write_bytes(exporter.project_workbook(con, store.project_id(con, "p")))
    importer.import_files(con, [path], "copy")
    assert _rows(con, kept, store.project_id(con, "copy")) == expected


def test_a_grid_row_pasted_twice_is_loaded_once(con, tmp_path):
    grid = [["Acteur", "Date", "Forces"], ["CRDA Béja", "04/03/2026", "Marque"], ["CRDA Béja", "04/03/2026", "Marque"],
            ["CRDA Béja", "05/03/2026", "Marque"]]
    report = _load(con, tmp_path, {"Entretiens": grid})
    assert report.loaded["interviews"] == 2
    assert [(f.row, f.key) for f in report.flags] == [(3, "duplicate_row")]


def test_a_column_of_us_dates_is_read_month_first(con, tmp_path):
    grid = [["Actor", "Date", "Strengths"], ["CRDA Béja", "03/04/2026", "Expertise"],
            ["Laiterie du Nord", "03/14/2026", "Brand"]]
    report = _load(con, tmp_path, {"Interviews": grid})
    assert not report.flags
    assert _rows(con, "SELECT date FROM interviews ORDER BY 1") == [
        (__import__("datetime").date(2026, 3, 4),), (__import__("datetime").date(2026, 3, 14),)]


def test_a_budget_header_in_millions(con, tmp_path):
    plan = [["Action", "Budget (en millions de FCFA)"], ["Centre de collecte", 2.5]]
    report = _load(con, tmp_path, {"Plan d'actions": plan}, with_list=False)
    assert _rows(con, "SELECT budget FROM actions") == [(2_500_000.0,)]
    assert [(f.row, f.key) for f in report.flags] == [(1, "budget_unit")]


@pytest.mark.parametrize("cell, expected", [("36°43'31\"N", 36.7253), ("9°10'55\"E", 9.1819), ("36.72 N", 36.72),
                                            ("N 37.04", 37.04), ("12°30' S", -12.5), ("5°O", -5.0), ("36,72", 36.72)])
def test_coordinates_in_degrees_and_with_their_hemisphere(cell, expected):
    from clusterlab.values import parse_bounded

    value, problem = parse_bounded(cell, -180, 180, "longitude_range")
    assert problem is None and round(value, 4) == expected


@pytest.mark.parametrize("cell, stage", [("Prod.", "production"), ("Transfo", "processing"),
                                         ("Fournisseur d'intrants", "inputs")])
def test_stages_as_abbreviated(cell, stage):
    from clusterlab.actors import canonical_stage

    assert canonical_stage(cell) == stage


def test_a_focus_group_naming_several_actors_is_linked_to_the_first_and_flagged(con, tmp_path):
    grid = [["Acteur", "Forces"], ["Laiterie du Nord; Coopérative El Amal", "Marque"]]
    report = _load(con, tmp_path, {"Entretiens": grid})
    assert not report.created_actors and _rows(con, "SELECT actor_id FROM interviews") == [("2",)]
    assert [f.key for f in report.flags] == ["several_actors"]


def test_categories_and_regions_typed_several_ways_are_grouped_in_the_analysis_not_in_the_store(con, tmp_path):
    from clusterlab import actors, store

    listed = [["Nom", "Catégorie", "Région"], ["A", "Coopérative", "Béja"], ["B", "COOPERATIVE", "Beja"],
              ["C", "Coops", "BEJA"], ["D", "producteur", "Jendouba"]]
    _load(con, tmp_path, {"Acteurs": listed}, with_list=False)
    inv = actors.inventory(con, store.project_id(con, "p"))
    assert inv["category"].tolist() == ["Coopérative", "Coopérative", "Coopérative", "producteur"]
    assert inv["region"].tolist() == ["Béja", "Béja", "Béja", "Jendouba"]
    assert _rows(con, "SELECT category FROM actors ORDER BY name")[1] == ("COOPERATIVE",), "the store keeps it"


def test_excel_errors_and_formulas_never_calculated_are_reported_where_they_are(con, tmp_path):
    path = write_xlsx(tmp_path / "f.xlsx", {"Acteurs": [["Nom", "Influence", "Intérêt"],
                                                       ["CRDA Béja", "=VLOOKUP(A2,X!A:B,2,0)", 3],
                                                       ["Laiterie du Nord", 4, '=CONCATENATE("Solid","arité")']]})
    xml_cells = {"B2": '<c r="B2" t="e"><f>VLOOKUP(A2,X!A:B,2,0)</f><v>#N/A</v></c>',
                 "C3": '<c r="C3"><f>CONCATENATE("Solid","arité")</f><v></v></c>'}
    _patch_cells(path, "xl/worksheets/sheet1.xml", xml_cells)
    report = importer.import_files(con, [path], "p")
    assert [(f.row, f.column, f.key, f.value) for f in report.flags] == [
        (2, "Influence", "formula_error", "#N/A"), (3, "Intérêt", "formula_uncalculated", "=")]
    assert _rows(con, "SELECT name, influence, interest FROM actors ORDER BY name") == [
        ("CRDA Béja", None, 3), ("Laiterie du Nord", 4, None)]


def _patch_cells(path, member: str, cells: dict[str, str]) -> None:
    """Rewrite some cells of a sheet's XML as Excel writes them (openpyxl cannot write error values)."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as zf:
        files = {n: zf.read(n) for n in zf.namelist()}
    xml = files[member].decode()
    for ref, cell in cells.items():
        xml = re.sub(rf'<c r="{ref}"[^>]*?(?:/>|>.*?</c>)', cell, xml, count=1)
    files[member] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)


@pytest.fixture
def sparse_db(tmp_path, monkeypatch):
    """A store whose project has an actor list with no scores, sizes or stages, and one grid."""
    from clusterlab import store

    path = tmp_path / "sparse.duckdb"
    con = store.connect(path)
    importer.import_files(con, [write_xlsx(tmp_path / "a.xlsx", {"Acteurs": [["Nom"], ["Coop A"], ["Coop B"]]}),
                                write_xlsx(tmp_path / "g.xlsx", {"Entretiens": [["Acteur", "Forces"],
                                                                                 ["Coop A", "Marque"]]})], "p")
    store.set_setting(con, "project", "p")
    con.close()
    monkeypatch.setenv("CLUSTERLAB_DB", str(path))
    return path


@pytest.mark.apptest
def test_every_view_of_the_actors_page_survives_actors_with_nothing_but_a_name(sparse_db):
    from tests.apptest import app, every_tab, page

    at = page(app({"lang": "en"}).run(), "app_pages/actors.py")
    assert not at.exception
    for tab in every_tab(at, "app_pages/actors.py"):
        for choice in (True, False):
            at.segmented_control(key="f_interviewed").set_value(choice).run()
            assert not at.exception, (tab, choice)
            at.segmented_control(key="f_leader").set_value(choice).run()
            assert not at.exception, (tab, choice)
        at.segmented_control(key="f_interviewed").set_value(None).run()
        at.segmented_control(key="f_leader").set_value(None).run()


@pytest.mark.apptest
def test_the_swot_page_of_one_actor_in_a_project_without_actors(tmp_path, monkeypatch):
    from clusterlab import store
    from tests.apptest import app, page

    path = tmp_path / "plan.duckdb"
    con = store.connect(path)
    importer.import_files(con, [write_xlsx(tmp_path / "p.xlsx", {"Plan d'actions": [["Action"], ["Étude"]]})], "p")
    store.set_setting(con, "project", "p")
    con.close()
    monkeypatch.setenv("CLUSTERLAB_DB", str(path))
    at = page(app({"lang": "en"}).run(), "app_pages/swot.py")
    at.segmented_control(key="swot_scope").set_value("actor").run()
    assert not at.exception
