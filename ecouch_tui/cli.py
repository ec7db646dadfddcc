"""The `ecouch` command: parse arguments, then hand off.

For plain `ecouch` and `ecouch status` argparse is not even imported (it brings
gettext: milliseconds of every shell prompt that runs `ecouch status`); each
subcommand imports what it needs, so the shell commands
start in tens of milliseconds and `ecouch` itself reaches Textual without detours.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, cast

from ecouch_tui import __version__

if TYPE_CHECKING:
    import argparse

Handler = Callable[["argparse.Namespace"], int]


def _instrument_help() -> str:
    """'phq9 (default), auditc, cesd, gad7 or k10': the bundled questionnaires' ids, from
    their file names (no YAML is read: this runs for every subcommand's parser)."""
    from ecouch_tui.paths import bundled_modules_dir

    folder = bundled_modules_dir() / "questionnaires"
    try:
        ids = sorted(p.stem for p in folder.glob("*.yaml"))
    except OSError:
        ids = []
    names = ["phq9 (default)", *(i for i in ids if i != "phq9")]
    listed = ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else names[0]
    return f"{listed} (a course of your own may have others)"


def _add_common(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """--data-dir/--modules work before or after the subcommand."""
    import argparse

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
    import argparse

    from ecouch_tui.commands.validate import EPILOG as VALIDATE_EPILOG

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
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", dest="command")

    validate = commands.add_parser(
        "validate",
        help="check course content; exit 0 when valid, 1 with path:line:col messages",
        description="Check a course folder or module files and print every problem found.",
        epilog=VALIDATE_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
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
    validate.add_argument(
        "--format",
        choices=["text", "json"],
        default="text",
        help="json: a list of {path, line, col, message, severity} for CI pipelines",
    )
    validate.set_defaults(handler=_command("validate"))

    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of a module file (for editors)",
        description="Print the JSON Schema that module files follow.",
    )
    schema.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    which = schema.add_mutually_exclusive_group()
    which.add_argument(
        "--booster",
        action="store_true",
        help="a booster's schema (modules/boosters/: a module with no week)",
    )
    which.add_argument(
        "--board-rules",
        action="store_true",
        help="the peer board's rules file's schema (modules/board/rules.yaml)",
    )
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
    checkin.add_argument("instrument", nargs="?", help=_instrument_help())
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
    export.add_argument("--force", action="store_true", help="replace files that exist")
    export.set_defaults(handler=_command("export"))

    import_ = commands.add_parser(
        "import",
        help="read an 'ecouch export' JSON file back in, skipping duplicates",
        description="Import an export file into your data. Existing entries are never "
        "overwritten: duplicates are skipped and counted.",
    )
    _add_common(import_, top=False)
    import_.add_argument("file", metavar="FILE", help="a file written by 'ecouch export'")
    import_.set_defaults(handler=_command("import_"))

    report = commands.add_parser(
        "report",
        help="a printable summary (HTML) to take to your GP",
        description="Write one self-contained HTML file to print: a first page a GP can "
        "read in a minute (check-ins and mood over time, safety screens shown), then the "
        "details (weeks done, every check-in, your staying-well plan).",
    )
    _add_common(report, top=False)
    report.add_argument("-o", "--output", metavar="FILE", help="the HTML file to write")
    report.add_argument("--force", action="store_true", help="replace FILE if it exists")
    report.add_argument("--since", metavar="DAY", help="from this day (e.g. 2026-01-05)")
    report.add_argument("--until", metavar="DAY", help="up to this day")
    report.set_defaults(handler=_command("report"))

    status = commands.add_parser(
        "status",
        help="one line: this week, what's next, mood logged today, check-in due",
        description="Print one line for a shell prompt, cron job or login message.",
    )
    _add_common(status, top=False)
    status.set_defaults(handler=_command("status"))

    forget = commands.add_parser(
        "forget",
        help="delete all your local ecouch data (after you confirm)",
        description="Delete your ecouch data: the store, its backups and caches.",
    )
    _add_common(forget, top=False)
    forget.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    forget.set_defaults(handler=_command("forget"))

    research = commands.add_parser(
        "research",
        help="an opt-in use log for research: on, off, export, forget, summary",
        description="An opt-in log of how you use ecouch (ids, numbers and times, never "
        "what you type), kept on this computer; nothing is sent. See docs/research-log.md.",
    )
    _add_common(research, top=False)
    actions = research.add_subparsers(dest="research_command", metavar="ACTION")
    for name, words in (("on", "start the log"), ("off", "stop it"), ("summary", "use figures")):
        _add_common(actions.add_parser(name, help=words), top=False)
    for name, words in (("export", "write it as JSON or CSV"), ("forget", "delete it alone")):
        action = actions.add_parser(name, help=f"{words}, after saying what and asking")
        _add_common(action, top=False)
        action.add_argument("--yes", action="store_true", help="do not ask first")
        if name == "export":
            action.add_argument("-o", "--output", metavar="FILE", help="default: stdout")
            action.add_argument("--format", choices=["json", "csv"], default="json")
            action.add_argument("--force", action="store_true", help="replace FILE")
    research.set_defaults(handler=_command("research"))

    demo = commands.add_parser(
        "demo",
        help="open the course with sample data, every week open (for clinicians)",
        description="A demonstration: a throwaway store with a realistic 12-week history. "
        "Your own data is never touched, and nothing is left behind.",
    )
    demo.add_argument("--modules", metavar="DIR", default=argparse.SUPPRESS)
    demo.set_defaults(handler=_command("demo"))

    preview = commands.add_parser(
        "preview",
        help="open one module file, reloading it whenever it is saved (for authors)",
        description="Preview a module: every page reachable, data in a throwaway store, "
        "reloaded within a second of each save, errors shown in the app.",
    )
    preview.add_argument("file", metavar="FILE", help="a module YAML file")
    preview.set_defaults(handler=_command("preview"))

    new_module = commands.add_parser(
        "new-module",
        help="write a valid, commented module skeleton",
        description="Write modules/NN-ID.yaml (or -o FILE): a valid skeleton with comments.",
    )
    new_module.add_argument("id", metavar="ID", help="the module id, e.g. sleep-better")
    new_module.add_argument("--week", type=int, required=True, metavar="N")
    new_module.add_argument("-o", "--output", metavar="FILE", help="where to write it")
    new_module.set_defaults(handler=_command("new_module"))

    serve = commands.add_parser(
        "serve",
        help="show the course in a browser on this computer (needs the 'serve' extra)",
        description="Serve the course to a browser on localhost with textual-serve. "
        "Nothing is fetched from outside this computer.",
    )
    _add_common(serve, top=False)
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--demo", action="store_true", help="serve the demo instead")
    serve.set_defaults(handler=_command("serve"))
    _add_board(commands)
    return parser


def _add_board(commands: Any) -> None:
    """`ecouch board …`: the opt-in peer board on a Matrix homeserver (docs/board.md)."""
    board = commands.add_parser(
        "board",
        help="the opt-in peer support board (Matrix): join, leave, rules, setup, moderate",
        description="An opt-in, moderated peer board on a Matrix homeserver your programme "
        "runs. Nothing from the course reaches it unless you share that one thing.",
    )
    _add_common(board, top=False)
    actions = board.add_subparsers(dest="board_command", metavar="ACTION")
    join = actions.add_parser("join", help="join a board with your programme's invitation")
    _add_common(join, top=False)
    join.add_argument("invitation", metavar="URL", help="the invitation link you were given")
    join.add_argument("--yes", action="store_true", help="agree without being asked")
    join.add_argument("--story", default="", help="a few lines about you (optional)")
    join.add_argument("--age-group", default="", help="e.g. 25-34 (optional)")
    join.add_argument("--recovered", default="", help="how recovered you feel (optional)")
    leave = actions.add_parser("leave", help="leave the board and delete its credentials here")
    _add_common(leave, top=False)
    leave.add_argument("--yes", action="store_true", help="do not ask first")
    rules = actions.add_parser("rules", help="the board's rules: check a post against them")
    rules_actions = rules.add_subparsers(dest="rules_command", metavar="ACTION")
    check = rules_actions.add_parser(
        "check",
        help="read a post on standard input: held or allowed, and why (exit 0 allowed, 1 held)",
    )
    check.add_argument("--rules", metavar="FILE", help="a rules file (default: the bundled one)")
    check.add_argument(
        "--room",
        choices=["talk", "achieved", "thought_records"],
        help="also check the post's length for this room",
    )
    setup = actions.add_parser(
        "setup", help="for a programme's admin: create the board's space and rooms"
    )
    setup.add_argument("homeserver", metavar="URL", help="the homeserver, e.g. https://…")
    setup.add_argument(
        "--token-file",
        metavar="FILE",
        required=True,
        help="a file holding a Synapse server admin's access token",
    )
    setup.add_argument(
        "--moderator",
        action="append",
        default=[],
        metavar="USER",
        help="a moderator's Matrix id (@name:server); give it once for each",
    )
    setup.add_argument("--uses", type=int, help="how many members the invitation admits")
    setup.add_argument("--title", default="Peer support board", help="the board's name")
    setup.add_argument("--rules", metavar="FILE", help="a rules file (default: the bundled one)")
    moderate = actions.add_parser(
        "moderate",
        help="for moderators: approvals, held posts, reports, redact, mute, remove, log",
        description="With no ACTION: members waiting for approval, held posts, reports and "
        "the latest moderation log. Moderators may also use any Matrix client.",
    )
    _add_common(moderate, top=False)
    steps = moderate.add_subparsers(dest="moderate_command", metavar="ACTION")
    login = steps.add_parser("login", help="sign in as a moderator of a board")
    _add_common(login, top=False)
    login.add_argument("homeserver", metavar="URL")
    login.add_argument("--space", required=True, help="the board's space id (!…)")
    login.add_argument("--user", help="your Matrix id; the password is asked for")
    login.add_argument("--token-file", metavar="FILE", help="or an access token, from a file")
    for name, words in (
        ("approve", "let a waiting member post"),
        ("mute", "stop a member posting (they can still read)"),
        ("unmute", "let a muted member post again"),
        ("remove", "remove a member from the board for good"),
    ):
        step = steps.add_parser(name, help=words)
        _add_common(step, top=False)
        step.add_argument("member", metavar="HANDLE", help="a handle (Quiet Heron) or Matrix id")
        step.add_argument("--reason", default="", help="for the moderation log")
    redact = steps.add_parser("redact", help="remove a post (its event id, $…)")
    _add_common(redact, top=False)
    redact.add_argument("event", metavar="EVENT")
    redact.add_argument("--reason", default="", help="for the moderation log")
    for name, words in (("log", "the whole moderation log"), ("logout", "sign out here")):
        _add_common(steps.add_parser(name, help=words), top=False)
    board.set_defaults(handler=_command("board"))


def _command(name: str) -> Handler:
    """A handler that imports `ecouch_tui.commands.<name>` only when that command runs."""

    def handler(args: argparse.Namespace) -> int:
        from importlib import import_module

        module = import_module(f"ecouch_tui.commands.{name}")
        return int(module.run(args))

    return handler


#: The commands that run a Textual app: it draws the terminal itself (and makes its own
#: text safe, ui/widgets/textual_fixes.py), so their output is not filtered.
_RUN_TEXTUAL = frozenset({"demo", "preview", "serve"})


def main(argv: Sequence[str] | None = None) -> int:
    from ecouch_tui.commands.terminal_guard import terminal_safe

    # What argparse says (an error quotes the word it did not understand) and every
    # message of a shell command show control characters instead of obeying them.
    with terminal_safe():
        args = _parsed(sys.argv[1:] if argv is None else list(argv))
    handler: Handler = args.handler
    try:
        if handler is run_app or getattr(args, "command", None) in _RUN_TEXTUAL:
            return handler(args)
        with terminal_safe():
            return handler(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _parsed(words: list[str]) -> argparse.Namespace:
    # Plain `ecouch` opens the app, and plain `ecouch status` is what a shell prompt runs
    # each time it is drawn: for those two, what the parser would give, without building
    # it (its help texts go through gettext, ~5-8 ms of every start).
    if not words:
        args = cast(
            "argparse.Namespace",
            SimpleNamespace(command=None, data_dir=None, modules=None, handler=run_app),
        )
    elif words == ["status"]:
        status = _command("status")
        args = cast(
            "argparse.Namespace",
            SimpleNamespace(command="status", data_dir=None, modules=None, handler=status),
        )
    else:
        args = build_parser().parse_args(words)
    return args


# -- shared helpers ------------------------------------------------------------------------


def error(message: str) -> int:
    print(f"ecouch: {message}", file=sys.stderr)
    return 1


# -- commands ------------------------------------------------------------------------------


def run_app(args: argparse.Namespace) -> int:
    import gc

    # Start-up makes some 80,000 long-lived objects (Textual, the course, the first
    # screen) and the cyclic GC would walk them all several times before the first frame,
    # then again in every full collection (40 ms each, often in the middle of a page
    # turn). So it waits until home is painted, and those objects are then frozen out of
    # its way (EcouchApp._resume_gc). See benchmarks/README.md.
    gc.disable()
    from ecouch_tui.commands.ending import ending_gracefully
    from ecouch_tui.session import session_config
    from ecouch_tui.ui.app import EcouchApp

    with ending_gracefully() as ending:
        ending.app = app = EcouchApp(session_config(args))
        app.run()
    return app.return_code or 0


def run_schema(args: argparse.Namespace) -> int:
    import json

    from ecouch_tui.content.models import Booster, Module
    from ecouch_tui.content.schema import module_schema

    if getattr(args, "board_rules", False):
        from ecouch_tui.content.board_rules import board_rules_schema

        text = json.dumps(board_rules_schema(), indent=2) + "\n"
    else:
        model = Booster if args.booster else Module
        text = json.dumps(module_schema(model), indent=2) + "\n"
    if args.output:
        from ecouch_tui.commands.output import OutputRefused, write_shared_file

        try:
            write_shared_file(Path(args.output).expanduser(), text.encode("utf-8"))
        except OutputRefused as exc:
            return error(str(exc))
        except OSError as exc:
            return error(f"could not write {args.output}: {exc.strerror or exc}")
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
