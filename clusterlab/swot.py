"""The SWOT of an actor, a group or the whole cluster, and its cross matrix (seed: strengths ×
opportunities = favourable combination, weaknesses × threats = unfavourable, the two others to refine)."""
from __future__ import annotations

import duckdb
import pandas as pd

from clusterlab import store, themes
from clusterlab.contract import SWOT_FIELDS
from clusterlab.errors import InvalidInput, NotFound
from clusterlab.i18n import t

COMBINATIONS = {  # combination: (row field, column field, what the seed calls it)
    "SO": ("strengths", "opportunities", "favourable"),
    "ST": ("strengths", "threats", "to_refine"),
    "WO": ("weaknesses", "opportunities", "to_refine"),
    "WT": ("weaknesses", "threats", "unfavourable"),
}


def items(con: duckdb.DuckDBPyConnection, pid: int) -> pd.DataFrame:
    """Every SWOT item with its theme."""
    return themes.items(con, pid, SWOT_FIELDS)


def matrix(coded: pd.DataFrame, actor_ids: set[str] | None = None,
           weights: pd.Series | None = None) -> pd.DataFrame:
    """Per quadrant, each theme with the number of actors who said it, its mentions and those from
    the room (items typed in a workshop, said by no actor: counted in the cluster's SWOT only), weighted
    when `weights` (per actor) is given, sorted by weight then actors."""
    df = coded if actor_ids is None else coded[coded["actor_id"].isin(actor_ids)]
    per_actor = df.drop_duplicates(["field", "theme", "actor_id"])
    counts = per_actor.groupby(["field", "theme"]).agg(actors=("actor_id", "nunique")).reset_index()
    mentions = df.assign(room=df["actor_id"].isna()).groupby(["field", "theme"]).agg(
        mentions=("room", "size"), room=("room", "sum")).reset_index()
    out = counts.merge(mentions, on=["field", "theme"])
    out["room"] = out["room"].astype(int)
    if weights is not None:
        w = per_actor.assign(w=per_actor["actor_id"].map(weights).fillna(0.0)).groupby(["field", "theme"])["w"].sum()
        out["weight"] = out.set_index(["field", "theme"]).index.map(w).astype(float).round(3)
    else:
        out["weight"] = out["actors"].astype(float)
    out["field"] = pd.Categorical(out["field"], categories=list(SWOT_FIELDS), ordered=True)
    out = out.sort_values(["field", "weight", "actors", "theme"], ascending=[True, False, False, True],
                          ignore_index=True)
    out["field"] = out["field"].astype(str)
    return out[["field", "theme", "actors", "mentions", "weight", "room"]]


def who_said(coded: pd.DataFrame, field: str, theme: str, actor_ids: set[str] | None = None,
             lang: str = "en") -> pd.DataFrame:
    """The actors behind a theme, with their own wording; an item from the room names its source
    "from the room — <author>"."""
    df = coded[(coded["field"] == field) & (coded["theme"] == theme)]
    if actor_ids is not None:
        df = df[df["actor_id"].isin(actor_ids)]
    out = df[["actor_id", "actor", "text", "interview_id"]].reset_index(drop=True)
    out["actor"] = sources(df, lang).reset_index(drop=True)
    return out


def sources(df: pd.DataFrame, lang: str = "en") -> pd.Series:
    """Who said each item: its actor's name, else "from the room — <author>" in `lang`."""
    room = [t("swot.from_room", lang, author=a if isinstance(a, str) and a else "?") for a in df["author"]]
    return df["actor"].astype(object).where(df["actor_id"].notna(), pd.Series(room, index=df.index, dtype=object))


def compare(coded: pd.DataFrame, group_a: set[str], group_b: set[str]) -> pd.DataFrame:
    """Themes with how many actors of each group said them, and which group alone did."""
    a = matrix(coded, group_a)[["field", "theme", "actors"]].rename(columns={"actors": "actors_a"})
    b = matrix(coded, group_b)[["field", "theme", "actors"]].rename(columns={"actors": "actors_b"})
    out = a.merge(b, on=["field", "theme"], how="outer").fillna({"actors_a": 0, "actors_b": 0})
    out[["actors_a", "actors_b"]] = out[["actors_a", "actors_b"]].astype(int)
    out["only"] = ["a" if y == 0 else "b" if x == 0 else "" for x, y in zip(out["actors_a"], out["actors_b"],
                                                                          strict=True)]
    out["field"] = pd.Categorical(out["field"], categories=list(SWOT_FIELDS), ordered=True)
    out = out.sort_values(["field", "only", "actors_a", "actors_b"], ascending=[True, True, False, False],
                          ignore_index=True)
    out["field"] = out["field"].astype(str)
    return out


def add_item(con: duckdb.DuckDBPyConnection, pid: int, actor_id: str | None, field: str, text: str, author: str,
             who: str | None = None) -> None:
    """An item typed in the room, stored with its author and date: "from the room" (said by its
    author, no actor) unless an actor is chosen explicitly."""
    if field not in SWOT_FIELDS:
        raise InvalidInput("swot.unknown_field", field=field)
    text, author = str(text or "").strip(), str(author or "").strip()
    if not text:
        raise InvalidInput("swot.empty_item")
    if not actor_id and not author:
        raise InvalidInput("swot.no_author")
    actor_id = actor_id or None
    with store.transaction(con, pid, "swot.add_item", {"actor_id": actor_id, "field": field}, who) as cur:
        if actor_id is not None and not cur.execute("SELECT count(*) FROM actors WHERE project_id = ? AND actor_id = ?",
                                                    [pid, actor_id]).fetchone()[0]:
            raise NotFound("swot.no_actor", actor_id=actor_id)
        position = cur.execute("SELECT coalesce(max(position), 0) + 1 FROM items WHERE project_id = ? "
                               "AND actor_id IS NOT DISTINCT FROM ? AND field = ? AND interview_id IS NULL",
                               [pid, actor_id, field]).fetchone()[0]
        cur.execute("""INSERT INTO items (project_id, interview_id, actor_id, field, position, text, author, added_at)
                       VALUES (?, NULL, ?, ?, ?, ?, ?, current_timestamp)""",
                    [pid, actor_id, field, position, text, author or None])


# -- the cross matrix's strategic options, stored at once ------------------------------------------

def options(con: duckdb.DuckDBPyConnection, pid: int) -> pd.DataFrame:
    return con.cursor().execute("""SELECT option_id, combination, theme_a, theme_b, option, author, created_at,
                                          action_id FROM cross_options WHERE project_id = ?
                                   ORDER BY combination, option_id""", [pid]).df()


def add_option(con: duckdb.DuckDBPyConnection, pid: int, combination: str, theme_a: str, theme_b: str,
               option: str, author: str = "", who: str | None = None) -> int:
    if combination not in COMBINATIONS:
        raise InvalidInput("swot.unknown_combination", combination=combination)
    if not option.strip() or not str(theme_a or "").strip() or not str(theme_b or "").strip():
        raise InvalidInput("swot.empty_option")
    with store.transaction(con, pid, "swot.add_option", {"combination": combination}, who) as cur:
        return store.insert_row(cur, "cross_options", {
            "project_id": pid, "combination": combination, "theme_a": theme_a, "theme_b": theme_b,
            "option": option.strip(), "author": author.strip() or None}, "option_id")


def send_to_plan(con: duckdb.DuckDBPyConnection, pid: int, option_id: int, who: str | None = None) -> str:
    """Make an option a candidate action of the action plan; returns the action's id (the same one
    when it was sent already)."""
    with store.transaction(con, pid, "swot.send_to_plan", {"option_id": option_id}, who) as cur:
        row = cur.execute("SELECT combination, theme_a, theme_b, option, action_id FROM cross_options "
                          "WHERE project_id = ? AND option_id = ?", [pid, option_id]).fetchone()
        if row is None:
            raise NotFound("swot.no_option", option_id=option_id)
        combination, theme_a, theme_b, option, action_id = row
        if action_id:
            return action_id
        taken = {r[0] for r in cur.execute("SELECT action_id FROM actions WHERE project_id = ?", [pid]).fetchall()}
        n = 1
        while f"SWOT{n:03d}" in taken:
            n += 1
        action_id = f"SWOT{n:03d}"
        cur.execute("""INSERT INTO actions (project_id, action_id, title, description, status)
                       VALUES (?, ?, ?, ?, 'candidate')""",
                    [pid, action_id, option, f"{combination}: {theme_a} × {theme_b}"])
        cur.execute("UPDATE cross_options SET action_id = ? WHERE option_id = ?", [action_id, option_id])
        return action_id


def summary(coded: pd.DataFrame, inventory: pd.DataFrame) -> pd.DataFrame:
    """The cluster's SWOT: theme, quadrant, actors citing, weight (by influence) — exported as swot_summary.csv."""
    influence = inventory.set_index("actor_id")["influence"].astype(float)
    return matrix(coded, weights=influence.fillna(0)).rename(columns={"field": "quadrant"})
