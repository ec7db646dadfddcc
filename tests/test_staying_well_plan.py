"""The staying-well plan: its model, and the real app driven with the keyboard.

One plan per user, shown by every `staying_well_plan` block: these tests put the block
in weeks 2 and 3 of a private copy of the course and open every week.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import add_page, every_week_open, screen_text, squash
from textual.widgets import Static, TextArea

from ecouch_tui.content.blocks.staying_well_plan import SECTIONS, StayingWellPlan
from ecouch_tui.session import SessionConfig
from ecouch_tui.store.db import Store
from ecouch_tui.ui.app import EcouchApp
from ecouch_tui.ui.blocks.staying_well_plan import StayingWellPlanView
from ecouch_tui.ui.screens.home import HomeScreen

SIZE = (80, 24)
KIND = "staying_well_plan"
ANSWERS = {
    "what_helped": "planning one good thing a day",
    "daily_habits": "up at 7, a walk at lunch",
    "warning_signs": "sleeping badly, cancelling plans",
    "triggers": "deadlines, winter",
    "if_signs_return": "go back to the activity log, tell Sam",
    "people": "Sam 0400 000 000",
    "professionals": "Dr Lee at the clinic",
}


@pytest.fixture
def pages(config: SessionConfig, course_dir: Path) -> dict[int, int]:
    """The plan in week 2 (with a prompt) and week 3 (without)."""
    week2 = add_page(
        course_dir,
        "02-thoughts.yaml",
        {
            "id": "staying-well",
            "title": "Your staying-well plan",
            "blocks": [{"type": KIND, "id": "plan", "prompt": "Write this while you feel well."}],
        },
    )
    week3 = add_page(
        course_dir,
        "03-moving.yaml",
        {"id": "plan-again", "title": "Your plan, again", "blocks": [{"type": KIND, "id": "p"}]},
    )
    every_week_open(config, course_dir)
    return {2: week2, 3: week3}


def saved(config: SessionConfig) -> StayingWellPlan | None:
    with Store.open(config.store_path, config.clock) as store:
        entry = store.entry(KIND)
        return entry.decode(StayingWellPlan) if entry else None


async def open_page(app: EcouchApp, pilot: Any, week: int, page: int) -> None:
    app.open_week(week, page_index=page)
    await pilot.pause()
    assert app.screen.query(StayingWellPlanView)


# -- the model -----------------------------------------------------------------------------


def test_an_empty_plan_lists_every_section_as_missing() -> None:
    plan = StayingWellPlan()
    assert plan.empty()
    assert plan.summary() == "0 of 7 sections written"
    assert plan.missing() == [f"write '{title}'" for title in SECTIONS.values()]
    assert plan.text() == ""


def test_a_partly_written_plan_counts_only_real_text() -> None:
    plan = StayingWellPlan(warning_signs="sleeping badly", triggers="   ")
    assert not plan.empty()
    assert plan.summary() == "1 of 7 sections written"
    assert "write 'Situations that can set me back'" in plan.missing()
    assert "write 'My early warning signs'" not in plan.missing()
    assert plan.text() == "My early warning signs\nsleeping badly"
    assert StayingWellPlan(triggers="  \n ").empty()
    full = StayingWellPlan(**ANSWERS)
    assert full.summary() == "7 of 7 sections written" and full.missing() == []


# -- the app -------------------------------------------------------------------------------


@pytest.mark.slow
async def test_write_the_plan_with_the_keyboard_and_find_it_after_a_restart(
    config: SessionConfig, pages: dict[int, int]
) -> None:
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await open_page(app, pilot, 2, pages[2])
        text = squash(screen_text(app))
        assert "My staying-well plan" in text
        assert "0 of 7 sections written" in text
        assert "1. What helped me most in this course" in text
        assert "Skills or ideas that made a difference" in text  # the hint
        await pilot.press("tab", *ANSWERS["what_helped"])
        await pilot.pause()
        text = squash(screen_text(app))
        assert "1 of 7 sections written" in text
        assert "1. What helped me most in this course ✓" in text
        for key in list(SECTIONS)[1:]:
            await pilot.press("tab", *ANSWERS[key])
        await pilot.pause()
        assert "7. Professionals and services I can contact ✓" in squash(screen_text(app))
        await pilot.press("ctrl+q")

    plan = saved(config)
    assert plan == StayingWellPlan(**ANSWERS)

    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await open_page(app, pilot, 2, pages[2])
        text = squash(screen_text(app))
        assert "7 of 7 sections written" in text
        assert "planning one good thing a day" in text
        boxes = {box.id: box.text for box in app.screen.query(TextArea)}
        assert boxes == ANSWERS


@pytest.mark.slow
async def test_the_same_plan_shows_in_two_modules_and_typing_is_kept_on_leaving(
    config: SessionConfig, pages: dict[int, int]
) -> None:
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await open_page(app, pilot, 3, pages[3])
        # Type and leave at once, before the autosave delay: nothing is lost.
        await pilot.press("tab", *"walks", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await open_page(app, pilot, 2, pages[2])
        text = squash(screen_text(app))
        assert "1 of 7 sections written" in text and "walks" in text
        # Spaces alone are not a written section.
        await pilot.press("tab", "tab", *"   ")
        await pilot.pause()
        assert str(app.screen.query_one("#progress", Static).render()) == "1 of 7 sections written"
        assert "2. Daily habits that keep me well ✓" not in squash(screen_text(app))
        await pilot.press("escape")

    with Store.open(config.store_path, config.clock) as store:
        (entry,) = store.entries(kind=KIND)
    assert entry.uid == KIND
    assert entry.decode(StayingWellPlan).what_helped == "walks"
