"""`ecouch report`: the chart and page builders (pure), and the command as a user runs it.

The builders are fed small hand-made records; the command runs as a subprocess on a
temporary data folder and HOME, seeded through the Store API on a fixed clock. The page
as printed by Chromium is checked in tests/test_report_pages.py.
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from datetime import date, datetime, timedelta
from itertools import pairwise
from pathlib import Path

import pytest

from ecouch_tui.clock import FixedClock
from ecouch_tui.content.cache import load_course_cached
from ecouch_tui.course import mood as stats
from ecouch_tui.report import html, svg
from ecouch_tui.report.gather import build_report, report_period
from ecouch_tui.report.model import (
    BandInfo,
    CheckinRow,
    InstrumentReport,
    MoodReport,
    Period,
    PlanSection,
    Report,
    SafetyShown,
    WrittenPlan,
)
from ecouch_tui.store.db import Store
from ecouch_tui.store.records import MoodEntry
from ecouch_tui.store.report import read_report_records

FIXTURE_COURSE = Path(__file__).parent / "fixtures" / "course"
START = date(2026, 1, 5)  # a Monday
TODAY = date(2026, 1, 27)

PHQ9_BANDS = (
    BandInfo(low=0, high=4, name="minimal", meaning="Few or no signs."),
    BandInfo(low=5, high=9, name="mild", meaning="Some signs."),
    BandInfo(low=10, high=14, name="moderate", meaning="A moderate level."),
    BandInfo(low=15, high=19, name="moderately severe", meaning="A high level."),
    BandInfo(low=20, high=27, name="severe", meaning="A very high level."),
)


def phq9(*rows: tuple[date, int, str]) -> InstrumentReport:
    return InstrumentReport(
        id="phq9",
        name="PHQ-9",
        title="Patient Health Questionnaire (PHQ-9)",
        stem="Over the last 2 weeks, how often have you been bothered by any of the following "
        "problems?",
        lowest=0,
        highest=27,
        bands=PHQ9_BANDS,
        bands_source="Kroenke, Spitzer & Williams 2001",
        source="Kroenke K, Spitzer RL, Williams JBW (2001).",
        notice="No permission required to reproduce.",
        rows=tuple(CheckinRow(day=d, total=t, band=b) for d, t, b in rows),
    )


def attrs(svg_text: str, tag: str, css: str) -> list[dict[str, str]]:
    """The attributes of every `<tag class="css" ...>` in order."""
    found = re.findall(rf'<{tag} class="{css}"([^>]*)>', svg_text)
    return [dict(re.findall(r'([\w-]+)="([^"]*)"', attributes)) for attributes in found]


# -- the check-in chart ----------------------------------------------------------------------


def test_every_band_is_shaded_and_named_with_its_range() -> None:
    chart = svg.checkin_chart(phq9((START, 12, "moderate")), Period(START, TODAY))
    assert [b["data-band"] for b in attrs(chart, "rect", "band")] == [
        "minimal",
        "mild",
        "moderate",
        "moderately severe",
        "severe",
    ]
    for band in PHQ9_BANDS:
        assert f">{band.name}<" in chart or f">{band.name} {band.range_text}<" in chart
        assert band.range_text in chart
    fills = [b["fill"] for b in attrs(chart, "rect", "band")]
    assert len(set(fills)) == len(fills), "each band has its own shade"


def test_points_sit_at_their_totals_inside_their_bands_in_date_order() -> None:
    instrument = phq9(
        (date(2026, 1, 6), 14, "moderate"),
        (date(2026, 1, 13), 21, "severe"),
        (date(2026, 1, 20), 3, "minimal"),
    )
    chart = svg.checkin_chart(instrument, Period(START, TODAY))
    points = attrs(chart, "circle", "point")
    scale = svg.checkin_scale(instrument)
    assert [int(p["data-total"]) for p in points] == [14, 21, 3]
    for point in points:
        assert float(point["cy"]) == pytest.approx(scale.y(int(point["data-total"])), abs=0.06)
    xs = [float(p["cx"]) for p in points]
    assert xs == sorted(xs) and xs[1] - xs[0] == pytest.approx(xs[2] - xs[1], abs=0.1)
    ys = [float(p["cy"]) for p in points]
    assert ys[1] < ys[0] < ys[2], "a higher total is drawn higher up"
    bands = {b["data-band"]: b for b in attrs(chart, "rect", "band")}
    for point, band in zip(points, ("moderate", "severe", "minimal"), strict=True):
        top = float(bands[band]["y"])
        assert top <= float(point["cy"]) <= top + float(bands[band]["height"])
    # every total is written as text beside its point, and dates are on the axis
    assert re.findall(r'class="total">(\d+)<', chart) == ["14", "21", "3"]
    assert ">5 Jan<" in chart and ">2026<" in chart
    assert "<polyline" in chart


def test_a_check_in_chart_with_no_check_ins_says_so() -> None:
    chart = svg.checkin_chart(phq9(), Period(START, TODAY))
    assert chart.startswith("<svg") and chart.endswith("</svg>")
    assert "<circle" not in chart and "No check-ins" in chart
    assert len(attrs(chart, "rect", "band")) == 5  # the bands still show what totals mean


def test_a_single_day_period_still_draws_one_point_in_the_middle() -> None:
    chart = svg.checkin_chart(phq9((START, 8, "mild")), Period(START, START))
    (point,) = attrs(chart, "circle", "point")
    assert float(point["cx"]) == pytest.approx((svg.LEFT + svg.WIDTH - svg.RIGHT) / 2)


# -- the mood chart --------------------------------------------------------------------------


def mood_report(scores: dict[date, int], period: Period) -> MoodReport:
    entries = [MoodEntry(day=d, score=s) for d, s in sorted(scores.items())]
    days = stats.series(entries, period.end, period.days)
    return MoodReport(
        days=days, weeks=tuple(stats.weekly_averages(days)), numbers=stats.summarise(days)
    )


def test_mood_points_by_score_gaps_break_the_line_and_weeks_are_averaged() -> None:
    period = Period(START, START + timedelta(days=13))  # two Monday-to-Sunday weeks
    scores = {START + timedelta(days=n): s for n, s in enumerate((2, 4, 6))}
    scores |= {START + timedelta(days=5): 8, START + timedelta(days=6): 9}  # a gap before
    scores |= {START + timedelta(days=9): 5}
    chart = svg.mood_chart(mood_report(scores, period), period)
    days = attrs(chart, "circle", "day")
    scale = svg.mood_scale()
    assert [int(d["data-score"]) for d in days] == [2, 4, 6, 8, 9, 5]
    for day in days:
        assert float(day["cy"]) == pytest.approx(scale.y(int(day["data-score"])), abs=0.06)
    # three runs of days: 5-7 Jan, 10-11 Jan, 14 Jan (alone: a point, no line)
    assert chart.count('class="mood-run"') == 2
    weeks = attrs(chart, "line", "week")
    assert [w["data-average"] for w in weeks] == ["5.8", "5.0"]
    assert ">5.8<" in chart and ">5.0<" in chart
    assert "very good" in chart and "very low" in chart


def test_a_long_mood_history_shows_dots_and_a_line_through_the_weeks() -> None:
    period = Period(START, START + timedelta(days=364))
    scores = {START + timedelta(days=n): n % 11 for n in range(365) if n % 9}
    chart = svg.mood_chart(mood_report(scores, period), period)
    assert svg.mood_is_dense(period) and not svg.mood_is_dense(Period(START, TODAY))
    assert 'class="mood-run"' not in chart  # a year of day-to-day lines would be a scribble
    assert len(attrs(chart, "circle", "day")) == len(scores)
    assert len(attrs(chart, "line", "week")) == 53
    assert ">Apr<" in chart  # months on the axis


def test_a_mood_chart_with_nothing_logged_says_so() -> None:
    period = Period(START, TODAY)
    for mood in (None, mood_report({}, period)):
        chart = svg.mood_chart(mood, period)
        assert "<circle class=" not in chart and "No mood logged" in chart
        assert 'class="week"' not in chart


def test_axis_dates_never_crowd_each_other() -> None:
    for days in (1, 6, 20, 90, 400, 1200):
        axis = svg.TimeAxis(Period(START, START + timedelta(days=days - 1)), 0, 512)
        ticks = [axis.x(day) for day in axis.ticks()]
        assert ticks, days
        assert all(b - a >= svg.MIN_TICK_GAP - 0.01 for a, b in pairwise(ticks))


# -- the page ------------------------------------------------------------------------------


def sample_report(**changes: object) -> Report:
    period = Period(START, TODAY)
    fields: dict[str, object] = {
        "course_title": "ecouch",
        "course_subtitle": "A twelve-week self-help course for low mood",
        "made_on": TODAY,
        "period": period,
        "ecouch_version": "0.1.0",
        "started_on": START,
        "weeks_total": 12,
        "weeks_done_by_end": 2,
        "instruments": (phq9((date(2026, 1, 6), 14, "moderate"), (date(2026, 1, 20), 8, "mild")),),
        "mood": mood_report({START: 3, START + timedelta(days=1): 5}, period),
        "safety": (SafetyShown(day=date(2026, 1, 6), reason="thoughts of self-harm"),),
        "safety_rules": ("thoughts of self-harm (PHQ-9 item 9)",),
        "plans": (
            WrittenPlan(
                title="My staying-well plan",
                about="In my own words.",
                sections=(
                    PlanSection(title="People I can talk to", text="Sam <script>x</script>"),
                ),
                total_sections=7,
            ),
        ),
    }
    fields.update(changes)
    return Report(**fields)  # type: ignore[arg-type]


def test_the_page_is_self_contained_and_printable() -> None:
    page = html.render(sample_report())
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    assert page.count("<svg") == 2
    for forbidden in ("http", "<script", "<link", "<img", "@import", "url(", "@font-face"):
        assert forbidden not in page.lower(), forbidden
    assert "@page" in page and "size: A4" in page and "break-inside: avoid" in page
    # what the user wrote is text, never markup
    assert "Sam &lt;script&gt;x&lt;/script&gt;" in page


def test_the_page_says_what_it_is_and_what_it_is_not() -> None:
    page = html.render(sample_report())
    text = re.sub(r"<[^>]+>", " ", page)
    text = " ".join(text.split())
    assert "not a clinical record" in text
    assert "5 January to 27 January 2026" in text  # the period
    assert "Made on 27 January 2026" in text
    assert "nothing was sent anywhere" in text
    assert "What the numbers mean" in text and "A moderate level." in text  # band meanings
    assert "Kroenke K, Spitzer RL, Williams JBW (2001)." in text  # citation and notice
    assert "No permission required to reproduce." in text
    assert "Tue 6 Jan 2026 14 moderate" in text  # the table beneath the chart
    assert "Times the help screen was shown" in text and "Thoughts of self-harm" in text
    assert "People I can talk to" in text


def test_a_page_without_check_ins_mood_or_safety_events_says_so_calmly() -> None:
    page = html.render(sample_report(instruments=(), mood=None, safety=()))
    assert "<svg" not in page
    assert "No mood was logged in this period." in page
    assert "It was not shown in this period." in page
    assert "What the numbers mean" not in page


# -- gathering: the period -------------------------------------------------------------------


@pytest.fixture
def seeded(tmp_path: Path) -> Path:
    """A data folder with three weeks of mood, PHQ-9s, a K10, a safety event and plans."""
    data = tmp_path / "data"
    seed(data)
    return data


def at(day: date, hour: int = 20) -> datetime:
    return datetime(day.year, day.month, day.day, hour)


def seed(data: Path) -> None:
    clock = FixedClock(at(START, 9))
    with Store.open(data / "ecouch.sqlite3", clock) as store:
        store.enrol("AU", started_on=START)
        for module_id, day in (("welcome", date(2026, 1, 8)), ("thoughts", date(2026, 1, 15))):
            clock.set(at(day))
            store.visit_page(module_id, "start")
            store.complete_module(module_id)
        for n in range(21):
            day = START + timedelta(days=n)
            if n not in (4, 11, 12):  # some days not logged
                store.save_mood(day, 3 + n // 5)
        for day, total, band, item9 in (
            (date(2026, 1, 6), 14, "moderate", 1),
            (date(2026, 1, 13), 11, "moderate", 0),
            (date(2026, 1, 20), 7, "mild", 0),
        ):
            answers = [0] * 9
            answers[8] = item9
            answers[0] = total - item9
            stamp = at(day).astimezone().isoformat(timespec="seconds")
            if item9:
                store.record_safety_event(
                    "thoughts of being better off dead or of self-harm (PHQ-9 item 9)",
                    source="checkin:phq9",
                    detail=f"total {total} ({band}), in the app",
                    at=stamp,
                )
            store.save_checkin("phq9", answers, total, band, taken_at=stamp)
        stamp = at(date(2026, 1, 14)).astimezone().isoformat(timespec="seconds")
        store.save_checkin("k10", [3] * 8 + [2, 2], 28, "high", taken_at=stamp)
        clock.set(at(date(2026, 1, 21)))
        store.save_entry(
            module_id="welcome",
            page_id="start",
            block_id="plan",
            kind="staying_well_plan",
            uid="staying_well_plan",
            data={"daily_habits": "A walk before work.", "people": "Sam; my sister Jo."},
        )


def gathered(data: Path, **period: date | None) -> Report:
    course = load_course_cached(FIXTURE_COURSE, None)
    with Store.open(data / "ecouch.sqlite3", FixedClock(TODAY)) as store:
        records = read_report_records(store)
    return build_report(course, records, TODAY, version="test", **period)


def test_the_period_runs_from_the_first_record_to_today_unless_told(seeded: Path) -> None:
    report = gathered(seeded)
    assert report.period == Period(START, TODAY)
    assert [i.name for i in report.instruments] == ["PHQ-9", "K10"]  # the weekly one first
    phq = report.instruments[0]
    assert [(r.total, r.change) for r in phq.rows] == [(14, None), (11, -3), (7, -4)]
    assert phq.watched[0].number == 9 and phq.rows[0].watched == ("1 Several days",)
    assert [w.title for w in report.weeks_done] and report.weeks_done_by_end == 2
    assert report.mood is not None and report.mood.numbers.count == 18
    assert report.safety[0].detail == "total 14 (moderate)"  # where it was shown is left out
    (plan,) = report.plans
    assert [s.title for s in plan.sections] == [
        "Daily habits that keep me well",
        "People I can talk to",
    ]


def test_since_and_until_limit_every_dated_part(seeded: Path) -> None:
    report = gathered(seeded, since=date(2026, 1, 10), until=date(2026, 1, 16))
    assert report.period == Period(date(2026, 1, 10), date(2026, 1, 16))
    assert [r.day for r in report.instruments[0].rows] == [date(2026, 1, 13)]
    assert report.instruments[0].rows[0].change is None  # nothing before it in the period
    assert [w.finished_on for w in report.weeks_done] == [date(2026, 1, 15)]
    assert report.weeks_done_by_end == 2
    assert report.safety == ()
    assert report.mood is not None
    assert report.mood.days.start == date(2026, 1, 10) and len(report.mood.days.scores) == 7
    assert report.plans  # the plan is shown as last saved, whatever the period


def test_the_period_never_runs_past_today_or_before_the_first_record(seeded: Path) -> None:
    with Store.open(seeded / "ecouch.sqlite3", FixedClock(TODAY)) as store:
        records = read_report_records(store)
    period = report_period(records, TODAY, since=date(2025, 6, 1), until=date(2026, 6, 1))
    assert period == Period(START, TODAY)
    assert gathered(seeded, since=date(2026, 3, 1)).has_records is False


# -- the command -----------------------------------------------------------------------------


def ecouch(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("ECOUCH_", "XDG_")) and k != "HOME"
    }
    env |= {"HOME": str(home), "ECOUCH_TODAY": TODAY.isoformat()}
    return subprocess.run(
        [sys.executable, "-m", "ecouch_tui", *args, "--modules", str(FIXTURE_COURSE)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture
def place(tmp_path: Path) -> tuple[Path, Path]:
    """A working folder and an empty HOME."""
    work, home = tmp_path / "work", tmp_path / "home"
    work.mkdir()
    home.mkdir()
    return work, home


def test_report_writes_one_private_page_with_the_default_name(
    seeded: Path, place: tuple[Path, Path]
) -> None:
    work, home = place
    result = ecouch("report", "--data-dir", str(seeded), cwd=work, home=home)
    assert result.returncode == 0, result.stderr
    written = work / "ecouch-report-2026-01-27.html"
    assert result.stdout.strip() == written.name
    assert [p.name for p in work.iterdir()] == [written.name]
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    page = written.read_text(encoding="utf-8")
    assert page.count("<svg") == 3  # PHQ-9, mood, K10
    assert "http" not in page and "<script" not in page.lower()
    assert "5 January to 27 January 2026" in page
    assert "Nothing was sent anywhere" in result.stderr
    assert list(home.iterdir()) == []  # nothing written outside the data and work folders


def test_report_since_until_filters_check_ins_and_mood(
    seeded: Path, place: tuple[Path, Path]
) -> None:
    work, home = place
    target = work / "gp.html"
    result = ecouch(
        "report",
        "--data-dir",
        str(seeded),
        "-o",
        str(target),
        "--since",
        "2026-01-10",
        "--until",
        "16 jan",
        cwd=work,
        home=home,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(target)
    page = target.read_text(encoding="utf-8")
    assert "Tue 13 Jan 2026" in page
    assert "Tue 6 Jan 2026" not in page and "Tue 20 Jan 2026" not in page
    mood_days = re.findall(r'class="day" data-score="\d+" data-day="([\d-]+)"', page)
    assert mood_days and min(mood_days) >= "2026-01-10" and max(mood_days) <= "2026-01-16"
    checkin_days = re.findall(r'class="point" data-total="\d+" data-day="([\d-]+)"', page)
    assert sorted(checkin_days) == ["2026-01-13", "2026-01-14"]
    assert "It was not shown in this period." in page
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_report_into_a_folder_uses_the_default_name(seeded: Path, place: tuple[Path, Path]) -> None:
    work, home = place
    folder = work / "out"
    folder.mkdir()
    result = ecouch("report", "--data-dir", str(seeded), "-o", str(folder), cwd=work, home=home)
    assert result.returncode == 0, result.stderr
    assert (folder / "ecouch-report-2026-01-27.html").is_file()


def test_no_data_yet_is_a_clear_message_and_no_file(place: tuple[Path, Path]) -> None:
    work, home = place
    data = work.parent / "data"
    result = ecouch("report", "--data-dir", str(data), cwd=work, home=home)
    assert result.returncode == 1
    assert "nothing to report" in result.stderr
    assert list(work.iterdir()) == [] and not data.exists()  # no empty store left behind
    # an enrolled store with nothing in it yet says the same
    with Store.open(data / "ecouch.sqlite3", FixedClock(START)) as store:
        store.enrol("AU")
    result = ecouch("report", "--data-dir", str(data), cwd=work, home=home)
    assert result.returncode == 1 and "nothing to report yet" in result.stderr
    assert list(work.iterdir()) == []


def test_a_period_with_nothing_in_it_writes_nothing(seeded: Path, place: tuple[Path, Path]) -> None:
    work, home = place
    result = ecouch(
        "report", "--data-dir", str(seeded), "--since", "2026-01-26", cwd=work, home=home
    )
    assert result.returncode == 1
    assert "nothing was recorded in the days you chose" in result.stderr
    assert list(work.iterdir()) == []


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--since", "someday"], "is not a day ecouch understands"),
        (["--since", "2026-01-20", "--until", "2026-01-10"], "is after --until"),
    ],
)
def test_days_that_make_no_sense_exit_2(
    seeded: Path, place: tuple[Path, Path], options: list[str], message: str
) -> None:
    work, home = place
    result = ecouch("report", "--data-dir", str(seeded), *options, cwd=work, home=home)
    assert result.returncode == 2 and message in result.stderr
    assert list(work.iterdir()) == []


def test_the_report_never_imports_textual(seeded: Path, tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from ecouch_tui.cli import main\n"
        f"code = main(['report', '--data-dir', {str(seeded)!r}, '--modules', "
        f"{str(FIXTURE_COURSE)!r}, '-o', {str(tmp_path / 'r.html')!r}])\n"
        "assert code == 0, code\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "ECOUCH_TODAY": TODAY.isoformat()},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"
