"""Leader actors: a score the analyst can weigh, and manual choices that win over it."""
from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd

from clusterlab import settings, store
from clusterlab.settings import LEADER_COMPONENTS as COMPONENTS


def _scale(values: pd.Series) -> pd.Series:
    """1–5 scales to 0–1."""
    return (values.astype("float") - 1) / 4


def components(actors: pd.DataFrame, metrics: pd.DataFrame, centrality: str) -> pd.DataFrame:
    """Each component of the score on 0–1 (NaN where the data is missing):
    scales map 1→0 and 5→1, the centrality is divided by its maximum, the size by the largest on a log scale."""
    df = actors[["actor_id", "name", "influence", "interest", "size", "willingness", "capacity_to_participate"]]
    df = df.merge(metrics[["actor_id", centrality]], on="actor_id", how="left")
    out = pd.DataFrame({"actor_id": df["actor_id"], "name": df["name"]})
    for col in ("influence", "interest", "willingness", "capacity_to_participate"):
        out[col] = _scale(df[col])
    top = df[centrality].max()
    out["centrality"] = df[centrality].astype("float") / top if top and top > 0 else df[centrality].astype("float") * 0
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


def ranking(parts: pd.DataFrame, chosen: pd.DataFrame, weights: dict[str, float], threshold: float) -> pd.DataFrame:
    """Actors ranked by score, with every component, the manual choice and the final verdict."""
    out = parts.copy()
    out["score"] = score(parts, weights)
    out = out.merge(chosen[["actor_id", "is_leader", "reason"]].rename(columns={"is_leader": "override"}),
                    on="actor_id", how="left")
    by_score = out["score"] >= threshold
    out["leader"] = out["override"].where(out["override"].notna(), by_score).astype(bool)
    out = out.sort_values(["leader", "score", "name"], ascending=[False, False, True], ignore_index=True)
    out.insert(0, "rank", range(1, len(out) + 1))
    return out


def actor_metrics(inventory: pd.DataFrame, metrics: pd.DataFrame, chosen: pd.DataFrame, values: dict) -> pd.DataFrame:
    """One row per actor: network metrics, every score component, the score, the manual choice
    (`chosen`: the overrides) and whether the actor is a leader, under the project's settings
    (`values`, see settings.py). The derived view exported as `actor_metrics.csv`."""
    parts = components(inventory, metrics, values["leaders.centrality"])
    ranked = ranking(parts, chosen, settings.leader_weights(values), values["leaders.threshold"])
    return metrics.merge(ranked, on="actor_id", how="right")[
        ["rank", "actor_id", "name", "leader", "score", "override", "reason", *COMPONENTS,
         "degree_in", "degree_out", "degree", "betweenness", "closeness", "eigenvector"]]
