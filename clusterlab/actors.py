"""The actor inventory: actors with their stage on the value chain, filters, and the
influence × interest grid."""
from __future__ import annotations

from dataclasses import dataclass, field

import duckdb
import pandas as pd

from clusterlab.contract import STAGE_ORDER, STAGES
from clusterlab.text import loose_key, name_key

# Words that name a stage of the value chain, folded (see text.name_key), to place actors on the chain.
STAGE_WORDS = {
    "inputs": ("intrants", "intrant", "inputs", "input", "amont", "upstream", "fournisseurs", "approvisionnement",
               "fourniture", "fournisseur"),
    "production": ("production", "producteur", "producteurs", "elevage", "producer", "farming", "exploitation",
                   "prod", "producers", "eleveurs", "eleveur", "agriculteurs", "agriculture"),
    "collection": ("collecte", "collection", "collecteur", "ramassage", "aggregation", "collect",
                   "collecteurs"),
    "processing": ("transformation", "processing", "transformateur", "processor", "industrie", "laiterie",
                   "transfo", "transformateurs", "processors", "fromagerie"),
    "distribution": ("distribution", "commercialisation", "marketing", "vente", "commerce", "retail", "export",
                     "aval", "downstream"),
    "consumption": ("consommation", "consumption", "consommateurs", "consumers", "consommateur"),
    "support": ("appui", "support", "services", "service", "accompagnement", "institutions", "encadrement",
                "conseil", "recherche", "formation", "finance", "financement"),
}
_STAGE_BY_WORD = {word: stage for stage, words in STAGE_WORDS.items() for word in words}

QUADRANTS = ("manage_closely", "keep_satisfied", "keep_informed", "monitor")


def canonical_stage(text: object) -> str | None:
    """The value-chain stage a cell names (`Transformation` and `processing` give `processing`), or None."""
    key = name_key(text)
    if not key:
        return None
    if key in _STAGE_BY_WORD:
        return _STAGE_BY_WORD[key]
    for word in key.split():
        if word in _STAGE_BY_WORD:
            return _STAGE_BY_WORD[word]
    return None


def inventory(con: duckdb.DuckDBPyConnection, pid: int) -> pd.DataFrame:
    """Every actor, with its canonical stage, interview count and mean willingness and capacity."""
    df = con.cursor().execute("""
        SELECT a.actor_id, a.name, a.category, a.stage, a.locality, a.region, a.latitude, a.longitude, a.size,
               a.influence, a.interest, a.contact,
               count(i.interview_id) AS interviews,
               avg(i.willingness) AS willingness, avg(i.capacity_to_participate) AS capacity_to_participate
        FROM actors a LEFT JOIN interviews i ON i.project_id = a.project_id AND i.actor_id = a.actor_id
        WHERE a.project_id = ?
        GROUP BY ALL ORDER BY a.name""", [pid]).df()
    for column in ("category", "region", "locality"):
        df[column] = tidy_spelling(df[column])
    df["stage_key"] = df["stage"].map(canonical_stage)
    df["interviewed"] = df["interviews"] > 0
    return df


def tidy_spelling(values: pd.Series) -> pd.Series:
    """One spelling per category, region or locality: variants that differ only by case, accents,
    plural or a common abbreviation (`Coopérative`, `COOPERATIVE`, `Coop`, `coopératives`) take
    the most frequent one, so that views and counts group them. The store keeps what was typed."""
    present = values.dropna()
    if present.empty:
        return values
    keys = present.map(lambda v: " ".join(_singular(w) for w in loose_key(v).split()))
    counted = (pd.DataFrame({"key": keys, "value": present, "order": range(len(present))})
               .groupby(["key", "value"]).agg(n=("order", "size"), first=("order", "min")).reset_index())
    # the most frequent; on a tie, the one written with accents and small letters, then the first met
    counted["accented"] = counted["value"].map(lambda v: not str(v).isascii())
    counted["shouting"] = counted["value"].map(lambda v: str(v).isupper())
    spelling = (counted.sort_values(["key", "n", "accented", "shouting", "first"],
                                    ascending=[True, False, False, True, True])
                .drop_duplicates("key").set_index("key")["value"])
    return values.where(values.isna(), keys.map(spelling))


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith(("s", "x")) else word


@dataclass
class Filters:
    """What the analyst keeps in view; empty means everything."""

    categories: list[str] = field(default_factory=list)
    stages: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    localities: list[str] = field(default_factory=list)
    interviewed: bool | None = None
    leader: bool | None = None


def apply_filters(df: pd.DataFrame, f: Filters, leaders: set[str] | None = None) -> pd.DataFrame:
    out = df
    for column, chosen in (("category", f.categories), ("stage", f.stages), ("region", f.regions),
                           ("locality", f.localities)):
        if chosen:
            out = out[out[column].isin(chosen)]
    if f.interviewed is not None:
        out = out[out["interviewed"] == f.interviewed]
    if f.leader is not None and leaders is not None:
        out = out[out["actor_id"].isin(leaders) == f.leader]
    return out


def most_relevant(df: pd.DataFrame, ranked: pd.DataFrame, limit: int) -> pd.DataFrame:
    """At most `limit` actors for a chart: leaders first, then by leader score (a chart of
    thousands of points says nothing a table does not)."""
    if len(df) <= limit:
        return df
    order = ranked.set_index("actor_id")[["leader", "score"]]
    keyed = df.join(order, on="actor_id")
    return keyed.sort_values(["leader", "score"], ascending=False).head(limit)[df.columns]


def chain_positions(df: pd.DataFrame) -> pd.DataFrame:
    """Actors placed on the value chain: x is the stage (upstream to downstream, support apart,
    unknown stages last), y stacks them by category then name."""
    out = df.copy()
    order = {**STAGE_ORDER, None: len(STAGES)}
    out["x"] = out["stage_key"].map(lambda s: order.get(s, len(STAGES))).astype(float)
    out["x"] = out["x"] + (out["stage_key"] == "support") * 0.5  # support actors apart
    out = out.sort_values(["x", "category", "name"], na_position="last")
    out["y"] = out.groupby("x").cumcount()
    return out


def stage_flows(df: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """How many links run from each stage to each other one (stages as typed, canonical)."""
    stage = df.set_index("actor_id")["stage_key"].fillna("unknown")
    flows = pd.DataFrame({"source_stage": links["source"].map(stage), "target_stage": links["target"].map(stage)})
    flows = flows.dropna()
    return flows.value_counts().rename("links").reset_index().sort_values(
        ["links", "source_stage", "target_stage"], ascending=[False, True, True], ignore_index=True)


def stage_matrix(flows: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """`stage_flows` as a square table in value-chain order (upstream first, support, then unknown stages):
    rows the stage a link starts from, columns the stage it reaches, NaN on the diagonal; and the number of
    links within one stage, apart (a stage linked to itself is no flow between stages)."""
    order = [*STAGES, "unknown"]
    present = set(flows["source_stage"]) | set(flows["target_stage"])
    stages = [s for s in order if s in present] + sorted(present - set(order))
    matrix = flows.pivot_table(index="source_stage", columns="target_stage", values="links", aggfunc="sum",
                               fill_value=0).reindex(index=stages, columns=stages, fill_value=0).astype(float)
    within = int(sum(matrix.at[s, s] for s in stages))
    for s in stages:
        matrix.at[s, s] = float("nan")
    matrix.index.name, matrix.columns.name = "source_stage", "target_stage"
    return matrix, within


def quadrant(influence: float, interest: float, split_influence: float, split_interest: float) -> str:
    high_influence, high_interest = influence >= split_influence, interest >= split_interest
    if high_influence and high_interest:
        return "manage_closely"
    if high_influence:
        return "keep_satisfied"
    if high_interest:
        return "keep_informed"
    return "monitor"


def influence_interest(df: pd.DataFrame, split_influence: float = 3.5,
                       split_interest: float = 3.5) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Actors in their quadrant, and those missing a score (listed, not dropped)."""
    scored = df.dropna(subset=["influence", "interest"]).copy()
    scored["quadrant"] = [quadrant(a, b, split_influence, split_interest)
                          for a, b in zip(scored["influence"], scored["interest"], strict=True)]
    missing = df[df["influence"].isna() | df["interest"].isna()][["actor_id", "name", "influence", "interest"]]
    return scored, missing
