"""The interpersonal inventory: its model, and the real app driven with the keyboard.

One inventory per user, shown by every `interpersonal_inventory` block: these tests put
the block in weeks 2 and 3 of a private copy of the course and open every week.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec
import pytest
from helpers import add_page, every_week_open, focus, screen_text, squash
from textual.widgets import Input, Static

from ecouch_tui.content.blocks.interpersonal_inventory import (
    NAME_NEEDED,
    Inventory,
    Person,
)
from ecouch_tui.session import SessionConfig
from ecouch_tui.store.db import Store
from ecouch_tui.ui.app import EcouchApp
from ecouch_tui.ui.blocks.interpersonal_inventory import InventoryView
from ecouch_tui.ui.screens.home import HomeScreen
from ecouch_tui.ui.widgets.confirm import Confirm
from ecouch_tui.ui.widgets.rating import Rating

SIZE = (80, 24)
KIND = "interpersonal_inventory"
#: From the name box to "Remove this person": closeness, two ratings, six answers, Done.
TABS_TO_REMOVE = 11


@pytest.fixture
def pages(config: SessionConfig, course_dir: Path) -> dict[int, int]:
    """The inventory in week 2 (asking the problem area) and week 3 (not asking it)."""
    week2 = add_page(
        course_dir,
        "02-thoughts.yaml",
        {
            "id": "people",
            "title": "The people in your life",
            "blocks": [
                {
                    "type": KIND,
                    "id": "inventory",
                    "prompt": "Think of the people who matter to you.",
                }
            ],
        },
    )
    week3 = add_page(
        course_dir,
        "03-moving.yaml",
        {
            "id": "people-again",
            "title": "Your people, again",
            "blocks": [{"type": KIND, "id": "inventory-again", "ask_problem_area": False}],
        },
    )
    every_week_open(config, course_dir)
    return {2: week2, 3: week3}


def saved(config: SessionConfig) -> Inventory | None:
    with Store.open(config.store_path, config.clock) as store:
        entry = store.entry(KIND)
        return entry.decode(Inventory) if entry else None


def seed(config: SessionConfig, inventory: Inventory) -> None:
    with Store.open(config.store_path, config.clock) as store:
        store.save_entry(
            uid=KIND,
            module_id="thoughts",
            page_id="people",
            block_id="inventory",
            kind=KIND,
            data=inventory,
        )


async def open_page(app: EcouchApp, pilot: Any, week: int, page: int) -> None:
    app.open_week(week, page_index=page)
    await pilot.pause()
    assert app.screen.query(InventoryView)


# -- the model -----------------------------------------------------------------------------


def test_an_empty_inventory_says_what_is_missing() -> None:
    inventory = Inventory()
    assert inventory.empty()
    assert inventory.summary() == "0 people · no area yet"
    assert inventory.missing() == ["add at least one person"]
    assert inventory.text() == ""


def test_a_filled_inventory_summarises_and_places_people_in_circles() -> None:
    inventory = Inventory(
        people=[
            Person(name="Sam", closeness=1, support_received=7, support_given=5, hard="busy"),
            Person(name="Mum", closeness=2),
            Person(name="Pat"),
        ],
        problem_area="role_dispute",
    )
    assert not inventory.empty()
    assert inventory.missing() == []
    assert inventory.summary() == "3 people · A disagreement"
    assert inventory.circles() == {1: ["Sam"], 2: ["Mum"], 3: [], None: ["Pat"]}
    assert inventory.people[0].summary() == "Sam · inner circle · support: you get 7, you give 5"
    assert inventory.people[2].summary() == "Pat · circle not chosen"
    text = inventory.text()
    assert "Sam (inner circle)" in text and "What is hard about it? busy" in text
    assert "A disagreement: you and someone expect different things" in text
    assert Inventory(people=[Person(name="Jo")]).summary() == "1 person · no area yet"


def test_a_person_needs_a_name_and_ratings_stay_in_range() -> None:
    assert Person().blank and not Person(good="kind").blank
    assert not Person(support_given=0).blank  # a zero is an answer
    nameless = Inventory(people=[Person(name="  ", good="kind")])
    assert nameless.missing() == ["add at least one person"]
    assert not nameless.empty()
    assert not Inventory(problem_area="grief").empty()
    with pytest.raises(msgspec.ValidationError):
        msgspec.json.decode(
            b'{"people": [{"name": "Sam", "support_received": 11}]}', type=Inventory
        )
    with pytest.raises(msgspec.ValidationError):
        msgspec.json.decode(b'{"people": [{"name": "Sam", "closeness": 4}]}', type=Inventory)


# -- the app -------------------------------------------------------------------------------


@pytest.mark.slow
async def test_fill_the_inventory_with_the_keyboard_and_find_it_after_a_restart(
    config: SessionConfig, pages: dict[int, int]
) -> None:
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await open_page(app, pilot, 2, pages[2])
        text = squash(screen_text(app))
        assert "No one yet. Add the people who matter in your life." in text
        # Tab into the list, Enter on "Add a person": the name box has the focus.
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "name"
        await pilot.press(*"Sam", "tab", "enter")  # the inner circle
        await pilot.press("tab", "7", "tab", "5")  # support received, then given
        answers = ["kind and funny", "she is busy", "films", "money", "we go quiet", "see her"]
        for answer in answers:
            await pilot.press("tab", *answer)
        await pilot.press("tab", "enter")  # Done
        await pilot.pause()
        text = squash(screen_text(app))
        assert "◉ Inner circle Sam" in text
        assert "Sam · inner circle · support: you get 7, you give 5" in text
        assert app.focused is not None and app.focused.id == "people"
        # A second person, only named and placed in the middle circle.
        await pilot.press("home", "enter", *"Mum", "tab", "down", "enter")
        await pilot.pause()
        await focus(pilot, "#done")
        await pilot.press("enter")
        await pilot.pause()
        assert "◎ Middle circle Mum" in squash(screen_text(app))
        # The problem area: Tab past the list to the choices; the second one.
        await pilot.press("tab", "down", "enter", "tab", *"we argue about chores")
        await pilot.pause()
        assert "●▌ A disagreement" in screen_text(app)
        await pilot.press("ctrl+q")

    inventory = saved(config)
    assert inventory is not None
    sam, mum = inventory.people
    assert sam == Person(
        name="Sam",
        closeness=1,
        support_received=7,
        support_given=5,
        good="kind and funny",
        hard="she is busy",
        talk_about="films",
        cant_talk_about="money",
        arguments="we go quiet",
        change="see her",
    )
    assert mum == Person(name="Mum", closeness=2)
    assert inventory.problem_area == "role_dispute"
    assert inventory.notes == "we argue about chores"

    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await open_page(app, pilot, 2, pages[2])
        text = squash(screen_text(app))
        assert "◉ Inner circle Sam" in text and "◎ Middle circle Mum" in text
        await pilot.press("tab", "down", "enter")  # reopen Sam
        await pilot.pause()
        editor = app.screen.query_one("#person")
        assert editor.query_one("#name", Input).value == "Sam"
        assert editor.query_one("#hard").text == "she is busy"  # type: ignore[attr-defined]
        assert editor.query_one("#support_received", Rating).value == 7


async def test_the_same_inventory_shows_in_two_modules(
    config: SessionConfig, pages: dict[int, int]
) -> None:
    seed(config, Inventory(people=[Person(name="Sam", closeness=1)], problem_area="grief"))
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await open_page(app, pilot, 3, pages[3])
        text = squash(screen_text(app))
        assert "◉ Inner circle Sam" in text
        assert "Which of these fits you best" not in text  # this block does not ask
        # Add Jo here, in week 3...
        await pilot.press("tab", "enter", *"Jo", "tab", "down", "down", "enter")
        await pilot.pause()
        await focus(pilot, "#done")
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        # ...and week 2 shows both, with the problem area chosen before.
        await open_page(app, pilot, 2, pages[2])
        text = squash(screen_text(app))
        assert "◉ Inner circle Sam" in text and "○ Outer circle Jo" in text
        await focus(pilot, "#area")
        await pilot.pause()
        assert "●▌ Grief: the loss of someone important" in screen_text(app)

    with Store.open(config.store_path, config.clock) as store:
        (entry,) = store.entries(kind=KIND)
        assert entry.uid == KIND
        people = entry.decode(Inventory).people
    assert [p.name for p in people] == ["Sam", "Jo"]


@pytest.mark.slow
async def test_removing_a_person_asks_first(config: SessionConfig, pages: dict[int, int]) -> None:
    seed(config, Inventory(people=[Person(name="Sam", hard="a lot"), Person(name="Jo")]))
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await open_page(app, pilot, 2, pages[2])
        await pilot.press("tab", "down", "enter")  # open Sam
        await pilot.pause()
        await pilot.press(*["tab"] * TABS_TO_REMOVE, "enter")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        text = squash(screen_text(app))
        assert "Remove Sam?" in text
        assert "Everything you wrote about them here will be deleted." in text
        # Enter on the focused button keeps them: a double Enter must not delete.
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, Confirm)
        inventory = saved(config)
        assert inventory is not None and [p.name for p in inventory.people] == ["Sam", "Jo"]
        # Escape keeps them too; then Tab to "Remove" and confirm.
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, Confirm)
        await pilot.press("enter", "tab", "enter")
        await pilot.pause()
        text = squash(screen_text(app))
        assert "Sam is no longer in your inventory." in text
        assert "Sam ·" not in text and "Jo · circle not chosen" in text
        assert app.focused is not None and app.focused.id == "people"

    inventory = saved(config)
    assert inventory is not None and inventory.people == [Person(name="Jo")]


async def test_a_rating_of_eleven_is_refused_and_not_saved(
    config: SessionConfig, pages: dict[int, int]
) -> None:
    seed(config, Inventory(people=[Person(name="Sam")]))
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await open_page(app, pilot, 2, pages[2])
        await pilot.press("tab", "down", "enter")  # open Sam
        await pilot.press("tab", "tab", "1", "1")  # support received: "11"
        await pilot.pause()
        text = squash(screen_text(app))
        assert "11 is too high" in text and "Choose a number from 0 to 10." in text
        assert "—/10" in text  # not left at the "1" typed on the way to eleven
        await pilot.press("tab")  # leaving the field saves what is there
        await pilot.pause()
        inventory = saved(config)
        assert inventory is not None and inventory.people[0].support_received is None
        # A number in range is kept.
        await pilot.press("shift+tab", "8", "tab")
        await pilot.pause()
        inventory = saved(config)
        assert inventory is not None and inventory.people[0].support_received == 8


@pytest.mark.slow
async def test_a_person_without_a_name_is_not_saved(
    config: SessionConfig, pages: dict[int, int]
) -> None:
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await open_page(app, pilot, 2, pages[2])
        await pilot.press("tab", "enter")  # add a person
        # Skip the name: closeness, two ratings, then write what is good.
        await pilot.press("tab", "tab", "tab", "tab", *"kind")
        await pilot.pause()
        # The name box is scrolled away: a toast says it, once, and the box's own line too.
        text = squash(screen_text(app))
        assert "Not saved yet" in text and "this person can be saved." in text
        status = app.screen.query_one("#person .form-status", Static)
        assert NAME_NEEDED in str(status.render())
        # Done refuses, says why and puts the cursor in the name box.
        await focus(pilot, "#done")
        await pilot.press("enter")
        await pilot.pause()
        assert NAME_NEEDED in squash(screen_text(app))
        assert app.focused is not None and app.focused.id == "name"
        assert saved(config) is None
        # With a name, the person (and what was already written) is saved.
        await pilot.press(*"Ana", "tab")
        await pilot.pause()
        assert NAME_NEEDED not in squash(screen_text(app))
        inventory = saved(config)
        assert inventory is not None and inventory.people == [Person(name="Ana", good="kind")]
        # Emptying the name later keeps the old one, and says so.
        await focus(pilot, "#name")
        await pilot.press("end", "backspace", "backspace", "backspace", "tab")
        await pilot.pause()
        assert "'Ana' is kept until you" in squash(screen_text(app))
        inventory = saved(config)
        assert inventory is not None and [p.name for p in inventory.people] == ["Ana"]


async def test_a_new_person_can_be_discarded_before_it_has_a_name(
    config: SessionConfig, pages: dict[int, int]
) -> None:
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await open_page(app, pilot, 2, pages[2])
        await pilot.press("tab", "enter", "tab", "tab", "tab", "tab", *"kind")
        await focus(pilot, "#remove")
        await pilot.press("enter")
        await pilot.pause()
        assert "Discard this new person?" in squash(screen_text(app))
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert not app.screen.query("#person")
        assert "No one yet." in squash(screen_text(app))
    assert saved(config) is None
