"""The CBT cycle (formulation): its model, and the real app filled in with the keyboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import every_week_open, focus, screen_text, squash
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import TextArea

from ecouch_tui.clock import FixedClock
from ecouch_tui.content.blocks.formulation import PARTS, Formulation, FormulationBlock
from ecouch_tui.session import SessionConfig
from ecouch_tui.store.db import Store
from ecouch_tui.ui.app import EcouchApp
from ecouch_tui.ui.blocks.base import BlockContext
from ecouch_tui.ui.blocks.formulation import FormulationForm, FormulationView
from ecouch_tui.ui.screens.home import HomeScreen

SIZE = (80, 24)
PAGE = 2  # the page added to week 2 below

CYCLE_PAGE = """
  - id: cycle
    title: Your own cycle
    blocks:
      - type: formulation
        id: my-cycle
        prompt: Think of a recent time you felt low, and fill in each part.
"""

FILLED = Formulation(
    situation="Friday, no reply from Sam",
    thoughts="Nobody wants me around",
    feelings="sad, lonely",
    body="heavy, tired",
    behaviour="stayed in bed",
)


@pytest.fixture
def course(config: SessionConfig, course_dir: Path) -> SessionConfig:
    """Week 2 of a private course copy gains a cycle page; every week is open."""
    module = course_dir / "02-thoughts.yaml"
    module.write_text(module.read_text() + CYCLE_PAGE)
    return every_week_open(config, course_dir)


def cycles(config: SessionConfig) -> list[Formulation]:
    with Store.open(config.store_path, config.clock) as store:
        return [entry.decode(Formulation) for entry in store.entries(kind="formulation")]


def save(config: SessionConfig, data: Formulation) -> str:
    with Store.open(config.store_path, config.clock) as store:
        entry = store.save_entry(
            module_id="thoughts",
            page_id="cycle",
            block_id="my-cycle",
            kind="formulation",
            data=data,
        )
    return entry.uid


# -- the model ---------------------------------------------------------------------------


def test_summary_counts_the_parts_filled() -> None:
    assert FILLED.summary() == "Friday, no reply from Sam · 5 of 5 parts"
    assert Formulation(thoughts="I failed").summary() == "(no situation yet) · 1 of 5 parts"
    long = Formulation(situation="A long\nsituation " + "word " * 20)
    assert long.summary().startswith("A long situation word")
    assert "…" in long.summary() and "\n" not in long.summary()


def test_missing_names_each_empty_part_in_cycle_order() -> None:
    assert FILLED.missing() == []
    assert Formulation(situation="x", body="  ").missing() == [
        "fill in thoughts",
        "fill in feelings",
        "fill in body",
        "fill in behaviour",
    ]


def test_empty_and_text() -> None:
    assert Formulation().empty()
    assert Formulation(body="   ").empty()
    assert not Formulation(body="tense").empty()
    assert Formulation(thoughts="I failed", behaviour="hid").text() == (
        "Thoughts: I failed\nBehaviour: hid"
    )
    assert PARTS == ("situation", "thoughts", "feelings", "body", "behaviour")


def test_a_block_needs_only_an_id() -> None:
    assert FormulationBlock(id="c").prompt is None


# -- the app -----------------------------------------------------------------------------


@pytest.mark.slow
async def test_fill_the_cycle_with_the_keyboard_tab_goes_round_it(course: SessionConfig) -> None:
    app = EcouchApp(course)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(2, page_index=PAGE)
        await pilot.pause()
        text = screen_text(app)
        # The cycle is drawn: titled boxes round a ring, with arrows between them.
        assert "1 Situation" in text
        assert "5 Behaviour" in text and "2 Thoughts" in text
        assert "Where were you? What was happening?" in text
        lines = text.splitlines()
        ring = next(i for i, line in enumerate(lines) if "5 Behaviour" in line)
        assert "↓" in lines[ring - 1]  # situation ↓ thoughts
        assert "→" in "".join(lines[ring : ring + 4])  # behaviour → thoughts
        # Tab enters at the situation, then follows the cycle, not the reading order.
        await pilot.press("tab")
        for words in (
            "Friday, no reply from Sam",
            "Nobody wants me around",
            "sad, lonely",
            "heavy, tired",
            "stayed in bed",
        ):
            await pilot.press(*words, "tab")
        await pilot.pause()
        # Past the last box, Tab leaves the ring for the list of cycles.
        assert app.focused is app.screen.query_one("#cycles")
        await pilot.press("shift+tab")
        assert app.focused is app.screen.query_one("#part-behaviour")
        await pilot.press("shift+tab")
        assert app.focused is app.screen.query_one("#part-body")
        text = squash(screen_text(app))
        assert "Saved · 5 of 5 parts" in text
        assert "Friday, no reply from Sam · 5 of 5 parts" in text  # listed at once
        await pilot.press("ctrl+q")
    assert cycles(course) == [FILLED]


@pytest.mark.slow
async def test_reopen_a_cycle_after_a_restart_and_start_another(
    course: SessionConfig, clock: FixedClock
) -> None:
    save(course, Formulation(situation="An older one", thoughts="I can't"))
    clock.advance(minutes=5)
    save(course, FILLED)
    clock.advance(minutes=5)
    app = EcouchApp(course)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(2, page_index=PAGE)
        await pilot.pause()
        assert app.screen.query_one(FormulationForm).uid is None  # a fresh cycle first
        await focus(pilot, "#cycles")
        text = squash(screen_text(app))
        assert text.index("Friday, no reply from Sam · 5") < text.index("An older one · 2 of 5")
        await pilot.press("home", "down", "enter")  # past "+ New cycle": the newest
        await pilot.pause()
        boxes = app.screen.query_one(FormulationForm).boxes()
        assert [box.text for box in boxes] == [
            "Friday, no reply from Sam",
            "Nobody wants me around",
            "sad, lonely",
            "heavy, tired",
            "stayed in bed",
        ]
        await focus(pilot, "#cycles")
        await pilot.press("home", "down", "down", "enter")  # the older one
        await pilot.pause()
        # Its first empty box has the cursor; typing fills it in place.
        assert app.focused is app.screen.query_one("#part-feelings")
        await pilot.press(*"scared")
        await pilot.pause()
        await focus(pilot, "#cycles")
        await pilot.press("home", "enter")  # "+ New cycle"
        await pilot.pause()
        assert app.screen.query_one(FormulationForm).uid is None
        assert app.focused is app.screen.query_one("#part-situation", TextArea)
        await pilot.press(*"Monday morning")
        await pilot.press("ctrl+q")
    older, newest, fresh = cycles(course)
    assert older == Formulation(situation="An older one", thoughts="I can't", feelings="scared")
    assert newest == FILLED
    assert fresh == Formulation(situation="Monday morning")


@pytest.mark.slow
async def test_escape_straight_after_typing_keeps_it(course: SessionConfig) -> None:
    app = EcouchApp(course)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(2, page_index=PAGE)
        await pilot.pause()
        await pilot.press("tab", *"At the shops", "tab", *"Everyone is staring", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert cycles(course) == [Formulation(situation="At the shops", thoughts="Everyone is staring")]


async def test_nothing_typed_saves_nothing(course: SessionConfig) -> None:
    app = EcouchApp(course)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(2, page_index=PAGE)
        await pilot.pause()
        await pilot.press("tab", "tab", "tab", "escape")
        await pilot.pause()
    assert cycles(course) == []


async def test_focus_uid_opens_that_cycle(course: SessionConfig) -> None:
    uid = save(course, FILLED)

    class Opened(Screen[None]):
        def compose(self) -> ComposeResult:
            context = BlockContext(
                session=app.session, module_id="thoughts", page_id="cycle", focus_uid=uid
            )
            yield FormulationView(FormulationBlock(id="my-cycle"), context)

    app = EcouchApp(course)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        await app.push_screen(Opened())
        await pilot.pause()
        assert app.screen.query_one(FormulationForm).uid == uid
        text = screen_text(app)
        for words in ("Friday, no reply from Sam", "stayed in bed", "heavy, tired"):
            assert words in text


async def test_the_whole_cycle_fits_at_120_by_40(course: SessionConfig) -> None:
    save(course, FILLED)
    app = EcouchApp(course)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        app.open_week(2, page_index=PAGE)
        await pilot.pause()
        text = screen_text(app)
        for title in ("1 Situation", "2 Thoughts", "3 Feelings", "4 Body", "5 Behaviour"):
            assert title in text, title
        for arrow in "↓→↑←":
            assert arrow in text, arrow
        assert "Your cycles (Enter on one to reopen it)" in text


@pytest.mark.slow
async def test_found_in_the_workbook_after_a_restart_and_edited_there(
    course: SessionConfig,
) -> None:
    from ecouch_tui.ui.screens.workbook_entry import WorkbookEntryScreen

    app = EcouchApp(course)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(2, page_index=PAGE)
        await pilot.pause()
        await pilot.press("tab", *"Lunch alone", "tab", *"They avoid me", "ctrl+q")
    app = EcouchApp(course)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        await pilot.press(*"lunch alone")
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, WorkbookEntryScreen)
        form = app.screen.query_one(FormulationForm)
        assert [box.text for box in form.boxes()][:2] == ["Lunch alone", "They avoid me"]
        assert "Saved · 2 of 5 parts" in screen_text(app)
        form.query_one("#part-feelings").focus()
        await pilot.press(*"hurt", "escape")
        await pilot.pause()
    assert cycles(course) == [
        Formulation(situation="Lunch alone", thoughts="They avoid me", feelings="hurt")
    ]


@pytest.mark.slow
async def test_a_narrow_screen_stacks_the_cycle_in_its_order(course: SessionConfig) -> None:
    app = EcouchApp(course)
    async with app.run_test(size=(40, 12), notifications=True) as pilot:
        await pilot.pause()
        app.open_week(2, page_index=PAGE)
        await pilot.pause()
        await pilot.press("tab", *"Bus", "tab", *"Late again", "tab")
        await pilot.pause()
        assert app.focused is app.screen.query_one("#part-feelings")
        assert "3 Feelings" in screen_text(app)  # the whole title: boxes are full width
        form = app.screen.query_one(FormulationForm)
        tops = [box.region.y for box in form.boxes()]
        assert tops == sorted(tops)  # one under another, in the cycle's order
        await pilot.press("ctrl+q")
    assert cycles(course) == [Formulation(situation="Bus", thoughts="Late again")]


@pytest.mark.slow
async def test_words_that_look_like_markup_are_listed_as_typed(course: SessionConfig) -> None:
    app = EcouchApp(course)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        app.open_week(2, page_index=PAGE)
        await pilot.pause()
        await pilot.press("tab", *"[/] at [b]work")
        await pilot.press("tab")  # leaving a box saves at once
        await pilot.pause()
        assert "[/] at [b]work · 1 of 5 parts" in screen_text(app)
