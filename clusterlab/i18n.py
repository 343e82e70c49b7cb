"""The translation catalogues: one JSON file per language under `locales/`."""
from __future__ import annotations

import json
from functools import cache
from numbers import Integral
from pathlib import Path

LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"
_LOCALES = Path(__file__).parent / "locales"


@cache
def catalogue(lang: str) -> dict[str, str]:
    return json.loads((_LOCALES / f"{lang}.json").read_text(encoding="utf-8"))


def normalise_language(lang: str | None) -> str:
    """`fr-FR` gives `fr`; anything not supported gives the default."""
    code = (lang or "").split("-")[0].split("_")[0].lower()
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def singular(n: int, lang: str) -> bool:
    """Whether a count of `n` takes the singular: 1 in English, 0 and 1 in French ("0 acteur")."""
    return n in (0, 1) if normalise_language(lang) == "fr" else n == 1


def t(key: str, lang: str = DEFAULT_LANGUAGE, **params: object) -> str:
    """The text for `key` in `lang`, filled with `params`; the key itself if missing. A count `n` that takes
    the singular uses `<key>.one` when the catalogue has it ("1 actor", not "1 actors")."""
    texts = catalogue(normalise_language(lang))
    text = texts.get(key)
    if text is None:
        return key
    n = params.get("n")
    if isinstance(n, Integral) and not isinstance(n, bool) and singular(int(n), lang):
        text = texts.get(key + ".one", text)
    return text.format(**params) if params else text
