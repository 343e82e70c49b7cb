"""Who is on board (issue 16): each actor's path (identified → contacted → interviewed → invited → attended →
member of a body → carries an action), the funnel of the cluster and by stage or category, a trust barometer
over the meetings built from what the data show (each component visible), and the actors drifting away
(invited, and absent the last two times or more). Plain functions over the analysis' DataFrames."""
from __future__ import annotations

import pandas as pd

from clusterlab.text import name_key

STAGES = ("identified", "contacted", "interviewed", "invited", "attended", "member", "carries_action")
COMPONENTS = ("willingness", "attendance_rate", "decisions_together", "actions_carried", "conflict_free")
DRIFT_AFTER = 2  # invitations missed in a row that make an actor drift away


def per_meeting(attendance: pd.DataFrame) -> pd.DataFrame:
    """One row per actor and meeting (an actor's people counted once): present when any of them was."""
    rows = attendance[attendance["actor_id"].notna()]
    if rows.empty:
        return pd.DataFrame({"actor_id": pd.Series(dtype=object), "meeting_id": pd.Series(dtype=object),
                             "date": pd.Series(dtype="datetime64[us]"), "present": pd.Series(dtype=bool)})
    out = rows.assign(present=rows["status"] == "present").groupby(["actor_id", "meeting_id"], as_index=False).agg(
        date=("date", "first"), present=("present", "any"))
    out["date"] = pd.to_datetime(out["date"])
    return out


def paths(inventory: pd.DataFrame, attendance: pd.DataFrame, members: pd.DataFrame,
          actions: pd.DataFrame) -> pd.DataFrame:
    """Each actor, whether it reached each stage, and `reached`: the furthest stage of its path."""
    seen = per_meeting(attendance)
    owners = {name_key(o) for o in actions["owner"].dropna()} if len(actions) else set()
    out = inventory[["actor_id", "name", "category", "stage"]].copy()
    invited = set(seen["actor_id"])
    attended = set(seen.loc[seen["present"], "actor_id"])
    out["identified"] = True
    out["interviewed"] = inventory["interviews"].fillna(0).to_numpy() > 0
    out["invited"] = out["actor_id"].isin(invited)
    out["contacted"] = inventory["contact"].notna().to_numpy() | out["interviewed"] | out["invited"]
    out["attended"] = out["actor_id"].isin(attended)
    out["member"] = out["actor_id"].isin(set(members["actor_id"]))
    out["carries_action"] = out["name"].map(lambda n: name_key(n) in owners).astype(bool)
    reached = pd.Series(STAGES[0], index=out.index)
    for stage in STAGES[1:]:
        reached = reached.where(~out[stage], stage)
    out["reached"] = reached
    out["step"] = out["reached"].map({s: i for i, s in enumerate(STAGES)}).astype(int)
    return out[["actor_id", "name", "category", "stage", *STAGES, "reached", "step"]]


def funnel(path: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Actors who got at least as far as each stage (their furthest stage counted: the funnel), with the share of
    those identified, and those the data show at the stage itself (`at_stage`: an actor carrying an action never
    invited is counted there, not under `invited`); by `stage` or `category` of the actors, one funnel column per
    group."""
    if by is None:
        counts = [int((path["step"] >= i).sum()) for i in range(len(STAGES))]
        total = counts[0]
        return pd.DataFrame({"adhesion_stage": list(STAGES), "actors": counts,
                             "share": [round(c / total, 6) if total else 0.0 for c in counts],
                             "at_stage": [int(path[s].sum()) for s in STAGES]})
    groups = path[by].fillna("—").astype(str)
    table = {group: [int((path.loc[groups == group, "step"] >= i).sum()) for i in range(len(STAGES))]
             for group in sorted(groups.unique())}
    return pd.DataFrame({"adhesion_stage": list(STAGES), **table})


def barometer(meetings: pd.DataFrame, attendance: pd.DataFrame, interviews: pd.DataFrame,
              decisions: pd.DataFrame, path: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """The trust barometer at each meeting (0–1), from what the data hold up to that meeting's date:
    - willingness: the interviews' mean willingness (1–5 brought to 0–1), undated interviews counted from the start;
    - attendance_rate: present among the actors invited, over the meetings so far;
    - decisions_together: the share of the meetings so far that took at least one decision;
    - actions_carried: among the actors who attended so far, the share that carry an action of the plan;
    - conflict_free: one minus the share of the links that are conflicts (no date: the same at every meeting).
    `trust` is the mean of the components the data give (an empty one left out)."""
    columns = ["date", "meeting_id", "title", *COMPONENTS, "trust"]
    if meetings.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    seen = per_meeting(attendance)
    carriers = set(path.loc[path["carries_action"], "actor_id"])
    taken = set(decisions["meeting_id"]) if len(decisions) else set()
    dated = pd.to_datetime(interviews["date"]) if len(interviews) else pd.Series(dtype="datetime64[us]")
    negative = links["negative"].astype(bool) if len(links) and "negative" in links else pd.Series(dtype=bool)
    conflict_free = 1.0 - float(negative.mean()) if len(negative) else float("nan")
    ordered = meetings.assign(_date=pd.to_datetime(meetings["date"])).sort_values(["_date", "meeting_id"])
    rows = []
    for _, m in ordered.iterrows():
        when = m["_date"]
        said = interviews.loc[(dated.isna() | (dated <= when)).to_numpy(), "willingness"].dropna() \
            if len(interviews) else pd.Series(dtype=float)
        so_far = seen[seen["date"] <= when]
        held = ordered[ordered["_date"] <= when]
        came = set(so_far.loc[so_far["present"], "actor_id"])
        values = {
            "willingness": (float(said.mean()) - 1) / 4 if len(said) else float("nan"),
            "attendance_rate": float(so_far["present"].mean()) if len(so_far) else float("nan"),
            "decisions_together": float(held["meeting_id"].isin(taken).mean()),
            "actions_carried": len(came & carriers) / len(came) if came else float("nan"),
            "conflict_free": conflict_free,
        }
        known = [v for v in values.values() if pd.notna(v)]
        rows.append({"date": m["date"], "meeting_id": m["meeting_id"], "title": m["title"], **values,
                     "trust": sum(known) / len(known) if known else float("nan")})
    return pd.DataFrame(rows, columns=columns).round({c: 6 for c in (*COMPONENTS, "trust")})


def drifting(attendance: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """The actors invited and not present at their last `DRIFT_AFTER` meetings or more: how many times invited,
    how many present, the last time present, and the meetings missed in a row; those who missed most first."""
    seen = per_meeting(attendance).sort_values(["actor_id", "date", "meeting_id"])
    rows = []
    for actor_id, group in seen.groupby("actor_id", sort=True):
        present = group["present"].tolist()
        missed = len(present) - (max(i for i, p in enumerate(present) if p) + 1 if any(present) else 0)
        if missed >= DRIFT_AFTER:
            last = group.loc[group["present"], "date"].max() if any(present) else pd.NaT
            rows.append({"actor_id": actor_id, "name": names.get(actor_id, actor_id), "invited": len(present),
                         "attended": int(sum(present)), "last_present": last, "missed_in_a_row": missed})
    columns = ["actor_id", "name", "invited", "attended", "last_present", "missed_in_a_row"]
    out = pd.DataFrame(rows, columns=columns)
    return out.sort_values(["missed_in_a_row", "name"], ascending=[False, True], ignore_index=True)
