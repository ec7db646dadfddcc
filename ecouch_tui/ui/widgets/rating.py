"""A rating from 0 to 10 (or 0 to 100): arrow keys step, digits type, the number is shown.

Used for mood, achievement and enjoyment, tension, and how strongly a feeling or a
thought is felt. A value outside the range is refused with a message, never stored.
Each arrow press moves one point, the first one too (from the empty bar, not the middle).
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widget import Widget


class Rating(Widget, can_focus=True):
    DEFAULT_CSS = """
    Rating { height: 1; width: 1fr; min-width: 20; }
    Rating:focus { background: $boost; }
    Rating:nocolor:focus { color: $background; background: $foreground; }
    Rating > .rating--bar { color: $accent; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,minus", "step(-1)", "Less", show=False),
        Binding("right,plus,equals_sign", "step(1)", "More", show=False),
        Binding("home", "set_to_end(False)", show=False),
        Binding("end", "set_to_end(True)", show=False),
        Binding("backspace,delete", "clear", "Clear", show=False),
    ]

    value: reactive[int | None] = reactive(None)

    class Changed(Message):
        def __init__(self, rating: Rating, value: int | None) -> None:
            super().__init__()
            self.rating = rating
            self.value = value

        @property
        def control(self) -> Rating:
            return self.rating

    def __init__(
        self,
        value: int | None = None,
        *,
        high: int = 10,
        step: int | None = None,
        low_words: str = "",
        high_words: str = "",
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.low, self.high = 0, high
        self.step_size = step or (1 if high <= 10 else 10)
        self.low_words, self.high_words = low_words, high_words
        self._typed = ""
        #: The value before the number being typed, restored if that number is refused.
        self._before_typing: int | None = value
        self._typing: Timer | None = None
        self.set_reactive(Rating.value, value)

    def render(self) -> Content:
        cells = 10
        filled = 0 if self.value is None else round(self.value / self.high * cells)
        bar = "▰" * filled + "▱" * (cells - filled)
        number = "—" if self.value is None else str(self.value)
        ends = f"  {self.low_words} ← → {self.high_words}" if self.low_words else ""
        hint = "  ← → or type a number" if self.value is None and self.has_focus else ends
        return Content.assemble((bar, "bold"), f" {number:>3}/{self.high}", (hint, "dim"))

    def watch_value(self, value: int | None) -> None:
        self.post_message(self.Changed(self, value))

    def action_step(self, direction: int) -> None:
        # One press, one point, from what is drawn: nothing chosen is an empty bar, the
        # bottom of the scale. So → fills one cell (1, or 10 of 100) and ← stays at the
        # bottom and chooses 0; it never jumps to the middle. Digits, Home and End jump.
        start = self.low if self.value is None else self.value
        self.value = max(self.low, min(self.high, start + direction * self.step_size))

    def action_set_to_end(self, top: bool) -> None:
        self.value = self.high if top else self.low

    def action_clear(self) -> None:
        self.value = None

    def on_key(self, event: events.Key) -> None:
        if event.character is None or not event.character.isdigit():
            return
        event.stop()
        if self._typing is not None:
            self._typing.stop()
        if not self._typed:
            self._before_typing = self.value
        self._typed += event.character
        number = int(self._typed)
        if number > self.high:
            self.app.bell()
            self.notify(
                f"Choose a number from {self.low} to {self.high}.",
                title=f"{number} is too high",
                severity="warning",
            )
            self._typed = ""
            # "1" then "1" meant eleven, not one: the refused number leaves no trace.
            self.value = self._before_typing
            return
        self.value = number
        # Two quick digits make one number ("1", "0" is ten); a pause starts afresh.
        self._typing = self.set_timer(0.8, self._forget_typing)

    def _forget_typing(self) -> None:
        self._typed = ""

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is not None and offset.x < 10:
            self.value = round((offset.x + 1) / 10 * self.high)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self._typed = ""
        self.refresh()
