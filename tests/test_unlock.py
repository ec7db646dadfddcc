"""Week unlocking and resuming: pure rules, with the clock moved by hand."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from ecouch_tui.content.loader import load_course
from ecouch_tui.course.outline import outline_of
from ecouch_tui.course.progress import continue_target, overall
from ecouch_tui.course.unlock import Status, current_week, week_states
from ecouch_tui.store.records import ModuleProgress

COURSE = outline_of(load_course(Path(__file__).parent / "fixtures" / "course"))
START = date(2026, 1, 5)


def done(module_id: str) -> ModuleProgress:
    return ModuleProgress(module_id, "last", "t", "2026-01-06T10:00:00+00:00", "t")


def reading(module_id: str, page: str, at: str) -> ModuleProgress:
    return ModuleProgress(module_id, page, at, at, None, frozenset({page}))


def statuses(progress: dict, today: date, policy: str | None = None) -> list[Status]:
    return [s.status for s in week_states(COURSE, START, progress, today, policy)]  # type: ignore[arg-type]


def test_weekly_opens_one_week_every_seven_days() -> None:
    assert statuses({}, START) == [Status.OPEN, Status.LOCKED, Status.LOCKED]
    assert statuses({}, START + timedelta(days=6)) == [Status.OPEN, Status.LOCKED, Status.LOCKED]
    assert statuses({}, START + timedelta(days=7)) == [Status.OPEN, Status.OPEN, Status.LOCKED]
    assert statuses({}, START + timedelta(days=14)) == [Status.OPEN] * 3


def test_locked_weeks_know_when_they_open() -> None:
    states = week_states(COURSE, START, {}, START)
    assert [s.opens_on for s in states] == [START, date(2026, 1, 12), date(2026, 1, 19)]


def test_done_wins_over_calendar() -> None:
    assert statuses({"welcome": done("welcome")}, START)[0] == Status.DONE


def test_sequential_waits_for_the_week_before() -> None:
    assert statuses({}, START, "sequential") == [Status.OPEN, Status.LOCKED, Status.LOCKED]
    after_one = statuses({"welcome": done("welcome")}, START, "sequential")
    assert after_one == [Status.DONE, Status.OPEN, Status.LOCKED]


def test_open_policy_opens_everything() -> None:
    assert statuses({}, START, "open") == [Status.OPEN] * 3


def test_current_week() -> None:
    assert current_week(START, START) == 1
    assert current_week(START, START + timedelta(days=13)) == 2
    assert current_week(START, START - timedelta(days=3)) == 1


def test_continue_resumes_the_most_recent_open_week_on_its_page() -> None:
    today = START + timedelta(days=14)
    progress = {
        "welcome": reading("welcome", "check", "2026-01-06T10:00:00+00:00"),
        "thoughts": reading("thoughts", "noticing", "2026-01-13T10:00:00+00:00"),
    }
    states = week_states(COURSE, START, progress, today)
    target = continue_target(COURSE, states, progress)
    assert target is not None
    assert (target.module_id, target.page_id, target.page_index) == ("thoughts", "noticing", 1)


def test_continue_falls_back_to_first_open_week_and_ignores_unknown_pages() -> None:
    progress = {"welcome": reading("welcome", "a-page-that-was-renamed", "2026-01-05T10:00")}
    states = week_states(COURSE, START, progress, START)
    target = continue_target(COURSE, states, progress)
    assert target is not None and (target.module_id, target.page_index) == ("welcome", 0)


def test_nothing_to_continue_when_open_weeks_are_done() -> None:
    progress = {"welcome": done("welcome")}
    states = week_states(COURSE, START, progress, START)
    assert continue_target(COURSE, states, progress) is None
    assert overall(states).done == 1 and overall(states).total == 3
