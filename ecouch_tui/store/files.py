"""The store's files: created private (0600 in a 0700 folder), never overwritten.

A damaged store is only ever renamed aside, with its `-wal`/`-shm`, by `set_aside`,
when the user chooses to start fresh; backups get a name nothing else has.

Nothing here follows a link ecouch did not make, or changes a folder it did not make:
a store, side file or backups folder that is a link, or is not an ordinary file or
folder, is refused with what to do (as root, following one could change any file on the
system), and so is a data folder that others can enter (see `paths.ensure_private_dir`).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from ecouch_tui.clock import Clock
from ecouch_tui.paths import UnsafePlace, ensure_private_dir, kind_of, not_a_link
from ecouch_tui.store.names import next_free, numbered
from ecouch_tui.store.sqlite_errors import unwritable

#: The files SQLite keeps beside a store while it is in use (WAL mode).
SIDE_SUFFIXES = ("-wal", "-shm")
#: Every name SQLite may open beside a store (`-journal` in rollback mode, after a crash).
OPENED_SUFFIXES = ("", *SIDE_SUFFIXES, "-journal")


def check_store_files(path: Path) -> None:
    """UnsafePlace unless the store and every file SQLite may open beside it is either
    missing or an ordinary file (SQLite itself follows links, and writes where they lead)."""
    for suffix in OPENED_SUFFIXES:
        name = path.with_name(path.name + suffix)
        try:
            found = os.lstat(name)
        except FileNotFoundError:
            continue
        if stat.S_ISLNK(found.st_mode):
            raise not_a_link(name, "its data file" if not suffix else "a file of its own")
        if not stat.S_ISREG(found.st_mode):
            raise UnsafePlace(
                name,
                f"{name} is {kind_of(found.st_mode)}, where ecouch expects "
                f"{'its data file' if not suffix else 'a file of its own'}. Move it out of the "
                "way and try again. Nothing was written.",
            )


def make_private(path: Path) -> None:
    """Mode 0600 for an existing file of ecouch's, never through a link (UnsafePlace for
    one), and without opening the file itself (see `create_private_file`)."""
    found = os.lstat(path)
    if stat.S_ISLNK(found.st_mode):
        raise not_a_link(path, "a file of its own")
    if stat.S_IMODE(found.st_mode) == 0o600:
        return
    if os.chmod in os.supports_follow_symlinks:  # lchmod: macOS, the BSDs
        os.chmod(path, 0o600, follow_symlinks=False)
        return
    # Linux: through an O_PATH descriptor, which is not an open file (closing it drops
    # no lock), of the very file just looked at, never of whatever a link names.
    fd = os.open(path, os.O_PATH | os.O_NOFOLLOW)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise UnsafePlace(path, f"{path} is {kind_of(os.fstat(fd).st_mode)}; ecouch leaves it.")
        try:
            os.chmod(f"/proc/self/fd/{fd}", 0o600)
        except FileNotFoundError:  # no /proc: the folder is private, so nobody swapped it
            os.chmod(path, 0o600)
    finally:
        os.close(fd)


def _refuse_read_only(folder: Path) -> None:
    """OSError (EROFS) for a folder on a read-only file system, in the OS's own words:
    SQLite would only say that it was "unable to open database file"."""
    if hasattr(os, "statvfs") and os.statvfs(folder).f_flag & os.ST_RDONLY:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(folder))


def create_private_file(path: Path) -> None:
    """Create `path` empty with mode 0600 unless it exists; tighten it if it does.

    An existing file is never opened here: closing any descriptor of a file drops every
    POSIX lock this process holds on it, an open SQLite connection's too
    (sqlite.org/howtocorrupt.html, 2.2), and another copy of ecouch could then take
    itself for the last one open and delete the WAL under this one.
    StoreUnwritable, with nothing written, for a folder or file ecouch must not use.
    """
    try:
        ensure_private_dir(path.parent, link_ok=True)
        check_store_files(path)
        _refuse_read_only(path.parent)
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | os.O_NOFOLLOW, 0o600)
        except FileExistsError:
            make_private(path)
        else:
            os.close(fd)  # new, so no lock of ours is on it yet
    except OSError as exc:  # UnsafePlace too, in its own words
        raise unwritable(path, exc) from exc


def create_new_private_file(folder: Path, stem: str, suffix: str) -> Path:
    """A new, empty 0600 file `stem + suffix` in `folder`, or `stem-2 + suffix` and so on:
    never one that exists (two backups in the same second must not overwrite each other).
    UnsafePlace when `folder` is a link, or a folder ecouch did not make that others can
    enter."""
    ensure_private_dir(folder)
    for _, name in zip(range(999), numbered(stem, suffix), strict=False):
        target = folder / name
        try:
            fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY | os.O_NOFOLLOW, 0o600)
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
        check_store_files(path)  # a link is never renamed aside, nor what it names chmodded
        for suffix in (*SIDE_SUFFIXES, ""):
            source = path.with_name(path.name + suffix)
            if not source.exists():
                continue
            moved = target.with_name(target.name + suffix)
            if moved.exists():  # another copy of ecouch chose the same name meanwhile
                raise FileExistsError(moved)
            os.rename(source, moved)
            make_private(moved)
    except OSError as exc:  # UnsafePlace too, in its own words
        raise unwritable(path, exc) from exc
    return target
