"""Mood statistics (course/mood.py): pure functions over entries and a day passed in."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ecouch_tui.course import mood as stats
from ecouch_tui.store.records import MoodEntry

MONDAY = date(2026, 1, 5)


def entry(day: date, score: int, *tags: str) -> MoodEntry:
    return MoodEntry(day=day, score=score, tags=tags)


def days_back(*scores: int | None, end: date = MONDAY) -> list[MoodEntry]:
    """Entries for consecutive days ending `end` (None: that day not logged)."""
    start = end - timedelta(days=len(scores) - 1)
    return [
        entry(start + timedelta(days=i), score)
        for i, score in enumerate(scores)
        if score is not None
    ]


# -- series ----------------------------------------------------------------------------------


def test_series_keeps_missing_days_as_gaps_not_zeros() -> None:
    moods = days_back(4, None, 0, 7)
    days = stats.series(moods, MONDAY, 5)
    assert days.start == MONDAY - timedelta(days=4)
    assert days.end == MONDAY
    assert days.scores == (None, 4, None, 0, 7)
    assert days.score(MONDAY) == 7
    assert days.score(MONDAY + timedelta(days=1)) is None


def test_series_ignores_entries_outside_the_window() -> None:
    moods = [entry(MONDAY - timedelta(days=20), 9), entry(MONDAY, 5), entry(date(2026, 2, 1), 1)]
    assert stats.series(moods, MONDAY, 14).scores == (None,) * 13 + (5,)


@pytest.mark.parametrize(
    ("window", "first"),
    [
        (stats.TWO_WEEKS, date(2025, 12, 23)),
        (stats.THREE_MONTHS, date(2025, 10, 7)),
        (stats.YEAR, date(2025, 1, 6)),
    ],
)
def test_windows_end_today_and_span_their_days(window: stats.Window, first: date) -> None:
    assert window.start(MONDAY) == first
    days = stats.window_series([], MONDAY, window)
    assert len(days.scores) == window.days and days.start == first


# -- latest, average, range ------------------------------------------------------------------------


def test_summary_of_logged_days_only() -> None:
    numbers = stats.summarise(stats.series(days_back(3, None, 8, 5, None), MONDAY, 5))
    assert numbers.count == 3 and numbers.total == 5
    assert numbers.latest == 5 and numbers.latest_on == MONDAY - timedelta(days=1)
    assert numbers.average == pytest.approx(16 / 3)
    assert (numbers.low, numbers.high) == (3, 8)


def test_summary_of_nothing_logged_says_so() -> None:
    numbers = stats.summarise(stats.series([], MONDAY, 14))
    assert numbers == stats.Numbers(count=0, total=14)


def test_a_logged_zero_counts() -> None:
    numbers = stats.summarise(stats.series(days_back(0, 0), MONDAY, 2))
    assert numbers.count == 2 and numbers.average == 0 and numbers.low == 0


# -- weekly averages ------------------------------------------------------------------------------


def test_weekly_averages_are_monday_to_sunday() -> None:
    # Sun 21 Dec .. Mon 5 Jan: a lone Sunday, two whole weeks, and today's Monday.
    moods = days_back(2, *([4] * 7), *([6] * 6), None, 9)
    days = stats.series(moods, MONDAY, 16)
    weeks = stats.weekly_averages(days)
    assert [w.monday for w in weeks] == [
        date(2025, 12, 15),
        date(2025, 12, 22),
        date(2025, 12, 29),
        date(2026, 1, 5),
    ]
    assert [w.average for w in weeks] == [2, 4, 6, 9]
    assert [w.days for w in weeks] == [1, 7, 6, 1]


def test_a_week_with_nothing_logged_has_no_average() -> None:
    moods = [entry(date(2025, 12, 23), 5), entry(MONDAY, 7)]
    weeks = stats.weekly_averages(stats.series(moods, MONDAY, 14))
    assert [w.average for w in weeks] == [5, None, 7]
    numbers = stats.weekly_numbers(weeks)
    assert numbers.count == 2 and numbers.total == 3
    assert numbers.latest == 7 and numbers.latest_on == MONDAY
    assert (numbers.low, numbers.high, numbers.average) == (5, 7, 6)


def test_this_week_runs_from_monday_to_today() -> None:
    wednesday = MONDAY + timedelta(days=2)
    moods = [entry(MONDAY - timedelta(days=1), 1), entry(MONDAY, 4), entry(wednesday, 6)]
    week = stats.this_week(moods, wednesday)
    assert week.total == 3 and week.count == 2 and week.average == 5


# -- tags --------------------------------------------------------------------------------------------


def tagged_history() -> list[MoodEntry]:
    """Ten days: 'exercised' on the four best, 'slept badly' on the three worst."""
    moods = []
    for i, score in enumerate([8, 8, 7, 7, 5, 5, 5, 2, 2, 3]):
        tags = []
        if i < 4:
            tags.append("exercised")
        if i >= 7:
            tags.append("slept badly")
        if i in (0, 5, 9):
            tags.append("got outside")
        if i == 1:
            tags.append("saw friends")
        moods.append(entry(MONDAY - timedelta(days=i), score, *tags))
    return moods


def test_tags_that_go_with_better_and_worse_days() -> None:
    patterns = stats.tag_patterns(tagged_history())
    assert [p.tag for p in patterns.better] == ["exercised"]
    exercised = patterns.better[0]
    assert (exercised.with_days, exercised.without_days) == (4, 6)
    assert exercised.with_average == 7.5
    assert exercised.without_average == pytest.approx(22 / 6)
    assert exercised.direction == "better"
    assert [p.tag for p in patterns.worse] == ["slept badly"]
    assert patterns.worse[0].difference == pytest.approx(7 / 3 - 45 / 7)
    assert [p.tag for p in patterns.same] == ["got outside"]  # 5.33 against 5.14
    assert patterns.too_few == ["saw friends"]
    assert patterns.any


def test_a_tag_on_every_day_has_nothing_to_compare_with() -> None:
    moods = [entry(MONDAY - timedelta(days=i), 5 + i % 3, "exercised") for i in range(10)]
    patterns = stats.tag_patterns(moods)
    assert not patterns.any and patterns.too_few == ["exercised"]


def test_no_tags_no_patterns() -> None:
    patterns = stats.tag_patterns(days_back(5, 6, 7))
    assert patterns == stats.TagPatterns(better=[], worse=[], same=[], too_few=[])


def test_the_minimum_days_can_be_set() -> None:
    moods = [entry(MONDAY, 9, "saw friends"), entry(MONDAY - timedelta(days=1), 3)]
    assert stats.tag_patterns(moods, min_days=1).better[0].tag == "saw friends"


def test_tags_are_strongest_first() -> None:
    moods = []
    for i in range(12):
        tags = ["a"] if i % 2 else []
        tags += ["b"] if i % 3 == 0 else []
        moods.append(entry(MONDAY - timedelta(days=i), 9 if i % 2 else 3, *tags))
    better = stats.tag_patterns(moods).better
    assert [p.tag for p in better] == ["a"]
    assert better[0].difference == 6


def test_the_pattern_is_named_a_pattern_not_a_cause() -> None:
    assert "not causes" in stats.PATTERN_NOT_CAUSE


# -- marks and words ------------------------------------------------------------------------------


def test_sparkline_uses_the_fixed_scale_and_marks_gaps() -> None:
    assert stats.sparkline([0, 5, 10, None, 3]) == "▁▅█·▃"
    assert [stats.spark(n) for n in range(11)] == list("▁▂▂▃▄▅▅▆▇▇█")
    assert stats.spark(12) == "█" and stats.spark(-1) == "▁"


def test_numbers_in_words() -> None:
    assert stats.one_decimal(6.0) == "6"
    assert stats.one_decimal(16 / 3) == "5.3"
    assert stats.score_range(3, 8) == "3–8"
    assert stats.score_range(5, 5) == "5"
    assert stats.score_range(None, None) == ""


# -- what people type --------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "value"), [("0", 0), ("6", 6), (" 10 ", 10), ("7/10", 7)])
def test_scores_accepted(text: str, value: int) -> None:
    assert stats.parse_score(text) == value


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("11", "11 is outside that"),
        ("-1", "-1 is outside that"),
        ("abc", "'abc' is not a mood score"),
        ("6.5", "'6.5' is not a mood score"),
        ("", "'' is not a mood score"),
    ],
)
def test_scores_refused_with_a_message(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        stats.parse_score(text)


@pytest.mark.parametrize(
    ("text", "hours"), [("7", 7), ("7.5", 7.5), ("6h", 6), ("8 hours", 8), ("", None)]
)
def test_sleep_accepted(text: str, hours: float | None) -> None:
    assert stats.parse_sleep(text) == hours


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("30", "between 0 and 24"),
        ("-2", "between 0 and 24"),
        ("lots", "not a number of hours"),
        ("nan", "between"),
    ],
)
def test_sleep_refused_with_a_message(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        stats.parse_sleep(text)
