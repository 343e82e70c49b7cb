"""The portfolio page in a real Chromium: the room retains a candidate joint project, sends it to the plan, and
finds its actions there, rolled up under the project and on the calendar (tests/browser.py's helpers)."""
from __future__ import annotations

import duckdb
import pytest
from playwright.sync_api import expect

from tests.browser import RESULTS, S, Server

pytestmark = pytest.mark.browser
PROJECT = "Contrôle de la qualité du lait"


@pytest.fixture
def server(tmp_path, browser_type_launch_args):
    srv = Server(tmp_path / "portfolio")
    srv.start()
    yield srv
    srv.stop()


def test_the_room_retains_a_project_and_finds_its_actions_in_the_plan(server, new_app):
    app = new_app(server.url).open("/portfolio?lang=en", "Portfolio of joint projects")
    page = app.page
    expect(page.locator(S.EXCEPTION)).to_have_count(0)
    app.open_tab("Operability test")
    app.choose("score_project", f"PRJ02 — {PROJECT}")
    page.locator(S.in_form("vd_PRJ02")).get_by_text("Retained (joint project)", exact=True).click()
    page.locator(S.in_form("vr_PRJ02")).locator("input").fill("Les laiteries paient les analyses")
    with app.rerun():
        page.get_by_role("button", name="Record the verdict").click()
    expect(page.locator(S.EXCEPTION)).to_have_count(0)

    app.open_tab("Portfolio")
    picker = page.locator(S.in_form("send_pick"))
    picker.get_by_role("combobox").click()  # inside a form: choosing reruns nothing until the form is sent
    page.keyboard.type("PRJ02")
    page.get_by_role("option", name=f"PRJ02 — {PROJECT}", exact=True).click()
    expect(picker.get_by_role("combobox")).to_have_value(f"PRJ02 — {PROJECT}")
    with app.rerun():
        page.get_by_role("button", name="Send to the plan").click()
    expect(page.get_by_text("Project PRJ02 in the plan: PRJ02-1, PRJ02-2, PRJ02-3")).to_be_visible()
    expect(page.locator(S.EXCEPTION)).to_have_count(0)

    app.open("/plan?lang=en", "Action plan, calendar and budget")
    app.open_tab("Budget")
    rolled = {r["Project"]: r for r in app.grid_rows(app.table("plan_by_project"))}
    assert set(rolled) == {"PRJ01", "PRJ02"}
    assert (rolled["PRJ02"]["Actions"], rolled["PRJ02"]["Title"]) == ("3", PROJECT)
    app.open_tab("Calendar")
    labels = page.locator(S.CHART).first.locator(".ytick text")
    expect(labels.filter(has_text=PROJECT)).to_have_count(3)  # its three actions on the calendar
    assert {label for label in labels.all_text_contents() if PROJECT in label} == {
        f"III · {PROJECT} — feasibility study", f"III · {PROJECT} — setting up and funding",
        f"IV · {PROJECT} — launch and first result"}
    page.screenshot(path=str(RESULTS / "portfolio_plan_calendar.png"))
    server.stop()  # the server holds the store for writing: read it once the server is gone
    con = duckdb.connect(str(server.db), read_only=True)
    try:
        sent = con.execute("SELECT action_id, budget, status FROM actions WHERE project = 'PRJ02' "
                           "ORDER BY action_id").fetchall()
        verdict = con.execute("SELECT verdict, reason, who FROM project_verdicts WHERE joint_id = 'PRJ02' "
                              "ORDER BY verdict_seq DESC LIMIT 1").fetchone()
    finally:
        con.close()
    assert sent == [("PRJ02-1", 6000.0, "candidate"), ("PRJ02-2", 18000.0, "candidate"),
                    ("PRJ02-3", 36000.0, "candidate")]
    assert verdict[:2] == ("retained", "Les laiteries paient les analyses")

