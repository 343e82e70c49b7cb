"""Common problems: each indicator and ranking method on a small example computed by hand."""
import math

import numpy as np
import pandas as pd
import pytest

from clusterlab import analysis, demo, problems, settings, store

DEFAULT_WEIGHTS = settings.problem_weights(settings.DEFAULTS)


def said(rows):
    return pd.DataFrame(rows, columns=["actor_id", "problem", "severity"])


def test_borda_on_an_example_computed_by_hand():
    # X orders P (5) > Q (3) > R (1): 3, 2, 1 points. Y ties P and Q (4, 4): 1.5 each. Z cites only R: 1 point.
    points = problems.borda(said([("X", "P", 5), ("X", "Q", 3), ("X", "R", 1), ("Y", "Q", 4), ("Y", "P", 4),
                                  ("Z", "R", 5)]))
    assert points.to_dict() == {"P": 4.5, "Q": 3.5, "R": 2.0}
    assert list(points.index) == ["P", "Q", "R"]


def test_borda_puts_problems_without_severity_after_the_others():
    points = problems.borda(said([("X", "P", None), ("X", "Q", 2)]))
    assert points.to_dict() == {"Q": 2.0, "P": 1.0}


def test_indicators_and_common_problems():
    actors = pd.DataFrame({"actor_id": ["a", "b", "c", "d"], "stage_key": ["production", "production", "processing",
                                                                          None],
                           "category": ["producer", "producer", "processor", "bank"]})
    ind = problems.indicators(said([("a", "Prix", 5), ("a", "Prix", 3), ("b", "Prix", 4), ("c", "Prix", None),
                                    ("c", "Froid", 2)]), actors, leaders={"c"}).set_index("problem")
    assert ind.loc["Prix"].to_dict() == {"actors": 3, "share": 0.75, "mentions": 4, "mean_severity": 4.0,
                                         "max_severity": 5.0, "stages": 2, "categories": 2, "leaders": 1}
    assert ind.loc["Froid", ["actors", "stages", "leaders"]].tolist() == [1, 1, 1]
    flags = problems.common(ind.reset_index(), k=3, m=2)
    assert flags.tolist() == [True, False]
    assert problems.common(ind.reset_index(), k=1, m=1).tolist() == [True, True]


def test_weighted_score_by_hand():
    ind = pd.DataFrame({"problem": ["A", "B"], "actors": [4, 2], "mean_severity": [4.0, 5.0], "stages": [2, 1],
                        "leaders": [1, 0]})
    # A: .35·1 + .25·(4/5) + .20·1 + .20·1 = 0.95; B: .35·.5 + .25·1 + .20·.5 + .20·0 = 0.525
    assert problems.weighted_score(ind, DEFAULT_WEIGHTS).tolist() == [0.95, 0.525]
    only_severity = {"actors": 0, "severity": 1, "breadth": 0, "leaders": 0}
    assert problems.weighted_score(ind, only_severity).tolist() == [0.8, 1.0]


def test_pairwise_comparison_ranked_by_wins():
    wins = problems.pairwise_wins({("A", "B"): "A", ("A", "C"): "C", ("B", "C"): "C", ("A", "D"): "draw",
                                   ("B", "D"): "D", ("C", "D"): "C"}, ["A", "B", "C", "D"])
    assert wins.to_dict() == {"C": 3.0, "A": 1.5, "D": 1.5, "B": 0.0}


def test_agreement_between_rankings():
    a = pd.Series({"P": 3, "Q": 2, "R": 1})
    assert problems.agreement(a, pd.Series({"P": 30, "Q": 20, "R": 10})) == 1.0
    assert problems.agreement(a, pd.Series({"P": 1, "Q": 2, "R": 3})) == -1.0
    assert math.isnan(problems.agreement(a, pd.Series({"P": 1})))


def test_stability_when_the_weights_move():
    ind = pd.DataFrame({"problem": ["A", "B", "C"], "actors": [10, 9, 2], "mean_severity": [2.0, 4.0, 5.0],
                        "stages": [3, 3, 1], "leaders": [2, 2, 0]})
    table = problems.stability(ind, DEFAULT_WEIGHTS).set_index("problem")
    assert table.loc["C", ["rank", "best_rank", "worst_rank"]].tolist() == [3, 3, 3]
    assert set(table.loc[["A", "B"], "rank"]) == {1, 2}


@pytest.mark.parametrize("k, m, n", [(3, 2, 7), (10, 3, 1)])
def test_demo_common_problems(con, k, m, n):
    from clusterlab import actors, themes

    demo.load(con)
    pid = store.project_id(con, "demo")
    coded = problems.items(con, pid)
    price = themes.proposals(coded.rename(columns={"problem": "theme"}))
    assert len(price)  # reworded problems are proposed for grouping, as in the SWOT
    ind = problems.indicators(coded, actors.inventory(con, pid))
    assert problems.common(ind, k, m).sum() == n
    assert ind.iloc[0]["problem"] == "Prix du lait instable"


def test_room_decisions_are_stored_and_rank_the_problems(db_path):
    con = store.connect(db_path)
    demo.load(con)
    pid = store.project_id(con, "demo")
    problems.compare(con, pid, "Manque de chaîne du froid", "Prix du lait instable", "Manque de chaîne du froid")
    problems.compare(con, pid, "Prix du lait instable", "Manque de chaîne du froid", "draw")  # the same pair again
    problems.retain(con, pid, "Prix du lait instable", "cited across the chain")
    con.close()
    con = store.connect(db_path)
    assert problems.comparisons(con, pid) == {("Manque de chaîne du froid", "Prix du lait instable"): "draw"}
    table = analysis.of(con, pid).problem_ranking.set_index("problem")
    assert table.at["Prix du lait instable", "rank_score"] == 1 and table.at["Prix du lait instable", "shortlisted"]
    assert table.at["Prix du lait instable", "pairwise_wins"] == 0.5
    assert table["common"].sum() == 7
    assert problems.shortlist(con, pid)["reason"].tolist() == ["cited across the chain"]
    from clusterlab import exporter

    book = exporter.workbook_frames(con, pid, "fr")
    assert book["Liste retenue"]["problem"].tolist() == ["Prix du lait instable"]
    ranking = exporter.tables(analysis.of(con, pid))["problem_ranking"]
    assert {"actors", "mentions", "mean_severity", "max_severity", "stages", "score", "rank_score", "rank_borda",
            "rank_votes", "rank_pairwise", "shortlisted"} <= set(ranking.columns)
    problems.drop(con, pid, "Prix du lait instable")
    assert problems.shortlist(con, pid).empty
    con.close()


def test_across_m_stages_counts_value_chain_stages_only_unless_support_is_asked():
    actors = pd.DataFrame({"actor_id": ["p", "q", "bank", "ngo", "who"],
                           "stage_key": ["production", "production", "support", "support", None],
                           "category": ["producer", "producer", "finance", "ngo", None]})
    cited = said([("p", "Crédit", 4), ("q", "Crédit", 3), ("bank", "Crédit", 2), ("ngo", "Crédit", 5),
                  ("who", "Crédit", 1)])
    chain = problems.indicators(cited, actors).set_index("problem")
    assert chain.at["Crédit", "actors"] == 5 and chain.at["Crédit", "stages"] == 1  # production only
    assert not problems.common(chain.reset_index(), k=3, m=2).any()
    with_support = problems.indicators(cited, actors, count_support=True).set_index("problem")
    assert with_support.at["Crédit", "stages"] == 2  # production and support; the unknown stage never counts
    assert problems.common(with_support.reset_index(), k=3, m=2).all()


def test_count_support_is_a_stored_setting_the_ranking_follows(con):
    demo.load(con)
    pid = store.project_id(con, "demo")
    before = analysis.of(con, pid).problem_ranking.set_index("problem")
    assert before.at["Accès difficile au crédit", "stages"] == 2  # production and inputs: banks do not count
    settings.save(con, pid, {"problems.count_support": True})
    after = analysis.of(con, pid).problem_ranking.set_index("problem")
    assert after.at["Accès difficile au crédit", "stages"] == 3


def test_agreement_is_scipys_tau_b_with_ties():
    """Our own tau-b (scipy.stats takes half a second to import on a page's first run) gives scipy's figure."""
    from scipy.stats import kendalltau

    rng = np.random.default_rng(7)
    for n in (2, 3, 5, 12, 40):
        for _ in range(20):
            index = [f"P{i}" for i in range(n)]
            a = pd.Series(rng.integers(0, 4, n), index=index)  # few values: many ties
            b = pd.Series(rng.integers(0, 6, n), index=index)
            expected, _ = kendalltau(a.values, b.values)
            got = problems.agreement(a, b)
            assert (math.isnan(got) and math.isnan(expected)) or got == round(float(expected), 3)


def test_agreement_is_over_the_common_problems_with_n_and_ties():
    # Two common problems ranked alike (tau = 1 over them), and a long tail of twenty problems cited once,
    # on which both rankings tie: over everything, tau-b would be dragged by the tail, not the rankings.
    common = pd.DataFrame({"problem": ["P", "Q", "R"], "score": [0.9, 0.5, 0.7], "borda": [9.0, 6.0, 3.0],
                           "votes": 0.0, "pairwise_wins": 0.0, "common": True, "shortlisted": False})
    tail = pd.DataFrame({"problem": [f"T{i}" for i in range(20)], "score": 0.1, "borda": 1.0, "votes": 0.0,
                         "pairwise_wins": 0.0, "common": False, "shortlisted": False})
    got = problems.agreements(pd.concat([common, tail], ignore_index=True)).set_index(["a", "b"])
    # over P, Q, R: score orders P > R > Q, Borda P > Q > R: concordant (P,Q), (P,R), discordant (Q,R): tau = 1/3
    assert got.loc[("score", "borda")].to_dict() == {"over": "common", "n": 3, "ties": 0, "kendall_tau": 0.333}
    everything = pd.concat([common, tail], ignore_index=True).set_index("problem")
    assert problems.agreement(everything["score"], everything["borda"]) > 0.8, "the tail inflates it"
    votes = got.loc[("score", "votes")]
    assert votes["n"] == 3 and votes["ties"] == 3 and math.isnan(votes["kendall_tau"])


def test_agreement_is_over_the_short_list_when_there_is_one():
    ranked = pd.DataFrame({"problem": ["P", "Q", "R"], "score": [0.9, 0.5, 0.7], "borda": [9.0, 6.0, 3.0],
                           "votes": [3.0, 1.0, 1.0], "pairwise_wins": 0.0, "common": [True, True, False],
                           "shortlisted": [True, False, True]})
    got = problems.agreements(ranked).set_index(["a", "b"])
    assert got.loc[("score", "borda")].to_dict() == {"over": "shortlist", "n": 2, "ties": 0, "kendall_tau": 1.0}


def test_demo_agreement_over_its_common_problems(con):
    demo.load(con)
    got = analysis.of(con, store.project_id(con, "demo")).ranking_agreement.set_index(["a", "b"])
    assert got.loc[("score", "borda")].to_dict() == {"over": "common", "n": 7, "ties": 0, "kendall_tau": 0.81}
