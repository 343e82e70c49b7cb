"""The vote reaches phones, in a real Chromium against a real server: one ballot per browser and vote, a second
tab of the same phone sees the ballot already cast; the facilitator is told when the app is not shared."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from clusterlab import store, votes
from tests.browser import RUN_TIMEOUT_MS, S, Server, app_factory

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
PROBLEMS = ["Prix du lait instable", "Manque de chaîne du froid"]
ALREADY = "You have already voted in this vote: thank you."


def test_a_phone_votes_once_and_its_second_tab_sees_the_ballot_cast(tmp_path, browser):
    server = Server(tmp_path / "phone")
    vote_id = server.open_vote("AP 3", PROBLEMS, 3)
    new, check = app_factory(browser)
    with server:
        facilitator = new(server.url).open("/problems?lang=en", "Problems to treat in common")
        facilitator.open_tab("Votes from the room")
        expect(facilitator.page.get_by_text("The app listens on this computer only (127.0.0.1)")).to_be_visible()
        link = facilitator.page.locator("code", has_text="/vote?vote=").first.inner_text()
        assert f"/vote?vote={vote_id}&t=" in link, "the link carries the vote's token"
        phone = new(server.url, viewport=PHONE)
        phone.page.goto(f"{link}&lang=en")
        phone.wait_title("Vote")
        phone.key("dot_0").locator("input").fill("2")
        with phone.rerun():
            phone.page.get_by_role("button", name="Send my vote").click()
        expect(phone.page.get_by_text(ALREADY)).to_be_visible()
        second = phone.page.context.new_page()  # the same link, in another tab of the same phone's browser
        second.goto(f"{link}&lang=en")
        expect(second.locator(S.TITLE).first).to_have_text("Vote", timeout=RUN_TIMEOUT_MS)
        expect(second.get_by_text(ALREADY)).to_be_visible(timeout=RUN_TIMEOUT_MS)
        expect(second.get_by_role("button", name="Send my vote")).to_have_count(0)
        second.close()
    check()
    con = store.connect(server.db)
    try:
        assert votes.participants(con, vote_id) == 1
        assert votes.results(con, vote_id).set_index("problem")["dots"].to_dict() == {PROBLEMS[0]: 2, PROBLEMS[1]: 0}
    finally:
        con.close()
