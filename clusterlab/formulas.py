"""Excel error cells (`#N/A`, `#REF!`…) and formulas never calculated, found in an .xlsx file's
sheet XML: python-calamine reads both as empty cells, and the user should know why a value is
missing."""
from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path

MAX_SHEET_XML = 30 * 2**20  # larger sheets are not searched (a generated file has no such cells)

_SHEET = re.compile(r'<sheet\b[^>]*?\bname="([^"]*)"[^>]*?\br:id="([^"]*)"')
_REL = re.compile(r'<Relationship\b[^>]*?\bId="([^"]*)"[^>]*?\bTarget="([^"]*)"')
_REL_REVERSED = re.compile(r'<Relationship\b[^>]*?\bTarget="([^"]*)"[^>]*?\bId="([^"]*)"')
_ERROR = re.compile(r'<c r="([A-Z]+)(\d+)"[^>]*?\bt="e"[^>]*>(?:<f[^>]*/>|<f[^>]*>[^<]*</f>)?<v>([^<]*)</v>')
_UNCALCULATED = re.compile(r'<c r="([A-Z]+)(\d+)"[^>]*>(?:<f[^>]*/>|<f[^>]*>[^<]*</f>)(?:<v>\s*</v>|<v/>)?</c>')


def column_index(letters: str) -> int:
    """`A` is 0, `AB` is 27."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def problem_cells(path: Path) -> dict[str, list[tuple[int, int, str]]]:
    """Per sheet name: (Excel row, column index, what) for each error cell (what: `#N/A`…) and each
    formula without a value (what: `=`). Empty for a file that is not an .xlsx or .xlsm."""
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return {}
    found: dict[str, list[tuple[int, int, str]]] = {}
    try:
        with zipfile.ZipFile(path) as zf:
            for name, member in sheet_members(zf).items():
                info = zf.getinfo(member)
                if info.file_size > MAX_SHEET_XML:
                    continue
                xml = zf.read(member).decode("utf-8", "replace")
                if 't="e"' not in xml and "<f" not in xml:
                    continue
                cells = [(int(r), column_index(c), html.unescape(v)) for c, r, v in _ERROR.findall(xml)]
                cells += [(int(r), column_index(c), "=") for c, r in _UNCALCULATED.findall(xml)]
                if cells:
                    found[name] = sorted(cells)
    except (zipfile.BadZipFile, KeyError, OSError):
        return {}
    return found


def sheet_members(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the zip member holding its XML."""
    workbook = zf.read("xl/workbook.xml").decode("utf-8", "replace")
    rels = zf.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    targets = dict(_REL.findall(rels)) | {rid: target for target, rid in _REL_REVERSED.findall(rels)}
    members = {}
    for name, rid in _SHEET.findall(workbook):
        target = targets.get(rid)
        if target:
            members[html.unescape(name)] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    return {name: m for name, m in members.items() if m in zf.namelist()}
