"""Widget for `get_help` blocks: crisis help, one button (or F1) away."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Button

from ecouch_tui.content.blocks.get_help import GetHelpBlock
from ecouch_tui.ui.blocks.base import BlockView
from ecouch_tui.ui.widgets.course_text import course_text

DEFAULT = (
    "If you feel unsafe, or might act on thoughts of harming yourself, please talk to "
    "someone now. Press **F1** on any screen for crisis lines in your region."
)


class GetHelpView(BlockView):
    BLOCK = GetHelpBlock
    block: GetHelpBlock

    DEFAULT_CSS = """
    GetHelpView { border: heavy $error; padding: 0 1; height: auto; }
    GetHelpView Markdown, GetHelpView CourseText { margin: 0; padding: 0; }
    GetHelpView Button { margin-top: 1; }
    """

    def compose(self) -> ComposeResult:
        self.border_title = "Get help now"
        yield course_text(self.block.text or DEFAULT)
        yield Button("Get help now (F1)", id="get-help", variant="error", compact=True)

    @on(Button.Pressed, "#get-help")
    def _help(self, event: Button.Pressed) -> None:
        event.stop()
        self.ecouch.action_get_help()
