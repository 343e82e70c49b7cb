"""Stores for the tests: the demo project loaded once per test process into a template file, copied
for each test that needs it (a copy is a few milliseconds; a migration and an import, about a second)."""
from __future__ import annotations

import shutil
import tempfile
from functools import cache
from pathlib import Path

from clusterlab import demo, importer, store


@cache
def demo_template(raw: bool = False) -> Path:
    """A migrated store holding the demo project, made once per process (never written to afterwards);
    `raw`: its data only (the raw workbooks), none of the analysis its `analyse.xlsx` brings."""
    folder = Path(tempfile.mkdtemp(prefix="clusterlab-template-"))
    path = folder / "demo.duckdb"
    con = store.connect(path)
    if raw:
        importer.import_files(con, demo.raw_files())
    else:
        demo.load(con)
    con.close()
    return path


def demo_store(path: Path, raw: bool = False) -> Path:
    """A fresh store file at `path` holding the demo project: a copy of the template."""
    shutil.copyfile(demo_template(raw), path)
    return path
