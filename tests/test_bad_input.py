"""Bad input: every file the import must refuse, or load with located remarks — and never half a load.

A refused file must leave the store exactly as it was: in a project that already holds data, and even
when a good file comes with it in the same call. Files are written at test time by `tests/badfiles.py`.
"""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
import python_calamine

from clusterlab import exporter, importer, reader, store
from clusterlab.errors import RefusedFile
from clusterlab.values import FORMULA_START, clean_text
from tests import badfiles

ROOT = Path(__file__).resolve().parent.parent
PROJECT = "bekaa"
MAX_CELL = 32_767


@pytest.fixture
def con(tmp_path: Path):
    """A fresh DuckDB store per test."""
    connection = store.connect(tmp_path / "t.duckdb")
    yield connection
    connection.close()


def import_one(con, path: Path) -> importer.ImportReport:
    report = importer.import_files(con, [path], PROJECT)
    assert not report.refused, report.message("en")
    return report


def pid(con) -> int:
    return store.project_id(con, PROJECT, create=False)


def snapshot(con) -> dict:
    """Everything an import could change: projects, import batches, and the rows of every data table."""
    return {
        "projects": con.execute("SELECT * FROM projects ORDER BY project_id").fetchall(),
        "batches": con.execute("SELECT * FROM batches ORDER BY batch_id").fetchall(),
        "counts": store.counts(con, pid(con)),
        "all rows": {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in store.DATA_TABLES},
    }


def check_refusal(report: importer.ImportReport, bad: Path, key: str) -> None:
    assert report.refused is True
    assert report.message_key == key
    for lang in ("en", "fr"):
        message = report.message(lang)
        assert bad.name in message, f"{lang} message does not name the file: {message}"
        assert not message.startswith("refuse."), f"no {lang} text for {key}"
    assert report.flags == [] and report.created_actors == [] and report.batch_ids == []
    as_json = json.loads(json.dumps(report.as_dict("fr"), default=str))
    assert as_json["refused"] is True and bad.name in as_json["message"]
    assert set(as_json["loaded"].values()) == {0}


def assert_refused_and_nothing_loaded(con, tmp_path: Path, bad: Path, key: str) -> importer.ImportReport:
    """`bad` is refused with `key` and changes nothing: alone, next to a good file (either order), or
    into a project that does not exist yet. The good file then loads on its own, which shows the
    refusals really held it back."""
    first = import_one(con, badfiles.good_actors(tmp_path))
    assert first.loaded["actors"] == 2
    before = snapshot(con)

    alone = importer.import_files(con, [bad], PROJECT)
    check_refusal(alone, bad, key)
    assert snapshot(con) == before

    good = badfiles.other_good_file(tmp_path)
    for files in ([good, bad], [bad, good]):
        check_refusal(importer.import_files(con, files, PROJECT), bad, key)
        assert snapshot(con) == before

    check_refusal(importer.import_files(con, [bad], "a new project"), bad, key)
    assert snapshot(con) == before  # the new project was not created either

    assert import_one(con, good).loaded["actors"] == 1
    assert snapshot(con)["counts"]["actors"] == before["counts"]["actors"] + 1
    return alone


# -- files that are refused ------------------------------------------------------------------------

@pytest.mark.parametrize("make", [badfiles.csv_named_xlsx, badfiles.pdf_named_xlsx], ids=["csv", "pdf"])
def test_not_an_excel_file_is_refused(con, tmp_path, make):
    assert_refused_and_nothing_loaded(con, tmp_path, make(tmp_path), "refuse.not_excel")


def test_truncated_file_is_refused_as_damaged(con, tmp_path):
    assert_refused_and_nothing_loaded(con, tmp_path, badfiles.truncated(tmp_path), "refuse.damaged")


def test_password_protected_file_is_refused(con, tmp_path):
    bad = badfiles.password_protected(tmp_path)
    assert bad.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"  # really encrypted: an OLE container, not a zip
    assert_refused_and_nothing_loaded(con, tmp_path, bad, "refuse.password")


def test_empty_workbook_is_refused(con, tmp_path):
    assert_refused_and_nothing_loaded(con, tmp_path, badfiles.empty_workbook(tmp_path), "refuse.empty_workbook")


def test_workbook_without_a_recognisable_sheet_is_refused(con, tmp_path):
    report = assert_refused_and_nothing_loaded(con, tmp_path, badfiles.no_recognised_sheet(tmp_path),
                                               "refuse.no_sheet")
    assert "Notes" in report.message("en") and "Notes" in report.message("fr")


def test_actor_sheet_without_a_name_column_is_refused_naming_file_and_sheet(con, tmp_path):
    report = assert_refused_and_nothing_loaded(con, tmp_path, badfiles.no_name_column(tmp_path),
                                               "refuse.no_required_column")
    assert "Acteurs" in report.message("en") and "Acteurs" in report.message("fr")


def test_decompression_bomb_is_refused_before_it_is_inflated(con, tmp_path, monkeypatch):
    bomb = badfiles.decompression_bomb(tmp_path)
    assert bomb.stat().st_size < 500_000
    with zipfile.ZipFile(bomb) as zf:
        assert sum(i.file_size for i in zf.infolist()) > badfiles.BOMB_INFLATED_MB * 2**20

    # Spy on the two ways the bomb could be inflated: calamine parsing it, or zipfile reading a part.
    parsed, opened = [], []
    real_from_path = python_calamine.CalamineWorkbook.from_path

    class SpyWorkbook:
        @staticmethod
        def from_path(path, *args, **kwargs):
            parsed.append(Path(path).name)
            return real_from_path(path, *args, **kwargs)

    real_open = zipfile.ZipFile.open

    def spy_open(self, name, *args, **kwargs):
        opened.append((Path(str(self.filename)).name, str(name)))
        return real_open(self, name, *args, **kwargs)

    monkeypatch.setattr(python_calamine, "CalamineWorkbook", SpyWorkbook)
    monkeypatch.setattr(zipfile.ZipFile, "open", spy_open)

    with pytest.raises(RefusedFile) as refused:
        reader.read_workbook(bomb)
    assert refused.value.key == "refuse.bomb"
    assert parsed == [] and opened == []

    assert_refused_and_nothing_loaded(con, tmp_path, bomb, "refuse.bomb")
    assert bomb.name not in parsed and all(name != bomb.name for name, _ in opened)
    assert "good_actors.xlsx" in parsed  # the spy does see what is parsed


# -- files that load, with located remarks ---------------------------------------------------------

# (sheet, Excel row, header as written, value, flag key)
WRONG_VALUE_FLAGS = {
    ("Acteurs", 4, "Latitude", "abc", "number_invalid"),
    ("Acteurs", 4, "Influence", "beaucoup", "scale_invalid"),
    ("Acteurs", 5, "Latitude", 123, "latitude_range"),
    ("Acteurs", 5, "Effectif", -4, "count_invalid"),
    ("Acteurs", 5, "Influence", 9, "scale_range"),
    ("Acteurs", 6, "Influence", 3.5, "scale_fraction"),
    ("Entretiens", 3, "Date", "hier", "date_invalid"),
    ("Entretiens", 3, "Volonté de collaborer", "peut-être", "scale_invalid"),
}


def test_wrong_numbers_scales_and_dates_are_flagged_where_they_are(con, tmp_path):
    path = badfiles.wrong_values(tmp_path)
    report = import_one(con, path)

    assert {(f.sheet, f.row, f.column, f.value, f.key) for f in report.flags} == WRONG_VALUE_FLAGS
    for flag in report.flags:
        assert flag.file == path.name and flag.level == "warning"
        for lang in ("en", "fr"):
            message = flag.message(lang)
            assert not message.startswith("flag.") and clean_text(flag.value) in message


def test_wrong_values_leave_their_cells_empty_and_load_the_rest(con, tmp_path):
    report = import_one(con, badfiles.wrong_values(tmp_path))
    assert report.loaded["actors"] == 4 and report.loaded["interviews"] == 2

    actors = con.execute("SELECT actor_id, name, latitude, size, influence, contact FROM actors "
                         "WHERE project_id = ? ORDER BY actor_id", [pid(con)]).fetchall()
    assert actors == [
        ("A1", "Coopérative El Amal", None, 120, None, "amal@example.org"),
        ("A2", "Laiterie du Nord", None, None, None, "nord@example.org"),
        ("A3", "Ferme Saadé", 33.8, 6, None, None),
        ("A4", "Fromagerie Béqaa", 33.9, 10, 4, None),
    ]
    interviews = con.execute("""SELECT actor_id, date, interviewer, willingness, capacity_to_participate, source_row
                                FROM interviews WHERE project_id = ? ORDER BY source_row""", [pid(con)]).fetchall()
    assert interviews == [("A1", None, "Rania", None, 4, 3), ("A2", date(2026, 4, 3), "Karim", 5, 3, 4)]
    items = con.execute("SELECT actor_id, field, text FROM items WHERE project_id = ? ORDER BY actor_id",
                        [pid(con)]).fetchall()
    assert items == [("A1", "strengths", "Savoir-faire"), ("A2", "strengths", "Qualité")]


def test_duplicate_id_keeps_the_first_row_and_leaves_out_the_second(con, tmp_path):
    path = badfiles.duplicate_ids(tmp_path)
    report = import_one(con, path)

    assert [(f.file, f.sheet, f.row, f.column, f.value, f.key, f.level) for f in report.flags] == [
        (path.name, "Acteurs", 4, "ID", "A1", "duplicate_id", "error")]
    assert report.flags[0].params == {"first": 2, "second": 4}
    assert report.flags[0].message("en") == "The ID A1 is on rows 2 and 4: row 4 is left out."
    assert report.flags[0].message("fr") == "L'identifiant A1 figure aux lignes 2 et 4 : la ligne 4 est écartée."
    assert con.execute("SELECT actor_id, name FROM actors WHERE project_id = ? ORDER BY actor_id",
                       [pid(con)]).fetchall() == [("A1", "Coopérative El Amal"), ("A2", "Laiterie du Nord")]


def test_a_40000_character_cell_is_cut_at_excels_limit_and_flagged(con, tmp_path):
    path = badfiles.long_cells(tmp_path)
    report = import_one(con, path)

    located = {(f.sheet, f.row, f.column, f.key, f.level) for f in report.flags}
    assert located == {("Acteurs", 2, "Localité", "too_long", "warning"),
                       ("Entretiens", 2, "Forces", "too_long", "warning")}
    for flag in report.flags:
        assert flag.params == {"n": badfiles.LONG_CELL_CHARS, "max": MAX_CELL}
        assert "40000" in flag.message("en") and "32767" in flag.message("fr")
        assert len(flag.as_dict()["value"]) <= 81  # the JSON report does not carry the whole text

    locality = con.execute("SELECT locality FROM actors WHERE actor_id = 'A1'").fetchone()[0]
    assert locality == "L" * MAX_CELL
    strengths = con.execute("SELECT text FROM items WHERE field = 'strengths'").fetchall()
    assert strengths == [("F" * MAX_CELL,)]
    assert report.loaded["actors"] == 2 and report.loaded["interviews"] == 1


def test_200_columns_keep_every_other_question_as_answers(con, tmp_path):
    path = badfiles.wide_grid(tmp_path)
    assert len(badfiles.GRID_CONTRACT_HEADERS + badfiles.OTHER_QUESTIONS) == 200
    report = import_one(con, path)

    n_interviews, n_questions = len(badfiles.WIDE_GRID_ACTORS), len(badfiles.OTHER_QUESTIONS)
    assert report.loaded["interviews"] == n_interviews
    assert report.loaded["answers"] == n_interviews * n_questions
    assert con.execute("SELECT count(*) FROM answers WHERE project_id = ?", [pid(con)]).fetchone()[0] \
        == n_interviews * n_questions
    questions = {q for (q,) in con.execute("SELECT DISTINCT question FROM answers").fetchall()}
    assert questions == set(badfiles.OTHER_QUESTIONS)
    answer = con.execute("""SELECT answer FROM answers JOIN interviews USING (project_id, interview_id)
                            WHERE source_row = 3 AND question = 'Question 185'""").fetchone()[0]
    assert answer == "answer 2.185"
    # the contract columns went to their fields, not to the answers
    assert con.execute("SELECT count(DISTINCT field) FROM items").fetchone()[0] == 9
    assert {f.key for f in report.flags} == {"actor_created"}


# -- formula-like text -----------------------------------------------------------------------------

FORMULA_FLAGS = {
    ("Acteurs", 2, "Nom", badfiles.HYPERLINK),
    ("Acteurs", 2, "Contact", "=1+1"),
    ("Acteurs", 4, "Contact", "=cmd|' /C calc'!A0"),
    ("Entretiens", 2, "Remarque", "=1+1"),
    ("Entretiens", 3, "Canal", badfiles.HYPERLINK),
}


@pytest.fixture
def formula_project(con, tmp_path):
    report = import_one(con, badfiles.formula_text(tmp_path))
    return con, report


def test_formula_like_text_is_stored_as_written_and_flagged(formula_project):
    con, report = formula_project
    actors = con.execute("SELECT actor_id, name, contact FROM actors WHERE created_from = 'list' ORDER BY actor_id"
                         ).fetchall()
    assert actors == [("A1", badfiles.HYPERLINK, "=1+1"), ("A2", "@SUM(A1)", "+33 6 12 34 56 78"),
                      ("A3", "-Coop", "=cmd|' /C calc'!A0"), ("A4", "Coopérative El Amal", "-2+3")]
    answers = con.execute("""SELECT question, answer FROM answers JOIN interviews USING (project_id, interview_id)
                             ORDER BY source_row, question""").fetchall()
    assert answers == [("Canal", "@SUM(A1)"), ("Remarque", "=1+1"), ("Canal", badfiles.HYPERLINK),
                       ("Remarque", "-Coop")]
    flagged = {(f.sheet, f.row, f.column, f.value) for f in report.flags if f.key == "formula_text"}
    assert flagged == FORMULA_FLAGS


def _csv_cells(data: bytes, french_excel: bool) -> list[str]:
    text = data.decode("utf-8-sig" if french_excel else "utf-8")
    return [cell for row in csv.reader(io.StringIO(text), delimiter=";" if french_excel else ",") for cell in row]


@pytest.mark.parametrize("french_excel", [False, True], ids=["csv", "csv-french-excel"])
def test_formula_like_text_is_neutralised_in_csv(formula_project, french_excel):
    con, _ = formula_project
    cells = []
    for name in ("actors", "answers"):
        data = exporter.to_csv(exporter.table(con, pid(con), name), french_excel=french_excel)
        assert data.startswith(b"\xef\xbb\xbf") == french_excel
        cells += _csv_cells(data, french_excel)
    for text in badfiles.FORMULA_LIKE:
        assert "'" + text in cells
    assert not [c for c in cells if c.startswith(FORMULA_START)]


def test_formula_like_text_is_a_text_cell_in_the_project_workbook(formula_project):
    con, _ = formula_project
    wb = openpyxl.load_workbook(io.BytesIO(exporter.project_workbook(con, pid(con))), data_only=False)
    cells = [cell for ws in wb.worksheets for row in ws.iter_rows() for cell in row if cell.value is not None]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    for text in badfiles.FORMULA_LIKE:
        found = [c for c in cells if c.value == text]
        assert found, f"{text!r} is missing from the project workbook"
        assert all(c.data_type == "s" and c.quotePrefix for c in found)


# -- the command line ------------------------------------------------------------------------------

def run_import(db: Path, path: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "CLUSTERLAB_LANG": "en"}
    return subprocess.run([sys.executable, "-m", "clusterlab", "import", str(path), "--db", str(db),
                           "--project", PROJECT, "--json"], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=60)


def _preloaded_store(tmp_path: Path) -> tuple[Path, dict]:
    db = tmp_path / "cli.duckdb"
    con = store.connect(db)
    try:
        import_one(con, badfiles.good_actors(tmp_path))
        return db, snapshot(con)
    finally:
        con.close()


@pytest.mark.parametrize("make, key", [(badfiles.csv_named_xlsx, "not_excel"),
                                       (badfiles.password_protected, "password")], ids=["not-excel", "password"])
def test_command_line_refuses_with_exit_2_and_leaves_the_store_as_it_was(tmp_path, make, key):
    db, before = _preloaded_store(tmp_path)
    bad = make(tmp_path)

    done = run_import(db, bad)
    assert done.returncode == 2, done.stderr
    out = json.loads(done.stdout)
    assert out["refused"] is True and bad.name in out["message"]
    assert set(out["loaded"].values()) == {0} and out["flags"] == []

    con = store.connect(db)
    try:
        assert snapshot(con) == before
    finally:
        con.close()


def test_command_line_loads_wrong_values_with_located_flags(tmp_path):
    db = tmp_path / "cli.duckdb"
    path = badfiles.wrong_values(tmp_path)

    done = run_import(db, path)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["refused"] is False and out["loaded"]["actors"] == 4 and out["loaded"]["interviews"] == 2
    assert {(f["sheet"], f["row"], f["column"], f["value"], f["code"]) for f in out["flags"]} == WRONG_VALUE_FLAGS
    for flag in out["flags"]:
        assert flag["file"] == path.name and flag["message"]
