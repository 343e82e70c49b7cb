"""What points at a theme or a problem by its name, and how it follows a change of the coding.

The analysis names a problem (or a SWOT theme) by the label it is counted under: pairwise comparisons,
votes and ballots, the short list, perimeter scenarios, actions and cross-matrix options all hold that
label. When the analyst renames, merges or splits themes, `follow` moves every reference to the new
name within the same write; a name that splits into several can no longer be followed, and `lost`
lists what then points at nothing, so that a page can say so instead of failing."""
from __future__ import annotations

import json
from collections import defaultdict

import duckdb
import pandas as pd

from clusterlab.contract import SWOT_FIELDS

# cross-matrix options name a theme of their row field in theme_a and of their column field in theme_b
_OPTION_COLUMN = {"strengths": "theme_a", "weaknesses": "theme_a", "opportunities": "theme_b", "threats": "theme_b"}


def renamed(before: dict[str, str], after: dict[str, str]) -> dict[str, str]:
    """Old name → new name, for every name whose wordings all moved to one other name."""
    targets: dict[str, set[str]] = defaultdict(set)
    for key, old in before.items():
        targets[old].add(after.get(key, old))
    still_there = set(after.values())
    return {old: next(iter(new)) for old, new in targets.items()
            if len(new) == 1 and old not in new and old not in still_there}


def follow(cur: duckdb.DuckDBPyConnection, pid: int, field: str, before: dict[str, str],
           after: dict[str, str]) -> dict[str, str]:
    """Move every reference to a renamed theme of `field` to its new name, within the caller's
    transaction. Returns the renaming applied."""
    mapping = renamed(before, after)
    if not mapping:
        return mapping
    if field in SWOT_FIELDS:
        column = _OPTION_COLUMN[field]
        _update_column(cur, pid, "cross_options", column, mapping)
    elif field == "problems":
        _update_column(cur, pid, "actions", "problem", mapping)
        _follow_ballots(cur, pid, mapping)
        _follow_shortlist(cur, pid, mapping)
        _follow_pairwise(cur, pid, mapping)
        _follow_json_lists(cur, pid, "votes", "vote_id", "problems", None, mapping)
        _follow_json_lists(cur, pid, "perimeters", "scenario_id", "choice", "problems", mapping)
        _follow_json_lists(cur, pid, "joint_projects", "joint_id", "problems", None, mapping)
    elif field == "projects":  # the themes a candidate joint project gathers (portfolio.py)
        _follow_json_lists(cur, pid, "joint_projects", "joint_id", "themes", None, mapping)
    return mapping


def _mapping_values(mapping: dict[str, str]) -> tuple[str, list[str]]:
    rows = ", ".join("(?, ?)" for _ in mapping)
    return f"(VALUES {rows}) m(old, new)", [v for pair in mapping.items() for v in pair]


def _update_column(cur: duckdb.DuckDBPyConnection, pid: int, table: str, column: str, mapping: dict[str, str]) -> None:
    values, params = _mapping_values(mapping)
    cur.execute(f"UPDATE {table} SET {column} = m.new FROM {values} "
                f"WHERE {table}.project_id = ? AND {table}.{column} = m.old", [*params, pid])


def _follow_ballots(cur: duckdb.DuckDBPyConnection, pid: int, mapping: dict[str, str]) -> None:
    values, params = _mapping_values(mapping)
    cur.execute(f"UPDATE ballots SET problem = m.new FROM {values} WHERE ballots.problem = m.old "
                "AND ballots.vote_id IN (SELECT vote_id FROM votes WHERE project_id = ?)", [*params, pid])


def _follow_shortlist(cur: duckdb.DuckDBPyConnection, pid: int, mapping: dict[str, str]) -> None:
    """One row per problem: two retained problems merged keep the first decision and both reasons."""
    rows = cur.execute("SELECT problem, reason, decided_at, batch_id FROM shortlist WHERE project_id = ? "
                       "ORDER BY decided_at, problem", [pid]).fetchall()
    if not any(problem in mapping for problem, *_ in rows):
        return
    kept: dict[str, list] = {}
    for problem, reason, decided_at, batch_id in rows:
        name = mapping.get(problem, problem)
        if name in kept:
            reasons = [r for r in (kept[name][0], reason) if r]
            kept[name][0] = " / ".join(dict.fromkeys(reasons)) or None
        else:
            kept[name] = [reason, decided_at, batch_id]
    cur.execute("DELETE FROM shortlist WHERE project_id = ?", [pid])
    cur.executemany("INSERT INTO shortlist (project_id, problem, reason, decided_at, batch_id) VALUES (?, ?, ?, ?, ?)",
                    [[pid, name, *rest] for name, rest in kept.items()])


def _follow_pairwise(cur: duckdb.DuckDBPyConnection, pid: int, mapping: dict[str, str]) -> None:
    """Comparisons follow their problems; a comparison of two problems now merged into one is dropped,
    and of two comparisons now of the same pair, the later stands."""
    rows = cur.execute("SELECT problem_a, problem_b, winner, decided_at, batch_id FROM pairwise WHERE project_id = ? "
                       "ORDER BY decided_at", [pid]).fetchall()
    if not any(a in mapping or b in mapping for a, b, *_ in rows):
        return
    kept: dict[tuple[str, str], list] = {}
    for a, b, winner, decided_at, batch_id in rows:
        a2, b2 = mapping.get(a, a), mapping.get(b, b)
        if a2 == b2:
            continue
        winner = mapping.get(winner, winner)
        kept[tuple(sorted((a2, b2)))] = [winner, decided_at, batch_id]
    cur.execute("DELETE FROM pairwise WHERE project_id = ?", [pid])
    if kept:
        cur.executemany("INSERT INTO pairwise (project_id, problem_a, problem_b, winner, decided_at, batch_id) "
                        "VALUES (?, ?, ?, ?, ?, ?)", [[pid, a, b, *rest] for (a, b), rest in kept.items()])


def _follow_json_lists(cur: duckdb.DuckDBPyConnection, pid: int, table: str, key: str, column: str,
                       member: str | None, mapping: dict[str, str]) -> None:
    """A JSON list of names (or a JSON object's list `member`) renamed in place, without duplicates."""
    for row_id, text in cur.execute(f"SELECT {key}, {column} FROM {table} WHERE project_id = ?", [pid]).fetchall():
        data = json.loads(text) if text else ([] if member is None else {})
        names = data.get(member, []) if member else data
        moved = list(dict.fromkeys(mapping.get(n, n) for n in names))
        if moved == names:
            continue
        if member:
            data[member] = moved
        else:
            data = moved
        cur.execute(f"UPDATE {table} SET {column} = ? WHERE project_id = ? AND {key} = ?",
                    [json.dumps(data, ensure_ascii=False), pid, row_id])


def lost(known: set[str], pairs: dict[tuple[str, str], str], shortlisted: set[str], vote_problems: set[str],
         scenario_problems: set[str]) -> pd.DataFrame:
    """References to problems that no longer exist under any name (after a split, or a problem whose
    items were removed): where each is, and which name it holds. (An action's problem is free text,
    typed in a workbook as often as chosen: the plan lists the short-listed problems no action answers.)"""
    rows = [("pairwise", name) for a, b in pairs for name in (a, b) if name not in known]
    rows += [("shortlist", name) for name in sorted(shortlisted - known)]
    rows += [("votes", name) for name in sorted(vote_problems - known)]
    rows += [("perimeters", name) for name in sorted(scenario_problems - known)]
    return pd.DataFrame(rows, columns=["where", "problem"]).drop_duplicates(ignore_index=True)
