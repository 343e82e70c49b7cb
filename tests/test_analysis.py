"""One analysis per project revision: each view computed once and shared; a new revision after any write."""
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest

from clusterlab import (
    actors,
    analysis,
    demo,
    exporter,
    importer,
    leaders,
    meetings,
    network,
    settings,
    store,
    swot,
    votes,
)
from tests.apptest import app, page


@pytest.fixture
def demo_con(con):
    demo.load(con)
    return con


def test_a_full_csv_export_computes_each_view_once(demo_con, tmp_path, monkeypatch):
    calls = {"inventory": 0, "metrics": 0, "edges": 0}

    def counted(name, real):
        def wrapper(*args, **kwargs):
            calls[name] += 1
            return real(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(actors, "inventory", counted("inventory", actors.inventory))
    monkeypatch.setattr(network, "metrics", counted("metrics", network.metrics))
    monkeypatch.setattr(network, "edges", counted("edges", network.edges))
    pid = store.project_id(demo_con, "demo")
    settings.save(demo_con, pid, {"leaders.threshold": 0.55})  # a fresh revision: nothing cached yet
    found = analysis.of(demo_con, pid)
    paths = exporter.write_csv(exporter.tables(found), tmp_path / "csv")
    assert len(paths) == 33  # 18, phase III's objectives, mactor_actors, _mid, _midi, _positions, _pairs, and
    # governance's bodies, members, meetings, attendance, decisions, decision_follow_up, adhesion(_funnel), …
    assert calls == {"inventory": 1, "metrics": 1, "edges": 1}
    assert set(found.computed.values()) == {1}, found.computed
    exporter.project_workbook(demo_con, pid)  # the workbook's report sheets read the same analysis
    assert calls == {"inventory": 1, "metrics": 1, "edges": 1}


def test_the_revision_moves_with_every_write(demo_con):
    pid = store.project_id(demo_con, "demo")
    seen = [store.revision(demo_con, pid)]

    def moved() -> bool:
        seen.append(store.revision(demo_con, pid))
        return seen[-1] > seen[-2]

    leaders.set_override(demo_con, pid, "A001", True, "by hand")
    assert moved()
    settings.save(demo_con, pid, {"problems.k": 2})
    assert moved()
    option = swot.add_option(demo_con, pid, "SO", "a", "b", "Vente groupée")
    assert moved()
    swot.send_to_plan(demo_con, pid, option)
    assert moved()
    vote = votes.open_vote(demo_con, pid, "V", ["Prix du lait instable"], 2)
    assert moved()
    votes.cast(demo_con, vote, "p1", {"Prix du lait instable": 2})
    assert moved()
    meetings.add(demo_con, pid, "CP", "Comité", date(2026, 5, 1))
    assert moved()
    before = analysis.of(demo_con, pid)
    assert analysis.of(demo_con, pid) is before, "no write, the same analysis"
    from clusterlab import themes

    keys = sorted(set(themes.items(demo_con, pid, ("strengths",))["wording_key"]))[:2]
    themes.create(demo_con, pid, "strengths", "Atouts", keys)
    assert moved() and analysis.of(demo_con, pid) is not before
    batch = demo.load(demo_con, "demo").batch_ids
    assert batch == [] or moved()  # loading the same files again adds nothing


def test_an_import_and_its_undo_move_the_revision(con, tmp_path):
    from tests.workbooks import write_xlsx

    path = write_xlsx(tmp_path / "a.xlsx", {"Acteurs": [["Nom", "Maillon"], ["Coop A", "production"]]})
    report = importer.import_files(con, [path], "p")
    pid = store.project_id(con, "p")
    loaded = store.revision(con, pid)
    assert loaded > 0 and len(analysis.of(con, pid).inventory) == 1
    importer.undo(con, report.batch_ids[0])
    assert store.revision(con, pid) > loaded and analysis.of(con, pid).inventory.empty


def test_a_dry_run_leaves_no_change(con, tmp_path):
    from clusterlab import reader
    from tests.workbooks import write_xlsx

    path = write_xlsx(tmp_path / "a.xlsx", {"Acteurs": [["Nom"], ["Coop A"]]})
    pid = store.project_id(con, "p")
    before = store.revision(con, pid)
    report = importer.preview(con, [reader.read_workbook(path)], "p")
    assert report.loaded["actors"] == 1
    assert store.revision(con, pid) == before and store.counts(con, pid)["actors"] == 0


def test_frames_from_eight_threads_at_once_never_fail(demo_con):
    """What each page run does with the store (the frame's project lookup, the revision, the analysis),
    from 8 threads sharing the process's one connection, 800 times, while writes go on."""
    pid = store.project_id(demo_con, "demo")
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def run(n: int) -> None:
        start.wait()
        for i in range(100):
            try:
                names, project, found = store.workspace(demo_con, "demo")
                assert (project, found) == ("demo", pid) and names == ["demo"]
                current = analysis.of(demo_con, pid)
                assert len(current.inventory) == 53 and len(current.problem_ranking) > 0
                store.get_setting(demo_con, "project")
                if n == 0 and i % 10 == 0:  # someone saves a setting meanwhile
                    settings.save(demo_con, pid, {"problems.k": 3 + i % 2})
            except BaseException as exc:  # noqa: BLE001 - every failure is the finding
                errors.append(exc)

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(run, range(8)))
    assert errors == []


@pytest.mark.apptest
def test_two_sessions_see_each_others_change_on_their_next_rerun(demo_db):
    first = page(app({"lang": "en"}).run(), "app_pages/problems.py")
    second = page(app({"lang": "en"}).run(), "app_pages/problems.py")
    common = "7 of 59 problems are common (at least 3 actors across 2 stages)."
    assert common in [c.value for c in second.caption]
    first.number_input(key="setting_problems.k").set_value(10).run()
    second.run()
    assert "1 of 59 problems are common (at least 10 actors across 2 stages)." in [c.value for c in second.caption]
    assert second.number_input(key="setting_problems.k").value == 10
