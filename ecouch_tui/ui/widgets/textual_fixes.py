"""Work-arounds for bugs in Textual itself (pinned at 8.2.8), installed once at start.

Each replaces or guards one Textual method and is pinned by a regression test: the
crashes were found by the key storm (tests/test_key_storm.py), the memory one by the
memory benchmark (tests/test_memory.py). Remove each when Textual fixes its bug.
"""

from __future__ import annotations

import contextlib
from typing import Any

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
