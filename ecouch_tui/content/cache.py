"""A cache of validated content, so the app starts without parsing YAML.

Keyed by a hash of every YAML file in the course folder and a fingerprint of the
models that checked them: change a file, or ecouch itself, and the next start
validates afresh. The cache lives in the user's data folder (so demo and preview,
which use throwaway folders, leave nothing behind) and is never trusted blindly: a
file that does not decode is ignored and rewritten.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import msgspec

from ecouch_tui import __version__
from ecouch_tui.content.loader import CRISIS_NAME, LoadedCourse, load_course

_FORMAT = 1


class _Cached(msgspec.Struct, kw_only=True):
    key: str
    course: LoadedCourse


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

    digest = hashlib.blake2b(_fingerprint(), digest_size=20)
    files = sorted([*root.glob("*.yaml"), *root.glob("questionnaires/*.yaml")])
    if not (root / CRISIS_NAME).exists():
        files.append(bundled_modules_dir() / CRISIS_NAME)
    for path in files:
        digest.update(str(path).encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"<unreadable>")
        digest.update(b"\0")
    return digest.hexdigest()


def cache_file(cache_dir: Path, root: Path) -> Path:
    name = hashlib.blake2b(str(root.resolve()).encode(), digest_size=8).hexdigest()
    return cache_dir / f"course-{name}.msgpack"


def load_course_cached(root: Path, cache_dir: Path | None) -> LoadedCourse:
    """The course in `root`, from the cache when nothing has changed."""
    root = root.resolve()
    if cache_dir is None:
        return load_course(root, show=str)
    key = course_key(root)
    target = cache_file(cache_dir, root)
    try:
        cached = msgspec.msgpack.decode(target.read_bytes(), type=_Cached)
        if cached.key == key:
            return cached.course
    except (OSError, msgspec.DecodeError, msgspec.ValidationError):
        pass
    course = load_course(root, show=str)  # absolute: the cache outlives any one folder
    _write(target, msgspec.msgpack.encode(_Cached(key=key, course=course)))
    return course


def cached_course(root: Path, cache_dir: Path) -> LoadedCourse | None:
    """The cached course for `root` if it is current, else None; never writes anything.

    For readers that must leave the data folder as they found it (`ecouch status`):
    a missing or stale cache is the caller's to handle, not rebuilt here.
    """
    root = root.resolve()
    try:
        cached = msgspec.msgpack.decode(cache_file(cache_dir, root).read_bytes(), type=_Cached)
    except (OSError, msgspec.DecodeError, msgspec.ValidationError):
        return None
    return cached.course if cached.key == course_key(root) else None


def _write(target: Path, blob: bytes) -> None:
    """Atomic and private; a cache that cannot be written is simply not written."""
    from ecouch_tui.paths import ensure_private_dir

    try:
        ensure_private_dir(target.parent)
        temp = target.with_suffix(f".tmp{os.getpid()}")
        fd = os.open(temp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(blob)
        os.replace(temp, target)
    except OSError:
        pass
