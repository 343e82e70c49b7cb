"""Stores for the tests: the demo project loaded once per test process into a template file, copied
for each test that needs it (a copy is a few milliseconds; a migration and an import, about a second)."""
from __future__ import annotations

import shutil
import tempfile
from functools import cache
from pathlib import Path

from clusterlab import demo, store


@cache
def demo_template() -> Path:
    """A migrated store holding the demo project, made once per process (never written to afterwards)."""
    folder = Path(tempfile.mkdtemp(prefix="clusterlab-template-"))
    path = folder / "demo.duckdb"
    con = store.connect(path)
    demo.load(con)
    con.close()
    return path


def demo_store(path: Path) -> Path:
    """A fresh store file at `path` holding the demo project: a copy of the template."""
    shutil.copyfile(demo_template(), path)
    return path
