"""`ecouch export [--format json|csv] [-o PATH]`: everything the user wrote, to keep or share.

JSON goes to standard output or to one file; CSV to a folder with one file per list.
Every file is 0600 and every folder this creates is 0700: an export holds the most
private things a person can write, so it is never readable by others, even briefly.
An existing file is replaced only with `--force`, and never a link, device or pipe
(`commands/output.py`).
Reads the store only (not the course) and never imports Textual.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ecouch_tui.commands.common import fail, store_problem

if TYPE_CHECKING:
    from ecouch_tui.store.export import ExportDocument


def run(args: argparse.Namespace) -> int:
    from ecouch_tui.session import session_config
    from ecouch_tui.store.db import Store
    from ecouch_tui.store.errors import StoreError
    from ecouch_tui.store.export import build_export

    config = session_config(args)
    if not config.store_path.exists():
        # Opening would create an empty store: say so instead of leaving a file behind.
        return fail(
            f"there is no ecouch data in {config.data_dir} yet, so there is nothing to export."
        )
    try:
        with Store.open(config.store_path, config.clock) as store:
            document = build_export(store)
    except StoreError as exc:
        return fail(f"{store_problem(exc)} Nothing was exported.")
    output: str | None = getattr(args, "output", None)
    force = bool(getattr(args, "force", False))
    if getattr(args, "format", "json") == "csv":
        target = Path(output).expanduser() if output else None
        return write_csv(document, target, config.clock.today(), force=force)
    if output in (None, "-"):
        return write_json(document, None)
    from ecouch_tui.commands.output import names_folder

    path = Path(str(output)).expanduser()
    return write_json(document, path, force=force, folder_named=names_folder(str(output)))


def summary(document: ExportDocument) -> str:
    """'3 entries, 12 days of mood, 2 check-ins' — what the user is about to share."""

    def count(n: int, word: str, many: str) -> str:
        return f"{n} {word if n == 1 else many}"

    return ", ".join(
        (
            count(len(document.entries), "entry", "entries"),
            count(len(document.mood), "day of mood", "days of mood"),
            count(len(document.checkins), "check-in", "check-ins"),
        )
    )


def write_json(
    document: ExportDocument, path: Path | None, *, force: bool = False, folder_named: bool = False
) -> int:
    """To standard output (path None), or to a new 0600 file (an existing one only with
    `force`). `folder_named`: the user's name ended in `/`, so it is a folder, not a file."""
    from ecouch_tui.commands.output import OutputRefused, refusal, write_private_file
    from ecouch_tui.store.export import to_json

    data = to_json(document)
    if path is None:
        from ecouch_tui.commands.terminal_guard import write_data

        write_data(data)  # exact into a file or pipe; at a terminal, nothing it obeys
        return 0
    if path.is_dir() or folder_named:
        what = (
            "is a folder" if path.is_dir() else "names a folder (it ends in /) that does not exist"
        )
        return fail(
            f"{path}/ {what}; give a file name, e.g. {path / 'ecouch-export.json'}. "
            "Nothing was written."
        )
    problem = refusal(path, replace=force)
    if problem:
        return fail(problem)
    try:
        write_private_file(path, data, replace=force)
    except OutputRefused as exc:
        return fail(str(exc))
    except OSError as exc:
        return fail(f"could not write {path}: {exc.strerror or exc}. Nothing was exported.")
    print(f"Exported {summary(document)} to {path} (readable only by you).", file=sys.stderr)
    return 0


def write_csv(
    document: ExportDocument, folder: Path | None, today: date, *, force: bool = False
) -> int:
    """One CSV per list into `folder` (default: a new ecouch-export-YYYYMMDD here). In a
    folder that exists, CSV files already there are replaced only with `force`."""
    from ecouch_tui.commands import output
    from ecouch_tui.store.export import csv_tables

    if folder is None:
        folder = output.fresh_dir_name(Path.cwd(), f"ecouch-export-{today:%Y%m%d}")
    if folder.is_symlink():
        return fail(output.refusal(folder) or f"{folder} is a link.")
    if folder.exists() and not folder.is_dir():
        return fail(f"{folder} is a file; a CSV export needs a folder name. Nothing was written.")
    tables = {folder / f"{name}.csv": text for name, text in csv_tables(document).items()}
    if folder.is_dir():
        problem = next(filter(None, (output.refusal(t, replace=force) for t in tables)), None)
        if problem:
            return fail(problem)
    try:
        if not folder.exists():
            if not folder.parent.is_dir():
                return fail(output.missing_folder(folder.parent))
            output.make_private_dir(folder)
        for target, text in tables.items():
            output.write_private_file(target, text.encode("utf-8"), replace=force)
    except output.OutputRefused as exc:
        return fail(str(exc))
    except OSError as exc:
        return fail(f"could not write to {folder}: {exc.strerror or exc}.")
    print(
        f"Exported {summary(document)} to {folder}{'/' if not str(folder).endswith('/') else ''}"
        " as CSV files (readable only by you).",
        file=sys.stderr,
    )
    return 0
