"""SWOT: counts per quadrant on a workbook the test writes, theme coding stored, the cross matrix."""
import pandas as pd
import pytest

from clusterlab import actors, analysis, exporter, importer, store, swot, themes
from clusterlab.errors import InvalidInput, NotFound
from tests.conftest import file_only
from tests.workbooks import write_xlsx

ACTORS = [["ID", "Nom", "Catégorie", "Influence"], ["P1", "Ferme Un", "producteur", 5],
          ["P2", "Ferme Deux", "producteur", 1], ["T1", "Laiterie", "transformateur", 3]]
GRID = [["ID acteur", "Forces", "Faiblesses", "Opportunités", "Menaces"],
        ["P1", "Savoir-faire; Proximité des marchés", "Équipements vétustes", "Demande urbaine", "Sécheresse"],
        ["P2", "savoir faire\n- Terres", "Équipement très vétuste", "Demande urbaines", None],
        ["T1", "Marque connue; Savoir-faire", "Trésorerie fragile", None, "Importations"],
        ["P1", "Savoir-Faire", None, None, None]]  # a second interview of P1: one actor still


@pytest.fixture
def pid(con, tmp_path):
    importer.import_files(con, [write_xlsx(tmp_path / "a.xlsx", {"Acteurs": ACTORS}),
                                write_xlsx(tmp_path / "g.xlsx", {"Entretiens": GRID})], "p")
    return store.project_id(con, "p")


def test_counts_per_quadrant_are_actors_not_mentions(con, pid):
    m = swot.matrix(swot.items(con, pid)).set_index(["field", "theme"])
    assert m.loc[("strengths", "Savoir-faire"), "actors"] == 3
    assert m.loc[("strengths", "Savoir-faire"), "mentions"] == 4  # P1 said it twice
    assert m.loc[("opportunities", "Demande urbaine"), "actors"] == 2
    assert m.loc[("threats", "Sécheresse"), "actors"] == 1
    assert m.xs("strengths")["actors"].tolist() == [3, 1, 1, 1], "sorted by weight, here actors"
    assert m.loc[("weaknesses", "Équipements vétustes"), "actors"] == 1, "a reworded item is a wording of its own"


def test_group_and_weighting(con, pid):
    coded = swot.items(con, pid)
    producers = swot.matrix(coded, {"P1", "P2"}).set_index(["field", "theme"])
    assert producers.loc[("strengths", "Savoir-faire"), "actors"] == 2
    assert ("strengths", "Marque connue") not in producers.index
    influence = actors.inventory(con, pid).set_index("actor_id")["influence"].astype(float)
    weighted = swot.matrix(coded, weights=influence).set_index(["field", "theme"])
    assert weighted.loc[("strengths", "Savoir-faire"), "weight"] == 9.0  # 5 + 1 + 3
    assert weighted.loc[("opportunities", "Demande urbaine"), "weight"] == 6.0


@file_only  # reopens the test's DuckDB file
def test_near_identical_wordings_are_proposed_and_the_coding_is_stored(con, pid, db_path):
    coded = swot.items(con, pid)
    proposed = themes.proposals(coded[coded["field"] == "weaknesses"])
    assert set(proposed["text"]) == {"Équipements vétustes", "Équipement très vétuste"}
    theme_id = themes.create(con, pid, "weaknesses", "Équipement vétuste", proposed["wording_key"].tolist())
    con.close()
    again = store.connect(db_path)
    m = swot.matrix(swot.items(again, pid)).set_index(["field", "theme"])
    assert m.loc[("weaknesses", "Équipement vétuste"), "actors"] == 2
    assert themes.proposals(swot.items(again, pid).query("field == 'weaknesses'")).empty
    themes.rename(again, pid, theme_id, "Matériel vétuste")
    themes.split(again, pid, "weaknesses", [proposed["wording_key"].iloc[0]])
    m = swot.matrix(swot.items(again, pid)).set_index(["field", "theme"])
    assert m.loc[("weaknesses", "Matériel vétuste"), "actors"] == 1
    again.close()


def test_merge_themes(con, pid):
    coded = swot.items(con, pid)
    keys = dict(zip(coded["text"], coded["wording_key"], strict=False))
    a = themes.create(con, pid, "strengths", "Savoir-faire", [keys["Savoir-faire"]])
    b = themes.create(con, pid, "strengths", "Marchés", [keys["Proximité des marchés"]])
    themes.merge(con, pid, a, [b])
    assert themes.themes(con, pid, "strengths")["label"].tolist() == ["Savoir-faire"]
    m = swot.matrix(swot.items(con, pid)).set_index(["field", "theme"])
    assert m.loc[("strengths", "Savoir-faire"), "actors"] == 3 and m.loc[("strengths", "Savoir-faire"), "mentions"] == 5


def test_compare_two_groups(con, pid):
    compared = swot.compare(swot.items(con, pid), {"P1", "P2"}, {"T1"}).set_index(["field", "theme"])
    assert compared.loc[("strengths", "Savoir-faire"), ["actors_a", "actors_b", "only"]].tolist() == [2, 1, ""]
    assert compared.loc[("strengths", "Marque connue"), "only"] == "b"
    assert compared.loc[("opportunities", "Demande urbaine"), "only"] == "a"


def test_items_typed_in_the_room(con, pid):
    swot.add_item(con, pid, "T1", "opportunities", "Demande urbaine", "atelier AP1")
    m = swot.matrix(swot.items(con, pid)).set_index(["field", "theme"])
    assert m.loc[("opportunities", "Demande urbaine"), "actors"] == 3
    typed = con.execute("SELECT author, added_at IS NOT NULL FROM items WHERE author IS NOT NULL").fetchall()
    assert typed == [("atelier AP1", True)]


def test_an_item_with_no_actor_chosen_is_from_the_room_and_counts_in_the_cluster_swot(con, pid):
    swot.add_item(con, pid, None, "opportunities", "  Demande urbaine ", " Rania ")
    swot.add_item(con, pid, "", "threats", "Nouvelle taxe", "Karim")
    stored = con.execute("SELECT actor_id, field, text, author, position FROM items WHERE author IS NOT NULL "
                         "ORDER BY field").fetchall()
    assert stored == [(None, "opportunities", "Demande urbaine", "Rania", 1), (None, "threats", "Nouvelle taxe",
                                                                               "Karim", 1)]
    coded = swot.items(con, pid)
    m = swot.matrix(coded).set_index(["field", "theme"])
    assert m.loc[("opportunities", "Demande urbaine"), ["actors", "mentions", "room"]].tolist() == [2, 3, 1]
    assert m.loc[("threats", "Nouvelle taxe"), ["actors", "mentions", "room"]].tolist() == [0, 1, 1]
    said = swot.who_said(coded, "opportunities", "Demande urbaine", lang="fr")
    assert "depuis la salle — Rania" in said["actor"].tolist() and said["actor"].notna().all()
    of_the_actors = swot.matrix(coded, {"P1", "P2", "T1"}).set_index(["field", "theme"])
    assert ("threats", "Nouvelle taxe") not in of_the_actors.index, "a group's SWOT holds its actors' items only"


def test_a_room_item_says_why_it_is_refused(con, pid):
    with pytest.raises(InvalidInput) as no_author:
        swot.add_item(con, pid, None, "threats", "Sécheresse", "  ")
    assert "author" in no_author.value.message("en")
    with pytest.raises(InvalidInput):
        swot.add_item(con, pid, None, "threats", "   ", "Rania")
    with pytest.raises(NotFound):
        swot.add_item(con, pid, "Z999", "threats", "Sécheresse", "Rania")
    assert con.execute("SELECT count(*) FROM items WHERE author IS NOT NULL").fetchone()[0] == 0


def test_cross_options_go_to_the_plan_and_the_exports(con, pid, tmp_path):
    option = swot.add_option(con, pid, "SO", "Savoir-faire", "Demande urbaine", "Label fromages de terroir", "CP")
    swot.add_option(con, pid, "WT", "Trésorerie fragile", "Sécheresse", "Fonds de garantie")
    action_id = swot.send_to_plan(con, pid, option)
    assert swot.send_to_plan(con, pid, option) == action_id, "sent once"
    assert con.execute("SELECT title, status FROM actions WHERE action_id = ?", [action_id]).fetchall() == [
        ("Label fromages de terroir", "candidate")]
    frames = exporter.tables(analysis.of(con, pid))
    options = frames["cross_options"]
    assert options[["combination", "option"]].values.tolist() == [["SO", "Label fromages de terroir"],
                                                                  ["WT", "Fonds de garantie"]]
    assert options["action_id"].iloc[0] == action_id and pd.isna(options["action_id"].iloc[1])
    summary = frames["swot_summary"]
    assert list(summary.columns) == ["quadrant", "theme", "actors", "mentions", "weight", "room"]
    assert summary.set_index(["quadrant", "theme"]).loc[("strengths", "Savoir-faire"), "actors"] == 3
    with pytest.raises(InvalidInput):
        swot.add_option(con, pid, "XX", "a", "b", "c")
    book = exporter.workbook_frames(con, pid, "fr")
    assert book["Matrice croisée"]["option"].tolist() == ["Label fromages de terroir", "Fonds de garantie"]
    path = tmp_path / "project.xlsx"
    path.write_bytes(exporter.project_workbook(con, pid))
    again = importer.import_files(con, [path], "copy")
    assert not again.refused and again.loaded["interviews"] == 4, "the analysis sheets do not disturb the import"


def test_wording_keys():
    assert themes.wording_key("Prix du lait  instables") == themes.wording_key("PRIX DU LAIT INSTABLE")
    assert themes.similarity(themes.wording_key("Instabilité du prix du lait"),
                             themes.wording_key("Prix du lait instable")) >= themes.SIMILAR
    assert themes.similarity(themes.wording_key("Manque de chaîne du froid"),
                             themes.wording_key("Accès difficile au crédit")) < themes.SIMILAR


def test_demo_proposals_group_the_reworded_problems(con):
    from clusterlab import demo

    demo.load(con)
    pid = store.project_id(con, "demo")
    proposed = themes.proposals(themes.items(con, pid, ("problems",)))
    groups = proposed.groupby("group")["text"].apply(set).tolist()
    assert {"Prix du lait instable", "Instabilité du prix du lait"} in groups
    assert isinstance(proposed, pd.DataFrame)
