"""The store on a real SQLite file: migrations, round trips, permissions, refusals."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from ecouch_tui.clock import FixedClock
from ecouch_tui.content.blocks import entry_uid
from ecouch_tui.store.db import Store
from ecouch_tui.store.errors import StoreCorrupt, StoreTooNew
from ecouch_tui.store.migrations import SCHEMA_VERSION


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_migrates_an_empty_file_to_the_current_schema(store: Store) -> None:
    assert store.schema_version() == SCHEMA_VERSION
    tables = {row[0] for row in store.conn.execute("SELECT name FROM sqlite_master")}
    assert {"enrolment", "settings", "module_progress", "page_visits", "entries"} <= tables
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_folder_0700_and_files_0600_including_wal(store: Store, data_dir: Path) -> None:
    store.enrol("UK")  # a write, so the -wal and -shm files exist while open
    assert mode(data_dir) == 0o700
    files = [p for p in data_dir.iterdir() if p.is_file()]
    assert {p.name for p in files} >= {"ecouch.sqlite3", "ecouch.sqlite3-wal"}
    assert all(mode(p) == 0o600 for p in files), {p.name: oct(mode(p)) for p in files}


def test_loose_permissions_are_tightened_on_open(data_dir: Path, clock: FixedClock) -> None:
    # (a folder ecouch did not make is never chmodded: see tests/test_files_links.py)
    path = data_dir / "ecouch.sqlite3"
    Store.open(path, clock).close()
    path.chmod(0o644)
    Store.open(path, clock).close()
    assert mode(path) == 0o600 and mode(data_dir) == 0o700


def test_enrolment_round_trip_keeps_the_start_date(store: Store, clock: FixedClock) -> None:
    assert store.enrolment() is None
    first = store.enrol("AU")
    clock.advance(days=10)
    again = store.enrol("NZ")
    assert again.started_on == first.started_on == clock.today().replace(day=5)
    assert again.region == "NZ"


def test_progress_round_trip(store: Store, clock: FixedClock) -> None:
    store.visit_page("welcome", "hello")
    clock.advance(minutes=5)
    store.visit_page("welcome", "check")
    store.complete_module("welcome")
    clock.advance(days=1)
    store.complete_module("welcome")  # again: the first completion time stays
    record = store.progress()["welcome"]
    assert record.current_page_id == "check"
    assert record.pages_seen == {"hello", "check"}
    assert record.done and record.completed_at == "2026-01-05T09:05:00+00:00"


def test_entries_are_saved_updated_and_survive_reopening(data_dir: Path, clock: FixedClock) -> None:
    path = data_dir / "ecouch.sqlite3"
    with Store.open(path, clock) as store:
        uid = entry_uid("reflection", "welcome", "your-hopes", "hopes")
        store.save_entry(
            uid=uid,
            module_id="welcome",
            page_id="your-hopes",
            block_id="hopes",
            kind="reflection",
            data={"text": "first"},
        )
        clock.advance(minutes=1)
        store.save_entry(
            uid=uid,
            module_id="welcome",
            page_id="your-hopes",
            block_id="hopes",
            kind="reflection",
            data={"text": "second"},
        )
        log = store.save_entry(
            module_id="m", page_id="p", block_id="log", kind="activity_log", data={"what": "walk"}
        )
    with Store.open(path, clock) as store:
        entry = store.entry(uid)
        assert entry is not None
        assert entry.as_dict() == {"text": "second"}
        assert entry.created_at < entry.updated_at
        assert [e.uid for e in store.entries()] == [uid, log.uid]
        assert [e.uid for e in store.entries(kind="activity_log")] == [log.uid]


def test_settings_round_trip(store: Store) -> None:
    assert store.setting("theme", "x") == "x"
    store.set_setting("theme", "textual-light")
    assert store.setting("theme") == "textual-light"


def test_a_newer_store_is_refused_untouched(data_dir: Path, clock: FixedClock) -> None:
    path = data_dir / "ecouch.sqlite3"
    Store.open(path, clock).close()
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = path.read_bytes()
    with pytest.raises(StoreTooNew, match="newer version of ecouch"):
        Store.open(path, clock)
    assert path.read_bytes() == before


def test_a_file_that_is_not_sqlite_is_reported(data_dir: Path, clock: FixedClock) -> None:
    data_dir.mkdir(parents=True, mode=0o700)
    path = data_dir / "ecouch.sqlite3"
    path.write_bytes(b"this is not a database, it is a shopping list\n" * 100)
    before = path.read_bytes()
    with pytest.raises(StoreCorrupt, match="is not an ecouch store"):
        Store.open(path, clock)
    assert path.read_bytes() == before


def test_two_connections_can_write_in_turn(data_dir: Path, clock: FixedClock) -> None:
    path = data_dir / "ecouch.sqlite3"
    with Store.open(path, clock) as one, Store.open(path, clock) as two:
        one.enrol("AU")
        two.set_setting("a", 1)
        one.set_setting("b", 2)
        assert two.setting("b") == 2 and one.setting("a") == 1
