"""Several app instances on one PostgreSQL database: one truth. Each `store.connect(url)` below is a DuckDB
instance of its own, as an app process has (a CLI import runs as a real second process)."""
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest

from clusterlab import analysis, checkin, importer, meetings, plan, store, votes
from clusterlab.errors import Conflict
from tests.test_plan import GOOD
from tests.workbooks import ACTORS, GRID, write_xlsx

pytestmark = pytest.mark.postgres
PROBLEMS = ["Prix du lait instable", "Manque de chaîne du froid", "Accès difficile au crédit"]


@pytest.fixture
def two(pg_url, tmp_path):
    """Two instances on one database holding a small project "p"."""
    a, b = store.connect(pg_url), store.connect(pg_url)
    importer.import_files(a, [write_xlsx(tmp_path / "a.xlsx", {"Acteurs": ACTORS})], "p")
    yield a, b, store.project_id(a, "p", create=False)
    a.close()
    b.close()


def test_an_edit_in_one_instance_is_seen_by_the_other_at_its_next_read(two):
    a, b, pid = two
    before = analysis.of(b, pid)
    assert len(before.inventory) == 3 and plan.actions(b, pid).empty
    action_id = plan.add(a, pid, GOOD)
    after = analysis.of(b, pid)
    assert after.revision == before.revision + 1 and after is not before
    assert plan.actions(b, pid)["action_id"].tolist() == [action_id]
    assert analysis.of(b, pid) is after  # and nothing is recomputed while nothing changes


def test_two_people_saving_the_same_action_from_two_instances_the_second_is_refused_with_both_values(two):
    a, b, pid = two
    action_id = plan.add(a, pid, GOOD)
    read = plan.actions(b, pid).set_index("action_id").at[action_id, "version"]
    plan.update(a, pid, action_id, {**GOOD, "progress": 60.0}, read)
    with pytest.raises(Conflict) as err:
        plan.update(b, pid, action_id, {**GOOD, "budget": 90_000.0}, read)
    said = err.value.message("en")
    assert "progress: 60.0 / 40.0" in said and "budget: 100000.0 / 90000.0" in said
    row = plan.actions(a, pid).set_index("action_id").loc[action_id]
    assert (row["progress"], row["budget"]) == (60.0, 100_000.0)


def test_saves_racing_from_two_instances_one_wins_and_every_other_is_refused_with_both_values(two):
    a, b, pid = two
    action_id = plan.add(a, pid, GOOD)
    read = plan.actions(a, pid).set_index("action_id").at[action_id, "version"]

    def save(i: int) -> str:
        try:
            plan.update((a, b)[i % 2], pid, action_id, {**GOOD, "progress": float(i)}, read)
            return "saved"
        except Conflict as exc:
            return exc.key

    with ThreadPoolExecutor(12) as pool:
        outcomes = list(pool.map(save, range(12)))
    assert sorted(outcomes) == ["plan.changed"] * 11 + ["saved"]
    assert plan.actions(b, pid).set_index("action_id").at[action_id, "version"] == read + 1


def test_a_write_that_met_another_instances_write_is_a_conflict_not_a_traceback(two):
    a, b, pid = two
    action_id = plan.add(a, pid, GOOD)
    with pytest.raises(Conflict) as err:
        with store.transaction(b) as cur:
            cur.execute("SELECT version FROM actions WHERE action_id = ?", [action_id]).fetchall()  # b's snapshot
            plan.update(a, pid, action_id, {**GOOD, "progress": 50.0}, 1)
            cur.execute("UPDATE actions SET progress = 10 WHERE action_id = ?", [action_id])
    assert err.value.key == "store.busy"
    assert plan.actions(a, pid).set_index("action_id").at[action_id, "progress"] == 50.0


def test_sixty_participants_voting_through_two_instances_are_each_counted_exactly_once(two):
    a, b, pid = two
    vote_id = votes.open_vote(a, pid, "AP 2", PROBLEMS, dots=3)

    def ballot(i: int) -> str:  # every participant twice at once, once on each instance (a double click)
        try:
            n = i // 2
            votes.cast((a, b)[i % 2], vote_id, f"p{n:02d}", {PROBLEMS[n % 3]: 2, PROBLEMS[(n + 1) % 3]: 1})
            return "ok"
        except Conflict as exc:
            return exc.key

    with ThreadPoolExecutor(24) as pool:
        outcomes = list(pool.map(ballot, range(120)))
    assert outcomes.count("ok") == 60 and outcomes.count("vote.already") == 60
    for con in (a, b):
        assert votes.participants(con, vote_id) == 60
        assert votes.results(con, vote_id).set_index("problem")["dots"].to_dict() == {p: 60 for p in PROBLEMS}


def test_a_command_line_import_runs_while_two_instances_serve(two, pg_url, tmp_path):
    a, b, pid = two
    vote_id = votes.open_vote(a, pid, "AP 2", PROBLEMS, dots=3)
    grid = write_xlsx(tmp_path / "g.xlsx", {"Grille": GRID})
    with ThreadPoolExecutor(4) as pool:
        command = [sys.executable, "-m", "clusterlab", "import", str(grid), "--db", pg_url, "--project", "p",
                   "--lang", "en"]
        importing = pool.submit(subprocess.run, command, capture_output=True, text=True)
        served = list(pool.map(lambda i: votes.cast((a, b)[i % 2], vote_id, f"p{i}", {PROBLEMS[0]: 1}) or
                               len(analysis.of((a, b)[i % 2], pid).inventory), range(20)))
        done = importing.result()
    assert done.returncode == 0, done.stdout + done.stderr
    assert "lock" not in (done.stdout + done.stderr).lower()
    assert all(n >= 3 for n in served) and votes.participants(b, vote_id) == 20
    for con in (a, b):
        assert store.counts(con, pid)["interviews"] == len(GRID) - 3


@pytest.mark.parametrize("attempt", range(4))  # a race: six instances at once, on four fresh databases
def test_instances_starting_at_once_on_an_empty_database_migrate_it_once(pg_server, attempt):
    url = pg_server.url(pg_server.new_database())
    with ThreadPoolExecutor(6) as pool:  # each creates the schema if it is missing: two at once once failed
        opened = list(pool.map(lambda _: store.connect(url), range(6)))
    for con in opened:
        assert store.schema_version(con) == store.SCHEMA_VERSION
        con.close()
    db = url.rsplit("/", 1)[1]
    assert pg_server.psql("SELECT count(*), count(DISTINCT version) FROM main.schema_version", db=db) == \
        f"{store.SCHEMA_VERSION}|{store.SCHEMA_VERSION}"


def test_sixty_phones_checking_in_through_two_instances_are_each_counted_exactly_once(two):
    a, b, pid = two
    meeting = meetings.add(a, pid, "SN", "Séminaire national", date(2026, 6, 1))
    checkin.open_checkin(a, pid, meeting)

    def sign(i: int) -> str:  # every phone twice at once, once on each instance
        try:
            checkin.sign((a, b)[i % 2], pid, meeting, f"phone-{i // 2:02d}", None, f"Coopérative {i // 2}")
            return "ok"
        except Conflict as exc:
            return exc.key

    with ThreadPoolExecutor(24) as pool:
        outcomes = list(pool.map(sign, range(120)))
    assert outcomes.count("ok") == 60 and outcomes.count("checkin.already") == 60
    for con in (a, b):
        assert checkin.count(con, pid, meeting) == 60
        came = meetings.attendance(con, pid)
        assert len(came[came["meeting_id"] == meeting]) == 60
