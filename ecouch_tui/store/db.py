"""The Store: one SQLite file (0600, in a 0700 folder), WAL, synchronous=FULL.

Every save is one `BEGIN IMMEDIATE` transaction: two open copies queue on the busy
timeout instead of failing, and a crash leaves either the whole save or none of it.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from ecouch_tui.clock import Clock, stamp
from ecouch_tui.store.errors import StoreCorrupt, StoreError, StoreTooNew, StoreUnwritable
from ecouch_tui.store.migrations import MIGRATIONS, SCHEMA_VERSION
from ecouch_tui.store.records import (
    Checkin,
    Enrolment,
    Entry,
    ModuleProgress,
    MoodEntry,
    SafetyEvent,
)

if TYPE_CHECKING:
    import sqlite_utils

#: How long a save waits for another copy of ecouch to finish its own, in seconds.
BUSY_TIMEOUT = 15.0

_ENTRY_COLUMNS = "uid, module_id, page_id, block_id, kind, data, created_at, updated_at"
_MOOD_COLUMNS = "day, score, note, tags, sleep_hours, created_at, updated_at"


def _mood(row: tuple[Any, ...]) -> MoodEntry:
    return MoodEntry(
        day=date.fromisoformat(row[0]),
        score=row[1],
        note=row[2] or "",
        tags=tuple(msgspec.json.decode(row[3])) if row[3] else (),
        sleep_hours=row[4],
        created_at=row[5],
        updated_at=row[6],
    )


def _unwritable(path: Path, exc: BaseException) -> StoreUnwritable:
    return StoreUnwritable(
        path,
        f"ecouch cannot save to {path.parent}: {exc}. Check that the folder is writable and "
        "the disk is not full.",
    )


def _is_write_refusal(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return any(
        word in text for word in ("readonly", "read-only", "disk is full", "disk i/o", "unable")
    )


def create_private_file(path: Path) -> None:
    """Create `path` empty with mode 0600 unless it exists; tighten it if it does."""
    from ecouch_tui.paths import ensure_private_dir

    try:
        ensure_private_dir(path.parent)
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
        os.chmod(path, 0o600)
    except OSError as exc:
        raise _unwritable(path, exc) from exc


class Store:
    """Open with `Store.open(path, clock)`; close when done (or use as a context manager)."""

    def __init__(self, conn: sqlite3.Connection, path: Path, clock: Clock) -> None:
        self.conn = conn
        self.path = path
        self.clock = clock
        self._db: sqlite_utils.Database | None = None

    # -- opening -----------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, clock: Clock) -> Store:
        create_private_file(path)
        try:
            conn = sqlite3.connect(
                path, timeout=BUSY_TIMEOUT, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise _unwritable(path, exc) from exc
        store = cls(conn, path, clock)
        try:
            store._configure()
            store._migrate()
        except BaseException:
            conn.close()
            raise
        return store

    def _configure(self) -> None:
        try:
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=FULL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            version = self.schema_version()
        except sqlite3.DatabaseError as exc:
            if _is_write_refusal(exc):
                raise _unwritable(self.path, exc) from exc
            raise StoreCorrupt(
                self.path, f"{self.path} is not a readable ecouch store ({exc})."
            ) from exc
        if version > SCHEMA_VERSION:
            raise StoreTooNew(
                self.path,
                f"{self.path} was written by a newer version of ecouch (store version "
                f"{version}; this one knows up to {SCHEMA_VERSION}). Update ecouch to open it; "
                "nothing was changed.",
            )
        for suffix in ("-wal", "-shm"):
            side = self.path.with_name(self.path.name + suffix)
            if side.exists() and side.stat().st_mode & 0o077:
                os.chmod(side, 0o600)

    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        if self.schema_version() == SCHEMA_VERSION:
            return
        if self.schema_version() > 0:
            self.backup(reason=f"before-v{SCHEMA_VERSION}")
        for target, step in enumerate(MIGRATIONS, 1):
            with self.write():
                # Re-read inside the lock: another copy may have migrated meanwhile.
                if self.schema_version() >= target:
                    continue
                step(self.db)
                self.conn.execute(f"PRAGMA user_version = {target}")

    def backup(self, reason: str) -> Path:
        """A consistent copy of the store in `backups/`, 0600, named with the time and why."""
        folder = self.path.parent / "backups"
        moment = self.clock.now().strftime("%Y%m%d-%H%M%S")
        target = folder / f"{self.path.stem}-{moment}-{reason}.sqlite3"
        create_private_file(target)
        try:
            with sqlite3.connect(target) as copy:
                self.conn.backup(copy)
            copy.close()
        except sqlite3.Error as exc:
            raise _unwritable(target, exc) from exc
        return target

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -----------------------------------------------------------------------

    @property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over the same connection, for migrations and record-shaped writes."""
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self.conn, execute_plugins=False)
        return self._db

    @contextmanager
    def write(self) -> Iterator[None]:
        """One durable transaction; a refusal to write becomes StoreUnwritable."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise self._as_store_error(exc) from exc
        try:
            yield
            self.conn.execute("COMMIT")
        except BaseException as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise self._as_store_error(exc) from exc
            raise

    def _as_store_error(self, exc: sqlite3.Error) -> StoreError:
        if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc).lower():
            return StoreUnwritable(
                self.path,
                f"another copy of ecouch has held {self.path.name} busy for over "
                f"{BUSY_TIMEOUT:.0f} seconds; close it and try again.",
            )
        if _is_write_refusal(exc):
            return _unwritable(self.path, exc)
        return StoreCorrupt(self.path, f"{self.path} could not be read or written ({exc}).")

    def _now(self) -> str:
        return stamp(self.clock.now())

    # -- enrolment and settings ------------------------------------------------------------

    def enrolment(self) -> Enrolment | None:
        row = self.conn.execute(
            "SELECT started_on, region, welcomed_at FROM enrolment WHERE id = 1"
        ).fetchone()
        if row is None:
            return None
        return Enrolment(started_on=date.fromisoformat(row[0]), region=row[1], welcomed_at=row[2])

    def enrol(self, region: str | None, started_on: date | None = None) -> Enrolment:
        """Start the course (first run). Enrolling again keeps the start date."""
        with self.write():
            existing = self.enrolment()
            record = {
                "id": 1,
                "started_on": (
                    existing.started_on if existing else (started_on or self.clock.today())
                ).isoformat(),
                "region": region,
                "welcomed_at": existing.welcomed_at if existing else self._now(),
            }
            self.db["enrolment"].upsert(record, pk="id")
        enrolment = self.enrolment()
        assert enrolment is not None
        return enrolment

    def set_region(self, region: str) -> None:
        with self.write():
            self.conn.execute("UPDATE enrolment SET region = ? WHERE id = 1", (region,))

    def setting(self, key: str, default: Any = None) -> Any:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return default if row is None else msgspec.json.decode(row[0])

    def set_setting(self, key: str, value: Any) -> None:
        with self.write():
            self.db["settings"].upsert(
                {"key": key, "value": msgspec.json.encode(value).decode()}, pk="key"
            )

    # -- progress ------------------------------------------------------------------------

    def visit_page(self, module_id: str, page_id: str) -> None:
        """The user is reading this page now: it is where they resume."""
        now = self._now()
        with self.write():
            self.conn.execute(
                "INSERT INTO module_progress (module_id, current_page_id, started_at, updated_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (module_id) DO UPDATE SET"
                " current_page_id = excluded.current_page_id, updated_at = excluded.updated_at",
                (module_id, page_id, now, now),
            )
            self.conn.execute(
                "INSERT INTO page_visits (module_id, page_id, first_seen_at, last_seen_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (module_id, page_id) DO UPDATE SET"
                " last_seen_at = excluded.last_seen_at",
                (module_id, page_id, now, now),
            )

    def complete_module(self, module_id: str) -> None:
        """Mark a module done (once: the first completion time is kept)."""
        now = self._now()
        with self.write():
            self.conn.execute(
                "INSERT INTO module_progress (module_id, started_at, updated_at, completed_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (module_id) DO UPDATE SET"
                " updated_at = excluded.updated_at,"
                " completed_at = coalesce(module_progress.completed_at, excluded.completed_at)",
                (module_id, now, now, now),
            )

    def progress(self) -> dict[str, ModuleProgress]:
        seen: dict[str, set[str]] = {}
        for module_id, page_id in self.conn.execute("SELECT module_id, page_id FROM page_visits"):
            seen.setdefault(module_id, set()).add(page_id)
        rows = self.conn.execute(
            "SELECT module_id, current_page_id, started_at, updated_at, completed_at"
            " FROM module_progress"
        )
        return {
            row[0]: ModuleProgress(*row, pages_seen=frozenset(seen.get(row[0], ()))) for row in rows
        }

    # -- entries -------------------------------------------------------------------------

    def save_entry(
        self,
        *,
        module_id: str,
        page_id: str,
        block_id: str,
        kind: str,
        data: Any,
        uid: str | None = None,
    ) -> Entry:
        """Create or update one entry. `uid=None` makes a new entry (a log line)."""
        if uid is None:
            import uuid

            uid = uuid.uuid4().hex
        payload = msgspec.json.encode(data).decode()
        now = self._now()
        with self.write():
            self.conn.execute(
                f"INSERT INTO entries ({_ENTRY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (uid) DO UPDATE SET data = excluded.data,"
                " updated_at = excluded.updated_at",
                (uid, module_id, page_id, block_id, kind, payload, now, now),
            )
        entry = self.entry(uid)
        assert entry is not None
        return entry

    def entry(self, uid: str) -> Entry | None:
        row = self.conn.execute(
            f"SELECT {_ENTRY_COLUMNS} FROM entries WHERE uid = ?", (uid,)
        ).fetchone()
        return Entry(*row) if row else None

    def entries(
        self, *, module_id: str | None = None, block_id: str | None = None, kind: str | None = None
    ) -> list[Entry]:
        """Entries, oldest first, optionally narrowed to a module, block or kind."""
        clauses, params = [], []
        for column, value in (("module_id", module_id), ("block_id", block_id), ("kind", kind)):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(value)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self.conn.execute(
            f"SELECT {_ENTRY_COLUMNS} FROM entries{where} ORDER BY created_at, rowid", params
        )
        return [Entry(*row) for row in rows]

    def delete_entry(self, uid: str) -> None:
        with self.write():
            self.conn.execute("DELETE FROM entries WHERE uid = ?", (uid,))

    # -- mood ----------------------------------------------------------------------------

    def save_mood(
        self,
        day: date,
        score: int,
        *,
        note: str | None = None,
        tags: list[str] | tuple[str, ...] | None = None,
        sleep_hours: float | None = None,
    ) -> MoodEntry:
        """Log or correct a day's mood. One entry a day: fields given replace, others stay."""
        now = self._now()
        with self.write():
            old = self.mood(day)
            self.conn.execute(
                "INSERT INTO mood (day, score, note, tags, sleep_hours, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (day) DO UPDATE SET"
                " score = excluded.score, note = excluded.note, tags = excluded.tags,"
                " sleep_hours = excluded.sleep_hours, updated_at = excluded.updated_at",
                (
                    day.isoformat(),
                    score,
                    note if note is not None else (old.note if old else ""),
                    msgspec.json.encode(
                        list(tags) if tags is not None else (list(old.tags) if old else [])
                    ).decode(),
                    sleep_hours if sleep_hours is not None else (old.sleep_hours if old else None),
                    now,
                    now,
                ),
            )
        entry = self.mood(day)
        assert entry is not None
        return entry

    def mood(self, day: date) -> MoodEntry | None:
        row = self.conn.execute(
            f"SELECT {_MOOD_COLUMNS} FROM mood WHERE day = ?", (day.isoformat(),)
        ).fetchone()
        return _mood(row) if row else None

    def moods(self, since: date | None = None, until: date | None = None) -> list[MoodEntry]:
        """Mood entries in day order, optionally between two days (inclusive)."""
        low = since.isoformat() if since else "0000-00-00"
        high = until.isoformat() if until else "9999-99-99"
        rows = self.conn.execute(
            f"SELECT {_MOOD_COLUMNS} FROM mood WHERE day BETWEEN ? AND ? ORDER BY day",
            (low, high),
        )
        return [_mood(row) for row in rows]

    def delete_mood(self, day: date) -> None:
        with self.write():
            self.conn.execute("DELETE FROM mood WHERE day = ?", (day.isoformat(),))

    # -- check-ins and safety ----------------------------------------------------------------

    def save_checkin(
        self,
        instrument: str,
        answers: list[int] | tuple[int, ...],
        total: int,
        band: str,
        *,
        extra: dict[str, Any] | None = None,
        taken_at: str | None = None,
        uid: str | None = None,
    ) -> Checkin:
        import uuid

        record = Checkin(
            uid=uid or uuid.uuid4().hex,
            instrument=instrument,
            taken_at=taken_at or self._now(),
            answers=tuple(answers),
            total=total,
            band=band,
            extra=extra or {},
        )
        with self.write():
            self.conn.execute(
                "INSERT INTO checkins (uid, instrument, taken_at, answers, total, band, extra)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    record.uid,
                    instrument,
                    record.taken_at,
                    msgspec.json.encode(list(record.answers)).decode(),
                    total,
                    band,
                    msgspec.json.encode(record.extra).decode(),
                ),
            )
        return record

    def checkins(self, instrument: str | None = None) -> list[Checkin]:
        """Check-ins, oldest first, optionally of one instrument."""
        where, params = ("WHERE instrument = ?", (instrument,)) if instrument else ("", ())
        rows = self.conn.execute(
            "SELECT uid, instrument, taken_at, answers, total, band, extra FROM checkins "
            f"{where} ORDER BY taken_at, rowid",
            params,
        )
        return [
            Checkin(
                uid=row[0],
                instrument=row[1],
                taken_at=row[2],
                answers=tuple(msgspec.json.decode(row[3])),
                total=row[4],
                band=row[5],
                extra=msgspec.json.decode(row[6]) if row[6] else {},
            )
            for row in rows
        ]

    def record_safety_event(
        self,
        reason: str,
        source: str,
        detail: str = "",
        *,
        at: str | None = None,
        uid: str | None = None,
    ) -> SafetyEvent:
        """Note that the safety screen was shown (date and why), for the user's report."""
        import uuid

        event = SafetyEvent(
            uid=uid or uuid.uuid4().hex,
            at=at or self._now(),
            reason=reason,
            source=source,
            detail=detail,
        )
        with self.write():
            self.conn.execute(
                "INSERT INTO safety_events (uid, at, reason, source, detail)"
                " VALUES (?, ?, ?, ?, ?)",
                (event.uid, event.at, event.reason, event.source, event.detail),
            )
        return event

    def safety_events(self) -> list[SafetyEvent]:
        rows = self.conn.execute(
            "SELECT uid, at, reason, source, detail FROM safety_events ORDER BY at, uid"
        )
        return [
            SafetyEvent(uid=r[0], at=r[1], reason=r[2], source=r[3], detail=r[4] or "")
            for r in rows
        ]


def response_uid(module_id: str, page_id: str, block_id: str) -> str:
    """The one entry of a block that holds a single answer (a quiz, a reflection)."""
    return f"{module_id}/{page_id}/{block_id}"
