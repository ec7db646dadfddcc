"""`ecouch import FILE`: read an `ecouch export` JSON file back into the store in use.

The file is read and checked whole before the store is even opened, so a newer,
malformed or foreign file is refused with nothing written (and no empty store left
behind). Then everything goes in as one transaction, timestamps and uids exactly as
exported; what the store already has is skipped and counted, never overwritten (the
rules are in `store.importer`). When the store already held data, a backup copy is
taken first, so an import of the wrong file can be undone. No Textual, no course.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ecouch_tui.commands.common import fail, store_problem

if TYPE_CHECKING:
    from ecouch_tui.store.export import ExportDocument
    from ecouch_tui.store.importer import ImportCounts

#: How each kind is counted in the summary: (one, many, why a duplicate was skipped).
_WORDS: dict[str, tuple[str, str, str]] = {
    "enrolment": ("your start date", "your start date", "start date already set"),
    "settings": ("1 setting", "{n} settings", "already set"),
    "progress": (
        "progress in 1 module",
        "progress in {n} modules",
        "already started here",
    ),
    "mood": ("1 day of mood", "{n} days of mood", "already logged"),
    "checkins": ("1 check-in", "{n} check-ins", ""),
    "entries": ("1 entry", "{n} entries", ""),
    "safety_events": ("1 safety screen shown", "{n} safety screens shown", ""),
}

#: The order things are listed in the summary: what people look for first.
_ORDER = ("entries", "mood", "checkins", "progress", "safety_events", "settings", "enrolment")


def run(args: argparse.Namespace) -> int:
    source = str(args.file)
    document = read_export(source)
    if isinstance(document, str):
        return fail(document)

    from ecouch_tui.session import session_config
    from ecouch_tui.store.db import Store
    from ecouch_tui.store.errors import StoreError
    from ecouch_tui.store.importer import has_user_data, import_document

    if _is_empty(document):
        print(f"Nothing to import: {source} holds no data.")
        return 0
    config = session_config(args)
    backup: Path | None = None
    try:
        with Store.open(config.store_path, config.clock) as store:
            if has_user_data(store):
                backup = store.backup(reason="before-import")
            counts = import_document(store, document)
    except StoreError as exc:
        return fail(f"{store_problem(exc)} Nothing was imported.")
    print(summary(counts))
    if backup is not None and counts.total_imported:
        print(f"A copy of your data from before the import is in {backup}.")
    return 0


def read_export(source: str) -> ExportDocument | str:
    """The export in `source` (a path, or '-' for standard input), or why it can't be read."""
    import msgspec

    from ecouch_tui.store.export import FORMAT_VERSION, from_json, peek_format_version
    from ecouch_tui.store.importer import InvalidExport, check_document

    try:
        data = sys.stdin.buffer.read() if source == "-" else Path(source).expanduser().read_bytes()
    except FileNotFoundError:
        return f"{source} does not exist. Nothing was imported."
    except IsADirectoryError:
        return (
            f"{source} is a folder; give the JSON file written by 'ecouch export' "
            "(CSV exports cannot be imported). Nothing was imported."
        )
    except OSError as exc:
        return f"could not read {source}: {exc.strerror or exc}. Nothing was imported."
    # A byte-order mark, as some editors on Windows add in front of UTF-8: not part of it.
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        version = peek_format_version(data)
        if version is None:
            msgspec.json.decode(data)
    except msgspec.DecodeError as exc:
        return f"{source} is damaged or not JSON ({exc}). Nothing was imported."
    except RecursionError:
        return f"{source} is nested too deeply to be an ecouch export. Nothing was imported."
    if version is None:
        return (
            f"{source} is not an ecouch export (expected the JSON file written by "
            "'ecouch export'). Nothing was imported."
        )
    if version > FORMAT_VERSION:
        return (
            f"{source} was written by a newer version of ecouch (export format {version}; "
            f"this one reads up to {FORMAT_VERSION}). Update ecouch to import it. "
            "Nothing was imported."
        )
    if version < 1:
        return f"{source} has an unknown export format ({version}). Nothing was imported."
    try:
        document = from_json(data)
        check_document(document)
    except (msgspec.ValidationError, InvalidExport) as exc:
        return f"{source} is not a usable ecouch export: {exc}. Nothing was imported."
    except msgspec.DecodeError as exc:
        return f"{source} is damaged or not JSON ({exc}). Nothing was imported."
    except RecursionError:  # an entry's data nested thousands deep
        return f"{source} is nested too deeply to be an ecouch export. Nothing was imported."
    return document


def _is_empty(document: ExportDocument) -> bool:
    return document.enrolment is None and not any(
        (
            document.settings,
            document.progress,
            document.mood,
            document.checkins,
            document.entries,
            document.safety_events,
        )
    )


def _amount(kind: str, n: int) -> str:
    one, many, _why = _WORDS[kind]
    return one if n == 1 else many.format(n=n)


def summary(counts: ImportCounts) -> str:
    """'Imported 12 entries, 30 days of mood; skipped 3 duplicates (2 days of mood ...)'."""
    done = [_amount(k, counts.imported[k]) for k in _ORDER if counts.imported[k]]
    skipped = []
    for kind in _ORDER:
        n = counts.skipped[kind]
        if n:
            why = _WORDS[kind][2]
            skipped.append(why if kind == "enrolment" else f"{_amount(kind, n)} {why}".strip())
    total = counts.total_skipped
    duplicates = f"{total} duplicate{'' if total == 1 else 's'} ({', '.join(skipped)})"
    if not done:
        return f"Nothing new to import: skipped {duplicates}."
    line = f"Imported {', '.join(done)}"
    return f"{line}; skipped {duplicates}." if skipped else f"{line}."
