"""Radio buttons and checkboxes whose state is a mark, not only a colour.

Textual draws the same glyph for on and off and tells them apart by colour, which is
lost with NO_COLOR, on monochrome terminals and to many colour-blind users. These
show the mark only when chosen.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox, RadioButton


class MarkedRadioButton(RadioButton):
    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "●" if self.value else " "
        return super()._button


class MarkedCheckbox(Checkbox):
    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "✓" if self.value else " "
        return super()._button
