"""The demo project: a fictional dairy cluster in the Bekaa valley, kept as workbooks under data/demo/:
the raw workbooks a field team brings (actors, interviews, action plan) and `analyse.xlsx`, the analysis
the team left after its workshops (a project workbook made by `data/demo/build_demo.py` with
clusterlab's own functions), so that every page of the method opens on something."""
from __future__ import annotations

from pathlib import Path

import duckdb

from clusterlab import importer, store

DEMO_DIR = Path(__file__).resolve().parent.parent / "data" / "demo"
RAW_FILES = ("acteurs.xlsx", "entretiens.xlsx", "plan_actions.xlsx")
ANALYSIS_FILE = "analyse.xlsx"
DEMO_FILES = (*RAW_FILES, ANALYSIS_FILE)


def files() -> list[Path]:
    return [DEMO_DIR / name for name in DEMO_FILES]


def raw_files() -> list[Path]:
    """The workbooks as the field team brings them, before any analysis."""
    return [DEMO_DIR / name for name in RAW_FILES]


def load(con: duckdb.DuckDBPyConnection, project: str = store.DEFAULT_PROJECT) -> importer.ImportReport:
    """Load the demo workbooks into `project` (nothing new if they are already there)."""
    return importer.import_files(con, files(), project)


def ensure(con: duckdb.DuckDBPyConnection) -> None:
    """Load the demo project when the store holds no data at all."""
    if store.is_empty(con):
        load(con)
