"""Text normalisation: the keys used to match sheet names, headers and actor names."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "’": "'"})
STOP_WORDS = frozenset({"de", "d", "du", "des", "la", "le", "les", "l", "a", "au", "aux", "en",
                        "the", "of", "to", "et", "and", "n", "no", "nº", "par"})


def fold(text: str) -> str:
    """Lower case, no accents, ligatures spelled out."""
    text = str(text)
    if text.isascii():
        return text.lower()
    text = text.translate(_LIGATURES)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def name_key(text: object) -> str:
    """The key two actor names share when they name the same actor.

    `cooperative el amal` and `Coopérative  El-Amal` both give `cooperative el amal`.
    """
    if text is None:
        return ""
    return _NON_ALNUM.sub(" ", fold(str(text))).strip()


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
_INITIALS = re.compile(r"\b(?:[a-z] ){1,}[a-z]\b")  # "c r d a" from "C.R.D.A."


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
    found = {m.group(0)[1:-1].strip().lower() for m in _BRACKETED.finditer(str(text))
             if m.group(0)[1:-1].strip().isupper()}
    words = [w for w in loose_key(text).split() if w not in STOP_WORDS]
    if len(words) >= 3:
        found.add("".join(w[0] for w in words))
    return {a for a in found if 3 <= len(a) <= 8 and a.isalpha()}
