"""Where the project stands: the method's steps (their state read from the data), key figures,
and data-quality warnings."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime

import duckdb
import pandas as pd

from clusterlab import analysis, roles, store
from clusterlab.errors import Conflict, InvalidInput


@dataclass(frozen=True)
class Step:
    key: str  # the catalogue key is "step.<key>"
    phase: str  # one of PHASES; the catalogue names it "phase.<phase in lower case>"
    done: bool
    detail: int  # the figure behind the state (rows found, leaders named, themes of the leaders' SWOT)
    page: str | None  # url path of the page where the step is done
    validated: str | None = None  # the meeting whose decision validated it ("2026-09-15 · CP1"), if one did


# The seed's phases (course notes, "les quatre grandes phases du projet"): 0 the project's preparation,
# I the operational platform (identifying the actors and getting them on board, the interviews, the leaders,
# their diagnosis, the common problems, the perimeter), II capitalising on knowledge and practices,
# III the strategic analysis of the actors (ending on the action programme), IV support for setting up the
# cluster (carrying out the actions).
PHASES = ("0", "I", "II", "III", "IV")
LEADERS_SWOT_SEEN = "seen.leaders_swot:{pid}"  # the `settings` key set when the leaders' SWOT was looked at
SEEN = "swot.leaders_seen"  # the change that records it


def _table_exists(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    return con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]).fetchone()[0] > 0


def _count(con: duckdb.DuckDBPyConnection, sql: str, pid: int, needs: str | None = None) -> int:
    if needs and not _table_exists(con, needs):
        return 0
    return con.execute(sql, [pid]).fetchone()[0]


# Each step read from the store: key, method phase, the table it needs (None: the foundation's), the
# count that says it is done, and the page where it is done. The leaders and their SWOT are read from
# the analysis (`steps`), as their pages show them.
STEP_CHECKS = (
    ("bodies", "0", "bodies", "SELECT count(*) FROM bodies WHERE project_id = ?", "governance"),
    ("actors", "I", None, "SELECT count(*) FROM actors WHERE project_id = ?", "import"),
    ("interviews", "I", None, "SELECT count(*) FROM interviews WHERE project_id = ?", "import"),
    ("problems", "I", "shortlist", "SELECT count(*) FROM shortlist WHERE project_id = ?", "problems"),
    ("perimeter", "I", "perimeter_validations",
     "SELECT count(*) FROM (SELECT event FROM perimeter_validations WHERE project_id = ? "
     "ORDER BY decided_at DESC, rowid DESC LIMIT 1) WHERE event = 'validated'", "perimeter"),
    ("plan", "IV", None,
     "SELECT count(*) FROM actions WHERE project_id = ? AND (progress > 0 OR lower(status) IN "
     "('en cours', 'in progress', 'terminée', 'terminee', 'done', 'réalisée', 'completed'))", "plan"),
    ("objectives", "III", "objectives", "SELECT count(*) FROM objectives WHERE project_id = ?", "strategy"),
)
ORDER = ("bodies", "actors", "interviews", "leaders", "swot", "problems", "perimeter", "objectives", "plan")
# The steps a decision taken at a meeting validates (decisions.VALIDATIONS): its kind for each.
VALIDATED_BY = {"problems": "shortlist", "perimeter": "perimeter", "objectives": "objectives", "plan": "portfolio"}


def steps(con: duckdb.DuckDBPyConnection, pid: int) -> list[Step]:
    """The method's steps and whether each is done, as the pages see the project: the leaders are those
    of the leaders page (the score's or a choice by hand), their SWOT is done once looked at or coded."""
    cur = con.cursor()
    found = {key: Step(key, phase, (n := _count(cur, sql, pid, needs)) > 0, n, page)
             for key, phase, needs, sql, page in STEP_CHECKS}
    a = analysis.of(con, pid)
    leaders = a.leaders
    found["leaders"] = Step("leaders", "I", bool(leaders), len(leaders), "actors")
    said = a.swot_items[a.swot_items["actor_id"].isin(leaders)]
    coded = said["theme_id"].notna().any() if "theme_id" in said else False
    done = bool(leaders) and bool(coded or leaders_swot_seen(con, pid)) and len(said) > 0
    found["swot"] = Step("swot", "I", done, int(said[["field", "theme"]].drop_duplicates().shape[0]), "swot")
    validations = a.validations.set_index("kind")
    for key, kind in VALIDATED_BY.items():
        if kind in validations.index:  # validated at a meeting: done, and the meeting said
            made = validations.loc[kind]
            step = found[key]
            found[key] = replace(step, done=True, detail=max(step.detail, 1),
                                 validated=f"{pd.Timestamp(made['date']):%Y-%m-%d} · {made['meeting']}")
    return [found[key] for key in ORDER]


def leaders_swot_seen(con: duckdb.DuckDBPyConnection, pid: int) -> bool:
    return store.get_setting(con, LEADERS_SWOT_SEEN.format(pid=pid)) is not None


def see_leaders_swot(con: duckdb.DuckDBPyConnection, pid: int, who: roles.Identity | str | None = None) -> bool:
    """Remember, once, that the team looked at the leaders' SWOT (a recorded change of the project, which an
    observer may not make: Forbidden); True when this look was the one remembered."""
    if leaders_swot_seen(con, pid):
        return False
    key = LEADERS_SWOT_SEEN.format(pid=pid)
    try:
        with store.transaction(con, pid, SEEN, None, who) as cur:
            cur.execute("INSERT INTO settings (key, value, saved_at) SELECT ?, ?, current_timestamp "
                        "WHERE NOT EXISTS (SELECT 1 FROM settings WHERE key = ?)",
                        [key, datetime.now(UTC).isoformat(timespec="seconds"), key])
    except Conflict:  # another session remembered it at the same moment
        return False
    return True


def next_step(all_steps: list[Step]) -> Step | None:
    return next((s for s in all_steps if not s.done), None)


def key_figures(con: duckdb.DuckDBPyConnection, pid: int) -> dict[str, float]:
    cur = con.cursor()
    actors, interviewed, interviews = cur.execute("""
        SELECT (SELECT count(*) FROM actors WHERE project_id = $p),
               (SELECT count(DISTINCT actor_id) FROM interviews WHERE project_id = $p),
               (SELECT count(*) FROM interviews WHERE project_id = $p)""", {"p": pid}).fetchone()
    return {"actors": actors, "interviews": interviews, "interviewed": interviewed,
            "interviewed_share": interviewed / actors if actors else 0.0}


def actors_by(inventory: pd.DataFrame, column: str) -> pd.DataFrame:
    """Actors counted by `category`, `stage` or `region` of the analysis's inventory (one spelling per
    variant group; blank shown as missing)."""
    if column not in ("category", "stage", "region"):
        raise InvalidInput("explorer.cross_by", by=column)
    counted = inventory[column].astype(object).value_counts(dropna=False).rename("actors").reset_index()
    return counted.sort_values(["actors", column], ascending=[False, True], na_position="last", ignore_index=True)


def quality_warnings(con: duckdb.DuckDBPyConnection, pid: int) -> dict[str, pd.DataFrame]:
    """Each warning, keyed by catalogue key "quality.<key>", with the rows behind it."""
    cur = con.cursor()
    return {
        "unlinked_partners": cur.execute("""
            SELECT a.name AS actor, i.text AS partner, count(*) AS mentions
            FROM items i JOIN actors a USING (project_id, actor_id)
            WHERE i.project_id = ? AND i.field = 'partners' AND i.linked_actor_id IS NULL
            GROUP BY ALL ORDER BY partner""", [pid]).df(),
        "created_actors": cur.execute("""
            SELECT actor_id, name FROM actors WHERE project_id = ? AND created_from = 'reference'
            ORDER BY name""", [pid]).df(),
        "missing_scales": cur.execute("""
            SELECT actor_id, name, influence, interest FROM actors
            WHERE project_id = ? AND (influence IS NULL OR interest IS NULL) ORDER BY name""", [pid]).df(),
        "never_interviewed": cur.execute("""
            SELECT actor_id, name, category, stage FROM actors a WHERE project_id = $p
            AND NOT EXISTS (SELECT 1 FROM interviews i WHERE i.project_id = $p AND i.actor_id = a.actor_id)
            ORDER BY name""", {"p": pid}).df(),
    }
