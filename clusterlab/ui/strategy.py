"""Widgets of phase III's page (MACTOR): the objectives editor, the matrix grids a workshop fills live, the
proposals to confirm, the formulas, and an actor's card."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from clusterlab import mactor_charts, strategy
from clusterlab.analysis import Analysis
from clusterlab.proposals import PARTNER, SCORE
from clusterlab.ui import forms
from clusterlab.ui.actors import colours, network_figure
from clusterlab.ui.frame import context, tr
from clusterlab.ui.plain import escape_markdown
from clusterlab.ui.widgets import MISSING, chart, saved, table

FORMULAS = {
    "midi": r"\mathrm{MIDI}_{ij} = \mathrm{MID}_{ij} + \sum_{k \neq i,j} \min(\mathrm{MID}_{ik}, \mathrm{MID}_{kj})"
            r"\qquad \mathrm{MIDI}_{ii} = \sum_{k \neq i} \min(\mathrm{MID}_{ik}, \mathrm{MID}_{ki})",
    "md": r"M_i = \sum_{j \neq i} \mathrm{MIDI}_{ij} \qquad D_i = \sum_{j \neq i} \mathrm{MIDI}_{ji}",
    "r": r"r_i = \frac{M_i - \mathrm{MIDI}_{ii}}{\sum_k M_k} \cdot \frac{M_i}{M_i + D_i} \qquad "
         r"r^*_i = n \, \frac{r_i}{\sum_k r_k}",
    "mao": r"\mathrm{1MAO} = \operatorname{sign}(\mathrm{2MAO}) \qquad \mathrm{3MAO}_{ij} = \mathrm{2MAO}_{ij}"
           r" \cdot r^*_i",
    "mobilisation": r"\text{for}_j = \sum_{i} \max(\mathrm{3MAO}_{ij}, 0) \qquad "
                    r"\text{against}_j = \sum_{i} \min(\mathrm{3MAO}_{ij}, 0)",
    "pairs": r"\mathrm{CAA}_{ik} = \sum_{j:\, P_{ij} P_{kj} > 0} \frac{|P_{ij}| + |P_{kj}|}{2} \qquad "
             r"\mathrm{DAA}_{ik} = \sum_{j:\, P_{ij} P_{kj} < 0} \frac{|P_{ij}| + |P_{kj}|}{2}",
}


def formulas(*names: str) -> None:
    """The computations the figures below come from, as the method states them."""
    with st.expander(tr("mactor.formulas"), expanded=False):
        for name in names:
            st.latex(FORMULAS[name])
            st.caption(tr("mactor.formula_" + name))


def objective_editor(a: Analysis) -> None:
    """Add an objective; edit or delete one; turn short-listed problems or strategic options into objectives."""
    ctx = context()
    objectives = a.objectives
    form = forms.Form("objective")
    with st.form(form.name):
        text = st.text_input(tr("field.objective"), key=form.key("obj_text"))
        left, right = st.columns(2)
        stake = left.text_input(tr("field.stake"), key=form.key("obj_stake"))
        description = right.text_input(tr("field.description"), key=form.key("obj_description"))
        if form.submit(tr("mactor.add_objective"), type="primary"):
            form.save(lambda: strategy.add_objective(ctx.con, ctx.pid, text, stake, description, who=ctx.who),
                      lambda new: tr("mactor.objective_added", objective_id=new))
    if len(objectives):
        labels = dict(zip(objectives["objective_id"], objectives["objective_id"] + " — " + objectives["objective"],
                          strict=True))
        picked = st.selectbox(tr("mactor.edit_objective"), list(labels), format_func=labels.get,
                              key="obj_pick", placeholder=tr("widget.choose"))
        row = objectives.set_index("objective_id").loc[picked]
        edit = forms.Form(f"objective_edit_{picked}_{a.revision}")
        with st.form(edit.name):
            new_text = st.text_input(tr("field.objective"), value=row["objective"], key=edit.key("obj_e_text"))
            left, right = st.columns(2)
            new_stake = left.text_input(tr("field.stake"), value=_text(row["stake"]), key=edit.key("obj_e_stake"))
            new_description = right.text_input(tr("field.description"), value=_text(row["description"]),
                                               key=edit.key("obj_e_description"))
            save, delete = st.columns(2)
            if save.form_submit_button(tr("mactor.save_objective"), key=edit.key("obj_e_save"),
                                     disabled=not ctx.who.may("objective.update")):
                edit.save(lambda: strategy.update_objective(ctx.con, ctx.pid, picked, ctx.who, objective=new_text,
                                                            stake=new_stake, description=new_description),
                          tr("mactor.objective_saved", objective_id=picked))
            if delete.form_submit_button(tr("mactor.delete_objective"), key=edit.key("obj_e_delete"),
                                       disabled=not ctx.who.may("objective.delete")):
                edit.save(lambda: strategy.delete_objective(ctx.con, ctx.pid, picked, ctx.who),
                          tr("mactor.objective_deleted", objective_id=picked))
    shortlisted = list(a.shortlist["problem"])
    options = a.cross_options
    left, right = st.columns(2)
    if left.button(tr("mactor.from_shortlist", n=len(shortlisted)), key="obj_from_shortlist",
                   disabled=not shortlisted or not ctx.who.may("objective.from_problems"),
                   icon=":material/playlist_add:"):
        saved(lambda: strategy.objectives_from_problems(ctx.con, ctx.pid, shortlisted, ctx.who))
    if len(options) and right.button(tr("mactor.from_options", n=len(options)), key="obj_from_options",
                                     icon=":material/playlist_add:",
                                     disabled=not ctx.who.may("objective.from_options")):
        saved(lambda: strategy.objectives_from_options(ctx.con, ctx.pid, [int(o) for o in options["option_id"]],
                                                       ctx.who))
    table(objectives, "objectives_list", "objectives", values={"origin": lambda o: tr("mactor.origin_" + o)})


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def actor_chooser(a: Analysis) -> None:
    """The actors the analysis takes (10 to 30; by default the leaders and the validated perimeter)."""
    ctx = context()
    names = a.names
    chosen = a.mactor_actor_ids
    with st.expander(tr("mactor.actors", n=len(chosen)), expanded=False):
        st.caption(tr("mactor.actors_help", low=strategy.MIN_ACTORS, high=strategy.MAX_ACTORS))
        form = forms.Form(f"mactor_actors_{a.revision}")
        with st.form(form.name):
            picked = st.multiselect(tr("mactor.actors_pick"), sorted(names, key=names.get), default=chosen,
                                    format_func=names.get, key=form.key("mactor_actors_pick"),
                                    placeholder=tr("widget.choose_many"))
            left, right = st.columns(2)
            if left.form_submit_button(tr("mactor.actors_save"), key=form.key("mactor_actors_save"),
                                       disabled=not ctx.who.may("settings")):
                form.save(lambda: strategy.choose_actors(ctx.con, ctx.pid, picked, ctx.who),
                          tr("mactor.actors_saved", n=len(picked)))
            if right.form_submit_button(tr("mactor.actors_default"), key=form.key("mactor_actors_reset"),
                                        disabled=not ctx.who.may("settings")):
                form.save(lambda: strategy.choose_actors(ctx.con, ctx.pid, [], ctx.who), tr("mactor.actors_reset"))


def matrix_grid(a: Analysis, kind: str) -> None:
    """The matrix as a grid the room fills in (confirmed cells), keyed by the revision: after each save the grid
    is drawn again from the store. Proposed cells are listed apart, with their evidence, to confirm."""
    ctx = context()
    names = a.names
    if kind == "influences":
        values, sources, low, high = a.mid, a.mid_sources, 0, 4
        across = {c: names.get(c, c) for c in values.columns}
    else:
        values, sources, low, high = a.mao2, a.mao_sources, -4, 4
        titles = dict(zip(a.objectives["objective_id"], a.objectives["objective"], strict=True))
        across = {c: f"{c} — {titles.get(c, c)}" for c in values.columns}
    if values.empty:
        st.info(tr(f"mactor.empty_{kind}"))
        return
    st.caption(tr(f"mactor.scale_{kind}"))
    shown = values.where(sources != "").astype(float)
    if kind == "influences":
        for actor in shown.index:
            shown.loc[actor, actor] = float("nan")
    shown.index = [names.get(i, i) for i in shown.index]
    config = {c: st.column_config.NumberColumn(across[c], min_value=low, max_value=high, step=1, format="%d")
              for c in shown.columns}
    writable = ctx.who.may("influence.set" if kind == "influences" else "position.set")
    form = forms.Form(f"grid_{kind}_{a.revision}")
    with st.form(form.name):
        edited = st.data_editor(shown, key=form.key(f"grid_{kind}"), column_config=config,
                                num_rows="fixed", width="stretch", placeholder=MISSING, disabled=not writable)
        if form.submit(tr("mactor.save_grid"), type="primary", disabled=not writable):
            cells = changed_cells(shown, edited, list(values.index), kind)
            writer = strategy.set_influences if kind == "influences" else strategy.set_positions
            if not cells:
                forms.refuse(tr("mactor.grid_unchanged"))
            else:
                form.save(lambda: writer(ctx.con, ctx.pid, cells, strategy.CONFIRMED, ctx.who),
                          lambda n: tr("mactor.grid_saved", n=n))
    counts = pd.Series(sources.to_numpy().ravel()).value_counts()
    st.caption(tr("mactor.cells", confirmed=int(counts.get("confirmed", 0)), proposed=int(counts.get("proposed", 0))))
    if counts.get("proposed", 0):
        with st.expander(tr("mactor.marks"), expanded=False):
            st.caption(tr("mactor.marks_help"))
            table(marked(values, sources, names, across), f"mactor_{kind}_marked", f"marked_{kind}")


def marked(values: pd.DataFrame, sources: pd.DataFrame, names: dict[str, str], across: dict[str, str]
           ) -> pd.DataFrame:
    """The matrix as text, each proposed cell marked `?` (to confirm), a cell nothing was said of left empty."""
    text = values.astype(int).astype(str).where(sources != "", "")
    text = text.where(sources != strategy.PROPOSED, text + " ?")
    text.index = [names.get(i, i) for i in text.index]
    return text.rename(columns=across).rename_axis(tr("mactor.row_actor")).reset_index()


def changed_cells(before: pd.DataFrame, after: pd.DataFrame, ids: list[str], kind: str) -> list[tuple]:
    """The cells the grid changed (a cleared cell is left as it was), as (row id, column id, value)."""
    cells = []
    for position, actor in enumerate(ids):
        for column in before.columns:
            old, new = before.iloc[position][column], after.iloc[position][column]
            if pd.isna(new) or (kind == "influences" and actor == column) or (pd.notna(old) and old == new):
                continue
            cells.append((actor, column, new))
    return cells


def proposals(a: Analysis, kind: str) -> None:
    """The proposal from what is known, to write as proposed cells; the proposed cells, to confirm."""
    ctx = context()
    names = a.names
    cell = ("from_actor_id", "to_actor_id") if kind == "influences" else ("actor_id", "objective_id")
    cells = a.influence_cells if kind == "influences" else a.position_cells
    proposal = strategy.fresh(a.mid_proposal if kind == "influences" else a.mao_proposal, cells, cell)
    st.caption(tr(f"mactor.proposal_help_{kind}"))
    left, right = st.columns(2)
    if left.button(tr("mactor.propose", n=len(proposal)), key=f"propose_{kind}", disabled=not len(proposal),
                   icon=":material/auto_awesome:"):
        saved(lambda: strategy.write_proposal(ctx.con, ctx.pid, kind, proposal, ctx.who))
    standing = a.influences_held if kind == "influences" else a.positions_held
    waiting = standing[standing["source"] == strategy.PROPOSED] if len(standing) else standing
    if len(waiting) and right.button(tr("mactor.confirm_all", n=len(waiting)), key=f"confirm_{kind}",
                                     icon=":material/done_all:"):
        saved(lambda: strategy.confirm(ctx.con, ctx.pid, kind, ctx.who))
    if len(waiting):
        shown = waiting[[*cell, "value", "evidence"]].copy()
        if kind == "influences":
            shown["evidence"] = shown["evidence"].map(evidence_words, na_action="ignore")
        for column in cell:
            if column != "objective_id":
                shown[column] = shown[column].map(lambda i: names.get(i, i))
        table(shown, f"proposed_{kind}", f"proposed_{kind}")


def actor_card(a: Analysis) -> None:
    """One actor: its balance of power, the objectives it is for and against, and the evidence."""
    names = a.names
    ids = a.mactor_actor_ids
    if not ids:
        return
    picked = st.selectbox(tr("mactor.card_actor"), ids, format_func=lambda i: names.get(i, i), key="mactor_card",
                          placeholder=tr("widget.choose"))
    row = a.mactor_actors.set_index("actor_id").loc[picked]
    st.markdown(tr("mactor.card_head", name=escape_markdown(names.get(picked, picked)), r_star=row["r_star"],
                   quadrant=tr("mactor.quadrant_" + row["quadrant"])))
    held = strategy.standing(a.position_cells, ("actor_id", "objective_id"))
    held = held[held["actor_id"] == picked] if len(held) else held
    titles = dict(zip(a.objectives["objective_id"], a.objectives["objective"], strict=True))
    left, right = st.columns(2)
    for column, sign, key in ((left, 1, "mactor.card_for"), (right, -1, "mactor.card_against")):
        part = held[held["value"] * sign > 0] if len(held) else held
        column.markdown(f"**{tr(key)}**")
        if not len(part):
            column.caption("—")
        for objective, value, evidence, source in zip(part["objective_id"], part["value"], part["evidence"],
                                                      part["source"]):
            column.markdown(f"- {escape_markdown(titles.get(objective, objective))} ({int(value):+d}, "
                            f"{tr('mactor.source_' + source)})")
            if isinstance(evidence, str) and evidence:
                column.caption(escape_markdown(evidence))


def pair_graphs(a: Analysis, level: str, threshold: float) -> None:
    """The convergence and the divergence graphs side by side, and the strongest pairs in words."""
    lang = context().lang
    names, ids, pairs = a.names, a.mactor_actor_ids, a.mactor_pairs
    for column, kind in zip(st.columns(2), ("caa", "daa"), strict=True):
        with column:
            fig = mactor_charts.pair_graph(pairs, kind + level, threshold, names, lang, ids)
            chart(fig, pairs[["actor_a", "actor_b", kind + level]], f"mactor_{kind}{level}", f"mactor_{kind}")
            top = mactor_charts.strongest(pairs, kind + level, names)
            st.markdown(f"**{tr('mactor.strongest_' + kind)}**")
            for x, y, value in top:
                st.markdown(escape_markdown(tr("mactor.pair_" + kind, a=x, b=y, value=f"{value:.2f}")))
            if not top:
                st.caption(tr("mactor.no_pairs"))


@dataclass(frozen=True)
class Layer:
    """The layer of the network the analyst chose (strategy.LAYERS), its matrix level for the convergences and
    divergences ("1", "2", "3": 1MAO, 2MAO, 3MAO) and the threshold of its links."""
    name: str = "relations"
    level: str = "2"
    threshold: float = 0.0


LEVEL_NAMES = {level: f"{level}MAO" for level in strategy.LEVELS}


def layer_choice(a: Analysis, key: str, default: str = "relations", level_always: bool = False) -> Layer:
    """The layer to draw over the actors' network: relations, influences (MID), convergences or divergences; the
    level of the last two (always shown with `level_always`: it then governs what follows too) and a threshold."""
    layers = {name: tr("mactor.layer_" + name) for name in strategy.LAYERS}
    left, middle, right = st.columns([2, 1, 1])
    name = left.segmented_control(tr("mactor.layer"), list(layers), format_func=layers.get, key=key,
                                  default=default) or default
    level = "2"
    if level_always or name in strategy.PAIR_LAYERS:
        level = middle.segmented_control(tr("mactor.level"), list(LEVEL_NAMES), format_func=LEVEL_NAMES.get,
                                         key=f"{key}_level", default="2") or "2"
    if name == "relations":
        return Layer(name, level)
    top = strategy.layer_top(name, a.mid, a.mactor_pairs, level)
    step = 1.0 if name == "influences" else 0.5
    suffix = level if name in strategy.PAIR_LAYERS else ""
    threshold = right.slider(tr("mactor.threshold"), 0.0, max(top, step), 0.0, step=step,
                             key=f"{key}_threshold_{name}{suffix}")
    return Layer(name, level, threshold)


def layer_links(a: Analysis, layer: Layer, ids: list[str]) -> pd.DataFrame:
    """The links of a layer among the actors `ids` (source, target, value, negative)."""
    return strategy.layer(layer.name, ids, a.links, a.mid, a.mactor_pairs, layer.threshold, layer.level)


def negative_name(layer: Layer) -> str:
    """What the dashed links of a layer are, in the legend: conflicts, or divergences on objectives."""
    return tr("mactor.divergence_ties") if layer.name == "divergences" else tr("actors.conflict_ties")


def network_layer(a: Analysis, layer: Layer) -> None:
    """The network of the analysis' actors at their usual places (the actors page's layout), one layer drawn:
    relations, influences, convergences or divergences (dashed); the size of each actor its r*."""
    ids = a.mactor_actor_ids
    links = layer_links(a, layer, ids)
    nodes = a.inventory[a.inventory["actor_id"].isin(ids)][["actor_id", "name", "category"]]
    nodes = nodes.merge(a.layout, on="actor_id").merge(a.mactor_actors[["actor_id", "r_star"]], on="actor_id")
    if nodes.empty:
        st.info(tr("mactor.empty_influences"))
        return
    fig = network_figure(nodes, links, "category", "r_star", set(), colours(a.inventory["category"]),
                         negative_name=negative_name(layer))
    chart(fig, links, f"mactor_layer_{layer.name}", "mactor_layer")
    st.caption(tr("mactor.layer_caption", n=len(links)))


def conflicts(a: Analysis, level: str) -> None:
    """The actors in conflict in the relations and those diverging on objectives (at `level`), side by side."""
    st.subheader(tr("mactor.conflicts"))
    st.caption(tr("mactor.conflicts_help", level=LEVEL_NAMES[level]))
    compared = strategy.conflicts_and_divergences(a.mactor_pairs, a.links, level)
    table(compared.assign(actor_a=compared["actor_a"].map(a.names), actor_b=compared["actor_b"].map(a.names)),
          f"mactor_conflicts_{level}mao", "mactor_conflicts", values={"conflict": lambda v: tr(f"mactor.conflict_{v}")})


def evidence_words(evidence: str) -> str:
    """An influence's evidence in the page's language: its codes (proposals.PARTNER, SCORE) said in words."""
    text = evidence.replace(SCORE, " + " + tr("mactor.evidence_score"))
    return tr("mactor.evidence_partner") + text[len(PARTNER):] if text.startswith(PARTNER) else text
