"""Every key a screen answers to can be found on it (issue 13, item 10).

A new user found f1 m a k w in home's footer and nothing else: `g` was only in the
status line, `h`, `?` and `c` nowhere, and About's footer had no Esc. Now every footer
names `? Keys`, which lists all the keys of the screen it was opened over (those hidden
from the footer, the focused part's own and the app's), drawn from the bindings that
are really active.
"""

from __future__ import annotations

import pytest
from helpers import enrol, screen_text, squash
from textual.widgets import Input

from ecouch_tui.session import SessionConfig
from ecouch_tui.ui.app import EcouchApp
from ecouch_tui.ui.screens.home import HomeScreen
from ecouch_tui.ui.screens.keys import KeysScreen
from ecouch_tui.ui.screens.player import PlayerScreen
from ecouch_tui.ui.screens.welcome import WelcomeScreen

SIZE = (80, 24)


def footer_text(app: EcouchApp) -> str:
    """The footer's last row as painted (what the user reads)."""
    return squash(screen_text(app).splitlines()[-1]) if screen_text(app) else ""


def keys_listed(app: EcouchApp) -> str:
    assert isinstance(app.screen, KeysScreen), app.screen
    return squash(screen_text(app))


@pytest.fixture
def enrolled(config: SessionConfig) -> SessionConfig:
    enrol(config)
    return config


async def test_home_footer_names_the_key_list_and_it_has_every_home_key(
    enrolled: SessionConfig,
) -> None:
    app = EcouchApp(enrolled)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "? Keys" in footer_text(app)
        await pilot.press("question_mark")
        await pilot.pause()
        shown = keys_listed(app)
        for key, words in [
            ("f1", "Get help now"),
            ("c", "Continue"),
            ("m", "Mood"),
            ("g", "Mood chart"),
            ("a", "Activity"),
            ("k", "Check-in"),
            ("w", "Workbook"),
            ("h", "Check-in history"),
            ("i", "About ecouch"),
            ("^p", "Command palette"),
            ("^q", "Quit ecouch"),
            ("tab", "Next part of the screen"),
        ]:
            assert f"{key} {words}" in shown, (key, shown)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        # Each key it lists does what it says: h opens the check-in history.
        await pilot.press("h")
        await pilot.pause()
        assert type(app.screen).__name__ == "HistoryScreen"


async def test_the_focused_parts_keys_are_listed_too(enrolled: SessionConfig) -> None:
    app = EcouchApp(enrolled)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("tab")  # into the week list
        await pilot.press("question_mark")
        await pilot.pause()
        shown = keys_listed(app)
        assert "Where the cursor is" in shown
        assert "⏎ Select" in shown and "↓ Down" in shown


async def test_about_offers_esc_in_its_footer_and_i_opens_it(enrolled: SessionConfig) -> None:
    app = EcouchApp(enrolled)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert "esc Back" in footer_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_a_module_pages_scroll_keys_are_listed(enrolled: SessionConfig) -> None:
    app = EcouchApp(enrolled)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_week(1)
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)
        assert "? Keys" in footer_text(app)
        await pilot.press("question_mark")
        await pilot.pause()
        shown = keys_listed(app)
        for words in [
            "→ n Next",
            "← b Back",
            "esc Home",
            "home Top of the page",
            "end End of the page",
        ]:
            assert words in shown, (words, shown)


async def test_in_a_text_box_question_mark_is_typed_not_a_key(enrolled: SessionConfig) -> None:
    app = EcouchApp(enrolled)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("m")  # the mood entry: Tab to its note box
        await pilot.pause()
        note = app.screen.query(Input).first()
        note.focus()
        await pilot.pause()
        assert "? Keys" not in footer_text(app)  # not offered where it would be typed
        await pilot.press("question_mark")
        await pilot.pause()
        assert not isinstance(app.screen, KeysScreen)
        assert note.value.endswith("?")
