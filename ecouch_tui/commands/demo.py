"""`ecouch demo`: the course with a lived-in sample history and every week open, for
clinicians showing it to a client or a class.

Everything lives in a new private temporary folder (0700) that is removed when the app
ends, however it ends: quitting, a crash, or the terminal or server ending it (SIGTERM,
SIGHUP). The user's data folder is never looked up (no platformdirs, no
ECOUCH_DATA_DIR), so nothing of theirs can be read or changed. A folder left by a demo
that was killed outright (SIGKILL) is swept up by the next one.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ecouch_tui.clock import Clock
    from ecouch_tui.session import SessionConfig

#: Demo folders are named so in the system's temporary folder.
PREFIX = "ecouch-demo-"
#: Inside each: the id of the process using it, so a stale one can be told apart.
MARKER = "demo.pid"
#: Language-territory codes whose crisis lines ecouch has, for the sample enrolment.
_TERRITORIES = {"AU": "AU", "NZ": "NZ", "GB": "UK", "UK": "UK", "IE": "IE", "US": "US", "CA": "CA"}


def make_demo(
    folder: Path,
    *,
    modules_dir: Path | None = None,
    clock: Clock | None = None,
    seed: int | None = None,
    region: str | None = None,
) -> SessionConfig:
    """Write a sample history into `folder` and return the demo session to open on it.

    Used by `ecouch demo` and by the tests (which pass a FixedClock). The caller owns
    `folder` and removes it; the content cache is written inside it, too.
    """
    from ecouch_tui.clock import SystemClock
    from ecouch_tui.content.cache import load_course_cached
    from ecouch_tui.demo.history import DEFAULT_SEED, generate
    from ecouch_tui.demo.writer import write_history
    from ecouch_tui.paths import bundled_modules_dir
    from ecouch_tui.session import SessionConfig

    config = SessionConfig(
        data_dir=folder,
        modules_dir=modules_dir or bundled_modules_dir(),
        clock=clock or SystemClock(),
        policy="open",
        mode="demo",
    )
    course = load_course_cached(config.modules_dir, folder / "cache")
    history = generate(
        course,
        config.clock.today(),
        seed=DEFAULT_SEED if seed is None else seed,
        region=region or region_from_locale(),
    )
    write_history(config.store_path, history)
    return config


def region_from_locale(environ: Mapping[str, str] | None = None) -> str:
    """The crisis-line region the locale suggests (en_AU -> AU), else "other".

    A demo has no first run to ask; F1 should still show lines that fit the room, and
    "other" (an international directory) is never wrong. The About screen (?) changes it.
    """
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            territory = value.split(".")[0].split("@")[0].partition("_")[2].upper()
            return _TERRITORIES.get(territory, "other")
    return "other"


# -- the throwaway folder ------------------------------------------------------------------


@contextmanager
def throwaway_folder() -> Iterator[Path]:
    """A new 0700 folder in the system's temporary folder, removed on the way out."""
    sweep_stale()
    folder = Path(tempfile.mkdtemp(prefix=PREFIX))  # mkdtemp makes it 0700
    try:
        from ecouch_tui.commands.output import write_private_file

        # 0600 like everything ecouch writes, whatever the umask (only a process id).
        write_private_file(folder / MARKER, str(os.getpid()).encode("ascii"))
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def sweep_stale(parent: Path | None = None) -> list[Path]:
    """Remove this user's demo folders whose process has gone (killed without cleaning up).

    Only folders with our prefix and marker, owned by this user, whose process is not
    running: a demo starting or running now is never touched.
    """
    getuid = getattr(os, "getuid", None)
    if getuid is None:
        return []  # no owners or process ids to check against: leave everything
    removed: list[Path] = []
    for folder in Path(parent or tempfile.gettempdir()).glob(f"{PREFIX}*"):
        try:
            if not folder.is_dir() or folder.is_symlink() or folder.stat().st_uid != getuid():
                continue
            pid = int((folder / MARKER).read_text(encoding="ascii").strip())
        except (OSError, ValueError):
            continue
        if pid == os.getpid() or _alive(pid):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, but is not ours to signal
    return True


# -- the command ---------------------------------------------------------------------------


def run(args: argparse.Namespace) -> int:
    from ecouch_tui.paths import modules_dir
    from ecouch_tui.store.errors import StoreError

    if getattr(args, "data_dir", None):
        print(
            "ecouch: demo uses throwaway sample data, never a data folder; leave out --data-dir.",
            file=sys.stderr,
        )
        return 1
    from ecouch_tui.commands.ending import ending_gracefully

    with ending_gracefully() as ending, throwaway_folder() as folder:
        try:
            config = make_demo(folder, modules_dir=modules_dir(getattr(args, "modules", None)))
        except StoreError as exc:
            print(f"ecouch: the demo could not be set up: {exc}", file=sys.stderr)
            return 1
        from ecouch_tui.ui.app import EcouchApp

        ending.app = EcouchApp(config)
        ending.app.run()
        return ending.app.return_code or 0
