"""The demo project: a fictional dairy cluster in the Bekaa valley, kept as workbooks under data/demo/."""
from __future__ import annotations

from pathlib import Path

import duckdb

from clusterlab import importer, store

DEMO_DIR = Path(__file__).resolve().parent.parent / "data" / "demo"
DEMO_FILES = ("acteurs.xlsx", "entretiens.xlsx", "plan_actions.xlsx", "analyse.xlsx")


def files() -> list[Path]:
    return [DEMO_DIR / name for name in DEMO_FILES]


def load(con: duckdb.DuckDBPyConnection, project: str = store.DEFAULT_PROJECT) -> importer.ImportReport:
    """Load the demo workbooks into `project` (nothing new if they are already there)."""
    return importer.import_files(con, files(), project)


def ensure(con: duckdb.DuckDBPyConnection) -> None:
    """Load the demo project when the store holds no data at all."""
    if store.is_empty(con):
        load(con)
