"""`ecouch board rules check`: try a post against the board's rules before members do.

For a programme editing its rules file: paste a post, see whether it would be allowed
or held, by which rule, and what matched. Exit 0 allowed, 1 held or refused, 2 a
usage error or a broken rules file (every problem printed as path:line:col).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ecouch_tui.terminal_text import printable

ALLOWED, HELD, USAGE = 0, 1, 2

#: The longest post read: far more than any room allows, so the length rule still says so.
MAX_POST = 100_000

#: What the member is shown beside the rule's own words.
_HELP = {
    "crisis": "the member sees the crisis lines for their region at once",
    "moderators": "the member is offered to send it privately to the moderators",
    None: "the member is asked to change it before it is sent",
}


def run(args: argparse.Namespace) -> int:
    if getattr(args, "rules_command", None) != "check":
        print(
            "ecouch board rules: say what to do: check (reads a post on standard input; "
            "ecouch board rules check --help)",
            file=sys.stderr,
        )
        return USAGE
    from ecouch_tui.board.rules import check_post, load_rules
    from ecouch_tui.content.problems import ContentError

    chosen = getattr(args, "rules", None)
    try:
        rules = load_rules(Path(chosen).expanduser() if chosen else None)
    except ContentError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(
            "ecouch board rules: the rules file has problems; nothing was checked", file=sys.stderr
        )
        return USAGE
    post = _read_post()
    if post is None:
        return USAGE
    verdict = check_post(rules, post, getattr(args, "room", None))
    if verdict.allowed:
        print("allowed")
        return ALLOWED
    why = " ".join(verdict.why.split())
    print(f"held: {verdict.rule_name} — {why}")
    if verdict.matched is not None:
        print(f"matched: {printable(verdict.matched, one_line=True)}")
    print(f"({_HELP[verdict.help]})")
    return HELD


def _read_post() -> str | None:
    """The post from standard input, or None after saying why it cannot be read."""
    if sys.stdin is None:
        print("ecouch board rules check: no standard input to read a post from", file=sys.stderr)
        return None
    if _at_terminal():
        print("Type or paste the post, then press Ctrl+D on a new line:", file=sys.stderr)
    try:
        return sys.stdin.read(MAX_POST)
    except UnicodeDecodeError:
        print("ecouch board rules check: the post is not UTF-8 text", file=sys.stderr)
    except OSError as exc:
        print(f"ecouch board rules check: cannot read the post: {exc.strerror}", file=sys.stderr)
    return None


def _at_terminal() -> bool:
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False
