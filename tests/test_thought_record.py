"""The thought record: its model, and the real app filled in with the keyboard."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest
from helpers import every_week_open, focus, screen_text, squash
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Input

from ecouch_tui.clock import FixedClock
from ecouch_tui.content.blocks.thought_record import (
    AutomaticThought,
    RatedFeeling,
    ThoughtRecord,
    ThoughtRecordBlock,
)
from ecouch_tui.session import SessionConfig
from ecouch_tui.store.db import Store
from ecouch_tui.ui.app import EcouchApp
from ecouch_tui.ui.blocks.base import BlockContext
from ecouch_tui.ui.blocks.thought_record import ThoughtRecordForm, ThoughtRecordView
from ecouch_tui.ui.screens.home import HomeScreen
from ecouch_tui.ui.screens.player import PlayerScreen

SIZE = (80, 24)
PAGE = 2  # the page added to week 2 below

RECORD_PAGE = """
  - id: record
    title: A thought record
    blocks:
      - type: thought_record
        id: first-record
        prompt: Think of a moment this week when your mood dropped.
"""


def finished_record() -> ThoughtRecord:
    return ThoughtRecord(
        situation="Friday evening, a text from Sam went unanswered",
        feelings=[RatedFeeling(name="sad", rating=80), RatedFeeling(name="anxious", rating=60)],
        thoughts=[
            AutomaticThought(text="Sam is busy", belief=30),
            AutomaticThought(text="Nobody wants me around", belief=90, hot=True),
        ],
        evidence_for="No reply for three hours",
        evidence_against="Sam replied late last week too",
        balanced="Sam is often slow to reply to everyone",
        balanced_belief=70,
        outcome=[RatedFeeling(name="sad", rating=40), RatedFeeling(name="anxious", rating=30)],
    )


@pytest.fixture
def course(config: SessionConfig, course_dir: Path) -> SessionConfig:
    """Week 2 of a private course copy gains a thought record page; every week is open."""
    module = course_dir / "02-thoughts.yaml"
    module.write_text(module.read_text() + RECORD_PAGE)
    return every_week_open(config, course_dir)


def records(config: SessionConfig) -> list[ThoughtRecord]:
    with Store.open(config.store_path, config.clock) as store:
        return [entry.decode(ThoughtRecord) for entry in store.entries(kind="thought_record")]


def form(app: EcouchApp) -> ThoughtRecordForm:
    return app.screen.query_one(ThoughtRecordForm)


# -- the model ---------------------------------------------------------------------------


def test_summary_quotes_the_hot_thought_and_says_draft_until_done() -> None:
    record = finished_record()
    assert record.summary() == (
        'Friday evening, a text from Sam went… · "Nobody wants me around" · draft'
    )
    done = msgspec.structs.replace(record, done=True, situation="At work")
    assert done.summary() == 'At work · "Nobody wants me around"'
    assert ThoughtRecord().summary() == "(no situation yet) · (no thought yet) · draft"


def test_the_hot_thought_is_the_marked_one_else_the_first_written() -> None:
    thoughts = [AutomaticThought(text=" "), AutomaticThought(text="I failed")]
    assert ThoughtRecord(thoughts=thoughts).hot_thought == thoughts[1]
    marked = [*thoughts, AutomaticThought(text="It's hopeless", hot=True)]
    assert ThoughtRecord(thoughts=marked).hot_thought == marked[2]
    # A blank thought marked hot does not count: there is nothing to weigh.
    blank_hot = [AutomaticThought(text="", hot=True), AutomaticThought(text="I failed")]
    hot = ThoughtRecord(thoughts=blank_hot).hot_thought
    assert hot is not None and hot.text == "I failed"
    assert ThoughtRecord().hot_thought is None


def test_missing_names_each_gap_with_its_step() -> None:
    assert finished_record().missing() == []
    assert ThoughtRecord().gaps() == [
        (1, "describe the situation"),
        (2, "name at least one feeling"),
        (3, "write the thought that went through your mind"),
        (4, "write a balanced thought"),
    ]
    empty_thought = msgspec.structs.replace(finished_record(), thoughts=[AutomaticThought()])
    assert empty_thought.missing() == ["write the thought that went through your mind"]
    assert empty_thought.first_gap() == 3
    unrated = msgspec.structs.replace(
        finished_record(), feelings=[RatedFeeling(name="sad")], outcome=[]
    )
    assert unrated.missing() == ["rate how strong sad was (0-100)"]
    not_rerated = msgspec.structs.replace(finished_record(), outcome=[])
    assert not_rerated.gaps() == [
        (5, "rate how strong sad is now (0-100)"),
        (5, "rate how strong anxious is now (0-100)"),
    ]
    assert finished_record().first_gap() == 5


def test_empty_ignores_blank_rows_and_the_done_flag() -> None:
    assert ThoughtRecord().empty()
    assert ThoughtRecord(feelings=[RatedFeeling()], thoughts=[AutomaticThought()]).empty()
    assert ThoughtRecord(done=True).empty()
    assert not ThoughtRecord(feelings=[RatedFeeling(rating=0)]).empty()
    assert not ThoughtRecord(thoughts=[AutomaticThought(text="I failed")]).empty()


def test_outcome_is_matched_to_the_feelings_by_name() -> None:
    record = msgspec.structs.replace(
        finished_record(),
        feelings=[RatedFeeling(name="Anxious ", rating=60), RatedFeeling(name="")],
        outcome=[RatedFeeling(name="sad", rating=40), RatedFeeling(name="anxious", rating=30)],
    )
    (change,) = record.rerated()
    assert (change.name, change.before, change.after) == ("Anxious", 60, 30)
    assert record.with_outcome("anxious", 20) == [RatedFeeling(name="Anxious", rating=20)]


def test_text_reads_as_plain_sentences_for_search_and_the_report() -> None:
    assert finished_record().text().splitlines() == [
        "Situation: Friday evening, a text from Sam went unanswered",
        "Feelings: sad 80, anxious 60",
        'Thought: "Sam is busy" (believed 30/100)',
        'Thought: "Nobody wants me around" (the hot thought, believed 90/100)',
        "Evidence for: No reply for three hours",
        "Evidence against: Sam replied late last week too",
        "Balanced thought: Sam is often slow to reply to everyone (believed 70/100)",
        "Feelings after: sad 40 (was 80), anxious 30 (was 60)",
    ]


def test_the_storage_shape_refuses_ratings_over_100() -> None:
    encoded = msgspec.json.encode(finished_record()).replace(b'"rating":80', b'"rating":150')
    with pytest.raises(msgspec.ValidationError):
        msgspec.json.decode(encoded, type=ThoughtRecord)


def test_a_block_offers_feeling_words_by_default() -> None:
    block = ThoughtRecordBlock(id="tr")
    assert "sad" in block.feelings and block.prompt is None


# -- the app -----------------------------------------------------------------------------


@pytest.mark.slow
async def test_fill_a_record_with_the_keyboard_and_finish(course: SessionConfig) -> None:
    app = EcouchApp(course)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(2, page_index=PAGE)
        await pilot.pause()
        text = squash(screen_text(app))
        assert "●○○○○ Step 1 of 5 · Situation" in text
        assert "Think of a moment this week when your mood dropped." in text

        # Step 1: Tab enters the page at the situation box.
        await pilot.press("tab", *"Friday evening, no reply from Sam")
        await pilot.press("alt+right")  # a step key that does not page the module
        await pilot.pause()
        text = squash(screen_text(app))
        assert "Step 2 of 5 · Feelings" in text
        assert "Situation: Friday evening, no reply from Sam" in text  # pinned above
        assert "Words you might use: sad, anxious, angry" in text

        # Step 2: a feeling (Enter moves on to its rating), then another from a suggestion.
        await pilot.press(*"sad", "enter", "8", "0")
        await pilot.press("tab", "tab", "enter")  # past the ✕ to "+ Add a feeling"
        await pilot.pause()
        await pilot.press(*"anx", "right", "tab", "6", "0")  # → takes the suggestion
        await pilot.pause()
        assert "anxious" in screen_text(app)
        await focus(pilot, "#step-next")
        await pilot.press("enter")
        await pilot.pause()

        # Step 3: two thoughts; the second is marked as the hot one.
        assert "Step 3 of 5 · Thoughts" in squash(screen_text(app))
        await pilot.press(*"Sam is busy", "tab", "3", "0", "tab", "enter")
        await pilot.pause()
        await pilot.press(*"Nobody wants me around", "tab", "9", "0")
        await pilot.press("shift+tab", "shift+tab", "shift+tab", "enter")  # "the hot thought"
        await pilot.pause()
        assert form(app).data.hot_thought == AutomaticThought(
            text="Nobody wants me around", belief=90, hot=True
        )
        await pilot.press("alt+right")
        await pilot.pause()

        # Step 4: the hot thought stays in view while the evidence is weighed.
        text = squash(screen_text(app))
        assert "Step 4 of 5 · Evidence and a balanced thought" in text
        assert 'Hot thought: "Nobody wants me around" · believed 90/100' in text
        await pilot.press(*"No reply for hours", "tab", *"Sam is slow with everyone", "tab")
        await pilot.press(*"Sam may just be busy", "tab", "7", "0", "alt+right")
        await pilot.pause()

        # Step 5: the same feelings, with what they were, rated again.
        text = squash(screen_text(app))
        assert "Step 5 of 5 · Outcome" in text
        assert 'Hot thought: "Nobody wants me around"' in text
        assert "Balanced thought: Sam may just be busy" in text
        assert "sad was 80" in text and "anxious was 60" in text
        assert "Finish record ✓" in text
        await pilot.press("4", "0", "tab", "3", "0", "tab", "tab", "enter")  # → Finish
        await pilot.pause()
        text = squash(screen_text(app))
        assert "Finished ✓ · your thought record" in text
        assert "Feelings after: sad 40 (was 80), anxious 30 (was 60)" in text
        assert "Well done" in text  # the toast

    (record,) = records(course)
    assert record.done
    assert record.situation == "Friday evening, no reply from Sam"
    assert record.feelings == [
        RatedFeeling(name="sad", rating=80),
        RatedFeeling(name="anxious", rating=60),
    ]
    assert record.thoughts == [
        AutomaticThought(text="Sam is busy", belief=30, hot=False),
        AutomaticThought(text="Nobody wants me around", belief=90, hot=True),
    ]
    assert (record.evidence_for, record.evidence_against) == (
        "No reply for hours",
        "Sam is slow with everyone",
    )
    assert (record.balanced, record.balanced_belief) == ("Sam may just be busy", 70)
    assert record.outcome == [
        RatedFeeling(name="sad", rating=40),
        RatedFeeling(name="anxious", rating=30),
    ]


@pytest.mark.slow
async def test_reopen_a_record_after_a_restart(course: SessionConfig, clock: FixedClock) -> None:
    with Store.open(course.store_path, course.clock) as store:
        for situation in ("An older one", "The newest one"):
            store.save_entry(
                module_id="thoughts",
                page_id="record",
                block_id="first-record",
                kind="thought_record",
                data=msgspec.structs.replace(finished_record(), situation=situation, done=True),
            )
            clock.advance(minutes=5)
    app = EcouchApp(course)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(2, page_index=PAGE)
        await pilot.pause()
        # A new record is offered first; the list shows earlier ones, newest first.
        assert form(app).uid is None
        await focus(pilot, "#records")
        text = squash(screen_text(app))
        assert text.index("The newest one") < text.index("An older one")
        await pilot.press("home", "down", "enter")  # past "+ New"
        await pilot.pause()
        text = squash(screen_text(app))
        assert "Finished ✓ · your thought record" in text
        assert "Situation: The newest one" in text
        assert 'Thought: "Nobody wants me around" (the hot thought, believed 90/100)' in text
        # Edit it: back to the steps, change the balanced thought; the same entry updates.
        await focus(pilot, "#step-prev")
        await pilot.press("enter")  # "◀ Edit": step 5
        await pilot.press("alt+left")
        await pilot.pause()
        assert "Step 4 of 5" in squash(screen_text(app))
        await focus(pilot, "#balanced")
        await pilot.press("end", *" today")
        await pilot.press("ctrl+q")
    newest = records(course)[-1]
    assert newest.balanced == "Sam is often slow to reply to everyone today"
    assert newest.done  # still complete, so still done
    assert len(records(course)) == 2


@pytest.mark.slow
async def test_finishing_with_an_empty_thought_says_what_is_missing(
    course: SessionConfig,
) -> None:
    app = EcouchApp(course)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(2, page_index=PAGE)
        await pilot.pause()
        await pilot.press("tab", *"At the bus stop", "alt+right")
        await pilot.pause()
        await pilot.press(*"sad", "enter", "5", "0", "alt+right")
        await pilot.pause()
        await pilot.press("alt+right")  # step 3 left empty
        await pilot.pause()
        await pilot.press("tab", "tab", *"It was a long day", "alt+right")  # balanced
        await pilot.pause()
        await pilot.press("3", "0")
        await focus(pilot, "#step-next")
        await pilot.press("enter")
        await pilot.pause()
        text = squash(screen_text(app))
        assert "⚠ Not finished yet. Still to do: step 3, write the thought that went" in text
        assert "through your mind." in text  # the message wraps rather than being cut
        assert "Step 5 of 5 · Outcome" in text  # still on the step, nothing lost
        assert "Finished ✓" not in text
        await pilot.press("ctrl+q")
    (record,) = records(course)
    assert not record.done
    assert record.situation == "At the bus stop"
    assert record.outcome == [RatedFeeling(name="sad", rating=30)]


@pytest.mark.slow
async def test_a_rating_of_150_is_refused_and_the_old_value_stays(
    course: SessionConfig,
) -> None:
    app = EcouchApp(course)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(2, page_index=PAGE)
        await pilot.pause()
        await pilot.press("tab", *"At work", "alt+right")
        await pilot.pause()
        await pilot.press(*"angry", "tab", "right", "right")  # the arrows: 10, then 20
        await pilot.press("1", "5", "0")
        await pilot.pause()
        text = squash(screen_text(app))
        assert "150 is too high" in text
        assert "Choose a number from 0 to 100." in text
        assert "20/100" in text
        await pilot.press("ctrl+q")
    (record,) = records(course)
    assert record.feelings == [RatedFeeling(name="angry", rating=20)]


@pytest.mark.slow
async def test_escape_straight_after_typing_keeps_it_and_the_step_keys_stay_inside(
    course: SessionConfig,
) -> None:
    app = EcouchApp(course)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(2, page_index=PAGE)
        await pilot.pause()
        # With focus outside the record, n and the arrows still page the module.
        await pilot.press("alt+right")
        await pilot.pause()
        assert "Step 1 of 5" in squash(screen_text(app))
        await pilot.press("left")
        await pilot.pause()
        assert "Page 2 of 3" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert "Page 3 of 3" in screen_text(app)
        # Typed, then Escape at once, before the autosave delay: nothing is lost.
        await pilot.press("tab", *"Quick note", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    (record,) = records(course)
    assert record.situation == "Quick note" and not record.done


@pytest.mark.slow
async def test_a_finished_record_that_loses_a_part_is_a_draft_again(
    course: SessionConfig,
) -> None:
    with Store.open(course.store_path, course.clock) as store:
        entry = store.save_entry(
            module_id="thoughts",
            page_id="record",
            block_id="first-record",
            kind="thought_record",
            data=msgspec.structs.replace(finished_record(), done=True),
        )
    app = EcouchApp(course)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(2, page_index=PAGE)
        await pilot.pause()
        await focus(pilot, "#records")
        await pilot.press("home", "down", "enter")  # past "+ New"
        await pilot.pause()
        record_form = form(app)
        assert record_form.uid == entry.uid and record_form.step == 6  # the review
        await record_form.show_step(3)
        await pilot.pause()
        await focus(pilot, "#thought-remove-1")
        await pilot.press("enter")  # remove "Nobody wants me around"
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "thought-text-0"
        await pilot.press("end", *["backspace"] * len("Sam is busy"))
        await pilot.pause()
        text = squash(screen_text(app))
        assert "Step 3 of 5 · Thoughts" in text and "finished" not in text
        await pilot.press("ctrl+q")
    (record,) = records(course)
    assert not record.done
    assert [t.text for t in record.thoughts] == [""]


async def test_focus_uid_opens_that_record(course: SessionConfig) -> None:
    """The Workbook's "open": the block shows the chosen record, not a new one."""
    with Store.open(course.store_path, course.clock) as store:
        entry = store.save_entry(
            module_id="thoughts",
            page_id="record",
            block_id="first-record",
            kind="thought_record",
            data=msgspec.structs.replace(finished_record(), outcome=[], situation="On the bus"),
        )
        other = store.save_entry(
            module_id="thoughts", page_id="x", block_id="y", kind="reflection", data={"text": "?"}
        )

    class Opened(Screen[None]):
        def __init__(self, uid: str) -> None:
            super().__init__()
            self.uid = uid

        def compose(self) -> ComposeResult:
            context = BlockContext(
                session=app.session, module_id="thoughts", page_id="record", focus_uid=self.uid
            )
            yield ThoughtRecordView(ThoughtRecordBlock(id="first-record"), context)

    app = EcouchApp(course)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await app.push_screen(Opened(entry.uid))
        await pilot.pause()
        text = squash(screen_text(app))
        # A draft opens at its first gap: the feelings still to re-rate.
        assert "Step 5 of 5 · Outcome" in text
        assert "Situation: On the bus" in text
        app.pop_screen()
        # A uid of another kind of entry is ignored, never overwritten.
        await app.push_screen(Opened(other.uid))
        await pilot.pause()
        assert form(app).uid is None
        assert "Step 1 of 5" in squash(screen_text(app))


async def test_remove_a_feeling_and_add_one_with_the_buttons(course: SessionConfig) -> None:
    app = EcouchApp(course)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(2, page_index=PAGE)
        await pilot.pause()
        await pilot.press("tab", *"Meeting", "alt+right")
        await pilot.pause()
        await pilot.press(*"guilty", "tab", "7", "0", "tab", "tab", "enter")
        await pilot.pause()
        await pilot.press(*"ashamed", "tab", "tab", "enter")  # ✕ on the new row
        await pilot.pause()
        assert [i.value for i in app.screen.query(".feeling-name").results(Input)] == ["guilty"]
        assert app.focused is not None and app.focused.id == "feeling-name-0"
        await pilot.press("ctrl+q")
    (record,) = records(course)
    assert record.feelings == [RatedFeeling(name="guilty", rating=70)]


async def test_the_record_reads_well_at_120_by_40(course: SessionConfig) -> None:
    with Store.open(course.store_path, course.clock) as store:
        store.save_entry(
            module_id="thoughts",
            page_id="record",
            block_id="first-record",
            kind="thought_record",
            data=msgspec.structs.replace(finished_record(), outcome=[]),
        )
    app = EcouchApp(course)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        app.open_week(2, page_index=PAGE)
        await pilot.pause()
        await focus(pilot, "#records")
        await pilot.press("home", "down", "enter")  # past "+ New"
        await pilot.pause()
        text = screen_text(app)
        assert isinstance(app.screen, PlayerScreen)
        # Step, pinned thoughts, the feelings to re-rate and the buttons, all on one screen.
        for line in (
            "Step 5 of 5 · Outcome",
            'Hot thought: "Nobody wants me around" · believed 90/100',
            "Balanced thought: Sam is often slow to reply to everyone",
            "◀ Previous step",
            "Finish record ✓",
        ):
            assert line in text, line


async def test_found_in_the_workbook_after_a_restart_and_edited_there(
    course: SessionConfig,
) -> None:
    from ecouch_tui.ui.screens.workbook_entry import WorkbookEntryScreen

    app = EcouchApp(course)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(2, page_index=PAGE)
        await pilot.pause()
        await pilot.press("tab", *"At the bus stop", "ctrl+q")
    app = EcouchApp(course)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        await pilot.press(*"bus stop")
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, WorkbookEntryScreen)
        text = squash(screen_text(app))
        # Its own block, on the record, at the first step still to do.
        assert "Step 2 of 5 · Feelings" in text
        assert "Situation: At the bus stop" in text
        assert app.focused is not None and app.focused.id == "feeling-name-0"
        await pilot.press(*"lonely", "escape")
        await pilot.pause()
    (record,) = records(course)
    assert record.feelings == [RatedFeeling(name="lonely")]


async def test_words_that_look_like_markup_are_shown_as_typed(course: SessionConfig) -> None:
    app = EcouchApp(course)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(2, page_index=PAGE)
        await pilot.pause()
        await pilot.press("tab", *"[/] [b]boss", "alt+right")
        await pilot.pause()
        await pilot.press(*"[/sad", "tab", "5", "0")
        await pilot.press("alt+right", "alt+right", "alt+right")
        await pilot.pause()
        await focus(pilot, "#step-next")
        await pilot.press("enter")  # Finish: the message quotes the feeling's name
        await pilot.pause()
        text = squash(screen_text(app))
        assert "Situation: [/] [b]boss" in text
        assert "strong [/sad is now" in text
        assert "[/] [b]boss · (no thought yet) · draft" in text  # the list of records
