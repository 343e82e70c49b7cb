"""Bad input files for the import, written at test time (no binary fixture is committed).

One function per case: each takes a folder (pytest's `tmp_path`), writes one file in it and returns
its path. The docstrings say what the file holds, with the Excel row numbers the tests expect.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from msoffcrypto.format.ooxml import OOXMLFile
from openpyxl import Workbook

from tests.workbooks import write_xlsx

Rows = list[list[object]]


def write_workbook(path: Path, sheets: dict[str, Rows]) -> Path:
    """Write `sheets` (name -> rows, the first row is Excel row 1) as a real .xlsx; text starting
    with "=" stays text, as a user gets by typing it into a text cell."""
    return write_xlsx(path, sheets)


# -- good files, to load before (and together with) a bad one ---------------------------------

def good_actors(folder: Path) -> Path:
    """Two actors, A1 and A2."""
    return write_workbook(folder / "good_actors.xlsx", {"Acteurs": [
        ["ID", "Nom", "Catégorie", "Influence"],
        ["A1", "Coopérative El Amal", "coopérative", 4],
        ["A2", "Laiterie du Nord", "transformateur", 3],
    ]})


def other_good_file(folder: Path) -> Path:
    """One more actor (B1) and one interview of it: a file the import would load on its own."""
    return write_workbook(folder / "other_good_file.xlsx", {
        "Acteurs": [["ID", "Nom"], ["B1", "Ferme Saadé"]],
        "Entretiens": [["Acteur", "Forces", "Canal de vente"], ["Ferme Saadé", "Savoir-faire; Terres", "laiterie"]],
    })


# -- 1. not an Excel file ------------------------------------------------------------------------

def csv_named_xlsx(folder: Path) -> Path:
    """CSV text saved with an .xlsx name."""
    path = folder / "export_from_another_tool.xlsx"
    path.write_text("ID,Nom\nA1,Coopérative El Amal\nA2,Laiterie du Nord\n", encoding="utf-8")
    return path


def pdf_named_xlsx(folder: Path) -> Path:
    """The start of a PDF saved with an .xlsx name."""
    path = folder / "rapport.xlsx"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n%%EOF\n")
    return path


# -- 2. a truncated file ---------------------------------------------------------------------------

def truncated(folder: Path) -> Path:
    """A real actor list cut in half (as by an interrupted download)."""
    whole = good_actors(folder).read_bytes()
    path = folder / "truncated.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    return path


# -- 3. a password-protected file -----------------------------------------------------------------

def password_protected(folder: Path, password: str = "secret") -> Path:
    """A real actor list encrypted as Excel does it ("Encrypt with password"), with msoffcrypto-tool."""
    plain = good_actors(folder)
    encrypted = io.BytesIO()
    with open(plain, "rb") as fh:
        OOXMLFile(fh).encrypt(password, encrypted)
    path = folder / "protected.xlsx"
    path.write_bytes(encrypted.getvalue())
    return path


# -- 4. an empty workbook --------------------------------------------------------------------------

def empty_workbook(folder: Path) -> Path:
    """A workbook with one sheet and no cell at all (openpyxl's new workbook)."""
    path = folder / "empty.xlsx"
    Workbook().save(path)
    return path


# -- 5. no recognisable sheet ----------------------------------------------------------------------

def no_recognised_sheet(folder: Path) -> Path:
    """One sheet "Notes" with unrelated headers Foo and Bar."""
    return write_workbook(folder / "notes.xlsx", {"Notes": [["Foo", "Bar"], [1, "x"], [2, "y"]]})


# -- 6. no name column -----------------------------------------------------------------------------

def no_name_column(folder: Path) -> Path:
    """A sheet "Acteurs" with only Catégorie and Maillon columns: nothing names the actor."""
    return write_workbook(folder / "no_name.xlsx", {"Acteurs": [
        ["Catégorie", "Maillon"],
        ["coopérative", "collecte"],
        ["transformateur", "transformation"],
    ]})


# -- 7. wrong values in numeric and scale columns --------------------------------------------------

def wrong_values(folder: Path) -> Path:
    """Bad numbers, scales and dates under title rows, so data rows do not start at row 2.

    Acteurs (row 1 a title, row 2 blank, row 3 the header):
      row 4  A1  Latitude "abc", Influence "beaucoup"
      row 5  A2  Latitude 123, Effectif -4, Influence 9
      row 6  A3  Influence 3.5
      row 7  A4  all good
    Entretiens (row 1 a title, row 2 the header):
      row 3  Coopérative El Amal: Date "hier", Volonté de collaborer "peut-être"
      row 4  Laiterie du Nord: all good
    """
    return write_workbook(folder / "wrong_values.xlsx", {
        "Acteurs": [
            ["Liste des acteurs – filière lait"],
            [],
            ["ID", "Nom", "Latitude", "Effectif", "Influence", "Contact"],
            ["A1", "Coopérative El Amal", "abc", 120, "beaucoup", "amal@example.org"],
            ["A2", "Laiterie du Nord", 123, -4, 9, "nord@example.org"],
            ["A3", "Ferme Saadé", 33.8, 6, 3.5, None],
            ["A4", "Fromagerie Béqaa", 33.9, 10, 4, None],
        ],
        "Entretiens": [
            ["Grille d'entretien – cluster laitier"],
            ["Acteur", "Date", "Enquêteur", "Forces", "Volonté de collaborer", "Capacité à participer"],
            ["Coopérative El Amal", "hier", "Rania", "Savoir-faire", "peut-être", 4],
            ["Laiterie du Nord", "03/04/2026", "Karim", "Qualité", 5, "moyen"],
        ],
    })


# -- 8. duplicate ids ------------------------------------------------------------------------------

def duplicate_ids(folder: Path) -> Path:
    """An actor list where row 4 reuses the ID A1 of row 2."""
    return write_workbook(folder / "duplicate_ids.xlsx", {"Acteurs": [
        ["ID", "Nom"],
        ["A1", "Coopérative El Amal"],
        ["A2", "Laiterie du Nord"],
        ["A1", "Ferme Saadé"],
    ]})


# -- 9. a decompression bomb -----------------------------------------------------------------------

BOMB_INFLATED_MB = 300


def decompression_bomb(folder: Path, inflated_mb: int = BOMB_INFLATED_MB) -> Path:
    """A real workbook whose sheet part is padded with `inflated_mb` MB of spaces (valid XML),
    deflated to about 1/1000 of that: some 300 KB on disk that would inflate to 300 MB."""
    source = io.BytesIO()
    wb = Workbook()
    wb.active.title = "Acteurs"
    wb.active.append(["ID", "Nom"])
    wb.active.append(["A1", "Coopérative El Amal"])
    wb.save(source)

    path = folder / "bomb.xlsx"
    chunk = b" " * (1 << 20)
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename != "xl/worksheets/sheet1.xml":
                dst.writestr(info.filename, data)
                continue
            head, tail = data.split(b"<sheetData>", 1)
            with dst.open(info.filename, "w", force_zip64=True) as fh:
                fh.write(head + b"<sheetData>")
                for _ in range(inflated_mb):
                    fh.write(chunk)
                fh.write(tail)
    return path


# -- 10. a 40,000-character cell -------------------------------------------------------------------

LONG_CELL_CHARS = 40_000


def long_cells(folder: Path) -> Path:
    """A 40,000-character Localité (Acteurs row 2) and Forces cell (Entretiens row 2).

    Excel stops at 32,767 characters and openpyxl silently cuts there too, so the workbook is written
    with short markers which are then replaced by the long texts inside the saved XML (as another
    program, a script or a hand-edited file could produce it).
    """
    path = write_workbook(folder / "long_cells.xlsx", {
        "Acteurs": [
            ["ID", "Nom", "Localité"],
            ["A1", "Coopérative El Amal", "LONG-LOCALITY"],
            ["A2", "Laiterie du Nord", "Zahlé"],
        ],
        "Entretiens": [
            ["Acteur", "Forces", "Faiblesses"],
            ["Coopérative El Amal", "LONG-STRENGTH", "Froid"],
        ],
    })
    return replace_in_parts(path, {"LONG-LOCALITY": "L" * LONG_CELL_CHARS, "LONG-STRENGTH": "F" * LONG_CELL_CHARS})


def replace_in_parts(path: Path, replacements: dict[str, str]) -> Path:
    """Replace text inside the XML parts of a saved .xlsx, rewriting the zip in place."""
    with zipfile.ZipFile(path) as src:
        parts = [(info, src.read(info.filename)) for info in src.infolist()]
    found = set()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info, data in parts:
            for old, new in replacements.items():
                if old.encode() in data:
                    data = data.replace(old.encode(), new.encode())
                    found.add(old)
            dst.writestr(info.filename, data)
    assert found == set(replacements), f"markers not found in {path.name}: {set(replacements) - found}"
    return path


# -- 11. 200 columns -------------------------------------------------------------------------------

GRID_CONTRACT_HEADERS = [
    "Acteur", "Date", "Enquêteur", "Forces", "Faiblesses", "Opportunités", "Menaces", "Problèmes", "Priorités",
    "Projets", "Capacités", "Attentes", "Partenaires", "Volonté de collaborer", "Capacité à participer",
]
OTHER_QUESTIONS = [f"Question {n}" for n in range(1, 186)]  # 15 + 185 = 200 columns
WIDE_GRID_ACTORS = ["Coopérative El Amal", "Laiterie du Nord", "Ferme Saadé"]


def wide_grid(folder: Path) -> Path:
    """An interview grid of 200 columns: the 15 contract ones, then 185 other questions, all answered."""
    rows: Rows = [GRID_CONTRACT_HEADERS + OTHER_QUESTIONS]
    for i, actor in enumerate(WIDE_GRID_ACTORS, start=1):
        contract = [actor, "03/04/2026", "Rania", "f", "w", "o", "t", "p (3)", "pr", "pj", "c", "e", None, 4, 3]
        rows.append(contract + [f"answer {i}.{q}" for q in range(1, len(OTHER_QUESTIONS) + 1)])
    return write_workbook(folder / "wide_grid.xlsx", {"Entretiens": rows})


# -- 12. formula-like text -------------------------------------------------------------------------

HYPERLINK = '=HYPERLINK("http://x","y")'
FORMULA_LIKE = (HYPERLINK, "=1+1", "@SUM(A1)", "+33 6 12 34 56 78", "-Coop", "=cmd|' /C calc'!A0", "-2+3")


def formula_text(folder: Path) -> Path:
    """Text starting with =, +, - or @ in actor names and contacts and in interview answers,
    stored as text cells (as typed by a user into a text cell).

    Acteurs:    row 2 A1 Nom =HYPERLINK("http://x","y")  Contact =1+1
                row 3 A2 Nom @SUM(A1)                    Contact +33 6 12 34 56 78
                row 4 A3 Nom -Coop                       Contact =cmd|' /C calc'!A0
                row 5 A4 Nom Coopérative El Amal          Contact -2+3
    Entretiens: row 2 Coopérative El Amal  Remarque =1+1      Canal @SUM(A1)
                row 3 Ferme Saadé           Remarque -Coop     Canal =HYPERLINK("http://x","y")
    """
    return write_workbook(folder / "formula_text.xlsx", {
        "Acteurs": [
            ["ID", "Nom", "Contact"],
            ["A1", HYPERLINK, "=1+1"],
            ["A2", "@SUM(A1)", "+33 6 12 34 56 78"],
            ["A3", "-Coop", "=cmd|' /C calc'!A0"],
            ["A4", "Coopérative El Amal", "-2+3"],
        ],
        "Entretiens": [
            ["Acteur", "Remarque", "Canal"],
            ["Coopérative El Amal", "=1+1", "@SUM(A1)"],
            ["Ferme Saadé", "-Coop", HYPERLINK],
        ],
    })
