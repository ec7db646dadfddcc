"""Fault: the process dies mid-save (SIGKILL at random moments, many times).

A child saves entries and moods in a loop through the Store API, printing each one
after its save returned; the parent kills it at a random moment, then checks the file
as the next start of ecouch would find it: `PRAGMA integrity_check` is ok, everything
the child reported is there and whole, and nothing in the store is half-written.
"""

from __future__ import annotations

import json
import os
import random
import select
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from faults_child import entry_data, mood_note, mood_score

from ecouch_tui.clock import FixedClock
from ecouch_tui.store.db import Store

CHILD = Path(__file__).parent / "faults_child.py"
ROUNDS = 25
SEED = 20260105
#: Generous: a child is killed within a second of being ready; this only stops a hang.
ROUND_LIMIT = 20.0

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


def _read_available(proc: subprocess.Popen[bytes], buffer: bytearray, until: float) -> None:
    """Read what the child has printed, waiting at most until `until` for more."""
    assert proc.stdout is not None
    fd = proc.stdout.fileno()
    while True:
        ready, _, _ = select.select([fd], [], [], max(0.0, until - time.monotonic()))
        if not ready:
            return
        chunk = os.read(fd, 65536)
        if not chunk:
            return
        buffer.extend(chunk)
        if time.monotonic() >= until:
            return


def _run_round(path: Path, round_no: int, rng: random.Random) -> list[str]:
    """One child, killed at a random moment; the complete lines it printed."""
    proc = subprocess.Popen(
        [sys.executable, str(CHILD), "crash", str(path), str(round_no), str(SEED)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    out = bytearray()
    try:
        if round_no % 6 == 5:
            # Now and then, while it is still opening (and, the first time, migrating).
            _read_available(proc, out, time.monotonic() + rng.uniform(0.0, 0.3))
        else:
            deadline = time.monotonic() + ROUND_LIMIT
            while b"ready\n" not in out and time.monotonic() < deadline:
                if proc.poll() is not None:
                    break
                _read_available(proc, out, min(deadline, time.monotonic() + 0.05))
            assert b"ready\n" in out, proc.stderr.read().decode() if proc.stderr else ""
            _read_available(proc, out, time.monotonic() + rng.uniform(0.0, 0.2))
        assert proc.poll() is None, "the writer stopped on its own: " + (
            proc.stderr.read().decode() if proc.stderr else ""
        )
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=ROUND_LIMIT)
    assert proc.stdout is not None
    out.extend(proc.stdout.read())
    proc.stdout.close()
    if proc.stderr is not None:
        proc.stderr.close()
    text = out.decode("utf-8", errors="replace")
    complete = text[: text.rfind("\n") + 1]  # a line cut off by the kill promises nothing
    return [line for line in complete.splitlines() if line and line != "ready"]


def _check_store(path: Path, entries: dict[str, int], moods: dict[str, int]) -> None:
    """The file is sound, everything reported is there, and every row is whole."""
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        stored: dict[str, int] = {}
        for uid, data in conn.execute("SELECT uid, data FROM entries"):
            value = json.loads(data)
            # Whole: exactly what the child wrote for that version, digest and all.
            assert value == entry_data(uid, value["version"]), uid
            stored[uid] = value["version"]
        for uid, version in entries.items():
            assert uid in stored, f"entry {uid} was reported saved but is missing"
            assert stored[uid] >= version, f"entry {uid} went back to an older version"
        stored_moods: dict[str, int] = {}
        for day, score, note in conn.execute("SELECT day, score, note FROM mood"):
            version = int(note.split(" ", 1)[0][1:])
            assert note == mood_note(date.fromisoformat(day), version), day
            assert score == mood_score(date.fromisoformat(day), version), day
            stored_moods[day] = version
        for day, version in moods.items():
            assert day in stored_moods, f"mood for {day} was reported saved but is missing"
            assert stored_moods[day] >= version
    finally:
        conn.close()


@pytest.mark.slow
def test_killed_writers_leave_every_reported_save_whole(tmp_path: Path) -> None:
    path = tmp_path / "data" / "ecouch.sqlite3"
    rng = random.Random(SEED)
    entries: dict[str, int] = {}
    moods: dict[str, int] = {}
    saves = 0
    for round_no in range(ROUNDS):
        for line in _run_round(path, round_no, rng):
            kind, key, version = line.split()
            target = entries if kind == "E" else moods
            target[key] = max(target.get(key, 0), int(version))
            saves += 1
        if path.exists() and path.stat().st_size:
            _check_store(path, entries, moods)
    # The test proves something only if the kills landed among real saves.
    assert saves >= ROUNDS, f"only {saves} saves were reported in {ROUNDS} rounds"
    assert any(v > 1 for v in entries.values()), "no entry was ever updated in place"
    # And ecouch itself opens what the kills left (its own quick check included).
    with Store.open(path, FixedClock(date(2026, 1, 5))) as store:
        assert {e.uid for e in store.entries()} >= set(entries)
