"""Widget for `reflection` blocks: a prompt and a text box saved as the user types."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Markdown, Static, TextArea

from ecouch_tui.content.blocks.reflection import ReflectionBlock, ReflectionResponse
from ecouch_tui.ui.blocks.base import BlockView, Saver


class ReflectionView(BlockView):
    block: ReflectionBlock

    DEFAULT_CSS = """
    ReflectionView > Markdown { margin: 0; }
    ReflectionView TextArea { height: auto; min-height: 5; max-height: 14; }
    ReflectionView .save-status { color: $text-muted; text-align: right; }
    """

    def compose(self) -> ComposeResult:
        saved = self.context.load(self.block.id, ReflectionResponse)
        self._last_saved = saved.text if saved else ""
        self.saver = Saver(self, self._write, self._saved)
        yield Markdown(self.block.prompt)
        yield TextArea(
            saved.text if saved else "",
            soft_wrap=True,
            placeholder=self.block.hint or "Write here. It saves as you type.",
            id=f"reflection-{self.block.id}",
        )
        yield Static("Saved" if saved and saved.text else "", classes="save-status")

    @property
    def text(self) -> str:
        return self.query_one(TextArea).text

    def _write(self) -> None:
        text = self.text
        if text != self._last_saved:
            self.context.save(self.block, ReflectionResponse(text=text))
            self._last_saved = text

    def _saved(self, ok: bool) -> None:
        status = self.query_one(".save-status", Static)
        status.update("Saved" if ok else "Not saved yet: your text is still here")

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if self.text != self._last_saved:
            self.saver.touch()
            self.query_one(".save-status", Static).update("Saving…")

    def on_descendant_blur(self) -> None:
        self.saver.flush()

    def on_unmount(self) -> None:
        self.saver.flush()
