"""Full garbage collections while the user reads, not while a page is being built.

Each page turn leaves the old page's widgets as garbage in reference cycles, which
only a full collection frees. Left to Python, one came every five or six pages, in
the middle of building the next one, and took 30-200 ms (it frees some 35,000
objects): the slowest page turns were those. Once the first frame is up, the
automatic full collection is made rarer (`hold_off_full_collections`) and the module
player asks for one when it has left a page (`SettledCollector.page_left`); it runs
once the screen has had no layout for `SETTLED` seconds, after the new page's last
frame, while the user reads.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.timer import Timer
    from textual.widget import Widget

#: Second-generation collections between automatic full ones (Python's default: 10).
FULL_COLLECTION_EVERY = 100
#: No layout for this long: the page is complete.
SETTLED = 0.07


_holding = False


def hold_off_full_collections() -> None:
    """Keep Python's automatic full collection as a backstop only (`ecouch` itself; not
    in tests, which run many apps in one process and keep Python's default)."""
    global _holding
    threshold, middle, _ = gc.get_threshold()
    gc.set_threshold(threshold, middle, FULL_COLLECTION_EVERY)
    _holding = True


class SettledCollector:
    """Runs one full collection after the layouts of `screen` settle, when asked."""

    def __init__(self, screen: Screen[Any], owner: Widget) -> None:
        self._owner = owner
        self._due = False
        self._timer: Timer | None = None
        # Subscribed as `owner` (a widget living as long as the screen): the screen's
        # own subscription to its signal is its own.
        screen.screen_layout_refresh_signal.subscribe(owner, self._laid_out)

    def page_left(self) -> None:
        self._due = True
        self._laid_out()

    def _laid_out(self, _: object = None) -> None:
        if self._due:
            if self._timer is not None:
                self._timer.stop()
            self._timer = self._owner.set_timer(SETTLED, self._collect)

    def _collect(self) -> None:
        self._timer = None
        if self._due:
            self._due = False
            if _holding and gc.isenabled():
                gc.collect()
