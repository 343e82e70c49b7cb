"""Forms in a real Chromium against a real server: two people editing one action, and a double click."""
from __future__ import annotations

import tomllib

import pytest
from playwright.sync_api import expect

from clusterlab import plan, store
from tests.browser import ROOT, S, Server, app_factory

pytestmark = pytest.mark.browser

EDIT_TAB = "Add or edit"


def action_label(db, action_id: str) -> tuple[str, str]:
    """The action's title and its label in the action picker."""
    con = store.connect(db)
    try:
        title = plan.actions(con, store.project_id(con, "demo")).set_index("action_id").at[action_id, "title"]
    finally:
        con.close()
    return title, f"{action_id} — {title}"


def test_their_save_then_a_rerun_of_mine_then_my_save_is_refused_with_both_values(tmp_path, browser):
    server = Server(tmp_path / "two")
    title, label = action_label(server.db, "ACT0001")
    new, check = app_factory(browser)
    with server:
        a, b = (new(server.url).open("/plan?lang=en", "Action plan, calendar and budget") for _ in range(2))
        for person in (a, b):  # each opens ACT0001, in a browser of their own
            person.open_tab(EDIT_TAB)
            person.choose("plan_pick", label)
        b.in_form("act_ACT0001_v1_title").locator("input").fill("Cellule technique (B)")
        with b.rerun():
            b.page.get_by_role("button", name="Save the action").click()
        expect(b.page.get_by_text("Action ACT0001 saved: Cellule technique (B)")).to_be_visible()
        with a.rerun():  # A's page reruns once: another widget changed
            a.key("workshop_choice").locator("label").first.click()
        a.in_form("act_ACT0001_v1_title").locator("input").fill("Cellule technique (A)")
        with a.rerun():
            a.page.get_by_role("button", name="Save the action").click()
        refusal = a.page.locator('[data-testid="stAlertContentError"]')
        expect(refusal).to_contain_text("Someone changed the action ACT0001")
        expect(refusal).to_contain_text("title: 'Cellule technique (B)' / 'Cellule technique (A)'")
        expect(a.page.locator(S.EXCEPTION)).to_have_count(0)
    check()
    assert action_label(server.db, "ACT0001")[0] == "Cellule technique (B)"


DOUBLE_CLICKS = 6  # the race between a session's two runs was rare (seen once in CI, under load): six chances


def test_a_double_click_on_save_the_action_adds_one_action(tmp_path, browser):
    """Each double click on Save adds one action: the second click's run comes after the first one's, which has
    saved and renewed the form (`runner.fastReruns = false`; with Streamlit's default both runs went at once)."""
    server = Server(tmp_path / "double")
    new, check = app_factory(browser)
    titles = [f"Atelier lait cru {n}" for n in range(DOUBLE_CLICKS)]
    with server:
        app = new(server.url).open("/plan?lang=en", "Action plan, calendar and budget")
        app.open_tab(EDIT_TAB)
        for generation, title in enumerate(titles):
            field = app.in_form("act_new_title" if generation == 0 else f"act_new_title-{generation}")
            field.locator("input").fill(title)
            with app.rerun():
                app.page.get_by_role("button", name="Save the action").dblclick()
            expect(app.page.get_by_text(f"added: {title}", exact=False)).to_be_visible()
            expect(app.in_form(f"act_new_title-{generation + 1}").locator("input")).to_have_value("")  # fresh
            app.wait_idle()
    check()
    con = store.connect(server.db)
    try:
        saved = plan.actions(con, store.project_id(con, "demo"))["title"].tolist()
    finally:
        con.close()
    assert {title: saved.count(title) for title in titles} == dict.fromkeys(titles, 1)


def test_a_sessions_runs_never_overlap():
    """The setting the double click relies on: a click during a run waits for that run's next step."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["runner"]["fastReruns"] is False
