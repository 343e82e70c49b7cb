"""Check-in from phones, in a real Chromium against a real server: the facilitator opens the attendance of a
meeting, two phones (two browser contexts) open its link and check in, and the projected count shows two."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from clusterlab import checkin, meetings, store
from tests.browser import RUN_TIMEOUT_MS, S, Server, app_factory

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DONE = "You are checked in. Thank you!"


def test_two_phones_check_in_and_the_facilitators_count_shows_two(tmp_path, browser):
    server = Server(tmp_path / "room")
    new, check = app_factory(browser)
    with server:
        facilitator = new(server.url).open("/governance?lang=en", "Governance and participation")
        facilitator.open_tab("Meetings")
        with facilitator.rerun():
            facilitator.page.get_by_role("button", name="Open the check-in").click()
        link = facilitator.page.locator("code", has_text="/checkin?meeting=").first.inner_text()
        assert "/checkin?meeting=MTG0004&t=" in link, "the link carries the meeting shown (the CP) and its token"
        count = facilitator.key("checkin_count").locator(S.METRIC_VALUE)
        expect(count).to_have_text("0")

        first = new(server.url, viewport=PHONE)
        first.page.goto(f"{link}&lang=en")
        first.wait_title("Check-in")
        first.key("checkin_actor").get_by_role("combobox").click()
        first.page.keyboard.type("Coopérative El Amal")
        expect(first.page.get_by_role("option", name="Coopérative El Amal", exact=True)).to_be_visible()
        first.page.keyboard.press("Enter")
        first.key("checkin_person").locator("input").fill("Elie Sfeir")
        with first.rerun():
            first.page.get_by_role("button", name="Check in").click()
        expect(first.page.get_by_text(DONE)).to_be_visible()

        second = new(server.url, viewport=PHONE)
        second.page.goto(f"{link}&lang=en")
        second.wait_title("Check-in")
        second.key("checkin_other").locator("input").fill("Coopérative laitière de Kfarzabad")
        second.key("checkin_person").locator("input").fill("Hanane Saleh")
        with second.rerun():
            second.page.get_by_role("button", name="Check in").click()
        expect(second.page.get_by_text(DONE)).to_be_visible()

        expect(count).to_have_text("2", timeout=RUN_TIMEOUT_MS)  # the projected count rose, without a click
        again = first.page.context.new_page()  # the first phone opens the link again: checked in already
        again.goto(f"{link}&lang=en")
        expect(again.get_by_text(DONE)).to_be_visible(timeout=RUN_TIMEOUT_MS)
        expect(again.get_by_role("button", name="Check in")).to_have_count(0)
        again.close()
    check()
    con = store.connect(server.db)
    try:
        pid = store.project_id(con, "demo")
        assert checkin.count(con, pid, "MTG0004") == 2
        came = meetings.attendance(con, pid).query("meeting_id == 'MTG0004' and source == 'checkin'")
        assert sorted(came["actor"].fillna(came["organisation"])) == ["Coopérative El Amal",
                                                                       "Coopérative laitière de Kfarzabad"]
    finally:
        con.close()
