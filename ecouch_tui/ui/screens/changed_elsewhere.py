"""Asked when a save found that someone else changed the same thing meanwhile.

Another copy of ecouch, `ecouch mood` in a shell or `ecouch import` wrote a field of an
entry that the user was changing here. Nothing of theirs has been written over (the
merge kept it); this window shows both and lets the user choose. Escape decides later:
theirs stays saved, the user's words stay on screen and are asked about again at the
next change.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ecouch_tui.ui.keys import GET_HELP_KEY
from ecouch_tui.ui.widgets.footer import EcouchFooter

Choice = Literal["mine", "theirs"]


class ChangedElsewhereScreen(ModalScreen[Choice | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        GET_HELP_KEY,
        Binding("escape", "dismiss(None)", "Decide later"),
    ]
    DEFAULT_CSS = """
    ChangedElsewhereScreen { align: center middle; }
    ChangedElsewhereScreen > Vertical {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: thick $warning; background: $surface; padding: 0 1;
    }
    ChangedElsewhereScreen VerticalScroll { height: auto; max-height: 12; }
    ChangedElsewhereScreen .field { margin-top: 1; }
    ChangedElsewhereScreen Horizontal { height: auto; margin-top: 1; }
    ChangedElsewhereScreen Button { margin-right: 2; }
    """

    def __init__(self, what: str, fields: list[tuple[str, str, str]]) -> None:
        """`fields`: (label, as saved elsewhere, as here) for each field both changed."""
        super().__init__()
        self.what = what
        self.fields = fields

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Changed somewhere else too"
            yield Static(
                Content(
                    f"While you were changing {self.what}, it was also saved somewhere else "
                    "(another ecouch window, or a command such as `ecouch mood` or `ecouch "
                    "import`). Nothing has been written over yet. Which do you want to keep?"
                )
            )
            with VerticalScroll():
                for label, theirs, mine in self.fields:
                    # The user's own words: plain text, never markup.
                    yield Static(
                        Content.assemble(
                            (label, "bold"),
                            f"\n· saved elsewhere: {theirs}\n· here: {mine}",
                        ),
                        classes="field",
                    )
            with Horizontal():
                yield Button("Keep mine", id="mine", variant="primary")
                yield Button("Use the one saved elsewhere", id="theirs")
        yield EcouchFooter()

    @on(Button.Pressed, "#mine")
    def _mine(self) -> None:
        self.dismiss("mine")

    @on(Button.Pressed, "#theirs")
    def _theirs(self) -> None:
        self.dismiss("theirs")
