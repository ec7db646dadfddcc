"""Input that used to crash a command or the app, or to save nonsense (issue 12, items
10 and 11): each now gets a clear message, saves nothing wrong, and shows no traceback."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from helpers import enrol, run_ecouch, screen_text, squash

from ecouch_tui.commands.checkin import answer_number
from ecouch_tui.session import SessionConfig
from ecouch_tui.store.db import Store
from ecouch_tui.ui.app import EcouchApp
from ecouch_tui.ui.screens.workbook import WorkbookScreen

TODAY = "2026-01-05"


def _env(data: Path) -> dict[str, str]:
    return {"ECOUCH_TODAY": TODAY, "ECOUCH_DATA_DIR": str(data)}


@pytest.mark.parametrize("typed", ["[/]", "[/x]", "[b]bold", "[link=x]y"])
async def test_searching_the_workbook_for_markup_shows_it_as_typed(
    typed: str, config: SessionConfig
) -> None:
    """`[/]` in the search box crashed the app (the count line read it as markup) and
    `[b]` turned on bold."""
    enrol(config)
    with Store.open(config.store_path, config.clock) as store:
        store.save_mood(config.clock.today(), 6, note="a walk in the park")
    app = EcouchApp(config)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, WorkbookScreen)
        await pilot.press(*typed)
        await pilot.pause()
        assert f"Nothing matches “{typed}”" in squash(screen_text(app))
    assert app.return_code in (None, 0)


@pytest.mark.parametrize("typed", ["²", "¹", "٣", "--1", "-", "1.0", " "])
def test_only_plain_digits_are_check_in_answers(typed: str) -> None:
    assert answer_number(typed) is None
    assert answer_number("3") == 3 and answer_number("-1") == -1


@pytest.mark.parametrize("typed", ["²", "¹", "--1"])
def test_a_check_in_answer_of_odd_digits_is_refused_with_a_message(
    typed: str, tmp_path: Path
) -> None:
    """`checkin` answered `²` raised ValueError out of int()."""
    done = run_ecouch("checkin", env=_env(tmp_path), stdin=typed + "\n" + "0\n" * 9)
    assert "Traceback" not in done.stderr
    assert done.returncode != 0
    assert f"'{typed}' is not an answer to question 1" in done.stderr
    assert "Nothing was saved" in done.stderr


def test_a_day_near_the_ends_of_the_calendar_is_refused(tmp_path: Path) -> None:
    """`mood --day 0001-01-01` raised OverflowError (and a later build logged it, leaving
    a day in year 1 for every sum of days to trip over)."""
    for day in ("0001-01-01", "9999-12-31", "1990-01-01"):
        done = run_ecouch("mood", "4", "--day", day, env=_env(tmp_path))
        assert "Traceback" not in done.stderr
        assert done.returncode == 2
        assert f"{day} is more than 10 years from today" in done.stderr
    assert run_ecouch("mood", "4", "--day", "2025-06-01", env=_env(tmp_path)).returncode == 0
    with Store.open(tmp_path / "ecouch.sqlite3", _clock()) as store:
        assert [m.day for m in store.moods()] == [date(2025, 6, 1)]


def _clock():  # type: ignore[no-untyped-def]
    from ecouch_tui.clock import FixedClock

    return FixedClock(date.fromisoformat(TODAY))


def test_a_note_that_is_not_utf8_is_refused_and_nothing_is_saved(tmp_path: Path) -> None:
    """A note typed in a Latin-1 terminal reached SQLite with surrogates: UnicodeEncodeError."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "ecouch_tui",
            "mood",
            "5",
            "--note",
            b"caf\xe9".decode("utf-8", "surrogateescape"),
        ],
        env={**os.environ, **_env(tmp_path)},
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=60,
    )
    assert "Traceback" not in done.stderr
    assert done.returncode == 2
    assert "not valid UTF-8 text" in done.stderr
    with Store.open(tmp_path / "ecouch.sqlite3", _clock()) as store:
        assert store.moods() == []


def test_csv_cells_that_a_spreadsheet_would_run_are_kept_as_text(tmp_path: Path) -> None:
    notes = ['=HYPERLINK("http://x","y")', "+1 call", "-2 today", "@SUM(A1)", "fine"]
    for number, note in enumerate(notes, 1):
        done = run_ecouch(
            "mood", "5", "--day", f"2026-01-0{number}", "--note", note, env=_env(tmp_path)
        )
        assert done.returncode == 0, done.stderr
    out = tmp_path / "out"
    assert (
        run_ecouch("export", "--format", "csv", "-o", str(out), env=_env(tmp_path)).returncode == 0
    )
    with (out / "mood.csv").open(encoding="utf-8", newline="") as handle:
        written = [row["note"] for row in csv.DictReader(handle)]
    assert written == ["'" + n for n in notes[:4]] + ["fine"]
    # The JSON export keeps every note exactly as written.
    json_out = run_ecouch("export", env=_env(tmp_path))
    assert all(note.replace('"', '\\"') in json_out.stdout for note in notes)


def _export(tmp_path: Path) -> dict[str, object]:
    import json

    source = tmp_path / "source"
    assert run_ecouch("mood", "6", "--note", "a walk", env=_env(source)).returncode == 0
    done = run_ecouch("export", env=_env(source))
    assert done.returncode == 0, done.stderr
    exported: dict[str, object] = json.loads(done.stdout)
    return exported


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def test_an_export_with_a_byte_order_mark_imports(tmp_path: Path) -> None:
    """A UTF-8 BOM (as some Windows editors add) was 'invalid character (byte 0)'."""
    import json

    marked = tmp_path / "marked.json"
    marked.write_bytes(b"\xef\xbb\xbf" + json.dumps(_export(tmp_path)).encode())
    target = tmp_path / "target"
    done = run_ecouch("import", str(marked), env=_env(target))
    assert done.returncode == 0, done.stderr
    with Store.open(target / "ecouch.sqlite3", _clock()) as store:
        assert [m.note for m in store.moods()] == ["a walk"]


@pytest.mark.parametrize("where", ["whole file", "inside an entry"])
def test_json_nested_too_deep_is_refused_and_nothing_is_written(where: str, tmp_path: Path) -> None:
    """100,000 brackets raised RecursionError out of the JSON reader."""
    import json

    deep = "[" * 100_000 + "]" * 100_000
    if where == "whole file":
        text = deep
    else:
        document = _export(tmp_path)
        entry = {
            "uid": "x",
            "module": "welcome",
            "page": "p",
            "block": "b",
            "kind": "reflection",
            "data": {"text": "hi"},
            "created_at": "2026-01-05T10:00:00+00:00",
            "updated_at": "2026-01-05T10:00:00+00:00",
        }
        document["entries"] = [entry]
        text = json.dumps(document).replace('{"text": "hi"}', deep)
    hostile = tmp_path / "deep.json"
    hostile.write_text(text, encoding="utf-8")
    target = tmp_path / "target"
    done = run_ecouch("import", str(hostile), env=_env(target))
    assert "Traceback" not in done.stderr
    assert done.returncode == 1
    assert "nested too deeply" in done.stderr and "Nothing was imported" in done.stderr
    assert _files(target) == []  # no store made, no backup left behind


CRASHING_APP = """
import sys
from datetime import date
from pathlib import Path

from ecouch_tui.clock import FixedClock
from ecouch_tui.session import SessionConfig
from ecouch_tui.store.db import Store
from ecouch_tui.ui.app import EcouchApp
from ecouch_tui.ui.screens.home import HomeScreen

data = Path(sys.argv[1])
clock = FixedClock(date(2026, 1, 5))
with Store.open(data / "ecouch.sqlite3", clock) as store:
    store.enrol("AU")

def crash(self):
    answers_total = "SECRET-TOTAL-27"
    note = "SECRET-NOTE my worst day"
    raise ValueError(f"cannot show {note} with {answers_total}")

HomeScreen.on_mount = crash
config = SessionConfig(data_dir=data, modules_dir=Path(sys.argv[2]), clock=clock)
app = EcouchApp(config)
app.run(headless=True, size=(80, 24))
sys.exit(app.return_code or 0)
"""


def test_an_unexpected_error_exits_non_zero_and_prints_none_of_the_users_data(
    tmp_path: Path,
) -> None:
    """Textual's crash report printed every frame's local variables (check-in totals,
    dates, notes) and the error's message; `ecouch` then exited 0."""
    fixture = Path(__file__).parent / "fixtures" / "course"
    done = subprocess.run(
        [sys.executable, "-c", CRASHING_APP, str(tmp_path / "data"), str(fixture)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=60,
    )
    printed = done.stdout + done.stderr
    assert done.returncode == 1
    assert "ecouch stopped after an unexpected error (ValueError)" in printed
    assert "in crash" in printed  # where it happened, to report
    assert "SECRET" not in printed
