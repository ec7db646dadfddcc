"""What every block widget shares: its block, where it sits, and saving as you type."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual.css.query import NoMatches
from textual.geometry import Region
from textual.strip import Strip
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, TextArea

from ecouch_tui.ui.access import AppAccess
from ecouch_tui.ui.merging import MergeTracker

if TYPE_CHECKING:
    from ecouch_tui.content.blocks.base import BlockBase
    from ecouch_tui.session import Session
    from ecouch_tui.store.writer import Job
    from ecouch_tui.ui.app import EcouchApp

T = TypeVar("T")

#: Quiet time after the last keystroke before typing is written to disk.
SAVE_DELAY = 0.4
#: Steady typing never pauses for SAVE_DELAY: what it typed is handed to the writer at
#: least this often, so a closed terminal or a crash loses at most this much of it.
MAX_UNSAVED = 0.5


@dataclass(frozen=True)
class BlockContext:
    """Where a block is shown, and the session its saves go to."""

    session: Session
    module_id: str
    page_id: str
    #: Open this entry for editing (the Workbook's "open"); None: the block's usual view.
    focus_uid: str | None = None

    def uid(self, block: BlockBase) -> str:
        """The uid of a single-answer block's entry here (see `content.blocks.entry_uid`)."""
        from ecouch_tui.content.blocks import entry_uid

        assert block.block_id is not None and not block.repeatable
        uid = entry_uid(block.kind, self.module_id, self.page_id, block.block_id)
        assert uid is not None
        return uid

    def load(self, block: BlockBase, shape: type[T]) -> T | None:
        entry = self.session.store.entry(self.uid(block))
        return entry.decode(shape) if entry else None

    def saving(self, block: BlockBase, data: Any, merging: MergeTracker) -> Job[object]:
        """The write of one block's single answer, for the writer (it raises StoreError
        there), merged with what is stored then (`MergeTracker`); everything it needs is
        taken now."""
        from ecouch_tui.ui.blocks.entries import plain

        assert block.block_id is not None
        uid, mine = self.uid(block), plain(data)
        fields = {
            "uid": uid,
            "module_id": self.module_id,
            "page_id": self.page_id,
            "block_id": block.block_id,
            "kind": block.kind,
        }
        return merging.job(
            uid, data, mine, lambda store, seen: store.merge_entry(**fields, mine=mine, seen=seen)
        )


#: What a single-answer block says when its stored answer cannot be read.
UNREADABLE_ANSWER = (
    "Your saved answer here is unreadable (saved in a shape this version of ecouch cannot "
    "read), so it is kept as it is and not changed here. It is in your export."
)


class TextBox(TextArea):
    """A text box for the user's own words: a saved answer reopened in it has the cursor
    after its last word, so typing carries on from there rather than landing in front."""

    def on_mount(self) -> None:
        # On mount, not in __init__: moving the cursor refreshes the box, and a TextArea
        # drawn before it is styled stops the app (a KeyError seen on a loaded CI).
        self.move_cursor(self.document.end)

    def on_focus(self) -> None:
        # A long answer (taller than the box) is scrolled to where the cursor is.
        self.scroll_cursor_visible()

    def render_lines(self, crop: Region) -> list[Strip]:
        # Textual 8.2 can draw a text box in the frame after it was removed (its styles
        # already cleared), and TextArea then stops the app with a KeyError
        # (Textualize/textual#6528; seen when a form changes step on a loaded CI). Such
        # a box is drawn blank for that one frame: by the next it is gone.
        if "text-area--gutter" not in self._component_styles:
            return [Strip.blank(crop.width)] * crop.height
        return super().render_lines(crop)


def words_input(value: str, **options: Any) -> Input:
    """A line for the user's own words (an activity, a name, an option): its cursor is
    after the words, and coming to it does not select them all (typing then would
    replace them). Lines holding a value to retype (a day, minutes) keep Textual's
    select-all, so typing replaces the value."""
    return Input(value, select_on_focus=False, **options)


class BlockView(AppAccess, Widget):
    """Base of every block widget: `block` is the content model, `context` where it is."""

    DEFAULT_CSS = """
    BlockView { height: auto; margin: 0 0 1 0; }
    """

    #: The block type this widget shows; setting it registers the widget for that type.
    BLOCK: ClassVar[type[BlockBase]]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        shows = cls.__dict__.get("BLOCK")
        if shows is not None:
            from ecouch_tui.ui.blocks import VIEWS

            VIEWS[str(shows.kind_name())] = cls

    def __init__(self, block: BlockBase, context: BlockContext) -> None:
        super().__init__(classes=f"block block-{block.kind}")
        self.block = block
        self.context = context
        #: What this block's answer was shown as, for saves that merge (`saved_answer`).
        self.merging = MergeTracker(
            self.ecouch,
            "your answer here",
            mine=lambda: self._plain_answer(),
            on_keep=self.save_again,
            on_take=lambda _values: self.call_later(self.recompose),  # shows what is stored
        )

    def saving(self, data: Any) -> Job[object]:
        """The write of this block's single answer as `data`, merged with what is stored
        when it runs (so an answer saved elsewhere meanwhile is asked about, not lost)."""
        return self.context.saving(self.block, data, self.merging)

    def answer_now(self) -> Any:
        """This block's answer as shown now (a block that saves one overrides this)."""
        return None

    def save_again(self) -> None:
        """Save the answer shown now again (the user kept it over one saved elsewhere)."""

    def _plain_answer(self) -> dict[str, Any]:
        from ecouch_tui.ui.blocks.entries import plain

        answer = self.answer_now()
        return plain(answer) if answer is not None else {}

    #: The stored answer could not be read (`saved_answer`): it is shown as such, kept as
    #: stored and never saved over.
    unreadable = False

    def saved_answer(self, shape: type[T]) -> T | None:
        """This block's answer: the one still on its way to the disk (a page come back to
        before its save landed), else the stored one; None, with `unreadable` set, when
        the stored one is garbled or no longer fits `shape`."""
        import msgspec

        from ecouch_tui.ui.blocks.entries import plain

        waiting = self.ecouch.pending_entry(self.context.uid(self.block))
        if isinstance(waiting, shape):
            self.merging.shown(plain(waiting))
            return waiting
        try:
            answer = self.context.load(self.block, shape)
        except msgspec.MsgspecError:
            self.unreadable = True
            return None
        self.merging.shown(plain(answer) if answer is not None else {})
        return answer


class Saver:
    """Debounced, flushable saving for a widget the user types into.

    `touch()` after every change; a flush happens after SAVE_DELAY of quiet, when focus
    leaves, when the page changes and before the app quits. A flush calls `capture()`
    on the event loop, which takes the widget's values and returns the store write to
    make (or None: nothing to write), and hands that to the app's writer thread; the
    screen goes on at once. `on_saved(ok)` is called once the last write handed over
    is on disk (True) or was refused (False); an earlier write's outcome is not
    reported, as the later one carries everything it did. A refused write leaves the
    saver dirty (the text stays on screen) and is tried again on the next change or
    flush. When the widget goes away, `release()` takes `describe()` (what was typed, in
    words a person can copy) and, should the write still be refused, shows it in the
    Not saved window.
    """

    def __init__(
        self,
        owner: AppAccess,
        capture: Callable[[], Job[object] | None],
        on_saved: Callable[[bool], None],
        describe: Callable[[], str] | None = None,
    ) -> None:
        assert isinstance(owner, Widget)
        self.owner = owner
        self.capture = capture
        self.on_saved = on_saved
        #: What was typed, in words a person can copy (for `release`).
        self.describe = describe or (lambda: "")
        #: Changed since the last write handed to the writer, or that write was refused.
        self.dirty = False
        self._timer: Timer | None = None
        #: When the first change not yet handed over was made (monotonic seconds).
        self._since: float | None = None
        #: Writes handed over so far, and the outcome of the last one.
        self._sent = 0
        self._latest: asyncio.Future[bool] | None = None
        #: Set by `release()` while a write is on its way: what to show if it is refused.
        self._leaving: str | None = None

    @property
    def pending(self) -> bool:
        """A write handed to the writer has not landed (or been refused) yet."""
        return self._latest is not None and not self._latest.done()

    def touch(self) -> None:
        now = time.monotonic()
        if self._since is None:
            self._since = now
        self.dirty = True
        self.owner.ecouch.savers.add(self)
        if self._timer is not None:
            self._timer.stop()
        assert isinstance(self.owner, Widget)
        # After a quiet SAVE_DELAY, but never later than MAX_UNSAVED after the first
        # change still waiting.
        # Never 0: Textual divides by a timer's interval when it runs late (a loaded CI).
        delay = max(0.01, min(SAVE_DELAY, self._since + MAX_UNSAVED - now))
        self._timer = self.owner.set_timer(delay, self.flush)

    def flush(self) -> None:
        """Capture the values now and hand their write to the writer (returns at once)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if not self.dirty:
            return
        self._since = None
        app = self.owner.ecouch
        try:
            job = self.capture()
        except NoMatches:
            # The owner was removed without flushing first and its fields went with it,
            # so nothing is left to read: forget it rather than fail every later flush
            # (and the quit). Every way out of a screen flushes before it closes.
            self.dirty = False
            app.savers.discard(self)
            return
        self.dirty = False
        if job is None:  # nothing to write (an entry with nothing in it yet)
            if not self.pending:
                app.savers.discard(self)
                self._report(True)
            return
        self._sent += 1
        number = self._sent
        self._latest = outcome = app.save_quietly(job)
        # The app is taken now: by the time the write lands the widget may be gone.
        outcome.add_done_callback(lambda done: self._landed(app, number, done.result()))

    async def save(self) -> bool:
        """Flush and wait (without blocking the loop) for the write to land; True when
        everything is on disk, False when the store refused."""
        self.flush()
        while self._latest is not None and not self._latest.done():
            await asyncio.shield(self._latest)  # and any write handed over meanwhile
        return not self.dirty

    def _landed(self, app: EcouchApp, number: int, ok: bool) -> None:
        if number != self._sent:
            return  # a later write is on its way with everything this one had
        if not ok:
            self.dirty = True  # tried again on the next change or flush
        elif not self.dirty:
            app.savers.discard(self)
        if self._leaving is None:
            self._report(ok)
            return
        if not ok:
            text, self._leaving, self.dirty = self._leaving, None, False
            app.savers.discard(self)
            # After the current handler: a screen closing now is gone by then, so the
            # window opens above what comes next instead of being closed with it.
            app.call_later(app.keep_unsaved, text)

    def _report(self, ok: bool) -> None:
        if self._leaving is None:
            with suppress(NoMatches):  # the status line went with its widget
                self.on_saved(ok)

    def release(self) -> None:
        """The widget is going away: hand over what is pending, and keep what was typed
        (the disk is full, the folder read-only) to show it, should that write be
        refused, so it can be copied, not lost."""
        self.flush()
        if self.pending:
            self._leaving = self.describe()
