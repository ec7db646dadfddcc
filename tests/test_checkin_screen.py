"""The check-in, its safety response and the history, driven by keyboard in the real app."""

from __future__ import annotations

import shutil
from datetime import date

import pytest
from helpers import enrol, screen_text, squash
from textual.pilot import Pilot
from textual.widgets import TextArea

from ecouch_tui.content.loader import load_questionnaires
from ecouch_tui.content.safety_plan import SafetyPlan
from ecouch_tui.course.checkin_text import NOTICE_SEEN
from ecouch_tui.paths import bundled_modules_dir
from ecouch_tui.session import SessionConfig
from ecouch_tui.store.db import Store
from ecouch_tui.ui.app import EcouchApp
from ecouch_tui.ui.screens.checkin import CheckinScreen, Step
from ecouch_tui.ui.screens.help import HelpScreen
from ecouch_tui.ui.screens.history import HistoryScreen, chart_lines
from ecouch_tui.ui.screens.home import HomeScreen
from ecouch_tui.ui.screens.safety import SafetyScreen
from ecouch_tui.ui.screens.safety_plan import SafetyPlanScreen

SIZE = (80, 24)
TALL = (100, 44)


def seen_notice(config: SessionConfig, region: str = "AU") -> None:
    """Enrolled, and past the one-time data notice."""
    enrol(config, region)
    with Store.open(config.store_path, config.clock) as store:
        store.set_setting(NOTICE_SEEN, True)


def add_checkin(
    config: SessionConfig, day: date, total: int, band: str, name: str = "phq9"
) -> None:
    with Store.open(config.store_path, config.clock) as store:
        store.save_checkin(name, [0] * 9, total, band, taken_at=f"{day.isoformat()}T09:00:00+00:00")


def text(app: EcouchApp) -> str:
    return squash(screen_text(app))


async def start_checkin(pilot: Pilot) -> None:
    await pilot.pause()
    await pilot.press("k")
    await pilot.pause()


async def answer(pilot: Pilot, *digits: int | str) -> None:
    for digit in digits:
        await pilot.press(str(digit))
        await pilot.pause()


def stored(config: SessionConfig) -> Store:
    return Store.open(config.store_path, config.clock)


# -- the data notice -----------------------------------------------------------------------


async def test_the_data_notice_comes_before_the_first_check_in_only(config: SessionConfig) -> None:
    enrol(config)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await start_checkin(pilot)
        assert isinstance(app.screen, CheckinScreen)
        shown = text(app)
        assert "Before your first check-in" in shown
        assert "(PHQ-9, 9 questions)" in shown
        assert "Your answers stay on this computer" in shown
        assert "nobody else sees them, so nobody can respond to them" in shown
        assert "Press F1 at any time for crisis lines." in shown
        assert "watch" not in shown.lower() and "monitor" not in shown.lower()
        await pilot.press("escape")  # not now: it will be shown again
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await start_checkin(pilot)
        assert "Before your first check-in" in text(app)
        await pilot.press("enter")  # Continue
        await pilot.pause()
        assert "Question 1 of 9" in text(app)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await start_checkin(pilot)
        shown = text(app)
        assert "Before your first check-in" not in shown
        assert "Question 1 of 9" in shown


# -- answering -----------------------------------------------------------------------------


@pytest.mark.slow
async def test_answering_every_question_by_keyboard_shows_the_result(config: SessionConfig) -> None:
    seen_notice(config)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await start_checkin(pilot)
        shown = text(app)
        assert "Over the last 2 weeks, how often have you been bothered" in shown
        assert "1. Little interest or pleasure in doing things" in shown
        assert "0 Not at all" in shown and "3 Nearly every day" in shown
        assert "educational grant from Pfizer Inc." in shown  # the instrument's notice
        await answer(pilot, 0, 1)
        shown = text(app)
        assert "Question 3 of 9" in shown
        assert "3. Trouble falling or staying asleep, or sleeping too much" in shown
        assert "✓ Question 2: Several days" in shown
        await answer(pilot, 1, 2, 0, 1, 0, 0, 0)
        # The optional, unscored question comes last.
        shown = text(app)
        assert "One more question: optional, not part of the score" in shown
        assert "how difficult have these problems made it for you" in shown
        await answer(pilot, 2)
        screen = app.screen
        assert isinstance(screen, CheckinScreen) and screen.step == Step.RESULT
        shown = text(app)
        assert "Your PHQ-9 result · Monday 5 January" in shown
        assert "Total: 5 of 27" in shown
        assert "Band: mild, 5–9" in shown
        assert "Some signs of depression." in shown
        assert "This is your first PHQ-9 check-in" in shown
        assert "Saved. Next check-in: Mon 12 Jan." in shown
        assert "if you ever feel unsafe, press F1" in shown
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Next check-in Mon 12 Jan" in text(app)
    with stored(config) as store:
        (record,) = store.checkins()
        assert record.answers == (0, 1, 1, 2, 0, 1, 0, 0, 0)
        assert (record.total, record.band) == (5, "mild")
        assert record.extra == {"difficulty": "Somewhat difficult"}
        assert store.safety_events() == []


@pytest.mark.slow
async def test_arrows_enter_back_and_next_work_too(config: SessionConfig) -> None:
    seen_notice(config)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await start_checkin(pilot)
        await pilot.press("n")  # no answer yet
        await pilot.pause()
        assert "Choose an answer first: every question needs one." in text(app)
        assert "Question 1 of 9" in text(app)
        await pilot.press("down", "enter")  # the list starts on "0": down to "1 Several days"
        await pilot.pause()
        assert "Question 2 of 9" in text(app)
        assert "✓ Question 1: Several days" in text(app)
        await pilot.press("left")  # back to question 1: the answer is still marked
        await pilot.pause()
        assert "Question 1 of 9" in text(app)
        assert "▐●▌ 1 Several days" in text(app)  # marked, not only coloured
        await pilot.press("right")  # forward again without changing it
        await pilot.pause()
        assert "Question 2 of 9" in text(app)
        await answer(pilot, 7)  # not an answer on the PHQ-9
        assert "Answers here are 0 to 3." in text(app)
        assert "Question 2 of 9" in text(app)
        await answer(pilot, *[0] * 8)
        await pilot.press("escape")  # skip the extra question
        await pilot.pause()
        assert "Total: 1 of 27" in text(app)
    with stored(config) as store:
        (record,) = store.checkins()
        assert record.answers == (1, 0, 0, 0, 0, 0, 0, 0, 0) and record.extra == {}


async def test_leaving_half_way_saves_nothing_and_says_so(config: SessionConfig) -> None:
    seen_notice(config)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await start_checkin(pilot)
        await answer(pilot, 2, 2, 2)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Check-in stopped. Nothing was saved" in text(app)
        assert "Check-in due now (k)" in text(app)
    with stored(config) as store:
        assert store.checkins() == []


@pytest.mark.slow
async def test_change_since_last_time_and_a_clear_rise(config: SessionConfig) -> None:
    seen_notice(config)
    add_checkin(config, date(2025, 12, 29), 2, "minimal")
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await start_checkin(pilot)
        await answer(pilot, 2, 2, 2, 1, 1, 1, 0, 0, 0, 1)
        shown = text(app)
        assert "Total: 9 of 27" in shown
        assert "Change: up 7 points since Mon 29 Dec (from 2 to 9)." in shown
        assert "Your PHQ-9 total has gone up 7 points since Mon 29 Dec, from 2 to 9." in shown
        assert "talking over with your doctor (GP) soon" in shown
        assert not isinstance(app.screen, SafetyScreen)


@pytest.mark.slow
async def test_a_fall_is_shown_as_down(config: SessionConfig) -> None:
    seen_notice(config)
    add_checkin(config, date(2025, 12, 29), 8, "mild")
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await start_checkin(pilot)
        await answer(pilot, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1)
        shown = text(app)
        assert "Change: down 3 points since Mon 29 Dec (from 8 to 5)." in shown
        assert "gone up" not in shown


# -- the safety response -------------------------------------------------------------------


@pytest.mark.slow
async def test_item_9_above_0_opens_the_safety_screen_at_once(config: SessionConfig) -> None:
    seen_notice(config, "AU")
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await start_checkin(pilot)
        await answer(pilot, *[0] * 8, 1)  # a total of 1: the answer alone is enough
        assert isinstance(app.screen, SafetyScreen)  # before any further question
        shown = text(app)
        assert "Let's pause here" in shown
        assert "Your answers show thoughts of being better off dead or of self-harm" in shown
        assert "Your PHQ-9 total is 1 of 27 (minimal)." in shown
        assert "ecouch can't help in a crisis, and nobody else sees your answers." in shown
        assert "If you are in danger now, call 000." in shown
        assert "Lifeline: call 13 11 14" in shown
        assert "Suicide Call Back Service: call 1300 659 467" in shown
        assert "Please contact your doctor (GP) or one of these lines today." in shown
        # The numbers come first; the plan and the way back are named in the footer.
        assert "p Safety plan" in shown and "esc Back" in shown
        with stored(config) as store:
            (event,) = store.safety_events()
            assert event.source == "checkin:phq9"
            assert "PHQ-9 item 9" in event.reason
            assert "total 1 (minimal)" in event.detail
            assert [c.total for c in store.checkins()] == [1]  # saved: every item answered
        await pilot.press("escape")  # the way back: to the result
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CheckinScreen) and screen.step == Step.RESULT
        shown = text(app)
        assert "Total: 1 of 27" in shown
        assert "The crisis lines are one key away whenever you need them: F1." in shown
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    with stored(config) as store:
        assert len(store.safety_events()) == 1
        assert store.checkins()[0].extra == {}


async def test_a_severe_total_opens_the_safety_screen(config: SessionConfig) -> None:
    seen_notice(config, "US")
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await start_checkin(pilot)
        await answer(pilot, 3, 3, 3, 3, 3, 3, 2, 0, 0)  # 20, item 9 is 0
        assert isinstance(app.screen, SafetyScreen)
        shown = text(app)
        assert "a PHQ-9 total in the severe band (20 or more)" in shown
        assert "Your PHQ-9 total is 20 of 27 (severe)." in shown
        assert "If you are in danger now, call 911." in shown
        assert "988 Suicide & Crisis Lifeline: call or text 988" in shown
        await pilot.press("escape")
        await pilot.pause()
        assert "Band: severe, 20–27" in text(app)
    with stored(config) as store:
        (event,) = store.safety_events()
        assert "severe band" in event.reason


async def test_a_very_high_k10_opens_the_safety_screen(config: SessionConfig) -> None:
    seen_notice(config, "UK")
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.action_checkin("k10")
        await pilot.pause()
        shown = text(app)
        assert "In the past 4 weeks, about how often did you feel…" in shown
        assert "1. tired out for no good reason?" in shown
        assert "Press 1–5 to answer" in shown
        await answer(pilot, 0)
        assert "Answers here are 1 to 5." in text(app)
        await answer(pilot, *[3] * 10)
        assert isinstance(app.screen, SafetyScreen)
        assert "Samaritans: call 116 123" in text(app)
    with stored(config) as store:
        assert [e.source for e in store.safety_events()] == ["checkin:k10"]
        assert [(c.instrument, c.total) for c in store.checkins()] == [("k10", 30)]


@pytest.mark.slow
async def test_help_and_the_region_can_be_reached_from_the_safety_screen(
    config: SessionConfig,
) -> None:
    seen_notice(config, "AU")
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await start_checkin(pilot)
        await answer(pilot, *[0] * 8, 2)
        assert isinstance(app.screen, SafetyScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("r")  # wrong country: choose another, the lines follow
        await pilot.pause()
        await pilot.press("down", "enter")  # New Zealand
        await pilot.pause()
        assert isinstance(app.screen, SafetyScreen)
        assert "If you are in danger now, call 111." in text(app)


@pytest.mark.slow
async def test_the_safety_plan_saves_as_typed(config: SessionConfig) -> None:
    seen_notice(config)
    app = EcouchApp(config)
    async with app.run_test(size=TALL, notifications=True) as pilot:
        await start_checkin(pilot)
        await answer(pilot, *[0] * 8, 1)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, SafetyPlanScreen)
        shown = text(app)
        assert "Warning signs that a crisis may be starting" in shown
        assert "People I can ask for help" in shown
        await pilot.press(*"not sleeping")
        await pilot.press("tab")  # leaving a box saves it
        await pilot.press(*"a walk")
        await pilot.pause()
        with stored(config) as store:
            entry = store.entry("safety_plan")
            assert entry is not None and entry.kind == "safety_plan"
            assert entry.decode(SafetyPlan).warning_signs == "not sleeping"
        await pilot.press("escape")  # done: back to the safety screen, all of it saved
        await pilot.pause()
        assert isinstance(app.screen, SafetyScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("p")  # from the result: the same plan, as written
        await pilot.pause()
        assert isinstance(app.screen, SafetyPlanScreen)
        area = app.screen.query_one("#plan-coping_alone", TextArea)
        assert area.text == "a walk"
        assert "2 of 6 sections written" in text(app)
    with stored(config) as store:
        plans = store.entries(kind="safety_plan")
        assert len(plans) == 1
        plan = plans[0].decode(SafetyPlan)
        assert (plan.warning_signs, plan.coping_alone) == ("not sleeping", "a walk")


# -- history -------------------------------------------------------------------------------


@pytest.mark.slow
async def test_history_charts_every_result_with_its_bands(config: SessionConfig) -> None:
    seen_notice(config)
    add_checkin(config, date(2025, 12, 15), 14, "moderate")
    add_checkin(config, date(2025, 12, 22), 21, "severe")
    add_checkin(config, date(2025, 12, 29), 8, "mild")
    app = EcouchApp(config)
    async with app.run_test(size=TALL, notifications=True) as pilot:
        await start_checkin(pilot)
        await answer(pilot, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1)  # 5, mild
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        shown = screen_text(app)
        flat = squash(shown)
        assert "PHQ-9 · 4 check-ins" in flat
        for label in ("20–27 severe", "15–19 moderately severe", "10–14 moderate", "5–9 mild"):
            assert label in shown
        assert "0–4 minimal" in shown
        for point in ("●14", "●21", "●8", "●5"):
            assert point in shown
        assert "15 Dec" in shown
        assert (
            "Latest: 5 of 27 (mild) on Mon 5 Jan. Down 3 points since Mon 29 Dec (from 8 to 5). "
            "Range over 4 check-ins: lowest 5, highest 21, average 12."
        ) in flat
        assert "Mon 5 Jan 2026 5 mild -3" in flat
        assert "Mon 22 Dec 2025 21 severe +7" in flat
        assert "Mon 15 Dec 2025 14 moderate" in flat
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_history_with_nothing_yet_offers_a_check_in(config: SessionConfig) -> None:
    seen_notice(config)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.action_history()
        await pilot.pause()
        assert "No check-ins yet. Press k to do one now" in text(app)
        await pilot.press("k")
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)


@pytest.fixture(scope="module")
def phq9():
    found, _ = load_questionnaires(bundled_modules_dir())
    return next(q for q in found if q.id == "phq9")


@pytest.mark.parametrize("width", [40, 80, 120])
def test_every_total_is_drawn_beside_its_own_band(phq9, width: int) -> None:
    for total in range(0, 28):
        lines = [line.plain for line in chart_lines(phq9, [(date(2026, 1, 5), total)], width)]
        row = next(i for i, line in enumerate(lines) if "●" in line)
        label = next(
            line.split("┤")[0].strip() for line in reversed(lines[: row + 1]) if "┤" in line
        )
        band = next(b for b in phq9.bands if b.min <= total <= b.max)
        assert label.startswith(f"{band.min}–{band.max}"), (total, label)
        assert all(len(line) <= width for line in lines)


def test_a_long_history_draws_the_latest_and_says_so(phq9) -> None:
    points = [(date(2025, 1, 6 + n % 20), n % 28) for n in range(60)]
    lines = [line.plain for line in chart_lines(phq9, points, 80)]
    assert "are drawn; all are listed below" in lines[-1]
    assert all(len(line) <= 80 for line in lines)


@pytest.mark.slow
async def test_an_item_rule_before_the_last_question_pauses_the_flow_at_once(
    config: SessionConfig, course_dir
) -> None:
    """A course may put a safety rule on any item: the screen opens as soon as it fires."""
    shutil.copytree(bundled_modules_dir() / "questionnaires", course_dir / "questionnaires")
    phq9 = course_dir / "questionnaires" / "phq9.yaml"
    phq9.write_text(
        phq9.read_text().replace(
            "  - item: self-harm\n    above: 0", "  - item: interest\n    above: 2"
        )
    )
    config.modules_dir = course_dir
    seen_notice(config)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await start_checkin(pilot)
        await answer(pilot, 3)
        assert isinstance(app.screen, SafetyScreen)
        assert "Your PHQ-9 total" not in text(app)  # not known yet
        with stored(config) as store:
            (event,) = store.safety_events()
            assert event.detail == "during the questions, in the app"
            assert store.checkins() == []  # nothing saved half-way
        await pilot.press("escape")  # back to the questions, where the person was
        await pilot.pause()
        assert "Question 2 of 9" in text(app)
        await answer(pilot, *[0] * 8)
        # The same reason is not shown twice; the extra question still comes.
        assert isinstance(app.screen, CheckinScreen)
        await answer(pilot, 1)
        assert "Total: 3 of 27" in text(app)
    with stored(config) as store:
        assert len(store.safety_events()) == 1
        assert [c.total for c in store.checkins()] == [3]


async def test_an_unknown_questionnaire_is_explained(config: SessionConfig) -> None:
    seen_notice(config)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.action_checkin("bdi2")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        shown = text(app)  # a toast, wrapped: check its words in two parts
        assert "This course has no questionnaire" in shown
        assert "'bdi2' (it has: AUDIT-C, CES-D," in shown
        assert "GAD-7, K10, PHQ-9)." in shown
