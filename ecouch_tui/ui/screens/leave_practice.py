"""Asked when the user leaves a page while a relaxation practice is running.

Leaving used to end the practice without a word, so its "how tense now?" was never
asked. The practice waits (paused) while the user chooses: carry on, stop here and
rate it, or leave at once (the minutes done are kept either way).
"""

from __future__ import annotations

from typing import ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ecouch_tui.ui.keys import GET_HELP_KEY
from ecouch_tui.ui.widgets.footer import EcouchFooter

#: What the user chose: go on practising, stop and rate it, or leave the page now.
Choice = Literal["keep", "rate", "leave"]


class LeavePracticeScreen(ModalScreen[Choice]):
    BINDINGS: ClassVar[list[BindingType]] = [
        GET_HELP_KEY,
        Binding("escape", "keep", "Keep practising"),
    ]
    DEFAULT_CSS = """
    LeavePracticeScreen { align: center middle; }
    LeavePracticeScreen > Vertical {
        width: 64; max-width: 100%; height: auto; max-height: 100%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    LeavePracticeScreen Horizontal { height: auto; margin-top: 1; }
    LeavePracticeScreen Button { margin-right: 2; width: auto; }
    """

    def __init__(self, what: str, done: str) -> None:
        super().__init__()
        self.what = what
        self.done = done

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Your practice is still going"
            yield Static(
                f"You have done {self.done} of {self.what}. It is paused while you choose. "
                "Before you go, you can say how tense you feel now.",
                id="leave-why",
                markup=False,
            )
            with Horizontal():
                yield Button("Keep practising", id="keep", variant="primary", compact=True)
                yield Button("Stop and rate it", id="rate", compact=True)
                yield Button("Leave now", id="leave", compact=True)
        yield EcouchFooter()

    def on_mount(self) -> None:
        self.query_one("#keep", Button).focus()

    def action_keep(self) -> None:
        self.dismiss("keep")

    @on(Button.Pressed)
    def _chosen(self, event: Button.Pressed) -> None:
        event.stop()
        choices: dict[str | None, Choice] = {"rate": "rate", "leave": "leave"}
        self.dismiss(choices.get(event.button.id, "keep"))
