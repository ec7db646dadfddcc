"""Targeted regression tests for the patches in `ui/widgets/textual_fixes.py`.

Each reproduces the crash its patch guards against, in a bare Textual app, so that a
Textual upgrade that breaks (or no longer needs) a patch shows here by name.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Header, OptionList
from textual.widgets._header import HeaderTitle

from ecouch_tui.ui.widgets import textual_fixes


class _ZeroHeightList(App[None]):
    CSS = "OptionList { height: 0; }"

    def compose(self) -> ComposeResult:
        yield OptionList(*(f"option {n}" for n in range(20)))


async def test_paging_an_option_list_with_no_room_does_nothing() -> None:
    textual_fixes.install()
    app = _ZeroHeightList()
    async with app.run_test(size=(40, 12)) as pilot:
        option_list = app.query_one(OptionList)
        option_list.focus()
        option_list.highlighted = 0
        await pilot.pause()
        await pilot.press("pagedown", "pageup", "pagedown")
        await pilot.pause()
        assert option_list.highlighted == 0
    assert app.return_code in (None, 0)


class _Titled(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Header()


async def test_a_title_change_after_the_title_widget_went_is_ignored() -> None:
    """A screen being closed loses its header's title widget before the header's
    watchers stop: a title change in that moment found no HeaderTitle (NoMatches)."""
    textual_fixes.install()
    app = App[None]()
    async with app.run_test() as pilot:
        screen = _Titled()
        await app.push_screen(screen)
        await pilot.pause()
        await screen.query_one(HeaderTitle).remove()  # as the closing screen's teardown does
        app.title = "a new title"
        screen.sub_title = "and a new sub-title"
        await pilot.pause()
        assert screen.query_one(Header).is_attached
    assert app.return_code in (None, 0)
