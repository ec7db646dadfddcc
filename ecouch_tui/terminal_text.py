"""Text from the store, an imported file or a course file, made safe for a terminal.

Anything a user typed, a file brought in or an author wrote can hold control
characters: `ESC ] 0 ; … BEL` retitles the terminal, `ESC [2J` clears it, a bidi
override makes a line read backwards. Every place that prints such text, in the app
and in the shell commands, passes it through `printable` first, so what reaches the
terminal is only ever characters to show. Each control character becomes its visible
Unicode "control picture" (ESC shows as ␛), so nothing is silently dropped.
"""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, the C1 controls (8-bit CSI and OSC among
# them), and the Unicode format characters that reorder or hide text.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
_UNSAFE_ONE_LINE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def _picture(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟ (␛ for ESC, ␉ for tab, ␊ for newline)
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"  # C1 controls and format characters have no picture: show �


def printable(text: str, *, one_line: bool = False) -> str:
    """`text` with every control character shown instead of obeyed.

    Newlines and tabs are kept unless `one_line`, for a value printed inside a line
    (a module title in `status`, a field in an error message).
    """
    pattern = _UNSAFE_ONE_LINE if one_line else _UNSAFE
    return pattern.sub(_picture, text)


def has_control(text: str, *, one_line: bool = False) -> bool:
    """Whether `text` holds a character `printable` would replace (with `one_line`
    the same way; without it, newlines and tabs are allowed)."""
    pattern = _UNSAFE_ONE_LINE if one_line else _UNSAFE
    return pattern.search(text) is not None


def without_controls(text: str) -> str:
    """`text` with every control character (newlines and tabs too) removed.

    For text already laid out, a terminal cell per character, where a picture would
    not fit: control characters take no cell, so removing them moves nothing.
    """
    return _UNSAFE_ONE_LINE.sub("", text)


def picture_table() -> dict[int, str]:
    """`printable` as a `str.translate` table: each character it replaces, with its
    picture (newlines and tabs kept), for code that already translates text."""
    codes = [*range(0xA0), *(ord(c) for c in "\u200e\u200f\u2028\u2029")]
    codes += [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]
    return {code: _picture(match) for code in codes if (match := _UNSAFE.match(chr(code)))}
