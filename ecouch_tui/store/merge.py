"""Saving what one screen changed without losing what another process wrote meanwhile.

A screen reads an entry, the user edits it, and the screen saves it again: seconds or
hours later. Meanwhile `ecouch mood 3 --note …` in a shell, `ecouch import`, or a second
copy of ecouch may have written the same entry. Writing the whole entry as the screen
holds it would erase their note and tags. So each save is a three-way merge, field by
field, run inside the write transaction (`Seen.merge`):

- *base*: the field as the screen was shown it (read from the store, or set by the
  user resolving a conflict), and the values this screen has sent for it since;
- *mine*: the field as the screen holds it now;
- *theirs*: the field as stored now.

A field whose stored value is still one of ours (the base, or a value this screen sent:
its own earlier saves are not "someone else") gets the user's value. One that another
process changed is kept as theirs when the user has left it as shown (`Merged.newer`),
and is a conflict when the user changed it too, to something else: theirs is kept, and
the screen shows the newer value and asks (`Merged.conflicts`).

Fields are compared as plain JSON-like values. A field that was missing (an entry not
made yet) counts as equal to an empty one ("", [], {}, None, False), so a blank field
the user never touched never conflicts with what someone else wrote.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

#: A field absent from an entry (not the same as a field holding None).
MISSING: Any = type("Missing", (), {"__repr__": lambda self: "MISSING"})()


def _listed(value: Any) -> list[str] | None:
    """`value` as a list of strings (a set field's), or None when it is not one."""
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return value
    return None


def _same(a: Any, b: Any) -> bool:
    if a is MISSING or b is MISSING:
        other = b if a is MISSING else a
        return other is MISSING or other in (None, "", [], {}, (), False)
    return bool(a == b)


@dataclass(frozen=True)
class Merged:
    """What a merge decided: the fields to write, and those another process changed."""

    #: Field -> the value to store (the user's change; theirs elsewhere stays).
    write: dict[str, Any]
    #: Field -> theirs, where the user changed the field and so did someone else.
    conflicts: dict[str, Any]
    #: Field -> theirs, where someone else changed a field the user left alone (kept;
    #: the screen may show it).
    newer: dict[str, Any]


@dataclass(frozen=True)
class Landed:
    """A merged save, done: the record as stored after it, and what the merge decided."""

    record: Any
    merged: Merged


@dataclass(frozen=True)
class Seen:
    """What one screen knows of one entry: the base it was shown, and what it sent since.

    Immutable: the screen keeps the current one and makes the next with `sending` and
    `accepting`; each save carries the one it was made with.
    """

    base: Mapping[str, Any] = field(default_factory=dict)
    sent: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)
    #: The fields as stored when shown, where the screen shows something else (a value
    #: it cannot read shows as blank): still ours, never taken as someone else's change.
    stored: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def shown(cls, base: Mapping[str, Any], stored: Mapping[str, Any] | None = None) -> Seen:
        """A screen was just shown `base` (read from `stored`, when that differs)."""
        return cls(dict(base), {}, dict(stored or {}))

    def last(self, name: str) -> Any:
        """The value the store should hold for `name` if nobody else wrote it."""
        sent = self.sent.get(name)
        return sent[-1] if sent else self.base.get(name, MISSING)

    def ours(self, name: str, value: Any) -> bool:
        """Whether the stored `value` of `name` is one this screen knows (not foreign)."""
        if name in self.stored and _same(value, self.stored[name]):
            return True
        return _same(value, self.base.get(name, MISSING)) or any(
            _same(value, sent) for sent in self.sent.get(name, ())
        )

    def changed(self, mine: Mapping[str, Any]) -> dict[str, Any]:
        """The fields of `mine` the user changed since they were last sent (or shown)."""
        return {k: v for k, v in mine.items() if not _same(v, self.last(k))}

    def merge(
        self,
        mine: Mapping[str, Any],
        theirs: Mapping[str, Any] | None,
        sets: Iterable[str] = (),
    ) -> Merged:
        """Decide, field by field, what a save of `mine` writes over `theirs` (the entry
        as stored now; None when there is none, so all of mine is written).

        Decided from what is stored, not from what was sent: a save that was refused
        (a full disk) sent values that never landed, and the next save must still
        write them."""
        if theirs is None:
            return Merged(dict(mine), {}, {})
        set_fields = set(sets)
        write: dict[str, Any] = {}
        conflicts: dict[str, Any] = {}
        newer: dict[str, Any] = {}
        for name, value in mine.items():
            stored = theirs.get(name, MISSING)
            if _same(stored, value):
                continue  # already so
            if self.ours(name, stored):
                write[name] = value  # nobody else changed it: the user's value goes in
            elif name in set_fields and _listed(stored) and _listed(value):
                # A set (the day's tags): the user's own additions and removals, made to
                # theirs, so both are kept; shown on the screen as newer.
                base = set(_listed(self.base.get(name, MISSING)) or ())
                both = (set(stored) | (set(value) - base)) - (base - set(value))
                write[name] = newer[name] = sorted(both)
            elif _same(value, self.base.get(name, MISSING)):
                newer[name] = stored  # someone else changed it, the user did not: theirs
            else:
                conflicts[name] = stored  # both changed it, differently: ask
        return Merged(write, conflicts, newer)

    def sending(self, values: Mapping[str, Any]) -> Seen:
        """This Seen once `values` are sent: they are ours from now on."""
        sent = {k: tuple(v) for k, v in self.sent.items()}
        for name, value in values.items():
            sent[name] = (*sent.get(name, ())[-7:], value)  # a few are plenty
        return Seen(self.base, sent, self.stored)

    def unsending(self, names: Iterable[str]) -> Seen:
        """This Seen as if the values sent for `names` were never sent (they did not
        land: the next save of them is checked, and asked about, again)."""
        gone = set(names)
        sent = {k: v for k, v in self.sent.items() if k not in gone}
        return Seen(self.base, sent, self.stored)

    def accepting(self, values: Mapping[str, Any]) -> Seen:
        """This Seen once the user has seen `values` as stored (took them, or chose to
        keep theirs over them): the new base for those fields."""
        base = {**self.base, **values}
        sent = {k: v for k, v in self.sent.items() if k not in values}
        stored = {k: v for k, v in self.stored.items() if k not in values}
        return Seen(base, sent, stored)
