"""Child process for the start-up benchmark: start an app headless, exit once painted.

`python _start_child.py empty` starts a Textual app with one Label; `python
_start_child.py ecouch` runs the `ecouch` command's entry point. Either exits right
after its first screen (ecouch: the home screen) has been painted. Both run headless.
"""

from __future__ import annotations

import sys


def exit_after_paint(widget) -> None:  # type: ignore[no-untyped-def]
    widget.call_after_refresh(widget.app.exit)


def main() -> None:
    which = sys.argv[1]
    if which == "empty":
        from textual.app import App, ComposeResult
        from textual.widgets import Label

        class Empty(App[None]):
            def compose(self) -> ComposeResult:
                yield Label("hello")

            def on_mount(self) -> None:
                exit_after_paint(self.screen)

        Empty().run(headless=True)
        return

    # The real entry point, as a user types `ecouch`, with the data folder found by
    # platformdirs (XDG_DATA_HOME is set by the parent to a prepared folder).
    from ecouch_tui.cli import main as ecouch
    from ecouch_tui.ui.app import EcouchApp
    from ecouch_tui.ui.screens.home import HomeScreen

    run = EcouchApp.run

    def headless_run(self: EcouchApp, **options: object) -> object:
        return run(self, **{**options, "headless": True})  # type: ignore[arg-type]

    EcouchApp.run = headless_run  # type: ignore[method-assign]

    original = HomeScreen.on_mount

    def on_mount(self: HomeScreen) -> None:
        original(self)
        exit_after_paint(self)

    HomeScreen.on_mount = on_mount  # type: ignore[method-assign]
    ecouch([])


if __name__ == "__main__":
    main()
