"""`ecouch forget [--yes]`: delete all local ecouch data, after the user types "forget".

It deletes only what ecouch itself makes, by name, in the data folder in use:

    ecouch.sqlite3 and every file beside it named ecouch.sqlite3* (-wal, -shm, ...)
    backups/ecouch-*            copies taken before migrations and imports
    cache/course-*              the validated-content cache
    board.json, board-moderator.json   a peer board's sign-ins (the account stays on
                                the board's server: forget says so)
    backups/, cache/, and the data folder itself once they are empty

Safety rules, in order (each stops with nothing deleted):

- anything else in the folder (a file, a subfolder, a link — ecouch never makes links)
  means it may not be an ecouch data folder at all, say `--data-dir ~` by mistake: those
  things are listed and nothing is deleted, with or without `--yes`. `--yes` only skips
  the typed confirmation; it never widens what is deleted. The user moves the strangers
  out (or fixes the path) and runs forget again;
- without `--yes`, everything to be deleted is listed first, and only the word
  "forget" goes ahead; anything else, or end of input, cancels (exit 1).

Nothing is followed outside the folder: files are unlinked (never their link targets),
folders are removed with rmdir (never recursively), and a data folder that is itself a
link is emptied but left in place. Exports and reports the user saved elsewhere are not
touched, and the output says so.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from ecouch_tui.commands.common import fail
from ecouch_tui.paths import STORE_FILENAME

#: The subfolders ecouch makes, and the prefix of every file it puts in each.
SUBFOLDERS: dict[str, str] = {"backups": "ecouch-", "cache": "course-"}
#: The peer board's sign-ins (ecouch_tui/board/credentials.py): deleted with the rest,
#: and forget says the account itself stays on the board's server.
BOARD_FILES = frozenset({"board.json", "board-moderator.json"})
BOARD_LEFT = (
    "You were signed in to a peer board: its sign-in here is deleted, but your account "
    "stays on the board's server. To leave the board itself, run 'ecouch board leave' "
    "before 'ecouch forget' (or ask your programme to remove the account)."
)
#: Files a desktop may drop into any folder it shows; harmless to delete with the rest.
DESKTOP_LITTER = frozenset({".DS_Store"})
CONFIRMATION = "forget"
#: How many strangers to list before "... and N more".
SHOWN = 12
UNTOUCHED = "Exports and reports you saved elsewhere are not touched; delete those yourself."


class Plan(NamedTuple):
    """What forget would delete in a data folder, and what stops it."""

    files: list[Path]
    folders: list[Path]
    #: Things that are not ecouch's, relative to the data folder (forget refuses).
    strangers: list[str]


def survey(folder: Path) -> Plan:
    """Sort the folder's contents into ecouch's files (to delete) and strangers."""
    files: list[Path] = []  # the store first (the most private), then what is in folders
    inside: list[Path] = []
    folders: list[Path] = []
    strangers: list[str] = []
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        name = entry.name
        if entry.is_symlink():
            strangers.append(f"{name} (a link)")
        elif entry.is_file():
            if name.startswith(STORE_FILENAME) or name in DESKTOP_LITTER | BOARD_FILES:
                files.append(folder / name)
            else:
                strangers.append(name)
        elif entry.is_dir() and name in SUBFOLDERS:
            for inner in sorted(os.scandir(entry.path), key=lambda e: e.name):
                own = inner.name.startswith(SUBFOLDERS[name]) or inner.name in DESKTOP_LITTER
                if own and inner.is_file(follow_symlinks=False):
                    inside.append(folder / name / inner.name)
                elif inner.is_symlink():
                    strangers.append(f"{name}/{inner.name} (a link)")
                else:
                    kind = "/" if inner.is_dir(follow_symlinks=False) else ""
                    strangers.append(f"{name}/{inner.name}{kind}")
            folders.append(folder / name)
        else:
            strangers.append(f"{name}/" if entry.is_dir() else name)
    return Plan([*files, *inside], folders, strangers)


def run(args: argparse.Namespace) -> int:
    from ecouch_tui.paths import data_dir

    folder = data_dir(getattr(args, "data_dir", None))
    if not folder.exists():
        print(f"Nothing to forget: there is no ecouch data in {folder}.")
        return 0
    if not folder.is_dir():
        return fail(f"{folder} is not a folder, so it is not ecouch data. Nothing was deleted.")
    try:
        plan = survey(folder)
    except OSError as exc:
        return fail(f"could not look inside {folder}: {exc.strerror or exc}. Nothing was deleted.")
    if plan.strangers:
        listed = "".join(f"\n  {name}" for name in plan.strangers[:SHOWN])
        if len(plan.strangers) > SHOWN:
            listed += f"\n  ... and {len(plan.strangers) - SHOWN} more"
        return fail(
            f"{folder} holds things ecouch did not make, so it may not be your ecouch data "
            f"folder:{listed}\nNothing was deleted. If this is the right folder, move those "
            "elsewhere and run 'ecouch forget' again; if not, check --data-dir or "
            "ECOUCH_DATA_DIR."
        )
    if not plan.files and not plan.folders:
        print(f"Nothing to forget: there is no ecouch data in {folder}.")
        return 0
    on_board = any(path.name in BOARD_FILES for path in plan.files)
    if on_board:
        print(BOARD_LEFT)
    if not getattr(args, "yes", False) and not _confirmed(folder, plan):
        print("Cancelled; nothing was deleted.")
        return 1
    return _delete(folder, plan)


def _confirmed(folder: Path, plan: Plan) -> bool:
    print(f"This deletes all your ecouch data in {folder}:")
    for path in plan.files:
        print(f"  {path.relative_to(folder)}")
    for path in plan.folders:
        print(f"  {path.relative_to(folder)}/")
    print(UNTOUCHED)
    print("If ecouch is open, close it first.")
    try:
        answer = input(f'Type "{CONFIRMATION}" to delete it all, or anything else to cancel: ')
    except EOFError:
        print()
        return False
    return answer.strip().lower() == CONFIRMATION


def _delete(folder: Path, plan: Plan) -> int:
    """Unlink the files, then rmdir the emptied folders; say what went and what could not."""
    problems: list[str] = []

    def remove(path: Path, shown: str, action: Callable[[Path], None]) -> None:
        try:
            action(path)
        except FileNotFoundError:
            return  # gone already (SQLite removes -wal/-shm when the last copy closes)
        except OSError as exc:
            problems.append(f"could not remove {path}: {exc.strerror or exc}")
            return
        print(f"Removed {shown}")

    for path in plan.files:
        remove(path, str(path), os.unlink)
    for path in plan.folders:
        remove(path, f"{path}/", os.rmdir)
    if folder.is_symlink():
        print(f"Kept {folder}: it is a link to a folder elsewhere (now empty of ecouch data).")
    elif not any(folder.iterdir()):
        remove(folder, f"{folder}/ (the data folder)", os.rmdir)
    for problem in problems:
        print(f"ecouch: {problem}", file=sys.stderr)
    if problems:
        print("Some of your ecouch data could not be removed (see above).", file=sys.stderr)
        return 1
    print(f"Done: ecouch has forgotten everything it kept in {folder}. {UNTOUCHED}")
    return 0
