"""Radio buttons and checkboxes whose state is a mark, not only a colour.

Textual draws the same glyph for on and off and tells them apart by colour, which is
lost with NO_COLOR, on monochrome terminals and to many colour-blind users. These
show the mark only when chosen.

They are also made cheaply: Textual's `compact=True` and `value=True` set a reactive
that toggles a CSS class, and a class change restyles the widget at once, though it
is not mounted yet and is styled again when it is (a quiz page made ~25 such restyles,
some 40 ms). `compact()` and these `__init__`s set the same reactive and class without
that restyle, through Textual's public `set_reactive` and `add_class(update=False)`.
"""

from __future__ import annotations

from typing import TypeVar

from textual.content import Content, ContentText
from textual.widgets import Button, Checkbox, RadioButton, RadioSet

Compactable = TypeVar("Compactable", Button, RadioSet, RadioButton, Checkbox)


def compact(widget: Compactable) -> Compactable:
    """`widget` in Textual's compact style, as `compact=True` makes it (not yet mounted)."""
    widget.set_reactive(type(widget).compact, True)
    widget.add_class("-textual-compact", update=False)
    return widget


def _start_on(button: RadioButton | Checkbox, value: bool) -> None:
    """Set a new button's value as its `__init__` would (the reactive, and the `-on`
    class Textual's CSS styles it by), without a restyle or a Changed."""
    if value:
        button.set_reactive(type(button).value, True)
        button.add_class("-on", update=False)


def _literal(label: ContentText) -> ContentText:
    """A string label as written: Textual reads a str label as markup, and these labels
    are course text (quiz answers, region names) that may hold "[" or "[/b]"."""
    return Content(label) if isinstance(label, str) else label


class MarkedRadioButton(RadioButton):
    def __init__(self, label: ContentText = "", value: bool = False, **options: object) -> None:
        super().__init__(_literal(label), False, **options)  # type: ignore[arg-type]
        _start_on(self, value)

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "●" if self.value else " "
        return super()._button


class MarkedCheckbox(Checkbox):
    def __init__(self, label: ContentText = "", value: bool = False, **options: object) -> None:
        super().__init__(_literal(label), False, **options)  # type: ignore[arg-type]
        _start_on(self, value)

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "✓" if self.value else " "
        return super()._button
