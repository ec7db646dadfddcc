"""`ecouch import` holds every value to the rules of the app's own saves, and to its sizes.

A value the app would never write (a day in 9999, a PHQ-9 total of 28, sleep of 1e308,
a day written 20261201) imported once broke the app on every start after. Each is now
refused with its place in the file and its value, the first few at once, and nothing
is written: not the store, not a backup. Files, lists and texts over the limits no real
user reaches are refused the same way, saying the limit.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from subprocess import CompletedProcess
from typing import Any

import pytest
from helpers import run_ecouch

from ecouch_tui.clock import FixedClock
from ecouch_tui.content.blocks import entry_uid
from ecouch_tui.store.db import Store
from ecouch_tui.store.export import build_export, to_json
from ecouch_tui.store.importer import IMPORT_BYTES_MOST, PROBLEMS_SHOWN, RECORDS_MOST
from ecouch_tui.store.records import TEXT_MOST

TODAY = date(2026, 1, 5)
Document = dict[str, Any]


def ecouch(*args: str, cwd: Path) -> CompletedProcess[str]:
    return run_ecouch(*args, cwd=cwd, env={"ECOUCH_TODAY": TODAY.isoformat()})


@pytest.fixture
def seeded(tmp_path: Path) -> Path:
    """A store with a little of everything: an import into it would first take a backup."""
    data_dir = tmp_path / "data"
    with Store.open(data_dir / "ecouch.sqlite3", FixedClock(TODAY)) as store:
        store.enrol("AU", started_on=TODAY)
        store.save_mood(TODAY, 6, note="a walk", sleep_hours=7.5)
        store.save_checkin("phq9", [1] * 9, 9, "mild", taken_at="2026-01-04T09:00:00+00:00")
        store.save_entry(
            module_id="welcome",
            page_id="your-hopes",
            block_id="hopes",
            kind="reflection",
            data={"text": "To sleep better."},
            uid=entry_uid("reflection", "welcome", "your-hopes", "hopes"),
        )
        store.record_safety_event("phq9 item 9", "checkin", "answered 1")
    return data_dir


@pytest.fixture
def good(seeded: Path) -> Document:
    """The seeded store's own export, as a user would edit it by hand."""
    with Store.open(seeded / "ecouch.sqlite3", FixedClock(TODAY)) as store:
        document: Document = json.loads(to_json(build_export(store)))
    return document


def _files(data_dir: Path) -> list[str]:
    return sorted(str(p.relative_to(data_dir)) for p in data_dir.rglob("*"))


def _refused(seeded: Path, tmp_path: Path, document: Document | bytes) -> str:
    """Import the document into the seeded store: it must be refused with nothing
    written (the store's export unchanged, no backup); what ecouch said."""
    with Store.open(seeded / "ecouch.sqlite3", FixedClock(TODAY)) as store:
        before = build_export(store)
    files = _files(seeded)
    path = tmp_path / "edited.json"
    path.write_bytes(document if isinstance(document, bytes) else json.dumps(document).encode())
    result = ecouch("--data-dir", str(seeded), "import", str(path), cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "Nothing was imported" in result.stderr
    assert _files(seeded) == files  # not even a backup
    with Store.open(seeded / "ecouch.sqlite3", FixedClock(TODAY)) as store:
        after = build_export(store)
    assert (after.mood, after.checkins, after.entries) == (
        before.mood,
        before.checkins,
        before.entries,
    )
    return result.stderr


def _set(path: str, value: Any) -> Callable[[Document], None]:
    """Set `path` ("checkins.0.total") in a document."""

    def change(document: Document) -> None:
        *parents, last = path.split(".")
        target: Any = document
        for key in parents:
            target = target[int(key)] if key.isdigit() else target[key]
        target[int(last) if last.isdigit() else last] = value

    return change


#: (what is changed, the value, what the refusal must say: its place and its value)
BAD_VALUES = [
    ("enrolment.started_on", "9999-12-31", "enrolment.started_on: '9999-12-31' is not a date"),
    ("checkins.0.taken_at", "9999-12-31T23:59:59", "checkins[0].taken_at: '9999-12-31T23:59:59'"),
    ("checkins.0.total", 28, "checkins[0].total: 28 does not fit phq9: its answers add up to 9"),
    ("checkins.0.total", -12345, "checkins[0].total: -12345 is not a questionnaire's total"),
    ("checkins.0.answers", [9] * 9, "checkins[0].answers: [9,9,9,9,9,9,9,9,9] does not fit phq9"),
    ("mood.0.sleep_hours", -50, "mood[0].sleep_hours: -50.0 is not 0 to 24 hours"),
    ("mood.0.sleep_hours", 1e308, "mood[0].sleep_hours: 1e308 is not 0 to 24 hours"),
    ("mood.0.date", "20260105", "mood[0].date: '20260105' is not a date like 2026-01-05"),
    ("mood.0.date", "1999-12-31", "mood[0].date: '1999-12-31' is not a date"),
    ("mood.0.created_at", "2026-01-05 09:00:00", "mood[0].created_at: '2026-01-05 09:00:00'"),
    ("entries.0.updated_at", "20260105T090000", "entries[0].updated_at: '20260105T090000'"),
    ("entries.0.data", {"text": 5}, 'entries[0].data: {"text":5} is not what a reflection'),
    ("safety_events.0.at", "0001-01-01T00:00:00", "safety_events[0].at: '0001-01-01T00:00:00'"),
]


def test_a_day_inside_an_entry_outside_the_years_is_refused(
    seeded: Path, good: Document, tmp_path: Path
) -> None:
    good["entries"][0].update(kind="activity_log", data={"what": "walk", "day": "9999-12-31"})
    said = _refused(seeded, tmp_path, good)
    assert "entries[0].data:" in said and "a day, 9999-12-31, outside the years 2000 to" in said


@pytest.mark.parametrize(("path", "value", "said"), BAD_VALUES)
def test_a_value_the_app_would_not_save_is_refused_with_its_place(
    path: str, value: Any, said: str, seeded: Path, good: Document, tmp_path: Path
) -> None:
    _set(path, value)(good)
    assert said in _refused(seeded, tmp_path, good)


def test_the_first_few_problems_are_listed_and_the_rest_counted(
    seeded: Path, good: Document, tmp_path: Path
) -> None:
    day = good["mood"][0]
    good["mood"] = [{**day, "date": f"2026-01-{n:02d}", "score": 11 + n} for n in range(1, 8)]
    said = _refused(seeded, tmp_path, good)
    assert f"7 problems, the first {PROBLEMS_SHOWN}:" in said
    lines = [line.strip() for line in said.splitlines()[1:]]
    assert lines == [f"mood[{n - 1}].score: {11 + n} is not 0 to 10" for n in range(1, 6)]


def test_a_file_over_the_size_limit_is_refused_saying_the_limit(
    seeded: Path, good: Document, tmp_path: Path
) -> None:
    text = json.dumps(good).encode()
    padded = text[:-1] + b' ,"padding": "' + b"x" * (IMPORT_BYTES_MOST - len(text)) + b'"}'
    assert len(padded) > IMPORT_BYTES_MOST
    said = _refused(seeded, tmp_path, padded)
    assert f"larger than an ecouch export can be ({IMPORT_BYTES_MOST // 2**20} MB" in said


def test_more_records_than_the_limit_are_refused_saying_the_limit(
    seeded: Path, good: Document, tmp_path: Path
) -> None:
    entry = good["entries"][0]
    good["entries"] = [{**entry, "uid": f"e{n}"} for n in range(RECORDS_MOST + 1)]
    said = _refused(seeded, tmp_path, good)
    assert f"entries: {RECORDS_MOST + 1:,} items are too many: at most {RECORDS_MOST:,}" in said


def test_a_text_longer_than_the_limit_is_refused_saying_the_limit(
    seeded: Path, good: Document, tmp_path: Path
) -> None:
    good["mood"][0]["note"] = "x" * (TEXT_MOST + 1)
    good["entries"][0]["data"]["text"] = "y" * (TEXT_MOST + 1)
    said = _refused(seeded, tmp_path, good)
    limit = f"are more than the {TEXT_MOST:,} a text may hold"
    assert f"mood[0].note: {TEXT_MOST + 1:,} characters of text {limit}" in said
    assert f"entries[0].data.text: {TEXT_MOST + 1:,} characters of text {limit}" in said


def test_values_at_the_edges_of_the_rules_are_imported(good: Document, tmp_path: Path) -> None:
    """The rules refuse only what the app would not save: its own values go in."""
    good["mood"][0].update(score=10, sleep_hours=24, note="z" * TEXT_MOST, date="2100-12-31")
    good["checkins"][0].update(answers=[3] * 9, total=27, band="severe")
    path = tmp_path / "edges.json"
    path.write_text(json.dumps(good))
    target = tmp_path / "target"
    result = ecouch("--data-dir", str(target), "import", str(path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Imported" in result.stdout
