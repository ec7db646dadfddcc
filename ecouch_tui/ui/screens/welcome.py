"""First run (and About): what ecouch is and is not, and the region for crisis lines."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header, Markdown, RadioSet, Static

from ecouch_tui.ui.access import AppAccess
from ecouch_tui.ui.keys import GET_HELP_KEY
from ecouch_tui.ui.widgets.footer import EcouchFooter
from ecouch_tui.ui.widgets.marked import MarkedRadioButton

ABOUT = """\
## Welcome to ecouch

ecouch is a **self-help course for low mood**. It follows e-couch, an online
programme that helped people with depression in a randomised trial. There are
twelve short modules, one a week, plus a daily mood log and a weekly check-in.

**What it is not.** ecouch is not a treatment, it does not diagnose anything, and
it is **not a crisis service**: nobody reads what you write, so it cannot respond if
you are in danger. Press **F1** on any screen for crisis lines.

**When to see a doctor.** If low mood lasts more than two weeks, gets worse, or
affects your work or relationships, please see your doctor (GP). ecouch can sit
alongside their care.

**Private by design.** Everything you write stays in one file on this computer.
Nothing is sent anywhere. You can export it or delete it whenever you like.
"""


class WelcomeScreen(AppAccess, Screen[None]):
    CSS_PATH = "welcome.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        GET_HELP_KEY,
        Binding("escape", "back", "Back", id="back"),
    ]

    def __init__(self, first_run: bool) -> None:
        super().__init__()
        self.first_run = first_run

    def compose(self) -> ComposeResult:
        from ecouch_tui.ui.screens.region import region_options

        session = self.session
        enrolment = session.store.enrolment()
        current = enrolment.region if enrolment else None
        yield Header(icon="≡")
        with VerticalScroll(id="welcome"):
            yield Markdown(ABOUT, open_links=False)
            yield Static(
                "[b]Where do you live?[/b] This chooses which crisis lines to show. "
                "Press Tab to reach the list, the arrow keys and Enter to choose."
            )
            with RadioSet(id="regions"):
                for option in region_options(session):
                    yield MarkedRadioButton(
                        str(option.prompt), value=option.id == current, id=f"region-{option.id}"
                    )
            label = "Start the course" if self.first_run else "Save and go back"
            yield Button(label, id="start", variant="primary")
        yield EcouchFooter()

    def on_mount(self) -> None:
        # Start at the top of the text; Tab moves on to the choices.
        self.query_one("#welcome", VerticalScroll).focus()

    def chosen_region(self) -> str | None:
        pressed = self.query_one("#regions", RadioSet).pressed_button
        return str(pressed.id).removeprefix("region-") if pressed and pressed.id else None

    @on(Button.Pressed, "#start")
    def _start(self) -> None:
        region = self.chosen_region()
        if region is None:
            self.notify(
                "Choose where you live (or 'Somewhere else') so ecouch can show the right "
                "crisis lines.",
                title="One more thing",
                severity="warning",
            )
            self.query_one("#regions", RadioSet).focus()
            return
        # A worker: the wait for the save must not hold up this screen's messages.
        self.run_worker(self._enrol(region), group="enrol", exclusive=True)

    async def _enrol(self, region: str) -> None:
        """Start the course once that is on disk (home reads the start date)."""
        if await self.ecouch.save_quietly(lambda store: store.enrol(region)):
            self.app.pop_screen()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # On the first run there is nowhere to go back to: Esc is not offered there.
        return not (action == "back" and self.first_run)

    def action_back(self) -> None:
        if not self.first_run:
            self.app.pop_screen()
