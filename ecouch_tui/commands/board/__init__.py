"""`ecouch board ACTION`: each action is a module of this package, imported only when it
runs (the board's Matrix client is not loaded by any other command)."""

from __future__ import annotations

import argparse
import sys
from importlib import import_module

#: ACTION (and, for `rules`, its own action) → the module that runs it.
ACTIONS = {
    "join": "join",
    "leave": "join",
    "setup": "setup",
    "moderate": "moderate",
    "rules": "rules",
}


def run(args: argparse.Namespace) -> int:
    action = getattr(args, "board_command", None)
    if action not in ACTIONS:
        print(
            "ecouch board: say what to do: join URL, leave, rules check, setup, moderate "
            "(ecouch board --help)",
            file=sys.stderr,
        )
        return 2
    if action != "rules" and (missing := client_missing()):
        print(f"ecouch board: {missing}", file=sys.stderr)
        return 1
    module = import_module(f"ecouch_tui.commands.board.{ACTIONS[action]}")
    return int(module.run(args))


def client_missing() -> str | None:
    """Why the board's Matrix client cannot load here (the optional `board` extra), or
    None. `rules check` needs no client."""
    from importlib.util import find_spec

    if find_spec("nio") is None:
        return (
            "the board needs its Matrix client, the 'board' extra: "
            "pip install 'ecouch[board]' (from a checkout: .venv/bin/pip install '.[board]')"
        )
    return None
