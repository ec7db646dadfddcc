"""The safety plan editor (Stanley & Brown): six short sections, saved as they are typed.

Offered from the safety screen and the check-in result; one plan per user (a shared
entry, uid "safety_plan"), so every way in opens the same plan. The Workbook finds the
form here by its KIND.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Label, Static, TextArea

from ecouch_tui.content.safety_plan import KIND, SECTIONS
from ecouch_tui.ui.access import AppAccess
from ecouch_tui.ui.blocks.entries import HOME, EntryForm, EntryPlace
from ecouch_tui.ui.keys import GET_HELP_KEY
from ecouch_tui.ui.widgets.footer import EcouchFooter

#: Where the plan is filed: written outside any module page.
PLACE = EntryPlace(HOME.module_id, HOME.page_id, KIND)

#: A prompt under each heading: examples, so an empty box is easier to start.
EXAMPLES: dict[str, str] = {
    "warning_signs": "e.g. not sleeping, staying in bed, not answering messages",
    "coping_alone": "e.g. a walk, a shower, music, slow breathing",
    "distractions": "e.g. a café, the library, a friend's place",
    "ask_for_help": "names and numbers of people you trust",
    "professionals": "your GP; a crisis line (F1 shows them)",
    "safe_surroundings": "e.g. ask someone to keep medicines for now",
}


class SafetyPlanForm(EntryForm):
    """The plan's six sections as text boxes; every change is saved shortly after typing."""

    KIND = KIND
    DEFAULT_CSS = """
    SafetyPlanForm Label { margin-top: 1; text-style: bold; }
    SafetyPlanForm TextArea { height: 4; }
    """

    def compose(self) -> ComposeResult:
        for key, title in SECTIONS.items():
            yield Label(title, id=f"label-{key}")
            area = TextArea(
                getattr(self.data, key),
                id=f"plan-{key}",
                placeholder=EXAMPLES.get(key, ""),
                soft_wrap=True,
                tab_behavior="focus",
            )
            area.border_title = None
            yield area
        yield self.status()

    @on(TextArea.Changed)
    def _typed(self, event: TextArea.Changed) -> None:
        key = str(event.text_area.id).removeprefix("plan-")
        if key in SECTIONS:
            self.change(**{key: event.text_area.text})


class SafetyPlanScreen(AppAccess, Screen[None]):
    CSS_PATH = "safety_plan.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        GET_HELP_KEY,
        Binding("escape", "done", "Done", id="safety_plan_done"),
    ]

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        with VerticalScroll(id="plan-body"):
            yield Static(
                "Your safety plan: what helps when things get hard, in your own words. "
                "Write as much or as little as you like; it saves as you type and stays on "
                "this computer. Tab moves to the next section.",
                id="plan-intro",
            )
            yield Static("", id="plan-status")
            yield SafetyPlanForm(PLACE, id="plan-form")
        yield EcouchFooter()

    def on_mount(self) -> None:
        self.sub_title = "Safety plan"
        form = self.query_one(SafetyPlanForm)
        written = form.uid is not None and (
            self.ecouch.pending_entry(form.uid) is not None  # a save of it on its way
            or self.session.store.entry(form.uid) is not None
        )
        self._status(form.data.summary() if written else "")
        self.query_one("#plan-warning_signs", TextArea).focus()

    def _status(self, text: str) -> None:
        status = self.query_one("#plan-status", Static)
        status.update(text)
        status.display = bool(text)

    @on(EntryForm.Saved)
    def _saved(self, event: EntryForm.Saved) -> None:
        self._status(f"Saved · {event.form.data.summary()}")

    def action_done(self) -> None:
        self.ecouch.flush_savers()
        self.app.pop_screen()
