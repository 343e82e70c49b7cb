"""The few errors clusterlab raises. Each carries a message key, its parameters and a title key,
so that the command line and the app can say it in French or English."""
from __future__ import annotations

from clusterlab.i18n import t


class ClusterlabError(Exception):
    """Base class: `key` names the message in the catalogue, `params` fill it in."""

    title_key = "error.title"

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def message(self, lang: str = "en") -> str:
        return t(self.key, lang, **self.params)

    def title(self, lang: str = "en") -> str:
        return t(self.title_key, lang)

    def __str__(self) -> str:
        return self.message("en")


class RefusedFile(ClusterlabError):
    """A file that cannot be used at all: nothing of it is loaded."""

    title_key = "error.refused_title"


class StoreError(ClusterlabError):
    """The database file cannot be opened or written (locked, newer format, read-only)."""

    title_key = "error.store_title"


class NotFound(ClusterlabError):
    """A project, an import or a record that does not exist."""

    title_key = "error.not_found_title"


class Conflict(ClusterlabError):
    """An operation refused because of other data (an undo others depend on)."""

    title_key = "error.conflict_title"


class InvalidInput(ClusterlabError):
    """Something typed or chosen that cannot be stored as it is (an empty title, an unknown field…)."""

    title_key = "error.invalid_title"


class ExportError(ClusterlabError):
    """A file that cannot be written: a full disk, a folder one may not write to."""

    title_key = "error.export_title"


class Forbidden(ClusterlabError):
    """A write this person's role may not make (an observer's save, a facilitator's import…)."""

    title_key = "error.forbidden_title"

    def message(self, lang: str = "en") -> str:
        params = dict(self.params)
        if "role" in params:
            params["role"] = t(f"role.{params['role']}", lang)
        return t(self.key, lang, **params)
