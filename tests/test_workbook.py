"""The Workbook: every entry by week and day, searchable, reopened to read and edit.

Entries are seeded through the Store API (as if written over three weeks, then the
app restarted), and the Workbook is driven with the keyboard. Kinds whose widgets are
still being built are covered by the pure listing tests at the end.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import msgspec
import pytest
from helpers import enrol, screen_text, squash
from textual.widgets import Input, TextArea

from ecouch_tui.clock import FixedClock
from ecouch_tui.content.blocks import data_types, entry_uid
from ecouch_tui.content.loader import LoadedCourse, load_course
from ecouch_tui.course.workbook import Opens, course_week, search, workbook_items
from ecouch_tui.session import SessionConfig
from ecouch_tui.store.db import Store
from ecouch_tui.store.records import Entry, MoodEntry
from ecouch_tui.ui.app import EcouchApp
from ecouch_tui.ui.screens.home import HomeScreen
from ecouch_tui.ui.screens.mood_entry import MoodEntryScreen
from ecouch_tui.ui.screens.workbook import WorkbookScreen
from ecouch_tui.ui.screens.workbook_entry import WorkbookEntryScreen

SIZES = [(80, 24), (120, 40)]
HOPES = "I would like to sleep better and see my friends on weekends again"

#: A small course of our own, so these tests do not follow edits to the bundled one.
MANIFEST = """\
title: Workbook test course
unlock: open
modules: [01-start.yaml, 02-moving.yaml]
"""
START_MODULE = """\
id: start
week: 1
title: Getting started
summary: How the course works.
pages:
  - id: check
    title: A quick check
    blocks:
      - type: quiz
        id: basics
        questions:
          - id: pace
            prompt: How often does a new module open?
            options:
              - {text: Every day, feedback: Not quite.}
              - {text: Once a week, correct: true, feedback: Right.}
          - id: data
            prompt: Where is what you write kept?
            options:
              - {text: On this computer, correct: true, feedback: Yes.}
              - {text: Online, feedback: No.}
  - id: your-hopes
    title: Your hopes
    blocks:
      - type: reflection
        id: hopes
        prompt: What would you like to be different in twelve weeks' time?
"""
MOVING_MODULE = """\
id: moving
week: 2
title: Moving for mood
summary: Moving more, a little at a time.
pages:
  - id: log
    title: Log what you did
    blocks:
      - type: activity_log
        id: moved
        prompt: Log anything you did today.
"""


def write_course(folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "course.yaml").write_text(MANIFEST)
    (folder / "01-start.yaml").write_text(START_MODULE)
    (folder / "02-moving.yaml").write_text(MOVING_MODULE)
    return folder


@pytest.fixture
def course(tmp_path: Path) -> LoadedCourse:
    loaded = load_course(write_course(tmp_path / "wb-course"))
    assert not loaded.all_problems() and len(loaded.modules) == 2
    return loaded


@pytest.fixture(autouse=True)
def _our_course(config: SessionConfig, tmp_path: Path) -> None:
    config.modules_dir = write_course(tmp_path / "wb-course")


def seed(config: SessionConfig, clock: FixedClock) -> None:
    """Three weeks of use: enrolled Mon 5 Jan, the app reopened on Tue 20 Jan."""
    enrol(config)

    def at(day: int, hour: int) -> None:
        clock.set(datetime(2026, 1, day, hour))

    with Store.open(config.store_path, clock) as store:
        at(5, 20)
        store.save_entry(
            module_id="start",
            page_id="check",
            block_id="basics",
            kind="quiz",
            data={"answers": {"pace": [1]}, "checked": ["pace"]},
            uid=entry_uid("quiz", "start", "check", "basics"),
        )
        at(5, 21)
        store.save_entry(
            module_id="start",
            page_id="your-hopes",
            block_id="hopes",
            kind="reflection",
            data={"text": HOPES},
            uid=entry_uid("reflection", "start", "your-hopes", "hopes"),
        )
        at(7, 18)
        store.save_entry(
            module_id="home",
            page_id="home",
            block_id="quick",
            kind="activity_log",
            data={"what": "Walk", "day": "2026-01-07", "achievement": 5, "enjoyment": 6},
            uid="walk",
        )
        at(8, 19)
        store.save_mood(date(2026, 1, 8), 6, note="The walk helped")
        store.save_mood(date(2026, 1, 9), 5)  # no note: not a Workbook entry
        at(13, 9)
        store.save_entry(
            module_id="start",
            page_id="your-hopes",
            block_id="old-question",
            kind="reflection",
            data={"text": "An answer to a question the course no longer asks"},
            uid=entry_uid("reflection", "start", "your-hopes", "old-question"),
        )
        at(19, 9)
        store.save_entry(
            module_id="moving",
            page_id="log",
            block_id="moved",
            kind="activity_log",
            data={"what": "Swim", "day": "2026-01-19", "achievement": 8, "enjoyment": 6},
            uid="swim",
        )
    clock.set(datetime(2026, 1, 20, 9))


async def open_workbook(app: EcouchApp, pilot) -> WorkbookScreen:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await pilot.press("w")
    await pilot.pause()
    assert isinstance(app.screen, WorkbookScreen)
    return app.screen


async def search_and_open(pilot, words: str) -> None:  # type: ignore[no-untyped-def]
    """Type in the search box, go down to the first match, open it."""
    await pilot.press(*words)
    await pilot.pause()
    await pilot.press("down", "enter")
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
async def test_entries_are_listed_by_week_and_day_newest_first(
    config: SessionConfig, clock: FixedClock, size: tuple[int, int]
) -> None:
    seed(config, clock)
    app = EcouchApp(config)
    async with app.run_test(size=size, notifications=True) as pilot:
        await open_workbook(app, pilot)
        text = squash(screen_text(app))
        assert "6 entries · Enter opens one to read or edit" in text
        week3 = text.index("Week 3 · 19 Jan – 25 Jan")
        week2 = text.index("Week 2 · 12 Jan – 18 Jan")
        week1 = text.index("Week 1 · 5 Jan – 11 Jan")
        assert week3 < week2 < week1
        assert week3 < text.index("Mon 19 Jan Activity Mon 19 Jan · Swim") < week2
        assert week2 < text.index("Tue 13 Jan Reflection An answer to a question") < week1
        assert week1 < text.index("Thu 8 Jan Mood note 6/10 · The walk helped")
        assert "Wed 7 Jan Activity Wed 07 Jan · Walk · achieved 5/1" in text
        # Two entries on one day: the day is written once, the later entry first.
        assert text.index("Mon 5 Jan Reflection I would like to sleep better") < text.index(
            "Quiz answers 1 of 2 answered"
        )
        assert "Fri 9 Jan" not in text  # a mood without a note is not an entry


async def test_search_narrows_the_list_as_you_type(
    config: SessionConfig, clock: FixedClock
) -> None:
    seed(config, clock)
    app = EcouchApp(config)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await open_workbook(app, pilot)
        box = screen.query_one("#wb-search", Input)
        # The list has focus; typing goes straight to the search box.
        await pilot.press(*"walk")
        await pilot.pause()
        assert box.value == "walk"
        text = squash(screen_text(app))
        assert "2 of 6 entries match “walk”" in text
        assert "The walk helped" in text and "Wed 07 Jan · Walk" in text
        assert "Swim" not in text and "Quiz answers" not in text
        # Every word must match, in any order, over the full text of each entry.
        await pilot.press(*" friends")
        await pilot.pause()
        assert "Nothing matches “walk friends”" in squash(screen_text(app))
        box.value = "weekends sleep"
        await pilot.pause()
        text = squash(screen_text(app))
        assert "1 of 6 entries match" in text and "Reflection I would like to sleep" in text
        # Escape clears the search, then leaves.
        await pilot.press("escape")
        await pilot.pause()
        assert box.value == "" and "6 entries" in squash(screen_text(app))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


@pytest.mark.slow
async def test_open_a_reflection_edit_it_and_come_back(
    config: SessionConfig, clock: FixedClock
) -> None:
    seed(config, clock)
    app = EcouchApp(config)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_workbook(app, pilot)
        await search_and_open(pilot, "weekends")
        assert isinstance(app.screen, WorkbookEntryScreen)
        text = squash(screen_text(app))
        assert "Reflection · written Mon 5 Jan 2026" in text
        assert "Week 1 · Getting started · Your hopes" in text
        assert "What would you like to be different in twelve weeks' time?" in text
        area = app.screen.query_one(TextArea)
        assert area.text == HOPES and app.focused is area
        await pilot.press("end", *", and to laugh more")
        await pilot.press("escape")  # at once: the edit is saved, not lost
        await pilot.pause()
        assert isinstance(app.screen, WorkbookScreen)
        await pilot.press("escape")  # clear the search
        await pilot.pause()
        text = squash(screen_text(app))
        assert "Reflection I would like to sleep better" in text
        await pilot.press(*"laugh")
        await pilot.pause()
        assert "1 of 6 entries match “laugh”" in squash(screen_text(app))
    with Store.open(config.store_path, clock) as store:
        entry = store.entry(entry_uid("reflection", "start", "your-hopes", "hopes"))
        assert entry is not None and entry.as_dict() == {"text": HOPES + ", and to laugh more"}


async def test_open_an_activity_from_home_in_its_own_form(
    config: SessionConfig, clock: FixedClock
) -> None:
    seed(config, clock)
    app = EcouchApp(config)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_workbook(app, pilot)
        await search_and_open(pilot, "achieved 5")
        assert isinstance(app.screen, WorkbookEntryScreen)
        text = squash(screen_text(app))
        assert "Activity · written Wed 7 Jan 2026 Added from home" in text
        what = app.screen.query_one("#what", Input)
        assert what.value == "Walk" and app.focused is what
        await pilot.press("end", *" in the park")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WorkbookScreen)
        text = squash(screen_text(app))
        assert "1 of 6 entries match “achieved 5”" in text  # the search is kept
        assert "Wed 07 Jan · Walk in the park · achi" in text
    with Store.open(config.store_path, clock) as store:
        entry = store.entry("walk")
        assert entry is not None and entry.module_id == "home"
        assert entry.as_dict()["what"] == "Walk in the park"


@pytest.mark.slow
async def test_an_activity_from_a_module_opens_in_its_block(
    config: SessionConfig, clock: FixedClock
) -> None:
    seed(config, clock)
    app = EcouchApp(config)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await open_workbook(app, pilot)
        await search_and_open(pilot, "swim")
        assert isinstance(app.screen, WorkbookEntryScreen)
        text = squash(screen_text(app))
        assert "Week 2 · Moving for mood · Log what you did" in text
        assert "Achieved and enjoyed" in text  # the block's own widget, with its diary
        assert app.screen.query_one("#what", Input).value == "Swim"
        await pilot.press("end", *"ming")
        await pilot.press("escape")
        await pilot.pause()
        assert "Mon 19 Jan · Swimming" in squash(screen_text(app))


@pytest.mark.slow
async def test_a_mood_note_opens_the_mood_editor_on_its_day(
    config: SessionConfig, clock: FixedClock
) -> None:
    seed(config, clock)
    app = EcouchApp(config)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_workbook(app, pilot)
        await search_and_open(pilot, "helped")
        assert isinstance(app.screen, MoodEntryScreen)
        assert app.screen.day == date(2026, 1, 8)
        assert "Thursday 8 January" in screen_text(app)
        note = app.screen.query_one("#note", Input)
        assert note.value == "The walk helped"
        note.focus()
        await pilot.press("end", *" a lot")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WorkbookScreen)
        assert "6/10 · The walk helped a lot" in squash(screen_text(app))


@pytest.mark.slow
@pytest.mark.parametrize("size", SIZES)
async def test_an_entry_whose_exercise_was_removed_is_read_only_with_a_reason(
    config: SessionConfig, clock: FixedClock, size: tuple[int, int]
) -> None:
    seed(config, clock)
    app = EcouchApp(config)
    async with app.run_test(size=size, notifications=True) as pilot:
        await open_workbook(app, pilot)
        await search_and_open(pilot, "no longer asks")
        assert isinstance(app.screen, WorkbookEntryScreen)
        text = squash(screen_text(app))
        assert "Week 1 · Getting started · an exercise no longer in the course" in text
        note = squash(str(app.screen.query_one("#wbe-note").render()))
        assert note.startswith("The exercise this entry was written in is no longer in")
        assert "cannot be edited here, but it is kept, and it is in your export." in note
        assert "The exercise this entry" in text
        assert "What you wrote An answer to a question the course no longer asks" in text
        assert not app.screen.query(TextArea) and not app.screen.query(Input)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WorkbookScreen)


@pytest.mark.parametrize("size", SIZES)
async def test_an_empty_workbook_says_what_will_appear(
    config: SessionConfig, size: tuple[int, int]
) -> None:
    enrol(config)
    app = EcouchApp(config)
    async with app.run_test(size=size, notifications=True) as pilot:
        screen = await open_workbook(app, pilot)
        text = squash(screen_text(app))
        assert "Nothing here yet." in text
        assert "exercises, reflections and quiz answers" in text
        assert "newest first" in text
        assert not screen.query_one("#wb-list").display
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


# -- the listing itself, for every kind ---------------------------------------------------------


def entry(kind: str, data: object, *, module: str = "start", block: str = "x", when: str = "2026-01-06T10:00:00+00:00") -> Entry:  # fmt: skip
    return Entry(
        uid=f"{kind}-{block}",
        module_id=module,
        page_id="p",
        block_id=block,
        kind=kind,
        data=msgspec.json.encode(data).decode(),
        created_at=when,
        updated_at=when,
    )


def test_every_kind_is_listed_with_words_and_a_summary(course: LoadedCourse) -> None:
    entries = [entry(kind, shape(), module="home") for kind, shape in data_types().items()]
    entries.append(entry("something_new", {"what": "a future kind"}, module="home"))
    items = workbook_items(course, entries, [], date(2026, 1, 5))
    assert len(items) == len(data_types()) + 1
    for item in items:
        assert item.kind_words and not item.kind_words.islower()
        assert item.summary, item.kind
        assert item.week == 1 and item.day == date(2026, 1, 6)
    new = next(i for i in items if i.kind == "something_new")
    assert new.kind_words == "Something new" and new.opens == Opens.READ_ONLY
    assert "a future kind" in new.summary


def test_quiz_summary_counts_answers_against_the_quiz(course: LoadedCourse) -> None:
    quiz = entry("quiz", {"answers": {"pace": [1], "data": []}}, block="basics")
    gone = entry("quiz", {"answers": {"a": [0], "b": [1], "c": [2]}}, block="gone")
    items = {i.block_id: i for i in workbook_items(course, [quiz, gone], [], date(2026, 1, 5))}
    assert items["basics"].summary == "1 of 2 answered"
    assert items["basics"].opens == Opens.BLOCK
    assert ("How often does a new module open?", "✓ Once a week") in items["basics"].sections
    assert items["gone"].summary == "3 answered" and items["gone"].opens == Opens.READ_ONLY


def test_weeks_days_and_search(course: LoadedCourse) -> None:
    started = date(2026, 1, 5)
    assert [course_week(date(2026, 1, d), started) for d in (4, 5, 11, 12, 19)] == [0, 1, 1, 2, 3]
    moods = [
        MoodEntry(day=date(2026, 1, 2), score=4, note="Before I began", created_at="x"),
        MoodEntry(day=date(2026, 1, 6), score=2, note="", created_at="y"),
    ]
    long = entry("reflection", {"text": "word " * 40}, block="hopes")
    items = workbook_items(course, [long], moods, started)
    assert [i.week for i in items] == [1, 0]  # newest first; before the course is week 0
    assert items[0].summary.endswith("…") and len(items[0].summary) <= 60
    assert search(items, "BEGAN before") == [items[1]]
    assert search(items, "  ") == items


def test_the_listing_and_the_export_import_no_textual() -> None:
    """Both are usable by shell commands (`ecouch report` may list entries too)."""
    import subprocess
    import sys

    code = (
        "import sys, ecouch_tui.course.workbook, ecouch_tui.store.export\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert out.stdout.strip() == "[]"
