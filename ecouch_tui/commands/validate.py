"""`ecouch validate`: check course content and print every problem, as text or JSON.

Text is for people (`path:line:col: message`, which editors and terminals turn into
links); JSON is for CI pipelines. Both carry the same problems, and the exit code says
what a pipeline needs to know: 0 valid (warnings allowed), 1 any error, 2 a usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ecouch_tui.content.problems import Problem
    from ecouch_tui.content.validate import Report

VALID, INVALID, USAGE = 0, 1, 2

#: For `ecouch validate --help` (argparse's own usage errors also exit 2).
EPILOG = """\
exit codes:
  0  valid: no errors (warnings are allowed)
  1  at least one error
  2  usage error (an unknown option, or --stats with --format json)

With no PATH, the course in use is checked, and saved answers in your data folder
whose module, page or block id is no longer in the course are warned about.
"""


def run(args: argparse.Namespace) -> int:
    from ecouch_tui.content.validate import validate_paths
    from ecouch_tui.paths import modules_dir

    as_json = getattr(args, "format", "text") == "json"
    stats = getattr(args, "stats", False)
    if as_json and stats:
        print("ecouch validate: --stats works with text output only", file=sys.stderr)
        return USAGE
    targets = [Path(p) for p in args.paths] or [modules_dir(getattr(args, "modules", None))]
    report = validate_paths(targets)
    if not args.paths and not report.errors:
        report.problems += _saved_id_warnings(args, report)
    if as_json:
        _print_json(report.problems)
        return INVALID if report.errors else VALID
    for problem in report.problems:
        print(problem)
    if report.errors:
        print(f"{report.errors} error(s) in {report.files} file(s)", file=sys.stderr)
        return INVALID
    print(report.summary())
    if stats:
        _print_stats(report)
    return VALID


def _print_json(problems: list[Problem]) -> None:
    """A list of {path, line, col, message, severity}; `[]` when all is well."""
    import json

    import msgspec

    from ecouch_tui.commands.terminal_guard import write_data

    text = json.dumps(msgspec.to_builtins(problems), indent=2, ensure_ascii=False) + "\n"
    write_data(text.encode("utf-8"))


def _print_stats(report: Report) -> None:
    from ecouch_tui.content.stats import module_stats

    print(f"{'week':>4}  {'module':34} {'pages':>5} {'words':>6} {'minutes':>7} {'grade':>5}")
    # Boosters (no week) after the weeks, marked "+".
    for module in sorted(report.modules, key=lambda m: (m.week == 0, m.week)):
        stats = module_stats(module)
        week = str(module.week) if module.week else "+"
        print(
            f"{week:>4}  {module.title[:34]:34} {len(module.pages):>5} "
            f"{stats.words:>6} {stats.minutes:>7.0f} {stats.grade:>5.1f}"
        )


def _saved_id_warnings(args: argparse.Namespace, report: Report) -> list[Problem]:
    """Saved answers whose ids left the course, read from the store in use.

    Only when that store already exists (validating never creates one), and only
    through the Store's read methods. A store that cannot be opened is mentioned on
    stderr and skipped: it says nothing about the content.
    """
    from ecouch_tui.paths import STORE_FILENAME, data_dir

    if len(report.courses) != 1:
        return []
    store_path = data_dir(getattr(args, "data_dir", None)) / STORE_FILENAME
    if not store_path.is_file():
        return []
    from ecouch_tui.clock import SystemClock
    from ecouch_tui.content.validate import saved_id_problems
    from ecouch_tui.store.db import Store
    from ecouch_tui.store.errors import StoreError

    try:
        with Store.open(store_path, SystemClock()) as store:
            saved = store.entries()
    except StoreError as exc:
        print(f"ecouch: saved answers not checked against the course: {exc}", file=sys.stderr)
        return []
    return saved_id_problems(report.courses[0], saved)
