"""Problem solving: six steps from a concrete problem to a plan and a review.

Model tests first (pure), then the real app driven with the keyboard.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import add_page, every_week_open, focus, seen, show
from textual.screen import Screen
from textual.widgets import Input, RadioButton, TextArea

from ecouch_tui.content.blocks.problem_solving import (
    STEPS,
    ProblemSolving,
    ProblemSolvingBlock,
    SolutionOption,
)
from ecouch_tui.session import SessionConfig
from ecouch_tui.store.db import Store
from ecouch_tui.ui.app import EcouchApp
from ecouch_tui.ui.blocks import widget_for
from ecouch_tui.ui.blocks.base import BlockContext
from ecouch_tui.ui.blocks.problem_solving import ProblemForm, ProblemSolvingView

SIZE = (80, 40)


def options(*texts: str) -> list[SolutionOption]:
    return [SolutionOption(text=t) for t in texts]


def complete(**fields: object) -> ProblemSolving:
    base: dict[str, object] = {
        "problem": "Bills pile up unopened",
        "options": options("call the bank", "ask my sister"),
        "chosen": 1,
        "plan": "Ring her tonight",
    }
    return ProblemSolving(**{**base, **fields})  # type: ignore[arg-type]


# -- the model ---------------------------------------------------------------------------


def test_a_new_problem_is_empty_and_says_what_it_needs_by_step() -> None:
    problem = ProblemSolving()
    assert problem.empty()
    assert not ProblemSolving(options=options("walk")).empty()
    assert ProblemSolving(options=options("")).empty()  # a blank option box is not content
    assert problem.missing_by_step() == [
        (1, "describe the problem"),
        (2, "list at least two options"),
        (4, "choose an option"),
        (5, "plan the steps you will take"),
    ]
    assert problem.missing() == [need for _, need in problem.missing_by_step()]
    assert complete().missing() == []
    assert len(STEPS) == 6 and STEPS[2] == "Pros and cons"


def test_blank_options_do_not_count_and_cannot_be_chosen() -> None:
    problem = complete(options=options("call the bank", "  ", "ask my sister"), chosen=1)
    assert problem.chosen_option is None
    assert "choose an option" in problem.missing()
    assert complete(options=options("call the bank", ""), chosen=0).missing() == [
        "list at least two options"
    ]
    assert complete(chosen=7).chosen_option is None


def test_tidy_drops_blank_options_and_keeps_the_choice() -> None:
    problem = complete(options=options("", "call the bank", " ", "ask my sister"), chosen=3)
    tidy = problem.tidy()
    assert [o.text for o in tidy.options] == ["call the bank", "ask my sister"]
    assert tidy.chosen == 1 and tidy.chosen_option is not None
    assert tidy.chosen_option.text == "ask my sister"


def test_summary_says_how_far_it_got() -> None:
    assert ProblemSolving().summary() == "(no problem written yet) · draft"
    draft = ProblemSolving(problem="Bills\nand more", options=options("a", "b", ""))
    assert draft.summary() == "Bills · draft, 2 options"
    assert complete().summary() == "Bills pile up unopened · planned"
    assert complete(done=True).summary() == "Bills pile up unopened · done, review it later"
    assert complete(done=True, review="went well").summary() == "Bills pile up unopened · reviewed"
    assert len(ProblemSolving(problem="x" * 200).summary()) < 80


def test_text_lists_the_options_with_pros_cons_and_the_choice() -> None:
    problem = complete(
        options=[
            SolutionOption(text="call the bank", pros="quick", cons="scary"),
            SolutionOption(text="ask my sister"),
        ]
    )
    assert problem.text().splitlines() == [
        "Bills pile up unopened",
        "- call the bank",
        "  + quick",
        "  - scary",
        "- (chosen) ask my sister",
        "Ring her tonight",
    ]


def test_a_reopened_problem_resumes_where_work_is_left() -> None:
    assert ProblemSolving().resume_step() == 1
    assert ProblemSolving(problem="Bills").resume_step() == 2
    listed = ProblemSolving(problem="Bills", options=options("a", "b"))
    assert listed.resume_step() == 3  # nothing weighed yet
    weighed = ProblemSolving(
        problem="Bills", options=[SolutionOption(text="a", pros="quick"), SolutionOption(text="b")]
    )
    assert weighed.resume_step() == 4
    assert complete(plan="").resume_step() == 5
    assert complete().resume_step() == 5
    assert complete(done=True).resume_step() == 6


# -- the app -----------------------------------------------------------------------------


def add_problem_page(config: SessionConfig, course_dir: Path) -> int:
    """Week 3 gains a page with a problem_solving block; returns its page index."""
    index = add_page(
        course_dir,
        "03-moving.yaml",
        {
            "id": "solve",
            "title": "Solve a problem",
            "blocks": [
                {
                    "type": "problem_solving",
                    "id": "solve",
                    "prompt": "Work through one problem, step by step.",
                }
            ],
        },
    )
    every_week_open(config, course_dir)
    return index


def problems(config: SessionConfig) -> list[ProblemSolving]:
    with Store.open(config.store_path, config.clock) as store:
        return [e.decode(ProblemSolving) for e in store.entries(kind="problem_solving")]


@pytest.mark.slow
async def test_work_through_a_problem_with_the_keyboard(
    config: SessionConfig, course_dir: Path
) -> None:
    page = add_problem_page(config, course_dir)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(3, page_index=page)
        await pilot.pause()
        assert "Step 1 of 6 · Define the problem" in seen(app)

        # 1. The problem. (Mark done is on the plan step only: see test_step_forms.py.)
        await pilot.press("tab", *"I avoid opening the post")
        await pilot.press("tab", "enter")  # Next step
        await pilot.pause()
        (saved,) = problems(config)
        assert saved.problem == "I avoid opening the post" and not saved.done

        # 2. Options: Enter adds the next one.
        assert "Step 2 of 6 · List options" in seen(app)
        assert "Problem: I avoid opening the post" in seen(app)
        await pilot.press(*"call the bank", "enter", *"ask my sister", "enter", *"ignore it")
        await pilot.press("enter", "tab", "tab", "tab", "enter")  # a blank 4th; Next step
        await pilot.pause()

        # 3. Pros and cons, for and against each option side by side.
        assert "Step 3 of 6 · Pros and cons" in seen(app)
        await pilot.press(*"quick", "tab", *"scary", "tab", *"kind", "tab", *"awkward")
        await pilot.press("tab", "tab", "tab", "tab", "enter")  # past option 3; Next step
        await pilot.pause()

        # 4. Choose: the options show their pros and cons.
        text = seen(app)
        assert "Step 4 of 6 · Choose one" in text
        assert "ask my sister (+ kind; − awkward)" in text
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.screen.query(RadioButton)[1].value
        await pilot.press("tab", "tab", "enter")
        await pilot.pause()

        # 5. Plan, then mark done: it moves on to the review.
        text = seen(app)
        assert "Step 5 of 6 · Plan the steps" in text and "Chosen: ask my sister" in text
        await pilot.press(*"Ring her tonight at 7")
        await pilot.press("tab", "tab", "enter")  # Mark done, in the place of Next step
        await pilot.pause()
        text = seen(app)
        assert "Step 6 of 6 · Review how it went" in text and "✓ marked done" in text
        assert "Marked done." in text
        assert isinstance(app.screen.focused, TextArea) and app.screen.focused.id == "review"

    (saved,) = problems(config)
    assert saved == ProblemSolving(
        problem="I avoid opening the post",
        options=[
            SolutionOption(text="call the bank", pros="quick", cons="scary"),
            SolutionOption(text="ask my sister", pros="kind", cons="awkward"),
            SolutionOption(text="ignore it"),
        ],
        chosen=1,
        plan="Ring her tonight at 7",
        done=True,
    )

    # Next time: the problem is in the list; it reopens at the review.
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(3, page_index=page)
        await pilot.pause()
        assert "Step 1 of 6" in seen(app)  # a new problem is offered first
        await show(pilot, "#problems")
        assert "I avoid opening the post · done, review it later" in seen(app)
        await focus(pilot, "#problems")
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        text = seen(app)
        assert "Step 6 of 6 · Review how it went" in text
        assert "Plan: Ring her tonight at 7" in text
        await pilot.press(*"She helped; two letters done", "escape")
        await pilot.pause()
    (saved,) = problems(config)
    assert saved.review == "She helped; two letters done"
    assert saved.summary() == "I avoid opening the post · reviewed"


@pytest.mark.slow
async def test_emptying_an_option_after_marking_done_undoes_done(
    config: SessionConfig, course_dir: Path
) -> None:
    page = add_problem_page(config, course_dir)
    with Store.open(config.store_path, config.clock) as store:
        store.save_entry(
            module_id="moving",
            page_id="solve",
            block_id="solve",
            kind="problem_solving",
            data=complete(done=True),
        )
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(3, page_index=page)
        await pilot.pause()
        await focus(pilot, "#problems")
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        form = app.screen.query_one(ProblemForm)
        await form.go_to(2)
        await pilot.pause()
        await pilot.press("tab", "ctrl+u")  # option 2 emptied
        await pilot.pause()
        text = seen(app)
        assert "No longer marked done: list at least two options; choose an option." in text
        assert "✓ marked done" not in text
        await pilot.press("escape")
        await pilot.pause()
    (saved,) = problems(config)
    assert not saved.done


class BlockHost(Screen[None]):
    """A screen showing one block, as the Workbook would to open one entry."""

    def __init__(self, view: ProblemSolvingView) -> None:
        super().__init__()
        self.view = view

    def compose(self):  # type: ignore[no-untyped-def]
        yield self.view


async def test_focus_uid_opens_that_problem_at_its_step(
    config: SessionConfig, course_dir: Path
) -> None:
    add_problem_page(config, course_dir)
    with Store.open(config.store_path, config.clock) as store:
        store.save_entry(
            module_id="moving",
            page_id="solve",
            block_id="solve",
            kind="problem_solving",
            data=complete(problem="Another one"),
        )
        entry = store.save_entry(
            module_id="moving",
            page_id="solve",
            block_id="solve",
            kind="problem_solving",
            data=ProblemSolving(problem="Noisy neighbours"),
        )
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        context = BlockContext(
            session=app.session, module_id="moving", page_id="solve", focus_uid=entry.uid
        )
        view = widget_for(ProblemSolvingBlock(id="solve"), context)
        assert isinstance(view, ProblemSolvingView)
        await app.push_screen(BlockHost(view))
        await pilot.pause()
        assert app.screen.query_one(ProblemForm).uid == entry.uid
        text = seen(app)
        assert "Step 2 of 6 · List options" in text and "Problem: Noisy neighbours" in text
        focused = app.screen.focused
        assert isinstance(focused, Input) and focused.id == "option-0"


async def test_options_in_the_users_words_are_shown_as_typed_even_with_brackets(
    config: SessionConfig, course_dir: Path
) -> None:
    """An option written as "[/] call [b]mum" crashed the weighing step (read as markup)."""
    add_problem_page(config, course_dir)
    with Store.open(config.store_path, config.clock) as store:
        entry = store.save_entry(
            module_id="moving",
            page_id="solve",
            block_id="solve",
            kind="problem_solving",
            data=ProblemSolving(
                problem="Noisy neighbours", options=options("[/] call [b]mum", "Earplugs")
            ),
        )
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        context = BlockContext(
            session=app.session, module_id="moving", page_id="solve", focus_uid=entry.uid
        )
        await app.push_screen(BlockHost(widget_for(ProblemSolvingBlock(id="solve"), context)))
        await pilot.pause()
        form = app.screen.query_one(ProblemForm)
        form.step = 3  # weigh them up: each option is shown by name
        await form.recompose()
        await pilot.pause()
        assert "1. [/] call [b]mum" in seen(app)
    assert app.return_code in (None, 0)
