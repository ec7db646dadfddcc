"""`ecouch report [-o FILE.html] [--since DAY] [--until DAY]`: a summary to take to a GP.

Writes one self-contained HTML page (see `report/html.py`), 0600 like an export, since
it holds the same private things, and like an export never over a file without
`--force` (the default name takes the next free `-N` instead). With no data yet it
says so and writes nothing: an empty report would only confuse, and opening the store
would leave an empty one behind. Never imports Textual.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from ecouch_tui.commands.common import fail, store_problem

#: Exit code for options that were not understood (as argparse uses).
BAD_INPUT = 2


def default_name(today: date) -> str:
    return f"ecouch-report-{today.isoformat()}.html"


def run(args: argparse.Namespace) -> int:
    from ecouch_tui.course.dates import parse_day
    from ecouch_tui.session import session_config

    config = session_config(args)
    today = config.clock.today()
    try:
        since = parse_day(args.since, today) if args.since else None
        until = parse_day(args.until, today) if args.until else None
    except ValueError as exc:
        return fail(str(exc), BAD_INPUT)
    if since is not None and until is not None and since > until:
        return fail(
            f"--since ({since.isoformat()}) is after --until ({until.isoformat()}); "
            "give the earlier day first",
            BAD_INPUT,
        )
    force = bool(getattr(args, "force", False))
    target = _target(getattr(args, "output", None), today, force)
    if isinstance(target, int):
        return target
    if not config.store_path.exists():
        return fail(
            f"there is no ecouch data in {config.data_dir} yet, so there is nothing to report. "
            "Log your mood ('ecouch mood 6') or do a check-in ('ecouch checkin') first."
        )
    html, covered = _build(args, today, since, until)
    if html is None:
        return 1
    from ecouch_tui.commands.output import OutputRefused, write_private_file

    try:
        write_private_file(target, html.encode("utf-8"), replace=force)
    except OutputRefused as exc:
        return fail(str(exc))
    except OSError as exc:
        return fail(f"could not write {target}: {exc.strerror or exc}. No report was written.")
    print(target)
    print(
        f"This report covers {covered}. Only you can read the file; open it in a web browser "
        "to read or print it. Nothing was sent anywhere.",
        file=sys.stderr,
    )
    return 0


def _target(output: str | None, today: date, force: bool) -> Path | int:
    """Where to write: the given file, the default name in a given folder, or here.

    The default name, when taken, becomes `-2`, `-3`... (or is replaced, with `force`);
    a file the user names is replaced only with `force`; a name ending in `/` is a
    folder. Exit status 1 after saying why, when the place cannot be written.
    """
    from ecouch_tui.commands import output as out

    folder = Path(".")
    if output:
        path = Path(output).expanduser()
        if not (out.names_folder(output) or path.is_dir()) or path.is_symlink():
            problem = out.refusal(path, replace=force)
            return fail(problem) if problem else path
        if path.exists() and not path.is_dir():
            return fail(f"{path} is not a folder; give a folder or a file name. {out.NOTHING}")
        if not path.is_dir():
            return fail(out.missing_folder(path))
        folder = path
    stem = default_name(today).removesuffix(".html")
    named = folder / default_name(today)
    if force and not out.refusal(named, replace=True):
        return named
    return out.fresh_file_name(folder, stem, ".html")


def _build(
    args: argparse.Namespace, today: date, since: date | None, until: date | None
) -> tuple[str | None, str]:
    """The page and the period it covers in words, or (None, "") after saying why not."""
    from ecouch_tui import __version__
    from ecouch_tui.commands.common import open_cli_session
    from ecouch_tui.report.gather import build_report, first_recorded
    from ecouch_tui.report.html import render, span_words
    from ecouch_tui.store.errors import StoreError
    from ecouch_tui.store.report import read_report_records

    session = open_cli_session(args)
    if session is None:
        return None, ""
    try:
        records = read_report_records(session.store)
    except StoreError as exc:
        fail(store_problem(exc))
        return None, ""
    finally:
        session.close()
    report = build_report(
        session.course, records, today, since=since, until=until, version=__version__
    )
    asked_for_period = since is not None or until is not None
    if not report.has_records and (asked_for_period or not report.plans):
        first = first_recorded(records)
        anything = bool(records.moods or records.checkins or records.safety_events) or any(
            p.completed_at for p in records.progress.values()
        )
        if not anything:
            fail(
                "there is nothing to report yet: no mood, check-ins or finished weeks. "
                "Log your mood ('ecouch mood 6') or do a check-in ('ecouch checkin') first."
            )
        else:
            fail(
                "nothing was recorded in the days you chose "
                f"({span_words(report.period.start, report.period.end)})"
                + (f"; your records start on {first.isoformat()}" if first else "")
                + ". Choose other days with --since and --until."
            )
        return None, ""
    return render(report), span_words(report.period.start, report.period.end)
