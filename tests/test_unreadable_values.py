"""A value that cannot be read is shown as unreadable and kept as stored, never saved over.

The sweep (`test_garbled_sweep.py`) checks that nothing crashes on any garbled column;
these check, one by one, what each reader and each save then does with it.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from helpers import add_page, every_week_open, screen_text

from ecouch_tui.cli import main
from ecouch_tui.clock import FixedClock
from ecouch_tui.session import SessionConfig
from ecouch_tui.store.db import Store
from ecouch_tui.store.export import build_export
from ecouch_tui.store.snapshot import read_status
from ecouch_tui.ui.app import EcouchApp

TODAY = date(2026, 1, 5)


def _set(path: Path, sql: str) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute(sql)
    finally:
        conn.close()


def _get(path: Path, sql: str) -> object:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def test_saving_a_mood_keeps_tags_and_sleep_that_cannot_be_read(store: Store) -> None:
    store.save_mood(TODAY, 6, tags=["work"], sleep_hours=7.0)
    _set(store.path, "UPDATE mood SET tags = 'not json', sleep_hours = 'lots'")
    before = store.mood(TODAY)
    assert before is not None and before.tags == () and before.sleep_hours is None
    assert before.unreadable == {"tags": "not json", "sleep_hours": "lots"}
    after = store.save_mood(TODAY, 7, note="better")
    assert (after.score, after.note) == (7, "better")
    assert _get(store.path, "SELECT tags FROM mood") == "not json"
    assert _get(store.path, "SELECT sleep_hours FROM mood") == "lots"
    # Given, they replace it: that is the user's own correction.
    store.save_mood(TODAY, 7, tags=["sleep"])
    assert _get(store.path, "SELECT tags FROM mood") == '["sleep"]'


def test_a_score_that_cannot_be_read_is_flagged_and_left_out_of_the_lists(store: Store) -> None:
    store.save_mood(TODAY, 6)
    store.save_mood(date(2026, 1, 4), 4)
    _set(store.path, f"UPDATE mood SET score = 'abc' WHERE day = '{TODAY.isoformat()}'")
    mood = store.mood(TODAY)
    assert mood is not None and mood.unreadable == {"score": "abc"}
    assert [m.day for m in store.moods()] == [date(2026, 1, 4)]
    assert store.unreadable_moods() == 1
    exported = build_export(store)
    assert [m.score for m in exported.mood] == [4, "abc"]  # as stored, to rescue


def test_enrolling_again_keeps_a_start_date_that_cannot_be_read(store: Store) -> None:
    store.enrol("AU", started_on=TODAY)
    _set(store.path, "UPDATE enrolment SET started_on = 'nonsense'")
    enrolment = store.enrol("NZ")
    assert enrolment.unreadable == {"started_on": "nonsense"}
    assert enrolment.started_on == TODAY  # the day of the welcome, to show the weeks
    assert enrolment.region == "NZ"
    assert _get(store.path, "SELECT started_on FROM enrolment") == "nonsense"
    assert build_export(store).enrolment is not None
    assert build_export(store).enrolment.started_on == "nonsense"  # type: ignore[union-attr]


def test_a_setting_that_cannot_be_read_is_its_default(store: Store) -> None:
    store.set_setting("theme", "textual-dark")
    _set(store.path, "UPDATE settings SET value = '{\"a\":'")
    assert store.setting("theme", "fallback") == "fallback"
    assert _get(store.path, "SELECT value FROM settings") == '{"a":'


def test_status_reads_rows_as_the_store_does(store: Store) -> None:
    """The status line's read-only look maps rows exactly as the Store does."""
    store.enrol("AU", started_on=TODAY)
    store.save_mood(TODAY, 6, tags=["work"])
    store.save_checkin("phq9", [0] * 9, 0, "minimal", taken_at="2026-01-04T09:00:00+00:00")
    _set(store.path, "UPDATE mood SET tags = 'not json'")
    _set(store.path, "UPDATE checkins SET answers = '{\"a\":'")
    _set(store.path, "UPDATE enrolment SET started_on = 'nonsense'")
    snapshot = read_status(store.path, TODAY, "phq9")
    assert snapshot is not None
    assert snapshot.enrolment == store.enrolment()
    assert snapshot.mood_today == store.mood(TODAY)
    assert snapshot.last_checkin == store.checkins("phq9")[-1]
    assert snapshot.last_checkin is not None and snapshot.last_checkin.unreadable


def _cli(data_dir: Path, *words: str, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setenv("ECOUCH_TODAY", TODAY.isoformat())
    return main([words[0], "--data-dir", str(data_dir), *words[1:]])


def test_ecouch_mood_says_a_score_is_unreadable_and_keeps_it(
    data_dir: Path,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = data_dir / "ecouch.sqlite3"
    with Store.open(path, clock) as store:
        store.enrol("AU", started_on=TODAY)
        store.save_mood(TODAY, 6, tags=["work"])
    _set(path, "UPDATE mood SET score = 'abc'")
    assert _cli(data_dir, "status", monkeypatch=monkeypatch) == 0
    assert "mood unreadable today" in capsys.readouterr().out
    assert _cli(data_dir, "mood", monkeypatch=monkeypatch) == 0
    assert "1 day of mood could not be read" in capsys.readouterr().out
    # A note alone would keep the unreadable score: refused, with how to replace it.
    assert _cli(data_dir, "mood", "--note", "ok", monkeypatch=monkeypatch) == 2
    assert "could not be read, so it is kept as it is" in capsys.readouterr().err
    assert _get(path, "SELECT score FROM mood") == "abc"
    assert _cli(data_dir, "mood", "7", monkeypatch=monkeypatch) == 0
    assert "7/10 (was unreadable)" in capsys.readouterr().out
    assert _get(path, "SELECT score FROM mood") == 7
    assert _get(path, "SELECT tags FROM mood") == '["work"]'


def test_export_keeps_every_garbled_value_as_stored(
    data_dir: Path,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = data_dir / "ecouch.sqlite3"
    with Store.open(path, clock) as store:
        store.enrol("AU", started_on=TODAY)
        store.save_mood(TODAY, 6, tags=["work"])
        store.save_checkin("phq9", [0] * 9, 0, "minimal", uid="c1")
        store.record_safety_event("phq9 item 9", "checkin", uid="s1")
    _set(path, "UPDATE mood SET tags = 'not json'")
    _set(path, "UPDATE checkins SET taken_at = 'never', answers = '[1,'")
    _set(path, "UPDATE safety_events SET at = 'some time'")
    assert _cli(data_dir, "export", monkeypatch=monkeypatch) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["mood"][0]["tags"] == "not json"
    assert document["checkins"][0]["taken_at"] == "never"
    assert document["checkins"][0]["answers"] == "[1,"
    assert document["safety_events"][0]["at"] == "some time"


def _schedule_and_activity_pages(config: SessionConfig, course_dir: Path) -> tuple[int, int]:
    schedule = add_page(
        course_dir,
        "03-moving.yaml",
        {
            "id": "schedule",
            "title": "Plan your week",
            "blocks": [{"type": "activity_schedule", "id": "week-plan", "days_ahead": 7}],
        },
    )
    activity = add_page(
        course_dir,
        "03-moving.yaml",
        {
            "id": "active",
            "title": "Move more",
            "blocks": [{"type": "physical_activity", "id": "moves"}],
        },
    )
    every_week_open(config, course_dir)
    return schedule, activity


@pytest.mark.parametrize("kind", ["activity_schedule", "physical_activity"])
async def test_a_garbled_plan_or_session_leaves_the_others_shown(
    kind: str, config: SessionConfig, course_dir: Path
) -> None:
    """`plans` and `_sessions` decoded every entry unguarded: one garbled entry stopped
    the whole page. Now it is left out, and stays as stored."""
    schedule, activity = _schedule_and_activity_pages(config, course_dir)
    block = "week-plan" if kind == "activity_schedule" else "moves"
    page = "schedule" if kind == "activity_schedule" else "active"
    with Store.open(config.store_path, config.clock) as store:
        store.save_entry(
            module_id="moving", page_id=page, block_id=block, kind=kind, data={"x": 1}, uid="bad"
        )
    _set(config.store_path, "UPDATE entries SET data = '{\"activity\": ' WHERE uid = 'bad'")
    app = EcouchApp(config)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open_week(3, page_index=schedule if kind == "activity_schedule" else activity)
        await pilot.pause()
        assert "Traceback" not in screen_text(app)
    assert _get(config.store_path, "SELECT data FROM entries WHERE uid = 'bad'") == '{"activity": '


async def test_quiz_answers_that_cannot_be_read_are_said_so_and_never_saved_over(
    config: SessionConfig, course_dir: Path
) -> None:
    """The quiz read its saved answers unguarded: a garbled answer stopped the page."""
    every_week_open(config, course_dir)
    with Store.open(config.store_path, config.clock) as store:
        store.save_entry(
            module_id="welcome",
            page_id="check",
            block_id="basics",
            kind="quiz",
            data={"answers": {}, "checked": []},
            uid="welcome/check/basics",
        )
    _set(config.store_path, "UPDATE entries SET data = '{\"answers\": 3' WHERE kind = 'quiz'")
    app = EcouchApp(config)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open_week(1, page_index=2)
        await pilot.pause()
        from ecouch_tui.ui.blocks.quiz import QuizView

        quiz = app.screen.query_one(QuizView)
        status = str(quiz.query_one(".quiz-status").render())
        assert "unreadable" in status and "not saved" in status
        quiz.answer(quiz.block.questions[0], [1], checked=True)  # as a click on an option
        await pilot.pause()
    assert _get(config.store_path, "SELECT data FROM entries WHERE kind = 'quiz'") == (
        '{"answers": 3'
    )


def test_values_outside_the_rules_of_a_save_read_as_unreadable_and_export_as_stored(
    store: Store,
) -> None:
    """A day in another form (20260105: `date.fromisoformat` reads it as 2026-01-05), a
    year the sums of days overflow at, sleep of 1e308: what an older version or a hand
    edit left reads as unreadable (never another day, never a crash), and stays."""
    store.enrol("AU", started_on=TODAY)
    store.save_mood(TODAY, 6, sleep_hours=7.0)
    store.save_mood(date(2026, 1, 4), 4)
    _set(store.path, "UPDATE enrolment SET started_on = '9999-12-31'")
    _set(store.path, f"UPDATE mood SET day = '20260105' WHERE day = '{TODAY.isoformat()}'")
    _set(store.path, "UPDATE mood SET sleep_hours = 1e308 WHERE day = '20260105'")
    enrolment = store.enrolment()
    assert enrolment is not None and enrolment.unreadable == {"started_on": "9999-12-31"}
    assert enrolment.started_on == TODAY  # the day of the welcome
    assert [m.day for m in store.moods()] == [date(2026, 1, 4)]
    assert store.unreadable_moods() == 1
    exported = build_export(store)
    assert [m.date for m in exported.mood] == ["2026-01-04", "20260105"]
    assert exported.mood[1].sleep_hours == 1e308
    assert exported.enrolment is not None and exported.enrolment.started_on == "9999-12-31"
