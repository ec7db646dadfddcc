"""Widget for `relaxation` blocks: guided, timed slow breathing or muscle relaxation.

Rate tension, start, follow the pacer (space pauses, s stops), rate tension again. The
practice is saved the moment it starts and kept up to date as it runs, so leaving the
page (or the app) part-way keeps the minutes done. Time comes in through `tick()`:
the app calls it ten times a second with the seconds the session clock moved, and
tests call it directly, so no test waits in real time.
"""

from __future__ import annotations

from typing import ClassVar, Literal

import msgspec
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Button, Label, Static

from ecouch_tui.clock import stamp
from ecouch_tui.content.blocks.relaxation import RelaxationBlock, RelaxationSession
from ecouch_tui.course.relaxation import (
    Cue,
    Practice,
    clock_face,
    clock_words,
    cue_at,
    practice_length,
    rhythm_words,
)
from ecouch_tui.ui.blocks.base import BlockView
from ecouch_tui.ui.blocks.entries import EntryForm, EntryPicker, EntryPlace, compose_prompt
from ecouch_tui.ui.widgets.rating import Rating

Stage = Literal["before", "running", "after"]

#: Frames a second: smooth enough for a shape that grows over seconds, and cheap.
FPS = 10
#: Longest step one frame may add: a stalled app or a sleeping laptop is not practice.
MAX_TICK = 1.0
#: Practice seconds between saves of the minutes done so far.
CHECKPOINT = 5.0


class Shape(Widget):
    """The pacer's shape: a rounded bar that fills breathing in and empties breathing out
    (or tightens while tensing and lets go while releasing)."""

    DEFAULT_CSS = """
    Shape { height: 3; width: 1fr; color: $accent; }
    Shape.-paused { color: $text-muted; }
    """

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self._cells = -1
        self.fullness = 0.0

    def show(self, fullness: float) -> None:
        self.fullness = fullness
        cells = self._width_for(fullness)
        if cells != self._cells:  # repaint only when the shape has visibly moved
            self._cells = cells
            self.refresh()

    def _width_for(self, fullness: float) -> int:
        most = max(2, min(self.size.width - 2, 48))
        return round(max(0.0, min(1.0, fullness)) * most)

    def render(self) -> Text:
        width = self.size.width
        cells = self._width_for(self.fullness)
        edge = max(0, cells - 4)
        rows = [
            "▄" * edge,
            "█" * cells if cells else "·",
            "▀" * edge,
        ]
        return Text("\n".join(row.center(width).rstrip() for row in rows), no_wrap=True)


class Pacer(Vertical, can_focus=True):
    """What to do now, in words and a countdown, above the shape and the time left."""

    DEFAULT_CSS = """
    Pacer { height: auto; padding: 0 1; }
    Pacer:focus { background: $boost; }
    Pacer #cue { text-align: center; text-style: bold; }
    Pacer #group { text-align: center; }
    Pacer #instruction { text-align: center; color: $text-muted; }
    Pacer #left { text-align: center; color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        yield Static("", id="cue", markup=False)
        yield Static("", id="group", markup=False)
        yield Static("", id="instruction", markup=False)
        yield Shape(id="shape")
        yield Static("", id="left", markup=False)

    def show(self, cue: Cue, *, paused: bool, pmr: bool) -> None:
        if paused:
            headline = f"Paused at {cue.words.lower()}… {cue.countdown}"
        elif cue.phase == "done":
            headline = cue.words
        else:
            headline = f"{cue.words}… {cue.countdown}"
        group = f"{cue.title} ({cue.step} of {cue.steps})" if pmr and cue.title else ""
        if group and cue.rounds > 1:
            group += f", round {cue.round} of {cue.rounds}"
        what = f"Group {cue.step} of {cue.steps}" if pmr else f"Breath {cue.step} of {cue.steps}"
        left = f"{what} · {clock_face(cue.left)} left"
        if paused:
            left += " · press space to carry on"
        self._set("#cue", headline)
        self._set("#group", group)
        self._set("#instruction", cue.instruction)
        self._set("#left", left)
        shape = self.query_one(Shape)
        shape.set_class(paused, "-paused")
        shape.show(cue.fullness)

    def _set(self, selector: str, text: str) -> None:
        static = self.query_one(selector, Static)
        static.display = bool(text)
        if str(static.content) != text:  # a countdown changes once a second, not each frame
            static.update(text)


class PracticePanel(Vertical):
    """The running practice: its keys work from the pacer and from its buttons."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "pause", "Pause or carry on"),
        Binding("s", "stop", "Stop"),
    ]
    DEFAULT_CSS = """
    PracticePanel { height: auto; }
    PracticePanel #controls { height: auto; align-horizontal: center; margin-top: 1; }
    PracticePanel #controls Button { margin: 0 1; width: auto; min-width: 10; }
    """

    def compose(self) -> ComposeResult:
        yield Pacer(id="pacer")
        with Horizontal(id="controls"):
            yield Button("Pause (space)", id="pause", compact=True)
            yield Button("Stop (s)", id="stop", compact=True)

    def action_pause(self) -> None:
        self.query_ancestor(RelaxationForm).toggle_pause()

    def action_stop(self) -> None:
        self.query_ancestor(RelaxationForm).stop()


class RelaxationForm(EntryForm):
    """One practice, from the tension rating before to the one after."""

    KIND = "relaxation"
    data: RelaxationSession

    DEFAULT_CSS = """
    RelaxationForm Vertical { height: auto; }
    RelaxationForm Label { margin-top: 1; }
    RelaxationForm Rating { margin-left: 1; }
    RelaxationForm #rhythm { color: $text-muted; }
    RelaxationForm #result { text-style: bold; }
    RelaxationForm #start { margin-top: 1; }
    RelaxationForm.-before #result, RelaxationForm.-before #after-rating,
    RelaxationForm.-before #running, RelaxationForm.-before #done { display: none; }
    RelaxationForm.-running #rhythm, RelaxationForm.-running #result,
    RelaxationForm.-running #ratings, RelaxationForm.-running #start,
    RelaxationForm.-running #done { display: none; }
    RelaxationForm.-after #rhythm, RelaxationForm.-after #start,
    RelaxationForm.-after #running { display: none; }
    """

    class Finished(Message):
        """The user is done with this practice (pressed Done after rating)."""

        def __init__(self, form: RelaxationForm) -> None:
            super().__init__()
            self.form = form

    def __init__(
        self,
        place: EntryPlace,
        *,
        uid: str | None = None,
        block: RelaxationBlock | None = None,
    ) -> None:
        super().__init__(place, uid=uid)
        # Without its block (the Workbook's standalone form), the default practice.
        self.block = block or RelaxationBlock(id=place.block_id)
        self.practice = Practice(practice_length(self.block))
        self._interval: Timer | None = None
        self._last_now = self.session.clock.now()
        self._saved_at = 0.0
        # A saved practice reopens at its ratings; a new one starts before it.
        self.reopened = self.uid is not None
        self.stage: Stage = "after" if self.reopened else "before"

    @property
    def pmr(self) -> bool:
        return self.block.exercise == "pmr" and self.block.pmr is not None

    def compose(self) -> ComposeResult:
        yield Static(rhythm_words(self.block), id="rhythm", markup=False)
        yield Static("", id="result", markup=False)
        with Vertical(id="ratings"):
            yield Label("How tense do you feel right now? (0 calm, 10 very tense)", id="before")
            yield Rating(
                self.data.tension_before,
                id="tension-before",
                low_words="calm",
                high_words="very tense",
            )
            with Vertical(id="after-rating"):
                yield Label("How tense do you feel now? (0 calm, 10 very tense)")
                yield Rating(
                    self.data.tension_after,
                    id="tension-after",
                    low_words="calm",
                    high_words="very tense",
                )
        yield Button("Start ▶", id="start", variant="primary", compact=True)
        yield PracticePanel(id="running")
        yield self.status()
        yield Button("Done ✓", id="done", variant="primary", compact=True)

    def on_mount(self) -> None:
        self._show_stage()

    # -- stages ------------------------------------------------------------------------

    def _show_stage(self) -> None:
        for stage in ("before", "running", "after"):
            self.set_class(self.stage == stage, f"-{stage}")
        if self.stage == "after":
            self.query_one("#before", Label).update("How tense were you before you started?")
            self.query_one("#result", Static).update(self._result_words())

    def _result_words(self) -> str:
        data = self.data
        done = clock_words(data.minutes * 60) if data.minutes else "less than a second"
        if self.reopened:  # from the list or the Workbook: say when it was
            early = "" if data.completed else " (part-way)"
            return f"{data.when}: {done} of {data.what}{early}."
        if data.completed:
            return f"Well done: {done} of {data.what}."
        return f"You practised {data.what} for {done}. Any practice helps."

    def start(self) -> None:
        """Begin: save the practice at once, then let the pacer run."""
        if self.stage != "before":
            return
        now = self.session.clock.now()
        self.change(
            exercise=self.block.exercise,
            started_at=stamp(now),
            minutes=0.0,
            completed=False,
        )
        self.flush()
        self.stage = "running"
        self._show_stage()
        self._last_now = now
        self._interval = self.set_interval(1 / FPS, self._on_frame)
        self._render_cue()
        pacer = self.query_one(Pacer)
        pacer.focus()
        self.call_after_refresh(self.query_one(PracticePanel).scroll_visible, animate=False)

    def toggle_pause(self) -> None:
        if self.stage != "running":
            return
        self.practice.paused = not self.practice.paused
        button = self.query_one("#pause", Button)
        button.label = "Carry on (space)" if self.practice.paused else "Pause (space)"
        button.refresh(layout=True)  # the new label is longer
        if self.practice.paused:
            self._save_minutes()
        self._render_cue()

    @property
    def running(self) -> bool:
        return self.stage == "running"

    def hold(self) -> bool:
        """Pause while the user is asked something; True if this paused it (so `carry_on`
        should start it again)."""
        if self.stage != "running" or self.practice.paused:
            return False
        self.toggle_pause()
        return True

    def carry_on(self) -> None:
        """Start again after `hold`."""
        if self.stage == "running" and self.practice.paused:
            self.toggle_pause()
            self.query_one(Pacer).focus()

    def done_words(self) -> str:
        """How long has been practised so far, in words ("1 min 10 s")."""
        elapsed = self.practice.elapsed
        return clock_words(elapsed) if elapsed >= 0.5 else "less than a second"

    def stop(self) -> None:
        """Stop early: keep the minutes done and move on to the rating after."""
        if self.stage == "running":
            self._finish(completed=False)

    def _finish(self, *, completed: bool) -> None:
        if self._interval is not None:
            self._interval.stop()
            self._interval = None
        self.change(minutes=self.practice.minutes, completed=completed)
        self.flush()
        self.stage = "after"
        self._show_stage()
        self.query_one("#tension-after", Rating).focus()

    # -- time --------------------------------------------------------------------------

    def _on_frame(self) -> None:
        now = self.session.clock.now()
        seconds = (now - self._last_now).total_seconds()
        self._last_now = now
        self.tick(min(max(seconds, 0.0), MAX_TICK))

    def tick(self, seconds: float) -> None:
        """Move the practice on by `seconds` (ignored while paused or not running)."""
        if self.stage != "running" or self.practice.paused or seconds <= 0:
            return
        self.practice.tick(seconds)
        if self.practice.finished:
            self._finish(completed=True)
            return
        self._render_cue()
        if self.practice.elapsed - self._saved_at >= CHECKPOINT:
            self._save_minutes()

    def _render_cue(self) -> None:
        cue = cue_at(self.block, self.practice.elapsed)
        self.query_one(Pacer).show(cue, paused=self.practice.paused, pmr=self.pmr)

    def _save_minutes(self) -> None:
        """Write the minutes done so far: every few seconds of practice, and on pause."""
        self._saved_at = self.practice.elapsed
        self.change(minutes=self.practice.minutes)
        self.flush()

    # -- input -------------------------------------------------------------------------

    @on(Rating.Changed, "#tension-before")
    def _before(self, event: Rating.Changed) -> None:
        event.stop()
        if self.uid is None:
            # Not started yet: nothing is saved until practice begins.
            self.data = msgspec.structs.replace(self.data, tension_before=event.value)
        else:
            self.change(tension_before=event.value)

    @on(Rating.Changed, "#tension-after")
    def _after(self, event: Rating.Changed) -> None:
        event.stop()
        self.change(tension_after=event.value)

    @on(Button.Pressed, "#start")
    def _start(self, event: Button.Pressed) -> None:
        event.stop()
        self.start()

    @on(Button.Pressed, "#pause")
    def _pause(self, event: Button.Pressed) -> None:
        event.stop()
        self.toggle_pause()

    @on(Button.Pressed, "#stop")
    def _stop(self, event: Button.Pressed) -> None:
        event.stop()
        self.stop()

    @on(Button.Pressed, "#done")
    async def _done(self, event: Button.Pressed) -> None:
        event.stop()
        if not await self.save_now():
            return  # the form says it is not saved yet, and keeps it
        before, after = self.data.tension_before, self.data.tension_after
        if before is not None and after is not None:
            self.notify(f"Tension {before} → {after}.", title="Practice saved")
        else:
            self.notify("Your practice is in your history.", title="Practice saved")
        self.post_message(self.Finished(self))

    def on_unmount(self) -> None:
        if self.stage == "running":
            # Leaving part-way: keep what was done (EntryForm writes it on unmount).
            self.change(minutes=self.practice.minutes)
        super().on_unmount()


class RelaxationView(BlockView):
    BLOCK = RelaxationBlock
    block: RelaxationBlock

    DEFAULT_CSS = """
    RelaxationView { border: round $secondary; padding: 0 1; height: auto; }
    RelaxationView #form-slot { height: auto; }
    RelaxationView #history-title { margin-top: 1; text-style: bold; }
    """

    def compose(self) -> ComposeResult:
        self.border_title = (
            "Muscle relaxation" if self.block.exercise == "pmr" else "Slow breathing"
        )
        yield from compose_prompt(self.block.prompt)
        with Vertical(id="form-slot"):
            yield self._form(self.context.focus_uid)
        yield Static("Your practice so far (Enter on a line to see it)", id="history-title")
        yield EntryPicker("relaxation", "＋ Start a new practice", id="history")

    @property
    def form(self) -> RelaxationForm:
        return self.query_one(RelaxationForm)

    def tick(self, seconds: float) -> None:
        """Move the running practice on by `seconds` (the app's frames, or a test)."""
        self.form.tick(seconds)

    def _form(self, uid: str | None = None) -> RelaxationForm:
        place = EntryPlace(self.context.module_id, self.context.page_id, self.block.id)
        return RelaxationForm(place, uid=uid, block=self.block)

    async def _replace_form(self, uid: str | None) -> None:
        slot = self.query_one("#form-slot", Vertical)
        for form in slot.query(RelaxationForm):
            form.flush()
        await slot.remove_children()
        form = self._form(uid)
        await slot.mount(form)
        focus = "#tension-after" if uid is not None else "#tension-before"
        # Not there when the screen closed meanwhile (Done, then Esc at once): the form
        # was mounted into a page that is going, and is never composed.
        for rating in form.query(focus).results(Rating):
            rating.focus()

    @on(EntryForm.Saved)
    def _saved(self, event: EntryForm.Saved) -> None:
        self.query_one("#history", EntryPicker).reload(highlight=event.entry.uid)

    @on(RelaxationForm.Finished)
    async def _finished(self) -> None:
        await self._replace_form(None)

    @on(EntryPicker.Picked)
    async def _picked(self, event: EntryPicker.Picked) -> None:
        await self._replace_form(event.uid)
