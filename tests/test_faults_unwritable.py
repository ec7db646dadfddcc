"""Fault: a full disk or a read-only data folder.

A clear message and no traceback; what the user typed stays on screen, and when its box
goes away (the page changes, the window closes, the app quits) it is shown in a Not
saved window to copy. Once the disk has room again, the next change saves.

How each condition is made, and why:

- Real full disk, any user: RLIMIT_FSIZE in a child process with SIGXFSZ ignored, so
  writes past the limit fail with EFBIG (SQLite: disk I/O error). Used for the shell
  commands and for the app mid-session (a Pilot script in the child).
- Real full disk, ENOSPC: a 1 MB tmpfs filled by a filler file, in a user and mount
  namespace (`unshare -rm`, no root needed). Skipped where namespaces are not allowed.
- Real read-only folder: a read-only bind mount in such a namespace. It refuses root
  too, unlike `chmod`; it cannot be made mid-session (a bind mount will not go
  read-only while SQLite holds files open for writing), so it is tested at start-up.
- A read-only store file by `chmod`: only when not running as root (root ignores it).
- Mid-session in the test process itself (fast Pilot tests of each form):
  `PRAGMA query_only` on the app's connection, which refuses every write exactly as a
  read-only database does (SQLITE_READONLY). Root, chmod and mounts do not matter there.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import pytest
from helpers import enrol, focus, screen_text, squash
from textual.widgets import Static, TextArea

from ecouch_tui.clock import FixedClock
from ecouch_tui.session import SessionConfig
from ecouch_tui.store.db import Store
from ecouch_tui.store.export import build_export, to_json
from ecouch_tui.ui.app import EcouchApp
from ecouch_tui.ui.screens.home import HomeScreen
from ecouch_tui.ui.screens.mood_entry import MoodEntryScreen
from ecouch_tui.ui.screens.player import PlayerScreen
from ecouch_tui.ui.screens.unsaved import UnsavedScreen

TESTS = Path(__file__).parent
CHILD = TESTS / "faults_child.py"
FIXTURE_COURSE = TESTS / "fixtures" / "course"
TODAY = date(2026, 1, 5)
LIMIT = 120  # seconds, only to stop a hang


@cache
def namespaces_work() -> bool:
    """Can this machine give an unprivileged process its own user and mount namespace?"""
    if shutil.which("unshare") is None or not sys.platform.startswith("linux"):
        return False
    probe = subprocess.run(
        ["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt 2>/dev/null"],
        capture_output=True,
        timeout=30,
    )
    return probe.returncode == 0


needs_namespaces = pytest.mark.skipif(
    not namespaces_work(), reason="user and mount namespaces (unshare -rm) are not allowed here"
)


def refuse_writes(app: EcouchApp, refuse: bool = True) -> None:
    """On the writer's own connection, where every save is made (after those queued)."""
    sql = f"PRAGMA query_only={int(refuse)}"
    app.writer.submit(lambda store: store.conn.execute(sql)).result(timeout=60)


def refusals(app: EcouchApp) -> list[str]:
    return [n.message for n in app._notifications if n.title == "Not saved"]


# -- in the app, mid-session (simulated at the SQLite level) ------------------------------


async def test_a_reflection_stays_and_is_shown_to_copy_when_leaving(config: SessionConfig) -> None:
    enrol(config)
    app = EcouchApp(config)
    async with app.run_test(size=(80, 30), notifications=True) as pilot:
        await pilot.pause()
        app.open_week(1, page_index=3)
        await pilot.pause()
        refuse_writes(app)
        await pilot.press("tab", *"I want")
        box = app.screen.query_one(TextArea)
        box.insert(" to feel like myself again")
        await pilot.pause()
        app.flush_savers()
        for word in (" at", " work"):  # more typing, more refusals: still one message
            await pilot.press(*word)
            app.flush_savers()
        await pilot.pause()
        text = squash(screen_text(app))
        assert "Not saved yet: your text is still here" in text
        assert "ecouch cannot save to" in text and "read-only" in text
        assert app.screen.query_one(TextArea).text == "I want to feel like myself again at work"
        assert len(refusals(app)) == 1
        await pilot.press("escape")  # leave the page: the box goes away
        await pilot.pause()
        assert isinstance(app.screen, UnsavedScreen)
        shown = app.screen.query_one("#unsaved-text", TextArea).text
        assert shown.endswith("I want to feel like myself again at work")
        assert "What would you like to be different" in shown  # which box it was
        await pilot.click("#copy")
        assert app.clipboard == shown
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    with Store.open(config.store_path, config.clock) as store:
        assert store.entries(kind="reflection") == []


async def test_a_mood_note_stays_and_is_shown_to_copy(config: SessionConfig) -> None:
    enrol(config)
    app = EcouchApp(config)
    async with app.run_test(size=(80, 30), notifications=True) as pilot:
        await pilot.pause()
        refuse_writes(app)
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("3")
        await focus(pilot, "#note")
        await pilot.press(*"awful")
        app.screen.query_one("#note").insert_text_at_cursor(" day, stayed in")  # type: ignore[attr-defined]
        await pilot.pause()
        app.flush_savers()
        await pilot.pause()
        assert str(app.screen.query_one("#mood-status", Static).content) == (
            "⚠ Not saved yet: it is still here."
        )
        await focus(pilot, "#score")
        await pilot.press("left_square_bracket")  # another day would replace the fields
        await pilot.pause()
        assert isinstance(app.screen, MoodEntryScreen) and app.screen.day == TODAY
        assert app.screen.query_one("#note").value == "awful day, stayed in"  # type: ignore[attr-defined]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedScreen)
        shown = app.screen.query_one("#unsaved-text", TextArea).text
        assert shown == "Mood for Monday 5 January: 3/10\nNote: awful day, stayed in"
    with Store.open(config.store_path, config.clock) as store:
        assert store.moods() == []


async def test_an_exercise_form_is_not_called_saved_and_stays(config: SessionConfig) -> None:
    enrol(config)
    app = EcouchApp(config)
    async with app.run_test(size=(80, 36), notifications=True) as pilot:
        await pilot.pause()
        refuse_writes(app)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"walked")
        app.screen.query_one("#what").insert_text_at_cursor(" to the shop")  # type: ignore[attr-defined]
        await focus(pilot, "#achievement")
        await pilot.press("6")
        await focus(pilot, "#enjoyment")
        await pilot.press("4")
        await pilot.click("#add")  # "Save entry ✓"
        await pilot.pause()
        text = squash(screen_text(app))
        assert "Not saved yet: what you typed is still here" in text
        assert "Logged:" not in text
        assert app.screen.query_one("#what").value == "walked to the shop"  # type: ignore[attr-defined]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedScreen)
        assert "walked to the shop" in app.screen.query_one("#unsaved-text", TextArea).text
    with Store.open(config.store_path, config.clock) as store:
        assert store.entries() == []


async def test_quitting_with_unsaved_words_shows_them_first(config: SessionConfig) -> None:
    enrol(config)
    app = EcouchApp(config)
    async with app.run_test(size=(80, 30), notifications=True) as pilot:
        await pilot.pause()
        app.open_week(1, page_index=3)
        await pilot.pause()
        refuse_writes(app)
        await pilot.press("tab", *"do")
        app.screen.query_one(TextArea).insert(" not lose this")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedScreen)
        assert app.screen.query_one("#unsaved-text", TextArea).text.endswith("\ndo not lose this")
        why = str(app.screen.query_one("#unsaved-why", Static).content)
        assert why.endswith("Press Ctrl+Q again to quit without it.")
        assert app.is_running
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code in (0, None)


async def test_when_writes_work_again_the_next_change_saves(config: SessionConfig) -> None:
    enrol(config)
    app = EcouchApp(config)
    async with app.run_test(size=(80, 30), notifications=True) as pilot:
        await pilot.pause()
        app.open_week(1, page_index=3)
        await pilot.pause()
        refuse_writes(app)
        await pilot.press("tab", *"first")
        app.screen.query_one(TextArea).insert(" part")
        await pilot.pause()
        app.flush_savers()
        await pilot.pause()
        assert "Not saved yet" in squash(screen_text(app))
        refuse_writes(app, False)  # space freed, folder fixed
        app.screen.query_one(TextArea).insert(", then more")
        await pilot.pause()
        app.flush_savers()
        await pilot.pause()
        assert "Saved" in squash(screen_text(app))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)  # nothing left unsaved: no window
    with Store.open(config.store_path, config.clock) as store:
        (entry,) = store.entries(kind="reflection")
        assert entry.as_dict() == {"text": "first part, then more"}


# -- in the app, a real full disk (child processes) ---------------------------------------


@pytest.mark.parametrize(
    "how",
    ["rlimit", pytest.param("fill", marks=needs_namespaces)],
)
@pytest.mark.slow
def test_the_app_on_a_really_full_disk(tmp_path: Path, how: str) -> None:
    data = tmp_path / "data"
    command = [sys.executable, str(CHILD), "app-full", str(data), str(FIXTURE_COURSE), how]
    if how == "fill":
        data.mkdir(mode=0o700)
        mount = f"mount -t tmpfs -o size=1m,mode=0700 tmpfs '{data}'"
        command = ["unshare", "-rm", "sh", "-c", f'{mount} && exec "$@"', "sh", *command]
    result = subprocess.run(command, capture_output=True, text=True, timeout=LIMIT, cwd=TESTS)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    seen = json.loads(result.stdout)
    reason = "the disk is full" if how == "fill" else "the disk refused the write"
    assert "Not saved yet: your text is still here" in seen["while_full"]
    toast = squash(seen["while_full"].replace("▌", ""))
    assert "ecouch cannot save to" in toast and reason in toast
    assert seen["box_while_full"] == "before during the full disk"
    assert seen["after_leaving"] == "UnsavedScreen"
    assert seen["window_text"].endswith("before during the full disk")
    assert "Saved" in seen["after_freeing"]
    assert seen["stored"] == [{"text": "before after"}]


@needs_namespaces
def test_the_app_on_a_read_only_folder(tmp_path: Path, clock: FixedClock) -> None:
    data = tmp_path / "data"
    with Store.open(data / "ecouch.sqlite3", clock) as store:
        store.enrol("AU")
    bind = f"mount --bind '{data}' '{data}' && mount -o remount,ro,bind '{data}'"
    command = [sys.executable, str(CHILD), "app-open", str(data), str(FIXTURE_COURSE)]
    result = subprocess.run(
        ["unshare", "-rm", "sh", "-c", f'{bind} && exec "$@"', "sh", *command],
        capture_output=True,
        text=True,
        timeout=LIMIT,
        cwd=TESTS,
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    assert seen["screen"] == "StoreProblemScreen"
    assert "ecouch cannot open your data" in seen["text"]
    assert "Read-only file system. Make the folder writable, then try again." in seen["text"]
    assert "Try again" in seen["text"] and "Start fresh" not in seen["text"]
    assert seen["f1"] == "HelpScreen"
    assert seen["after_again"] == "StoreProblemScreen"  # still read-only: still explained


# -- the shell ----------------------------------------------------------------------------


def ecouch_limited(
    data: Path, *argv: str, limit: int | None = None, stdin: str = "", namespace: str = ""
) -> subprocess.CompletedProcess[str]:
    """Run ecouch, with writes past `limit` bytes failing (EFBIG), or in a namespace."""
    env = {**os.environ, "ECOUCH_DATA_DIR": str(data), "ECOUCH_TODAY": TODAY.isoformat()}
    launch = [sys.executable, "-m", "ecouch_tui", *argv]
    if limit is not None:
        # SIG_IGN survives exec: the limit makes write() fail instead of killing ecouch.
        code = (
            "import os, resource, signal, sys; signal.signal(signal.SIGXFSZ, signal.SIG_IGN); "
            f"resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, "
            "resource.getrlimit(resource.RLIMIT_FSIZE)[1])); os.execv(sys.argv[1], sys.argv[1:])"
        )
        launch = [sys.executable, "-c", code, *launch]
    if namespace:
        launch = ["unshare", "-rm", "sh", "-c", f'{namespace} && exec "$@"', "sh", *launch]
    return subprocess.run(
        launch, input=stdin, env=env, capture_output=True, text=True, timeout=LIMIT
    )


def export_file(tmp_path: Path) -> Path:
    other = tmp_path / "other" / "ecouch.sqlite3"
    with Store.open(other, FixedClock(TODAY)) as store:
        store.save_mood(TODAY - timedelta(days=30), 7, note="from the other computer")
        path = tmp_path / "export.json"
        path.write_bytes(to_json(build_export(store)))
    return path


def assert_refused(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.stderr.startswith("ecouch: "), result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


def test_shell_commands_on_a_disk_that_fills_while_ecouch_is_open(tmp_path: Path) -> None:
    """The app holds the store open (its WAL is past 32 KB); the disk then has no room
    for one more byte of it: mood, checkin and import all refuse cleanly."""
    data = tmp_path / "data"
    warm = ecouch_limited(data, "mood", "4", "--day", "yesterday")  # store and course cache
    assert warm.returncode == 0, warm.stderr
    holder = Store.open(data / "ecouch.sqlite3", FixedClock(TODAY))
    try:
        holder.enrol("AU")
        for _ in range(12):
            holder.save_entry(
                module_id="m", page_id="p", block_id="b", kind="reflection", data={"t": "x" * 3000}
            )
        wal = data / "ecouch.sqlite3-wal"
        assert wal.stat().st_size > 32768  # the -shm (32 KB) needs no more room
        before = to_json(build_export(holder)).split(b'"exported_at"')[1].split(b"\n", 1)[1]
        limit = wal.stat().st_size

        result = ecouch_limited(data, "mood", "6", "--note", "rough", limit=limit)
        assert_refused(result, "ecouch cannot save to", "the disk refused the write")
        assert "Nothing was saved." in result.stderr

        result = ecouch_limited(data, "checkin", limit=limit, stdin="1\n" * 9)
        assert_refused(result, "the check-in was not saved", "the disk refused the write")
        assert "PHQ-9" in result.stdout  # the result was still shown: the answers count

        result = ecouch_limited(data, "import", str(export_file(tmp_path)), limit=limit)
        assert_refused(result, "Nothing was imported.")
        for copy in data.glob("backups/*"):  # a backup taken before the refusal is whole
            with sqlite3.connect(copy) as conn:
                assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
                assert conn.execute("SELECT region FROM enrolment").fetchall() == [("AU",)]
            conn.close()

        after = to_json(build_export(holder)).split(b'"exported_at"')[1].split(b"\n", 1)[1]
        assert after == before  # nothing half-saved
    finally:
        holder.close()


def test_shell_commands_on_a_disk_full_before_they_start(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with Store.open(data / "ecouch.sqlite3", FixedClock(TODAY)) as store:
        store.enrol("AU")
    result = ecouch_limited(data, "mood", "6", limit=1024)
    assert_refused(result, "ecouch cannot save to", "the disk refused the write")
    result = ecouch_limited(data, "checkin", limit=1024, stdin="0\n" * 9)
    assert_refused(result, "ecouch cannot save to")


@needs_namespaces
def test_shell_commands_on_a_read_only_folder(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with Store.open(data / "ecouch.sqlite3", FixedClock(TODAY)) as store:
        store.enrol("AU")
        store.save_mood(TODAY - timedelta(days=1), 5)
    read_only = f"mount --bind '{data}' '{data}' && mount -o remount,ro,bind '{data}'"
    export = export_file(tmp_path)
    for argv, stdin in (
        (["mood", "6"], ""),
        (["checkin"], "0\n" * 9),
        (["import", str(export)], ""),
    ):
        result = ecouch_limited(data, *argv, stdin=stdin, namespace=read_only)
        assert_refused(result, "Read-only file system", "Make the folder writable")
    # Reading still works where it can: status reads without writing anything.
    status = ecouch_limited(data, "status", namespace=read_only)
    assert status.returncode == 0 and "Traceback" not in status.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write a file whatever its mode")
def test_shell_commands_on_a_store_file_without_write_permission(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with Store.open(data / "ecouch.sqlite3", FixedClock(TODAY)) as store:
        store.enrol("AU")
    (data / "ecouch.sqlite3").chmod(0o400)
    try:
        result = ecouch_limited(data, "mood", "6")
        assert_refused(result, "Permission denied", "Make the folder writable")
    finally:
        (data / "ecouch.sqlite3").chmod(0o600)


async def test_the_player_page_is_not_blocked_by_a_refused_visit(config: SessionConfig) -> None:
    """Remembering the page is not the user's writing: refusing it only says so once."""
    enrol(config)
    app = EcouchApp(config)
    async with app.run_test(size=(80, 30), notifications=True) as pilot:
        await pilot.pause()
        refuse_writes(app)
        app.open_week(1, page_index=0)
        await pilot.pause()
        await pilot.press("n", "n")
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen) and app.screen.index == 2
        assert len(refusals(app)) == 1
