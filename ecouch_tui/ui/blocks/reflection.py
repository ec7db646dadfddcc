"""Widget for `reflection` blocks: a prompt and a text box saved as the user types."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widgets import Static, TextArea

from ecouch_tui.content.blocks.reflection import ReflectionBlock, ReflectionResponse
from ecouch_tui.ui.blocks.base import UNREADABLE_ANSWER, BlockView, Saver, TextBox
from ecouch_tui.ui.widgets.course_text import course_text

if TYPE_CHECKING:
    from ecouch_tui.store.writer import Job


#: What the block says when its saved answer cannot be read.
class ReflectionView(BlockView):
    BLOCK = ReflectionBlock
    block: ReflectionBlock

    DEFAULT_CSS = """
    ReflectionView > Markdown, ReflectionView > CourseText { margin: 0; }
    ReflectionView TextArea { height: auto; min-height: 5; max-height: 14; }
    ReflectionView .save-status { color: $text-muted; text-align: right; }
    """

    def compose(self) -> ComposeResult:
        saved = self.saved_answer(ReflectionResponse)
        #: The text last handed to the writer (or loaded): typing back to it saves nothing.
        self._sent = saved.text if saved else ""
        #: What is in the box, kept here so a save (or a Not saved window) never needs
        #: the box itself, which may already be gone.
        self._text = self._sent
        self.saver = Saver(self, self._write, self._saved, self._unsaved)
        yield course_text(self.block.prompt)
        yield TextBox(
            saved.text if saved else "",
            soft_wrap=True,
            placeholder=self.block.hint or "Write here. It saves as you type.",
            id=f"reflection-{self.block.id}",
            read_only=self.unreadable,
        )
        #: A save of this answer from before (the page left and come back to) is still on
        #: its way: this box saves the same words again, to say when they are on disk.
        self._waiting = self.ecouch.pending_entry(self.context.uid(self.block)) is not None
        status = "Saving…" if self._waiting else "Saved" if saved and saved.text else ""
        yield Static(UNREADABLE_ANSWER if self.unreadable else status, classes="save-status")

    def on_mount(self) -> None:
        if self._waiting and not self.unreadable:
            self.saver.touch()

    @property
    def text(self) -> str:
        return self._text

    def _unsaved(self) -> str:
        prompt = self.block.prompt.strip().splitlines()
        return f"{prompt[0]}\n\n{self._text}" if prompt else self._text

    def _write(self) -> Job[object] | None:
        if self.unreadable:
            return None  # never overwrite what could not be read
        self._sent = self.text
        return self.saving(ReflectionResponse(text=self._sent))

    def answer_now(self) -> ReflectionResponse:
        return ReflectionResponse(text=self._text)

    def save_again(self) -> None:
        self.saver.touch()

    def _saved(self, ok: bool) -> None:
        for status in self.query(".save-status").results(Static):
            status.update("Saved" if ok else "Not saved yet: your text is still here")

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._text = event.text_area.text
        if self.text != self._sent:
            self.saver.touch()
            self.query_one(".save-status", Static).update("Saving…")

    def on_descendant_blur(self) -> None:
        self.saver.flush()

    def on_unmount(self) -> None:
        self.saver.release()
