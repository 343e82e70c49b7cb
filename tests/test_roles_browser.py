"""Roles in a real Chromium against a real server with codes set: a participant with only the vote's QR link reaches
the ballot and votes, and is refused everything else (the import page, the sidebar, another project, a deep link,
the back button); an observer reads but cannot save."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from clusterlab import store, users, votes
from tests.browser import RUN_TIMEOUT_MS, S, Server, app_factory

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
PROBLEMS = ["Prix du lait instable", "Manque de chaîne du froid"]
ALREADY = "You have already voted in this vote: thank you."


def _prepare(server: Server) -> tuple[int, str, int]:
    """Codes for the analyst and an observer, an open vote with its link's token, and another project's vote."""
    con = store.connect(server.db)
    try:
        users.add(con, "Karim", "analyst", "code de karim")
        users.add(con, "Comité", "observer", "code du comité")
        vote_id = votes.open_vote(con, store.project_id(con, "demo"), "AP 3", PROBLEMS, 3)
        other = votes.open_vote(con, store.project_id(con, "autre"), "Secret", ["Autre problème"], 3)
        return vote_id, votes.token(con, vote_id), other
    finally:
        con.close()


def _refused_or_ballot(app) -> None:
    """What a participant may see after trying to leave the ballot: the ballot again, or the sign-in form."""
    app.wait_idle()
    expect(app.page.locator(S.TITLE).first).to_have_text(re.compile("^(Vote|clusterlab)$"))
    expect(app.page.locator(S.UPLOAD_INPUT)).to_have_count(0)
    expect(app.page.locator(S.METRIC_VALUE)).to_have_count(0)
    expect(app.page.locator(S.NAV_LINK)).to_have_count(0)
    expect(app.page.get_by_text("Secret")).to_have_count(0)


def test_a_participant_with_the_qr_link_votes_and_reaches_nothing_else(tmp_path, browser):
    server = Server(tmp_path / "room")
    vote_id, token, other = _prepare(server)
    new, check = app_factory(browser)
    with server:
        phone = new(server.url, viewport=PHONE)
        phone.open(f"/vote?vote={vote_id}&t={token}&lang=en", "Vote")
        expect(phone.page.locator(S.SIDEBAR)).to_have_count(0)
        expect(phone.page.locator(S.NAV_LINK)).to_have_count(0)
        phone.key("dot_0").locator("input").fill("2")
        with phone.rerun():
            phone.page.get_by_role("button", name="Send my vote").click()
        expect(phone.page.get_by_text(ALREADY)).to_be_visible()

        for path in ("/import?lang=en", f"/import?lang=en&t={token}", f"/plan?lang=en&t={token}",
                     f"/?lang=en&t={token}", f"/vote?vote={other}&t={token}&lang=en", "/audit?lang=en"):
            phone.page.goto(server.url + path)
            _refused_or_ballot(phone)
        phone.page.go_back()
        _refused_or_ballot(phone)

        phone.page.goto(f"{server.url}/vote?vote={other}&t={token}&lang=en")  # another project's vote, own token
        phone.wait_title("Vote")
        expect(phone.page.get_by_text(ALREADY)).to_be_visible(timeout=RUN_TIMEOUT_MS)
        expect(phone.page.get_by_text("Autre problème")).to_have_count(0)
    check()
    con = store.connect(server.db)
    try:
        assert votes.results(con, vote_id).set_index("problem")["dots"].to_dict() == {PROBLEMS[0]: 2, PROBLEMS[1]: 0}
        assert votes.participants(con, other) == 0
        assert con.execute("SELECT who, role FROM changes WHERE action = 'vote.ballot'").fetchall() == [
            ("participant", "participant")]
    finally:
        con.close()


def test_an_observer_reads_the_dashboards_and_cannot_save(tmp_path, browser):
    server = Server(tmp_path / "committee")
    _prepare(server)
    con = store.connect(server.db)
    before = con.execute("SELECT max(change_id) FROM changes").fetchone()[0]
    con.close()
    new, check = app_factory(browser)
    with server:
        observer = new(server.url)
        observer.open("/?lang=en", "clusterlab")
        observer.key("signin_name").locator("input").fill("Comité")
        observer.key("signin_code").locator("input").fill("code du comité")
        with observer.rerun():
            observer.page.get_by_role("button", name="Sign in").click()
        observer.wait_title("Cluster project: demo")
        expect(observer.info().filter(has_text="You read as an observer")).to_be_visible()
        expect(observer.nav_link("Import data")).to_have_count(0)
        observer.page.goto(server.url + "/problems?lang=en")  # a new session: signed in again? no: refused
        observer.wait_idle()
        expect(observer.page.locator(S.TITLE).first).to_have_text("clusterlab")
        observer.key("signin_name").locator("input").fill("Comité")
        observer.key("signin_code").locator("input").fill("code du comité")
        with observer.rerun():
            observer.page.get_by_role("button", name="Sign in").click()
        observer.wait_title("Problems to treat in common")
        observer.open_tab("Votes from the room")
        observer.page.locator(S.EXPANDER_LABEL).filter(has_text="Open a new vote").click()  # folded: a vote is open
        expect(observer.page.get_by_role("button", name="Open the vote", exact=True)).to_be_disabled()
        expect(observer.page.get_by_role("button", name="Close the vote")).to_be_disabled()
    check()
    con = store.connect(server.db)
    try:
        assert con.execute("SELECT max(change_id) FROM changes").fetchone()[0] == before, "the observer saved nothing"
    finally:
        con.close()
