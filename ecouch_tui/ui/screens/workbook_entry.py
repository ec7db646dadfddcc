"""One Workbook entry, opened: in full, and editable where the course still allows.

An entry reopens in the widget that wrote it (its block, focused on this entry), in
its kind's own form when it was written outside the course pages (quick add from
home), or read-only with a note saying why (its block was removed from the course,
or this version has no editor for it). Edits save as the user types, as everywhere;
Escape returns to the list.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, Static

from ecouch_tui.course.workbook import Opens, WorkbookItem, block_place
from ecouch_tui.ui.access import AppAccess
from ecouch_tui.ui.blocks import form_class
from ecouch_tui.ui.blocks.entries import EntryPlace
from ecouch_tui.ui.keys import GET_HELP_KEY
from ecouch_tui.ui.widgets.footer import EcouchFooter
from ecouch_tui.wording import short_date


def full_text(item: WorkbookItem) -> Text:
    """The entry's sections as headed paragraphs (user text is never read as markup)."""
    text = Text()
    for index, (heading, body) in enumerate(item.sections):
        if index:
            text.append("\n\n")
        text.append(heading, style="bold")
        text.append("\n")
        text.append(body or "(empty)")
    if not item.sections:
        text.append("(nothing written yet)", style="italic")
    return text


def _day(stamp: str) -> date | None:
    try:
        return date.fromisoformat(stamp[:10])
    except ValueError:
        return None


class EntryBody(VerticalScroll, can_focus=False):
    """Holds an editor: not focusable itself, so Tab and arrows go to the fields."""


class WorkbookEntryScreen(AppAccess, Screen[None]):
    CSS_PATH = "workbook.tcss"
    AUTO_FOCUS = ""  # see _focus_first
    BINDINGS: ClassVar[list[BindingType]] = [
        GET_HELP_KEY,
        Binding("escape", "back", "Back to the Workbook", id="workbook_entry_back"),
    ]

    def __init__(self, item: WorkbookItem) -> None:
        super().__init__()
        self.item = item
        self.read_only = True

    def compose(self) -> ComposeResult:
        item = self.item
        yield Header(icon="≡")
        written = f"{item.kind_words} · written {short_date(item.day)} {item.day.year}"
        changed = _day(item.updated_at)
        if changed is not None and changed != item.day:
            written += f" · changed {short_date(changed)}"
        yield Static(Text(written, style="bold"), id="wbe-title")
        where = Static(Text(item.where), id="wbe-where")
        where.display = bool(item.where)
        yield where
        editor, note = self._editor()
        self.read_only = editor is None
        notice = Static(Text(note), id="wbe-note")
        notice.display = bool(note)
        yield notice
        if editor is None:
            with VerticalScroll(id="wbe-body", classes="-read-only"):
                yield Static(full_text(item), id="wbe-text")
        else:
            with EntryBody(id="wbe-body"):
                yield editor
        yield EcouchFooter()

    def on_mount(self) -> None:
        self.sub_title = "Workbook"
        self.call_after_refresh(self._focus_first)

    def _focus_first(self) -> None:
        """Focus the first field without scrolling: the top of the entry stays in view."""
        chain = self.focus_chain
        if chain:
            self.set_focus(chain[0], scroll_visible=False)

    def _editor(self) -> tuple[Widget | None, str]:
        """The widget to edit this entry in, or None and why it is shown read-only."""
        item = self.item
        if item.opens == Opens.READ_ONLY or item.uid is None:
            return None, item.note
        entry = self.session.store.entry(item.uid)
        if entry is None:
            return None, "This entry has been deleted since the list was shown."
        cannot = "This version of ecouch cannot edit this kind of entry here yet."
        if item.opens == Opens.STANDALONE:
            form = form_class(entry.kind)
            if form is None:
                return None, cannot
            place = EntryPlace(entry.module_id, entry.page_id, entry.block_id)
            return form(place, uid=entry.uid), ""
        found = block_place(self.session.course, entry)
        if found is None:
            return None, item.note or cannot
        located, module_id, page_id = found
        from ecouch_tui.ui.blocks import widget_for
        from ecouch_tui.ui.blocks.base import BlockContext

        context = BlockContext(
            session=self.session, module_id=module_id, page_id=page_id, focus_uid=entry.uid
        )
        try:
            return widget_for(located.block, context), ""
        except (KeyError, ModuleNotFoundError):  # a kind whose editor is not built yet
            return None, cannot

    def action_back(self) -> None:
        self.ecouch.flush_savers()  # what was typed a moment ago is saved, not lost
        self.app.pop_screen()

    def on_activity_form_added(self) -> None:
        """The activity form's "Done ✓" (or Enter on its last rating): back to the list."""
        self.action_back()
