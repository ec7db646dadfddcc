"""Log today's mood in one keystroke from home (m): a 0-10 rating, tags, sleep and a note.

Past days can be filled in or corrected with [ and ]. One entry a day: changing a day
updates it. Saved as soon as a score is chosen, and again with every change.
"""

from __future__ import annotations

from contextlib import suppress
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from ecouch_tui.course.mood import parse_sleep
from ecouch_tui.store.records import TEXT_MOST
from ecouch_tui.store.tables.mood import MOOD_FIELDS, mood_fields
from ecouch_tui.ui.access import AppAccess
from ecouch_tui.ui.blocks.base import Saver
from ecouch_tui.ui.keys import GET_HELP_KEY
from ecouch_tui.ui.merging import MergeTracker
from ecouch_tui.ui.widgets.footer import EcouchFooter
from ecouch_tui.ui.widgets.marked import MarkedCheckbox
from ecouch_tui.ui.widgets.rating import Rating
from ecouch_tui.wording import long_date

if TYPE_CHECKING:
    from ecouch_tui.store.writer import Job


#: The day's fields, as the question about a change made elsewhere names them.
LABELS = {"score": "Mood", "note": "Note", "tags": "Tags", "sleep_hours": "Hours slept"}


#: Said once a save has landed beside a change made elsewhere, now shown here too.
MERGED_IN = "Saved, with what was saved elsewhere meanwhile (shown here now)."


class MoodEntryScreen(AppAccess, ModalScreen[None]):
    CSS_PATH = "mood_entry.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        GET_HELP_KEY,
        Binding("escape", "close", "Done"),
        Binding("left_square_bracket", "day(-1)", "Day before"),
        Binding("right_square_bracket", "day(1)", "Day after"),
    ]

    def __init__(self, day: date | None = None) -> None:
        super().__init__()
        self.day = day

    def compose(self) -> ComposeResult:
        self.day = self.day or self.session.clock.today()
        self.saver = Saver(self, self._write, self._saved, self._unsaved)
        self.merging = MergeTracker(
            self.ecouch,
            "this day's mood",
            mine=self._mine,
            on_keep=self._keep_mine,
            on_take=self._take,
            on_newer=self._took_newer,
            labels=LABELS,
        )
        with Vertical(id="mood-box") as box:
            box.border_title = "Mood"
            with Horizontal(id="day-row"):
                yield Button("◀ [", id="earlier", compact=True)
                yield Label(id="day")
                yield Button("] ▶", id="later", compact=True)
            yield Label("How has your mood been today? (0 very low, 10 very good)", id="question")
            yield Rating(id="score", low_words="very low", high_words="very good")
            yield Label("Anything that went with it? (Space to tick)")
            with Vertical(id="tags"):
                for tag in self.session.mood_tags():
                    yield MarkedCheckbox(tag, compact=True, name=tag)
            with Horizontal(id="extras"):
                with Vertical():
                    yield Label("Hours slept")
                    yield Input(id="sleep", placeholder="e.g. 7.5")
                with Vertical(id="note-col"):
                    yield Label("Note (optional)")
                    yield Input(
                        id="note", placeholder="a word or two about the day", max_length=TEXT_MOST
                    )
            yield Static("", id="mood-status")
            yield Button("Done", id="done", variant="primary", compact=True)
        yield EcouchFooter()  # the day keys [ and ] and Esc, as on every screen

    def on_mount(self) -> None:
        self.show_day()
        self.query_one("#score", Rating).focus()

    # -- the day shown -----------------------------------------------------------------------

    def show_day(self) -> None:
        assert self.day is not None
        today = self.session.clock.today()
        words = (
            " (today)"
            if self.day == today
            else " (yesterday)"
            if (today - self.day).days == 1
            else ""
        )
        self.query_one("#day", Label).update(f"{long_date(self.day)}{words}")
        self.query_one("#later", Button).disabled = self.day >= today
        when = "today" if self.day == today else "that day"
        self.query_one("#question", Label).update(
            f"How was your mood {when}? (0 very low, 10 very good)"
        )
        entry = self.session.store.mood(self.day)
        stored = mood_fields(entry) if entry else None
        # A save of this day still on its way (the screen closed and opened again before
        # it landed): shown instead of the older stored entry it is about to replace.
        waiting = self.ecouch.pending_entry(self._uid)
        # Tags this screen has no box for (an import, a changed tag list) are kept.
        offered = set(self.session.mood_tags())
        # A value that cannot be read shows as not chosen and is kept as stored until
        # the user gives a new one (an unchanged field is never written).
        unreadable = entry.unreadable if entry else {}
        if isinstance(waiting, dict):
            shown: dict[str, Any] = {**dict.fromkeys(MOOD_FIELDS), **waiting}
        elif entry is not None:
            shown = {
                "score": None if "score" in unreadable else entry.score,
                "note": entry.note,
                "tags": [] if "tags" in unreadable else sorted(entry.tags),
                "sleep_hours": None if "sleep_hours" in unreadable else entry.sleep_hours,
            }
        else:
            shown = {"score": None, "note": "", "tags": [], "sleep_hours": None}
        self._tags_unreadable = "tags" in unreadable
        self._other_tags: list[str] = []
        self._show(shown, offered)
        self.merging.shown(shown, stored)
        self.query_one("#mood-status", Static).update(
            "Some of this day's entry is unreadable; it is kept as saved until you change it."
            if unreadable
            else "Saving…"
            if waiting is not None
            else "Saved"
            if entry
            else "Not logged yet"
        )

    def _show(self, values: dict[str, Any], offered: set[str] | None = None) -> None:
        """Put these values of the day's fields in their boxes (saving nothing)."""
        offered = offered if offered is not None else set(self.session.mood_tags())
        self._loading = True
        if "score" in values:
            self.query_one("#score", Rating).value = values["score"]
        if "tags" in values:
            tags = values["tags"] if isinstance(values["tags"], list) else []
            self._other_tags = [t for t in tags if t not in offered]
            for box in self.query(MarkedCheckbox):
                box.value = box.name in tags
        if "sleep_hours" in values:
            sleep = values["sleep_hours"]
            self.query_one("#sleep", Input).value = (
                f"{sleep:g}" if isinstance(sleep, int | float) else ""
            )
        if "note" in values:
            note = values["note"]
            self.query_one("#note", Input).value = note if isinstance(note, str) else ""
        self.call_after_refresh(self._loaded)

    def _loaded(self) -> None:
        self._loading = False

    def action_day(self, step: int) -> None:
        # A worker: the wait for the save must not hold up this screen's messages.
        self.run_worker(self._go_to_day(step), group="day", exclusive=True)

    async def _go_to_day(self, step: int) -> None:
        assert self.day is not None
        target = self.day + timedelta(days=step)
        if target > self.session.clock.today():
            return
        if not await self.saver.save():
            return  # not saved: stay on this day, so what was typed stays on screen
        self.day = target
        self.show_day()

    # -- saving --------------------------------------------------------------------------

    def _changed(self) -> None:
        if getattr(self, "_loading", False):
            return
        if self.query_one("#score", Rating).value is None:
            self._status("Choose a score from 0 to 10 to save this day.", problem=True)
            return
        if not self.merging.seen.changed(self._mine()) and not self.saver.dirty:
            return  # as saved (a box showing what was saved elsewhere): nothing to save
        self._merged_in = False
        self._status("Saving…")
        self.saver.touch()

    @property
    def _uid(self) -> str:
        """The name of this day's save while it is on its way (`Writer.pending`)."""
        return f"mood:{self.day}"

    def _mine(self) -> dict[str, Any]:
        """The day's fields as the screen shows them, as `mood_fields` has them; a field
        left out is left as stored (a sleep the box refuses, unreadable tags)."""
        mine: dict[str, Any] = {
            "score": self.query_one("#score", Rating).value,
            "note": self.query_one("#note", Input).value.strip(),
        }
        tags = [str(box.name) for box in self.query(MarkedCheckbox) if box.value]
        tags += getattr(self, "_other_tags", [])
        if tags or not getattr(self, "_tags_unreadable", False):
            mine["tags"] = sorted(tags)
        with suppress(ValueError):  # refused: the field says why; the rest is saved
            mine["sleep_hours"] = parse_sleep(self.query_one("#sleep", Input).value)
        return mine

    def _write(self) -> Job[object] | None:
        """The day's entry as the screen shows it now, to be merged in by the writer."""
        day = self.day
        assert day is not None
        mine = self._mine()
        if mine["score"] is None:
            return None
        return self.merging.job(
            self._uid, mine, mine, lambda store, seen: store.merge_mood(day, mine, seen)
        )

    def _take(self, values: dict[str, Any]) -> None:
        """Values saved elsewhere, shown here (the user kept them, or did not touch them)."""
        self._show(values)
        self.merging.accept(values)

    def _took_newer(self, values: dict[str, Any]) -> None:
        self._take(values)
        self._merged_in = True
        self._status(MERGED_IN)

    def _keep_mine(self) -> None:
        self._status("Saving…")
        self.saver.touch()

    def _saved(self, ok: bool) -> None:
        if ok:
            self._status(MERGED_IN if getattr(self, "_merged_in", False) else "Saved")
        else:
            self._status("Not saved yet: it is still here.", problem=True)

    def _unsaved(self) -> str:
        """This day's entry as text, for the Not saved window (see Saver.release)."""
        assert self.day is not None
        score = self.query_one("#score", Rating).value
        lines = [f"Mood for {long_date(self.day)}" + (f": {score}/10" if score is not None else "")]
        tags = [str(box.name) for box in self.query(MarkedCheckbox) if box.value]
        if tags:
            lines.append("Tags: " + ", ".join(tags))
        for label, field in (("Hours slept", "#sleep"), ("Note", "#note")):
            value = self.query_one(field, Input).value.strip()
            if value:
                lines.append(f"{label}: {value}")
        return "\n".join(lines)

    def _status(self, text: str, problem: bool = False) -> None:
        status = self.query_one("#mood-status", Static)
        status.update(("⚠ " if problem else "") + text)
        status.set_class(problem, "-problem")

    @on(Rating.Changed)
    @on(MarkedCheckbox.Changed)
    @on(Input.Changed, "#note")
    def _any_change(self) -> None:
        self._changed()

    @on(Input.Changed, "#sleep")
    def _sleep(self, event: Input.Changed) -> None:
        try:
            parse_sleep(event.value)
        except ValueError as exc:
            self._status(str(exc).capitalize() + ".", problem=True)
            return
        self._changed()

    @on(Button.Pressed, "#earlier")
    def _earlier(self) -> None:
        self.action_day(-1)

    @on(Button.Pressed, "#later")
    def _later(self) -> None:
        self.action_day(1)

    @on(Button.Pressed, "#done")
    def _done(self) -> None:
        self.action_close()

    def action_close(self) -> None:
        self.saver.release()  # what could not be saved is shown to copy, not lost
        self.dismiss()
        app = self.ecouch

        def after_saving() -> None:  # the streak counts today's score once it is on disk
            if app.open_session is not None and app.session.low_mood_streak():
                app.notify(
                    "Your mood has been very low for a few days. A check-in (k) can help you "
                    "see where things are, and F1 shows people you can talk to now.",
                    title="Go gently",
                    timeout=12,
                )

        app.when_saved(after_saving)
