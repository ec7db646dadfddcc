"""`ecouch board moderate`: a moderator's view of the board, and their actions on it.

With no action: who is waiting for approval, held posts sent to the moderators, reports,
and the latest lines of the moderation log. Every action is logged in the moderators'
room, so moderators see each other's work (in any Matrix client too).
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ecouch_tui.commands.common import _interactive, fail
from ecouch_tui.terminal_text import printable


def _when(at_ms: int) -> str:
    return datetime.fromtimestamp(at_ms / 1000, UTC).astimezone().strftime("%d %b %H:%M")


def _words(text: str, width: int = 300) -> str:
    shown = printable(text, one_line=True)
    return shown if len(shown) <= width else shown[: width - 1] + "…"


def run(args: argparse.Namespace) -> int:
    from ecouch_tui.board.client import BoardError
    from ecouch_tui.paths import UnsafePlace, data_dir

    folder = data_dir(getattr(args, "data_dir", None))
    action = getattr(args, "moderate_command", None)
    try:
        if action == "login":
            return _login(args, folder)
        return asyncio.run(_act(args, folder, action))
    except BoardError as exc:
        return fail(f"board moderate: {exc}")
    except UnsafePlace as exc:
        return fail(str(exc))


def _login(args: argparse.Namespace, folder: Path) -> int:
    from ecouch_tui.board import credentials
    from ecouch_tui.board.moderation import sign_in, sign_in_with_token
    from ecouch_tui.board.rules import load_rules
    from ecouch_tui.clock import SystemClock

    rules, today = load_rules(), SystemClock().today().isoformat()
    base = args.homeserver.rstrip("/")
    if args.token_file:
        token = Path(args.token_file).expanduser().read_text(encoding="utf-8").strip()
        saved = asyncio.run(sign_in_with_token(base, args.space, token, rules, today))
    elif args.user:
        if not _interactive():
            return fail("board moderate login: the password is asked at a terminal", 2)
        password = getpass.getpass(f"Password for {args.user}: ")
        saved = asyncio.run(sign_in(base, args.space, args.user, password, rules, today))
    else:
        return fail("board moderate login: give --user (a password is asked) or --token-file", 2)
    credentials.save(folder, saved, credentials.MODERATOR_FILENAME)
    print(f"Signed in as {saved.user_id}, a moderator of this board.")
    return 0


async def _act(args: argparse.Namespace, folder: Path, action: str | None) -> int:
    from ecouch_tui.board import credentials, moderation
    from ecouch_tui.board.membership import client_for, rules_for

    saved = credentials.load(folder, credentials.MODERATOR_FILENAME)
    if saved is None:
        return fail(
            "board moderate: sign in first: ecouch board moderate login URL --space ID "
            "--user @you:server"
        )
    async with client_for(saved, rules_for(saved)) as client:
        if action is None:
            await _overview(client, saved)
            return 0
        if action == "logout":
            await client.logout()
            credentials.forget(folder, credentials.MODERATOR_FILENAME)
            print("Signed out; the moderator sign-in is deleted from this computer.")
            return 0
        if action == "log":
            for line in await moderation.moderation_log(client, saved):
                print(_log_line(line))
            return 0
        if action == "redact":
            await moderation.redact(client, saved, args.event, args.reason)
            print(f"Removed the post {printable(args.event)}.")
            return 0
        member = await moderation.find_member(client, saved, args.member)
        steps: dict[str, Callable[[], Awaitable[None]]] = {
            "approve": lambda: moderation.approve(client, saved, member),
            "mute": lambda: moderation.mute(client, saved, member, args.reason),
            "unmute": lambda: moderation.unmute(client, saved, member),
            "remove": lambda: moderation.remove(client, saved, member, args.reason),
        }
        await steps[action]()
        done = {"approve": "approved", "mute": "muted", "unmute": "unmuted", "remove": "removed"}
        print(f"{member.handle} ({member.user_id}) is {done[action]}.")
        return 0


def _log_line(line: Any) -> str:
    from ecouch_tui.board.client import handle_of

    reason = f" — {_words(line.reason, 120)}" if line.reason else ""
    target = handle_of(line.target) if line.target.startswith("@") else line.target
    return f"  {_when(line.at_ms)}  {handle_of(line.by)}: {line.action} {target}{reason}"


async def _overview(client: Any, saved: Any) -> None:
    from ecouch_tui.board import moderation
    from ecouch_tui.board.client import BoardError, handle_of

    people = await moderation.members(client, saved)
    waiting = [m for m in people if m.status == "waiting"]
    muted = [m for m in people if m.status == "muted"]
    print(f"Board: {len(people)} on it, {len(waiting)} waiting for approval, {len(muted)} muted.")
    print("\nWaiting for approval (ecouch board moderate approve HANDLE):")
    for member in waiting or []:
        print(f"  {member.handle}  ({member.user_id})")
    if not waiting:
        print("  nobody")
    held = await moderation.held_posts(client)
    print("\nHeld posts, sent privately to the moderators:")
    for post in held:
        rule = f" [{post.rule}]" if post.rule else ""
        print(f"  {_when(post.at_ms)}  {handle_of(post.sender)}{rule}: {_words(post.text)}")
    if not held:
        print("  none")
    print("\nReports (remove a post: ecouch board moderate redact EVENT):")
    try:
        found = await moderation.reports(client, saved)
    except BoardError as exc:
        print(f"  {exc}")
        found = []
    else:
        if not found:
            print("  none")
    for report in found:
        # A redacted post keeps its report (and its words, for the moderators): say so.
        words = _words(report.text, 120) + (" (removed)" if report.removed else "")
        print(
            f"  {_when(report.at_ms)}  {handle_of(report.reporter)} reported "
            f"{handle_of(report.sender)}: {words}\n"
            f"      why: {_words(report.reason, 120)}\n      post: {report.event_id}"
        )
    lines = await moderation.moderation_log(client, saved)
    print("\nModeration log (latest; all: ecouch board moderate log):")
    for line in lines[-5:]:
        print(_log_line(line))
    if not lines:
        print("  empty")
    sys.stdout.flush()
