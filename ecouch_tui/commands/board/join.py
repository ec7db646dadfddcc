"""`ecouch board join URL` and `ecouch board leave`: a member's way on and off a board.

Joining says what it means first (who reads posts, what is never shared) and asks;
leaving deletes this computer's credentials even when the server cannot be reached.
"""

from __future__ import annotations

import argparse
import asyncio
import sys

from ecouch_tui.commands.common import _agrees, _interactive, fail
from ecouch_tui.terminal_text import printable


def run(args: argparse.Namespace) -> int:
    if args.board_command == "leave":
        return _leave(args)
    return _join(args)


def _join(args: argparse.Namespace) -> int:
    from ecouch_tui.board import credentials
    from ecouch_tui.board.client import BoardError
    from ecouch_tui.board.credentials import Profile
    from ecouch_tui.board.membership import WHAT_JOINING_MEANS, join
    from ecouch_tui.board.rules import check_post, load_rules
    from ecouch_tui.board.setup import parse_invitation
    from ecouch_tui.clock import SystemClock
    from ecouch_tui.paths import UnsafePlace, data_dir

    try:
        invitation = parse_invitation(args.invitation)
    except ValueError as exc:
        return fail(f"board join: {exc}", 2)
    folder = data_dir(getattr(args, "data_dir", None))
    try:
        saved = credentials.load(folder)
        if saved is None:
            credentials.ready(folder)  # the sign-in can be kept here: before anything is sent
    except OSError as exc:  # UnsafePlace too, in its own words
        return fail(str(exc) if isinstance(exc, UnsafePlace) else f"board join: {exc}")
    if saved is not None:
        return fail(
            f"board join: you are already on a board ({printable(saved.homeserver)}). "
            "Leave it first: ecouch board leave"
        )
    rules = load_rules()
    profile = Profile(age_group=args.age_group, recovered=args.recovered, story=args.story)
    for value in profile.fields().values():
        verdict = check_post(rules, value)
        if value and not verdict.allowed:
            return fail(f"board join: your story cannot be posted as it is: {verdict.why}", 2)
    print(WHAT_JOINING_MEANS)
    if not args.yes:
        if not _interactive():
            return fail("board join: to agree without a terminal, add --yes", 2)
        if not _agrees("Join this board? [y/N] "):
            print("Not joined. Nothing was sent.")
            return 0
    try:
        joined = asyncio.run(join(folder, invitation, rules, SystemClock().today(), profile))
    except BoardError as exc:
        return fail(f"board join: {exc} Nothing is kept here; you can try again.")
    except OSError as exc:
        return fail(str(exc) if isinstance(exc, UnsafePlace) else f"board join: {exc}")
    from ecouch_tui.board.client import handle_of

    print(
        f"\nYou are {handle_of(joined.user_id)} on the board. A moderator will approve you\n"
        "soon; until then you can read. Open ecouch and choose Board in the palette\n"
        "(Ctrl+P)."
    )
    return 0


def _leave(args: argparse.Namespace) -> int:
    from ecouch_tui.board import credentials
    from ecouch_tui.board.membership import leave, rules_for
    from ecouch_tui.paths import UnsafePlace, data_dir

    folder = data_dir(getattr(args, "data_dir", None))
    try:
        saved = credentials.load(folder)
    except UnsafePlace as exc:
        return fail(str(exc))
    if saved is None and not credentials.path_in(folder).exists():
        print("You are not on a board here. Nothing to do.")
        return 0
    if not args.yes:
        if not _interactive():
            return fail("board leave: to leave without a terminal, add --yes", 2)
        if not _agrees("Leave the board and delete its sign-in from this computer? [y/N] "):
            print("Still on the board. Nothing changed.")
            return 0
    problem = asyncio.run(leave(folder, rules_for(saved))) if saved else None
    if saved is None:
        credentials.forget(folder)
    if problem:
        print(f"ecouch: {problem}", file=sys.stderr)
    print("You have left the board. Its sign-in is deleted from this computer.")
    return 0
