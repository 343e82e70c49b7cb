"""Small real workbooks written by the tests with openpyxl."""
from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook


def write_xlsx(path: Path, sheets: dict[str, list[list[object]]], merged: dict[str, list[str]] | None = None) -> Path:
    """Write `sheets` (name -> rows) to `path`; `merged` lists ranges such as "A5:A7" per sheet."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        for line in ws.iter_rows():
            for cell in line:  # text that starts with "=" stays text, as typed in a text-formatted cell
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"
        for cell_range in (merged or {}).get(name, []):
            ws.merge_cells(cell_range)
    wb.save(path)
    return path


ACTORS = [
    ["ID", "Nom", "Catégorie", "Maillon", "Région", "Latitude", "Longitude", "Effectif", "Influence", "Intérêt"],
    ["A1", "Coopérative El Amal", "coopérative", "collecte", "Zahlé", 33.85, 35.9, 120, 5, "fort"],
    ["A2", "Laiterie du Nord", "transformateur", "transformation", "Baalbek", "34,01", 36.2, 40, 4, 4],
    ["A3", "Ferme Saadé", "producteur", "production", "Zahlé", None, None, 6, "moyen", 2],
]

GRID = [
    ["Grille d'entretien – cluster laitier"],
    [None],
    ["Acteur", "Date", "Enquêteur", "Forces", "Problèmes", "Partenaires", "Volonté de collaborer",
     "Canal de vente"],
    ["cooperative el amal", "03/04/2026", "Rania", "Savoir-faire; Proximité",
     "- Prix du lait instable (5)\n- Manque de froid (3)", "Laiterie du Nord", "fort", "laiterie"],
    ["Ferme Saadé", None, "Karim", "• Main-d'œuvre familiale", "Prix du lait instable (4)", None, 3, "collecteur"],
    ["Fromagerie Inconnue", "2026-05-02", "Rania", None, "Accès au crédit", "Coopérative El Amal", None, None],
]
