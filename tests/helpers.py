"""Test helpers: read the screen as text, the way a user sees it."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from rich.console import Console
from textual.app import App

from ecouch_tui.session import SessionConfig
from ecouch_tui.store.db import Store


def enrol(config: SessionConfig, region: str = "AU") -> None:
    """Skip the first-run screen: a store already enrolled on the clock's day."""
    with Store.open(config.store_path, config.clock) as opened:
        opened.enrol(region)


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
