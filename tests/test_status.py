"""`ecouch status` as a shell prompt or cron job runs it: one line, quick, leaving no trace.

Subprocess tests on temporary data folders (HOME too, see conftest), the fixture course
and a fixed day (ECOUCH_TODAY). No timing here: benchmarks/status.py measures speed;
these check the things that make it quick (what it imports) and harmless (what it
creates: nothing).
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from subprocess import CompletedProcess

import pytest
from helpers import run_ecouch

from ecouch_tui.clock import FixedClock
from ecouch_tui.commands import status
from ecouch_tui.content.cache import load_course_cached
from ecouch_tui.content.loader import load_course
from ecouch_tui.course.outline import outline_of
from ecouch_tui.course.progress import next_opening
from ecouch_tui.course.unlock import Status
from ecouch_tui.paths import bundled_modules_dir
from ecouch_tui.session import Session, SessionConfig, open_session
from ecouch_tui.store.db import Store

FIXTURE_COURSE = Path(__file__).parent / "fixtures" / "course"
START = date(2026, 1, 5)  # a Monday


def ecouch_status(
    data_dir: Path, today: str, *, modules: Path = FIXTURE_COURSE, env: dict[str, str] | None = None
) -> CompletedProcess[str]:
    args = ["--modules", str(modules), "status", "--data-dir", str(data_dir)]
    return run_ecouch(*args, env={"ECOUCH_TODAY": today, **(env or {})})


def snapshot_of(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file and folder under `folder`, with size and modification time."""
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
    }


@pytest.fixture
def session(config: SessionConfig) -> Iterator[Session]:
    """An enrolled user of the fixture course on START, with a warm content cache."""
    opened = open_session(config)
    opened.store.enrol("AU")
    yield opened
    opened.close()


# -- the line --------------------------------------------------------------------------------


def test_not_started_creates_nothing_anywhere(tmp_path: Path) -> None:
    home = Path(os.environ["HOME"])
    before = snapshot_of(home)
    missing = tmp_path / "no-such-folder"
    result = ecouch_status(missing, "2026-01-07")
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "ecouch · not started — run ecouch\n",
        "",
    )
    assert not missing.exists()
    # The default data folder (platformdirs, under HOME) is not created either.
    default = subprocess.run(
        [sys.executable, "-m", "ecouch_tui", "status"],
        env={**os.environ, "ECOUCH_TODAY": "2026-01-07"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert default.stdout == "ecouch · not started — run ecouch\n"
    assert snapshot_of(home) == before


def test_a_store_without_enrolment_is_not_started(store: Store, data_dir: Path) -> None:
    result = ecouch_status(data_dir, "2026-01-07")
    assert result.stdout == "ecouch · not started — run ecouch\n"


def test_a_mood_logged_before_the_course_is_begun_is_said(tmp_path: Path) -> None:
    """`ecouch mood 5` first, the course not yet begun: the line says both, truly."""
    data_dir = tmp_path / "data"
    env = {"ECOUCH_DATA_DIR": str(data_dir), "ECOUCH_TODAY": "2026-01-07"}
    logged = run_ecouch("mood", "5", env=env)
    assert logged.returncode == 0, logged.stderr
    result = ecouch_status(data_dir, "2026-01-07")
    assert (result.returncode, result.stdout) == (
        0,
        "ecouch · course not started — run ecouch to begin · mood 5/10 today\n",
    )
    later = ecouch_status(data_dir, "2026-01-08")  # logged, but not today
    assert later.stdout == (
        "ecouch · course not started — run ecouch to begin · mood not logged today\n"
    )


def test_in_progress(session: Session, clock: FixedClock, data_dir: Path) -> None:
    session.store.visit_page("welcome", "hello")
    clock.advance(minutes=5)
    session.store.visit_page("welcome", "how-it-works")
    result = ecouch_status(data_dir, "2026-01-07")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "ecouch · week 1 of 3: Welcome to ecouch, page 2 of 4 · mood not logged today"
        " · check-in due\n"
    )


def test_mood_logged_and_check_in_done(session: Session, data_dir: Path) -> None:
    session.store.save_mood(date(2026, 1, 7), 6)
    session.store.save_checkin("phq9", [0] * 9, 0, "minimal")  # taken on START
    result = ecouch_status(data_dir, "2026-01-07")
    assert result.stdout == (
        "ecouch · week 1 of 3: Welcome to ecouch, ready to start · mood 6/10 today\n"
    )
    # A week after the last check-in it is due again.
    later = ecouch_status(data_dir, "2026-01-12")
    assert later.stdout.endswith("mood not logged today · check-in due\n")


def test_waiting_for_the_next_week_then_ready_to_start_it(session: Session, data_dir: Path) -> None:
    session.store.visit_page("welcome", "hello")
    session.store.complete_module("welcome")
    session.store.save_checkin("phq9", [0] * 9, 0, "minimal")
    waiting = ecouch_status(data_dir, "2026-01-08")
    assert waiting.stdout == (
        "ecouch · up to date, week 2 opens Mon 12 Jan · mood not logged today\n"
    )
    opened = ecouch_status(data_dir, "2026-01-12")
    assert opened.stdout == (
        "ecouch · week 2 of 3: Thoughts, feelings and actions, ready to start"
        " · mood not logged today · check-in due\n"
    )


def test_course_finished(session: Session, data_dir: Path) -> None:
    for module in ("welcome", "thoughts", "moving"):
        session.store.complete_module(module)
    session.store.save_mood(date(2026, 2, 1), 6, note="fine")
    session.store.save_checkin("phq9", [0] * 9, 0, "minimal", taken_at="2026-01-30T09:00:00")
    result = ecouch_status(data_dir, "2026-02-01")
    assert result.stdout == "ecouch · course finished · mood 6/10 today\n"


def test_the_app_open_with_unsaved_wal_is_read_too(session: Session, data_dir: Path) -> None:
    """With another copy holding the store open, status reads what it just committed."""
    session.store.save_mood(date(2026, 1, 7), 7)
    assert (data_dir / "ecouch.sqlite3-wal").exists()  # the session is still open
    result = ecouch_status(data_dir, "2026-01-07")
    assert "mood 7/10 today" in result.stdout


# -- quick and harmless ----------------------------------------------------------------------


def test_status_writes_nothing_with_or_without_a_cache(
    session: Session, data_dir: Path, tmp_path: Path
) -> None:
    session.store.visit_page("welcome", "hello")
    session.close()
    for suffix in ("-wal", "-shm"):
        assert not (data_dir / f"ecouch.sqlite3{suffix}").exists()
    before = snapshot_of(data_dir)
    warm = ecouch_status(data_dir, "2026-01-07")
    assert warm.stdout.startswith("ecouch · week 1 of 3: Welcome to ecouch, page 1 of 4")
    assert snapshot_of(data_dir) == before  # not even SQLite's -wal/-shm

    for cached in (data_dir / "cache").iterdir():
        cached.unlink()
    before = snapshot_of(data_dir)
    cold = ecouch_status(data_dir, "2026-01-07")
    assert cold.stdout == warm.stdout  # the same line from the YAML
    assert snapshot_of(data_dir) == before  # and the cache is not rebuilt


def loaded_by_status(data_dir: Path, modules: Path = FIXTURE_COURSE) -> set[str]:
    code = f"""
import sys
from ecouch_tui.cli import main
main(['--modules', {str(modules)!r}, 'status', '--data-dir', {str(data_dir)!r}])
print(' '.join(sys.modules))
"""
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "ECOUCH_TODAY": "2026-01-07"},
        check=True,
        capture_output=True,
        text=True,
    )
    return set(result.stdout.splitlines()[-1].split())


def tops(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


def test_status_imports_no_textual_sqlite_utils_or_yaml(session: Session, data_dir: Path) -> None:
    session.store.visit_page("welcome", "hello")
    loaded = loaded_by_status(data_dir)
    assert not tops(loaded) & {"textual", "rich", "sqlite_utils", "yaml"}
    # With a current cache, not even the content models (the costly import) are loaded.
    assert "ecouch_tui.content.loader" not in loaded
    assert "ecouch_tui.session" not in loaded

    for cached in (data_dir / "cache").iterdir():
        cached.unlink()
    cold = loaded_by_status(data_dir)
    assert not tops(cold) & {"textual", "rich", "sqlite_utils"}


def test_not_started_does_not_even_import_the_store(tmp_path: Path) -> None:
    loaded = loaded_by_status(tmp_path / "nothing")
    assert not {"sqlite3", "ecouch_tui.store.snapshot", "platformdirs"} & loaded


def test_a_damaged_or_newer_store_is_reported_and_left_alone(data_dir: Path) -> None:
    data_dir.mkdir()
    store = data_dir / "ecouch.sqlite3"
    store.write_bytes(b"this is not a database" * 100)
    before = snapshot_of(data_dir)
    result = ecouch_status(data_dir, "2026-01-07")
    assert result.returncode == 1
    assert result.stdout == "ecouch · your data could not be read — run ecouch for details\n"
    assert snapshot_of(data_dir) == before

    store.unlink()
    with sqlite3.connect(store) as conn:
        conn.execute("PRAGMA user_version = 99")
        conn.execute("CREATE TABLE future (x)")
    conn.close()
    newer = ecouch_status(data_dir, "2026-01-07")
    assert newer.returncode == 1
    assert newer.stdout == "ecouch · your data was saved by a newer ecouch — update ecouch\n"


def test_an_older_store_asks_for_ecouch_to_update_it(data_dir: Path) -> None:
    data_dir.mkdir()
    with sqlite3.connect(data_dir / "ecouch.sqlite3") as conn:
        conn.execute("PRAGMA user_version = 1")
        conn.execute("CREATE TABLE enrolment (id)")
    conn.close()
    result = ecouch_status(data_dir, "2026-01-07")
    assert (result.returncode, result.stdout) == (
        0,
        "ecouch · run ecouch once to update your data\n",
    )


def test_a_course_that_cannot_load_is_said_plainly(
    session: Session, data_dir: Path, course_dir: Path
) -> None:
    (course_dir / "course.yaml").write_text("title: [broken\n")
    result = ecouch_status(data_dir, "2026-01-07", modules=course_dir)
    assert result.returncode == 0
    assert result.stdout.startswith(
        "ecouch · the course could not be loaded (run ecouch validate) · mood not logged today"
    )


# -- status reads the same course, through the same rules, as the app --------------------------


def test_the_peeked_outline_is_the_loaded_courses(tmp_path: Path) -> None:
    for root in (FIXTURE_COURSE, bundled_modules_dir()):
        cache_dir = tmp_path / root.name / "cache"
        assert status.peek_cache(root, cache_dir) is None  # no cache yet
        course = load_course_cached(root, cache_dir)
        peeked = status.peek_cache(root, cache_dir)
        assert peeked is not None
        assert peeked == outline_of(course) == outline_of(load_course(root))
        assert len(peeked.weeks) == len(course.entries)


def expected_position(session: Session) -> status.Position:
    """What the home screen's Continue button says, from the course's own rules."""
    weeks = session.weeks()
    target = session.continue_target(weeks)
    if target is not None:
        module = session.course.module(target.module_id)
        assert module is not None
        return status.Position(
            kind="continue",
            week=target.week,
            weeks=len(weeks),
            title=target.title,
            page_index=target.page_index,
            pages=len(module.pages),
            started=target.started,
        )
    upcoming = next_opening(weeks)
    if upcoming is not None and upcoming.opens_on is not None:
        return status.Position(
            kind="waiting", week=upcoming.week, weeks=len(weeks), opens_on=upcoming.opens_on
        )
    available = [s for s in weeks if s.status != Status.UNAVAILABLE]
    if not available:
        return status.Position(kind="no-course")
    if all(s.status == Status.DONE for s in available):
        return status.Position(kind="finished", weeks=len(weeks))
    return status.Position(kind="nothing-open", weeks=len(weeks))


@pytest.mark.parametrize("unlock", ["weekly", "sequential", "open"])
@pytest.mark.parametrize("broken", [False, True])
def test_the_position_agrees_with_the_course_rules(
    unlock: str, broken: bool, course_dir: Path, tmp_path: Path
) -> None:
    manifest = course_dir / "course.yaml"
    manifest.write_text(manifest.read_text().replace("unlock: weekly", f"unlock: {unlock}"))
    if broken:  # week 2 unavailable
        (course_dir / "02-thoughts.yaml").write_text("id: thoughts\nweek: 2\n")
    clock = FixedClock(START)
    config = SessionConfig(data_dir=tmp_path / "data", modules_dir=course_dir, clock=clock)
    session = open_session(config)
    store = session.store
    store.enrol("AU")
    outline = outline_of(session.course)
    steps = [
        lambda: None,
        lambda: store.visit_page("welcome", "check"),
        lambda: store.complete_module("welcome"),  # weekly: up to date until week 2 opens
        lambda: clock.advance(days=7),
        lambda: store.visit_page("moving", "plan"),
        lambda: clock.advance(days=1),
        lambda: store.visit_page("thoughts", "noticing"),
        lambda: clock.advance(days=7),
        lambda: store.complete_module("thoughts"),
        lambda: store.complete_module("moving"),
        lambda: store.save_checkin("phq9", [0] * 9, 0, "minimal"),
        lambda: clock.advance(days=8),
    ]
    seen = set()
    for step in steps:
        step()
        today = clock.today()
        got = status.position(outline, session.started_on, store.progress(), today)
        assert got == expected_position(session), (unlock, broken, today)
        seen.add(got.kind)
        last = store.checkins("phq9")[-1] if store.checkins("phq9") else None
        assert status.next_checkin(outline, session.started_on, last) == session.next_checkin()
    assert {"continue", "finished"} <= seen and (unlock != "weekly" or "waiting" in seen)
    session.close()
