"""Shared set-up: every test runs with its own HOME and data folder and a fixed clock."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from helpers import WAIT_FOR_SAVES, every_week_open
from textual.pilot import Pilot

from ecouch_tui.clock import FixedClock
from ecouch_tui.session import SessionConfig
from ecouch_tui.store.db import Store

#: A Monday; week 2 of a course started today opens on 2026-01-12.
START = date(2026, 1, 5)

#: A small, stable three-week course for engine tests, so the bundled course (the real
#: content) can change without touching them. Crisis lines and questionnaires come from
#: the bundled copies (the loader falls back to them).
FIXTURE_COURSE = Path(__file__).parent / "fixtures" / "course"


@pytest.fixture(autouse=True, scope="session")
def _pause_until_settled() -> Iterator[None]:
    """`pilot.pause()` returns once the screen has settled, as a user a moment later sees it.

    Textual's own pause ends by refreshing the screen, which only queues the work that
    waits for a refresh (a scroll to a focused widget, a recompose, `call_after_refresh`);
    whether that has run when the test looks depended on how busy the machine was. So
    each pause goes on until nothing is waiting for a refresh (a few rounds at most).
    Saves land on the app's writer thread a moment after the key: a pause also waits for
    them to land and be shown ("Saved"), unless the test is inside `saves_may_wait()`.
    """
    pause = Pilot.pause

    async def settled(self: Pilot, delay: float | None = None) -> None:  # type: ignore[type-arg]
        await pause(self, delay)
        for _ in range(5):
            await pause(self)
            saves_done = getattr(self.app, "saves_done", None)
            if WAIT_FOR_SAVES.get() and saves_done and getattr(self.app, "_saving", None):
                await saves_done()
                continue
            if not self.app.screen._callbacks:
                break

    Pilot.pause = settled  # type: ignore[method-assign]
    yield
    Pilot.pause = pause  # type: ignore[method-assign]


@pytest.fixture(autouse=True)
def _isolated(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the developer's own data, config and environment out of every test.

    Each test also runs in an empty folder: a `python -c` child started from the
    repository root would import the source tree instead of the installed package.
    """
    home = tmp_path_factory.mktemp("home")
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))
    monkeypatch.setenv("HOME", str(home))
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(home / name.lower()))
    for name in ("ECOUCH_DATA_DIR", "ECOUCH_MODULES", "ECOUCH_TODAY", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def course_dir(tmp_path: Path) -> Path:
    """A private copy of the fixture course that a test may change or break."""
    target = tmp_path / "course"
    shutil.copytree(FIXTURE_COURSE, target)
    return target


#: A small course with a page of each newer exercise type (rumination, experiments).
EXERCISE_COURSE = Path(__file__).parent / "fixtures" / "exercise_course"


@pytest.fixture
def exercise_course(tmp_path: Path) -> Path:
    """A private copy of the exercise course, for a test to change."""
    target = tmp_path / "exercises"
    shutil.copytree(EXERCISE_COURSE, target)
    return target


@pytest.fixture
def exercise_config(config: SessionConfig, exercise_course: Path) -> SessionConfig:
    """`config` on that copy, every week open, enrolled."""
    return every_week_open(config, exercise_course)


@pytest.fixture
def config(data_dir: Path, clock: FixedClock) -> SessionConfig:
    return SessionConfig(data_dir=data_dir, modules_dir=FIXTURE_COURSE, clock=clock)


@pytest.fixture
def store(data_dir: Path, clock: FixedClock) -> Iterator[Store]:
    with Store.open(data_dir / "ecouch.sqlite3", clock) as opened:
        yield opened


@pytest.fixture(scope="session")
def synapse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """One real Synapse on 127.0.0.1 for this test process (about 2 s to start, 120 MB),
    with the board's rules module. Missing Synapse skips, unless ECOUCH_REQUIRE_SYNAPSE
    is set (CI sets it), which makes the skip a failure."""
    import os

    from board_server import SynapseServer, synapse_missing

    missing = synapse_missing()
    if missing is not None:
        if os.environ.get("ECOUCH_REQUIRE_SYNAPSE"):
            pytest.fail(f"{missing}, and ECOUCH_REQUIRE_SYNAPSE is set")
        pytest.skip(missing)
    server = SynapseServer(home=tmp_path_factory.mktemp("synapse"))
    server.start()
    try:
        yield server
    finally:
        server.stop()
