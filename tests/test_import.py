"""`ecouch import` as a user runs it: exports read back, exactly, never overwriting.

Stores are seeded through the Store API on a fixed clock; the commands run as
subprocesses on temporary data folders (HOME is a temporary folder too, see conftest).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from subprocess import CompletedProcess

import pytest
from helpers import run_ecouch

from ecouch_tui.clock import FixedClock
from ecouch_tui.content.blocks import entry_uid
from ecouch_tui.store.db import Store
from ecouch_tui.store.errors import StoreError
from ecouch_tui.store.export import FORMAT_VERSION, build_export, from_json, to_json
from ecouch_tui.store.importer import import_document

STORE = "ecouch.sqlite3"


def ecouch(
    *args: str, cwd: Path, env: dict[str, str] | None = None, stdin: str | None = None
) -> CompletedProcess[str]:
    return run_ecouch(
        *args, cwd=cwd, env={"ECOUCH_TODAY": "2026-02-02", **(env or {})}, stdin=stdin
    )


def seed_everything(store: Store, clock: FixedClock) -> None:
    """Every kind of record the store holds, written out of export order."""
    store.enrol("UK")
    store.set_setting("theme", "high-contrast")
    store.set_setting("numbers", {"a": [1, 2.5, None], "b": True})
    clock.advance(minutes=5)
    for page in ("hello", "how-it-works", "check", "your-hopes"):
        store.visit_page("welcome", page)
        clock.advance(minutes=3)
    store.save_entry(
        module_id="welcome",
        page_id="your-hopes",
        block_id="hopes",
        kind="reflection",
        data={"text": "Sleep better — see friends ✓\nand walk"},
        uid=entry_uid("reflection", "welcome", "your-hopes", "hopes"),
    )
    store.save_entry(
        module_id="welcome",
        page_id="check",
        block_id="basics",
        kind="quiz",
        data={"answers": {"pace": [1], "data": [0, 2]}, "checked": ["pace"]},
        uid=entry_uid("quiz", "welcome", "check", "basics"),
    )
    store.complete_module("welcome")
    clock.advance(days=7)
    store.visit_page("thoughts", "the-cycle")  # in progress, not done
    clock.advance(minutes=10)
    store.visit_page("thoughts", "noticing")
    store.save_entry(
        module_id="thoughts",
        page_id="noticing",
        block_id="record",
        kind="thought_record",
        data={"situation": "Late reply", "thought": "They're cross", "belief": 80},
    )
    for when, what in ((0, "Walk"), (1, "Called Sam")):
        clock.advance(hours=1)
        store.save_entry(
            module_id="home",
            page_id="home",
            block_id="quick",
            kind="activity_log",
            data={"what": what, "day": f"2026-01-1{when + 2}", "achievement": 5, "enjoyment": 7},
        )
    store.save_mood(date(2026, 1, 12), 3, note="tired", tags=["slept badly"], sleep_hours=5.25)
    store.save_mood(date(2026, 1, 5), 4)
    store.save_mood(date(2026, 1, 6), 6, note='a "good" day,\nwalked', tags=["got outside", "x"])
    store.save_mood(date(2026, 1, 6), 7, sleep_hours=8.0)  # corrected: updated_at moves on
    store.save_checkin("phq9", [1, 2, 1, 0, 1, 0, 1, 0, 1], 7, "mild", extra={"difficulty": 1})
    clock.advance(days=1)
    store.save_checkin("k10", [2] * 10, 20, "moderate")
    store.save_checkin(
        "phq9", [2, 2, 2, 2, 2, 2, 2, 2, 1], 17, "moderately severe", extra={"difficulty": 2}
    )
    store.record_safety_event("phq9_item9", "checkin", "item 9 answered 1")
    store.record_safety_event("low_mood_streak", "mood")


@pytest.fixture
def seeded(store: Store, clock: FixedClock, data_dir: Path) -> Path:
    seed_everything(store, clock)
    return data_dir


def export_text(data_dir: Path, cwd: Path) -> str:
    result = ecouch("--data-dir", str(data_dir), "export", cwd=cwd)
    assert result.returncode == 0, result.stderr
    return result.stdout


def without_time(text: str) -> str:
    """The export with its `exported_at` line set aside (everything else byte for byte)."""
    return "\n".join(line for line in text.splitlines() if '"exported_at"' not in line)


def test_export_import_export_is_exact(seeded: Path, tmp_path: Path) -> None:
    first = export_text(seeded, tmp_path)
    (tmp_path / "mine.json").write_text(first)
    document = json.loads(first)
    assert {m["module"] for m in document["progress"]} == {"welcome", "thoughts"}
    assert len(document["entries"]) == 5 and len(document["checkins"]) == 3

    fresh = tmp_path / "fresh"
    result = ecouch("--data-dir", str(fresh), "import", "mine.json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(
        "Imported 5 entries, 3 days of mood, 3 check-ins, progress in 2 modules, "
        "2 safety screens shown, 2 settings, your start date."
    )
    assert "duplicate" not in result.stdout
    assert "backup" not in result.stdout  # a fresh store has nothing to back up
    assert not (fresh / "backups").exists()

    again = export_text(fresh, tmp_path)
    assert without_time(again) == without_time(first)
    assert json.loads(again)["exported_at"].startswith("2026-02-02T")


def test_importing_again_skips_and_counts_every_duplicate(seeded: Path, tmp_path: Path) -> None:
    (tmp_path / "mine.json").write_text(export_text(seeded, tmp_path))
    before = export_text(seeded, tmp_path)
    result = ecouch("--data-dir", str(seeded), "import", "mine.json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "Nothing new to import: skipped 18 duplicates (5 entries, 3 days of mood already "
        "logged, 3 check-ins, progress in 2 modules already started here, 2 safety screens "
        "shown, 2 settings already set, start date already set).\n"
    )
    assert without_time(export_text(seeded, tmp_path)) == without_time(before)


def test_nothing_is_overwritten_and_new_things_are_added(
    seeded: Path, tmp_path: Path, clock: FixedClock
) -> None:
    """Two machines: the one imported into keeps its own versions of shared records."""
    other = tmp_path / "other"
    with Store.open(other / STORE, FixedClock(date(2026, 3, 1))) as store:
        store.enrol("AU", started_on=date(2026, 3, 1))
        store.set_setting("theme", "nord")
        store.save_mood(date(2026, 1, 5), 9, note="mine")  # the same day as the export
        store.save_mood(date(2026, 3, 1), 5)
        store.save_entry(
            module_id="welcome",
            page_id="your-hopes",
            block_id="hopes",
            kind="reflection",
            data={"text": "my own hopes"},
            uid=entry_uid("reflection", "welcome", "your-hopes", "hopes"),
        )
        store.visit_page("thoughts", "the-cycle")
    (tmp_path / "mine.json").write_text(export_text(seeded, tmp_path))
    result = ecouch("--data-dir", str(other), "import", "mine.json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    first_line, backup_line = result.stdout.splitlines()
    assert first_line == (
        "Imported 4 entries, 2 days of mood, 3 check-ins, progress in 1 module, 2 safety "
        "screens shown, 1 setting; skipped 5 duplicates (1 entry, 1 day of mood already "
        "logged, progress in 1 module already started here, 1 setting already set, "
        "start date already set)."
    )
    assert backup_line.startswith("A copy of your data from before the import is in ")
    backup = Path(
        backup_line.removeprefix("A copy of your data from before the import is in ").rstrip(".")
    )
    assert backup.parent == other / "backups" and backup.name.endswith("-before-import.sqlite3")
    assert backup.stat().st_mode & 0o777 == 0o600

    merged = json.loads(export_text(other, tmp_path))
    assert merged["enrolment"]["started_on"] == "2026-03-01"
    assert merged["settings"] == {"numbers": {"a": [1, 2.5, None], "b": True}, "theme": "nord"}
    mood = {m["date"]: m for m in merged["mood"]}
    assert sorted(mood) == ["2026-01-05", "2026-01-06", "2026-01-12", "2026-03-01"]
    assert (mood["2026-01-05"]["score"], mood["2026-01-05"]["note"]) == (9, "mine")
    hopes = next(e for e in merged["entries"] if e["block"] == "hopes")
    assert hopes["data"] == {"text": "my own hopes"}
    thoughts = next(p for p in merged["progress"] if p["module"] == "thoughts")
    assert [p["page"] for p in thoughts["pages_seen"]] == ["the-cycle"]  # not merged
    welcome = next(p for p in merged["progress"] if p["module"] == "welcome")
    assert welcome["completed_at"] is not None and len(welcome["pages_seen"]) == 4


def test_a_newer_format_is_refused_with_nothing_written(seeded: Path, tmp_path: Path) -> None:
    document = json.loads(export_text(seeded, tmp_path))
    document["format_version"] = FORMAT_VERSION + 1
    document["mood"] = "a shape this version cannot read"
    (tmp_path / "new.json").write_text(json.dumps(document))
    target = tmp_path / "target"
    result = ecouch("--data-dir", str(target), "import", "new.json", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert "new.json was written by a newer version of ecouch (export format 2;" in result.stderr
    assert "Update ecouch to import it" in result.stderr
    assert "Nothing was imported" in result.stderr
    assert not target.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json at all", "is damaged or not JSON"),
        ('{"hello": "world"}', "is not an ecouch export"),
        ("[1, 2, 3]", "is not an ecouch export"),
        ('{"format_version": 1, "mood": []}', "is not a usable ecouch export"),
        ('{"format_version": 0}', "unknown export format"),
    ],
)
def test_a_foreign_file_is_refused(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "x.json").write_text(content)
    target = tmp_path / "target"
    result = ecouch("--data-dir", str(target), "import", "x.json", cwd=tmp_path)
    assert result.returncode == 1
    assert message in result.stderr and "Nothing was imported" in result.stderr
    assert not target.exists()


def test_a_broken_file_changes_nothing_in_an_existing_store(seeded: Path, tmp_path: Path) -> None:
    before = export_text(seeded, tmp_path)
    files_before = sorted(p.name for p in seeded.rglob("*"))
    good = json.loads(before)
    good["mood"].append({**good["mood"][0], "date": "2026-02-01"})
    cases = {
        "truncated.json": before[: len(before) // 2],
        "bad-day.json": json.dumps({**good, "mood": [{**good["mood"][0], "date": "yesterday"}]}),
        "bad-score.json": json.dumps({**good, "mood": [{**good["mood"][0], "score": 11}]}),
        "bad-type.json": json.dumps({**good, "checkins": [{**good["checkins"][0], "total": "7"}]}),
    }
    messages = {
        "truncated.json": "is damaged or not JSON",
        "bad-day.json": "mood[0].date: 'yesterday' is not a date like 2026-01-05",
        "bad-score.json": "mood[0].score: 11 is not 0 to 10",
        # What is wrong is in msgspec's words (not asserted): ecouch names the file and
        # refuses it, and the message says where (the field's path in the file).
        "bad-type.json": "bad-type.json is not a usable ecouch export: ",
    }
    where = {"bad-type.json": "checkins[0].total"}
    for name, text in cases.items():
        (tmp_path / name).write_text(text)
        result = ecouch("--data-dir", str(seeded), "import", name, cwd=tmp_path)
        assert result.returncode == 1, name
        assert messages[name] in result.stderr, result.stderr
        assert where.get(name, "") in result.stderr, result.stderr
        assert "Nothing was imported" in result.stderr
    assert without_time(export_text(seeded, tmp_path)) == without_time(before)
    assert sorted(p.name for p in seeded.rglob("*")) == files_before  # not even a backup


def test_missing_file_and_folder_are_explained(tmp_path: Path) -> None:
    target = tmp_path / "target"
    missing = ecouch("--data-dir", str(target), "import", "nope.json", cwd=tmp_path)
    assert missing.returncode == 1 and "nope.json does not exist" in missing.stderr
    (tmp_path / "csv-export").mkdir()
    folder = ecouch("--data-dir", str(target), "import", "csv-export", cwd=tmp_path)
    assert folder.returncode == 1 and "is a folder" in folder.stderr
    assert not target.exists()


def test_import_from_standard_input_and_an_empty_export(seeded: Path, tmp_path: Path) -> None:
    text = export_text(seeded, tmp_path)
    target = tmp_path / "target"
    result = ecouch("--data-dir", str(target), "import", "-", cwd=tmp_path, stdin=text)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Imported 5 entries")

    Store.open(tmp_path / "blank" / STORE, FixedClock(date(2026, 1, 5))).close()
    (tmp_path / "empty.json").write_text(export_text(tmp_path / "blank", tmp_path))
    empty = tmp_path / "empty-store"
    nothing = ecouch("--data-dir", str(empty), "import", "empty.json", cwd=tmp_path)
    assert nothing.returncode == 0
    assert nothing.stdout == "Nothing to import: empty.json holds no data.\n"
    assert not empty.exists()


def test_a_module_seen_without_progress_round_trips(store: Store) -> None:
    """Page visits with no progress row export as four nulls, and import as none."""
    raw = json.loads(to_json(build_export(store)))
    raw["progress"] = [
        {
            "module": "moving",
            "current_page": None,
            "started_at": None,
            "updated_at": None,
            "completed_at": None,
            "pages_seen": [
                {
                    "page": "why-move",
                    "first_seen_at": "2026-01-05T09:00:00+00:00",
                    "last_seen_at": "2026-01-06T09:00:00+00:00",
                }
            ],
        }
    ]
    document = from_json(json.dumps(raw))
    counts = import_document(store, document)
    assert counts.imported["progress"] == 1
    assert store.conn.execute("SELECT count(*) FROM module_progress").fetchone()[0] == 0
    assert json.loads(to_json(build_export(store)))["progress"] == raw["progress"]


def test_the_import_is_one_transaction(store: Store, clock: FixedClock, tmp_path: Path) -> None:
    """A failure part-way (here: a trigger refusing check-ins) leaves nothing behind."""
    seed_everything(store, clock)
    document = build_export(store)
    other = tmp_path / "other.sqlite3"
    with Store.open(other, clock) as target:
        target.conn.execute(
            "CREATE TRIGGER refuse BEFORE INSERT ON checkins BEGIN SELECT RAISE(ABORT, 'no'); END"
        )
        with pytest.raises(StoreError, match="no"):
            import_document(target, document)
        for table in ("enrolment", "settings", "module_progress", "page_visits", "mood"):
            assert target.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0
