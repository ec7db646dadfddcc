"""The one question about the research log (issue 15), asked once after week 1.

Calm and optional: what the log records, that it stays on this computer and nothing
is sent, how to turn it off and delete it. Yes or No thanks; Escape is No thanks. The
answer is remembered (`Store.set_research`) and the question never comes back; the
palette's "Research log" switches it later.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ecouch_tui.ui.keys import GET_HELP_KEY
from ecouch_tui.ui.widgets.footer import EcouchFooter

TITLE = "Help research on courses like this? (optional)"
CONSENT = (
    "If you say yes, ecouch keeps a use log: when you open and close it, which screens "
    "and course pages you look at and for how long, when you finish a week, which kind "
    "of exercise you save, which check-in you do and its total, and when you log your "
    "mood. It never records anything you type: no words, answers or notes.",
    "The log stays with your ecouch data on this computer. Nothing is sent anywhere. "
    "Only you can share it: 'ecouch research export' writes it to a file, after showing "
    "you exactly what is in it.",
    "Turn it off any time ('Research log' in the palette, Ctrl+P, or 'ecouch research "
    "off'); delete it with 'ecouch research forget'. Saying no changes nothing, and you "
    "will not be asked again.",
)


class ResearchConsentScreen(ModalScreen[bool]):
    BINDINGS: ClassVar[list[BindingType]] = [
        GET_HELP_KEY,
        Binding("escape", "no", "No thanks"),
    ]
    DEFAULT_CSS = """
    ResearchConsentScreen { align: center middle; }
    ResearchConsentScreen > Vertical {
        width: 72; max-width: 100%; height: auto; max-height: 100%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    ResearchConsentScreen VerticalScroll { height: auto; max-height: 13; }
    ResearchConsentScreen.-short VerticalScroll { max-height: 5; }
    ResearchConsentScreen .consent { margin-top: 1; }
    ResearchConsentScreen #consent-0 { margin-top: 0; }
    ResearchConsentScreen Horizontal { height: auto; margin-top: 1; }
    ResearchConsentScreen Button { margin-right: 2; width: auto; }
    """

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = TITLE
            with VerticalScroll(id="research-text"):
                for index, paragraph in enumerate(CONSENT):
                    yield Static(paragraph, classes="consent", id=f"consent-{index}", markup=False)
            with Horizontal():
                yield Button("Yes, keep a use log", id="research-yes", compact=True)
                yield Button("No thanks", id="research-no", variant="primary", compact=True)
        yield EcouchFooter()

    def on_mount(self) -> None:
        self.query_one("#research-no", Button).focus()

    def action_no(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed)
    def _chosen(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "research-yes")
