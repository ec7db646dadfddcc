"""Shown instead of the course when the store cannot be opened (or was deleted while
open, by `ecouch forget`); nothing is changed here.

A damaged file can be set aside so the user can start fresh: it is renamed beside the
new store (`ecouch.sqlite3.damaged-<date>-<time>`), never deleted or overwritten, and
the new name is shown on the button before it is pressed. A folder that refuses writes
(read-only, full) can be tried again once fixed. F1 works here as everywhere.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalGroup, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header, Static

from ecouch_tui.store.errors import (
    StoreCorrupt,
    StoreError,
    StoreGone,
    StoreTooNew,
    StoreUnwritable,
)
from ecouch_tui.ui.access import AppAccess
from ecouch_tui.ui.keys import GET_HELP_KEY
from ecouch_tui.ui.widgets.footer import EcouchFooter


class StoreProblemScreen(AppAccess, Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [GET_HELP_KEY]

    DEFAULT_CSS = """
    StoreProblemScreen VerticalScroll { padding: 1 2; }
    StoreProblemScreen #problem, StoreProblemScreen #reassure { margin-bottom: 1; }
    StoreProblemScreen #choices { height: auto; }
    StoreProblemScreen #choices Button { margin-bottom: 1; }
    StoreProblemScreen #fresh { height: auto; min-height: 3; max-width: 100%; }
    """

    def __init__(self, error: StoreError) -> None:
        super().__init__()
        self.error = error
        #: What the damaged file will be renamed, as the Start fresh button says.
        self._kept: str | None = None

    def compose(self) -> ComposeResult:
        error = self.error
        yield Header(icon="≡")
        with VerticalScroll():
            if isinstance(error, StoreCorrupt):
                title = "ecouch cannot open your data: the file is damaged"
                reassure = (
                    "Your file has not been changed or deleted. If you start fresh, it "
                    "is kept beside the new one under the name on the button, so it can still "
                    "be recovered later (sqlite3's .recover command can often rescue most of "
                    "it)." + self._backups_note()
                )
            elif isinstance(error, StoreGone):
                title = "Your ecouch data was deleted while ecouch was open"
                reassure = (
                    "Nothing more is saved from here on. If you typed anything that was "
                    "not saved, it is shown when you quit, so you can copy it."
                )
            elif isinstance(error, StoreTooNew):
                title = "ecouch cannot open your data"
                reassure = "Your file has not been changed. Update ecouch to open it."
            else:
                title = "ecouch cannot open your data"
                reassure = "Your file has not been changed or deleted."
            yield Static(f"[b]{title}[/b]", id="title")
            yield Static(str(error), id="problem", markup=False)
            yield Static(
                reassure + " Press F1 for crisis lines at any time.", id="reassure", markup=False
            )
            with VerticalGroup(id="choices"):
                if isinstance(error, StoreCorrupt):
                    from ecouch_tui.store.db import damaged_name

                    # The name shown is the name used (unless another file takes it first).
                    kept = self._kept = damaged_name(error.path, self.ecouch.config.clock).name
                    yield Button(
                        f"Start fresh\n(your damaged file is kept as {kept})",
                        id="fresh",
                        variant="warning",
                    )
                elif isinstance(error, StoreUnwritable):
                    yield Button("Try again", id="again")
                yield Button("Quit", id="quit", variant="primary")
        yield EcouchFooter()

    def _backups_note(self) -> str:
        folder = self.error.path.parent / "backups"
        try:
            found = any(folder.glob("*.sqlite3"))
        except OSError:
            found = False
        if not found:
            return ""
        return f" Copies ecouch made before updates and imports are in {folder}."

    @on(Button.Pressed, "#fresh")
    def _fresh(self) -> None:
        try:
            kept = self.ecouch.start_fresh(self._kept)
        except StoreError as exc:
            self.notify(
                str(exc), title="Could not start fresh", severity="error", markup=False, timeout=15
            )
            return
        self.app.notify(
            f"Your damaged file is kept as {kept}.",
            title="Started fresh",
            markup=False,
            timeout=20,
        )

    @on(Button.Pressed, "#again")
    def _again(self) -> None:
        self.ecouch.try_again()

    @on(Button.Pressed, "#quit")
    async def _quit(self) -> None:
        if isinstance(self.error, StoreGone):
            await self.ecouch.action_quit()  # shows what was typed and not saved, first
        else:
            self.app.exit()
