"""Fault: a damaged store (random bytes, truncation, not SQLite at all).

The app and every shell command say so plainly and change nothing; the damaged file is
only ever renamed aside (with its -wal and -shm) when the user chooses to start fresh,
and it is never deleted or overwritten. A zero-length file is not damage: SQLite reads
it as an empty database, there is nothing in it to lose, and ecouch sets it up as new
(that is also what a crash right after the file was first created leaves).
"""

from __future__ import annotations

import hashlib
import os
import random
import select
import shutil
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from helpers import screen_text, squash

from ecouch_tui.cli import main
from ecouch_tui.clock import FixedClock
from ecouch_tui.session import SessionConfig
from ecouch_tui.store.db import Store, set_aside
from ecouch_tui.store.errors import StoreCorrupt
from ecouch_tui.store.export import build_export, to_json
from ecouch_tui.store.report import read_report_records
from ecouch_tui.store.snapshot import read_status
from ecouch_tui.ui.app import EcouchApp
from ecouch_tui.ui.screens.help import HelpScreen
from ecouch_tui.ui.screens.store_problem import StoreProblemScreen
from ecouch_tui.ui.screens.welcome import WelcomeScreen

TODAY = date(2026, 1, 5)
PAGE = 4096
KEPT = "ecouch.sqlite3.damaged-20260105-090000"  # the clock fixture's moment


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def fill(path: Path, clock: FixedClock, n: int = 120) -> None:
    """A store with a little of everything, checkpointed into the main file."""
    with Store.open(path, clock) as store:
        store.enrol("AU")
        store.set_setting("theme", "textual-dark")
        store.visit_page("welcome", "hello")
        for i in range(n):
            store.save_entry(
                module_id="welcome",
                page_id="your-hopes",
                block_id="log",
                kind="reflection",
                data={"text": f"day {i}: " + "a long way back " * (i % 40)},
            )
            store.save_mood(TODAY - timedelta(days=i), i % 11, note=f"note {i}", tags=["tired"])
            if i % 10 == 0:
                store.save_checkin("phq9", [1] * 9, 9, "mild")


def random_bytes(path: Path, offset: int, size: int, seed: int = 1) -> None:
    with open(path, "r+b") as handle:
        handle.seek(offset)
        handle.write(random.Random(seed).randbytes(size))


def not_sqlite(path: Path, size: int) -> None:
    path.write_bytes(b"milk, bread, call the GP on Monday\n" * 300)


def foreign_database(path: Path, size: int) -> None:
    path.unlink()
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.close()


#: Each damages a filled store of `size` bytes at `path`.
DAMAGE: dict[str, Callable[[Path, int], None]] = {
    "random bytes over the header": lambda p, size: random_bytes(p, 0, 100),
    "random bytes over page 1": lambda p, size: random_bytes(p, 100, PAGE - 100),
    "random bytes over a middle page": lambda p, size: random_bytes(p, 5 * PAGE, PAGE),
    "random bytes over the last page": lambda p, size: random_bytes(p, size - PAGE, PAGE),
    "truncated to half": lambda p, size: os.truncate(p, size // 2),
    "truncated mid-page": lambda p, size: os.truncate(p, size // 2 + 1234),
    "truncated inside the header": lambda p, size: os.truncate(p, 50),
    "a file that is not SQLite": not_sqlite,
    "another program's database": foreign_database,
}


@pytest.fixture
def damaged(data_dir: Path, clock: FixedClock, request: pytest.FixtureRequest) -> Path:
    """A filled store, then damaged as the test's parameter says."""
    path = data_dir / "ecouch.sqlite3"
    fill(path, clock)
    DAMAGE[request.param](path, path.stat().st_size)
    return path


@pytest.mark.parametrize("damaged", list(DAMAGE), indirect=True)
def test_damage_is_reported_and_the_file_left_as_it_was(damaged: Path, clock: FixedClock) -> None:
    before = digest(damaged)
    with pytest.raises(StoreCorrupt) as caught:
        Store.open(damaged, clock)
    assert "is damaged" in str(caught.value)
    assert digest(damaged) == before
    assert sorted(p.name for p in damaged.parent.glob("*damaged*")) == []


def test_random_damage_is_caught_on_opening_or_harmless(data_dir: Path, clock: FixedClock) -> None:
    """Seeded random bytes anywhere: either opening says the file is damaged, or every
    read ecouch makes (app, export, report, status) works. Never another exception."""
    pristine = data_dir / "pristine.sqlite3"
    fill(pristine, clock, n=60)
    size = pristine.stat().st_size
    outcomes = {"damaged": 0, "readable": 0}
    for seed in range(150):
        rng = random.Random(seed)
        path = data_dir / "ecouch.sqlite3"
        shutil.copyfile(pristine, path)
        random_bytes(path, rng.randrange(size), rng.choice([1, 4, 16, 200, 1000, PAGE]), seed)
        try:
            with Store.open(path, clock) as store:
                store.enrolment(), store.progress(), store.setting("theme")
                store.entries(), store.moods(), store.checkins(), store.safety_events()
                build_export(store)
                read_report_records(store)
            read_status(path, TODAY, "phq9")
            outcomes["readable"] += 1
        except StoreCorrupt:
            outcomes["damaged"] += 1
        path.unlink()
    assert outcomes["damaged"] > 30 and outcomes["readable"] > 30, outcomes


def test_a_zero_length_file_is_a_new_store(data_dir: Path, clock: FixedClock) -> None:
    data_dir.mkdir(parents=True, mode=0o700)
    path = data_dir / "ecouch.sqlite3"
    path.write_bytes(b"")
    with Store.open(path, clock) as store:
        assert store.enrolment() is None
        store.enrol("AU")
    assert not list(data_dir.glob("*damaged*"))


def test_set_aside_keeps_the_file_with_its_wal_under_unique_names(
    data_dir: Path, clock: FixedClock
) -> None:
    path = data_dir / "ecouch.sqlite3"
    holder = Store.open(path, clock)
    holder.conn.execute("PRAGMA wal_autocheckpoint=0")  # keep the save in the -wal file
    holder.save_mood(TODAY, 3, note="only in the WAL")
    # Copy the three files as a crash would leave them, then let the holder go.
    crashed = data_dir / "crashed"
    crashed.mkdir()
    for suffix in ("", "-wal", "-shm"):
        shutil.copyfile(data_dir / f"ecouch.sqlite3{suffix}", crashed / f"ecouch.sqlite3{suffix}")
    holder.close()
    path = crashed / "ecouch.sqlite3"
    sizes = {s: (crashed / f"ecouch.sqlite3{s}").stat().st_size for s in ("", "-wal", "-shm")}

    kept = set_aside(path, clock)
    assert kept.name == KEPT
    assert not any(crashed.glob("ecouch.sqlite3-*")) and not path.exists()
    for suffix, size in sizes.items():
        moved = kept.with_name(kept.name + suffix)
        assert moved.stat().st_size == size and mode(moved) == 0o600
    # The pair still belongs together: the kept file reads what was only in its WAL.
    with sqlite3.connect(kept) as conn:
        assert conn.execute("SELECT note FROM mood").fetchall() == [("only in the WAL",)]
    conn.close()
    # A second one in the same second never overwrites the first.
    path.write_bytes(b"not sqlite either")
    again = set_aside(path, clock)
    assert again.name == KEPT + "-2" and again.read_bytes() == b"not sqlite either"
    assert kept.exists()


def test_set_aside_uses_the_name_the_user_was_shown_while_it_is_free(
    data_dir: Path, clock: FixedClock
) -> None:
    """The Start fresh button names the file a moment before it is pressed: that name is
    kept even if the clock has moved on, and never taken over if something now has it."""
    data_dir.mkdir(mode=0o700, exist_ok=True)
    path = data_dir / "ecouch.sqlite3"
    path.write_bytes(b"not sqlite")
    shown = "ecouch.sqlite3.damaged-20260105-085959"
    assert set_aside(path, clock, shown).name == shown
    path.write_bytes(b"not sqlite again")
    assert set_aside(path, clock, shown).name == KEPT  # taken: a fresh name instead
    assert (data_dir / shown).read_bytes() == b"not sqlite"


# -- the app ------------------------------------------------------------------------------


@pytest.mark.parametrize("damaged", ["random bytes over a middle page"], indirect=True)
async def test_the_app_says_so_and_can_start_fresh_keeping_the_file(
    damaged: Path, config: SessionConfig
) -> None:
    before = digest(damaged)
    app = EcouchApp(config)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StoreProblemScreen)
        text = squash(screen_text(app))
        assert "ecouch cannot open your data: the file is damaged" in text
        assert "Your file has not been changed or deleted" in text
        assert f"Start fresh (your damaged file is kept as {KEPT})" in text
        assert "Quit" in text
        await pilot.press("f1")  # help is one key away here too
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, StoreProblemScreen)
        assert digest(damaged) == before  # looking changed nothing
        await pilot.click("#fresh")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)  # a new store: the first-run screen
        assert "Your damaged file is kept as" in squash(screen_text(app))
    kept = damaged.with_name(KEPT)
    assert digest(kept) == before and mode(kept) == 0o600
    with Store.open(config.store_path, config.clock) as store:
        assert store.entries() == []


@pytest.mark.parametrize("damaged", ["truncated to half"], indirect=True)
async def test_damage_found_only_by_reading_pages_is_still_reported(
    damaged: Path, config: SessionConfig
) -> None:
    """A truncated file opens at SQLite level: the check on opening finds what is missing."""
    app = EcouchApp(config)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StoreProblemScreen)
        await pilot.click("#quit")
    assert not list(damaged.parent.glob("*damaged*"))


# -- the shell ----------------------------------------------------------------------------


@pytest.mark.parametrize("damaged", ["a file that is not SQLite"], indirect=True)
@pytest.mark.parametrize(
    ("argv", "stdin"),
    [
        (["mood", "5"], ""),
        (["mood"], ""),
        (["checkin"], "0\n" * 9),
        (["export"], ""),
        (["report", "-o", "report.html"], ""),
        (["status"], ""),
    ],
)
def test_every_command_says_so_and_changes_nothing(
    damaged: Path,
    argv: list[str],
    stdin: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    before = digest(damaged)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("sys.stdin", _Pipe(stdin))
    code = main([*argv, "--data-dir", str(damaged.parent)])
    out, err = capsys.readouterr()
    assert code == 1
    if argv[0] == "status":
        assert out == "ecouch · your data could not be read — run ecouch for details\n"
    else:
        assert "is damaged or is not an ecouch store" in err
        assert "To start fresh, run 'ecouch' and choose Start fresh" in err
        assert "ecouch.sqlite3.damaged-<date>-<time>" in err
    assert digest(damaged) == before
    assert sorted(p.name for p in damaged.parent.iterdir()) == ["ecouch.sqlite3"]


@pytest.mark.parametrize("damaged", ["random bytes over a middle page"], indirect=True)
def test_import_into_a_damaged_store_imports_nothing(
    damaged: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    export = tmp_path / "export.json"
    with Store.open(tmp_path / "other" / "ecouch.sqlite3", FixedClock(TODAY)) as other:
        other.save_mood(TODAY, 6)
        export.write_bytes(to_json(build_export(other)))
    before = digest(damaged)
    assert main(["import", str(export), "--data-dir", str(damaged.parent)]) == 1
    err = capsys.readouterr().err
    assert "is damaged" in err and "Nothing was imported." in err
    assert digest(damaged) == before


class _Pipe:
    """Standard input from a pipe: not a terminal, so nothing is asked."""

    def __init__(self, text: str) -> None:
        import io

        self._buffer = io.StringIO(text)

    def isatty(self) -> bool:
        return False

    def read(self, *args: int) -> str:
        return self._buffer.read(*args)

    def readline(self) -> str:
        return self._buffer.readline()


def _at_a_terminal(data: Path, answer: str, *argv: str) -> tuple[int, str, str]:
    """Run ecouch with a pseudo-terminal as stdin and stderr, answering its question."""
    import pty

    primary, secondary = pty.openpty()
    env = {**os.environ, "ECOUCH_DATA_DIR": str(data), "ECOUCH_TODAY": TODAY.isoformat()}
    proc = subprocess.Popen(
        [sys.executable, "-m", "ecouch_tui", *argv],
        stdin=secondary,
        stderr=secondary,
        stdout=subprocess.PIPE,
        env=env,
        text=True,
    )
    os.close(secondary)
    said = b""
    deadline = time.monotonic() + 60
    while b"[y/N]" not in said and time.monotonic() < deadline:
        ready, _, _ = select.select([primary], [], [], 1.0)
        if ready:
            try:
                said += os.read(primary, 4096)
            except OSError:
                break
    os.write(primary, answer.encode() + b"\n")
    out, _ = proc.communicate(timeout=60)
    while True:
        ready, _, _ = select.select([primary], [], [], 0.2)
        if not ready:
            break
        try:
            chunk = os.read(primary, 4096)
        except OSError:
            break
        if not chunk:
            break
        said += chunk
    os.close(primary)
    return proc.returncode, out, said.decode(errors="replace").replace("\r\n", "\n")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
@pytest.mark.parametrize("damaged", ["truncated to half"], indirect=True)
def test_at_a_terminal_mood_offers_to_start_fresh(damaged: Path) -> None:
    before = digest(damaged)
    code, out, said = _at_a_terminal(damaged.parent, "n", "mood", "5")
    assert code == 1 and "Start fresh now?" in said and "Traceback" not in said
    assert "To start fresh, run 'ecouch'" in said
    assert digest(damaged) == before and not list(damaged.parent.glob("*damaged*"))

    code, out, said = _at_a_terminal(damaged.parent, "y", "mood", "5")
    assert code == 0, said
    assert "Started fresh. Your damaged file is kept as" in said
    assert out.startswith("Logged mood for today")
    (kept,) = damaged.parent.glob("ecouch.sqlite3.damaged-*")
    assert digest(kept) == before and mode(kept) == 0o600
    with Store.open(damaged, FixedClock(TODAY)) as store:
        assert [m.score for m in store.moods()] == [5]
