"""The footer every ecouch screen shows, drawn once per change of keys.

"Get help now" (F1) leads it because every screen declares it first (`ui/keys.py`):
Textual's Footer lists keys in the order they are declared.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class EcouchFooter(Footer):
    """A Footer rebuilt only when the keys it shows change.

    Textual's Footer starts empty and rebuilds itself (every key a new widget, each one
    restyled) on each bindings signal: focus, the screen stack, the app's focus. A screen
    opening sends three or four in a row with the same keys (~6 ms each on the Mood
    screen). This one shows its keys from the start and skips rebuilds that would draw
    the same keys again.
    """

    _shown: tuple[object, ...] | None = None

    def compose(self) -> ComposeResult:
        self._bindings_ready = True
        self._shown = self._keys()
        # Get help now first, always: a priority key of the screen (the check-in's ← and
        # →, bound by its answer list too) would otherwise take the first place.
        keys = list(super().compose())
        first = [k for k in keys if isinstance(k, FooterKey) and k.action.endswith("get_help")]
        yield from first[:1]
        yield from (k for k in keys if k not in first[:1])

    def _keys(self) -> tuple[object, ...]:
        """What the footer is drawn from: the bindings shown (and the command palette's),
        each with whether it is enabled and its tooltip."""
        active = self.screen.active_bindings
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        return (
            self.compact,
            self.show_command_palette,
            palette[1:] if palette else None,
            *(entry[1:] for entry in active.values() if entry.binding.show),
        )

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        if self.is_attached and self._keys() != self._shown:
            await self.recompose()
