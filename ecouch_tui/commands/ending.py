"""Closing the app well when the terminal or the system ends it (SIGTERM, SIGHUP).

Python's default for both is to die at once: whatever was typed since the last save
was lost, and the demo's folder was left behind. With these handlers the app closes
as quitting does: it flushes what is typed, waits for the writer to put it on disk
(`EcouchApp.on_unmount`), and the demo removes its folder.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ecouch_tui.ui.app import EcouchApp


class Ending:
    """Holds the app once it exists, so a signal can ask it to close."""

    def __init__(self) -> None:
        self.app: EcouchApp | None = None
        self.asked = threading.Event()

    def stop(self, signum: int, _frame: Any) -> None:
        app = self.app
        if self.asked.is_set() or app is None or not app.is_running:
            raise SystemExit(128 + signum)  # unwinds through `finally`: the folder goes
        self.asked.set()
        threading.Thread(target=_ask_to_exit, args=(app, 128 + signum), daemon=True).start()


@contextmanager
def ending_gracefully() -> Iterator[Ending]:
    """SIGTERM and SIGHUP close the app as quitting does (what is typed is saved first).

    A handler runs on the app's own thread, between its steps; asking from a helper
    thread (`call_from_thread`) wakes the event loop and lets Textual restore the
    terminal. Before the app runs, or on a second signal, it exits at once.
    """
    ending = Ending()
    previous: dict[int, Any] = {}
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None:
            with suppress(ValueError):  # not the main thread: nothing to install
                previous[number] = signal.signal(number, ending.stop)
    try:
        yield ending
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _ask_to_exit(app: EcouchApp, code: int) -> None:
    with suppress(RuntimeError):  # it stopped meanwhile
        app.call_from_thread(app.exit, return_code=code)
