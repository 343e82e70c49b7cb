"""Hostile data kept harmless: control characters and formula-like headers in every export, and in
what the command line prints."""
import io
import re

import pandas as pd
import pytest
from openpyxl import load_workbook

from clusterlab import analysis, exporter, importer, store
from tests.badfiles import replace_in_parts
from tests.workbooks import write_xlsx

HYPERLINK = '=HYPERLINK("http://x","y")'
# What an .xlsx can carry (`_x001B_` is how OOXML writes ESC) and python-calamine reads back as is.
RED = "Coop \x1b[31mRouge\x1b[0m \x07\x9b2J"
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def hostile_workbook(path):
    """An actor list and a grid: an actor name with ESC sequences, a bell and a C1 CSI; an extra
    field and an other question headed by a formula; an answer with a form feed."""
    write_xlsx(path, {
        "Acteurs": [["ID", "Nom", "MARK-EXTRA"], ["A1", "MARK-NAME", "x"], ["A2", "Laiterie du Nord", "y"]],
        "Entretiens": [["Acteur", "Forces", "MARK-QUESTION"], ["MARK-NAME", "Savoir-faire", "MARK-ANSWER"],
                       ["Laiterie du Nord", "Froid", "oui"]],
    })
    xml = {"&": "&amp;", '"': "&quot;"}
    formula = "".join(xml.get(c, c) for c in HYPERLINK)
    return replace_in_parts(path, {
        "MARK-NAME": "Coop _x001B_[31mRouge_x001B_[0m _x0007__x009B_2J", "MARK-EXTRA": formula,
        "MARK-QUESTION": "+cmd|' /C calc'!A0", "MARK-ANSWER": "page_x000C_break"})


@pytest.fixture
def project(con, tmp_path):
    report = importer.import_files(con, [hostile_workbook(tmp_path / "hostile.xlsx")], "h")
    assert not report.refused, report.message()
    pid = store.project_id(con, "h", create=False)
    assert con.execute("SELECT name FROM actors WHERE actor_id = 'A1'").fetchone()[0] == RED  # kept as typed
    return pid


def test_csv_exports_hold_no_control_character(con, project, tmp_path):
    paths = exporter.write_csv(exporter.tables(analysis.of(con, project)), tmp_path / "csv")
    for path in paths:
        for french in (False, True):
            text = exporter.to_csv(pd.read_csv(path, dtype=str, keep_default_na=False), french).decode("utf-8-sig")
            assert not CONTROL.search(text), path.name
        assert not CONTROL.search(path.read_text(encoding="utf-8")), path.name
    actors = pd.read_csv(tmp_path / "csv" / "actors.csv", dtype=str)
    assert actors.loc[0, "name"] == r"Coop \x1b[31mRouge\x1b[0m \x07\x9b2J"
    answers = pd.read_csv(tmp_path / "csv" / "answers.csv", dtype=str)
    assert answers["answer"].tolist() == [r"page\x0cbreak", "oui"]


@pytest.mark.parametrize("french", [False, True])
def test_csv_headers_are_neutralised_like_cells(french):
    frame = pd.DataFrame({HYPERLINK: ["=1+1"], "@SUM(A1)": ["ok"], "Forces\x1b[2J": ["x"]})
    text = exporter.to_csv(frame, french_excel=french).decode("utf-8-sig")
    back = pd.read_csv(io.StringIO(text), sep=";" if french else ",", dtype=str)
    assert list(back.columns) == ["'" + HYPERLINK, "'@SUM(A1)", r"Forces\x1b[2J"]
    assert back.iloc[0].tolist() == ["'=1+1", "ok", "x"]


def test_the_project_workbook_writes_formula_headers_as_text_and_control_characters_out(con, project, tmp_path):
    data = exporter.project_workbook(con, project)  # openpyxl raised IllegalCharacterError here
    book = load_workbook(io.BytesIO(data))
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert not [c.value for c in cells if isinstance(c.value, str) and CONTROL.search(c.value)]
    headers = {c.value: c for c in book["Actors"][1]} | {c.value: c for c in book["Interviews"][1]}
    assert headers[HYPERLINK].data_type == "s" and headers[HYPERLINK].quotePrefix
    assert headers["+cmd|' /C calc'!A0"].quotePrefix
    assert book["Actors"]["B2"].value == r"Coop \x1b[31mRouge\x1b[0m \x07\x9b2J"

    path = tmp_path / "back.xlsx"
    path.write_bytes(data)
    report = importer.import_files(con, [path], "back")
    assert not report.refused, report.message()
    back = store.project_id(con, "back", create=False)
    assert store.counts(con, back) == store.counts(con, project)
    assert con.execute("SELECT actor_id FROM actors WHERE project_id = ? ORDER BY 1", [back]).fetchall() == [
        ("A1",), ("A2",)]
    questions = con.execute("SELECT DISTINCT question FROM answers WHERE project_id = ?", [back]).fetchall()
    assert questions == [("+cmd|' /C calc'!A0",)]
    extras = con.execute("SELECT DISTINCT name FROM extra_fields WHERE project_id = ?", [back]).fetchall()
    assert extras == [(HYPERLINK,)]
