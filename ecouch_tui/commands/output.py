"""Writing what a command produces (an export, a report) where only the user can read it.

A file is written to a temporary name created 0600 beside the target, then renamed
over it: it is never readable by others, not even for a moment, and a full disk or an
interrupt leaves the old file (or nothing) rather than half an export.
"""

from __future__ import annotations

import os
from pathlib import Path


def write_private_file(path: Path, data: bytes) -> None:
    """Write `data` to `path` with mode 0600, atomically (OSError on failure)."""
    folder = path.parent if str(path.parent) else Path(".")
    temp = folder / f".{path.name}.{os.getpid()}.tmp"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        try:
            os.fchmod(fd, 0o600)  # the mode given to open() is masked by umask, never widened
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def make_private_dir(path: Path) -> None:
    """Create `path` as a new folder with mode 0700 (its parent must exist)."""
    os.mkdir(path, 0o700)
    os.chmod(path, 0o700)


def fresh_dir_name(folder: Path, stem: str) -> Path:
    """`folder/stem`, or `stem-2`, `stem-3`, ... : the first name not yet taken."""
    from ecouch_tui.store.names import next_free

    return folder / next_free(lambda name: (folder / name).exists(), stem)
