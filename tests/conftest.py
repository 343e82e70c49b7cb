"""Shared fixtures: a fresh DuckDB file per test (empty, or a copy of the demo template), and a writer of
small real workbooks. Tests that drive pages with AppTest are marked `apptest` (the fast tier leaves
them out: `make test-fast`); one that is not marked and opens a page fails, saying so."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clusterlab import store  # noqa: E402
from tests.stores import demo_store  # noqa: E402
from tests.workbooks import write_xlsx  # noqa: E402,F401

# The suite runs on two processes that take tests as they free up (`--dist worksteal`, Makefile). The longest
# tests first, the many short ones last: at the end both processes share short tests, rather than one waiting
# for the other's browser test. The order within each tier (and so within each module) stays the file's.
LONGEST_FIRST = ("test_room_browser.py",)


def _tier(item: pytest.Item) -> int:
    if item.path.name in LONGEST_FIRST:
        return 0
    if item.get_closest_marker("browser"):
        return 1
    return 2 if item.get_closest_marker("apptest") else 3


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=_tier)


@pytest.fixture(autouse=True)
def _pages_only_in_the_apptest_tier(request, monkeypatch):
    """AppTest runs only in tests marked `apptest`, so that the fast tier is what it says."""
    if request.node.get_closest_marker("apptest") or request.node.get_closest_marker("browser"):
        return
    from streamlit.testing.v1 import AppTest

    def refuse(*args, **kwargs):
        raise AssertionError("this test drives a page with AppTest: mark it @pytest.mark.apptest")

    monkeypatch.setattr(AppTest, "from_file", refuse)


@pytest.fixture(autouse=True)
def _no_failed_sign_ins_carried_over():
    """The slowing of wrong codes (users.THROTTLE) lives in the process: each test starts with none."""
    from clusterlab import users

    users.THROTTLE.clear()
    yield
    users.THROTTLE.clear()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright's launch options, on Debian's Chromium (skips, or fails on CI, when it is missing);
    for every browser test module."""
    from tests.browser import launch_args

    return {**browser_type_launch_args, **launch_args()}


@pytest.fixture
def new_app(browser):
    """A browser test's pages, each in a fresh context (tests/browser.py `app_factory`); at the end, fails on any
    request off the machine and on any error in a page."""
    from tests.browser import app_factory

    new, check = app_factory(browser)
    yield new
    check()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.duckdb"


# CLUSTERLAB_TEST_STORE=postgres runs the tests that take `con` or `demo_con` on PostgreSQL instead of a
# DuckDB file (a real server, tests/pgserver.py): the same library, the same assertions, the other store.
ON_POSTGRES = os.environ.get("CLUSTERLAB_TEST_STORE") == "postgres"
file_only = pytest.mark.skipif(ON_POSTGRES, reason="about the DuckDB file itself (CLUSTERLAB_TEST_STORE=postgres)")


@pytest.fixture
def con(db_path: Path, request):
    connection = store.connect(request.getfixturevalue("pg_url") if ON_POSTGRES else db_path)
    yield connection
    connection.close()


@pytest.fixture
def demo_db(tmp_path: Path, monkeypatch) -> Path:
    """A store file with the demo project, used by the app (CLUSTERLAB_DB)."""
    path = demo_store(tmp_path / "app.duckdb")
    monkeypatch.setenv("CLUSTERLAB_DB", str(path))
    return path


@pytest.fixture
def raw_demo_db(tmp_path: Path, monkeypatch) -> Path:
    """`demo_db` before any analysis: the demo's raw workbooks only (for a test of a step done from scratch)."""
    path = demo_store(tmp_path / "app.duckdb", raw=True)
    monkeypatch.setenv("CLUSTERLAB_DB", str(path))
    return path


@pytest.fixture
def demo_con(tmp_path: Path, request):
    """A connection to a fresh store holding the demo project (project "demo")."""
    target = path = demo_store(tmp_path / "demo.duckdb")
    if ON_POSTGRES:  # a database of its own, apart from `con`'s
        from clusterlab import copying

        server = request.getfixturevalue("pg_server")
        target = server.url(server.new_database(TEMPLATE))
        copying.copy(path, target)
    connection = store.connect(target)
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def pg_server():
    """A real PostgreSQL server for the session (tests/pgserver.py), with a migrated template database;
    skipped when PostgreSQL's binaries are missing, except on CI."""
    from tests import pgserver

    if pgserver.binaries() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("PostgreSQL's binaries are missing: .ci/run installs Debian's package postgresql")
        pytest.skip("PostgreSQL's binaries are missing (Debian's package postgresql)")
    server = pgserver.start()
    try:
        server.psql(f'CREATE DATABASE "{TEMPLATE}"')
        store.connect(server.url(TEMPLATE)).close()
        yield server
    finally:
        pgserver.remove(server)


TEMPLATE = "clusterlab_template"


@pytest.fixture
def pg_url(pg_server) -> str:
    """The URL of a fresh, migrated PostgreSQL database of this test's own (a copy of the template)."""
    return pg_server.url(pg_server.new_database(TEMPLATE))


@pytest.fixture
def pg_con(pg_url):
    connection = store.connect(pg_url)
    yield connection
    connection.close()
