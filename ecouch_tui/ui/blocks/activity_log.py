"""Widget for `activity_log` blocks: log what you did and rate achievement and enjoyment.

The form is also the quick add from home (key `a`). Every activity_log block shows
the user's whole diary, newest first; choosing a line reopens it for editing.

The entry saves as it is typed (the line beside the button says so); finishing it is
one thing, done two ways: the Done button, or Enter on the last rating (Enter on the
other fields moves to the next one). In a block, Done starts a new entry ("Done ✓ ·
new entry"); in the quick add and the Workbook it closes the form ("Done ✓").
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Static

from ecouch_tui.content.blocks.activity_log import ActivityEntry, ActivityLogBlock
from ecouch_tui.course.dates import parse_day
from ecouch_tui.ui.blocks.base import BlockView, words_input
from ecouch_tui.ui.blocks.entries import EntryForm, EntryPicker, EntryPlace, compose_prompt
from ecouch_tui.ui.widgets.rating import Rating
from ecouch_tui.wording import relative_day


def day_words(day: date | None, today: date) -> str:
    if day is None:
        return "today"
    words = relative_day(day, today)
    return words if words in ("today", "yesterday") else day.isoformat()


class ActivityForm(EntryForm):
    """One "achieved and enjoyed" entry."""

    KIND = "activity_log"
    data: ActivityEntry

    DEFAULT_CSS = """
    ActivityForm .question { margin-top: 1; }
    ActivityForm #when { height: auto; }
    ActivityForm #when Input { width: 1fr; }
    ActivityForm #finish { height: auto; margin-top: 1; }
    ActivityForm Rating { margin-left: 1; }
    """

    #: The Done button in a diary block, which then offers a fresh entry.
    NEW_ENTRY = "Done ✓ · new entry"

    def __init__(
        self,
        place: EntryPlace,
        *,
        uid: str | None = None,
        suggestions: list[str] | None = None,
        done_label: str = "Done ✓",
    ) -> None:
        super().__init__(place, uid=uid)
        self.suggestions = suggestions or []
        #: What the Done button says it does: "Done ✓" where it closes the form.
        self.done_label = done_label

    def compose(self) -> ComposeResult:
        today = self.session.clock.today()
        hint = "e.g. " + ", ".join(self.suggestions[:3]) if self.suggestions else "e.g. a walk"
        yield Static("What did you do?", classes="question")
        yield words_input(self.data.what, placeholder=hint, id="what")
        yield Static("When?", classes="question")
        with Horizontal(id="when"):
            yield Input(day_words(self.data.day, today), placeholder="today", id="day")
            yield Input(self.data.time, placeholder="time, e.g. 10:30 (optional)", id="time")
        yield Static("How much did you achieve? (0 nothing, 10 a lot)", classes="question")
        yield Rating(
            self.data.achievement, id="achievement", low_words="nothing", high_words="a lot"
        )
        yield Static("How much did you enjoy it? (0 not at all, 10 very much)", classes="question")
        yield Rating(self.data.enjoyment, id="enjoyment", low_words="not at all", high_words="very")
        yield self.status()
        with Horizontal(id="finish"):
            yield Button(self.done_label, id="add", variant="primary", compact=True)
            yield self.saved_note()

    def finishes_on(self, rating: Rating) -> bool:
        return rating.id == "enjoyment"  # the last rating: Enter there is Done

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        """Enter in a box moves on to the next field, as in a paper form."""
        event.stop()
        self.screen.focus_next()

    @on(Input.Changed, "#what")
    def _what(self, event: Input.Changed) -> None:
        day = self.data.day or self.session.clock.today()
        self.change(what=event.value, day=day)

    @on(Input.Changed, "#time")
    def _time(self, event: Input.Changed) -> None:
        self.change(time=event.value.strip())

    @on(Input.Changed, "#day")
    def _day(self, event: Input.Changed) -> None:
        try:
            day = parse_day(event.value, self.session.clock.today())
        except ValueError as exc:
            self.problem(str(exc).capitalize())
            return
        today = self.session.clock.today()
        if day > today:
            self.problem("That day has not happened yet; log it once it has.")
            return
        if day != (self.data.day or today):
            self.change(day=day)
        else:
            self.clear_problem()

    @on(Rating.Changed, "#achievement")
    def _achievement(self, event: Rating.Changed) -> None:
        event.stop()
        self.change(achievement=event.value)

    @on(Rating.Changed, "#enjoyment")
    def _enjoyment(self, event: Rating.Changed) -> None:
        event.stop()
        self.change(enjoyment=event.value)

    @on(Button.Pressed, "#add")
    async def _add(self, event: Button.Pressed) -> None:
        event.stop()
        await self.finish()

    async def finish(self) -> None:
        """Done with this entry (it is saved already): say so, and move on; or say what
        it still needs."""
        missing = self.data.missing()
        if missing:
            self.problem("To finish it, " + "; ".join(missing) + ".")
            return
        if not await self.save_now():
            return  # not saved: the form stays, with what was typed, and says why
        self.notify(f"Logged: {self.data.what}", title="Saved")
        self.post_message(self.Added(self))

    class Added(Message):
        """The user finished this entry (Done, or Enter on the last rating)."""

        def __init__(self, form: ActivityForm) -> None:
            super().__init__()
            self.form = form


class ActivityLogView(BlockView):
    BLOCK = ActivityLogBlock
    block: ActivityLogBlock

    #: ctrl+s, not a letter: it works from inside the entry's text boxes too.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "share", "Share", id="share_activity", tooltip="on the peer board"),
    ]

    DEFAULT_CSS = """
    ActivityLogView { border: round $secondary; padding: 0 1; height: auto; }
    ActivityLogView #form-slot { height: auto; }
    ActivityLogView #diary-title { margin-top: 1; text-style: bold; }
    """

    def compose(self) -> ComposeResult:
        self.border_title = "Achieved and enjoyed"
        yield from compose_prompt(self.block.prompt)
        with Vertical(id="form-slot"):
            yield self._form(self.context.focus_uid)
        yield Static("Your diary (Enter on a line to reopen it)", id="diary-title")
        yield EntryPicker("activity_log", "＋ Log another activity", id="diary")

    def _form(self, uid: str | None = None) -> ActivityForm:
        place = EntryPlace(self.context.module_id, self.context.page_id, self.block.id)
        # Opened for one entry (the Workbook), Done goes back; on the page, a new entry.
        done = "Done ✓" if self.context.focus_uid is not None else ActivityForm.NEW_ENTRY
        return ActivityForm(place, uid=uid, suggestions=self.block.suggestions, done_label=done)

    async def _replace_form(self, uid: str | None) -> None:
        slot = self.query_one("#form-slot", Vertical)
        for form in slot.query(ActivityForm):
            form.flush()
        await slot.remove_children()
        form = self._form(uid)
        await slot.mount(form)
        form.query_one("#what", Input).focus()

    @on(EntryForm.Saved)
    def _saved(self, event: EntryForm.Saved) -> None:
        self.query_one("#diary", EntryPicker).reload(highlight=event.entry.uid)

    def action_share(self) -> None:
        """The entry on screen, in the board's Achieved & enjoyed room (editable first)."""
        from ecouch_tui.ui.board_share import share_achieved

        words = self.query_one(ActivityForm).data.what
        if not words.strip():
            self.notify("Write what you did first, then share it.", title="Share")
            return
        share_achieved(self.ecouch, words)

    @on(ActivityForm.Added)
    async def _added(self) -> None:
        await self._replace_form(None)

    @on(EntryPicker.Picked)
    async def _picked(self, event: EntryPicker.Picked) -> None:
        await self._replace_form(event.uid)
