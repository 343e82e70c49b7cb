"""The portfolio of joint projects (phase III): candidate projects gathered from the project ideas
several actors carry (the `projects` field's themes, themes.py), scored on the operability grid, the
analyst's verdict (retained as "projet mobilisateur", to mature, dropped), and the retained ones sent
to the action plan as a group of actions (the plan's `project` field).

The grid: each criterion scored 0–1, the score their weighted mean (weights in settings.py, `portfolio.*`).
- relevance: short-listed problems it answers, full marks at `portfolio.full_problems`;
- coherence: cross-matrix options it answers, full marks at `portfolio.full_options`;
- actors: committed actors, each weighing its influence / 5 (3/5 when unknown), full at `portfolio.full_actors`;
- leader: 1 when its carrier is a leader, 0.5 when a leader is among its actors but does not carry it, else 0;
- capacity: the mean capacity to participate (1–5) of its actors, as (mean − 1) / 4; 0 when none is known;
- funding: the funding prospects the room gives it (0–4), / 4; 0 until scored;
- time: months to a first result m, as (horizon − m) / horizon within 0–1 (`portfolio.horizon_months`); 0 until scored.
Impact is the weighted mean of relevance and coherence; feasibility, of the five others."""
from __future__ import annotations

import json
from datetime import date

import duckdb
import pandas as pd

from clusterlab import audit, plan, roles, store
from clusterlab.errors import InvalidInput, NotFound
from clusterlab.text import name_key, tokens

VERDICTS = ("retained", "to_mature", "dropped")
CRITERIA = ("relevance", "coherence", "actors", "leader", "capacity", "funding", "time")
IMPACT = ("relevance", "coherence")
FEASIBILITY = ("actors", "leader", "capacity", "funding", "time")
LISTS = ("themes", "actors", "problems", "options", "objectives")
FUNDING_MAX = 4
UNKNOWN_INFLUENCE = 3.0
# The actions a retained project becomes: (catalogue key of the step, phase, months, share of the budget).
STEPS = (("portfolio.step_study", "III", 3, 0.1), ("portfolio.step_setup", "III", 3, 0.3),
         ("portfolio.step_launch", "IV", 6, 0.6))


# -- reading ---------------------------------------------------------------------------------------

def stored(con: duckdb.DuckDBPyConnection, pid: int) -> pd.DataFrame:
    """The candidate projects as stored, their lists read, with their standing verdict (the latest)."""
    df = con.cursor().execute("""SELECT joint_id, title, description, themes, actors, carrier, problems, options,
                                        objectives, funding, months, budget, created_at
                                 FROM joint_projects WHERE project_id = ? ORDER BY joint_id""", [pid]).df()
    for column in LISTS:
        df[column] = [json.loads(v) if isinstance(v, str) and v else [] for v in df[column]]
    verdicts = verdict_history(con, pid).drop_duplicates("joint_id", keep="last")
    return df.merge(verdicts[["joint_id", "verdict", "reason", "who", "decided_at"]], on="joint_id", how="left")


def verdict_history(con: duckdb.DuckDBPyConnection, pid: int) -> pd.DataFrame:
    """Every verdict given, oldest first (the last of each project stands)."""
    return con.cursor().execute("""SELECT joint_id, verdict, reason, who, decided_at FROM project_verdicts
                                   WHERE project_id = ? ORDER BY decided_at, verdict_seq""", [pid]).df()


RELATED_STEM = 6  # words compared by their first six letters: "collecte" and "collective" are one word here


def related(a: str, b: str) -> bool:
    """Whether two texts share a word of five letters or more (by its first letters)."""
    stems = {w[:RELATED_STEM] for w in tokens(a) if len(w) >= 5}
    return bool(stems & {w[:RELATED_STEM] for w in tokens(b) if len(w) >= 5})


def proposals(said: pd.DataFrame, candidates: pd.DataFrame, min_actors: int) -> pd.DataFrame:
    """The themes of the `projects` field carried by at least `min_actors` actors and in no candidate
    project yet: each a candidate to confirm, with its actors and their words."""
    ideas = said[(said["field"] == "projects") & said["actor_id"].notna()]
    taken = {t for ts in candidates.get("themes", []) for t in ts}
    rows = []
    for theme, df in ideas.groupby("theme", sort=True):
        actors = sorted(set(df["actor_id"]))
        if len(actors) >= min_actors and theme not in taken:
            rows.append({"theme": theme, "actors": len(actors), "actor_ids": actors,
                         "texts": "; ".join(dict.fromkeys(df["text"]))})
    out = pd.DataFrame(rows, columns=["theme", "actors", "actor_ids", "texts"])
    return out.sort_values(["actors", "theme"], ascending=[False, True], ignore_index=True)


def suggested_links(title: str, actor_ids: list[str], problem_items: pd.DataFrame, common: set[str],
                    shortlisted: set[str], options: pd.DataFrame, objectives: pd.DataFrame) -> dict[str, list]:
    """What a new candidate project likely answers: the common problems at least two of its actors cite
    (short-listed ones first), the options and objectives that share a word with its title or those problems."""
    said = problem_items[problem_items["actor_id"].isin(actor_ids) & problem_items["problem"].isin(common)]
    cited = said.groupby("problem")["actor_id"].nunique()
    cited = cited[cited >= min(2, len(actor_ids))]
    problems = sorted(cited.index, key=lambda p: (p not in shortlisted, -cited[p], p))
    texts = [title, *problems]
    chosen_options = [text for text in options.get("option", []) if related(text, title)]
    chosen_objectives = [o for o, text in zip(objectives.get("objective_id", []), objectives.get("objective", []),
                                             strict=True) if any(related(text, t) for t in texts)]
    return {"problems": problems, "options": chosen_options, "objectives": chosen_objectives}


# -- the grid --------------------------------------------------------------------------------------

def grid_weights(values: dict) -> dict[str, float]:
    return {c: float(values[f"portfolio.weight_{c}"]) for c in CRITERIA}


def criteria(project: dict, inventory: pd.DataFrame, leaders: set[str], shortlisted: set[str],
             values: dict) -> dict[str, float]:
    """Each criterion of the grid, 0–1, for one candidate project (a row of `table`'s inputs: its
    `committed` actor ids, `carrier`, `problems`, `options`, `funding`, `months`)."""
    who = inventory.set_index("actor_id")
    committed = [a for a in project["committed"] if a in who.index]
    influence = who["influence"].reindex(committed).astype(float).fillna(UNKNOWN_INFLUENCE) / 5
    capacity = who["capacity_to_participate"].reindex(committed).astype(float).dropna()
    answered = [p for p in project["problems"] if p in shortlisted]
    months = project.get("months")
    horizon = float(values["portfolio.horizon_months"])
    funding = project.get("funding")
    carrier = project.get("carrier")
    return {
        "relevance": min(1.0, len(answered) / float(values["portfolio.full_problems"])),
        "coherence": min(1.0, len(project["options"]) / float(values["portfolio.full_options"])),
        "actors": min(1.0, float(influence.sum()) / float(values["portfolio.full_actors"])),
        "leader": 1.0 if carrier in leaders else 0.5 if set(committed) & leaders else 0.0,
        "capacity": (float(capacity.mean()) - 1) / 4 if len(capacity) else 0.0,
        "funding": float(funding) / FUNDING_MAX if _known(funding) else 0.0,
        "time": min(1.0, max(0.0, (horizon - float(months)) / horizon)) if _known(months) else 0.0,
    }


def _known(value: object) -> bool:
    return value is not None and not pd.isna(value)


def weighted(parts: dict[str, float], weights: dict[str, float], which: tuple[str, ...] = CRITERIA) -> float:
    """The weighted mean of the criteria `which` (0 when their weights are all 0)."""
    total = sum(weights[c] for c in which)
    return round(sum(weights[c] * parts[c] for c in which) / total, 4) if total else 0.0


def committed(project: dict, said: pd.DataFrame) -> list[str]:
    """Its actors: those who said one of its themes (field `projects`) and those added by hand."""
    ideas = said[(said["field"] == "projects") & said["theme"].isin(project["themes"])]
    return sorted(set(ideas["actor_id"].dropna()) | set(project["actors"]))


def table(candidates: pd.DataFrame, said: pd.DataFrame, inventory: pd.DataFrame, leaders: set[str],
          shortlisted: set[str], actions: pd.DataFrame, values: dict) -> pd.DataFrame:
    """Every candidate project with its actors, leaders, mean willingness and capacity, each criterion,
    score, impact and feasibility, verdict, and what the plan holds of it (actions, budget, progress):
    `projects.csv`."""
    names = dict(zip(inventory["actor_id"], inventory["name"], strict=True))
    who = inventory.set_index("actor_id")
    weights = grid_weights(values)
    rows = []
    for project in candidates.to_dict("records"):
        project["committed"] = committed(project, said)
        parts = criteria(project, inventory, leaders, shortlisted, values)
        mine = actions[actions["project"] == project["joint_id"]] if "project" in actions else actions.iloc[:0]
        known = [a for a in project["committed"] if a in who.index]
        rows.append({
            "project_id": project["joint_id"], "title": project["title"],
            "actors": len(project["committed"]),
            "actor_names": "; ".join(names.get(a, a) for a in project["committed"]),
            "leaders": "; ".join(names.get(a, a) for a in project["committed"] if a in leaders),
            "carrier": names.get(project["carrier"], project["carrier"]) if project["carrier"] else None,
            "willingness": _mean(who["willingness"].reindex(known)),
            "capacity_to_participate": _mean(who["capacity_to_participate"].reindex(known)),
            **{f"crit_{c}": round(v, 4) for c, v in parts.items()},
            "score": weighted(parts, weights), "impact": weighted(parts, weights, IMPACT),
            "feasibility": weighted(parts, weights, FEASIBILITY),
            "verdict": project["verdict"] if isinstance(project["verdict"], str) else None,
            "reason": project["reason"] if isinstance(project["reason"], str) else None,
            "decided_by": project["who"] if isinstance(project["who"], str) else None,
            "decided_at": project["decided_at"],
            "problems": "; ".join(project["problems"]), "options": "; ".join(map(str, project["options"])),
            "objectives": "; ".join(project["objectives"]), "themes": "; ".join(project["themes"]),
            "funding": project["funding"], "months": project["months"], "budget": project["budget"],
            "plan_actions": len(mine), "plan_budget": float(mine["budget"].fillna(0).sum()),
        })
    columns = ["project_id", "title", "actors", "actor_names", "leaders", "carrier", "willingness",
               "capacity_to_participate", *(f"crit_{c}" for c in CRITERIA), "score", "impact", "feasibility",
               "verdict", "reason", "decided_by", "decided_at", "problems", "options", "objectives", "themes",
               "funding", "months", "budget", "plan_actions", "plan_budget"]
    return pd.DataFrame(rows, columns=columns)


def _mean(values: pd.Series) -> float | None:
    known = values.astype(float).dropna()
    return round(float(known.mean()), 2) if len(known) else None


def by_project(actions: pd.DataFrame, titles: dict[str, str]) -> pd.DataFrame:
    """The plan rolled up to its joint projects: actions, budget planned and obtained, progress (weighted
    by budget, as plan.progress), first start and last end; actions of no project left out."""
    rows = []
    for joint_id, df in actions[actions["project"].notna()].groupby("project", sort=True):
        obtained = df["budget"].where(df["funding_key"] == "obtained", 0.0).fillna(0.0).sum()
        rows.append({"project_id": joint_id, "title": titles.get(joint_id, joint_id), "actions": len(df),
                     "planned": float(df["budget"].fillna(0).sum()), "obtained": float(obtained),
                     "progress": plan.progress(df), "start": _day(df["start"].min()), "end": _day(df["end"].max())})
    return pd.DataFrame(rows, columns=["project_id", "title", "actions", "planned", "obtained", "progress", "start",
                                       "end"])


# -- the analyst's and the room's decisions, stored at once -----------------------------------------

def _day(value: object) -> date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def _list(values: object) -> str:
    return json.dumps(list(dict.fromkeys(v for v in (values or []) if v is not None and str(v).strip())),
                      ensure_ascii=False)


def create(con: duckdb.DuckDBPyConnection, pid: int, title: str, themes_: list[str] | None = None,
           actors: list[str] | None = None, problems: list[str] | None = None, options: list[str] | None = None,
           objectives: list[str] | None = None, carrier: str | None = None, description: str | None = None,
           who: str | None = None) -> str:
    """A candidate joint project; returns its id (PRJ01…). A title already used (case and accents aside)
    gives the existing project: a second click adds nothing."""
    title = str(title or "").strip()
    if not title:
        raise InvalidInput("portfolio.no_title")
    with store.transaction(con, pid, "portfolio.create", {"title": title}, who) as cur:
        existing = cur.execute("SELECT joint_id, title FROM joint_projects WHERE project_id = ?", [pid]).fetchall()
        same = next((j for j, t in existing if name_key(t) == name_key(title)), None)
        if same:
            return same
        taken = {j for j, _ in existing}
        n = len(taken) + 1
        while f"PRJ{n:02d}" in taken:
            n += 1
        joint_id = f"PRJ{n:02d}"
        cur.execute("""INSERT INTO joint_projects (project_id, joint_id, title, description, themes, actors, carrier,
                                                   problems, options, objectives)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    [pid, joint_id, title, (description or "").strip() or None, _list(themes_), _list(actors),
                     carrier or None, _list(problems), _list(options), _list(objectives)])
    return joint_id


EDITABLE = ("title", "description", "themes", "actors", "carrier", "problems", "options", "objectives")


def update(con: duckdb.DuckDBPyConnection, pid: int, joint_id: str, who: str | None = None, **fields) -> None:
    """Change what a candidate project gathers (its title, themes, actors, carrier, problems, options, objectives)."""
    changes = {k: v for k, v in fields.items() if k in EDITABLE}
    if "title" in changes and not str(changes["title"] or "").strip():
        raise InvalidInput("portfolio.no_title")
    values = {k: _list(v) if k in LISTS else (str(v).strip() or None if v is not None else None)
              for k, v in changes.items()}
    detail: dict = {"project": joint_id}  # and, once read, what changed: {field: [before, after]}
    with store.transaction(con, pid, "portfolio.update", detail, who) as cur:
        _exists(cur, pid, joint_id)
        if values:
            columns = ", ".join(values)
            before = dict(zip(values, cur.execute(f"SELECT {columns} FROM joint_projects WHERE project_id = ? "
                                                  "AND joint_id = ?", [pid, joint_id]).fetchone(), strict=True))
            detail[audit.CHANGED] = audit.differences({k: _readable(k, v) for k, v in before.items()},
                                                      {k: _readable(k, v) for k, v in values.items()})
        for key, value in values.items():
            cur.execute(f"UPDATE joint_projects SET {key} = ? WHERE project_id = ? AND joint_id = ?",
                        [value, pid, joint_id])


def _readable(key: str, value: object) -> object:
    """A stored value as "what changed" shows it: a list (stored as JSON text) as the list itself."""
    return json.loads(value) if key in LISTS and isinstance(value, str) else value


def score(con: duckdb.DuckDBPyConnection, pid: int, joint_id: str, funding: int | None, months: int | None,
          budget: float | None = None, who: str | None = None) -> None:
    """What the room scores by hand: funding prospects (0–4), months to a first result, the budget foreseen."""
    if funding is not None and not 0 <= int(funding) <= FUNDING_MAX:
        raise InvalidInput("portfolio.funding_range")
    if months is not None and int(months) < 0 or budget is not None and float(budget) < 0:
        raise InvalidInput("portfolio.negative")
    with store.transaction(con, pid, "portfolio.score", {"project": joint_id, "funding": funding,
                                                         "months": months}, who) as cur:
        _exists(cur, pid, joint_id)
        cur.execute("UPDATE joint_projects SET funding = ?, months = ?, budget = ? WHERE project_id = ? "
                    "AND joint_id = ?", [None if funding is None else int(funding),
                                         None if months is None else int(months),
                                         None if budget is None else float(budget), pid, joint_id])


def decide(con: duckdb.DuckDBPyConnection, pid: int, joint_id: str, verdict: str, reason: str,
           who: str | None = None) -> None:
    """Record the verdict on a candidate project, with why (who and when come with it)."""
    if verdict not in VERDICTS:
        raise InvalidInput("portfolio.unknown_verdict", verdict=verdict)
    with store.transaction(con, pid, "portfolio.verdict", {"project": joint_id, "verdict": verdict}, who) as cur:
        _exists(cur, pid, joint_id)
        cur.execute("INSERT INTO project_verdicts (project_id, joint_id, verdict, reason, who) VALUES (?, ?, ?, ?, ?)",
                    [pid, joint_id, verdict, str(reason or "").strip() or None, roles.acting(who).name])


def delete(con: duckdb.DuckDBPyConnection, pid: int, joint_id: str, who: str | None = None) -> None:
    """Take a candidate project away, with its verdicts; its actions stay in the plan, of no project."""
    with store.transaction(con, pid, "portfolio.delete", {"project": joint_id}, who) as cur:
        _exists(cur, pid, joint_id)
        cur.execute("DELETE FROM project_verdicts WHERE project_id = ? AND joint_id = ?", [pid, joint_id])
        cur.execute("DELETE FROM joint_projects WHERE project_id = ? AND joint_id = ?", [pid, joint_id])
        cur.execute("UPDATE actions SET project = NULL WHERE project_id = ? AND project = ?", [pid, joint_id])


def _exists(cur, pid: int, joint_id: str) -> tuple:
    row = cur.execute("SELECT title, carrier, problems, actors, themes, budget, months FROM joint_projects "
                      "WHERE project_id = ? AND joint_id = ?", [pid, joint_id]).fetchone()
    if row is None:
        raise NotFound("portfolio.not_found", project=joint_id)
    return row


def send_to_plan(con: duckdb.DuckDBPyConnection, pid: int, joint_id: str, step_titles: list[str], start: date,
                 partners: list[str], who: str | None = None) -> list[str]:
    """A retained project made a group of actions of the plan (one per step of STEPS, titled by
    `step_titles`, in a row from `start`), each of project `joint_id`: its carrier owns them, its other
    actors (`partners`, names) take part, its budget is shared among them, its first problem is theirs.
    Returns the actions' ids (those already there when it was sent before)."""
    with store.transaction(con, pid, "portfolio.send_to_plan", {"project": joint_id}, who) as cur:
        title, carrier, problems, _, _, budget, months = _exists(cur, pid, joint_id)
        verdict = cur.execute("SELECT verdict FROM project_verdicts WHERE project_id = ? AND joint_id = ? "
                              "ORDER BY decided_at DESC, verdict_seq DESC LIMIT 1", [pid, joint_id]).fetchone()
        if verdict is None or verdict[0] != "retained":
            raise InvalidInput("portfolio.not_retained", project=joint_id)
        sent = [r[0] for r in cur.execute("SELECT action_id FROM actions WHERE project_id = ? AND project = ? "
                                          "ORDER BY action_id", [pid, joint_id]).fetchall()]
        if sent:
            return sent
        owner = cur.execute("SELECT name FROM actors WHERE project_id = ? AND actor_id = ?",
                            [pid, carrier]).fetchone() if carrier else None
        problem = next(iter(json.loads(problems or "[]")), None)
        ids, begin = [], pd.Timestamp(start)
        last = len(STEPS) - 1
        for n, ((_, phase, length, share), step) in enumerate(zip(STEPS, step_titles, strict=True), start=1):
            if n - 1 == last and months is not None and not pd.isna(months):  # the first result, when the room said
                length = max(length, int(months) - sum(s[2] for s in STEPS[:-1]))
            end = begin + pd.DateOffset(months=length) - pd.Timedelta(days=1)
            action_id = f"{joint_id}-{n}"
            cur.execute("""INSERT INTO actions (project_id, action_id, title, description, problem, phase, owner,
                                                partners, start, "end", budget, funding_status, status,
                                                progress, project, version)
                           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'planned', 'candidate', 0, ?, 1)""",
                        [pid, action_id, f"{title} — {step}", title, problem, phase, owner[0] if owner else None,
                         "; ".join(partners) or None, begin.date(), end.date(),
                         None if budget is None or pd.isna(budget) else round(float(budget) * share, 2), joint_id])
            ids.append(action_id)
            begin = end + pd.Timedelta(days=1)
        return ids
