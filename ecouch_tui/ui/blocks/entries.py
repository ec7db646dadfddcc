"""What exercise widgets share: a form for one entry that saves as the user types, and a
list of the user's entries of a kind to pick one to reopen.

An entry is created on the first keystroke that gives it content, then updated in
place; nothing is lost by leaving with Escape. Values a field refuses (a rating of 11,
a day that does not exist) are never written: the last good value stays saved and the
field says what is wrong.
"""

from __future__ import annotations

from typing import Any, ClassVar

import msgspec
from textual.app import ComposeResult
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ecouch_tui.content.blocks import DATA_TYPES, SHARED_KINDS
from ecouch_tui.content.blocks.base import EntryData
from ecouch_tui.store.records import Entry
from ecouch_tui.ui.access import AppAccess
from ecouch_tui.ui.blocks.base import Saver

NEW = "new"


class EntryPlace(msgspec.Struct, frozen=True):
    """Where an entry was written: a block on a module page, or home."""

    module_id: str
    page_id: str
    block_id: str


#: Entries made outside any module (quick add from home, the command line).
HOME = EntryPlace("home", "home", "quick")


class EntryForm(AppAccess, Widget):
    """One entry being written. Subclasses compose fields and call `change(...)`."""

    DEFAULT_CSS = """
    EntryForm { height: auto; }
    EntryForm .form-status { color: $text-muted; height: auto; }
    EntryForm .form-status.-problem { color: $text-warning; }
    """
    KIND: ClassVar[str] = ""

    class Saved(Message):
        """An entry was written (created or updated)."""

        def __init__(self, form: EntryForm, entry: Entry) -> None:
            super().__init__()
            self.form = form
            self.entry = entry

    def __init__(
        self,
        place: EntryPlace,
        *,
        uid: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.place = place
        shared = self.KIND in SHARED_KINDS
        self.uid = self.KIND if shared else uid
        self.data: Any = self.load()
        self.saver = Saver(self, self._write, self._saved, self._unsaved)

    @property
    def shape(self) -> type[EntryData]:
        return DATA_TYPES[self.KIND]

    def load(self) -> Any:
        """The entry's data; a stored entry that no longer fits its shape is left untouched."""
        self.unreadable = False
        if self.uid is not None:
            entry = self.session.store.entry(self.uid)
            if entry is not None:
                try:
                    return entry.decode(self.shape)
                except (msgspec.ValidationError, msgspec.DecodeError):
                    self.unreadable = True
        return self.shape()

    def on_mount(self) -> None:
        if self.unreadable:
            self.problem(
                "This entry was saved in a shape this version of ecouch cannot read, so it is "
                "kept as it is and not changed here. It is in your export and the Workbook."
            )

    def status(self) -> Static:
        return Static("", classes="form-status")

    # -- editing -------------------------------------------------------------------------

    def change(self, **fields: Any) -> None:
        """Apply edits to the data and save them shortly (or at once on leaving)."""
        if all(getattr(self.data, name) == value for name, value in fields.items()):
            return  # e.g. a field reporting its first value on mount
        self.data = msgspec.structs.replace(self.data, **fields)
        self.clear_problem()
        self.saver.touch()

    def problem(self, message: str) -> None:
        """Say what is wrong with what was typed; nothing of it is saved."""
        for status in self.query(".form-status").results(Static):
            # Messages may quote what was typed ("'[/]' is not a day"): never markup.
            status.update(Content(f"⚠ {message}"))
            status.add_class("-problem")
            break

    def clear_problem(self) -> None:
        if self.unreadable:
            return  # that message stays for as long as the entry is shown
        for status in self.query(".form-status").results(Static):
            status.remove_class("-problem")
            status.update("")
            break

    def _write(self) -> None:
        if self.uid is None and self.data.empty():
            return  # nothing typed yet: no empty entry
        if self.unreadable:
            return  # never overwrite what could not be read
        entry = self.session.store.save_entry(
            uid=self.uid,
            module_id=self.place.module_id,
            page_id=self.place.page_id,
            block_id=self.place.block_id,
            kind=self.KIND,
            data=self.data,
        )
        self.uid = entry.uid
        self.post_message(self.Saved(self, entry))

    def _saved(self, ok: bool) -> None:
        if not ok:
            self.problem("Not saved yet: what you typed is still here.")

    def _unsaved(self) -> str:
        """The entry as text, for the Not saved window (see Saver.release)."""
        return "\n\n".join(f"{heading}\n{body}" for heading, body in self.data.sections())

    def flush(self) -> bool:
        """Save now; False when the store refused (the form then says so)."""
        self.saver.flush()
        return not self.saver.dirty

    def start_new(self) -> None:
        """Save what is here, then begin a fresh entry in the same form (what could not
        be saved is shown to copy first)."""
        self.saver.release()
        self.uid = None
        self.data = self.shape()

    def on_descendant_blur(self) -> None:
        self.saver.flush()

    def on_unmount(self) -> None:
        self.saver.release()


class EntryPicker(AppAccess, OptionList):
    """The user's entries of one kind, newest first, after a "new entry" choice."""

    DEFAULT_CSS = """
    EntryPicker { height: auto; max-height: 8; }
    """

    class Picked(Message):
        def __init__(self, picker: EntryPicker, uid: str | None) -> None:
            super().__init__()
            self.picker = picker
            self.uid = uid

    def __init__(self, kind: str, new_label: str = "＋ New entry", **options: Any) -> None:
        super().__init__(**options)
        self.kind = kind
        self.new_label = new_label

    def on_mount(self) -> None:
        self.reload()

    def reload(self, highlight: str | None = None) -> None:
        """Rebuild the list (after a save), keeping the line the user was on."""
        shape: type[EntryData] = DATA_TYPES[self.kind]  # a form's kind, as in EntryForm.shape
        current = self.highlighted_option.id if self.highlighted_option is not None else None
        entries = list(reversed(self.session.store.entries(kind=self.kind)))
        self.clear_options()
        self.add_option(Option(self.new_label, id=NEW))
        for entry in entries:
            try:
                summary = entry.decode(shape).summary()
            except (msgspec.ValidationError, msgspec.DecodeError):
                summary = "(saved by another version of ecouch: open it in the Workbook)"
            # Summaries are the user's own words: plain text, never markup.
            self.add_option(Option(Content(summary), id=entry.uid))
        wanted = highlight or current
        if wanted is not None:
            ids = [NEW, *(e.uid for e in entries)]
            self.highlighted = ids.index(wanted) if wanted in ids else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        uid = event.option.id
        self.post_message(self.Picked(self, None if uid == NEW else uid))


def compose_prompt(prompt: str | None) -> ComposeResult:
    """The block's own intro text, if it has one."""
    if prompt:
        from ecouch_tui.ui.widgets.course_text import course_text

        yield course_text(prompt, classes="prompt")
