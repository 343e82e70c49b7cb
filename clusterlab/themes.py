"""Themes: the analyst's grouping of items that say the same thing, one coding used by every
view and export (SWOT items and problems alike).

A wording is an item's text reduced to its key (case, accents, spacing, plurals and small words
ignored: `Prix du lait  instables` and `PRIX DU LAIT INSTABLE` share one). Wordings are coded into
themes per field; a wording not coded yet stands for itself."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from difflib import SequenceMatcher

import duckdb
import pandas as pd

from clusterlab import references, store
from clusterlab.errors import InvalidInput, NotFound
from clusterlab.text import fold, tokens

SIMILAR = 0.75  # how alike two wordings must be to be proposed as one theme
STEM = 5  # words compared by their first letters: "instabilité" and "instable" are one word here


def wording_key(text: object) -> str:
    return " ".join(tokens(text))


def similarity(a: str, b: str) -> float:
    """How alike two wording keys are: the larger of their character similarity and the share of
    their words (by their first letters) in common."""
    words_a, words_b = {w[:STEM] for w in a.split()}, {w[:STEM] for w in b.split()}
    jaccard = len(words_a & words_b) / len(words_a | words_b) if words_a | words_b else 0.0
    return max(SequenceMatcher(None, a, b).ratio(), jaccard)


def items(con: duckdb.DuckDBPyConnection, pid: int, fields: tuple[str, ...]) -> pd.DataFrame:
    """Every item of `fields`, with its wording key and its theme (the coded one, else the wording's own)."""
    return _items(con.cursor(), pid, fields)


def _items(cur: duckdb.DuckDBPyConnection, pid: int, fields: tuple[str, ...]) -> pd.DataFrame:
    """`items`, read on `cur` as it is (within the caller's transaction, when there is one)."""
    df = cur.execute(f"""
        SELECT i.actor_id, a.name AS actor, i.interview_id, i.field, i.text, i.severity, i.author
        FROM items i LEFT JOIN actors a USING (project_id, actor_id)  -- an item from the room has no actor
        WHERE i.project_id = ? AND i.field IN ({", ".join("?" * len(fields))})
        ORDER BY i.field, i.actor_id, i.position""", [pid, *fields]).df()
    texts = df["text"].unique()
    df["wording_key"] = df["text"].map(dict(zip(texts, map(wording_key, texts), strict=True))).astype(df["text"].dtype)
    coded = _coding(cur, pid)
    df = df.merge(coded[["field", "wording_key", "theme_id", "label"]], on=["field", "wording_key"], how="left")
    df = df.merge(_own_texts(df), on=["field", "wording_key"], how="left")
    df["theme"] = df["label"].where(df["label"].notna(), df["own_text"])
    return df.drop(columns=["label", "own_text"])


def _own_texts(df: pd.DataFrame) -> pd.DataFrame:
    """Each wording's most frequent text (the first met on a tie): what names it while it is in no theme."""
    counted = df.groupby(["field", "wording_key", "text"], sort=False).size().rename("n").reset_index()
    counted["order"] = range(len(counted))
    best = counted.sort_values(["n", "order"], ascending=[False, True]).drop_duplicates(["field", "wording_key"])
    return best[["field", "wording_key", "text"]].rename(columns={"text": "own_text"})


def coding(con: duckdb.DuckDBPyConnection, pid: int) -> pd.DataFrame:
    """The stored coding: which wording belongs to which theme."""
    return _coding(con.cursor(), pid)


def _coding(cur: duckdb.DuckDBPyConnection, pid: int) -> pd.DataFrame:
    return cur.execute("""
        SELECT w.field, w.wording_key, t.theme_id, t.label FROM theme_wordings w JOIN themes t USING (theme_id)
        WHERE w.project_id = ? ORDER BY w.field, t.label, w.wording_key""", [pid]).df()


def wordings(df: pd.DataFrame) -> pd.DataFrame:
    """Each wording of each field: its most frequent text, mentions, actors, and its theme if coded."""
    grouped = df.groupby(["field", "wording_key"], sort=False)
    out = grouped.agg(text=("text", lambda t: t.value_counts().index[0]), mentions=("text", "size"),
                      actors=("actor_id", "nunique"), theme_id=("theme_id", "first")).reset_index()
    return out.sort_values(["field", "actors", "mentions", "text"], ascending=[True, False, False, True],
                           ignore_index=True)


def proposals(df: pd.DataFrame, threshold: float = SIMILAR) -> pd.DataFrame:
    """Groups of wordings that look alike and are not yet in one theme: `group` numbers them, the
    first wording of a group (the most cited) names it."""
    rows = []
    group = 0
    for field, words in wordings(df).groupby("field", sort=True):
        clusters: list[list[dict]] = []
        for word in words.to_dict("records"):
            for cluster in clusters:
                if similarity(cluster[0]["wording_key"], word["wording_key"]) >= threshold:
                    cluster.append(word)
                    break
            else:
                clusters.append([word])
        for cluster in clusters:
            themes = {w["theme_id"] for w in cluster}
            if len(cluster) < 2 or (len(themes) == 1 and not pd.isna(next(iter(themes)))):
                continue
            group += 1
            rows += [{**w, "group": group, "field": field} for w in cluster]
    columns = ["group", "field", "wording_key", "text", "mentions", "actors", "theme_id"]
    return pd.DataFrame(rows, columns=columns)


# -- the analyst's coding, stored at once ------------------------------------------------------
# Each change is one recorded write; what points at a theme by its name (pairwise comparisons, votes,
# the short list, perimeters, actions, cross-matrix options) follows it in the same write (references.py).

def create(con: duckdb.DuckDBPyConnection, pid: int, field: str, label: str, keys: list[str],
           who: str | None = None) -> int:
    """A new theme holding these wordings (taken from any theme they were in)."""
    label = _label(label)
    with _coding_change(con, pid, field, "themes.create", {"label": label, "wordings": len(keys)}, who) as cur:
        theme_id = store.insert_row(cur, "themes", {"project_id": pid, "field": field, "label": label}, "theme_id")
        for key in keys:
            cur.execute("INSERT OR REPLACE INTO theme_wordings (project_id, field, wording_key, theme_id) "
                        "VALUES (?, ?, ?, ?)", [pid, field, key, theme_id])
        _drop_empty(cur, pid)
    return theme_id


def rename(con: duckdb.DuckDBPyConnection, pid: int, theme_id: int, label: str, who: str | None = None) -> None:
    label = _label(label)
    field = _field_of(con, pid, theme_id)
    with _coding_change(con, pid, field, "themes.rename", {"theme_id": theme_id, "label": label}, who) as cur:
        cur.execute("UPDATE themes SET label = ? WHERE project_id = ? AND theme_id = ?", [label, pid, theme_id])


def merge(con: duckdb.DuckDBPyConnection, pid: int, into: int, others: list[int], who: str | None = None) -> None:
    """Move every wording of `others` into theme `into`."""
    field = _field_of(con, pid, into)
    with _coding_change(con, pid, field, "themes.merge", {"into": into, "others": others}, who) as cur:
        for other in others:
            if other != into:
                cur.execute("UPDATE theme_wordings SET theme_id = ? WHERE project_id = ? AND theme_id = ?",
                            [into, pid, other])
        _drop_empty(cur, pid)


def split(con: duckdb.DuckDBPyConnection, pid: int, field: str, keys: list[str], who: str | None = None) -> None:
    """Take wordings out of their theme: each stands for itself again."""
    with _coding_change(con, pid, field, "themes.split", {"wordings": len(keys)}, who) as cur:
        for key in keys:
            cur.execute("DELETE FROM theme_wordings WHERE project_id = ? AND field = ? AND wording_key = ?",
                        [pid, field, key])
        _drop_empty(cur, pid)


def search(words: pd.DataFrame, query: str) -> pd.DataFrame:
    """The wordings (rows of `wordings`) whose text holds `query`, case and accents aside (Arabic's
    optional marks and hamza forms too: `الأمل` finds `الامل`), or whose key holds the query's key
    (`prix instables` finds `Prix du lait instable`); every wording for an empty query."""
    query = str(query or "").strip()
    if not query or words.empty:
        return words
    folded, key = fold(query), wording_key(query)
    found = words["text"].map(lambda t: folded in fold(t))
    if key:
        found |= words["wording_key"].map(lambda k: all(w in k.split() for w in key.split()))
    return words[found.astype(bool)]


def group(con: duckdb.DuckDBPyConnection, pid: int, field: str, keys: list[str], label: str = "",
          into: int | None = None, who: str | None = None) -> int:
    """Wordings picked by hand, grouped into one theme: theme `into`, else the theme named `label`
    (a new one, or the theme of `field` that already bears that name). Returns the theme's id."""
    keys = list(dict.fromkeys(str(k) for k in keys if str(k or "").strip()))
    if not keys:
        raise InvalidInput("themes.no_wordings")
    if into is None:
        label = _label(label)
        named = con.cursor().execute("SELECT min(theme_id) FROM themes WHERE project_id = ? AND field = ? "
                                     "AND label = ?", [pid, field, label]).fetchone()[0]
        if named is None:
            return create(con, pid, field, label, keys, who)
        into = named
    if _field_of(con, pid, into) != field:
        raise NotFound("themes.not_found", theme_id=into)
    with _coding_change(con, pid, field, "themes.group", {"into": int(into), "wordings": len(keys)}, who) as cur:
        for key in keys:
            cur.execute("INSERT OR REPLACE INTO theme_wordings (project_id, field, wording_key, theme_id) "
                        "VALUES (?, ?, ?, ?)", [pid, field, key, int(into)])
        _drop_empty(cur, pid)
    return int(into)


def _label(label: str) -> str:
    if not str(label).strip():
        raise InvalidInput("themes.empty_label")
    return str(label).strip()


def _field_of(con: duckdb.DuckDBPyConnection, pid: int, theme_id: int) -> str:
    row = con.cursor().execute("SELECT field FROM themes WHERE project_id = ? AND theme_id = ?",
                               [pid, int(theme_id)]).fetchone()
    if row is None:
        raise NotFound("themes.not_found", theme_id=theme_id)
    return row[0]


@contextmanager
def _coding_change(con: duckdb.DuckDBPyConnection, pid: int, field: str, action: str, detail: dict,
                   who: str | None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A change of the coding of `field`, as one recorded write: the names each wording was counted
    under before and after are compared, and every reference follows its theme."""
    with store.transaction(con, pid, action, detail, who) as cur:
        before = labels(cur, pid, field)
        yield cur
        references.follow(cur, pid, field, before, labels(cur, pid, field))


def labels(cur: duckdb.DuckDBPyConnection, pid: int, field: str) -> dict[str, str]:
    """Each wording of `field` and the name it is counted under (its theme's, else its own text),
    read on `cur` as it is."""
    said = _items(cur, pid, (field,))
    return dict(zip(said["wording_key"], said["theme"], strict=True))


def _drop_empty(cur, pid: int) -> None:
    cur.execute("""DELETE FROM themes t WHERE project_id = ? AND NOT EXISTS
                   (SELECT 1 FROM theme_wordings w WHERE w.theme_id = t.theme_id)""", [pid])


def themes(con: duckdb.DuckDBPyConnection, pid: int, field: str | None = None) -> pd.DataFrame:
    sql = "SELECT theme_id, field, label FROM themes WHERE project_id = ?"
    args: list = [pid]
    if field:
        sql += " AND field = ?"
        args.append(field)
    return con.cursor().execute(sql + " ORDER BY field, label", args).df()
