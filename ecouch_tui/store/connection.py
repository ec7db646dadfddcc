"""One open store: the connection, the checks before anything changes, the migrations,
backups and the durable write transaction that every table's saves run in.

WAL and synchronous=FULL: `COMMIT` returns once the save is on disk. Every save is one
`BEGIN IMMEDIATE` transaction, so two open copies queue on the busy timeout instead of
failing, and a crash leaves either the whole save or none of it. Opening refuses a file
that is damaged (`PRAGMA integrity_check`) or from a newer ecouch, with the file untouched.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Self

from ecouch_tui.clock import Clock, stamp
from ecouch_tui.store.errors import (
    StoreCorrupt,
    StoreError,
    StoreGone,
    StoreTooLong,
    StoreTooNew,
)
from ecouch_tui.store.files import (
    SIDE_SUFFIXES,
    create_new_private_file,
    create_private_file,
    make_private,
)
from ecouch_tui.store.migrations import MIGRATIONS, SCHEMA_VERSION
from ecouch_tui.store.sqlite_errors import (
    BUSY_TIMEOUT,
    damaged,
    result_code,
    store_error,
    unwritable,
)

if TYPE_CHECKING:
    import sqlite_utils


def _identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of the file at `path`, None when there is none."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return (found.st_dev, found.st_ino)


def gone(path: Path) -> StoreGone:
    return StoreGone(
        path,
        f"Your ecouch data file {path} was deleted (by `ecouch forget`, or by hand) while "
        "ecouch was open, so nothing more can be saved to it. Close ecouch and open it "
        "again to start afresh.",
    )


def _longest_text(value: object) -> int:
    if isinstance(value, str):
        return len(value)
    if isinstance(value, dict):
        return max(map(_longest_text, value.values()), default=0)
    if isinstance(value, list | tuple):
        return max(map(_longest_text, value), default=0)
    return 0


def _lenient_text(raw: bytes) -> str:
    """TEXT as str; bytes a damaged page turned into invalid UTF-8 become U+FFFD, so the
    rest of the user's words can still be read instead of the whole read failing."""
    return raw.decode("utf-8", "replace")


class Connection:
    """The store's file, open: what every table API (`store/tables/`) builds on."""

    def __init__(self, conn: sqlite3.Connection, path: Path, clock: Clock) -> None:
        self.conn = conn
        self.path = path
        self.clock = clock
        self.busy_timeout = BUSY_TIMEOUT
        self._db: sqlite_utils.Database | None = None
        #: The file this connection opened (device, inode): a save checks the path still
        #: names it, so one made after `ecouch forget` (or a delete by hand) is refused
        #: instead of going into a file nobody can open again.
        self.identity: tuple[int, int] | None = None

    @classmethod
    def connect(cls, path: Path, clock: Clock, busy_timeout: float = BUSY_TIMEOUT) -> Self:
        """Open (creating when missing) and migrate. StoreError, with the file unchanged,
        when it is damaged, newer, locked for too long or cannot be written."""
        create_private_file(path)
        store = cls._opened(path, clock, busy_timeout)
        conn = store.conn
        try:
            store._check()
            store._configure()
            store._migrate()
        except sqlite3.Error as exc:
            conn.close()
            raise store_error(path, exc, busy_timeout) from exc
        except UnicodeDecodeError as exc:
            # SQLite's error message quoted a garbled name from a damaged schema page.
            conn.close()
            raise damaged(path, "its list of tables is garbled") from exc
        except BaseException:
            conn.close()
            raise
        return store

    @classmethod
    def connect_again(
        cls,
        path: Path,
        clock: Clock,
        busy_timeout: float = BUSY_TIMEOUT,
        same_as: tuple[int, int] | None = None,
    ) -> Self:
        """Another connection to a store this process already has open (`connect` checked
        and migrated it), with its own settings: the writer thread's. StoreError when it
        cannot be opened, StoreGone when the file is no longer there or is not the one
        `same_as` names (it is never created here). Only SQLite opens the file, so no
        lock of the first is lost."""
        store = cls._opened(path, clock, busy_timeout, create=False)
        if same_as is not None and store.identity != same_as:
            store.conn.close()
            raise gone(path)
        try:
            store._configure()
        except sqlite3.Error as exc:
            store.conn.close()
            raise store_error(path, exc, busy_timeout) from exc
        return store

    @classmethod
    def _opened(cls, path: Path, clock: Clock, busy_timeout: float, create: bool = True) -> Self:
        """A connection to the file, not yet checked or configured (StoreError if none;
        StoreGone when `create` is False and the file is missing)."""
        try:
            if create:
                conn = sqlite3.connect(
                    path, timeout=busy_timeout, isolation_level=None, check_same_thread=False
                )
            else:
                conn = sqlite3.connect(
                    f"{path.absolute().as_uri()}?mode=rw",
                    uri=True,
                    timeout=busy_timeout,
                    isolation_level=None,
                    check_same_thread=False,
                )
        except sqlite3.Error as exc:
            if not create and not path.exists():
                raise gone(path) from exc
            raise unwritable(path, exc) from exc
        conn.text_factory = _lenient_text
        store = cls(conn, path, clock)
        store.busy_timeout = busy_timeout
        store.identity = _identity(path)
        return store

    def still_there(self) -> bool:
        """Whether the path still names the file this connection opened (False once
        `ecouch forget`, or anyone, deleted or replaced it while it was open)."""
        return self.identity is None or _identity(self.path) == self.identity

    def _check(self) -> None:
        """Refuse, before changing a byte, a file that is damaged or from a newer ecouch."""
        try:
            version = self.schema_version()
        except sqlite3.DatabaseError as exc:
            if result_code(exc) == 26 or "not a database" in str(exc):
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
            raise damaged(self.path, "it holds tables that ecouch did not make")
        # Damage often shows only when a page is first read: find it now, not mid-session.
        # integrity_check, not quick_check: one flipped byte in an indexed value (a mood's
        # day) passes quick_check and then fails a read. ~1.3 ms a MB, read-only.
        problems = [row[0] for row in self.conn.execute("PRAGMA integrity_check(3)")]
        if problems != ["ok"]:
            lines = problems[0].replace("*** in database main ***", "").split("\n")
            first = next((line.strip() for line in lines if line.strip()), "unknown damage")
            raise damaged(self.path, f"SQLite's check found: {first}")

    def _is_empty(self) -> bool:
        row = self.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return int(row[0]) == 0

    def _configure(self) -> None:
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=FULL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        for suffix in SIDE_SUFFIXES:
            side = self.path.with_name(self.path.name + suffix)
            try:
                if side.lstat().st_mode & 0o077:
                    make_private(side)  # never through a link
            except FileNotFoundError:
                continue
            except OSError as exc:
                raise unwritable(self.path, exc) from exc

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
            target = create_new_private_file(
                self.path.parent / "backups", f"{self.path.stem}-{moment}-{reason}", ".sqlite3"
            )
        except OSError as exc:
            raise unwritable(self.path, exc, folder=self.path.parent / "backups") from exc
        try:
            copy = sqlite3.connect(target)
            try:
                self.conn.backup(copy)
            finally:
                copy.close()
        except sqlite3.Error as exc:
            for suffix in ("", *SIDE_SUFFIXES, "-journal"):
                target.with_name(target.name + suffix).unlink(missing_ok=True)
            raise store_error(target, exc, self.busy_timeout) from exc
        return target

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Self:
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
        """One durable transaction; a refusal to write becomes a StoreError (StoreGone
        when the file was deleted or replaced since it was opened)."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise self._as_store_error(exc) from exc
        if not self.still_there():
            # Checked once the lock is held: forget deletes between saves, not during one.
            self.conn.execute("ROLLBACK")
            raise gone(self.path)
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
        return store_error(self.path, exc, self.busy_timeout)

    def _refuse_long_text(self, value: object) -> None:
        """StoreTooLong when a text in `value` (a note, a field of an entry, however
        deep) is longer than the same limit import holds files to (`TEXT_MOST`)."""
        from ecouch_tui.store.records import TEXT_MOST

        if _longest_text(value) > TEXT_MOST:
            raise StoreTooLong(
                self.path,
                f"Not saved: a text here is longer than the {TEXT_MOST:,} characters ecouch "
                "keeps in one box. It is still on screen: shorten it, or split it in two.",
            )

    def _now(self) -> str:
        return stamp(self.clock.now())
