"""Widgets of the action plan: the action form (add or edit, checked, conflicts shown), the Gantt."""
from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import streamlit as st

from clusterlab import palette, plan
from clusterlab.contract import FUNDING_STATUSES, PHASES, STATUSES
from clusterlab.errors import ClusterlabError, Conflict
from clusterlab.ui import forms
from clusterlab.ui.frame import context, tr
from clusterlab.ui.plain import chart_text, escape_markdown


def _value(row: dict | None, field: str, default=None):
    """A stored value of the action being edited, or `default` when there is none."""
    if row is None:
        return default
    value = row.get(field)
    return default if value is None or (not isinstance(value, str) and pd.isna(value)) else value


def action_form(df: pd.DataFrame, owners: list[str], problems: list[str]) -> None:
    """Add an action, or edit the one picked; each save is checked and written at once, once per
    submission (forms.py). The version an edit is checked against is the one the form was opened on
    (first shown for that action, or after this person's own save), kept in the session: a change made
    meanwhile by someone else is refused with both values, never overwritten by a rerun's fresh read."""
    ctx = context()
    ids = {"": tr("plan.new")} | dict(zip(df["action_id"], df["action_id"] + " — " + df["title"], strict=True))
    last = st.session_state.get("plan_last_pick", "")  # kept apart: a title changed by someone else changes the
    options = list(ids)                               # option's label, which would drop the person's pick
    picked = st.selectbox(tr("plan.edit"), options, index=options.index(last) if last in options else 0,
                          format_func=ids.get, key="plan_pick", placeholder=tr("widget.choose"),
                          on_change=_remember_pick, args=(options,))
    row = df.set_index("action_id").loc[picked].to_dict() if picked else None
    opened_key, refused_key = f"plan_opened_{picked}", f"plan_refused_{picked}"
    if row is not None:
        opened = st.session_state.setdefault(opened_key, int(row["version"]))
        k = f"act_{picked}_v{opened}"  # a new version of one's own: new widgets, showing what is stored

        def key(field: str) -> str:
            return f"{k}_{field}"
    else:
        opened, k = None, "act_new"

        def key(field: str) -> str:
            return forms.Form("act_new").key(f"act_new_{field}")
    refused = st.session_state.get(refused_key)
    if refused:
        st.error(escape_markdown(refused))
        if st.button(tr("plan.reload"), key=key("reload"), icon=":material/refresh:"):
            st.session_state[opened_key] = int(row["version"]) if row is not None else None
            st.session_state.pop(refused_key, None)
            st.rerun()
    statuses = {s: tr("plan.status_" + s) for s in STATUSES}
    fundings = {s: tr("plan.funding_" + s) for s in FUNDING_STATUSES}
    with st.form(key("form")):
        title = st.text_input(tr("field.title"), value=_value(row, "title", ""), key=key("title"))
        a, b, c = st.columns(3)
        choose = tr("widget.choose")
        phase = a.selectbox(tr("field.phase"), PHASES, index=PHASES.index(_value(row, "phase", "I")), key=key("phase"),
                            placeholder=choose)
        owner_options = ["", *owners]
        owner = b.selectbox(tr("field.owner"), owner_options,
                            index=owner_options.index(_value(row, "owner", "")) if _value(row, "owner", "")
                            in owner_options else 0, key=key("owner"), placeholder=choose)
        problem_options = ["", *problems]
        problem = c.selectbox(tr("field.problem"), problem_options,
                              index=problem_options.index(_value(row, "problem", "")) if _value(row, "problem", "")
                              in problem_options else 0, key=key("problem"), placeholder=choose)
        start = a.date_input(tr("field.start"), value=_value(row, "start", date.today()), key=key("start"))
        end = b.date_input(tr("field.end"), value=_value(row, "end", date.today()), key=key("end"))
        budget = c.number_input(tr("field.budget"), min_value=None, value=float(_value(row, "budget", 0.0)),
                                key=key("budget"))
        source = a.text_input(tr("field.funding_source"), value=_value(row, "funding_source", ""), key=key("source"))
        funding = b.selectbox(tr("plan.funding_status"), list(fundings), format_func=fundings.get,
                              index=FUNDING_STATUSES.index(_value(row, "funding_key", "planned") or "planned"),
                              key=key("funding"), placeholder=choose)
        status = c.selectbox(tr("field.status"), list(statuses), format_func=statuses.get,
                             index=STATUSES.index(_value(row, "status_key", "planned")), key=key("status"),
                             placeholder=choose)
        progress = st.slider(tr("field.progress"), 0, 100, int(_value(row, "progress", 0)), key=key("progress"))
        partners = st.text_input(tr("field.partners"), value=_value(row, "partners", ""), key=key("partners"),
                                 help=tr("plan.partners_help"))
        i1, i2, i3 = st.columns(3)
        indicator = i1.text_input(tr("plan.indicator"), value=_value(row, "indicator", ""), key=key("indicator"))
        target = i2.number_input(tr("plan.target"), value=_value(row, "indicator_target"), key=key("target"))
        current_value = i3.number_input(tr("plan.current"), value=_value(row, "indicator_value"),
                                        key=key("current"))
        if st.form_submit_button(tr("plan.save"), type="primary", key=key("submit"),
                                 disabled=not ctx.who.may("action.update")):
            values = {"title": title, "phase": phase, "owner": owner or None, "problem": problem or None,
                      "start": start, "end": end, "budget": budget, "funding_source": source or None,
                      "progress": float(progress), "partners": partners.strip() or None,
                      "indicator": indicator or None, "indicator_target": target, "indicator_value": current_value,
                      # a status or funding state left as it was keeps its words, as typed in the workbook
                      "status": row["status"] if row and status == row["status_key"] else status,
                      "funding_status": row["funding_status"]
                      if row and funding == (_value(row, "funding_key") or "planned") else funding}
            if picked:
                _update(picked, {**{f: row.get(f) for f in plan.FIELDS}, **values}, opened)
            else:
                forms.Form("act_new").save(lambda: plan.add(ctx.con, ctx.pid, values, ctx.who),
                                           lambda action_id: tr("plan.added", action_id=action_id, title=title.strip()))
    if row is not None and st.button(tr("plan.delete"), key=key("delete"), icon=":material/delete:",
                                     disabled=not ctx.who.may("action.delete")):
        try:
            plan.delete(ctx.con, ctx.pid, picked, opened, ctx.who)
        except ClusterlabError as exc:
            st.error(escape_markdown(exc.message(ctx.lang)))
            return
        st.session_state.pop(opened_key, None)
        forms.advance("plan_delete", tr("plan.deleted", action_id=picked, title=row["title"]))


def _remember_pick(options: list[str]) -> None:
    """Keep the action picked, not a label gone stale (the browser may send an option's label of before)."""
    if st.session_state["plan_pick"] in options:
        st.session_state["plan_last_pick"] = st.session_state["plan_pick"]


def _update(action_id: str, values: dict, opened: int) -> None:
    """Save an edit checked against the version the form was opened on; a conflict stays on screen (with
    both values) until the person reloads the stored action."""
    ctx = context()
    opened_key, refused_key = f"plan_opened_{action_id}", f"plan_refused_{action_id}"
    try:
        version = plan.update(ctx.con, ctx.pid, action_id, values, opened, ctx.who)
    except Conflict as exc:
        st.session_state[refused_key] = exc.message(ctx.lang)
        st.rerun()
    except ClusterlabError as exc:
        st.error(escape_markdown(exc.message(ctx.lang)))
        return
    st.session_state[opened_key] = version
    st.session_state.pop(refused_key, None)
    forms.advance(f"act_{action_id}", tr("plan.saved", action_id=action_id, title=values["title"].strip()))


def gantt(df: pd.DataFrame, meetings: pd.DataFrame, today: date) -> go.Figure:
    """Actions by phase on a calendar, each in its status's fixed colour and pattern (palette.py; late ones
    as late), meetings (AP, CP, SN…) and today marked. The legend always names the same statuses in the same order."""
    dated = df.dropna(subset=["start", "end"]).assign(
        state=lambda d: d["status_key"].where(~d["late"].astype(bool), "late").map(status_label),
        label=lambda d: d["phase"].fillna("—") + " · " + d["title"])
    order = [status_label(s) for s in palette.STATUS]
    fig = px.timeline(dated, x_start="start", x_end="end", y="label", color="state", pattern_shape="state",
                      color_discrete_map=palette.colour_map(palette.STATUS, status_label),
                      pattern_shape_map=palette.colour_map(palette.STATUS_PATTERN, status_label),
                      category_orders={"state": order},
                      labels={"label": "", "state": "", "start": tr("field.start"), "end": tr("field.end")})
    fig.update_traces(marker_line={"width": 1, "color": "#333333"}, marker_pattern_fgcolor="#000000",
                      marker_pattern_size=8)
    fig.update_yaxes(autorange="reversed")
    fig.add_vline(x=pd.Timestamp(today).timestamp() * 1000, line_dash="dash", line_color="#000")
    for when, kind, title in zip(meetings["date"], meetings["kind"], meetings["title"], strict=True):
        fig.add_vline(x=pd.Timestamp(when).timestamp() * 1000, line_color="#888", line_width=1)
        fig.add_annotation(x=pd.Timestamp(when), y=1.02, yref="paper", text=chart_text(f"{kind}: {title}"),
                           showarrow=False, textangle=-30)
    fig.update_layout(height=max(350, 34 * len(dated) + 160), margin={"t": 80})
    return fig


def status_label(status: str) -> str:
    """A status of the plan (palette.STATUS: the contract's, late, candidate) in the page's language."""
    return tr("plan.late") if status == "late" else tr("plan.status_" + status)
