"""Faults on PostgreSQL, each said plainly and translated, never a traceback: wrong credentials, an unreachable
server, a database at a newer schema, a DuckDB file given where a URL was meant, the server restarting while
the app serves; a killed import leaves nothing half done."""
import os
import signal
import subprocess
import sys

import pytest

from clusterlab import cli, importer, store
from clusterlab.errors import StoreError
from tests.pgserver import PASSWORD, free_port
from tests.workbooks import ACTORS, write_xlsx

pytestmark = pytest.mark.postgres


def _refused(target: str) -> StoreError:
    with pytest.raises(StoreError) as err:
        store.connect(target)
    for lang in ("en", "fr"):
        assert PASSWORD not in err.value.message(lang) and "wrong-secret" not in err.value.message(lang)
    assert err.value.__cause__ is None and err.value.__context__ is None  # a traceback shows nothing of DuckDB's
    return err.value


def test_wrong_credentials_are_said_without_the_password(pg_server, pg_url):
    name = pg_url.rsplit("/", 1)[1]
    said = _refused(pg_server.url(name, password="wrong-secret"))
    assert said.key == "store.pg_auth"
    assert said.message("en").startswith(f"The server postgresql://postgres:***@127.0.0.1:{pg_server.port}/{name} "
                                         "refuses the user name or the password")
    assert "refuse l'identifiant ou le mot de passe" in said.message("fr")
    assert _refused(pg_server.url(name, user="nobody", password="wrong-secret")).key == "store.pg_auth"


def test_an_unreachable_server_and_a_missing_database_are_said(pg_server):
    assert _refused(f"postgresql://postgres:{PASSWORD}@127.0.0.1:{free_port()}/x").key == "store.unavailable"
    assert _refused(f"postgresql://postgres:{PASSWORD}@no-such-host.invalid/x").key == "store.pg_unreachable"
    assert _refused(pg_server.url("no_such_database")).key == "store.pg_no_database"


def test_a_database_at_a_newer_schema_is_refused(pg_server, pg_url):
    pg_server.psql(f"INSERT INTO main.schema_version (version) VALUES ({store.SCHEMA_VERSION + 1})",
                   db=pg_url.rsplit("/", 1)[1])
    said = _refused(pg_url)
    assert said.key == "store.too_new" and said.params["found"] == store.SCHEMA_VERSION + 1


@pytest.mark.parametrize("meant", ["postgres@127.0.0.1:5432/clusterlab", "host=127.0.0.1 dbname=clusterlab",
                                   "postgresql:/clusterlab", "pgsql://db.example.org/clusterlab"])
def test_a_server_address_that_is_not_a_url_never_becomes_a_duckdb_file(meant, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert _refused(meant).key == "store.not_a_url"
    assert cli.main(["history", "--db", meant, "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "looks like a server's address" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []  # no file of that name was made


def test_the_command_line_says_a_wrong_password_in_one_line(pg_server, pg_url):
    name = pg_url.rsplit("/", 1)[1]
    done = subprocess.run([sys.executable, "-m", "clusterlab", "history", "--db",
                           pg_server.url(name, password="wrong-secret"), "--lang", "fr"],
                          capture_output=True, text=True)
    assert done.returncode == 1 and "Traceback" not in done.stderr and "wrong-secret" not in done.stderr
    assert "refuse l'identifiant ou le mot de passe" in done.stderr


def test_a_killed_import_leaves_no_partial_batch(pg_server, pg_url, tmp_path):
    """The import is killed while its transaction is writing: PostgreSQL keeps nothing of it."""
    rows = [ACTORS[0]] + [[f"A{i}", f"Acteur {i}", "coopérative", "collecte", "Zahlé", 33.8, 35.9, 10, 3, 3]
                          for i in range(20_000)]
    path = write_xlsx(tmp_path / "big.xlsx", {"Acteurs": rows})
    db = pg_url.rsplit("/", 1)[1]
    importing = subprocess.Popen([sys.executable, "-m", "clusterlab", "import", str(path), "--db", pg_url],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    writing = f"SELECT count(*) FROM pg_stat_activity WHERE datname = '{db}' AND backend_xid IS NOT NULL"
    while pg_server.psql(writing) == "0":  # until its transaction has written something
        assert importing.poll() is None, "the import ended before it was seen writing"
    os.kill(importing.pid, signal.SIGKILL)
    importing.wait()
    con = store.connect(pg_url)
    assert con.execute("SELECT count(*) FROM batches").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM actors").fetchone()[0] == 0
    report = importer.import_files(con, [path], "p")  # and the same file loads whole afterwards
    assert report.loaded["actors"] == 20_000
    con.close()


@pytest.mark.apptest
def test_the_server_restarting_while_the_app_serves_is_said_and_the_page_comes_back(pg_server, pg_url, monkeypatch):
    from tests.apptest import app, as_shown

    monkeypatch.setenv("CLUSTERLAB_DB", pg_url)
    at = app({"lang": "en"}).run()
    assert not at.exception and at.title[0].value == "Cluster project: demo"
    pg_server.stop()
    try:
        at.run()
        assert not at.exception
        said = [as_shown(w.value) for w in at.warning]
        assert any("is not answering right now: retrying in a few seconds" in w for w in said), said
        assert PASSWORD not in " ".join(said)
    finally:
        pg_server.start()
    at.run()
    assert not at.exception and not at.warning
    assert at.title[0].value == "Cluster project: demo"
    assert {m.label: m.value for m in at.metric}["Actors"] == "53"


@pytest.mark.apptest
def test_the_app_says_wrong_credentials_in_the_sessions_language_without_the_password(pg_server, pg_url,
                                                                                     monkeypatch):
    from tests.apptest import app, as_shown

    monkeypatch.setenv("CLUSTERLAB_DB", pg_server.url(pg_url.rsplit("/", 1)[1], password="wrong-secret"))
    at = app({"lang": "fr"}).run()
    assert not at.exception
    said = " ".join(as_shown(e.value) for e in at.error)
    assert "refuse l'identifiant ou le mot de passe" in said and "wrong-secret" not in said
