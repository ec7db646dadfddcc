"""Rumination to action: its model, and the real app filled in with the keyboard, found
again after a restart in its list and in the Workbook."""

from __future__ import annotations

import random
from datetime import date, datetime
from pathlib import Path

import msgspec
import pytest
from helpers import focus, saved_entries, screen_text, seen, squash

from ecouch_tui.cli import main
from ecouch_tui.clock import FixedClock
from ecouch_tui.commands.demo import make_demo
from ecouch_tui.content import blocks
from ecouch_tui.content.blocks.rumination import RuminationBlock, RuminationEntry
from ecouch_tui.content.schema import module_schema
from ecouch_tui.session import SessionConfig
from ecouch_tui.store.db import Store
from ecouch_tui.store.export import build_export, from_json, to_json
from ecouch_tui.store.importer import import_document
from ecouch_tui.ui.app import EcouchApp
from ecouch_tui.ui.blocks import form_class, view_class
from ecouch_tui.ui.blocks.rumination import RuminationForm, RuminationView
from ecouch_tui.ui.screens.workbook import WorkbookScreen
from ecouch_tui.ui.screens.workbook_entry import WorkbookEntryScreen

SIZE = (80, 24)
KIND = "rumination"
PAGE = 1  # the rumination page in week 1 of that course


def spell() -> RuminationEntry:
    return RuminationEntry(
        dwelling="The argument with Dad",
        trigger="In bed, about 11 pm",
        why_question="Why do I always mess things up?",
        how_question="How can I make the next call go better?",
        action="Text Dad to ask about his knee",
        action_when="Tomorrow after lunch",
        worry_time="6:30 pm",
        done=True,
    )


def spells(config: SessionConfig) -> list[RuminationEntry]:
    return saved_entries(config, KIND, RuminationEntry)


def form(app: EcouchApp) -> RuminationForm:
    return app.screen.query_one(RuminationForm)


# -- the model ---------------------------------------------------------------------------


def test_gaps_ask_for_a_how_question_and_a_next_step_with_a_when() -> None:
    assert RuminationEntry().gaps() == [
        (1, "say what you were dwelling on"),
        (2, 'write a "how" question'),
        (3, "choose one small next step"),
        (3, "say when you will do it"),
    ]
    still_why = msgspec.structs.replace(spell(), how_question="Why me?")
    assert still_why.missing() == ['turn the question into a "how" one (How can I …?)']
    assert still_why.resume_step() == 2
    # What set it off, the why question and worry time are optional.
    bare = msgspec.structs.replace(spell(), trigger="", why_question="", worry_time="")
    assert bare.missing() == [] and bare.resume_step() == 3


def test_summary_and_sections() -> None:
    assert spell().summary() == (
        "The argument with Dad · next: Text Dad to ask about his knee (Tomorrow after lunch)"
        " · parked for 6:30 pm"
    )
    draft = RuminationEntry(dwelling="Work", how_question="How can I start?")
    assert draft.summary() == "Work · How can I start? · draft"
    assert spell().text().splitlines() == [
        "What I was dwelling on: The argument with Dad",
        "What set it off: In bed, about 11 pm",
        "The why question: Why do I always mess things up?",
        "The how question: How can I make the next call go better?",
        "My next step: Text Dad to ask about his knee",
        "When: Tomorrow after lunch",
        "Parked for worry time at: 6:30 pm",
    ]


def test_it_is_a_block_type_of_the_kit_in_the_schema() -> None:
    assert KIND in blocks.kinds()
    assert blocks.kind_words(KIND) == "Rumination to action"
    assert blocks.entry_uid(KIND, "m", "p", "b") is None  # a log
    assert view_class(KIND) is RuminationView and form_class(KIND) is RuminationForm
    block = RuminationBlock(id="r")
    assert block.worry_time and block.worry_minutes == 20
    props = module_schema()["$defs"]["RuminationBlock"]["properties"]
    assert props["type"] == {"enum": [KIND]}
    assert (props["worry_minutes"]["minimum"], props["worry_minutes"]["maximum"]) == (15, 30)


def test_demo_entries_are_finished_spells_after_the_page_was_read() -> None:
    met = datetime(2026, 1, 10, 18, 0)
    made = list(RuminationBlock(id="r").demo_entries(met, random.Random(3)))
    assert len(made) == 2 and all(at > met and data.missing() == [] for at, data in made)
    quiet = RuminationBlock(id="r", worry_time=False)
    assert all(not d.worry_time for _, d in quiet.demo_entries(met, random.Random(3)))


# -- the app -----------------------------------------------------------------------------


async def test_fill_it_in_with_the_keyboard_then_find_it_after_a_restart(
    exercise_config: SessionConfig,
) -> None:
    app = EcouchApp(exercise_config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(1, page_index=PAGE)
        await pilot.pause()
        text = squash(screen_text(app))
        assert "●○○ Step 1 of 3 · Notice it" in text
        await pilot.press("tab", *"Going over the party", "tab", *"On the bus home")
        await pilot.press("alt+right")
        await pilot.pause()
        text = squash(screen_text(app))
        assert "Step 2 of 3 · From why to how" in text
        assert "On my mind: Going over the party" in text
        await pilot.press(*"Why am I so awkward?", "enter", *"How can I feel more at ease?")
        await pilot.press("enter")  # Enter in a line moves on: to the step bar
        await pilot.press("alt+right")
        await pilot.pause()
        text = squash(screen_text(app))
        assert "Step 3 of 3 · One next step" in text
        assert "How question: How can I feel more at ease?" in text
        assert "Worry time is 20 minutes" in text
        await pilot.press(*"Ask Sam to lunch", "tab", *"Thursday", "tab", *"6:30 pm")
        await focus(pilot, "#step-next")
        await pilot.press("enter")  # Done ✓
        await pilot.pause()
        text = squash(screen_text(app))
        assert "Finished ✓ · from dwelling to doing" in text
        assert "My next step: Ask Sam to lunch" in text
        assert "Parked for worry time at: 6:30 pm" in text
    (saved,) = spells(exercise_config)
    assert saved.done and saved.action_when == "Thursday" and saved.trigger == "On the bus home"

    app = EcouchApp(exercise_config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(1, page_index=PAGE)
        await pilot.pause()
        assert form(app).uid is None  # a new one is offered first
        await focus(pilot, "#entries")
        assert "Going over the party · next: Ask Sam to lunch" in squash(screen_text(app))
        await pilot.press("home", "down", "enter")
        await pilot.pause()
        assert form(app).uid is not None
        assert "My next step: Ask Sam to lunch" in squash(screen_text(app))
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, WorkbookScreen)
        text = squash(screen_text(app))
        assert "Rumination to" in text and "Going over the party" in text
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, WorkbookEntryScreen)
        text = squash(screen_text(app))
        assert "Rumination to action · written" in text
        assert "Finished ✓ · from dwelling to doing" in text


async def test_it_is_a_log_a_new_one_after_the_first(exercise_config: SessionConfig) -> None:
    with Store.open(exercise_config.store_path, exercise_config.clock) as store:
        store.save_entry(
            module_id="try-it", page_id="dwelling", block_id="why-to-how", kind=KIND, data=spell()
        )
    app = EcouchApp(exercise_config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(1, page_index=PAGE)
        await pilot.pause()
        await focus(pilot, "#entries")
        await pilot.press("home", "down", "enter")
        await pilot.pause()
        await focus(pilot, "#step-next")
        assert "＋ Something new on my mind" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert "Step 1 of 3 · Notice it" in squash(screen_text(app))
        await pilot.press(*"Money worries", "alt+right")
        await pilot.pause()
        await pilot.press(*"Why is it always me?", "tab", *"Why can't I fix it?")
        await pilot.pause()
        await pilot.press("alt+right", "alt+right")
        await pilot.pause()
        await focus(pilot, "#step-next")
        await pilot.press("enter")  # Done ✓ too soon
        await pilot.pause()
        text = seen(app)  # the message wraps: borders out
        assert 'Not finished yet. Still to do: step 2, turn the question into a "how" one' in text
        await pilot.press("ctrl+q")
    saved = spells(exercise_config)
    assert len(saved) == 2 and saved[0] == spell()
    assert saved[1].dwelling == "Money worries" and not saved[1].done


async def test_a_block_may_leave_worry_time_out(
    exercise_config: SessionConfig, exercise_course: Path
) -> None:
    module = exercise_course / "01-try-it.yaml"
    module.write_text(
        module.read_text().replace("worry_minutes: 20", "worry_time: false"), encoding="utf-8"
    )
    app = EcouchApp(exercise_config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(1, page_index=PAGE)
        await pilot.pause()
        await form(app).show_step(3)
        await pilot.pause()
        text = squash(screen_text(app))
        assert "When will you do it?" in text and "worry time" not in text
        assert not form(app).query("#worry-time")


async def test_it_fits_a_40_by_12_screen(exercise_config: SessionConfig) -> None:
    app = EcouchApp(exercise_config)
    async with app.run_test(size=(40, 12), notifications=True) as pilot:
        await pilot.pause()
        app.open_week(1, page_index=PAGE)
        await pilot.pause()
        await pilot.press("tab", *"Work", "alt+right", "alt+right")
        await pilot.pause()
        await focus(pilot, "#step-next")
        text = squash(screen_text(app))
        assert "◀ Step 2" in text and "Done ✓" in text
        assert form(app).query_one("#step-next").region.right <= 40
        await pilot.press("ctrl+q")
    (saved,) = spells(exercise_config)
    assert saved.dwelling == "Work"


async def test_words_that_look_like_markup_are_shown_as_typed(
    exercise_config: SessionConfig,
) -> None:
    app = EcouchApp(exercise_config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(1, page_index=PAGE)
        await pilot.pause()
        await pilot.press("tab", *"[/] the [b]boss", "alt+right")
        await pilot.pause()
        text = squash(screen_text(app))
        assert "On my mind: [/] the [b]boss" in text
        await focus(pilot, "#entries")
        assert "[/] the [b]boss · draft" in squash(screen_text(app))
        await pilot.press("ctrl+q")


def test_export_and_import_keep_it(exercise_config: SessionConfig, tmp_path: Path) -> None:
    with Store.open(exercise_config.store_path, exercise_config.clock) as store:
        for data in (spell(), RuminationEntry(dwelling="Half done")):
            store.save_entry(
                module_id="try-it", page_id="dwelling", block_id="why-to-how", kind=KIND, data=data
            )
        document = from_json(to_json(build_export(store)))
        mine = sorted((e.uid, e.data) for e in store.entries(kind=KIND))
    exported = [
        msgspec.convert(e.data, RuminationEntry) for e in document.entries if e.kind == KIND
    ]
    assert spell() in exported and RuminationEntry(dwelling="Half done") in exported
    with Store.open(tmp_path / "other" / "ecouch.sqlite3", FixedClock(date(2026, 1, 5))) as new:
        import_document(new, document)
        again = sorted((e.uid, e.data) for e in new.entries(kind=KIND))
    assert again == mine


def test_validate_points_at_a_bad_field(
    exercise_course: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(exercise_course)]) == 0
    module = exercise_course / "01-try-it.yaml"
    module.write_text(
        module.read_text().replace("worry_minutes: 20", "worry_minutes: 45"), encoding="utf-8"
    )
    capsys.readouterr()
    assert main(["validate", str(exercise_course)]) == 1
    out = capsys.readouterr()
    said = out.out + out.err
    assert "01-try-it.yaml:20:24: must be at most 30, got 45" in said


def test_the_demo_writes_spells_from_the_hook(exercise_course: Path, tmp_path: Path) -> None:
    clock = FixedClock(date(2026, 3, 2))
    config = make_demo(tmp_path / "demo", modules_dir=exercise_course, clock=clock, region="AU")
    with Store.open(config.store_path, clock) as store:
        found = [e.decode(RuminationEntry) for e in store.entries(kind=KIND)]
    assert len(found) == 2 and all(s.done and s.how_question.startswith("How") for s in found)


@pytest.mark.slow
@pytest.mark.parametrize("page", [0, 1], ids=["behavioural_experiment", "rumination"])
async def test_a_storm_of_keys_and_resizes_breaks_neither_form(
    exercise_config: SessionConfig, page: int
) -> None:
    """Random keys (seeded) on both new exercises, at 80x24 and 40x12: no exception."""
    rng = random.Random(page)
    keys = [*"abcxyz09[]/", "tab", "shift+tab", "enter", "space", "backspace", "up", "down"]
    keys += ["left", "right", "alt+left", "alt+right", "home", "end", "pageup", "pagedown"]
    app = EcouchApp(exercise_config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(1, page_index=page)
        await pilot.pause()
        for round_ in range(6):
            await pilot.resize_terminal(*((40, 12) if round_ % 2 else SIZE))
            if not app.screen.query("#step"):
                app.open_week(1, page_index=page)  # the keys paged away: come back
                await pilot.pause()
            await pilot.press("tab", *rng.choices(keys, k=25))
            await pilot.pause()
        await pilot.press("ctrl+q")
