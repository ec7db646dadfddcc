"""`ecouch export [--format json|csv] [-o PATH]`: everything the user wrote, to keep or share.

JSON goes to standard output or to one file; CSV to a folder with one file per list.
Every file is 0600 and every folder this creates is 0700: an export holds the most
private things a person can write, so it is never readable by others, even briefly.
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
    if getattr(args, "format", "json") == "csv":
        target = Path(output).expanduser() if output else None
        return write_csv(document, target, config.clock.today())
    return write_json(document, None if output in (None, "-") else Path(str(output)).expanduser())


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


def write_json(document: ExportDocument, path: Path | None) -> int:
    """To standard output (path None), or to a 0600 file."""
    from ecouch_tui.commands.output import write_private_file
    from ecouch_tui.store.export import to_json

    data = to_json(document)
    if path is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return 0
    if path.is_dir():
        return fail(f"{path} is a folder; give a file name, e.g. {path / 'ecouch-export.json'}")
    if not path.parent.is_dir():
        return fail(f"the folder {path.parent} does not exist; create it or choose another.")
    try:
        write_private_file(path, data)
    except OSError as exc:
        return fail(f"could not write {path}: {exc.strerror or exc}. Nothing was exported.")
    print(f"Exported {summary(document)} to {path} (readable only by you).", file=sys.stderr)
    return 0


def write_csv(document: ExportDocument, folder: Path | None, today: date) -> int:
    """One CSV per list into `folder` (default: a new ecouch-export-YYYYMMDD here)."""
    from ecouch_tui.commands.output import fresh_dir_name, make_private_dir, write_private_file
    from ecouch_tui.store.export import csv_tables

    if folder is None:
        folder = fresh_dir_name(Path.cwd(), f"ecouch-export-{today:%Y%m%d}")
    if folder.exists() and not folder.is_dir():
        return fail(f"{folder} is a file; a CSV export needs a folder name.")
    try:
        if not folder.exists():
            if not folder.parent.is_dir():
                return fail(f"the folder {folder.parent} does not exist; create it first.")
            make_private_dir(folder)
        for name, text in csv_tables(document).items():
            write_private_file(folder / f"{name}.csv", text.encode("utf-8"))
    except OSError as exc:
        return fail(f"could not write to {folder}: {exc.strerror or exc}.")
    print(
        f"Exported {summary(document)} to {folder}{'/' if not str(folder).endswith('/') else ''}"
        " as CSV files (readable only by you).",
        file=sys.stderr,
    )
    return 0
