"""Dot votes: one ballot per participant, a closed vote refuses, 30 voters at once lose nothing."""
from concurrent.futures import ThreadPoolExecutor

import pytest

from clusterlab import store, votes
from clusterlab.errors import Conflict

PROBLEMS = ["Prix du lait instable", "Manque de chaîne du froid", "Accès difficile au crédit"]


@pytest.fixture
def vote_id(con):
    return votes.open_vote(con, store.project_id(con, "p"), "AP 2", PROBLEMS, dots=3)


def test_dots_are_counted_per_problem(con, vote_id):
    votes.cast(con, vote_id, "alice", {PROBLEMS[0]: 2, PROBLEMS[1]: 1})
    votes.cast(con, vote_id, "bob", {PROBLEMS[0]: 3})
    result = votes.results(con, vote_id)
    assert result.values.tolist() == [[PROBLEMS[0], 5, 2], [PROBLEMS[1], 1, 1], [PROBLEMS[2], 0, 0]]


def test_one_ballot_per_participant(con, vote_id):
    votes.cast(con, vote_id, "alice", {PROBLEMS[0]: 1})
    with pytest.raises(Conflict) as err:
        votes.cast(con, vote_id, "alice", {PROBLEMS[1]: 3})
    assert err.value.key == "vote.already"
    assert votes.results(con, vote_id)["dots"].sum() == 1


def test_a_closed_vote_refuses_and_a_reopened_one_accepts(con, vote_id):
    votes.set_open(con, vote_id, False)
    with pytest.raises(Conflict) as err:
        votes.cast(con, vote_id, "alice", {PROBLEMS[0]: 1})
    assert err.value.key == "vote.closed"
    votes.set_open(con, vote_id, True)
    votes.cast(con, vote_id, "alice", {PROBLEMS[0]: 1})
    assert votes.participants(con, vote_id) == 1


@pytest.mark.parametrize("dots", [{PROBLEMS[0]: 4}, {PROBLEMS[0]: 2, PROBLEMS[1]: 2}, {"Autre": 1}])
def test_a_ballot_beyond_the_rules_is_refused_whole(con, vote_id, dots):
    with pytest.raises(Conflict):
        votes.cast(con, vote_id, "alice", dots)
    assert votes.participants(con, vote_id) == 0


def test_thirty_voters_at_once_lose_no_vote(con, vote_id):
    def ballot(i: int) -> str:
        try:
            votes.cast(con, vote_id, f"p{i:02d}", {PROBLEMS[i % 3]: 2, PROBLEMS[(i + 1) % 3]: 1})
            return "ok"
        except Conflict as exc:
            return exc.key

    with ThreadPoolExecutor(30) as pool:
        outcomes = list(pool.map(ballot, range(30)))
    with ThreadPoolExecutor(10) as pool:  # and every one of them trying again at once
        again = list(pool.map(ballot, range(10)))
    assert outcomes == ["ok"] * 30 and again == ["vote.already"] * 10
    assert votes.participants(con, vote_id) == 30
    assert votes.results(con, vote_id).set_index("problem")["dots"].to_dict() == {p: 30 for p in PROBLEMS}


def test_the_link_carries_the_network_address_when_the_app_listens_on_every_interface(monkeypatch):
    from clusterlab import address

    for listen in ("0.0.0.0", "", None, "::"):
        assert address.room_host(listen, "192.168.1.20") == "192.168.1.20"
        assert not address.local_only(listen)
        assert votes.link("http://localhost:8501/problems", 4, address.room_host(listen, "192.168.1.20")) == \
            "http://192.168.1.20:8501/vote?vote=4"
    assert address.room_host("192.168.1.7", "10.0.0.2") == "192.168.1.7"  # listening on one network address


def test_an_app_listening_on_this_machine_only_is_said_and_its_link_not_disguised():
    from clusterlab import address

    for listen in ("127.0.0.1", "localhost", "::1"):
        assert address.local_only(listen) and address.room_host(listen, "192.168.1.20") is None
    assert votes.link("http://127.0.0.1:8501/problems", 4, None) == "http://127.0.0.1:8501/vote?vote=4"


def test_the_network_address_is_found_without_sending_anything(monkeypatch):
    from clusterlab import address

    class Probe:
        def __init__(self, *args):
            self.sent = []

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def connect(self, target):
            self.target = target

        def getsockname(self):
            return ("192.168.1.20", 40000)

        def send(self, data):  # pragma: no cover - must never be called
            raise AssertionError("the probe sent a packet")

    monkeypatch.setattr(address.socket, "socket", Probe)
    assert address.lan_address() == "192.168.1.20"

    class NoRoute(Probe):
        def connect(self, target):
            raise OSError("network unreachable")

    monkeypatch.setattr(address.socket, "socket", NoRoute)
    monkeypatch.setattr(address.socket, "gethostbyname", lambda name: "10.1.2.3")
    assert address.lan_address() == "10.1.2.3"  # the host name's address
    monkeypatch.setattr(address.socket, "gethostbyname", lambda name: "127.0.1.1")
    assert address.lan_address() is None  # a loopback address is no address of the room's


def test_a_second_ballot_of_the_same_browser_is_refused(demo_con):
    pid = store.project_id(demo_con, "demo")
    vote_id = votes.open_vote(demo_con, pid, "AP", ["Prix du lait instable"], 3)
    assert not votes.has_voted(demo_con, vote_id, "browser-token-1")
    votes.cast(demo_con, vote_id, "browser-token-1", {"Prix du lait instable": 2})
    assert votes.has_voted(demo_con, vote_id, "browser-token-1")
    with pytest.raises(Conflict):
        votes.cast(demo_con, vote_id, "browser-token-1", {"Prix du lait instable": 1})
    assert votes.participants(demo_con, vote_id) == 1
