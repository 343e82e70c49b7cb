"""Shared fixtures: a fresh DuckDB file per test, and a writer of small real workbooks."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clusterlab import store  # noqa: E402
from tests.workbooks import write_xlsx  # noqa: E402,F401


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright's launch options, on Debian's Chromium (skips, or fails on CI, when it is missing);
    for every browser test module."""
    from tests.browser import launch_args

    return {**browser_type_launch_args, **launch_args()}


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.duckdb"


@pytest.fixture
def con(db_path: Path):
    connection = store.connect(db_path)
    yield connection
    connection.close()


@pytest.fixture
def demo_db(tmp_path: Path, monkeypatch) -> Path:
    """A store file with the demo project, used by the app (CLUSTERLAB_DB)."""
    from clusterlab import demo

    path = tmp_path / "app.duckdb"
    con = store.connect(path)
    demo.load(con)
    con.close()
    monkeypatch.setenv("CLUSTERLAB_DB", str(path))
    return path
