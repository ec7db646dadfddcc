"""SVG snapshots of the main screens at 80x24 (pytest-textual-snapshot).

Update after an intended visual change with `pytest tests/test_snapshots.py --snapshot-update`,
and look at the report before committing the new pictures.
"""

from __future__ import annotations

from datetime import timedelta

from helpers import enrol
from textual.pilot import Pilot

from ecouch_tui.clock import FixedClock
from ecouch_tui.session import SessionConfig
from ecouch_tui.store.db import Store
from ecouch_tui.ui.app import EcouchApp

SIZE = (80, 24)


def test_home_screen(snap_compare, config: SessionConfig, clock: FixedClock) -> None:
    enrol(config)
    clock.advance(days=7)
    assert snap_compare(EcouchApp(config), terminal_size=SIZE)


def test_module_page_with_a_callout(snap_compare, config: SessionConfig) -> None:
    enrol(config)

    async def open_first_page(pilot: Pilot) -> None:
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(EcouchApp(config), run_before=open_first_page, terminal_size=SIZE)


def test_quiz_page_with_feedback(snap_compare, config: SessionConfig) -> None:
    enrol(config)

    async def answer(pilot: Pilot) -> None:
        pilot.app.open_week(1, page_index=2)  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("tab", "down", "enter")
        await pilot.pause()

    assert snap_compare(EcouchApp(config), run_before=answer, terminal_size=SIZE)


def test_help_screen(snap_compare, config: SessionConfig) -> None:
    enrol(config, region="UK")

    async def get_help(pilot: Pilot) -> None:
        await pilot.press("f1")
        await pilot.pause()

    assert snap_compare(EcouchApp(config), run_before=get_help, terminal_size=SIZE)


def test_mood_screen_with_yesterday_chosen(snap_compare, config: SessionConfig) -> None:
    enrol(config)
    with Store.open(config.store_path, config.clock) as store:
        today = config.clock.today()
        store.save_mood(today - timedelta(days=1), 7, tags=["slept badly"])
        store.save_mood(today, 4, tags=["exercised"])

    async def choose_yesterday(pilot: Pilot) -> None:
        await pilot.press("g")
        await pilot.pause()
        await pilot.press("left")  # the ▲ moves; no bar grows with it
        await pilot.pause()

    assert snap_compare(EcouchApp(config), run_before=choose_yesterday, terminal_size=SIZE)
