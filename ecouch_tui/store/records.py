"""Plain records the store hands to the rest of ecouch (never rows or dicts of rows).

msgspec structs rather than dataclasses: as typed, and about forty times cheaper to
define, which every start of the app pays.

Every record has `unreadable`: the columns of its row whose stored value could not be
read (a damaged page, a hand edit), each with that value as stored. Such a column holds
its empty value in the record; see `store.rows`, which is where rows become records.

The values a record may hold are stated once, here, at the bottom of the layers: the
app's own saves (`course.mood`, `course.dates`), the read path (`store.rows`) and
`ecouch import` (`store.importer`) all check against these, so what one accepts the
others can read.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
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


# -- what a record may hold --------------------------------------------------------------

#: A mood score: 0 (very low) to 10 (very good).
MOOD_LOWEST, MOOD_HIGHEST = 0, 10

#: Hours slept in a night, at most (a day has no more).
SLEEP_MOST = 24.0

#: The highest total of any questionnaire (PHQ-9's is 27, K10's 50): a check-in's total
#: outside 0 to this cannot be one (each questionnaire's own range is `course.scoring`'s).
CHECKIN_TOTAL_MOST = 1000

#: The years a stored day or time may fall in. ecouch was written in 2026, so nothing
#: real is older than 2000; 2100 is far beyond any course, and a day this close to
#: either end still leaves room for every sum the app makes (weeks from enrolment, the
#: 6- and 12-month follow-ups, ten years either way for typed days) without reaching
#: the calendar's ends (0001, 9999), where such a sum raises OverflowError.
FIRST_YEAR, LAST_YEAR = 2000, 2100

#: The longest piece of free text (a note, a reflection, one field of an exercise), in
#: characters. A long reflection is some 2,000 words (about 12,000 characters); this is
#: half as much again, eight printed pages, and keeps every screen that shows it quick.
TEXT_MOST = 20_000

#: The only form of a stored day: 2026-01-05 (ISO 8601 "extended"). `date.fromisoformat`
#: also reads 20260105 and 2026-W02-1, which would then sort and count as other days.
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
#: The only form of a stored time, as `clock.stamp` writes it: to the second, with the
#: offset from UTC (older stores and hand edits may lack the offset: still the same form).
_MOMENT = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:[+-][0-9]{2}:[0-9]{2})?"
)
DAY_FORM = "a date like 2026-01-05"
MOMENT_FORM = "a date and time like 2026-01-05T09:30:00+11:00"


def as_day(value: object) -> date | None:
    """The day `value` holds in the one stored form, within the years allowed; else None."""
    if not isinstance(value, str) or not _DAY.fullmatch(value):
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return None
    return day if FIRST_YEAR <= day.year <= LAST_YEAR else None


def is_moment(value: object) -> bool:
    """Whether `value` is a time in the one stored form, within the years allowed."""
    if not isinstance(value, str) or not _MOMENT.fullmatch(value):
        return False
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return as_day(value[:10]) is not None


def is_mood_score(value: object) -> bool:
    return (
        isinstance(value, int)
        and not isinstance(value, bool)
        and MOOD_LOWEST <= value <= MOOD_HIGHEST
    )


def is_sleep(value: object) -> bool:
    """Hours slept: a finite number from 0 to `SLEEP_MOST` (None, not logged, is fine)."""
    if value is None:
        return True
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and 0 <= value <= SLEEP_MOST
    )


def text_too_long(text: str) -> str | None:
    """Why `text` cannot be saved (longer than `TEXT_MOST`), or None when it can."""
    if len(text) <= TEXT_MOST:
        return None
    return f"are more than the {TEXT_MOST:,} a text may hold"
