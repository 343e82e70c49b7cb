"""`python -m clusterlab copy`: whole projects between a DuckDB file and PostgreSQL, either way, the copy
exporting identically; a failure leaves the target as it was."""
import pytest

from clusterlab import cli, copying, importer, store, votes
from clusterlab.errors import Conflict
from tests.stores import demo_store
from tests.workbooks import ACTORS, write_xlsx

pytestmark = pytest.mark.postgres


def _export(db: str, out, project: str = "demo") -> dict[str, bytes]:
    assert cli.main(["export", "--db", db, "--project", project, "--out", str(out), "--lang", "en"]) == 0
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def _history(db: str, project: str = "demo") -> tuple:
    con = store.connect(db)
    pid = store.project_id(con, project, create=False)
    found = (len(store.batches(con, pid)), store.revision(con, pid), store.counts(con, pid))
    con.close()
    return found


def test_a_project_goes_to_the_shared_server_and_back_unchanged(pg_url, tmp_path):
    laptop = str(demo_store(tmp_path / "laptop.duckdb"))
    server = store.connect(pg_url)  # the server holds another project already: the copy's numbers are new there
    importer.import_files(server, [write_xlsx(tmp_path / "a.xlsx", {"Acteurs": ACTORS})], "other")
    votes.open_vote(server, store.project_id(server, "other"), "AP", ["x", "y"], dots=2)
    server.close()
    before = _export(laptop, tmp_path / "laptop")
    batches, revision, counts = _history(laptop)

    assert cli.main(["copy", "--from", laptop, "--to", pg_url, "--project", "demo"]) == 0
    assert _export(pg_url, tmp_path / "server") == before
    assert _history(pg_url) == (batches, revision + 1, counts)  # its history, and the line of its copy

    back = str(tmp_path / "back.duckdb")
    assert cli.main(["copy", "--from", pg_url, "--to", back, "--project", "demo"]) == 0
    assert _export(back, tmp_path / "back") == before
    assert _history(back) == (batches, revision + 2, counts)
    assert store.projects(store.connect(back)) == ["demo"]  # only what was asked


def test_a_vote_travels_with_its_ballots_and_its_link(pg_url, tmp_path):
    laptop = store.connect(tmp_path / "laptop.duckdb")
    pid = store.project_id(laptop, "p")
    vote_id = votes.open_vote(laptop, pid, "AP", ["x", "y"], dots=2)
    votes.cast(laptop, vote_id, "alice", {"x": 2})
    token = votes.token(laptop, vote_id)
    laptop.close()
    copying.copy(tmp_path / "laptop.duckdb", pg_url)
    server = store.connect(pg_url)
    copied = votes.votes(server, store.project_id(server, "p", create=False))["vote_id"].tolist()
    assert votes.results(server, copied[0]).set_index("problem")["dots"].to_dict() == {"x": 2, "y": 0}
    assert votes.token(server, copied[0]) == token
    server.close()


def test_a_project_the_target_has_is_refused_unless_replaced(pg_url, tmp_path):
    laptop = str(demo_store(tmp_path / "laptop.duckdb"))
    copying.copy(laptop, pg_url)
    with pytest.raises(Conflict) as err:
        copying.copy(laptop, pg_url)
    assert err.value.key == "copy.exists" and "pg-test-secret" not in err.value.message("en")
    copying.copy(laptop, pg_url, replace=True)
    assert _export(pg_url, tmp_path / "server") == _export(laptop, tmp_path / "laptop")


@pytest.mark.parametrize("direction", ["to_server", "to_file"])
def test_a_copy_that_fails_leaves_the_target_as_it_was(pg_url, tmp_path, monkeypatch, direction):
    laptop = str(demo_store(tmp_path / "laptop.duckdb"))
    source, target = (laptop, pg_url) if direction == "to_server" else (pg_url, str(tmp_path / "t.duckdb"))
    if direction == "to_file":
        copying.copy(laptop, pg_url)
    con = store.connect(target)
    importer.import_files(con, [write_xlsx(tmp_path / "a.xlsx", {"Acteurs": ACTORS})], "other")
    con.close()
    before = _export(target, tmp_path / "before", "other")
    written = []
    real = copying._copy_project

    def fails_after_writing(cur, name):
        written.append(real(cur, name))
        raise OSError("the disk went away")

    monkeypatch.setattr(copying, "_copy_project", fails_after_writing)
    with pytest.raises(OSError):
        copying.copy(source, target)
    assert written and written[0] > 1000  # it had written the project's rows
    con = store.connect(target)
    assert store.projects(con) == ["other"]
    assert con.execute("SELECT count(*) FROM actors").fetchone()[0] == 3
    con.close()
    assert _export(target, tmp_path / "after", "other") == before


def test_a_copy_to_a_new_file_that_fails_leaves_no_file(pg_url, tmp_path, monkeypatch):
    copying.copy(demo_store(tmp_path / "laptop.duckdb"), pg_url)
    monkeypatch.setattr(copying, "_copy_project", lambda cur, name: (_ for _ in ()).throw(OSError("gone")))
    with pytest.raises(OSError):
        copying.copy(pg_url, tmp_path / "new.duckdb")
    assert not (tmp_path / "new.duckdb").exists()
