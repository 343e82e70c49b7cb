"""The empty template workbook: the contract's sheets and headers in one language, with drop-down
lists for categories, stages, scales and phases."""
from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from clusterlab import contract
from clusterlab.contract import field_label, sheet_label

ROWS_WITH_LISTS = 1000


def _lists(lang: str) -> dict[str, tuple[str, ...]]:
    fr = lang == "fr"
    scale = tuple(str(n) for n in range(1, 6)) + (contract.SCALE_WORDS_FR if fr else contract.SCALE_WORDS_EN)
    return {"category": contract.CATEGORIES_FR if fr else contract.CATEGORIES,
            "stage": contract.STAGES_FR if fr else contract.STAGES,
            "scale": scale, "phase": contract.PHASES}


def template_workbook(lang: str = "fr") -> bytes:
    """The template as .xlsx bytes. Lists live on a hidden sheet (an inline list is capped at 255 characters)."""
    wb = Workbook()
    wb.remove(wb.active)
    lists_sheet_name = "Listes" if lang == "fr" else "Lists"
    sheets = {}
    for table in contract.TABLES.values():
        ws = wb.create_sheet(sheet_label(table.name, lang))
        ws.append([field_label(table.name, f.name, lang) for f in table.fields])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for i, f in enumerate(table.fields, start=1):
            ws.column_dimensions[get_column_letter(i)].width = 28 if f.kind == "list" else 16
        ws.freeze_panes = "A2"
        sheets[table.name] = ws
    lists = wb.create_sheet(lists_sheet_name)
    ranges = {}
    for col, (name, values) in enumerate(_lists(lang).items(), start=1):
        lists.cell(row=1, column=col, value=name)
        for row, value in enumerate(values, start=2):
            lists.cell(row=row, column=col, value=value).data_type = "s"
        letter = get_column_letter(col)
        ranges[name] = f"'{lists_sheet_name}'!${letter}$2:${letter}${len(values) + 1}"
    lists.sheet_state = "hidden"
    for table in contract.TABLES.values():
        ws = sheets[table.name]
        for i, f in enumerate(table.fields, start=1):
            kind = f.name if f.name in ("category", "stage") and table.name == "actors" else (
                "scale" if f.kind == "scale" else "phase" if f.kind == "phase" else None)
            if kind is None:
                continue
            rule = DataValidation(type="list", formula1=f"={ranges[kind]}", allow_blank=True,
                                  showErrorMessage=kind in ("scale", "phase"))
            letter = get_column_letter(i)
            rule.add(f"{letter}2:{letter}{ROWS_WITH_LISTS + 1}")
            ws.add_data_validation(rule)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
