"""What exercise widgets share: a form for one entry that saves as the user types, and a
list of the user's entries of a kind to pick one to reopen.

An entry is created on the first keystroke that gives it content, then updated in
place; nothing is lost by leaving with Escape. Values a field refuses (a rating of 11,
a day that does not exist) are never written: the last good value stays saved and the
field says what is wrong.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any, ClassVar

import msgspec
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ecouch_tui.content.blocks import data_types, entry_uid, shared_kinds
from ecouch_tui.content.blocks.base import EntryData
from ecouch_tui.store.records import Entry
from ecouch_tui.ui.access import AppAccess
from ecouch_tui.ui.blocks.base import Saver
from ecouch_tui.ui.merging import MergeTracker
from ecouch_tui.ui.widgets.rating import Rating

if TYPE_CHECKING:
    from ecouch_tui.store.db import Store
    from ecouch_tui.store.merge import Landed, Seen
    from ecouch_tui.store.writer import Job

NEW = "new"

#: The keys that change step in every stepped exercise (thought record, problem
#: solving). Not n/b or the bare arrows: those page the module when focus is outside
#: the form, and move the cursor inside a text box. Hidden from the Footer (each form's
#: step bar says them, `STEP_KEYS_HINT`), which must keep room for F1.
STEP_BINDINGS: list[BindingType] = [
    Binding("alt+right,ctrl+pagedown", "go(1)", "Next step", show=False),
    Binding("alt+left,ctrl+pageup", "go(-1)", "Previous step", show=False),
]
STEP_KEYS_HINT = "alt+← alt+→ change step"


class EntryPlace(msgspec.Struct, frozen=True):
    """Where an entry was written: a block on a module page, or home."""

    module_id: str
    page_id: str
    block_id: str


#: Entries made outside any module (quick add from home, the command line).
HOME = EntryPlace("home", "home", "quick")


class _Target:
    """The entry a form writes, shared with the writes it has queued: the first write of
    a new entry sets `uid` (on the writer thread), and the next ones, queued behind it,
    read it there."""

    def __init__(self, uid: str | None) -> None:
        self.uid = uid
        #: The uid a new entry's first save gives it (known now, so its saves can be
        #: shown while on their way, as every other entry's are).
        self.planned = uid or uuid.uuid4().hex
        #: The entry as the last write that landed left it.
        self.entry: Entry | None = None
        #: Writes queued for it so far.
        self.sent = 0


class EntryForm(AppAccess, Widget):
    """One entry being written. Subclasses compose fields and call `change(...)`.

    Enter on a rating moves on to the next field, as Enter in a box does in the forms;
    on the rating a form ends with (`finishes_on`) it finishes the entry, as the form's
    Done button does (`finish`).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "rating_enter", "Next", show=False),
    ]

    DEFAULT_CSS = """
    EntryForm { height: auto; }
    EntryForm .form-status { color: $text-muted; height: auto; }
    EntryForm .form-status.-problem { color: $text-warning; }
    EntryForm .saved-note { color: $text-muted; width: auto; margin-left: 2; }
    """
    #: The entry kind this form edits; setting it registers the form for that kind.
    KIND: ClassVar[str] = ""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.__dict__.get("KIND"):
            from ecouch_tui.ui.blocks import FORMS

            FORMS[cls.KIND] = cls

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
        if self.KIND in shared_kinds():  # one entry per user, whatever was asked
            place_ids = (place.module_id, place.page_id, place.block_id)
            uid = entry_uid(self.KIND, *place_ids)
        self._target = _Target(uid)
        self.merging = MergeTracker(
            self.ecouch,
            "this entry",
            mine=lambda: plain(self.data),
            on_keep=self._keep_mine,
            on_take=self._take,
        )
        self.data: Any = self.load()
        self.saver = self._new_saver()

    @property
    def uid(self) -> str | None:
        """The entry this form writes; None until its first save has landed."""
        return self._target.uid

    def _new_saver(self) -> Saver:
        return Saver(self, self._write, self._saved, self._unsaved)

    @property
    def shape(self) -> type[EntryData]:
        return data_types()[self.KIND]

    def load(self) -> Any:
        """The entry's data; a stored entry that no longer fits its shape is left untouched."""
        self.unreadable = False
        if self.uid is not None:
            waiting = self.ecouch.pending_entry(self.uid)  # a save not landed yet
            if isinstance(waiting, self.shape):
                self.merging.shown(plain(waiting))
                return waiting
            entry = self.session.store.entry(self.uid)
            if entry is not None:
                try:
                    data = entry.decode(self.shape)
                except (msgspec.ValidationError, msgspec.DecodeError):
                    self.unreadable = True
                else:
                    stored = msgspec.json.decode(entry.data)
                    self.merging.shown(plain(data), stored if isinstance(stored, dict) else None)
                    return data
        fresh = self.shape()
        self.merging.shown(plain(fresh))
        return fresh

    def on_mount(self) -> None:
        if self.unreadable:
            self.problem(
                "This entry was saved in a shape this version of ecouch cannot read, so it is "
                "kept as it is and not changed here. It is in your export and the Workbook."
            )

    def status(self) -> Static:
        return Static("", classes="form-status")

    # -- finishing -----------------------------------------------------------------------

    def finishes_on(self, rating: Rating) -> bool:
        """Enter on this rating finishes the entry (the form's last field)."""
        return False

    async def finish(self) -> None:
        """Done with this entry (saved already, as typed): a form with a Done button
        does here what it does."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "rating_enter":  # Enter anywhere else (a button, a box) is theirs
            return isinstance(self.screen.focused, Rating)
        return True

    async def action_rating_enter(self) -> None:
        focused = self.screen.focused
        if isinstance(focused, Rating) and self.finishes_on(focused):
            await self.finish()
        else:
            self.screen.focus_next()

    def saved_note(self) -> Static:
        """Beside a form's Done button: that the entry saves as it is typed (so Done only
        finishes it), and once it has, that it is saved."""
        return Static(self._saved_note_words(True), classes="saved-note")

    def _saved_note_words(self, ok: bool) -> str:
        if self.unreadable:
            return "Kept as it was saved"  # never written over (see `load`)
        if not ok:
            return "Not saved yet"
        return "Saved as you type ✓" if self.uid is not None else "It saves as you type."

    # -- editing -------------------------------------------------------------------------

    def change(self, **fields: Any) -> None:
        """Apply edits to the data and save them shortly (or at once on leaving)."""
        if all(getattr(self.data, name) == value for name, value in fields.items()):
            return  # e.g. a field reporting its first value on mount
        self.data = msgspec.structs.replace(self.data, **fields)
        self.clear_problem()
        self.saver.touch()

    #: The warning shown is about the step on screen (`problem(..., step=True)`), so it
    #: goes when the step changes (`clear_step_problem`).
    _step_problem = False

    def problem(self, message: str, *, step: bool = False) -> None:
        """Say what is wrong with what was typed; nothing of it is saved. `step`: it is
        about the step on screen (e.g. what is missing to finish), not the entry."""
        for status in self.query(".form-status").results(Static):
            # Messages may quote what was typed ("'[/]' is not a day"): never markup.
            status.update(Content(f"⚠ {message}"))
            status.add_class("-problem")
            self._step_problem = step
            break

    def clear_step_problem(self) -> None:
        """The step changed: a warning about the step left goes with it (one about the
        entry, such as a save refused, stays)."""
        if self._step_problem:
            self.clear_problem()

    def clear_problem(self) -> None:
        if self.unreadable:
            return  # that message stays for as long as the entry is shown
        self._step_problem = False
        for status in self.query(".form-status").results(Static):
            status.remove_class("-problem")
            status.update("")
            break

    def _write(self) -> Job[object] | None:
        """The write of the entry as it is now (run later, on the writer thread)."""
        target, place, data = self._target, self.place, self.data
        if target.sent == 0 and target.uid is None and data.empty():
            return None  # nothing typed yet: no empty entry
        if self.unreadable:
            return None  # never overwrite what could not be read
        target.sent += 1
        uid, mine, kind = target.planned, plain(data), self.KIND

        def write(store: Store, seen: Seen) -> Landed:
            # On the writer thread, in order: merged with what is stored now, so a field
            # another process changed since this form read it is never written over.
            landed = store.merge_entry(
                uid=uid,
                module_id=place.module_id,
                page_id=place.page_id,
                block_id=place.block_id,
                kind=kind,
                mine=mine,
                seen=seen,
            )
            target.uid, target.entry = uid, landed.record
            return landed

        # Shown in place of the stored entry until it lands (`Writer.pending`).
        return self.merging.job(uid, data, mine, write)

    def _keep_mine(self) -> None:
        """The user keeps what is here over what was saved elsewhere: save it again."""
        self.saver.touch()

    def _take(self, values: dict[str, Any]) -> None:
        """Take what was saved elsewhere into this form, and show it."""
        try:
            self.data = msgspec.convert({**plain(self.data), **values}, self.shape)
        except msgspec.ValidationError:
            self.problem("What was saved elsewhere cannot be shown here; it is kept as saved.")
            return
        self.call_later(self.recompose)

    def _saved(self, ok: bool) -> None:
        for note in self.query(".saved-note").results(Static):
            note.update(self._saved_note_words(ok))
        if not ok:
            self.problem("Not saved yet: what you typed is still here.")
        elif self._target.entry is not None:
            self.post_message(self.Saved(self, self._target.entry))

    def _unsaved(self) -> str:
        """The entry as text, for the Not saved window (see Saver.release)."""
        return "\n\n".join(f"{heading}\n{body}" for heading, body in self.data.sections())

    def flush(self) -> None:
        """Hand what is here to the writer now (it lands a moment later)."""
        self.saver.flush()

    async def save_now(self) -> bool:
        """Save now and wait for it to land (the screen goes on meanwhile); False when
        the store refused (the form then says so)."""
        return await self.saver.save()

    def start_new(self) -> None:
        """Save what is here, then begin a fresh entry in the same form (what could not
        be saved is shown to copy first)."""
        self.saver.release()
        self._target = _Target(None)
        self.saver = self._new_saver()
        self.data = self.shape()

    def on_descendant_blur(self) -> None:
        self.saver.flush()

    def on_unmount(self) -> None:
        self.saver.release()


def plain(data: Any) -> dict[str, Any]:
    """An entry's data as the plain JSON values it is stored as (what merges compare)."""
    built = msgspec.json.decode(msgspec.json.encode(data))
    return built if isinstance(built, dict) else {}


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
        shape: type[EntryData] = data_types()[self.kind]  # a form's kind, as in EntryForm.shape
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
