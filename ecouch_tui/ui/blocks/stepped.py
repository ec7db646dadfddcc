"""A short stepped exercise of text boxes, lines and 0-100 ratings, and the block view
that lists the user's entries of it: what `behavioural_experiment` and `rumination`
share (not a block type itself: no kind is named `stepped`).

The frame is the thought record's: a progress line, what came before pinned above the
step, the step's fields, a status line and a step bar (◀ / ▶, alt+← alt+→,
`STEP_BINDINGS`). The last step's button finishes the entry (only when nothing is
missing, else it says what is); the finished entry is shown whole. Everything saves as
it is typed (EntryForm). User text is shown through `Content`, never as markup.
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
from textual.widgets import Button, Input, Label, Static, TextArea

from ecouch_tui.ui.blocks.base import BlockView, TextBox, words_input
from ecouch_tui.ui.blocks.entries import (
    STEP_BINDINGS,
    STEP_KEYS_HINT,
    EntryForm,
    EntryPicker,
    EntryPlace,
    compose_prompt,
)
from ecouch_tui.ui.widgets.rating import Rating


def text_box(text: str, id: str, placeholder: str) -> TextArea:
    """A box for a few lines of the user's own words; Tab moves on."""
    return TextBox(text, soft_wrap=True, tab_behavior="focus", placeholder=placeholder, id=id)


def line(text: str, id: str, placeholder: str) -> Input:
    return words_input(text, placeholder=placeholder, id=id)


def question(words: str) -> Label:
    return Label(words, classes="question")


def hint(words: str, *, lead: bool = False) -> Static:
    """A line of help under a question; `lead`: the first thing of a step (spaced)."""
    return Static(words, classes="hint lead" if lead else "hint")


def pinned_line(heading: str, words: str) -> Content:
    """'Heading: the user's words' on one line (never read as markup)."""
    flat = " ".join(words.split())
    return Content.assemble((f"{heading}: ", "bold"), flat or "(not written yet)")


class SteppedForm(EntryForm):
    """One entry, a step at a time; `step` is 1..len(STEPS), or `review` once done.

    A subclass names its `STEPS`, maps its widgets' ids to fields (`TEXT_FIELDS` for
    boxes and lines, `RATING_FIELDS` for ratings), and builds each step's widgets. Its
    data has `done`, `gaps()` ((step, what) pairs) and `resume_step()`.
    """

    STEPS: ClassVar[tuple[str, ...]] = ()
    TEXT_FIELDS: ClassVar[dict[str, str]] = {}
    RATING_FIELDS: ClassVar[dict[str, str]] = {}
    #: What the finished entry is called ("your experiment"), and the toast on finishing.
    NAME: ClassVar[str] = "entry"
    FINISHED: ClassVar[str] = "It is finished and saved."
    NEW_LABEL: ClassVar[str] = "＋ New entry"
    FINISH_LABEL: ClassVar[tuple[str, str]] = ("Finish ✓", "Finish ✓")

    BINDINGS: ClassVar[list[BindingType]] = STEP_BINDINGS

    DEFAULT_CSS = """
    SteppedForm #progress { text-style: bold; color: $text-primary; }
    SteppedForm #pinned {
        height: auto; margin-top: 1; padding: 0 1;
        border-left: outer $accent; background: $boost;
    }
    SteppedForm #pinned.-empty { display: none; }
    SteppedForm #step { height: auto; }
    SteppedForm .question { margin-top: 1; width: 1fr; }
    SteppedForm .hint { color: $text-muted; }
    SteppedForm .hint.lead { margin-top: 1; }
    SteppedForm TextArea { height: auto; min-height: 3; max-height: 8; }
    SteppedForm .rating-row { height: 1; }
    SteppedForm .rating-row Label { width: 18; }
    SteppedForm .rating-row Rating { margin: 0; }
    SteppedForm #review { height: auto; margin: 1 0; }
    SteppedForm .form-status { height: auto; }
    SteppedForm #step-nav { height: 1; margin-top: 1; }
    SteppedForm #step-nav Button { width: 19; }
    SteppedForm #step-hint { width: 1fr; text-align: center; color: $text-muted; }

    /* Narrow screens (40 columns): one thing under another, rather than cut off. */
    SteppedForm.-narrow .rating-row { height: auto; layout: vertical; }
    SteppedForm.-narrow #step-nav Button { width: auto; }
    """

    def __init__(self, place: EntryPlace, *, uid: str | None = None) -> None:
        super().__init__(place, uid=uid)
        if self.data.done:
            self.step = self.review
        elif self.uid is not None and not self.data.empty():
            self.step = self.data.resume_step()  # reopened where work is left
        else:
            self.step = 1
        self._shown: dict[str, str] = {}

    @property
    def last(self) -> int:
        return len(self.STEPS)

    @property
    def review(self) -> int:
        return len(self.STEPS) + 1

    # -- for subclasses ------------------------------------------------------------------

    def step_widgets(self, step: int) -> list[Widget]:
        raise NotImplementedError

    def pinned(self) -> list[Content]:
        """What came before, kept in view above the step."""
        return []

    def next_label(self, narrow: bool) -> str:
        """The step bar's last button here."""
        if self.step == self.review:
            return "＋ New" if narrow else self.NEW_LABEL
        if self.step == self.last:
            return self.FINISH_LABEL[narrow]
        return f"Step {self.step + 1} ▶" if narrow else "Next step ▶"

    async def next_pressed(self) -> None:
        """The step bar's last button (a subclass may do more on some step)."""
        if self.step == self.review:
            self.start_new()
            self.clear_problem()
            await self.show_step(1)
        elif self.step == self.last:
            await self.finish()
        else:
            await self.action_go(1)

    def rating_row(self, words: str, field: str, id: str) -> Horizontal:
        return Horizontal(
            Label(words), Rating(getattr(self.data, field), high=100, id=id), classes="rating-row"
        )

    # -- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="progress")
        yield Static(id="pinned")
        with Vertical(id="step"):
            yield from self._widgets()
        yield self.status()
        with Horizontal(id="step-nav"):
            yield Button("◀ Previous step", id="step-prev", compact=True)
            yield Static(id="step-hint")
            yield Button("Next step ▶", id="step-next", variant="primary", compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.refresh_frame()

    def _widgets(self) -> list[Widget]:
        if self.step == self.review:
            return self._review()
        return self.step_widgets(self.step)

    def _review(self) -> list[Widget]:
        lines = [
            Content.assemble((f"{heading}: ", "bold"), words)
            for heading, words in self.data.sections()
        ]
        return [
            Static(Content("\n").join(lines), id="review"),
            hint("It is saved. Reopen it any time from the list below to change it."),
        ]

    def refresh_frame(self) -> None:
        """The step bar's buttons and the lines around the step."""
        narrow = self.has_class("-narrow")
        prev = self.query_one("#step-prev", Button)
        nxt = self.query_one("#step-next", Button)
        prev.disabled = self.step == 1
        if self.step == self.review:
            prev_label = "◀ Edit"
        elif narrow:
            prev_label = f"◀ Step {self.step - 1}" if self.step > 1 else "◀"
        else:
            prev_label = "◀ Previous step"
        for button, label in ((prev, prev_label), (nxt, self.next_label(narrow))):
            if str(button.label) != label:
                button.label = label
                button.refresh(layout=True)  # a Button keeps its first width otherwise
        self.refresh_texts()

    def refresh_texts(self) -> None:
        """Progress, hint and pinned lines; after every keystroke, redrawn only when their
        words change."""
        if self.step == self.review:
            progress = f"Finished ✓ · {self.NAME}"
        else:
            bar = "●" * self.step + "○" * (self.last - self.step)
            title = self.STEPS[self.step - 1]
            progress = f"{bar}  Step {self.step} of {self.last} · {title}"
        saved = "Saved · " if self.uid is not None else ""
        words = "" if self.step == self.review or self.has_class("-narrow") else STEP_KEYS_HINT
        pinned = Content("\n").join(self.pinned()) if self.step != self.review else Content("")
        for selector, content in (
            ("#progress", Content(progress)),
            ("#step-hint", Content(f"{saved}{words}" if words else "")),
            ("#pinned", pinned),
        ):
            if self._shown.get(selector) != content.plain:
                self._shown[selector] = content.plain
                self.query_one(selector, Static).update(content)
        self.query_one("#pinned").set_class(not pinned.plain, "-empty")

    async def show_step(self, step: int) -> None:
        """Swap in another step's fields, keeping the entry and its frame."""
        self.step = step
        self.clear_step_problem()
        body = self.query_one("#step", Vertical)
        await body.remove_children()
        await body.mount_all(self._widgets())
        self.refresh_frame()
        self.focus_step()

    def focus_step(self) -> None:
        """The cursor in the step's first field (else on the step bar's button), with the
        step shown from its top."""
        fields = list(self.query_one("#step").query("Input, TextArea, Rating"))
        target = fields[0] if fields else self.query_one("#step-next", Button)
        target.focus(scroll_visible=False)

        def scroll() -> None:
            self.query_one("#progress").scroll_visible(top=True, animate=False, immediate=True)
            target.scroll_visible(animate=False, immediate=True)

        self.call_after_refresh(scroll)

    def on_resize(self, event: Resize) -> None:
        narrow = event.size.width < 60
        if narrow != self.has_class("-narrow"):
            self.set_class(narrow, "-narrow")
            self.refresh_frame()

    # -- moving between steps ------------------------------------------------------------

    async def action_go(self, delta: int) -> None:
        if self.step == self.review:
            if delta < 0:
                await self.show_step(self.last)
            return
        target = self.step + delta
        if 1 <= target <= self.last:
            await self.show_step(target)

    @on(Button.Pressed, "#step-prev")
    async def _prev(self, event: Button.Pressed) -> None:
        event.stop()
        await self.action_go(-1)

    @on(Button.Pressed, "#step-next")
    async def _next(self, event: Button.Pressed) -> None:
        event.stop()
        await self.next_pressed()

    def say_missing(self, start: str, gaps: list[tuple[int, str]]) -> None:
        todo = "; ".join(f"step {step}, {words}" for step, words in gaps)
        self.problem(f"{start} Still to do: {todo}.", step=True)

    def finishes_on(self, rating: Rating) -> bool:
        ratings = list(self.query("#step Rating").results(Rating))
        return self.step == self.last and bool(ratings) and rating is ratings[-1]

    async def finish(self) -> None:
        """Mark the entry done, or say plainly what is still missing."""
        gaps = self.data.gaps()
        if gaps:
            self.say_missing("Not finished yet.", gaps)
            return
        self.change(done=True)
        if not await self.save_now():
            return  # the form says it is not saved yet, and keeps it
        self.notify(self.FINISHED, title="Well done")
        await self.show_step(self.review)

    # -- editing -------------------------------------------------------------------------

    def change(self, **fields: Any) -> None:
        """As EntryForm.change; a finished entry that loses a part is not finished again."""
        if (
            "done" not in fields
            and self.data.done
            and msgspec.structs.replace(self.data, **fields).gaps()
        ):
            fields["done"] = False
        super().change(**fields)
        self.refresh_texts()

    @on(EntryForm.Saved)
    def _saved_now(self) -> None:
        self.refresh_texts()  # not stopped: the view reloads its list too

    @on(TextArea.Changed)
    def _text(self, event: TextArea.Changed) -> None:
        event.stop()
        field = self.TEXT_FIELDS.get(event.text_area.id or "")
        if field is not None:
            self.change(**{field: event.text_area.text})

    @on(Input.Changed)
    def _line(self, event: Input.Changed) -> None:
        event.stop()
        field = self.TEXT_FIELDS.get(event.input.id or "")
        if field is not None:
            self.change(**{field: event.value})

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        event.stop()
        self.screen.focus_next()

    @on(Rating.Changed)
    def _rating(self, event: Rating.Changed) -> None:
        event.stop()
        field = self.RATING_FIELDS.get(event.rating.id or "")
        if field is not None:
            self.change(**{field: event.value})


class SteppedView(BlockView):
    """A stepped exercise's block: the entry being written, then the user's entries of
    the kind, newest first, to reopen (an entry opened from the Workbook is shown)."""

    FORM: ClassVar[type[SteppedForm]]
    TITLE: ClassVar[str] = ""
    LIST_TITLE: ClassVar[str] = "Your entries (Enter on one to reopen it)"

    DEFAULT_CSS = """
    SteppedView { border: round $secondary; padding: 0 1; height: auto; }
    SteppedView #form-slot { height: auto; }
    SteppedView #form-slot.-after-prompt { margin-top: 1; }
    SteppedView #entries-title { margin-top: 1; text-style: bold; }
    """

    def compose(self) -> ComposeResult:
        self.border_title = self.TITLE
        prompt = getattr(self.block, "prompt", None)
        yield from compose_prompt(prompt)
        with Vertical(id="form-slot", classes="-after-prompt" if prompt else ""):
            yield self.form(self._opening_uid())
        yield Static(self.LIST_TITLE, id="entries-title")
        yield EntryPicker(self.FORM.KIND, self.FORM.NEW_LABEL, id="entries")

    def on_mount(self) -> None:
        self._show_picker()
        if self.context.focus_uid is not None:
            self.call_after_refresh(self.query_one(self.FORM).focus_step)

    def _opening_uid(self) -> str | None:
        """The entry asked for (e.g. from the Workbook), if it is one of this kind."""
        uid = self.context.focus_uid
        if uid is None:
            return None
        entry = self.session.store.entry(uid)
        return uid if entry is not None and entry.kind == self.FORM.KIND else None

    def form(self, uid: str | None) -> SteppedForm:
        place = EntryPlace(self.context.module_id, self.context.page_id, str(self.block.block_id))
        return self.FORM(place, uid=uid)

    def _show_picker(self) -> None:
        """The list, once there is an entry to go back to."""
        any_saved = bool(self.session.store.entries(kind=self.FORM.KIND))
        self.query_one("#entries-title").display = any_saved
        self.query_one("#entries").display = any_saved

    @on(EntryForm.Saved)
    def _saved(self, event: EntryForm.Saved) -> None:
        self.query_one("#entries", EntryPicker).reload(highlight=event.entry.uid)
        self._show_picker()

    @on(EntryPicker.Picked)
    async def _picked(self, event: EntryPicker.Picked) -> None:
        slot = self.query_one("#form-slot", Vertical)
        for form in slot.query(SteppedForm):
            form.flush()
        await slot.remove_children()
        form = self.form(event.uid)
        await slot.mount(form)
        form.focus_step()
