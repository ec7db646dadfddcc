"""The smallest and largest terminals the course promises: 40x12 and 200x60.

At 40x12 a user still sees how to go on, how to get help, and the page they are on;
at 200x60 every week is listed and nothing is stretched out of reach. (The key storm,
tests/test_key_storm.py, resizes between these sizes with random keys; this file
checks what is on the screen.)
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from helpers import enrol, screen_text, squash

from ecouch_tui.clock import FixedClock
from ecouch_tui.paths import bundled_modules_dir
from ecouch_tui.session import SessionConfig
from ecouch_tui.ui.app import EcouchApp
from ecouch_tui.ui.screens.help import HelpScreen
from ecouch_tui.ui.screens.player import PlayerScreen


@pytest.fixture
def bundled(tmp_path: Path) -> SessionConfig:
    config = SessionConfig(
        data_dir=tmp_path / "data",
        modules_dir=bundled_modules_dir(),
        clock=FixedClock(date(2026, 3, 30)),
    )
    enrol(config)
    return config


def footer_line(app: EcouchApp) -> str:
    return screen_text(app).rstrip("\n").splitlines()[-1]


async def test_at_40_by_12_the_way_on_and_help_are_on_screen(bundled: SessionConfig) -> None:
    app = EcouchApp(bundled)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        text = squash(screen_text(app))
        assert "▶ Start: Week 1" in text
        assert "f1 Get help" in footer_line(app)  # first in the footer, never cut off
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)
        text = screen_text(app)
        assert "Page 1 of" in text and "Next ▶" in text
        assert "f1 Get help" in footer_line(app)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = squash(screen_text(app))  # the top of it in view: the AU emergency number
        assert "If you are in danger now, call" in text and "000." in text


async def test_at_200_by_60_every_week_is_listed(bundled: SessionConfig) -> None:
    app = EcouchApp(bundled)
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.pause()
        text = squash(screen_text(app))
        for week in range(1, 13):
            assert f"Week {week} " in text
        assert "Staying well" in text and "f1 Get help now" in footer_line(app)
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "Page 1 of" in text and "Next ▶" in text
