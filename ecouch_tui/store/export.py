"""The export document: everything a user wrote, as one typed, versioned record.

`ecouch export` writes it as JSON (or flattened to CSV tables); `ecouch import` reads the
same structs back, and the report and demo build on it. So the rules are:

- every column of every user table is here, so a store can be rebuilt from it exactly;
- the order is fixed (by day, time and id), so two exports of one store are identical
  apart from `exported_at`, and export -> import -> export gives the same JSON;
- entry data is the entry's own JSON object (its kind owns the shape), not a string;
- `format_version` goes up whenever a reader of an older version would misread a file.

It reads only the store, never the course, so an export is the same whatever course
folder is in use. Reads are plain SELECTs in one read transaction, so the document is
a consistent snapshot even while the app is saving. Rows become records through
`store.rows`, as for every reader; a value that cannot be read goes out as stored.
"""

from __future__ import annotations

import csv
import io
from typing import Any, Literal, get_args

import msgspec

from ecouch_tui.clock import stamp
from ecouch_tui.store import rows
from ecouch_tui.store.db import Store
from ecouch_tui.store.rows import lenient_json, stored

#: Bump when a field changes meaning or a reader of the old version would misread a file.
FORMAT_VERSION = 1


class ExportEnrolment(msgspec.Struct, kw_only=True):
    started_on: str
    region: str | None
    welcomed_at: str


class ExportMood(msgspec.Struct, kw_only=True):
    date: str
    score: int
    note: str
    tags: list[str]
    sleep_hours: float | None
    created_at: str
    updated_at: str


class ExportCheckin(msgspec.Struct, kw_only=True):
    uid: str
    instrument: str
    taken_at: str
    answers: list[int | None]
    total: int
    band: str
    extra: dict[str, Any]


class ExportEntry(msgspec.Struct, kw_only=True):
    uid: str
    module: str
    page: str
    block: str
    kind: str
    #: The entry's JSON object as saved (its shape is `content.blocks.data_types()[kind]`).
    data: Any
    created_at: str
    updated_at: str


class ExportPageSeen(msgspec.Struct, kw_only=True):
    page: str
    first_seen_at: str
    last_seen_at: str


class ExportProgress(msgspec.Struct, kw_only=True):
    module: str
    current_page: str | None
    started_at: str | None
    updated_at: str | None
    completed_at: str | None
    pages_seen: list[ExportPageSeen]


class ExportSafetyEvent(msgspec.Struct, kw_only=True):
    uid: str
    at: str
    reason: str
    source: str
    detail: str


class ExportDocument(msgspec.Struct, kw_only=True):
    """The whole export; field order here is the order in the file."""

    format_version: int
    ecouch_version: str
    exported_at: str
    enrolment: ExportEnrolment | None
    settings: dict[str, Any]
    progress: list[ExportProgress]
    mood: list[ExportMood]
    checkins: list[ExportCheckin]
    entries: list[ExportEntry]
    safety_events: list[ExportSafetyEvent]


Table = Literal["enrolment", "settings", "progress", "mood", "checkins", "entries", "safety_events"]

#: The lists of an export, in this order: one CSV file each, and the order of an import.
TABLES: tuple[Table, ...] = get_args(Table)


# -- reading the store ---------------------------------------------------------------------


def build_export(store: Store) -> ExportDocument:
    """Everything in the store, as one consistent snapshot in a fixed order."""
    from ecouch_tui import __version__

    conn = store.conn
    # One read transaction: a save by another copy of ecouch lands wholly before or after.
    began = not conn.in_transaction
    if began:
        conn.execute("BEGIN")
    try:
        document = ExportDocument(
            format_version=FORMAT_VERSION,
            ecouch_version=__version__,
            exported_at=stamp(store.clock.now()),
            enrolment=_enrolment(store),
            settings=_settings(store),
            progress=_progress(store),
            mood=_mood(store),
            checkins=_checkins(store),
            entries=_entries(store),
            safety_events=_safety_events(store),
        )
    finally:
        if began and conn.in_transaction:
            conn.execute("COMMIT")
    return document


def _enrolment(store: Store) -> ExportEnrolment | None:
    record = store.enrolment()
    if record is None:
        return None
    return ExportEnrolment(
        started_on=stored(record, "started_on", record.started_on.isoformat()),
        region=record.region,
        welcomed_at=stored(record, "welcomed_at", record.welcomed_at),
    )


def _settings(store: Store) -> dict[str, Any]:
    found = store.conn.execute("SELECT key, value FROM settings ORDER BY key")
    # Garbled JSON: the raw text, as stored.
    return {str(key): lenient_json(value, value) for key, value in found}


def _progress(store: Store) -> list[ExportProgress]:
    """Per module: where the user is, when they started and finished, each page seen.

    Modules come in id order (the store does not know the course's order); pages in
    the order they were first seen. A module with page visits but no progress row is
    kept too, so nothing in `page_visits` is lost.
    """
    seen: dict[str, list[ExportPageSeen]] = {}
    for row in store.conn.execute(
        f"SELECT {rows.VISIT_COLUMNS} FROM page_visits ORDER BY module_id, first_seen_at, page_id"
    ):
        module_id, page_id, first, last = rows.visit_times(row)
        seen.setdefault(module_id, []).append(
            ExportPageSeen(page=page_id, first_seen_at=first, last_seen_at=last)
        )
    progress = store.progress()
    result = []
    for module_id in sorted(progress.keys() | seen.keys()):
        record = progress.get(module_id)
        values = [
            None if record is None else stored(record, name, getattr(record, name))
            for name in ("current_page_id", "started_at", "updated_at", "completed_at")
        ]
        result.append(
            ExportProgress(
                module=module_id,
                current_page=values[0],
                started_at=values[1],
                updated_at=values[2],
                completed_at=values[3],
                pages_seen=seen.get(module_id, []),
            )
        )
    return result


def _mood(store: Store) -> list[ExportMood]:
    """Every day, even one whose values cannot be read (they go out as stored)."""
    found = store.conn.execute(f"SELECT {rows.MOOD_COLUMNS} FROM mood ORDER BY day")
    result = []
    for row in found:
        m = rows.mood(row)
        result.append(
            ExportMood(
                date=stored(m, "day", m.day.isoformat()),
                score=stored(m, "score", m.score),
                note=m.note,
                tags=stored(m, "tags", list(m.tags)),
                sleep_hours=stored(m, "sleep_hours", m.sleep_hours),
                created_at=stored(m, "created_at", m.created_at),
                updated_at=stored(m, "updated_at", m.updated_at),
            )
        )
    return result


def _checkins(store: Store) -> list[ExportCheckin]:
    found = store.conn.execute(
        f"SELECT {rows.CHECKIN_COLUMNS} FROM checkins ORDER BY taken_at, uid"
    )
    result = []
    for row in found:
        c = rows.checkin(row)
        result.append(
            ExportCheckin(
                uid=c.uid,
                instrument=c.instrument,
                taken_at=stored(c, "taken_at", c.taken_at),
                answers=stored(c, "answers", list(c.answers)),
                total=stored(c, "total", c.total),
                band=c.band,
                extra=stored(c, "extra", c.extra),
            )
        )
    return result


def _entries(store: Store) -> list[ExportEntry]:
    found = store.conn.execute(f"SELECT {rows.ENTRY_COLUMNS} FROM entries ORDER BY created_at, uid")
    result = []
    for row in found:
        e = rows.entry(row)
        data = stored(e, "data", e.data)
        result.append(
            ExportEntry(
                uid=e.uid,
                module=e.module_id,
                page=e.page_id,
                block=e.block_id,
                kind=e.kind,
                # Garbled JSON: the raw text, which still holds most of the user's words.
                data=lenient_json(data, data),
                created_at=stored(e, "created_at", e.created_at),
                updated_at=stored(e, "updated_at", e.updated_at),
            )
        )
    return result


def _safety_events(store: Store) -> list[ExportSafetyEvent]:
    found = store.conn.execute(f"SELECT {rows.SAFETY_COLUMNS} FROM safety_events ORDER BY at, uid")
    result = []
    for row in found:
        e = rows.safety_event(row)
        result.append(
            ExportSafetyEvent(
                uid=e.uid,
                at=stored(e, "at", e.at),
                reason=e.reason,
                source=e.source,
                detail=e.detail,
            )
        )
    return result


# -- writing it out ------------------------------------------------------------------------


def to_json(document: ExportDocument) -> bytes:
    """UTF-8 JSON, indented for people, ending in a newline."""
    return msgspec.json.format(msgspec.json.encode(document), indent=2) + b"\n"


def from_json(data: bytes | str) -> ExportDocument:
    """Read an export back (msgspec.ValidationError / DecodeError if it is not one).

    Checks the shape only; a caller should compare `format_version` with FORMAT_VERSION
    first (see `peek_format_version`) to refuse newer files with a clear message.
    """
    return msgspec.json.decode(data, type=ExportDocument)


def peek_format_version(data: bytes | str) -> int | None:
    """The file's format_version, read before trusting the rest of its shape."""

    class _Head(msgspec.Struct):
        format_version: int | None = None

    try:
        return msgspec.json.decode(data, type=_Head).format_version
    except msgspec.MsgspecError:
        return None


#: A cell a spreadsheet would read as a formula starts with one of these (OWASP, "CSV
#: injection"): a note such as "=HYPERLINK(...)" must stay text when the file is opened.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    """A CSV cell: text as is (with a leading ' where a spreadsheet would see a formula),
    None empty, anything else (numbers, nested data) as JSON."""
    if value is None:
        return ""
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    return msgspec.json.encode(value).decode()


def csv_tables(document: ExportDocument) -> dict[str, str]:
    """One CSV text per list (`TABLES`), plus `export` saying which format and when.

    Columns are the JSON fields in the same order; nested data (tags, answers, entry
    data, pages seen) is JSON text in its column, so a spreadsheet shows it in one cell.
    Settings are `key, value` rows (text as is, other values as JSON).
    """
    tables: dict[str, tuple[tuple[str, ...], list[list[Any]]]] = {
        "export": (
            ("format_version", "ecouch_version", "exported_at"),
            [[document.format_version, document.ecouch_version, document.exported_at]],
        ),
    }
    for name in TABLES:
        value = getattr(document, name)
        if name == "settings":
            tables[name] = (("key", "value"), [[k, _cell(v)] for k, v in value.items()])
            continue
        items = [] if value is None else value if isinstance(value, list) else [value]
        fields: tuple[str, ...] = _ROW_TYPES[name].__struct_fields__
        tables[name] = (fields, [[getattr(item, f) for f in fields] for item in items])
    texts: dict[str, str] = {}
    for sheet, (header, body) in tables.items():
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows([_cell(msgspec.to_builtins(cell)) for cell in line] for line in body)
        texts[sheet] = out.getvalue()
    return texts


_ROW_TYPES: dict[str, type[msgspec.Struct]] = {
    "enrolment": ExportEnrolment,
    "progress": ExportProgress,
    "mood": ExportMood,
    "checkins": ExportCheckin,
    "entries": ExportEntry,
    "safety_events": ExportSafetyEvent,
}
