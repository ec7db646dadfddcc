"""Widget for `markdown` blocks: Textual's Markdown, links shown rather than opened."""

from __future__ import annotations

from textual.app import ComposeResult

from ecouch_tui.content.blocks.markdown import MarkdownBlock
from ecouch_tui.ui.blocks.base import BlockView
from ecouch_tui.ui.widgets.course_markdown import CourseMarkdown


class MarkdownView(BlockView):
    block: MarkdownBlock

    # The last paragraph's own bottom margin already separates it from the next block.
    DEFAULT_CSS = """
    MarkdownView { margin-bottom: 0; }
    """

    def compose(self) -> ComposeResult:
        yield CourseMarkdown(self.block.text)
