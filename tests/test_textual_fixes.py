"""Targeted tests for the patches in `ui/widgets/textual_fixes.py` and the other
private Textual names in CONTRIBUTING.md's upgrade checklist.

Each reproduces what its patch or name is relied on for, in as bare an app as it can,
so that a Textual upgrade that breaks (or no longer needs) one shows here by name.
"""

from __future__ import annotations

import asyncio
from typing import ClassVar

import pytest
from helpers import enrol
from textual import events, on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import (
    Button,
    Checkbox,
    Footer,
    Header,
    OptionList,
    RadioButton,
    RadioSet,
    Static,
)
from textual.widgets._header import HeaderTitle

from ecouch_tui.session import SessionConfig
from ecouch_tui.ui.app import EcouchApp
from ecouch_tui.ui.keys import GET_HELP_KEY
from ecouch_tui.ui.widgets import textual_fixes
from ecouch_tui.ui.widgets.course_text import CourseText, course_text
from ecouch_tui.ui.widgets.marked import MarkedCheckbox, MarkedRadioButton, compact


class _ZeroHeightList(App[None]):
    CSS = "OptionList { height: 0; }"

    def compose(self) -> ComposeResult:
        yield OptionList(*(f"option {n}" for n in range(20)))


async def test_paging_an_option_list_with_no_room_does_nothing() -> None:
    textual_fixes.install()
    app = _ZeroHeightList()
    async with app.run_test(size=(40, 12)) as pilot:
        option_list = app.query_one(OptionList)
        option_list.focus()
        option_list.highlighted = 0
        await pilot.pause()
        await pilot.press("pagedown", "pageup", "pagedown")
        await pilot.pause()
        assert option_list.highlighted == 0
    assert app.return_code in (None, 0)


class _Titled(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Header()


async def test_a_title_change_after_the_title_widget_went_is_ignored() -> None:
    """A screen being closed loses its header's title widget before the header's
    watchers stop: a title change in that moment found no HeaderTitle (NoMatches)."""
    textual_fixes.install()
    app = App[None]()
    async with app.run_test() as pilot:
        screen = _Titled()
        await app.push_screen(screen)
        await pilot.pause()
        await screen.query_one(HeaderTitle).remove()  # as the closing screen's teardown does
        app.title = "a new title"
        screen.sub_title = "and a new sub-title"
        await pilot.pause()
        assert screen.query_one(Header).is_attached
    assert app.return_code in (None, 0)


# -- the other private names the upgrade checklist lists (CONTRIBUTING.md) ----------------


class _Below(Screen[None]):
    """A screen whose handler asks to close the screen on top, a moment too late."""

    class Late(Message):
        pass

    def compose(self) -> ComposeResult:
        yield Static("below")

    @on(Late)
    def _late(self) -> None:
        self.app.pop_screen()


async def test_a_late_close_from_a_screen_below_a_modal_closes_nothing(
    config: SessionConfig,
) -> None:
    """`EcouchApp._asked_by_hidden_screen` (textual._context.active_message_pump): the
    handler running belongs to a screen no longer on top. `Screen.is_current` cannot
    tell: a screen showing beneath a modal (Get help now) counts as current."""
    enrol(config)
    app = EcouchApp(config)
    async with app.run_test() as pilot:
        below = _Below()
        await app.push_screen(below)
        top = ModalScreen[None]()
        await app.push_screen(top)
        assert below.is_current  # why the public property does not do the job
        below.post_message(_Below.Late())
        await pilot.pause()
        assert app.screen is top


class _SlowToBuild(Screen[None]):
    """Its start-up takes a moment (a screen reading the store, say)."""

    # A priority binding, as F1 and Ctrl+Q are: the app runs those itself, at once.
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "leave", priority=True)]
    built = False
    built_when_left: bool | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="part")

    async def on_mount(self) -> None:
        await asyncio.sleep(0.2)
        self.query_one("#part", Static).update("ready")
        self.built = True

    def action_leave(self) -> None:
        self.built_when_left = self.built
        self.app.pop_screen()


async def test_a_key_while_the_top_screen_is_being_built_waits_for_it(
    config: SessionConfig,
) -> None:
    """`EcouchApp.on_event` waits on `Screen._mounted_event`. The app runs priority
    bindings itself, in its own task, so without the wait a key could close a screen
    still starting up (whose start-up then found its widgets gone: NoMatches)."""
    enrol(config)
    app = EcouchApp(config)
    async with app.run_test() as pilot:
        await pilot.pause()
        home = app.screen
        slow = _SlowToBuild()
        app.push_screen(slow)  # not awaited: the key comes while it is being built
        app.post_message(events.Key("escape", None))  # as a terminal's input arrives
        await pilot.pause(0.3)
        assert slow.built_when_left is True
        assert app.screen is home
    assert app.return_code in (None, 0)


def test_every_screen_declares_get_help_first() -> None:
    """Textual's Footer lists keys in the order they are declared (focused widget,
    screen, app), so F1 leads every footer only because each screen declares it first;
    the help screen itself has no need to."""
    import importlib
    import pkgutil

    import ecouch_tui.ui.screens as package

    screens = []
    for found in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{found.name}")
        screens += [
            value
            for value in vars(module).values()
            if isinstance(value, type)
            and issubclass(value, Screen)
            and value.__module__ == module.__name__
        ]
    assert len(screens) > 10
    for screen in screens:
        if screen.__name__ != "HelpScreen":
            assert screen.BINDINGS[0] is GET_HELP_KEY, screen.__name__


class _Keys(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("f1", "bell", "Help", priority=True)]

    def compose(self) -> ComposeResult:
        yield Footer()


class _KeysScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "app.bell", "Help"),
        Binding("n", "app.quit", "Next"),
    ]

    def compose(self) -> ComposeResult:
        yield Footer()


async def test_the_footer_lists_keys_in_the_order_declared() -> None:
    """What declaring F1 first relies on; an app's binding alone comes after the
    screen's (so ecouch's own F1 would be last), and a priority binding for the same
    key keeps the place the screen gave it."""
    app = _Keys()
    async with app.run_test() as pilot:
        await app.push_screen(_KeysScreen())
        await pilot.pause()
        keys = [str(getattr(key, "key", "")) for key in app.screen.query("FooterKey")]
        assert keys[:2] == ["f1", "n"]


async def test_course_text_declares_only_the_component_classes_its_text_uses() -> None:
    """`course_text` narrows CourseText's component classes by setting the
    `_inherit_component_classes` flag that `inherit_component_classes=False` would set
    (Widget.__init_subclass__ does not pass it on in Textual 8.2.8)."""
    plain, heading = course_text("Plain, with **bold**."), course_text("## A heading")
    assert isinstance(plain, CourseText) and type(plain) is not CourseText
    app = _Holding(plain, heading)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert plain.get_component_styles("strong").text_style.bold
        with pytest.raises(KeyError):
            plain.get_component_styles("h1")
        heading.get_component_styles("h2")


class _Holding(App[None]):
    def __init__(self, *widgets: Widget) -> None:
        super().__init__()
        self.widgets = widgets

    def compose(self) -> ComposeResult:
        yield from self.widgets


async def test_marked_choices_made_cheaply_are_as_textuals_own() -> None:
    """`compact()` and MarkedRadioButton/MarkedCheckbox's `value` set the reactive and
    the CSS classes (`-textual-compact`, `-on`) that Textual's own `compact=True` and
    `value=True` set, without restyling a widget not yet mounted."""
    ours: list[RadioSet | Checkbox | Button] = [
        compact(RadioSet(MarkedRadioButton("a", value=True), MarkedRadioButton("b"))),
        compact(MarkedCheckbox("c", value=True)),
        compact(Button("d")),
    ]
    textuals: list[Widget] = [
        RadioSet(RadioButton("a", value=True), RadioButton("b"), compact=True),
        Checkbox("c", value=True, compact=True),
        Button("d", compact=True),
    ]
    app = _Holding(*ours, *textuals)
    async with app.run_test() as pilot:
        await pilot.pause()
        for mine, theirs in zip(ours, textuals, strict=True):
            assert mine.compact
            for a, b in zip(
                mine.walk_children(Widget, with_self=True),
                theirs.walk_children(Widget, with_self=True),
                strict=True,
            ):
                assert a.classes == b.classes
                assert getattr(a, "value", None) == getattr(b, "value", None)
                assert a.region.size == b.region.size
