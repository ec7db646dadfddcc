"""Widget for `callout` blocks: a bordered box titled Tip, Note or Take care."""

from __future__ import annotations

from textual.app import ComposeResult

from ecouch_tui.content.blocks.callout import CalloutBlock
from ecouch_tui.ui.blocks.base import BlockView
from ecouch_tui.ui.widgets.course_text import course_text

TITLES = {"tip": "Tip", "note": "Note", "warning": "Take care"}


class CalloutView(BlockView):
    BLOCK = CalloutBlock
    block: CalloutBlock

    DEFAULT_CSS = """
    CalloutView {
        border: round $primary;
        padding: 1 1 0 1;
        border-title-style: bold;
    }
    CalloutView.-tip { border: round $success; border-title-color: $text-success; }
    CalloutView.-warning { border: heavy $warning; border-title-color: $text-warning; }
    CalloutView Markdown, CalloutView CourseText {
        margin: 0; padding: 0; background: transparent;
    }
    """

    def on_mount(self) -> None:
        self.add_class(f"-{self.block.style}")
        kind = TITLES[self.block.style]
        # The kind is a word as well as a colour, so it survives NO_COLOR.
        self.border_title = f"{kind}: {self.block.title}" if self.block.title else kind

    def compose(self) -> ComposeResult:
        yield course_text(self.block.text)
