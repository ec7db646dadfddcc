"""The command palette, searched the way a new user searches it (issue 13, items 2 and 15)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from helpers import enrol, palette, screen_text, squash
from textual.command import CommandPalette

from ecouch_tui.clock import FixedClock
from ecouch_tui.commands import demo
from ecouch_tui.course.checkin_text import NOTICE_SEEN
from ecouch_tui.session import SessionConfig
from ecouch_tui.store.db import Store
from ecouch_tui.ui.app import EcouchApp
from ecouch_tui.ui.screens.checkin import CheckinScreen
from ecouch_tui.ui.themes import HIGH_CONTRAST

SIZE = (80, 24)

K10 = "K10 questionnaire: Kessler Psychological Distress Scale"
PHQ9 = "PHQ-9 questionnaire: depression (Patient Health Questionnaire)"


def ready(config: SessionConfig) -> None:
    """Enrolled and past the one-time data notice, so a check-in opens on question 1."""
    enrol(config)
    with Store.open(config.store_path, config.clock) as store:
        store.set_setting(NOTICE_SEEN, True)


def text(app: EcouchApp) -> str:
    return squash(screen_text(app))


@pytest.mark.parametrize(
    ("phrase", "found"),
    [
        ("K10", [K10]),
        ("Kessler", [K10]),
        ("distress", [K10]),
        ("PHQ-9", [PHQ9]),
        ("depression", [PHQ9]),
        ("questionnaire", [K10, PHQ9]),
    ],
)
async def test_every_questionnaire_is_found_by_name_title_and_what_it_measures(
    config: SessionConfig, phrase: str, found: list[str]
) -> None:
    ready(config)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await palette(pilot, phrase)
        shown = text(app)
        for title in found:
            assert title in shown, phrase


@pytest.mark.parametrize(
    ("phrase", "opens"),
    [
        ("Kessler", "In the past 4 weeks, about how often did you feel…"),
        ("depression", "Over the last 2 weeks, how often have you been bothered"),
    ],
)
async def test_enter_on_a_questionnaire_starts_it(
    config: SessionConfig, phrase: str, opens: str
) -> None:
    ready(config)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await palette(pilot, phrase)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)
        shown = text(app)
        assert opens in shown
        assert "Question 1 of" in shown


@pytest.mark.parametrize("phrase", ["theme", "contrast", "dark", "light"])
async def test_the_themes_are_found_by_theme_contrast_dark_and_light(
    config: SessionConfig, phrase: str
) -> None:
    enrol(config)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await palette(pilot, phrase)
        shown = text(app)
        if phrase in ("theme", "contrast"):
            assert "High contrast theme" in shown
        if phrase in ("theme", "dark", "light"):
            assert "Light or dark theme" in shown
        if phrase == "contrast":  # the first hit: Enter turns it on
            await pilot.press("enter")
            await pilot.pause()
            assert not isinstance(app.screen, CommandPalette)
            assert app.theme == HIGH_CONTRAST


async def test_the_demo_header_says_demo_once(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    folder.mkdir(mode=0o700)
    app = EcouchApp(demo.make_demo(folder, clock=FixedClock(date(2026, 3, 30)), region="AU"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        header = screen_text(app).splitlines()[0]
        assert "ecouch DEMO — sample data, nothing is kept" in header
        assert header.count("DEMO") == 1
