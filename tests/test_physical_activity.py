"""The `physical_activity` block: the week's sums (course/activity.py), and the real app
driven with the keyboard: log, see the week against the goal, plan, mark done, reopen.

Counting rule under test: moderate minutes once, vigorous minutes twice (WHO 2020);
light minutes are shown beside the total but not counted towards the goal; only
Monday-to-Sunday of this week; plans count only once marked done.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from helpers import enrol, focus, past_autosave, screen_text, squash
from practice_course import ACTIVITY_PAGE, WEEK, use_practice_course
from textual.pilot import Pilot
from textual.widgets import Input

from ecouch_tui.clock import FixedClock
from ecouch_tui.content.blocks.physical_activity import ActivitySession, PhysicalActivityBlock
from ecouch_tui.course.activity import (
    day_text,
    done_on,
    next_week,
    parse_done_day,
    parse_minutes,
    parse_plan_day,
    plan_total,
    plan_words,
    progress_words,
    total_words,
    week_of,
    week_total,
    week_words,
)
from ecouch_tui.session import SessionConfig
from ecouch_tui.store.db import Store
from ecouch_tui.ui.app import EcouchApp
from ecouch_tui.ui.blocks import widget_for
from ecouch_tui.ui.blocks.base import BlockContext
from ecouch_tui.ui.blocks.physical_activity import SessionForm
from ecouch_tui.ui.widgets.marked import MarkedRadioButton

WED = date(2026, 1, 7)  # Mon 5 - Sun 11 January
SIZE = (80, 24)
TALL = (100, 50)


def s(
    day: date | None, minutes: int | None, intensity: str | None, **kw: object
) -> ActivitySession:
    return ActivitySession(activity="x", day=day, minutes=minutes, intensity=intensity, **kw)  # type: ignore[arg-type]


# -- the rules ----------------------------------------------------------------------------


def test_the_week_runs_monday_to_sunday() -> None:
    assert week_of(WED) == (date(2026, 1, 5), date(2026, 1, 11))
    assert week_of(date(2026, 1, 11)) == (date(2026, 1, 5), date(2026, 1, 11))
    assert next_week(WED) == (date(2026, 1, 12), date(2026, 1, 18))


def test_vigorous_minutes_count_double_and_light_ones_are_kept_apart() -> None:
    total = week_total(
        [s(WED, 40, "moderate"), s(date(2026, 1, 5), 20, "vigorous"), s(WED, 30, "light")], WED
    )
    assert (total.moderate, total.vigorous, total.light) == (40, 20, 30)
    assert total.counted == 80 and total.to_go == 70 and not total.met
    assert total.sessions == 3


def test_only_this_weeks_done_and_complete_sessions_count() -> None:
    sessions = [
        s(date(2026, 1, 4), 60, "moderate"),  # last Sunday
        s(date(2026, 1, 12), 60, "moderate", planned=True),  # next Monday, a plan
        s(date(2026, 1, 11), 50, "moderate", planned=True),  # this Sunday, planned only
        s(date(2026, 1, 6), 25, "moderate", planned=True, done=True),  # a plan, done
        s(WED, None, "moderate"),  # half-written: no minutes yet
        s(WED, 30, None),  # half-written: no intensity yet
        s(None, 30, "moderate"),  # no day
    ]
    total = week_total(sessions, WED)
    assert total.counted == 25 and total.sessions == 1


def test_the_goal_is_met_at_the_goal_and_the_bar_stops_full() -> None:
    met = week_total([s(WED, 75, "vigorous")], WED)
    assert met.counted == 150 and met.met and met.fraction == 1
    over = week_total([s(WED, 200, "moderate")], WED, goal=150)
    assert over.fraction == 1 and over.to_go == 0
    gentle = week_total([s(WED, 30, "moderate")], WED, goal=60)
    assert gentle.fraction == 0.5


def test_the_total_in_words() -> None:
    total = week_total([s(WED, 55, "moderate"), s(WED, 20, "vigorous")], WED)
    assert total_words(total) == "95 of 150 minutes this week (vigorous minutes count double)"
    assert progress_words(total) == "55 more to reach 150. Every bit counts."
    assert week_words(total) == "Mon 5 – Sun 11 Jan"
    nothing = week_total([], WED)
    assert progress_words(nothing).startswith("Nothing logged yet this week.")
    light = week_total([s(WED, 20, "light")], WED)
    assert "Plus 20 light minutes" in progress_words(light)
    assert progress_words(week_total([s(WED, 150, "moderate")], WED)).startswith(
        "You have reached this week's goal."
    )
    # A week across two months names both.
    assert week_words(week_total([], date(2026, 2, 2))) == "Mon 2 – Sun 8 Feb"
    assert week_words(week_total([], date(2026, 1, 28))) == "Mon 26 Jan – Sun 1 Feb"


def test_next_weeks_plan_counts_plans_not_yet_done() -> None:
    plans = [
        s(date(2026, 1, 13), 30, "moderate", planned=True),
        s(date(2026, 1, 15), 20, "vigorous", planned=True),
        s(date(2026, 1, 16), 20, "vigorous", planned=True, done=True),
        s(date(2026, 1, 9), 20, "moderate", planned=True),  # this week
    ]
    plan = plan_total(plans, WED)
    assert plan.sessions == 2 and plan.counted == 70
    assert (
        plan_words(plan)
        == "Next week (Mon 12 – Sun 18 Jan): 2 sessions planned, 70 of 150 minutes."
    )
    assert (
        plan_words(plan_total([], WED)) == "Next week (Mon 12 – Sun 18 Jan): nothing planned yet."
    )


@pytest.mark.parametrize(
    ("typed", "minutes"),
    [
        ("30", 30),
        (" 45 min ", 45),
        ("20m", 20),
        ("1h", 60),
        ("1h 15", 75),
        ("2 hours", 120),
        ("", None),
    ],
)
def test_minutes_as_people_type_them(typed: str, minutes: int | None) -> None:
    assert parse_minutes(typed) == minutes


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("abc", "'abc' is not a number of minutes; write e.g. 30 or 1h 15"),
        ("1.5", "'1.5' is not a number of minutes"),
        ("0", "give at least 1 minute"),
        ("2000", "2000 minutes is more than a day"),
        ("-5", "'-5' is not a number of minutes"),
    ],
)
def test_minutes_that_make_no_sense_are_refused_with_a_reason(typed: str, message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        parse_minutes(typed)


def test_days_done_are_past_and_days_planned_are_ahead() -> None:
    assert parse_done_day("yesterday", WED) == date(2026, 1, 6)
    assert parse_done_day("mon", WED) == date(2026, 1, 5)
    with pytest.raises(ValueError, match="has not happened yet"):
        parse_done_day("tomorrow", WED)
    # In a plan a weekday means that day next week, even one still to come this week.
    assert parse_plan_day("tue", WED) == date(2026, 1, 13)
    assert parse_plan_day("friday", WED) == date(2026, 1, 16)
    assert parse_plan_day("tomorrow", WED) == date(2026, 1, 8)
    assert parse_plan_day("2026-01-20", WED) == date(2026, 1, 20)
    assert parse_plan_day("", WED) is None
    with pytest.raises(ValueError, match="that day has passed"):
        parse_plan_day("2026-01-06", WED)
    with pytest.raises(ValueError, match="not a day ecouch understands"):
        parse_plan_day("someday", WED)
    assert [day_text(d, WED) for d in (WED, date(2026, 1, 6), date(2026, 1, 8))] == [
        "today",
        "yesterday",
        "tomorrow",
    ]
    assert day_text(date(2026, 1, 13), WED) == "2026-01-13"


def test_a_plan_done_early_is_done_today() -> None:
    assert done_on(date(2026, 1, 6), WED) == date(2026, 1, 6)  # on a past day
    assert done_on(date(2026, 1, 13), WED) == WED  # sooner than planned
    assert done_on(None, WED) == WED


def test_a_session_sums_itself_up_and_says_what_is_missing() -> None:
    done = ActivitySession(activity="walk", day=WED, minutes=30, intensity="moderate")
    assert done.summary() == "Wed 7 Jan · walk · 30 min moderate"
    plan = ActivitySession(
        activity="swim", day=date(2026, 1, 13), minutes=20, intensity="light", planned=True
    )
    assert plan.summary() == "Tue 13 Jan · swim · 20 min light · planned"
    assert ActivitySession(planned=True).missing() == [
        "say what activity",
        "give the minutes",
        "choose light, moderate or vigorous",
        "choose a day",
    ]


# -- the app ------------------------------------------------------------------------------


@pytest.fixture
def practice_config(config: SessionConfig, course_dir: Path, clock: FixedClock) -> SessionConfig:
    use_practice_course(config, course_dir)
    enrol(config)
    clock.set(WED)
    return config


def saved(config: SessionConfig) -> list[ActivitySession]:
    with Store.open(config.store_path, config.clock) as store:
        return [e.decode(ActivitySession) for e in store.entries(kind="physical_activity")]


async def open_page(app: EcouchApp, pilot: Pilot[None]) -> None:
    app.open_week(WEEK, page_index=ACTIVITY_PAGE)
    await pilot.pause()


async def fill(
    pilot: Pilot[None], activity: str, day: str | None, minutes: str, steps: int
) -> None:
    """From the activity box: what, the day (None: leave it), minutes, and the intensity
    `steps` to the right of Light; then Save."""
    await pilot.press(*activity, "tab")
    if day is not None:
        await pilot.press("end", "ctrl+u", *day)
    await pilot.press("tab", *minutes, "tab")
    await pilot.press(*(["right"] * steps), "enter", "tab", "enter")
    await pilot.pause()


@pytest.mark.slow
async def test_log_sessions_and_see_this_weeks_total(practice_config: SessionConfig) -> None:
    app = EcouchApp(practice_config)
    async with app.run_test(size=TALL, notifications=True) as pilot:
        await pilot.pause()
        await open_page(app, pilot)
        text = squash(screen_text(app))
        assert "This week (Mon 5 – Sun 11 Jan)" in text
        assert "0 of 150 minutes this week (vigorous minutes count double)" in text
        assert "Nothing logged yet this week." in text

        await pilot.press("tab", "tab")  # past "I did this / I plan to", into the activity
        await fill(pilot, "brisk walk", None, "40", steps=1)
        text = squash(screen_text(app))
        assert "Logged: brisk walk, 40 min" in text
        assert "40 of 150 minutes this week (vigorous minutes count double)" in text
        assert "░ 40/150" in text  # the bar and its numbers
        assert "110 more to reach 150." in text

        # The fresh form has the focus: straight on with the next one.
        await fill(pilot, "run", "yesterday", "20", steps=2)
        await fill(pilot, "stroll", None, "30", steps=0)
        await fill(pilot, "swim", "2026-01-04", "60", steps=1)  # last week's Sunday
        text = squash(screen_text(app))
        assert "80 of 150 minutes this week (vigorous minutes count double)" in text
        assert "70 more to reach 150." in text
        assert "Plus 30 light minutes" in text
        assert "Tue 6 Jan · run · 20 min vigorous" in text  # the list of sessions
        assert "Sun 4 Jan · swim · 60 min moderate" in text
    sessions = {x.activity: x for x in saved(practice_config)}
    assert sessions["brisk walk"] == ActivitySession(
        activity="brisk walk", day=WED, minutes=40, intensity="moderate"
    )
    assert sessions["run"].day == date(2026, 1, 6) and sessions["run"].intensity == "vigorous"
    assert sessions["stroll"].intensity == "light"
    assert sessions["swim"].day == date(2026, 1, 4)


@pytest.mark.slow
async def test_bad_minutes_and_days_get_a_message_and_are_not_saved(
    practice_config: SessionConfig,
) -> None:
    app = EcouchApp(practice_config)
    async with app.run_test(size=TALL, notifications=True) as pilot:
        await pilot.pause()
        await open_page(app, pilot)
        await pilot.press("tab", "tab", *"walk", "tab", "tab", *"abc")
        await pilot.pause()
        assert "⚠ 'abc' is not a number of minutes; write e.g. 30 or 1h 15." in squash(
            screen_text(app)
        )
        await pilot.press("tab", "right", "enter", "tab", "enter")  # Moderate, then Save
        await pilot.pause()
        text = squash(screen_text(app))
        assert "⚠ 'abc' is not a number of minutes" in text  # still refused
        assert "Logged" not in text

        # A day still to come is refused for something done.
        await focus(pilot, "#day")
        await pilot.press("end", "ctrl+u", *"tomorrow")
        await pilot.pause()
        assert "⚠ That day has not happened yet" in squash(screen_text(app))
        await past_autosave(pilot)  # past the autosave delay
        (draft,) = saved(practice_config)  # the draft is kept, with nothing wrong in it
        assert draft.activity == "walk" and draft.minutes is None and draft.day == WED

        # Put both right and it saves.
        await pilot.press("end", "ctrl+u", *"today", "tab", "end", "ctrl+u", *"1h 15")
        await focus(pilot, "#save")
        await pilot.press("enter")
        await pilot.pause()
        assert "Logged: walk, 75 min" in squash(screen_text(app))
    (entry,) = saved(practice_config)
    assert (entry.minutes, entry.intensity, entry.day) == (75, "moderate", WED)


@pytest.mark.slow
async def test_plan_next_week_then_mark_it_done_after_a_restart(
    practice_config: SessionConfig, clock: FixedClock
) -> None:
    app = EcouchApp(practice_config)
    async with app.run_test(size=TALL, notifications=True) as pilot:
        await pilot.pause()
        await open_page(app, pilot)
        await pilot.press("tab", "right", "enter")  # "I plan to do this"
        await pilot.pause()
        text = squash(screen_text(app))
        assert "How hard will it be?" in text and "Done ✓ · new entry" in text
        await pilot.press("tab", *"swim", "tab", *"tue")
        await pilot.pause()
        assert "Tuesday 13 January" in screen_text(app)  # weekday names mean next week
        await pilot.press("tab", *"30", "tab", "right", "enter", "tab", "enter")
        await pilot.pause()
        text = squash(screen_text(app))
        assert "Planned: swim, 30 min" in text
        assert "Next week (Mon 12 – Sun 18 Jan): 1 session planned, 30 of 150 minutes." in text
        assert "0 of 150 minutes this week" in text  # a plan is not yet activity
        assert "Tue 13 Jan · swim · 30 min moderate · planned" in text
    (plan,) = saved(practice_config)
    assert plan.planned and not plan.done and plan.day == date(2026, 1, 13)

    clock.advance(days=6)  # Tuesday 13th: the day of the plan
    app = EcouchApp(practice_config)
    async with app.run_test(size=TALL, notifications=True) as pilot:
        await pilot.pause()
        await open_page(app, pilot)
        text = squash(screen_text(app))
        assert "This week (Mon 12 – Sun 18 Jan)" in text
        assert "0 of 150 minutes this week" in text
        await focus(pilot, "#sessions")
        await pilot.press("down", "down", "enter")  # past "new", onto the plan
        await pilot.pause()
        text = squash(screen_text(app))
        assert "Edit this session" in text and "I did it ✓" in text
        assert app.screen.query_one("#mode-plan", MarkedRadioButton).value
        assert app.screen.query_one("#activity", Input).value == "swim"
        await pilot.press("tab", "tab", "tab", "tab", "tab", "enter")  # to "I did it ✓"
        await pilot.pause()
        text = squash(screen_text(app))
        assert "Done: swim. Well done." in text
        assert "30 of 150 minutes this week" in text
        assert "Tue 13 Jan · swim · 30 min moderate · done as planned ✓" in text
    (plan,) = saved(practice_config)
    assert plan.planned and plan.done and plan.day == date(2026, 1, 13)


async def test_a_session_reopens_for_editing_after_a_restart(
    practice_config: SessionConfig,
) -> None:
    with Store.open(practice_config.store_path, practice_config.clock) as store:
        entry = store.save_entry(
            module_id="practice",
            page_id="move",
            block_id="move",
            kind="physical_activity",
            data=ActivitySession(activity="yoga", day=WED, minutes=30, intensity="light"),
        )
    app = EcouchApp(practice_config)
    async with app.run_test(size=TALL, notifications=True) as pilot:
        await pilot.pause()
        await open_page(app, pilot)
        assert "Plus 30 light minutes" in squash(screen_text(app))
        await focus(pilot, "#sessions")
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert app.screen.query_one("#activity", Input).has_focus
        await pilot.press("tab", "tab", "end", "ctrl+u", *"45", "tab", "right", "enter")
        await pilot.press("escape")  # leave at once: the edit is still saved
        await pilot.pause()
    (edited,) = saved(practice_config)
    assert (edited.activity, edited.minutes, edited.intensity) == ("yoga", 45, "moderate")
    with Store.open(practice_config.store_path, practice_config.clock) as store:
        assert [e.uid for e in store.entries(kind="physical_activity")] == [entry.uid]


async def test_the_workbook_can_open_the_block_on_one_session(
    practice_config: SessionConfig,
) -> None:
    with Store.open(practice_config.store_path, practice_config.clock) as store:
        store.save_entry(
            module_id="practice",
            page_id="move",
            block_id="move",
            kind="physical_activity",
            data=ActivitySession(activity="walk", day=WED, minutes=20, intensity="moderate"),
        )
        focus = store.save_entry(
            module_id="practice",
            page_id="move",
            block_id="move",
            kind="physical_activity",
            data=ActivitySession(activity="cycle", day=WED, minutes=25, intensity="vigorous"),
        )
    app = EcouchApp(practice_config)
    async with app.run_test(size=TALL, notifications=True) as pilot:
        await pilot.pause()
        await open_page(app, pilot)
        page = app.screen.query_one("#page")
        await page.remove_children()
        context = BlockContext(
            session=app.session, module_id="practice", page_id="move", focus_uid=focus.uid
        )
        await page.mount(widget_for(PhysicalActivityBlock(id="move"), context))
        await pilot.pause()
        form = app.screen.query_one(SessionForm)
        assert form.uid == focus.uid
        assert app.screen.query_one("#activity", Input).value == "cycle"
        text = squash(screen_text(app))
        assert "Edit this session" in text
        assert "70 of 150 minutes this week" in text


async def test_fits_an_80_by_24_terminal(practice_config: SessionConfig) -> None:
    app = EcouchApp(practice_config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await open_page(app, pilot)
        text = screen_text(app)
        assert "0 of 150 minutes this week (vigorous minutes count double)" in text
        assert "What activity?" in text  # the form starts on the first screen
