"""Leader actors: a score the analyst can weigh, its completeness, and manual choices that win over it.

The score is the weighted mean of the components an actor has; its completeness is the share of
the weights whose component is known. Below the project's minimum completeness the score declares
no leader ("not enough data"): an actor known from one keen interview alone is not a leader by score."""
from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd

from clusterlab import settings, store
from clusterlab.settings import LEADER_COMPONENTS as COMPONENTS


def _scale(values: pd.Series) -> pd.Series:
    """1–5 scales to 0–1."""
    return (values.astype("float") - 1) / 4


def components(actors: pd.DataFrame, metrics: pd.DataFrame, centrality: str,
               relations: bool | None = None) -> pd.DataFrame:
    """Each component of the score on 0–1 (NaN where the data is missing):
    scales map 1→0 and 5→1, the centrality is divided by its maximum, the size by the largest on a log scale.
    The centrality is known only when the project has relations at all (`relations`; when not given, when
    some actor has a centrality above zero): an actor without any is then at zero. Without any relation in
    the project, nobody's centrality is known."""
    df = actors[["actor_id", "name", "influence", "interest", "size", "willingness", "capacity_to_participate"]]
    df = df.merge(metrics[["actor_id", centrality]], on="actor_id", how="left")
    out = pd.DataFrame({"actor_id": df["actor_id"], "name": df["name"]})
    for col in ("influence", "interest", "willingness", "capacity_to_participate"):
        out[col] = _scale(df[col])
    measured = df[centrality].astype("float")
    if relations is None:
        relations = bool((measured > 0).any())
    top = measured.max()
    if not relations:
        out["centrality"] = np.nan
    else:
        out["centrality"] = measured / top if top and top > 0 else measured * 0  # NaN stays: not measured
    size = np.log1p(df["size"].astype("float"))
    out["size"] = size / size.max() if size.max() and size.max() > 0 else size * 0
    return out


def score(parts: pd.DataFrame, weights: dict[str, float]) -> pd.Series:
    """The weighted mean of the components an actor has (weights of missing components left out)."""
    values = parts[list(COMPONENTS)].astype("float")
    w = pd.Series({c: float(weights.get(c, 0)) for c in COMPONENTS})
    present = values.notna()
    total = (values.fillna(0) * w).sum(axis=1)
    weight = (present * w).sum(axis=1)
    return (total / weight.replace(0, np.nan)).fillna(0.0).round(4)


def completeness(parts: pd.DataFrame, weights: dict[str, float]) -> pd.Series:
    """The share of the weights whose component is known for each actor (1 when everything is known)."""
    w = pd.Series({c: float(weights.get(c, 0)) for c in COMPONENTS})
    total = w.sum()
    if not total:
        return pd.Series(0.0, index=parts.index)
    return ((parts[list(COMPONENTS)].notna() * w).sum(axis=1) / total).round(4)


# -- the analyst's choices by hand, stored at once ------------------------------------------------

def overrides(con: duckdb.DuckDBPyConnection, pid: int) -> pd.DataFrame:
    return con.cursor().execute("""SELECT actor_id, is_leader, reason, decided_at FROM leader_overrides
                                   WHERE project_id = ? ORDER BY actor_id""", [pid]).df()


def set_override(con: duckdb.DuckDBPyConnection, pid: int, actor_id: str, is_leader: bool, reason: str,
                 who: str | None = None) -> None:
    """Mark (or unmark) an actor as a leader by hand; this wins over the score."""
    with store.transaction(con, pid, "leader.choose", {"actor_id": actor_id, "is_leader": is_leader}, who) as cur:
        cur.execute("""INSERT OR REPLACE INTO leader_overrides (project_id, actor_id, is_leader, reason, decided_at)
                       VALUES (?, ?, ?, ?, current_timestamp)""", [pid, actor_id, is_leader, reason or None])


def clear_override(con: duckdb.DuckDBPyConnection, pid: int, actor_id: str, who: str | None = None) -> None:
    with store.transaction(con, pid, "leader.clear", {"actor_id": actor_id}, who) as cur:
        cur.execute("DELETE FROM leader_overrides WHERE project_id = ? AND actor_id = ?", [pid, actor_id])


def ranking(parts: pd.DataFrame, chosen: pd.DataFrame, weights: dict[str, float], threshold: float,
            min_completeness: float = 0.0) -> pd.DataFrame:
    """Actors ranked by score, with every component, the completeness, the manual choice and the final
    verdict: a leader by score reaches `threshold` on at least `min_completeness` of the weights known;
    a choice by hand wins either way."""
    out = parts.copy()
    out["score"] = score(parts, weights)
    out["completeness"] = completeness(parts, weights)
    out["enough_data"] = out["completeness"] >= min_completeness - 1e-9
    out = out.merge(chosen[["actor_id", "is_leader", "reason"]].rename(columns={"is_leader": "override"}),
                    on="actor_id", how="left")
    by_score = (out["score"] >= threshold) & out["enough_data"]
    out["leader"] = out["override"].where(out["override"].notna(), by_score).astype(bool)
    out = out.sort_values(["leader", "score", "name"], ascending=[False, False, True], ignore_index=True)
    out.insert(0, "rank", range(1, len(out) + 1))
    return out


def actor_metrics(inventory: pd.DataFrame, metrics: pd.DataFrame, chosen: pd.DataFrame, values: dict,
                  conflicts: pd.Series | None = None, relations: bool | None = None) -> pd.DataFrame:
    """One row per actor: network metrics, its conflicts (negative ties, by actor id), every score
    component, the score and its completeness, the manual choice (`chosen`: the overrides) and whether
    the actor is a leader, under the project's settings (`values`, see settings.py). `relations`: whether
    the project has relations at all (see `components`). The derived view exported as `actor_metrics.csv`."""
    parts = components(inventory, metrics, values["leaders.centrality"], relations)
    ranked = ranking(parts, chosen, settings.leader_weights(values), values["leaders.threshold"],
                     values["leaders.min_completeness"])
    out = metrics.merge(ranked, on="actor_id", how="right")
    counted = conflicts if conflicts is not None else pd.Series(dtype=int)
    out["conflicts"] = out["actor_id"].map(counted).fillna(0).astype(int)
    return out[["rank", "actor_id", "name", "leader", "score", "completeness", "enough_data", "override", "reason",
                *COMPONENTS, "degree_in", "degree_out", "degree", "conflicts", "betweenness", "closeness",
                "eigenvector"]]


def leader_counts(inventory: pd.DataFrame, metrics: pd.DataFrame, chosen: pd.DataFrame, values: dict,
                  relations: bool | None = None) -> dict[str, int]:
    """How many leaders each centrality would give, everything else as the project's settings say."""
    return {c: int(actor_metrics(inventory, metrics, chosen, {**values, "leaders.centrality": c},
                                 relations=relations)["leader"].sum()) for c in settings.CENTRALITIES}


def centrality_matters(counts: dict[str, int], chosen: str, default: str) -> bool:
    """Whether the chosen centrality changes the number of leaders by more than half of the number the
    default centrality gives (any change, when the default gives none)."""
    base, now = counts[default], counts[chosen]
    return abs(now - base) > base / 2 if base else now != base
