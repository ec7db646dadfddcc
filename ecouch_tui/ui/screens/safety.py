"""The safety response: a calm screen when a check-in answer or total needs it.

It says plainly that ecouch can't help in a crisis, shows the region's crisis lines and
emergency number, suggests a GP or a call now, and offers a safety plan. It never
blocks: Escape goes straight back (to the result, or to the question after the one that
opened it). Each time it is shown is recorded, with why, for the user's own report.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Static

from ecouch_tui.content.questionnaire import Questionnaire
from ecouch_tui.course import checkin_text as words
from ecouch_tui.course import crisis_text
from ecouch_tui.course.checkin import Outcome
from ecouch_tui.ui.access import AppAccess
from ecouch_tui.ui.keys import GET_HELP_KEY
from ecouch_tui.ui.widgets.crisis_lines import CrisisLines
from ecouch_tui.ui.widgets.footer import EcouchFooter


class SafetyScreen(AppAccess, Screen[None]):
    CSS_PATH = "safety.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        GET_HELP_KEY,
        Binding("escape", "back", "Back", id="safety_back"),
        Binding("p", "safety_plan", "Safety plan", id="safety_plan"),
        Binding("r", "change_region", "Change region", id="safety_region"),
    ]

    def __init__(
        self, questionnaire: Questionnaire, reasons: Sequence[str], outcome: Outcome | None
    ) -> None:
        super().__init__()
        self.questionnaire = questionnaire
        self.reasons = list(reasons)
        self.outcome = outcome

    def compose(self) -> ComposeResult:
        summary = words.safety_summary(self.questionnaire, self.reasons, self.outcome)
        with VerticalScroll(id="safety-body"):
            # The numbers come first, under a one-line heading: on a small terminal they
            # are what is in view without scrolling (why the screen came next).
            yield Static(Text(words.SAFETY_TITLE, style="bold"), id="safety-title")
            yield CrisisLines(id="safety-lines")
            yield Static(id="safety-advice", markup=False)
            yield Static(Text(summary), id="safety-reasons")
            yield Static(words.SAFETY_NOT_A_CRISIS_SERVICE, id="safety-not-crisis", markup=False)
            yield Static(words.SAFETY_PLAN_OFFER, id="safety-plan-offer", markup=False)
            with Horizontal(id="safety-buttons"):
                yield Button("Write a safety plan (p)", id="safety-plan", compact=True)
                yield Button("Back (Esc)", id="safety-back", variant="primary", compact=True)
        yield EcouchFooter()

    def on_mount(self) -> None:
        self.show_region()
        # Focus the way back without scrolling to it: the top of the screen matters most.
        self.query_one("#safety-back", Button).focus(scroll_visible=False)
        self._record()

    def show_region(self) -> None:
        region = self.session.region()
        self.query_one("#safety-lines", CrisisLines).show(region)
        self.query_one("#safety-advice", Static).update(crisis_text.safety_advice(region))

    def _record(self) -> None:
        """Note that the screen was shown and why (date and reason), for the user's report."""
        q = self.questionnaire
        reasons = "; ".join(self.reasons)
        if self.outcome is not None:
            detail = (
                f"total {self.outcome.score.total} ({self.outcome.score.band.name}), in the app"
            )
        else:
            detail = "during the questions, in the app"
        self.ecouch.save_quietly(
            lambda store: store.record_safety_event(
                reasons, source=f"checkin:{q.id}", detail=detail
            )
        )

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_safety_plan(self) -> None:
        from ecouch_tui.ui.screens.safety_plan import SafetyPlanScreen

        self.app.push_screen(SafetyPlanScreen())

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

    @on(Button.Pressed, "#safety-back")
    def _back(self) -> None:
        self.action_back()

    @on(Button.Pressed, "#safety-plan")
    def _plan(self) -> None:
        self.action_safety_plan()
