"""The GP report on paper: `ecouch report` as a user runs it, printed by headless Chromium.

Page 1 is the summary a GP reads in a minute (at a glance, the check-in and mood charts,
the help screen), whole on one A4 sheet whatever was recorded; the details follow from
page 2. Each case is printed to PDF and read back page by page with pypdf.

Needs Chromium: skipped when there is none, failed when ECOUCH_REQUIRE_CHROMIUM is set
(as .ci/run sets it).
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from ecouch_tui.clock import FixedClock
from ecouch_tui.commands import demo
from ecouch_tui.store.db import Store

TODAY = date(2026, 3, 27)
GLANCE = "At a glance"
SAFETY = "Times the help screen was shown"
CHARTS = ("My check-ins: PHQ-9", "My daily mood")
DETAILS = "The details"
#: Fewer characters than this on a page, and it is as good as empty.
NEAR_EMPTY = 500


def find_chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if found := shutil.which(name):
            return found
    reason = (
        "headless Chromium is needed to print the report and none was found on PATH. On "
        "Debian or Ubuntu: apt-get install chromium (.ci/run installs it when it runs as root)."
    )
    if os.environ.get("ECOUCH_REQUIRE_CHROMIUM"):  # set by .ci/run: CI must prove the pages
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture
def chromium() -> str:
    return find_chromium()


class Printed:
    """A report as written by `ecouch report`, and its pages' text as printed on A4."""

    def __init__(self, page: str, pages: list[str]) -> None:
        self.page = page
        self.pages = pages

    def flat(self, number: int) -> str:
        """Page `number` (from 1) as one line of words, whatever the line breaks."""
        return " ".join(self.pages[number - 1].split())

    def lines(self, number: int) -> list[str]:
        return [line.strip() for line in self.pages[number - 1].splitlines()]

    @property
    def summary_ends_with(self) -> str:
        """The summary's last sentence, as the page has it."""
        found = re.search(r'<p class="next">(.*?)</p>', self.page)
        assert found, "the summary has no closing line"
        return " ".join(html.unescape(found.group(1)).split())


def printed(chromium: str, tmp_path: Path, data: Path) -> Printed:
    """Run `ecouch report` on `data` (the bundled course) and print it with Chromium."""
    home, out = tmp_path / "home", tmp_path / "out"
    home.mkdir()
    out.mkdir()
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("ECOUCH_", "XDG_")) and k != "HOME"
    }
    env |= {"HOME": str(home), "ECOUCH_TODAY": TODAY.isoformat()}
    target = out / "report.html"
    result = subprocess.run(
        [sys.executable, "-m", "ecouch_tui", "report", "--data-dir", str(data), "-o", str(target)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    pdf = out / "report.pdf"
    browser = subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",  # the page numbers are the report's own
            f"--user-data-dir={tmp_path / 'chromium-profile'}",
            f"--print-to-pdf={pdf}",
            target.as_uri(),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert pdf.is_file(), f"Chromium printed nothing:\n{browser.stderr[-2000:]}"
    pages = [page.extract_text() for page in PdfReader(pdf).pages]
    return Printed(target.read_text(encoding="utf-8"), pages)


def assert_summary_is_page_one(report: Printed, safety_line: str) -> None:
    """Page 1 holds the whole summary and nothing else; the details start on page 2."""
    first = report.flat(1)
    for heading in (GLANCE, *CHARTS, SAFETY):
        assert heading in report.lines(1), f"{heading!r} is not on page 1"
    assert safety_line in first
    assert first.endswith(report.summary_ends_with), "the summary runs past page 1"
    assert DETAILS not in report.lines(1)
    # Page 2 starts with the details (under its "Page 2 of N" number): no summary spilt.
    assert report.lines(2)[:2] == [f"Page 2 of {len(report.pages)}", DETAILS]
    for number in range(1, len(report.pages) + 1):
        assert len(report.flat(number)) >= NEAR_EMPTY, f"page {number} is all but empty"


def at(day: date, hour: int = 20) -> str:
    return datetime(day.year, day.month, day.day, hour).astimezone().isoformat(timespec="seconds")


# -- the cases -------------------------------------------------------------------------------


def test_one_week_is_a_summary_page_and_a_page_of_details(chromium: str, tmp_path: Path) -> None:
    data, start = tmp_path / "data", TODAY - timedelta(days=6)
    with Store.open(data / "ecouch.sqlite3", FixedClock(datetime(2026, 3, 21, 9))) as store:
        store.enrol("AU", started_on=start)
        for n in range(7):
            store.save_mood(start + timedelta(days=n), 4 + n % 3)
        store.save_checkin("phq9", [1] * 9, 9, "mild", taken_at=at(start))
    report = printed(chromium, tmp_path, data)
    assert len(report.pages) == 2
    assert_summary_is_page_one(report, "It was not shown in this period.")


def test_the_twelve_week_demo_is_a_summary_page_and_six_of_details(
    chromium: str, tmp_path: Path
) -> None:
    """The demo person's PHQ-9s, moods and plans, and their K10, GAD-7, CES-D and AUDIT-C
    check-ins, each questionnaire after the weekly one with its own chart and table."""
    data = tmp_path / "demo"
    data.mkdir(mode=0o700)
    demo.make_demo(data, clock=FixedClock(TODAY), region="AU")
    report = printed(chromium, tmp_path, data)
    assert len(report.pages) == 7
    assert_summary_is_page_one(report, "It was not shown in this period.")
    assert "PHQ-9: 14 (moderate) on 6 Jan, latest 6 (mild) on 24 Mar; 12 check-ins." in (
        report.flat(1)
    )
    assert "Every PHQ-9 check-in" in report.lines(2)


def test_a_year_of_everything_still_fits_its_summary_on_page_one(
    chromium: str, tmp_path: Path
) -> None:
    """Over a year of daily mood; a PHQ-9 and K10 every week, the PHQ-9 always showing the
    help screen; four reasons for it in all; six more questionnaires; long plans."""
    data, days = tmp_path / "data", 400
    start = TODAY - timedelta(days=days - 1)
    reasons = [
        "thoughts of being better off dead or of self-harm (PHQ-9 item 9)",
        "a PHQ-9 total in the severe band (20 or more)",
        "a K10 total in the very high band (30 or more)",
        "an answer to a question no longer in the course, which asked about feeling "
        "unsafe at home and whether there was someone to call",
    ]
    long_text = "Something I wrote at length, with the names and numbers that matter. " * 25
    with Store.open(
        data / "ecouch.sqlite3", FixedClock(datetime.combine(start, datetime.min.time()))
    ) as store:
        store.enrol("AU", started_on=start)
        for n in range(days):
            store.save_mood(start + timedelta(days=n), (n * 7) % 11)
        for week in range(days // 7):
            day = start + timedelta(days=7 * week)
            for reason in reasons[: 2 + week % 3]:
                store.record_safety_event(
                    reason,
                    source="checkin:phq9",
                    detail="total 27 (severe), in the app",
                    at=at(day),
                )
            store.save_checkin("phq9", [3] * 9, 27, "severe", taken_at=at(day))
            store.save_checkin("k10", [5] * 10, 50, "very high", taken_at=at(day, 21))
            if week % 4 == 0:
                for other in ("gad7", "dass21", "pcl5", "audit", "isi", "wsas"):
                    store.save_checkin(other, [1, 2, 3], 6 + week % 5, "", taken_at=at(day, 22))
        for kind, keys in (
            ("staying_well_plan", ("what_helped", "daily_habits", "warning_signs", "people")),
            ("safety_plan", ("warning_signs", "coping_alone", "ask_for_help", "professionals")),
        ):
            store.save_entry(
                module_id="home",
                page_id="home",
                block_id=kind,
                kind=kind,
                uid=kind,
                data=dict.fromkeys(keys, long_text),
            )
    report = printed(chromium, tmp_path, data)
    events = sum(2 + week % 3 for week in range(days // 7))
    assert_summary_is_page_one(report, f"Shown {events} times")
    first = report.flat(1)
    # The lists on page 1 are cut short, saying how many more are in the details.
    assert "And 6 more questionnaires, in the details from page 2." in first
    assert "And 2 more reasons, in the details from page 2." in first
    assert "57 days from 21 Feb 2025 to 20 Mar 2026" in first
    assert "Every PHQ-9 check-in" not in first and "My staying-well plan" not in first
    # Nine questionnaires' tables (the GAD-7's with its bands, as the course has it now),
    # 171 times the help screen was shown, two long plans.
    assert len(report.pages) == 20
