"""The 0-10 (and 0-100) rating: one arrow press moves one point, the first press too."""

from __future__ import annotations

from datetime import date

import pytest
from helpers import enrol, past_autosave, screen_text, squash
from textual.app import App, ComposeResult

from ecouch_tui.session import SessionConfig
from ecouch_tui.store.db import Store
from ecouch_tui.ui.app import EcouchApp
from ecouch_tui.ui.screens.mood_entry import MoodEntryScreen
from ecouch_tui.ui.widgets.rating import Rating

TODAY = date(2026, 1, 5)  # the clock fixture's Monday


def mood_line(app: App) -> str:
    """The rating's row on the mood window, as the user reads it."""
    return next(line for line in screen_text(app).splitlines() if "/10" in line)


def stored_score(config: SessionConfig) -> int | None:
    with Store.open(config.store_path, config.clock) as store:
        entry = store.mood(TODAY)
        return None if entry is None else entry.score


async def test_the_first_right_arrow_on_todays_mood_chooses_1_not_5(
    config: SessionConfig,
) -> None:
    enrol(config)
    app = EcouchApp(config)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MoodEntryScreen)
        assert "▱▱▱▱▱▱▱▱▱▱ —/10" in squash(mood_line(app))  # nothing chosen: an empty bar
        await pilot.press("right")
        assert "▰▱▱▱▱▱▱▱▱▱ 1/10" in squash(mood_line(app))  # one cell, one point
        await pilot.press("right", "right")
        assert "▰▰▰▱▱▱▱▱▱▱ 3/10" in squash(mood_line(app))
        await pilot.press("left")
        assert "▰▰▱▱▱▱▱▱▱▱ 2/10" in squash(mood_line(app))
        await past_autosave(pilot)
        await app.saves_done()
    assert stored_score(config) == 2


async def test_the_first_left_arrow_chooses_the_bottom_of_the_scale(
    config: SessionConfig,
) -> None:
    enrol(config)
    app = EcouchApp(config)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("left")  # from the empty bar there is nothing lower than 0
        assert "▱▱▱▱▱▱▱▱▱▱ 0/10" in squash(mood_line(app))
        await pilot.press("left")  # and it stays there
        assert "0/10" in mood_line(app)
        await pilot.press("right")
        assert "1/10" in mood_line(app)
        await past_autosave(pilot)
        await app.saves_done()
    assert stored_score(config) == 1


class HundredApp(App[None]):
    """A 0-100 rating alone, as the thought record uses it (steps of ten)."""

    def compose(self) -> ComposeResult:
        yield Rating(high=100)


@pytest.mark.parametrize(("keys", "shown"), [(["right"], "10/100"), (["left"], "0/100")])
async def test_a_0_to_100_rating_starts_one_step_from_the_bottom(
    keys: list[str], shown: str
) -> None:
    app = HundredApp()
    async with app.run_test(size=(60, 3)) as pilot:
        app.query_one(Rating).focus()
        await pilot.press(*keys)
        assert shown in screen_text(app)
