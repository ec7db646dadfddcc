"""Fault: two copies of ecouch write at once (two processes, the app and the shell).

No "database is locked" may reach the user, and nothing may be lost: what each writer
reported saved is counted against what is in the store afterwards.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path
from subprocess import CompletedProcess
from typing import Any

import pytest
from faults_child import EPOCH, entry_data
from helpers import enrol, run_ecouch, screen_text

from ecouch_tui.clock import FixedClock
from ecouch_tui.session import SessionConfig
from ecouch_tui.store.db import Store
from ecouch_tui.store.errors import StoreBusy
from ecouch_tui.ui.app import EcouchApp
from ecouch_tui.ui.screens.mood_entry import MoodEntryScreen

CHILD = Path(__file__).parent / "faults_child.py"
TODAY = date(2026, 1, 5)
LIMIT = 120  # seconds: only to stop a hang, never a measure


def _writer(path: Path, name: str, count: int, first_day: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(CHILD), "api", str(path), name, str(count), str(first_day)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _finish(proc: subprocess.Popen[str]) -> list[str]:
    out, err = proc.communicate(timeout=LIMIT)
    assert proc.returncode == 0, err
    assert "Traceback" not in err and "locked" not in err.lower(), err
    lines = out.splitlines()
    assert lines[0] == "ready"
    errors = [line for line in lines if line.startswith("ERROR")]
    assert not errors, errors  # e.g. "another copy of ecouch has held ... busy"
    return [line.split()[1] for line in lines[1:]]


def _ecouch(data: Path, home: Path, *args: str) -> CompletedProcess[str]:
    place = {"HOME": str(home), "ECOUCH_DATA_DIR": str(data), "ECOUCH_TODAY": TODAY.isoformat()}
    return run_ecouch(*args, cwd=home, env=place, timeout=LIMIT)


def _mood_loop(data: Path, home: Path, days: list[date]) -> dict[date, int]:
    """`ecouch mood` once per day, as a reminder script would; what each reported."""
    logged: dict[date, int] = {}
    for n, day in enumerate(days):
        score = (day.toordinal() + n) % 11
        result = _ecouch(data, home, "mood", str(score), "--day", day.isoformat())
        assert result.returncode == 0, result.stderr
        assert result.stderr == "", result.stderr
        assert result.stdout.startswith("Logged mood for"), result.stdout
        logged[day] = score
    return logged


def test_two_processes_saving_at_once_lose_nothing(tmp_path: Path) -> None:
    """Both start on a store that does not exist yet: they also race to create it."""
    path = tmp_path / "data" / "ecouch.sqlite3"
    one, two = _writer(path, "one", 120, 0), _writer(path, "two", 120, 5000)
    saved = {"one": _finish(one), "two": _finish(two)}
    assert len(saved["one"]) == len(saved["two"]) == 120
    with Store.open(path, FixedClock(TODAY)) as store:
        for name, uids in saved.items():
            entries = store.entries(block_id=name)
            assert [e.uid for e in entries] == uids  # all there, in the order saved
            assert all(e.as_dict() == entry_data(e.uid, 1) for e in entries)
        moods = store.moods()
        assert len(moods) == 2 * 24
        assert {m.note for m in moods} == {f"{n}-{i}" for n in saved for i in range(0, 120, 5)}


def test_two_mood_loops_on_different_days(tmp_path: Path) -> None:
    data, home = tmp_path / "data", tmp_path / "home"
    home.mkdir()
    december = [date(2025, 12, d) for d in range(1, 9)]
    november = [date(2025, 11, d) for d in range(1, 9)]
    with ThreadPoolExecutor(2) as pool:
        loops = [pool.submit(_mood_loop, data, home, days) for days in (december, november)]
        logged = {**loops[0].result(timeout=LIMIT), **loops[1].result(timeout=LIMIT)}
    with Store.open(data / "ecouch.sqlite3", FixedClock(TODAY)) as store:
        assert {m.day: m.score for m in store.moods()} == logged


@pytest.mark.slow
async def test_the_app_and_the_shell_at_once(config: SessionConfig) -> None:
    """Typing in the app while a shell loop and another process write: nothing is refused."""
    enrol(config)
    home = config.data_dir.parent / "home"
    home.mkdir()
    app = EcouchApp(config)
    said: list[tuple[str, str]] = []
    notify = app.notify

    def recording_notify(message: str, **options: Any) -> None:
        said.append((str(options.get("severity", "information")), message))
        notify(message, **options)

    app.notify = recording_notify  # type: ignore[method-assign]
    shell_days = [date(2025, 10, d) for d in range(1, 7)]
    shell: dict[str, Any] = {}

    def shell_loop() -> None:
        shell["logged"] = _mood_loop(config.data_dir, home, shell_days)

    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        writer = _writer(config.store_path, "other", 150, 9000)
        thread = threading.Thread(target=shell_loop)
        thread.start()
        try:
            app.open_week(1, page_index=3)
            await pilot.pause()
            await pilot.press("tab")
            for word in ("one", "small", "step", "at", "a", "time"):
                await pilot.press(*word, "space")
                app.flush_savers()  # save now, while the others are writing
            await pilot.press("escape")
            for back in range(1, 6):
                app.push_screen(MoodEntryScreen(TODAY - timedelta(days=back)))
                await pilot.pause()
                await pilot.press(str(back), "tab", "tab")
                await pilot.pause()
                await pilot.press("escape")
                await pilot.pause()
        finally:
            thread.join(LIMIT)
            other = _finish(writer)
        assert "Not saved" not in screen_text(app)
    assert [s for s in said if s[0] == "error"] == []
    assert len(other) == 150
    with Store.open(config.store_path, config.clock) as store:
        (reflection,) = store.entries(kind="reflection", block_id="hopes")
        assert reflection.as_dict() == {"text": "one small step at a time "}
        assert len(store.entries(block_id="other")) == 150
        moods = {m.day: m.score for m in store.moods()}
    assert {day: moods.get(day) for day in shell_days} == shell["logged"]
    for back in range(1, 6):
        assert moods[TODAY - timedelta(days=back)] == back
    first = EPOCH + timedelta(days=9000)
    assert sum(1 for day in moods if first <= day < first + timedelta(days=150)) == 30


def test_a_lock_held_too_long_is_explained_never_called_damage(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the busy timeout the user reads that another copy is busy: not SQLite's
    "database is locked", and never "damaged" (which would offer to set a good file aside)."""
    import ecouch_tui.store.db as db

    monkeypatch.setattr(db, "BUSY_TIMEOUT", 0.05)
    clock = FixedClock(TODAY)
    path = data_dir / "ecouch.sqlite3"
    with Store.open(path, clock) as other:
        other.conn.execute("BEGIN IMMEDIATE")  # another copy, mid-save, stuck
        with Store.open(path, clock) as mine, pytest.raises(StoreBusy) as caught:
            mine.save_mood(TODAY, 5)
        other.conn.execute("ROLLBACK")
    assert "another copy of ecouch has held ecouch.sqlite3 busy" in str(caught.value)
    assert "locked" not in str(caught.value)
    # A store in rollback-journal mode (as an older tool may leave it) needs a lock even to
    # open: still "busy", not "damaged".
    legacy = data_dir / "legacy.sqlite3"
    Store.open(legacy, clock).close()
    conn = sqlite3.connect(legacy, isolation_level=None)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreBusy):
            Store.open(legacy, clock)
    finally:
        conn.execute("ROLLBACK")
        conn.close()
