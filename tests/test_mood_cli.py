"""`ecouch mood` as a user runs it: a subprocess, a temporary data folder and HOME."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from subprocess import CompletedProcess

import pytest
from helpers import run_ecouch

from ecouch_tui.clock import FixedClock
from ecouch_tui.paths import STORE_FILENAME
from ecouch_tui.store.db import Store
from ecouch_tui.store.records import MoodEntry

TODAY = date(2026, 1, 5)  # a Monday


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


def ecouch(
    *args: str, data: Path, home: Path, env: dict[str, str] | None = None
) -> CompletedProcess[str]:
    home.mkdir(exist_ok=True)
    place = {"HOME": str(home), "ECOUCH_DATA_DIR": str(data), "ECOUCH_TODAY": TODAY.isoformat()}
    return run_ecouch(*args, cwd=home, env={**place, **(env or {})})


def moods(data: Path) -> list[MoodEntry]:
    with Store.open(data / STORE_FILENAME, FixedClock(TODAY)) as store:
        return store.moods()


def seed(data: Path, scores: dict[int, int], tags: dict[int, list[str]] | None = None) -> None:
    """Entries `days back -> score`, through the Store API."""
    with Store.open(data / STORE_FILENAME, FixedClock(TODAY)) as store:
        for back, score in scores.items():
            store.save_mood(TODAY - timedelta(days=back), score, tags=(tags or {}).get(back))


# -- logging ------------------------------------------------------------------------------------


def test_log_today_prints_one_confirmation_line(data: Path, home: Path) -> None:
    result = ecouch(
        "mood",
        "6",
        "--note",
        "walked",
        "--tag",
        "exercised",
        "--sleep",
        "7.5",
        data=data,
        home=home,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Logged mood for today (Mon 5 Jan): 6/10 · exercised · slept 7.5 h · “walked”"
    ]
    assert result.stderr == ""
    [saved] = moods(data)
    assert (saved.day, saved.score, saved.note, saved.tags, saved.sleep_hours) == (
        TODAY,
        6,
        "walked",
        ("exercised",),
        7.5,
    )


def test_a_second_entry_the_same_day_updates_it(data: Path, home: Path) -> None:
    ecouch("mood", "6", "--note", "walked", "--tag", "exercised", data=data, home=home)
    result = ecouch("mood", "4", data=data, home=home)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Updated mood for today (Mon 5 Jan): 4/10 (was 6) · exercised · “walked”"
    ]
    # Fields given replace; the others stay. A note or tags alone keep the score.
    result = ecouch("mood", "--note", "rain all day", "--tag", "Slept  Badly", data=data, home=home)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Updated mood for today (Mon 5 Jan): 4/10 · slept badly · “rain all day”"
    ]
    [saved] = moods(data)
    assert (saved.score, saved.note, saved.tags) == (4, "rain all day", ("slept badly",))


@pytest.mark.parametrize(
    ("day", "expected", "words"),
    [
        ("yesterday", date(2026, 1, 4), "yesterday (Sun 4 Jan)"),
        ("fri", date(2026, 1, 2), "Fri 2 Jan"),
        ("2025-12-30", date(2025, 12, 30), "Tue 30 Dec 2025"),
    ],
)
def test_log_a_past_day(data: Path, home: Path, day: str, expected: date, words: str) -> None:
    result = ecouch("mood", "3", "--day", day, data=data, home=home)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Logged mood for {words}: 3/10"
    assert [(m.day, m.score) for m in moods(data)] == [(expected, 3)]


def test_data_dir_option_is_honoured(tmp_path: Path, home: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    result = ecouch(
        "mood",
        "7",
        "--data-dir",
        str(elsewhere),
        data=tmp_path / "unused",
        home=home,
    )
    assert result.returncode == 0, result.stderr
    assert [m.score for m in moods(elsewhere)] == [7]
    assert not (tmp_path / "unused").exists()


def test_three_very_low_days_suggest_a_checkin_and_help(data: Path, home: Path) -> None:
    seed(data, {2: 1, 1: 0})
    result = ecouch("mood", "1", data=data, home=home)
    assert result.returncode == 0, result.stderr
    first, second = result.stdout.splitlines()
    assert first == "Logged mood for today (Mon 5 Jan): 1/10"
    assert "very low for a few days" in second and "ecouch checkin" in second


# -- bad input: a clear message, exit 2, nothing saved --------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["11"], "a mood score runs from 0 (very low) to 10 (very good); 11 is outside that"),
        (["-1"], "-1 is outside that"),
        (["abc"], "'abc' is not a mood score; give a whole number from 0 (very low) to 10"),
        (["5", "--day", "tomorrow"], "Tue 6 Jan has not happened yet"),
        (["5", "--day", "2026-03-01"], "Sun 1 Mar has not happened yet"),
        (["5", "--day", "someday"], "'someday' is not a day ecouch understands"),
        (["5", "--sleep", "30"], "hours slept should be between 0 and 24, not 30"),
        (["5", "--sleep", "lots"], "'lots' is not a number of hours"),
        (["5", "--tag", ""], "--tag needs a word"),
    ],
)
def test_bad_input_is_refused_before_anything_is_touched(
    data: Path, home: Path, args: list[str], message: str
) -> None:
    result = ecouch("mood", *args, data=data, home=home)
    assert result.returncode == 2
    assert result.stdout == ""
    assert message in result.stderr and result.stderr.startswith("ecouch: ")
    assert "Traceback" not in result.stderr
    assert not data.exists()  # not even an empty store


def test_an_unknown_tag_is_refused_with_the_choices(data: Path, home: Path) -> None:
    seed(data, {0: 6})
    result = ecouch("mood", "8", "--tag", "excercised", data=data, home=home)
    assert result.returncode == 2 and result.stdout == ""
    assert "'excercised' is not one of your mood tags; did you mean 'exercised'?" in result.stderr
    assert "choose from: slept badly, slept well, exercised" in result.stderr
    assert [(m.score, m.tags) for m in moods(data)] == [(6, ())]


def test_a_note_alone_needs_a_day_already_logged(data: Path, home: Path) -> None:
    result = ecouch("mood", "--note", "tired", data=data, home=home)
    assert result.returncode == 2 and result.stdout == ""
    assert "today (Mon 5 Jan) has no mood logged yet; give a score from 0 to 10" in result.stderr
    assert moods(data) == []


def test_bad_input_does_not_change_an_existing_entry(data: Path, home: Path) -> None:
    ecouch("mood", "6", "--note", "walked", data=data, home=home)
    for args in (["11"], ["abc", "--note", "x"], ["4", "--sleep", "30"]):
        assert ecouch("mood", *args, data=data, home=home).returncode == 2
    [saved] = moods(data)
    assert (saved.score, saved.note, saved.sleep_hours) == (6, "walked", None)


# -- the last 14 days --------------------------------------------------------------------------------


def test_the_last_fourteen_days_as_a_sparkline_with_averages(data: Path, home: Path) -> None:
    # 13, 8 and 2 days back are not logged; today is a Monday.
    scores = {13 - i: s for i, s in enumerate([0, 2, 4, 6, 8, 10, 5, 7, 3, 5, 6, 7, 8, 9])}
    for gap in (13, 8, 2):
        del scores[gap]
    seed(data, scores)
    result = ecouch("mood", data=data, home=home)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Mood, Tue 23 Dec – Mon 5 Jan (0 very low, 10 very good):",
        "  ·▂▄▅▇·▅▆▃▅▅·▇▇   ▁ 0  █ 10  · not logged",
        "  23 Dec   5 Jan",
        "14-day average 5.7 (11 of 14 days logged) · this week 9 (1 day)",
        "Range 2–9 · latest 9 today (Mon 5 Jan)",
    ]


def test_today_not_logged_yet_is_mentioned(data: Path, home: Path) -> None:
    seed(data, {1: 5, 3: 7})
    result = ecouch("mood", data=data, home=home)
    lines = result.stdout.splitlines()
    assert lines[1].startswith("  ··········▆·▅·")
    assert "this week: nothing logged yet" in lines[3]
    assert lines[-1] == "Today is not logged yet: ecouch mood SCORE (0-10)"


def test_fourteen_days_with_nothing_logged(data: Path, home: Path) -> None:
    result = ecouch("mood", data=data, home=home)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "No mood logged from Tue 23 Dec – Mon 5 Jan.",
        'Log today\'s with: ecouch mood 6 --note "walked"  (0 very low, 10 very good)',
    ]


def test_the_fourteen_days_ending_another_day(data: Path, home: Path) -> None:
    seed(data, {5: 4})
    result = ecouch("mood", "--day", "2025-12-31", data=data, home=home)
    assert result.returncode == 0, result.stderr
    assert (
        result.stdout.splitlines()[0] == "Mood, Thu 18 Dec – Wed 31 Dec (0 very low, 10 very good):"
    )
    assert "week of Mon 29 Dec 4 (1 day)" in result.stdout


# -- start-up stays light ---------------------------------------------------------------------------


def test_the_mood_command_never_imports_textual(data: Path, home: Path) -> None:
    home.mkdir()
    code = (
        "import sys\n"
        "from ecouch_tui.cli import main\n"
        "assert main(['mood', '6']) == 0\n"
        "assert main(['mood']) == 0\n"
        "print('LOADED', ' '.join(m for m in sys.modules if m.split('.')[0] in "
        "('textual', 'rich')))\n"
    )
    env = {**os.environ, "HOME": str(home), "ECOUCH_DATA_DIR": str(data)}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].strip() == "LOADED"
