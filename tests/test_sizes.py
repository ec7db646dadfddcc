"""The smallest and largest terminals the course promises, and the largest store.

At 40x12 a user still sees how to go on, how to get help, and the page they are on;
at 200x60 every week is listed and nothing is stretched out of reach. (The key storm,
tests/test_key_storm.py, resizes between these sizes with random keys; this file
checks what is on the screen.) A store as large as `ecouch import` allows (its
`RECORDS_MOST` entries and days of mood) still opens the Workbook and answers keys.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from helpers import enrol, screen_text, squash
from textual.widgets import Input

from ecouch_tui.clock import FixedClock
from ecouch_tui.paths import bundled_modules_dir
from ecouch_tui.session import SessionConfig
from ecouch_tui.store.db import Store
from ecouch_tui.store.export import ExportDocument, ExportEntry, ExportMood
from ecouch_tui.store.importer import RECORDS_MOST, import_document
from ecouch_tui.ui.app import EcouchApp
from ecouch_tui.ui.screens.help import HelpScreen
from ecouch_tui.ui.screens.home import HomeScreen
from ecouch_tui.ui.screens.player import PlayerScreen
from ecouch_tui.ui.screens.safety import SafetyScreen
from ecouch_tui.ui.screens.workbook import PAGE, WorkbookList, WorkbookScreen


@pytest.fixture
def bundled(tmp_path: Path) -> SessionConfig:
    config = SessionConfig(
        data_dir=tmp_path / "data",
        modules_dir=bundled_modules_dir(),
        clock=FixedClock(date(2026, 3, 30)),
    )
    enrol(config)
    return config


def footer_line(app: EcouchApp) -> str:
    return screen_text(app).rstrip("\n").splitlines()[-1]


async def test_at_40_by_12_the_way_on_and_help_are_on_screen(bundled: SessionConfig) -> None:
    app = EcouchApp(bundled)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        text = squash(screen_text(app))
        assert "▶ Start: Week 1" in text
        assert "f1 Get help" in footer_line(app)  # first in the footer, never cut off
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)
        text = screen_text(app)
        assert "Page 1 of" in text and "Next ▶" in text
        assert "Week 1 · Welcome" in text  # the page bar gives way to where the user is
        assert "f1 Get help" in footer_line(app)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = squash(screen_text(app))  # the top of it in view: the AU emergency number
        assert "If you are in danger now, call" in text and "000." in text


async def test_at_40_by_12_every_screen_shows_its_main_content_and_action(
    bundled: SessionConfig,
) -> None:
    """Issue 13: home showed no week list (Down and Enter acted on a list nobody could
    see), the mood window had no Done or note box, and the safety screen's numbers
    needed PageDown."""
    app = EcouchApp(bundled)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        weeks = [row for row in text.splitlines() if re.search(r"[○◐✓·] Week \d", row)]
        assert len(weeks) >= 3, text  # the list Down and Enter act on, each with its mark
        assert "▶ Start: Week 1" in squash(text)

        await pilot.press("m")
        await pilot.pause()
        text = screen_text(app)
        assert "How was your mood today?" in text and "—/10" in text
        assert "Note (optional)" in text and "Done" in text
        assert "Monday 30 March (today)" in text  # the day, whole
        # A problem still shows there (the routine "Saved" line gives its row to Done).
        app.screen.query_one("#sleep", Input).focus()
        await pilot.press(*"99")
        await pilot.pause()
        assert "⚠" in screen_text(app)
        app.screen.query_one("#sleep", Input).value = ""
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("a")  # the quick activity entry: its question and Done
        await pilot.pause()
        text = screen_text(app)
        assert "What did you do?" in text and "Done ✓" in text
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("k")
        await pilot.pause()
        await pilot.press("right")  # past the data notice
        await pilot.pause()
        await pilot.press(*"11111111", "1")  # item 9 above 0: the safety screen
        await pilot.pause()
        assert isinstance(app.screen, SafetyScreen)
        text = squash(re.sub(r"[▎▊]", " ", screen_text(app)))
        assert "If you are in danger now, call 000." in text  # no PageDown needed
        assert "Lifeline: call 13 11 14" in text
        assert "f1 Get help" in footer_line(app)


async def test_at_200_by_60_every_week_is_listed(bundled: SessionConfig) -> None:
    app = EcouchApp(bundled)
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.pause()
        text = squash(screen_text(app))
        for week in range(1, 13):
            assert f"Week {week} " in text
        assert "Staying well" in text and "f1 Get help now" in footer_line(app)
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "Page 1 of" in text and "Next ▶" in text


def _largest_store(config: SessionConfig) -> None:
    """`RECORDS_MOST` reflections and as many days of mood with notes, one a day from
    2000 on (the first year a store may hold): what the limits of an import allow."""
    first = date(2000, 1, 1)
    words = "Walked to the shops and talked with a neighbour about the garden. " * 4
    stamp = "2026-03-30T09:00:00+00:00"
    days = [(first + timedelta(days=n)).isoformat() for n in range(RECORDS_MOST)]
    document = ExportDocument(
        format_version=1,
        ecouch_version="test",
        exported_at=stamp,
        enrolment=None,
        settings={},
        progress=[],
        mood=[
            ExportMood(
                date=day,
                score=n % 11,
                note=f"day {n}: {words}",
                tags=[],
                sleep_hours=7.0,
                created_at=stamp,
                updated_at=stamp,
            )
            for n, day in enumerate(days)
        ],
        checkins=[],
        entries=[
            ExportEntry(
                uid=f"e{n}",
                module="welcome",
                page="your-hopes",
                block="hopes",
                kind="reflection",
                data={"text": f"entry {n}: {words}"},
                created_at=f"{day}T10:00:00+00:00",
                updated_at=f"{day}T10:00:00+00:00",
            )
            for n, day in enumerate(days)
        ],
        safety_events=[],
    )
    with Store.open(config.data_dir / "ecouch.sqlite3", config.clock) as store:
        import_document(store, document)


@pytest.mark.slow
async def test_the_workbook_answers_keys_with_the_largest_store_allowed(
    bundled: SessionConfig,
) -> None:
    """20,000 items: the newest `PAGE` are listed, the last line lists more, and Esc
    leaves at once (the whole list drawn at once took over ten seconds, and 800,000 entries
    ran past 4 GB without answering Esc)."""
    _largest_store(bundled)
    app = EcouchApp(bundled)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, WorkbookScreen)
        text = screen_text(app)
        assert f"{2 * RECORDS_MOST} entries" in text
        assert f"entry {RECORDS_MOST - 1}: Walked" in text  # the newest, at the top
        listing = app.screen.query_one(WorkbookList)
        listed = [o for o in listing.options if not o.disabled]
        assert len(listed) == PAGE + 1  # and "Show more"
        await pilot.press("end")
        await pilot.pause()
        assert f"Show {PAGE} more (of {2 * RECORDS_MOST - PAGE} older entries)" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert len([o for o in listing.options if not o.disabled]) == 2 * PAGE + 1
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
