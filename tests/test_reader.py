"""Reading workbooks: the header row below title rows, merged cells, sheets found by their headers."""
from clusterlab.reader import OTHER, read_workbook
from tests.workbooks import ACTORS, GRID, write_xlsx


def test_header_row_is_found_below_title_rows(tmp_path):
    book = read_workbook(write_xlsx(tmp_path / "grille.xlsx", {"Grille d'entretien": GRID}))
    sheet = book.sheets[0]
    assert sheet.table == "interviews"
    assert sheet.header_row == 3
    assert sheet.row_numbers == [4, 5, 6]
    assert sheet.mapping[:7] == ["name", "date", "interviewer", "strengths", "problems", "partners", "willingness"]
    assert sheet.mapping[7] == OTHER and sheet.headers[7] == "Canal de vente"


def test_a_sheet_with_an_unknown_name_is_recognised_by_its_headers(tmp_path):
    book = read_workbook(write_xlsx(tmp_path / "x.xlsx", {"Feuil1": ACTORS, "Notes": [["rien", "ici"]]}))
    assert [s.table for s in book.sheets] == ["actors"]
    assert book.ignored_sheets == ["Notes"]


def test_merged_cells_give_their_value_to_every_cell(tmp_path):
    rows = [["Acteur", "Forces"], ["Coopérative El Amal", "Savoir-faire"], [None, "Proximité"], ["Ferme", "Terres"]]
    book = read_workbook(write_xlsx(tmp_path / "m.xlsx", {"Entretiens": rows}, merged={"Entretiens": ["A2:A3"]}))
    assert [r[0] for r in book.sheets[0].rows] == ["Coopérative El Amal", "Coopérative El Amal", "Ferme"]


def test_blank_rows_are_skipped_and_row_numbers_kept(tmp_path):
    rows = [ACTORS[0], ACTORS[1], [None] * 3, ACTORS[2]]
    sheet = read_workbook(write_xlsx(tmp_path / "b.xlsx", {"Acteurs": rows})).sheets[0]
    assert sheet.row_numbers == [2, 4]


def test_english_sheet_and_headers(tmp_path):
    rows = [["actor_id", "NAME", "category", "Stage"], ["X1", "Dairy Co", "processor", "processing"]]
    sheet = read_workbook(write_xlsx(tmp_path / "en.xlsx", {"Actors": rows})).sheets[0]
    assert sheet.mapping == ["actor_id", "name", "category", "stage"]


def test_a_mapping_by_hand_changes_what_each_column_is_and_drops_the_ignored_ones(tmp_path):
    import copy

    from clusterlab.reader import IGNORE

    sheet = read_workbook(write_xlsx(tmp_path / "grille.xlsx", {"Grille d'entretien": GRID})).sheets[0]
    original = copy.copy(sheet)
    mapping = ["name", "date", IGNORE, "weaknesses", "problems", OTHER, "willingness", IGNORE]
    sheet.apply_mapping(mapping)
    assert sheet.headers == ["Acteur", "Date", "Forces", "Problèmes", "Partenaires", "Volonté de collaborer"]
    assert sheet.mapping == ["name", "date", "weaknesses", "problems", OTHER, "willingness"]
    assert sheet.rows[1] == ["Ferme Saadé", "", "• Main-d'œuvre familiale", "Prix du lait instable (4)", "", 3]
    assert sheet.columns("weaknesses") == [2] and sheet.cells(2)[0] == "Savoir-faire; Proximité"
    assert len(original.headers) == 8 and original.mapping[2] == "interviewer", "a copy keeps its columns"
    sheet.apply_mapping(["name"])  # made for another layout of headers
    assert sheet.mapping == ["name", "date", "weaknesses", "problems", OTHER, "willingness"]
