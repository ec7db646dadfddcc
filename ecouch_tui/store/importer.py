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

from datetime import date, datetime

import msgspec

from ecouch_tui.store.db import Store
from ecouch_tui.store.export import TABLES, ExportDocument, Table


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


class InvalidExport(ValueError):
    """The file has the export's shape but a value the store could not use (say which)."""


def check_document(document: ExportDocument) -> None:
    """Refuse values that would break the app later (bad days, times, scores), before writing.

    The JSON shape is already checked by `from_json`; this checks what the shape cannot
    say, so a hand-edited file is refused whole rather than imported half-usable.
    """

    def day(value: str, where: str) -> None:
        try:
            date.fromisoformat(value)
        except ValueError:
            raise InvalidExport(f"{where}: '{value}' is not a date like 2026-01-05") from None

    def moment(value: str | None, where: str) -> None:
        if value is None:
            return
        try:
            datetime.fromisoformat(value)
        except ValueError:
            raise InvalidExport(f"{where}: '{value}' is not a date and time") from None

    if document.enrolment is not None:
        day(document.enrolment.started_on, "enrolment.started_on")
        moment(document.enrolment.welcomed_at, "enrolment.welcomed_at")
    for i, progress in enumerate(document.progress):
        where = f"progress[{i}] ({progress.module})"
        for name in ("started_at", "updated_at", "completed_at"):
            moment(getattr(progress, name), f"{where}.{name}")
        for seen in progress.pages_seen:
            moment(seen.first_seen_at, f"{where}.pages_seen")
            moment(seen.last_seen_at, f"{where}.pages_seen")
    for i, mood in enumerate(document.mood):
        where = f"mood[{i}]"
        day(mood.date, f"{where}.date")
        if not 0 <= mood.score <= 10:
            raise InvalidExport(f"{where} ({mood.date}): score {mood.score} is not 0 to 10")
        moment(mood.created_at, f"{where}.created_at")
        moment(mood.updated_at, f"{where}.updated_at")
    for i, checkin in enumerate(document.checkins):
        moment(checkin.taken_at, f"checkins[{i}].taken_at")
    for i, entry in enumerate(document.entries):
        moment(entry.created_at, f"entries[{i}].created_at")
        moment(entry.updated_at, f"entries[{i}].updated_at")
    for i, event in enumerate(document.safety_events):
        moment(event.at, f"safety_events[{i}].at")


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
