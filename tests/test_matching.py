"""Sheet and column names match in French or English, whatever the case, accents, spaces,
underscores or punctuation."""
import pytest

from clusterlab.contract import ACTORS, INTERVIEWS, match_columns, match_sheet
from clusterlab.text import header_key, name_key


@pytest.mark.parametrize("a, b", [("Points forts", "points_forts"), ("POINTS-FORTS", "Points  forts"),
                                  ("Intérêt", "interet"), ("Opportunités", "OPPORTUNITES")])
def test_header_keys_ignore_case_accents_and_punctuation(a, b):
    assert header_key(a) == header_key(b)


def test_actor_names_link_whatever_their_spelling():
    assert name_key("cooperative el amal") == name_key("Coopérative  El-Amal") == "cooperative el amal"
    assert name_key("Main d'œuvre") == "main d oeuvre"


@pytest.mark.parametrize("sheet, table", [
    ("Acteurs", "actors"), ("ACTORS", "actors"), ("Liste des acteurs 2026", "actors"),
    ("Grille d'entretien", "interviews"), ("Entretiens Rania", "interviews"), ("interviews", "interviews"),
    ("Liens", "relations"), ("Problèmes", "problems"), ("Plan d'actions", "actions"), ("Feuil1", None),
])
def test_sheets_are_recognised_by_name(sheet, table):
    assert match_sheet(sheet) == table


def test_interview_headers_map_to_contract_fields():
    headers = ["Acteur", "Nom de l'enquêteur", "Forces (points forts)", "Capacité à participer (1-5)",
               "Capacités", "Volonté de collaborer", "Principal canal de vente", "Date de l'entretien",
               "Problèmes / contraintes", "Opportunites", "MENACES", "points_faibles"]
    assert match_columns(INTERVIEWS, headers) == [
        "name", "interviewer", "strengths", "capacity_to_participate", "capacities", "willingness", None,
        "date", "problems", "opportunities", "threats", "weaknesses"]


def test_actor_headers_in_english_and_french():
    headers = ["Code", "Raison sociale", "Type d'acteur", "Nombre d'employés", "Maillon de la filière", "lat",
               "Interest (1-5)", "Remarques"]
    assert match_columns(ACTORS, headers) == ["actor_id", "name", "category", "size", "stage", "latitude",
                                              "interest", None]


def test_a_field_goes_to_one_column_only():
    assert match_columns(ACTORS, ["Nom", "Nom"]) == ["name", None]
