"""The rules after the last week (course/followup.py): dates, follow-ups, outcome
check-ins and the early warning, as pure functions over hand-made records."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ecouch_tui.course.followup import (
    OutcomePoint,
    add_months,
    checkin_warning,
    course_end,
    due_follow_up,
    early_warning,
    follow_up_states,
    mood_warning,
    outcome_due,
    outcome_points,
    post_day,
    warning_visible,
)
from ecouch_tui.course.outline import (
    CourseOutline,
    OutlineFollowUp,
    OutlineOutcome,
    OutlineWarning,
    OutlineWeek,
)
from ecouch_tui.course.unlock import Status
from ecouch_tui.store.records import Checkin, ModuleProgress, MoodEntry

START = date(2026, 1, 5)  # a Monday; 12 weeks end on 30 March 2026


def outline(unlock: str = "weekly", weeks: int = 12) -> CourseOutline:
    return CourseOutline(
        weeks=tuple(
            OutlineWeek(week=n, title=f"Week {n}", module_id=f"w{n}", page_ids=("a", "b"))
            for n in range(1, weeks + 1)
        ),
        unlock=unlock,
        checkin_instrument="phq9",
        follow_ups=tuple(
            OutlineFollowUp(
                id=key, months=months, title=title, module_id=f"b-{key}", page_ids=("p",)
            )
            for key, months, title in (
                ("1-month", 1, "1 month on"),
                ("3-months", 3, "3 months on"),
                ("6-months", 6, "6 months on"),
                ("12-months", 12, "12 months on"),
            )
        ),
        outcomes=(
            OutlineOutcome(
                instrument="cesd", name="CES-D", at=("baseline", "post", "6-months", "12-months")
            ),
        ),
        early_warning=OutlineWarning(checkin_rise=5, band_min=10, band="moderate"),
    )


def done(module_id: str, on: date) -> ModuleProgress:
    stamp = f"{on.isoformat()}T10:00:00+00:00"
    return ModuleProgress(module_id, None, stamp, stamp, stamp)


def checkin(on: date, total: int, instrument: str = "phq9", uid: str = "") -> Checkin:
    return Checkin(
        uid=uid or f"{instrument}-{on}",
        instrument=instrument,
        taken_at=f"{on.isoformat()}T09:00:00+00:00",
        answers=(),
        total=total,
        band="",
    )


# -- month arithmetic --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),  # a leap year
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
        (date(2026, 3, 30), 1, date(2026, 4, 30)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2026, 3, 30), 12, date(2027, 3, 30)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
    ],
)
def test_add_months_keeps_to_the_month_end(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


# -- when the course ends ----------------------------------------------------------------


def test_a_weekly_course_ends_seven_days_a_week_after_enrolment() -> None:
    assert course_end(outline(), START, {}) == date(2026, 3, 30)
    assert post_day(outline(), START, {}) == date(2026, 3, 23)  # week 12 opens


def test_a_sequential_course_ends_on_the_day_its_last_week_is_finished() -> None:
    shape = outline("sequential", weeks=3)
    progress = {"w1": done("w1", date(2026, 1, 6)), "w2": done("w2", date(2026, 2, 1))}
    assert course_end(shape, START, progress) is None
    progress["w3"] = done("w3", date(2026, 3, 14))
    assert course_end(shape, START, progress) == date(2026, 3, 14)
    assert post_day(shape, START, progress) == date(2026, 3, 14)
    # The demo's "open" override follows the same rule.
    assert course_end(outline(weeks=3), START, progress, policy="open") == date(2026, 3, 14)


# -- follow-ups ---------------------------------------------------------------------------


def test_follow_ups_open_months_after_the_end_and_are_done_when_finished() -> None:
    states = follow_up_states(outline(), START, {}, date(2026, 4, 29))
    assert [(s.id, s.status, s.opens_on) for s in states] == [
        ("1-month", Status.LOCKED, date(2026, 4, 30)),
        ("3-months", Status.LOCKED, date(2026, 6, 30)),
        ("6-months", Status.LOCKED, date(2026, 9, 30)),
        ("12-months", Status.LOCKED, date(2027, 3, 30)),
    ]
    assert due_follow_up(states) is None
    april = follow_up_states(outline(), START, {}, date(2026, 4, 30))
    assert [s.status for s in april][:2] == [Status.OPEN, Status.LOCKED]
    assert due_follow_up(april) is not None and due_follow_up(april).id == "1-month"  # type: ignore[union-attr]
    finished = {"b-1-month": done("b-1-month", date(2026, 5, 2))}
    may = follow_up_states(outline(), START, finished, date(2026, 5, 2))
    assert may[0].status == Status.DONE and due_follow_up(may) is None


def test_the_latest_open_follow_up_is_the_one_due() -> None:
    states = follow_up_states(outline(), START, {}, date(2026, 10, 1))
    found = due_follow_up(states)
    assert found is not None and found.id == "6-months"


def test_a_sequential_course_has_no_follow_up_date_until_it_ends() -> None:
    states = follow_up_states(outline("sequential", weeks=2), START, {}, date(2027, 1, 1))
    assert all(s.status == Status.LOCKED and s.opens_on is None for s in states)


def test_an_open_course_opens_every_booster_at_once_but_none_is_due_before_its_day() -> None:
    """As the demo and preview run a course: a clinician can show each booster."""
    states = follow_up_states(outline("sequential"), START, {}, date(2026, 4, 30), "open")
    assert all(s.status == Status.OPEN and s.opens_on is None for s in states)
    assert due_follow_up(states) is None
    ended = {f"w{n}": done(f"w{n}", date(2026, 3, 30)) for n in range(1, 13)}
    states = follow_up_states(outline("open"), START, ended, date(2026, 4, 30))
    assert [s.status for s in states] == [Status.OPEN] * 4
    found = due_follow_up(states)
    assert found is not None and found.id == "1-month"


def test_a_booster_that_could_not_load_is_unavailable() -> None:
    shape = outline()
    broken = OutlineFollowUp(id="1-month", months=1, title="1 month on", problem="bad file")
    shape = CourseOutline(weeks=shape.weeks, follow_ups=(broken,))
    (state,) = follow_up_states(shape, START, {}, date(2026, 5, 1))
    assert state.status == Status.UNAVAILABLE and state.problem == "bad file"


# -- outcome check-ins --------------------------------------------------------------------


def points_on(
    today: date, checkins: list[Checkin] | None = None, skipped: list[str] | None = None
) -> list[OutcomePoint]:
    return outcome_points(outline(), START, {}, checkins or [], skipped or [], today)


def test_outcome_points_are_due_in_their_windows() -> None:
    first = points_on(START)
    assert [(p.point, p.status, p.due_on) for p in first] == [
        ("baseline", "due", START),
        ("post", "upcoming", date(2026, 3, 23)),
        ("6-months", "upcoming", date(2026, 9, 30)),
        ("12-months", "upcoming", date(2027, 3, 30)),
    ]
    assert outcome_due(first) is not None and outcome_due(first).label == "start of the course"  # type: ignore[union-attr]
    # Four weeks on, the baseline is missed (no nagging) and nothing is due.
    assert outcome_due(points_on(START + timedelta(days=28))) is None
    assert points_on(START + timedelta(days=28))[0].status == "missed"
    september = points_on(date(2026, 9, 30))
    due = outcome_due(september)
    assert due is not None and (due.name, due.point, due.label) == (
        "CES-D",
        "6-months",
        "6 months on",
    )


def test_a_check_in_in_the_window_counts_for_its_point_once() -> None:
    taken = [
        checkin(START, 30, "cesd"),
        checkin(date(2026, 3, 25), 18, "cesd"),
        checkin(date(2026, 9, 27), 20, "cesd"),  # three days early still counts
        checkin(date(2026, 9, 28), 21, "phq9"),  # another questionnaire does not
    ]
    points = points_on(date(2026, 10, 1), taken)
    assert [(p.point, p.status, p.checkin.total if p.checkin else None) for p in points] == [
        ("baseline", "done", 30),
        ("post", "done", 18),
        ("6-months", "done", 20),
        ("12-months", "upcoming", None),
    ]


def test_a_skipped_point_is_not_due() -> None:
    points = points_on(date(2026, 9, 30), skipped=["cesd:6-months"])
    assert outcome_due(points) is None
    assert [p.status for p in points][2] == "skipped"


# -- the early warning --------------------------------------------------------------------

RULE = OutlineWarning(checkin_rise=5, band_min=10, band="moderate", mood_days=14, mood_below=2)
END = date(2026, 3, 30)


def test_a_check_in_up_five_from_the_end_of_the_course_warns() -> None:
    history = [checkin(date(2026, 3, 20), 3), checkin(date(2026, 3, 27), 4)]
    assert checkin_warning(RULE, [*history, checkin(date(2026, 5, 1), 8)], END) is None
    found = checkin_warning(RULE, [*history, checkin(date(2026, 5, 1), 9)], END)
    assert found is not None and "5 points higher" in found and "(4)" in found


def test_a_check_in_back_in_the_moderate_band_warns() -> None:
    history = [checkin(date(2026, 3, 27), 7)]
    assert checkin_warning(RULE, [*history, checkin(date(2026, 5, 1), 9)], END) is None
    found = checkin_warning(RULE, [*history, checkin(date(2026, 5, 1), 10)], END)
    assert found is not None and "moderate" in found
    # Still moderate from the course's end: not "again", and only 1 up.
    assert checkin_warning(RULE, [checkin(END, 11), checkin(date(2026, 5, 1), 12)], END) is None
    # Only check-ins after the end count: none yet, no warning.
    assert checkin_warning(RULE, history, END) is None


def moods(start: date, scores: list[int]) -> list[MoodEntry]:
    return [MoodEntry(day=start + timedelta(days=i), score=s) for i, s in enumerate(scores)]


def test_two_weeks_of_mood_well_below_the_usual_warns() -> None:
    today = date(2026, 6, 1)
    window = today - timedelta(days=13)
    usual = moods(window - timedelta(days=30), [7] * 30)
    assert mood_warning(RULE, [*usual, *moods(window, [6] * 14)], today) is None
    found = mood_warning(RULE, [*usual, *moods(window, [5] * 14)], today)
    assert found is not None and "5.0 out of 10" in found and "7.0" in found
    # Too few days logged in the fortnight, or too little history before it: no verdict.
    assert mood_warning(RULE, [*usual, *moods(window, [1] * 5)], today) is None
    assert (
        mood_warning(
            RULE, [*moods(window - timedelta(days=5), [7] * 5), *moods(window, [1] * 14)], today
        )
        is None
    )


def test_the_early_warning_waits_for_the_end_of_the_course() -> None:
    rising = [checkin(date(2026, 3, 1), 2), checkin(date(2026, 3, 29), 12)]
    assert early_warning(RULE, END, date(2026, 3, 29), rising, []) == []
    assert early_warning(RULE, None, date(2026, 6, 1), rising, []) == []
    assert early_warning(None, END, date(2026, 6, 1), rising, []) == []
    after = [*rising[:1], checkin(date(2026, 3, 27), 2), checkin(date(2026, 4, 20), 8)]
    assert len(early_warning(RULE, END, date(2026, 4, 21), after, [])) == 1


def test_the_warning_shows_at_most_once_a_week_and_never_when_off() -> None:
    day = date(2026, 5, 4)
    assert warning_visible(True, None, False, day)
    assert not warning_visible(False, None, False, day)
    assert warning_visible(True, day, False, day)  # up until dismissed, that day
    assert not warning_visible(True, day, True, day)
    assert not warning_visible(True, day, False, day + timedelta(days=1))
    assert not warning_visible(True, day, True, day + timedelta(days=6))
    assert warning_visible(True, day, True, day + timedelta(days=7))
