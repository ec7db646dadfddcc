"""What every block widget shares: its block, where it sits, and saving as you type."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from textual.css.query import NoMatches
from textual.timer import Timer
from textual.widget import Widget

from ecouch_tui.store.db import response_uid
from ecouch_tui.ui.access import AppAccess

if TYPE_CHECKING:
    from ecouch_tui.content.blocks.base import BlockBase
    from ecouch_tui.session import Session

T = TypeVar("T")

#: Quiet time after the last keystroke before typing is written to disk.
SAVE_DELAY = 0.4


@dataclass(frozen=True)
class BlockContext:
    """Where a block is shown, and the session its saves go to."""

    session: Session
    module_id: str
    page_id: str
    #: Open this entry for editing (the Workbook's "open"); None: the block's usual view.
    focus_uid: str | None = None

    def uid(self, block_id: str) -> str:
        return response_uid(self.module_id, self.page_id, block_id)

    def load(self, block_id: str, shape: type[T]) -> T | None:
        entry = self.session.store.entry(self.uid(block_id))
        return entry.decode(shape) if entry else None

    def save(self, block: BlockBase, data: Any) -> None:
        """Write one block's single answer (raises StoreError)."""
        assert block.block_id is not None
        self.session.store.save_entry(
            uid=self.uid(block.block_id),
            module_id=self.module_id,
            page_id=self.page_id,
            block_id=block.block_id,
            kind=block.kind,
            data=data,
        )


class BlockView(AppAccess, Widget):
    """Base of every block widget: `block` is the content model, `context` where it is."""

    DEFAULT_CSS = """
    BlockView { height: auto; margin: 0 0 1 0; }
    """

    def __init__(self, block: BlockBase, context: BlockContext) -> None:
        super().__init__(classes=f"block block-{block.kind}")
        self.block = block
        self.context = context


class Saver:
    """Debounced, flushable saving for a widget the user types into.

    `touch()` after every change; the write happens after SAVE_DELAY of quiet, when
    focus leaves, when the page changes and before the app quits. A failed write
    stays pending (the text stays on screen) and is retried on the next change.
    When the widget goes away with a write still failing, `release()` shows what
    `describe()` says was typed in a window it can be copied from.
    """

    def __init__(
        self,
        owner: AppAccess,
        write: Callable[[], None],
        on_saved: Callable[[bool], None],
        describe: Callable[[], str] | None = None,
    ) -> None:
        assert isinstance(owner, Widget)
        self.owner = owner
        self.write = write
        self.on_saved = on_saved
        #: What was typed, in words a person can copy (for `release`).
        self.describe = describe or (lambda: "")
        self.dirty = False
        self._timer: Timer | None = None

    def touch(self) -> None:
        self.dirty = True
        self.owner.ecouch.savers.add(self)
        if self._timer is not None:
            self._timer.stop()
        assert isinstance(self.owner, Widget)
        self._timer = self.owner.set_timer(SAVE_DELAY, self.flush)

    def flush(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if not self.dirty:
            return
        try:
            saved = self.owner.ecouch.save_quietly(self.write)
            if saved:
                self.dirty = False
                self.owner.ecouch.savers.discard(self)
            self.on_saved(saved)
        except NoMatches:
            # The owner was removed without flushing first and its fields went with it,
            # so nothing is left to read: forget it rather than fail every later flush
            # (and the quit). Every way out of a screen flushes before it closes.
            self.dirty = False
            self.owner.ecouch.savers.discard(self)

    def release(self) -> bool:
        """The widget is going away: save now, and if that still fails, show what was typed
        (the disk is full, the folder read-only) so it can be copied, not lost. True when
        everything was saved."""
        self.flush()
        if not self.dirty:
            return True
        app = self.owner.ecouch
        text = self.describe()
        self.dirty = False
        app.savers.discard(self)
        # After the current handler: the screen closing now is gone by then, so the
        # window opens above what comes next instead of being closed with it.
        app.call_later(app.keep_unsaved, text)
        return False
