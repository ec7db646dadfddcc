"""Widget for `formulation` blocks: the user's own CBT cycle, drawn as a ring to fill in.

The situation sits on top and leads into a ring of four boxes: thoughts → feelings →
body → behaviour → back to thoughts, with arrows between them, so the picture itself
says how each part keeps the next one going. Tab follows the cycle rather than the
screen's reading order. Every keystroke is saved (EntryForm); the block also lists
the user's earlier cycles to reopen and edit.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.widget import Widget
from textual.widgets import Static, TextArea

from ecouch_tui.content.blocks.formulation import PARTS, Formulation, FormulationBlock
from ecouch_tui.store.records import Entry
from ecouch_tui.ui.blocks.base import BlockView, TextBox
from ecouch_tui.ui.blocks.entries import EntryForm, EntryPicker, EntryPlace, compose_prompt

KIND = "formulation"

#: Each part's box title and the question shown in it until the user writes.
BOXES: dict[str, tuple[str, str]] = {
    "situation": ("1 Situation", "Where were you? What was happening?"),
    "thoughts": ("2 Thoughts", "What went through your mind?"),
    "feelings": ("3 Feelings", "What did you feel? e.g. sad, anxious"),
    "body": ("4 Body", "What did you notice in your body?"),
    "behaviour": ("5 Behaviour", "What did you do, or stop doing?"),
}


class FormulationForm(EntryForm):
    """One cycle: five text boxes around a ring, saved as the user types."""

    KIND = KIND
    data: Formulation

    BINDINGS: ClassVar[list[BindingType]] = [
        # Tab goes round the cycle in its own order, not the screen's reading order.
        Binding("tab", "round(1)", "Next part", show=False),
        Binding("shift+tab", "round(-1)", "Previous part", show=False),
    ]

    DEFAULT_CSS = """
    FormulationForm #ring { height: auto; }
    FormulationForm TextArea {
        width: 1fr; height: auto; min-height: 5; max-height: 9;
        border: round $border-blurred;
    }
    FormulationForm TextArea:focus { border: round $border; }
    FormulationForm .ring-row { height: auto; }
    FormulationForm .arrow-row { height: 1; }
    FormulationForm .arrow {
        width: 1fr; height: 1; content-align: center middle; color: $accent; text-style: bold;
    }
    FormulationForm .side-arrow {
        width: 5; height: 100%; content-align: center middle; color: $accent; text-style: bold;
    }
    FormulationForm .gap { width: 5; }
    FormulationForm #form-foot .form-status { width: 1fr; }
    FormulationForm #saved { color: $text-muted; width: auto; height: 1; margin-left: 1; }
    FormulationForm #form-foot { height: 1; }
    FormulationForm .-stacked .arrow { width: 100%; }
    """

    #: Below this width the ring's boxes are too thin to read: they stack instead.
    NARROW = 60

    def __init__(self, place: EntryPlace, *, uid: str | None = None) -> None:
        super().__init__(place, uid=uid)
        self.narrow = False

    def compose(self) -> ComposeResult:
        if self.narrow:
            yield from self._compose_stack()
        else:
            yield from self._compose_ring()
        with Horizontal(id="form-foot"):
            yield self.status()
            yield Static(self._saved_words(), id="saved")

    def _compose_stack(self) -> ComposeResult:
        with Vertical(id="ring", classes="-stacked"):
            for n, part in enumerate(PARTS):
                if n:
                    yield Static("↓", classes="arrow")
                yield self._box(part)
            yield Static("↻ and round again: behaviour feeds the thoughts", classes="arrow")

    def _compose_ring(self) -> ComposeResult:
        with Vertical(id="ring"):
            yield self._box("situation")
            with Horizontal(classes="arrow-row"):
                yield Static("", classes="arrow")
                yield Static("", classes="gap")
                yield Static("↓", classes="arrow")
            with Horizontal(classes="ring-row"):
                yield self._box("behaviour")
                yield Static("→", classes="side-arrow")
                yield self._box("thoughts")
            with Horizontal(classes="arrow-row"):
                yield Static("↑", classes="arrow")
                yield Static("", classes="gap")
                yield Static("↓", classes="arrow")
            with Horizontal(classes="ring-row"):
                yield self._box("body")
                yield Static("←", classes="side-arrow")
                yield self._box("feelings")

    async def on_resize(self, event: Resize) -> None:
        narrow = event.size.width < self.NARROW
        if narrow == self.narrow:
            return
        self.narrow = narrow
        focused = self.screen.focused
        keep = focused.id if focused in self.boxes() else None
        await self.recompose()  # from self.data, which holds every keystroke
        if keep is not None:
            self.query_one(f"#{keep}").focus()

    def _box(self, part: str) -> TextArea:
        title, question = BOXES[part]
        box = TextBox(
            getattr(self.data, part),
            soft_wrap=True,
            tab_behavior="focus",
            placeholder=question,
            id=f"part-{part}",
        )
        box.border_title = title
        return box

    def _saved_words(self) -> str:
        if self.uid is None:
            return "Saves as you type"
        return f"Saved · {self.data.filled()} of {len(PARTS)} parts"

    def boxes(self) -> list[TextArea]:
        """The five boxes in the cycle's order."""
        return [self.query_one(f"#part-{part}", TextArea) for part in PARTS]

    def focus_first(self) -> None:
        """The cursor in the first empty box, or the situation if all are filled."""
        empty = [box for box in self.boxes() if not box.text.strip()]
        (empty or self.boxes())[0].focus()

    @on(TextArea.Changed)
    def _typed(self, event: TextArea.Changed) -> None:
        event.stop()
        area = event.text_area
        assert area.id is not None
        self.change(**{area.id.removeprefix("part-"): area.text})

    @on(EntryForm.Saved)
    def _show_saved(self) -> None:
        # Not stopped: the view reloads its list of cycles too.
        self.query_one("#saved", Static).update(self._saved_words())

    def action_round(self, step: int) -> None:
        """Tab around the cycle; past either end, on to the rest of the screen."""
        boxes = self.boxes()
        focused = self.screen.focused
        if focused not in boxes:
            if step > 0:
                self.app.action_focus_next()
            else:
                self.app.action_focus_previous()
            return
        index = boxes.index(focused) + step
        if 0 <= index < len(boxes):
            boxes[index].focus()
            return
        # Leave the ring from its last box in the screen's order (or its first).
        chain = self.screen.focus_chain
        places = [chain.index(box) for box in boxes if box in chain]
        edge = max(places) + 1 if step > 0 else min(places) - 1
        target: Widget | None = chain[edge % len(chain)] if chain else None
        if target is not None:
            target.focus()


class FormulationView(BlockView):
    """The cycle being written, then the user's earlier cycles to reopen."""

    BLOCK = FormulationBlock
    block: FormulationBlock

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("shift+tab", "back_into_ring", "Previous", show=False),
    ]

    DEFAULT_CSS = """
    FormulationView { border: round $secondary; padding: 0 1; height: auto; }
    FormulationView #form-slot { height: auto; }
    FormulationView #cycles-title { margin-top: 1; text-style: bold; }
    """

    def compose(self) -> ComposeResult:
        self.border_title = "Your cycle"
        yield from compose_prompt(self.block.prompt)
        with Vertical(id="form-slot"):
            yield self._form(self._opening_uid())
        yield Static("Your cycles (Enter on one to reopen it)", id="cycles-title")
        yield EntryPicker(KIND, "＋ New cycle", id="cycles")

    def _opening_uid(self) -> str | None:
        """The entry asked for (e.g. from the Workbook), if it is a cycle."""
        uid = self.context.focus_uid
        if uid is None:
            return None
        entry: Entry | None = self.session.store.entry(uid)
        return uid if entry is not None and entry.kind == KIND else None

    def _form(self, uid: str | None) -> FormulationForm:
        place = EntryPlace(self.context.module_id, self.context.page_id, self.block.id)
        return FormulationForm(place, uid=uid)

    def action_back_into_ring(self) -> None:
        """Shift+Tab from the list re-enters the cycle at its end (behaviour), not at the
        box that happens to come last on screen."""
        boxes = self.query_one(FormulationForm).boxes()
        chain = self.screen.focus_chain
        focused = self.screen.focused
        if focused in chain and chain[chain.index(focused) - 1] in boxes:
            boxes[-1].focus()
        else:
            self.app.action_focus_previous()

    @on(EntryForm.Saved)
    def _reload(self, event: EntryForm.Saved) -> None:
        self.query_one("#cycles", EntryPicker).reload(highlight=event.entry.uid)

    @on(EntryPicker.Picked)
    async def _picked(self, event: EntryPicker.Picked) -> None:
        slot = self.query_one("#form-slot", Vertical)
        for form in slot.query(FormulationForm):
            form.flush()
        await slot.remove_children()
        form = self._form(event.uid)
        await slot.mount(form)
        form.focus_first()
