"""The field of action: perimeter scenarios (stages, territories, categories, problems, actors added
or removed by hand), their coverage, and the validated one."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

import duckdb
import pandas as pd

from clusterlab import audit, network, roles, store
from clusterlab.errors import InvalidInput
from clusterlab.roles import Identity

CHOICES = ("stages", "regions", "localities", "categories", "problems", "added", "removed")


@dataclass
class Scenario:
    """A perimeter: empty lists mean "any"; `added` and `removed` are actor ids chosen by hand."""

    name: str
    stages: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    localities: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    author: str = ""
    rationale: str = ""
    scenario_id: int | None = None


def members(inv: pd.DataFrame, s: Scenario) -> set[str]:
    """The actors inside: those matching every criterion given, plus those added, less those removed."""
    keep = pd.Series(True, index=inv.index)
    for column, chosen in (("stage", s.stages), ("region", s.regions), ("locality", s.localities),
                           ("category", s.categories)):
        if chosen:
            keep &= inv[column].isin(chosen)
    return (set(inv.loc[keep, "actor_id"]) | set(s.added)) - set(s.removed)


def coverage(s: Scenario, inv: pd.DataFrame, links: pd.DataFrame, said: pd.DataFrame, leaders: set[str],
             common: set[str], retained: set[str]) -> dict:
    """The figures of a scenario. `said` has one row per problem citation (actor_id, problem);
    problem citations count those of the scenario's problems (all problems when it names none).

    common_covered = mean, over the common problems, of (actors citing it inside ÷ actors citing it):
    a problem cited by four actors of which one is inside counts for 0.25, not as covered.
    Cohesion (relations inside, density, relations crossing) counts positive ties only; negative
    ties (conflicts, oppositions, rivalries: links with `negative` set) inside are `conflicts_in`,
    pairs of actors counted once."""
    inside = members(inv, s)
    n = len(inv)
    mine = inv[inv["actor_id"].isin(inside)]
    focus = set(s.problems) or set(said["problem"])
    cited = said[said["problem"].isin(focus)]
    ties = network.positive(links)
    within = ties[ties["source"].isin(inside) & ties["target"].isin(inside)]
    crossing = ties[ties["source"].isin(inside) != ties["target"].isin(inside)]
    pairs = len(inside) * (len(inside) - 1)
    outside_citing = said[said["problem"].isin(retained) & ~said["actor_id"].isin(inside)]["actor_id"].unique()
    return {
        "actors_in": len(inside), "actors_out": n - len(inside), "share_in": round(len(inside) / n, 3) if n else 0.0,
        "leaders_in": len(inside & leaders), "interviewed_in": int(mine["interviewed"].sum()),
        "size_in": float(mine["size"].fillna(0).sum()),
        "citations_covered": round(cited["actor_id"].isin(inside).mean(), 3) if len(cited) else 0.0,
        "common_covered": common_share_covered(said, common, inside),
        "relations_in": len(within), "density": round(len(within.drop_duplicates(["source", "target"])) / pairs, 4)
        if pairs else 0.0,
        "relations_crossing": len(crossing),
        "conflicts_in": network.conflict_pairs(links, inside),
        "stages": sorted(mine["stage"].dropna().unique()), "regions": sorted(mine["region"].dropna().unique()),
        "citing_outside": sorted(outside_citing),
    }


def common_share_covered(said: pd.DataFrame, common: set[str], inside: set[str]) -> float:
    """The mean, over the common problems, of the share of the actors citing each that are inside
    (0 when there is no common problem; a common problem nobody cites counts as 0)."""
    if not common:
        return 0.0
    citing = said[said["problem"].isin(common)].drop_duplicates(["problem", "actor_id"])
    shares = citing.assign(inside=citing["actor_id"].isin(inside)).groupby("problem")["inside"].mean()
    return round(float(shares.reindex(sorted(common)).fillna(0.0).mean()), 3)


def compare(scenarios: list[Scenario], inv: pd.DataFrame, **inputs) -> pd.DataFrame:
    """Figure by figure, one column per scenario, and for each what it includes that the others do not."""
    names = dict(zip(inv["actor_id"], inv["name"], strict=True))
    figures = {s.name: coverage(s, inv, **inputs) for s in scenarios}
    for f in figures.values():
        f["citing_outside"] = sorted(names.get(a, a) for a in f["citing_outside"])
    table = pd.DataFrame({name: {k: (", ".join(v) if isinstance(v, list) else v) for k, v in f.items()}
                          for name, f in figures.items()})
    sets = {s.name: members(inv, s) for s in scenarios}
    table.loc["only_here"] = [", ".join(sorted(names[a] for a in sets[n] - set().union(*(sets[o] for o in sets
                                                                                      if o != n))))
                              for n in table.columns]
    return table


# -- stored at once ----------------------------------------------------------------------------------

def save(con: duckdb.DuckDBPyConnection, pid: int, s: Scenario, who: str | None = None) -> int:
    """Store a scenario (a new one, or the same id again); returns its id."""
    if not s.name.strip():
        raise InvalidInput("perimeter.no_name")
    choice = json.dumps({k: getattr(s, k) for k in CHOICES}, ensure_ascii=False)
    detail: dict = {"name": s.name, "scenario_id": s.scenario_id}  # and, for a scenario saved again, what changed
    with store.transaction(con, pid, "perimeter.save", detail, who) as cur:
        if s.scenario_id is not None:
            stored = cur.execute("SELECT name, author, rationale, choice FROM perimeters WHERE scenario_id = ? "
                                 "AND project_id = ?", [s.scenario_id, pid]).fetchone()
            if stored is not None:
                before = {"name": stored[0], "author": stored[1], "rationale": stored[2], **json.loads(stored[3])}
                after = {"name": s.name.strip(), "author": s.author or None, "rationale": s.rationale or None,
                         **{k: getattr(s, k) for k in CHOICES}}
                detail[audit.CHANGED] = audit.differences(before, after)
        if s.scenario_id is None:
            return store.insert_row(cur, "perimeters", {"project_id": pid, "name": s.name.strip(),
                                                        "author": s.author or None, "rationale": s.rationale or None,
                                                        "choice": choice}, "scenario_id")
        cur.execute("UPDATE perimeters SET name = ?, author = ?, rationale = ?, choice = ? WHERE scenario_id = ? "
                    "AND project_id = ?", [s.name.strip(), s.author or None, s.rationale or None, choice,
                                           s.scenario_id, pid])
        return s.scenario_id


def scenarios(con: duckdb.DuckDBPyConnection, pid: int) -> list[Scenario]:
    rows = con.cursor().execute("SELECT scenario_id, name, author, rationale, choice FROM perimeters "
                                "WHERE project_id = ? ORDER BY scenario_id", [pid]).fetchall()
    return [Scenario(name=name, author=author or "", rationale=rationale or "", scenario_id=sid, **json.loads(choice))
            for sid, name, author, rationale, choice in rows]


def validate(con: duckdb.DuckDBPyConnection, pid: int, scenario_id: int, who: str, note: str,
             identity: Identity | None = None) -> None:
    """Validate a scenario: recorded with who (the name typed), when and the decision's note; `identity` is
    who makes the write (roles.py), the name typed when none is given."""
    with store.transaction(con, pid, "perimeter.validate", {"scenario_id": scenario_id},
                           identity or who or None) as cur:
        cur.execute("INSERT INTO perimeter_validations (project_id, scenario_id, event, who, note) "
                    "VALUES (?, ?, 'validated', ?, ?)", [pid, scenario_id, who or None, note or None])


def reopen(con: duckdb.DuckDBPyConnection, pid: int, who: str, note: str, identity: Identity | None = None) -> None:
    """Re-open the validated perimeter: recorded, never silent (and refused to whom may not, even
    when nothing is validated)."""
    roles.require(identity or who or None, "perimeter.reopen", pid)
    current = validated(con, pid)
    if current is not None:
        with store.transaction(con, pid, "perimeter.reopen", {"scenario_id": current},
                               identity or who or None) as cur:
            cur.execute("INSERT INTO perimeter_validations (project_id, scenario_id, event, who, note) "
                        "VALUES (?, ?, 'reopened', ?, ?)", [pid, current, who or None, note or None])


def history(con: duckdb.DuckDBPyConnection, pid: int) -> pd.DataFrame:
    return con.cursor().execute("""SELECT v.decided_at, v.event, p.name AS scenario, v.who, v.note
                                   FROM perimeter_validations v JOIN perimeters p USING (scenario_id)
                                   WHERE v.project_id = ? ORDER BY v.decided_at, v.rowid""", [pid]).df()


def validated(con: duckdb.DuckDBPyConnection, pid: int) -> int | None:
    """The scenario in force: the last validated one, unless re-opened since."""
    row = con.cursor().execute("""SELECT scenario_id, event FROM perimeter_validations WHERE project_id = ?
                                  ORDER BY decided_at DESC, rowid DESC LIMIT 1""", [pid]).fetchone()
    return row[0] if row and row[1] == "validated" else None


def table(saved: list[Scenario], current: int | None) -> pd.DataFrame:
    """Every scenario with its choices and whether it is the validated one (`current`): perimeters.csv."""
    rows = [{**{k: "; ".join(v) for k, v in asdict(s).items() if k in CHOICES}, "scenario_id": s.scenario_id,
             "name": s.name, "author": s.author, "rationale": s.rationale, "validated": s.scenario_id == current}
            for s in saved]
    return pd.DataFrame(rows, columns=["scenario_id", "name", "validated", *CHOICES, "author", "rationale"])
