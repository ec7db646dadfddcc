"""Widget for `interpersonal_inventory` blocks: the important people, and the IPT problem area.

One inventory per user: every block of this type (modules 7 and 8) shows and edits the
same one, saved as the user types. A person is listed by name, so a person is only
written once they have a name or initials; removing one asks first, because it deletes
what was written about them.
"""

from __future__ import annotations

import msgspec
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.css.query import NoMatches
from textual.widgets import Button, Input, Label, OptionList, RadioSet, Static, TextArea
from textual.widgets.option_list import Option

from ecouch_tui.content.blocks.interpersonal_inventory import (
    CIRCLE_HINTS,
    CIRCLES,
    NAME_NEEDED,
    PERSON_QUESTIONS,
    PROBLEM_AREAS,
    InterpersonalInventoryBlock,
    Inventory,
    Person,
)
from ecouch_tui.ui.blocks.base import BlockView, TextBox, words_input
from ecouch_tui.ui.blocks.entries import NEW, EntryForm, EntryPlace, compose_prompt
from ecouch_tui.ui.widgets.confirm import Confirm
from ecouch_tui.ui.widgets.marked import MarkedRadioButton
from ecouch_tui.ui.widgets.rating import Rating

#: The radio button id for "not sure yet" (a problem area left unchosen).
UNSURE = "unsure"
GLANCE_MARKS: dict[int | None, str] = {1: "◉", 2: "◎", 3: "○", None: "·"}


def glance(inventory: Inventory) -> Content:
    """The people by circle, closest first: the inventory at a glance."""
    rows: list[Content] = [Content.styled("At a glance", "bold")]
    circles = inventory.circles()
    if not any(circles.values()):
        rows.append(Content.styled("  No one yet. Add the people who matter in your life.", "dim"))
        return Content("\n").join(rows)
    for circle, names in circles.items():
        title = CIRCLES[circle] if circle is not None else "Not placed yet"
        if circle is None and not names:
            continue
        listed = Content(", ".join(names)) if names else Content.styled("no one yet", "dim")
        rows.append(Content.assemble(f"  {GLANCE_MARKS[circle]} ", f"{title:<16}", listed))
    return Content("\n").join(rows)


def name_kept(name: str) -> str:
    return f"Everyone here needs a name or initials. '{name}' is kept until you type one."


class PersonEditor(Vertical):
    """One person being written about. Keeps its own draft, so a half-typed person
    without a name stays on screen (never saved) until it has one."""

    DEFAULT_CSS = """
    PersonEditor {
        height: auto; margin-top: 1; padding: 0 1;
        border: round $primary; border-title-style: bold;
    }
    PersonEditor Label { margin-top: 1; }
    PersonEditor Label.first, PersonEditor #closeness-label { margin-top: 0; }
    PersonEditor .form-status { height: auto; }
    PersonEditor #closeness { width: 100%; }
    PersonEditor TextArea { height: auto; min-height: 3; max-height: 8; }
    PersonEditor #person-buttons { height: auto; margin-top: 1; }
    PersonEditor #person-buttons Button { margin-right: 2; }
    """

    def __init__(self, form: InventoryForm, index: int | None) -> None:
        super().__init__(id="person")
        self.form = form
        #: Where this person is in the inventory; None until a new person is first saved.
        self.index = index
        self.person = form.data.people[index] if index is not None else Person()
        #: The name kept if the name box is emptied: the name before the box was entered.
        self.kept_name = self.person.name.strip()
        #: Told (in a toast) that this person needs a name before it is saved.
        self.warned = False

    def compose(self) -> ComposeResult:
        person = self.person
        self.border_title = person.name.strip() or "A new person"
        yield Label("Name or initials", classes="first")
        yield words_input(person.name, placeholder="e.g. Mum, Sam, J.K.", id="name")
        yield self.form.status()
        yield Label("How close are they to you?", id="closeness-label")
        with RadioSet(id="closeness", compact=True):
            for circle, title in CIRCLES.items():
                yield MarkedRadioButton(
                    f"{title}: {CIRCLE_HINTS[circle]}",
                    value=person.closeness == circle,
                    name=str(circle),
                )
        yield Label("How much support do you get from them? (0 none, 10 a lot)")
        yield Rating(
            person.support_received, id="support_received", low_words="none", high_words="a lot"
        )
        yield Label("How much support do you give them? (0 none, 10 a lot)")
        yield Rating(person.support_given, id="support_given", low_words="none", high_words="a lot")
        for field, (question, hint) in PERSON_QUESTIONS.items():
            yield Label(question)
            yield TextBox(
                getattr(person, field), soft_wrap=True, placeholder=hint, id=field, classes="answer"
            )
        with Horizontal(id="person-buttons"):
            yield Button("Done ✓", id="done", variant="primary", compact=True)
            yield Button("Remove this person", id="remove", compact=True)

    def edit(self, **fields: object) -> None:
        if all(getattr(self.person, name) == value for name, value in fields.items()):
            return  # a field reporting its first value on mount
        self.person = msgspec.structs.replace(self.person, **fields)
        self.form.keep(self)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if event.widget.id == "name" and self.person.named:
            self.kept_name = self.person.name.strip()

    @on(Input.Changed, "#name")
    def _on_name_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.edit(name=event.value)
        self.border_title = event.value.strip() or self.kept_name or "A new person"

    @on(RadioSet.Changed, "#closeness")
    def _closeness(self, event: RadioSet.Changed) -> None:
        event.stop()
        self.edit(closeness=int(str(event.pressed.name)))

    @on(Rating.Changed)
    def _rating(self, event: Rating.Changed) -> None:
        event.stop()
        self.edit(**{str(event.rating.id): event.value})

    @on(TextArea.Changed, ".answer")
    def _answer(self, event: TextArea.Changed) -> None:
        event.stop()
        self.edit(**{str(event.text_area.id): event.text_area.text})


class PeopleList(OptionList):
    """The people in the inventory, after an "add a person" line; Enter opens one."""

    DEFAULT_CSS = """
    PeopleList { height: auto; max-height: 12; }
    """

    def show(self, people: list[Person], highlight: int | None = None) -> None:
        keep = self.highlighted if highlight is None else highlight + 1
        self.clear_options()
        self.add_option(Option("＋ Add a person", id=NEW))
        for index, person in enumerate(people):
            if person.named:
                self.add_option(Option(person.summary(), id=str(index)))
        self.highlighted = min(keep or 0, self.option_count - 1)


class InventoryForm(EntryForm):
    """The user's one inventory: people (each opened in a PersonEditor) and a problem area."""

    KIND = "interpersonal_inventory"
    data: Inventory

    DEFAULT_CSS = """
    InventoryForm #glance { margin-bottom: 1; }
    InventoryForm #people-title { text-style: bold; }
    InventoryForm #editor-slot { height: auto; }
    InventoryForm #area-title { margin-top: 1; text-style: bold; }
    InventoryForm #area-hint { color: $text-muted; }
    InventoryForm #area { width: 100%; margin-top: 1; }
    InventoryForm #notes-label { margin-top: 1; }
    InventoryForm #notes { height: auto; min-height: 3; max-height: 8; }
    InventoryForm.-after-prompt #glance { margin: 1 0 1 0; }
    """

    def __init__(self, place: EntryPlace, *, ask_problem_area: bool) -> None:
        super().__init__(place)
        self.ask_problem_area = ask_problem_area

    def compose(self) -> ComposeResult:
        yield Static(glance(self.data), id="glance")
        yield Static("Your people (Enter on a name to open it)", id="people-title")
        yield PeopleList(id="people")
        yield Vertical(id="editor-slot")
        if self.ask_problem_area:
            yield Static("Which of these fits you best right now?", id="area-title")
            yield Static(
                "Interpersonal therapy works on one of four areas. Choose the one closest to "
                "what is going on for you; you can change it later.",
                id="area-hint",
            )
            with RadioSet(id="area", compact=True):
                for key, words in PROBLEM_AREAS.items():
                    yield MarkedRadioButton(words, value=self.data.problem_area == key, name=key)
                yield MarkedRadioButton(
                    "Not sure yet", value=self.data.problem_area is None, name=UNSURE
                )
            yield Label("Why this one? A few words (optional)", id="notes-label")
            yield TextBox(self.data.notes, soft_wrap=True, id="notes")
        yield Static("", classes="form-status", id="main-status")

    def on_mount(self) -> None:
        self.query_one(PeopleList).show(self.data.people)

    # -- where messages go ---------------------------------------------------------------

    def _status(self) -> Static:
        """The status line nearest the user's eyes: in the open person, else at the end."""
        editor = self.editor
        return (
            editor.query_one(".form-status", Static)
            if editor
            else self.query_one("#main-status", Static)
        )

    def problem(self, message: str, *, step: bool = False) -> None:
        status = self._status()
        status.update(Content(f"⚠ {message}"))  # it may quote what was typed: not markup
        status.add_class("-problem")

    def clear_problem(self) -> None:
        for status in self.query(".form-status").results(Static):
            status.remove_class("-problem")
            status.update("")

    # -- people --------------------------------------------------------------------------

    @property
    def editor(self) -> PersonEditor | None:
        found = self.query(PersonEditor)
        return found.first() if found else None

    def keep(self, editor: PersonEditor) -> None:
        """Write an editor's draft into the inventory, if it can be listed by a name."""
        draft = editor.person
        people = list(self.data.people)
        if editor.index is None:
            if not draft.named:
                if draft.blank:
                    self.clear_problem()
                else:
                    self.name_needed(editor)
                return
            people.append(draft)
            editor.index = len(people) - 1
        elif draft.named:
            people[editor.index] = draft
        else:
            # The name box was emptied: keep a name, and everything else typed.
            kept = editor.kept_name or people[editor.index].name
            people[editor.index] = msgspec.structs.replace(draft, name=kept)
            self.change(people=people)
            self._refresh(highlight=editor.index)
            self.problem(name_kept(kept))
            return
        self.change(people=people)
        self._refresh(highlight=editor.index)

    def name_needed(self, editor: PersonEditor) -> None:
        """Say so beside the name box, and once in a toast: the box may be scrolled away."""
        self.problem(NAME_NEEDED)
        if not editor.warned:
            editor.warned = True
            self.notify(NAME_NEEDED, title="Not saved yet", severity="warning")

    def _refresh(self, highlight: int | None = None) -> None:
        self.query_one("#glance", Static).update(glance(self.data))
        self.query_one(PeopleList).show(self.data.people, highlight)

    async def open_person(self, index: int | None) -> None:
        slot = self.query_one("#editor-slot", Vertical)
        await slot.remove_children()
        editor = PersonEditor(self, index)
        await slot.mount(editor)
        self.clear_problem()
        try:
            editor.query_one("#name", Input).focus()
        except NoMatches:  # the page was turned while the editor mounted: it is gone
            return

    async def close_person(self) -> None:
        editor = self.editor
        index = editor.index if editor else None
        self.flush()
        await self.query_one("#editor-slot", Vertical).remove_children()
        self.clear_problem()
        try:
            people = self.query_one(PeopleList)
        except NoMatches:  # the page was turned meanwhile (all is saved: flushed above)
            return
        people.show(self.data.people, index)
        people.focus()

    @on(OptionList.OptionSelected, "#people")
    async def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option = event.option.id
        await self.open_person(None if option == NEW else int(str(option)))

    @on(Button.Pressed, "#done")
    async def _done(self, event: Button.Pressed) -> None:
        event.stop()
        editor = self.editor
        if editor is None:
            return
        if editor.index is None and not editor.person.blank:
            # A new person with no name yet: it can't be listed, so it isn't saved.
            self.problem(NAME_NEEDED)
            editor.query_one("#name", Input).focus()
            return
        await self.close_person()

    @on(Button.Pressed, "#remove")
    def _remove(self, event: Button.Pressed) -> None:
        event.stop()
        editor = self.editor
        if editor is None:
            return
        if editor.index is None and editor.person.blank:
            self.run_worker(self.close_person())  # nothing written: nothing to lose
            return
        if editor.index is None:
            ask = Confirm(
                "Discard this new person?",
                "They have no name yet, so nothing has been saved. What you typed will be lost.",
                yes="Discard",
            )
        else:
            ask = Confirm(
                f"Remove {self.data.people[editor.index].name.strip()}?",
                "Everything you wrote about them here will be deleted. This can't be undone.",
            )

        async def confirmed(remove: bool | None) -> None:
            if remove:
                await self._removed(editor)

        self.app.push_screen(ask, callback=confirmed)

    async def _removed(self, editor: PersonEditor) -> None:
        if editor.index is not None:
            people = list(self.data.people)
            who = people.pop(editor.index).name.strip()
            self.change(people=people)
            self.notify(f"{who} is no longer in your inventory.", title="Removed")
        editor.index = None
        await self.close_person()
        if self.is_attached and self.query(PeopleList):  # still on screen
            self._refresh()

    # -- the problem area ----------------------------------------------------------------

    @on(RadioSet.Changed, "#area")
    def _area(self, event: RadioSet.Changed) -> None:
        event.stop()
        name = str(event.pressed.name)
        self.change(problem_area=None if name == UNSURE else name)

    @on(TextArea.Changed, "#notes")
    def _notes(self, event: TextArea.Changed) -> None:
        event.stop()
        self.change(notes=event.text_area.text)


class InventoryView(BlockView):
    BLOCK = InterpersonalInventoryBlock
    block: InterpersonalInventoryBlock

    DEFAULT_CSS = """
    InventoryView { border: round $secondary; padding: 0 1; height: auto; }
    """

    def compose(self) -> ComposeResult:
        self.border_title = "The important people in your life"
        yield from compose_prompt(self.block.prompt)
        place = EntryPlace(self.context.module_id, self.context.page_id, self.block.id)
        form = InventoryForm(place, ask_problem_area=self.block.ask_problem_area)
        form.set_class(bool(self.block.prompt), "-after-prompt")
        yield form
