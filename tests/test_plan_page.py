"""The action plan page through AppTest: add (checked), edit with a conflict, calendar and its meetings."""
from datetime import date

import pytest

from clusterlab import plan, store
from tests.apptest import app, as_shown, page, show_tab

pytestmark = pytest.mark.apptest


def open_plan(tab: str = "calendar"):
    return show_tab(page(app({"lang": "en"}).run(), "app_pages/plan.py"), "plan_tab", f"plan.tab_{tab}")


def save(at):
    next(b for b in at.button if b.label == "Save the action").click()
    return at.run()


def test_the_demo_plan_calendar_budget_and_follow_up(demo_db):
    at = open_plan()
    assert not at.exception
    assert {m.label for m in at.metric} == {"Progress (weighted by budget)", "Progress (each action once)",
                                            "Late or blocked actions"}
    [gantt] = [c.proto.spec for c in at.get("plotly_chart")]  # the calendar: only the open tab runs
    assert '"type":"bar"' in gantt.replace(" ", "") and gantt.count('"base"') >= 1
    budget = [c.proto.spec for c in show_tab(at, "plan_tab", "plan.tab_budget").get("plotly_chart")]
    assert len(budget) == 4 and not at.exception


def test_an_action_is_added_and_an_invalid_one_refused(demo_db):
    at = open_plan("edit")
    at.text_input[[t.label for t in at.text_input].index("Title")].set_value("Formation hygiène")
    at.date_input[0].set_value(date(2027, 3, 1))
    at.date_input[1].set_value(date(2027, 1, 1))  # ends before it starts
    save(at)
    assert any("the end is before the start" in e.value for e in at.error)
    at.date_input[1].set_value(date(2027, 6, 1))
    save(at)
    assert not at.error
    con = store.connect(demo_db)
    titles = set(plan.actions(con, store.project_id(con, "demo"))["title"])
    con.close()
    assert "Formation hygiène" in titles


def test_an_edit_after_someone_elses_is_refused_with_both_values(demo_db):
    at = open_plan("edit")
    at.selectbox(key="plan_pick").set_value("ACT0001").run()
    con = store.connect(demo_db)  # meanwhile, someone else saves the same action
    pid = store.project_id(con, "demo")
    row = plan.actions(con, pid).set_index("action_id").loc["ACT0001"]
    plan.update(con, pid, "ACT0001", {**{k: row[k] for k in plan.FIELDS}, "progress": 55.0}, row["version"])
    con.close()
    at.slider[[s.label for s in at.slider].index("Progress (%)")].set_value(70)
    save(at)
    assert any("Someone changed the action ACT0001" in as_shown(e.value) and "progress: 55.0 / 70.0" in
               as_shown(e.value) for e in at.error)
    con = store.connect(demo_db)
    assert plan.actions(con, pid).set_index("action_id").at["ACT0001", "progress"] == 55.0
    con.close()


def test_the_calendar_marks_the_meetings_and_its_tab_lists_them(demo_db):
    at = open_plan()
    [gantt] = [c.proto.spec for c in at.get("plotly_chart")]
    assert "CP: CP1 :" in gantt and "SN: S" in gantt  # the meetings on the calendar
    at = show_tab(at, "plan_tab", "plan.tab_meetings")
    assert not at.exception
    listed = at.dataframe[0].value
    assert listed["kind"].tolist() == ["AP", "TC", "AP", "CP", "SN"]


def test_an_action_is_deleted(demo_db):
    at = open_plan("edit")
    at.selectbox(key="plan_pick").set_value("ACT0002").run()
    next(b for b in at.button if b.label == "Delete this action").click().run()
    con = store.connect(demo_db)
    assert "ACT0002" not in set(plan.actions(con, store.project_id(con, "demo"))["action_id"])
    con.close()


def someone_else_sets_progress(demo_db, action_id: str, progress: float) -> None:
    """B saves the action through the core, as another session of the app does."""
    con = store.connect(demo_db)
    pid = store.project_id(con, "demo")
    row = plan.actions(con, pid).set_index("action_id").loc[action_id]
    plan.update(con, pid, action_id, {**{k: row[k] for k in plan.FIELDS}, "progress": progress}, row["version"])
    con.close()


def stored_progress(demo_db, action_id: str) -> float:
    con = store.connect(demo_db)
    try:
        return float(plan.actions(con, store.project_id(con, "demo")).set_index("action_id").at[action_id, "progress"])
    finally:
        con.close()


def test_a_rerun_between_their_save_and_mine_does_not_make_mine_overwrite_theirs(demo_db):
    at = open_plan("edit")
    at.selectbox(key="plan_pick").set_value("ACT0001").run()  # A opens ACT0001
    someone_else_sets_progress(demo_db, "ACT0001", 55.0)  # B saves it
    at.toggle(key="workshop_choice").set_value(True).run()  # A's page reruns once: another widget changed
    assert not at.exception
    at.slider[[s.label for s in at.slider].index("Progress (%)")].set_value(70)
    save(at)  # A saves what A opened
    refusal = [as_shown(e.value) for e in at.error]
    assert any("Someone changed the action ACT0001" in e and "progress: 55.0 / 70.0" in e for e in refusal), refusal
    assert stored_progress(demo_db, "ACT0001") == 55.0  # B's value kept
    save(at)  # saving again is refused again, until A reloads the stored action
    assert stored_progress(demo_db, "ACT0001") == 55.0
    next(b for b in at.button if b.label.startswith("Reload the stored action")).click().run()
    assert at.slider[[s.label for s in at.slider].index("Progress (%)")].value == 55  # B's value shown
    at.slider[[s.label for s in at.slider].index("Progress (%)")].set_value(80)
    save(at)
    assert not at.error and stored_progress(demo_db, "ACT0001") == 80.0
    assert [as_shown(t.value) for t in at.toast] == ["Action ACT0001 saved: " + at.text_input[0].value]


def test_an_own_save_then_another_of_mine_is_not_a_conflict(demo_db):
    at = open_plan("edit")
    at.selectbox(key="plan_pick").set_value("ACT0001").run()
    for progress in (30, 40):
        at.slider[[s.label for s in at.slider].index("Progress (%)")].set_value(progress)
        save(at)
        assert not at.error and stored_progress(demo_db, "ACT0001") == progress


def test_the_action_form_saves_once_says_what_and_starts_empty_again(demo_db):
    at = open_plan("edit")
    before = len(plan.actions(store.connect(demo_db), 1))
    at.text_input[[t.label for t in at.text_input].index("Title")].set_value("Formation hygiène")
    save(at)
    assert [as_shown(t.value) for t in at.toast] == [f"Action ACT{before + 1:04d} added: Formation hygiène"]
    assert at.text_input[[t.label for t in at.text_input].index("Title")].value == ""  # a fresh form
    save(at)  # the same button clicked again, nothing changed: refused (no title), nothing written
    assert any("title" in e.value for e in at.error)
    con = store.connect(demo_db)
    titles = plan.actions(con, store.project_id(con, "demo"))["title"].tolist()
    con.close()
    assert titles.count("Formation hygiène") == 1 and len(titles) == before + 1
