"""The store: schema created and versioned, one writer at a time said plainly."""
import subprocess
import sys

import duckdb
import pytest

from clusterlab import store
from clusterlab.errors import StoreError
from tests.conftest import ROOT


def test_schema_is_created_with_its_version(con):
    assert store.schema_version(con) == store.SCHEMA_VERSION
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert tables >= {"projects", "batches", "actors", "interviews", "items", "answers", "relations", "actions"}


def test_migrating_again_changes_nothing(db_path):
    store.connect(db_path).close()
    con = store.connect(db_path)
    assert con.execute("SELECT count(*) FROM schema_version").fetchone()[0] == store.SCHEMA_VERSION


def test_a_newer_store_is_refused(db_path):
    store.connect(db_path).close()
    raw = duckdb.connect(str(db_path))
    raw.execute("INSERT INTO schema_version (version) VALUES (999)")
    raw.close()
    with pytest.raises(StoreError) as err:
        store.connect(db_path)
    assert err.value.key == "store.too_new"


def test_a_store_open_in_another_process_is_reported_plainly(db_path):
    store.connect(db_path).close()
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb,sys; c=duckdb.connect({str(db_path)!r}); "
                               "print('ready', flush=True); sys.stdin.read()"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError) as err:
            store.connect(db_path)
        assert err.value.key == "store.locked"
        assert "another program" in err.value.message("en")
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)


def test_cursors_of_one_connection_work_from_several_threads(con):
    from concurrent.futures import ThreadPoolExecutor

    store.project_id(con, "p")

    def count(_):
        return con.cursor().execute("SELECT count(*) FROM projects").fetchone()[0]

    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(count, range(20))) == [1] * 20


def test_a_full_disk_during_a_write_says_so_and_saves_nothing(con):
    pid = store.project_id(con, "p")
    before = store.revision(con, pid)
    with pytest.raises(StoreError) as refused:
        with store.transaction(con, pid, "settings") as cur:
            cur.execute("INSERT INTO project_settings (project_id, key, value) VALUES (?, 'problems.k', '4')", [pid])
            raise duckdb.IOException('IO Error: Could not write file "x.duckdb.wal": No space left on device')
    assert refused.value.message("en").startswith("No space left on the disk: nothing was saved.")
    assert refused.value.message("fr").startswith("Plus d'espace libre sur le disque")
    assert store.revision(con, pid) == before
    assert con.execute("SELECT count(*) FROM project_settings").fetchone()[0] == 0


def test_the_history_shows_a_table_beyond_the_lists_only_when_an_import_wrote_to_it(con, tmp_path):
    from clusterlab import importer
    from tests.workbooks import write_xlsx

    pid = store.project_id(con, "p")
    importer.import_files(con, [write_xlsx(tmp_path / "a.xlsx", {"Acteurs": [["Nom"], ["Ferme A"]]})], "p")
    shown = store.batches(con, pid, loaded_only=True)
    assert {"actors", "answers", "actions"} <= set(shown.columns) and "meetings" not in shown.columns
    assert "meetings" in store.batches(con, pid).columns and shown["actors"].tolist() == [1]


def test_a_glance_reads_what_every_page_run_needs_in_one_query(con):
    from clusterlab import plan, users

    assert store.glance(con) == store.Glance(0, 0, None, {}, {})
    a, b = store.project_id(con, "a"), store.project_id(con, "b")
    plan.add(con, b, {"title": "Collecte", "status": "planned"})
    users.add(con, "Karim", "analyst", "code de karim")
    users.add(con, "Nadia", "facilitator", "code de nadia")
    store.set_setting(con, "project", "b")
    seen = store.glance(con)
    assert (seen.users, seen.analysts, seen.default_project, seen.projects) == (2, 1, "b", {"a": a, "b": b})
    assert seen.revisions == {a: store.revision(con, a), b: store.revision(con, b)} and seen.revisions[b] == 1
