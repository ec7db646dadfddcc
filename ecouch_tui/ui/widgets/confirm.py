"""The one question asked before something that cannot be undone."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ecouch_tui.ui.keys import GET_HELP_KEY


class Confirm(ModalScreen[bool]):
    """`question` in bold, `detail` under it, and two buttons: Keep (first, focused,
    and Escape: a second Enter must never delete) and `yes`. True when `yes` is chosen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        GET_HELP_KEY,
        Binding("escape", "keep", "Keep", id="confirm_keep"),
    ]
    DEFAULT_CSS = """
    Confirm { align: center middle; }
    Confirm > Vertical {
        width: 64; max-width: 100%; height: auto;
        border: round $warning; background: $surface; padding: 1 2;
    }
    Confirm #confirm-buttons { height: auto; margin-top: 1; }
    Confirm Button { margin-right: 2; }
    """

    def __init__(self, question: str, detail: str = "", yes: str = "Remove") -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content.styled(self.question, "bold"))
            if self.detail:
                yield Static(Content(self.detail))
            with Horizontal(id="confirm-buttons"):
                yield Button("Keep", id="confirm-keep", compact=True)
                yield Button(self.yes, id="confirm-yes", variant="error", compact=True)

    def on_mount(self) -> None:
        self.query_one("#confirm-keep", Button).focus()

    @on(Button.Pressed, "#confirm-keep")
    def action_keep(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed, "#confirm-yes")
    def _yes(self) -> None:
        self.dismiss(True)
