"""A cache of validated content, so the app starts without parsing YAML.

Keyed by a hash of every YAML file in the course folder (each read as the loader reads
it: only regular files, at most `files.MAX_CONTENT_BYTES`) and a fingerprint of the
models that checked them: change a file, or ecouch itself, and the next start
validates afresh. The cache lives in the user's data folder (so demo and preview,
which use throwaway folders, leave nothing behind) and is never trusted blindly: a
file that does not decode is ignored and rewritten.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from ecouch_tui import __version__
from ecouch_tui.content.files import FileRefused, read_limited
from ecouch_tui.paths import CRISIS_NAME, QUESTIONNAIRES_DIR

try:  # BLAKE2 without hashlib, which loads OpenSSL first: a start-up cost for no gain here
    from _blake2 import blake2b
except ImportError:  # another Python implementation
    from hashlib import blake2b

if TYPE_CHECKING:
    from ecouch_tui.content.loader import LoadedCourse

_FORMAT = 1


@cache
def _cached_shape() -> type[Any]:
    """The cache file's shape. Built on first use, so that reading the key and the file
    name (as `ecouch status` does) never imports the content models. A class made at
    run time has no static type: what it decodes to is `Any`, read as `.key`, `.course`."""
    from ecouch_tui.content.loader import LoadedCourse

    return msgspec.defstruct("_Cached", [("key", str), ("course", LoadedCourse)], kw_only=True)


def _fingerprint() -> bytes:
    """Changes whenever the content models change (a new release or a source edit)."""
    here = Path(__file__).parent
    parts = [f"{_FORMAT}:{__version__}"]
    for source in sorted([*here.glob("*.py"), *here.glob("blocks/*.py")]):
        info = source.stat()
        parts.append(f"{source.name}:{info.st_size}:{info.st_mtime_ns}")
    return "\n".join(parts).encode()


def course_key(root: Path) -> str:
    from ecouch_tui.paths import bundled_modules_dir

    digest = blake2b(_fingerprint(), digest_size=20)
    # Block types defined at run time (not in content/blocks/) change what is valid too;
    # none can exist while the block kit is not even imported (`ecouch status`).
    kit = sys.modules.get("ecouch_tui.content.blocks")
    digest.update((kit.added_signature() if kit else "").encode() + b"\0")
    # Every YAML file in the course folder, subfolders too: course.yaml may list a module
    # in one (`weeks/01.yaml`), and an edit there must not leave the cache stale.
    files = sorted(root.rglob("*.yaml"))
    # What the loader falls back to when the course has none of its own counts too.
    if not (root / CRISIS_NAME).exists():
        files.append(bundled_modules_dir() / CRISIS_NAME)
    if not (root / QUESTIONNAIRES_DIR).is_dir():
        files += sorted((bundled_modules_dir() / QUESTIONNAIRES_DIR).glob("*.yaml"))
    for path in files:
        digest.update(str(path).encode() + b"\0")
        # Read as the loader reads: a FIFO here (listed or not) must not block `status`.
        try:
            digest.update(read_limited(path))
        except FileRefused as exc:
            digest.update(f"<refused: {exc}>".encode())
        except (OSError, ValueError):
            digest.update(b"<unreadable>")
        digest.update(b"\0")
    return digest.hexdigest()


def content_hash(root: Path) -> str:
    """A hash of the course content in use, for a research export (CONSORT-EHEALTH): every
    YAML file of the course folder by its path inside it (and the bundled crisis lines
    and questionnaires it falls back to, as `bundled/...`), and its bytes. Unlike
    `course_key` it leaves out ecouch's own code and where the folder is, so the same
    course gives the same hash on every computer. "blake2b-160:" and 40 hex digits."""
    from ecouch_tui.paths import bundled_modules_dir

    root = root.resolve()
    bundled = bundled_modules_dir()
    files = [(p.relative_to(root).as_posix(), p) for p in sorted(root.rglob("*.yaml"))]
    if not (root / CRISIS_NAME).exists():
        files.append((f"bundled/{CRISIS_NAME}", bundled / CRISIS_NAME))
    if not (root / QUESTIONNAIRES_DIR).is_dir():
        for path in sorted((bundled / QUESTIONNAIRES_DIR).glob("*.yaml")):
            files.append((f"bundled/{QUESTIONNAIRES_DIR}/{path.name}", path))
    digest = blake2b(digest_size=20)
    for name, path in files:
        digest.update(name.encode() + b"\0")
        try:
            digest.update(read_limited(path))
        except (FileRefused, OSError, ValueError):
            digest.update(b"<unreadable>")
        digest.update(b"\0")
    return f"blake2b-160:{digest.hexdigest()}"


def cache_file(cache_dir: Path, root: Path) -> Path:
    name = blake2b(str(root.resolve()).encode(), digest_size=8).hexdigest()
    return cache_dir / f"course-{name}.msgpack"


def load_course_cached(root: Path, cache_dir: Path | None) -> LoadedCourse:
    """The course in `root`, from the cache when nothing has changed."""
    from ecouch_tui.content.blocks import decode_hook
    from ecouch_tui.content.loader import load_course

    shape = _cached_shape()
    root = root.resolve()
    if cache_dir is None:
        return load_course(root, show=str)
    key = course_key(root)
    target = cache_file(cache_dir, root)
    try:
        cached = msgspec.msgpack.decode(target.read_bytes(), type=shape, dec_hook=decode_hook)
        if cached.key == key:
            return cached.course
    except (OSError, msgspec.DecodeError, msgspec.ValidationError):
        pass
    course = load_course(root, show=str)  # absolute: the cache outlives any one folder
    _write(target, msgspec.msgpack.encode(shape(key=key, course=course)))
    return course


def cached_course(root: Path, cache_dir: Path) -> LoadedCourse | None:
    """The cached course for `root` if it is current, else None; never writes anything.

    For readers that must leave the data folder as they found it (`ecouch status`):
    a missing or stale cache is the caller's to handle, not rebuilt here.
    """
    from ecouch_tui.content.blocks import decode_hook

    root = root.resolve()
    try:
        blob = cache_file(cache_dir, root).read_bytes()
        cached = msgspec.msgpack.decode(blob, type=_cached_shape(), dec_hook=decode_hook)
    except (OSError, msgspec.DecodeError, msgspec.ValidationError):
        return None
    return cached.course if cached.key == course_key(root) else None


def _write(target: Path, blob: bytes) -> None:
    """Atomic and private; a cache that cannot be written is simply not written."""
    from ecouch_tui.paths import ensure_private_dir

    try:
        ensure_private_dir(target.parent)
        temp = target.with_suffix(f".tmp{os.getpid()}")
        fd = os.open(temp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(blob)
        os.replace(temp, target)
    except OSError:
        pass
