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
    #: One per item; None for an item skipped (a questionnaire that allows it, CES-D).
    answers: tuple[int | None, ...]
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


# -- the research log (issue 15) -----------------------------------------------------------

from enum import StrEnum  # noqa: E402  (kept with the classes added here, at the end)


class EventKind(StrEnum):
    """What the opt-in research log can record: a closed set. The table refuses any
    other kind (its CHECK, migration 3), so a new kind needs a new migration too.

    The board kinds are a hook for a later peer board (none exists yet): reads are
    passive use, posts and reactions active use, as MoodSwings 2.0 classified them."""

    SESSION_START = "session_start"
    SESSION_END = "session_end"
    SCREEN_SHOWN = "screen_shown"
    PAGE_SHOWN = "page_shown"
    MODULE_FINISHED = "module_finished"
    EXERCISE_SAVED = "exercise_saved"
    CHECKIN_DONE = "checkin_done"
    MOOD_LOGGED = "mood_logged"
    SHELL_USED = "shell_used"
    BOARD_READ = "board_read"
    BOARD_POST = "board_post"
    BOARD_REACTION = "board_reaction"


#: An id the log may hold (a module, page, screen, block kind, questionnaire or command):
#: the content id pattern, at most 64 characters. No spaces, so never a sentence.
RESEARCH_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
#: The largest number an event holds (seconds spent, a questionnaire's total).
RESEARCH_NUMBER_MOST = 10**9


class ResearchEvent(msgspec.Struct, frozen=True, kw_only=True):
    """One event of the research log: ids, numbers and a time, never anything typed.

    `item` is what the kind is about: the screen (`screen_shown`), the block kind
    (`exercise_saved`), the questionnaire (`checkin_done`), where a mood was logged
    (`mood_logged`: app or shell), the command (`shell_used`), the session's front end
    (`session_start`). `seconds`: time spent (session, screen, page); `total`: a
    check-in's total."""

    at: str
    kind: EventKind
    module_id: str | None = None
    page_id: str | None = None
    item: str | None = None
    seconds: int | None = None
    total: int | None = None


def research_event_problem(event: ResearchEvent) -> str | None:
    """Why `event` may not be logged (a value that is not an id, number or time), or
    None when it may."""
    if not is_moment(event.at):
        return "its time is not a stored time"
    if not isinstance(event.kind, EventKind):
        return "its kind is not one the log knows"
    for name in ("module_id", "page_id", "item"):
        value = getattr(event, name)
        if value is not None and not (isinstance(value, str) and RESEARCH_ID.fullmatch(value)):
            return f"its {name} is not an id"
    for name in ("seconds", "total"):
        value = getattr(event, name)
        if value is None:
            continue
        if not isinstance(value, int) or isinstance(value, bool):
            return f"its {name} is not a whole number"
        if not 0 <= value <= RESEARCH_NUMBER_MOST:
            return f"its {name} is out of range"
    return None
