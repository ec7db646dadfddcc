"""What a SQLite or OS error means for the user: which StoreError, in which words.

Judged by SQLite's result code, not its text, so a lock is never mistaken for damage
(that would offer to set a good file aside).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ecouch_tui.store.errors import StoreBusy, StoreCorrupt, StoreError, StoreUnwritable

#: How long a save waits for another copy of ecouch to finish its own, in seconds.
BUSY_TIMEOUT = 15.0

# SQLite's primary result codes (sqlite3.Error.sqlite_errorcode & 0xFF), by what they
# mean for the user: the file is damaged; another copy holds it; the disk refuses writes.
_DAMAGED = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
_BUSY = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED
_REFUSED = {3, 8, 10, 13, 14}  # PERM, READONLY, IOERR, FULL, CANTOPEN

#: SQLite's refusals in plain words (its own follow in brackets, for whoever helps).
_PLAIN = {
    13: "the disk is full",  # SQLITE_FULL
    8: "the folder or disk is read-only",  # SQLITE_READONLY
    10: "the disk refused the write",  # SQLITE_IOERR: EFBIG, EIO, a full quota…
    14: "the file could not be opened",  # SQLITE_CANTOPEN
    3: "permission was refused",  # SQLITE_PERM
}


def result_code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def _reason(exc: BaseException) -> str:
    """The OS's or SQLite's own words, without Python's decoration."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    if isinstance(exc, sqlite3.Error) and (code := result_code(exc)) in _PLAIN:
        return f"{_PLAIN[code]} ({exc})"
    return str(exc)


def _advice(exc: BaseException) -> str:
    import errno

    full = isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT)
    locked = isinstance(exc, OSError) and exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM)
    if isinstance(exc, sqlite3.Error):
        full, locked = result_code(exc) == 13, result_code(exc) in (3, 8)
    if full:
        return "Free some space on the disk, then try again."
    if locked:
        return "Make the folder writable, then try again."
    return "Check that the folder is writable and the disk is not full."


def unwritable(path: Path, exc: BaseException, folder: Path | None = None) -> StoreUnwritable:
    from ecouch_tui.paths import UnsafePlace

    if isinstance(exc, UnsafePlace):  # a refusal of ecouch's own, already in full words
        return StoreUnwritable(path, str(exc))
    return StoreUnwritable(
        path, f"ecouch cannot save to {folder or path.parent}: {_reason(exc)}. {_advice(exc)}"
    )


def damaged(path: Path, detail: str) -> StoreCorrupt:
    return StoreCorrupt(
        path, f"Your ecouch data file {path} is damaged and cannot be read ({detail})."
    )


def store_error(path: Path, exc: sqlite3.Error, busy_timeout: float = BUSY_TIMEOUT) -> StoreError:
    """What a SQLite error means for the user, judged by its result code, not its text:
    a lock must never be mistaken for damage (that would offer to set a good file aside)."""
    code = result_code(exc)
    text = str(exc).lower()
    if code in _BUSY or (code is None and "locked" in text):
        return StoreBusy(
            path,
            f"another copy of ecouch has held {path.name} busy for over "
            f"{busy_timeout:.0f} seconds; close it and try again.",
        )
    if code in _DAMAGED or (code is None and ("malformed" in text or "not a database" in text)):
        return damaged(path, str(exc))
    if code in _REFUSED or code is None:
        return unwritable(path, exc)
    return StoreError(path, f"ecouch could not use {path} ({exc}).")
