"""The store on PostgreSQL: the same schema and migrations, the same results as the DuckDB file."""
import pytest

from clusterlab import cli, schema, store
from tests.test_schema import _declared_columns

pytestmark = pytest.mark.postgres


def _postgres_columns(con) -> dict[str, list[tuple[str, str]]]:
    rows = con.execute("SELECT table_name, column_name, data_type FROM information_schema.columns "
                       "WHERE table_catalog = current_database() AND table_schema = 'main' "
                       "ORDER BY table_name, ordinal_position").fetchall()
    found: dict[str, list[tuple[str, str]]] = {}
    for table, column, type_ in rows:
        found.setdefault(table, []).append((column, type_))
    return found


def test_every_migration_runs_on_postgresql_and_gives_the_declared_tables(pg_server):
    """The whole list, from an empty database: a new migration that PostgreSQL cannot run fails here
    (store.POSTGRES_MIGRATIONS says what to do then)."""
    url = pg_server.url(pg_server.new_database())
    con = store.connect(url)
    assert store.schema_version(con) == store.SCHEMA_VERSION
    found = _postgres_columns(con)
    declared = {t: [(c, "SMALLINT" if kind == schema.TINYINT else kind) for c, kind in cols]
                for t, cols in _declared_columns().items()}
    assert sorted(found) == sorted(declared)
    for table in declared:
        assert found[table] == declared[table], table
    con.close()
    assert store.schema_version(store.connect(url)) == store.SCHEMA_VERSION  # opening it again migrates nothing


def _exported(db: str, out) -> dict[str, bytes]:
    assert cli.main(["demo", "--db", db]) == 0
    assert cli.main(["export", "--db", db, "--out", str(out), "--lang", "en"]) == 0
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def test_an_import_then_the_csv_export_gives_byte_identical_files_on_both_stores(pg_url, tmp_path):
    on_file = _exported(str(tmp_path / "store.duckdb"), tmp_path / "file")
    on_server = _exported(pg_url, tmp_path / "server")
    assert len(on_file) > 10 and "actors.csv" in on_file
    assert sorted(on_server) == sorted(on_file)
    for name in on_file:
        assert on_server[name] == on_file[name], name
