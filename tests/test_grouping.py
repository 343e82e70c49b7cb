"""Themes grouped by hand: any wordings found by a search (case, accents and Arabic's optional marks aside,
never a letter dropped) grouped into a new theme or an existing one, renamed, merged, split; what names a
problem follows it."""
import pytest

from clusterlab import importer, problems, store, themes
from clusterlab.errors import InvalidInput, NotFound
from tests.workbooks import write_xlsx

ACTORS = [["ID", "Nom"], ["P1", "Ferme Un"], ["P2", "Ferme Deux"], ["T1", "Laiterie"], ["C1", "تعاونية الأمل"]]
GRID = [["ID acteur", "Menaces", "Problèmes"],
        ["P1", "Crise économique; Sécheresse", "Prix du lait instable (4)"],
        ["P2", "Crise économique et dévaluation de la livre", "Accès au crédit difficile"],
        ["T1", "CRISE ECONOMIQUE", "Coût de l'énergie"],
        ["C1", "الأزمة الاقتصادية; الازمة الاقتصادية وانهيار الليرة", "ارتفاع أسعار الأعلاف"]]


@pytest.fixture
def pid(con, tmp_path):
    importer.import_files(con, [write_xlsx(tmp_path / "a.xlsx", {"Acteurs": ACTORS}),
                                write_xlsx(tmp_path / "g.xlsx", {"Entretiens": GRID})], "p")
    return store.project_id(con, "p")


def _words(con, pid, field):
    return themes.wordings(themes.items(con, pid, (field,)))


def _theme_of(con, pid, field):
    said = themes.items(con, pid, (field,))
    return dict(zip(said["text"], said["theme"], strict=True))


def test_keys_fold_case_and_accents_and_keep_every_letter():
    assert themes.wording_key("Crise économique") == themes.wording_key("CRISE ECONOMIQUE") == "crise economique"
    assert themes.wording_key("Crise économique") != themes.wording_key("Crise économique et dévaluation de la livre")
    # Arabic: hamza forms and optional marks fold, the letters stay (a key is never empty, never ASCII only)
    assert themes.wording_key("الأزمة الاقتصادية") == themes.wording_key("الازمة الاقتصادية") == "الازمه الاقتصاديه"
    assert themes.wording_key("الأزمة الاقتصادية") != themes.wording_key("الازمة الاقتصادية وانهيار الليرة")
    assert themes.wording_key("Coût") == "cout" and themes.wording_key("Œufs") == "oeuf"


def test_search_finds_wordings_whatever_their_case_accents_or_hamza(con, pid):
    words = _words(con, pid, "threats")
    assert set(themes.search(words, "crise")["text"]) == {"Crise économique",
                                                          "Crise économique et dévaluation de la livre"}
    assert set(themes.search(words, "ÉCONOMIQUE")["text"]) == set(themes.search(words, "economique")["text"])
    arabic = themes.search(words, "الأزمة")  # typed with hamza: finds both wordings, one written without
    assert len(arabic) == 2 and all("ازمة" in t or "أزمة" in t for t in arabic["text"])
    assert themes.search(words, "")["text"].tolist() == words["text"].tolist()
    assert themes.search(words, "grêle").empty


def test_two_wordings_picked_by_hand_become_one_theme(con, pid):
    words = themes.search(_words(con, pid, "threats"), "crise")
    theme_id = themes.group(con, pid, "threats", words["wording_key"].tolist(), "Crise économique")
    coded = _theme_of(con, pid, "threats")
    assert coded["Crise économique"] == coded["Crise économique et dévaluation de la livre"] == "Crise économique"
    assert coded["CRISE ECONOMIQUE"] == "Crise économique" and coded["Sécheresse"] == "Sécheresse"
    # the Arabic ones join the same theme, by hand; a theme of that name already exists: it takes them
    arabic = themes.search(_words(con, pid, "threats"), "الازمة")["wording_key"].tolist()
    assert themes.group(con, pid, "threats", arabic, "Crise économique") == theme_id
    said = themes.items(con, pid, ("threats",))
    assert said.loc[said["theme"] == "Crise économique", "actor_id"].nunique() == 4
    assert said.loc[said["text"].str.contains("الليرة"), "text"].iloc[0] == "الازمة الاقتصادية وانهيار الليرة"


def test_group_into_an_existing_theme_rename_merge_and_split(con, pid):
    keys = dict(zip(_words(con, pid, "threats")["text"], _words(con, pid, "threats")["wording_key"], strict=True))
    crisis = themes.group(con, pid, "threats", [keys["Crise économique"]], "Crise")
    drought = themes.group(con, pid, "threats", [keys["Sécheresse"]], "Climat")
    themes.group(con, pid, "threats", [keys["Crise économique et dévaluation de la livre"]], into=crisis)
    assert _theme_of(con, pid, "threats")["Crise économique et dévaluation de la livre"] == "Crise"
    themes.rename(con, pid, crisis, "Crise économique")
    themes.merge(con, pid, crisis, [drought])
    assert set(_theme_of(con, pid, "threats").values()) >= {"Crise économique"}
    assert _theme_of(con, pid, "threats")["Sécheresse"] == "Crise économique"
    themes.split(con, pid, "threats", [keys["Sécheresse"]])
    assert _theme_of(con, pid, "threats")["Sécheresse"] == "Sécheresse"
    assert themes.themes(con, pid, "threats")["label"].tolist() == ["Crise économique"]


def test_grouping_refuses_nothing_picked_no_name_or_a_theme_of_another_field(con, pid):
    keys = _words(con, pid, "threats")["wording_key"].tolist()
    before = store.revision(con, pid)
    with pytest.raises(InvalidInput):
        themes.group(con, pid, "threats", [], "Crise")
    with pytest.raises(InvalidInput):
        themes.group(con, pid, "threats", keys[:1], "   ")
    problem = themes.group(con, pid, "problems", _words(con, pid, "problems")["wording_key"].tolist()[:1], "Prix")
    with pytest.raises(NotFound):
        themes.group(con, pid, "threats", keys[:1], into=problem)
    assert themes.themes(con, pid, "threats").empty
    assert store.revision(con, pid) == before + 1  # only the problem's theme was written


def test_a_problem_grouped_by_hand_takes_its_references_along(con, pid):
    problems.retain(con, pid, "Prix du lait instable", "le plus cité")
    keys = dict(zip(_words(con, pid, "problems")["text"], _words(con, pid, "problems")["wording_key"], strict=True))
    themes.group(con, pid, "problems", [keys["Prix du lait instable"], keys["Coût de l'énergie"]], "Coûts et prix")
    assert problems.shortlist(con, pid)["problem"].tolist() == ["Coûts et prix"]
