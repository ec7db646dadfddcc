"""A second check-in on the same day, the other questionnaires, and where Esc leads
(issue 13, items 2 and 13)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from helpers import enrol, screen_text, squash
from textual.pilot import Pilot

from ecouch_tui.clock import FixedClock
from ecouch_tui.content.cache import load_course_cached
from ecouch_tui.course.checkin_text import NOTICE_SEEN
from ecouch_tui.report import html
from ecouch_tui.report.gather import build_report
from ecouch_tui.session import SessionConfig
from ecouch_tui.store.db import Store
from ecouch_tui.store.report import read_report_records
from ecouch_tui.ui.app import EcouchApp
from ecouch_tui.ui.screens.checkin import CheckinScreen
from ecouch_tui.ui.screens.history import HistoryScreen
from ecouch_tui.ui.screens.home import HomeScreen

SIZE = (80, 24)


def ready(config: SessionConfig, earlier_total: int | None = None) -> None:
    """Enrolled, past the data notice and, if given, a PHQ-9 of that total done today."""
    enrol(config)
    with Store.open(config.store_path, config.clock) as store:
        store.set_setting(NOTICE_SEEN, True)
        if earlier_total is not None:
            answers = [0] * 9
            answers[0] = earlier_total
            store.save_checkin("phq9", answers, earlier_total, "minimal")


def text(app: EcouchApp) -> str:
    return squash(screen_text(app))


def totals(config: SessionConfig) -> list[int]:
    with Store.open(config.store_path, config.clock) as store:
        return [c.total for c in store.checkins("phq9")]


async def press(pilot: Pilot[None], *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


async def test_a_second_check_in_today_says_so_and_esc_keeps_todays(config: SessionConfig) -> None:
    ready(config, earlier_total=3)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await press(pilot, "k")
        shown = text(app)
        assert "Done today" in shown
        assert "You already did a PHQ-9 check-in today: total 3 of 27 (minimal)." in shown
        assert "your new answers will replace today's once you finish" in shown
        assert "Answer again ▶" in shown and "Esc keeps today's" in shown
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)
    assert totals(config) == [3]


@pytest.mark.slow
async def test_answering_again_replaces_todays_check_in_when_finished(
    config: SessionConfig,
) -> None:
    ready(config, earlier_total=3)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await press(pilot, "k", "enter")
        assert "Question 1 of 9" in text(app)
        await press(pilot, *"211100000")
        await press(pilot, "escape")  # the optional question: skipped
        shown = text(app)
        assert "Total: 5 of 27" in shown
        assert "Saved, in place of the check-in you did earlier today." in shown
        await press(pilot, "h")
        assert isinstance(app.screen, HistoryScreen)
        shown = text(app)
        assert " 5 " in f" {shown} " and " 3 " not in f" {shown} "
    assert totals(config) == [5]


async def test_stopping_a_second_check_in_half_way_keeps_todays(config: SessionConfig) -> None:
    ready(config, earlier_total=3)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await press(pilot, "k", "enter", "2", "2", "escape")
        assert isinstance(app.screen, HomeScreen)
        assert "Today's earlier result is kept." in text(app)
    assert totals(config) == [3]


async def test_a_check_in_on_another_day_is_not_asked_about(config: SessionConfig) -> None:
    ready(config, earlier_total=3)
    assert isinstance(config.clock, FixedClock)
    config.clock.set(datetime(2026, 1, 12, 9))
    app = EcouchApp(config)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "k")
        shown = text(app)
        assert "Done today" not in shown
        assert "Question 1 of 9" in shown


async def test_esc_in_a_check_in_opened_from_history_returns_to_history(
    config: SessionConfig,
) -> None:
    ready(config)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "h")
        assert isinstance(app.screen, HistoryScreen)
        await press(pilot, "k")
        assert isinstance(app.screen, CheckinScreen)
        await press(pilot, "1", "escape")
        assert isinstance(app.screen, HistoryScreen)
        assert "No check-ins yet" in text(app)


@pytest.mark.slow
async def test_a_check_in_finished_from_history_shows_there(config: SessionConfig) -> None:
    ready(config)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "h", "k", *"111111111", "escape", "escape")
        assert isinstance(app.screen, HistoryScreen)
        assert "No check-ins yet" not in text(app)
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)


async def test_the_check_in_screen_offers_every_questionnaire(config: SessionConfig) -> None:
    ready(config)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "k")
        assert "o Others" in text(app)
        await press(pilot, "o")
        shown = text(app)
        assert "Which questionnaire?" in shown
        assert "Choose a check-in" in shown and "PHQ-9 check-in" not in shown
        assert "1 PHQ-9 · depression · 9 questions (your weekly check-in)" in shown
        assert "5 K10 · psychological distress · 10 questions" in shown
        await press(pilot, "5")
        shown = text(app)
        assert "K10 check-in" in shown
        assert "In the past 4 weeks, about how often did you feel…" in shown
        assert "Question 1 of 10" in shown
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)


def test_the_report_lists_one_check_in_a_day(config: SessionConfig) -> None:
    """Three PHQ-9s on one day (saved before the app offered to replace them, or from the
    shell): the report lists the last one for that day."""
    enrol(config)
    day = date(2026, 1, 5)
    with Store.open(config.store_path, config.clock) as store:
        for hour, total in ((9, 12), (10, 10), (11, 8)):
            stamp = datetime(2026, 1, 5, hour).astimezone().isoformat(timespec="seconds")
            store.save_checkin("phq9", [1] * 8 + [0], total, "mild", taken_at=stamp)
        records = read_report_records(store)
    course = load_course_cached(config.modules_dir, None)
    report = build_report(course, records, day, version="test")
    assert [(r.day, r.total) for r in report.instruments[0].rows] == [(day, 8)]
    page = html.render(report)
    assert page.count("<td>Mon 5 Jan 2026</td>") == 1  # one row in the PHQ-9 table
    assert "8 (mild) on Mon 5 Jan 2026; 1 check-in" in page
