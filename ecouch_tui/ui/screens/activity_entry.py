"""Quick add from home (a): one "achieved and enjoyed" entry in a few seconds."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen

from ecouch_tui.ui.access import AppAccess
from ecouch_tui.ui.blocks.activity_log import ActivityForm
from ecouch_tui.ui.blocks.entries import HOME
from ecouch_tui.ui.keys import GET_HELP_KEY
from ecouch_tui.ui.widgets.footer import EcouchFooter


class ActivityEntryScreen(AppAccess, ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [GET_HELP_KEY, Binding("escape", "close", "Close")]
    DEFAULT_CSS = """
    ActivityEntryScreen { align: center middle; }
    ActivityEntryScreen > VerticalScroll {
        width: 72; max-width: 100%; height: auto; max-height: 100%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    /* 40x12: no border or blank rows and one-row boxes, so Done is in view. */
    ActivityEntryScreen.-short > VerticalScroll { border: none; padding: 0; }
    ActivityEntryScreen.-short ActivityForm .question { margin-top: 0; }
    ActivityEntryScreen.-short ActivityForm Input { border: none; height: 1; padding: 0 1; }
    ActivityEntryScreen.-short ActivityForm #finish { margin-top: 0; }
    ActivityEntryScreen.-short ActivityForm .form-status { display: none; }
    ActivityEntryScreen.-short ActivityForm .form-status.-problem { display: block; }
    """

    def compose(self) -> ComposeResult:
        with VerticalScroll() as box:
            box.border_title = "Achieved and enjoyed"
            yield ActivityForm(HOME)
        yield EcouchFooter()  # Esc, as on every screen

    def on_mount(self) -> None:
        self.query_one("#what").focus()

    @on(ActivityForm.Added)
    def _added(self) -> None:
        self.dismiss()

    def action_close(self) -> None:
        self.query_one(ActivityForm).flush()  # a half-written entry is kept, not lost
        self.dismiss()
