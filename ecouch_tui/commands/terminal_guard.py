"""What a shell command prints cannot take the terminal over.

Every message a command prints can hold text from the store, an imported file or the
course (a note, a module title, a value quoted in an error), and such text can hold
`ESC ] 0 ; ... BEL` (retitles the terminal) or `ESC [2J` (clears it). So while a
command runs (`cli.main`), `sys.stdout` and `sys.stderr` show every control character
as its picture (`terminal_text.printable`): one guard for every `print`, rather than a
call at each. Data a command writes to standard output (an export, JSON) goes through
`write_data`: exact into a file or a pipe, shown the same safe way at a terminal.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TextIO, cast

from ecouch_tui.terminal_text import printable


class _ShownSafely:
    """A text stream that writes what it is given with control characters shown as
    pictures; everything else (`buffer`, `isatty`, `fileno`, `flush`) is the stream's."""

    def __init__(self, stream: TextIO) -> None:
        self.wrapped = stream

    def write(self, text: str) -> int:
        self.wrapped.write(printable(text))
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.wrapped, name)


def _shown_safely(stream: TextIO | None) -> TextIO | None:
    if stream is None or isinstance(stream, _ShownSafely):
        return stream
    return cast(TextIO, _ShownSafely(stream))


@contextmanager
def terminal_safe() -> Iterator[None]:
    """While inside, what is printed to stdout or stderr cannot control the terminal."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _shown_safely(out), _shown_safely(err)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err


def _at_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no stream, or a closed one
        return False


def write_data(data: bytes) -> None:
    """`data` (UTF-8 text: an export, JSON) to standard output: byte for byte into a
    file or a pipe, where a program reads it; at a terminal, where a person reads it,
    with control characters shown as pictures, as every message is."""
    stream = sys.stdout
    if _at_terminal(stream):
        stream.write(printable(data.decode("utf-8", errors="replace")))
        stream.flush()
        return
    stream.flush()  # text already written comes first
    binary = getattr(stream, "buffer", None)
    if binary is None:  # a text-only stream (a test's StringIO): the text, exactly
        stream.write(data.decode("utf-8", errors="replace"))
        return
    binary.write(data)
    binary.flush()
