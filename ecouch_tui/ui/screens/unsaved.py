"""What could not be saved, shown so it can be copied: never lost on the way out.

When the disk is full or the data folder read-only, typing stays in its box and saving
is retried with every change. But a box can go away: the page changes, a window closes,
the app quits. Then its words come here, in full, with why they were not saved, until
the user has copied them (Copy all, or select and Ctrl+C) and closes this window.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static, TextArea

from ecouch_tui.ui.keys import GET_HELP_KEY
from ecouch_tui.ui.widgets.footer import EcouchFooter

#: Between the pieces of text when more than one box could not be saved.
SEPARATOR = "\n\n· · ·\n\n"


class UnsavedScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [GET_HELP_KEY, Binding("escape", "close", "Close")]
    DEFAULT_CSS = """
    UnsavedScreen { align: center middle; }
    UnsavedScreen > Vertical {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: thick $error; background: $surface; padding: 0 1;
    }
    UnsavedScreen #unsaved-why { margin-bottom: 1; }
    UnsavedScreen TextArea { height: auto; min-height: 3; max-height: 12; }
    UnsavedScreen #unsaved-how { color: $text-muted; margin-top: 1; }
    UnsavedScreen Horizontal { height: auto; margin-top: 1; }
    UnsavedScreen Button { margin-right: 2; }
    """

    def __init__(self, text: str, reason: str, *, quitting: bool = False) -> None:
        super().__init__()
        self.text = text
        self.reason = reason
        self.quitting = quitting

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Not saved: your words are below"
            yield Static(self._why(), id="unsaved-why", markup=False)
            yield TextArea(self.text, read_only=True, soft_wrap=True, id="unsaved-text")
            yield Static(
                "Copy all puts it on your clipboard; or select part of it (Shift+arrows, "
                "F7 for all) and press Ctrl+C. Keep it somewhere safe, then free some space "
                "or fix the folder: what you type after that is saved as usual.",
                id="unsaved-how",
            )
            with Horizontal():
                yield Button("Copy all", id="copy", variant="primary", compact=True)
                yield Button("Close", id="close", compact=True)
        yield EcouchFooter()

    def _why(self) -> str:
        why = f"ecouch could not save this. {self.reason}"
        if self.quitting:
            why += " Press Ctrl+Q again to quit without it."
        return why

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def add(self, text: str) -> None:
        """Another box's words, while this window is still open."""
        self.text = f"{self.text}{SEPARATOR}{text}" if self.text else text
        for area in self.query(TextArea).results(TextArea):
            area.load_text(self.text)

    @on(Button.Pressed, "#copy")
    def _copy(self) -> None:
        self.app.copy_to_clipboard(self.text)
        self.notify("Copied. Paste it somewhere safe.", title="Copied")

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.action_close()

    def action_close(self) -> None:
        self.dismiss()
