"""A small MACTOR project in real workbooks: four actors, three objectives, a MID and a MAO, used by the
storage, import, export and page tests."""
from __future__ import annotations

from pathlib import Path

import duckdb

from clusterlab import importer, store
from tests.workbooks import write_xlsx

ACTORS = [["ID", "Nom", "Influence"], ["A1", "Coopérative Nour", 3], ["A2", "Laiterie Sud", 2],
          ["A3", "Ministère de l'Agriculture", 5], ["A4", "Banque Agricole", 4]]
OBJECTIVES = [["ID", "Objectif", "Enjeu", "Description"],
              ["O1", "Stabiliser le prix du lait", "Prix", "Un prix minimum garanti"],
              ["O2", "Chaîne du froid", "Qualité", None],
              ["O3", "Crédit aux éleveurs", "Financement", None]]
# MID: rows act on columns; by id and by name, as a workshop types it
MID = [["MID", "A1", "Laiterie Sud", "A3", "A4"],
       ["A1", 0, 2, 1, 0],
       ["Laiterie Sud", 1, 0, 0, 1],
       ["A3", 3, 3, 0, 2],
       ["Banque Agricole", 1, 2, 0, 0]]
MAO = [["MAO", "O1", "Chaîne du froid", "O3"],
       ["A1", 3, 2, -1],
       ["A2", -2, 3, 0],
       ["A3", 2, 2, 2],
       ["A4", 0, -1, 4]]
# the same, as numbers: row actor, column actor
MID_VALUES = {("A1", "A2"): 2, ("A1", "A3"): 1, ("A2", "A1"): 1, ("A2", "A4"): 1, ("A3", "A1"): 3,
              ("A3", "A2"): 3, ("A3", "A4"): 2, ("A4", "A1"): 1, ("A4", "A2"): 2}
MAO_VALUES = {("A1", "O1"): 3, ("A1", "O2"): 2, ("A1", "O3"): -1, ("A2", "O1"): -2, ("A2", "O2"): 3,
              ("A2", "O3"): 0, ("A3", "O1"): 2, ("A3", "O2"): 2, ("A3", "O3"): 2, ("A4", "O1"): 0,
              ("A4", "O2"): -1, ("A4", "O3"): 4}


def workbook(path: Path, **sheets: list) -> Path:
    """The project's workbook; `sheets` replace or add sheets (None drops one)."""
    content = {"Acteurs": ACTORS, "Objectifs": OBJECTIVES, "MID": MID, "MAO": MAO}
    for name, rows in sheets.items():
        if rows is None:
            content.pop(name, None)
        else:
            content[name] = rows
    return write_xlsx(path, content)


def loaded(con: duckdb.DuckDBPyConnection, tmp_path: Path, project: str = "p") -> int:
    """A project holding the small MACTOR workbook; its id."""
    report = importer.import_files(con, [workbook(tmp_path / "mactor.xlsx")], project)
    assert not report.refused and not report.flags, [f.message() for f in report.flags]
    return store.project_id(con, project)
