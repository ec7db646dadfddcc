"""The `ecouch` command: parse arguments, then hand off.

Only argparse is imported up front; each subcommand imports what it needs, so the
shell commands start in tens of milliseconds and `ecouch` itself reaches Textual
without detours.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from ecouch_tui import __version__

Handler = Callable[[argparse.Namespace], int]


def _add_common(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """--data-dir/--modules work before or after the subcommand."""
    default = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help="where your data lives (default: your user data folder; env ECOUCH_DATA_DIR)",
    )
    parser.add_argument(
        "--modules",
        metavar="DIR",
        default=default,
        help="a course folder to use instead of the bundled one (env ECOUCH_MODULES)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ecouch",
        description="A private, local-first self-help course for low mood. "
        "Run with no command to open the course.",
        epilog="Press F1 in the app at any time for crisis lines. Nothing you write leaves "
        "this computer.",
    )
    parser.add_argument("--version", action="version", version=f"ecouch {__version__}")
    _add_common(parser, top=True)
    parser.set_defaults(handler=run_app)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    validate = commands.add_parser(
        "validate",
        help="check course content; exit 0 when valid, 1 with path:line:col messages",
        description="Check a course folder or module files and print every problem found.",
    )
    _add_common(validate, top=False)
    validate.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="course folders or YAML files (default: the course in use)",
    )
    validate.add_argument(
        "--stats",
        action="store_true",
        help="also print words, reading time and reading grade (Flesch-Kincaid) per module",
    )
    validate.set_defaults(handler=run_validate)

    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of a module file (for editors)",
        description="Print the JSON Schema that module files follow.",
    )
    schema.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    schema.set_defaults(handler=run_schema)

    mood = commands.add_parser(
        "mood",
        help="log today's mood (0-10); with no score, show the last 14 days",
        description="Log a day's mood from the shell, or see the last 14 days.",
    )
    _add_common(mood, top=False)
    mood.add_argument("score", nargs="?", help="0 (very low) to 10 (very good)")
    mood.add_argument("--note", help="a word or two about the day")
    mood.add_argument("--tag", action="append", default=None, help="a tag (repeatable)")
    mood.add_argument("--sleep", metavar="HOURS", help="hours slept")
    mood.add_argument("--day", help="which day: today (default), yesterday, mon, 2026-01-13")
    mood.set_defaults(handler=_command("mood"))

    checkin = commands.add_parser(
        "checkin",
        help="answer a check-in questionnaire at the prompt (one value per line from a pipe)",
        description="Answer a questionnaire (default: the weekly check-in, PHQ-9). When input "
        "is not a terminal, read one answer value per line.",
    )
    _add_common(checkin, top=False)
    checkin.add_argument("instrument", nargs="?", help="phq9 (default) or k10")
    checkin.set_defaults(handler=_command("checkin"))

    export = commands.add_parser(
        "export",
        help="write everything you have written, as JSON or CSV",
        description="Export mood, check-ins, exercise entries and progress.",
    )
    _add_common(export, top=False)
    export.add_argument("--format", choices=["json", "csv"], default="json")
    export.add_argument(
        "-o", "--output", metavar="PATH", help="a file (json) or folder (csv); default stdout"
    )
    export.set_defaults(handler=_command("export"))
    return parser


def _command(name: str) -> Handler:
    """A handler that imports `ecouch_tui.commands.<name>` only when that command runs."""

    def handler(args: argparse.Namespace) -> int:
        from importlib import import_module

        module = import_module(f"ecouch_tui.commands.{name}")
        return int(module.run(args))

    return handler


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


# -- shared helpers ------------------------------------------------------------------------


def session_config(args: argparse.Namespace, **overrides: object):  # type: ignore[no-untyped-def]
    from ecouch_tui.clock import SystemClock
    from ecouch_tui.paths import data_dir, modules_dir
    from ecouch_tui.session import SessionConfig

    config = SessionConfig(
        data_dir=data_dir(getattr(args, "data_dir", None)),
        modules_dir=modules_dir(getattr(args, "modules", None)),
        clock=SystemClock(),
    )
    for name, value in overrides.items():
        setattr(config, name, value)
    return config


def error(message: str) -> int:
    print(f"ecouch: {message}", file=sys.stderr)
    return 1


# -- commands ------------------------------------------------------------------------------


def run_app(args: argparse.Namespace) -> int:
    from ecouch_tui.ui.app import EcouchApp

    EcouchApp(session_config(args)).run()
    return 0


def run_validate(args: argparse.Namespace) -> int:
    from ecouch_tui.content.validate import validate_paths
    from ecouch_tui.paths import modules_dir

    targets = [Path(p) for p in args.paths] or [modules_dir(getattr(args, "modules", None))]
    report = validate_paths(targets)
    for problem in report.problems:
        print(problem)
    if report.errors:
        print(f"{report.errors} error(s) in {report.files} file(s)", file=sys.stderr)
        return 1
    print(report.summary())
    if getattr(args, "stats", False):
        from ecouch_tui.content.stats import module_stats

        print(f"{'week':>4}  {'module':34} {'pages':>5} {'words':>6} {'minutes':>7} {'grade':>5}")
        for module in sorted(report.modules, key=lambda m: m.week):
            stats = module_stats(module)
            print(
                f"{module.week:>4}  {module.title[:34]:34} {len(module.pages):>5} "
                f"{stats.words:>6} {stats.minutes:>7.0f} {stats.grade:>5.1f}"
            )
    return 0


def run_schema(args: argparse.Namespace) -> int:
    import json

    from ecouch_tui.content.schema import module_schema

    text = json.dumps(module_schema(), indent=2) + "\n"
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
