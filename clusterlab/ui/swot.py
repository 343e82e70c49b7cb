"""Widgets of the SWOT page: choosing whose SWOT, the 2×2 matrix, the theme coding, the cross matrix."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from clusterlab import overview, palette, swot
from clusterlab.contract import SWOT_FIELDS
from clusterlab.ui import forms
from clusterlab.ui.frame import context, tr
from clusterlab.ui.widgets import escape_markdown, saved, table

CAP = 8  # themes shown per quadrant before "show more"
WORKSHOP_CAP = 4  # on a projector: the four quadrants on the first screen
DIMENSIONS = ("category", "stage", "region", "leaders")
ROOM = ""  # the add-item form's first choice: said in the room, by no actor


def group(inv: pd.DataFrame, leaders: set[str], key: str, label: str, nth: int = 0) -> tuple[set[str], str]:
    """A group of actors chosen by one dimension (category, stage, region, or leaders); `nth` picks
    which value (or side) is chosen first."""
    dims = {d: tr("swot.dim_" + d) for d in DIMENSIONS}
    a, b = st.columns([1, 2])
    dim = a.selectbox(label, list(dims), format_func=dims.get, key=f"{key}_dim", placeholder=tr("widget.choose"))
    if dim == "leaders":
        sides = {"yes": tr("swot.leaders"), "no": tr("swot.not_leaders")}
        side = b.segmented_control(tr("swot.which"), list(sides), format_func=sides.get, key=f"{key}_side",
                                   default=list(sides)[nth % 2]) or "yes"
        chosen = set(inv["actor_id"]) & leaders if side == "yes" else set(inv["actor_id"]) - leaders
        return chosen, sides[side]
    values = sorted(inv[dim].dropna().unique())
    picked = b.multiselect(tr("swot.values"), values, key=f"{key}_values", default=values[nth:nth + 1],
                           placeholder=tr("widget.choose_many"))
    return set(inv.loc[inv[dim].isin(picked), "actor_id"]), ", ".join(picked)


def scope(inv: pd.DataFrame, leaders: set[str]) -> tuple[set[str] | None, str]:
    """Whose SWOT: the whole cluster, the leaders (one click), a group, one actor or a hand-picked set.
    Showing the leaders' SWOT is remembered: the overview counts the step as looked at."""
    kinds = {k: tr("swot.scope_" + k) for k in ("cluster", "leaders", "group", "actor", "picked")}
    kind = st.segmented_control(tr("swot.scope"), list(kinds), format_func=kinds.get, key="swot_scope",
                                default="cluster", label_visibility="collapsed") or "cluster"
    names = dict(zip(inv["actor_id"], inv["name"], strict=True))
    the_leaders = set(inv["actor_id"]) & leaders
    if kind == "leaders":
        if not the_leaders:
            st.info(tr("swot.no_leaders"), icon=":material/info:")
        return _seen_if_leaders(the_leaders, the_leaders), tr("swot.leaders")
    if kind == "group":
        chosen, name = group(inv, leaders, "swot_group", tr("swot.group_by"))
        return _seen_if_leaders(chosen, the_leaders), name
    if kind == "actor":
        actor = st.selectbox(tr("interviews.actor"), sorted(names, key=names.get), format_func=names.get,
                             key="swot_actor", placeholder=tr("widget.choose"))
        return ({actor}, names[actor]) if actor in names else (set(), "—")  # a project with no actors yet
    if kind == "picked":
        picked = st.multiselect(tr("swot.picked"), sorted(names, key=names.get), format_func=names.get,
                                key="swot_picked", placeholder=tr("widget.choose_many"))
        return set(picked), tr("swot.picked_n", n=len(picked))
    return None, tr("swot.scope_cluster")


def _seen_if_leaders(ids: set[str], the_leaders: set[str]) -> set[str]:
    """`ids`, remembered as the leaders' SWOT looked at when they are the leaders."""
    ctx = context()
    if ids and ids == the_leaders and ctx.who.may(overview.SEEN):  # an observer's look writes nothing
        overview.see_leaders_swot(ctx.con, ctx.pid, ctx.who)
    return ids


def coloured_boxes(colours: dict[str, str], prefix: str) -> None:
    """The boxes keyed `<prefix><value>` edged in their value's colour (clusterlab.palette), a thick band on
    the left: the same colour for a quadrant or a kind of combination wherever it is shown."""
    rules = (f'[class*="st-key-{prefix}{value}"] {{ border-left: 0.7rem solid {colour} !important; }}'
             for value, colour in colours.items())
    st.html("<style>" + "".join(rules) + "</style>")


def quadrants(summary: pd.DataFrame) -> None:
    """The 2×2 matrix: each theme with its count of actors (and weight), the most weighty first; each
    quadrant edged in its colour. Fewer themes before "show more" in workshop mode: the four fit one screen."""
    cap = WORKSHOP_CAP if context().workshop else CAP
    coloured_boxes(palette.SWOT, "quadrant_")
    for row in (SWOT_FIELDS[:2], SWOT_FIELDS[2:]):
        for column, field in zip(st.columns(2), row, strict=True):
            box = column.container(border=True, key=f"quadrant_{field}")
            box.subheader(tr("field." + field))
            rows = summary[summary["field"] == field]
            listed = box.container()  # the themes first, the switch to show them all under them
            everything = box.toggle(tr("swot.show_all", n=len(rows)), key=f"all_{field}") if len(rows) > cap else True
            shown = rows if everything else rows.head(cap)
            lines = [f"- **{escape_markdown(t)}** — {tr('swot.n_actors', n=n)}"
                     + (f" · {w:g}" if w != n else "") + (f" · {tr('swot.n_room', n=r)}" if r else "")
                     for t, n, w, r in zip(shown["theme"], shown["actors"], shown["weight"], shown["room"],
                                           strict=True)]
            listed.markdown("\n".join(lines) if lines else tr("swot.nothing"))


def cross_matrix(summary: pd.DataFrame) -> None:
    """The four combinations, their options, a form to add one, and sending one to the action plan."""
    ctx = context()
    stored = ctx.analysis.cross_options
    coloured_boxes(palette.ASSESSMENT, "combination_")
    for row in (("SO", "ST"), ("WO", "WT")):
        for column, combination in zip(st.columns(2), row, strict=True):
            first, second, kind = swot.COMBINATIONS[combination]
            box = column.container(border=True, key=f"combination_{kind}_{combination}")
            box.subheader(f"{tr('field.' + first)} × {tr('field.' + second)}")
            box.caption(tr("swot.kind_" + kind))
            mine = stored[stored["combination"] == combination]
            box.markdown("\n".join(f"- **{escape_markdown(o)}** — {escape_markdown(a)} × {escape_markdown(b)}"
                                   + (f" → {escape_markdown(act)}" if isinstance(act, str) else "")
                                   for o, a, b, act in zip(mine["option"], mine["theme_a"], mine["theme_b"],
                                                           mine["action_id"], strict=True))
                         or tr("swot.no_options"))
    st.subheader(tr("swot.add_option"))
    kinds = {c: f"{c} — {tr('field.' + swot.COMBINATIONS[c][0])} × {tr('field.' + swot.COMBINATIONS[c][1])}"
             for c in swot.COMBINATIONS}
    combination = st.selectbox(tr("swot.combination"), list(kinds), format_func=kinds.get, key="opt_combination",
                               placeholder=tr("widget.choose"))
    first, second, _ = swot.COMBINATIONS[combination]
    form = forms.Form("option")
    with st.form(form.name):
        a, b = st.columns(2)
        theme_a = a.selectbox(tr("field." + first), summary.loc[summary["field"] == first, "theme"].tolist(),
                              key=form.key("opt_a"), placeholder=tr("widget.choose"))
        theme_b = b.selectbox(tr("field." + second), summary.loc[summary["field"] == second, "theme"].tolist(),
                              key=form.key("opt_b"), placeholder=tr("widget.choose"))
        option = st.text_area(tr("swot.option"), key=form.key("opt_text"))
        author = st.text_input(tr("swot.author"), key=form.key("opt_author"))
        if form.submit(tr("swot.save_option"), type="primary"):
            form.save(lambda: swot.add_option(ctx.con, ctx.pid, combination, theme_a, theme_b, option, author, ctx.who),
                      tr("swot.option_saved", option=option.strip()))
    if len(stored):
        table(stored, "cross_options", "options")
        waiting = stored[stored["action_id"].isna()]
        if len(waiting):
            texts = dict(zip(waiting["option_id"], waiting["option"], strict=True))
            a, b = st.columns([3, 1], vertical_alignment="bottom")
            picked = a.selectbox(tr("swot.to_plan_pick"), list(texts), format_func=texts.get, key="to_plan_pick",
                                 placeholder=tr("widget.choose"))
            if b.button(tr("swot.to_plan"), key="to_plan", disabled=not ctx.who.may("swot.send_to_plan")):
                saved(lambda: swot.send_to_plan(ctx.con, ctx.pid, int(picked), ctx.who))


def add_item_form(inv: pd.DataFrame) -> None:
    """A workshop adds an item: "from the room" with the author typed, unless an actor is chosen
    explicitly (never a preselected one); stored with its date, coded like any other."""
    ctx = context()
    names = {ROOM: tr("swot.room_choice")} | dict(sorted(zip(inv["actor_id"], inv["name"], strict=True),
                                                        key=lambda pair: pair[1]))
    fields = {f: tr("field." + f) for f in SWOT_FIELDS}
    form = forms.Form("add_item")
    with st.form(form.name):
        a, b = st.columns(2)
        actor = a.selectbox(tr("swot.said_by"), list(names), format_func=names.get, index=0,
                            key=form.key("item_actor"), help=tr("swot.said_by_help"),
                            placeholder=tr("widget.choose"))
        field = b.selectbox(tr("swot.quadrant"), list(fields), format_func=fields.get, index=None,
                            key=form.key("item_field"), placeholder=tr("widget.choose"))
        text = st.text_input(tr("swot.item_text"), key=form.key("item_text"))
        author = st.text_input(tr("swot.item_author"), key=form.key("item_author"))
        if form.submit(tr("swot.add_item"), type="primary"):
            if field is None:
                forms.refuse(tr("swot.no_quadrant"))
                return
            source = names[actor] if actor != ROOM else tr("swot.from_room", author=author.strip())
            form.save(lambda: swot.add_item(ctx.con, ctx.pid, None if actor == ROOM else actor, field, text, author,
                                            ctx.who),
                      tr("swot.item_saved", field=fields[field], text=text.strip(), source=source))
