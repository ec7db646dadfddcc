"""The Workbook (w): everything the user has written, by course week and day, searchable.

Exercise entries of every kind, reflections, quiz answers, the safety plan and mood
notes, newest first. Typing filters the list at once (over each entry's full text);
Enter opens one to read in full and edit. The newest `PAGE` are listed, and the last
line lists the next lot, so the screen answers at once however much is stored. The
list is rebuilt whenever the screen comes back, so an edit shows straight away.
"""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from ecouch_tui.course.workbook import (
    HOME_MODULE,
    Opens,
    WorkbookItem,
    search,
    week_heading,
    workbook_items,
)
from ecouch_tui.ui.access import AppAccess
from ecouch_tui.ui.keys import GET_HELP_KEY
from ecouch_tui.ui.widgets.footer import EcouchFooter
from ecouch_tui.wording import plural, short_date

#: Entries listed at once (the newest, or the newest that match a search). A screenful
#: many times over, and few enough that the list is built at once however much is stored
#: (20,000 entries drawn at once took over ten seconds, and each key of a search as
#: long again); the last line of the list shows the next lot.
PAGE = 200
MORE = "more"

EMPTY = (
    "Nothing here yet.\n\n"
    "As you work through the course, what you write appears here: exercises, "
    "reflections and quiz answers, and the notes you add when you log your mood "
    "(m on the home screen). It is listed by course week and day, newest first, "
    "and you can search it and reopen anything to read or change it."
)


def kind_width(items: list[WorkbookItem], screen_width: int) -> int:
    """The kind column: as wide as the longest kind listed ("Behavioural experiment" is
    22), but never more than a quarter of the screen, so summaries keep their room."""
    longest = max((len(item.kind_words) for item in items), default=10)
    return max(10, min(longest, 22, screen_width // 4))


def item_row(item: WorkbookItem, show_day: bool, kind_columns: int = 17) -> Table:
    """One entry: its day (first of the day only), its kind in words, a one-line summary."""
    row = Table.grid(expand=True, padding=(0, 1))
    row.add_column(width=10, no_wrap=True)
    row.add_column(width=kind_columns, no_wrap=True, overflow="ellipsis")
    row.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    row.add_row(
        Text(short_date(item.day) if show_day else ""),
        Text(item.kind_words, style="bold"),
        Text(item.summary),
    )
    return row


class WorkbookList(OptionList):
    """The entries, under week headings. Up from the first entry goes back to search."""

    class ToSearch(Message):
        """Focus should move to the search box (with a character to type, if any)."""

        def __init__(self, character: str = "") -> None:
            super().__init__()
            self.character = character

    def action_cursor_up(self) -> None:
        first = next((i for i, option in enumerate(self.options) if not option.disabled), None)
        if self.highlighted is None or self.highlighted == first:
            self.post_message(self.ToSearch())
            return
        super().action_cursor_up()

    def on_key(self, event: events.Key) -> None:
        # Typing while on the list searches: no need to go back to the box first.
        if event.is_printable and event.character and event.character not in " /":
            event.stop()
            event.prevent_default()
            self.post_message(self.ToSearch(event.character))


class WorkbookScreen(AppAccess, Screen[None]):
    CSS_PATH = "workbook.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        GET_HELP_KEY,
        Binding("escape", "back", "Back", id="workbook_back"),
        Binding("slash", "search", "Search", id="workbook_search"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.items: list[WorkbookItem] = []
        self.shown: list[WorkbookItem] = []
        #: How many of `shown` are listed; "Show more" adds a `PAGE`.
        self.listed = PAGE
        self._resumed = False

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield Input(
            placeholder="Search everything you have written", id="wb-search", select_on_focus=False
        )
        yield Static(id="wb-count", markup=False)  # it quotes what the user searched for
        yield WorkbookList(id="wb-list")
        yield Static(EMPTY, id="wb-empty")
        yield EcouchFooter()

    def on_mount(self) -> None:
        self.sub_title = "Workbook"
        self.reload()
        if self.shown:
            self.query_one(WorkbookList).focus()
        # An edit made over this screen is on disk a moment after it closes: show it then.
        self.ecouch.saves_landed.subscribe(self, self._saves_landed)

    def _saves_landed(self, _: None) -> None:
        if self.is_current:
            self.reload()

    def on_screen_resume(self) -> None:
        # Back from an opened entry (or the mood editor): show what changed. The first
        # resume comes with being pushed, just after on_mount has loaded the list.
        if self._resumed:
            self.reload()
        self._resumed = True

    # -- building the list ---------------------------------------------------------------

    def reload(self) -> None:
        """Read everything again (after an edit) and show it, keeping search and place."""
        from ecouch_tui.ui.blocks import form_class

        session = self.session
        entries = session.store.entries()
        outside = {e.kind for e in entries if e.module_id == HOME_MODULE}
        outside |= {e.kind for e in entries if e.module_id != HOME_MODULE} - _block_kinds()
        standalone = frozenset(kind for kind in outside if form_class(kind) is not None)
        self.items = workbook_items(
            session.course, entries, session.store.moods(), session.started_on, standalone
        )
        self.show(keep=self._highlighted_key())
        self.refresh_bindings()

    def _highlighted_key(self) -> str | None:
        option = self.query_one(WorkbookList).highlighted_option
        return option.id if option is not None else None

    def show(self, keep: str | None = None) -> None:
        query = self.query_one("#wb-search", Input).value
        self.shown = search(self.items, query)
        listing = self.query_one(WorkbookList)
        started_on = self.session.started_on
        found = [item.key for item in self.shown]
        if keep in found:  # the entry the user was on stays listed, however far down
            self.listed = max(self.listed, found.index(keep) + 1)
        options: list[Option] = []
        week: int | None = None
        day = None
        kinds = kind_width(self.shown[: self.listed], self.app.size.width)
        for item in self.shown[: self.listed]:
            if item.week != week:
                week, day = item.week, None
                heading = Text(week_heading(item.week, started_on), style="bold")
                options.append(Option(heading, id=f"week:{item.week}", disabled=True))
            options.append(Option(item_row(item, item.day != day, kinds), id=item.key))
            day = item.day
        older = len(self.shown) - self.listed
        if older > 0:
            rest = plural(older, "older entry", "older entries")
            more = f"▼ Show {min(PAGE, older)} more (of {rest})"
            options.append(Option(Text(more, style="italic"), id=MORE))
        listing.set_options(options)
        keys = [option.id for option in options]
        if keep in keys:
            listing.highlighted = keys.index(keep)
        else:
            listing.highlighted = next((i for i, o in enumerate(options) if not o.disabled), None)
        self._show_count(query)

    def _show_count(self, query: str) -> None:
        total, found = len(self.items), len(self.shown)
        empty = self.query_one("#wb-empty", Static)
        listing = self.query_one(WorkbookList)
        empty.display = total == 0
        listing.display = found > 0
        self.query_one("#wb-search", Input).display = total > 0
        count = self.query_one("#wb-count", Static)
        count.display = total > 0
        if not query.strip():
            count.update(f"{plural(total, 'entry', 'entries')} · Enter opens one to read or edit")
        elif found:
            count.update(f"{found} of {plural(total, 'entry', 'entries')} match “{query.strip()}”")
        else:
            count.update(f"Nothing matches “{query.strip()}”. Try fewer or different words.")

    # -- keys and choices ----------------------------------------------------------------

    @on(Input.Changed, "#wb-search")
    def _search(self) -> None:
        self.listed = PAGE
        self.show()

    @on(Input.Submitted, "#wb-search")
    def _to_list(self) -> None:
        if self.shown:
            self.query_one(WorkbookList).focus()

    def on_key(self, event: events.Key) -> None:
        if event.key == "down" and self.focused is self.query_one("#wb-search", Input):
            event.stop()
            self._to_list()

    @on(WorkbookList.ToSearch)
    def _back_to_search(self, event: WorkbookList.ToSearch) -> None:
        box = self.query_one("#wb-search", Input)
        box.focus()
        if event.character:
            box.insert_text_at_cursor(event.character)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "search":
            return bool(self.items)  # nothing to search: no "/ Search" in the footer
        return True

    def action_search(self) -> None:
        self.query_one("#wb-search", Input).focus()

    def action_back(self) -> None:
        box = self.query_one("#wb-search", Input)
        if box.value:
            box.value = ""  # Escape clears a search first, then leaves
            box.focus()
            return
        self.app.pop_screen()

    @on(OptionList.OptionSelected, "#wb-list")
    def _open(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id == MORE:
            first_new = self.shown[self.listed].key
            self.listed += PAGE
            self.show(keep=first_new)
            return
        item = next((i for i in self.shown if i.key == event.option.id), None)
        if item is not None:
            self.open_item(item)

    def open_item(self, item: WorkbookItem) -> None:
        if item.opens == Opens.MOOD:
            from ecouch_tui.ui.screens.mood_entry import MoodEntryScreen

            self.app.push_screen(MoodEntryScreen(item.day))
            return
        from ecouch_tui.ui.screens.workbook_entry import WorkbookEntryScreen

        self.app.push_screen(WorkbookEntryScreen(item))


def _block_kinds() -> set[str]:
    from ecouch_tui.content.blocks import kinds

    return set(kinds())
