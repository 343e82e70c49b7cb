"""The coherence chain (phase III): each thread from a SWOT option to a common problem, an objective, a
joint project, its actions and their budget, and the breaks in it: a short-listed problem no project
answers, a retained project with no action, an action of a project with no budget, a retained project
no leader carries. `coherence.csv`: one row per thread and per break."""
from __future__ import annotations

import pandas as pd

from clusterlab.text import name_key

COLUMNS = ["kind", "issue", "option", "problem", "objective", "project_id", "project", "verdict", "actions",
           "budget"]
BREAKS = ("problem_unanswered", "project_no_action", "action_no_budget", "project_no_leader")


def chain(projects: pd.DataFrame, candidates: pd.DataFrame, objectives: pd.DataFrame,
          actions: pd.DataFrame, shortlisted: list[str], leaders: set[str]) -> pd.DataFrame:
    """Threads (one per live candidate project and problem it answers) then breaks, as `COLUMNS`.
    `projects` is portfolio.table's, `candidates` portfolio.stored's (their ids and lists)."""
    objective_text = dict(zip(objectives.get("objective_id", []), objectives.get("objective", []), strict=True))
    lists = candidates.set_index("joint_id") if len(candidates) else None
    rows = []
    live = projects[projects["verdict"].fillna("") != "dropped"]
    for row in live.to_dict("records"):
        stored = lists.loc[row["project_id"]]
        mine = actions[actions["project"] == row["project_id"]]
        budget = float(mine["budget"].fillna(0).sum())
        option = "; ".join(map(str, stored["options"])) or None
        objective = "; ".join(str(objective_text.get(o, o)) for o in stored["objectives"]) or None
        for problem in stored["problems"] or [None]:
            rows.append({"kind": "thread", "issue": None, "option": option, "problem": problem,
                         "objective": objective, "project_id": row["project_id"], "project": row["title"],
                         "verdict": row["verdict"], "actions": len(mine), "budget": budget})
    live_ids = set(live["project_id"])
    answered = {name_key(p) for joint_id, ps in zip(candidates.get("joint_id", []), candidates.get("problems", []),
                                                   strict=True) if joint_id in live_ids for p in ps}
    for problem in shortlisted:
        if name_key(problem) not in answered:
            rows.append(_break("problem_unanswered", problem=problem))
    for row in projects[projects["verdict"] == "retained"].to_dict("records"):
        if not row["plan_actions"]:
            rows.append(_break("project_no_action", project_id=row["project_id"], project=row["title"],
                               verdict=row["verdict"]))
        carrier = lists.loc[row["project_id"], "carrier"]
        if carrier not in leaders:
            rows.append(_break("project_no_leader", project_id=row["project_id"], project=row["title"],
                               verdict=row["verdict"]))
    titles = dict(zip(projects["project_id"], projects["title"], strict=True))
    for action in actions[actions["project"].notna()].to_dict("records"):
        if pd.isna(action["budget"]) or not action["budget"]:
            rows.append(_break("action_no_budget", project_id=action["project"],
                               project=titles.get(action["project"], action["project"]),
                               actions=1, problem=action["problem"]))
    return pd.DataFrame(rows, columns=COLUMNS)


def _break(issue: str, **values) -> dict:
    return {**dict.fromkeys(COLUMNS), "kind": "break", "issue": issue, **values}
