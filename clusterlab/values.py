"""Parsing one cell: list items, severities, 1–5 scales, dates, numbers.

Each parser returns `(value, None)` when the cell is good and `(None, reason)` when it is not;
`reason` is a key of the translation catalogue.
"""
from __future__ import annotations

import math
import re
from datetime import date, datetime, timedelta

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from clusterlab.contract import PHASES, SCALE_WORDS
from clusterlab.text import fold

Parsed = tuple[object, str | None]

# List cells are split with Arrow's vectorised kernels (RE2 patterns), a whole column at a time.
# Bullets Word and Excel users type, including the Wingdings ones pasted from Word (private use area).
_BULLETS = "•▪◦●■➢➤►▸◆❖✓✔→\uf0a7\uf0d8\uf076\uf0fc\uf0b7"
_SPLIT = f"[;؛\\n\\r{_BULLETS}]+"  # `؛` is the Arabic semicolon
# A leading dash or star is a bullet, unless a number follows it: "-20 % de rendement" keeps its sign.
_DIGIT = "[0-9٠-٩۰-۹]"  # RE2's \d is ASCII only: Arabic-Indic and Persian digits too
_BULLET = rf"^(?:\s+|[\-\*·–—>‣⁃]+\s+|o\s+|{_DIGIT}{{1,2}}[.)]\s+)+"
_BULLET_GLUED = r"^[\-\*·–—>‣⁃]+([^0-9٠-٩۰-۹\s])"  # "-Prix du lait": a bullet typed without a space
_INVISIBLE = " \t\u00a0\u200b\u200c\u200d\u2060\ufeff"
# Cells that say there is nothing to say: no item. ("Aucun accès au crédit" is a problem, "Aucun" is not.)
_PLACEHOLDER = (r"^(?:r\.?\s?a\.?\s?s\.?|n[ée]ant|aucune?s?(?:\s+(?:partenaires?|probl[èe]mes?|projets?|besoins?"
                r"|attentes?|menaces?|opportunit[ée]s?|forces?|faiblesses?|capacit[ée]s?|priorit[ée]s?))?|n\s*/\s*a|na"
                r"|n\.?\s?s\.?\s?p\.?|ne sait pas|pas de r[ée]ponse|sans r[ée]ponse|sans objet|rien|none|nil|null"
                r"|-+|/+|\?+|…+|\.{2,}|x|0|لا يوجد|لايوجد|لا شيء|لا شىء)$")
_NUMBERED_INLINE = r"^\s*[1١۱][.)]\s"  # "1. Savoir-faire 2. Cheptel 3. Eau", typed on one line
_NUMBER_MARK = rf"\s+({_DIGIT}{{1,2}}[.)]\s)"
# searched for, not anchored at the start (fast); a full stop after the bracket is allowed
_SEVERITY = rf"\s*[(\[]\s*(?P<n>{_DIGIT}{{1,2}})\s*(?:/\s*[5٥۵]\s*)?[)\]]\s*[.;,]?\s*$"
_SCALE_NUMBER = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*(?:/\s*5)?\s*(?:[-–:(].*)?$")
_DATE_TEXT = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4})"
                        r"(?:\s*$|\s+(?:a\s+|à\s+)?\d{1,2}\s*[h:]\s*\d{0,2}\s*$)")  # a time after it: "10h30"
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
_EXCEL_EPOCH = date(1899, 12, 30)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Arabic-Indic and Persian digits read as 0–9; the Arabic decimal separator is a point, its
# thousands separator nothing, its percent sign a percent sign.
_WESTERN = str.maketrans({**{chr(0x660 + n): str(n) for n in range(10)}, **{chr(0x6F0 + n): str(n) for n in range(10)},
                          "٫": ".", "٬": "", "٪": "%"})


def western_digits(text: str) -> str:
    """`٢٠٢٦` as `2026`, `٣٫٥` as `3.5`: numbers typed in Arabic-Indic or Persian digits."""
    return text if text.isascii() else text.translate(_WESTERN)


def clean_text(value: object) -> str | None:
    """A cell as text, trimmed; None for an empty cell. Whole floats lose their `.0`."""
    if value is None:
        return None
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if value.is_integer():
            value = int(value)
    elif isinstance(value, datetime):
        value = value.date() if value.time() == datetime.min.time() else value
    text = str(value).strip()
    return text or None


def as_text_array(cells) -> pa.Array:
    """A column of cells as an Arrow string array (None cells null; other values as `clean_text` shows them)."""
    fast = _joined_text_array(cells)
    if fast is not None:
        return fast
    try:
        return pa.array(cells, type=pa.string(), from_pandas=True)
    except (pa.ArrowTypeError, pa.ArrowInvalid):
        return pa.array([clean_text(c) for c in cells], type=pa.string())


_SEPARATOR = "\x00"  # cannot occur in a workbook cell: XML 1.0 has no way to write it


def _joined_text_array(cells) -> pa.Array | None:
    """A column whose cells are all strings, converted in one piece: joined with NUL, encoded
    once, and cut at the NULs with numpy. About four times faster than `pa.array` on a column
    of accented text; None when a cell is not a string (the caller converts cell by cell)."""
    if not len(cells):
        return None
    try:
        joined = _SEPARATOR.join(cells)
        data = joined.encode("utf-8")
    except (TypeError, UnicodeEncodeError):
        return None
    if len(data) >= 2**31 - len(cells):
        return None
    buffer = np.frombuffer(data, np.uint8)
    cuts = np.flatnonzero(buffer == 0)
    if len(cuts) != len(cells) - 1:
        return None  # a cell held a NUL after all
    ends = np.append(cuts, len(data)) - np.arange(len(cells), dtype=np.int64)  # end of cell i, NULs removed
    offsets = np.zeros(len(cells) + 1, np.int32)
    offsets[1:] = ends
    return pa.StringArray.from_buffers(len(cells), pa.py_buffer(offsets), pa.py_buffer(np.delete(buffer, cuts)))


def warm_up() -> None:
    """Arrow builds its Unicode tables on the first trim (about 0.3 s): an import has this done
    on its reading pool, while the files are parsed, rather than on its critical path."""
    pc.utf8_trim_whitespace(pa.array(["é "]))


def split_column(cells) -> pa.Table:
    """The items of every list cell of a column: split on `;`, new lines and bullets, bullets and
    blanks removed. Columns: `parent` (index of the cell), `position` (1, 2… within it), `text`."""
    array = cells if isinstance(cells, pa.Array) else as_text_array(cells)
    numbered = pc.fill_null(pc.match_substring_regex(array, pattern=_NUMBERED_INLINE), False)
    if pc.any(numbered).as_py():
        array = pc.if_else(numbered, pc.replace_substring_regex(array, pattern=_NUMBER_MARK, replacement="\n\\1"),
                           array)
    parts = pc.split_pattern_regex(array, pattern=_SPLIT)
    parent = pc.list_parent_indices(parts)
    text = pc.replace_substring_regex(pc.list_flatten(parts), pattern=_BULLET, replacement="")
    if pc.any(pc.match_substring_regex(text, pattern=_BULLET_GLUED)).as_py():
        text = pc.replace_substring_regex(text, pattern=_BULLET_GLUED, replacement="\\1")
    text = pc.utf8_trim_whitespace(text)
    text = pc.utf8_trim(text, characters=_INVISIBLE)
    keep = pc.and_(pc.not_equal(text, ""), pc.invert(pc.match_substring_regex(text, _PLACEHOLDER, ignore_case=True)))
    parent = pc.filter(parent, keep).to_numpy(zero_copy_only=False).astype(np.int64)
    text = pc.filter(text, keep)
    starts = np.r_[0, np.flatnonzero(parent[1:] != parent[:-1]) + 1] if len(parent) else np.zeros(0, np.int64)
    first = np.repeat(starts, np.diff(np.r_[starts, len(parent)]))
    position = (np.arange(len(parent)) - first + 1).astype(np.int32)
    return pa.table({"parent": parent, "position": position, "text": text})


def split_list(cell: object) -> list[str]:
    """The items of one list cell (see `split_column`)."""
    return split_column([cell]).column("text").to_pylist()


def severity_column(texts: pa.Array) -> tuple[pa.Array, pa.Array, np.ndarray]:
    """Split `Prix du lait instable (5)` into text and severity, for a whole column.

    Returns the texts, the severities (null where none), and a mask of the items whose bracketed
    single digit is outside 1–5 (their text is kept whole, with no severity).
    """
    if len(texts) == 0:
        return texts, pa.array([], pa.int8()), np.zeros(0, bool)
    found = pc.extract_regex(texts, pattern=_SEVERITY)
    stem = pc.utf8_trim(pc.utf8_trim_whitespace(pc.replace_substring_regex(texts, pattern=_SEVERITY, replacement="",
                                                                           max_replacements=1)), _INVISIBLE)
    digits = pc.struct_field(found, "n")
    if not pc.all(pc.string_is_ascii(digits)).as_py():
        digits = pa.array([None if d is None else western_digits(d) for d in digits.to_pylist()], pa.string())
    digit = pc.cast(digits, pa.int8(), safe=False)
    matched = pc.fill_null(pc.and_(pc.is_valid(found), pc.not_equal(stem, "")), False)
    in_range = pc.fill_null(pc.and_(pc.greater_equal(digit, 1), pc.less_equal(digit, 5)), False)
    good = pc.and_(matched, in_range)
    bad = pc.and_(matched, pc.invert(in_range)).to_numpy(zero_copy_only=False)
    text = pc.if_else(good, stem, texts)
    severity = pc.if_else(good, digit, pa.scalar(None, pa.int8()))
    return text, severity, bad


def split_severity(item: str) -> tuple[str, int | None, str | None]:
    """`Prix du lait instable (5)` gives `("Prix du lait instable", 5, None)`; a bracketed digit
    outside 1–5 stays in the text and is reported."""
    text, severity, bad = severity_column(pa.array([item], pa.string()))
    return text[0].as_py(), severity[0].as_py(), "severity_range" if bad[0] else None


def parse_scale(value: object) -> Parsed:
    """A 1–5 scale from a number (`4`, `4.0`, `4/5`) or a word (`fort`, `high`, `très faible`)."""
    if value is None or value == "":
        return None, None
    if isinstance(value, bool):
        return None, "scale_invalid"
    if isinstance(value, (int, float)):
        if isinstance(value, float) and (math.isnan(value) or not value.is_integer()):
            return None, "scale_invalid" if math.isnan(value) else "scale_fraction"
        n = int(value)
        return (n, None) if 1 <= n <= 5 else (None, "scale_range")
    if isinstance(value, (date, datetime)):
        return _scale_from_date(value)
    text = fold(western_digits(str(value))).strip()
    if not text:
        return None, None
    if _SCALE_SPAN.match(text):
        return None, "scale_invalid"  # "3-4", "3 à 4": a range is not a score
    if text[0].isdigit() and (m := _SCALE_NUMBER.match(text)):
        return parse_scale(float(m.group(1).replace(",", ".")))  # "5 (fort)": the number as written
    if set(text) == {"+"} and len(text) <= 4:
        return len(text) + 1, None  # + weak, ++ medium, +++ strong, ++++ very strong
    if (plain := re.sub(r"\s*\(.*\)\s*$", "", text)) != text and plain in SCALE_WORDS:
        return SCALE_WORDS[plain], None  # "Forte (contrat écrit)"
    word = re.sub(r"[^a-z ]+", " ", re.sub(r"\([a-z]{1,2}\)", "", text))  # fort(e) is fort
    word = " ".join(word.split())
    if word in SCALE_WORDS:
        return SCALE_WORDS[word], None
    m = _SCALE_NUMBER.match(text)
    if m:
        return parse_scale(float(m.group(1).replace(",", ".")))
    return None, "scale_invalid"


_SCALE_SPAN = re.compile(r"^\s*\d+\s*(?:[-–]|a)\s*\d")


def _scale_from_date(value: date) -> Parsed:
    """A score Excel turned into a date as it was typed: "4/5" became 4 May (or April 5)."""
    if value.month == 5 and 1 <= value.day <= 5:
        return value.day, None
    if value.day == 5 and 1 <= value.month <= 5:
        return value.month, None
    return None, "scale_invalid"


NOTICES = frozenset({"date_from_period"})  # parser remarks that keep the value (an info flag, not a warning)


def month_first(cells) -> bool:
    """True when a column's text dates are written month first (`03/14/2026`): one of them has a
    month above 12 in first place, none in second place. Day first otherwise, as in French."""
    firsts = seconds = False
    for cell in cells:
        if isinstance(cell, str) and (m := _DATE_TEXT.match(cell)):
            firsts |= int(m.group(1)) > 12
            seconds |= int(m.group(2)) > 12
    return seconds and not firsts


def parse_date(value: object, end: bool = False, month_first: bool = False) -> Parsed:
    """A date from a real Excel date, an Excel serial number, `dd/mm/yyyy` text or ISO text.

    A period (`T1 2026`, `Q2 2026`, `S2 2026`, `mars 2026`, `janv-26`, `2026`) gives its first day,
    or its last with `end`, and the remark `date_from_period`."""
    if value is None or value == "":
        return None, None
    if isinstance(value, datetime):
        return value.date(), None
    if isinstance(value, date):
        return value, None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 20000 <= value <= 80000:  # an Excel serial day number: 1954 to 2119
            return _EXCEL_EPOCH + timedelta(days=int(value)), None
        if 1950 <= value <= 2100 and float(value).is_integer():
            return _period(int(value), 1, 12, end), "date_from_period"
        return None, "date_invalid"
    text = western_digits(str(value).strip())
    try:
        if found := _date_of_period(fold(text), end):
            return found, "date_from_period"
        if m := _DATE_TEXT.match(text):
            d, mo, y = (int(g) for g in m.groups())
            if month_first:
                d, mo = mo, d
            if y < 100:
                y += 2000
            return date(y, mo, d), None
        if m := _ISO_DATE.match(text):
            y, mo, d = (int(g) for g in m.groups())
            return date(y, mo, d), None
        if found := _date_in_words(fold(text)):
            return found, None
    except ValueError:
        return None, "date_invalid"
    return None, "date_invalid"


def _period(year: int, first_month: int, last_month: int, end: bool) -> date:
    if not end:
        return date(year, first_month, 1)
    following = date(year + (last_month == 12), last_month % 12 + 1, 1)
    return following - timedelta(days=1)


_QUARTER = re.compile(r"^(?:t|q|trim(?:estre)?\.?)\s*([1-4])\s*[-/ ]?\s*(\d{2}|\d{4})$")
_SEMESTER = re.compile(r"^(?:s|h|sem(?:estre)?\.?)\s*([12])\s*[-/ ]?\s*(\d{2}|\d{4})$")
_YEAR = re.compile(r"^(\d{4})$")
_MONTH_SHORT_YEAR = re.compile(r"^([a-z]+)\.?\s*[-/ ]\s*(\d{2}|\d{4})$")


def _date_of_period(text: str, end: bool) -> date | None:
    """The first (or last) day of a quarter, a semester, a year or a month written as such."""
    def year(y: str) -> int:
        return int(y) + 2000 if len(y) == 2 else int(y)

    if m := _QUARTER.match(text):
        q = int(m.group(1))
        return _period(year(m.group(2)), 3 * q - 2, 3 * q, end)
    if m := _SEMESTER.match(text):
        h = int(m.group(1))
        return _period(year(m.group(2)), 6 * h - 5, 6 * h, end)
    if (m := _YEAR.match(text)) and 1950 <= int(m.group(1)) <= 2100:
        return _period(int(m.group(1)), 1, 12, end)
    if (m := _MONTH_SHORT_YEAR.match(text)) and m.group(1) in _MONTHS:
        month = _MONTHS[m.group(1)]
        return _period(year(m.group(2)), month, month, end)
    return None


def parse_end_date(value: object) -> Parsed:
    """An end date: a period gives its last day (`T2 2026` ends on 30 June)."""
    return parse_date(value, end=True)


_MONTHS = {name: i for i, names in enumerate((
    ("janvier", "janv", "jan", "january"), ("fevrier", "fevr", "fev", "feb", "february"), ("mars", "mar", "march"),
    ("avril", "avr", "apr", "april"), ("mai", "may"), ("juin", "jun", "june"), ("juillet", "juil", "jul", "july"),
    ("aout", "aug", "august"), ("septembre", "sept", "sep", "september"), ("octobre", "oct", "october"),
    ("novembre", "nov", "november"), ("decembre", "dec", "december")), start=1) for name in names}
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})(?:er)?\s+([a-z]+)\.?\s+(\d{4})$")
_MONTH_DAY_YEAR = re.compile(r"^([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$")


def _date_in_words(text: str) -> date | None:
    """`4 mars 2026`, `1er avril 2026`, `March 4, 2026`."""
    if (m := _DAY_MONTH_YEAR.match(text)) and m.group(2) in _MONTHS:
        return date(int(m.group(3)), _MONTHS[m.group(2)], int(m.group(1)))
    if (m := _MONTH_DAY_YEAR.match(text)) and m.group(1) in _MONTHS:
        return date(int(m.group(3)), _MONTHS[m.group(1)], int(m.group(2)))
    return None


def parse_number(value: object) -> Parsed:
    """A number from a number or text such as `1 200`, `33,85` or `12 000 USD`."""
    if value is None or value == "":
        return None, None
    if isinstance(value, bool):
        return None, "number_invalid"
    if isinstance(value, (int, float)):
        return (None, "number_invalid") if isinstance(value, float) and math.isnan(value) else (float(value), None)
    text = _CURRENCY.sub("", western_digits(str(value).strip()))
    factor = 1.0
    if m := _MULTIPLIER.search(text):
        factor, text = _FACTORS[m.group(1).lower().rstrip("s")], text[:m.start()]
    text = _CURRENCY.sub("", re.sub(r"[\s\u00a0\u202f]+", "", text))
    if re.fullmatch(r"-?\d{1,3}(?:[.,]\d{3})+", text) and not re.fullmatch(r"-?\d+[.,]\d{1,2}", text):
        text = re.sub(r"[.,]", "", text)  # thousands separators: 12.000 or 12,000
    text = text.replace(",", ".")
    try:
        return float(text) * factor, None
    except ValueError:
        return None, "number_invalid"


# Currencies written before or after an amount: "12 000 DT", "USD 5 000", "15 000 000 FCFA", "2 500 euros",
# "١٢٠٠٠ ل.ل." (Lebanese pounds), "٥٠٠ د.ت" (Tunisian dinars).
_CURRENCY = re.compile(r"(?i)^\s*(?:usd|us\$|eur|euros?|dollars?|\$|€|£)\s*"
                       r"|\s*(?:usd|us\$|eur|euros?|dollars?|lbp|l\.?l\.?|\$|€|£|dh|dhs|mad|tnd|dt|da|dzd|f\s?cfa|cfa"
                       r"|xof|xaf|mru|um|gnf|fg|ugx|kes|etb|ngn|ghs|f|fr|frs|francs?|%"
                       r"|ل\.?\s?ل|د\.?\s?ت|د\.?\s?م|ج\.?\s?م|درهم|دينار|جنيه|ليرة|دولار|يورو)\.?\s*$")
_MULTIPLIER = re.compile(r"(?i)\s*(k|m|mio|mds?|millions?|milliards?)\s*$")
_FACTORS = {"k": 1e3, "m": 1e6, "mio": 1e6, "million": 1e6, "md": 1e9, "milliard": 1e9}


_DEGREES = re.compile(r"^\s*([NSEWO])?\s*(-?\d+(?:[.,]\d+)?)\s*°?\s*(?:(\d+(?:[.,]\d+)?)\s*['′’]\s*)?"
                      r"(?:(\d+(?:[.,]\d+)?)\s*(?:\"|″|''|’’)\s*)?([NSEWO])?\s*$", re.IGNORECASE)


def parse_degrees(value: object) -> Parsed:
    """A coordinate as decimal degrees: `36.72`, `36°43'31"N`, `36.72 N`, `N 37.04`, `9°10'55"E`
    (south and west negative; O is the French ouest)."""
    if isinstance(value, str):
        value = western_digits(value)
    if isinstance(value, str) and (m := _DEGREES.match(value)) and (m.group(1) or m.group(5) or "°" in value):
        hemisphere = (m.group(1) or m.group(5) or "").upper()
        degrees = float(m.group(2).replace(",", "."))
        minutes = float((m.group(3) or "0").replace(",", "."))
        seconds = float((m.group(4) or "0").replace(",", "."))
        number = abs(degrees) + minutes / 60 + seconds / 3600
        return (-number if hemisphere in ("S", "W", "O") or degrees < 0 else number), None
    return parse_number(value)


def parse_bounded(value: object, low: float, high: float, reason: str) -> Parsed:
    """A number between `low` and `high` (latitude, longitude, percentage)."""
    number, problem = parse_degrees(value)
    if problem or number is None:
        return None, problem
    return (number, None) if low <= number <= high else (None, reason)


def parse_count(value: object) -> Parsed:
    """A whole number of people, zero or more: `25`, `25 personnes`, `~10`, `environ 10`."""
    if isinstance(value, str) and (m := _COUNT_TEXT.match(fold(value))):
        value = m.group(1)
    number, problem = parse_number(value)
    if problem or number is None:
        return None, problem
    if number < 0 or not float(number).is_integer():
        return None, "count_invalid"
    return int(number), None


_COUNT_TEXT = re.compile(r"^\s*(?:~|≈|\+/-|environ|env\.?|approx\.?|about|around|near)?\s*(\d[\d\s\u00a0\u202f]*)\s*\+?"
                         r"\s*[a-z]*\s*$")


def parse_phase(value: object) -> Parsed:
    """A method phase: 0, I, II, III or IV (also 1–4, `Phase II`)."""
    text = clean_text(value)
    if text is None:
        return None, None
    text = re.sub(r"(?i)^(?:phase|ph\.?|p)\s*", "", western_digits(text)).strip().upper()
    text = re.split(r"\s*[-–—:(]\s*|\s+", text, maxsplit=1)[0]  # "Phase 1 - Diagnostic"
    arabic = {"1": "I", "2": "II", "3": "III", "4": "IV"}
    text = arabic.get(text, text)
    return (text, None) if text in PHASES else (None, "phase_invalid")
