"""Common problems: indicators per problem and the ways to rank them side by side.

A problem is common when at least k actors across at least m stages of the value chain cite it
(support institutions count as a stage only when the analyst says so).

A problem is a theme of the `problems` field (see themes.py: the same coding as the SWOT).
Every function here works on plain DataFrames, so that each ranking can be checked by hand."""
from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd

from clusterlab import settings, store, themes
from clusterlab.contract import STAGES


def items(con: duckdb.DuckDBPyConnection, pid: int) -> pd.DataFrame:
    """Every problem said (interviews and Problems sheets), with its theme as `problem`."""
    return themes.items(con, pid, ("problems",)).rename(columns={"theme": "problem"})


CHAIN_STAGES = tuple(s for s in STAGES if s != "support")  # the value chain's own stages


def indicators(said: pd.DataFrame, actors: pd.DataFrame, leaders: set[str] | None = None,
               count_support: bool = False) -> pd.DataFrame:
    """Per problem: actors citing it (number and share of all actors), mentions, mean and maximum
    severity, breadth (stages and categories touched) and leaders citing it.

    `stages` counts the value chain's stages (the inventory's canonical `stage_key`) of the actors
    citing it: not support institutions (unless `count_support`), not actors of unknown stage."""
    who = actors.set_index("actor_id")
    counted = (*CHAIN_STAGES, "support") if count_support else CHAIN_STAGES
    stage = said["actor_id"].map(who["stage_key"] if "stage_key" in who else who["stage"])
    df = said.assign(stage=stage.where(stage.isin(counted)),
                     category=said["actor_id"].map(who["category"]),
                     leader=said["actor_id"].isin(leaders or set()))
    grouped = df.groupby("problem")
    out = pd.DataFrame({
        "actors": grouped["actor_id"].nunique(),
        "mentions": grouped.size(),
        "mean_severity": grouped["severity"].mean().round(2),
        "max_severity": grouped["severity"].max(),
        "stages": grouped["stage"].nunique(),
        "categories": grouped["category"].nunique(),
        "leaders": df[df["leader"]].groupby("problem")["actor_id"].nunique(),
    }).fillna({"leaders": 0})
    out["leaders"] = out["leaders"].astype(int)
    out["share"] = (out["actors"] / max(len(actors), 1)).round(3)
    out = out.reset_index().sort_values(["actors", "mentions", "problem"], ascending=[False, False, True],
                                        ignore_index=True)
    return out[["problem", "actors", "share", "mentions", "mean_severity", "max_severity", "stages", "categories",
                "leaders"]]


def common(ind: pd.DataFrame, k: int, m: int) -> pd.Series:
    """True for the problems cited by at least `k` actors across at least `m` stages."""
    return (ind["actors"] >= k) & (ind["stages"] >= m)


def weighted_score(ind: pd.DataFrame, weights: dict[str, float]) -> pd.Series:
    """Each indicator divided by its largest value, then their weighted mean (0–1): actors citing,
    mean severity, breadth (stages) and leaders citing."""
    parts = {"actors": ind["actors"], "severity": ind["mean_severity"].fillna(0), "breadth": ind["stages"],
             "leaders": ind["leaders"]}
    total = sum(weights.values()) or 1.0
    score = sum(w * (parts[name] / parts[name].max() if parts[name].max() else 0 * parts[name])
                for name, w in weights.items())
    return (score / total).round(4)


def ranks(scores: pd.Series, names: pd.Series) -> pd.Series:
    """1 for the best score; ties share the best rank ("min" ranking)."""
    return pd.Series(scores.rank(ascending=False, method="min").astype(int).values, index=names.values)


def borda(said: pd.DataFrame) -> pd.Series:
    """Borda count over each actor's ordering of the problems it cited, by severity (the modified
    count for partial lists: among the n problems an actor cited, the r-th gets n − r + 1 points, the
    ones it did not cite none; ties share the mean of their points, and problems without a severity
    come after those with one). Returns points per problem, most first."""
    best = said.groupby(["actor_id", "problem"])["severity"].max().rename("severity").reset_index()
    cited = best.groupby("actor_id")["problem"].transform("size")  # n, per actor
    order = best["severity"].fillna(0).groupby(best["actor_id"]).rank(ascending=False, method="average")  # 1 = worst
    points = (cited - order + 1).groupby(best["problem"]).sum()
    return points.astype(float).sort_values(ascending=False, kind="stable").rename_axis(None)


def pairwise_wins(choices: dict[tuple[str, str], str], problems: list[str]) -> pd.Series:
    """Wins of each problem in the room's pairwise comparisons ({(a, b): winner}); a draw is half a win."""
    wins = dict.fromkeys(problems, 0.0)
    for (a, b), winner in choices.items():
        if a not in wins or b not in wins:
            continue  # a problem no longer there (references.lost lists it)
        if winner in (a, b):
            wins[winner] += 1
        else:  # a draw
            wins[a] += 0.5
            wins[b] += 0.5
    return pd.Series(wins, dtype=float).sort_values(ascending=False)


def agreement(a: pd.Series, b: pd.Series) -> float:
    """Kendall's tau-b (which allows for ties) between two rankings (scores by problem) over the
    problems both rank; NaN under two problems, or when one ranking ties them all.

    Computed over every pair (the rankings compared are short lists): (C − D) / √((P − Tx)(P − Ty)),
    with P the pairs, Tx and Ty the pairs tied in each ranking; the same figure as scipy's kendalltau."""
    both = a.index.intersection(b.index)
    if len(both) < 2:
        return float("nan")
    x, y = a[both].to_numpy(dtype=float), b[both].to_numpy(dtype=float)
    upper = np.triu_indices(len(both), k=1)
    dx = np.sign(x[:, None] - x[None, :])[upper]
    dy = np.sign(y[:, None] - y[None, :])[upper]
    pairs = len(dx)
    denominator = np.sqrt(float(pairs - np.count_nonzero(dx == 0)) * float(pairs - np.count_nonzero(dy == 0)))
    if denominator == 0:
        return float("nan")
    return round(float(np.sum(dx * dy) / denominator), 3)


def tied_pairs(a: pd.Series, b: pd.Series) -> int:
    """Pairs of problems tied in at least one of the two rankings: they count neither for nor against."""
    both = a.index.intersection(b.index)
    x, y = a[both].to_numpy(), b[both].to_numpy()
    return sum(1 for i in range(len(both)) for j in range(i + 1, len(both)) if x[i] == x[j] or y[i] == y[j])


METHODS = {"score": "score", "borda": "borda", "votes": "votes", "pairwise": "pairwise_wins"}
COMPARED = (("score", "borda"), ("score", "votes"), ("score", "pairwise"), ("borda", "votes"))


def agreements(ranked: pd.DataFrame) -> pd.DataFrame:
    """Kendall's tau between the rankings by each pair of methods (see `agreement`), over the short list
    when there is one, else over the common problems: the long tail of problems cited once, tied at the
    bottom of every ranking, would make any two rankings look alike. `over` says which, `n` how many
    problems, `ties` how many of their pairs are tied in either ranking."""
    over = "shortlist" if ranked["shortlisted"].any() else "common"
    by_problem = ranked[ranked["shortlisted" if over == "shortlist" else "common"]].set_index("problem")
    rows = [{"a": a, "b": b, "over": over, "n": len(by_problem),
             "ties": tied_pairs(by_problem[METHODS[a]], by_problem[METHODS[b]]),
             "kendall_tau": agreement(by_problem[METHODS[a]], by_problem[METHODS[b]])} for a, b in COMPARED]
    return pd.DataFrame(rows, columns=["a", "b", "over", "n", "ties", "kendall_tau"])


def stability(ind: pd.DataFrame, weights: dict[str, float], change: float = 0.2) -> pd.DataFrame:
    """How the weighted ranking moves when each weight goes up or down by `change` (one at a time):
    per problem, its base rank and its best and worst rank over those variants."""
    names = ind["problem"]
    base = ranks(weighted_score(ind, weights), names)
    seen = [base]
    for name in weights:
        for factor in (1 - change, 1 + change):
            moved = {**weights, name: weights[name] * factor}
            seen.append(ranks(weighted_score(ind, moved), names))
    table = pd.concat(seen, axis=1)
    return pd.DataFrame({"problem": names.values, "rank": base.values, "best_rank": table.min(axis=1).values,
                         "worst_rank": table.max(axis=1).values})


# -- what the room decides, stored at once ---------------------------------------------------------

def compare(con: duckdb.DuckDBPyConnection, pid: int, a: str, b: str, winner: str, who: str | None = None) -> None:
    """Record which of two problems matters more (`winner` is a, b or "draw"); a pair is stored once,
    whatever its order, and a new answer replaces the old one."""
    first, second = sorted((a, b))
    with store.transaction(con, pid, "problems.compare", {"a": first, "b": second, "winner": winner}, who) as cur:
        cur.execute("INSERT OR REPLACE INTO pairwise (project_id, problem_a, problem_b, winner, decided_at) "
                    "VALUES (?, ?, ?, ?, current_timestamp)", [pid, first, second, winner])


def comparisons(con: duckdb.DuckDBPyConnection, pid: int) -> dict[tuple[str, str], str]:
    rows = con.cursor().execute("SELECT problem_a, problem_b, winner FROM pairwise WHERE project_id = ?",
                                [pid]).fetchall()
    return {(a, b): w for a, b, w in rows}


def retain(con: duckdb.DuckDBPyConnection, pid: int, problem: str, reason: str, who: str | None = None) -> None:
    """Put a problem on the short list of those to be treated in common, with a reason."""
    with store.transaction(con, pid, "shortlist.retain", {"problem": problem}, who) as cur:
        cur.execute("INSERT OR REPLACE INTO shortlist (project_id, problem, reason, decided_at) "
                    "VALUES (?, ?, ?, current_timestamp)", [pid, problem, reason.strip() or None])


def drop(con: duckdb.DuckDBPyConnection, pid: int, problem: str, who: str | None = None) -> None:
    with store.transaction(con, pid, "shortlist.drop", {"problem": problem}, who) as cur:
        cur.execute("DELETE FROM shortlist WHERE project_id = ? AND problem = ?", [pid, problem])


def shortlist(con: duckdb.DuckDBPyConnection, pid: int) -> pd.DataFrame:
    return con.cursor().execute("SELECT problem, reason, decided_at FROM shortlist WHERE project_id = ? "
                                "ORDER BY decided_at, problem", [pid]).df()


def ranking(said: pd.DataFrame, inventory: pd.DataFrame, leaders: set[str], pairs: dict[tuple[str, str], str],
            vote_totals: pd.Series, shortlisted: set[str], values: dict) -> pd.DataFrame:
    """Every problem with its indicators, whether it is common, its weighted score and its rank by
    each method (weighted score, Borda, dot votes, pairwise wins), and whether it is on the short
    list, under the project's settings (`values`, see settings.py). Exported as `problem_ranking.csv`."""
    ind = indicators(said, inventory, leaders, values["problems.count_support"])
    ind["common"] = common(ind, values["problems.k"], values["problems.m"])
    ind["score"] = weighted_score(ind, settings.problem_weights(values)).values
    ind["rank_score"] = ranks(ind["score"], ind["problem"]).values
    ind["borda"] = ind["problem"].map(borda(said)).fillna(0.0)
    ind["rank_borda"] = ranks(ind["borda"], ind["problem"]).values
    wins = pairwise_wins(pairs, ind["problem"].tolist())
    ind["pairwise_wins"] = ind["problem"].map(wins).fillna(0.0)
    ind["rank_pairwise"] = ranks(ind["pairwise_wins"], ind["problem"]).values
    ind["votes"] = ind["problem"].map(vote_totals).fillna(0.0)
    ind["rank_votes"] = ranks(ind["votes"], ind["problem"]).values
    ind["shortlisted"] = ind["problem"].isin(shortlisted)
    return ind.sort_values(["rank_score", "problem"], ignore_index=True)
