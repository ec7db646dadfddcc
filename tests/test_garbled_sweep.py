"""One garbled value at a time, in every column of every table, read by every reader.

A damaged page or a hand edit can leave any value in any column: text that is not JSON,
not a day or not a number, a BLOB where text belongs, NULL where the schema allows it.
Whatever it is, each shell command and each main screen of the app must still work, say
"unreadable" where it shows that value, and leave it exactly as stored (no read may
"repair" it by writing a default over the user's data).

The columns come from `PRAGMA table_info`, so a column added by a new migration is
swept without touching this file. The whole sweep (every column, every garble, every
screen) is slow; `QUICK` is the representative subset the quick loop runs: the faults
an earlier sweep found, one per reader.
"""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from helpers import screen_text

from ecouch_tui.cli import main
from ecouch_tui.clock import FixedClock
from ecouch_tui.content.blocks import entry_uid
from ecouch_tui.course.checkin_text import NOTICE_SEEN
from ecouch_tui.paths import bundled_modules_dir
from ecouch_tui.session import SessionConfig
from ecouch_tui.store.db import Store
from ecouch_tui.store.records import EventKind, ResearchEvent

FIXTURE_COURSE = Path(__file__).parent / "fixtures" / "course"
TODAY = date(2026, 1, 5)
REFLECTION = entry_uid("reflection", "welcome", "your-hopes", "hopes")

#: Garbles every column gets: not JSON / a day / a number, and a BLOB (the wrong type).
#: NULL is added for columns whose schema allows it.
GARBLES: dict[str, str] = {"text": "'{\"a\":'", "blob": "x'ff00fe'", "null": "NULL"}

#: Which row of each table is garbled (the one the screens and commands show).
ROW: dict[str, str] = {
    "enrolment": "id = 1",
    "settings": "key = 'theme'",  # read as the app starts
    "module_progress": "module_id = 'welcome'",
    "page_visits": "module_id = 'welcome' AND page_id = 'hello'",
    "entries": f"uid = '{REFLECTION}'",
    "mood": f"day = '{TODAY.isoformat()}'",
    "checkins": "uid = 'c-last'",
    "safety_events": "uid = 's-1'",
    "research_events": "id = 1",
}

#: Tables the app only appends to and never reads back (its screens cannot show them):
#: their readers are the shell commands, so the app's walk (2 s a case) is left out.
WRITTEN_ONLY_BY_THE_APP = {"research_events"}

#: (table, column, garble) -> a phrase the readers that show that value must print.
SAYS_UNREADABLE: dict[tuple[str, str, str], str] = {
    ("mood", "score", "text"): "unreadable",
    ("mood", "score", "blob"): "unreadable",
    ("enrolment", "started_on", "text"): "start date unreadable",
    ("enrolment", "started_on", "blob"): "start date unreadable",
    ("mood", "tags", "text"): "unreadable",
    ("entries", "data", "text"): "unreadable",
    ("entries", "data", "blob"): "unreadable",
}

#: The faults an earlier sweep found (each crashed a reader), run in the quick loop.
QUICK = [
    ("mood", "tags", "text"),  # status: msgspec DecodeError
    ("mood", "score", "text"),  # mood: TypeError; home: "abc/10"
    ("enrolment", "started_on", "text"),  # status, the app: ValueError
    ("checkins", "answers", "text"),  # status: DecodeError
    ("settings", "value", "text"),  # the app (its theme): DecodeError
    ("entries", "data", "text"),  # a module page with the entry
    ("safety_events", "at", "text"),  # report: ValueError
    ("entries", "created_at", "blob"),  # workbook: a BLOB is not text
]


def _fill(path: Path, clock: FixedClock) -> None:
    """A store with something in every table, through the Store API as the app writes."""
    with Store.open(path, clock) as store:
        store.enrol("AU", started_on=TODAY)
        store.set_setting("theme", "textual-dark")
        store.set_setting(NOTICE_SEEN, True)
        store.visit_page("welcome", "hello")
        store.visit_page("welcome", "your-hopes")
        store.complete_module("welcome")
        store.save_entry(
            uid=REFLECTION,
            module_id="welcome",
            page_id="your-hopes",
            block_id="hopes",
            kind="reflection",
            data={"text": "To sleep better and see friends again."},
        )
        store.save_mood(TODAY, 6, note="a walk", tags=["work"], sleep_hours=7.5)
        store.save_mood(date(2026, 1, 4), 4)
        store.save_checkin("phq9", [1] * 9, 9, "mild", taken_at="2025-12-01T09:00:00+00:00")
        store.save_checkin(
            "phq9",
            [0] * 9,
            0,
            "minimal",
            extra={"difficulty": "Not difficult at all"},
            taken_at="2026-01-04T09:00:00+00:00",
            uid="c-last",
        )
        store.record_safety_event("phq9 item 9", "checkin", "answered 1", uid="s-1")
        store.set_research(True)
        store.record_research(
            [
                ResearchEvent(
                    at="2026-01-05T09:00:00+00:00",
                    kind=EventKind.PAGE_SHOWN,
                    module_id="welcome",
                    page_id="hello",
                    seconds=40,
                )
            ]
        )


def _columns(path: Path) -> list[tuple[str, str, bool]]:
    """(table, column, NULL allowed) for every column of every ecouch table."""
    conn = sqlite3.connect(path)
    try:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        found = []
        for table in tables:
            for _cid, name, _type, notnull, _default, pk in conn.execute(
                f"PRAGMA table_info({table})"
            ):
                found.append((table, name, not notnull and not pk))
        return found
    finally:
        conn.close()


def _garble(path: Path, table: str, column: str, garble: str) -> str | None:
    """Set the column of the table's chosen row; return the raw value as stored (quoted),
    or None when SQLite will not store that garble in that column."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        where = ROW[table]
        assert conn.execute(f"SELECT count(*) FROM {table} WHERE {where}").fetchone()[0] == 1
        rowid = conn.execute(f"SELECT rowid FROM {table} WHERE {where}").fetchone()[0]
        try:
            conn.execute(
                f"UPDATE {table} SET {column} = {GARBLES[garble]} WHERE rowid = ?", (rowid,)
            )
        except sqlite3.IntegrityError:
            return None  # SQLite itself refuses it (an INTEGER PRIMARY KEY holds integers)
        return _raw(conn, table, column, rowid)
    finally:
        conn.close()


def _raw(conn: sqlite3.Connection, table: str, column: str, rowid: int) -> str:
    return str(
        conn.execute(f"SELECT quote({column}) FROM {table} WHERE rowid = ?", (rowid,)).fetchone()[0]
    )


def _stored(path: Path, table: str, column: str, raw: str) -> bool:
    """Whether the garbled value is still there, exactly as it was written."""
    conn = sqlite3.connect(path)
    try:
        return any(
            value == raw for (value,) in conn.execute(f"SELECT quote({column}) FROM {table}")
        )
    finally:
        conn.close()


def _every_case(path: Path) -> Iterator[tuple[str, str, str]]:
    for table, column, nullable in _columns(path):
        for garble in GARBLES:
            if garble != "null" or nullable:
                yield table, column, garble


@pytest.fixture
def garbled_store(tmp_path: Path, clock: FixedClock) -> Path:
    data_dir = tmp_path / "data"
    _fill(data_dir / "ecouch.sqlite3", clock)
    return data_dir


def _cli(data_dir: Path, *words: str, stdin: str = "") -> tuple[int, str]:
    """One command in this process, as the shell runs it: exit code and all it printed."""
    import contextlib

    out, err = io.StringIO(), io.StringIO()
    # The bundled course: it has the check-in questionnaires (the fixture course has none).
    argv = ["--modules", str(bundled_modules_dir()), words[0], "--data-dir", str(data_dir)]
    argv += words[1:]
    with (
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
        pytest.MonkeyPatch.context() as patch,
    ):
        patch.setattr("sys.stdin", io.StringIO(stdin))
        patch.setenv("ECOUCH_TODAY", TODAY.isoformat())
        # `export` writes JSON to the binary buffer: give stdout one.
        buffer = io.BytesIO()
        patch.setattr(out, "buffer", buffer, raising=False)
        code = main(argv)
    return code, out.getvalue() + buffer.getvalue().decode("utf-8", "replace") + err.getvalue()


def run_commands(data_dir: Path, tmp_path: Path) -> str:
    """Every shell command that reads the store; each must end in a handled exit code."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    printed = []
    for words, stdin in (
        (("status",), ""),
        (("mood",), ""),
        (("export",), ""),
        (("export", "-o", str(tmp_path / "export.json")), ""),
        (("export", "--format", "csv", "-o", str(tmp_path / "csv")), ""),
        (("report", "-o", str(tmp_path / "report.html")), ""),
        (("checkin",), "0\n" * 9 + "1\n"),
        (("research", "summary"), ""),
        (("research", "export", "--yes", "-o", str(tmp_path / "research.json")), ""),
    ):
        try:
            code, text = _cli(data_dir, *words, stdin=stdin)
        except Exception as exc:  # name the command that failed, then fail
            raise AssertionError(f"ecouch {words[0]}: {type(exc).__name__}: {exc}") from exc
        assert "Traceback" not in text, (words, text)
        assert code in (0, 1, 2), (words, code, text)
        printed.append(text)
    # The export read back into a new store: refused with a reason, or imported.
    code, text = _cli(tmp_path / "imported", "import", str(tmp_path / "export.json"))
    assert "Traceback" not in text and code in (0, 1, 2), text
    return "\n".join(printed)


async def run_screens(data_dir: Path, clock: FixedClock) -> str:
    """Home, the mood chart, the Workbook, the check-in history and the page with the
    reflection: each opened and read the way a user would; what they showed, joined."""
    from textual.screen import ModalScreen

    from ecouch_tui.ui.app import EcouchApp
    from ecouch_tui.ui.screens.home import HomeScreen

    app = EcouchApp(SessionConfig(data_dir=data_dir, modules_dir=FIXTURE_COURSE, clock=clock))
    shown: list[str] = []
    where = "starting the app (home)"
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            shown.append(screen_text(app))
            if isinstance(app.screen, HomeScreen):
                for key in ("g", "w", "h", "m"):
                    where = f"key {key} from home"
                    await pilot.press(key)
                    await pilot.pause()
                    shown.append(screen_text(app))
                    await pilot.press("escape")
                    await pilot.pause()
                    if not isinstance(app.screen, HomeScreen | ModalScreen):
                        break
                where = "the module page with the reflection"
                app.open_week(1, page_index=3)
                await pilot.pause()
                shown.append(screen_text(app))
    except Exception as exc:  # name the screen that failed, then fail
        raise AssertionError(f"app, {where}: {type(exc).__name__}: {exc}") from exc
    return "\n".join(shown)


#: What opening a page writes, as it should: where the user now is (`visit_page`). A new
#: value the user's own move makes, not a read "repairing" the old one.
MOVED: set[tuple[str, str]] = {
    ("module_progress", "current_page_id"),
    ("module_progress", "updated_at"),
}


def _kept(table: str, column: str, data_dir: Path, raw: str) -> None:
    assert _stored(data_dir / "ecouch.sqlite3", table, column, raw), (
        f"{table}.{column} = {raw} was overwritten"
    )


def _check(table: str, column: str, garble: str, data_dir: Path, raw: str, said: str) -> None:
    if (table, column) not in MOVED:
        _kept(table, column, data_dir, raw)
    phrase = SAYS_UNREADABLE.get((table, column, garble))
    if phrase is not None:
        assert phrase in said, f"{table}.{column} garbled is not shown as {phrase!r}"


def test_the_sweep_covers_every_table(tmp_path: Path, clock: FixedClock) -> None:
    """Every table of the schema has a row to garble, so no table is silently skipped."""
    _fill(tmp_path / "ecouch.sqlite3", clock)
    tables = {table for table, _, _ in _columns(tmp_path / "ecouch.sqlite3")}
    assert tables == set(ROW), "a new table needs a row to garble in ROW (and in _fill)"
    assert {case for case in QUICK} <= set(_every_case(tmp_path / "ecouch.sqlite3"))


@pytest.mark.parametrize(("table", "column", "garble"), QUICK)
async def test_a_garbled_value_is_shown_unreadable_and_kept(
    table: str, column: str, garble: str, garbled_store: Path, tmp_path: Path, clock: FixedClock
) -> None:
    raw = _garble(garbled_store / "ecouch.sqlite3", table, column, garble)
    assert raw is not None
    said = run_commands(garbled_store, tmp_path)
    _kept(table, column, garbled_store, raw)
    said += await run_screens(garbled_store, clock)
    _check(table, column, garble, garbled_store, raw, said)


@pytest.mark.slow
@pytest.mark.parametrize("garble", list(GARBLES))
@pytest.mark.parametrize("table", list(ROW))
async def test_every_column_garbled_every_way(
    table: str, garble: str, tmp_path: Path, clock: FixedClock
) -> None:
    """The whole sweep: each column of the table, garbled this way, on a fresh store (a
    test per table and garble, so the runners share the work)."""
    probe = tmp_path / "probe"
    _fill(probe / "ecouch.sqlite3", clock)
    cases = [c for c in _every_case(probe / "ecouch.sqlite3") if c[0] == table and c[2] == garble]
    failures: list[str] = []
    for n, (_, column, _) in enumerate(cases):
        data_dir = tmp_path / f"case-{n}"
        _fill(data_dir / "ecouch.sqlite3", clock)
        raw = _garble(data_dir / "ecouch.sqlite3", table, column, garble)
        if raw is None:
            continue
        try:
            said = run_commands(data_dir, tmp_path / f"out-{n}")
            _kept(table, column, data_dir, raw)
            if table not in WRITTEN_ONLY_BY_THE_APP:
                said += await run_screens(data_dir, clock)
            _check(table, column, garble, data_dir, raw, said)
        except Exception as exc:  # collect them all, then report each
            failures.append(f"{table}.{column} ({garble}): {type(exc).__name__}: {exc}")
    assert not failures, "\n".join(failures)


#: Values in range of their column's type but not of the app's rules, as an older version
#: or a hand edit could leave them (issue 12): each once crashed a reader, or was counted
#: as another day. (table, column, SQL value, a phrase the readers must then print).
OUT_OF_RANGE: list[tuple[str, str, str, str]] = [
    ("enrolment", "started_on", "'9999-12-31'", "start date unreadable"),
    ("checkins", "taken_at", "'9999-12-31T23:59:59'", ""),
    ("checkins", "total", "28", "1 check-in could not be read"),  # PHQ-9's highest is 27
    ("checkins", "total", "-12345", ""),
    ("mood", "sleep_hours", "1e308", "unreadable"),
    ("mood", "sleep_hours", "-50", "unreadable"),
    # date.fromisoformat reads it as 2026-01-05, to sit beside the real one.
    ("mood", "day", "'20260105'", "1 day of mood could not be read"),
    ("entries", "created_at", "'9999-12-31T23:59:59'", ""),
    ("safety_events", "at", "'9999-12-31T23:59:59'", ""),
    ("module_progress", "completed_at", "'0001-01-01T00:00:00'", ""),
]


@pytest.mark.parametrize(
    ("table", "column", "value", "says"),
    [
        case
        if case[:2] in {("checkins", "total"), ("entries", "created_at")}
        else pytest.param(*case, marks=pytest.mark.slow)
        for case in OUT_OF_RANGE
    ],
)
async def test_a_value_outside_the_rules_is_left_out_or_shown_unreadable_and_kept(
    table: str,
    column: str,
    value: str,
    says: str,
    garbled_store: Path,
    tmp_path: Path,
    clock: FixedClock,
) -> None:
    """Every command and main screen works, the row is left out or said to be
    unreadable, the rest is shown, and the value stays as stored."""
    path = garbled_store / "ecouch.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        rowid = conn.execute(f"SELECT rowid FROM {table} WHERE {ROW[table]}").fetchone()[0]
        conn.execute(f"UPDATE {table} SET {column} = {value} WHERE rowid = ?", (rowid,))
        raw = _raw(conn, table, column, rowid)
    finally:
        conn.close()
    said = run_commands(garbled_store, tmp_path / "out")
    said += await run_screens(garbled_store, clock)
    _kept(table, column, garbled_store, raw)
    assert says in said
    # The rest is intact: yesterday's mood, the reflection, the other check-ins (the
    # one before, and the one `run_commands` took).
    assert "latest 4 yesterday" in said or "latest 6 today" in said
    assert "To sleep better" in said
    assert f"PHQ-9 · {2 if table == 'checkins' else 3} check-ins" in said
