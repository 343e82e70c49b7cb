"""The colours that mean something (clusterlab/palette.py): every value of every meaning has its colour, and
within a meaning no two colours are told apart only by red against green, nor lost in black and white."""
from __future__ import annotations

import colorsys
from itertools import combinations

import pytest

from clusterlab import palette
from clusterlab.actors import QUADRANTS
from clusterlab.contract import STATUSES, SWOT_FIELDS
from clusterlab.swot import COMBINATIONS

GREY_SCALE_CONTRAST = 1.2  # WCAG ratio of two greys that a black-and-white print or a dim projector keeps apart

# Viénot, Brettel & Mollon (1999): how protanopes and deuteranopes see linear RGB.
SIMULATIONS = {
    "protanopia": ((0.11238, 0.88762, 0.0), (0.11238, 0.88762, 0.0), (0.00401, -0.00401, 1.0)),
    "deuteranopia": ((0.29275, 0.70725, 0.0), (0.29275, 0.70725, 0.0), (-0.02234, 0.02234, 1.0)),
}


def _linear(colour: str) -> list[float]:
    channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    return [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]


def _seen(colour: str, how: str) -> list[float]:
    rgb = _linear(colour)
    return [min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb, strict=True)))) for row in SIMULATIONS[how]]


def _family(colour: str) -> str | None:
    """'red' or 'green' for a saturated colour of those hues, else None."""
    r, g, b = (int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4))
    hue, lightness, saturation = colorsys.rgb_to_hls(r, g, b)
    if saturation < 0.25:
        return None
    degrees = hue * 360
    if degrees < 30 or degrees >= 330:
        return "red"
    if 75 <= degrees < 165:
        return "green"
    return None


MEANING_PAIRS = [(name, a, b) for name, colours in palette.MEANINGS.items()
                 for a, b in combinations(sorted(colours), 2)]


def test_every_status_of_the_plan_has_its_colour_and_pattern():
    assert set(STATUSES) | {"late", "candidate"} == set(palette.STATUS) == set(palette.STATUS_PATTERN)
    assert len(set(palette.STATUS.values())) == len(palette.STATUS)
    patterns = [p for p in palette.STATUS_PATTERN.values() if p]  # the light, plain ones are told by lightness
    assert len(set(patterns)) == len(patterns)


def test_every_value_of_every_meaning_has_its_colour():
    assert set(palette.SWOT) == set(SWOT_FIELDS)
    assert set(palette.ASSESSMENT) == {kind for _, _, kind in COMBINATIONS.values()}
    assert set(palette.PERIMETER) == set(palette.PERIMETER_SYMBOL) == {"inside", "outside"}
    assert set(palette.RELATION) == set(palette.RELATION_DASH) == {"positive", "negative", "conflict"}
    assert len(set(palette.RELATION_DASH.values())) == 3
    assert set(palette.STAKEHOLDER) == set(palette.STAKEHOLDER_SYMBOL) == set(QUADRANTS)
    for name, colours in palette.MEANINGS.items():
        assert len(set(colours.values())) == len(colours), f"two values of {name} share a colour"
        assert all(len(c) == 7 and c.startswith("#") for c in colours.values())


@pytest.mark.parametrize(("meaning", "a", "b"), MEANING_PAIRS)
def test_no_pair_is_only_red_against_green(meaning, a, b):
    colours = palette.MEANINGS[meaning]
    assert {_family(colours[a]), _family(colours[b])} != {"red", "green"}, f"{meaning}: {a} / {b}"


@pytest.mark.parametrize(("meaning", "a", "b"), MEANING_PAIRS)
def test_every_pair_stays_apart_in_grey_scale(meaning, a, b):
    colours = palette.MEANINGS[meaning]
    assert palette.contrast(colours[a], colours[b]) >= GREY_SCALE_CONTRAST, f"{meaning}: {a} / {b}"


@pytest.mark.parametrize("how", SIMULATIONS)
@pytest.mark.parametrize(("meaning", "a", "b"), MEANING_PAIRS)
def test_every_pair_stays_apart_for_colour_blind_eyes(meaning, a, b, how):
    colours = palette.MEANINGS[meaning]
    first, second = (_seen(colours[x], how) for x in (a, b))
    light = [0.2126 * r + 0.7152 * g + 0.0722 * bl for r, g, bl in (first, second)]
    ratio = (max(light) + 0.05) / (min(light) + 0.05)
    distance = sum((x - y) ** 2 for x, y in zip(first, second, strict=True)) ** 0.5
    assert ratio >= 1.15 or distance >= 0.2, f"{meaning}: {a} / {b} look alike with {how}"


def test_the_checks_catch_a_red_green_pair_and_two_equal_greys():
    assert {_family("#D62728"), _family("#2CA02C")} == {"red", "green"}  # plotly's red and green
    assert palette.contrast("#777777", "#787878") < GREY_SCALE_CONTRAST
    assert palette.contrast("#000000", "#FFFFFF") == pytest.approx(21)


def test_a_colour_map_names_every_value_even_absent_ones():
    shown = palette.colour_map(palette.STATUS, str.upper)
    assert shown == {k.upper(): v for k, v in palette.STATUS.items()}
