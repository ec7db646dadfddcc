"""Widget for `physical_activity` blocks: log sessions, see this week against the goal,
plan next week and mark plans done.

One log for the whole course: every physical_activity block shows all the user's
sessions and plans, newest first; choosing a line reopens it. The sums are pure
functions in `course/activity.py`; this file only shows them.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Input, Label, RadioSet, Static

from ecouch_tui.content.blocks.physical_activity import (
    ActivitySession,
    Intensity,
    PhysicalActivityBlock,
)
from ecouch_tui.course.activity import (
    WeekTotal,
    day_text,
    done_on,
    parse_done_day,
    parse_minutes,
    parse_plan_day,
    plan_total,
    plan_words,
    progress_words,
    total_words,
    week_total,
    week_words,
)
from ecouch_tui.ui.blocks.base import BlockView, words_input
from ecouch_tui.ui.blocks.entries import EntryForm, EntryPicker, EntryPlace, compose_prompt
from ecouch_tui.ui.widgets.marked import MarkedRadioButton
from ecouch_tui.wording import long_date

INTENSITIES: tuple[Intensity, ...] = ("light", "moderate", "vigorous")

#: The talk test: a way to judge intensity without a heart-rate monitor.
TALK_TEST = (
    "Light: easy, like a stroll. Moderate: you can talk but not sing. "
    "Vigorous: you can only say a few words without a breath."
)


def sentence(problem: Exception) -> str:
    """A parser's message as a sentence ("'abc' is not…" stays as it is written)."""
    text = str(problem)
    return text[:1].upper() + text[1:] + "."


#: The widest the week's bar is drawn: wide enough to read, short enough to take in.
BAR_CELLS = 50


class WeekBar(Widget):
    """This week's minutes as a bar that fills towards the goal."""

    DEFAULT_CSS = """
    WeekBar { height: 1; width: 1fr; color: $accent; }
    WeekBar.-met { color: $success; }
    """

    def __init__(self, total: WeekTotal, id: str | None = None) -> None:
        super().__init__(id=id)
        self.total = total

    def show(self, total: WeekTotal) -> None:
        self.total = total
        self.set_class(total.met, "-met")
        self.refresh()

    def on_mount(self) -> None:
        self.set_class(self.total.met, "-met")

    def render(self) -> Text:
        label = f" {self.total.counted}/{self.total.goal}"
        cells = max(4, min(BAR_CELLS, self.size.width - len(label)))
        filled = round(self.total.fraction * cells)
        return Text.assemble(
            ("█" * filled, ""), ("░" * (cells - filled), "dim"), (label, "bold"), no_wrap=True
        )


class SessionForm(EntryForm):
    """One session done, or one planned; saved as the user types."""

    KIND = "physical_activity"
    data: ActivitySession

    DEFAULT_CSS = """
    SessionForm Horizontal { height: auto; }
    SessionForm #mode { width: auto; layout: horizontal; margin-bottom: 1; }
    SessionForm #intensity { width: auto; layout: horizontal; }
    SessionForm RadioSet MarkedRadioButton { width: auto; margin-right: 2; }
    SessionForm .row Label { width: 21; }
    SessionForm #activity { width: 1fr; }
    SessionForm #day { width: 16; }
    SessionForm #minutes { width: 10; }
    SessionForm #day-words, SessionForm .row .hint { margin-left: 2; color: $text-muted; }
    SessionForm .hint { color: $text-muted; }
    SessionForm #buttons { margin-top: 1; }
    SessionForm #buttons Button { margin-right: 2; }
    """

    class Added(Message):
        """The user finished this entry (saved it, or marked a plan done)."""

        def __init__(self, form: SessionForm) -> None:
            super().__init__()
            self.form = form

    def __init__(self, place: EntryPlace, *, uid: str | None = None, plan: bool = False) -> None:
        super().__init__(place, uid=uid)
        self.reopened = self.uid is not None
        if not self.reopened and plan:
            self.data = ActivitySession(planned=True)

    @property
    def today(self) -> date:
        return self.session.clock.today()

    def compose(self) -> ComposeResult:
        data = self.data
        with RadioSet(id="mode", compact=True):
            yield MarkedRadioButton("I did this", value=not data.planned, id="mode-done")
            yield MarkedRadioButton("I plan to do this", value=data.planned, id="mode-plan")
        with Horizontal(classes="row"):
            yield Label("What activity?")
            yield words_input(
                data.activity,
                placeholder="e.g. a brisk walk, yoga, cycling",
                id="activity",
                compact=True,
            )
        with Horizontal(classes="row"):
            yield Label("Which day?")
            yield Input(self._day_shown(), placeholder=self._day_hint(), id="day", compact=True)
            yield Static("", id="day-words")
        with Horizontal(classes="row"):
            yield Label("How many minutes?")
            minutes = "" if data.minutes is None else str(data.minutes)
            yield Input(minutes, placeholder="", id="minutes", compact=True)
            yield Static("e.g. 30 or 1h 15", classes="hint")
        with Horizontal(classes="row"):
            yield Label("How hard was it?", id="intensity-label")
            with RadioSet(id="intensity", compact=True):
                for level in INTENSITIES:
                    yield MarkedRadioButton(
                        level.capitalize(), value=data.intensity == level, name=level
                    )
        yield self.status()
        yield Static(TALK_TEST, classes="hint")
        # It saves as it is typed: Done finishes and offers a new entry, as in the
        # other forms; "I did it ✓" (a plan reopened) says the planned session happened.
        with Horizontal(id="buttons"):
            yield Button("Done ✓ · new entry", id="save", variant="primary", compact=True)
            yield Button("I did it ✓", id="mark-done", compact=True)
            yield self.saved_note()

    def on_mount(self) -> None:
        self._show_mode()

    # -- showing ---------------------------------------------------------------------------

    def _day_shown(self) -> str:
        if self.data.day is None and not self.data.planned:
            return "today"
        return day_text(self.data.day, self.today)

    def _day_hint(self) -> str:
        return "e.g. tue" if self.data.planned else "e.g. yesterday"

    def _show_mode(self) -> None:
        plan = self.data.planned
        self.query_one("#day", Input).placeholder = self._day_hint()
        self.query_one("#intensity-label", Label).update(
            "How hard will it be?" if plan else "How hard was it?"
        )
        # Marking done is for a plan made before; a new one is simply logged as done.
        self.query_one("#mark-done", Button).display = plan and self.reopened and not self.data.done
        self._show_day(self.data.day)

    def _show_day(self, day: date | None) -> None:
        if day is not None:
            words = long_date(day)
        elif self.data.planned:
            words = "weekdays mean next week"
        else:
            words = ""
        self.query_one("#day-words", Static).update(words)

    # -- reading fields ----------------------------------------------------------------------

    def _read_day(self, text: str) -> date | None:
        """The day typed, read for this mode (ValueError with a message if it is wrong)."""
        if self.data.planned:
            return parse_plan_day(text, self.today)
        return parse_done_day(text, self.today)

    def _edit(self, **fields: object) -> None:
        """Change fields; a session done defaults to today, as the day box says."""
        if not self.data.planned and self.data.day is None and "day" not in fields:
            fields["day"] = self.today
        self.change(**fields)

    def input_problem(self) -> str | None:
        """What is wrong with what is typed in the boxes now, if anything."""
        try:
            self._read_day(self.query_one("#day", Input).value)
        except ValueError as exc:
            return sentence(exc)
        try:
            parse_minutes(self.query_one("#minutes", Input).value)
        except ValueError as exc:
            return sentence(exc)
        return None

    @on(RadioSet.Changed, "#mode")
    def _mode(self, event: RadioSet.Changed) -> None:
        event.stop()
        plan = event.pressed.id == "mode-plan"
        if plan == self.data.planned:
            return
        day_box = self.query_one("#day", Input)
        day = self.data.day
        if plan and (day is None or day < self.today):
            day = None
        if not plan and (day is None or day > self.today):
            day = self.today
        self.change(planned=plan, done=False, day=day)
        with day_box.prevent(Input.Changed):
            day_box.value = self._day_shown()
        self._show_mode()

    @on(Input.Changed, "#activity")
    def _activity(self, event: Input.Changed) -> None:
        event.stop()
        self._edit(activity=event.value)

    @on(Input.Changed, "#day")
    def _day(self, event: Input.Changed) -> None:
        event.stop()
        try:
            day = self._read_day(event.value)
        except ValueError as exc:
            self._show_day(None)
            self.problem(sentence(exc))
            return
        self._show_day(day)
        if day != self.data.day:
            self.change(day=day)
        else:
            self.clear_problem()

    @on(Input.Changed, "#minutes")
    def _minutes(self, event: Input.Changed) -> None:
        event.stop()
        try:
            minutes = parse_minutes(event.value)
        except ValueError as exc:
            self.problem(sentence(exc))
            return
        self._edit(minutes=minutes)

    @on(RadioSet.Changed, "#intensity")
    def _intensity(self, event: RadioSet.Changed) -> None:
        event.stop()
        level = str(event.pressed.name)
        if level in INTENSITIES:
            self._edit(intensity=level)

    # -- finishing ---------------------------------------------------------------------------

    def _ready(self) -> bool:
        problem = self.input_problem()
        if problem:
            self.problem(problem)
            return False
        missing = self.data.missing()
        if missing:
            self.problem("To save it, " + "; ".join(missing) + ".")
            return False
        return True

    @on(Button.Pressed, "#save")
    async def _save(self, event: Button.Pressed) -> None:
        event.stop()
        if not self._ready():
            return
        if not await self.save_now():
            return  # the form says it is not saved yet, and keeps it
        data = self.data
        verb = "Planned" if data.planned and not data.done else "Logged"
        self.notify(f"{verb}: {data.activity.strip()}, {data.minutes} min", title="Saved")
        self.post_message(self.Added(self))

    @on(Button.Pressed, "#mark-done")
    async def _mark_done(self, event: Button.Pressed) -> None:
        event.stop()
        if not self._ready():
            return
        self.change(done=True, day=done_on(self.data.day, self.today))
        if not await self.save_now():
            return  # the form says it is not saved yet, and keeps it
        self.notify(f"Done: {self.data.activity.strip()}. Well done.", title="Plan done")
        self.post_message(self.Added(self))


class PhysicalActivityView(BlockView):
    BLOCK = PhysicalActivityBlock
    block: PhysicalActivityBlock

    DEFAULT_CSS = """
    PhysicalActivityView { border: round $secondary; padding: 0 1; height: auto; }
    PhysicalActivityView #week-title, PhysicalActivityView #form-title,
    PhysicalActivityView #list-title { text-style: bold; margin-top: 1; }
    PhysicalActivityView #week-words { text-style: bold; }
    PhysicalActivityView #progress, PhysicalActivityView #plan-words { color: $text-muted; }
    PhysicalActivityView #form-slot { height: auto; }
    """

    def compose(self) -> ComposeResult:
        self.border_title = "Physical activity"
        yield from compose_prompt(self.block.prompt)
        total, plan = self._totals()
        yield Static(self._week_title(total), id="week-title")
        yield WeekBar(total, id="week-bar")
        yield Static(total_words(total), id="week-words")
        yield Static(progress_words(total), id="progress")
        yield Static(plan_words(plan), id="plan-words")
        yield Static(self._form_title(self.context.focus_uid), id="form-title")
        with Vertical(id="form-slot"):
            yield self._form(self.context.focus_uid)
        yield Static("Your sessions and plans (Enter on a line to reopen it)", id="list-title")
        yield EntryPicker("physical_activity", "＋ Log or plan another session", id="sessions")

    # -- the week -------------------------------------------------------------------------

    def _sessions(self) -> list[ActivitySession]:
        """The sessions that can be read; one that cannot is left out of the week's
        totals (the list below says so, and it stays as saved)."""
        found = (
            e.decoded(ActivitySession) for e in self.session.store.entries(kind="physical_activity")
        )
        return [session for session in found if session is not None]

    def _totals(self) -> tuple[WeekTotal, WeekTotal]:
        sessions = self._sessions()
        today = self.session.clock.today()
        goal = self.block.weekly_goal_minutes
        return week_total(sessions, today, goal), plan_total(sessions, today, goal)

    @staticmethod
    def _week_title(total: WeekTotal) -> str:
        return f"This week ({week_words(total)})"

    def refresh_week(self) -> None:
        total, plan = self._totals()
        self.query_one("#week-title", Static).update(self._week_title(total))
        self.query_one("#week-bar", WeekBar).show(total)
        self.query_one("#week-words", Static).update(total_words(total))
        self.query_one("#progress", Static).update(progress_words(total))
        self.query_one("#plan-words", Static).update(plan_words(plan))

    # -- the form -------------------------------------------------------------------------

    def _form_title(self, uid: str | None) -> str:
        return "Log or plan a session" if uid is None else "Edit this session"

    def _form(self, uid: str | None = None, plan: bool = False) -> SessionForm:
        place = EntryPlace(self.context.module_id, self.context.page_id, self.block.id)
        return SessionForm(place, uid=uid, plan=plan)

    async def _replace_form(
        self, uid: str | None, plan: bool = False, *, show_week: bool = False
    ) -> None:
        slot = self.query_one("#form-slot", Vertical)
        for form in slot.query(SessionForm):
            form.flush()
        await slot.remove_children()
        form = self._form(uid, plan)
        await slot.mount(form)
        self.query_one("#form-title", Static).update(self._form_title(uid))
        form.query_one("#activity", Input).focus(scroll_visible=not show_week)
        if show_week:  # just saved: let the user see the bar move
            week = self.query_one("#week-title")
            self.call_after_refresh(week.scroll_visible, top=True, animate=False)

    @on(EntryForm.Saved)
    def _saved(self, event: EntryForm.Saved) -> None:
        self.query_one("#sessions", EntryPicker).reload(highlight=event.entry.uid)
        self.refresh_week()

    @on(SessionForm.Added)
    async def _added(self, event: SessionForm.Added) -> None:
        # Planning several sessions in a row is common: stay in the same mode.
        plan = event.form.data.planned and not event.form.data.done
        await self._replace_form(None, plan=plan, show_week=True)

    @on(EntryPicker.Picked)
    async def _picked(self, event: EntryPicker.Picked) -> None:
        await self._replace_form(event.uid)
