"""A room at once, in a real Chromium against a real server: 30 participants send their ballots at the
same moment, and every ballot is stored exactly once, with no traceback anywhere."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from clusterlab import store, votes
from tests.browser import RUN_TIMEOUT_MS, S, Server, app_factory

pytestmark = pytest.mark.browser

VOTERS = 30
ROOM_TIMEOUT_MS = 4 * RUN_TIMEOUT_MS  # what the room waits for, all at once, is thirty runs: not one
PROBLEMS = ["Prix du lait instable", "Manque de chaîne du froid"]


def test_thirty_participants_vote_at_once_and_every_ballot_is_stored_once(tmp_path, browser):
    server = Server(tmp_path / "room")
    vote_id = server.open_vote("AP 3", PROBLEMS, 3)
    new, check = app_factory(browser)
    given = {i: (i % 4, 3 - i % 4) for i in range(VOTERS)}  # each spends all 3 dots, in 4 ways
    with server:
        voters = [new(server.url, viewport={"width": 390, "height": 844}) for _ in range(VOTERS)]
        for voter in voters:  # the room opens the link together: every page loads side by side
            voter.page.goto(f"{server.url}/vote?vote={vote_id}&lang=en", wait_until="commit")
        for voter in voters:  # thirty pages loading at once on two cores: each may wait for the others
            expect(voter.page.locator(S.TITLE).first).to_have_text("Vote", timeout=ROOM_TIMEOUT_MS)
            voter.wait_idle()
        for i, voter in enumerate(voters):
            for j, n in enumerate(given[i]):
                voter.key(f"dot_{j}").locator("input").fill(str(n))
        buttons = [voter.page.get_by_role("button", name="Send my vote") for voter in voters]
        for button in buttons:  # one after the other, without waiting: the server runs them side by side
            button.click(no_wait_after=True)
        for voter in voters:
            expect(voter.page.get_by_text("You have already voted in this vote: thank you.")).to_be_visible(
                timeout=ROOM_TIMEOUT_MS)
            expect(voter.page.locator(S.EXCEPTION)).to_have_count(0)
        log = server.log()
    check()
    assert "Traceback" not in log, log
    con = store.connect(server.db)
    try:
        assert votes.participants(con, vote_id) == VOTERS
        result = votes.results(con, vote_id).set_index("problem")["dots"].to_dict()
        assert result == {PROBLEMS[0]: sum(a for a, _ in given.values()),
                          PROBLEMS[1]: sum(b for _, b in given.values())}
        assert con.execute("SELECT count(*) FROM ballots WHERE vote_id = ?", [vote_id]).fetchone()[0] == sum(
            (a > 0) + (b > 0) for a, b in given.values())
    finally:
        con.close()
