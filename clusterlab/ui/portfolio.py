"""Widgets of the portfolio page (phase III): needs × offers, candidate joint projects, the operability grid and
its verdicts, the portfolio chart and the retained projects sent to the plan; every write stored at once."""
from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import streamlit as st

from clusterlab import needs, palette, portfolio, swot
from clusterlab.analysis import Analysis
from clusterlab.i18n import t
from clusterlab.ui import forms
from clusterlab.ui.frame import context, tr
from clusterlab.ui.plain import escape_markdown
from clusterlab.ui.settings import defaults_caption, reset_button, setting_input
from clusterlab.ui.widgets import chart, saved, table


def verdict_label(verdict: object) -> str:
    return tr("portfolio.verdict_" + (verdict if isinstance(verdict, str) and verdict else "none"))


def needs_view(a: Analysis) -> None:
    """Themes of a field counted by actors (or weighted), crossed with a trait of the actors, who said them."""
    ctx = context()
    fields = {f: tr("field." + f) for f in needs.FIELDS}
    left, right = st.columns(2)
    field = left.segmented_control(tr("needs.field"), list(fields), format_func=fields.get, key="needs_field",
                                   default="expectations") or "expectations"
    weights = {"actors": tr("swot.weight_none"), "influence": tr("field.influence"), "score": tr("leaders.score")}
    by = right.segmented_control(tr("swot.weight_by"), list(weights), format_func=weights.get, key="needs_weight",
                                 default="actors") or "actors"
    counted = a.needs_weighted(by)
    here = counted[counted["field"] == field]
    top = here.head(10 if ctx.workshop else 15)
    if len(top):
        fig = px.bar(top.iloc[::-1], x="weight", y="theme", orientation="h", text="actors",
                     title=tr("needs.by_theme", field=fields[field]),
                     labels={"weight": tr("column.weight"), "theme": "", "actors": tr("column.actors")})
        fig.update_traces(marker_line={"width": 1, "color": "#333333"}, marker_color=palette.BLUE)
        chart(fig, top, f"needs_{field}", "needs_chart", csv=False)  # the table under it has the data
    table(here, "needs_offers", "needs_table")
    traits = {"category": tr("field.category"), "stage_key": tr("field.stage"), "region": tr("field.region")}
    trait = st.segmented_control(tr("needs.cross_by"), list(traits), format_func=traits.get, key="needs_cross",
                                 default="category") or "category"
    crossed = needs.crossed(a.need_items, a.inventory, field, trait).reset_index()
    table(crossed, f"needs_{field}_by_{trait}", "needs_crossed", labels={"theme": tr("column.theme")})
    if len(here):
        theme = st.selectbox(tr("swot.explore"), here["theme"].tolist(), key="needs_explore",
                             placeholder=tr("widget.choose"))
        table(swot.who_said(a.need_items, field, theme, None, ctx.lang), "who_said", "needs_who_said")


def matches_view(a: Analysis) -> None:
    st.caption(tr("needs.matches_caption"))
    table(a.needs_matches, "needs_matches", "needs_matches")


def proposals_view(a: Analysis) -> None:
    """Project ideas several actors carry, each confirmed into a candidate joint project with one click."""
    ctx = context()
    proposed = a.project_proposals
    st.caption(tr("portfolio.proposals_caption", n=int(a.settings["portfolio.min_actors"])))
    if proposed.empty:
        st.info(tr("portfolio.no_proposals"))
    for row in proposed.to_dict("records"):
        with st.container(border=True):
            st.markdown(f"**{escape_markdown(row['theme'])}** — {tr('swot.n_actors', n=row['actors'])}")
            st.caption(escape_markdown(", ".join(a.names.get(x, x) for x in row["actor_ids"])))
            if st.button(tr("portfolio.confirm"), key=f"confirm_{row['theme']}", disabled=not ctx.who.may(
                    "portfolio.create")):
                links = portfolio.suggested_links(row["theme"], row["actor_ids"], a.problem_items, a.common_problems,
                                                  set(a.shortlist["problem"]), a.cross_options, a.objectives)
                carrier = next((x for x in row["actor_ids"] if x in a.leaders), None)
                saved(lambda row=row, links=links, carrier=carrier: portfolio.create(
                    ctx.con, ctx.pid, row["theme"], [row["theme"]], [], links["problems"], links["options"],
                    links["objectives"], carrier, None, ctx.who))


def new_project_form(a: Analysis) -> None:
    ctx = context()
    ideas = a.need_items[a.need_items["field"] == "projects"]
    form = forms.Form("new_project")
    with st.form(form.name):
        title = st.text_input(tr("field.title"), key=form.key("np_title"))
        picked = st.multiselect(tr("portfolio.themes"), sorted(ideas["theme"].unique()), key=form.key("np_themes"),
                                placeholder=tr("widget.choose_many"))
        if form.submit(tr("portfolio.create"), type="primary"):
            form.save(lambda: portfolio.create(ctx.con, ctx.pid, title, picked, who=ctx.who),
                      lambda joint_id: tr("portfolio.created", project=joint_id, title=title.strip()))


def project_editor(a: Analysis, joint_id: str) -> None:
    """What a candidate project gathers: title, themes, actors added, carrier, problems, options, objectives."""
    ctx = context()
    row = a.candidate_projects.set_index("joint_id").loc[joint_id]
    ideas = sorted(a.need_items.loc[a.need_items["field"] == "projects", "theme"].unique())
    names = a.names
    problems = list(dict.fromkeys([*a.shortlist["problem"], *sorted(a.common_problems), *row["problems"]]))
    option_names = list(dict.fromkeys([*a.cross_options["option"], *row["options"]]))
    objective_names = dict(zip(a.objectives["objective_id"], a.objectives["objective"], strict=True))
    form = forms.Form(f"edit_{joint_id}")
    with st.form(form.name):
        title = st.text_input(tr("field.title"), value=row["title"], key=form.key(f"ed_title_{joint_id}"))
        themes_ = st.multiselect(tr("portfolio.themes"), list(dict.fromkeys([*ideas, *row["themes"]])),
                                 default=row["themes"], key=form.key(f"ed_themes_{joint_id}"),
                                 placeholder=tr("widget.choose_many"))
        actors = st.multiselect(tr("portfolio.actors_added"), list(names), default=[x for x in row["actors"]
                                                                                     if x in names],
                                format_func=names.get, key=form.key(f"ed_actors_{joint_id}"),
                                placeholder=tr("widget.choose_many"))
        carriers = ["", *names]
        carrier = st.selectbox(tr("portfolio.carrier"), carriers, format_func=lambda x: names.get(x, "—"),
                               index=carriers.index(row["carrier"]) if row["carrier"] in carriers else 0,
                               key=form.key(f"ed_carrier_{joint_id}"), placeholder=tr("widget.choose"))
        chosen_problems = st.multiselect(tr("portfolio.problems"), problems, default=row["problems"],
                                         key=form.key(f"ed_problems_{joint_id}"), placeholder=tr("widget.choose_many"))
        options = st.multiselect(tr("portfolio.options"), option_names, default=row["options"],
                                 key=form.key(f"ed_options_{joint_id}"), placeholder=tr("widget.choose_many"))
        objectives = st.multiselect(tr("portfolio.objectives"), list(objective_names), format_func=objective_names.get,
                                    default=[o for o in row["objectives"] if o in objective_names],
                                    key=form.key(f"ed_objectives_{joint_id}"), placeholder=tr("widget.choose_many"))
        if form.submit(tr("portfolio.save"), type="primary"):
            form.save(lambda: portfolio.update(ctx.con, ctx.pid, joint_id, ctx.who, title=title, themes=themes_,
                                               actors=actors, carrier=carrier or None, problems=chosen_problems,
                                               options=options, objectives=objectives),
                      tr("portfolio.saved", project=joint_id))
    if ctx.who.may("portfolio.delete") and st.button(tr("portfolio.delete"), key=f"delete_{joint_id}",
                                                       icon=":material/delete:"):
        saved(lambda: portfolio.delete(ctx.con, ctx.pid, joint_id, ctx.who))


def pick_project(a: Analysis, key: str, only: str | None = None) -> str | None:
    projects = a.projects if only is None else a.projects[a.projects["verdict"] == only]
    labels = dict(zip(projects["project_id"], projects["project_id"] + " — " + projects["title"], strict=True))
    if not labels:
        return None
    return st.selectbox(tr("portfolio.project"), list(labels), format_func=labels.get, key=key,
                        placeholder=tr("widget.choose"))


def grid_settings() -> None:
    """The grid's weights and full marks, stored per project, their defaults stated."""
    with st.expander(tr("portfolio.grid_settings"), icon=":material/tune:"):
        defaults_caption("portfolio")
        for column, name in zip(st.columns(len(portfolio.CRITERIA)), portfolio.CRITERIA, strict=True):
            setting_input(f"portfolio.weight_{name}", column, step=0.05)
        a, b, c, d, e = st.columns(5)
        setting_input("portfolio.full_problems", a, step=1)
        setting_input("portfolio.full_options", b, step=1)
        setting_input("portfolio.full_actors", c, step=0.5)
        setting_input("portfolio.horizon_months", d, step=1)
        setting_input("portfolio.min_actors", e, step=1)
        reset_button("portfolio")


def score_form(a: Analysis, joint_id: str) -> None:
    """What the room scores by hand, and the verdict with its reason."""
    ctx = context()
    row = a.candidate_projects.set_index("joint_id").loc[joint_id]
    left, right = st.columns(2)
    form = forms.Form(f"score_{joint_id}")
    with left.form(form.name):
        funding = st.slider(tr("portfolio.funding"), 0, portfolio.FUNDING_MAX,
                            int(row["funding"]) if pd.notna(row["funding"]) else 0, key=form.key(f"sc_f_{joint_id}"),
                            help=tr("portfolio.funding_help"))
        months = st.number_input(tr("portfolio.months"), min_value=0, step=1,
                                 value=int(row["months"]) if pd.notna(row["months"]) else None,
                                 key=form.key(f"sc_m_{joint_id}"))
        budget = st.number_input(tr("field.budget"), min_value=0.0, step=1000.0,
                                 value=float(row["budget"]) if pd.notna(row["budget"]) else None,
                                 key=form.key(f"sc_b_{joint_id}"))
        if form.submit(tr("portfolio.score_save"), type="primary"):
            form.save(lambda: portfolio.score(ctx.con, ctx.pid, joint_id, funding,
                                              None if months is None else int(months), budget, ctx.who),
                      tr("portfolio.scored", project=joint_id))
    decision = forms.Form(f"verdict_{joint_id}")
    with right.form(decision.name):
        verdicts = {v: verdict_label(v) for v in portfolio.VERDICTS}
        standing = row["verdict"] if row["verdict"] in verdicts else portfolio.VERDICTS[0]
        verdict = st.radio(tr("portfolio.verdict"), list(verdicts), format_func=verdicts.get, horizontal=True,
                           index=list(verdicts).index(standing), key=decision.key(f"vd_{joint_id}"))
        reason = st.text_input(tr("leaders.reason"), key=decision.key(f"vr_{joint_id}"))
        if decision.submit(tr("portfolio.decide"), type="primary"):
            decision.save(lambda: portfolio.decide(ctx.con, ctx.pid, joint_id, verdict, reason, ctx.who),
                          tr("portfolio.decided", project=joint_id, verdict=verdicts[verdict]))


def criteria_table(a: Analysis) -> None:
    columns = ["project_id", "title", *(f"crit_{c}" for c in portfolio.CRITERIA), "score", "impact", "feasibility",
               "verdict"]
    labels = {f"crit_{c}": tr("portfolio.crit_" + c) for c in portfolio.CRITERIA}
    table(a.projects[columns], "projects_grid", "grid_table", labels=labels, values={"verdict": verdict_label})


def portfolio_chart(projects: pd.DataFrame) -> go.Figure:
    """Impact against feasibility, a bubble per candidate project sized by the actors committed, coloured by verdict."""
    drawn = projects.assign(state=[verdict_label(v) for v in projects["verdict"]],
                            size=projects["actors"].clip(lower=1))
    colours = palette.colour_map(palette.VERDICT, verdict_label)
    fig = px.scatter(drawn, x="feasibility", y="impact", size="size", color="state", text="title",
                     color_discrete_map=colours, size_max=60, range_x=[-0.05, 1.05], range_y=[-0.05, 1.05],
                     labels={"feasibility": tr("portfolio.feasibility"), "impact": tr("portfolio.impact"),
                             "state": "", "size": tr("column.actors"), "title": tr("field.title")},
                     title=tr("portfolio.chart_title"))
    fig.update_traces(textposition="top center", marker_line={"width": 1, "color": "#333333"})
    fig.add_hline(y=0.5, line_dash="dot", line_color="#888")
    fig.add_vline(x=0.5, line_dash="dot", line_color="#888")
    return fig


def send_form(a: Analysis) -> None:
    """A retained project sent to the plan as a group of actions, from the chosen date."""
    retained = a.projects[a.projects["verdict"] == "retained"]
    if retained.empty:
        st.info(tr("portfolio.none_retained"))
        return
    labels = dict(zip(retained["project_id"], retained["project_id"] + " — " + retained["title"], strict=True))
    form = forms.Form("send_project")
    with st.form(form.name):
        left, right = st.columns(2)
        joint_id = left.selectbox(tr("portfolio.project"), list(labels), format_func=labels.get,
                                  key=form.key("send_pick"), placeholder=tr("widget.choose"))
        start = right.date_input(tr("field.start"), value=a.today, key=form.key("send_start"))
        st.caption(tr("portfolio.send_caption"))
        if form.submit(tr("portfolio.send"), type="primary"):
            form.save(lambda: _send(a, joint_id, start),
                      lambda ids: tr("portfolio.sent", project=joint_id, actions=", ".join(ids)))


def _send(a: Analysis, joint_id: str, start: date) -> list[str]:
    ctx = context()
    row = a.projects.set_index("project_id").loc[joint_id]
    carrier = a.candidate_projects.set_index("joint_id").loc[joint_id, "carrier"]
    partners = [n for n in str(row["actor_names"] or "").split("; ") if n and n != a.names.get(carrier)]
    steps = [t(key, ctx.lang) for key, *_ in portfolio.STEPS]
    return portfolio.send_to_plan(ctx.con, ctx.pid, joint_id, steps, start, partners, ctx.who)
