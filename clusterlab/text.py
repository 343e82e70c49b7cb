"""Text normalisation: the keys used to match sheet names, headers, actor names and wordings.

Keys keep the letters and digits of every script (Arabic, Greek, Cyrillic, Hebrew…). They fold
only what does not change what is written: case (casefold; Turkish `ı` is `i`, as `I` is), Latin
and Greek accents, the optional vowel marks of Arabic (harakat) and Hebrew (niqqud), the Arabic
spellings people use for one another (hamza forms of alef `أ إ آ ٱ` are `ا`, alef maqsura `ى` is
`ي`, taa marbuta `ة` is `ه`, tatweel `ـ` goes), and Arabic-Indic and Persian digits, read as 0–9.
A name in Arabic and its Latin transliteration keep two keys: only an id links them.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_ALNUM = re.compile(r"[^a-z0-9]+")  # the ASCII fast path of `name_key`
STOP_WORDS = frozenset({"de", "d", "du", "des", "la", "le", "les", "l", "a", "au", "aux", "en",
                        "the", "of", "to", "et", "and", "n", "no", "nº", "par"})

# Letters spelled out, or written as the letter people use for them (after casefold).
_SPELLED = {"œ": "oe", "æ": "ae", "ß": "ss", "’": "'", "ı": "i", "ø": "o", "ł": "l", "đ": "d", "ħ": "h",
            "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ـ": "",
            **{chr(0x660 + n): str(n) for n in range(10)}, **{chr(0x6F0 + n): str(n) for n in range(10)}}
# Marks that add nothing to a key: accents (on the letter that has no precomposed form, once text
# is composed), Arabic harakat and superscript alef, Hebrew points.
_FOLDED_MARKS = ((0x0300, 0x036F), (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF), (0x20D0, 0x20FF), (0xFE20, 0xFE2F),
                 (0x064B, 0x065F), (0x0670, 0x0670), (0x0591, 0x05BD), (0x05BF, 0x05BF), (0x05C1, 0x05C2),
                 (0x05C4, 0x05C5), (0x05C7, 0x05C7))


def _folded_mark(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _FOLDED_MARKS)


def _accented_script(char: str) -> bool:
    """Latin and Greek letters lose their accents; the marks of other scripts are letters' parts (й is not и)."""
    return char.isascii() or unicodedata.name(char, "").startswith(("LATIN", "GREEK"))


def _fold_char(char: str) -> str:
    """One character (already casefolded) as `fold` writes it."""
    if char in _SPELLED:
        return _SPELLED[char]
    if _folded_mark(char):
        return ""
    decomposed = unicodedata.normalize("NFKD", char)
    bases = [c for c in decomposed if not unicodedata.combining(c)]
    if bases and all(_accented_script(c) for c in bases):
        return "".join(_SPELLED.get(c, c) for c in "".join(bases).casefold())
    composed = unicodedata.normalize("NFKC", char)  # presentation forms, ligatures, full-width letters
    if composed == char:
        return char
    return "".join(_fold_char(c) for c in composed.casefold())


def _key_char(char: str) -> str:
    """One character as `name_key` writes it: folded, and anything but a letter, digit or mark a space."""
    return "".join(c if c.isalnum() or unicodedata.category(c)[0] == "M" else " " for c in _fold_char(char))


class _Table(dict):
    """A `str.translate` table filled on first sight of each character."""

    def __init__(self, rule) -> None:
        super().__init__()
        self.rule = rule

    def __missing__(self, code: int) -> str:
        self[code] = value = self.rule(chr(code))
        return value


_FOLD = _Table(_fold_char)
_KEY = _Table(_key_char)


def _composed(text: str) -> str:
    """NFC, so that `é` typed as e + accent, or `й` as и + breve, is one character."""
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lower case, no accents, ligatures spelled out; every script kept (see the module's docstring)."""
    text = str(text)
    if text.isascii():
        return text.lower()
    return _composed(text).casefold().translate(_FOLD)


def name_key(text: object) -> str:
    """The key two actor names share when they name the same actor: folded, and words of letters
    and digits of any script separated by single spaces.

    `cooperative el amal` and `Coopérative  El-Amal` both give `cooperative el amal`;
    `Coopérative الأمل` gives `cooperative الامل`.
    """
    if text is None:
        return ""
    text = str(text)
    if text.isascii():
        return _NON_ALNUM.sub(" ", text.lower()).strip()
    return " ".join(_composed(text).casefold().translate(_KEY).split())


def _stem(token: str) -> str:
    return token[:-1] if len(token) > 3 and token.endswith("s") else token


def tokens(text: object) -> tuple[str, ...]:
    """Words of a header or sheet name, folded, singular, without stop words."""
    return _tokens(str(text)) if text is not None else ()


@lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[str, ...]:
    text = _BROKEN_WORD.sub(r"\1\2", text)  # "Capacité à par-\nticiper": a word cut at a line end
    return tuple(_stem(w) for w in name_key(text).split() if w not in STOP_WORDS)


_BROKEN_WORD = re.compile(r"(\w)-[ \t]*\r?\n\s*(\w)")


def header_key(text: object) -> str:
    """Header key: the same for `Points forts`, `points_forts`, `POINTS-FORTS`."""
    return "".join(tokens(text))


# -- looser keys, tried when an actor's name does not match exactly -----------------------------
LEGAL_FORMS = frozenset({"sarl", "sarlau", "suarl", "sa", "sas", "sasu", "eurl", "gie", "spa", "srl", "ltd", "llc",
                         "inc", "plc", "cie", "co", "ste"})
ABBREVIATIONS = {"coop": "cooperative", "coops": "cooperative", "coope": "cooperative", "cooperatives": "cooperative",
                 "ets": "etablissements", "etab": "etablissements", "assoc": "association", "asso": "association",
                 "stes": "societe", "societes": "societe", "grpt": "groupement", "grp": "groupement"}
GENERIC_LEADS = frozenset({"societe", "entreprise", "etablissements", "groupe", "ste"})
_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_ID_PREFIX = re.compile(r"^\s*[A-Za-z]{0,4}[-_ ]?\d{1,6}\s*[-–—:.]\s+")  # "3 - Centre de collecte", "A01: …"
_SPACED_DASH_TAIL = re.compile(r"\s+[-–—]\s+.*$")  # "Banque Nationale Agricole – crédit"
_INITIALS = re.compile(r"\b(?:[^\W\d_] )+[^\W\d_]\b")  # "c r d a" from "C.R.D.A.", in any script


def loose_key(text: object) -> str:
    """A name without what people add or drop: legal forms (SARL, SA), a bracketed part, an id
    before it, a remark after a dash, dots in acronyms; common abbreviations spelled out.
    `Coop. El Amal (Béja)` and `Coopérative El Amal SARL` both give `cooperative el amal`."""
    if text is None:
        return ""
    text = _SPACED_DASH_TAIL.sub("", _ID_PREFIX.sub("", _BRACKETED.sub(" ", str(text))))
    key = _INITIALS.sub(lambda m: m.group(0).replace(" ", ""), name_key(text))
    words = [ABBREVIATIONS.get(w, w) for w in key.split()]
    words = [w for w in words if w not in LEGAL_FORMS]
    while len(words) > 1 and words[0] in GENERIC_LEADS:
        words = words[1:]  # "Société Agro-Nord" is "Agro-Nord"
    return " ".join(words)


def acronyms(text: object) -> set[str]:
    """What a name may be shortened to: its bracketed acronym, and the initials of its words.
    `Banque Nationale Agricole (BNA)` gives {"bna"}."""
    if text is None:
        return set()
    found = {fold(m.group(0)[1:-1].strip()) for m in _BRACKETED.finditer(str(text))
             if m.group(0)[1:-1].strip().isupper()}
    words = [w for w in loose_key(text).split() if w not in STOP_WORDS]
    if len(words) >= 3 and all(w[0] != w[0].upper() for w in words):
        found.add("".join(w[0] for w in words))  # initials, in scripts that write them (Arabic does not)
    return {a for a in found if 3 <= len(a) <= 8 and a.isalpha()}


# -- text shown to a terminal or a spreadsheet -------------------------------------------------
# Control characters something would act on (escape sequences, bell, form feed, C1 controls such as
# CSI): C0 but tab, new line and carriage return; DEL; C1.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def visible_controls(text: str) -> str:
    """Text with its control characters written out (`\\x1b[31m`), so that a terminal or a
    spreadsheet shows them rather than acting on them; tab, new line and carriage return stay."""
    if _CONTROLS.search(text) is None:
        return text
    return _CONTROLS.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
