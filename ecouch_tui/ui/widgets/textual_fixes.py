"""Work-arounds for bugs in Textual itself (pinned at 8.2.8), installed once at start.

Each replaces or guards one Textual method and is pinned by a regression test: the
crashes were found by the key storm (tests/test_key_storm.py), the memory one by the
memory benchmark (tests/test_memory.py), the escape sequences by a real terminal
(tests/test_terminal_escapes.py). Remove each when Textual fixes its bug.
"""

from __future__ import annotations

import contextlib
from typing import Any, cast

_installed = False


def install() -> None:
    """Patch the Textual classes below (idempotent)."""
    global _installed
    if _installed:
        return
    _installed = True
    _guard_option_list_paging()
    _guard_header_title()
    _unpin_styles_caches()
    _show_control_characters()
    _keep_control_characters_from_the_terminal()


def _guard_option_list_paging() -> None:
    """PageUp/PageDown on an OptionList that has had no room to lay out its lines (zero
    height, as a list squeezed by a 40x12 terminal) raised KeyError in `_move_page`:
    its line index is only built for a non-empty content region. With no lines there
    is no page to move by, so the key does nothing (as an empty list already does)."""
    from textual.widgets import OptionList

    move_page = OptionList._move_page

    def _move_page(self: OptionList, direction: Any) -> None:
        if not self._lines or (self.highlighted or 0) not in self._index_to_line:
            return
        move_page(self, direction)

    OptionList._move_page = _move_page  # type: ignore[method-assign]


def _guard_header_title() -> None:
    """A Header updates its title from a watcher that runs a moment after the title
    changes; if its screen closed in that moment (a screen opened and left at once, as
    fast typing does) the title widget is gone and the watcher raised NoMatches, where
    it already ignored NoScreen. The same method, ignoring both; it also skips an update
    to the text already shown (a screen opening sets the same title four times, and each
    update lays the screen out again)."""
    from textual.css.query import NoMatches
    from textual.dom import NoScreen
    from textual.events import Mount
    from textual.widgets import Header
    from textual.widgets._header import HeaderTitle

    def _on_mount(self: Header, _: Mount) -> None:
        shown: list[object] = [None]

        async def set_title() -> None:
            with contextlib.suppress(NoScreen, NoMatches):
                title = self.format_title()
                if title != shown[0]:
                    self.query_one(HeaderTitle).update(title)
                    shown[0] = title

        self.watch(self.app, "title", set_title)
        self.watch(self.app, "sub_title", set_title)
        self.watch(self.screen, "title", set_title)
        self.watch(self.screen, "sub_title", set_title)

    Header._on_mount = _on_mount  # type: ignore[method-assign]


def _unpin_styles_caches() -> None:
    """`StylesCache.get_inner_outer` is an `lru_cache` on an instance method, so its
    1,024 keys hold the caches of widgets long gone, each with every line it drew
    (Textualize/textual#6665): one walk through the course kept some 17 MiB of old pages.
    The two styles depend only on the two colours, so the cache is keyed on those."""
    from functools import lru_cache

    from textual._styles_cache import StylesCache
    from textual.color import Color
    from textual.style import Style

    @lru_cache(1024)
    def inner_outer(base_background: Color, background: Color) -> tuple[Style, Style]:
        return (
            Style(background=base_background + background),
            Style(background=base_background),
        )

    def get_inner_outer(
        self: StylesCache, base_background: Color, background: Color
    ) -> tuple[Style, Style]:
        return inner_outer(base_background, background)

    # A deliberate patch: Textual types the attribute as lru_cache's wrapper, not a function.
    StylesCache.get_inner_outer = get_inner_outer  # type: ignore[assignment]


def _show_control_characters() -> None:
    """Textual's Content and Rich's Text strip five control characters from the text
    they are given (BEL, BS, VT, FF, CR) and keep ESC and every other one, which then
    reached the terminal: a note or a band holding `ESC ] 0 ; ... BEL` retitled it and
    `ESC [2J` cleared it, in every widget tried (Static, Label, Markdown, OptionList,
    ListView, DataTable, Input, TextArea, Header, toasts). Both strip by `str.translate`
    with a module-level table, bound as a default argument; the same table object now
    also turns every other control character into its picture (ESC shows as ␛), as
    `printable` does in the shell commands, so stored text shows what it holds and is
    laid out at the width it is drawn. The five it already strips stay stripped."""
    from rich import control
    from textual import content

    from ecouch_tui.terminal_text import picture_table

    pictures = picture_table()
    # Typed as tables that only strip (to None); `str.translate` takes pictures as well.
    tables = (content._CONTROL_STRIP_TRANSLATE, control._CONTROL_STRIP_TRANSLATE)
    for table in cast("tuple[dict[int, str | None], ...]", tables):
        for code, picture in pictures.items():
            table.setdefault(code, picture)


def _keep_control_characters_from_the_terminal() -> None:
    """The last guard, where a line of segments becomes what the driver writes: any
    control character still in a segment's text (one a widget put in a segment without
    going through Content or Text) is removed. Control characters take no cell, so
    nothing on screen moves. Textual's own sequences (colours, cursor moves, links) are
    made from styles, not from segment text, and pass untouched. (Link addresses need no
    guard: Markdown percent-encodes control characters in them.)"""
    from rich.segment import Segment
    from textual.strip import Strip

    from ecouch_tui.terminal_text import has_control, without_controls

    render = Strip.render

    def cleaned(segment: Segment) -> Segment:
        text, style, control = segment
        if control:  # a sequence Rich or Textual made on purpose (a cursor move)
            return segment
        return Segment(without_controls(text), style)

    def safe_render(self: Strip, console: Any) -> str:
        if self._render_cache is None and has_control(
            "".join([text for text, _, _ in self._segments]), one_line=True
        ):
            self._segments = [cleaned(segment) for segment in self._segments]
        return render(self, console)

    Strip.render = safe_render  # type: ignore[method-assign]
