"""Numbers, shares and dates written for the report's language: `1 234,5` and `12 %` in French,
`1,234.5` and `12%` in English."""
from __future__ import annotations

import math
from datetime import date, datetime

import pandas as pd

THIN_SPACE = "\u202f"  # French thousands separator and space before %
MISSING = "—"


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or value is pd.NaT


def number(value: object, lang: str, decimals: int = 0) -> str:
    if _missing(value):
        return MISSING
    text = f"{float(value):,.{decimals}f}"
    if lang == "fr":
        text = text.replace(",", THIN_SPACE).replace(".", ",")
    return text


def percent(share: object, lang: str, decimals: int = 0) -> str:
    """A share (0.12) as a percentage (12 %)."""
    if _missing(share):
        return MISSING
    return number(float(share) * 100, lang, decimals) + (THIN_SPACE + "%" if lang == "fr" else "%")


def parse(text: str, lang: str) -> float:
    """The number a cell shows, read back (NaN for a missing one): the tests compare the written report with the
    CSV export."""
    if text.strip() == MISSING:
        return math.nan
    text = text.strip().rstrip("%").strip(THIN_SPACE + " ")
    if lang == "fr":
        text = text.replace(THIN_SPACE, "").replace(" ", "").replace(",", ".")
    else:
        text = text.replace(",", "")
    return float(text)


def day(value: object, lang: str) -> str:
    if _missing(value):
        return MISSING
    if isinstance(value, str):
        value = pd.Timestamp(value)
    if isinstance(value, (datetime, pd.Timestamp)):
        value = value.date()
    assert isinstance(value, date)
    return value.strftime("%d/%m/%Y") if lang == "fr" else value.isoformat()
