"""The opt-in research log (issue 15): the store, the shell commands and the app.

Store tests use a real SQLite file in tmp_path; the commands run in-process through
`cli.main` (and once as a shell runs them); the app is driven with keys on a fixed
clock. The rules themselves (`course/research.py`) are in test_research_rules.py.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import stat
from datetime import date
from pathlib import Path

import pytest
from helpers import enrol, palette, past_autosave, run_ecouch, screen_text, seen, squash
from textual.widgets import Input, TextArea

from ecouch_tui.cli import main
from ecouch_tui.clock import FixedClock
from ecouch_tui.course.checkin_text import NOTICE_SEEN
from ecouch_tui.session import SessionConfig
from ecouch_tui.store.db import Store
from ecouch_tui.store.errors import StoreError
from ecouch_tui.store.records import EventKind, ResearchEvent
from ecouch_tui.ui.app import EcouchApp
from ecouch_tui.ui.screens.checkin import CheckinScreen
from ecouch_tui.ui.screens.home import HomeScreen
from ecouch_tui.ui.screens.player import PlayerScreen
from ecouch_tui.ui.screens.research import ResearchConsentScreen

SIZE = (80, 24)
AT = "2026-01-05T09:00:00+00:00"


def event(kind: EventKind, **values: str | int | None) -> ResearchEvent:
    return ResearchEvent(at=AT, kind=kind, **values)  # type: ignore[arg-type]


def raw_log(path: Path) -> str:
    """Every value of every row of the log, as text (what a reader of the file sees)."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT * FROM research_events").fetchall()
    finally:
        conn.close()
    return "\n".join(" ".join(str(v) for v in row) for row in rows)


def research_on(config: SessionConfig) -> None:
    with Store.open(config.store_path, config.clock) as store:
        store.set_research(True)


def asking(config: SessionConfig) -> SessionConfig:
    config.research_prompt = True  # as the command line's sessions are
    return config


# -- the store -----------------------------------------------------------------------------


def test_off_by_default_and_nothing_is_written_while_off(store: Store) -> None:
    assert store.research_consent() is None and not store.research_on()
    assert store.record_research([event(EventKind.SESSION_START, item="app")]) == 0
    store.set_research(False)
    assert store.research_consent() == "off"
    assert store.record_research([event(EventKind.SESSION_START, item="app")]) == 0
    assert store.research_events() == []


def test_a_batch_lands_in_one_go_and_reads_back(store: Store) -> None:
    store.set_research(True)
    batch = [
        event(EventKind.SESSION_START, item="app"),
        event(EventKind.PAGE_SHOWN, module_id="welcome", page_id="hello", seconds=42),
        event(EventKind.CHECKIN_DONE, item="phq9", total=7),
    ]
    assert store.record_research(batch) == 3
    assert store.research_events() == batch
    assert store.research_count() == 3


def test_anything_but_ids_numbers_and_times_is_refused(store: Store) -> None:
    store.set_research(True)
    bad = [
        event(EventKind.EXERCISE_SAVED, item="I felt awful today"),
        event(EventKind.PAGE_SHOWN, module_id="Welcome", page_id="hello"),
        event(EventKind.PAGE_SHOWN, seconds=-1),
        ResearchEvent(at="yesterday", kind=EventKind.SESSION_START),
    ]
    assert store.record_research(bad) == 0
    # The table itself holds to it, whatever code writes there.
    for sql in (
        "INSERT INTO research_events (at, kind, item) VALUES ('2026-01-05', 'page_shown', 'a b')",
        "INSERT INTO research_events (at, kind) VALUES ('2026-01-05', 'a note')",
        "INSERT INTO research_events (at, kind, total) VALUES ('2026-01-05', 'checkin_done', 'x')",
        "INSERT INTO research_events (at, kind) VALUES ('Monday morning', 'session_start')",
    ):
        with pytest.raises(sqlite3.IntegrityError):
            store.conn.execute(sql)


def test_forget_deletes_the_log_alone(store: Store) -> None:
    store.enrol("AU")
    store.set_research(True)
    store.save_mood(date(2026, 1, 5), 6, note="a quiet day")
    store.save_checkin("phq9", [1] * 9, 9, "mild")
    store.complete_module("welcome")
    store.record_research([event(EventKind.MOOD_LOGGED, item="app")] * 3)
    assert store.forget_research() == 3
    assert store.research_events() == []
    mood = store.mood(date(2026, 1, 5))
    assert mood is not None and mood.note == "a quiet day"
    assert len(store.checkins("phq9")) == 1
    assert store.progress()["welcome"].done
    assert store.research_on()  # forgetting is not switching off


# -- the shell commands --------------------------------------------------------------------


def cli(data_dir: Path, *words: str) -> int:
    return main(["research", *words, "--data-dir", str(data_dir)])


def test_export_with_the_log_off_and_empty_writes_nothing(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], clock: FixedClock
) -> None:
    Store.open(data_dir / "ecouch.sqlite3", clock).close()
    target = tmp_path / "log.json"
    assert cli(data_dir, "export", "-o", str(target), "--yes") == 0
    assert "off and holds nothing" in capsys.readouterr().out
    assert not target.exists()


def test_on_log_export_summary_and_forget_from_the_shell(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(data_dir, "on") == 0
    assert main(["mood", "7", "--note", "zebraquartz", "--data-dir", str(data_dir)]) == 0
    assert main(["mood", "--data-dir", str(data_dir)]) == 0
    capsys.readouterr()
    target = tmp_path / "log.json"
    assert cli(data_dir, "export", "-o", str(target), "--yes") == 0
    said = capsys.readouterr().err
    assert "2 events, from" in said and "mood_logged  1" in said and "shell_used   1" in said
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    text = target.read_text(encoding="utf-8")
    assert "zebraquartz" not in text
    document = json.loads(text)
    assert document["format"] == "ecouch-research-log" and document["version"] == 1
    assert document["app"]["name"] == "ecouch" and document["app"]["version"]
    assert document["course"]["content_hash"].startswith("blake2b-160:")
    assert document["course"]["intended_use"].startswith("one module a week for 12 weeks")
    assert "logging" in document and document["logging"]["on"] is True
    assert [e["kind"] for e in document["events"]] == ["mood_logged", "shell_used"]
    assert [e["item"] for e in document["events"]] == ["shell", "mood"]

    csv_file = tmp_path / "log.csv"
    assert cli(data_dir, "export", "--format", "csv", "-o", str(csv_file), "--yes") == 0
    lines = csv_file.read_text(encoding="utf-8").splitlines()
    assert lines[0] == '# format: "ecouch-research-log"' and lines[1] == "# version: 1"
    assert "at,kind,module_id,page_id,item,seconds,total" in lines
    assert stat.S_IMODE(csv_file.stat().st_mode) == 0o600

    assert cli(data_dir, "summary") == 0
    summary = squash(capsys.readouterr().out)
    assert "Research log (on):" in summary and "mood log weekly 1 day, 1/week" in summary

    assert cli(data_dir, "forget", "--yes") == 0
    assert "Deleted the research log (2 events)" in capsys.readouterr().out
    with Store.open(data_dir / "ecouch.sqlite3", FixedClock(date(2026, 1, 5))) as store:
        assert store.research_events() == []
        assert len(store.moods()) == 1  # the mood itself stays

    assert cli(data_dir, "off") == 0
    assert main(["mood", "5", "--data-dir", str(data_dir)]) == 0
    with Store.open(data_dir / "ecouch.sqlite3", FixedClock(date(2026, 1, 5))) as store:
        assert store.research_events() == []  # off: nothing more


def test_export_and_forget_refuse_without_a_terminal_or_yes(data_dir: Path) -> None:
    with Store.open(data_dir / "ecouch.sqlite3", FixedClock(date(2026, 1, 5))) as store:
        store.set_research(True)
        store.record_research([event(EventKind.SESSION_START, item="app")])
    target = data_dir.parent / "log.json"
    done = run_ecouch("research", "export", "-o", str(target), "--data-dir", str(data_dir))
    assert done.returncode == 1
    assert "1 event, from 2026-01-05 to 2026-01-05" in done.stderr
    assert "add --yes" in done.stderr and "Nothing was written" in done.stderr
    assert not target.exists()
    done = run_ecouch("research", "forget", "--data-dir", str(data_dir), stdin="y\n")
    assert done.returncode == 1 and "Nothing was deleted" in done.stderr


def test_a_broken_log_never_stops_a_mood_from_the_shell(data_dir: Path, clock: FixedClock) -> None:
    with Store.open(data_dir / "ecouch.sqlite3", clock) as store:
        store.set_research(True)
        break_log(store)
    done = run_ecouch("mood", "6", "--data-dir", str(data_dir))
    assert done.returncode == 0 and done.stderr == ""
    with Store.open(data_dir / "ecouch.sqlite3", clock) as store:
        assert [m.score for m in store.moods()] == [6]


def break_log(store: Store) -> None:
    """Every write to the log fails from now on (the course's tables are as they were)."""
    store.conn.execute(
        "CREATE TRIGGER research_broken BEFORE INSERT ON research_events"
        " BEGIN SELECT RAISE(ABORT, 'the research log is broken'); END"
    )


# -- the app: the one question -------------------------------------------------------------


async def test_asked_once_after_week_one_never_before(
    config: SessionConfig, clock: FixedClock
) -> None:
    enrol(config)
    asking(config)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)  # day 1: not yet
    clock.advance(days=7)  # a week on, week 1 not even finished: now
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResearchConsentScreen)
        shown = seen(app)
        assert "It never records anything you type" in shown
        assert "stays with your ecouch data on this computer. Nothing is sent" in shown
        assert "ecouch research off" in shown
        await pilot.press("escape")  # No thanks
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    with Store.open(config.store_path, clock) as store:
        assert store.research_consent() == "off"
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)  # never again


async def test_asked_on_home_when_week_one_is_finished(config: SessionConfig) -> None:
    enrol(config)
    asking(config)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(1, page_index=3)
        await pilot.pause()
        await pilot.press("n")  # Finish
        await pilot.pause()
        assert isinstance(app.screen, ResearchConsentScreen)
        app.screen.query_one("#research-yes").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.use_log.on
    with Store.open(config.store_path, config.clock) as store:
        assert store.research_consent() == "on"


async def test_never_asked_during_a_check_in(config: SessionConfig, clock: FixedClock) -> None:
    enrol(config)
    asking(config)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("k")
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)
        clock.advance(days=8)  # week 1 is over while the check-in is open
        await pilot.press("f1")  # a screen over the check-in, and back to it
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)
        assert not any(isinstance(s, ResearchConsentScreen) for s in app.screen_stack)
        await pilot.press("escape")  # leave (at its notice): home, and only now the question
        await pilot.pause()
        assert isinstance(app.screen, ResearchConsentScreen)


async def test_the_demo_and_hand_built_sessions_never_ask(
    config: SessionConfig, clock: FixedClock
) -> None:
    enrol(config)
    clock.advance(days=30)
    app = EcouchApp(config)  # research_prompt is off unless the command line sets it
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


# -- the app: on from the palette, and what it records -------------------------------------


async def test_switched_on_from_the_palette_and_off_again(config: SessionConfig) -> None:
    enrol(config)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await palette(pilot, "Research log")
        assert "now off" in squash(screen_text(app))
        await pilot.press("enter")
        await pilot.pause()
        assert app.use_log.on
        assert "Research log on" in squash(screen_text(app))
    with Store.open(config.store_path, config.clock) as store:
        assert store.research_consent() == "on"
        kinds = [e.kind for e in store.research_events()]
        assert kinds[0] == EventKind.SESSION_START and kinds[-1] == EventKind.SESSION_END
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert app.use_log.on  # remembered
        await palette(pilot, "Research log")
        await pilot.press("enter")
        await pilot.pause()
        assert not app.use_log.on
    with Store.open(config.store_path, config.clock) as store:
        assert store.research_consent() == "off"


async def flushed(app: EcouchApp) -> None:
    future = app.use_log.flush()
    if future is not None:
        await asyncio.wrap_future(future)


async def test_a_walk_of_pages_records_pages_and_time_spent(
    config: SessionConfig, clock: FixedClock
) -> None:
    enrol(config)
    research_on(config)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        clock.advance(seconds=5)
        await pilot.press("enter")  # Continue: week 1, page 1
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)
        clock.advance(seconds=30)
        await pilot.press("n")
        await pilot.pause()
        clock.advance(seconds=45)
        await pilot.press("n")
        await pilot.pause()
        clock.advance(seconds=20)
        await pilot.press("escape")  # home
        await pilot.pause()
        await flushed(app)
        with Store.open(config.store_path, clock) as store:
            events = store.research_events()
    pages = [(e.module_id, e.page_id, e.seconds) for e in events if e.kind == "page_shown"]
    assert pages == [
        ("welcome", "hello", 30),
        ("welcome", "how-it-works", 45),
        ("welcome", "check", 20),
    ]
    screens = [(e.item, e.seconds) for e in events if e.kind == "screen_shown"]
    assert ("home", 5) in screens and ("player", 95) in screens
    assert events[0].kind == EventKind.SESSION_START


async def test_finishing_a_week_an_exercise_a_mood_and_a_check_in_are_recorded(
    config: SessionConfig,
) -> None:
    enrol(config)
    research_on(config)
    with Store.open(config.store_path, config.clock) as store:
        store.set_setting(NOTICE_SEEN, True)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(1, page_index=3)
        await pilot.pause()
        await pilot.press("tab", *"gallopingmarmot")
        await past_autosave(pilot)
        await pilot.press("space", *"again")
        await past_autosave(pilot)
        app.set_focus(None)
        await pilot.press("n")  # Finish
        await pilot.pause()
        await pilot.press("m", "6")  # today's mood
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("k")
        await pilot.pause()
        for digit in "0112000001":
            await pilot.press(digit)
            await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    with Store.open(config.store_path, config.clock) as store:
        events = store.research_events()
    saved = [e.item for e in events if e.kind == EventKind.EXERCISE_SAVED]
    assert saved == ["reflection"]  # once an entry a session, not at each autosave
    assert [e.module_id for e in events if e.kind == EventKind.MODULE_FINISHED] == ["welcome"]
    (checkin,) = [e for e in events if e.kind == EventKind.CHECKIN_DONE]
    assert (checkin.item, checkin.total) == ("phq9", 4)
    assert [e.item for e in events if e.kind == EventKind.MOOD_LOGGED] == ["app"]
    assert "gallopingmarmot" not in raw_log(config.store_path)


# -- privacy: no free text reaches the log or the export -----------------------------------


@pytest.mark.slow
async def test_words_typed_in_every_box_never_reach_the_log_or_the_export(
    config: SessionConfig, course_dir: Path, tmp_path: Path
) -> None:
    config.modules_dir = course_dir
    config.policy = "open"
    enrol(config)
    research_on(config)
    words: list[str] = []

    def unique() -> str:
        words.append(f"uniqueword{len(words):03d}x")
        return words[-1]

    app = EcouchApp(config)
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await pilot.pause()
        for week in (1, 2, 3):
            module = app.session.course.entry_for_week(week)
            assert module is not None and module.module is not None
            for index in range(len(module.module.pages)):
                app.open_week(week, page_index=index)
                await pilot.pause()
                for box in list(app.screen.query(TextArea)) + list(app.screen.query(Input)):
                    if box.disabled or not box.display:
                        continue
                    box.focus()
                    await pilot.pause()
                    await pilot.press(*unique())
                    await past_autosave(pilot)
                app.action_home()
                await pilot.pause()
        for open_screen in (app.action_safety_plan, app.action_log_activity):
            open_screen()  # the boxes outside the course pages
            await pilot.pause()
            for box in list(app.screen.query(TextArea)) + list(app.screen.query(Input)):
                if box.disabled or not box.display:
                    continue
                box.focus()
                await pilot.pause()
                await pilot.press(*unique())
                await past_autosave(pilot)
            app.action_home()
            await pilot.pause()
        await pilot.press("m")  # the mood note too
        await pilot.pause()
        await pilot.press("6")
        for box in app.screen.query(Input):
            box.focus()
            await pilot.press(*unique())
            await past_autosave(pilot)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert len(words) >= 4
    with Store.open(config.store_path, config.clock) as store:
        # Through the Store API too: a check-in's extra words, a safety note.
        store.save_checkin("phq9", [0] * 9, 0, "minimal", extra={"note": unique()})
        assert store.research_count() > 0
    log = raw_log(config.store_path)
    target = tmp_path / "export.json"
    assert cli(config.data_dir, "export", "-o", str(target), "--yes") == 0
    exported = target.read_text(encoding="utf-8")
    stored_text = config.store_path.read_bytes()
    assert any(w.encode() in stored_text for w in words[:2]), "the words were saved, as course data"
    for word in words:
        assert word not in log and word not in exported


# -- a broken log never costs a course save -----------------------------------------------


async def test_a_broken_log_loses_no_course_save_and_shows_no_error(
    config: SessionConfig,
) -> None:
    enrol(config)
    with Store.open(config.store_path, config.clock) as store:
        store.set_research(True)
        break_log(store)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(1, page_index=3)
        await pilot.pause()
        assert app.use_log.flush() is not None  # the session's start: refused
        await pilot.press("tab", *"still here")
        await past_autosave(pilot)
        future = app.use_log.flush()
        assert future is not None
        with pytest.raises(StoreError):
            await asyncio.wrap_future(future)
        await pilot.press("space", *"and more")
        await past_autosave(pilot)
        assert "Saved" in screen_text(app)
        assert "Not saved" not in screen_text(app)
        assert app.use_log.failures >= 2
    with Store.open(config.store_path, config.clock) as store:
        (entry,) = store.entries(kind="reflection")
        assert entry.as_dict() == {"text": "still here and more"}
        assert store.research_events() == []


# -- a scripted walk, summed up by hand ----------------------------------------------------


@pytest.mark.slow
async def test_a_scripted_walk_matches_its_summary_worked_by_hand(
    config: SessionConfig, clock: FixedClock, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    enrol(config)
    research_on(config)
    app = EcouchApp(config)  # Monday 5 January, 09:00
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        clock.advance(seconds=10)
        await pilot.press("enter")  # Continue: week 1, page 1 of 4
        await pilot.pause()
        for _ in range(3):
            clock.advance(seconds=60)
            await pilot.press("n")
            await pilot.pause()
        await pilot.press("tab", *"hopes")  # the reflection on page 4
        await past_autosave(pilot)
        app.set_focus(None)
        clock.advance(seconds=30)
        await pilot.press("n")  # Finish: home
        await pilot.pause()
        await pilot.press("m", "6", "escape")
        await pilot.pause()
    clock.set(date(2026, 1, 12))  # a week later
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("m", "7", "escape")
        await pilot.pause()
        await pilot.press("k", "enter")  # the check-in, past its notice
        await pilot.pause()
        for digit in "0112000001":
            await pilot.press(digit)
            await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    assert cli(config.data_dir, "summary") == 0
    lines = [squash(line) for line in capsys.readouterr().out.splitlines()]
    # 5 to 12 January: 8 days, 8/7 weeks. One day of pages: 1 / (8/7) = 0.875 a week.
    assert lines[:7] == [
        "Research log (on):",
        "Logged from 2026-01-05 to 2026-01-12 (1.14 weeks)",
        "Modules completed: 1 (welcome)",
        "Sessions: 2",
        "Total time in sessions: 3 min (on course pages: 3 min)",  # 220 s; 60+60+60+30
        "Exercises saved, by kind: reflection 1",
        "Check-ins: phq9 1",
    ]
    assert "course pages weekly 1 day, 0.88/week" in lines
    assert "mood log weekly 2 days, 1.75/week" in lines
    assert "check-ins weekly 1 day, 0.88/week" in lines
    assert "exercise: reflection weekly 1 day, 0.88/week" in lines
    assert "exercise: quiz never 0 days, 0/week" in lines
    with Store.open(config.store_path, clock) as store:
        events = store.research_events()
    ends = [e.seconds for e in events if e.kind == EventKind.SESSION_END]
    assert ends == [220, 0]
    pages = [e.seconds for e in events if e.kind == EventKind.PAGE_SHOWN]
    assert pages == [60, 60, 60, 30]
    target = tmp_path / "walk.json"
    assert cli(config.data_dir, "export", "-o", str(target), "--yes") == 0
    document = json.loads(target.read_text(encoding="utf-8"))
    # The export, event by event, as the walk above made it (kind, what, seconds, total):
    # the first session's screens are home 10 s, the player 210 s (60+60+60+30), then
    # home, the mood window and home again with no time passing; the second session's
    # clock never moves.
    walk = [
        ("session_start", "app", None, None),
        ("screen_shown", "home", 10, None),
        ("page_shown", "welcome/hello", 60, None),
        ("page_shown", "welcome/how-it-works", 60, None),
        ("page_shown", "welcome/check", 60, None),
        ("exercise_saved", "reflection", None, None),
        ("module_finished", "welcome", None, None),
        ("page_shown", "welcome/your-hopes", 30, None),
        ("screen_shown", "player", 210, None),
        ("screen_shown", "home", 0, None),
        ("screen_shown", "mood_entry", 0, None),
        ("mood_logged", "app", None, None),
        ("screen_shown", "home", 0, None),
        ("session_end", None, 220, None),
        ("session_start", "app", None, None),
        ("screen_shown", "home", 0, None),
        ("screen_shown", "mood_entry", 0, None),
        ("mood_logged", "app", None, None),
        ("screen_shown", "home", 0, None),
        ("screen_shown", "checkin", 0, None),
        ("checkin_done", "phq9", None, 4),  # 0+1+1+2+0+0+0+0+0
        ("screen_shown", "home", 0, None),
        ("session_end", None, 0, None),
    ]

    def what(e: dict[str, object]) -> object:
        if e["page_id"] is not None:
            return f"{e['module_id']}/{e['page_id']}"
        return e["item"] if e["item"] is not None else e["module_id"]

    assert [(e["kind"], what(e), e["seconds"], e["total"]) for e in document["events"]] == walk
    assert document["summary"] == {
        "events": 23,
        "first_day": "2026-01-05",
        "last_day": "2026-01-12",
        "by_kind": {
            "session_start": 2,
            "session_end": 2,
            "screen_shown": 10,
            "page_shown": 4,
            "module_finished": 1,
            "exercise_saved": 1,
            "checkin_done": 1,
            "mood_logged": 2,
        },
    }
    assert document["logging"]["on"] is True and document["course"]["content_hash"]


async def test_with_the_log_off_a_session_leaves_nothing_to_export(
    config: SessionConfig, clock: FixedClock, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    enrol(config)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # a few pages, a mood
        await pilot.pause()
        clock.advance(seconds=30)
        await pilot.press("n", "escape", "m", "6", "escape")
        await pilot.pause()
        assert not app.use_log.on
    with Store.open(config.store_path, clock) as store:
        assert store.research_count() == 0 and store.research_consent() is None
    target = tmp_path / "log.json"
    assert cli(config.data_dir, "export", "-o", str(target), "--yes") == 0
    assert "off and holds nothing" in capsys.readouterr().out
    assert not target.exists()


def test_intended_use_is_a_checked_manifest_key(
    course_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    manifest = course_dir / "course.yaml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text + "intended_use: one module a week\n", encoding="utf-8")
    assert main(["validate", str(course_dir)]) == 0
    manifest.write_text(text + 'intended_use: ""\n', encoding="utf-8")
    assert main(["validate", str(course_dir)]) == 1
    assert "course.yaml:" in capsys.readouterr().out


def test_a_check_in_at_the_prompt_is_logged_with_its_total(
    data_dir: Path, clock: FixedClock
) -> None:
    with Store.open(data_dir / "ecouch.sqlite3", clock) as store:
        store.set_research(True)
    done = run_ecouch("checkin", "--data-dir", str(data_dir), stdin="1\n" * 3 + "0\n" * 6 + "1\n")
    assert done.returncode == 0, done.stderr
    with Store.open(data_dir / "ecouch.sqlite3", clock) as store:
        (event,) = store.research_events()
    assert (event.kind, event.item, event.total) == (EventKind.CHECKIN_DONE, "phq9", 3)
