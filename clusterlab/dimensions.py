"""How large each sheet of an .xlsx is, read from its XML before python-calamine parses a cell:
calamine builds a sheet as a dense grid of its whole extent, so a sheet too large is refused first.

The extent is the sheet's `<dimension ref="A1:L201"/>`, which Excel, LibreOffice and openpyxl
write. A sheet without one (openpyxl's write-only mode, clusterlab's own project workbooks) is
searched, when its XML is small enough for that to be quick, for its last row and for cells
beyond the column limit; otherwise only the parsed sheet is measured (reader.py)."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from clusterlab.formulas import column_index, sheet_members

HEAD_BYTES = 64 * 1024  # the dimension comes before the cells, after a few small elements
MAX_SEARCHED_XML = 4 * 2**20  # a sheet without a dimension is searched up to this size (about 25 ms)

_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?"')
_CELLS = re.compile(rb"<(?:\w+:)?sheetData\b")
_ROW = re.compile(rb'<(?:\w+:)?row\b[^>]*?\br="(\d+)"')
_WIDE_CELL = re.compile(rb'<c r="([A-Z]{3}|S[G-Z]|[T-Z][A-Z])\d')  # a column after SF, the 500th


def sheet_extents(path: Path, names: set[str]) -> dict[str, tuple[int, int | None]]:
    """Per sheet of `names`: (rows, columns) as far as the file says, counted from A1; columns is
    None when only known to be within 500. Empty for a file that is not an .xlsx or .xlsm, and
    for a sheet whose size cannot be told without parsing it."""
    found: dict[str, tuple[int, int | None]] = {}
    try:
        with zipfile.ZipFile(path) as zf:
            if "xl/workbook.xml" not in zf.namelist():
                return {}
            for name, member in sheet_members(zf).items():
                if name in names and (extent := _extent(zf, member)) is not None:
                    found[name] = extent
    except (zipfile.BadZipFile, KeyError, OSError):
        return {}
    return found


def _extent(zf: zipfile.ZipFile, member: str) -> tuple[int, int | None] | None:
    """The sheet's (rows, columns) from its dimension, else from a search of its XML; None when unknown."""
    with zf.open(member) as fh:
        head = fh.read(HEAD_BYTES)
        cells = _CELLS.search(head)
        dimension = _DIMENSION.search(head, 0, cells.start() if cells else len(head))
        if dimension:
            last_column, last_row = dimension.group(3) or dimension.group(1), dimension.group(4) or dimension.group(2)
            return int(last_row), column_index(last_column.decode()) + 1
        if zf.getinfo(member).file_size > MAX_SEARCHED_XML:
            return None
        xml = head + fh.read()
    last_row = _ROW.search(xml, max(0, max(xml.rfind(b"<row "), xml.rfind(b":row ")) - 3))  # rows come in order
    if last_row is None:
        return None  # rows without numbers: only the parsed sheet tells
    wide = [column_index(m.group(1).decode()) + 1 for m in _WIDE_CELL.finditer(xml)]
    return int(last_row.group(1)), max(wide) if wide else None
