"""`ecouch status` after week 12: it names the booster due and the outcome questionnaire
due, so the reminder recipes in the README keep working (ECOUCH_TODAY moves the day).

The bundled course, enrolled on Monday 5 January 2026: it ends on 30 March, so the
1-month booster opens on 30 April and the 6-month CES-D is due on 30 September.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from helpers import run_ecouch

from ecouch_tui.clock import FixedClock
from ecouch_tui.content.loader import load_course
from ecouch_tui.paths import bundled_modules_dir
from ecouch_tui.store.db import Store

COURSE = bundled_modules_dir()


def status(data_dir: Path, today: str) -> str:
    result = run_ecouch(
        "--modules",
        str(COURSE),
        "status",
        "--data-dir",
        str(data_dir),
        env={"ECOUCH_TODAY": today},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.rstrip("\n")


def finished(data_dir: Path, clock: FixedClock) -> None:
    with Store.open(data_dir / "ecouch.sqlite3", clock) as store:
        store.enrol("AU")
        clock.set(date(2026, 3, 28))
        for module in load_course(COURSE).modules:
            store.complete_module(module.id)
        store.save_checkin("phq9", [0] * 9, 0, "minimal")


def test_status_names_the_booster_due_after_the_course(data_dir: Path, clock: FixedClock) -> None:
    finished(data_dir, clock)
    assert status(data_dir, "2026-04-02") == (
        "ecouch · course finished, 1 month on opens Thu 30 Apr · mood not logged today"
        " · CES-D due (end of the course)"
    )
    assert status(data_dir, "2026-04-30") == (
        "ecouch · course finished · booster due: 1 month on · mood not logged today · check-in due"
    )
    with Store.open(data_dir / "ecouch.sqlite3", FixedClock(date(2026, 5, 1))) as store:
        store.complete_module("booster-1-month")
    assert status(data_dir, "2026-05-01") == (
        "ecouch · course finished, 3 months on opens Tue 30 Jun · mood not logged today"
        " · check-in due"
    )


def test_status_names_the_six_month_cesd_in_september(data_dir: Path, clock: FixedClock) -> None:
    finished(data_dir, clock)
    assert status(data_dir, "2026-09-30") == (
        "ecouch · course finished · booster due: 6 months on · mood not logged today"
        " · check-in due · CES-D due (6 months on)"
    )
    clock.set(date(2026, 10, 2))
    with Store.open(data_dir / "ecouch.sqlite3", clock) as store:
        store.save_checkin("cesd", [0] * 20, 0, "below cut-off")
    assert "CES-D due" not in status(data_dir, "2026-10-02")
    assert status(data_dir, "2027-03-30").endswith("CES-D due (12 months on)")
    # Skipped on home: not named any more.
    with Store.open(data_dir / "ecouch.sqlite3", clock) as store:
        store.set_setting("outcomes_skipped", ["cesd:12-months"])
    assert "CES-D due" not in status(data_dir, "2027-03-30")
