"""A saved answer reopened for editing has the cursor after its text (issue 13, item 9).

As the user met it: reopening an answer from the Workbook put the cursor before the
text (a text box) or selected it all (a line), so typing landed in front of it or
replaced it. Typing now carries on from the end, in text boxes and lines alike, in the
Workbook and wherever a form reopens an entry.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_problem_solving import add_problem_page, complete, problems
from test_workbook import HOPES, open_workbook, search_and_open, seed, write_course
from textual.app import App, ComposeResult
from textual.widgets import Input, TextArea

from ecouch_tui.clock import FixedClock
from ecouch_tui.content.blocks import entry_uid
from ecouch_tui.content.blocks.problem_solving import SolutionOption
from ecouch_tui.session import SessionConfig
from ecouch_tui.store.db import Store
from ecouch_tui.ui.app import EcouchApp
from ecouch_tui.ui.blocks.base import TextBox, words_input
from ecouch_tui.ui.screens.workbook_entry import WorkbookEntryScreen

SIZE = (80, 24)


@pytest.fixture
def workbook_course(config: SessionConfig, tmp_path: Path) -> SessionConfig:
    config.modules_dir = write_course(tmp_path / "wb-course")
    return config


async def test_typing_in_a_reopened_reflection_carries_on_after_it(
    workbook_course: SessionConfig, clock: FixedClock
) -> None:
    config = workbook_course
    seed(config, clock)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_workbook(app, pilot)
        await search_and_open(pilot, "weekends")
        assert isinstance(app.screen, WorkbookEntryScreen)
        area = app.screen.query_one(TextArea)
        assert app.focused is area and area.cursor_location == area.document.end
        await pilot.press(*", and to laugh more", "escape")  # no End first
        await pilot.pause()
    with Store.open(config.store_path, clock) as store:
        entry = store.entry(entry_uid("reflection", "start", "your-hopes", "hopes"))
        assert entry is not None and entry.as_dict() == {"text": HOPES + ", and to laugh more"}


async def test_typing_in_a_reopened_activity_carries_on_after_its_words(
    workbook_course: SessionConfig, clock: FixedClock
) -> None:
    config = workbook_course
    seed(config, clock)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_workbook(app, pilot)
        await search_and_open(pilot, "achieved 5")  # the walk, added from home
        what = app.screen.query_one("#what", Input)
        assert app.focused is what and what.value == "Walk"
        assert what.selection.is_empty and what.cursor_position == len("Walk")
        await pilot.press(*" in the park", "escape")  # no End first
        await pilot.pause()
    with Store.open(config.store_path, clock) as store:
        entry = store.entry("walk")
        assert entry is not None and entry.as_dict()["what"] == "Walk in the park"


async def test_a_problem_reopened_at_its_review_carries_on_after_it(
    config: SessionConfig, course_dir: Path
) -> None:
    add_problem_page(config, course_dir)
    with Store.open(config.store_path, config.clock) as store:
        store.save_entry(
            module_id="moving",
            page_id="solve",
            block_id="solve",
            kind="problem_solving",
            data=complete(done=True, review="She helped"),
        )
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        await search_and_open(pilot, "Bills")
        assert isinstance(app.screen, WorkbookEntryScreen)
        await pilot.pause()
        focused = app.screen.focused
        assert isinstance(focused, TextArea) and focused.id == "review"
        await pilot.press(*"; two letters done", "escape")
        await pilot.pause()
    (saved,) = problems(config)
    assert saved.review == "She helped; two letters done"


async def test_an_option_line_reopened_keeps_its_words_when_typed_on(
    config: SessionConfig, course_dir: Path
) -> None:
    """Tab to a line holding the user's words: typing adds to them, not over them."""
    add_problem_page(config, course_dir)
    with Store.open(config.store_path, config.clock) as store:
        store.save_entry(
            module_id="moving",
            page_id="solve",
            block_id="solve",
            kind="problem_solving",
            data=complete(plan="", options=[SolutionOption(text="call the bank")]),
        )
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        await search_and_open(pilot, "Bills")
        await pilot.pause()
        focused = app.screen.focused
        assert isinstance(focused, Input) and focused.id == "option-0"  # step 2, reopened
        await pilot.press(*" tomorrow", "escape")
        await pilot.pause()
    (saved,) = problems(config)
    assert saved.options[0].text == "call the bank tomorrow"


async def test_the_boxes_for_saved_words_start_at_the_end() -> None:
    class Boxes(App[None]):
        def compose(self) -> ComposeResult:
            yield words_input("walk", id="line")
            yield TextBox("two\nlines", soft_wrap=True, id="box")

    app = Boxes()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab")  # from the line to the box, and back
        box = app.query_one("#box", TextArea)
        assert app.focused is box and box.cursor_location == (1, 5)
        await pilot.press("shift+tab")
        line = app.query_one("#line", Input)
        assert app.focused is line and line.selection.is_empty and line.cursor_position == 4


async def test_a_text_box_drawn_after_it_was_removed_does_not_stop_the_app() -> None:
    """Textual can draw a box in the frame after its removal, styles already cleared:
    a stock TextArea raises KeyError there (it stopped the app on a loaded CI)."""

    class Boxes(App[None]):
        def compose(self) -> ComposeResult:
            yield TextBox("words", id="box")
            yield TextArea("words", id="stock")

    app = Boxes()
    async with app.run_test(size=SIZE) as pilot:
        box = app.query_one("#box", TextBox)
        stock = app.query_one("#stock", TextArea)
        crop = box.region.reset_offset
        await box.remove()
        await stock.remove()
        await pilot.pause()
        with pytest.raises(KeyError):  # what Textual does, so the guard is still needed
            stock.render_lines(crop)
        strips = box.render_lines(crop)
        assert len(strips) == crop.height and all(s.text.strip() == "" for s in strips)
