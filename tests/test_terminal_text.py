"""`terminal_text`: control characters are shown, never obeyed, and nothing else changes.

The commands and the app rely on these (tests/test_terminal_escapes.py drives them);
here each rule is pinned on its own: which characters are replaced, by what, that the
text keeps its length (so styles counted on it stay in place), and that showing twice
is the same as showing once.
"""

from __future__ import annotations

import pytest

from ecouch_tui.terminal_text import (
    has_control,
    picture_table,
    printable,
    without_controls,
)

TITLE_AND_CLEAR = "note \x1b]0;PWNED\x07\x1b[2J"


def test_an_escape_sequence_is_shown_as_pictures() -> None:
    assert printable(TITLE_AND_CLEAR) == "note ␛]0;PWNED␇␛[2J"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\x00", "␀"),
        ("\x08", "␈"),
        ("\x0b\x0c\r", "␋␌␍"),
        ("\x1f", "␟"),
        ("\x7f", "␡"),
        ("\x9b2J", "�2J"),  # the 8-bit CSI: a C1 control has no picture of its own
        ("\x9d0;x\x9c", "�0;x�"),  # 8-bit OSC ... ST
        ("abc\u202edef", "abc�def"),  # a right-to-left override would reverse the line
        ("\u2066x\u2069", "�x�"),  # isolates
        ("\u200e\u200f", "��"),
        ("a\u2028b\u2029c", "a�b�c"),  # line and paragraph separators
    ],
)
def test_every_kind_of_control_character_is_replaced(text: str, shown: str) -> None:
    assert printable(text) == shown
    assert has_control(text)
    assert not has_control(printable(text))


def test_newlines_and_tabs_stay_unless_the_text_goes_in_one_line() -> None:
    text = "first\tline\nsecond"
    assert printable(text) == text
    assert not has_control(text)
    assert printable(text, one_line=True) == "first␉line␊second"
    assert has_control(text, one_line=True)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Plain words, “quotes”, café, 日本語, emoji 🙂, math ≤ ≥ ±",
        "Control pictures themselves: ␛ ␇ ␀ ␡ �",
        "Hebrew שלום and Arabic مرحبا (no override characters)",
        "\u00a0non-breaking space and \u00ad soft hyphen",
    ],
)
def test_ordinary_text_is_left_exactly_as_it_is(text: str) -> None:
    assert printable(text) == text
    assert printable(text, one_line=True) == text
    assert without_controls(text) == text
    assert not has_control(text, one_line=True)


def test_each_character_becomes_one_so_positions_are_kept() -> None:
    every = "".join(chr(code) for code in range(0x20)) + "\x7f\x80\x9f\u202a\u202e\u2066"
    assert len(printable(every)) == len(every)
    assert len(printable(every, one_line=True)) == len(every)


def test_showing_twice_is_showing_once() -> None:
    once = printable(TITLE_AND_CLEAR + "\t\n\u202e", one_line=True)
    assert printable(once, one_line=True) == once


def test_without_controls_removes_them_all_and_nothing_else() -> None:
    assert without_controls(TITLE_AND_CLEAR + "\t\n\u202e.") == "note ]0;PWNED[2J."


def test_the_picture_table_is_printable_as_a_translation() -> None:
    table = picture_table()
    assert 0x0A not in table and 0x09 not in table  # newlines and tabs kept
    samples = [TITLE_AND_CLEAR, "\x00\x7f\x9b\u202e\u2069\u2028", "plain ✓", "a\tb\nc"]
    for text in samples:
        assert text.translate(table) == printable(text)
    # It holds every character printable replaces, and no other.
    assert all(printable(chr(code)) != chr(code) for code in table)
    missing = [
        code for code in range(0x3000) if code not in table and printable(chr(code)) != chr(code)
    ]
    assert missing == []
