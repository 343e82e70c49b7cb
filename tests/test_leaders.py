"""Leader actors: the score by hand, weights and choices stored, manual choices winning."""
import pandas as pd
import pytest

from clusterlab import actors, analysis, demo, importer, leaders, settings, store


def parts(**columns):
    base = {c: [None] for c in leaders.COMPONENTS}
    base.update({k: [v] for k, v in columns.items()})
    return pd.DataFrame({"actor_id": ["X"], "name": ["X"], **base})


def test_score_is_the_weighted_mean_of_the_components_present():
    weights = {"influence": 0.5, "interest": 0.25, "centrality": 0.25, "size": 0, "willingness": 0,
               "capacity_to_participate": 0}
    full = parts(influence=1.0, interest=0.5, centrality=0.0, size=1, willingness=1, capacity_to_participate=1)
    assert leaders.score(full, weights)[0] == pytest.approx(0.5 * 1 + 0.25 * 0.5 + 0.25 * 0)
    missing = parts(influence=1.0, interest=0.5)  # centrality unknown: left out of the mean
    assert leaders.score(missing, weights)[0] == pytest.approx((0.5 * 1 + 0.25 * 0.5) / 0.75, abs=1e-4)


def test_components_scale_to_zero_one():
    inv = pd.DataFrame({"actor_id": ["A", "B"], "name": ["A", "B"], "influence": [5, 1], "interest": [3, None],
                        "size": [99, 0], "willingness": [4.0, None], "capacity_to_participate": [2.0, 1.0]})
    metrics = pd.DataFrame({"actor_id": ["A", "B"], "betweenness": [0.5, 0.25]})
    got = leaders.components(inv, metrics, "betweenness").set_index("actor_id")
    assert got.loc["A", ["influence", "interest", "centrality", "size", "willingness"]].tolist() == [1, 0.5, 1, 1, 0.75]
    assert got.loc["B", "centrality"] == 0.5 and got.loc["B", "size"] == 0 and pd.isna(got.loc["B", "interest"])


def test_a_choice_by_hand_wins_and_survives_a_restart(db_path):
    con = store.connect(db_path)
    demo.load(con)
    pid = store.project_id(con, "demo")
    before = analysis.of(con, pid).actor_metrics.set_index("actor_id")
    top, low = before.index[0], before.index[-1]
    assert before.at[top, "leader"] and not before.at[low, "leader"]
    leaders.set_override(con, pid, top, False, "absent from the workshops")
    leaders.set_override(con, pid, low, True, "chosen by the steering committee")
    con.close()
    con = store.connect(db_path)
    after = analysis.of(con, pid).actor_metrics.set_index("actor_id")
    assert not after.at[top, "leader"] and after.at[top, "reason"] == "absent from the workshops"
    assert after.at[low, "leader"] and after.at[low, "score"] == before.at[low, "score"]
    assert low in analysis.of(con, pid).leaders and top not in analysis.of(con, pid).leaders
    leaders.clear_override(con, pid, top)
    assert top in analysis.of(con, pid).leaders


def test_weights_and_threshold_are_stored(con):
    pid = store.project_id(con, "p")
    assert settings.leader_weights(settings.read(con, pid)) == {
        "influence": 0.25, "interest": 0.15, "centrality": 0.20, "size": 0.10, "willingness": 0.15,
        "capacity_to_participate": 0.15}
    settings.save(con, pid, {"leaders.weight_size": 0.5, "leaders.threshold": 0.4, "leaders.centrality": "degree"})
    chosen = settings.read(con, pid)
    assert settings.leader_weights(chosen)["size"] == 0.5
    assert chosen["leaders.threshold"] == 0.4 and chosen["leaders.centrality"] == "degree"


def test_demo_leaders_by_default(con):
    importer.import_files(con, demo.raw_files())  # the demo's data, before anyone chose a leader
    pid = store.project_id(con, "demo")
    table = analysis.of(con, pid).actor_metrics
    assert table["leader"].sum() == 6
    assert table.iloc[0]["name"] == "Direction régionale de l'Agriculture – Békaa"
    assert (table["score"].diff().dropna()[table["leader"].iloc[1:].values] <= 0).all()


def test_demo_leaders_as_the_team_chose_them(con):
    demo.load(con)
    table = analysis.of(con, store.project_id(con, "demo")).actor_metrics.set_index("actor_id")
    assert table["leader"].sum() == 6
    assert table.at["A005", "leader"] and not table.at["A038", "leader"], "one chosen in, one chosen out"


@pytest.mark.parametrize("text, stage", [("Transformation", "processing"), ("collecte", "collection"),
                                         ("Processing", "processing"), ("appui", "support"), ("Amont", "inputs"),
                                         ("Production laitière", "production"), ("???", None), (None, None)])
def test_canonical_stage(text, stage):
    assert actors.canonical_stage(text) == stage


def test_influence_interest_quadrants_and_missing_scores():
    df = pd.DataFrame({"actor_id": list("ABCDE"), "name": list("ABCDE"), "influence": [5, 5, 1, 2, None],
                       "interest": [5, 1, 5, 2, 3]})
    scored, missing = actors.influence_interest(df, 3.5, 3.5)
    assert dict(zip(scored["actor_id"], scored["quadrant"], strict=True)) == {
        "A": "manage_closely", "B": "keep_satisfied", "C": "keep_informed", "D": "monitor"}
    assert missing["actor_id"].tolist() == ["E"]
    scored, _ = actors.influence_interest(df, 1.5, 1.5)
    assert scored.set_index("actor_id").at["D", "quadrant"] == "manage_closely"


def test_stage_flows_count_links_between_stages():
    inv = pd.DataFrame({"actor_id": ["P", "C", "T"], "stage_key": ["production", "collection", "processing"]})
    links = pd.DataFrame({"source": ["P", "P", "C"], "target": ["C", "C", "T"]})
    flows = actors.stage_flows(inv, links)
    assert flows.values.tolist() == [["production", "collection", 2], ["collection", "processing", 1]]


def test_completeness_is_the_share_of_the_weights_known():
    weights = settings.leader_weights(settings.DEFAULTS)
    # influence .25 + interest .15 + centrality .20 known of 1.00
    known = parts(influence=1.0, interest=0.5, centrality=0.0)
    assert leaders.completeness(known, weights)[0] == 0.6
    keen = parts(willingness=1.0, capacity_to_participate=1.0)
    assert leaders.completeness(keen, weights)[0] == 0.3


def test_centrality_is_zero_for_the_unlinked_only_when_the_project_has_relations():
    inv = pd.DataFrame({"actor_id": ["A", "B"], "name": ["A", "B"], "influence": [5, 1], "interest": [3, 3],
                        "size": [None, None], "willingness": [None, None], "capacity_to_participate": [None, None]})
    metrics = pd.DataFrame({"actor_id": ["A", "B"], "betweenness": [0.0, 0.0]})
    linked = leaders.components(inv, metrics, "betweenness", relations=True)
    assert linked["centrality"].tolist() == [0.0, 0.0]
    assert leaders.components(inv, metrics, "betweenness", relations=False)["centrality"].isna().all()
    assert leaders.components(inv, metrics, "betweenness")["centrality"].isna().all(), "no centrality above zero"


def keen_project(con, tmp_path, relations: bool):
    """Three actors from a list, and one known from a single keen interview alone (5 and 5, nothing else)."""
    from clusterlab import importer
    from tests.workbooks import write_xlsx

    sheets = {"Acteurs": [["ID", "Nom", "Maillon", "Influence", "Intérêt", "Effectif"],
                          ["A", "Alpha", "production", 2, 2, 10], ["B", "Beta", "collecte", 3, 2, 50],
                          ["C", "Gamma", "transformation", 2, 3, 5]],
              "Entretiens": [["Acteur", "Date", "Volonté de collaborer", "Capacité à participer"],
                             ["Keen", "2026-03-01", 5, 5]]}
    if relations:
        sheets["Relations"] = [["Source", "Cible", "Type"], ["A", "B", "collaboration"], ["B", "C", "commercial"]]
    name = "linked" if relations else "unlinked"
    importer.import_files(con, [write_xlsx(tmp_path / f"{name}.xlsx", sheets)], name)
    return analysis.of(con, store.project_id(con, name)).actor_metrics.set_index("name")


@pytest.mark.parametrize("relations", [True, False])
def test_an_actor_known_from_one_keen_interview_alone_is_not_a_leader_by_score(con, tmp_path, relations):
    keen = keen_project(con, tmp_path, relations).loc["Keen"]
    # willingness .15 + capacity .15, and centrality .20 only when the project has relations (at zero)
    assert keen["completeness"] == (0.5 if relations else 0.3)
    assert keen["score"] == (0.6 if relations else 1.0)  # reaches the threshold of 0.6…
    assert not keen["enough_data"] and not keen["leader"]  # …but on too little evidence


def test_a_choice_by_hand_wins_over_not_enough_data(con, tmp_path):
    keen_project(con, tmp_path, relations=False)
    pid = store.project_id(con, "unlinked")
    keen = analysis.of(con, pid).inventory.set_index("name").at["Keen", "actor_id"]
    leaders.set_override(con, pid, keen, True, "the room knows them")
    got = analysis.of(con, pid).actor_metrics.set_index("name").loc["Keen"]
    assert got["leader"] and not got["enough_data"]


def test_a_lower_minimum_completeness_lets_the_score_decide(con, tmp_path):
    keen_project(con, tmp_path, relations=False)
    pid = store.project_id(con, "unlinked")
    settings.save(con, pid, {"leaders.min_completeness": 0.3})
    assert analysis.of(con, pid).actor_metrics.set_index("name").at["Keen", "leader"]


def test_the_page_is_told_when_the_centrality_changes_the_leaders_by_more_than_half():
    assert leaders.centrality_matters({"betweenness": 6, "closeness": 16}, "closeness", "betweenness")
    assert not leaders.centrality_matters({"betweenness": 6, "degree": 9}, "degree", "betweenness")  # 3 = half
    assert leaders.centrality_matters({"betweenness": 6, "degree": 2}, "degree", "betweenness")
    assert leaders.centrality_matters({"betweenness": 0, "degree": 1}, "degree", "betweenness")
    assert not leaders.centrality_matters({"betweenness": 0, "degree": 0}, "degree", "betweenness")


def test_demo_leader_counts_by_centrality(con):
    demo.load(con)
    got = analysis.of(con, store.project_id(con, "demo")).leader_counts
    assert got == {"degree": 7, "betweenness": 6, "closeness": 15, "eigenvector": 5}  # with the team's choices
