"""Every key the screen below answers to, with what it does (`?` on any screen).

The footer has room for a few keys (and at 40 columns, for Get help now and little
else); this list has the rest: keys hidden from the footer, the focused part's own
keys (the chart's arrows, a list's Enter) and the app's. It is drawn from the bindings
Textual would act on at that moment, so it cannot drift from what the keys really do.
"""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from ecouch_tui.ui.keys import GET_HELP_KEY
from ecouch_tui.ui.widgets.footer import EcouchFooter

#: Keys every screen has that are not bindings of its own (Textual handles them).
ALWAYS = (("tab", "Next part of the screen (shift+tab: the one before)"),)

SCREEN = "On this screen"
FOCUSED = "Where the cursor is"
EVERYWHERE = "On every screen"

#: Textual's own wording for its keys, in ecouch's words.
PLAIN = {
    "Focus Next": "",  # said once, in ALWAYS
    "Focus Previous": "",
    "palette": "Command palette: every command, found by typing",
    "Quit": "Quit ecouch (what you typed is saved)",
    "Press button": "Press the highlighted button",
    "Scroll Left": "",  # a list's sideways scrolling: nothing ecouch shows is that wide
    "Scroll Right": "",
    "Page Left": "",
    "Page Right": "",
    "Copy selected text": "Copy the text selected with the mouse",
}


def key_rows(screen: Screen[object]) -> list[tuple[str, list[tuple[str, str]]]]:
    """(heading, [(keys, what they do)]) for what `screen` answers to now: its own keys
    first, in footer order, then the focused part's, then those of every screen."""
    app = screen.app
    sections: dict[str, dict[str, tuple[list[str], str]]] = {
        SCREEN: {},
        FOCUSED: {},
        EVERYWHERE: {},
    }
    for node, binding, enabled, _tooltip in screen.active_bindings.values():
        description = PLAIN.get(binding.description, binding.description)
        if binding.tooltip and binding.description not in PLAIN and description:
            description = f"{description}: {binding.tooltip}"
        if not enabled or not description or binding.action.endswith("show_keys"):
            continue
        if binding.key.startswith("super+"):  # the Mac's Command key: ctrl+ is listed
            continue
        where = SCREEN if node is screen else EVERYWHERE if node is app else FOCUSED
        if binding.action == "screen.copy_text":
            where = EVERYWHERE  # Textual's, on every screen
        if binding.id == "get_help":
            where = SCREEN  # declared by the app and by every screen: one line, first
        keys, _ = sections[where].setdefault(binding.action.removeprefix("app."), ([], description))
        shown = app.get_key_display(binding)
        if shown not in keys:
            keys.append(shown)
    sections[EVERYWHERE].update(
        {key: ([app.get_key_display(Binding(key, ""))], words) for key, words in ALWAYS}
    )
    return [
        (heading, [(" ".join(keys), words) for keys, words in rows.values()])
        for heading, rows in sections.items()
        if rows
    ]


class KeysScreen(ModalScreen[None]):
    """The key list for the screen it was opened over; Esc or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        GET_HELP_KEY,
        Binding("escape,question_mark", "dismiss(None)", "Close", id="close"),
    ]
    DEFAULT_CSS = """
    KeysScreen { align: center middle; }
    KeysScreen > VerticalScroll {
        width: 72; max-width: 100%; height: auto; max-height: 100%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    KeysScreen.-short > VerticalScroll { border: none; padding: 0; }
    KeysScreen .keys-heading { text-style: bold underline; }
    KeysScreen .keys-table { margin-bottom: 1; }
    """

    def __init__(self, over: Screen[object]) -> None:
        super().__init__()
        self.rows = key_rows(over)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="keys-list") as box:
            box.border_title = "Keys"
            for heading, rows in self.rows:
                yield Static(heading, classes="keys-heading", markup=False)
                table = Table.grid(padding=(0, 2))
                table.add_column(no_wrap=True, style="bold", min_width=5)
                table.add_column()
                for keys, words in rows:
                    table.add_row(keys, Text(words))
                yield Static(table, classes="keys-table")
        yield EcouchFooter()
