"""Rules for the activity schedule: which days a plan may go on, the plan day by day, and
how what happened compares with what was expected.

Pure functions over plans and today's date, so they are tested without the app. The
comparison is the point of the exercise: people with low mood tend to predict less
enjoyment than they then feel, and their own numbers say so more kindly than advice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta

import msgspec

from ecouch_tui.content.blocks.activity_schedule import PlannedActivity
from ecouch_tui.wording import relative_day, short_date

#: Plans this many days old still show in the by-day list (to mark done and rate).
LOOK_BACK_DAYS = 7
#: Average differences smaller than this are "about what you expected".
NOTICEABLE = 0.5

_TIME = re.compile(r"^\s*(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?(?:\W|$)", re.I)


def last_plan_day(today: date, days_ahead: int) -> date:
    return today + timedelta(days=days_ahead)


def plan_day_problem(
    day: date, today: date, days_ahead: int, saved: date | None = None
) -> str | None:
    """Why `day` cannot hold a plan, in words for the user; None when it can.

    The day a plan already has is always accepted (reopening an old plan to rate it
    must not be refused); a new or moved plan goes on today or a coming day.
    """
    if day == saved:
        return None
    last = last_plan_day(today, days_ahead)
    if day < today:
        return (
            f"{short_date(day)} has already passed: plan for today or a day up to"
            f" {short_date(last)}."
            " To record something you did, use the activity log."
        )
    if day > last:
        return f"Plan up to {days_ahead} days ahead, so by {short_date(last)} at the latest."
    return None


def day_input_text(day: date | None, today: date) -> str:
    """What to put back in a day box so that reading it gives the same day."""
    if day is None:
        return "tomorrow"
    return relative_day(day, today) or day.isoformat()


def time_key(text: str) -> int | None:
    """Minutes after midnight for times like '10:30', '9am', '14.15'; None for 'after lunch'."""
    match = _TIME.match(text)
    if match is None:
        return None
    hour, minutes = int(match[1]), int(match[2] or 0)
    suffix = (match[3] or "").replace(".", "").lower()
    if suffix == "pm" and hour < 12:
        hour += 12
    elif suffix == "am" and hour == 12:
        hour = 0
    if not match[2] and not suffix and hour > 23:
        return None
    if hour > 23 or minutes > 59:
        return None
    return hour * 60 + minutes


class DayPlan(msgspec.Struct, frozen=True):
    """One day of the plan: (uid, plan) pairs in time order. `day` None: not dated yet."""

    day: date | None
    plans: list[tuple[str, PlannedActivity]]


def by_day(
    plans: Iterable[tuple[str, PlannedActivity]], since: date | None = None
) -> list[DayPlan]:
    """Plans grouped by day, days in order, undated drafts last.

    Within a day, timed plans come first in time order, then the rest as written.
    `since` leaves out days before it (older plans are still in the Workbook).
    """
    groups: dict[date | None, list[tuple[str, PlannedActivity]]] = {}
    for uid, plan in plans:
        if since is not None and plan.day is not None and plan.day < since:
            continue
        groups.setdefault(plan.day, []).append((uid, plan))
    days = sorted(d for d in groups if d is not None) + ([None] if None in groups else [])
    result = []
    for day in days:
        entries = groups[day]

        def order(i: int, entries: list[tuple[str, PlannedActivity]] = entries) -> tuple[int, int]:
            minutes = time_key(entries[i][1].time)
            return (0, minutes) if minutes is not None else (1, i)

        result.append(DayPlan(day, [entries[i] for i in sorted(range(len(entries)), key=order)]))
    return result


def earlier_count(plans: Iterable[PlannedActivity], since: date) -> int:
    """How many plans `by_day(..., since)` leaves out."""
    return sum(1 for plan in plans if plan.day is not None and plan.day < since)


def due(plan: PlannedActivity, today: date) -> bool:
    """Its day has come and it is not marked done yet: time to say how it went."""
    return not plan.done and plan.day is not None and plan.day <= today


def remark(plan: PlannedActivity) -> str:
    """One calm sentence on one rated plan: more, less or as enjoyable as expected."""
    if not plan.rated or plan.expected_enjoyment is None:
        return ""
    assert plan.actual_enjoyment is not None
    gap = plan.actual_enjoyment - plan.expected_enjoyment
    if gap > 0:
        return "You enjoyed it more than you expected."
    if gap < 0:
        return "Less enjoyable than you hoped this time; doing it still counts."
    return "About as enjoyable as you expected."


class Hindsight(msgspec.Struct, frozen=True, kw_only=True):
    """Averages over the done plans that have both an expected and an actual rating."""

    count: int
    expected_enjoyment: float
    actual_enjoyment: float
    expected_achievement: float
    actual_achievement: float

    def words(self) -> str:
        def avg(value: float) -> str:
            return f"{value:.1f}".removesuffix(".0")

        things = "1 done activity" if self.count == 1 else f"{self.count} done activities"
        line = (
            f"Expected → actual, on average over {things}: enjoyment"
            f" {avg(self.expected_enjoyment)} → {avg(self.actual_enjoyment)}, achievement"
            f" {avg(self.expected_achievement)} → {avg(self.actual_achievement)}."
        )
        gap = self.actual_enjoyment - self.expected_enjoyment
        if gap >= NOTICEABLE:
            line += " You enjoy things more than you predict: worth remembering next time."
        elif gap <= -NOTICEABLE:
            line += " Less than you hoped so far; small, easy plans are a good place to start."
        return line


def hindsight(plans: Iterable[PlannedActivity]) -> Hindsight | None:
    """Planned against actual over every rated plan; None before the first one."""
    rated = [
        p
        for p in plans
        if p.rated and p.expected_enjoyment is not None and p.expected_achievement is not None
    ]
    if not rated:
        return None

    def mean(values: list[int | None]) -> float:
        return sum(v or 0 for v in values) / len(values)

    return Hindsight(
        count=len(rated),
        expected_enjoyment=mean([p.expected_enjoyment for p in rated]),
        actual_enjoyment=mean([p.actual_enjoyment for p in rated]),
        expected_achievement=mean([p.expected_achievement for p in rated]),
        actual_achievement=mean([p.actual_achievement for p in rated]),
    )
