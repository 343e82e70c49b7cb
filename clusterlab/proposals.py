"""What MACTOR's matrices can be pre-filled with from what the project knows, each cell with its evidence.

- Influences (MID, 0–4): a relation from A to B says A acts on B. Its strength (1–5) gives the level:
  1–2 → 1 (operating processes), 3 → 2 (projects), 4 → 3 (missions), 5 → 4 (existence); a relation without
  a strength (an interview partner) counts 1. A negative relation (conflict, rivalry: the setting
  `relations.negative_types`) touches both sides' projects: at least 2 each way. An actor whose influence
  score (1–5) is 4 or more gets one level more on each of its ties (4 at most). The strongest evidence wins.
- Positions (2MAO, −4…+4): an actor's priorities, projects, expectations and problems that share the
  significant words of an objective (two of them, folded: no case, no accents) make it for the objective: a priority 3,
  a project 2, an expectation or a problem 2; the strongest item wins. The evidence is who said what.
Nothing proposed is taken as confirmed: the analyst confirms or changes each cell.
"""
from __future__ import annotations

import pandas as pd

from clusterlab.text import name_key

STRENGTH_LEVEL = {1: 1, 2: 1, 3: 2, 4: 3, 5: 4}
# The words an influence's evidence is written with (codes: the page says them in its language, `evidence_words`)
PARTNER, SCORE = "interview", " + influence score"
STRONG_INFLUENCE = 4
FIELD_LEVEL = {"priorities": 3, "projects": 2, "expectations": 2, "problems": 2}
SMALL_WORDS = frozenset("""
a au aux avec ce ces dans de des du en et l la le les leur leurs ou par pour sur un une d s qu que qui se sa son
the of and to for in on with by an or at from as its their our
amelioration ameliorer developper developpement renforcer renforcement assurer favoriser mettre place
improve improving develop development strengthen ensure promote better new plus more""".split())


def influences(links: pd.DataFrame, inventory: pd.DataFrame, actor_ids: list[str]) -> pd.DataFrame:
    """Proposed cells among `actor_ids`: from_actor_id, to_actor_id, value, evidence."""
    inside = set(actor_ids)
    strong = set(inventory.loc[pd.to_numeric(inventory["influence"], errors="coerce") >= STRONG_INFLUENCE,
                               "actor_id"]) if "influence" in inventory else set()
    best: dict[tuple[str, str], tuple[int, str]] = {}

    def propose(a: str, b: str, level: int, why: str) -> None:
        if a == b or a not in inside or b not in inside:
            return
        level = min(4, level + (1 if a in strong else 0))
        if (a, b) not in best or level > best[(a, b)][0]:
            best[(a, b)] = (level, why + (SCORE if a in strong else ""))

    negative = links["negative"] if "negative" in links else pd.Series(False, index=links.index)
    for s, t, kind, strength, origin, bad in zip(links["source"], links["target"], links["type"],
                                                 links["strength"], links["origin"], negative):
        level = STRENGTH_LEVEL.get(int(strength), 1) if pd.notna(strength) else 1
        kind = kind if isinstance(kind, str) and kind else origin
        why = f"{kind}" + (f" ({int(strength)})" if pd.notna(strength) else "")
        if bad:
            propose(s, t, max(2, level), why)
            propose(t, s, max(2, level), why)
        else:
            propose(s, t, level, why)
    rows = [{"from_actor_id": a, "to_actor_id": b, "value": v, "evidence": e} for (a, b), (v, e) in best.items()]
    return pd.DataFrame(rows, columns=["from_actor_id", "to_actor_id", "value", "evidence"]).sort_values(
        ["from_actor_id", "to_actor_id"], ignore_index=True)


def significant(text: object) -> set[str]:
    """The words of a text that carry its meaning: folded, singular, without small and generic words."""
    words = set()
    for word in name_key(text).split():
        word = word[:-1] if len(word) > 3 and word.endswith(("s", "x")) else word
        if len(word) > 2 and word not in SMALL_WORDS:
            words.add(word)
    return words


def matches(objective: str, item: str) -> bool:
    """True when an item speaks of the objective: it holds two of the objective's significant words (its one
    word, when it has only one)."""
    wanted = significant(objective)
    if not wanted:
        return False
    shared = len(wanted & significant(item))
    return shared >= min(2, len(wanted))


def positions(items: pd.DataFrame, objectives: pd.DataFrame, actor_ids: list[str]) -> pd.DataFrame:
    """Proposed cells among `actor_ids`: actor_id, objective_id, value, evidence ("Name — priorities: …").

    `items`: actor_id, actor (name), field, text."""
    inside = set(actor_ids)
    said = items[items["field"].isin(tuple(FIELD_LEVEL)) & items["actor_id"].isin(inside)]
    best: dict[tuple[str, str], tuple[int, list[str]]] = {}
    for objective_id, objective in zip(objectives["objective_id"], objectives["objective"]):
        for actor_id, name, field, text in zip(said["actor_id"], said["actor"], said["field"], said["text"]):
            if not matches(objective, text):
                continue
            level, quotes = best.get((actor_id, objective_id), (0, []))
            quotes.append(f"{name} — {field}: {text}")
            best[(actor_id, objective_id)] = (max(level, FIELD_LEVEL[field]), quotes)
    rows = [{"actor_id": a, "objective_id": o, "value": v, "evidence": " | ".join(dict.fromkeys(q))}
            for (a, o), (v, q) in best.items()]
    return pd.DataFrame(rows, columns=["actor_id", "objective_id", "value", "evidence"]).sort_values(
        ["actor_id", "objective_id"], ignore_index=True)
