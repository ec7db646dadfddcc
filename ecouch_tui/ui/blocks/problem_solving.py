"""Widget for `problem_solving` blocks: six steps, one at a time, from a concrete problem
to a plan and, later, a review of how it went.

One step shows at a time so the page stays short; the problem stays in view in the
later steps. Steps move as in the thought record: the step bar's buttons, or alt+← and
alt+→ (`STEP_BINDINGS`). Everything saves as it is typed; "Mark done ✓" is the plan
step's last button (in the place of Next step, as the thought record's Finish), and
only succeeds when the problem, two options, a choice and a plan are there (the model
says what is missing). The review step comes after it.
"""

from __future__ import annotations

from typing import Any, ClassVar

import msgspec
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import Resize
from textual.widget import Widget
from textual.widgets import Button, Input, RadioSet, Static, TextArea

from ecouch_tui.content.blocks.problem_solving import (
    STEPS,
    ProblemSolving,
    ProblemSolvingBlock,
    SolutionOption,
)
from ecouch_tui.ui.blocks.base import BlockView, TextBox, words_input
from ecouch_tui.ui.blocks.entries import (
    STEP_BINDINGS,
    STEP_KEYS_HINT,
    EntryForm,
    EntryPicker,
    EntryPlace,
    compose_prompt,
)
from ecouch_tui.ui.widgets.marked import MarkedRadioButton

KIND = "problem_solving"
#: The plan: its last button marks the problem done (then the review step follows).
PLAN_STEP = 5
REVIEW_STEP = len(STEPS)

HINTS = (
    "Say what the problem is, as concretely as you can: what happens, when, and who is"
    " involved. If it is big, pick one part of it.",
    "Write down every way you could tackle it, even ones that seem silly or hard. Don't"
    " judge them yet; that comes next. Enter adds another option.",
    "For each option: what speaks for it, and what against it? A few words each is enough.",
    "Which option looks best, weighing them up? It needn't be perfect: if it doesn't work"
    " out, you can come back and try another.",
    "Break it into small steps: what you will do first, when, and what you need. What"
    " might get in the way, and what will you do then?",
    "Once you have tried it: how did it go? What helped, what didn't, and what next?",
)


def _clip(text: str, width: int) -> str:
    first = text.strip().splitlines()[0] if text.strip() else ""
    return first if len(first) <= width else first[: width - 1].rstrip() + "…"


class ProblemForm(EntryForm):
    """One problem, worked through step by step."""

    KIND = KIND
    data: ProblemSolving

    #: The same keys as every stepped exercise (`STEP_BINDINGS`).
    BINDINGS: ClassVar[list[BindingType]] = STEP_BINDINGS

    DEFAULT_CSS = """
    ProblemForm #progress { margin-top: 1; text-style: bold; }
    ProblemForm #context { color: $text-muted; }
    ProblemForm #step-body { height: auto; }
    ProblemForm .hint { margin: 1 0 0 0; }
    ProblemForm TextArea { height: auto; min-height: 4; max-height: 12; margin-top: 1; }
    ProblemForm #options { height: auto; margin-top: 1; }
    ProblemForm .pros-cons { height: auto; }
    ProblemForm .pros-cons Input { width: 1fr; }
    ProblemForm .form-status { height: auto; }
    ProblemForm .option-name { margin-top: 1; text-style: bold; }
    ProblemForm RadioSet { width: 100%; margin-top: 1; }
    ProblemForm #step-nav { height: 1; margin-top: 1; }
    ProblemForm #step-nav Button { width: 19; }
    ProblemForm #step-hint { width: 1fr; text-align: center; color: $text-muted; }
    ProblemForm.-narrow #step-nav Button { width: auto; }
    """

    def __init__(self, place: EntryPlace, *, uid: str | None = None) -> None:
        super().__init__(place, uid=uid)
        self.step = 1 if self.data.empty() else self.data.resume_step()

    def compose(self) -> ComposeResult:
        yield Static("", id="progress")
        yield Static("", id="context")
        with Vertical(id="step-body"):
            yield from self._step_widgets()
        yield self.status()
        with Horizontal(id="step-nav"):
            yield Button("◀ Previous step", id="step-previous", compact=True)
            yield Static(id="step-hint")
            yield Button("Next step ▶", id="step-next", variant="primary", compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self._show_progress()

    def on_resize(self, event: Resize) -> None:
        narrow = event.size.width < 60
        if narrow != self.has_class("-narrow"):
            self.set_class(narrow, "-narrow")
            self._show_progress()

    # -- what each step shows ------------------------------------------------------------

    def _step_widgets(self) -> list[Widget]:
        data = self.data
        hint = Static(HINTS[self.step - 1], classes="hint")
        if self.step == 1:
            return [hint, self._text_area("problem", "e.g. I have fallen behind on bills…")]
        if self.step == 2:
            count = max(len(data.options), 2)
            options = [self._option_input(i) for i in range(count)]
            return [
                hint,
                Vertical(*options, id="options"),
                Button("＋ Add another option", id="add-option", compact=True),
            ]
        listed = data.listed()
        if self.step in (3, 4) and not listed:
            return [Static("List some options first (step 2).", classes="hint")]
        if self.step == 3:
            widgets: list[Widget] = [hint]
            for number, (index, option) in enumerate(listed, 1):
                widgets += [
                    Static(
                        f"{number}. {option.text.strip()}", classes="option-name", markup=False
                    ),  # the user's own words: "[/]" in them is text, not markup
                    Horizontal(
                        words_input(option.pros, placeholder="For it: …", id=f"pros-{index}"),
                        words_input(option.cons, placeholder="Against it: …", id=f"cons-{index}"),
                        classes="pros-cons",
                    ),
                ]
            return widgets
        if self.step == 4:
            buttons = [
                MarkedRadioButton(self._option_label(option), index == data.chosen, name=str(index))
                for index, option in listed
            ]
            return [hint, RadioSet(*buttons, id="choice", compact=True)]
        if self.step == 5:
            return [hint, self._text_area("plan", "1. Tonight, find the latest bill…")]
        return [hint, self._text_area("review", "e.g. The call was easier than I feared…")]

    def _text_area(self, field: str, placeholder: str) -> TextArea:
        return TextBox(getattr(self.data, field), id=field, soft_wrap=True, placeholder=placeholder)

    def _option_input(self, index: int) -> Input:
        options = self.data.options
        text = options[index].text if index < len(options) else ""
        return words_input(text, placeholder=f"Option {index + 1}", id=f"option-{index}")

    @staticmethod
    def _option_label(option: SolutionOption) -> Content:
        weighed = []
        if option.pros.strip():
            weighed.append(f"+ {_clip(option.pros, 30)}")
        if option.cons.strip():
            weighed.append(f"− {_clip(option.cons, 30)}")
        extra = f"  ({'; '.join(weighed)})" if weighed else ""
        return Content.assemble(option.text.strip(), (extra, "dim"))

    def _show_progress(self) -> None:
        step, data = self.step, self.data
        trail = "●" * step + "○" * (len(STEPS) - step)
        done = "  ✓ marked done" if data.done else ""
        self.query_one("#progress", Static).update(
            Content.assemble(
                f"Step {step} of {len(STEPS)} · {STEPS[step - 1]}", (f"  {trail}", "dim"), done
            )
        )
        context = []
        if step > 1 and data.problem.strip():
            context.append(f"Problem: {_clip(data.problem, 70)}")
        chosen = data.chosen_option
        if step > 4 and chosen is not None:
            context.append(f"Chosen: {_clip(chosen.text, 70)}")
        if step == 6 and data.plan.strip():
            context.append(f"Plan: {_clip(data.plan, 70)}")
        box = self.query_one("#context", Static)
        box.display = bool(context)
        box.update("\n".join(context))
        narrow = self.has_class("-narrow")
        previous = self.query_one("#step-previous", Button)
        previous.disabled = step == 1
        short = f"◀ Step {step - 1}" if step > 1 else "◀"
        labels = {previous: short if narrow else "◀ Previous step"}
        labels[self.query_one("#step-next", Button)] = self._next_label(narrow)
        for button, label in labels.items():
            if str(button.label) != label:  # (this runs after every keystroke)
                button.label = label
                button.refresh(layout=True)  # a Button keeps its first width otherwise
        saved = "Saved · " if self.uid is not None else ""
        self.query_one("#step-hint", Static).update("" if narrow else f"{saved}{STEP_KEYS_HINT}")

    @on(EntryForm.Saved)
    def _saved_now(self) -> None:
        self._show_progress()  # "Saved ·"; not stopped: the view reloads its list too

    def _next_label(self, narrow: bool) -> str:
        """What the step bar's last button does here: the next step; on the plan, mark
        it done (once: then on to the review); on the review, a new problem."""
        if self.step == REVIEW_STEP:
            return "＋ New problem"
        if self.step == PLAN_STEP and not self.data.done:
            return "Done ✓" if narrow else "Mark done ✓"
        return f"Step {self.step + 1} ▶" if narrow else "Next step ▶"

    async def go_to(self, step: int) -> None:
        """Show another step (blank options are dropped on the way)."""
        if self.step == 2:
            self.change(**msgspec.structs.asdict(self.data.tidy()))
        self.step = max(1, min(len(STEPS), step))
        self.clear_step_problem()  # "Not marked done yet" is about the plan step only
        body = self.query_one("#step-body", Vertical)
        await body.remove_children()
        await body.mount_all(self._step_widgets())
        self._show_progress()
        self.focus_step()

    def focus_step(self) -> None:
        """The first thing to fill in on this step (else Next), with the step shown from
        its top (the progress line says which step it is), as in the thought record."""
        fields = list(self.query_one("#step-body").query("Input, TextArea, RadioSet"))
        target = fields[0] if fields else self.query_one("#step-next", Button)
        target.focus(scroll_visible=False)

        def scroll() -> None:
            self.query_one("#progress").scroll_visible(top=True, animate=False, immediate=True)
            target.scroll_visible(animate=False, immediate=True)

        self.call_after_refresh(scroll)

    # -- editing -------------------------------------------------------------------------

    def change(self, **fields: Any) -> None:
        super().change(**fields)
        if self.data.done and self.data.missing():
            # Done means complete: an edit that leaves something missing undoes it.
            self.data = msgspec.structs.replace(self.data, done=False)
            self.problem(
                "No longer marked done: " + "; ".join(self.data.missing()) + ".", step=True
            )
        self._show_progress()

    def _set_option(self, index: int, **fields: str) -> None:
        if index >= len(self.data.options) and not any(v.strip() for v in fields.values()):
            return  # an empty box shown for an option not written yet
        options = [msgspec.structs.replace(o) for o in self.data.options]
        while len(options) <= index:
            options.append(SolutionOption())
        options[index] = msgspec.structs.replace(options[index], **fields)
        self.change(options=options)

    @on(TextArea.Changed)
    def _text(self, event: TextArea.Changed) -> None:
        event.stop()
        field = event.text_area.id
        if field in ("problem", "plan", "review"):
            self.change(**{field: event.text_area.text})

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        name, _, index = (event.input.id or "").partition("-")
        if name == "option":
            self._set_option(int(index), text=event.value)
        elif name in ("pros", "cons"):
            self._set_option(int(index), **{name: event.value})

    @on(Input.Submitted)
    async def _next_field(self, event: Input.Submitted) -> None:
        """Enter in an option moves on, adding a new option after the last one."""
        event.stop()
        name, _, index = (event.input.id or "").partition("-")
        if name != "option":
            self.screen.focus_next()
            return
        inputs = list(self.query("#options Input").results(Input))
        following = int(index) + 1
        if following < len(inputs):
            inputs[following].focus()
        else:
            await self._add_option()

    async def _add_option(self) -> None:
        box = self.query_one("#options", Vertical)
        field = self._option_input(len(box.children))
        await box.mount(field)
        field.focus()

    @on(RadioSet.Changed, "#choice")
    def _chose(self, event: RadioSet.Changed) -> None:
        event.stop()
        self.change(chosen=int(str(event.pressed.name)))

    @on(Button.Pressed, "#add-option")
    async def _add_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        await self._add_option()

    # -- moving between steps -------------------------------------------------------------

    async def action_go(self, delta: int) -> None:
        """alt+← / alt+→: the step before or after. Past the plan only once it is marked
        done (the plan step's own button does that, never a step key)."""
        target = self.step + delta
        if not 1 <= target <= len(STEPS):
            return
        if target > PLAN_STEP and not self.data.done:
            label = self.query_one("#step-next", Button).label  # "Done ✓" when narrow
            self.problem(
                f"The review comes once the problem is marked done: press {label}.", step=True
            )
            return
        await self.go_to(target)

    @on(Button.Pressed, "#step-previous")
    async def _previous(self, event: Button.Pressed) -> None:
        event.stop()
        await self.action_go(-1)

    @on(Button.Pressed, "#step-next")
    async def _next(self, event: Button.Pressed) -> None:
        event.stop()
        if self.step == REVIEW_STEP:
            self.start_new()
            self.clear_problem()
            await self.go_to(1)
        elif self.step == PLAN_STEP and not self.data.done:
            await self.mark_done()
        else:
            await self.action_go(1)

    async def mark_done(self) -> None:
        """Mark the problem done, or say plainly what is still missing."""
        needs = self.data.tidy().missing_by_step()
        if needs:
            listed = "; ".join(f"{need} (step {step})" for step, need in needs)
            self.problem(f"Not marked done yet. First {listed}.", step=True)
            return
        complete = msgspec.structs.replace(self.data.tidy(), done=True)
        self.change(**msgspec.structs.asdict(complete))
        if not await self.save_now():
            return  # the form says it is not saved yet, and keeps it
        self.notify(
            "Marked done. After you have tried your plan, come back to step 6 to review it.",
            title="Well done",
        )
        await self.go_to(len(STEPS))


class ProblemSolvingView(BlockView):
    BLOCK = ProblemSolvingBlock
    block: ProblemSolvingBlock

    DEFAULT_CSS = """
    ProblemSolvingView { border: round $secondary; padding: 0 1; height: auto; }
    ProblemSolvingView #form-slot { height: auto; }
    ProblemSolvingView #problems-title { margin-top: 1; text-style: bold; }
    """

    def compose(self) -> ComposeResult:
        self.border_title = "Solve a problem, step by step"
        yield from compose_prompt(self.block.prompt)
        with Vertical(id="form-slot"):
            yield self._form(self.context.focus_uid)
        yield Static("Your problems (Enter on a line to reopen it)", id="problems-title")
        yield EntryPicker(KIND, "＋ Start on a new problem", id="problems")

    def on_mount(self) -> None:
        self._show_picker()
        if self.context.focus_uid is not None:
            self.call_after_refresh(self.query_one(ProblemForm).focus_step)

    def _form(self, uid: str | None = None) -> ProblemForm:
        place = EntryPlace(self.context.module_id, self.context.page_id, self.block.id)
        return ProblemForm(place, uid=uid)

    def _show_picker(self) -> None:
        """The list of problems, once there is one to go back to."""
        any_saved = bool(self.session.store.entries(kind=KIND))
        self.query_one("#problems-title").display = any_saved
        self.query_one("#problems").display = any_saved

    async def _replace_form(self, uid: str | None) -> None:
        slot = self.query_one("#form-slot", Vertical)
        for form in slot.query(ProblemForm):
            form.flush()
        await slot.remove_children()
        form = self._form(uid)
        await slot.mount(form)
        form.focus_step()

    @on(EntryForm.Saved)
    def _saved(self, event: EntryForm.Saved) -> None:
        self.query_one("#problems", EntryPicker).reload(highlight=event.entry.uid)
        self._show_picker()

    @on(EntryPicker.Picked)
    async def _picked(self, event: EntryPicker.Picked) -> None:
        await self._replace_form(event.uid)
