"""A read-only look at a store, for `ecouch status`: never creates, migrates or writes.

`Store.open` makes the file, its folder and its schema, which is right for the app and
wrong for a line printed by a shell prompt or a cron job on a machine where ecouch may
never have run. This opens an existing file only, read-only, and reads the little that
status needs with plain SELECTs (no sqlite-utils), mapped to records by `store.rows`
exactly as the Store maps them.

When no `-wal` (or `-journal`) file sits beside the store, nobody has it open and every
commit is in the main file, so it is opened `immutable`: SQLite then creates no `-shm`
or `-wal` of its own. Otherwise it is opened `mode=ro`, which reads what another copy of
ecouch has just committed to the WAL.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import msgspec

from ecouch_tui.store import rows
from ecouch_tui.store.errors import StoreCorrupt, StoreError, StoreTooNew
from ecouch_tui.store.migrations import SCHEMA_VERSION
from ecouch_tui.store.records import Checkin, Enrolment, ModuleProgress, MoodEntry


class StatusSnapshot(msgspec.Struct, frozen=True, kw_only=True):
    """What `ecouch status` reads from a store (the rules that use it live elsewhere)."""

    enrolment: Enrolment | None
    progress: dict[str, ModuleProgress]
    mood_today: MoodEntry | None
    #: The latest check-in of the instrument asked for, if any.
    last_checkin: Checkin | None
    #: The store is from an older ecouch and needs `ecouch` to migrate it first.
    needs_upgrade: bool = False
    #: Some day's mood is logged (only looked at before the course starts).
    mood_log: bool = False
    #: Every check-in of the outcome questionnaires asked for (course.yaml `outcomes:`).
    outcome_checkins: tuple[Checkin, ...] = ()
    #: The outcome points the user skipped (the `outcomes_skipped` setting).
    skipped: tuple[str, ...] = ()


def _connect(path: Path) -> sqlite3.Connection:
    live = any(path.with_name(path.name + s).exists() for s in ("-wal", "-journal"))
    uri = path.resolve().as_uri()
    modes = ("mode=ro", "immutable=1") if live else ("immutable=1", "mode=ro")
    error: sqlite3.Error | None = None
    for mode in modes:
        try:
            conn = sqlite3.connect(f"{uri}?{mode}", uri=True, timeout=2.0)
            conn.text_factory = lambda raw: raw.decode("utf-8", "replace")  # as the Store
            conn.execute("PRAGMA user_version").fetchone()
            return conn
        except sqlite3.Error as exc:  # e.g. mode=ro in a folder where -shm can't be made
            error = exc
    raise StoreCorrupt(path, f"{path} could not be read ({error}).")


def read_status(
    path: Path, today: date, instrument: str | None, outcomes: tuple[str, ...] = ()
) -> StatusSnapshot | None:
    """The store at `path` as status needs it, or None when there is no store there.

    StoreCorrupt if the file is not a readable ecouch store; StoreTooNew if a newer
    ecouch wrote it. Nothing is created, even when the file or folder is missing.
    """
    from ecouch_tui.paths import UnsafePlace
    from ecouch_tui.store.files import check_store_files

    try:
        check_store_files(path)  # never read through a link ecouch did not make, as the app
    except UnsafePlace as exc:
        raise StoreError(path, str(exc)) from exc
    if not path.is_file():
        return None
    conn = _connect(path)
    try:
        return _read(conn, path, today, instrument, outcomes)
    except sqlite3.Error as exc:
        raise StoreCorrupt(path, f"{path} could not be read ({exc}).") from exc
    finally:
        conn.close()


def _read(
    conn: sqlite3.Connection,
    path: Path,
    today: date,
    instrument: str | None,
    outcomes: tuple[str, ...] = (),
) -> StatusSnapshot | None:
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version == 0:
        return None  # an empty file: ecouch has not set it up yet
    if version > SCHEMA_VERSION:
        raise StoreTooNew(path, f"{path} was written by a newer version of ecouch.")
    if version < SCHEMA_VERSION:
        return StatusSnapshot(
            enrolment=None, progress={}, mood_today=None, last_checkin=None, needs_upgrade=True
        )
    conn.execute("BEGIN")  # one consistent read, even while the app saves
    row = conn.execute(f"SELECT {rows.ENROLMENT_COLUMNS} FROM enrolment WHERE id = 1").fetchone()
    # Read even before the course starts: `ecouch mood 5` logs a mood without enrolling.
    mood = conn.execute(
        f"SELECT {rows.MOOD_COLUMNS} FROM mood WHERE day = ?", (today.isoformat(),)
    ).fetchone()
    mood_today = rows.mood(mood) if mood else None
    if row is None:
        logged = conn.execute("SELECT 1 FROM mood LIMIT 1").fetchone() is not None
        return StatusSnapshot(
            enrolment=None, progress={}, mood_today=mood_today, last_checkin=None, mood_log=logged
        )
    progress = rows.progress(
        conn.execute(f"SELECT {rows.PROGRESS_COLUMNS} FROM module_progress").fetchall(),
        conn.execute(f"SELECT {rows.VISIT_COLUMNS} FROM page_visits").fetchall(),
    )
    last = None
    if instrument is not None:
        # The latest one that can be dated: a garbled time sorts after every real one.
        found = conn.execute(
            f"SELECT {rows.CHECKIN_COLUMNS} FROM checkins"
            " WHERE instrument = ? ORDER BY taken_at DESC, rowid DESC",
            (instrument,),
        )
        last = next((c for c in map(rows.checkin, found) if rows.placed(c)), None)
    taken: list[Checkin] = []
    skipped: tuple[str, ...] = ()
    if outcomes:
        marks = ", ".join("?" * len(outcomes))
        found = conn.execute(
            f"SELECT {rows.CHECKIN_COLUMNS} FROM checkins WHERE instrument IN ({marks})"
            " ORDER BY taken_at, rowid",
            outcomes,
        )
        taken = [c for c in map(rows.checkin, found) if rows.placed(c)]
        setting = conn.execute(
            "SELECT value FROM settings WHERE key = 'outcomes_skipped'"
        ).fetchone()
        value = rows.setting(setting[0], []) if setting else []
        skipped = tuple(str(v) for v in value) if isinstance(value, list) else ()
    return StatusSnapshot(
        enrolment=rows.enrolment(row, today),
        progress=progress,
        mood_today=mood_today,
        last_checkin=last,
        outcome_checkins=tuple(taken),
        skipped=skipped,
    )
