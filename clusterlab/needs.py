"""What actors want and can bring (phase III): priorities, projects, capacities and expectations coded
into themes (themes.py: the one coding of the SWOT and the problems), counted by actors, crossed with
category, stage and region, and the "needs × offers" pairing of what some expect with what others can bring."""
from __future__ import annotations

import duckdb
import pandas as pd

from clusterlab import themes

FIELDS = ("priorities", "projects", "capacities", "expectations")
CROSSED = ("category", "stage_key", "region")  # what the counts are crossed with
MATCH = 0.5  # the share of words an expectation theme's and a capacity theme's names must have in common to pair


def items(con: duckdb.DuckDBPyConnection, pid: int) -> pd.DataFrame:
    """Every priority, project, capacity and expectation said, with its theme."""
    return themes.items(con, pid, FIELDS)


def counts(said: pd.DataFrame, weights: pd.Series | None = None) -> pd.DataFrame:
    """Per field and theme: the actors who said it, its mentions, and its weight (the sum of the weights
    of its actors, `weights` per actor id; the number of actors when none is given): `needs_offers.csv`."""
    columns = ["field", "theme", "actors", "mentions", "weight"]
    if said.empty:
        return pd.DataFrame({c: pd.Series(dtype=object if c in ("field", "theme") else float) for c in columns})
    per_actor = said.dropna(subset=["actor_id"]).drop_duplicates(["field", "theme", "actor_id"])
    out = said.groupby(["field", "theme"]).agg(mentions=("text", "size")).reset_index()
    actors = per_actor.groupby(["field", "theme"])["actor_id"].nunique().rename("actors")
    out = out.merge(actors, on=["field", "theme"], how="left").fillna({"actors": 0})
    out["actors"] = out["actors"].astype(int)
    if weights is not None:
        w = per_actor.assign(w=per_actor["actor_id"].map(weights).astype(float).fillna(0.0))
        out["weight"] = out.set_index(["field", "theme"]).index.map(w.groupby(["field", "theme"])["w"].sum())
        out["weight"] = out["weight"].astype(float).fillna(0.0).round(6)
    else:
        out["weight"] = out["actors"].astype(float)
    out["field"] = pd.Categorical(out["field"], categories=list(FIELDS), ordered=True)
    out = out.sort_values(["field", "weight", "actors", "theme"], ascending=[True, False, False, True],
                          ignore_index=True)
    out["field"] = out["field"].astype(str)
    return out[columns]


def crossed(said: pd.DataFrame, inventory: pd.DataFrame, field: str, by: str) -> pd.DataFrame:
    """The themes of `field` (rows) by the actors' `by` (category, stage_key or region; columns): actors
    who said each theme in each group (an actor of no known group under "—")."""
    df = said[(said["field"] == field) & said["actor_id"].notna()].drop_duplicates(["theme", "actor_id"])
    group = df["actor_id"].map(inventory.set_index("actor_id")[by]).fillna("—").astype(str)
    if df.empty:
        return pd.DataFrame(index=pd.Index([], name="theme"))
    wide = df.assign(group=group).pivot_table(index="theme", columns="group", values="actor_id", aggfunc="nunique",
                                              fill_value=0)
    wide = wide.loc[wide.sum(axis=1).sort_values(ascending=False, kind="stable").index]
    return wide.rename_axis(index="theme", columns=by).astype(int)


def shared_words(a: str, b: str) -> float:
    """The share of their words (by their first letters, small words aside) two names have in common."""
    words_a = {w[:themes.STEM] for w in themes.wording_key(a).split()}
    words_b = {w[:themes.STEM] for w in themes.wording_key(b).split()}
    return len(words_a & words_b) / len(words_a | words_b) if words_a | words_b else 0.0


def matches(said: pd.DataFrame, names: dict[str, str], threshold: float = MATCH) -> pd.DataFrame:
    """Needs × offers: each expectation theme paired with each capacity theme named alike (the same name,
    or names sharing at least the share `threshold` of their words), with who expects it and who can bring it."""
    columns = ["expectation", "expecting", "capacity", "offering", "expecting_actors", "offering_actors", "similarity"]
    rows = []
    by_theme = {field: {theme: sorted(set(df["actor_id"].dropna()))
                        for theme, df in said[said["field"] == field].groupby("theme", sort=True)}
                for field in ("expectations", "capacities")}
    for need, expecting in by_theme["expectations"].items():
        for offer, offering in by_theme["capacities"].items():
            alike = 1.0 if need == offer else shared_words(need, offer)
            if alike >= threshold:
                rows.append({"expectation": need, "expecting": len(expecting), "capacity": offer,
                             "offering": len(offering),
                             "expecting_actors": "; ".join(names.get(a, a) for a in expecting),
                             "offering_actors": "; ".join(names.get(a, a) for a in offering),
                             "similarity": round(alike, 3)})
    out = pd.DataFrame(rows, columns=columns)
    return out.sort_values(["expecting", "offering", "expectation"], ascending=[False, False, True], ignore_index=True)
