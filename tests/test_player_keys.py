"""The module player's keys and edges, as a new user met them (issue 13).

- Home and End move to the top and the bottom of a long page; "◀ Back" is not shown
  on page 1, where it could do nothing.
- Leaving a page while a practice runs asks first, and "Stop and rate it" ends the
  practice with its "how tense now?" question.
- Finishing a week says so once, in words that read right for every bundled title.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from helpers import enrol, screen_text, seen, squash
from practice_course import BREATHING_PAGE, PMR_PAGE, WEEK, use_practice_course
from textual.pilot import Pilot

from ecouch_tui.content.blocks.relaxation import RelaxationSession
from ecouch_tui.paths import bundled_modules_dir
from ecouch_tui.session import SessionConfig
from ecouch_tui.store.db import Store
from ecouch_tui.ui.app import EcouchApp
from ecouch_tui.ui.blocks.relaxation import RelaxationView
from ecouch_tui.ui.screens.home import HomeScreen
from ecouch_tui.ui.screens.leave_practice import LeavePracticeScreen
from ecouch_tui.ui.screens.player import PageScroll, PlayerScreen
from ecouch_tui.ui.widgets.rating import Rating

SIZE = (80, 24)


@pytest.fixture
def bundled(config: SessionConfig) -> SessionConfig:
    """The course as shipped, every week open."""
    config.modules_dir = bundled_modules_dir()
    config.policy = "open"
    enrol(config)
    return config


@pytest.fixture
def practice_config(config: SessionConfig, course_dir: Path) -> SessionConfig:
    use_practice_course(config, course_dir)
    enrol(config)
    return config


def saved_sessions(config: SessionConfig) -> list[RelaxationSession]:
    with Store.open(config.store_path, config.clock) as store:
        return [e.decode(RelaxationSession) for e in store.entries(kind="relaxation")]


# -- Home, End and Back ---------------------------------------------------------------------


async def test_home_and_end_reach_the_top_and_bottom_of_a_long_page(
    bundled: SessionConfig,
) -> None:
    app = EcouchApp(bundled)
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()
        app.open_week(1, page_index=0)
        await pilot.pause()
        scroll = app.screen.query_one(PageScroll)
        assert scroll.max_scroll_y > 0, "the test needs a page taller than the window"
        title = app.session.course.modules[0].pages[0].title
        assert title in screen_text(app)
        await pilot.press("end")
        await pilot.pause()
        assert scroll.scroll_y == scroll.max_scroll_y
        assert title not in screen_text(app)
        await pilot.press("home")
        await pilot.pause()
        assert scroll.scroll_y == 0
        assert title in screen_text(app)


async def test_back_shows_only_where_there_is_a_page_to_go_back_to(
    bundled: SessionConfig,
) -> None:
    app = EcouchApp(bundled)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_week(1, page_index=0)
        await pilot.pause()
        text = screen_text(app)
        assert "Page 1 of" in text and "Next ▶" in text
        assert "◀ Back" not in text
        await pilot.press("n")
        await pilot.pause()
        assert "Page 2 of" in screen_text(app) and "◀ Back" in screen_text(app)


# -- leaving a running practice -----------------------------------------------------------------


async def start(app: EcouchApp, pilot: Pilot[None], page: int) -> None:
    app.open_week(WEEK, page_index=page)
    await pilot.pause()
    await pilot.press("tab", "7", "tab", "enter")  # tension 7, Start
    await pilot.pause()


@pytest.mark.parametrize(
    ("page", "key", "what"),
    [
        (BREATHING_PAGE, "right", "slow breathing"),
        (PMR_PAGE, "escape", "muscle relaxation"),
        (PMR_PAGE, "left", "muscle relaxation"),
    ],
)
async def test_leaving_mid_practice_asks_and_can_stop_to_rate_it(
    practice_config: SessionConfig, page: int, key: str, what: str
) -> None:
    app = EcouchApp(practice_config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await start(app, pilot, page)
        app.screen.query_one(RelaxationView).tick(12)
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, LeavePracticeScreen)
        text = seen(app)
        assert "Your practice is still going" in text
        assert f"You have done 12 seconds of {what}. It is paused while you choose." in text
        assert "Keep practising" in text and "Stop and rate it" in text and "Leave now" in text
        # Paused while asked: time passing is not practice.
        player = app.screen_stack[-2]
        player.query_one(RelaxationView).tick(30)

        await pilot.press("tab", "enter")  # Stop and rate it
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)
        text = squash(screen_text(app))
        assert f"You practised {what} for 12 seconds." in text
        assert "How tense do you feel now?" in text
        assert isinstance(app.focused, Rating) and app.focused.id == "tension-after"
        await pilot.press("3")
        again = {"right": "n", "left": "b"}.get(key, key)  # on the rating, arrows rate
        await pilot.press(again)  # now it leaves at once: nothing is running
        await pilot.pause()
        assert not isinstance(app.screen, LeavePracticeScreen)
    (session,) = saved_sessions(practice_config)
    assert session.minutes == 0.2 and not session.completed
    assert (session.tension_before, session.tension_after) == (7, 3)


async def test_keep_practising_carries_on_where_it_was(practice_config: SessionConfig) -> None:
    app = EcouchApp(practice_config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await start(app, pilot, BREATHING_PAGE)
        view = app.screen.query_one(RelaxationView)
        view.tick(2)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("escape")  # Keep practising
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)
        assert "Page 1 of 3" in screen_text(app)
        view.tick(2)  # running again
        await pilot.pause()
        text = squash(screen_text(app))
        assert "Breathe out… 6" in text and "Paused" not in text


async def test_leave_now_keeps_the_minutes_and_goes(practice_config: SessionConfig) -> None:
    app = EcouchApp(practice_config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await start(app, pilot, BREATHING_PAGE)
        app.screen.query_one(RelaxationView).tick(32)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("tab", "tab", "enter")  # Leave now
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    (session,) = saved_sessions(practice_config)
    assert session.minutes == pytest.approx(32 / 60, abs=0.01) and not session.completed


# -- finishing a week ---------------------------------------------------------------------------


def week_done_note(app: EcouchApp) -> str:
    """The toast's words, its edges taken out where it wraps."""
    text = squash(re.sub(r"[▌▊▎]", " ", seen(app)))
    start = text.find("You have finished week")
    return text[start : text.find("sticking with it.", start) + len("sticking with it.")]


@pytest.mark.slow
async def test_finishing_says_so_in_words_that_read_right_for_every_bundled_week(
    bundled: SessionConfig,
) -> None:
    app = EcouchApp(bundled)
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await pilot.pause()
        weeks = app.session.weeks()
        assert len(weeks) == 12
        for state in weeks:
            module = app.session.course.module(state.module_id or "")
            assert module is not None
            app.clear_notifications()
            app.open_week(state.week, page_index=len(module.pages) - 1)
            await pilot.pause()
            app.set_focus(None)
            await pilot.press("n")  # Finish ✓
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            note = week_done_note(app)
            title = " ".join(module.title.split())
            assert note == (
                f"You have finished week {state.week}: {title}. Good work sticking with it."
            )
            words = note.lower().replace(",", " ").replace(".", " ").split()
            doubled = [a for a, b in itertools.pairwise(words) if a == b]
            assert doubled == [], note

        # Finishing a finished week again goes home without saying it again.
        app.clear_notifications()
        await pilot.pause()
        app.open_week(1, page_index=len(app.session.course.modules[0].pages) - 1)
        await pilot.pause()
        app.set_focus(None)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "You have finished week" not in screen_text(app)
