"""After week 12 in the app, with the clock moved: the boosters on home and in the player,
the outcome questionnaire offered and skipped, and the early warning, kindly.

The bundled course on START (Monday 5 January 2026): its twelve weeks end on 30 March,
so the 1-month booster opens on 30 April and the 6-month CES-D is due on 30 September.
"""

from __future__ import annotations

from datetime import date

from helpers import enrol, palette, seen
from textual.notifications import Notification

from ecouch_tui.clock import FixedClock
from ecouch_tui.content.loader import load_course
from ecouch_tui.paths import bundled_modules_dir
from ecouch_tui.session import SessionConfig
from ecouch_tui.store.db import Store
from ecouch_tui.ui.app import EcouchApp
from ecouch_tui.ui.screens.home import HomeScreen
from ecouch_tui.ui.screens.player import PlayerScreen

SIZE = (80, 24)
WEEKS = [m.id for m in load_course(bundled_modules_dir()).modules]


def finished_course(config: SessionConfig, clock: FixedClock) -> None:
    """The bundled course, enrolled on START and every week done by late March."""
    config.modules_dir = bundled_modules_dir()
    enrol(config)
    clock.set(date(2026, 3, 28))
    with Store.open(config.store_path, clock) as store:
        for module_id in WEEKS:
            store.complete_module(module_id)


def notes(app: EcouchApp) -> list[Notification]:
    return list(app._notifications)


def text(app: EcouchApp) -> str:
    return seen(app)


async def test_the_one_month_booster_opens_in_april(
    config: SessionConfig, clock: FixedClock
) -> None:
    finished_course(config, clock)
    clock.set(date(2026, 4, 10))
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        shown = text(app)
        assert "You have finished every week" in shown
        # The follow-ups are listed under week 12, each with the day it opens.
        await pilot.press("tab", "end")
        shown = text(app)
        assert "Booster 1 month on · Checking in locked · opens Thu 30 Apr" in shown
        assert "Booster 12 months on · Keeping it going locked · opens Tue 30 Mar" in shown
        # A locked booster says when it opens.
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "12 months on opens on" in text(app)

    clock.set(date(2026, 4, 30))
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert "▶ Start: 1 month on · Checking in" in text(app)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)
        shown = text(app)
        assert "1 month on · Checking in" in shown and "Page 1 of 3" in shown
        await pilot.press("n", "n")
        await pilot.pause()
        # Your skills: nothing saved yet, so the course's skills and where they are.
        assert "not saved any exercises" in text(app)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        shown = text(app)
        assert any(n.title == "Booster done" for n in notes(app))
        app.clear_notifications()
        await pilot.press("tab", "end")
        assert "✓ Booster 1 month on · Checking in done" in text(app)


async def test_the_six_month_cesd_is_offered_in_september_and_can_be_skipped(
    config: SessionConfig, clock: FixedClock
) -> None:
    finished_course(config, clock)
    clock.set(date(2026, 9, 30))
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        shown = text(app)
        assert "CES-D due: 6 months on (o to take it, x to skip)" in shown
        assert "▶ Start: 6 months on · Taking stock" in shown
        await pilot.press("o")
        await pilot.pause()
        assert type(app.screen).__name__ == "CheckinScreen"
        assert "CES-D" in text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("x")
        await pilot.pause()
        assert any("Skipped the CES-D for the 6 months on" in n.message for n in notes(app))
        assert "CES-D due" not in text(app)
    with Store.open(config.store_path, clock) as store:
        assert store.setting("outcomes_skipped") == ["cesd:6-months"]


async def test_a_booster_due_with_a_week_unfinished_is_named_beside_continue(
    config: SessionConfig, clock: FixedClock
) -> None:
    """The weekly course ends by date: a user who stopped in week 12 still meets the
    1-month booster in April, on the today line with its key, Continue kept for the week."""
    config.modules_dir = bundled_modules_dir()
    enrol(config)
    clock.set(date(2026, 3, 28))
    last = load_course(bundled_modules_dir()).modules[-1]
    with Store.open(config.store_path, clock) as store:
        for module_id in WEEKS[:-1]:
            store.complete_module(module_id)
        store.visit_page(last.id, last.pages[0].id)
    clock.set(date(2026, 4, 30))
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        shown = text(app)
        assert "▶ Continue: Week 12, Staying well · page 1 of 8" in shown
        assert "Booster ready: 1 month on (b)" in shown
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)
        assert "1 month on · Checking in" in text(app)


async def test_the_early_warning_offers_the_plan_once_a_week_and_turns_off(
    config: SessionConfig, clock: FixedClock
) -> None:
    finished_course(config, clock)
    with Store.open(config.store_path, clock) as store:
        store.save_checkin("phq9", [0, 1, 1, 1, 0, 0, 0, 0, 0], 3, "minimal")
    clock.set(date(2026, 5, 4))
    with Store.open(config.store_path, clock) as store:
        store.save_checkin("phq9", [1, 1, 2, 2, 1, 1, 1, 0, 0], 9, "mild")
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        shown = text(app)
        assert "6 points higher than at the end of the course (3)" in shown
        assert "p opens your staying-well plan" in shown and "see your GP" in shown
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)
        assert "Week 12" in text(app) and "staying-well plan" in text(app).lower()
        await pilot.press("escape")
        await pilot.pause()
        assert "points higher" in text(app)  # still up today, until dismissed
        await pilot.press("d")
        await pilot.pause()
        assert "points higher" not in text(app)

    for day, warned in ((date(2026, 5, 8), False), (date(2026, 5, 11), True)):
        clock.set(day)
        app = EcouchApp(config)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await pilot.pause()
            assert ("points higher" in text(app)) == warned, day
            if warned:  # turned off from the palette: never again
                await palette(pilot, "Early warning")
                await pilot.press("enter")
                await pilot.pause()
                assert any("Early warning off" in n.message for n in notes(app))

    clock.set(date(2026, 6, 30))
    app = EcouchApp(config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "points higher" not in text(app)


async def test_the_booster_lists_the_skills_used_most_from_the_users_entries(
    config: SessionConfig, clock: FixedClock
) -> None:
    finished_course(config, clock)
    with Store.open(config.store_path, clock) as store:
        for kind, times in (("relaxation", 4), ("thought_record", 2), ("reflection", 6)):
            for _ in range(times):
                store.save_entry(
                    module_id="relaxation", page_id="p", block_id="b", kind=kind, data={}
                )
    clock.set(date(2026, 6, 30))
    app = EcouchApp(config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await palette(pilot, "Follow-up: 3 months on")  # from the palette, as for a week
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("n", "n")
        await pilot.pause()
        shown = text(app)
        assert "3 months on · One skill again" in shown
        assert "• Relaxation: 4 times · week 9 (Relaxation you can use)" in shown
        assert "• Thought record: 2 times · week 5" in shown
        assert "Reflection" not in shown  # answers are not skills
