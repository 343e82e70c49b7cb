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
