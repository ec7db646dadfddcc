"""`ecouch export` as a user runs it: a subprocess on a temporary data folder and HOME.

The store is seeded through the Store API on the fixed clock, so every value in the
export is known except `exported_at`.
"""

from __future__ import annotations

import csv
import json
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path
from subprocess import CompletedProcess

import pytest
from helpers import run_ecouch

from ecouch_tui.clock import FixedClock
from ecouch_tui.content.blocks import entry_uid
from ecouch_tui.store.db import Store
from ecouch_tui.store.export import (
    FORMAT_VERSION,
    TABLES,
    build_export,
    from_json,
    peek_format_version,
    to_json,
)

T0 = "2026-01-05T09:00:00"


def ecouch(
    *args: str, cwd: Path, env: dict[str, str] | None = None, umask: int = -1
) -> CompletedProcess[str]:
    return run_ecouch(
        *args, cwd=cwd, env={"ECOUCH_TODAY": "2026-01-20", **(env or {})}, umask=umask
    )


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def seed(store: Store, clock: FixedClock) -> None:
    """A little of everything, written in an order unlike the export's order."""
    store.enrol("AU")
    store.set_setting("theme", "nord")
    store.set_setting("a_list", [1, "two"])
    clock.advance(hours=1)
    store.visit_page("welcome", "hello")
    store.save_entry(
        module_id="welcome",
        page_id="your-hopes",
        block_id="hopes",
        kind="reflection",
        data={"text": "Sleep better, see friends ✓"},
        uid=entry_uid("reflection", "welcome", "your-hopes", "hopes"),
    )
    clock.advance(hours=1)
    store.visit_page("welcome", "check")
    store.save_entry(
        module_id="welcome",
        page_id="check",
        block_id="basics",
        kind="quiz",
        data={"answers": {"pace": [1], "data": [0, 2]}, "checked": ["pace"]},
        uid=entry_uid("quiz", "welcome", "check", "basics"),
    )
    store.complete_module("welcome")
    store.save_mood(date(2026, 1, 6), 6, note='a "good" day,\nwalked', tags=["got outside"])
    store.save_mood(date(2026, 1, 5), 3, sleep_hours=5.5)
    clock.advance(days=1)
    store.save_entry(
        module_id="home",
        page_id="home",
        block_id="quick",
        kind="activity_log",
        data={"what": "Walk", "day": "2026-01-06", "achievement": 5, "enjoyment": 7},
        uid="b-activity",
    )
    store.save_checkin("phq9", [1, 2, 1, 0, 1, 0, 1, 0, 1], 7, "mild", extra={"difficulty": 1})
    store.record_safety_event("phq9_item9", "checkin", "item 9 answered 1")
    store.visit_page("moving", "why-move")


@pytest.fixture
def seeded(store: Store, clock: FixedClock, data_dir: Path) -> Path:
    seed(store, clock)
    return data_dir


def without_time(text: str) -> dict:
    document = json.loads(text)
    document.pop("exported_at")
    return document


def test_json_export_has_everything_the_user_wrote(seeded: Path, tmp_path: Path) -> None:
    result = ecouch("--data-dir", str(seeded), "export", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert list(document) == [
        "format_version",
        "ecouch_version",
        "exported_at",
        "enrolment",
        "settings",
        "progress",
        "mood",
        "checkins",
        "entries",
        "safety_events",
    ]
    assert document["format_version"] == FORMAT_VERSION == 1
    assert document["exported_at"].startswith("2026-01-20T")
    assert document["enrolment"] == {
        "started_on": "2026-01-05",
        "region": "AU",
        "welcomed_at": document["enrolment"]["welcomed_at"],
    }
    assert document["enrolment"]["welcomed_at"].startswith(T0)
    assert document["settings"] == {"a_list": [1, "two"], "theme": "nord"}

    mood = document["mood"]
    assert [m["date"] for m in mood] == ["2026-01-05", "2026-01-06"]  # by day, not by writing
    assert mood[1] == {
        "date": "2026-01-06",
        "score": 6,
        "note": 'a "good" day,\nwalked',
        "tags": ["got outside"],
        "sleep_hours": None,
        "created_at": mood[1]["created_at"],
        "updated_at": mood[1]["created_at"],
    }
    assert mood[0]["sleep_hours"] == 5.5 and mood[0]["note"] == "" and mood[0]["tags"] == []

    (checkin,) = document["checkins"]
    assert checkin["instrument"] == "phq9"
    assert checkin["answers"] == [1, 2, 1, 0, 1, 0, 1, 0, 1]
    assert (checkin["total"], checkin["band"]) == (7, "mild")
    assert checkin["extra"] == {"difficulty": 1}
    assert set(checkin) == {"uid", "instrument", "taken_at", "answers", "total", "band", "extra"}
    assert checkin["taken_at"].startswith("2026-01-06T11:00:00")

    entries = document["entries"]
    assert [e["kind"] for e in entries] == ["reflection", "quiz", "activity_log"]
    reflection = entries[0]
    assert reflection == {
        "uid": "welcome/your-hopes/hopes",
        "module": "welcome",
        "page": "your-hopes",
        "block": "hopes",
        "kind": "reflection",
        "data": {"text": "Sleep better, see friends ✓"},  # an object, not a string
        "created_at": reflection["created_at"],
        "updated_at": reflection["updated_at"],
    }
    assert reflection["created_at"].startswith("2026-01-05T10:00:00")
    assert entries[1]["data"] == {"answers": {"pace": [1], "data": [0, 2]}, "checked": ["pace"]}
    assert entries[2]["module"] == "home" and entries[2]["data"]["enjoyment"] == 7

    progress = {p["module"]: p for p in document["progress"]}
    assert list(progress) == ["moving", "welcome"]
    welcome = progress["welcome"]
    assert welcome["current_page"] == "check"
    assert welcome["completed_at"].startswith("2026-01-05T11:00:00")
    assert [p["page"] for p in welcome["pages_seen"]] == ["hello", "check"]
    assert set(welcome["pages_seen"][0]) == {"page", "first_seen_at", "last_seen_at"}
    assert progress["moving"]["completed_at"] is None

    (event,) = document["safety_events"]
    assert (event["reason"], event["source"], event["detail"]) == (
        "phq9_item9",
        "checkin",
        "item 9 answered 1",
    )


def test_two_exports_are_identical_apart_from_the_time(seeded: Path, tmp_path: Path) -> None:
    first = ecouch("--data-dir", str(seeded), "export", cwd=tmp_path)
    second = ecouch("export", cwd=tmp_path, env={"ECOUCH_DATA_DIR": str(seeded)})
    assert first.returncode == second.returncode == 0
    assert without_time(first.stdout) == without_time(second.stdout)
    # Byte for byte too, once the time line is set aside.
    strip = [line for line in first.stdout.splitlines() if '"exported_at"' not in line]
    assert strip == [line for line in second.stdout.splitlines() if '"exported_at"' not in line]


def test_json_to_a_file_is_private_even_with_a_careless_umask(seeded: Path, tmp_path: Path) -> None:
    stale = tmp_path / "old.json"
    stale.write_text("{}")
    stale.chmod(0o644)
    for name, force in (("mine.json", []), ("old.json", ["--force"])):
        args = ("--data-dir", str(seeded), "export", "-o", name, *force)
        result = ecouch(*args, cwd=tmp_path, umask=0)
        assert result.returncode == 0, result.stderr
        assert result.stdout == ""
        assert f"to {name} (readable only by you)" in result.stderr
        assert "3 entries, 2 days of mood, 1 check-in" in result.stderr
        assert mode(tmp_path / name) == 0o600
    on_stdout = ecouch("--data-dir", str(seeded), "export", cwd=tmp_path).stdout
    assert without_time((tmp_path / "mine.json").read_text()) == without_time(on_stdout)
    assert without_time((tmp_path / "old.json").read_text()) == without_time(on_stdout)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp left


def test_csv_export_is_one_private_file_per_list(seeded: Path, tmp_path: Path) -> None:
    result = ecouch("--data-dir", str(seeded), "export", "--format", "csv", cwd=tmp_path, umask=0)
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "ecouch-export-20260120"
    assert folder.is_dir() and mode(folder) == 0o700
    assert str(folder.name) in result.stderr
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted([f"{t}.csv" for t in TABLES] + ["export.csv"])
    assert all(mode(p) == 0o600 for p in folder.iterdir())

    def rows(name: str) -> list[dict[str, str]]:
        with open(folder / f"{name}.csv", newline="", encoding="utf-8") as handle:
            return list(csv.DictReader(handle))

    mood = rows("mood")
    assert [m["date"] for m in mood] == ["2026-01-05", "2026-01-06"]
    assert mood[1]["note"] == 'a "good" day,\nwalked'  # quotes and new lines survive
    assert json.loads(mood[1]["tags"]) == ["got outside"]
    assert mood[0]["sleep_hours"] == "5.5" and mood[1]["sleep_hours"] == ""
    entries = rows("entries")
    assert list(entries[0]) == [
        "uid",
        "module",
        "page",
        "block",
        "kind",
        "data",
        "created_at",
        "updated_at",
    ]
    assert json.loads(entries[0]["data"]) == {"text": "Sleep better, see friends ✓"}
    (checkin,) = rows("checkins")
    assert json.loads(checkin["answers"]) == [1, 2, 1, 0, 1, 0, 1, 0, 1]
    progress = rows("progress")
    assert [p["module"] for p in progress] == ["moving", "welcome"]
    assert [p["page"] for p in json.loads(progress[1]["pages_seen"])] == ["hello", "check"]
    assert rows("settings") == [
        {"key": "a_list", "value": '[1,"two"]'},
        {"key": "theme", "value": "nord"},
    ]
    assert rows("enrolment")[0]["region"] == "AU"
    assert rows("export")[0]["format_version"] == "1"

    again = ecouch("--data-dir", str(seeded), "export", "--format", "csv", cwd=tmp_path)
    assert again.returncode == 0
    assert (tmp_path / "ecouch-export-20260120-2" / "mood.csv").exists()  # a new folder


def test_csv_export_into_a_named_folder(seeded: Path, tmp_path: Path) -> None:
    result = ecouch(
        "--data-dir", str(seeded), "export", "--format", "csv", "-o", "mine", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert mode(tmp_path / "mine") == 0o700
    assert (tmp_path / "mine" / "entries.csv").exists()


def test_export_never_imports_textual(seeded: Path, tmp_path: Path) -> None:
    data, out_json, out_csv = str(seeded), str(tmp_path / "x.json"), str(tmp_path / "csv")
    code = f"""
import sys
from ecouch_tui.cli import main
codes = [
    main(['--data-dir', {data!r}, 'export', '-o', {out_json!r}]),
    main(['--data-dir', {data!r}, 'export', '--format', 'csv', '-o', {out_csv!r}]),
]
print(codes, sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))
"""
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=tmp_path
    ).stdout
    assert out.strip() == "[0, 0] []"


def test_no_data_yet_is_said_plainly_and_nothing_is_created(tmp_path: Path) -> None:
    empty = tmp_path / "nothing-here"
    result = ecouch("--data-dir", str(empty), "export", "-o", "x.json", cwd=tmp_path)
    assert result.returncode == 1
    assert "there is no ecouch data in" in result.stderr and "nothing to export" in result.stderr
    assert not empty.exists() and not (tmp_path / "x.json").exists()


def test_bad_destinations_get_a_clear_message(seeded: Path, tmp_path: Path) -> None:
    (tmp_path / "a-folder").mkdir()
    (tmp_path / "a-file").write_text("keep me")
    cases = [
        (["-o", "a-folder"], "is a folder; give a file name"),
        (["-o", "missing/x.json"], "does not exist"),
        (["--format", "csv", "-o", "a-file"], "is a file; a CSV export needs a folder"),
    ]
    for extra, message in cases:
        result = ecouch("--data-dir", str(seeded), "export", *extra, cwd=tmp_path)
        assert result.returncode == 1 and message in result.stderr, result.stderr
    assert (tmp_path / "a-file").read_text() == "keep me"


# -- the document itself (what `ecouch import` will read) --------------------------------------


def test_the_document_reads_back_as_itself(store: Store, clock: FixedClock) -> None:
    seed(store, clock)
    document = build_export(store)
    text = to_json(document)
    assert text.endswith(b"\n")
    assert from_json(text) == document
    assert to_json(from_json(text)) == text
    assert peek_format_version(text) == FORMAT_VERSION
    assert peek_format_version(b'{"format_version": 99, "mood": "anything"}') == 99
    assert peek_format_version(b"not json") is None


def test_an_empty_store_exports_empty_lists(store: Store) -> None:
    document = json.loads(to_json(build_export(store)))
    assert document["enrolment"] is None and document["settings"] == {}
    for name in ("progress", "mood", "checkins", "entries", "safety_events"):
        assert document[name] == []
    assert document["format_version"] == FORMAT_VERSION
