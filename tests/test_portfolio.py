"""Phase III's portfolio (needs.py, portfolio.py, coherence.py): needs and offers counted from the one theme
coding, the operability grid checked by hand, verdicts, retained projects sent to the plan, the coherence chain."""
from datetime import date

import pandas as pd
import pytest

from clusterlab import analysis, exporter, needs, portfolio, problems, settings, store, themes
from clusterlab.errors import InvalidInput


def _pid(con) -> int:
    return store.project_id(con, "demo", create=False)


def test_each_themes_counts_equal_a_plain_group_by_of_the_exported_items(demo_con, tmp_path):
    a = analysis.of(demo_con, _pid(demo_con))
    files = exporter.tables(a)
    items, coding = files["items"], files["themes"]
    items = items[items["field"].isin(needs.FIELDS)].assign(
        wording_key=lambda d: d["text"].map(themes.wording_key))
    coded = items.merge(coding[["field", "wording_key", "label"]], on=["field", "wording_key"])
    by_hand = coded.groupby(["field", "label"]).agg(actors=("actor_id", "nunique"), mentions=("text", "size"))
    exported = files["needs_offers"].set_index(["field", "theme"])
    assert len(by_hand) == 28  # every theme the demo coded for needs and offers
    for (field, label), row in by_hand.iterrows():
        assert exported.loc[(field, label), ["actors", "mentions"]].tolist() == row.tolist(), (field, label)
    influence = a.inventory.set_index("actor_id")["influence"].astype(float).fillna(0)
    finance = coded[(coded["field"] == "expectations") & (coded["label"] == "Accès au financement")]
    assert exported.loc[("expectations", "Accès au financement"), "weight"] == pytest.approx(
        influence[finance["actor_id"].unique()].sum())


def test_the_grid_score_on_a_hand_computed_example():
    inventory = pd.DataFrame({"actor_id": ["A", "B", "C"], "influence": [5, 2, None],
                              "capacity_to_participate": [4, 2, None], "willingness": [5, 3, 4]})
    project = {"committed": ["A", "B", "C"], "carrier": "B", "problems": ["P1", "P2", "P3"],
               "options": ["Option 1"], "funding": 2, "months": 6}
    values = dict(settings.DEFAULTS)
    parts = portfolio.criteria(project, inventory, leaders={"A"}, shortlisted={"P1", "P3"}, values=values)
    # relevance: 2 short-listed of full 2 → 1; coherence: 1 option of 2 → 0.5; actors: (5 + 2 + 3) / 5 = 2 of 3;
    # leader: A is a leader among its actors, not its carrier → 0.5; capacity: mean 3 → (3 − 1) / 4 = 0.5;
    # funding: 2 / 4; time: (24 − 6) / 24 = 0.75
    assert parts == pytest.approx({"relevance": 1.0, "coherence": 0.5, "actors": 2 / 3, "leader": 0.5,
                                   "capacity": 0.5, "funding": 0.5, "time": 0.75})
    weights = portfolio.grid_weights(values)
    by_hand = (0.25 * 1 + 0.10 * 0.5 + 0.15 * 2 / 3 + 0.15 * 0.5 + 0.10 * 0.5 + 0.15 * 0.5 + 0.10 * 0.75) / 1.0
    assert portfolio.weighted(parts, weights) == pytest.approx(round(by_hand, 4))
    assert portfolio.weighted(parts, weights, portfolio.IMPACT) == pytest.approx(round((0.25 + 0.05) / 0.35, 4))
    unscored = portfolio.criteria({**project, "funding": None, "months": None, "carrier": "A"}, inventory, {"A"},
                                  set(), values)
    assert (unscored["funding"], unscored["time"], unscored["leader"], unscored["relevance"]) == (0.0, 0.0, 1.0, 0.0)


def test_the_analysts_grid_changes_the_score_of_every_view(demo_con):
    pid = _pid(demo_con)
    before = analysis.of(demo_con, pid).projects.set_index("project_id")
    settings.save(demo_con, pid, {f"portfolio.weight_{c}": 0.0 for c in portfolio.CRITERIA if c != "funding"})
    after = analysis.of(demo_con, pid).projects.set_index("project_id")
    assert (after["score"] == after["crit_funding"]).all()
    assert not after["score"].equals(before["score"])


def test_a_verdict_is_recorded_with_who_when_why_and_the_latest_stands(demo_con):
    pid = _pid(demo_con)
    portfolio.decide(demo_con, pid, "PRJ02", "retained", "  Les laiteries s'engagent  ", "Nadia")
    a = analysis.of(demo_con, pid)
    assert a.projects.set_index("project_id").loc["PRJ02", ["verdict", "reason", "decided_by"]].tolist() == [
        "retained", "Les laiteries s'engagent", "Nadia"]
    history = a.verdicts[a.verdicts["joint_id"] == "PRJ02"]
    assert history["verdict"].tolist() == ["to_mature", "retained"] and history["decided_at"].notna().all()
    with pytest.raises(InvalidInput):
        portfolio.decide(demo_con, pid, "PRJ02", "maybe", "", "Nadia")


def test_a_retained_project_goes_to_the_plan_once_as_a_group_of_actions(demo_con):
    pid = _pid(demo_con)
    with pytest.raises(InvalidInput):
        portfolio.send_to_plan(demo_con, pid, "PRJ02", ["a", "b", "c"], date(2027, 3, 1), [])  # to mature
    portfolio.score(demo_con, pid, "PRJ02", 2, 12, 50_000.0)
    portfolio.decide(demo_con, pid, "PRJ02", "retained", "ok")
    ids = portfolio.send_to_plan(demo_con, pid, "PRJ02", ["étude", "montage", "lancement"], date(2027, 3, 1),
                                 ["Laiterie Al Wadi"])
    assert ids == ["PRJ02-1", "PRJ02-2", "PRJ02-3"]
    assert portfolio.send_to_plan(demo_con, pid, "PRJ02", ["x", "y", "z"], date(2028, 1, 1), []) == ids  # twice
    a = analysis.of(demo_con, pid)
    sent = a.actions[a.actions["project"] == "PRJ02"].sort_values("action_id")
    assert sent["budget"].tolist() == [5_000.0, 15_000.0, 30_000.0]
    assert sent["title"].str.endswith(("étude", "montage", "lancement")).all()
    assert sent["owner"].eq("Institut de recherche laitière de la Békaa").all()
    assert sent["problem"].eq("Qualité hygiénique du lait cru insuffisante").all()
    assert str(sent["start"].min())[:10] == "2027-03-01" and str(sent["end"].max())[:10] == "2028-02-29"
    rolled = a.plan_by_project.set_index("project_id").loc["PRJ02"]
    assert (rolled["actions"], rolled["planned"], rolled["progress"]) == (3, 50_000.0, 0.0)
    assert a.projects.set_index("project_id").loc["PRJ02", ["plan_actions", "plan_budget"]].tolist() == [3, 50_000.0]


def test_a_second_click_makes_no_second_project_and_confirmed_themes_are_no_longer_proposed(demo_con):
    pid = _pid(demo_con)
    a = analysis.of(demo_con, pid)
    assert not set(a.project_proposals["theme"]) & {t for ts in a.candidate_projects["themes"] for t in ts}
    theme = a.project_proposals["theme"].iloc[0]
    first = portfolio.create(demo_con, pid, theme, [theme])
    assert portfolio.create(demo_con, pid, f" {theme.upper()} ", [theme]) == first
    assert theme not in set(analysis.of(demo_con, pid).project_proposals["theme"])
    with pytest.raises(InvalidInput):
        portfolio.create(demo_con, pid, "   ")


def test_projects_follow_their_themes_and_problems_when_renamed(demo_con):
    pid = _pid(demo_con)
    [theme_id] = themes.themes(demo_con, pid, "projects").query("label == 'Centre de collecte réfrigéré'")["theme_id"]
    themes.rename(demo_con, pid, int(theme_id), "Centres de collecte réfrigérés")
    said = problems.items(demo_con, pid)
    cold = said.loc[said["problem"] == "Manque de chaîne du froid", "wording_key"].unique().tolist()
    themes.group(demo_con, pid, "problems", cold, "Chaîne du froid absente")
    a = analysis.of(demo_con, pid)
    row = a.candidate_projects.set_index("joint_id").loc["PRJ01"]
    assert row["themes"] == ["Centres de collecte réfrigérés"] and row["problems"] == ["Chaîne du froid absente"]
    assert a.projects.set_index("project_id").loc["PRJ01", "actors"] == 7, "its actors still counted"


def test_the_coherence_chain_lists_each_break(demo_con):
    pid = _pid(demo_con)
    a = analysis.of(demo_con, pid)
    threads = a.coherence[a.coherence["kind"] == "thread"]
    assert threads.set_index("project_id").loc["PRJ01", ["problem", "actions", "budget"]].tolist() == [
        "Manque de chaîne du froid", 3, 240_000.0]
    assert sorted(a.coherence.loc[a.coherence["issue"] == "problem_unanswered", "problem"]) == [
        "Faible organisation des éleveurs", "Prix du lait instable"]
    portfolio.update(demo_con, pid, "PRJ02", carrier="A001", problems=["Faible organisation des éleveurs",
                                                                       "Qualité hygiénique du lait cru insuffisante"])
    portfolio.decide(demo_con, pid, "PRJ02", "retained", "")
    demo_con.execute("UPDATE actions SET budget = NULL WHERE project_id = ? AND action_id = 'PRJ01-2'", [pid])
    store.record_change(demo_con.cursor(), pid, "test")
    breaks = analysis.of(demo_con, pid).coherence.query("kind == 'break'")
    assert sorted(zip(breaks["issue"], breaks["project_id"].fillna(breaks["problem"]))) == [
        ("action_no_budget", "PRJ01"), ("problem_unanswered", "Prix du lait instable"),
        ("project_no_action", "PRJ02"), ("project_no_leader", "PRJ02")]


def test_needs_meet_offers_named_alike():
    said = pd.DataFrame({"actor_id": ["A", "B", "C", "D", "E"], "text": ["x"] * 5,
                         "field": ["expectations", "expectations", "capacities", "capacities", "expectations"],
                         "theme": ["Accès au financement", "Accès au financement", "Financement", "Marché local",
                                   "Formation"]})
    matched = needs.matches(said, {"A": "Ferme A", "C": "Banque C"})
    assert matched[["expectation", "expecting", "capacity", "offering", "offering_actors"]].values.tolist() == [
        ["Accès au financement", 2, "Financement", 1, "Banque C"]]
    counted = needs.counts(said)
    assert counted.set_index(["field", "theme"]).loc[("expectations", "Accès au financement"), "actors"] == 2


def test_hostile_and_arabic_text_is_kept_as_typed_and_exported_as_data(demo_con, tmp_path):
    pid = _pid(demo_con)
    title = "=HYPERLINK(\"x\") <b>Lait</b> *gras* | الأمل"
    joint_id = portfolio.create(demo_con, pid, title, actors=["A001"], who="Rania")
    portfolio.decide(demo_con, pid, joint_id, "to_mature", "<script>alert(1)</script>", "Rania")
    a = analysis.of(demo_con, pid)
    row = a.projects.set_index("project_id").loc[joint_id]
    assert (row["title"], row["reason"], row["actors"]) == (title, "<script>alert(1)</script>", 1)
    written = exporter.write_csv({"projects": a.projects}, tmp_path)[0].read_text(encoding="utf-8")
    assert "'=HYPERLINK" in written and "الأمل" in written  # a formula is neutralised, the words kept


def test_the_overview_counts_the_joint_projects_whose_standing_verdict_retains_them(demo_con):
    from clusterlab import overview

    pid = _pid(demo_con)
    step = {s.key: s for s in overview.steps(demo_con, pid)}["portfolio"]
    assert (step.done, step.detail, step.phase, step.page) == (True, 1, "III", "portfolio")
    portfolio.decide(demo_con, pid, "PRJ01", "to_mature", "le financement tarde")
    assert not {s.key: s for s in overview.steps(demo_con, pid)}["portfolio"].done
