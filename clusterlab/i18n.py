"""The translation catalogues: one JSON file per language under `locales/`."""
from __future__ import annotations

import json
from functools import cache
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


def t(key: str, lang: str = DEFAULT_LANGUAGE, **params: object) -> str:
    """The text for `key` in `lang`, filled with `params`; the key itself if missing."""
    text = catalogue(normalise_language(lang)).get(key)
    if text is None:
        return key
    return text.format(**params) if params else text
