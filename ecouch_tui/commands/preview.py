"""`ecouch preview FILE`: open one module file for its author, reloading on every save.

Whatever the author types into the module's exercises goes to a throwaway store in a
new private (0700) temporary folder, removed when the preview ends: never the user's
data folder, whatever --data-dir or ECOUCH_DATA_DIR say, and no content cache.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from ecouch_tui.commands.common import fail

if TYPE_CHECKING:
    from textual.app import App

    from ecouch_tui.session import SessionConfig

USAGE = 2

#: Files in a course folder that are not modules, and what to do with them instead.
NOT_MODULES = {
    "course.yaml": "course.yaml is the course manifest, not a module; check it with "
    "'ecouch validate'",
    "crisis_lines.yaml": "crisis_lines.yaml holds crisis lines, not a module; press F1 in "
    "the app to see them, and check them with 'ecouch validate'",
}


def preview_config(file: Path, data_dir: Path) -> SessionConfig:
    """The preview's session: `file` alone, every page open, the store in `data_dir`."""
    from ecouch_tui.clock import SystemClock
    from ecouch_tui.session import SessionConfig

    return SessionConfig(
        data_dir=data_dir,
        modules_dir=file.parent,
        clock=SystemClock(),
        policy="open",
        mode="preview",
        use_cache=False,
        preview_file=file,
    )


def run(args: argparse.Namespace) -> int:
    file = Path(args.file).expanduser()
    if file.name in NOT_MODULES:
        return fail(NOT_MODULES[file.name], USAGE)
    if file.parent.name == "questionnaires":
        message = f"{file} is a questionnaire, not a module; check it with 'ecouch validate'"
        return fail(message, USAGE)
    if not file.is_file():
        return fail(f"{file} {_why_not(file)}: give a module file, e.g. modules/01-welcome.yaml")
    scratch = Path(tempfile.mkdtemp(prefix="ecouch-preview-"))  # created 0700
    try:
        from ecouch_tui.ui.app import EcouchApp

        app = EcouchApp(preview_config(file.resolve(), scratch))
        with _exit_on_hangup(app, scratch):
            app.run()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return app.return_code or 0


def _why_not(file: Path) -> str:
    """Why `file`, which is not a regular file, cannot be previewed (a FIFO or a device
    would block or never end; the loader refuses them too)."""
    if file.is_dir():
        return "is a folder"
    if not file.exists():
        return "does not exist"
    return "is not a regular file (a named pipe, a device or a socket)"


@contextmanager
def _exit_on_hangup(app: App[None], scratch: Path) -> Iterator[None]:
    """Closing the terminal (SIGHUP) or `kill` (SIGTERM) ends the preview like Ctrl+Q,
    so the throwaway store is still removed (the default action would skip `finally`)."""
    import asyncio
    import signal

    def ask_to_exit(signum: int, frame: object) -> None:
        shutil.rmtree(scratch, ignore_errors=True)  # first: the one thing that must not stay
        loop = asyncio.get_event_loop_policy().get_event_loop()
        loop.call_soon_threadsafe(app.exit)

    wanted = [signal.SIGTERM, *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])]
    previous = {sig: signal.signal(sig, ask_to_exit) for sig in wanted}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
