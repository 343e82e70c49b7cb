"""Votes from the room through AppTest: the facilitator opens a vote, participants vote once."""
import pytest

from clusterlab import analysis, store, votes
from tests.apptest import app, page, show_tab

pytestmark = pytest.mark.apptest


def test_the_facilitator_opens_a_vote_and_sees_its_qr_code(raw_demo_db):  # the demo's data, before this step was done
    at = show_tab(page(app({"lang": "en"}).run(), "app_pages/problems.py"), "problems_tab", "problems.tab_votes")
    at.text_input(key="vote_title").set_value("AP 2 — priorities")
    at.multiselect(key="vote_problems").set_value(["Prix du lait instable", "Manque de chaîne du froid"])
    next(b for b in at.button if b.label == "Open the vote").click()
    at.run()
    assert not at.exception
    assert at.get("image"), "the QR code is drawn"
    assert "Participants so far: 0" in [c.value for c in at.caption]
    con = store.connect(raw_demo_db)
    listed = votes.votes(con, store.project_id(con, "demo"))
    con.close()
    assert listed[["title", "dots", "is_open"]].values.tolist() == [["AP 2 — priorities", 3, True]]


def ballot(vote_id: int):
    return page(app({"lang": "en", "vote": str(vote_id)}).run(), "app_pages/vote.py")


def test_participants_vote_once_and_a_closed_vote_refuses(demo_db):
    con = store.connect(demo_db)
    pid = store.project_id(con, "demo")
    vote_id = votes.open_vote(con, pid, "AP 2", ["Prix du lait instable", "Manque de chaîne du froid"], 3)
    con.close()
    at = ballot(vote_id)
    at.query_params["vote"] = str(vote_id)
    at.run()
    at.number_input(key="dot_0").set_value(2)
    at.number_input(key="dot_1").set_value(1)
    next(b for b in at.button if b.label == "Send my vote").click()
    at.run()
    assert [s.value for s in at.success] == ["You have already voted in this vote: thank you."]
    con = store.connect(demo_db)
    assert votes.results(con, vote_id)["dots"].tolist() == [2, 1]
    votes.set_open(con, vote_id, False)
    con.close()
    late = ballot(vote_id)
    late.query_params["vote"] = str(vote_id)
    late.run()
    assert [w.value for w in late.warning] == ["This vote is closed."]


def test_the_ranking_counts_the_votes(raw_demo_db):  # the demo's data, before this step was done
    con = store.connect(raw_demo_db)
    pid = store.project_id(con, "demo")
    vote_id = votes.open_vote(con, pid, "AP", ["Manque de chaîne du froid", "Prix du lait instable"], 3)
    votes.cast(con, vote_id, "a", {"Manque de chaîne du froid": 3})

    table = analysis.of(con, pid).problem_ranking.set_index("problem")
    con.close()
    assert table.at["Manque de chaîne du froid", "votes"] == 3
    assert table.at["Manque de chaîne du froid", "rank_votes"] == 1


def test_the_link_names_the_laptop_on_the_room_network():
    assert votes.link("http://127.0.0.1:8501/problems?lang=fr", 4, "192.168.1.20") == \
        "http://192.168.1.20:8501/vote?vote=4"
    assert votes.link("http://atelier.local:8501/problems", 4, "192.168.1.20") == "http://atelier.local:8501/vote?vote=4"
