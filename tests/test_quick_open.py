"""What keeps opening the app and the Mood screen quick, checked for what it must not change.

The speed itself is measured by benchmarks/bench.py, never asserted here: these tests pin
that the short cuts give the same result as the long way round.
"""

from __future__ import annotations

import argparse

import pytest
from helpers import enrol, screen_text, squash
from textual.geometry import Size
from textual.widgets import Footer

from ecouch_tui import cli
from ecouch_tui.session import SessionConfig
from ecouch_tui.ui.app import EcouchApp
from ecouch_tui.ui.screens.home import HomeScreen
from ecouch_tui.ui.screens.mood import MoodScreen, breakpoint_class
from ecouch_tui.ui.widgets.footer import EcouchFooter


def test_plain_ecouch_skips_the_parser_but_gets_what_it_would_give(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[argparse.Namespace] = []
    monkeypatch.setattr(cli, "run_app", lambda args: seen.append(args) or 0)
    assert cli.main([]) == 0
    assert vars(seen[0]) == vars(cli.build_parser().parse_args([]))


@pytest.mark.parametrize(
    ("width", "height", "classes"),
    [(80, 24, {"-wide", "-short"}), (40, 12, {"-narrow", "-short"}), (120, 40, {"-wide", "-tall"})],
)
def test_mood_screen_starts_with_the_breakpoint_classes_textual_would_give(
    width: int, height: int, classes: set[str]
) -> None:
    assert set(MoodScreen._breakpoints(Size(width, height)).split()) == classes
    assert breakpoint_class([(0, "-narrow"), (64, "-wide")], 63) == "-narrow"
    assert breakpoint_class([], 10) == ""


@pytest.mark.parametrize("size", [(80, 24), (40, 12), (120, 40)])
async def test_mood_screen_classes_match_textuals_after_its_first_layout(
    config: SessionConfig, size: tuple[int, int]
) -> None:
    enrol(config)
    app = EcouchApp(config)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        app.action_mood_chart()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MoodScreen)
        given = set(screen._breakpoints(Size(*size)).split())
        assert given <= screen.classes
        # Textual's own breakpoint handling (on resize) agrees with what __init__ gave.
        await pilot.resize_terminal(*size)
        await pilot.pause()
        assert given <= screen.classes


async def test_steady_footer_shows_the_keys_at_once_and_follows_changes(
    config: SessionConfig,
) -> None:
    enrol(config)
    app = EcouchApp(config)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        footer = app.screen.query_one(Footer)
        assert isinstance(footer, EcouchFooter)
        flat = squash(screen_text(app))
        assert "Activity" in flat and "Get help now" in flat
        app.action_mood_chart()
        await pilot.pause()
        assert "Period" in squash(screen_text(app))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        flat = squash(screen_text(app))
        assert "Activity" in flat and "Period" not in flat
