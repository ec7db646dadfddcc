"""The stepped exercises move alike, and their final action is off the next-step path.

Issue 13, item 6, as the user met it at 80x24: in problem solving alt+→ did nothing (it
moves steps in the thought record); Tab from the text box landed on "Mark done ✓" right
after "Next step ▶"; the "Not marked done yet" warning stayed on later steps.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import focus, seen
from test_problem_solving import add_problem_page, complete, problems
from test_thought_record import PAGE, course, records  # noqa: F401  (course: a fixture)
from textual.pilot import Pilot
from textual.widgets import Button, Input, TextArea

from ecouch_tui.session import SessionConfig
from ecouch_tui.store.db import Store
from ecouch_tui.ui.app import EcouchApp
from ecouch_tui.ui.blocks.entries import STEP_BINDINGS
from ecouch_tui.ui.blocks.problem_solving import ProblemForm
from ecouch_tui.ui.blocks.thought_record import ThoughtRecordForm

SIZE = (80, 24)


def focused_label(app: EcouchApp) -> str:
    focused = app.screen.focused
    return str(focused.label) if isinstance(focused, Button) else type(focused).__name__


async def typing_lands_in_the_step(app: EcouchApp, pilot: Pilot[None]) -> None:
    """Wait until the new step's first box has focus (Textual moves focus on a later
    turn of its loop; on a loaded machine keys typed before that went elsewhere)."""
    for _ in range(100):
        await pilot.pause()
        if isinstance(app.focused, Input | TextArea):
            return
    raise AssertionError(f"focus stayed on {app.focused!r}")


def test_every_stepped_form_has_the_same_step_keys() -> None:
    assert ProblemForm.BINDINGS == STEP_BINDINGS
    assert ThoughtRecordForm.BINDINGS == STEP_BINDINGS


async def test_alt_arrows_change_the_problem_solving_step(
    config: SessionConfig, course_dir: Path
) -> None:
    page = add_problem_page(config, course_dir)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(3, page_index=page)
        await pilot.pause()
        await pilot.press("tab", *"I avoid opening the post", "alt+right")
        await typing_lands_in_the_step(app, pilot)
        text = seen(app)
        assert "Step 2 of 6 · List options" in text
        assert "alt+← alt+→ change step" in text  # the step bar says the keys, as in the record
        await pilot.press(*"call the bank", "alt+right")
        await pilot.pause()
        assert "Step 3 of 6 · Pros and cons" in seen(app)
        await pilot.press("alt+left", "alt+left")
        await pilot.pause()
        assert "Step 1 of 6 · Define the problem" in seen(app)
        await pilot.press("ctrl+pagedown")  # the record's other next-step key
        await pilot.pause()
        assert "Step 2 of 6" in seen(app)
    (saved,) = problems(config)
    assert saved.problem == "I avoid opening the post" and not saved.done


async def test_tab_from_the_text_box_never_reaches_mark_done_before_the_plan(
    config: SessionConfig, course_dir: Path
) -> None:
    page = add_problem_page(config, course_dir)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(3, page_index=page)
        await pilot.pause()
        await pilot.press("tab", *"I avoid opening the post", "tab")
        await pilot.pause()
        assert focused_label(app) == "Next step ▶"
        assert "Mark done" not in seen(app)
        await pilot.press("tab")  # one Tab too many: away from the step bar, not Mark done
        await pilot.pause()
        assert "Mark done" not in focused_label(app)
        await pilot.press("enter")
        await pilot.pause()
        assert "Not marked done" not in seen(app)
    (saved,) = problems(config)
    assert not saved.done


async def test_mark_done_is_the_plan_steps_last_button_and_its_warning_stays_there(
    config: SessionConfig, course_dir: Path
) -> None:
    page = add_problem_page(config, course_dir)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(3, page_index=page)
        await pilot.pause()
        await pilot.press("tab", *"I avoid opening the post")
        for _ in range(4):
            await pilot.press("alt+right")
            await pilot.pause()
        assert "Step 5 of 6 · Plan the steps" in seen(app)
        await pilot.press(*"Ring the bank at 9", "tab", "tab")
        await pilot.pause()
        assert focused_label(app) == "Mark done ✓"  # in the place of Next step
        await pilot.press("enter")
        await pilot.pause()
        text = seen(app)
        assert "Not marked done yet. First list at least two options (step 2)" in text
        assert "Step 5 of 6" in text  # it stays on the step
        await pilot.press("alt+right")  # past the plan only once it is done
        await pilot.pause()
        text = seen(app)
        assert "Step 5 of 6" in text and "press Mark done ✓" in text
        await pilot.press("alt+left")
        await pilot.pause()
        text = seen(app)
        assert "Step 4 of 6 · Choose one" in text
        assert "Not marked done" not in text and "press Mark done" not in text
        assert "Mark done" not in text
    (saved,) = problems(config)
    assert saved.plan == "Ring the bank at 9" and not saved.done


async def test_a_done_problem_reviews_then_offers_a_new_one(
    config: SessionConfig, course_dir: Path
) -> None:
    page = add_problem_page(config, course_dir)
    with Store.open(config.store_path, config.clock) as store:
        store.save_entry(
            module_id="moving",
            page_id="solve",
            block_id="solve",
            kind="problem_solving",
            data=complete(),
        )
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(3, page_index=page)
        await pilot.pause()
        await focus(pilot, "#problems")
        await pilot.press("down", "down", "enter")  # the saved problem: at its plan
        await pilot.pause()
        assert "Step 5 of 6 · Plan the steps" in seen(app)
        await focus(pilot, "#step-next")
        await pilot.press("enter")  # Mark done ✓
        await pilot.pause()
        text = seen(app)
        assert "Step 6 of 6 · Review how it went" in text and "✓ marked done" in text
        assert isinstance(app.screen.focused, TextArea)
        await pilot.press(*"It went well", "tab", "tab")
        await pilot.pause()
        assert focused_label(app) == "＋ New problem"  # no "Mark not done" to hit by accident
        await pilot.press("enter")
        await pilot.pause()
        assert "Step 1 of 6 · Define the problem" in seen(app)
    (saved,) = problems(config)
    assert saved.done and saved.review == "It went well"


async def test_the_thought_records_warning_goes_when_the_step_changes(
    course: SessionConfig,  # noqa: F811
) -> None:
    app = EcouchApp(course)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(2, page_index=PAGE)
        await pilot.pause()
        await pilot.press("tab", *"At the bus stop")
        for _ in range(4):
            await pilot.press("alt+right")
            await pilot.pause()
        await focus(pilot, "#step-next")
        await pilot.press("enter")  # Finish record ✓, with most of it missing
        await pilot.pause()
        assert "Not finished yet. Still to do" in seen(app)
        await pilot.press("alt+left")
        await pilot.pause()
        text = seen(app)
        assert "Step 4 of 5" in text and "Not finished yet" not in text
    (record,) = records(course)
    assert record.situation == "At the bus stop" and not record.done


@pytest.mark.slow
async def test_a_save_refused_is_still_said_after_the_step_changes(
    config: SessionConfig, course_dir: Path
) -> None:
    """Only a warning about the step goes with it: one about the entry stays."""
    page = add_problem_page(config, course_dir)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(3, page_index=page)
        await pilot.pause()
        await pilot.press("tab", *"Bills")
        await pilot.pause()
        form = app.screen.query_one(ProblemForm)
        form.problem("Not saved yet: what you typed is still here.")
        await pilot.press("alt+right")
        await pilot.pause()
        text = seen(app)
        assert "Step 2 of 6" in text and "Not saved yet" in text
