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
