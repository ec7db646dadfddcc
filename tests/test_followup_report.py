"""The outcome questionnaire as a trial reports it: baseline, after the course and each
follow-up side by side, in the check-in History and in the GP report.

The bundled course, enrolled on Monday 5 January 2026 and finished in March: the CES-D
at the start, in week 12 (from 23 March) and 6 months on (from 30 September).
"""

from __future__ import annotations

from datetime import date

from helpers import enrol, seen

from ecouch_tui.clock import FixedClock
from ecouch_tui.content.loader import load_course
from ecouch_tui.paths import bundled_modules_dir
from ecouch_tui.report.gather import build_report
from ecouch_tui.report.html import render
from ecouch_tui.session import SessionConfig
from ecouch_tui.store.db import Store
from ecouch_tui.store.report import read_report_records
from ecouch_tui.ui.app import EcouchApp

COURSE = load_course(bundled_modules_dir())
CESD = [1] * 20  # items 4, 8, 12 and 16 reversed: 16 x 1 + 4 x 2 = 24


def taken(config: SessionConfig, clock: FixedClock) -> None:
    """A baseline, a week-12 and a 6-month CES-D, and every week done."""
    config.modules_dir = bundled_modules_dir()
    enrol(config)
    with Store.open(config.store_path, clock) as store:
        store.save_checkin("cesd", CESD, 24, "16 or more")
        clock.set(date(2026, 3, 25))
        for module in COURSE.modules:
            store.complete_module(module.id)
        store.save_checkin("cesd", [0] * 20, 12, "below 16")
        clock.set(date(2026, 10, 1))
        store.save_checkin("cesd", [0] * 20, 9, "below 16")


def test_the_report_shows_baseline_post_and_follow_ups_side_by_side(
    config: SessionConfig, clock: FixedClock
) -> None:
    taken(config, clock)
    with Store.open(config.store_path, clock) as store:
        records = read_report_records(store)
    report = build_report(COURSE, records, date(2026, 10, 2), version="test")
    (cesd,) = report.outcomes
    assert [(c.label, c.status, c.total) for c in cesd.cells] == [
        ("Start of the course", "done", 24),
        ("End of the course", "done", 12),
        ("6 months on", "done", 9),
        ("12 months on", "upcoming", None),
    ]
    page = render(report)
    assert "CES-D: start, end of the course and follow-ups" in page
    head = page.index("Start of the course</th>")
    assert head < page.index("End of the course</th>") < page.index("6 months on</th>")
    assert '<b>24</b></td><td class="num"><b>12</b></td><td class="num"><b>9</b>' in page
    assert "Start of the course: 24; 6 months on: 9 (−15 points)." in page


def test_no_outcome_taken_means_no_outcome_section(
    config: SessionConfig, clock: FixedClock
) -> None:
    config.modules_dir = bundled_modules_dir()
    enrol(config)
    with Store.open(config.store_path, clock) as store:
        records = read_report_records(store)
    report = build_report(COURSE, records, date(2026, 10, 2), version="test")
    assert report.outcomes == ()
    assert "end of the course and follow-ups" not in render(report)


async def test_history_shows_them_side_by_side_at_80x24(
    config: SessionConfig, clock: FixedClock
) -> None:
    taken(config, clock)
    clock.set(date(2026, 10, 2))
    app = EcouchApp(config)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        for _ in range(40):
            if "Start, end of the course and follow-ups" in seen(app):
                break
            await pilot.press("pagedown")
        shown = seen(app)
        assert "Start, end of the course and follow-ups" in shown
        assert "Start of the course End of the course 6 months on 12 months on" in shown
        assert "Total 24 12 9 –" in shown
