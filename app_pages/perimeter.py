"""Field of action: build perimeter scenarios, see what each covers and leaves out, compare them,
and validate one (re-opening it is recorded)."""
import streamlit as st

from clusterlab import actors, palette, perimeter
from clusterlab.ui import chart, context, escape_markdown, forms, open_tab, table, tr
from clusterlab.ui.actors import chain_figure

ctx = context()
analysis = ctx.analysis
st.title(tr("perimeter.title"))
inv, leader_set, ranking, names = analysis.inventory, analysis.leaders, analysis.problem_ranking, analysis.names
inputs = analysis.coverage_inputs
saved, current = analysis.scenarios, analysis.validated_scenario
if current is not None:
    st.success(tr("perimeter.in_force", name=escape_markdown(next(s.name for s in saved if s.scenario_id == current))))



def build_tab() -> None:
    """A new scenario starts empty, or from an explicit copy of a saved one."""
    form = forms.Form("scenario")
    origins = {0: tr("perimeter.start_empty")} | {s.scenario_id: tr("perimeter.copy_of", name=s.name) for s in saved}
    origin = st.selectbox(tr("perimeter.start_from"), list(origins), format_func=origins.get,
                          key=form.key("sc_origin"), placeholder=tr("widget.choose"))
    base = next((s for s in saved if s.scenario_id == origin), None)

    def key(field: str) -> str:  # the copy's values are the new widgets' defaults
        return form.key(field) + (f"-from{origin}" if base else "")

    with st.form(form.name):
        name = st.text_input(tr("perimeter.name"), key=key("sc_name"))
        a, b = st.columns(2)
        any_of = tr("widget.choose_many")

        def pick(column, label: str, field: str, options: list, **kwargs) -> list:
            chosen = kwargs.pop("default", [])
            chosen = getattr(base, field) if base else chosen
            return column.multiselect(label, options, default=[c for c in chosen if c in options],
                                      key=key(f"sc_{field}"), placeholder=any_of, **kwargs)

        stages = pick(a, tr("field.stage"), "stages", sorted(inv["stage"].dropna().unique()))
        categories = pick(b, tr("field.category"), "categories", sorted(inv["category"].dropna().unique()))
        regions = pick(a, tr("field.region"), "regions", sorted(inv["region"].dropna().unique()))
        localities = pick(b, tr("field.locality"), "localities", sorted(inv["locality"].dropna().unique()))
        chosen_problems = pick(st, tr("perimeter.problems"), "problems", ranking["problem"].tolist(),
                               default=sorted(inputs["retained"]))
        labelled = {i: names[i] + (" ★" if i in leader_set else "") for i in sorted(names, key=names.get)}
        added = pick(a, tr("perimeter.added"), "added", list(labelled), format_func=labelled.get)
        removed = pick(b, tr("perimeter.removed"), "removed", list(labelled), format_func=labelled.get)
        author = a.text_input(tr("swot.author"), key=key("sc_author"))
        rationale = st.text_area(tr("perimeter.rationale"), key=key("sc_rationale"))
        if form.submit(tr("perimeter.save"), type="primary"):
            form.save(lambda: perimeter.save(ctx.con, ctx.pid, perimeter.Scenario(
                name.strip(), stages, regions, localities, categories, chosen_problems, added, removed,
                author.strip(), rationale.strip()), ctx.who), tr("perimeter.saved", name=name.strip()))
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
        sides = {"inside": tr("perimeter.inside"), "outside": tr("perimeter.outside")}
        for number, (column, n) in enumerate(zip(st.columns(len(picked)), picked, strict=True)):
            with column:
                inside = perimeter.members(inv, by_name[n])
                placed = inv.assign(category=inv["actor_id"].map(
                    lambda a, inside=inside: tr("perimeter.inside") if a in inside else tr("perimeter.outside")))
                shown = actors.chain_positions(placed)
                fig = chain_figure(shown, set(), palette.colour_map(palette.PERIMETER, sides.get),
                                   palette.colour_map(palette.PERIMETER_SYMBOL, sides.get))
                fig.update_layout(title=n, height=420)
                chart(fig, shown[["actor_id", "name", "stage", "category"]], f"chain_{number + 1}",
                      f"chain_{by_name[n].scenario_id}")


def validate_tab() -> None:
    if saved:
        form = forms.Form("validate")
        with st.form(form.name):
            ids = {s.scenario_id: s.name for s in saved}
            chosen = st.selectbox(tr("perimeter.to_validate"), list(ids), format_func=ids.get,
                                  key=form.key("sc_validate"), placeholder=tr("widget.choose"))
            who = st.text_input(tr("perimeter.who"), key=form.key("sc_who"))
            note = st.text_area(tr("perimeter.note"), key=form.key("sc_note"))
            if form.submit(tr("perimeter.validate"), type="primary"):
                form.save(lambda: perimeter.validate(ctx.con, ctx.pid, int(chosen), who.strip(), note.strip()),
                          tr("perimeter.validated", name=ids.get(chosen, "")))
        if current is not None and st.button(tr("perimeter.reopen"), key="sc_reopen",
                                             disabled=not ctx.who.may("perimeter.reopen")):
            perimeter.reopen(ctx.con, ctx.pid, who.strip(), note.strip())
            st.rerun()
    table(analysis.perimeter_history, "perimeter_history", "history_perimeter",
          values={"event": lambda e: tr("perimeter.event_" + e)})


TABS = {
    "build": build_tab,
    "compare": compare_tab,
    "validate": validate_tab,
}
open_tab("perimeter_tab", TABS, "perimeter.tab_")
