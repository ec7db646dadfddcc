"""Plain records the store hands to the rest of ecouch (never rows or dicts of rows).

msgspec structs rather than dataclasses: as typed, and about forty times cheaper to
define, which every start of the app pays.

Every record has `unreadable`: the columns of its row whose stored value could not be
read (a damaged page, a hand edit), each with that value as stored. Such a column holds
its empty value in the record; see `store.rows`, which is where rows become records.
"""

from __future__ import annotations

from datetime import date
from typing import Any, TypeVar

import msgspec

T = TypeVar("T")


class Enrolment(msgspec.Struct, frozen=True):
    started_on: date
    region: str | None
    welcomed_at: str
    unreadable: dict[str, Any] = {}


class ModuleProgress(msgspec.Struct, frozen=True):
    module_id: str
    current_page_id: str | None
    started_at: str | None
    updated_at: str | None
    completed_at: str | None
    pages_seen: frozenset[str] = frozenset()
    unreadable: dict[str, Any] = {}

    @property
    def done(self) -> bool:
        """Finished: a completion time that could not be read still says it was."""
        return self.completed_at is not None or "completed_at" in self.unreadable


class Entry(msgspec.Struct, frozen=True):
    """Something the user wrote for a block: typed JSON whose shape the block kind owns."""

    uid: str
    module_id: str
    page_id: str
    block_id: str
    kind: str
    data: str
    created_at: str
    updated_at: str
    unreadable: dict[str, Any] = {}

    def decode(self, shape: type[T]) -> T:
        return msgspec.json.decode(self.data, type=shape)

    def decoded(self, shape: type[T]) -> T | None:
        """As `decode`, but None when the data is garbled or no longer fits `shape`
        (a reader then leaves it out or says so; it stays as stored)."""
        try:
            return self.decode(shape)
        except msgspec.MsgspecError:
            return None

    def as_dict(self) -> dict[str, Any]:
        return msgspec.json.decode(self.data)


class MoodEntry(msgspec.Struct, frozen=True, kw_only=True):
    """One day's mood: 0 (worst) to 10 (best), with optional note, tags and sleep."""

    day: date
    score: int
    note: str = ""
    tags: tuple[str, ...] = ()
    sleep_hours: float | None = None
    created_at: str = ""
    updated_at: str = ""
    unreadable: dict[str, Any] = {}


class Checkin(msgspec.Struct, frozen=True, kw_only=True):
    """A completed questionnaire: answers as given, scored when taken."""

    uid: str
    instrument: str
    taken_at: str
    answers: tuple[int, ...]
    total: int
    band: str
    #: Unscored extras, e.g. PHQ-9's "how difficult" question.
    extra: dict[str, Any] = {}
    unreadable: dict[str, Any] = {}


class SafetyEvent(msgspec.Struct, frozen=True, kw_only=True):
    """A time the safety screen was shown, and why (for the user's own report)."""

    uid: str
    at: str
    reason: str
    source: str
    detail: str = ""
    unreadable: dict[str, Any] = {}
