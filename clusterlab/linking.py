"""Linking the ids and names a workbook gives to the project's actors.

Ids link whatever their case, spaces, dashes or leading zeros (`a-01` is `A1`); names whatever
their case, accents and spacing, or once legal forms, brackets and abbreviations are set aside,
or as an acronym (`BNA`). Two actors of the same name in two places, each with its own id, stay
two. An unknown name creates the actor. Every link that is not plain says so (`Link.remark`)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from clusterlab import values
from clusterlab.flags import ERROR, INFO, WARNING
from clusterlab.text import acronyms, loose_key, name_key


def id_key(ref: str) -> str:
    """An id as typed, for comparison: no case, no spaces or dashes, no leading zeros on its number
    (`01` is `1`, `A-004` and `a 4` are `A004`), digits of any script (`٠٧` is `7`), letters of any script."""
    folded = re.sub(r"[\s\-_./]+", "", values.western_digits(ref.strip()).casefold())
    return re.sub(r"(?<![0-9])0+(?=[0-9])", "", folded)


_ID_LIKE = re.compile(r"^\s*[A-Za-z]{0,4}[-_ ]?\d{1,6}\s*$")  # "A1", "A-002", "17": an id, not a name


class Ids:
    """Unused ids with a prefix: A0001, A0002… skipping those taken."""

    def __init__(self, prefix: str, taken: set[str]) -> None:
        self.prefix, self.taken, self.next = prefix, taken, 1

    def new(self) -> str:
        while (candidate := f"{self.prefix}{self.next:04d}") in self.taken:
            self.next += 1
        self.taken.add(candidate)
        return candidate


@dataclass(frozen=True)
class Link:
    """The actor an id or a name stands for (None: none), and the remark to report, if any: a flag
    key, its level, the value it is about, and whether that value is the id (not the name)."""

    actor_id: str | None
    remark: str | None = None
    level: str = INFO
    value: object = None
    on_id: bool = False
    params: dict = field(default_factory=dict)
    created: bool = False  # the actor did not exist: the import adds it


class Actors:
    """The project's actors as an import links to them, and those the import adds.

    `names`: actor_id -> name, for every actor; `by_key`: name_key -> the first actor of that name;
    `attributes`: actor_id -> what the project holds of it (region, locality…); `referenced`: the
    actors created from a mention and not yet in an actor list."""

    def __init__(self, names: dict[str, str], by_key: dict[str, str] | None = None,
                 attributes: dict[str, dict] | None = None, referenced: set[str] | None = None) -> None:
        self.names = names
        self.by_key = by_key if by_key is not None else {}
        if by_key is None:
            for actor_id, name in names.items():
                self.by_key.setdefault(name_key(name), actor_id)
        self.attributes = attributes if attributes is not None else {}
        self.referenced = referenced if referenced is not None else set()
        self.ids = Ids("A", set(names))
        self._keys: dict[str, str] = {}
        self._folded = {id_key(a): a for a in names}  # `a001` finds `A001`, `01` finds `1`
        self._loose: dict[str, str | None] | None = None  # loose_key and acronyms -> actor (None: ambiguous)
        self._loose_size = 0

    def key(self, name: str) -> str:
        """`text.name_key`, remembered: the same names come back on every row."""
        k = self._keys.get(name)
        if k is None:
            k = self._keys[name] = name_key(name)
        return k

    def add(self, actor_id: str, name: str, attributes: dict) -> None:
        """A new actor: listed, or created from a mention."""
        self.names[actor_id] = name
        self.attributes[actor_id] = attributes
        self._folded.setdefault(id_key(actor_id), actor_id)
        self.by_key.setdefault(self.key(name), actor_id)
        if self._loose is not None and self._loose_size == len(self.names) - 1:
            self._index_loosely(actor_id, name)  # as a rebuild would: the new actor comes last
            self._loose_size += 1

    def by_id(self, ref: str) -> str | None:
        """The actor whose id this is, whatever its case or leading zeros (`a001`, `01`)."""
        return ref if ref in self.names else self._folded.get(id_key(ref))

    def loosely(self, name: str) -> str | None:
        """The one actor a name stands for once legal forms, brackets and abbreviations are set
        aside, or that it abbreviates (`BNA`); None when there is none, or more than one."""
        if self._loose is None or self._loose_size != len(self.names):
            self._loose, self._loose_size = {}, len(self.names)
            for actor_id, listed in self.names.items():
                self._index_loosely(actor_id, listed)
        return self._loose.get(loose_key(name))

    def _index_loosely(self, actor_id: str, name: str) -> None:
        for k in {loose_key(name), *acronyms(name)} - {""}:
            self._loose[k] = actor_id if self._loose.get(k, actor_id) == actor_id else None

    def link(self, ref_id: str | None, name: str | None, create: bool = True) -> Link:
        """The actor an id or a name stands for; an unknown name creates the actor (`create`).

        When a row's id and name point at two different actors, the name wins and the row is
        flagged: grids often number their rows in a column headed "ID"."""
        same_cell = ref_id is not None and ref_id == name
        found_by_id = self.by_id(ref_id) if ref_id is not None else None
        found_by_name = None
        if name is not None:
            found_by_name = self.by_key.get(self.key(name)) or (None if same_cell else self.by_id(name))
        if found_by_id and found_by_name and found_by_id != found_by_name and not same_cell:
            if self.key(self.names.get(found_by_id, "")) == self.key(name):
                return Link(found_by_id)  # two actors of the same name: the id tells them apart
            return Link(found_by_name, "id_name_conflict", WARNING, ref_id, on_id=True,
                        params={"name": name, "listed": self.names.get(found_by_id, found_by_id)})
        if found_by_name and ref_id is not None and not found_by_id and not same_cell:
            return Link(found_by_name, "id_unknown_name_used", INFO, ref_id, on_id=True, params={"name": name})
        if found_by_id or found_by_name:
            return Link(found_by_id or found_by_name)
        if name is None and ref_id is not None and self.key(ref_id) in self.by_key:
            return Link(self.by_key[self.key(ref_id)])  # an id column holding a name
        if name is not None and (loose := self.loosely(name)):
            return Link(loose, "linked_loosely", INFO, name, params={"listed": self.names.get(loose, loose)})
        if not create:
            return Link(None)
        if name is None or (same_cell and _ID_LIKE.match(name)):
            return Link(None, "unknown_actor_id", ERROR, ref_id, on_id=True)
        if not self.key(name):
            return Link(None, "no_actor", ERROR, name)
        usable = ref_id is not None and not same_cell and ref_id not in self.ids.taken
        actor_id = ref_id if usable else self.ids.new()
        self.ids.taken.add(actor_id)
        self.add(actor_id, name, {})
        return Link(actor_id, "actor_created", INFO, name, params={"actor_id": actor_id}, created=True)

    def listed(self, ref: str | None, name: str, attributes: dict) -> tuple[str | None, bool]:
        """The actor a row of an actor list stands for (by its id, else its name), None for a new
        one; and True when the row is a homonym: the same name in another place, under its own id."""
        existing = ref if ref is not None and ref in self.names else self.by_key.get(self.key(name))
        if existing is not None and ref is not None and existing != ref and self.elsewhere(existing, attributes):
            return None, True
        return existing, False

    def elsewhere(self, actor_id: str, attributes: dict) -> bool:
        """True when `attributes` give a region or locality other than the one the actor has."""
        held = self.attributes.get(actor_id, {})
        return any(attributes.get(f) and held.get(f) and name_key(attributes[f]) != name_key(held[f])
                   for f in ("region", "locality"))
