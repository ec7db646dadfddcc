"""One clear way to finish an activity entry (issue 13, item 7), as the user met it.

The "Save entry ✓" button misled: the entry was already saved (as you type) before it
was pressed, and Enter on a rating saved nothing. Now the button says what it does,
Enter on the last rating does the same, and the line beside it says the entry saves as
it is typed.
"""

from __future__ import annotations

from pathlib import Path

from helpers import every_week_open, past_autosave, seen
from textual.widgets import Button, Input

from ecouch_tui.content.blocks.activity_log import ActivityEntry
from ecouch_tui.session import SessionConfig
from ecouch_tui.store.db import Store
from ecouch_tui.ui.app import EcouchApp
from ecouch_tui.ui.screens.activity_entry import ActivityEntryScreen
from ecouch_tui.ui.screens.home import HomeScreen

SIZE = (80, 24)
LOG_PAGE = 2  # week 3 of the fixture course: "Log what you did"


def activities(config: SessionConfig) -> list[ActivityEntry]:
    with Store.open(config.store_path, config.clock) as store:
        return [e.decode(ActivityEntry) for e in store.entries(kind="activity_log")]


async def test_the_block_says_it_saves_as_you_type_and_enter_on_the_last_rating_finishes(
    config: SessionConfig, course_dir: Path
) -> None:
    every_week_open(config, course_dir)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(3, page_index=LOG_PAGE)
        await pilot.pause()
        form = app.screen.query_one("ActivityForm")
        assert str(form.query_one("#add", Button).label) == "Done ✓ · new entry"
        form.query_one("#what", Input).focus()
        await pilot.pause()
        # Enter moves through the boxes and the ratings, as in a paper form.
        await pilot.press(*"a walk", "enter", "enter", "enter")
        await pilot.pause()
        assert app.screen.focused is not None and app.screen.focused.id == "achievement"
        await pilot.press("7", "enter", "8")
        await past_autosave(pilot)
        # Saved before anything is pressed, and the form says so.
        (saved,) = activities(config)
        assert saved.what == "a walk" and saved.achievement == 7 and saved.enjoyment == 8
        form.query_one("#add").scroll_visible(animate=False, immediate=True)
        await pilot.pause()
        text = seen(app)
        assert "Saved as you type ✓" in text
        assert "Save entry" not in text
        await pilot.press("enter")  # on the last rating: done, as the button
        await pilot.pause()
        text = seen(app)
        assert "Logged: a walk" in text
        fresh = app.screen.query_one("ActivityForm")
        assert fresh is not form and fresh.query_one("#what", Input).value == ""
        assert app.screen.focused is fresh.query_one("#what")
    (saved,) = activities(config)  # one entry: finishing did not write another
    assert saved.what == "a walk"


async def test_enter_on_the_last_rating_says_what_is_still_needed(
    config: SessionConfig, course_dir: Path
) -> None:
    every_week_open(config, course_dir)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(3, page_index=LOG_PAGE)
        await pilot.pause()
        form = app.screen.query_one("ActivityForm")
        form.query_one("#enjoyment").focus()
        await pilot.pause()
        await pilot.press("5", "enter")
        await pilot.pause()
        text = seen(app)
        assert "To finish it, say what you did" in text
        assert app.screen.query_one("ActivityForm") is form  # the form stays, as typed
        assert "Logged:" not in text
    (saved,) = activities(config)  # what was given is kept, as every keystroke is
    assert saved.what == "" and saved.enjoyment == 5


async def test_quick_add_from_home_finishes_with_enter_and_closes(config: SessionConfig) -> None:
    from helpers import enrol

    enrol(config)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ActivityEntryScreen)
        text = seen(app)
        assert "Done ✓" in text and "It saves as you type." in text
        await pilot.press(*"stretching", "enter", "enter", "enter", "6", "enter", "4", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Logged: stretching" in seen(app)
    (saved,) = activities(config)
    assert (saved.what, saved.achievement, saved.enjoyment) == ("stretching", 6, 4)


async def test_a_new_plan_finishes_the_same_way(config: SessionConfig, course_dir: Path) -> None:
    """The other forms that finish an entry do it alike: "Done ✓", Enter on the last
    rating, and the line saying it saves as you type."""
    from test_activity_schedule import add_schedule_page, plans

    page = add_schedule_page(config, course_dir)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(3, page_index=page)
        await pilot.pause()
        form = app.screen.query_one("PlanForm")
        assert str(form.query_one("#add", Button).label) == "Done ✓ · new plan"
        form.query_one("#what", Input).focus()
        await pilot.press(*"call Sam", "enter", "enter", "enter", "4", "enter", "3")
        await past_autosave(pilot)
        (plan,) = plans(config)  # saved before Done
        assert plan.what == "call Sam" and plan.expected_enjoyment == 3
        await pilot.press("enter")  # on the last rating: Done
        await pilot.pause()
        assert "Added to your plan" in seen(app)
        assert app.screen.query_one("PlanForm") is not form
    (plan,) = plans(config)
    assert plan.expected_achievement == 4
