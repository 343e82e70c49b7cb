"""Linking the ids and names a workbook gives to the project's actors (linking.py), on the cases field
teams send: ids with or without zeros and dashes, legal forms, brackets, acronyms, homonyms in two
places, rows numbered in an "ID" column, unknown names."""
import pytest

from clusterlab import linking
from clusterlab.flags import ERROR, INFO, WARNING
from clusterlab.linking import Actors, Ids, id_key

LISTED = {"1": "Coopérative El Amal", "2": "Laiterie du Nord SARL", "3": "CRDA Béja",
          "4": "Banque Nationale Agricole (BNA)", "8": "Société Agro-Nord SA", "A003": "Ferme Saadé",
          "A-7": "Centre de collecte de Rayak"}


@pytest.fixture
def actors() -> Actors:
    return Actors(dict(LISTED))


@pytest.mark.parametrize("typed, key", [("A-004", "a4"), ("a 4", "a4"), ("A_004", "a4"), ("01", "1"), ("1", "1"),
                                        ("10", "10"), ("A100", "a100"), (" B.2 ", "b2")])
def test_an_id_key_ignores_case_separators_and_leading_zeros_only(typed, key):
    assert id_key(typed) == key


@pytest.mark.parametrize("typed, actor", [("A3", "A003"), ("A-003", "A003"), ("a 3", "A003"), ("a003", "A003"),
                                          ("A7", "A-7"), ("a-07", "A-7"), ("01", "1"), ("3", "3")])
def test_ids_link_whatever_their_case_dashes_spaces_or_zeros(actors, typed, actor):
    assert actors.link(typed, None) == actors.link(typed, None, create=False)
    link = actors.link(typed, None)
    assert (link.actor_id, link.remark, link.created) == (actor, None, False)


def test_an_id_that_names_nobody_is_an_error_and_creates_nothing(actors):
    for number in ("10", "A-009"):  # 10 is not 1 with a zero
        link = actors.link(number, number)  # a problems sheet's actor column: the same cell as id and name
        assert (link.actor_id, link.remark, link.level, link.value, link.on_id) == (None, "unknown_actor_id", ERROR,
                                                                                      number, True)
    assert actors.names == LISTED


def test_names_link_whatever_their_case_accents_and_spacing(actors):
    for typed in ("cooperative el amal", "COOPÉRATIVE  EL-AMAL", "Coopérative El Amal"):
        assert actors.link(None, typed) == actors.link(None, "Coopérative El Amal")
        assert (actors.link(None, typed).actor_id, actors.link(None, typed).remark) == ("1", None)


@pytest.mark.parametrize("written, actor", [
    ("Laiterie du Nord S.A.R.L.", "2"),  # a legal form, dotted
    ("Laiterie du Nord", "2"),  # the legal form dropped
    ("Coop. El Amal", "1"),  # an abbreviation
    ("Coopérative El Amal (Béja)", "1"),  # a bracketed part
    ("3 - CRDA Béja", "3"),  # an id before the name
    ("C.R.D.A. Béja", "3"),  # a dotted acronym
    ("Agro-Nord", "8"),  # "Société … SA" dropped
    ("BNA", "4"),  # the acronym in brackets
    ("Banque Nationale Agricole – agence de Béja", "4"),  # a remark after a dash
])
def test_names_as_people_shorten_them_link_loosely_and_say_to_whom(actors, written, actor):
    link = actors.link(None, written)
    assert (link.actor_id, link.remark, link.level, link.value) == (actor, "linked_loosely", INFO, written)
    assert link.params == {"listed": LISTED[actor]} and not link.on_id


def test_an_acronym_two_actors_share_links_to_neither_and_names_a_new_actor():
    actors = Actors({"1": "Banque Nationale Agricole", "2": "Bureau National des Abattoirs"})
    assert actors.link(None, "BNA", create=False).actor_id is None
    link = actors.link(None, "BNA")
    assert (link.actor_id, link.remark, link.created) == ("A0001", "actor_created", True)


def test_homonyms_in_two_places_stay_two_and_their_ids_tell_them_apart():
    actors = Actors({"1": "Coopérative El Amal", "7": "Coopérative El Amal"},
                    attributes={"1": {"region": "Béja"}, "7": {"region": "Jendouba"}})
    assert actors.link("7", "Coopérative El Amal") == actors.link("07", "coopérative el amal") == \
        actors.link("7", "Coopérative El Amal", create=False)
    assert (actors.link("7", "Coopérative El Amal").actor_id, actors.link("7", "Coopérative El Amal").remark) == \
        ("7", None)
    assert actors.link(None, "Coopérative El Amal").actor_id == "1"  # without an id: the first listed
    # an actor list: a third one, in another place under its own id, is another actor
    assert actors.listed("9", "Coopérative El Amal", {"region": "Le Kef"}) == (None, True)
    assert actors.listed("9", "Coopérative El Amal", {"region": "beja"}) == ("1", False)  # the same place
    assert actors.listed(None, "Coopérative El Amal", {"region": "Le Kef"}) == ("1", False)  # no id: the same
    assert actors.listed("7", "Coopérative El Amal", {"region": "Jendouba"}) == ("7", False)


def test_a_grid_numbering_its_rows_in_an_id_column_links_by_the_name_and_says_so(actors):
    link = actors.link("1", "CRDA Béja", create=True)
    assert (link.actor_id, link.remark, link.level, link.value, link.on_id) == ("3", "id_name_conflict", WARNING,
                                                                                  "1", True)
    assert link.params == {"name": "CRDA Béja", "listed": "Coopérative El Amal"}


def test_an_unknown_id_beside_a_known_name_links_by_the_name(actors):
    link = actors.link("Z-99", "CRDA Béja")
    assert (link.actor_id, link.remark, link.level, link.on_id) == ("3", "id_unknown_name_used", INFO, True)


def test_an_id_column_holding_a_name_links_by_it(actors):
    assert actors.link("CRDA Béja", None).actor_id == "3"


def test_unknown_names_create_actors_once_with_new_ids_or_the_id_given():
    actors = Actors({"A0001": "Coopérative El Amal", "A0002": "CRDA Béja"})
    link = actors.link(None, "Fromagerie Inconnue")
    assert (link.actor_id, link.remark, link.level, link.created) == ("A0003", "actor_created", INFO, True)
    assert link.params == {"actor_id": "A0003"}
    again = actors.link(None, "fromagerie inconnue")
    assert (again.actor_id, again.remark, again.created) == ("A0003", None, False)
    given = actors.link("F-12", "Ferme des Cèdres")
    assert (given.actor_id, given.created) == ("F-12", True)
    assert actors.link("f12", None).actor_id == "F-12"
    assert actors.names == {"A0001": "Coopérative El Amal", "A0002": "CRDA Béja", "A0003": "Fromagerie Inconnue",
                            "F-12": "Ferme des Cèdres"}


def test_a_partner_not_in_the_project_creates_nothing(actors):
    assert actors.link(None, "Grossiste inconnu", create=False) == actors.link(None, "Grossiste inconnu",
                                                                                 create=False)
    assert actors.link(None, "Grossiste inconnu", create=False).actor_id is None
    assert actors.names == LISTED


def test_a_name_with_no_letters_is_no_actor(actors):
    link = actors.link(None, "—")
    assert (link.actor_id, link.remark, link.level) == (None, "no_actor", ERROR)


def test_new_ids_skip_those_taken():
    ids = Ids("A", {"A0001", "A0003"})
    assert [ids.new(), ids.new(), ids.new()] == ["A0002", "A0004", "A0005"]


def test_actors_created_one_by_one_are_found_loosely_as_if_listed_together(monkeypatch):
    keyed = []
    loose_key = linking.loose_key
    monkeypatch.setattr(linking, "loose_key", lambda text: keyed.append(text) or loose_key(text))
    actors = Actors({"1": "CRDA Béja"})
    assert actors.link(None, "C.R.D.A. Béja").actor_id == "1"  # the loose index is built
    for i in range(300):  # a grid of unknown names, no actor list
        assert actors.link(None, f"Ferme numéro {i} de la vallée").created
    assert len(keyed) < 3 * 300, "each new actor joins the index: it is not built again for each"
    bank = actors.link(None, "Banque Nationale Agricole").actor_id
    assert actors.link(None, "BNA").actor_id == bank
    actors.link(None, "Bureau National des Abattoirs")
    assert actors.link(None, "BNA", create=False).actor_id is None  # an acronym two actors share: neither
    listed_together = Actors(dict(actors.names))
    for name in ("BNA", "Ferme numero 12 de la vallee SARL", "Bureau National des Abattoirs (Zahlé)", "CRDA"):
        assert actors.link(None, name, create=False) == listed_together.link(None, name, create=False), name
    assert actors.link(None, "Ferme numero 12 de la vallee SARL").remark == "linked_loosely"
