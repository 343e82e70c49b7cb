"""Actors: who the key actors are and who can lead — the inventory, the value chain, the network,
the influence × interest grid, the leaders and the map, all following the same filters."""
import pandas as pd
import streamlit as st

from clusterlab import actors, explorer, network, settings
from clusterlab.ui import chart, context, escape_markdown, open_tab, table, tr
from clusterlab.ui.actors import (
    TOP_NAMED,
    chain_figure,
    colours,
    filters,
    flows_figure,
    grid_figure,
    map_figure,
    network_figure,
)
from clusterlab.ui.leaders import evidence, evidence_notes, grid_splits, override_form, score_columns, weights
from clusterlab.ui.settings import setting_input
from clusterlab.ui.strategy import layer_choice, layer_links, negative_name

MAX_POINTS = 1500  # actors drawn in a chart; the tables always hold them all
SIGNS = {"negative": lambda v: tr("actors.conflict_tie") if v == "True" else tr("actors.positive_tie"),
         "origin": lambda v: tr("actors.origin_" + v)}
ctx = context()
analysis = ctx.analysis
st.title(tr("actors.title"))
inv, links, ranked, leader_set = analysis.inventory, analysis.links, analysis.actor_metrics, analysis.leaders
shown = actors.apply_filters(inv, filters(inv), leader_set)
ids = set(shown["actor_id"])
names = dict(zip(inv["actor_id"], inv["name"], strict=True))
inside = links[links["source"].isin(ids) & links["target"].isin(ids)]
palette = colours(inv["category"])
charted = actors.most_relevant(shown, ranked, MAX_POINTS)
st.caption(tr("actors.shown", n=len(shown), total=len(inv), leaders=len(ids & leader_set)))
if len(charted) < len(shown):
    st.caption(tr("actors.charted", n=len(charted)))


def inventory_tab() -> None:
    columns = ["actor_id", "name", "category", "stage", "locality", "region", "size", "influence", "interest"]
    listed = shown[[*columns, "interviews"]].assign(leader=shown["actor_id"].isin(leader_set))
    table(listed, "actors", "inventory")
    if len(shown):
        picked = st.selectbox(tr("actors.profile_of"), sorted(ids, key=names.get), format_func=names.get,
                              key="profile_pick", placeholder=tr("widget.choose"))
        actor = inv.set_index("actor_id").loc[picked]
        st.subheader(escape_markdown(actor["name"]))
        st.caption(" · ".join(escape_markdown(actor[f]) for f in ("category", "stage", "locality", "region", "contact")
                              if not pd.isna(actor[f])))
        said = explorer.items(ctx.con, ctx.pid, picked)
        table(said.assign(field=said["field"].astype(str)), f"said_{picked}", "profile_items")
        mine = links[(links["source"] == picked) | (links["target"] == picked)]
        table(mine.assign(source=mine["source"].map(names), target=mine["target"].map(names)),
              f"relations_{picked}", "profile_relations", values=SIGNS)


def chain_tab() -> None:
    placed = actors.chain_positions(charted)
    chart(chain_figure(placed, leader_set, palette),
          placed[["actor_id", "name", "category", "stage", "stage_key", "size"]], "value_chain", "chain")
    flows = actors.stage_flows(inv, network.positive(inside))  # a conflict is no flow
    if len(flows):
        st.subheader(tr("actors.flows"))
        matrix, within = actors.stage_matrix(flows)
        chart(flows_figure(matrix), flows, "stage_flows", "flows")
        st.caption(tr("actors.flows_within", n=within))


def network_tab() -> None:
    layer = layer_choice(analysis, "net_layer")  # the relations, or a layer of the strategic analysis (phase III)
    drawn = st.container()  # the network first, its settings under it
    with st.expander(tr("actors.network_settings"), icon=":material/tune:"):
        a, b, c, d = st.columns(4)
        colour_names = {f: tr("field." + f) for f in ("category", "stage")}
        colour = a.segmented_control(tr("actors.colour_by"), list(colour_names), key="net_colour",
                                     default="category", format_func=colour_names.get) or "category"
        metric_names = {m: tr("metric." + m) for m in settings.CENTRALITIES}
        size_by = b.selectbox(tr("actors.size_by"), list(metric_names), key="net_size", index=1,
                              format_func=metric_names.get, placeholder=tr("widget.choose"))
        types = c.multiselect(tr("field.type"), sorted(links["type"].dropna().unique()), key="net_types",
                              placeholder=tr("widget.choose_many"))
        strength = d.slider(tr("actors.min_strength"), 1, 5, 1, key="net_strength")
        focus = st.selectbox(tr("actors.neighbourhood"), ["", *sorted(ids, key=names.get)], key="net_focus",
                             format_func=lambda a: names[a] if a else "—", placeholder=tr("widget.choose"))
    nodes = charted.merge(analysis.layout, on="actor_id").merge(analysis.metrics, on="actor_id")
    kept = network.filter_edges(inside, types, strength) if layer.name == "relations" else layer_links(
        analysis, layer, list(nodes["actor_id"]))  # a layer: over the same actors, at the same places
    around = network.neighbourhood(network.graph(sorted(ids), kept), focus) if focus else set()
    with drawn:
        chart(network_figure(nodes, kept, colour, size_by, around, palette if colour == "category" else colours(
            inv["stage"]), leader_set, negative_name(layer)), kept, f"{layer.name}_shown", "network")
        st.caption(tr("actors.named", n=TOP_NAMED, metric=metric_names[size_by]))
    if layer.name == "relations":
        st.caption(tr("actors.conflicts_caption", n=int(inside["negative"].sum())))
    else:
        st.caption(tr("actors.layer_caption", n=len(kept), layer=tr("mactor.layer_" + layer.name),
                      actors=len(set(analysis.mactor_actor_ids) & set(nodes["actor_id"]))))
    with st.expander(tr("actors.negative_types"), icon=":material/call_split:"):
        setting_input("relations.negative_types")
    centralities = ["actor_id", "name", "degree_in", "degree_out", "degree", "conflicts", "betweenness", "closeness",
                    "eigenvector"]
    table(ranked[ranked["actor_id"].isin(ids)][centralities], "actor_metrics", "metrics")


def grid_tab() -> None:
    split_influence, split_interest = grid_splits()
    scored, missing = actors.influence_interest(shown, split_influence, split_interest)
    chart(grid_figure(scored[scored["actor_id"].isin(charted["actor_id"])], split_influence, split_interest,
                      leader_set),
          scored[["actor_id", "name", "influence", "interest", "quadrant"]], "influence_interest", "grid")
    st.caption(tr("actors.missing_scores", n=len(missing)))
    table(missing, "missing_scores", "missing")


def leaders_tab() -> None:
    weights()
    evidence_notes()
    table(ranked[ranked["actor_id"].isin(ids)], "leader_scores", "leaders", column_config=score_columns(),
          values={"enough_data": evidence})
    override_form(inv, ranked)


def map_tab() -> None:
    located = charted.dropna(subset=["latitude", "longitude"])
    st.caption(tr("actors.without_coordinates", n=int((shown["latitude"].isna() | shown["longitude"].isna()).sum())))
    if len(located):
        chart(map_figure(located, palette), located[["actor_id", "name", "category", "latitude", "longitude"]],
              "actor_map", "map")


TABS = {
    "inventory": inventory_tab,
    "chain": chain_tab,
    "network": network_tab,
    "grid": grid_tab,
    "leaders": leaders_tab,
    "map": map_tab,
}
open_tab("actors_tab", TABS, "actors.tab_")
