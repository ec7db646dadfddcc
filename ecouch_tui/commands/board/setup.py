"""`ecouch board setup URL --token-file FILE`: for a programme's admin, the board's
space and rooms on their homeserver, and the invitation link members paste."""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

from ecouch_tui.commands.common import fail

MODULE_BLOCK = """\
modules:
  - module: ecouch_tui.board.synapse_module.BoardRules
    config:
      rules: {rules}
      staff: [{staff}]"""


def run(args: argparse.Namespace) -> int:
    from ecouch_tui.board.client import BoardClient, BoardError
    from ecouch_tui.board.rules import bundled_rules_path, load_rules
    from ecouch_tui.board.setup import create_board
    from ecouch_tui.content.problems import ContentError

    try:
        token = Path(args.token_file).expanduser().read_text(encoding="utf-8").strip()
    except OSError as exc:
        return fail(f"board setup: cannot read {args.token_file}: {exc.strerror or exc}", 2)
    rules_path = Path(args.rules).expanduser() if args.rules else None
    try:
        rules = load_rules(rules_path)
    except ContentError as exc:
        for problem in exc.problems:
            print(problem)
        return fail("board setup: the rules file has problems; nothing was made", 2)
    for moderator in args.moderator:
        if not moderator.startswith("@") or ":" not in moderator:
            return fail(f"board setup: '{moderator}' is not a Matrix id (@name:server)", 2)

    async def make() -> tuple[str, str, dict[str, str]]:
        async with BoardClient(args.homeserver, rules) as admin:
            admin.nio.access_token = token  # whose it is, the server says
            who = await admin.call("GET", admin._path("account", "whoami"))
            admin.nio.restore_login(who["user_id"], str(who.get("device_id") or ""), token)
            text = rules_path.read_text(encoding="utf-8") if rules_path else None
            board = await create_board(
                admin, rules, args.moderator, args.title, args.uses, rules_text=text
            )
            return admin.user_id, board.invitation.url, board.rooms | {"space": board.space_id}

    try:
        admin_id, invitation, rooms = asyncio.run(make())
    except BoardError as exc:
        return fail(f"board setup: {exc}")
    staff = ", ".join(sorted({m.split(":")[0][1:] for m in [admin_id, *args.moderator]}))
    print(f"The board is made on {args.homeserver}, by {admin_id}.")
    for kind, room_id in rooms.items():
        print(f"  {kind:16} {room_id}")
    print(
        "\nIn homeserver.yaml, the rules module (then restart Synapse):\n"
        + MODULE_BLOCK.format(rules=rules_path or bundled_rules_path(), staff=staff)
    )
    print(f"\nThe invitation, for members:\n{invitation}")
    print(f"They join with (quoted: the link holds & and !):\n  ecouch board join '{invitation}'")
    print(
        "\nModerators sign in with:\n  ecouch board moderate login "
        f"{args.homeserver} --space '{rooms['space']}' --user @them:server"
    )
    return 0
