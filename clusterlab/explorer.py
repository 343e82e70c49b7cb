"""The interview explorer: each actor's profile, and the answers to the other questions."""
from __future__ import annotations

import duckdb
import pandas as pd

from clusterlab.contract import LIST_FIELDS
from clusterlab.errors import InvalidInput

CROSS_BY = ("category", "stage", "region")


def actors(con: duckdb.DuckDBPyConnection, pid: int, interviewed_only: bool = False) -> pd.DataFrame:
    where = "AND EXISTS (SELECT 1 FROM interviews i WHERE i.project_id = a.project_id " \
            "AND i.actor_id = a.actor_id)" if interviewed_only else ""
    return con.cursor().execute(f"SELECT actor_id, name FROM actors a WHERE project_id = ? {where} ORDER BY name",
                                [pid]).df()


def actor(con: duckdb.DuckDBPyConnection, pid: int, actor_id: str) -> dict:
    row = con.cursor().execute("SELECT * EXCLUDE (project_id, name_key, batch_id) FROM actors "
                               "WHERE project_id = ? AND actor_id = ?", [pid, actor_id]).df()
    return row.iloc[0].to_dict() if len(row) else {}


def interviews(con: duckdb.DuckDBPyConnection, pid: int, actor_id: str) -> pd.DataFrame:
    return con.cursor().execute("""SELECT interview_id, date, interviewer, willingness, capacity_to_participate,
                                          source_file, source_row
                                   FROM interviews WHERE project_id = ? AND actor_id = ?
                                   ORDER BY date NULLS LAST, interview_id""", [pid, actor_id]).df()


def items(con: duckdb.DuckDBPyConnection, pid: int, actor_id: str) -> pd.DataFrame:
    """Everything the actor said, one row per list item, in the contract's field order."""
    df = con.cursor().execute("""SELECT field, text, severity, interview_id FROM items
                                 WHERE project_id = ? AND actor_id = ?
                                 ORDER BY interview_id NULLS LAST, position""", [pid, actor_id]).df()
    df["field"] = pd.Categorical(df["field"], categories=list(LIST_FIELDS), ordered=True)
    return df.sort_values("field", kind="stable").reset_index(drop=True)


def answers(con: duckdb.DuckDBPyConnection, pid: int, actor_id: str) -> pd.DataFrame:
    return con.cursor().execute("""SELECT a.question, a.answer, a.interview_id FROM answers a
                                   JOIN interviews i USING (project_id, interview_id)
                                   WHERE a.project_id = ? AND i.actor_id = ?
                                   ORDER BY a.question""", [pid, actor_id]).df()


def questions(con: duckdb.DuckDBPyConnection, pid: int) -> pd.DataFrame:
    """The other questions, with how many interviews answered each."""
    return con.cursor().execute("""SELECT question, count(*) AS answers, count(DISTINCT answer) AS distinct_answers
                                   FROM answers WHERE project_id = ? GROUP BY question
                                   ORDER BY min(rowid)""", [pid]).df()


def answer_counts(con: duckdb.DuckDBPyConnection, pid: int, question: str, by: str | None = None,
                  inventory: pd.DataFrame | None = None) -> pd.DataFrame:
    """How many interviews gave each answer to `question`, optionally crossed with an actor column of
    `inventory` (the analysis's, with its tidy spellings)."""
    if by is not None and (by not in CROSS_BY or inventory is None):
        raise InvalidInput("explorer.cross_by", by=by)
    said = con.cursor().execute("""
        SELECT a.answer, i.actor_id FROM answers a JOIN interviews i USING (project_id, interview_id)
        WHERE a.project_id = ? AND a.question = ?""", [pid, question]).df()
    keys = ["answer"]
    if by:
        said[by] = said["actor_id"].map(inventory.set_index("actor_id")[by]).fillna("—")
        keys.append(by)
    counted = said.groupby(keys, sort=False).size().rename("interviews").reset_index()
    return counted.sort_values(["interviews", *keys], ascending=[False, *([True] * len(keys))], ignore_index=True)
