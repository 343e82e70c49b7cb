"""Parsing cells: list items, severities, 1–5 scales, dates, numbers."""
from datetime import date

import pytest

from clusterlab.values import (
    parse_count,
    parse_date,
    parse_number,
    parse_phase,
    parse_scale,
    split_column,
    split_list,
    split_severity,
)


def test_list_cells_split_on_semicolons_new_lines_and_bullets():
    assert split_list("Savoir-faire; Proximité des marchés") == ["Savoir-faire", "Proximité des marchés"]
    assert split_list("- Prix (5)\n- Froid\n\n• Crédit • Routes") == ["Prix (5)", "Froid", "Crédit", "Routes"]
    assert split_list("* un\r\n* deux;;  ; trois ") == ["un", "deux", "trois"]
    assert split_list("1. premier\n2) second") == ["premier", "second"]


def test_a_hyphen_inside_an_item_is_not_a_bullet():
    assert split_list("Agro-industrie - qualité") == ["Agro-industrie - qualité"]


def test_empty_cells_have_no_items():
    assert split_list(None) == [] and split_list("") == [] and split_list(" ; \n ") == []


def test_split_column_keeps_cell_and_position():
    table = split_column(["a; b", None, "c"]).to_pydict()
    assert table == {"parent": [0, 0, 2], "position": [1, 2, 1], "text": ["a", "b", "c"]}


@pytest.mark.parametrize("item, expected", [
    ("Prix du lait instable (5)", ("Prix du lait instable", 5, None)),
    ("Prix du lait instable(2)", ("Prix du lait instable", 2, None)),
    ("Manque de froid [4/5]", ("Manque de froid", 4, None)),
    ("Prix (7)", ("Prix (7)", None, "severity_range")),
    ("Plan 2019 (2019)", ("Plan 2019 (2019)", None, None)),
    ("Lait contaminé (germes) (4)", ("Lait contaminé (germes)", 4, None)),
    ("Sans sévérité", ("Sans sévérité", None, None)),
    ("Prix (2) du lait (5)", ("Prix (2) du lait", 5, None)),
    ("(5)", ("(5)", None, None)),
    ("Froid (3) ", ("Froid", 3, None)),
])
def test_severity_in_brackets(item, expected):
    assert split_severity(item) == expected


@pytest.mark.parametrize("cell, expected", [
    (4, 4), (4.0, 4), ("4", 4), ("4/5", 4), ("3 - moyen", 3), ("faible", 2), ("Très faible", 1), ("MOYEN", 3),
    ("fort", 4), ("très fort", 5), ("Élevé", 4), ("low", 2), ("medium", 3), ("high", 4), ("very high", 5),
    (None, None), ("", None),
])
def test_scales_accept_numbers_and_words(cell, expected):
    assert parse_scale(cell) == (expected, None)


@pytest.mark.parametrize("cell, reason", [(9, "scale_range"), (0, "scale_range"), (3.5, "scale_fraction"),
                                          ("beaucoup", "scale_invalid"), (True, "scale_invalid")])
def test_bad_scale_values_give_a_reason(cell, reason):
    assert parse_scale(cell) == (None, reason)


@pytest.mark.parametrize("cell, expected", [
    (date(2026, 4, 3), date(2026, 4, 3)), ("03/04/2026", date(2026, 4, 3)), ("3-4-26", date(2026, 4, 3)),
    ("2026-04-03", date(2026, 4, 3)), (46115, date(2026, 4, 3)),
])
def test_dates_from_cells_text_and_serials(cell, expected):
    assert parse_date(cell) == (expected, None)


@pytest.mark.parametrize("cell", ["hier", "31/02/2026", "13/13/2026", 12])
def test_bad_dates(cell):
    assert parse_date(cell) == (None, "date_invalid")


def test_numbers_with_spaces_commas_and_units():
    assert parse_number("1 200") == (1200.0, None)
    assert parse_number("33,85") == (33.85, None)
    assert parse_number("12 000 USD") == (12000.0, None)
    assert parse_number("abc") == (None, "number_invalid")
    assert parse_count(-4) == (None, "count_invalid")
    assert parse_count("15") == (15, None)


@pytest.mark.parametrize("cell, expected", [(0, "0"), ("I", "I"), ("Phase II", "II"), ("iv", "IV"), (3, "III")])
def test_phases(cell, expected):
    assert parse_phase(cell) == (expected, None)


@pytest.mark.parametrize("cell, expected", [("Fort(e)", 4), ("Élevé(e)", 4), ("3 (moyen)", 3), ("Moyenne", 3)])
def test_scale_words_as_people_type_them(cell, expected):
    assert parse_scale(cell) == (expected, None)
