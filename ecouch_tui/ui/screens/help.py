"""Get help now: the crisis lines for the user's region, one key from anywhere."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ecouch_tui.content.crisis import Region
from ecouch_tui.course import crisis_text as words
from ecouch_tui.ui.access import AppAccess
from ecouch_tui.ui.keys import GET_HELP_KEY as GET_HELP_KEY  # where screens found it
from ecouch_tui.ui.widgets.crisis_lines import CrisisLines
from ecouch_tui.ui.widgets.footer import EcouchFooter


def help_note(region: Region | None) -> str:
    """Below the lines: what ecouch is not, what to do now, and when to see a doctor."""
    return (
        "ecouch is a self-help course. It is not a crisis service, and nobody sees what you "
        "write here, so it cannot respond if you are in danger. "
        f"{words.act_now(region)}\n\n"
        "If low mood has lasted more than two weeks, is getting worse, or is affecting "
        "your work or relationships, please see your doctor (GP)."
    )


class HelpScreen(AppAccess, ModalScreen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Close", id="close_help"),
        Binding("r", "change_region", "Change region", id="change_region"),
        Binding("p", "app.safety_plan", "Safety plan", id="safety_plan"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = "Get help now"
            yield CrisisLines(id="lines")
            yield Static(id="help-note", markup=False)
            with Horizontal(id="help-buttons"):
                yield Button("Change region", id="region", compact=True)
                yield Button("Close", id="close", variant="primary", compact=True)
        # Its own keys (r, p, Esc) are shown here like on every screen, not left to guess.
        yield EcouchFooter()

    def on_mount(self) -> None:
        self.show_region()
        # Focus Close without scrolling to it: on a small terminal the crisis lines at
        # the top are what must be in view.
        self.query_one("#close", Button).focus(scroll_visible=False)

    def show_region(self) -> None:
        session = self.ecouch.open_session
        region = session.region() if session is not None else None
        self.query_one("#lines", CrisisLines).show(region)
        self.query_one("#help-note", Static).update(help_note(region))

    def action_change_region(self) -> None:
        from ecouch_tui.ui.screens.region import RegionScreen

        async def save(code: str) -> None:
            if self.session.store.enrolment() is None:
                await self.ecouch.save_quietly(lambda store: store.enrol(code))
            else:
                await self.ecouch.save_quietly(lambda store: store.set_region(code))
            self.show_region()  # read back once it is on disk

        def chosen(code: str | None) -> None:
            if code is not None:  # a worker: this screen answers keys while it saves
                self.run_worker(save(code), group="region", exclusive=True)

        self.app.push_screen(RegionScreen(), chosen)

    @on(Button.Pressed, "#region")
    def _region(self) -> None:
        self.action_change_region()

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.dismiss()
