"""Fault: a store from another version of ecouch.

An older one (a real v1 store: only the first migration, with data in it) moves forward
on opening, after a backup copy (0600, in backups/, readable, holding the old data); no
backup, no migration. A newer one is refused with a clear message and left byte for
byte as it was, whichever journal mode it was written in.
"""

from __future__ import annotations

import hashlib
import sqlite3
import stat
from datetime import date
from pathlib import Path

import pytest
import sqlite_utils
from helpers import screen_text, squash

from ecouch_tui.cli import main
from ecouch_tui.clock import FixedClock
from ecouch_tui.session import SessionConfig
from ecouch_tui.store.db import Store
from ecouch_tui.store.errors import StoreTooNew, StoreUnwritable
from ecouch_tui.store.migrations import MIGRATIONS, SCHEMA_VERSION
from ecouch_tui.store.records import EventKind, ResearchEvent
from ecouch_tui.ui.app import EcouchApp
from ecouch_tui.ui.screens.store_problem import StoreProblemScreen

V1_ENTRY = {
    "uid": "welcome/your-hopes/hopes",
    "module_id": "welcome",
    "page_id": "your-hopes",
    "block_id": "hopes",
    "kind": "reflection",
    "data": '{"text":"To sleep through the night again"}',
    "created_at": "2025-11-03T09:00:00+00:00",
    "updated_at": "2025-11-03T09:05:00+00:00",
}


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def make_v1_store(path: Path) -> None:
    """What ecouch 0.1 (schema version 1) left behind, built with its own migration."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    db = sqlite_utils.Database(conn)
    conn.execute("BEGIN")
    for step in MIGRATIONS[:1]:
        step(db)
    db["enrolment"].insert(
        {"id": 1, "started_on": "2025-11-03", "region": "UK", "welcomed_at": "2025-11-03T09:00"}
    )
    db["settings"].insert({"key": "theme", "value": '"textual-light"'})
    db["module_progress"].insert(
        {"module_id": "welcome", "current_page_id": "your-hopes", "started_at": "2025-11-03"}
    )
    db["entries"].insert(V1_ENTRY)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("COMMIT")
    conn.close()
    path.chmod(0o600)


def test_a_v1_store_migrates_forward_after_a_backup(data_dir: Path, clock: FixedClock) -> None:
    path = data_dir / "ecouch.sqlite3"
    make_v1_store(path)
    with Store.open(path, clock) as store:
        assert store.schema_version() == SCHEMA_VERSION
        entry = store.entry(V1_ENTRY["uid"])
        assert entry is not None and entry.as_dict() == {"text": "To sleep through the night again"}
        enrolment = store.enrolment()
        assert enrolment is not None and enrolment.region == "UK"
        assert store.setting("theme") == "textual-light"
        assert store.progress()["welcome"].current_page_id == "your-hopes"
        store.save_mood(date(2026, 1, 5), 6)  # the new tables work
    (backup,) = (data_dir / "backups").iterdir()
    assert backup.name == f"ecouch-20260105-090000-before-v{SCHEMA_VERSION}.sqlite3"
    assert mode(backup) == 0o600 and mode(data_dir / "backups") == 0o700
    with sqlite3.connect(backup) as old:
        assert old.execute("PRAGMA user_version").fetchone() == (1,)
        assert old.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert old.execute("SELECT data FROM entries").fetchall() == [(V1_ENTRY["data"],)]
        assert old.execute("SELECT name FROM sqlite_master WHERE name = 'mood'").fetchall() == []
    old.close()
    # Opening again: current, so no second backup.
    Store.open(path, clock).close()
    assert len(list((data_dir / "backups").iterdir())) == 1


def test_a_v2_store_gains_the_research_log_off_and_empty(data_dir: Path, clock: FixedClock) -> None:
    """Migration 3 (issue 15): the research log's table, and nothing else changes; the
    log stays off until the user says yes."""
    path = data_dir / "ecouch.sqlite3"
    make_v1_store(path)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    MIGRATIONS[1](sqlite_utils.Database(conn))
    conn.execute(
        "INSERT INTO mood (day, score, tags, created_at, updated_at) VALUES "
        "('2026-01-04', 5, '[]', '2026-01-04T09:00:00+00:00', '2026-01-04T09:00:00+00:00')"
    )
    conn.execute("PRAGMA user_version = 2")
    conn.execute("COMMIT")
    conn.close()
    with Store.open(path, clock) as store:
        assert store.schema_version() == SCHEMA_VERSION >= 3
        assert [m.score for m in store.moods()] == [5]
        assert store.entry(V1_ENTRY["uid"]) is not None
        assert store.research_consent() is None and store.research_events() == []
        store.set_research(True)
        assert (
            store.record_research(
                [ResearchEvent(at="2026-01-05T09:00:00+00:00", kind=EventKind.SESSION_START)]
            )
            == 1
        )
    (backup,) = (data_dir / "backups").iterdir()
    with sqlite3.connect(backup) as old:
        assert old.execute("PRAGMA user_version").fetchone() == (2,)
        found = old.execute("SELECT name FROM sqlite_master WHERE name = 'research_events'")
        assert found.fetchall() == []
    old.close()


def test_backups_in_the_same_second_never_overwrite_each_other(store: Store) -> None:
    store.save_mood(date(2026, 1, 5), 4)
    first = store.backup(reason="before-import")
    store.save_mood(date(2026, 1, 5), 7)
    second = store.backup(reason="before-import")
    third = store.backup(reason="before-import")
    assert first.name == "ecouch-20260105-090000-before-import.sqlite3"
    assert second.name == "ecouch-20260105-090000-before-import-2.sqlite3"
    assert third.name == "ecouch-20260105-090000-before-import-3.sqlite3"
    scores = []
    for copy in (first, second):
        assert mode(copy) == 0o600
        with sqlite3.connect(copy) as conn:
            scores.append(conn.execute("SELECT score FROM mood").fetchone()[0])
        conn.close()
    assert scores == [4, 7]


def test_no_backup_no_migration(data_dir: Path, clock: FixedClock) -> None:
    """If the backup cannot be written, the old store is left exactly as it was."""
    path = data_dir / "ecouch.sqlite3"
    make_v1_store(path)
    (data_dir / "backups").write_text("a file where the backups folder should be")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(StoreUnwritable, match="cannot save to"):
        Store.open(path, clock)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (1,)
    conn.close()


def make_newer_store(path: Path, journal: str) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA journal_mode={journal}")
    conn.execute("CREATE TABLE future (x)")
    conn.execute("INSERT INTO future VALUES ('from ecouch 9')")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    path.chmod(0o600)
    return path.read_bytes()


@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_a_newer_store_is_refused_byte_for_byte_unchanged(
    data_dir: Path, clock: FixedClock, journal: str
) -> None:
    path = data_dir / "ecouch.sqlite3"
    before = make_newer_store(path, journal)
    with pytest.raises(StoreTooNew, match="newer version of ecouch") as caught:
        Store.open(path, clock)
    assert "Update ecouch to open it; nothing was changed." in str(caught.value)
    assert path.read_bytes() == before
    assert not (data_dir / "backups").exists()


async def test_the_app_refuses_a_newer_store_and_offers_only_quit(config: SessionConfig) -> None:
    before = make_newer_store(config.store_path, "delete")
    app = EcouchApp(config)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StoreProblemScreen)
        text = squash(screen_text(app))
        assert "written by a newer version of ecouch" in text
        assert "Update ecouch to open it" in text
        assert "Start fresh" not in text
        await pilot.click("#quit")
    assert config.store_path.read_bytes() == before


def test_the_shell_refuses_a_newer_store(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = make_newer_store(data_dir / "ecouch.sqlite3", "wal")
    assert main(["mood", "6", "--data-dir", str(data_dir)]) == 1
    err = capsys.readouterr().err
    assert "written by a newer version of ecouch" in err and "Traceback" not in err
    assert (data_dir / "ecouch.sqlite3").read_bytes() == before
