"""Widget for `activity_schedule` blocks: plan activities for the coming days, then mark
them done and rate what actually happened, planned and actual side by side.

One plan for the whole course (like the activity log's diary): every activity_schedule
block shows all of the user's plans, day by day. Enter on a plan reopens it, to change
it or, once its day has come, to say how it went. Each plan saves as it is typed.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Checkbox, Input, OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from ecouch_tui.content.blocks.activity_schedule import ActivityScheduleBlock, PlannedActivity
from ecouch_tui.course.dates import parse_day
from ecouch_tui.course.schedule import (
    LOOK_BACK_DAYS,
    by_day,
    day_input_text,
    due,
    earlier_count,
    hindsight,
    plan_day_problem,
    remark,
)
from ecouch_tui.ui.access import AppAccess
from ecouch_tui.ui.blocks.base import BlockView, words_input
from ecouch_tui.ui.blocks.entries import EntryForm, EntryPlace, compose_prompt
from ecouch_tui.ui.widgets.marked import MarkedCheckbox
from ecouch_tui.ui.widgets.rating import Rating
from ecouch_tui.wording import long_date, relative_day, short_date

KIND = "activity_schedule"
EARLIER = "earlier"
#: Longer descriptions are cut in the list, so a plan stays one line at 80 columns.
WHAT_WIDTH = 32


class PlanForm(EntryForm):
    """One planned activity: what, when and what is expected; later, what happened."""

    KIND = KIND
    data: PlannedActivity

    DEFAULT_CSS = """
    PlanForm .question { margin-top: 1; }
    PlanForm .form-status { height: auto; }
    PlanForm .form-title { text-style: bold; margin-top: 1; }
    PlanForm #outcome > .form-title { margin-top: 0; }
    PlanForm #when { height: auto; }
    PlanForm #when Input { width: 1fr; }
    PlanForm Rating { margin-left: 1; }
    PlanForm #outcome { height: auto; margin-top: 1; padding: 0 1; border-left: wide $accent; }
    PlanForm #comparison { margin-top: 1; }
    PlanForm #not-yet { margin-top: 1; color: $text-muted; }
    PlanForm #finish { height: auto; }
    """

    def __init__(self, place: EntryPlace, *, uid: str | None = None, days_ahead: int = 7) -> None:
        super().__init__(place, uid=uid)
        self.days_ahead = days_ahead
        #: Reopened from the list (rather than a new plan being written).
        self.opened = uid is not None and not self.data.empty()
        #: The day the plan had when opened: keeping it is never refused.
        self.saved_day = self.data.day if self.opened else None

    @property
    def today(self) -> date:
        return self.session.clock.today()

    def compose(self) -> ComposeResult:
        plan = self.data
        yield Static("Your plan" if self.opened else "Plan an activity", classes="form-title")
        yield Static("What will you do?", classes="question")
        yield words_input(plan.what, placeholder="e.g. a short walk, call a friend", id="what")
        yield Static(self._when_words(plan.day), id="when-label", classes="question")
        with Horizontal(id="when"):
            yield Input(
                day_input_text(plan.day, self.today),
                placeholder="tomorrow, wed or 2026-01-13",
                id="day",
            )
            yield Input(plan.time, placeholder="time, e.g. 10:30 (optional)", id="time")
        yield Static("How much do you expect to achieve? (0 nothing, 10 a lot)", classes="question")
        yield Rating(
            plan.expected_achievement,
            id="expected-achievement",
            low_words="nothing",
            high_words="a lot",
        )
        yield Static(
            "How much do you expect to enjoy it? (0 not at all, 10 very much)", classes="question"
        )
        yield Rating(
            plan.expected_enjoyment,
            id="expected-enjoyment",
            low_words="not at all",
            high_words="very",
        )
        if self.opened:
            with Vertical(id="outcome"):
                yield Static("How did it go?", classes="form-title")
                yield MarkedCheckbox("I did it", plan.done, id="done", compact=True)
                yield Static("How much did you actually achieve?", classes="question")
                yield Rating(
                    plan.actual_achievement,
                    id="actual-achievement",
                    low_words="nothing",
                    high_words="a lot",
                )
                yield Static("How much did you actually enjoy it?", classes="question")
                yield Rating(
                    plan.actual_enjoyment,
                    id="actual-enjoyment",
                    low_words="not at all",
                    high_words="very",
                )
                yield Static("Anything to remember about it? (optional)", classes="question")
                yield words_input(
                    plan.note, placeholder="e.g. went with Sam, felt tired", id="note"
                )
                yield Static("", id="comparison")
            yield Static("", id="not-yet")
        yield self.status()
        # It saves as it is typed: the button finishes (then back to the list, or a new
        # plan), and says so, as in the other forms.
        label = "Done ✓" if self.opened else "Done ✓ · new plan"
        with Horizontal(id="finish"):
            yield Button(label, id="add", variant="primary", compact=True)
            yield self.saved_note()

    def on_mount(self) -> None:
        self._show_outcome()

    # -- what the form shows -------------------------------------------------------------

    def _when_words(self, day: date | None) -> str:
        if day is None:
            return "When?"
        near = relative_day(day, self.today)
        return f"When? {long_date(day)}" + (f" ({near})" if near else "")

    def _show_outcome(self) -> None:
        """Rating what happened is offered once the planned day has come."""
        if not self.opened:
            return
        plan = self.data
        arrived = plan.day is not None and plan.day <= self.today
        self.query_one("#outcome").display = arrived
        not_yet = self.query_one("#not-yet", Static)
        not_yet.display = not arrived and plan.day is not None
        if plan.day is not None and not arrived:
            not_yet.update(
                f"On {short_date(plan.day)} or after, open it again to mark it done"
                " and say how it went."
            )
        comparison = self.query_one("#comparison", Static)
        comparison.display = plan.done
        if plan.done:
            comparison.update(
                Content.assemble(
                    ("Expected → actual: ", "bold"), plan.comparison(), "\n", remark(plan)
                )
            )

    def change(self, **fields: Any) -> None:
        super().change(**fields)
        self._show_outcome()

    # -- editing -------------------------------------------------------------------------

    def _typed_day(self, text: str) -> date | str:
        """The day in the day box, or what is wrong with it."""
        if not text.strip():  # (parse_day reads this as today; a plan needs a chosen day)
            return "Choose a day, e.g. tomorrow, wed or 2026-01-13."
        try:
            day = parse_day(text, self.today, future=True)
        except ValueError as exc:
            return str(exc).capitalize() + "."
        return plan_day_problem(day, self.today, self.days_ahead, self.saved_day) or day

    @on(Input.Changed, "#what")
    def _what(self, event: Input.Changed) -> None:
        event.stop()
        fields: dict[str, Any] = {"what": event.value}
        typed = self._typed_day(self.query_one("#day", Input).value)
        if self.data.day is None and isinstance(typed, date):
            fields["day"] = typed
        self.change(**fields)
        if isinstance(typed, str):
            self.problem(typed)  # the day is still wrong: keep saying so

    @on(Input.Changed, "#day")
    def _day(self, event: Input.Changed) -> None:
        event.stop()
        typed = self._typed_day(event.value)
        label = self.query_one("#when-label", Static)
        if isinstance(typed, str):
            label.update("When?")
            self.problem(typed)
            return
        label.update(self._when_words(typed))
        if typed != self.data.day:
            self.change(day=typed)
        else:
            self.clear_problem()

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        """Enter moves on to the next field, as in a paper form."""
        event.stop()
        self.screen.focus_next()

    @on(Input.Changed, "#time")
    def _time(self, event: Input.Changed) -> None:
        event.stop()
        self.change(time=event.value.strip())

    @on(Input.Changed, "#note")
    def _note(self, event: Input.Changed) -> None:
        event.stop()
        self.change(note=event.value)

    @on(Rating.Changed, "#expected-achievement")
    def _expected_achievement(self, event: Rating.Changed) -> None:
        event.stop()
        self.change(expected_achievement=event.value)

    @on(Rating.Changed, "#expected-enjoyment")
    def _expected_enjoyment(self, event: Rating.Changed) -> None:
        event.stop()
        self.change(expected_enjoyment=event.value)

    @on(Rating.Changed, "#actual-achievement")
    def _actual_achievement(self, event: Rating.Changed) -> None:
        event.stop()
        self._rate_actual(actual_achievement=event.value)

    @on(Rating.Changed, "#actual-enjoyment")
    def _actual_enjoyment(self, event: Rating.Changed) -> None:
        event.stop()
        self._rate_actual(actual_enjoyment=event.value)

    def _rate_actual(self, **rating: int | None) -> None:
        """Rating what happened means it happened: tick "I did it" too."""
        rated = any(value is not None for value in rating.values())
        self.change(**rating, **({"done": True} if rated else {}))
        if rated:
            self.query_one("#done", Checkbox).value = True

    @on(Checkbox.Changed, "#done")
    def _done(self, event: Checkbox.Changed) -> None:
        event.stop()
        self.change(done=event.value)

    def finishes_on(self, rating: Rating) -> bool:
        """A new plan ends with how much it will be enjoyed: Enter there is Done."""
        return not self.opened and rating.id == "expected-enjoyment"

    @on(Button.Pressed, "#add")
    async def _add(self, event: Button.Pressed) -> None:
        event.stop()
        await self.finish()

    async def finish(self) -> None:
        typed = self._typed_day(self.query_one("#day", Input).value)
        if isinstance(typed, str):
            self.problem(typed)
            return
        missing = self.data.missing()
        if missing:
            verb = "To save it" if self.opened else "To add it to your plan"
            self.problem(f"{verb}, " + "; ".join(missing) + ".")
            return
        if not await self.save_now():
            return  # the form says it is not saved yet, and keeps it
        plan = self.data
        assert plan.day is not None
        self.notify(
            f"{plan.what.strip()} · {short_date(plan.day)} · {plan.outcome()}",
            title="Saved" if self.opened else "Added to your plan",
        )
        self.post_message(self.Finished(self))

    class Finished(Message):
        """The user is done with this plan for now (pressed Add or Save)."""

        def __init__(self, form: PlanForm) -> None:
            super().__init__()
            self.form = form


class PlanList(AppAccess, OptionList):
    """Every plan, day by day from a week ago; Enter on a plan reopens it."""

    DEFAULT_CSS = """
    PlanList { height: auto; max-height: 14; }
    PlanList > .option-list--option-disabled { color: $text; text-style: bold; }
    """

    class Picked(Message):
        def __init__(self, plans: PlanList, uid: str) -> None:
            super().__init__()
            self.plans = plans
            self.uid = uid

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.show_earlier = False

    def on_mount(self) -> None:
        self.reload()

    def plans(self) -> list[tuple[str, PlannedActivity]]:
        """The plans that can be read; one that cannot is left out here, kept as saved
        (the Workbook shows it as it is)."""
        found = ((e.uid, e.decoded(PlannedActivity)) for e in self.session.store.entries(kind=KIND))
        return [(uid, plan) for uid, plan in found if plan is not None]

    def reload(self, highlight: str | None = None) -> None:
        today = self.session.clock.today()
        plans = self.plans()
        since = None if self.show_earlier else today - timedelta(days=LOOK_BACK_DAYS)
        self.clear_options()
        earlier = 0 if since is None else earlier_count((p for _, p in plans), since)
        if earlier:
            self.add_option(
                Option(f"… show {earlier} earlier plan{'s' if earlier > 1 else ''}", id=EARLIER)
            )
        for group in by_day(plans, since):
            self.add_option(Option(_day_heading(group.day, today), disabled=True))
            for uid, plan in group.plans:
                self.add_option(Option(_plan_line(plan, today), id=uid))
        self.display = self.option_count > 0
        if highlight is not None:
            try:
                self.highlighted = self.get_option_index(highlight)
            except OptionDoesNotExist:  # a plan outside the days shown
                self.highlighted = None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id == EARLIER:
            self.show_earlier = True
            self.reload()
            self.action_first()
        elif event.option.id is not None:
            self.post_message(self.Picked(self, event.option.id))


def _day_heading(day: date | None, today: date) -> str:
    if day is None:
        return "No day chosen yet"
    near = relative_day(day, today)
    return short_date(day) + (f" · {near}" if near else "")


def _plan_line(plan: PlannedActivity, today: date) -> Content:
    mark = "✓" if plan.done else "○"
    time = f"{plan.time} " if plan.time else ""
    what = plan.what.strip() or "(nothing written yet)"
    if len(what) > WHAT_WIDTH:
        what = what[: WHAT_WIDTH - 1].rstrip() + "…"
    ask = " · how did it go?" if due(plan, today) else ""
    return Content.assemble(f"  {mark} {time}{what} · ", (plan.outcome(), "dim"), (ask, "italic"))


class ActivityScheduleView(BlockView):
    BLOCK = ActivityScheduleBlock
    block: ActivityScheduleBlock

    DEFAULT_CSS = """
    ActivityScheduleView { border: round $secondary; padding: 0 1; height: auto; }
    ActivityScheduleView #form-slot { height: auto; }
    ActivityScheduleView #plan-title { margin-top: 1; text-style: bold; }
    ActivityScheduleView #hindsight { margin-top: 1; color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        self.border_title = "Plan your days"
        yield from compose_prompt(self.block.prompt)
        with Vertical(id="form-slot"):
            yield self._form(self.context.focus_uid)
        yield Static("Your plan, day by day (Enter on a line to open it)", id="plan-title")
        yield PlanList(id="plan-list")
        yield Static("", id="hindsight")

    def on_mount(self) -> None:
        self._show_plans()
        if self.context.focus_uid is not None:
            self.call_after_refresh(self._focus_form)

    def _form(self, uid: str | None = None) -> PlanForm:
        place = EntryPlace(self.context.module_id, self.context.page_id, self.block.id)
        return PlanForm(place, uid=uid, days_ahead=self.block.days_ahead)

    def _focus_form(self) -> None:
        """Into the reopened plan: straight to "I did it" when its day has come."""
        form = self.query_one(PlanForm)
        if due(form.data, form.today):
            form.query_one("#done").focus()
        else:
            form.query_one("#what", Input).focus()

    async def _replace_form(self, uid: str | None) -> None:
        slot = self.query_one("#form-slot", Vertical)
        for form in slot.query(PlanForm):
            form.flush()
        await slot.remove_children()
        await slot.mount(self._form(uid))

    def _show_plans(self, highlight: str | None = None) -> None:
        """The list (once there is something in it) and what the plans so far show."""
        plan_list = self.query_one(PlanList)
        if highlight is not None:
            plan_list.reload(highlight=highlight)
        plans = [p for _, p in plan_list.plans()]
        self.query_one("#plan-title").display = bool(plans)
        summary = hindsight(plans)
        if summary is not None:
            text = summary.words()
        elif plans:
            text = "Once a planned day has come, open the plan to say how it went."
        else:
            text = "Nothing planned yet: plans you add show here, day by day."
        self.query_one("#hindsight", Static).update(text)

    @on(EntryForm.Saved)
    def _saved(self, event: EntryForm.Saved) -> None:
        self._show_plans(highlight=event.entry.uid)

    @on(PlanForm.Finished)
    async def _finished(self, event: PlanForm.Finished) -> None:
        await self._replace_form(None)
        if event.form.opened:
            self.query_one(PlanList).focus()  # back to the list, to open the next one
        else:
            self._focus_form()  # ready for the next plan

    @on(PlanList.Picked)
    async def _picked(self, event: PlanList.Picked) -> None:
        await self._replace_form(event.uid)
        self._focus_form()
