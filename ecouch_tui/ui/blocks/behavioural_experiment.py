"""Widget for `behavioural_experiment` blocks: plan a test of a belief, try it, then say
what happened, one step at a time.

Steps 1 and 2 are the plan (the belief and how sure, the experiment and what might get
in the way); "Plan ready ✓" ends them, and the experiment is then listed as waiting for
the result. Step 3 comes after trying it, often days later: the user reopens the same
experiment from the block's list (or the Workbook), and it opens at step 3.
"""

from __future__ import annotations

from typing import ClassVar

from textual.content import Content
from textual.widget import Widget

from ecouch_tui.content.blocks.behavioural_experiment import (
    PLAN_STEPS,
    STEPS,
    BehaviouralExperiment,
    BehaviouralExperimentBlock,
)
from ecouch_tui.ui.blocks.stepped import (
    SteppedForm,
    SteppedView,
    hint,
    pinned_line,
    question,
    text_box,
)

KIND = "behavioural_experiment"


class ExperimentForm(SteppedForm):
    """One experiment: the plan, then (later) the result."""

    KIND = KIND
    data: BehaviouralExperiment

    STEPS = STEPS
    TEXT_FIELDS: ClassVar[dict[str, str]] = {
        "belief": "belief",
        "experiment": "experiment",
        "obstacles": "obstacles",
        "result": "result",
        "learned": "learned",
    }
    RATING_FIELDS: ClassVar[dict[str, str]] = {
        "belief-before": "belief_before",
        "belief-after": "belief_after",
    }
    NAME = "your experiment"
    FINISHED = "Your experiment is written up and saved."
    NEW_LABEL = "＋ New experiment"

    def step_widgets(self, step: int) -> list[Widget]:
        data = self.data
        if step == 1:
            return [
                question("What belief or prediction do you want to test?"),
                hint('Say what you expect to happen, e.g. "If I …, then …".'),
                text_box(data.belief, "belief", "e.g. If I speak up at work, people will laugh"),
                question("How sure are you that it's true? (0 not at all, 100 completely)"),
                self.rating_row("How sure", "belief_before", "belief-before"),
            ]
        if step == 2:
            return [
                question("What will you do to test it? Say when and where."),
                text_box(data.experiment, "experiment", "e.g. Tuesday's 10 am meeting: ask one"),
                question("What might get in the way, and how will you handle it?"),
                text_box(data.obstacles, "obstacles", "e.g. If I freeze, I'll read my note"),
            ]
        return [
            hint("Fill this in after you have tried it, even if it didn't go to plan.", lead=True),
            question("What actually happened?"),
            text_box(data.result, "result", "what you saw and heard, like a camera"),
            question("What does that tell you about the belief?"),
            text_box(data.learned, "learned", "e.g. People were kinder than I thought"),
            question("How sure are you of the belief now? (0-100)"),
            self.rating_row("How sure now", "belief_after", "belief-after"),
        ]

    def pinned(self) -> list[Content]:
        data = self.data
        if self.step == 1:
            return []
        sure = "" if data.belief_before is None else f" · sure {data.belief_before}/100"
        lines = [pinned_line("Belief", data.belief) + Content(sure)]
        if self.step == 3:
            lines.append(pinned_line("Experiment", data.experiment))
        return lines

    def next_label(self, narrow: bool) -> str:
        if self.step == PLAN_STEPS:
            return "Ready ✓" if narrow else "Plan ready ✓"
        return super().next_label(narrow)

    async def next_pressed(self) -> None:
        if self.step == PLAN_STEPS:
            await self.plan_ready()
        else:
            await super().next_pressed()

    async def plan_ready(self) -> None:
        """The plan is done: saved, listed as waiting for the result, on to step 3."""
        gaps = self.data.plan_gaps()
        if gaps:
            self.say_missing("The plan is not ready yet.", gaps)
            return
        if not await self.save_now():
            return  # the form says it is not saved yet, and keeps it
        self.notify(
            "Your plan is saved. Try it out, then come back here (or to the Workbook) to"
            " say what happened.",
            title="Good luck",
        )
        await self.show_step(PLAN_STEPS + 1)


class BehaviouralExperimentView(SteppedView):
    BLOCK = BehaviouralExperimentBlock
    block: BehaviouralExperimentBlock

    FORM = ExperimentForm
    TITLE = "Behavioural experiment"
    LIST_TITLE = "Your experiments (Enter on one to reopen or finish it)"
