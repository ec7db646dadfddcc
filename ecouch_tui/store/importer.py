"""Reading an export back into a store: every value and timestamp kept, nothing overwritten.

The Store's save methods stamp "now" and update on conflict, which is right for the
app and wrong for an import: here each row goes in exactly as exported, with
`INSERT ... ON CONFLICT DO NOTHING`, so a row that is already in the store (or twice in
the file) is skipped and counted, never replaced. The whole import is one transaction:
a failure part-way leaves the store as it was.

What counts as a duplicate, per list:

- enrolment: the store already has one (the existing start date is kept);
- settings: the key is already set (the existing value is kept);
- progress: the store has any progress or page visit for that module (the module is
  the unit: progress is never merged page by page);
- mood: a mood is already logged for that day;
- check-ins, entries, safety events: the same uid (shared entries such as a quiz's
  answers have a uid made from module/page/block, so the existing answer is kept).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sized
from typing import Any

import msgspec

from ecouch_tui.store.db import Store
from ecouch_tui.store.export import TABLES, ExportDocument, Table
from ecouch_tui.store.records import (
    CHECKIN_TOTAL_MOST,
    DAY_FORM,
    FIRST_YEAR,
    LAST_YEAR,
    MOMENT_FORM,
    MOOD_HIGHEST,
    MOOD_LOWEST,
    SLEEP_MOST,
    as_day,
    is_moment,
    is_mood_score,
    is_sleep,
    text_too_long,
)
from ecouch_tui.terminal_text import printable


class ImportCounts(msgspec.Struct, kw_only=True):
    """How many records of each kind went in, and how many were already there."""

    imported: dict[str, int] = msgspec.field(default_factory=lambda: dict.fromkeys(TABLES, 0))
    skipped: dict[str, int] = msgspec.field(default_factory=lambda: dict.fromkeys(TABLES, 0))

    def count(self, kind: Table, inserted: bool) -> None:
        (self.imported if inserted else self.skipped)[kind] += 1

    @property
    def total_imported(self) -> int:
        return sum(self.imported.values())

    @property
    def total_skipped(self) -> int:
        return sum(self.skipped.values())


# -- what an import may hold --------------------------------------------------------------

#: The largest file `ecouch import` reads, in bytes. Years of daily use (a few thousand
#: entries and moods at a few hundred bytes each) come to a few MB; 20 MB is several
#: times the most anyone writes, and a store that size keeps every screen quick. The
#: command reads at most one byte more than this, so a bigger file costs no memory.
IMPORT_BYTES_MOST = 20 * 1024 * 1024

#: The most records in any one list of an import (mood days, check-ins, entries, ...).
#: Twelve weeks of daily use a year for several years is a few thousand; 10,000 mood
#: days is 27 years. The Workbook is checked at this size (tests/test_sizes.py).
RECORDS_MOST = 10_000

#: The most characters in one entry's data, written as JSON: an exercise of several
#: fields, each up to `records.TEXT_MOST`, fits; a 200 MB "note" does not.
ENTRY_CHARS_MOST = 100_000

#: The most characters in an id (a uid, a module, page or block id, a setting's key).
NAME_MOST = 200

#: How many problems a refusal lists (the rest are counted): enough to see the pattern.
PROBLEMS_SHOWN = 5

_YEARS = f"{FIRST_YEAR} to {LAST_YEAR}"

#: The largest whole number in an entry's data: SQLite's and JSON readers' 64-bit range.
_INT_MOST = 2**63 - 1

#: Rules the store cannot know (it knows nothing of the course), given by the caller:
#: (a check-in's instrument, answers, total) -> (the field at fault, why) or None;
#: (an entry's kind, data) -> why it cannot be imported, or None.
CheckinRule = Callable[[str, list[int | None], int], tuple[str, str] | None]
EntryRule = Callable[[str, Any], str | None]


class InvalidExport(ValueError):
    """The file has the export's shape but values the store could not use: the first
    `PROBLEMS_SHOWN` of them, each with its place in the file (`checkins[3].total`)."""

    def __init__(self, problems: list[str], found: int) -> None:
        self.problems = problems
        self.found = found
        if found == 1:
            text = problems[0]
        else:
            first = f", the first {len(problems)}" if found > len(problems) else ""
            text = f"{found} problems{first}:" + "".join(f"\n  {p}" for p in problems)
        super().__init__(text)


def _shown(value: object) -> str:
    """A value as the file has it (JSON), cut short, with control characters shown."""
    text = msgspec.json.encode(value).decode() if not isinstance(value, str) else repr(value)
    return printable(text if len(text) <= 40 else text[:39] + "…", one_line=True)


class _Problems:
    """Collects problems; counts them all, keeps the first few."""

    def __init__(self) -> None:
        self.kept: list[str] = []
        self.found = 0

    def add(self, where: str, value: object, why: str) -> None:
        self.said(where, _shown(value), why)

    def said(self, where: str, what: str, why: str) -> None:
        self.found += 1
        if len(self.kept) < PROBLEMS_SHOWN:
            self.kept.append(f"{where}: {what} {why}")

    def day(self, where: str, value: object) -> None:
        if as_day(value) is None:
            self.add(where, value, f"is not {DAY_FORM} in the years {_YEARS}")

    def moment(self, where: str, value: object, optional: bool = False) -> None:
        if not (optional and value is None) and not is_moment(value):
            self.add(where, value, f"is not {MOMENT_FORM} in the years {_YEARS}")

    def text(self, where: str, value: object) -> None:
        if isinstance(value, str):
            why = text_too_long(value)
            if why is not None:
                self.said(where, f"{len(value):,} characters of text", why)

    def name(self, where: str, value: object) -> None:
        if isinstance(value, str) and not 0 < len(value) <= NAME_MOST:
            self.add(where, value, f"is not an id (1 to {NAME_MOST} characters)")

    def count(self, where: str, items: Sized) -> bool:
        if len(items) <= RECORDS_MOST:
            return True
        self.said(where, f"{len(items):,} items", f"are too many: at most {RECORDS_MOST:,}")
        return False

    def data(self, where: str, value: object) -> None:
        """Free-form JSON (entry data, extras, settings): its size, each text's length and
        each number's range, walked without recursion."""
        encoded = len(msgspec.json.encode(value))
        if encoded > ENTRY_CHARS_MOST:
            self.said(
                where, f"{encoded:,} characters", f"are too many: at most {ENTRY_CHARS_MOST:,}"
            )
            return
        stack: list[tuple[str, object]] = [(where, value)]
        while stack:
            at, item = stack.pop()
            if isinstance(item, dict):
                stack.extend((f"{at}.{key}", inner) for key, inner in item.items())
            elif isinstance(item, list):
                stack.extend((f"{at}[{i}]", inner) for i, inner in enumerate(item))
            elif isinstance(item, str):
                self.text(at, item)
            elif isinstance(item, float) and not math.isfinite(item):
                self.add(at, item, "is not a number")
            elif isinstance(item, int) and abs(item) > _INT_MOST:
                self.add(at, item, "is too large a number")


def check_document(
    document: ExportDocument,
    *,
    checkin_rule: CheckinRule | None = None,
    entry_rule: EntryRule | None = None,
) -> None:
    """Refuse a file whose values the app's own saves would not write (InvalidExport,
    with the first few problems), before anything is written.

    The JSON shape is already checked by `from_json`; this checks each value against the
    same rules as a save (`store.records`: days in one form and within the years, mood
    0-10, sleep 0-24, text length) and the sizes above, so a hand-edited or foreign file
    is refused whole rather than imported to break the app later. `checkin_rule` and
    `entry_rule` add the course's own rules (scoring, each kind's shape).
    """
    problems = _Problems()
    if document.enrolment is not None:
        e = document.enrolment
        problems.day("enrolment.started_on", e.started_on)
        problems.moment("enrolment.welcomed_at", e.welcomed_at)
        problems.name("enrolment.region", e.region)
    if problems.count("settings", document.settings):
        for key, value in document.settings.items():
            problems.name(f"settings[{_shown(key)}]", key)
            problems.data(f"settings[{_shown(key)}]", value)
    if problems.count("progress", document.progress):
        for i, progress in enumerate(document.progress):
            where = f"progress[{i}]"
            problems.name(f"{where}.module", progress.module)
            problems.name(f"{where}.current_page", progress.current_page)
            for field in ("started_at", "updated_at", "completed_at"):
                problems.moment(f"{where}.{field}", getattr(progress, field), optional=True)
            if problems.count(f"{where}.pages_seen", progress.pages_seen):
                for j, seen in enumerate(progress.pages_seen):
                    problems.name(f"{where}.pages_seen[{j}].page", seen.page)
                    problems.moment(f"{where}.pages_seen[{j}].first_seen_at", seen.first_seen_at)
                    problems.moment(f"{where}.pages_seen[{j}].last_seen_at", seen.last_seen_at)
    if problems.count("mood", document.mood):
        for i, mood in enumerate(document.mood):
            where = f"mood[{i}]"
            problems.day(f"{where}.date", mood.date)
            if not is_mood_score(mood.score):
                problems.add(
                    f"{where}.score", mood.score, f"is not {MOOD_LOWEST} to {MOOD_HIGHEST}"
                )
            if not is_sleep(mood.sleep_hours):
                problems.add(
                    f"{where}.sleep_hours", mood.sleep_hours, f"is not 0 to {SLEEP_MOST:g} hours"
                )
            problems.text(f"{where}.note", mood.note)
            if problems.count(f"{where}.tags", mood.tags):
                for j, tag in enumerate(mood.tags):
                    problems.name(f"{where}.tags[{j}]", tag)
            problems.moment(f"{where}.created_at", mood.created_at)
            problems.moment(f"{where}.updated_at", mood.updated_at)
    if problems.count("checkins", document.checkins):
        for i, checkin in enumerate(document.checkins):
            where = f"checkins[{i}]"
            problems.name(f"{where}.uid", checkin.uid)
            problems.name(f"{where}.instrument", checkin.instrument)
            problems.moment(f"{where}.taken_at", checkin.taken_at)
            if not 0 <= checkin.total <= CHECKIN_TOTAL_MOST:
                problems.add(f"{where}.total", checkin.total, "is not a questionnaire's total")
            elif checkin_rule is not None:
                wrong = checkin_rule(checkin.instrument, checkin.answers, checkin.total)
                if wrong is not None:
                    field, why = wrong
                    value = checkin.total if field == "total" else checkin.answers
                    problems.add(
                        f"{where}.{field}", value, f"does not fit {checkin.instrument}: {why}"
                    )
            problems.name(f"{where}.band", checkin.band)
            problems.data(f"{where}.extra", checkin.extra)
    if problems.count("entries", document.entries):
        for i, entry in enumerate(document.entries):
            where = f"entries[{i}]"
            for field in ("uid", "module", "page", "block", "kind"):
                problems.name(f"{where}.{field}", getattr(entry, field))
            if not isinstance(entry.data, dict):
                problems.add(f"{where}.data", entry.data, "is not a JSON object")
            else:
                before = problems.found
                problems.data(f"{where}.data", entry.data)
                unfit: str | None = None
                if entry_rule is not None and problems.found == before:
                    unfit = entry_rule(entry.kind, entry.data)
                if unfit is not None:
                    problems.add(f"{where}.data", entry.data, f"is {unfit}")
            problems.moment(f"{where}.created_at", entry.created_at)
            problems.moment(f"{where}.updated_at", entry.updated_at)
    if problems.count("safety_events", document.safety_events):
        for i, event in enumerate(document.safety_events):
            where = f"safety_events[{i}]"
            problems.name(f"{where}.uid", event.uid)
            problems.moment(f"{where}.at", event.at)
            for field in ("reason", "source", "detail"):
                problems.text(f"{where}.{field}", getattr(event, field))
    if problems.found:
        raise InvalidExport(problems.kept, problems.found)


def _json(value: object) -> str:
    return msgspec.json.encode(value).decode()


def import_document(store: Store, document: ExportDocument) -> ImportCounts:
    """Insert everything in `document` that the store does not have yet, in one transaction.

    Timestamps, uids and values are written exactly as exported, so exporting the
    store afterwards reproduces them. StoreError if the store refuses the write (then
    nothing at all was imported).
    """
    counts = ImportCounts()
    conn = store.conn

    def insert(kind: Table, sql: str, params: tuple[object, ...]) -> bool:
        inserted = conn.execute(sql, params).rowcount == 1
        counts.count(kind, inserted)
        return inserted

    with store.write():
        if document.enrolment is not None:
            e = document.enrolment
            insert(
                "enrolment",
                "INSERT INTO enrolment (id, started_on, region, welcomed_at) VALUES (1, ?, ?, ?)"
                " ON CONFLICT DO NOTHING",
                (e.started_on, e.region, e.welcomed_at),
            )
        for key, value in document.settings.items():
            insert(
                "settings",
                "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT DO NOTHING",
                (key, _json(value)),
            )
        for progress in document.progress:
            module = progress.module
            known = conn.execute(
                "SELECT 1 FROM module_progress WHERE module_id = ?"
                " UNION ALL SELECT 1 FROM page_visits WHERE module_id = ? LIMIT 1",
                (module, module),
            ).fetchone()
            counts.count("progress", known is None)
            if known is not None:
                continue
            fields = (
                progress.current_page,
                progress.started_at,
                progress.updated_at,
                progress.completed_at,
            )
            # A module seen but with no progress row exports as four nulls: keep it that way.
            if any(value is not None for value in fields):
                conn.execute(
                    "INSERT INTO module_progress (module_id, current_page_id, started_at,"
                    " updated_at, completed_at) VALUES (?, ?, ?, ?, ?)",
                    (module, *fields),
                )
            for seen in progress.pages_seen:
                conn.execute(
                    "INSERT INTO page_visits (module_id, page_id, first_seen_at, last_seen_at)"
                    " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    (module, seen.page, seen.first_seen_at, seen.last_seen_at),
                )
        for mood in document.mood:
            insert(
                "mood",
                "INSERT INTO mood (day, score, note, tags, sleep_hours, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (
                    mood.date,
                    mood.score,
                    mood.note,
                    _json(list(mood.tags)),
                    mood.sleep_hours,
                    mood.created_at,
                    mood.updated_at,
                ),
            )
        for checkin in document.checkins:
            insert(
                "checkins",
                "INSERT INTO checkins (uid, instrument, taken_at, answers, total, band, extra)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (
                    checkin.uid,
                    checkin.instrument,
                    checkin.taken_at,
                    _json(list(checkin.answers)),
                    checkin.total,
                    checkin.band,
                    _json(checkin.extra),
                ),
            )
        for entry in document.entries:
            insert(
                "entries",
                "INSERT INTO entries (uid, module_id, page_id, block_id, kind, data, created_at,"
                " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (
                    entry.uid,
                    entry.module,
                    entry.page,
                    entry.block,
                    entry.kind,
                    _json(entry.data),
                    entry.created_at,
                    entry.updated_at,
                ),
            )
        for event in document.safety_events:
            insert(
                "safety_events",
                "INSERT INTO safety_events (uid, at, reason, source, detail)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (event.uid, event.at, event.reason, event.source, event.detail),
            )
    return counts


def has_user_data(store: Store) -> bool:
    """Whether the store holds anything a user wrote or did (worth a backup before import)."""
    tables = ("enrolment", "module_progress", "page_visits", "mood", "checkins", "entries")
    return any(
        store.conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is not None
        for table in tables
    )
