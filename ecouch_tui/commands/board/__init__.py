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
    module = import_module(f"ecouch_tui.commands.board.{ACTIONS[action]}")
    return int(module.run(args))
