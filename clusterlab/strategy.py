"""Phase III's data as the analyst keeps it: the objectives, the direct influences (MID) and the positions
(2MAO), each cell proposed or confirmed.

A cell is never overwritten: each write adds a row, and the latest row of each source stands (`seq`); a
confirmed value stands before a proposed one. Undoing an import thus brings back what a cell held before it.
The computations themselves are in `mactor.py`.

Actions recorded in `changes` (and checked by the roles): objective.add, objective.update, objective.delete,
objective.from_problems, objective.from_options, influence.set, influence.propose, position.set,
position.propose; the choice of actors is the setting `mactor.actors` (action settings).
"""
from __future__ import annotations

import duckdb
import pandas as pd

from clusterlab import roles, settings, store
from clusterlab.errors import InvalidInput, NotFound
from clusterlab.linking import Ids
from clusterlab.mactor import MAO_RANGE, MID_RANGE
from clusterlab.text import name_key

PROPOSED, CONFIRMED = "proposed", "confirmed"
ORIGINS = ("typed", "sheet", "problem", "option")
MIN_ACTORS, MAX_ACTORS = 10, 30  # the default selection of actors
OBJECTIVE_FIELDS = ("objective", "stake", "description")


# -- objectives -------------------------------------------------------------------------------------------

def objectives(con: duckdb.DuckDBPyConnection, pid: int) -> pd.DataFrame:
    """The project's objectives, by id."""
    return con.cursor().execute("""SELECT objective_id, objective, stake, description, origin FROM objectives
                                   WHERE project_id = ? ORDER BY objective_id""", [pid]).df()


def _clean(value: object) -> str | None:
    text = str(value).strip() if value is not None and not (isinstance(value, float) and pd.isna(value)) else ""
    return text or None


def _new_ids(cur: duckdb.DuckDBPyConnection, pid: int) -> Ids:
    taken = {r[0] for r in cur.execute("SELECT objective_id FROM objectives WHERE project_id = ?", [pid]).fetchall()}
    return Ids("OBJ", taken)


def add_objective(con: duckdb.DuckDBPyConnection, pid: int, objective: str, stake: str | None = None,
                  description: str | None = None, origin: str = "typed", who: str | None = None) -> str:
    """A new objective; returns its id (OBJ0001…)."""
    text = _clean(objective)
    if text is None:
        raise InvalidInput("mactor.empty_objective")
    with store.transaction(con, pid, "objective.add", {"objective": text}, who) as cur:
        objective_id = _new_ids(cur, pid).new()
        cur.execute("INSERT INTO objectives (project_id, objective_id, objective, stake, description, origin) "
                    "VALUES (?, ?, ?, ?, ?, ?)", [pid, objective_id, text, _clean(stake), _clean(description), origin])
    return objective_id


def update_objective(con: duckdb.DuckDBPyConnection, pid: int, objective_id: str, who: str | None = None,
                     **fields: object) -> None:
    """Change an objective's wording, stake or description."""
    changes = {f: _clean(v) for f, v in fields.items() if f in OBJECTIVE_FIELDS}
    if "objective" in changes and changes["objective"] is None:
        raise InvalidInput("mactor.empty_objective")
    if not changes:
        return
    with store.transaction(con, pid, "objective.update", {"objective_id": objective_id, **changes}, who) as cur:
        sets = ", ".join(f"{f} = ?" for f in changes)
        found = cur.execute(f"UPDATE objectives SET {sets} WHERE project_id = ? AND objective_id = ?",
                            [*changes.values(), pid, objective_id]).fetchone()[0]
        if not found:
            raise NotFound("mactor.no_objective", objective_id=objective_id)


def delete_objective(con: duckdb.DuckDBPyConnection, pid: int, objective_id: str, who: str | None = None) -> None:
    """Remove an objective and the actors' positions on it."""
    with store.transaction(con, pid, "objective.delete", {"objective_id": objective_id}, who) as cur:
        found = cur.execute("DELETE FROM objectives WHERE project_id = ? AND objective_id = ?",
                            [pid, objective_id]).fetchone()[0]
        if not found:
            raise NotFound("mactor.no_objective", objective_id=objective_id)
        cur.execute("DELETE FROM positions WHERE project_id = ? AND objective_id = ?", [pid, objective_id])


def _add_many(con: duckdb.DuckDBPyConnection, pid: int, texts: list[tuple[str, str | None]], origin: str,
              action: str, who: str | None) -> list[str]:
    """Objectives from `texts` (wording, stake), in one write; a wording the project holds already is skipped."""
    added: list[str] = []
    with store.transaction(con, pid, action, {"n": len(texts)}, who) as cur:
        held = {name_key(r[0]) for r in cur.execute("SELECT objective FROM objectives WHERE project_id = ?",
                                                    [pid]).fetchall()}
        ids = _new_ids(cur, pid)
        for text, stake in texts:
            text = _clean(text)
            if text is None or name_key(text) in held:
                continue
            held.add(name_key(text))
            objective_id = ids.new()
            cur.execute("INSERT INTO objectives (project_id, objective_id, objective, stake, origin) "
                        "VALUES (?, ?, ?, ?, ?)", [pid, objective_id, text, _clean(stake), origin])
            added.append(objective_id)
    return added


def objectives_from_problems(con: duckdb.DuckDBPyConnection, pid: int, problems: list[str],
                             who: str | None = None) -> list[str]:
    """Each short-listed problem becomes an objective (its wording; the stake says where it comes from)."""
    return _add_many(con, pid, [(p, None) for p in problems], "problem", "objective.from_problems", who)


def objectives_from_options(con: duckdb.DuckDBPyConnection, pid: int, option_ids: list[int],
                            who: str | None = None) -> list[str]:
    """Each strategic option of the cross matrix becomes an objective, its combination (SO, WT…) as its stake."""
    if not option_ids:
        return []
    rows = con.cursor().execute(f"""SELECT option, combination FROM cross_options WHERE project_id = ?
                                    AND option_id IN ({", ".join("?" * len(option_ids))}) ORDER BY option_id""",
                                [pid, *option_ids]).fetchall()
    return _add_many(con, pid, [(o, c) for o, c in rows], "option", "objective.from_options", who)


# -- the matrices' cells ----------------------------------------------------------------------------------

def _latest(con: duckdb.DuckDBPyConnection, pid: int, table: str, cell: tuple[str, str]) -> pd.DataFrame:
    a, b = cell
    return con.cursor().execute(f"""
        SELECT {a}, {b}, value, source, evidence, who, decided_at FROM {table}
        WHERE project_id = $pid AND seq IN (SELECT max(seq) FROM {table} WHERE project_id = $pid
                                            GROUP BY {a}, {b}, source)
        ORDER BY {a}, {b}, source""", {"pid": pid}).df()


def influence_cells(con: duckdb.DuckDBPyConnection, pid: int) -> pd.DataFrame:
    """Every influence cell's standing value of each source: from_actor_id, to_actor_id, value, source…"""
    return _latest(con, pid, "influences", ("from_actor_id", "to_actor_id"))


def position_cells(con: duckdb.DuckDBPyConnection, pid: int) -> pd.DataFrame:
    """Every position cell's standing value of each source: actor_id, objective_id, value, source…"""
    return _latest(con, pid, "positions", ("actor_id", "objective_id"))


def standing(cells: pd.DataFrame, cell: tuple[str, str]) -> pd.DataFrame:
    """One row per cell: the confirmed value where there is one, else the proposed one (`source` says which)."""
    if not len(cells):
        return cells
    ranked = cells.assign(_rank=(cells["source"] != CONFIRMED).astype(int))
    return (ranked.sort_values([*cell, "_rank"]).drop_duplicates(list(cell)).drop(columns="_rank")
            .reset_index(drop=True))


def _check(value: object, bounds: tuple[int, int]) -> int:
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = float("nan")
    if not number.is_integer() or not bounds[0] <= number <= bounds[1]:
        raise InvalidInput("mactor.bad_value", value=value, minimum=bounds[0], maximum=bounds[1])
    return int(number)


def set_influences(con: duckdb.DuckDBPyConnection, pid: int, cells: list[tuple[str, str, object]],
                   source: str = CONFIRMED, who: str | None = None, evidence: dict | None = None) -> int:
    """Write influence cells (from, to, value 0–4) in one transaction; a value out of range or an actor's
    influence on itself refuses them all. Returns the cells written."""
    checked = []
    for a, b, value in cells:
        if a == b:
            raise InvalidInput("mactor.self_influence", actor=a)
        checked.append((a, b, _check(value, MID_RANGE)))
    if not checked:
        return 0
    action = "influence.set" if source == CONFIRMED else "influence.propose"
    with store.transaction(con, pid, action, {"cells": len(checked)}, who) as cur:
        _known_actors(cur, pid, {x for a, b, _ in checked for x in (a, b)})
        cur.executemany("INSERT INTO influences (project_id, from_actor_id, to_actor_id, value, source, evidence, "
                        "who) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        [[pid, a, b, v, source, (evidence or {}).get((a, b)), roles.acting(who).name]
                         for a, b, v in checked])
    return len(checked)


def set_positions(con: duckdb.DuckDBPyConnection, pid: int, cells: list[tuple[str, str, object]],
                  source: str = CONFIRMED, who: str | None = None, evidence: dict | None = None) -> int:
    """Write position cells (actor, objective, value −4…+4) in one transaction; a value out of range or an
    unknown objective refuses them all. Returns the cells written."""
    checked = [(actor, objective, _check(value, MAO_RANGE)) for actor, objective, value in cells]
    if not checked:
        return 0
    action = "position.set" if source == CONFIRMED else "position.propose"
    with store.transaction(con, pid, action, {"cells": len(checked)}, who) as cur:
        known = {r[0] for r in cur.execute("SELECT objective_id FROM objectives WHERE project_id = ?",
                                           [pid]).fetchall()}
        missing = sorted({o for _, o, _ in checked} - known)
        if missing:
            raise NotFound("mactor.no_objective", objective_id=", ".join(missing))
        _known_actors(cur, pid, {a for a, _, _ in checked})
        cur.executemany("INSERT INTO positions (project_id, actor_id, objective_id, value, source, evidence, who) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?)",
                        [[pid, a, o, v, source, (evidence or {}).get((a, o)), roles.acting(who).name]
                         for a, o, v in checked])
    return len(checked)


def _known_actors(cur: duckdb.DuckDBPyConnection, pid: int, ids: set[str]) -> None:
    """Refuse cells of actors the project does not hold (within the caller's transaction)."""
    held = {r[0] for r in cur.execute("SELECT actor_id FROM actors WHERE project_id = ?", [pid]).fetchall()}
    missing = sorted(ids - held)
    if missing:
        raise NotFound("mactor.no_actor", actor_id=", ".join(missing))


def confirm(con: duckdb.DuckDBPyConnection, pid: int, matrix: str, who: str | None = None) -> int:
    """Confirm every proposed cell not confirmed yet, as proposed (`matrix`: influences or positions)."""
    cell = ("from_actor_id", "to_actor_id") if matrix == "influences" else ("actor_id", "objective_id")
    cells = standing(_latest(con, pid, matrix, cell), cell)
    todo = cells[cells["source"] == PROPOSED] if len(cells) else cells
    rows = [(a, b, v) for a, b, v in zip(todo[cell[0]], todo[cell[1]], todo["value"])] if len(todo) else []
    evidence = {(a, b): e for a, b, e in zip(todo[cell[0]], todo[cell[1]], todo["evidence"])} if len(todo) else {}
    writer = set_influences if matrix == "influences" else set_positions
    return writer(con, pid, rows, CONFIRMED, who, evidence)


# -- which actors the analysis takes ----------------------------------------------------------------------

def chosen_actors(con: duckdb.DuckDBPyConnection, pid: int) -> list[str] | None:
    """The actors the analyst chose for MACTOR (the setting `mactor.actors`), or None: the default stands."""
    chosen = [a.strip() for a in str(settings.read(con, pid)["mactor.actors"]).split(";") if a.strip()]
    return chosen or None


def choose_actors(con: duckdb.DuckDBPyConnection, pid: int, actor_ids: list[str], who: str | None = None) -> None:
    """Keep the analyst's choice of actors (an empty list: back to the default choice), as a setting: the
    project workbook and the command line carry it."""
    settings.save(con, pid, {"mactor.actors": "; ".join(dict.fromkeys(actor_ids))}, who)


def default_actors(actor_metrics: pd.DataFrame, perimeter_members: set[str]) -> list[str]:
    """The leaders and the actors of the validated perimeter, the strongest leader scores first, 10 to 30
    actors: fewer are completed by the next best scores, more are cut."""
    ranked = actor_metrics.sort_values(["score", "actor_id"], ascending=[False, True], na_position="last")
    wanted = set(ranked.loc[ranked["leader"].astype(bool), "actor_id"]) | set(perimeter_members)
    first = [a for a in ranked["actor_id"] if a in wanted]
    rest = [a for a in ranked["actor_id"] if a not in wanted]
    return (first + rest[:max(0, MIN_ACTORS - len(first))])[:MAX_ACTORS]


def fresh(proposal: pd.DataFrame, cells: pd.DataFrame, cell: tuple[str, str]) -> pd.DataFrame:
    """The cells of a proposal not proposed yet as they are (same value and evidence): what proposing again
    would write. A cell confirmed already is left to the analyst."""
    if not len(proposal) or not len(cells):
        return proposal
    held = cells.set_index(list(cell))
    proposed = held[held["source"] == PROPOSED]
    confirmed = set(held[held["source"] == CONFIRMED].index)
    keep = []
    for a, b, value, evidence in zip(proposal[cell[0]], proposal[cell[1]], proposal["value"], proposal["evidence"],
                                     strict=True):
        if (a, b) in confirmed:
            keep.append(False)
        elif (a, b) in proposed.index:
            row = proposed.loc[(a, b)]
            keep.append(not (row["value"] == value and row["evidence"] == evidence))
        else:
            keep.append(True)
    return proposal[keep].reset_index(drop=True)


def write_proposal(con: duckdb.DuckDBPyConnection, pid: int, matrix: str, proposal: pd.DataFrame,
                   who: str | None = None) -> int:
    """Write a proposal (proposals.influences or proposals.positions) as proposed cells, each with its evidence;
    what the analyst confirmed stands before it."""
    cell = ("from_actor_id", "to_actor_id") if matrix == "influences" else ("actor_id", "objective_id")
    rows = list(zip(proposal[cell[0]], proposal[cell[1]], proposal["value"]))
    evidence = dict(zip(zip(proposal[cell[0]], proposal[cell[1]]), proposal["evidence"]))
    writer = set_influences if matrix == "influences" else set_positions
    return writer(con, pid, rows, PROPOSED, who, evidence)


def conflicts_and_divergences(pairs: pd.DataFrame, links: pd.DataFrame, level: str = "2") -> pd.DataFrame:
    """The pairs of actors in conflict (a negative relation, either way) or diverging on objectives (daa of `level`,
    1MAO, 2MAO or 3MAO, above 0), side by side: actor_a, actor_b, conflict, caa<level>, daa<level>; the strongest
    divergences first."""
    bad = links[links["negative"]] if "negative" in links else links.iloc[0:0]
    conflicting = {frozenset((s, t)) for s, t in zip(bad["source"], bad["target"], strict=True) if s != t}
    caa, daa = "caa" + level, "daa" + level
    columns = ["actor_a", "actor_b", "conflict", caa, daa]
    if not len(pairs):
        return pd.DataFrame(columns=columns)
    table = pairs[["actor_a", "actor_b", caa, daa]].copy()
    table.insert(2, "conflict", [frozenset((a, b)) in conflicting
                                 for a, b in zip(table["actor_a"], table["actor_b"], strict=True)])
    table = table[table["conflict"] | (table[daa] > 0)]
    return table.sort_values([daa, "actor_a", "actor_b"], ascending=[False, True, True],
                             ignore_index=True)[columns]


LAYERS = ("relations", "influences", "convergences", "divergences")
PAIR_LAYERS = ("convergences", "divergences")  # read at a level: 1MAO, 2MAO or 3MAO
LEVELS = ("1", "2", "3")


def layer(name: str, ids: list[str], links: pd.DataFrame, mid: pd.DataFrame, pairs: pd.DataFrame,
          threshold: float = 0.0, level: str = "2") -> pd.DataFrame:
    """The links of one layer of the network among `ids` (source, target, value, negative): the relations (their
    strength; conflicts negative), the direct influences (MID ≥ 1, and ≥ `threshold`), the convergences or the
    divergences (caa/daa of `level` ≥ `threshold`, above 0; divergences drawn as negative ties)."""
    inside = set(ids)
    columns = ["source", "target", "value", "negative"]
    if name == "relations":
        kept = links[links["source"].isin(inside) & links["target"].isin(inside)]
        negative = kept["negative"] if "negative" in kept else False
        return pd.DataFrame({"source": kept["source"], "target": kept["target"], "value": kept["strength"],
                             "negative": negative}, columns=columns).reset_index(drop=True)
    if name == "influences":
        cells = mid.rename_axis(index="source", columns="target").stack().rename("value").reset_index()
        cells = cells[(cells["source"] != cells["target"]) & (cells["value"] >= max(threshold, 1))
                      & cells["source"].isin(inside) & cells["target"].isin(inside)]
        return cells.assign(negative=False)[columns].reset_index(drop=True)
    column = ("caa" if name == "convergences" else "daa") + level
    kept = pairs[(pairs[column] >= threshold) & (pairs[column] > 0) & pairs["actor_a"].isin(inside)
                 & pairs["actor_b"].isin(inside)] if len(pairs) else pairs
    return pd.DataFrame({"source": kept.get("actor_a", []), "target": kept.get("actor_b", []),
                         "value": kept.get(column, []), "negative": name == "divergences"},
                        columns=columns).reset_index(drop=True)


def layer_top(name: str, mid: pd.DataFrame, pairs: pd.DataFrame, level: str = "2") -> float:
    """The largest value a layer's threshold can take: 4 for the influences, the strongest pair's caa or daa."""
    if name == "influences":
        return float(MID_RANGE[1])
    if name in PAIR_LAYERS and len(pairs):
        return float(pairs[("caa" if name == "convergences" else "daa") + level].max())
    return 0.0
