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
a consistent snapshot even while the app is saving.
"""

from __future__ import annotations

import csv
import io
from typing import Any, Literal, get_args

import msgspec

from ecouch_tui.clock import stamp
from ecouch_tui.store.db import Store, lenient_json

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
    answers: list[int]
    total: int
    band: str
    extra: dict[str, Any]


class ExportEntry(msgspec.Struct, kw_only=True):
    uid: str
    module: str
    page: str
    block: str
    kind: str
    #: The entry's JSON object as saved (its shape is `content.blocks.DATA_TYPES[kind]`).
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
    row = store.conn.execute(
        "SELECT started_on, region, welcomed_at FROM enrolment WHERE id = 1"
    ).fetchone()
    if row is None:
        return None
    return ExportEnrolment(started_on=row[0], region=row[1], welcomed_at=row[2])


def _settings(store: Store) -> dict[str, Any]:
    rows = store.conn.execute("SELECT key, value FROM settings ORDER BY key")
    return {key: lenient_json(value, value) for key, value in rows}


def _progress(store: Store) -> list[ExportProgress]:
    """Per module: where the user is, when they started and finished, each page seen.

    Modules come in id order (the store does not know the course's order); pages in
    the order they were first seen. A module with page visits but no progress row is
    kept too, so nothing in `page_visits` is lost.
    """
    seen: dict[str, list[ExportPageSeen]] = {}
    for module_id, page_id, first, last in store.conn.execute(
        "SELECT module_id, page_id, first_seen_at, last_seen_at FROM page_visits"
        " ORDER BY module_id, first_seen_at, page_id"
    ):
        seen.setdefault(module_id, []).append(
            ExportPageSeen(page=page_id, first_seen_at=first, last_seen_at=last)
        )
    rows = {
        row[0]: row
        for row in store.conn.execute(
            "SELECT module_id, current_page_id, started_at, updated_at, completed_at"
            " FROM module_progress"
        )
    }
    result = []
    for module_id in sorted(rows.keys() | seen.keys()):
        row = rows.get(module_id, (module_id, None, None, None, None))
        result.append(
            ExportProgress(
                module=module_id,
                current_page=row[1],
                started_at=row[2],
                updated_at=row[3],
                completed_at=row[4],
                pages_seen=seen.get(module_id, []),
            )
        )
    return result


def _mood(store: Store) -> list[ExportMood]:
    rows = store.conn.execute(
        "SELECT day, score, note, tags, sleep_hours, created_at, updated_at FROM mood ORDER BY day"
    )
    return [
        ExportMood(
            date=row[0],
            score=row[1],
            note=row[2] or "",
            tags=list(lenient_json(row[3], [])),
            sleep_hours=row[4],
            created_at=row[5],
            updated_at=row[6],
        )
        for row in rows
    ]


def _checkins(store: Store) -> list[ExportCheckin]:
    rows = store.conn.execute(
        "SELECT uid, instrument, taken_at, answers, total, band, extra FROM checkins"
        " ORDER BY taken_at, uid"
    )
    return [
        ExportCheckin(
            uid=row[0],
            instrument=row[1],
            taken_at=row[2],
            answers=list(lenient_json(row[3], [])),
            total=row[4],
            band=row[5],
            extra=lenient_json(row[6], {}),
        )
        for row in rows
    ]


def _entries(store: Store) -> list[ExportEntry]:
    rows = store.conn.execute(
        "SELECT uid, module_id, page_id, block_id, kind, data, created_at, updated_at"
        " FROM entries ORDER BY created_at, uid"
    )
    return [
        ExportEntry(
            uid=row[0],
            module=row[1],
            page=row[2],
            block=row[3],
            kind=row[4],
            # Garbled JSON: the raw text, which still holds most of the user's words.
            data=lenient_json(row[5], row[5]),
            created_at=row[6],
            updated_at=row[7],
        )
        for row in rows
    ]


def _safety_events(store: Store) -> list[ExportSafetyEvent]:
    rows = store.conn.execute(
        "SELECT uid, at, reason, source, detail FROM safety_events ORDER BY at, uid"
    )
    return [
        ExportSafetyEvent(uid=r[0], at=r[1], reason=r[2], source=r[3], detail=r[4] or "")
        for r in rows
    ]


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


def _cell(value: Any) -> str:
    """A CSV cell: text as is, None empty, anything else (numbers, nested data) as JSON."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
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
