"""The weekly check-in: a data notice (first time only), one question per step, the result.

Keyboard first: a digit picks the answer with that value and moves on; arrows and Enter
work in the list; b/← and n/→ go back and forward; Escape stops (or skips the optional
question, or closes the result) and returns to the screen the check-in was opened from.
Nothing is saved until every question has an answer (or, where the questionnaire allows
it, was skipped with s: "Skip this question"), and stopping half-way says so. A
second check-in of the same questionnaire on one day is offered as a replacement of the
first, which stays until the new one is saved. o lists the course's other
questionnaires. When a safety rule fires the calm safety screen opens at once, over the
result, which is where its way back leads.
"""

from __future__ import annotations

from enum import Enum
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Header, Label, ProgressBar, RadioSet, Static

from ecouch_tui.content.questionnaire import Questionnaire
from ecouch_tui.course import checkin_text as words
from ecouch_tui.course.checkin import Outcome, assess, done_today, taken_on
from ecouch_tui.store.records import Checkin
from ecouch_tui.ui.access import AppAccess
from ecouch_tui.ui.keys import GET_HELP_KEY
from ecouch_tui.ui.widgets.footer import EcouchFooter
from ecouch_tui.ui.widgets.marked import MarkedRadioButton
from ecouch_tui.wording import long_date, short_date

HELP_HINT = "Press F1 at any time for crisis lines."


class Step(Enum):
    TODAY = "today"  # one was done today: answer again (replacing it) or keep it
    CHOOSE = "choose"  # which questionnaire
    NOTICE = "notice"
    ITEM = "item"
    EXTRA = "extra"
    RESULT = "result"


class CheckinBody(VerticalScroll, can_focus=False):
    """The current step. Not focusable itself, so keys reach the answers and the screen."""


class CheckinScreen(AppAccess, Screen[None]):
    CSS_PATH = "checkin.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        GET_HELP_KEY,
        # Priority, so ← and → move between questions even while the answer list has
        # focus (the list still moves with ↑ and ↓).
        Binding("left,b", "back", "Back", id="checkin_back", priority=True),
        Binding("right,n", "next", "Next", id="checkin_next", priority=True),
        # One key, three meanings: only the one that fits the step is active.
        Binding("escape", "stop", "Stop", id="checkin_stop"),
        Binding("escape", "skip", "Skip", id="checkin_skip"),
        Binding("escape", "close", "Done", id="checkin_done"),
        Binding("escape", "keep", "Keep today's", id="checkin_keep"),
        Binding("h", "history", "History", id="checkin_history"),
        Binding("o", "other", "Others", id="checkin_other", tooltip="another questionnaire"),
        Binding("p", "safety_plan", "Safety plan", id="checkin_safety_plan"),
        Binding("s", "skip_item", "Skip", id="checkin_skip_item", tooltip="skip this question"),
        *(Binding(str(d), f"pick({d})", show=False) for d in range(10)),
    ]

    def __init__(self, instrument: str | None = None) -> None:
        super().__init__()
        self.instrument = instrument
        #: Found in compose (it needs the session); None when the course has no such one.
        self._questionnaire: Questionnaire | None = None
        self.step = Step.ITEM
        self.index = 0
        self.extra_index = 0
        self.answers: list[int | None] = []
        #: Items skipped on purpose (only where the questionnaire's `missing` rule allows).
        self.skipped: set[int] = set()
        self.extra: dict[str, str] = {}
        self.outcome: Outcome | None = None
        self.saved: Checkin | None = None
        self._completing = False
        #: Safety reasons already shown during this check-in (each opens the screen once).
        self.shown: set[str] = set()
        self._radios: RadioSet | None = None
        #: Today's earlier check-in of this questionnaire, if any; `replaces` is its uid
        #: once the user chose to answer again (it is deleted when the new one is saved).
        self.earlier: Checkin | None = None
        self.replaces: str | None = None

    @property
    def questionnaire(self) -> Questionnaire:
        assert self._questionnaire is not None
        return self._questionnaire

    def compose(self) -> ComposeResult:
        course = self.session.course
        self._questionnaire = (
            course.questionnaire(self.instrument) if self.instrument else course.checkin_instrument
        )
        yield Header(icon="≡")
        with Horizontal(id="checkin-top"):
            yield Label(id="checkin-where", markup=False)
            yield ProgressBar(id="checkin-bar", show_eta=False, show_percentage=False)
            yield Label(id="checkin-count")
        yield CheckinBody(id="checkin-body")
        with Horizontal(id="checkin-nav"):
            yield Button("◀ Back", id="checkin-back-button", compact=True)
            yield Static(id="checkin-hint")
            yield Button("Next ▶", id="checkin-next-button", variant="primary", compact=True)
        yield EcouchFooter()

    async def on_mount(self) -> None:
        if self._questionnaire is None:
            known = ", ".join(q.name for q in self.session.course.questionnaires) or "none"
            self.app.pop_screen()
            self.app.notify(
                f"This course has no questionnaire '{self.instrument or 'check-in'}' "
                f"(it has: {known}).",
                title="No check-in",
                severity="warning",
            )
            return
        await self.begin(self.questionnaire)

    async def begin(self, questionnaire: Questionnaire) -> None:
        """Start `questionnaire` afresh: today's result first if there is one, else the
        data notice (first time only), else question 1."""
        q = self._questionnaire = questionnaire
        self.instrument = q.id
        self.index = self.extra_index = 0
        self.answers = [None] * len(q.items)
        self.skipped = set()
        self.extra = {}
        self.outcome = self.saved = None
        self.shown = set()
        self.replaces = None
        today = self.session.clock.today()
        self.earlier = done_today(self.session.store.checkins(q.id), q.id, today)
        self.sub_title = f"{q.name} check-in"
        self.query_one("#checkin-where", Label).update(f"{q.name} check-in")
        self.query_one("#checkin-bar", ProgressBar).update(total=len(q.items), progress=0)
        if self.earlier is not None:
            await self.show_today(self.earlier)
        else:
            await self.first_question()

    async def first_question(self) -> None:
        if not self.session.store.setting(words.NOTICE_SEEN, False):
            await self.show_notice()
        else:
            await self.show_item(0)

    # -- steps ---------------------------------------------------------------------------

    async def _show(self, step: Step, widgets: list[Widget]) -> None:
        self.step = step
        self._radios = None
        body = self.query_one(CheckinBody)
        await body.remove_children()
        await body.mount_all(widgets)
        body.scroll_home(animate=False)
        self.refresh_bindings()

    def _nav(self, back: bool, next_label: str | None, hint: str = "") -> None:
        self.query_one("#checkin-back-button", Button).display = back
        nxt = self.query_one("#checkin-next-button", Button)
        nxt.display = next_label is not None
        if next_label is not None:
            nxt.label = next_label
        self.query_one("#checkin-hint", Static).update(hint)
        self.query_one("#checkin-nav").display = back or next_label is not None or bool(hint)

    def _count(self, text: str, progress: int) -> None:
        self.query_one("#checkin-count", Label).update(text)
        self.query_one("#checkin-bar", ProgressBar).update(progress=progress)

    async def show_today(self, earlier: Checkin) -> None:
        q = self.questionnaire
        widgets: list[Widget] = [Static("Done today", classes="step-title")]
        widgets += [
            Static(text, classes="paragraph", markup=False)
            for text in words.done_today_words(q, earlier)
        ]
        await self._show(Step.TODAY, widgets)
        self._count("", 0)
        self._nav(False, "Answer again ▶", "Esc keeps today's")
        self.query_one("#checkin-next-button", Button).focus()

    async def show_choices(self) -> None:
        """Every questionnaire the course ships, to pick one by digit or from the list."""
        weekly = self.session.course.checkin_instrument
        choices = self._choices()
        radios = RadioSet(
            *(
                MarkedRadioButton(
                    Content(
                        f"{n}  {words.chooser_line(q, weekly is not None and q.id == weekly.id)}"
                    ),
                    value=q.id == self.instrument,
                )
                for n, q in enumerate(choices, 1)
            ),
            id="choices",
            compact=True,
        )
        widgets: list[Widget] = [
            Static("Which questionnaire?", classes="step-title"),
            Static(
                "Each one asks about how you have been feeling lately. The weekly check-in "
                "is the one to do each week; the others are there whenever you want them.",
                classes="paragraph",
            ),
            radios,
            Static("", id="answered", markup=False),
        ]
        await self._show(Step.CHOOSE, widgets)
        # Not the questionnaire's name: none is chosen yet.
        self.sub_title = "Choose a check-in"
        self.query_one("#checkin-where", Label).update("Choose a check-in")
        self._radios = radios
        self._count("", 0)
        self._nav(False, None, f"Press 1–{len(choices)} to start one · Esc stops")
        self._focus_answers(radios)

    def _choices(self) -> list[Questionnaire]:
        """The course's questionnaires, the weekly check-in's first."""
        course = self.session.course
        weekly = course.checkin_instrument
        others = [q for q in course.questionnaires if weekly is None or q.id != weekly.id]
        return ([weekly] if weekly is not None else []) + others

    async def show_notice(self) -> None:
        q = self.questionnaire
        widgets: list[Widget] = [Static("Before your first check-in", classes="step-title")]
        widgets += [
            Static(text, classes="paragraph", markup=False)
            for text in words.data_notice(q, HELP_HINT, q is self.session.course.checkin_instrument)
        ]
        await self._show(Step.NOTICE, widgets)
        self._count("", 0)
        self._nav(False, "Continue ▶", "Esc: not now")
        self.query_one("#checkin-next-button", Button).focus()

    async def show_item(self, index: int) -> None:
        q = self.questionnaire
        self.index = index
        item = q.items[index]
        chosen = self.answers[index]
        radios = RadioSet(
            *(
                MarkedRadioButton(
                    Content(f"{option.value}  {option.text}"), value=option.value == chosen
                )
                for option in q.item_options(index)
            ),
            id="answers",
            compact=True,
        )
        last = index == len(q.items) - 1
        widgets: list[Widget] = [Static(q.stem, classes="stem", markup=False)]
        region = self.session.region()
        if note := q.note_for(region.code if region is not None else None):
            widgets.append(Static(note, id="checkin-region-note", markup=False))
        widgets += [
            Static(f"{index + 1}. {item.text}", classes="item", markup=False),
            radios,
        ]
        if q.missing is not None:
            skipped = " (skipped)" if index in self.skipped else ""
            widgets.append(
                Button(f"Skip this question (s){skipped}", id="checkin-skip-item", compact=True)
            )
        widgets += [
            Static(self._answered_words(), id="answered", markup=False),
            Static(q.notice, classes="notice", markup=False),
        ]
        await self._show(Step.ITEM, widgets)
        self._radios = radios
        self._count(f"Question {index + 1} of {len(q.items)}", index)
        values = q.item_values(index)
        digits = f"{min(values)}–{max(values)}"
        skip = " · s skips" if q.missing is not None else ""
        self._nav(
            index > 0,
            "Finish ✓" if last else "Next ▶",
            f"Press {digits} to answer{skip} · Esc stops",
        )
        self._focus_answers(radios)

    def _focus_answers(self, radios: RadioSet) -> None:
        """Focus the answers and, on a small terminal, scroll just enough to show them."""
        radios.focus(scroll_visible=False)
        body = self.query_one(CheckinBody)
        self.call_after_refresh(body.scroll_to_widget, radios, animate=False)

    def _answered_words(self) -> str:
        """What the last question was answered, so a quick digit press is confirmed."""
        if self.index == 0:
            return ""
        if self.index - 1 in self.skipped:
            return f"Question {self.index} skipped."
        value = self.answers[self.index - 1]
        if value is None:
            return ""
        options = self.questionnaire.item_options(self.index - 1)
        text = next(o.text for o in options if o.value == value)
        return f"✓ Question {self.index}: {text}"

    async def show_extra(self, number: int) -> None:
        q = self.questionnaire
        self.extra_index = number
        question = q.extra[number]
        chosen = self.extra.get(question.id)
        radios = RadioSet(
            *(
                MarkedRadioButton(Content(f"{n}  {text}"), value=text == chosen)
                for n, text in enumerate(question.options, 1)
            ),
            id="extra",
            compact=True,
        )
        widgets: list[Widget] = [
            Static("One more question: optional, not part of the score", classes="stem"),
            Static(question.text, classes="item", markup=False),
            radios,
            Static("", id="answered", markup=False),
        ]
        await self._show(Step.EXTRA, widgets)
        self._radios = radios
        self._count("One more", len(q.items))
        last = number == len(q.extra) - 1
        label = "See my result ▶" if last else "Next ▶"
        self._nav(True, label, f"Press 1–{len(question.options)} · Esc skips")
        self._focus_answers(radios)

    async def show_result(self) -> None:
        q = self.questionnaire
        outcome = self.outcome
        assert outcome is not None
        when = long_date(self.session.clock.today())
        # A fired item rule (PHQ-9 item 9) is named before the total and its band.
        first = words.item_first_words(q, outcome.score.answers)
        widgets: list[Widget] = [
            Static(f"Your {q.name} result · {when}", classes="step-title", markup=False)
        ]
        widgets += [Static(text, classes="result-first", markup=False) for text in first]
        widgets += [
            Static(
                f"Total: {outcome.score.total} of {q.highest_total}\n"
                f"Band: {words.band_range(q, outcome)}",
                id="result-total",
            ),
            Static(outcome.score.band.meaning, id="result-meaning", markup=False),
        ]
        if skipped := words.skipped_words(q, outcome.score):
            widgets.append(Static(skipped, id="result-skipped", markup=False))
        if not words.asks_about_self_harm(q):
            widgets.append(
                Static(words.no_self_harm_item_words(q), id="result-no-item", markup=False)
            )
        if outcome.previous is not None:
            since = short_date(taken_on(outcome.previous))
            widgets.append(
                Static(
                    f"Change: {words.change_words(q, outcome, since)}. " + words.lower_is_better(q),
                    id="result-change",
                    markup=False,
                )
            )
            if outcome.worsened:
                widgets.append(
                    Static(words.worsened_words(q, outcome, since), id="result-worse", markup=False)
                )
        else:
            widgets.append(
                Static(words.change_words(q, outcome, ""), id="result-change", markup=False)
            )
        if outcome.needs_safety:
            widgets.append(
                Static(
                    "The crisis lines are one key away whenever you need them: F1. "
                    "You can write or update your safety plan with p.",
                    id="result-safety",
                )
            )
        widgets.append(Static(self._saved_words(), id="result-saved", markup=False))
        widgets.append(
            Static(
                "Whatever your answers, if you ever feel unsafe, press F1 for crisis lines.",
                classes="notice",
            )
        )
        buttons = [Button("History (h)", id="result-history", compact=True)]
        if outcome.needs_safety:
            buttons.append(Button("Safety plan (p)", id="result-plan", compact=True))
        buttons.append(Button("Done", id="result-done", variant="primary", compact=True))
        widgets.append(Horizontal(*buttons, id="result-buttons"))
        await self._show(Step.RESULT, widgets)
        self._count("Done", len(q.items))
        self._nav(False, None)
        # Enter finishes, but the result is read from its top (the total, the band):
        # focusing Done must not scroll it away on a small terminal (a loaded CI once
        # showed only the result's last lines at 80x24).
        self.query_one("#result-done", Button).focus(scroll_visible=False)

    def _saved_words(self) -> str:
        if self.saved is None:
            return (
                "⚠ Not saved: ecouch could not write to its file (see the message). "
                "Your result is shown here, but it will not be in your history."
            )
        q = self.questionnaire
        weekly = self.session.course.checkin_instrument
        due = self.session.next_checkin() if weekly is not None and weekly.id == q.id else None
        saved = words.REPLACED if self.replaces is not None else "Saved."
        return saved + (f" Next check-in: {short_date(due)}." if due is not None else "")

    # -- answering -----------------------------------------------------------------------

    async def answer(self, value: int) -> None:
        """Record this question's answer and move on; the last answer ends the questions.

        An item rule that fires (e.g. PHQ-9 item 9 above 0) pauses the flow at once with
        the safety screen, even before the last question.
        """
        from ecouch_tui.course.safety import answer_triggers

        q = self.questionnaire
        self.answers[self.index] = value
        self.skipped.discard(self.index)
        if self.index == len(self.answers) - 1:
            await self.items_done()
            return
        fired = [r for r in answer_triggers(q, self.index, value) if r not in self.shown]
        await self.show_item(self.index + 1)
        if fired:
            self.show_safety(fired, None)

    def show_safety(self, reasons: list[str], outcome: Outcome | None) -> None:
        from ecouch_tui.ui.screens.safety import SafetyScreen

        self.shown.update(reasons)
        self.app.push_screen(SafetyScreen(self.questionnaire, reasons, outcome))

    @on(RadioSet.Changed)
    async def _chosen(self, event: RadioSet.Changed) -> None:
        event.stop()
        if event.radio_set is not self._radios:
            return  # a list already replaced by the next step
        if self.step == Step.ITEM:
            value = self.questionnaire.item_options(self.index)[event.index].value
            if value != self.answers[self.index]:  # not the mark shown on arrival
                await self.answer(value)
        elif self.step == Step.EXTRA:
            question = self.questionnaire.extra[self.extra_index]
            text = question.options[event.index]
            if self.extra.get(question.id) != text:
                self.extra[question.id] = text
                await self.after_extra()
        elif self.step == Step.CHOOSE:
            await self.begin(self._choices()[event.index])

    async def action_pick(self, digit: int) -> None:
        q = self.questionnaire
        if self.step == Step.ITEM:
            values = q.item_values(self.index)
            if digit in values:
                await self.answer(digit)
            else:
                self._problem(f"Answers here are {min(values)} to {max(values)}.")
        elif self.step == Step.EXTRA:
            question = q.extra[self.extra_index]
            if 1 <= digit <= len(question.options):
                self.extra[question.id] = question.options[digit - 1]
                await self.after_extra()
            else:
                self._problem(f"Answers here are 1 to {len(question.options)}, or Esc to skip.")
        elif self.step == Step.CHOOSE:
            choices = self._choices()
            if 1 <= digit <= len(choices):
                await self.begin(choices[digit - 1])
            else:
                self._problem(f"Press 1 to {len(choices)} to choose one, or Esc to stop.")

    def _problem(self, message: str) -> None:
        """Say what is wrong beside the answers (where the eye already is), not in a toast."""
        for status in self.query("#answered").results(Static):
            status.update(f"⚠ {message}")
            status.add_class("-problem")
            return
        self.notify(message, title="Not an answer", severity="warning", timeout=4)

    # -- moving --------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Only the keys that mean something on this step are active (False hides one)."""
        step = self.step
        if action == "back":
            if step == Step.ITEM:
                return True if self.index > 0 else None  # shown, greyed, on question 1
            return step == Step.EXTRA
        if action == "next":
            return step in (Step.TODAY, Step.NOTICE, Step.ITEM, Step.EXTRA)
        if action == "stop":
            return step in (Step.CHOOSE, Step.NOTICE, Step.ITEM)
        if action == "skip":
            return step == Step.EXTRA
        if action == "skip_item":
            # Only where the questionnaire allows skipped items (CES-D); else hidden.
            q = self._questionnaire
            return step == Step.ITEM and q is not None and q.missing is not None
        if action == "keep":
            return step == Step.TODAY
        if action == "close":
            return step == Step.RESULT
        if action == "history":
            return step in (Step.TODAY, Step.RESULT)
        if action == "other":
            if len(self.session.course.questionnaires) < 2:
                return False
            if step == Step.ITEM:  # before the first answer only: none is lost
                return all(a is None for a in self.answers) and not self.skipped
            return step in (Step.TODAY, Step.NOTICE)  # not on the result: p needs the room
        if action == "safety_plan":
            return step == Step.RESULT and self.outcome is not None and self.outcome.needs_safety
        if action == "pick":
            return step in (Step.ITEM, Step.EXTRA, Step.CHOOSE)
        return True

    async def action_back(self) -> None:
        if self.step == Step.ITEM and self.index > 0:
            await self.show_item(self.index - 1)
        elif self.step == Step.EXTRA and self.extra_index > 0:
            await self.show_extra(self.extra_index - 1)
        elif self.step == Step.EXTRA:
            await self.show_item(len(self.answers) - 1)

    async def action_next(self) -> None:
        if self.step == Step.TODAY:
            self.replaces = self.earlier.uid if self.earlier is not None else None
            await self.first_question()
        elif self.step == Step.NOTICE:
            self.ecouch.save_quietly(lambda store: store.set_setting(words.NOTICE_SEEN, True))
            await self.show_item(0)
        elif self.step == Step.ITEM:
            if self.answers[self.index] is None and self.index not in self.skipped:
                if self.questionnaire.missing is not None:
                    self._problem("Choose an answer first, or press s to skip this question.")
                else:
                    self._problem("Choose an answer first: every question needs one.")
            elif self.index < len(self.answers) - 1:
                await self.show_item(self.index + 1)
            else:
                await self.items_done()
        elif self.step == Step.EXTRA:
            await self.after_extra()

    async def after_extra(self) -> None:
        """The next optional question, or the result after the last one."""
        if self.extra_index < len(self.questionnaire.extra) - 1:
            await self.show_extra(self.extra_index + 1)
        else:
            await self.complete()

    async def items_done(self) -> None:
        """Every question answered: check the safety rules before anything else."""
        from ecouch_tui.course.scoring import too_many_skipped

        q = self.questionnaire
        missing = next(
            (i for i, a in enumerate(self.answers) if a is None and i not in self.skipped), None
        )
        if missing is not None:
            await self.show_item(missing)
            if q.missing is not None:
                self._problem("This question has no answer yet: choose one, or press s to skip it.")
            else:
                self._problem("Every question needs an answer before the check-in can be saved.")
            return
        if q.missing is not None and len(self.skipped) > q.missing.at_most:
            # Not scored, and nothing false is saved: say why, and let them answer more.
            await self.show_item(min(self.skipped))
            self._problem(too_many_skipped(q, len(self.skipped)))
            return
        # Told against the one before today's when this one replaces it.
        previous = [c for c in self.session.store.checkins(q.id) if c.uid != self.replaces]
        self.outcome = assess(q, self.answers, previous[-1] if previous else None)
        if self.unseen_reasons() or not q.extra:
            # At once: no further question stands between the person and the lines.
            await self.complete()
        else:
            await self.show_extra(0)

    def unseen_reasons(self) -> list[str]:
        reasons = self.outcome.reasons if self.outcome is not None else ()
        return [r for r in reasons if r not in self.shown]

    async def complete(self) -> None:
        """Save the finished check-in, then show the result, and the safety screen if
        needed. In a worker: the wait for the save must not hold up this screen's
        messages (F1 and the keys work meanwhile); once only, however often asked."""
        if not self._completing:
            self._completing = True
            self.run_worker(self._complete(), group="complete")

    async def _complete(self) -> None:
        try:
            await self._save_and_show()
        finally:
            self._completing = False

    async def _save_and_show(self) -> None:
        q = self.questionnaire
        outcome = self.outcome
        assert outcome is not None
        if self.saved is None:
            saved: list[Checkin] = []
            extra = dict(self.extra)
            replaces = self.replaces
            # Awaited (the screen stays live): the result says whether it was saved.
            await self.ecouch.save_quietly(
                lambda store: saved.append(
                    store.save_checkin(
                        q.id,
                        list(outcome.score.answers),
                        outcome.score.total,
                        outcome.score.band.name,
                        extra=extra,
                        replaces=replaces,
                    )
                )
            )
            self.saved = saved[0] if saved else None
        await self.show_result()
        reasons = self.unseen_reasons()
        if reasons:
            self.show_safety(list(outcome.reasons), outcome)

    async def action_skip(self) -> None:
        await self.after_extra()

    async def action_skip_item(self) -> None:
        """Leave this question out (a questionnaire with a `missing` rule only)."""
        if self.step != Step.ITEM or self.questionnaire.missing is None:
            return
        self.answers[self.index] = None
        self.skipped.add(self.index)
        if self.index == len(self.answers) - 1:
            await self.items_done()
        else:
            await self.show_item(self.index + 1)

    def action_stop(self) -> None:
        answered = sum(a is not None for a in self.answers)
        self._leave()
        if answered:
            kept = " Today's earlier result is kept." if self.replaces is not None else ""
            self.app.notify(
                "Check-in stopped. Nothing was saved; you can start again any time with k." + kept,
                title="Not saved",
                timeout=8,
            )

    def action_keep(self) -> None:
        self._leave()

    def action_close(self) -> None:
        self._leave()

    def action_history(self) -> None:
        self._leave(to_history=True)

    async def action_other(self) -> None:
        await self.show_choices()

    def _leave(self, *, to_history: bool = False) -> None:
        """Back to the screen the check-in was opened from; the history drawn afresh
        (opened from it, a new result must show there) or opened when asked for."""
        from ecouch_tui.ui.screens.history import HistoryScreen

        if self.app.screen is not self:
            return  # a late key or press: the screen on top is not this one
        self.app.pop_screen()
        below = self.app.screen
        if isinstance(below, HistoryScreen):
            if self.saved is not None:
                self.app.switch_screen(HistoryScreen())
        elif to_history:
            self.app.push_screen(HistoryScreen())

    def action_safety_plan(self) -> None:
        from ecouch_tui.ui.screens.safety_plan import SafetyPlanScreen

        self.app.push_screen(SafetyPlanScreen())

    @on(Button.Pressed, "#checkin-next-button")
    async def _next_pressed(self) -> None:
        await self.action_next()

    @on(Button.Pressed, "#checkin-back-button")
    async def _back_pressed(self) -> None:
        await self.action_back()

    @on(Button.Pressed, "#checkin-skip-item")
    async def _skip_item_pressed(self) -> None:
        await self.action_skip_item()

    @on(Button.Pressed, "#result-done")
    def _done_pressed(self) -> None:
        self.action_close()

    @on(Button.Pressed, "#result-history")
    def _history_pressed(self) -> None:
        self.action_history()

    @on(Button.Pressed, "#result-plan")
    def _plan_pressed(self) -> None:
        self.action_safety_plan()
