"""Security on PostgreSQL: the password comes from the environment or .streamlit/secrets.toml and is never
shown; the app's role needs no superuser right, only those the README lists."""
import pytest

from clusterlab import cli, demo, exporter, importer, store, votes
from tests.workbooks import ACTORS, write_xlsx

pytestmark = pytest.mark.postgres
ROLE, SECRET = "clusterlab_app", "app-role-secret"


@pytest.fixture
def app_role_db(pg_server):
    """A database as the README sets it up: a plain role (no superuser, no CREATEDB, no CREATEROLE), which may
    connect to the database, make temporary tables there, and owns the schema `main`, nothing more."""
    if not pg_server.psql(f"SELECT count(*) FROM pg_roles WHERE rolname = '{ROLE}'") == "1":
        pg_server.psql(f"CREATE ROLE {ROLE} LOGIN PASSWORD '{SECRET}' NOSUPERUSER NOCREATEDB NOCREATEROLE")
    db = pg_server.new_database()
    pg_server.psql(f'REVOKE ALL ON DATABASE "{db}" FROM PUBLIC')
    # TEMPORARY: DuckDB's extension stages the rows of an UPDATE in a temporary table
    pg_server.psql(f'GRANT CONNECT, TEMPORARY ON DATABASE "{db}" TO {ROLE}')
    pg_server.psql(f"CREATE SCHEMA main AUTHORIZATION {ROLE}", db=db)
    return db


def test_a_plain_role_with_the_listed_rights_runs_everything(pg_server, app_role_db, tmp_path):
    assert pg_server.psql(f"SELECT rolsuper OR rolcreatedb OR rolcreaterole FROM pg_roles WHERE rolname = '{ROLE}'"
                          ) == "f"
    assert pg_server.psql(f"SELECT has_database_privilege('{ROLE}', '{app_role_db}', 'CREATE')") == "f"
    url = pg_server.url(app_role_db, user=ROLE, password=SECRET)
    con = store.connect(url)  # migrates: creates its tables and sequences in its schema
    assert store.schema_version(con) == store.SCHEMA_VERSION
    demo.load(con)
    pid = store.project_id(con, "demo", create=False)
    vote_id = votes.open_vote(con, pid, "AP", ["x", "y"], dots=2)
    votes.cast(con, vote_id, "alice", {"x": 1})
    importer.undo(con, importer.import_files(con, [write_xlsx(tmp_path / "a.xlsx", {"Acteurs": ACTORS})],
                                             "demo").batch_ids[0], pid)
    assert exporter.project_workbook(con, pid)
    con.close()
    assert cli.main(["copy", "--from", url, "--to", str(tmp_path / "laptop.duckdb")]) == 0


def test_the_password_is_read_from_the_environment(pg_server, app_role_db, monkeypatch):
    monkeypatch.setenv("CLUSTERLAB_DB_PASSWORD", SECRET)
    monkeypatch.setenv("CLUSTERLAB_DB", pg_server.url(app_role_db, user=ROLE, password=None))
    con = store.connect()
    assert store.schema_version(con) == store.SCHEMA_VERSION
    con.close()


def test_the_password_is_read_from_the_streamlit_secrets_and_never_printed(pg_server, app_role_db, monkeypatch,
                                                                            tmp_path, capsys):
    monkeypatch.delenv("CLUSTERLAB_DB_PASSWORD", raising=False)
    monkeypatch.delenv("CLUSTERLAB_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".streamlit").mkdir()
    url = pg_server.url(app_role_db, user=ROLE, password=None)
    (tmp_path / ".streamlit" / "secrets.toml").write_text(f'db = "{url}"\ndb_password = "{SECRET}"\n')
    assert store.default_db_path() == url
    assert cli.main(["init", "--lang", "en"]) == 0  # an empty store: the demo is loaded
    assert cli.main(["init", "--lang", "en"]) == 0
    assert cli.main(["history", "--lang", "en"]) == 0
    out = capsys.readouterr()
    assert "Loaded 53 actors" in out.out and f"Store ready: {url}\n" in out.out
    assert SECRET not in out.out + out.err
    (tmp_path / ".streamlit" / "secrets.toml").write_text(f'db = "{url}"\ndb_password = "not-{SECRET}"\n')
    assert cli.main(["history", "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "refuses the user name or the password" in err and "not-" + SECRET not in err


def test_a_password_in_the_url_is_never_shown():
    url = "postgresql://me:p%40ss-w0rd@db.example.org:5432/clusterlab"
    assert store.shown(url) == "postgresql://me:***@db.example.org:5432/clusterlab"
    from clusterlab import postgres

    said = postgres.redact(f'IO Error: Unable to connect to Postgres at "{url}": password=p@ss-w0rd refused')
    assert "p%40ss" not in said and "p@ss" not in said
