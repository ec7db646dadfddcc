"""The real app, driven headless with the keyboard, asserting what is on screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import enrol, every_week_open, focus, palette, past_autosave, screen_text, squash
from textual.widgets import Checkbox, RadioButton, TextArea

from ecouch_tui.clock import FixedClock
from ecouch_tui.session import SessionConfig
from ecouch_tui.store.db import Store
from ecouch_tui.ui.app import EcouchApp
from ecouch_tui.ui.screens.help import HelpScreen
from ecouch_tui.ui.screens.home import HomeScreen
from ecouch_tui.ui.screens.player import PlayerScreen
from ecouch_tui.ui.screens.welcome import WelcomeScreen

SIZE = (80, 24)


@pytest.mark.slow
async def test_first_run_explains_asks_region_and_is_shown_once(config: SessionConfig) -> None:
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        text = squash(screen_text(app))
        assert "self-help course for low mood" in text
        assert "not a crisis service" in text
        # Starting without a region is refused kindly.
        await focus(pilot, "#start")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert "Choose where you live" in squash(screen_text(app))
        # Keyboard only: Tab to the list, move to New Zealand, choose it, Tab to Start.
        await focus(pilot, "#welcome")
        await pilot.press("tab", "down", "enter", "tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    with Store.open(config.store_path, config.clock) as store:
        enrolment = store.enrolment()
        assert enrolment is not None and enrolment.region == "NZ"

    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)  # not shown a second time
        await pilot.press("i")  # ...but it can be reopened (About)
        assert isinstance(app.screen, WelcomeScreen)
        assert app.screen.query_one("#region-NZ", RadioButton).value
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_home_shows_every_week_state_progress_and_continue(
    config: SessionConfig, clock: FixedClock
) -> None:
    enrol(config)
    clock.advance(days=7)  # week 2 has opened, week 3 has not
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        text = squash(screen_text(app))
        assert "▶ Start: Week 1, Welcome to ecouch · page 1 of 4" in text
        assert "0 of 3 weeks done" in text
        assert "○ Week 1 Welcome to ecouch open" in text
        assert "○ Week 2 Thoughts, feelings and actions open" in text
        assert "· Week 3 Moving for mood locked · opens Mon 19 Jan" in text


async def test_a_locked_week_cannot_be_opened(config: SessionConfig) -> None:
    enrol(config)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("tab", "down", "enter")  # the week list, week 2
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Week 2 opens on Monday 12 January." in squash(screen_text(app))


@pytest.mark.slow
async def test_work_through_a_module_quit_and_resume(config: SessionConfig) -> None:
    enrol(config)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # Continue is focused on arrival
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)
        assert "Page 1 of 4" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert "Page 2 of 4" in screen_text(app)
        assert "One week at a time" in screen_text(app)
        await pilot.press("b", "right", "right")
        await pilot.pause()
        text = squash(screen_text(app))
        assert "Page 3 of 4" in text and "How often does a new module open?" in text
        # Single choice: Tab into the radio set, move to "Once a week", choose it.
        await pilot.press("tab", "down", "enter")
        await pilot.pause()
        assert "✓ Right. One module a week" in squash(screen_text(app))
        # Multiple choice: tick the first and third boxes, then ask for feedback.
        await pilot.press("tab", "space", "tab", "tab", "space", "tab", "enter")
        await pilot.pause()
        await pilot.pause()  # the feedback is scrolled into view after it is drawn
        feedback = squash(screen_text(app))
        assert "✓ Right: On this computer — It lives in one file" in feedback
        assert "✓ Right: Nowhere else, unless you export it — Only you" in feedback
        # The last page: a reflection, typed and saved as you go.
        app.set_focus(None)  # off the quiz, as a click on the page would do
        await pilot.press("n")
        await pilot.pause()
        assert "Page 4 of 4" in screen_text(app)
        await pilot.press("tab")
        await pilot.press(*"Sleep better")
        await past_autosave(pilot)  # past the autosave delay
        assert "Saved" in screen_text(app)
        await pilot.press("ctrl+q")

    # Start again on the same data: Continue lands on the same page, answers intact.
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert "▶ Continue: Week 1, Welcome to ecouch · page 4 of 4" in squash(screen_text(app))
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one(TextArea).text == "Sleep better"
        await pilot.press("b")
        await pilot.pause()
        assert app.screen.query(RadioButton)[1].value  # "Once a week" still chosen
        assert [box.value for box in app.screen.query(Checkbox)] == [True, False, True]
        assert "✓ Right. One module a week" in squash(screen_text(app))


async def test_typing_is_kept_when_leaving_at_once(config: SessionConfig) -> None:
    """Escape straight after typing, before the autosave delay: nothing is lost."""
    enrol(config)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(1, page_index=3)
        await pilot.pause()
        await pilot.press("tab", *"quick", "escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    with Store.open(config.store_path, config.clock) as store:
        (entry,) = store.entries(kind="reflection")
        assert entry.as_dict() == {"text": "quick"}


async def test_finishing_the_last_page_marks_the_week_done(config: SessionConfig) -> None:
    enrol(config)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(1, page_index=3)
        await pilot.pause()
        assert "Finish ✓" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        text = squash(screen_text(app))
        assert "✓ Week 1 Welcome to ecouch done" in text
        assert "1 of 3 weeks done" in text
        assert "You are up to date. Week 2 opens Mon 12 Jan" in text


@pytest.mark.slow
async def test_get_help_now_from_three_screens(config: SessionConfig) -> None:
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        # 1. The first-run screen, before any region is chosen: the international line.
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        assert "findahelpline.com" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, WelcomeScreen)
        await focus(pilot, "#welcome")
        await pilot.press("tab", "enter", "tab", "enter")  # Australia
        await pilot.pause()
        # 2. Home.
        await pilot.press("f1")
        text = squash(screen_text(app))
        assert "If you are in danger now, call 000." in text
        assert "Lifeline: call 13 11 14" in text
        await pilot.press("escape")
        # 3. The module player, even while typing in a reflection.
        app.open_week(1, page_index=3)
        await pilot.pause()
        await pilot.press("tab", "h", "i", "f1")
        assert isinstance(app.screen, HelpScreen)
        assert "Suicide Call Back Service: call 1300 659 467" in squash(screen_text(app))
        # The region can be changed from help.
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # United Kingdom
        await pilot.pause()
        assert "Samaritans: call 116 123" in squash(screen_text(app))
        await pilot.press("escape")
        assert isinstance(app.screen, PlayerScreen)


async def test_a_broken_module_shows_as_unavailable(
    config: SessionConfig, course_dir: Path
) -> None:
    broken = course_dir / "02-thoughts.yaml"
    broken.write_text(broken.read_text().replace("week: 2", "week: two"))
    every_week_open(config, course_dir)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        text = squash(screen_text(app))
        assert "! Week 2 Thoughts, feelings and actions" in text
        assert "unavailable" in text
        await pilot.press("tab", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Week 2 is unavailable" in squash(screen_text(app))
        await pilot.press("down", "enter")  # week 3 still works
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)
        assert "Moving for mood" in screen_text(app)


async def test_command_palette_offers_weeks_help_and_screens(config: SessionConfig) -> None:
    enrol(config)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Get help now" in titles and "Home" in titles
        assert "Go to week 1: Welcome to ecouch" in titles
        assert "Go to week 3: Moving for mood" in titles
        await palette(pilot, "go to week 1")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)


async def test_theme_choice_is_remembered(config: SessionConfig) -> None:
    enrol(config)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        start_dark = app.current_theme.dark
        app.action_toggle_dark()
        await pilot.pause()
        assert app.current_theme.dark is not start_dark
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert app.current_theme.dark is not start_dark


async def test_a_corrupt_store_is_reported_not_replaced(config: SessionConfig) -> None:
    config.data_dir.mkdir(parents=True, mode=0o700)
    config.store_path.write_bytes(b"not sqlite " * 200)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        text = squash(screen_text(app))
        assert "ecouch cannot open your data" in text
        assert "has not been changed or deleted" in text
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
    assert config.store_path.read_bytes() == b"not sqlite " * 200


async def test_command_palette_jumps_to_any_page_of_an_open_week(config: SessionConfig) -> None:
    enrol(config)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Week 1, page 3: A quick check" in titles
        assert not any(t.startswith("Week 2, page") for t in titles)  # locked: no jumping in
        await palette(pilot, "quick check")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)
        assert "Page 3 of 4" in screen_text(app)
