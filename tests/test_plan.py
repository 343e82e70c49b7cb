"""The action plan (library): each check, budget totals by hand, the concurrent-edit conflict, restart."""
from datetime import date

import pytest

from clusterlab import analysis, demo, meetings, plan, store
from clusterlab.errors import Conflict, InvalidInput


@pytest.fixture
def pid(con):
    demo.load(con)
    return store.project_id(con, "demo")


GOOD = {"title": "Centre de collecte réfrigéré", "owner": "Coopérative El Amal", "phase": "IV",
        "start": date(2026, 3, 1), "end": date(2026, 12, 31), "budget": 100_000.0, "status": "en cours",
        "funding_source": "FAO", "funding_status": "obtenu", "problem": "Manque de chaîne du froid", "progress": 40.0}


@pytest.mark.parametrize("change, reason", [
    ({"title": " "}, "plan.no_title"), ({"end": date(2026, 1, 1)}, "plan.end_before_start"),
    ({"budget": -5.0}, "plan.negative_budget"), ({"progress": 120.0}, "plan.progress_range"),
    ({"owner": "Quelqu'un d'autre"}, "plan.unknown_owner"), ({"phase": "V"}, "plan.phase_invalid")])
def test_each_check_refuses_and_stores_nothing(con, pid, change, reason):
    before = con.execute("SELECT count(*) FROM actions").fetchone()[0]
    with pytest.raises(plan.InvalidAction) as err:
        plan.add(con, pid, {**GOOD, **change})
    assert err.value.problems == [reason]
    assert "plan." not in err.value.message("fr"), "the reasons are said in words"
    assert con.execute("SELECT count(*) FROM actions").fetchone()[0] == before


def test_owner_matches_whatever_the_spelling(con, pid):
    assert plan.add(con, pid, {**GOOD, "owner": "cooperative el amal"}).startswith("ACT")


def test_two_people_editing_never_silently_overwrite_each_other(db_path):
    con = store.connect(db_path)
    demo.load(con)
    pid = store.project_id(con, "demo")
    action_id = plan.add(con, pid, GOOD)
    mine = theirs = plan.actions(con, pid).set_index("action_id").at[action_id, "version"]
    new_version = plan.update(con, pid, action_id, {**GOOD, "progress": 60.0}, theirs)  # they save first
    with pytest.raises(Conflict) as err:
        plan.update(con, pid, action_id, {**GOOD, "budget": 90_000.0}, mine)  # then I save what I read before
    said = err.value.message("en")
    assert "progress: 60.0 / 40.0" in said and "budget: 100000.0 / 90000.0" in said
    with pytest.raises(Conflict):
        plan.delete(con, pid, action_id, mine)
    con.close()
    con = store.connect(db_path)  # and it all survives a restart
    row = plan.actions(con, pid).set_index("action_id").loc[action_id]
    assert (row["progress"], row["budget"], row["version"]) == (60.0, 100_000.0, new_version)
    plan.delete(con, pid, action_id, new_version)
    assert action_id not in set(plan.actions(con, pid)["action_id"])
    con.close()


def test_budget_totals_by_hand(con):
    pid = store.project_id(con, "p")
    con.execute("INSERT INTO actors (project_id, actor_id, name, name_key) VALUES (?, 'A', 'Coop', 'coop')", [pid])
    for title, phase, source, funding, amount in (("a", "I", "FAO", "obtenu", 100.0), ("b", "I", "UE", "demandé", 50.0),
                                                  ("c", "II", "FAO", "obtained", 30.0), ("d", "II", None, None, None)):
        plan.add(con, pid, {"title": title, "phase": phase, "funding_source": source, "funding_status": funding,
                            "budget": amount, "status": "planifiée"})
    df = plan.actions(con, pid)
    by_phase = plan.budget(df, "phase").set_index("phase")
    assert by_phase.loc["I", ["actions", "planned", "obtained"]].tolist() == [2, 150.0, 100.0]
    assert by_phase.loc["II", ["actions", "planned", "obtained"]].tolist() == [2, 30.0, 30.0]
    by_source = plan.budget(df, "funding_source").set_index("funding_source")
    assert by_source["planned"].to_dict() == {"FAO": 130.0, "UE": 50.0, "—": 0.0}
    assert plan.budget(df, "funding_key").set_index("funding_key")["planned"].to_dict() == {
        "obtained": 130.0, "requested": 50.0, "—": 0.0}


def test_follow_up_progress_late_actions_and_problems_without_an_action(con, pid):
    df = plan.actions(con, pid, today=date(2026, 11, 27))
    assert df["late"].sum() == 1  # the demo's hygiene guide ended on 30/10/2026, still under way
    assert 0 < plan.progress(df) < 100 and 0 < plan.progress(df, "count") < 100
    shortlisted = ["Prix du lait instable", "manque de chaine du froid", "Routes dégradées en hiver"]
    assert plan.unanswered(shortlisted, df) == ["Routes dégradées en hiver"]


def test_the_calendar_marks_the_meetings(con):
    pid = store.project_id(con, "p")  # a project with no meeting yet (the demo has its own)
    meetings.add(con, pid, "CP", "Comité de pilotage 2", date(2026, 6, 15))
    meetings.add(con, pid, "AP", "Atelier participatif 1", date(2026, 4, 2))
    marks = analysis.of(con, pid).meetings  # what the plan's calendar draws
    assert marks[["kind", "title"]].values.tolist() == [["AP", "Atelier participatif 1"],
                                                        ["CP", "Comité de pilotage 2"]]
    with pytest.raises(InvalidInput):
        meetings.add(con, pid, "XX", "?", date(2026, 1, 1))


def test_the_plan_as_edited_comes_back_from_the_project_workbook(con, pid, tmp_path):
    from clusterlab import exporter, importer

    plan.add(con, pid, {**GOOD, "indicator": "Litres collectés par jour", "indicator_target": 5000.0,
                         "indicator_value": 1200.0})
    path = tmp_path / "project.xlsx"
    path.write_bytes(exporter.project_workbook(con, pid, "fr"))
    assert not importer.import_files(con, [path], "copy").refused
    back = plan.actions(con, store.project_id(con, "copy")).set_index("title").loc["Centre de collecte réfrigéré"]
    assert (back["funding_status"], back["indicator"], back["indicator_target"], back["indicator_value"]) == (
        "obtenu", "Litres collectés par jour", 5000.0, 1200.0)


def test_every_status_word_counts_under_a_status_the_page_can_show_in_both_languages():
    from clusterlab.contract import FUNDING_STATUSES, FUNDING_WORDS, STATUS_WORDS, STATUSES
    from clusterlab.i18n import catalogue

    assert set(STATUS_WORDS.values()) == set(STATUSES) and set(FUNDING_WORDS.values()) == set(FUNDING_STATUSES)
    for lang in ("fr", "en"):
        assert all(f"plan.status_{s}" in catalogue(lang) for s in STATUSES)
        assert all(f"plan.funding_{s}" in catalogue(lang) for s in FUNDING_STATUSES)
    assert [plan.status_key(w) for w in ("Terminée", "EN COURS", "suspendu", None)] == ["done", "in_progress",
                                                                                        "blocked", None]


def test_a_phase_outside_the_method_is_refused():
    for phase in ("0", "IV", None):
        assert "plan.phase_invalid" not in plan.check({**GOOD, "phase": phase}, {"Coopérative El Amal"})
    assert "plan.phase_invalid" in plan.check({**GOOD, "phase": "V"}, {"Coopérative El Amal"})
