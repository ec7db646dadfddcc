"""Widget for `markdown` blocks: course text in one light widget, links shown not opened."""

from __future__ import annotations

from textual.app import ComposeResult

from ecouch_tui.content.blocks.markdown import MarkdownBlock
from ecouch_tui.ui.blocks.base import BlockView
from ecouch_tui.ui.widgets.course_text import course_text


class MarkdownView(BlockView):
    BLOCK = MarkdownBlock
    block: MarkdownBlock

    # The last paragraph's own bottom margin already separates it from the next block.
    DEFAULT_CSS = """
    MarkdownView { margin-bottom: 0; }
    """

    def compose(self) -> ComposeResult:
        yield course_text(self.block.text)
