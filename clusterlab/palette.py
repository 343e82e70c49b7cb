"""The colours that mean something, declared once: one fixed colour per value of each meaning (a plan's
statuses, the SWOT quadrants, favourable / unfavourable / to refine, in / out of a perimeter, signed
relations…), the same on every page, in both modes, whatever else a chart shows.

Chosen from the Okabe–Ito and Paul Tol palettes (readable by colour-blind people: no red/green pair alone),
and, within a meaning, far enough apart in lightness to stay apart printed in black and white; where a chart
allows, a pattern, a dash or a marker tells them apart too. tests/test_palette.py checks both."""
from __future__ import annotations

# Okabe–Ito and Paul Tol colours, by name.
BLUE = "#0072B2"
SKY = "#88CCEE"
TEAL = "#44AA99"
VERMILION = "#D55E00"
ORANGE = "#E69F00"
WINE = "#882255"
YELLOW = "#F0E442"
SAND = "#DDCC77"
PURPLE = "#CC79A7"
GREY = "#AAAAAA"
SILVER = "#B0B0B0"
PALE = "#DDDDDD"

# An action of the plan: its status (clusterlab.contract.STATUSES), "late" (past its end and not done) and
# "candidate" (an option not yet sent to the plan). Lightness, dark to light: blocked, in progress, late,
# done, cancelled, planned, candidate.
STATUS = {
    "planned": SKY,
    "in_progress": BLUE,
    "done": TEAL,
    "late": VERMILION,
    "blocked": WINE,
    "cancelled": SILVER,
    "candidate": YELLOW,
}
STATUS_PATTERN = {"planned": "", "in_progress": "", "done": "", "late": "x", "blocked": "+", "cancelled": "-",
                  "candidate": "."}

# The SWOT quadrants: the positive ones blue, the negative ones warm.
SWOT = {"strengths": BLUE, "weaknesses": ORANGE, "opportunities": SKY, "threats": VERMILION}

# A combination of the cross matrix (clusterlab.swot.COMBINATIONS).
ASSESSMENT = {"favourable": BLUE, "unfavourable": VERMILION, "to_refine": SAND}

# An actor in or out of a perimeter scenario.
PERIMETER = {"inside": BLUE, "outside": PALE}
PERIMETER_SYMBOL = {"inside": "diamond", "outside": "circle"}  # filled, outlined in dark grey

# A relation between two actors.
RELATION = {"positive": GREY, "negative": VERMILION, "conflict": WINE}
RELATION_DASH = {"positive": "solid", "negative": "dash", "conflict": "dot"}

# An actor's quadrant of the influence × interest grid (clusterlab.actors.QUADRANTS).
STAKEHOLDER = {"manage_closely": VERMILION, "keep_satisfied": ORANGE, "keep_informed": BLUE, "monitor": PALE}
STAKEHOLDER_SYMBOL = {"manage_closely": "diamond", "keep_satisfied": "square", "keep_informed": "circle",
                      "monitor": "circle-open"}

# A problem common to enough actors, or not.
COMMON = {"common": BLUE, "not_common": PALE}

# Amounts of the budget: planned and obtained.
AMOUNT = {"planned": SKY, "obtained": BLUE}
# a candidate joint project's verdict (portfolio.py): none yet, retained, to mature, dropped
VERDICT = {"none": SKY, "retained": BLUE, "to_mature": ORANGE, "dropped": PALE}

MEANINGS: dict[str, dict[str, str]] = {
    "status": STATUS, "swot": SWOT, "assessment": ASSESSMENT, "perimeter": PERIMETER, "relation": RELATION,
    "stakeholder": STAKEHOLDER, "common": COMMON, "amount": AMOUNT,
    "verdict": VERDICT,
}


def colour_map(meaning: dict[str, str], label) -> dict[str, str]:
    """The meaning's colours keyed by what a chart shows (`label(value)`, a translated word, say): for plotly's
    `color_discrete_map`, every value given even when absent, so that no colour depends on the others."""
    return {label(value): colour for value, colour in meaning.items()}


def luminance(colour: str) -> float:
    """Relative luminance (WCAG 2) of a `#rrggbb` colour: 0 black, 1 white."""
    channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours (1 the same lightness, 21 black on white)."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
