"""Saves run on the writer thread: while another copy of ecouch holds the store's write
lock, the screen answers every key at once, and nothing typed is lost.

The other copy is a real process holding `BEGIN IMMEDIATE` on the file until the test
lets go, so "while the lock is held" is a fact, not a guess about time.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import START
from helpers import enrol, focus, past_autosave, saves_may_wait, seen
from textual.widgets import TextArea

import ecouch_tui.store.db as db
from ecouch_tui.clock import FixedClock
from ecouch_tui.content.blocks.reflection import ReflectionResponse
from ecouch_tui.session import SessionConfig
from ecouch_tui.store.db import Store
from ecouch_tui.store.errors import StoreBusy
from ecouch_tui.store.writer import EntryWrite, Writer, open_another
from ecouch_tui.ui.app import EcouchApp
from ecouch_tui.ui.screens.help import HelpScreen
from ecouch_tui.ui.screens.home import HomeScreen
from ecouch_tui.ui.screens.unsaved import UnsavedScreen
from ecouch_tui.ui.screens.welcome import WelcomeScreen

LIMIT = 120  # seconds: only to stop a hang, never a measure
HOPES = "welcome/your-hopes/hopes"  # the reflection on week 1's last page (index 3)

#: Another copy of ecouch, mid-save: takes the write lock and holds it until told.
HOLD = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=60)
conn.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.readline()
conn.execute("ROLLBACK")
conn.close()
print("released", flush=True)
"""


@contextmanager
def another_copy_holds_the_lock(path: Path) -> Iterator[Callable[[], None]]:
    """Hold the store's write lock from another process; call what it yields (or leave
    the block) to let go."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdin is not None and proc.stdout is not None
    stdin, stdout = proc.stdin, proc.stdout
    held = [stdout.readline().strip() == "locked"]
    assert held[0], "the other process could not take the lock"

    def release() -> None:
        if held[0]:
            held[0] = False
            stdin.write("\n")
            stdin.flush()
            assert stdout.readline().strip() == "released"

    try:
        yield release
    finally:
        release()
        proc.wait(timeout=LIMIT)


def stored_text(path: Path, uid: str = HOPES) -> str | None:
    """The reflection as the file has it, read the way another program would."""
    conn = sqlite3.connect(path, timeout=LIMIT)
    try:
        row = conn.execute("SELECT data FROM entries WHERE uid = ?", (uid,)).fetchone()
    finally:
        conn.close()
    if row is None:
        return None
    import msgspec

    return msgspec.json.decode(row[0], type=ReflectionResponse).text


@pytest.fixture
def patient(monkeypatch: pytest.MonkeyPatch) -> None:
    """Saves wait for the lock as long as a test may take (the real wait is 15 s)."""
    monkeypatch.setattr(db, "BUSY_TIMEOUT", LIMIT)


async def test_typing_paging_and_help_answer_while_another_copy_holds_the_lock(
    config: SessionConfig, patient: None
) -> None:
    enrol(config)
    app = EcouchApp(config)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_week(1, page_index=3)
        await pilot.pause()
        with another_copy_holds_the_lock(config.store_path) as release, saves_may_wait():
            await pilot.press("tab", *"calm mornings")
            assert app.screen.query_one(TextArea).text == "calm mornings"
            assert "calm mornings" in seen(app)
            await past_autosave(pilot)  # the save is handed over: it waits for the lock
            assert "Saving…" in seen(app) and "Saved" not in seen(app)
            assert stored_text(config.store_path) is None
            await pilot.press("f1")  # help opens while the save still waits
            assert isinstance(app.screen, HelpScreen)
            assert "Get help now" in seen(app)
            await pilot.press("escape")
            # To the page before and back: the words are in the box, not lost.
            await pilot.press("tab", "b")
            assert "Page 3 of 4" in seen(app)
            await pilot.press("n")
            assert "Page 4 of 4" in seen(app)
            box = app.screen.query_one(TextArea)
            assert box.text == "calm mornings"
            assert "Saving…" in seen(app)  # those words are not on disk yet
            await pilot.press("tab", "end", *" and walks")
            assert app.screen.query_one(TextArea).text == "calm mornings and walks"
            await past_autosave(pilot)
            assert "Saved" not in seen(app)
            assert stored_text(config.store_path) is None  # all this while the lock is held
            release()
            await app.saves_done()
        await pilot.pause()
        assert "Saved" in seen(app)
        assert stored_text(config.store_path) == "calm mornings and walks"


async def test_quitting_while_a_save_waits_quits_once_it_has_landed(
    config: SessionConfig, patient: None
) -> None:
    enrol(config)
    app = EcouchApp(config)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_week(1, page_index=3)
        await pilot.pause()
        with another_copy_holds_the_lock(config.store_path) as release, saves_may_wait():
            await pilot.press("tab", *"before I go", "ctrl+q")
            await pilot.press("f1")  # still running, and still answering keys
            assert isinstance(app.screen, HelpScreen)
            assert stored_text(config.store_path) is None
            release()
            await app.workers.wait_for_complete()  # the quit, once the save has landed
    assert stored_text(config.store_path) == "before I go"


async def test_starting_the_course_waits_for_its_save_and_help_still_opens(
    config: SessionConfig, patient: None
) -> None:
    app = EcouchApp(config)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        with another_copy_holds_the_lock(config.store_path) as release, saves_may_wait():
            await focus(pilot, "#welcome")
            await pilot.press("tab", "down", "enter", "tab", "enter")  # New Zealand, Start
            assert isinstance(app.screen, WelcomeScreen)  # not started until it is saved
            await pilot.press("f1")
            assert isinstance(app.screen, HelpScreen)
            await pilot.press("escape")
            assert isinstance(app.screen, WelcomeScreen)
            release()
            await app.saves_done()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    with Store.open(config.store_path, config.clock) as store:
        enrolment = store.enrolment()
        assert enrolment is not None and enrolment.region == "NZ"


async def test_a_save_refused_after_the_wait_is_kept_and_shown_to_copy(
    config: SessionConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The lock is held past the busy timeout: "Not saved", and the words that left the
    screen meanwhile open in the Not saved window."""
    monkeypatch.setattr(db, "BUSY_TIMEOUT", 0.2)
    enrol(config)
    app = EcouchApp(config)
    async with app.run_test(size=(80, 30), notifications=True) as pilot:
        app.open_week(1, page_index=3)
        await pilot.pause()
        with another_copy_holds_the_lock(config.store_path), saves_may_wait():
            await pilot.press("tab", *"hold on to this", "escape")  # Esc: leave, home
            await app.saves_done()  # refused, the lock still held
            await pilot.pause()
            assert isinstance(app.screen, UnsavedScreen)
            shown = app.screen.query_one("#unsaved-text", TextArea).text
            assert shown.endswith("hold on to this")
            assert "another copy of ecouch" in seen(app)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
    assert stored_text(config.store_path) is None


def test_the_writer_keeps_order_and_never_blocks_reads(tmp_path: Path, patient: None) -> None:
    """Headless: saves queued while the lock is held land in order once it is let go;
    meanwhile the reading connection answers, and `pending` has the newest words."""
    clock = FixedClock(START)
    path = tmp_path / "ecouch.sqlite3"
    reader = Store.open(path, clock)
    writer = Writer(lambda: open_another(path, clock))
    ran: list[int] = []
    try:
        with another_copy_holds_the_lock(path) as release:
            futures = [writer.submit(save(n, ran)) for n in range(20)]
            assert reader.entry(HOPES) is None  # a read, not stuck behind the writes
            assert writer.pending(HOPES) == ReflectionResponse(text="draft 19")
            assert not any(f.done() for f in futures)
            release()
            results = [f.result(timeout=LIMIT) for f in futures]
        assert ran == list(range(20))
        assert [r.as_dict()["text"] for r in results] == [f"draft {n}" for n in range(20)]
        assert writer.pending(HOPES) is None
        entry = reader.entry(HOPES)
        assert entry is not None and entry.as_dict() == {"text": "draft 19"}
    finally:
        assert writer.close(timeout=LIMIT)
        reader.close()


def test_a_refused_write_comes_back_as_its_error_and_the_next_one_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db, "BUSY_TIMEOUT", 0.1)
    clock = FixedClock(START)
    path = tmp_path / "ecouch.sqlite3"
    Store.open(path, clock).close()
    writer = Writer(lambda: open_another(path, clock))
    ran: list[int] = []
    try:
        with another_copy_holds_the_lock(path):
            refused = writer.submit(save(1, ran))
            with pytest.raises(StoreBusy):
                refused.result(timeout=LIMIT)
        assert writer.submit(save(2, ran)).result(timeout=LIMIT).as_dict() == {"text": "draft 2"}
    finally:
        assert writer.close(timeout=LIMIT)
    assert ran == [1, 2]


def test_close_runs_what_is_queued_first(tmp_path: Path) -> None:
    clock = FixedClock(START)
    path = tmp_path / "ecouch.sqlite3"
    Store.open(path, clock).close()
    writer = Writer(lambda: open_another(path, clock))
    go = threading.Event()
    first = writer.submit(lambda store: go.wait(LIMIT))
    rest = [writer.submit(save(n, [])) for n in range(3)]
    go.set()
    assert writer.close(timeout=LIMIT)
    assert first.result() is True and [f.result().as_dict()["text"] for f in rest] == [
        "draft 0",
        "draft 1",
        "draft 2",
    ]
    with pytest.raises(RuntimeError):
        writer.submit(save(9, []))


def save(n: int, ran: list[int]) -> EntryWrite:
    data = ReflectionResponse(text=f"draft {n}")

    def write(store: Store) -> object:
        ran.append(n)
        return store.save_entry(
            uid=HOPES,
            module_id="welcome",
            page_id="your-hopes",
            block_id="hopes",
            kind="reflection",
            data=data,
        )

    return EntryWrite(HOPES, data, write)
