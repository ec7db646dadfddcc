"""Read a content file safely: only a regular file, never more than a set size.

Course folders come from authors, downloads and shared drives, so a "module" may be
a FIFO (opening one for reading waits for a writer forever), a link to `/dev/zero`
(endless bytes) or simply huge. Every content read goes through `read_limited`, which
opens without blocking, looks at what it opened, and reads at most one byte past the
limit. Kept free of the content models and of YAML, so `ecouch status` can hash a
course folder with it and stay quick.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

#: The largest content file ecouch reads: 1 MB. The largest bundled module is under
#: 20 kB (`ls -l modules/`: 14 to 19 kB each), so this leaves fifty times that for a
#: long module, while the largest file allowed still loads quickly: a valid 1 MB module
#: (476 pages) loads in about 0.15 s using about 35 MB, which matters because the
#: preview reloads on the UI thread. A 50 MB module took 1.6 GB and blocked the preview.
MAX_CONTENT_BYTES = 1_000_000

#: What each kind of non-regular file is called in a message.
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class FileRefused(Exception):
    """The file is not one ecouch reads; the message says why, for a `path:1:1:` line."""


def size_limit_text() -> str:
    return f"{MAX_CONTENT_BYTES // 1_000_000} MB ({MAX_CONTENT_BYTES:,} bytes)"


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "a special file")


def _too_large() -> FileRefused:
    return FileRefused(
        f"larger than {size_limit_text()}, the limit for a content file; "
        "split it into smaller modules"
    )


def read_limited(path: Path, follow_links: bool = True) -> bytes:
    """The bytes of the regular file at `path`, or FileRefused (OSError if it cannot be
    opened or read, FileNotFoundError included).

    Opened with O_NONBLOCK, so a FIFO never blocks the open; then fstat on what was
    opened (not the name, which may change meanwhile) refuses anything but a regular
    file, and a file over MAX_CONTENT_BYTES by its size; the read stops one byte past the
    limit too, for a file that grows or lies about its size. `follow_links=False` also
    refuses a link in the last part of `path` (for a path already resolved).
    """
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    flags |= getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if not follow_links and os.path.islink(path):
            raise FileRefused("became a link while being read; not read") from None
        raise exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused(f"is {_kind(info.st_mode)}, not a file; only regular files are read")
        if info.st_size > MAX_CONTENT_BYTES:
            raise _too_large()
        chunks: list[bytes] = []
        total = 0
        while total <= MAX_CONTENT_BYTES:
            chunk = os.read(fd, MAX_CONTENT_BYTES + 1 - total)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > MAX_CONTENT_BYTES:
            raise _too_large()
        return b"".join(chunks)
    finally:
        os.close(fd)
