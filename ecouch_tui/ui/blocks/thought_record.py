"""Widget for `thought_record` blocks: the 5-column thought record, one step at a time.

A long exercise, so it is split into five short steps with a progress line, and what
came before stays pinned above each step: the situation from step 2 on, the hot
thought from step 4 on, so the evidence and the balanced thought are weighed against
the thought as it was first written. Every keystroke is saved (EntryForm); Finish
marks the record done only when nothing is missing. The block also lists the user's
earlier records, newest first, to reopen and edit.
"""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

import msgspec
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import Resize
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static, TextArea

from ecouch_tui.content.blocks.thought_record import (
    DEFAULT_FEELINGS,
    STEPS,
    AutomaticThought,
    RatedFeeling,
    ThoughtRecord,
    ThoughtRecordBlock,
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
from ecouch_tui.ui.widgets.rating import Rating

KIND = "thought_record"
LAST = len(STEPS)
#: After Finish: the whole record on one screen, feelings before and after.
REVIEW = LAST + 1

S = TypeVar("S", bound=msgspec.Struct)


def _edited(items: list[S], index: int, blank: type[S], **fields: Any) -> list[S]:
    """A copy of `items` with one item changed (a new list, so the form sees a change);
    editing the blank row shown under an empty list adds it."""
    copy = list(items)
    while len(copy) <= index:
        copy.append(blank())
    copy[index] = msgspec.structs.replace(copy[index], **fields)
    return copy


def _index(widget: Widget) -> int:
    """The row number at the end of a row widget's id (`feeling-name-2` is row 2)."""
    assert widget.id is not None
    return int(widget.id.rsplit("-", 1)[1])


def _text_box(text: str, id: str, placeholder: str) -> TextArea:
    return TextBox(text, soft_wrap=True, tab_behavior="focus", placeholder=placeholder, id=id)


class ThoughtRecordForm(EntryForm):
    """One thought record, shown a step at a time; `step` is 1-5, or REVIEW when done."""

    KIND = KIND
    data: ThoughtRecord

    #: The same keys as every stepped exercise (`STEP_BINDINGS`).
    BINDINGS: ClassVar[list[BindingType]] = STEP_BINDINGS

    DEFAULT_CSS = """
    ThoughtRecordForm #progress { text-style: bold; color: $text-primary; }
    ThoughtRecordForm #pinned {
        height: auto; margin-top: 1; padding: 0 1;
        border-left: outer $accent; background: $boost;
    }
    ThoughtRecordForm #pinned.-empty { display: none; }
    ThoughtRecordForm #step { height: auto; }
    ThoughtRecordForm .question { margin-top: 1; width: 1fr; }
    ThoughtRecordForm .hint { color: $text-muted; }
    ThoughtRecordForm TextArea { height: auto; min-height: 4; max-height: 10; }
    ThoughtRecordForm .row { height: auto; }
    ThoughtRecordForm .feeling-name { width: 24; }
    ThoughtRecordForm .row Rating { margin: 1 1 0 1; }
    ThoughtRecordForm .remove { margin-top: 1; min-width: 3; width: 3; }
    ThoughtRecordForm .thought { height: auto; margin-top: 1; }
    ThoughtRecordForm .thought-head { height: 1; }
    ThoughtRecordForm .thought-head .title { width: 1fr; text-style: bold; }
    ThoughtRecordForm .thought-head .remove { margin-top: 0; }
    ThoughtRecordForm .thought-head MarkedRadioButton { margin-right: 2; }
    ThoughtRecordForm .belief { height: 1; }
    ThoughtRecordForm .belief Label, ThoughtRecordForm .outcome Label { width: 18; }
    ThoughtRecordForm .belief Rating, ThoughtRecordForm .outcome Rating { margin: 0; }
    ThoughtRecordForm .columns { height: auto; }
    ThoughtRecordForm .columns > Vertical { width: 1fr; height: auto; }
    /* A class, not :first-child: a rule with :first-child makes Textual restyle every
       Vertical anywhere (and all inside it) each time one mounts. */
    ThoughtRecordForm .columns > .first-column { margin-right: 1; }
    ThoughtRecordForm .outcome { height: 1; margin-top: 1; }
    ThoughtRecordForm .outcome .was { width: 10; color: $text-muted; }
    ThoughtRecordForm #review { height: auto; margin: 1 0; }
    ThoughtRecordForm .form-status { height: auto; }
    ThoughtRecordForm #step-nav { height: 1; margin-top: 1; }
    ThoughtRecordForm #step-nav Button { width: 19; }
    ThoughtRecordForm #step-hint { width: 1fr; text-align: center; color: $text-muted; }

    /* Narrow screens (40 columns): one thing under another, rather than cut off. */
    ThoughtRecordForm.-narrow .columns { layout: vertical; }
    ThoughtRecordForm.-narrow .columns > .first-column { margin-right: 0; }
    ThoughtRecordForm.-narrow .row { layout: vertical; }
    ThoughtRecordForm.-narrow .feeling-name { width: 1fr; }
    ThoughtRecordForm.-narrow .row Rating, ThoughtRecordForm.-narrow .row .remove {
        margin: 0 1;
    }
    ThoughtRecordForm.-narrow .outcome, ThoughtRecordForm.-narrow .belief {
        height: auto; layout: vertical;
    }
    ThoughtRecordForm.-narrow #step-nav Button { width: auto; }
    """

    def __init__(
        self, place: EntryPlace, *, uid: str | None = None, feelings: list[str] | None = None
    ) -> None:
        super().__init__(place, uid=uid)
        #: Feeling words to suggest (the block's; the defaults when opened on its own).
        self.feelings = list(DEFAULT_FEELINGS) if feelings is None else feelings
        if self.data.done:
            self.step = REVIEW
        elif self.uid is not None:
            self.step = self.data.first_gap()  # a draft reopens where work is left
        else:
            self.step = 1
        #: What the progress, hint and pinned lines show now, to skip needless redraws.
        self._shown: dict[str, str] = {}

    # -- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="progress")
        yield Static(id="pinned")
        with Vertical(id="step"):
            yield from self._step_widgets()
        yield self.status()
        with Horizontal(id="step-nav"):
            yield Button("◀ Previous step", id="step-prev", compact=True)
            yield Static(id="step-hint")
            yield Button("Next step ▶", id="step-next", variant="primary", compact=True)

    def on_mount(self) -> None:
        self._refresh_frame()

    def _refresh_frame(self) -> None:
        """Everything around the step: after a step change or a change of width."""
        prev = self.query_one("#step-prev", Button)
        nxt = self.query_one("#step-next", Button)
        prev.disabled = self.step == 1
        if self.step == REVIEW:
            prev.label, nxt.label = "◀ Edit", "＋ New record"
        elif self.has_class("-narrow"):
            prev.label = f"◀ Step {self.step - 1}" if self.step > 1 else "◀"
            nxt.label = "Finish ✓" if self.step == LAST else f"Step {self.step + 1} ▶"
        else:
            prev.label = "◀ Previous step"
            nxt.label = "Finish record ✓" if self.step == LAST else "Next step ▶"
        for button in (prev, nxt):
            button.refresh(layout=True)  # a Button keeps its first width otherwise
        self._refresh_texts()

    def _refresh_texts(self) -> None:
        """The lines that follow the data (progress, pinned panel, hint); after every
        keystroke, so each is redrawn only when its words change."""
        done = " · finished ✓" if self.data.done else ""
        if self.step == REVIEW:
            progress = "Finished ✓ · your thought record"
        else:
            bar = "●" * self.step + "○" * (LAST - self.step)
            progress = f"{bar}  Step {self.step} of {LAST} · {STEPS[self.step - 1]}{done}"
        saved = "Saved · " if self.uid is not None else ""
        hint = f"{saved}{STEP_KEYS_HINT}"
        if self.step == REVIEW or self.has_class("-narrow"):
            hint = ""  # on a narrow screen the two buttons need the room
        pinned = self._pinned()
        for selector, content in (
            ("#progress", Content(progress)),
            ("#step-hint", Content(hint)),
            ("#pinned", pinned),
        ):
            if self._shown.get(selector) != content.plain:
                self._shown[selector] = content.plain
                self.query_one(selector, Static).update(content)
        self.query_one("#pinned").set_class(not pinned, "-empty")

    def _pinned(self) -> Content:
        """What came before, kept in view: the situation, the hot thought, the balance."""
        if self.step in (1, REVIEW):
            return Content("")
        lines: list[Content] = []
        situation = " ".join(self.data.situation.split())
        lines.append(Content.assemble(("Situation: ", "bold"), situation or "(not written yet)"))
        if self.step >= 4:
            hot = self.data.hot_thought
            if hot is None:
                lines.append(Content.assemble(("Hot thought: ", "bold"), "(not written yet)"))
            else:
                belief = "" if hot.belief is None else f" · believed {hot.belief}/100"
                text = " ".join(hot.text.split())
                lines.append(Content.assemble(("Hot thought: ", "bold"), f'"{text}"{belief}'))
        if self.step == LAST and self.data.balanced.strip():
            balanced = " ".join(self.data.balanced.split())
            lines.append(Content.assemble(("Balanced thought: ", "bold"), balanced))
        return Content("\n").join(lines)

    def _step_widgets(self) -> list[Widget]:
        return {
            1: self._situation,
            2: self._feelings,
            3: self._thoughts,
            4: self._evidence,
            5: self._outcome,
            REVIEW: self._review,
        }[self.step]()

    def _situation(self) -> list[Widget]:
        return [
            Label(
                "What happened? Where were you, who were you with, what were you doing?",
                classes="question",
            ),
            Static("Describe it briefly, like a camera would see it.", classes="hint"),
            _text_box(self.data.situation, "situation", "e.g. Friday evening, a text from Sam"),
        ]

    def _feelings(self) -> list[Widget]:
        words = ", ".join(self.feelings)
        widgets: list[Widget] = [
            Label(
                "What did you feel? Name each feeling in a word, and rate how strong it "
                "was from 0 to 100.",
                classes="question",
            ),
        ]
        if words:
            widgets.append(Static(Content(f"Words you might use: {words}."), classes="hint"))
        suggester = SuggestFromList(self.feelings, case_sensitive=False)
        rows = self.data.feelings or [RatedFeeling()]
        for i, feeling in enumerate(rows):
            widgets.append(
                Horizontal(
                    words_input(
                        feeling.name,
                        placeholder="a feeling, e.g. sad",
                        suggester=suggester,
                        id=f"feeling-name-{i}",
                        classes="feeling-name",
                    ),
                    Rating(feeling.rating, high=100, id=f"feeling-rating-{i}"),
                    Button(
                        "✕",
                        id=f"feeling-remove-{i}",
                        classes="remove",
                        compact=True,
                        tooltip="Remove this feeling",
                    ),
                    classes="row",
                )
            )
        widgets.append(Button("＋ Add a feeling", id="add-feeling", compact=True))
        return widgets

    def _thoughts(self) -> list[Widget]:
        widgets: list[Widget] = [
            Label(
                "What went through your mind? Write each thought just as it came, and how "
                "much you believed it then (0 not at all, 100 completely).",
                classes="question",
            ),
            Static("Mark the hot thought: the one behind the strongest feeling.", classes="hint"),
        ]
        rows = self.data.thoughts or [AutomaticThought()]
        hot = self.data.hot_thought
        for i, thought in enumerate(rows):
            widgets.append(
                Vertical(
                    Horizontal(
                        Static(f"Thought {i + 1}", classes="title"),
                        MarkedRadioButton(
                            "the hot thought", thought is hot, id=f"thought-hot-{i}", compact=True
                        ),
                        Button(
                            "✕",
                            id=f"thought-remove-{i}",
                            classes="remove",
                            compact=True,
                            tooltip="Remove this thought",
                        ),
                        classes="thought-head",
                    ),
                    _text_box(thought.text, f"thought-text-{i}", "e.g. They don't want me around"),
                    Horizontal(
                        Label("How much believed"),
                        Rating(thought.belief, high=100, id=f"thought-belief-{i}"),
                        classes="belief",
                    ),
                    classes="thought",
                )
            )
        widgets.append(Button("＋ Add a thought", id="add-thought", compact=True))
        return widgets

    def _evidence(self) -> list[Widget]:
        data = self.data
        return [
            Horizontal(
                Vertical(
                    Label("Evidence for the hot thought", classes="question"),
                    _text_box(data.evidence_for, "evidence-for", "facts, not feelings"),
                    classes="first-column",
                ),
                Vertical(
                    Label("Evidence against the hot thought", classes="question"),
                    _text_box(
                        data.evidence_against, "evidence-against", "what a friend might point out"
                    ),
                ),
                classes="columns",
            ),
            Label("A balanced thought: one that fits all of the evidence", classes="question"),
            _text_box(data.balanced, "balanced", "e.g. Sam is often slow to reply to everyone"),
            Horizontal(
                Label("How much believed"),
                Rating(data.balanced_belief, high=100, id="balanced-belief"),
                classes="belief",
            ),
        ]

    def _outcome(self) -> list[Widget]:
        widgets: list[Widget] = [
            Label(
                "With the balanced thought in mind, how strong is each feeling now (0-100)?",
                classes="question",
            ),
        ]
        changes = self.data.rerated()
        if not changes:
            widgets.append(
                Static("No feelings named yet: go back to step 2 to name them.", classes="hint")
            )
        for i, change in enumerate(changes):
            was = "—" if change.before is None else str(change.before)
            widgets.append(
                Horizontal(
                    Label(Content(change.name)),
                    Static(f"was {was}", classes="was"),
                    Rating(change.after, high=100, id=f"outcome-{i}"),
                    classes="outcome",
                )
            )
        return widgets

    def _review(self) -> list[Widget]:
        lines = [
            Content.assemble((f"{heading}: ", "bold"), words)
            for heading, words in self.data.sections()
        ]
        return [
            Static(Content("\n").join(lines), id="review"),
            Static(
                "It is saved. Reopen it any time from the list below to change it.", classes="hint"
            ),
        ]

    async def show_step(self, step: int) -> None:
        """Swap in another step's fields, keeping the record and its frame."""
        self.step = step
        self.clear_step_problem()  # "Not finished yet" is about the last step only
        body = self.query_one("#step", Vertical)
        await body.remove_children()
        await body.mount_all(self._step_widgets())
        self._refresh_frame()
        self.focus_step()

    def focus_step(self) -> None:
        """Put the cursor in the step's first box to type or rate in (else on Next), so
        typing goes into the record rather than to the page's n/b keys."""
        fields = list(self.query_one("#step").query("Input, TextArea, Rating"))
        target = fields[0] if fields else self.query_one("#step-next", Button)
        target.focus(scroll_visible=False)

        def scroll() -> None:
            # The step from its top (progress and pinned lines), as far as the field allows.
            self.query_one("#progress").scroll_visible(top=True, animate=False, immediate=True)
            target.scroll_visible(animate=False, immediate=True)

        self.call_after_refresh(scroll)

    def on_resize(self, event: Resize) -> None:
        narrow = event.size.width < 60
        if narrow != self.has_class("-narrow"):
            self.set_class(narrow, "-narrow")
            self._refresh_frame()

    # -- moving between steps -------------------------------------------------------------

    async def action_go(self, delta: int) -> None:
        if self.step == REVIEW:
            if delta < 0:
                await self.show_step(LAST)
            return
        target = self.step + delta
        if 1 <= target <= LAST:
            await self.show_step(target)

    @on(Button.Pressed, "#step-prev")
    async def _prev(self, event: Button.Pressed) -> None:
        event.stop()
        await self.action_go(-1)

    @on(Button.Pressed, "#step-next")
    async def _next(self, event: Button.Pressed) -> None:
        event.stop()
        if self.step == REVIEW:
            self.start_new()
            self.clear_problem()
            await self.show_step(1)
        elif self.step == LAST:
            await self.finish()
        else:
            await self.action_go(1)

    async def finish(self) -> None:
        """Mark the record done, or say plainly what is still missing."""
        gaps = self.data.gaps()
        if gaps:
            todo = "; ".join(f"step {step}, {words}" for step, words in gaps)
            self.problem(f"Not finished yet. Still to do: {todo}.", step=True)
            return
        self.change(done=True)
        if not await self.save_now():
            return  # the form says it is not saved yet, and keeps it
        self.notify("Your thought record is finished and saved.", title="Well done")
        await self.show_step(REVIEW)

    # -- editing --------------------------------------------------------------------------

    def change(self, **fields: Any) -> None:
        """As EntryForm.change, and a finished record that loses a part is a draft again."""
        if (
            "done" not in fields
            and self.data.done
            and msgspec.structs.replace(self.data, **fields).gaps()
        ):
            fields["done"] = False
        super().change(**fields)
        self._refresh_texts()

    @on(EntryForm.Saved)
    def _saved_now(self) -> None:
        self._refresh_texts()  # not stopped: the view reloads its list too

    @on(TextArea.Changed)
    def _text(self, event: TextArea.Changed) -> None:
        event.stop()
        area, text = event.text_area, event.text_area.text
        if area.id == "situation":
            self.change(situation=text)
        elif area.id == "evidence-for":
            self.change(evidence_for=text)
        elif area.id == "evidence-against":
            self.change(evidence_against=text)
        elif area.id == "balanced":
            self.change(balanced=text)
        elif area.id and area.id.startswith("thought-text-"):
            thoughts = _edited(self.data.thoughts, _index(area), AutomaticThought, text=text)
            self.change(thoughts=thoughts)

    @on(Input.Changed, ".feeling-name")
    def _feeling_name(self, event: Input.Changed) -> None:
        event.stop()
        i = _index(event.input)
        self.change(feelings=_edited(self.data.feelings, i, RatedFeeling, name=event.value))

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        event.stop()
        self.screen.focus_next()

    @on(Rating.Changed)
    def _rating(self, event: Rating.Changed) -> None:
        event.stop()
        rating, value = event.rating, event.value
        if rating.id == "balanced-belief":
            self.change(balanced_belief=value)
        elif rating.id is None:
            return
        elif rating.id.startswith("feeling-rating-"):
            feelings = _edited(self.data.feelings, _index(rating), RatedFeeling, rating=value)
            self.change(feelings=feelings)
        elif rating.id.startswith("thought-belief-"):
            thoughts = _edited(self.data.thoughts, _index(rating), AutomaticThought, belief=value)
            self.change(thoughts=thoughts)
        elif rating.id.startswith("outcome-"):
            name = self.data.rerated()[_index(rating)].name
            self.change(outcome=self.data.with_outcome(name, value))

    @on(MarkedRadioButton.Changed)
    def _hot(self, event: MarkedRadioButton.Changed) -> None:
        """Exactly one hot thought, as in a radio set: marking one unmarks the others, and
        the marked one stays marked until another is chosen."""
        event.stop()
        chosen = _index(event.radio_button)
        current = self.data.thoughts
        is_hot = chosen < len(current) and current[chosen] is self.data.hot_thought
        if not event.value:
            if is_hot:
                event.radio_button.value = True
            return  # otherwise: the echo of unmarking the others below
        rows = current or [AutomaticThought()]
        self.change(
            thoughts=[msgspec.structs.replace(t, hot=i == chosen) for i, t in enumerate(rows)]
        )
        for radio in self.query(MarkedRadioButton):
            if _index(radio) != chosen:
                radio.value = False

    @on(Button.Pressed, "#add-feeling")
    async def _add_feeling(self, event: Button.Pressed) -> None:
        event.stop()
        rows = self.data.feelings or [RatedFeeling()]
        self.change(feelings=[*rows, RatedFeeling()])
        await self.show_step(2)
        self.query_one(f"#feeling-name-{len(rows)}", Input).focus()

    @on(Button.Pressed, "#add-thought")
    async def _add_thought(self, event: Button.Pressed) -> None:
        event.stop()
        rows = self.data.thoughts or [AutomaticThought()]
        self.change(thoughts=[*rows, AutomaticThought()])
        await self.show_step(3)
        self.query_one(f"#thought-text-{len(rows)}", TextArea).focus()

    @on(Button.Pressed, ".remove")
    async def _remove(self, event: Button.Pressed) -> None:
        event.stop()
        i = _index(event.button)
        assert event.button.id is not None
        if event.button.id.startswith("feeling-"):
            self.change(feelings=[f for n, f in enumerate(self.data.feelings) if n != i])
            await self.show_step(2)
            left = max(len(self.data.feelings), 1)
            self.query_one(f"#feeling-name-{min(i, left - 1)}", Input).focus()
        else:
            self.change(thoughts=[t for n, t in enumerate(self.data.thoughts) if n != i])
            await self.show_step(3)
            left = max(len(self.data.thoughts), 1)
            self.query_one(f"#thought-text-{min(i, left - 1)}", TextArea).focus()


class ThoughtRecordView(BlockView):
    """The record being written, then the user's earlier records to reopen."""

    BLOCK = ThoughtRecordBlock
    block: ThoughtRecordBlock

    #: ctrl+s, not a letter: it works from inside the record's text boxes too.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "share", "Share", id="share_thought_record", tooltip="on the peer board"),
    ]

    DEFAULT_CSS = """
    ThoughtRecordView { border: round $secondary; padding: 0 1; height: auto; }
    ThoughtRecordView #form-slot { height: auto; }
    ThoughtRecordView #form-slot.-after-prompt { margin-top: 1; }
    ThoughtRecordView #records-title { margin-top: 1; text-style: bold; }
    """

    def compose(self) -> ComposeResult:
        self.border_title = "Thought record"
        yield from compose_prompt(self.block.prompt)
        with Vertical(id="form-slot", classes="-after-prompt" if self.block.prompt else ""):
            yield self._form(self._opening_uid())
        yield Static("Your thought records (Enter on one to reopen it)", id="records-title")
        yield EntryPicker(KIND, "＋ New thought record", id="records")

    def _opening_uid(self) -> str | None:
        """The entry asked for (e.g. from the Workbook), if it is a thought record."""
        uid = self.context.focus_uid
        if uid is None:
            return None
        entry = self.session.store.entry(uid)
        return uid if entry is not None and entry.kind == KIND else None

    def _form(self, uid: str | None) -> ThoughtRecordForm:
        place = EntryPlace(self.context.module_id, self.context.page_id, self.block.id)
        return ThoughtRecordForm(place, uid=uid, feelings=self.block.feelings)

    @on(EntryForm.Saved)
    def _saved(self, event: EntryForm.Saved) -> None:
        self.query_one("#records", EntryPicker).reload(highlight=event.entry.uid)

    def action_share(self) -> None:
        """The record on screen, on the peer board: only the parts the user ticks."""
        from ecouch_tui.ui.board_share import share_thought_record

        share_thought_record(self.ecouch, self.query_one(ThoughtRecordForm).data)

    @on(EntryPicker.Picked)
    async def _picked(self, event: EntryPicker.Picked) -> None:
        slot = self.query_one("#form-slot", Vertical)
        for form in slot.query(ThoughtRecordForm):
            form.flush()
        await slot.remove_children()
        form = self._form(event.uid)
        await slot.mount(form)
        form.focus_step()
