"""Widget for `staying_well_plan` blocks: the written plan for staying well, section by section.

One plan per user, shared by every block of this type and saved as the user types. Each
section has a short hint; a line at the top counts the sections written, so the plan
can be built over several sittings.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Label, Static, TextArea

from ecouch_tui.content.blocks.staying_well_plan import (
    SECTION_HINTS,
    SECTIONS,
    StayingWellPlan,
    StayingWellPlanBlock,
)
from ecouch_tui.ui.blocks.base import BlockView, TextBox
from ecouch_tui.ui.blocks.entries import EntryForm, EntryPlace, compose_prompt


def section_title(plan: StayingWellPlan, number: int, key: str) -> Content:
    """A numbered title with a tick once something is written (a mark, not a colour)."""
    mark = " ✓" if plan.written(key) else ""
    return Content.assemble((f"{number}. {SECTIONS[key]}", "bold"), mark)


class StayingWellPlanForm(EntryForm):
    """The user's one staying-well plan: a text box per section."""

    KIND = "staying_well_plan"
    data: StayingWellPlan

    DEFAULT_CSS = """
    StayingWellPlanForm #progress { margin-bottom: 1; text-style: italic; }
    StayingWellPlanForm.-after-prompt #progress { margin: 1 0 1 0; }
    StayingWellPlanForm .section-title { margin-top: 1; }
    StayingWellPlanForm .section-title.first { margin-top: 0; }
    StayingWellPlanForm .hint { color: $text-muted; }
    StayingWellPlanForm TextArea { height: auto; min-height: 4; max-height: 10; }
    """

    def compose(self) -> ComposeResult:
        yield Static(self.data.summary(), id="progress")
        for number, key in enumerate(SECTIONS, 1):
            classes = "section-title first" if number == 1 else "section-title"
            yield Label(section_title(self.data, number, key), id=f"title-{key}", classes=classes)
            yield Static(SECTION_HINTS[key], classes="hint")
            yield TextBox(getattr(self.data, key), soft_wrap=True, id=key)
        yield self.status()

    @on(TextArea.Changed)
    def _written(self, event: TextArea.Changed) -> None:
        event.stop()
        key = str(event.text_area.id)
        self.change(**{key: event.text_area.text})
        self.query_one("#progress", Static).update(self.data.summary())
        number = list(SECTIONS).index(key) + 1
        self.query_one(f"#title-{key}", Label).update(section_title(self.data, number, key))


class StayingWellPlanView(BlockView):
    BLOCK = StayingWellPlanBlock
    block: StayingWellPlanBlock

    DEFAULT_CSS = """
    StayingWellPlanView { border: round $secondary; padding: 0 1; height: auto; }
    StayingWellPlanView > .prompt { margin-bottom: 1; }
    """

    def compose(self) -> ComposeResult:
        self.border_title = "My staying-well plan"
        yield from compose_prompt(self.block.prompt)
        place = EntryPlace(self.context.module_id, self.context.page_id, self.block.id)
        form = StayingWellPlanForm(place)
        form.set_class(bool(self.block.prompt), "-after-prompt")
        yield form
