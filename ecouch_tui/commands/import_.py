"""`ecouch import FILE`: read an `ecouch export` JSON file back into the store in use.

The file is read and checked whole before the store is even opened, so a newer,
malformed or foreign file is refused with nothing written (and no empty store left
behind). Then everything goes in as one transaction, timestamps and uids exactly as
exported; what the store already has is skipped and counted, never overwritten (the
rules are in `store.importer`). When the store already held data, a backup copy is
taken first, so an import of the wrong file can be undone. No Textual; of the course,
only its questionnaires (to check each check-in's score) and the entry kinds' shapes.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ecouch_tui.commands.common import fail, store_problem

if TYPE_CHECKING:
    from ecouch_tui.store.export import ExportDocument
    from ecouch_tui.store.importer import CheckinRule, ImportCounts

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
    document = read_export(source, getattr(args, "modules", None))
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


def read_export(source: str, modules: str | None = None) -> ExportDocument | str:
    """The export in `source` (a path, or '-' for standard input), or why it can't be read
    (every value is checked against the rules of the app's saves, the course's
    questionnaires in `modules` included: see `store.importer.check_document`)."""
    import msgspec

    from ecouch_tui.store.export import FORMAT_VERSION, from_json, peek_format_version
    from ecouch_tui.store.importer import IMPORT_BYTES_MOST, InvalidExport, check_document

    try:
        data = _read_at_most(source, IMPORT_BYTES_MOST + 1)
    except FileNotFoundError:
        return f"{source} does not exist. Nothing was imported."
    except IsADirectoryError:
        return (
            f"{source} is a folder; give the JSON file written by 'ecouch export' "
            "(CSV exports cannot be imported). Nothing was imported."
        )
    except OSError as exc:
        return f"could not read {source}: {exc.strerror or exc}. Nothing was imported."
    if len(data) > IMPORT_BYTES_MOST:
        return (
            f"{source} is larger than an ecouch export can be ({IMPORT_BYTES_MOST // 2**20} MB; "
            "years of daily use come to a few MB). Nothing was imported."
        )
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
        check_document(document, checkin_rule=_scoring(modules), entry_rule=_entry_shapes)
    except InvalidExport as exc:
        return f"{source} is not a usable ecouch export. Nothing was imported. {exc}"
    except msgspec.ValidationError as exc:
        return f"{source} is not a usable ecouch export: {exc}. Nothing was imported."
    except msgspec.DecodeError as exc:
        return f"{source} is damaged or not JSON ({exc}). Nothing was imported."
    except RecursionError:  # an entry's data nested thousands deep
        return f"{source} is nested too deeply to be an ecouch export. Nothing was imported."
    return document


def _read_at_most(source: str, size: int) -> bytes:
    """At most `size` bytes of `source` ('-': standard input), so a huge file costs none."""
    if source == "-":
        return sys.stdin.buffer.read(size)
    with Path(source).expanduser().open("rb") as file:
        return file.read(size)


def _scoring(modules: str | None) -> CheckinRule:
    """A check-in must be one the course's questionnaire could have scored (answers on
    its scale, the total they add up to), as `ecouch checkin` and the app save it."""
    from ecouch_tui.content.loader import load_questionnaires
    from ecouch_tui.course.scoring import mismatch
    from ecouch_tui.paths import modules_dir

    questionnaires = {q.id: q for q in load_questionnaires(modules_dir(modules))[0]}

    def rule(instrument: str, answers: list[int | None], total: int) -> tuple[str, str] | None:
        questionnaire = questionnaires.get(instrument)
        return None if questionnaire is None else mismatch(questionnaire, answers, total)

    return rule


def _entry_shapes(kind: str, data: Any) -> str | None:
    """An entry's data must fit its kind's shape, as the app writes it (unknown kinds, from
    another course, are kept as they are)."""
    import msgspec

    from ecouch_tui.content.blocks import data_types

    shape = data_types().get(kind)
    if shape is None:
        return None
    try:
        typed: Any = msgspec.json.decode(msgspec.json.encode(data), type=shape)
    except msgspec.MsgspecError as exc:
        return f"not what a {kind} entry holds ({exc})"
    return _day_out_of_years(msgspec.to_builtins(typed, builtin_types=(date,)))


def _day_out_of_years(value: Any) -> str | None:
    """A day in an entry (an activity's day) outside the years a store may hold, which
    the week's sums of days would overflow at; walked without recursion."""
    from ecouch_tui.store.records import FIRST_YEAR, LAST_YEAR, as_day

    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, date) and as_day(item.isoformat()) is None:
            return f"a day, {item.isoformat()}, outside the years {FIRST_YEAR} to {LAST_YEAR}"
    return None


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
