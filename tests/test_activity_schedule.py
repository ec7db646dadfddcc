"""The activity schedule: plan activities, mark them done, see planned against actual.

Model and rule tests first (pure), then the real app driven with the keyboard.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from helpers import add_page, every_week_open, focus, seen, show
from textual.screen import Screen
from textual.widgets import Checkbox, Input

from ecouch_tui.clock import FixedClock
from ecouch_tui.content.blocks.activity_schedule import ActivityScheduleBlock, PlannedActivity
from ecouch_tui.course.dates import parse_day
from ecouch_tui.course.schedule import (
    by_day,
    day_input_text,
    due,
    earlier_count,
    hindsight,
    plan_day_problem,
    remark,
    time_key,
)
from ecouch_tui.session import SessionConfig
from ecouch_tui.store.db import Store
from ecouch_tui.ui.app import EcouchApp
from ecouch_tui.ui.blocks import widget_for
from ecouch_tui.ui.blocks.activity_schedule import ActivityScheduleView, PlanForm
from ecouch_tui.ui.blocks.base import BlockContext

MON, TUE, WED, SUN_BEFORE = date(2026, 1, 5), date(2026, 1, 6), date(2026, 1, 7), date(2026, 1, 4)
SIZE = (80, 40)


def rated(**fields: object) -> PlannedActivity:
    base: dict[str, object] = {
        "what": "walk",
        "day": MON,
        "expected_achievement": 4,
        "expected_enjoyment": 3,
    }
    return PlannedActivity(**{**base, **fields})  # type: ignore[arg-type]


# -- the model ---------------------------------------------------------------------------


def test_a_new_plan_is_empty_and_says_what_it_needs() -> None:
    plan = PlannedActivity()
    assert plan.empty()
    assert PlannedActivity(day=MON).empty()  # a default day is not something written
    assert not PlannedActivity(what="walk").empty()
    assert plan.missing() == [
        "say what you plan to do",
        "choose a day",
        "say how much you expect to achieve (0-10)",
        "say how much you expect to enjoy it (0-10)",
    ]
    assert rated().missing() == []


def test_marking_done_asks_for_the_actual_ratings() -> None:
    assert rated(done=True).missing() == [
        "rate how much you actually achieved (0-10)",
        "rate how much you actually enjoyed it (0-10)",
    ]
    assert rated(done=True, actual_achievement=6, actual_enjoyment=7).missing() == []


def test_summary_shows_expected_then_expected_against_actual() -> None:
    assert rated(time="10:30").summary() == (
        "Mon 5 Jan 10:30 · walk · planned: expect achieve 4, enjoy 3"
    )
    done = rated(done=True, actual_achievement=6, actual_enjoyment=7)
    assert done.summary() == "Mon 5 Jan · walk · done: achieve 4 → 6 · enjoy 3 → 7"
    assert PlannedActivity().summary() == (
        "no day yet · (nothing written yet) · planned: expect achieve ?, enjoy ?"
    )


def test_text_is_readable_for_search_and_the_report() -> None:
    text = rated(done=True, actual_achievement=6, actual_enjoyment=7, note="sunny").text()
    assert text.splitlines() == ["walk", "2026-01-05", "achieve 4 → 6 · enjoy 3 → 7", "sunny"]


def test_the_block_refuses_days_ahead_outside_one_to_fourteen() -> None:
    import msgspec

    assert ActivityScheduleBlock(id="plan").days_ahead == 7
    with pytest.raises(msgspec.ValidationError):
        msgspec.convert(
            {"type": "activity_schedule", "id": "p", "days_ahead": 15}, ActivityScheduleBlock
        )


# -- the rules ---------------------------------------------------------------------------


def test_plans_go_on_today_or_a_coming_day_within_reach() -> None:
    assert plan_day_problem(MON, MON, 7) is None
    assert plan_day_problem(date(2026, 1, 12), MON, 7) is None
    past = plan_day_problem(SUN_BEFORE, MON, 7)
    assert past is not None and past.startswith("Sun 4 Jan has already passed")
    assert plan_day_problem(date(2026, 1, 13), MON, 7) == (
        "Plan up to 7 days ahead, so by Mon 12 Jan at the latest."
    )
    # A plan that is already on a past day keeps it (reopened to be rated).
    assert plan_day_problem(SUN_BEFORE, MON, 7, saved=SUN_BEFORE) is None


@pytest.mark.parametrize("day", [MON, TUE, WED, SUN_BEFORE, date(2026, 1, 12)])
def test_the_day_box_reads_back_as_the_same_day(day: date) -> None:
    assert parse_day(day_input_text(day, MON), MON, future=True) == day


def test_times_sort_when_they_look_like_times() -> None:
    assert time_key("10:30") == 630
    assert time_key("9am") == 540
    assert time_key("2.15 pm") == 855
    assert time_key("12am") == 0
    assert time_key("after lunch") is None
    assert time_key("25") is None


def test_plans_are_grouped_by_day_timed_first_undated_last() -> None:
    plans = [
        ("a", rated(what="lunch out", day=TUE, time="after lunch")),
        ("b", rated(what="draft", day=None)),
        ("c", rated(what="swim", day=TUE, time="9am")),
        ("d", rated(what="call", day=MON)),
        ("e", rated(what="old", day=date(2025, 12, 1))),
    ]
    groups = by_day(plans, since=date(2025, 12, 29))
    assert [(g.day, [uid for uid, _ in g.plans]) for g in groups] == [
        (MON, ["d"]),
        (TUE, ["c", "a"]),
        (None, ["b"]),
    ]
    assert earlier_count((p for _, p in plans), since=date(2025, 12, 29)) == 1


def test_due_means_its_day_has_come_and_it_is_not_done() -> None:
    assert due(rated(day=MON), MON)
    assert due(rated(day=SUN_BEFORE), MON)
    assert not due(rated(day=TUE), MON)
    assert not due(rated(day=MON, done=True), MON)


def test_hindsight_compares_expected_with_actual_over_rated_plans() -> None:
    assert hindsight([rated(), rated(done=True)]) is None  # nothing rated yet
    summary = hindsight(
        [
            rated(done=True, actual_achievement=6, actual_enjoyment=7),
            rated(expected_enjoyment=2, done=True, actual_achievement=4, actual_enjoyment=4),
            rated(),
        ]
    )
    assert summary is not None and summary.count == 2
    assert summary.words() == (
        "Expected → actual, on average over 2 done activities: enjoyment 2.5 → 5.5,"
        " achievement 4 → 5. You enjoy things more than you predict: worth remembering next time."
    )
    assert remark(rated(done=True, actual_achievement=6, actual_enjoyment=7)) == (
        "You enjoyed it more than you expected."
    )
    assert remark(rated(done=True, actual_achievement=6, actual_enjoyment=3)) == (
        "About as enjoyable as you expected."
    )


# -- the app -----------------------------------------------------------------------------


def add_schedule_page(config: SessionConfig, course_dir: Path) -> int:
    """Week 3 gains a page with an activity_schedule block; returns its page index."""
    index = add_page(
        course_dir,
        "03-moving.yaml",
        {
            "id": "schedule",
            "title": "Plan your week",
            "blocks": [
                {
                    "type": "activity_schedule",
                    "id": "week-plan",
                    "prompt": "Plan a few small things for the coming days.",
                    "days_ahead": 7,
                }
            ],
        },
    )
    every_week_open(config, course_dir)
    return index


def plans(config: SessionConfig) -> list[PlannedActivity]:
    with Store.open(config.store_path, config.clock) as store:
        return [e.decode(PlannedActivity) for e in store.entries(kind="activity_schedule")]


@pytest.mark.slow
async def test_plan_an_activity_with_the_keyboard(config: SessionConfig, course_dir: Path) -> None:
    page = add_schedule_page(config, course_dir)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(3, page_index=page)
        await pilot.pause()
        assert "Plan an activity" in seen(app)
        # Adding an empty plan is refused, with what is missing.
        await focus(pilot, "#add")
        await pilot.press("enter")
        await pilot.pause()
        assert "To add it to your plan, say what you plan to do;" in seen(app)
        assert plans(config) == []

        app.set_focus(None)
        await pilot.press("tab", *"walk in the park")
        await pilot.press("tab")  # the day box says "tomorrow"; a day in the past is refused
        await pilot.press("ctrl+u", *"2026-01-02")
        await pilot.pause()
        assert "Fri 2 Jan has already passed: plan for today or a day up to Mon 12 Jan." in seen(
            app
        )
        await pilot.press("ctrl+u", *"wed")
        await pilot.pause()
        assert "When? Wednesday 7 January" in seen(app)
        assert "has already passed" not in seen(app)
        await pilot.press("tab", *"10:30", "tab", "4", "tab", "1", "1")
        await pilot.pause()
        assert "11 is too high" in seen(app)
        await pilot.press("3", "tab", "enter")  # to "Done ✓ · new plan"
        await pilot.pause()
        assert "Added to your plan" in seen(app)
        await show(pilot, "#plan-list")
        assert "Wed 7 Jan ○ 10:30 walk in the park · expect achieve 4, enjoy 3" in seen(app)
        # The form is fresh for the next plan.
        assert app.screen.query_one("#what", Input).value == ""

    (plan,) = plans(config)
    assert plan == PlannedActivity(
        what="walk in the park",
        day=WED,
        time="10:30",
        expected_achievement=4,
        expected_enjoyment=3,
    )


@pytest.mark.slow
async def test_a_plan_too_far_ahead_is_refused(config: SessionConfig, course_dir: Path) -> None:
    page = add_schedule_page(config, course_dir)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(3, page_index=page)
        await pilot.pause()
        await pilot.press("tab", *"see a film", "tab", "ctrl+u", *"2026-01-20")
        await pilot.pause()
        assert "Plan up to 7 days ahead, so by Mon 12 Jan at the latest." in seen(app)
        await pilot.press("escape")  # leaving at once keeps what was typed
        await pilot.pause()
    (plan,) = plans(config)
    assert plan.what == "see a film"
    assert plan.day == TUE  # still "tomorrow": the refused day was never saved


@pytest.mark.slow
async def test_mark_done_after_a_restart_and_see_planned_against_actual(
    config: SessionConfig, course_dir: Path, clock: FixedClock
) -> None:
    page = add_schedule_page(config, course_dir)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(3, page_index=page)
        await pilot.pause()
        await pilot.press("tab", *"call Sam", "enter", "enter", "enter", "2", "tab", "3")
        await pilot.pause()
        await pilot.press("ctrl+q")
    (plan,) = plans(config)
    assert (plan.what, plan.day, plan.expected_achievement, plan.expected_enjoyment) == (
        "call Sam",
        TUE,
        2,
        3,
    )

    clock.advance(days=1)  # Tuesday: the planned day has come
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(3, page_index=page)
        await pilot.pause()
        assert "Tue 6 Jan · today ○ call Sam · expect achieve 2, enjoy 3 · how did it go?" in seen(
            app
        )
        await focus(pilot, "#plan-list")
        await pilot.press("down", "enter")
        await pilot.pause()
        assert "How did it go?" in seen(app)
        assert app.screen.focused is app.screen.query_one("#done", Checkbox)
        await pilot.press("space", "tab", "6", "tab", "7")
        await show(pilot, "#comparison")
        text = seen(app)
        assert "Expected → actual: achieve 2 → 6 · enjoy 3 → 7" in text
        assert "You enjoyed it more than you expected." in text
        await pilot.press("tab", *"it was good to talk", "enter", "enter")  # note, then Save
        await pilot.pause()
        assert "Saved" in seen(app)
        await show(pilot, "#hindsight")
        text = seen(app)
        assert "Tue 6 Jan · today ✓ call Sam · achieve 2 → 6 · enjoy 3 → 7" in text
        assert "Expected → actual, on average over 1 done activity: enjoyment 3 → 7" in text

    (plan,) = plans(config)
    assert plan.done and (plan.actual_achievement, plan.actual_enjoyment) == (6, 7)
    assert plan.note == "it was good to talk"

    app = EcouchApp(config)  # and it is all still there next time
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(3, page_index=page)
        await pilot.pause()
        assert "✓ call Sam · achieve 2 → 6 · enjoy 3 → 7" in seen(app)


@pytest.mark.slow
async def test_a_future_plan_cannot_be_rated_yet(config: SessionConfig, course_dir: Path) -> None:
    page = add_schedule_page(config, course_dir)
    with Store.open(config.store_path, config.clock) as store:
        store.save_entry(
            module_id="moving",
            page_id="schedule",
            block_id="week-plan",
            kind="activity_schedule",
            data=rated(what="swim", day=WED),
        )
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(3, page_index=page)
        await pilot.pause()
        await focus(pilot, "#plan-list")
        await pilot.press("down", "enter")
        await pilot.pause()
        text = seen(app)
        assert "Your plan" in text and "How did it go?" not in text
        assert "On Wed 7 Jan or after, open it again to mark it done" in text
        assert app.screen.query_one("#what", Input).value == "swim"


class BlockHost(Screen[None]):
    """A screen showing one block, as the Workbook would to open one entry."""

    def __init__(self, view: ActivityScheduleView) -> None:
        super().__init__()
        self.view = view

    def compose(self):  # type: ignore[no-untyped-def]
        yield self.view


async def test_focus_uid_opens_that_plan(config: SessionConfig, course_dir: Path) -> None:
    add_schedule_page(config, course_dir)
    with Store.open(config.store_path, config.clock) as store:
        for what in ("swim", "read"):
            entry = store.save_entry(
                module_id="moving",
                page_id="schedule",
                block_id="week-plan",
                kind="activity_schedule",
                data=rated(what=what, day=MON),
            )
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        block = ActivityScheduleBlock(id="week-plan")
        context = BlockContext(
            session=app.session, module_id="moving", page_id="schedule", focus_uid=entry.uid
        )
        view = widget_for(block, context)
        assert isinstance(view, ActivityScheduleView)
        await app.push_screen(BlockHost(view))
        await pilot.pause()
        form = app.screen.query_one(PlanForm)
        assert form.uid == entry.uid
        assert app.screen.query_one("#what", Input).value == "read"
        assert app.screen.focused is app.screen.query_one("#done", Checkbox)  # its day is today
