"""The Store: one SQLite file (0600, in a 0700 folder), WAL, synchronous=FULL.

Every save is one `BEGIN IMMEDIATE` transaction: two open copies queue on the busy
timeout instead of failing, and a crash leaves either the whole save or none of it.

Opening checks before it changes anything: a file that is not an ecouch store, or is
damaged (`PRAGMA integrity_check`: about 1 ms a MB; years of entries are a few MB),
raises StoreCorrupt, and one from a newer ecouch raises StoreTooNew, both with the file
untouched. A damaged file is only ever renamed aside, by `set_aside`, when the user
chooses to start fresh: nothing here deletes or overwrites a user's file.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from ecouch_tui.clock import Clock, stamp
from ecouch_tui.store.errors import (
    StoreBusy,
    StoreCorrupt,
    StoreError,
    StoreTooNew,
    StoreUnwritable,
)
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

#: The files SQLite keeps beside a store while it is in use (WAL mode).
SIDE_SUFFIXES = ("-wal", "-shm")

_ENTRY_COLUMNS = "uid, module_id, page_id, block_id, kind, data, created_at, updated_at"
_MOOD_COLUMNS = "day, score, note, tags, sleep_hours, created_at, updated_at"

# SQLite's primary result codes (sqlite3.Error.sqlite_errorcode & 0xFF), by what they
# mean for the user: the file is damaged; another copy holds it; the disk refuses writes.
_DAMAGED = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
_BUSY = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED
_REFUSED = {3, 8, 10, 13, 14}  # PERM, READONLY, IOERR, FULL, CANTOPEN


def _lenient_text(raw: bytes) -> str:
    """TEXT as str; bytes a damaged page turned into invalid UTF-8 become U+FFFD, so the
    rest of the user's words can still be read instead of the whole read failing."""
    return raw.decode("utf-8", "replace")


def lenient_json(raw: str | None, damaged: Any, shape: Any = Any) -> Any:
    """A JSON column; `damaged` when a damaged page garbled it, so one bad value costs
    that value, not the whole list it is read in (the rest of the day, the check-in, the
    export that rescues a partly damaged store)."""
    if not raw:
        return damaged
    try:
        return msgspec.json.decode(raw, type=shape)
    except msgspec.MsgspecError:
        return damaged


def _mood(row: tuple[Any, ...]) -> MoodEntry:
    return MoodEntry(
        day=date.fromisoformat(row[0]),
        score=row[1],
        note=row[2] or "",
        tags=tuple(lenient_json(row[3], [], list[str])),
        sleep_hours=row[4],
        created_at=row[5],
        updated_at=row[6],
    )


#: SQLite's refusals in plain words (its own follow in brackets, for whoever helps).
_PLAIN = {
    13: "the disk is full",  # SQLITE_FULL
    8: "the folder or disk is read-only",  # SQLITE_READONLY
    10: "the disk refused the write",  # SQLITE_IOERR: EFBIG, EIO, a full quota…
    14: "the file could not be opened",  # SQLITE_CANTOPEN
    3: "permission was refused",  # SQLITE_PERM
}


def _reason(exc: BaseException) -> str:
    """The OS's or SQLite's own words, without Python's decoration."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    if isinstance(exc, sqlite3.Error) and _code(exc) in _PLAIN:
        return f"{_PLAIN[_code(exc)]} ({exc})"  # type: ignore[index]
    return str(exc)


def _advice(exc: BaseException) -> str:
    import errno

    full = isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT)
    locked = isinstance(exc, OSError) and exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM)
    if isinstance(exc, sqlite3.Error):
        full, locked = _code(exc) == 13, _code(exc) in (3, 8)
    if full:
        return "Free some space on the disk, then try again."
    if locked:
        return "Make the folder writable, then try again."
    return "Check that the folder is writable and the disk is not full."


def _unwritable(path: Path, exc: BaseException, folder: Path | None = None) -> StoreUnwritable:
    return StoreUnwritable(
        path, f"ecouch cannot save to {folder or path.parent}: {_reason(exc)}. {_advice(exc)}"
    )


def _damaged(path: Path, detail: str) -> StoreCorrupt:
    return StoreCorrupt(
        path, f"Your ecouch data file {path} is damaged and cannot be read ({detail})."
    )


def _code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def store_error(path: Path, exc: sqlite3.Error) -> StoreError:
    """What a SQLite error means for the user, judged by its result code, not its text:
    a lock must never be mistaken for damage (that would offer to set a good file aside)."""
    code = _code(exc)
    text = str(exc).lower()
    if code in _BUSY or (code is None and "locked" in text):
        return StoreBusy(
            path,
            f"another copy of ecouch has held {path.name} busy for over "
            f"{BUSY_TIMEOUT:.0f} seconds; close it and try again.",
        )
    if code in _DAMAGED or (code is None and ("malformed" in text or "not a database" in text)):
        return _damaged(path, str(exc))
    if code in _REFUSED or code is None:
        return _unwritable(path, exc)
    return StoreError(path, f"ecouch could not use {path} ({exc}).")


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


def _create_new_private_file(folder: Path, stem: str, suffix: str) -> Path:
    """A new, empty 0600 file `stem + suffix` in `folder`, or `stem-2 + suffix` and so on:
    never one that exists (two backups in the same second must not overwrite each other)."""
    from ecouch_tui.paths import ensure_private_dir

    ensure_private_dir(folder)
    for n in range(1, 1000):
        target = folder / f"{stem}{'' if n == 1 else f'-{n}'}{suffix}"
        try:
            fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            continue
        os.close(fd)
        return target
    raise FileExistsError(folder / f"{stem}{suffix}")


def damaged_name(path: Path, clock: Clock) -> Path:
    """Where `set_aside` would keep a damaged store now: `ecouch.sqlite3.damaged-<time>`."""
    base = f"{path.name}.damaged-{clock.now():%Y%m%d-%H%M%S}"
    candidate, n = path.with_name(base), 1
    while any(candidate.with_name(candidate.name + s).exists() for s in ("", *SIDE_SUFFIXES)):
        n += 1
        candidate = path.with_name(f"{base}-{n}")
    return candidate


def set_aside(path: Path, clock: Clock, name: str | None = None) -> Path:
    """Keep a damaged store (and its -wal/-shm) under a new name beside it, 0600; return it.

    `name`: the one the user was shown (`damaged_name` a moment ago), used while free.
    Renamed, never copied over or deleted, so whatever can be recovered from it still can
    be; the side files keep their pairing (`X-wal` belongs to `X`). They move first, so
    that a crash half-way can never leave a stale WAL beside the new store.
    StoreUnwritable if the folder refuses.
    """
    target = path.with_name(name) if name else damaged_name(path, clock)
    if any(target.with_name(target.name + s).exists() for s in ("", *SIDE_SUFFIXES)):
        target = damaged_name(path, clock)
    try:
        for suffix in (*SIDE_SUFFIXES, ""):
            source = path.with_name(path.name + suffix)
            if not source.exists():
                continue
            moved = target.with_name(target.name + suffix)
            if moved.exists():  # another copy of ecouch chose the same name meanwhile
                raise FileExistsError(moved)
            os.rename(source, moved)
            os.chmod(moved, 0o600)
    except OSError as exc:
        raise _unwritable(path, exc) from exc
    return target


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
        """Open (creating when missing) and migrate. StoreError, with the file unchanged,
        when it is damaged, newer, locked for too long or cannot be written."""
        create_private_file(path)
        try:
            conn = sqlite3.connect(
                path, timeout=BUSY_TIMEOUT, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise _unwritable(path, exc) from exc
        conn.text_factory = _lenient_text
        store = cls(conn, path, clock)
        try:
            store._check()
            store._configure()
            store._migrate()
        except sqlite3.Error as exc:
            conn.close()
            raise store_error(path, exc) from exc
        except UnicodeDecodeError as exc:
            # SQLite's error message quoted a garbled name from a damaged schema page.
            conn.close()
            raise _damaged(path, "its list of tables is garbled") from exc
        except BaseException:
            conn.close()
            raise
        return store

    def _check(self) -> None:
        """Refuse, before changing a byte, a file that is damaged or from a newer ecouch."""
        try:
            version = self.schema_version()
        except sqlite3.DatabaseError as exc:
            if _code(exc) == 26 or "not a database" in str(exc):
                raise StoreCorrupt(
                    self.path,
                    f"Your ecouch data file {self.path} is damaged or is not an ecouch "
                    f"store ({exc}).",
                ) from exc
            raise
        if version > SCHEMA_VERSION:
            raise StoreTooNew(
                self.path,
                f"{self.path} was written by a newer version of ecouch (store version "
                f"{version}; this one knows up to {SCHEMA_VERSION}). Update ecouch to open it; "
                "nothing was changed.",
            )
        if version == 0:
            if self._is_empty():
                return  # a new store (or a crash before its first save): nothing to check
            # Every migration sets the version in its own transaction: tables without one
            # were made by something else, and ecouch must not build its own among them.
            raise _damaged(self.path, "it holds tables that ecouch did not make")
        # Damage often shows only when a page is first read: find it now, not mid-session.
        # integrity_check, not quick_check: one flipped byte in an indexed value (a mood's
        # day) passes quick_check and then fails a read. ~1.3 ms a MB, read-only.
        problems = [row[0] for row in self.conn.execute("PRAGMA integrity_check(3)")]
        if problems != ["ok"]:
            lines = problems[0].replace("*** in database main ***", "").split("\n")
            first = next((line.strip() for line in lines if line.strip()), "unknown damage")
            raise _damaged(self.path, f"SQLite's check found: {first}")

    def _is_empty(self) -> bool:
        row = self.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return int(row[0]) == 0

    def _configure(self) -> None:
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=FULL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        for suffix in SIDE_SUFFIXES:
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
        """A consistent copy of the store in `backups/`, 0600, named with the time and why
        (`-2`, `-3`… when that name is taken). A copy that fails half-way is removed: it
        is ecouch's own unfinished file, and the store itself is untouched."""
        moment = self.clock.now().strftime("%Y%m%d-%H%M%S")
        try:
            target = _create_new_private_file(
                self.path.parent / "backups", f"{self.path.stem}-{moment}-{reason}", ".sqlite3"
            )
        except OSError as exc:
            raise _unwritable(self.path, exc, folder=self.path.parent / "backups") from exc
        try:
            copy = sqlite3.connect(target)
            try:
                self.conn.backup(copy)
            finally:
                copy.close()
        except sqlite3.Error as exc:
            for suffix in ("", *SIDE_SUFFIXES, "-journal"):
                target.with_name(target.name + suffix).unlink(missing_ok=True)
            raise store_error(target, exc) from exc
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
        """One durable transaction; a refusal to write becomes a StoreError."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise self._as_store_error(exc) from exc
        try:
            yield
            self.conn.execute("COMMIT")
        except BaseException as exc:
            if self.conn.in_transaction:
                # SQLite may have rolled back already (e.g. after a full disk).
                with suppress(sqlite3.Error):
                    self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise self._as_store_error(exc) from exc
            raise

    def _as_store_error(self, exc: sqlite3.Error) -> StoreError:
        return store_error(self.path, exc)

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
            self.db.table("enrolment").upsert(record, pk="id")
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
            self.db.table("settings").upsert(
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
            module_id: ModuleProgress(
                module_id,
                page_id,
                started_at,
                updated_at,
                completed_at,
                pages_seen=frozenset(seen.get(module_id, ())),
            )
            for module_id, page_id, started_at, updated_at, completed_at in rows
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
                answers=tuple(lenient_json(row[3], [], list[int])),
                total=row[4],
                band=row[5],
                extra=lenient_json(row[6], {}, dict[str, Any]),
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
