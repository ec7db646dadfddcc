"""Widget for `reflection` blocks: a prompt and a text box saved as the user types."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static, TextArea

from ecouch_tui.content.blocks.reflection import ReflectionBlock, ReflectionResponse
from ecouch_tui.ui.blocks.base import BlockView, Saver
from ecouch_tui.ui.widgets.course_text import course_text


class ReflectionView(BlockView):
    block: ReflectionBlock

    DEFAULT_CSS = """
    ReflectionView > Markdown, ReflectionView > CourseText { margin: 0; }
    ReflectionView TextArea { height: auto; min-height: 5; max-height: 14; }
    ReflectionView .save-status { color: $text-muted; text-align: right; }
    """

    def compose(self) -> ComposeResult:
        saved = self.context.load(self.block.id, ReflectionResponse)
        self._last_saved = saved.text if saved else ""
        #: What is in the box, kept here so a save (or a Not saved window) never needs
        #: the box itself, which may already be gone.
        self._text = self._last_saved
        self.saver = Saver(self, self._write, self._saved, self._unsaved)
        yield course_text(self.block.prompt)
        yield TextArea(
            saved.text if saved else "",
            soft_wrap=True,
            placeholder=self.block.hint or "Write here. It saves as you type.",
            id=f"reflection-{self.block.id}",
        )
        yield Static("Saved" if saved and saved.text else "", classes="save-status")

    @property
    def text(self) -> str:
        return self._text

    def _unsaved(self) -> str:
        prompt = self.block.prompt.strip().splitlines()
        return f"{prompt[0]}\n\n{self._text}" if prompt else self._text

    def _write(self) -> None:
        text = self.text
        if text != self._last_saved:
            self.context.save(self.block, ReflectionResponse(text=text))
            self._last_saved = text

    def _saved(self, ok: bool) -> None:
        for status in self.query(".save-status").results(Static):
            status.update("Saved" if ok else "Not saved yet: your text is still here")

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._text = event.text_area.text
        if self.text != self._last_saved:
            self.saver.touch()
            self.query_one(".save-status", Static).update("Saving…")

    def on_descendant_blur(self) -> None:
        self.saver.flush()

    def on_unmount(self) -> None:
        self.saver.release()
