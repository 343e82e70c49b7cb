"""SWOT: the diagnosis of an actor, a group or the cluster, explored theme by theme, compared
between groups, coded, and crossed into strategic options."""
import streamlit as st

from clusterlab import swot
from clusterlab.ui import context, escape_markdown, open_tab, table, tr
from clusterlab.ui.swot import add_item_form, cross_matrix, group, quadrants, scope
from clusterlab.ui.themes import coding_editor

ctx = context()
st.title(tr("swot.title"))
inv, ranked, leader_set, coded = (ctx.analysis.inventory, ctx.analysis.actor_metrics, ctx.analysis.leaders,
                                  ctx.analysis.swot_items)

whose, settings = st.columns([3, 2], vertical_alignment="top")
with whose:  # whose SWOT stays in view: the leaders' is one click away
    ids, who = scope(inv, leader_set)
with settings, st.expander(tr("swot.settings"), icon=":material/tune:"):  # folded: the quadrants fill the screen
    weights = {"none": tr("swot.weight_none"), "influence": tr("field.influence"), "score": tr("leaders.score")}
    weighting = st.segmented_control(tr("swot.weight_by"), list(weights), format_func=weights.get, key="swot_weight",
                                     default="none") or "none"
by = {"none": None, "influence": inv.set_index("actor_id")["influence"].astype(float).fillna(0),
      "score": ranked.set_index("actor_id")["score"]}[weighting]
summary = swot.matrix(coded, ids, by)


def matrix_tab() -> None:
    st.caption(tr("swot.of", who=escape_markdown(who), n=len(ids) if ids is not None else len(inv)))
    quadrants(summary)
    table(summary, "swot", "swot_matrix")
    choices = {f"{f}|{t}": f"{tr('field.' + f)} — {t}" for f, t in zip(summary["field"], summary["theme"],
                                                                     strict=True)}
    if choices:
        picked = st.selectbox(tr("swot.explore"), list(choices), format_func=choices.get, key="explore",
                              placeholder=tr("widget.choose"))
        field, theme = picked.split("|", 1)
        table(swot.who_said(coded, field, theme, ids, ctx.lang), "who_said", "who_said")


def compare_tab() -> None:
    left, right = st.columns(2)
    with left:
        group_a, name_a = group(inv, leader_set, "cmp_a", tr("swot.group_a"))
    with right:
        group_b, name_b = group(inv, leader_set, "cmp_b", tr("swot.group_b"), nth=1)
    compared = swot.compare(coded, group_a, group_b)
    st.caption(tr("swot.compare_caption", a=escape_markdown(name_a), b=escape_markdown(name_b)))
    table(compared, "swot_compare", "compare", labels={"actors_a": f"A: {name_a}", "actors_b": f"B: {name_b}"},
          values={"only": lambda side: tr("swot.only_" + side) if side else ""})


def coding_tab() -> None:
    coding_editor(coded)


def cross_tab() -> None:
    cross_matrix(summary)


def add_tab() -> None:
    add_item_form(inv)


TABS = {
    "matrix": matrix_tab,
    "compare": compare_tab,
    "coding": coding_tab,
    "cross": cross_tab,
    "add": add_tab,
}
open_tab("swot_tab", TABS, "swot.tab_")
