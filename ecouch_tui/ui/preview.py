"""`ecouch preview FILE`: one module, every page open, reloaded within a second of a save.

The app calls `start_preview` instead of its usual start (see `EcouchApp.on_mount`):
no first-run screen, no home, a throwaway store made by the command. The file is
watched by polling its size and modification time a few times a second: no extra
dependency, and it works with every editor and filesystem, including the ones that
save by writing a new file and renaming it over the old.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ecouch_tui.ui.app import EcouchApp

#: How often the file is looked at. A save shows after one to two polls (see FileWatch).
POLL_SECONDS = 0.25

Signature = tuple[int, int, int] | None
_NOTHING_YET: Signature = (-1, -1, -1)


def signature(path: Path) -> Signature:
    """What changes when a file is saved: modification time, size and inode (None: gone)."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size, info.st_ino


class FileWatch:
    """Notices a saved file, once the change has held still for one poll.

    An editor that truncates and rewrites, or renames the old file away before writing
    the new one, can be caught half-way; waiting for two equal looks means the
    half-written file is (almost always) never shown as broken.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.loaded: Signature = signature(path)
        self._seen: Signature = _NOTHING_YET

    def changed(self) -> bool:
        """Look once; True when a change has settled and should be loaded now."""
        now = signature(self.path)
        if now == self.loaded:
            self._seen = _NOTHING_YET
            return False
        if now != self._seen:
            self._seen = now
            return False
        self.loaded, self._seen = now, _NOTHING_YET
        return True

    def mark_loaded(self) -> None:
        """The file was just loaded (a manual reload): its current state is the baseline."""
        self.loaded, self._seen = signature(self.path), _NOTHING_YET


def start_preview(app: EcouchApp) -> None:
    """Open the preview session and show the module (or why it cannot be shown)."""
    from ecouch_tui.session import open_session
    from ecouch_tui.store.errors import StoreError
    from ecouch_tui.ui.screens.preview import PreviewScreen

    path = app.config.preview_file
    assert path is not None, "preview mode needs SessionConfig.preview_file"
    try:
        session = open_session(app.config)
    except StoreError as exc:
        from ecouch_tui.ui.screens.store_problem import StoreProblemScreen

        app.push_screen(StoreProblemScreen(exc))
        return
    # The app's usual start sets its session the same way; preview replaces that start.
    app._session = session
    app.sub_title = f"PREVIEW · {path.name} · reloads on save"
    app.push_screen(PreviewScreen(path))
