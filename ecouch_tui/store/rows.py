"""Rows to records, once, for every reader: the Store, `ecouch status` and the export.

A value that a damaged page or a hand edit garbled (text that is not JSON, a day or a
score that is not one, the wrong type) costs that value only, and the same way on every
path: the record gets the column's empty value, and the column's name with what is
stored goes in `record.unreadable`, so a screen can say so and an export can keep the
stored value as it is. Nothing here writes: what could not be read stays as stored.

A row whose day, time or score cannot be read is still a record here (the export keeps
it), but it cannot be put on a chart, summed or dated: `placed()` is False, and the
lists that are ordered or counted by it leave it out.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, TypeVar

import msgspec

from ecouch_tui.store.records import (
    CHECKIN_TOTAL_MOST,
    MOOD_HIGHEST,
    MOOD_LOWEST,
    Checkin,
    Enrolment,
    Entry,
    ModuleProgress,
    MoodEntry,
    SafetyEvent,
    as_day,
    is_moment,
    is_sleep,
)

T = TypeVar("T")

ENROLMENT_COLUMNS = "started_on, region, welcomed_at"
PROGRESS_COLUMNS = "module_id, current_page_id, started_at, updated_at, completed_at"
VISIT_COLUMNS = "module_id, page_id, first_seen_at, last_seen_at"
ENTRY_COLUMNS = "uid, module_id, page_id, block_id, kind, data, created_at, updated_at"
MOOD_COLUMNS = "day, score, note, tags, sleep_hours, created_at, updated_at"
CHECKIN_COLUMNS = "uid, instrument, taken_at, answers, total, band, extra"
SAFETY_COLUMNS = "uid, at, reason, source, detail"

#: Columns without which a record cannot be dated, charted or summed.
_PLACING = frozenset({"day", "score", "taken_at", "total", "at"})


def lenient_json(raw: str | None, damaged: Any, shape: Any = Any) -> Any:
    """A JSON column; `damaged` when a damaged page garbled it, so one bad value costs
    that value, not the whole list it is read in (the rest of the day, the check-in, the
    export that rescues a partly damaged store)."""
    if not raw or not isinstance(raw, str | bytes):
        return damaged
    try:
        return msgspec.json.decode(raw, type=shape)
    except msgspec.MsgspecError:
        return damaged


def placed(record: MoodEntry | Checkin | SafetyEvent) -> bool:
    """Whether the record's day, time and score could be read (see the module's note)."""
    return not _PLACING & record.unreadable.keys()


def stored(record: Any, column: str, value: Any) -> Any:
    """What is stored in `column`: the record's value, or the raw one it could not read."""
    unreadable: dict[str, Any] = record.unreadable
    return unreadable.get(column, value)


class _Reader:
    """Reads one row's values, noting each that cannot be read instead of raising."""

    def __init__(self) -> None:
        self.unreadable: dict[str, Any] = {}

    def _bad(self, column: str, raw: Any, placeholder: T) -> T:
        self.unreadable[column] = raw
        return placeholder

    def text(self, column: str, raw: Any, default: str = "") -> str:
        if raw is None:
            return default
        if isinstance(raw, str):
            return raw
        if isinstance(raw, bytes):  # a BLOB where text belongs
            return self._bad(column, raw, raw.decode("utf-8", "replace"))
        return str(raw)  # a number in a text column still reads as text

    def optional_text(self, column: str, raw: Any) -> str | None:
        return None if raw is None else self.text(column, raw)

    def day(self, column: str, raw: Any, placeholder: date) -> date:
        """A day in the one stored form and the years allowed (`records.as_day`): 20260105
        or 9999-12-31 is unreadable, not a day beside 2026-01-05 or one that overflows."""
        day = as_day(raw)
        return self._bad(column, raw, placeholder) if day is None else day

    def moment(self, column: str, raw: Any) -> str | None:
        """An ISO date and time as stored (None when NULL or unreadable); its first ten
        characters are its day, as every reader of a time takes it."""
        if raw is None:
            return None
        return raw if is_moment(raw) else self._bad(column, raw, None)

    def integer(self, column: str, raw: Any, low: int, high: int) -> int:
        if isinstance(raw, int) and not isinstance(raw, bool) and low <= raw <= high:
            return raw
        return self._bad(column, raw, low)

    def hours(self, column: str, raw: Any) -> float | None:
        if raw is None:
            return None
        return raw if is_sleep(raw) else self._bad(column, raw, None)

    def json(self, column: str, raw: Any, shape: Any, empty: Any) -> Any:
        if raw is None:
            return empty
        value = lenient_json(raw, _MISSING, shape)
        return self._bad(column, raw, empty) if value is _MISSING else value


_MISSING = object()


def enrolment(row: tuple[Any, ...], today: date) -> Enrolment:
    """`started_on` unreadable: the day of the welcome, else `today`, so the weeks can
    still be shown; the stored day is kept (enrolling again never rewrites it)."""
    read = _Reader()
    welcomed_at = read.moment("welcomed_at", row[2])
    fallback = datetime.fromisoformat(welcomed_at).date() if welcomed_at else today
    return Enrolment(
        started_on=read.day("started_on", row[0], fallback),
        region=read.optional_text("region", row[1]),
        welcomed_at=welcomed_at or "",
        unreadable=read.unreadable,
    )


def setting(raw: Any, default: Any) -> Any:
    """A setting's value; `default` when what is stored is not JSON."""
    return lenient_json(raw, default)


def progress(rows: Any, visits: Any) -> dict[str, ModuleProgress]:
    """`module_progress` rows with the pages seen (`page_visits` module_id, page_id)."""
    seen: dict[str, set[str]] = {}
    for module_id, page_id, *_ in visits:
        read = _Reader()
        seen.setdefault(read.text("module_id", module_id), set()).add(read.text("page_id", page_id))
    result = {}
    for row in rows:
        read = _Reader()
        module_id = read.text("module_id", row[0])
        result[module_id] = ModuleProgress(
            module_id,
            read.optional_text("current_page_id", row[1]),
            read.moment("started_at", row[2]),
            read.moment("updated_at", row[3]),
            read.moment("completed_at", row[4]),
            pages_seen=frozenset(seen.get(module_id, ())),
            unreadable=read.unreadable,
        )
    return result


def visit_times(row: tuple[Any, ...]) -> tuple[str, str, Any, Any]:
    """A `page_visits` row for the export: module, page, and the two times as stored."""
    read = _Reader()
    return read.text("module_id", row[0]), read.text("page_id", row[1]), row[2], row[3]


def entry(row: tuple[Any, ...]) -> Entry:
    """`data` stays the stored text (its block kind decodes it, and says when it cannot);
    an unreadable time falls back to the other one, else empty (which readers of a day
    already take as "no day")."""
    read = _Reader()
    created = read.moment("created_at", row[6])
    updated = read.moment("updated_at", row[7])
    data = read.text("data", row[5])
    return Entry(
        read.text("uid", row[0]),
        read.text("module_id", row[1]),
        read.text("page_id", row[2]),
        read.text("block_id", row[3]),
        read.text("kind", row[4]),
        data,
        created or updated or "",
        updated or created or "",
        unreadable=read.unreadable,
    )


def mood(row: tuple[Any, ...]) -> MoodEntry:
    read = _Reader()
    return MoodEntry(
        day=read.day("day", row[0], date.min),
        score=read.integer("score", row[1], MOOD_LOWEST, MOOD_HIGHEST),
        note=read.text("note", row[2]),
        tags=tuple(read.json("tags", row[3], list[str], [])),
        sleep_hours=read.hours("sleep_hours", row[4]),
        created_at=read.moment("created_at", row[5]) or "",
        updated_at=read.moment("updated_at", row[6]) or "",
        unreadable=read.unreadable,
    )


def checkin(row: tuple[Any, ...]) -> Checkin:
    read = _Reader()
    return Checkin(
        uid=read.text("uid", row[0]),
        instrument=read.text("instrument", row[1]),
        taken_at=read.moment("taken_at", row[2]) or "",
        answers=tuple(read.json("answers", row[3], list[int | None], [])),
        total=read.integer("total", row[4], 0, CHECKIN_TOTAL_MOST),
        band=read.text("band", row[5]),
        extra=read.json("extra", row[6], dict[str, Any], {}),
        unreadable=read.unreadable,
    )


def safety_event(row: tuple[Any, ...]) -> SafetyEvent:
    read = _Reader()
    return SafetyEvent(
        uid=read.text("uid", row[0]),
        at=read.moment("at", row[1]) or "",
        reason=read.text("reason", row[2]),
        source=read.text("source", row[3]),
        detail=read.text("detail", row[4]),
        unreadable=read.unreadable,
    )
