"""Where the project stands: the method's steps (their state read from the data), key figures,
and data-quality warnings."""
from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from clusterlab.errors import InvalidInput


@dataclass(frozen=True)
class Step:
    key: str  # the catalogue key is "step.<key>"
    phase: str
    done: bool
    detail: int  # the figure behind the state (rows found)
    page: str | None  # url path of the page where the step is done


def _table_exists(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    return con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]).fetchone()[0] > 0


def _count(con: duckdb.DuckDBPyConnection, sql: str, pid: int, needs: str | None = None) -> int:
    if needs and not _table_exists(con, needs):
        return 0
    return con.execute(sql, [pid]).fetchone()[0]


# Each step: key, method phase, the table it needs (None: the foundation's), the count that says
# it is done, and the page where it is done. Pages of later steps are added as they are built.
STEP_CHECKS = (
    ("actors", "0", None, "SELECT count(*) FROM actors WHERE project_id = ?", "import"),
    ("interviews", "0", None, "SELECT count(*) FROM interviews WHERE project_id = ?", "import"),
    ("leaders", "I", "leader_overrides",
     "SELECT count(*) FROM leader_overrides WHERE project_id = ? AND is_leader", "actors"),
    ("swot", "I", "themes", "SELECT count(*) FROM themes WHERE project_id = ? AND field IN "
     "('strengths', 'weaknesses', 'opportunities', 'threats')", "swot"),
    ("problems", "I", "shortlist", "SELECT count(*) FROM shortlist WHERE project_id = ?", "problems"),
    ("perimeter", "I", "perimeter_validations",
     "SELECT count(*) FROM (SELECT event FROM perimeter_validations WHERE project_id = ? "
     "ORDER BY decided_at DESC, rowid DESC LIMIT 1) WHERE event = 'validated'", "perimeter"),
    ("plan", "II–IV", None,
     "SELECT count(*) FROM actions WHERE project_id = ? AND (progress > 0 OR lower(status) IN "
     "('en cours', 'in progress', 'terminée', 'terminee', 'done', 'réalisée', 'completed'))", "plan"),
)


def steps(con: duckdb.DuckDBPyConnection, pid: int) -> list[Step]:
    cur = con.cursor()
    return [Step(key, phase, (n := _count(cur, sql, pid, needs)) > 0, n, page)
            for key, phase, needs, sql, page in STEP_CHECKS]


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
