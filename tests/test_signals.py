"""Typing is not lost when the terminal closes or the system stops ecouch (issue 12, 1).

The real `ecouch` runs in a pseudo-terminal, as in a terminal window: the user opens a
reflection and types steadily (a key every 0.2 s, which never gives the autosave its
quiet 0.4 s), then the window is closed (SIGHUP, the terminal gone) or the process is
asked to stop (SIGTERM): everything typed must be in the store afterwards. Killed
outright (SIGKILL, as a crash), at most the last half second of typing may be lost.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from ecouch_tui.clock import FixedClock
from ecouch_tui.content.blocks import entry_uid
from ecouch_tui.store.db import Store

TODAY = date(2026, 1, 5)
FIXTURE = Path(__file__).parent / "fixtures" / "course"
TYPED = "I want to sleep better"
REFLECTION = entry_uid("reflection", "welcome", "your-hopes", "hopes")


def _drain(primary: int, seconds: float) -> bytes:
    """Read what the app draws for `seconds` (a terminal that is not read blocks it)."""
    said = b""
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        ready, _, _ = select.select([primary], [], [], min(left, 0.05))
        if ready:
            try:
                said += os.read(primary, 65536)
            except OSError:
                break
    return said


def _saved(data: Path) -> str:
    with Store.open(data / "ecouch.sqlite3", FixedClock(TODAY)) as store:
        entry = store.entry(REFLECTION)
        data = entry.decoded(dict) if entry is not None else None
        return str((data or {}).get("text", ""))


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal and signals")
@pytest.mark.parametrize("ending", ["SIGHUP, the terminal closed", "SIGTERM", "SIGKILL, a crash"])
def test_steady_typing_is_saved_when_ecouch_is_ended(ending: str, tmp_path: Path) -> None:
    import pty

    data = tmp_path / "data"
    with Store.open(data / "ecouch.sqlite3", FixedClock(TODAY)) as store:
        store.enrol("AU")
    primary, secondary = pty.openpty()
    os.set_blocking(primary, False)
    env = {
        **os.environ,
        "ECOUCH_DATA_DIR": str(data),
        "ECOUCH_TODAY": TODAY.isoformat(),
        "TERM": "xterm-256color",
        "COLUMNS": "80",
        "LINES": "24",
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "ecouch_tui", "--modules", str(FIXTURE)],
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
        env=env,
        start_new_session=True,  # its own session: the pty is its controlling terminal
    )
    os.close(secondary)
    try:
        screen = _drain(primary, 4.0)
        assert b"Week 1" in screen, screen[-500:]
        # Start (Enter) opens week 1; three pages on is the reflection; Tab focuses it.
        for key in (b"\r", b"\x1b[C", b"\x1b[C", b"\x1b[C", b"\t"):
            os.write(primary, key)
            _drain(primary, 0.8)
        for char in TYPED:
            os.write(primary, char.encode())
            _drain(primary, 0.2)  # steady: never the autosave's quiet 0.4 s
        if ending == "SIGTERM":
            proc.send_signal(signal.SIGTERM)
            _drain(primary, 0.5)
        elif ending.startswith("SIGKILL"):
            proc.send_signal(signal.SIGKILL)  # nothing can run: only what was saved counts
        else:
            os.close(primary)  # the window closes: the terminal is gone, then SIGHUP
            primary = -1
            proc.send_signal(signal.SIGHUP)
        proc.wait(timeout=20)
    finally:
        if primary != -1:
            os.close(primary)
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode != 0  # it was ended, not quit
    saved = _saved(data)
    if ending.startswith("SIGKILL"):
        # Saved at least every 0.5 s while typing: at most the last few keys are lost.
        assert saved and TYPED.startswith(saved) and len(saved) >= len(TYPED) - 4, saved
    else:
        assert saved == TYPED  # the handler saved everything typed before it ended
