"""Mood statistics: windows of days, weekly averages, the numbers, and tag patterns.

Pure functions over `MoodEntry` records and a day passed in, shared by the Mood screen
and `ecouch mood`, so the chart and the shell always tell the same story. Missing days
stay missing (None), never zero: a day not logged is not a bad day.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Literal

import msgspec

from ecouch_tui.store.records import MOOD_HIGHEST, MOOD_LOWEST, SLEEP_MOST, MoodEntry, is_sleep

#: The mood scale, as every record holds it (`store.records`).
LOWEST, HIGHEST = MOOD_LOWEST, MOOD_HIGHEST
#: The eight heights of a one-line sparkline, lowest to highest, on the fixed 0-10 scale.
SPARKS = "▁▂▃▄▅▆▇█"
#: A day with no entry: visibly different from a low day.
GAP = "·"
#: A tag needs this many days with it, and without it, before a pattern is shown.
MIN_TAG_DAYS = 3
#: Differences smaller than this (in points of mood) are "about the same".
CLEAR_DIFFERENCE = 0.5
#: Said wherever tag patterns are shown: people read causes into correlations.
PATTERN_NOT_CAUSE = (
    "These are patterns in your own log, not causes: a better day can make some things "
    "easier to do, as much as doing them can help the day."
)


class Window(msgspec.Struct, frozen=True):
    """A span of days ending today that a chart shows."""

    key: str
    label: str
    days: int

    def start(self, end: date) -> date:
        return end - timedelta(days=self.days - 1)


TWO_WEEKS = Window("2w", "2 weeks", 14)
THREE_MONTHS = Window("3m", "3 months", 91)
YEAR = Window("1y", "a year", 365)
WINDOWS: tuple[Window, ...] = (TWO_WEEKS, THREE_MONTHS, YEAR)


class Series(msgspec.Struct, frozen=True):
    """One score (or None for a day not logged) per day, from `start` on."""

    start: date
    scores: tuple[int | None, ...]

    @property
    def end(self) -> date:
        return self.start + timedelta(days=len(self.scores) - 1)

    def day(self, index: int) -> date:
        return self.start + timedelta(days=index)

    def score(self, day: date) -> int | None:
        index = (day - self.start).days
        return self.scores[index] if 0 <= index < len(self.scores) else None


class Numbers(msgspec.Struct, frozen=True):
    """What every chart also says in words: latest, average, range, and how many logged."""

    #: Slots with a value (days logged, or weeks with any day logged).
    count: int
    #: Slots in the window (days, or weeks).
    total: int
    latest: float | None = None
    latest_on: date | None = None
    average: float | None = None
    low: float | None = None
    high: float | None = None


class WeekAverage(msgspec.Struct, frozen=True):
    """One Monday-to-Sunday week: its average mood over the days logged in it."""

    monday: date
    average: float | None
    days: int


class TagPattern(msgspec.Struct, frozen=True):
    """Average mood on days with a tag against days without it (logged days only)."""

    tag: str
    with_average: float
    with_days: int
    without_average: float
    without_days: int

    @property
    def difference(self) -> float:
        return self.with_average - self.without_average

    @property
    def direction(self) -> Literal["better", "worse", "same"]:
        if self.difference >= CLEAR_DIFFERENCE:
            return "better"
        if self.difference <= -CLEAR_DIFFERENCE:
            return "worse"
        return "same"


class TagPatterns(msgspec.Struct, frozen=True):
    """Tags that go with better days, worse days, about the same; and tags too rare to say."""

    better: list[TagPattern]
    worse: list[TagPattern]
    same: list[TagPattern]
    too_few: list[str]

    @property
    def any(self) -> bool:
        return bool(self.better or self.worse or self.same)


# -- series and numbers ------------------------------------------------------------------


def series(moods: Iterable[MoodEntry], end: date, days: int) -> Series:
    """The `days` days ending on `end`, with None where nothing was logged."""
    start = end - timedelta(days=days - 1)
    scores: list[int | None] = [None] * days
    for mood in moods:
        index = (mood.day - start).days
        if 0 <= index < days:
            scores[index] = mood.score
    return Series(start=start, scores=tuple(scores))


def window_series(moods: Iterable[MoodEntry], end: date, window: Window) -> Series:
    return series(moods, end, window.days)


def numbers(values: Sequence[float | None], start: date, step_days: int = 1) -> Numbers:
    """Latest, average and range of the values present; `start` dates the first slot."""
    present = [(index, value) for index, value in enumerate(values) if value is not None]
    if not present:
        return Numbers(count=0, total=len(values))
    last_index, last = present[-1]
    scores = [value for _, value in present]
    return Numbers(
        count=len(present),
        total=len(values),
        latest=last,
        latest_on=start + timedelta(days=last_index * step_days),
        average=sum(scores) / len(scores),
        low=min(scores),
        high=max(scores),
    )


def summarise(days: Series) -> Numbers:
    """The numbers beside a daily chart."""
    return numbers(days.scores, days.start)


def weekly_averages(days: Series) -> list[WeekAverage]:
    """Monday-to-Sunday weeks over the series; the first and last may be partly outside it."""
    first_monday = days.start - timedelta(days=days.start.weekday())
    weeks: list[WeekAverage] = []
    monday = first_monday
    while monday <= days.end:
        scores = [
            score
            for offset in range(7)
            if (score := days.score(monday + timedelta(days=offset))) is not None
        ]
        weeks.append(
            WeekAverage(
                monday=monday,
                average=sum(scores) / len(scores) if scores else None,
                days=len(scores),
            )
        )
        monday += timedelta(days=7)
    return weeks


def weekly_numbers(weeks: Sequence[WeekAverage]) -> Numbers:
    """The numbers beside the weekly chart: this (latest) week, the average week, the range."""
    if not weeks:
        return Numbers(count=0, total=0)
    return numbers([week.average for week in weeks], weeks[0].monday, step_days=7)


def this_week(moods: Iterable[MoodEntry], today: date) -> Numbers:
    """From Monday to today: the week so far."""
    return summarise(series(moods, today, today.weekday() + 1))


# -- tags --------------------------------------------------------------------------------


def tag_patterns(moods: Iterable[MoodEntry], min_days: int = MIN_TAG_DAYS) -> TagPatterns:
    """Which tags go with better and worse days: a pattern to notice, not a cause.

    A tag is compared only when it is on at least `min_days` logged days and missing
    from at least `min_days` others; rarer tags are listed in `too_few`.
    """
    entries = list(moods)
    counts: dict[str, int] = {}
    for entry in entries:
        for tag in set(entry.tags):
            counts[tag] = counts.get(tag, 0) + 1
    patterns: list[TagPattern] = []
    too_few: list[str] = []
    for tag in sorted(counts):
        with_scores = [e.score for e in entries if tag in e.tags]
        without = [e.score for e in entries if tag not in e.tags]
        if len(with_scores) < min_days or len(without) < min_days:
            too_few.append(tag)
            continue
        patterns.append(
            TagPattern(
                tag=tag,
                with_average=sum(with_scores) / len(with_scores),
                with_days=len(with_scores),
                without_average=sum(without) / len(without),
                without_days=len(without),
            )
        )
    patterns.sort(key=lambda p: (-p.difference, p.tag))
    return TagPatterns(
        better=[p for p in patterns if p.direction == "better"],
        worse=sorted(
            (p for p in patterns if p.direction == "worse"), key=lambda p: (p.difference, p.tag)
        ),
        same=[p for p in patterns if p.direction == "same"],
        too_few=too_few,
    )


# -- words and marks ---------------------------------------------------------------------


def spark(score: float | None) -> str:
    """One sparkline mark for a score on the fixed 0-10 scale (GAP for a day not logged)."""
    if score is None:
        return GAP
    level = round(max(LOWEST, min(HIGHEST, score)) / HIGHEST * (len(SPARKS) - 1))
    return SPARKS[level]


def sparkline(scores: Iterable[float | None]) -> str:
    return "".join(spark(score) for score in scores)


def one_decimal(value: float) -> str:
    """'6', '5.6': whole numbers without a trailing '.0'."""
    text = f"{value:.1f}"
    return text.removesuffix(".0")


def score_range(low: float | None, high: float | None) -> str:
    """'3-8' (with an en dash), or '' when nothing is logged."""
    if low is None or high is None:
        return ""
    return one_decimal(low) if low == high else f"{one_decimal(low)}–{one_decimal(high)}"


# -- reading what people type --------------------------------------------------------------


def parse_score(text: str) -> int:
    """A mood score typed at the shell; ValueError with a message for the person typing."""
    words = text.strip().removesuffix("/10").strip()
    try:
        value = int(words)
    except ValueError:
        raise ValueError(
            f"'{text.strip()}' is not a mood score; give a whole number from "
            f"{LOWEST} (very low) to {HIGHEST} (very good)"
        ) from None
    if not LOWEST <= value <= HIGHEST:
        raise ValueError(
            f"a mood score runs from {LOWEST} (very low) to {HIGHEST} (very good); "
            f"{value} is outside that"
        )
    return value


def parse_sleep(text: str) -> float | None:
    """Hours slept ('7', '7.5', '7h'); None for nothing; ValueError with a message."""
    words = text.strip().lower().removesuffix("hours").removesuffix("h").strip()
    if not words:
        return None
    try:
        hours = float(words)
    except ValueError:
        raise ValueError(
            f"'{text.strip()}' is not a number of hours; write it like 7 or 6.5"
        ) from None
    if not is_sleep(hours):
        raise ValueError(f"hours slept should be between 0 and {SLEEP_MOST:g}, not {text.strip()}")
    return hours
