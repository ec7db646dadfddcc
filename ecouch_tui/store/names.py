"""The next free `-N` name: `stem`, then `stem-2`, `stem-3`… (backups, damaged stores
set aside, export folders), so two made in the same second never overwrite each other."""

from __future__ import annotations

from collections.abc import Callable, Iterator


def numbered(stem: str, suffix: str = "") -> Iterator[str]:
    """`stem+suffix`, `stem-2+suffix`, `stem-3+suffix`…, without end."""
    yield f"{stem}{suffix}"
    n = 2
    while True:
        yield f"{stem}-{n}{suffix}"
        n += 1


def next_free(taken: Callable[[str], bool], stem: str, suffix: str = "") -> str:
    """The first of `numbered(stem, suffix)` for which `taken(name)` is False."""
    return next(name for name in numbered(stem, suffix) if not taken(name))
