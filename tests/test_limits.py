"""The largest workbook clusterlab reads, refused before its cells are parsed when the file says how
large its sheets are."""
import re
import zipfile
from pathlib import Path

import pytest
import python_calamine
from openpyxl import Workbook

from clusterlab import importer, reader, store
from clusterlab.errors import RefusedFile
from tests.workbooks import write_xlsx

ACTORS = [["ID", "Nom"], ["A1", "Coopérative El Amal"], ["A2", "Laiterie du Nord"]]


def rewrite_sheet(path: Path, change, member: str = "xl/worksheets/sheet1.xml") -> Path:
    """Rewrite one sheet's XML inside a saved .xlsx (as another program could have written it)."""
    with zipfile.ZipFile(path) as src:
        parts = [(info.filename, src.read(info.filename)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in parts:
            dst.writestr(name, change(data.decode()).encode() if name == member else data)
    return path


def with_far_cell(xml: str, ref: str, dimension: str | None) -> str:
    """A sheet whose last cell is `ref`; its dimension says `dimension`, or is gone (None)."""
    row = re.match(r"[A-Z]+(\d+)", ref).group(1)
    xml = xml.replace("</sheetData>", f'<row r="{row}"><c r="{ref}" t="inlineStr"><is><t>x</t></is></c></row>'
                                      "</sheetData>")
    new = f'<dimension ref="{dimension}" />' if dimension else ""
    return re.sub(r"<dimension ref=\"[^\"]*\"\s*/>", new, xml)


@pytest.fixture
def parsed(monkeypatch) -> list[str]:
    """The sheets python-calamine is asked to parse (get_sheet_by_name), in order."""
    names: list[str] = []
    real = python_calamine.CalamineWorkbook

    class Spy:
        def __init__(self, book) -> None:
            self.book = book

        @staticmethod
        def from_path(path, *args, **kwargs):
            return Spy(real.from_path(path, *args, **kwargs))

        def get_sheet_by_name(self, name):
            names.append(name)
            return self.book.get_sheet_by_name(name)

        def __getattr__(self, attr):
            return getattr(self.book, attr)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return self.book.__exit__(*exc)

    monkeypatch.setattr(python_calamine, "CalamineWorkbook", Spy)
    return names


def refusal(path: Path) -> RefusedFile:
    with pytest.raises(RefusedFile) as refused:
        reader.read_workbook(path)
    return refused.value


def test_a_16384_column_sheet_is_refused_before_it_is_parsed(tmp_path, parsed):
    wb = Workbook()
    ws = wb.active
    ws.title = "Acteurs"
    for row in ACTORS:
        ws.append(row)
    ws.cell(row=1, column=16_384, value="Remarque")  # Excel's last column, XFD
    wb.save(path := tmp_path / "large.xlsx")

    refused = refusal(path)
    assert refused.key == "refuse.too_big" and parsed == []
    assert refused.params == {"file": "large.xlsx", "sheet": "Acteurs", "rows": 3, "columns": 16_384,
                              "cells": 49_152, "max_rows": 100_000, "max_columns": 500, "max_cells": 3_000_000}
    assert refused.message("en").startswith("large.xlsx, sheet “Acteurs”: 3 rows × 16,384 columns (49,152 cells), "
                                            "more than clusterlab reads in one sheet (100,000 rows, 500 columns")
    assert "large.xlsx" in refused.message("fr") and "16384 colonnes" in refused.message("fr")


def test_a_million_row_actor_list_is_refused_before_it_is_parsed(con, tmp_path, parsed):
    path = rewrite_sheet(write_xlsx(tmp_path / "acteurs.xlsx", {"Acteurs": ACTORS}),
                         lambda xml: with_far_cell(xml, "B1048575", "A1:B1048575"))
    refused = refusal(path)
    assert refused.key == "refuse.too_big" and parsed == []
    assert (refused.params["rows"], refused.params["columns"]) == (1_048_575, 2)

    report = importer.import_files(con, [path], "p")  # the import says so, and loads nothing
    assert report.refused and report.message_key == "refuse.too_big"
    assert "1,048,575 rows" in report.message("en") and "acteurs.xlsx" in report.message("en")
    assert store.is_empty(con)


def test_a_sheet_without_dimension_is_searched_when_small(tmp_path, parsed):
    path = rewrite_sheet(write_xlsx(tmp_path / "sparse.xlsx", {"Acteurs": ACTORS}),
                         lambda xml: with_far_cell(xml, "XFD1048576", None))
    refused = refusal(path)
    assert refused.key == "refuse.too_big" and parsed == []
    assert (refused.params["rows"], refused.params["columns"]) == (1_048_576, 16_384)


def test_a_sheet_whose_dimension_lies_is_refused_once_parsed_before_its_cells_become_rows(tmp_path, parsed):
    path = rewrite_sheet(write_xlsx(tmp_path / "lies.xlsx", {"Acteurs": ACTORS}),
                         lambda xml: with_far_cell(xml, "WC4", "A1:B3"))  # WC is column 601
    refused = refusal(path)
    assert refused.key == "refuse.too_big" and parsed == ["Acteurs"]
    assert (refused.params["rows"], refused.params["columns"]) == (4, 601)


def test_a_hidden_sheet_too_large_does_not_refuse_the_file(tmp_path, parsed):
    wb = Workbook()
    wb.active.title = "Acteurs"
    for row in ACTORS:
        wb.active.append(row)
    lists = wb.create_sheet("Old")
    lists.sheet_state = "hidden"
    lists["A1"] = "x"
    wb.save(path := tmp_path / "hidden.xlsx")
    rewrite_sheet(path, lambda xml: with_far_cell(xml, "XFD1048576", "A1:XFD1048576"), "xl/worksheets/sheet2.xml")
    book = reader.read_workbook(path)
    assert [s.name for s in book.sheets] == ["Acteurs"] and parsed == ["Acteurs"]


def test_a_sheet_at_the_column_limit_loads(con, tmp_path):
    header = ["Acteur", "Forces"] + [f"Question {n}" for n in range(1, 499)]
    grid = [header, ["Coopérative El Amal", "Savoir-faire"] + ["oui"] * 498]
    report = importer.import_files(con, [write_xlsx(tmp_path / "wide.xlsx", {"Entretiens": grid})], "p")
    assert not report.refused and report.loaded["answers"] == 498
