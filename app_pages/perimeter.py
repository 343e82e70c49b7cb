"""Field of action: build perimeter scenarios, see what each covers and leaves out, compare them,
and validate one (re-opening it is recorded)."""
import pandas as pd
import streamlit as st

from clusterlab import actors, perimeter
from clusterlab.errors import ClusterlabError
from clusterlab.ui import chart, context, escape_markdown, open_tab, table, tr
from clusterlab.ui.actors import chain_figure, colours

ctx = context()
analysis = ctx.analysis
st.title(tr("perimeter.title"))
inv, leader_set, ranking, names = analysis.inventory, analysis.leaders, analysis.problem_ranking, analysis.names
inputs = analysis.coverage_inputs
saved, current = analysis.scenarios, analysis.validated_scenario
if current is not None:
    st.success(tr("perimeter.in_force", name=escape_markdown(next(s.name for s in saved if s.scenario_id == current))))



def build_tab() -> None:
    with st.form("scenario"):
        name = st.text_input(tr("perimeter.name"), key="sc_name")
        a, b = st.columns(2)
        any_of = tr("widget.choose_many")
        stages = a.multiselect(tr("field.stage"), sorted(inv["stage"].dropna().unique()), key="sc_stages",
                               placeholder=any_of)
        categories = b.multiselect(tr("field.category"), sorted(inv["category"].dropna().unique()), key="sc_categories",
                                   placeholder=any_of)
        regions = a.multiselect(tr("field.region"), sorted(inv["region"].dropna().unique()), key="sc_regions",
                                placeholder=any_of)
        localities = b.multiselect(tr("field.locality"), sorted(inv["locality"].dropna().unique()),
                                   key="sc_localities", placeholder=any_of)
        chosen_problems = st.multiselect(tr("perimeter.problems"), ranking["problem"].tolist(),
                                         default=sorted(inputs["retained"]), key="sc_problems", placeholder=any_of)
        labelled = {i: names[i] + (" ★" if i in leader_set else "") for i in sorted(names, key=names.get)}
        added = a.multiselect(tr("perimeter.added"), list(labelled), format_func=labelled.get, key="sc_added",
                              placeholder=any_of)
        removed = b.multiselect(tr("perimeter.removed"), list(labelled), format_func=labelled.get, key="sc_removed",
                                placeholder=any_of)
        author = a.text_input(tr("swot.author"), key="sc_author")
        rationale = st.text_area(tr("perimeter.rationale"), key="sc_rationale")
        if st.form_submit_button(tr("perimeter.save"), type="primary"):
            try:
                perimeter.save(ctx.con, ctx.pid, perimeter.Scenario(
                    name.strip(), stages, regions, localities, categories, chosen_problems, added, removed,
                    author.strip(), rationale.strip()), ctx.who)
                st.rerun()
            except ClusterlabError as exc:
                st.error(escape_markdown(exc.message(ctx.lang)))
    table(analysis.perimeters, "perimeters", "scenarios")


def compare_tab() -> None:
    by_name = {s.name: s for s in saved}
    picked = st.multiselect(tr("perimeter.compare"), list(by_name), default=list(by_name)[-2:], max_selections=3,
                            key=f"sc_compare_{len(saved)}",  # a new scenario joins the comparison
                            placeholder=tr("widget.choose_many"))
    if picked:
        compared = perimeter.compare([by_name[n] for n in picked], inv, **inputs)
        st.caption(tr("perimeter.figures_caption"))
        table(compared.reset_index(names="figure").astype(str), "perimeter_comparison", "comparison",
              values={"figure": lambda f: tr("perimeter.figure_" + f)})
        palette = colours(pd.Series(["in", "out"]))
        for number, (column, n) in enumerate(zip(st.columns(len(picked)), picked, strict=True)):
            with column:
                inside = perimeter.members(inv, by_name[n])
                placed = inv.assign(category=inv["actor_id"].map(
                    lambda a, inside=inside: tr("perimeter.inside") if a in inside else tr("perimeter.outside")))
                shown = actors.chain_positions(placed)
                fig = chain_figure(shown, set(), {tr("perimeter.inside"): palette["in"],
                                                  tr("perimeter.outside"): "#c8c8c8"})
                fig.update_layout(title=n, height=420)
                chart(fig, shown[["actor_id", "name", "stage", "category"]], f"chain_{number + 1}",
                      f"chain_{by_name[n].scenario_id}")


def validate_tab() -> None:
    if saved:
        with st.form("validate"):
            ids = {s.scenario_id: s.name for s in saved}
            chosen = st.selectbox(tr("perimeter.to_validate"), list(ids), format_func=ids.get, key="sc_validate",
                                  placeholder=tr("widget.choose"))
            who = st.text_input(tr("perimeter.who"), key="sc_who")
            note = st.text_area(tr("perimeter.note"), key="sc_note")
            if st.form_submit_button(tr("perimeter.validate"), type="primary"):
                perimeter.validate(ctx.con, ctx.pid, int(chosen), who.strip(), note.strip())
                st.rerun()
        if current is not None and st.button(tr("perimeter.reopen"), key="sc_reopen"):
            perimeter.reopen(ctx.con, ctx.pid, st.session_state.get("sc_who", ""), st.session_state.get("sc_note", ""))
            st.rerun()
    table(analysis.perimeter_history, "perimeter_history", "history_perimeter",
          values={"event": lambda e: tr("perimeter.event_" + e)})


TABS = {
    "build": build_tab,
    "compare": compare_tab,
    "validate": validate_tab,
}
tab, where = open_tab("perimeter_tab", tuple(TABS), "perimeter.tab_")
with where:
    TABS[tab]()
