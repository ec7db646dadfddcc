"""Physical activity against the guideline: this week's total, next week's plan, and
reading the minutes and days people type.

The rule (WHO 2020): 150-300 minutes a week of moderate activity or 75-150 of vigorous,
so a vigorous minute counts as two moderate ones. Light activity (a gentle stroll,
housework) is not counted towards the guideline, which is about moderate-to-vigorous
activity; it is still totalled and shown beside it, because any amount is better than
none. A week runs Monday to Sunday, the way people plan one.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

import msgspec

from ecouch_tui.content.blocks.physical_activity import ActivitySession
from ecouch_tui.course.dates import WEEKDAYS, parse_day
from ecouch_tui.wording import relative_day, short_date

#: Most minutes one session may have (a whole day).
MAX_MINUTES = 24 * 60


class WeekTotal(msgspec.Struct, frozen=True, kw_only=True):
    """Minutes in one Monday-to-Sunday week, by intensity, against a weekly goal."""

    start: date
    end: date
    goal: int
    light: int = 0
    moderate: int = 0
    vigorous: int = 0
    sessions: int = 0

    @property
    def counted(self) -> int:
        """Minutes towards the guideline: moderate ones, plus vigorous ones twice."""
        return self.moderate + 2 * self.vigorous

    @property
    def met(self) -> bool:
        return self.counted >= self.goal

    @property
    def to_go(self) -> int:
        return max(0, self.goal - self.counted)

    @property
    def fraction(self) -> float:
        """How full the bar is, 0 to 1 (past the goal is still a full bar)."""
        return min(1.0, self.counted / self.goal) if self.goal else 1.0


def week_of(day: date) -> tuple[date, date]:
    """The Monday and Sunday of the week `day` falls in."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def next_week(today: date) -> tuple[date, date]:
    monday, _ = week_of(today)
    return monday + timedelta(days=7), monday + timedelta(days=13)


def _total(sessions: Iterable[ActivitySession], start: date, end: date, goal: int) -> WeekTotal:
    minutes = {"light": 0, "moderate": 0, "vigorous": 0}
    count = 0
    for s in sessions:
        if s.day is None or not start <= s.day <= end:
            continue
        if s.minutes is None or s.intensity is None:
            continue  # a half-written entry: nothing to add up yet
        minutes[s.intensity] += s.minutes
        count += 1
    return WeekTotal(start=start, end=end, goal=goal, sessions=count, **minutes)


def week_total(sessions: Iterable[ActivitySession], today: date, goal: int = 150) -> WeekTotal:
    """What was done this week: logged sessions, and plans marked done (plans not yet
    done are intentions, not activity)."""
    start, end = week_of(today)
    return _total((s for s in sessions if s.counts), start, end, goal)


def plan_total(sessions: Iterable[ActivitySession], today: date, goal: int = 150) -> WeekTotal:
    """What is planned for next week and not done yet."""
    start, end = next_week(today)
    return _total((s for s in sessions if s.planned and not s.done), start, end, goal)


# -- in words ------------------------------------------------------------------------------


def week_words(total: WeekTotal) -> str:
    """'Mon 5 – Sun 11 Jan'."""
    start = f"{total.start:%a} {total.start.day}"
    if total.start.month != total.end.month:
        start += f" {total.start:%b}"
    return f"{start} – {short_date(total.end)}"


def total_words(total: WeekTotal) -> str:
    """'95 of 150 minutes this week (vigorous minutes count double)'."""
    return f"{total.counted} of {total.goal} minutes this week (vigorous minutes count double)"


def progress_words(total: WeekTotal) -> str:
    """Where this leaves the user, kindly: what is left, or that the goal is met."""
    if total.met:
        said = "You have reached this week's goal. Well done."
    elif total.counted == 0 and total.light == 0:
        said = "Nothing logged yet this week. Any amount is better than none."
    else:
        said = f"{total.to_go} more to reach {total.goal}. Every bit counts."
    if total.light:
        said += (
            f" Plus {total.light} light minutes: good for you too, though the goal"
            " counts moderate and vigorous activity."
        )
    return said


def plan_words(plan: WeekTotal) -> str:
    """'Next week (Mon 12 – Sun 18 Jan): 3 sessions planned, 90 of 150 minutes.'"""
    when = f"Next week ({week_words(plan)})"
    if plan.sessions == 0:
        return f"{when}: nothing planned yet."
    count = f"{plan.sessions} session{'s' if plan.sessions != 1 else ''} planned"
    return f"{when}: {count}, {plan.counted} of {plan.goal} minutes."


# -- reading what people type ----------------------------------------------------------------


def parse_minutes(text: str) -> int | None:
    """Whole minutes from what was typed ('30', '30 min', '1h', '1h 30'); None if blank.

    Raises ValueError with a message for the person typing.
    """
    words = text.strip().lower()
    if not words:
        return None
    hours, minutes = 0, words
    if "h" in words:
        before, _, after = words.partition("h")
        after = after.removeprefix("ours").removeprefix("our").removeprefix("rs").strip()
        hours_text, minutes = before.strip(), after
        if not hours_text.isdigit():
            raise ValueError(f"'{text.strip()}' is not a number of minutes; write e.g. 30 or 1h 15")
        hours = int(hours_text)
    minutes = minutes.removesuffix("minutes").removesuffix("mins").removesuffix("min")
    minutes = minutes.removesuffix("m").strip()
    if minutes and not minutes.isdigit():
        raise ValueError(f"'{text.strip()}' is not a number of minutes; write e.g. 30 or 1h 15")
    total = hours * 60 + (int(minutes) if minutes else 0)
    if total < 1:
        raise ValueError("give at least 1 minute")
    if total > MAX_MINUTES:
        raise ValueError(f"{total} minutes is more than a day; check the number")
    return total


def parse_done_day(text: str, today: date) -> date:
    """The day a session happened: weekday names mean the last one; not in the future."""
    day = parse_day(text, today)
    if day > today:
        raise ValueError("that day has not happened yet; log it once it has, or plan it")
    return day


def parse_plan_day(text: str, today: date) -> date | None:
    """The day a plan is for: weekday names mean that day next week; not in the past.

    None when blank (the plan is not complete until a day is chosen).
    """
    words = text.strip().lower()
    if not words:
        return None
    if words[:3] in WEEKDAYS and words.isalpha():
        monday, _ = next_week(today)
        return monday + timedelta(days=WEEKDAYS.index(words[:3]))
    day = parse_day(words, today, future=True)
    if day < today:
        raise ValueError("that day has passed; a plan is for today or a day ahead")
    return day


def done_on(planned: date | None, today: date) -> date:
    """The day a plan marked done happened: its own day, or today if that is still to
    come (done sooner than planned; a session never sits in the future)."""
    return today if planned is None or planned > today else planned


def day_text(day: date | None, today: date) -> str:
    """A day as the day box shows it: words near today, else a date the box reads back."""
    if day is None:
        return ""
    return relative_day(day, today) or day.isoformat()
