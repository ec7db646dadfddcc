"""Writing what a command produces (an export, a report) where only the user can read it.

A file is written to a temporary name created 0600 beside the target, then moved into
place: it is never readable by others, not even for a moment, and a full disk or an
interrupt leaves the old file (or nothing) rather than half an export.

Nothing is ever replaced that the user did not ask to replace: an existing file only
with `--force` (`replace=True`), and never a link (it is not followed either), a
folder, a device or a named pipe. `OutputRefused` says which and what to do instead.
A name ending in `/` names a folder, never a file.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ecouch_tui.paths import describe_link, kind_of

NOTHING = "Nothing was written."


class OutputRefused(Exception):
    """Why a command will not write to the place it was given, for the user."""


def names_folder(raw: str) -> bool:
    """Whether the user's text names a folder by ending in a slash (`out/`)."""
    return raw.endswith("/") or raw.endswith(os.sep)


def missing_folder(folder: Path) -> str:
    shown = folder if str(folder) else Path(".")
    return (
        f"the folder {shown} does not exist; create it first (mkdir -p {shown}) or choose "
        f"another place. {NOTHING}"
    )


def refusal(path: Path, *, replace: bool = False) -> str | None:
    """Why `path` may not be written (as a file), or None when it may.

    Free: its folder must exist. Taken: only by an ordinary file, and only with
    `replace`; a link, folder, device or pipe is never written over.
    """
    try:
        found = os.lstat(path)
    except FileNotFoundError:
        folder = path.parent
        if not folder.is_dir():
            return missing_folder(folder)
        return None
    if stat.S_ISLNK(found.st_mode):
        return (
            f"{describe_link(path)}; ecouch does not write through links, so that what a "
            f"link points to is never replaced. Give the real file's name instead. {NOTHING}"
        )
    if stat.S_ISDIR(found.st_mode):
        return f"{path} is a folder; give a file name. {NOTHING}"
    if not stat.S_ISREG(found.st_mode):
        return (
            f"{path} is {kind_of(found.st_mode)}, not an ordinary file, and ecouch only "
            f"writes ordinary files: choose a file name. {NOTHING}"
        )
    if not replace:
        return (
            f"{path} already exists. Add --force to replace it, or choose another name. {NOTHING}"
        )
    return None


def write_private_file(path: Path, data: bytes, *, replace: bool = False) -> None:
    """Write `data` to `path` with mode 0600, atomically.

    OutputRefused when `refusal` has a reason (also if the name was taken meanwhile,
    without `replace`); OSError on failure. Either way the target is as it was.
    """
    _write(path, data, replace=replace, private=True)


def write_shared_file(path: Path, data: bytes) -> None:
    """Write `data` to `path` as the umask allows (a JSON Schema for editors, not private
    data), replacing an ordinary file of that name: regenerating it is the point."""
    _write(path, data, replace=True, private=False)


def _write(path: Path, data: bytes, *, replace: bool, private: bool) -> None:
    problem = refusal(path, replace=replace)
    if problem:
        raise OutputRefused(problem)
    folder = path.parent if str(path.parent) else Path(".")
    temp = folder / f".{path.name}.{os.getpid()}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
    fd = os.open(temp, flags, 0o600 if private else 0o666)
    try:
        try:
            if private:
                os.fchmod(fd, 0o600)  # open()'s mode is masked by umask, never widened
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        _put_in_place(temp, path, replace)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _put_in_place(temp: Path, path: Path, replace: bool) -> None:
    """Rename over an ordinary file (checked by `refusal`), or take a free name without
    ever taking one that appeared meanwhile (a hard link fails if the name exists)."""
    if replace:
        os.replace(temp, path)  # replaces the name itself: never writes through a link
        return
    try:
        os.link(temp, path, follow_symlinks=False)
    except FileExistsError:
        raise OutputRefused(refusal(path) or f"{path} already exists. {NOTHING}") from None
    except OSError:  # a file system without hard links (FAT, some network shares)
        if os.path.lexists(path):
            raise OutputRefused(refusal(path) or f"{path} already exists. {NOTHING}") from None
        os.replace(temp, path)
        return
    os.unlink(temp)


def make_private_dir(path: Path) -> None:
    """Create `path` as a new folder with mode 0700 (its parent must exist)."""
    os.mkdir(path, 0o700)
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    try:
        os.fchmod(fd, 0o700)
    finally:
        os.close(fd)


def fresh_dir_name(folder: Path, stem: str) -> Path:
    """`folder/stem`, or `stem-2`, `stem-3`, ... : the first name not yet taken."""
    from ecouch_tui.store.names import next_free

    return folder / next_free(lambda name: os.path.lexists(folder / name), stem)


def fresh_file_name(folder: Path, stem: str, suffix: str) -> Path:
    """`folder/stem+suffix`, or `stem-2+suffix`, ... : the first name not yet taken."""
    from ecouch_tui.store.names import next_free

    return folder / next_free(lambda name: os.path.lexists(folder / name), stem, suffix)
