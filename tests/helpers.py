"""Test helpers: read the screen as text, the way a user sees it."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any, TypeVar

import yaml
from rich.console import Console
from textual.app import App
from textual.command import CommandPalette
from textual.pilot import Pilot

from ecouch_tui.session import SessionConfig
from ecouch_tui.store.db import Store
from ecouch_tui.ui.blocks.base import SAVE_DELAY

#: Whether `pilot.pause()` (and so `pilot.press`) also waits for the app's pending saves
#: to land (tests/conftest.py); off inside `saves_may_wait()`.
WAIT_FOR_SAVES: ContextVar[bool] = ContextVar("WAIT_FOR_SAVES", default=True)


@contextmanager
def saves_may_wait() -> Iterator[None]:
    """Pauses stop waiting for saves: for a test whose saves wait on purpose (another
    process holds the store's lock) and that looks at the screen meanwhile."""
    token = WAIT_FOR_SAVES.set(False)
    try:
        yield
    finally:
        WAIT_FOR_SAVES.reset(token)


def enrol(config: SessionConfig, region: str = "AU") -> None:
    """Skip the first-run screen: a store already enrolled on the clock's day."""
    with Store.open(config.store_path, config.clock) as opened:
        opened.enrol(region)


def every_week_open(config: SessionConfig, course_dir: Path) -> SessionConfig:
    """`config` on the private course copy `course_dir`, every week open, enrolled."""
    config.modules_dir = course_dir
    config.policy = "open"
    enrol(config)
    return config


E = TypeVar("E")


def saved_entries(config: SessionConfig, kind: str, entry_type: type[E]) -> list[E]:
    """Every saved entry of an exercise `kind`, read back as `entry_type`."""
    with Store.open(config.store_path, config.clock) as store:
        return [entry.decode(entry_type) for entry in store.entries(kind=kind)]


def add_page(course_dir: Path, filename: str, page: dict[str, Any]) -> int:
    """Append a page to a module of a course copy; returns its page index."""
    path = course_dir / filename
    module = yaml.safe_load(path.read_text(encoding="utf-8"))
    module["pages"].append(page)
    path.write_text(yaml.safe_dump(module, sort_keys=False), encoding="utf-8")
    return len(module["pages"]) - 1


def screen_text(app: App) -> str:
    """Every character on screen now, modal backgrounds and toasts included."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system=None,
        record=True,
        legacy_windows=False,
    )
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    return console.export_text(styles=False)


def seen(app: App) -> str:
    """The screen as one line, box borders and input edges removed."""
    return squash(re.sub(r"[│▊▎▔▁╭╮╰╯─]", " ", screen_text(app)))


async def show(pilot: Pilot[None], selector: str) -> None:
    """Scroll the page to a part of a block, as the user would to read it."""
    pilot.app.clear_notifications()
    pilot.app.screen.query_one(selector).scroll_visible(animate=False, immediate=True)
    await pilot.pause()


async def focus(pilot: Pilot[None], selector: str) -> None:
    """Move focus as a click would, and scroll the page to it as Textual does then.

    Textual's own scroll after a focus waits for the next screen refresh and then
    animates, so a test that looked at once could see the page before or mid-scroll.
    This does the same scroll (to centre, if the widget is not all in view) at once."""
    screen = pilot.app.screen
    widget = screen.query_one(selector)
    widget.focus(scroll_visible=False)
    await pilot.pause()
    if not screen.can_view_entire(widget):
        screen.scroll_to_center(widget, animate=False, origin_visible=True, immediate=True)
    await pilot.pause()


async def past_autosave(pilot: Pilot[None]) -> None:
    """Wait out the quiet time after typing, then let the save it starts run (on a busy
    machine the timer can fall due in the same moment the test would look)."""
    await pilot.pause(SAVE_DELAY + 0.1)
    await pilot.pause()


async def palette(pilot: Pilot[None], phrase: str) -> None:
    """Open the command palette and type `phrase`; return once its search (a worker that
    shows hits in batches) has finished, so Enter picks the first hit of all of them."""
    app = pilot.app
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(app.screen, CommandPalette)
    await pilot.press(*phrase)
    await pilot.pause()
    deadline = time.monotonic() + 10
    group = CommandPalette._GATHER_COMMANDS_GROUP
    while any(w.group == group and not w.is_finished for w in app.workers):
        assert time.monotonic() < deadline, f"the palette is still searching for {phrase!r}"
        await pilot.pause(0.02)
    await pilot.pause()


def squash(text: str) -> str:
    """Collapse runs of spaces, so assertions do not depend on column alignment."""
    return " ".join(text.split())


def run_ecouch(
    *args: str,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    stdin: str | None = None,
    umask: int = -1,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    """`ecouch ARGS` in a child process, as a shell runs it: this environment plus `env`,
    output captured as text."""
    return subprocess.run(
        [sys.executable, "-m", "ecouch_tui", *args],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        umask=umask,
    )
