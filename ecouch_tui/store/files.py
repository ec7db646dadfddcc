"""The store's files: created private (0600 in a 0700 folder), never overwritten.

A damaged store is only ever renamed aside, with its `-wal`/`-shm`, by `set_aside`,
when the user chooses to start fresh; backups get a name nothing else has.
"""

from __future__ import annotations

import os
from pathlib import Path

from ecouch_tui.clock import Clock
from ecouch_tui.store.names import next_free, numbered
from ecouch_tui.store.sqlite_errors import unwritable

#: The files SQLite keeps beside a store while it is in use (WAL mode).
SIDE_SUFFIXES = ("-wal", "-shm")


def create_private_file(path: Path) -> None:
    """Create `path` empty with mode 0600 unless it exists; tighten it if it does.

    An existing file is never opened here: closing any descriptor of a file drops every
    POSIX lock this process holds on it, an open SQLite connection's too
    (sqlite.org/howtocorrupt.html, 2.2), and another copy of ecouch could then take
    itself for the last one open and delete the WAL under this one.
    """
    from ecouch_tui.paths import ensure_private_dir

    try:
        ensure_private_dir(path.parent)
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            pass
        else:
            os.close(fd)  # new, so no lock of ours is on it yet
        os.chmod(path, 0o600)
    except OSError as exc:
        raise unwritable(path, exc) from exc


def create_new_private_file(folder: Path, stem: str, suffix: str) -> Path:
    """A new, empty 0600 file `stem + suffix` in `folder`, or `stem-2 + suffix` and so on:
    never one that exists (two backups in the same second must not overwrite each other)."""
    from ecouch_tui.paths import ensure_private_dir

    ensure_private_dir(folder)
    for _, name in zip(range(999), numbered(stem, suffix), strict=False):
        target = folder / name
        try:
            fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            continue
        os.close(fd)
        return target
    raise FileExistsError(folder / f"{stem}{suffix}")


def _in_use(path: Path) -> bool:
    """A store's name is taken when the file or either side file exists."""
    return any(path.with_name(path.name + s).exists() for s in ("", *SIDE_SUFFIXES))


def damaged_name(path: Path, clock: Clock) -> Path:
    """Where `set_aside` would keep a damaged store now: `ecouch.sqlite3.damaged-<time>`."""
    base = f"{path.name}.damaged-{clock.now():%Y%m%d-%H%M%S}"
    return path.with_name(next_free(lambda name: _in_use(path.with_name(name)), base))


def set_aside(path: Path, clock: Clock, name: str | None = None) -> Path:
    """Keep a damaged store (and its -wal/-shm) under a new name beside it, 0600; return it.

    `name`: the one the user was shown (`damaged_name` a moment ago), used while free.
    Renamed, never copied over or deleted, so whatever can be recovered from it still can
    be; the side files keep their pairing (`X-wal` belongs to `X`). They move first, so
    that a crash half-way can never leave a stale WAL beside the new store.
    StoreUnwritable if the folder refuses.
    """
    target = path.with_name(name) if name else damaged_name(path, clock)
    if _in_use(target):
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
        raise unwritable(path, exc) from exc
    return target
