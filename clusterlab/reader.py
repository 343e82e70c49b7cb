"""Reading a workbook: refusing what cannot be used, finding the contract's sheets, their header
row and what each column stands for. Nothing here touches the store."""
from __future__ import annotations

import hashlib
import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import python_calamine

from clusterlab.contract import (
    TABLES,
    header_score,
    is_helper_sheet,
    is_report_sheet,
    match_columns,
    matrix_sheet,
    sheet_match,
)
from clusterlab.dimensions import sheet_extents
from clusterlab.errors import RefusedFile
from clusterlab.formulas import problem_cells
from clusterlab.state import STATE_SHEET, StateRow, parse_rows
from clusterlab.text import header_key, tokens

OTHER = "__other__"  # an unmatched column, kept: an other question, or an extra field
IGNORE = "__ignore__"  # a column the user chose to leave out

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_INFLATED_BYTES = 512 * 1024 * 1024  # what a zip-based workbook may inflate to
MAX_RATIO = 200  # compressed-to-inflated ratio above which a large part is a bomb
# The largest sheet read (README, "Limits"): every page and export stays usable at this size.
MAX_ROWS = 100_000
MAX_COLUMNS = 500
MAX_CELLS = 3_000_000
HEADER_SCAN_ROWS = 30
EXTENSIONS = (".xlsx", ".xlsm", ".xls", ".ods", ".xlsb")

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")


@dataclass
class Sheet:
    """One sheet that maps to a contract table, ready to be validated."""

    file: str
    name: str
    table: str
    header_row: int  # the Excel row number of the header
    headers: list[str]
    mapping: list[str]  # a field name, OTHER or IGNORE, per column
    rows: list[list[object]]  # the data rows, cells as read
    row_numbers: list[int]  # the Excel row number of each data row

    headers_key: str = ""  # identifies this layout of headers, to remember the user's mapping
    _columns: list[tuple] | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.headers_key:
            self.headers_key = self.table + ":" + "|".join(header_key(h) for h in self.headers)

    def apply_mapping(self, mapping: list[str]) -> None:
        """Read the columns as the user mapped them: a field, OTHER or IGNORE per column; the ignored
        columns are dropped. A mapping made for another layout of headers is left unused. The sheet
        gets new lists: a shallow copy of it keeps the columns as they were."""
        if len(mapping) != len(self.headers):
            return
        self.mapping = list(mapping)
        keep = [i for i, m in enumerate(mapping) if m != IGNORE]
        if len(keep) != len(mapping):
            self.headers = [self.headers[i] for i in keep]
            self.mapping = [self.mapping[i] for i in keep]
            self.rows = [[row[i] for i in keep] for row in self.rows]
            self._columns = None

    def release(self) -> None:
        """Drop the cells once validated: a large grid frees its memory while its rows are written."""
        self.rows, self.row_numbers, self._columns = [], [], None

    def column(self, fieldname: str) -> int | None:
        return self.mapping.index(fieldname) if fieldname in self.mapping else None

    def columns(self, fieldname: str) -> list[int]:
        """Every column of a field: a list field may have one column per item ("Force 1 | Force 2")."""
        return [i for i, m in enumerate(self.mapping) if m == fieldname]

    def cells(self, col: int, rows: list[int] | None = None) -> list[object] | tuple[object, ...]:
        """The cells of column `col`, for every data row or for the rows at the given indexes."""
        if rows is None or len(rows) == len(self.rows):
            if self._columns is None or len(self._columns) != len(self.headers):
                self._columns = list(zip(*self.rows)) if self.rows else [()] * len(self.headers)
            return self._columns[col]
        return [self.rows[i][col] for i in rows]


@dataclass
class Note:
    """A remark of the reader on a sheet (a sheet left out, a note under a table); the import
    reports it with the flags."""

    sheet: str
    row: int | None
    key: str
    level: str
    value: object = None
    params: dict = field(default_factory=dict)
    column: str | None = None


@dataclass
class Matrix:
    """A matrix sheet of MACTOR as read (`Influences`/`MID`, `Positions`/`MAO`): which matrix, its raw rows."""

    file: str
    name: str
    kind: str  # influences, positions
    rows: list[list[object]]


@dataclass
class Workbook:
    path: Path
    file: str  # the name shown to the user
    sha256: str
    sheets: list[Sheet] = field(default_factory=list)
    ignored_sheets: list[str] = field(default_factory=list)
    state: list[StateRow] = field(default_factory=list)  # the analysis a project workbook carries
    state_errors: list[tuple[int, str, object]] = field(default_factory=list)  # (Excel row, column, value)
    notes: list[Note] = field(default_factory=list)
    matrices: list[Matrix] = field(default_factory=list)  # MACTOR's matrix sheets, read apart (matrices.py)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def check_container(path: Path, file: str) -> None:
    """Refuse, before any parsing, what is not a workbook or would inflate past the limits."""
    size = path.stat().st_size
    if size == 0:
        raise RefusedFile("refuse.empty_file", file=file)
    if size > MAX_FILE_BYTES:
        raise RefusedFile("refuse.too_large", file=file, mb=MAX_FILE_BYTES // 2**20)
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head.startswith(_ZIP_MAGIC):
        try:
            with zipfile.ZipFile(path) as zf:
                infos = zf.infolist()
        except (zipfile.BadZipFile, OSError) as exc:
            raise RefusedFile("refuse.damaged", file=file) from exc
        names = {i.filename for i in infos}
        if not names & {"xl/workbook.xml", "xl/workbook.bin", "content.xml"}:
            raise RefusedFile("refuse.not_excel", file=file)  # another zip: a Word file, an archive…
        inflated = sum(i.file_size for i in infos)
        bomb = any(i.file_size > 10 * 2**20 and i.file_size > MAX_RATIO * max(i.compress_size, 1) for i in infos)
        if inflated > MAX_INFLATED_BYTES or bomb:
            raise RefusedFile("refuse.bomb", file=file, mb=MAX_INFLATED_BYTES // 2**20)
        return
    if head.startswith(_OLE_MAGIC):
        if _ENCRYPTED_STREAM in path.read_bytes():
            raise RefusedFile("refuse.password", file=file)
        return
    raise RefusedFile("refuse.not_excel", file=file)


def check_size(file: str, sheet: str, rows: int, columns: int | None) -> None:
    """Refuse a sheet larger than clusterlab reads (`columns` None: known to be within the limit)."""
    limits = {"max_rows": MAX_ROWS, "max_columns": MAX_COLUMNS, "max_cells": MAX_CELLS}
    if columns is None:
        if rows > MAX_ROWS:
            raise RefusedFile("refuse.too_many_rows", file=file, sheet=sheet, rows=rows, **limits)
    elif rows > MAX_ROWS or columns > MAX_COLUMNS or rows * columns > MAX_CELLS:
        raise RefusedFile("refuse.too_big", file=file, sheet=sheet, rows=rows, columns=columns, cells=rows * columns,
                          **limits)


def _cell_empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _fill_merged(rows: list[list[object]], ranges) -> None:
    """Give every cell of a merged range the value of its top-left cell."""
    for (r0, c0), (r1, c1) in ranges or ():
        if r0 >= len(rows):
            continue
        value = rows[r0][c0] if c0 < len(rows[r0]) else None
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            row = rows[r]
            for c in range(c0, min(c1, len(row) - 1) + 1):
                if _cell_empty(row[c]):
                    row[c] = value


MAX_IDENTITY_WORDS = 4  # a header naming the actor is short; a sentence that mentions one is a question


def find_header(rows: list[list[object]], table: str | None) -> tuple[str, int] | None:
    """The table and the index of the header row: the row among the first ones whose cells name
    the most fields, with the table's required fields present, each in a short header cell.

    A sheet whose name names no table needs more: two fields at least, two of them named exactly,
    so that a summary, a questionnaire or a notice that mentions actors is not taken for data."""
    candidates = [TABLES[table]] if table else [t for t in TABLES.values() if not t.by_name_only]
    best: tuple[int, int, str] | None = None
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        texts = [str(c) if isinstance(c, str) and c.strip() else None for c in row]
        if sum(t is not None for t in texts) < 1:
            continue
        for candidate in candidates:
            mapping = match_columns(candidate, texts)
            exact = {m for text, m in zip(texts, mapping) if m and header_score(candidate, candidate.field(m), text)
                     >= 1000}
            short = {m for text, m in zip(texts, mapping)
                     if m and (m in exact or len(tokens(text)) <= MAX_IDENTITY_WORDS)}
            if not all(any(f in short for f in group) for group in candidate.required):
                continue
            found = {m for m in mapping if m}
            if table is None and (len(found) < 2 or len(exact) < 2):
                continue
            # An exact header counts double: a title row such as "Liste des acteurs" only contains one.
            score = sum(2 if m in exact else 1 for m in found)
            if best is None or score > best[0]:
                best = (score, index, candidate.name)
    return (best[2], best[1]) if best else None


def _header_names(row: list[object]) -> list[str]:
    names, seen = [], {}
    for i, cell in enumerate(row):
        name = str(cell).strip() if not _cell_empty(cell) else f"{_column_letter(i)}"
        if name in seen:
            seen[name] += 1
            name = f"{name} ({seen[name]})"
        else:
            seen[name] = 1
        names.append(name)
    return names


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def read_sheet(file: str, name: str, rows: list[list[object]], merged=None,
               notes: list[Note] | None = None) -> Sheet | None:
    """A contract sheet from raw rows, or None when the sheet matches no table.

    A sheet named for a table (`Acteurs`, `Synthèse des contraintes`) that lacks the table's
    required columns is left out with a note: a workbook's helper sheets must not refuse its
    data. (`read_workbook` refuses the file when no sheet at all can be read.)"""
    notes = notes if notes is not None else []
    table, exact_name = sheet_match(name)
    found = find_header(rows, table)
    if found is None and table is not None and not exact_name:
        found = find_header(rows, None)
    if found is None:
        if table is None:
            return None
        required = " / ".join(" | ".join(group) for group in TABLES[table].required)
        notes.append(Note(name, None, "sheet_without_columns", "warning", name, {"table": table, "columns": required}))
        return None
    table, index = found
    if merged:
        _fill_merged(rows, [r for r in merged if r[0][0] > index])
    width = max((len(r) for r in rows), default=0)
    check_size(file, name, len(rows), width)
    header = _padded(rows[index], width)
    start = index + 1
    if start < len(rows):
        combined = _two_row_header(table, header, _padded(rows[start], width))
        if combined is not None:
            header, start = combined, start + 1
    repeated = [c for c in rows[index]]  # a header repeated on each printed page is not data
    data, numbers = [], []
    for i in range(start, len(rows)):
        row = rows[i]
        blank = row.count("") + row.count(None)  # counted in C: most rows are full
        if blank == len(row) or (blank and all(_cell_empty(c) for c in row)) or row == repeated:
            continue
        head = row[0] if not _cell_empty(row[0]) or len(row) < 2 else row[1]
        maybe_note = blank * 2 >= len(row) or (isinstance(head, str) and head.lstrip()[:1] in _NOTE_INITIALS)
        kind = _note_row(row, len(row) - blank) if maybe_note else None
        if kind:
            notes.append(Note(name, i + 1, kind, "info", next(c for c in row if not _cell_empty(c))))
            continue
        data.append(row + [None] * (width - len(row)) if len(row) < width else row)
        numbers.append(i + 1)
    # Trailing columns with neither header nor data are dropped.
    full = width
    while width and _cell_empty(header[width - 1]) and all(_cell_empty(r[width - 1]) for r in data):
        width -= 1
    header = header[:width]
    if width < full:
        data = [r[:width] for r in data]
    texts = [str(c) if not _cell_empty(c) else None for c in header]
    mapping = [m or OTHER for m in match_columns(TABLES[table], texts)]
    return Sheet(file, name, table, start, _header_names(header), mapping, data, numbers)


def _padded(row: list[object], width: int) -> list[object]:
    return list(row) + [None] * (width - len(row))


def _texts(row: list[object]) -> list[str | None]:
    return [str(c) if isinstance(c, str) and c.strip() else None for c in row]


def _two_row_header(table: str, upper: list[object], lower: list[object]) -> list[object] | None:
    """The header of a table whose header spans two rows, a group header ("Analyse SWOT") above
    its columns ("Forces | Faiblesses…"), or None when the row below the header is data.

    The row below is a second header row when it is empty under every column the first row
    names (cells merged down the two rows leave it empty there) and it names more fields."""
    spec = TABLES[table]
    named = match_columns(spec, _texts(upper))
    if all(_cell_empty(c) for c in lower) or any(m and not _cell_empty(c) for m, c in zip(named, lower)):
        return None
    combined = [low if not _cell_empty(low) else up for up, low in zip(upper, lower)]
    more = sum(m is not None for m in match_columns(spec, _texts(combined)))
    return combined if more > sum(m is not None for m in named) else None


_TOTAL_ROW = re.compile(r"\s*(?:sous[\s-]?totale?s?\b|(?:grand total|total g[ée]n[ée]ral|totale?s?|totaux)"
                        r"(?:\s*[:(\-–]|\s*$))", re.IGNORECASE)
_NOTE_ROW = re.compile(r"\s*(?:sources?|l[ée]gende|nb|n\.\s?b\.?|notes?|remarques?|commentaires?|lecture)\s*:",
                       re.IGNORECASE)


_NOTE_INITIALS = "TtSsGgLlNnRrCc"  # total, sous-total, grand total, légende, NB, note, remarque, source…


def _note_row(row: list[object], filled: int) -> str | None:
    """`total_row` for a total under a table, `note_row` for a note ("Source : …", "Légende : …"),
    judged from the row's first filled cell; None for a data row."""
    first = row[0] if not _cell_empty(row[0]) else next((c for c in row if not _cell_empty(c)), None)
    if not isinstance(first, str):
        return None
    if _TOTAL_ROW.match(first):
        return "total_row"
    if filled <= 2 and _NOTE_ROW.match(first):
        return "note_row"
    return None


def _note_problem_cells(book: Workbook) -> None:
    """Excel errors and formulas never calculated in the data of the sheets read: calamine gives
    them as empty cells, so the report says why a value is missing."""
    cells = problem_cells(book.path)
    for sheet in book.sheets:
        rows = set(sheet.row_numbers)
        for row, col, what in cells.get(sheet.name, ()):
            if row in rows and col < len(sheet.headers):
                key = "formula_uncalculated" if what == "=" else "formula_error"
                book.notes.append(Note(sheet.name, row, key, "warning", what, column=sheet.headers[col]))


def shown_name(name: str) -> str:
    """A file name as it can be shown and stored: bytes of a name that are not UTF-8 (a name
    from an old Windows archive) become �."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _open_calamine(path: Path) -> python_calamine.CalamineWorkbook:
    """python-calamine takes a path as UTF-8 text: a path that is not UTF-8 is opened here, and
    the file handed over."""
    text = str(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # undecodable bytes, kept as surrogate escapes
        with open(path, "rb") as fh:
            return python_calamine.CalamineWorkbook.from_filelike(fh)
    return python_calamine.CalamineWorkbook.from_path(text)


def read_workbook(path: str | bytes | Path, file: str | None = None) -> Workbook:
    """Read every contract sheet of a workbook; raise RefusedFile when it cannot be used.
    `path` may be bytes (a name that is not UTF-8)."""
    path = Path(os.fsdecode(path))
    file = file or shown_name(path.name)
    if not path.exists():
        raise RefusedFile("refuse.missing", file=file)
    check_container(path, file)
    try:
        wb = _open_calamine(path)
    except python_calamine.PasswordError as exc:
        raise RefusedFile("refuse.password", file=file) from exc
    except Exception as exc:  # calamine raises several kinds for a broken file
        raise RefusedFile("refuse.damaged", file=file) from exc
    book = Workbook(path, file, sha256_of(path))
    with wb:
        any_data = False
        hidden = {m.name for m in wb.sheets_metadata if m.visible != python_calamine.SheetVisibleEnum.Visible}
        read = {n for n in wb.sheet_names if n not in hidden or header_key(n) == header_key(STATE_SHEET)}
        extents = sheet_extents(path, read)  # before calamine builds a sheet as a dense grid
        for name in wb.sheet_names:
            if name not in read:
                book.ignored_sheets.append(name)  # an old copy, the lists behind drop-downs…
                book.notes.append(Note(name, None, "sheet_hidden", "info", name))
                continue
            if name in extents:
                check_size(file, name, *extents[name])
            try:
                sheet = wb.get_sheet_by_name(name)
                if sheet.end is not None:  # before its cells become Python objects
                    check_size(file, name, sheet.end[0] + 1, sheet.end[1] + 1)
                rows = sheet.to_python(skip_empty_area=False)
                merged = sheet.merged_cell_ranges
            except python_calamine.PasswordError as exc:
                raise RefusedFile("refuse.password", file=file) from exc
            except RefusedFile:
                raise
            except Exception as exc:
                raise RefusedFile("refuse.damaged_sheet", file=file, sheet=name) from exc
            if any(not _cell_empty(c) for r in rows[:HEADER_SCAN_ROWS * 10] for c in r):
                any_data = True
            if header_key(name) == header_key(STATE_SHEET):
                book.state, book.state_errors = parse_rows(rows)
                continue
            if (kind := matrix_sheet(name)) is not None and find_header(rows, None) is None:
                book.matrices.append(Matrix(file, name, kind, rows))  # a sheet of another table keeps its own
                continue
            if is_report_sheet(name) or is_helper_sheet(name):
                found = None
            else:
                found = read_sheet(file, name, rows, merged, book.notes)
            if found is None:
                book.ignored_sheets.append(name)
                if not is_report_sheet(name) and any(not _cell_empty(c) for r in rows[:HEADER_SCAN_ROWS] for c in r) \
                        and not any(n.sheet == name for n in book.notes):
                    book.notes.append(Note(name, None, "sheet_ignored", "info", name))
            else:
                book.sheets.append(found)
    _note_problem_cells(book)
    if not any_data:
        raise RefusedFile("refuse.empty_workbook", file=file)
    if not book.sheets and not book.matrices:
        lacking = next((n for n in book.notes if n.key == "sheet_without_columns"), None)
        if lacking is not None:
            raise RefusedFile("refuse.no_required_column", file=file, sheet=lacking.sheet, **lacking.params)
        raise RefusedFile("refuse.no_sheet", file=file, sheets=", ".join(book.ignored_sheets))
    return book
