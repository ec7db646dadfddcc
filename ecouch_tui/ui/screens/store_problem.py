"""Shown instead of the course when the store cannot be opened; nothing is changed."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Static

from ecouch_tui.store.errors import StoreError


class StoreProblemScreen(Screen[None]):
    DEFAULT_CSS = """
    StoreProblemScreen Vertical { padding: 1 2; }
    StoreProblemScreen #problem { margin-bottom: 1; }
    """

    def __init__(self, error: StoreError) -> None:
        super().__init__()
        self.error = error

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        with Vertical():
            yield Static("[b]ecouch cannot open your data[/b]", id="title")
            yield Static(str(self.error), id="problem", markup=False)
            yield Static(
                "Your file has not been changed or deleted. Press F1 for crisis lines at any time.",
                id="reassure",
            )
            yield Button("Quit", id="quit", variant="primary")
        yield Footer()

    @on(Button.Pressed, "#quit")
    def _quit(self) -> None:
        self.app.exit()
