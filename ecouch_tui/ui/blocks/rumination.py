"""Widget for `rumination` blocks: from a spell of brooding to one next step.

Three short steps: notice what you were dwelling on and what set it off; turn the "why"
question into a "how" one; choose one small next step and when, and (if the block offers
it) park the rest for the daily worry time. A log: every spell is an entry of its own.
"""

from __future__ import annotations

from typing import ClassVar

from textual.content import Content
from textual.widget import Widget

from ecouch_tui.content.blocks.rumination import STEPS, RuminationBlock, RuminationEntry
from ecouch_tui.ui.blocks.entries import EntryPlace
from ecouch_tui.ui.blocks.stepped import (
    SteppedForm,
    SteppedView,
    hint,
    line,
    pinned_line,
    question,
    text_box,
)

KIND = "rumination"


class RuminationForm(SteppedForm):
    """One spell of dwelling, turned into a next step."""

    KIND = KIND
    data: RuminationEntry

    STEPS = STEPS
    TEXT_FIELDS: ClassVar[dict[str, str]] = {
        "dwelling": "dwelling",
        "trigger": "trigger",
        "why": "why_question",
        "how": "how_question",
        "action": "action",
        "when": "action_when",
        "worry-time": "worry_time",
    }
    NAME = "from dwelling to doing"
    FINISHED = "Saved. Well done for stepping out of the loop."
    NEW_LABEL = "＋ Something new on my mind"
    FINISH_LABEL = ("Done ✓", "Done ✓")

    def __init__(
        self,
        place: EntryPlace,
        *,
        uid: str | None = None,
        worry_time: bool = True,
        worry_minutes: int = 20,
    ) -> None:
        super().__init__(place, uid=uid)
        #: Ask about parking the rest for worry time, and for how long it is.
        self.worry_time = worry_time or bool(self.data.worry_time.strip())
        self.worry_minutes = worry_minutes

    def step_widgets(self, step: int) -> list[Widget]:
        data = self.data
        if step == 1:
            return [
                question("What have you been going over and over in your mind?"),
                text_box(data.dwelling, "dwelling", "e.g. The argument with Dad"),
                question("What set it off, or what was the first sign? Where were you, and when?"),
                text_box(data.trigger, "trigger", "e.g. In bed after the light was off"),
            ]
        if step == 2:
            return [
                hint(
                    'Brooding asks "why" questions that have no answer. A "how" question'
                    " points to something you can do.",
                    lead=True,
                ),
                question('What "why" question did you keep asking yourself?'),
                line(data.why_question, "why", "e.g. Why do I always mess things up?"),
                question('Now turn it into a "how" question: How can I …?'),
                line(data.how_question, "how", "e.g. How can I make the next call go better?"),
            ]
        widgets: list[Widget] = [
            question("What is one small thing you can do about it?"),
            text_box(data.action, "action", "e.g. Send Dad a short text"),
            question("When will you do it?"),
            line(data.action_when, "when", "e.g. Tomorrow after lunch"),
        ]
        if self.worry_time:
            widgets += [
                question("Still on your mind? Park it for your worry time (optional)."),
                hint(
                    f"Worry time is {self.worry_minutes} minutes, at the same time each day,"
                    " to think things through. Till then, let it wait."
                ),
                line(data.worry_time, "worry-time", "when is it? e.g. 6:30 pm"),
            ]
        return widgets

    def pinned(self) -> list[Content]:
        data = self.data
        if self.step == 1:
            return []
        lines = [pinned_line("On my mind", data.dwelling)]
        if self.step == 3:
            lines.append(pinned_line("How question", data.how_question))
        return lines


class RuminationView(SteppedView):
    BLOCK = RuminationBlock
    block: RuminationBlock

    FORM = RuminationForm
    TITLE = "From dwelling to doing"
    LIST_TITLE = "Your earlier ones (Enter on one to reopen it)"

    def form(self, uid: str | None) -> RuminationForm:
        place = EntryPlace(self.context.module_id, self.context.page_id, self.block.id)
        return RuminationForm(
            place,
            uid=uid,
            worry_time=self.block.worry_time,
            worry_minutes=self.block.worry_minutes,
        )
