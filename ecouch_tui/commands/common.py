"""What the shell commands share: opening the user's session, and saying what went wrong."""

from __future__ import annotations

import argparse
import sys

from ecouch_tui.session import Session


def open_cli_session(args: argparse.Namespace) -> Session | None:
    """The user's session, or None after printing why it cannot be opened."""
    from ecouch_tui.cli import session_config
    from ecouch_tui.session import open_session
    from ecouch_tui.store.errors import StoreError

    try:
        return open_session(session_config(args))
    except StoreError as exc:
        print(f"ecouch: {exc}", file=sys.stderr)
        return None


def fail(message: str, code: int = 1) -> int:
    print(f"ecouch: {message}", file=sys.stderr)
    return code
