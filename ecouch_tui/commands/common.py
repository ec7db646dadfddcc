"""What the shell commands share: opening the user's session, and saying what went wrong.

A store that cannot be used is a message and exit status 1, never a traceback. A damaged
store is never moved by a command on its own: the message says how to start fresh (run
`ecouch` and choose Start fresh), and the commands that log something (`mood`,
`checkin`) also offer it at a terminal, with a yes/no question that defaults to no.
Starting fresh keeps the damaged file, renamed beside the new one.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from ecouch_tui.session import Session

if TYPE_CHECKING:
    from ecouch_tui.store.errors import StoreError


def store_problem(exc: StoreError) -> str:
    """The store's own message, and for a damaged store, how to start fresh."""
    from ecouch_tui.store.errors import StoreCorrupt

    if not isinstance(exc, StoreCorrupt):
        return str(exc)
    return (
        f"{exc} Nothing has been changed.\n"
        "To start fresh, run 'ecouch' and choose Start fresh: the damaged file is kept beside "
        f"the new one, renamed {exc.path.name}.damaged-<date>-<time>, so it can still be "
        "recovered."
    )


def _interactive() -> bool:
    try:
        return sys.stdin.isatty() and sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def _agrees(question: str) -> bool:
    print(question, end="", file=sys.stderr, flush=True)
    try:
        answer = sys.stdin.readline()
    except (OSError, ValueError, KeyboardInterrupt):
        return False
    return answer.strip().lower() in ("y", "yes")


def open_cli_session(
    args: argparse.Namespace, *, offer_fresh_start: bool = False
) -> Session | None:
    """The user's session, or None after printing why it cannot be opened.

    With `offer_fresh_start`, a damaged store at a terminal brings a question: keep the
    damaged file aside and start fresh now? Anything but yes changes nothing.
    """
    from ecouch_tui.session import open_session, session_config
    from ecouch_tui.store.errors import StoreCorrupt, StoreError

    config = session_config(args)
    try:
        return open_session(config)
    except StoreCorrupt as exc:
        if not (offer_fresh_start and _interactive()):
            fail(store_problem(exc))
            return None
        from ecouch_tui.store.db import damaged_name, set_aside

        print(f"ecouch: {exc}", file=sys.stderr)
        kept = damaged_name(exc.path, config.clock)
        if not _agrees(f"Start fresh now? Your damaged file will be kept as {kept.name} [y/N] "):
            fail(store_problem(exc))
            return None
        try:
            kept = set_aside(exc.path, config.clock, kept.name)
            session = open_session(config)
        except StoreError as again:
            fail(store_problem(again))
            return None
        print(f"Started fresh. Your damaged file is kept as {kept}.", file=sys.stderr)
        return session
    except StoreError as exc:
        fail(store_problem(exc))
        return None


def fail(message: str, code: int = 1) -> int:
    print(f"ecouch: {message}", file=sys.stderr)
    return code
