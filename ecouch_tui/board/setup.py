"""`ecouch board setup`'s work: the board's space and rooms on a programme's homeserver,
their power levels and marks, a registration token, and the invitation members paste.

Run by the programme's admin (a Synapse server admin) against their own homeserver.
Nothing is installed here: the server side is the one `modules:` block (docs/board.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

from ecouch_tui.board.client import BoardClient, BoardError
from ecouch_tui.board.rooms import (
    MODERATORS_KIND,
    ROOM_EVENT,
    ROOM_KINDS,
    ROOM_VERSION,
    RULES_EVENT,
    SPACE_EVENT,
    power_levels,
)
from ecouch_tui.content.board_rules import BoardRules

#: The fragment an invitation link carries (a browser opening it asks the server for
#: nothing more than its front page).
JOIN_FRAGMENT = "ecouch-join"


@dataclass(frozen=True)
class Invitation:
    homeserver: str
    token: str
    space_id: str

    @property
    def url(self) -> str:
        return (
            f"{self.homeserver.rstrip('/')}/#{JOIN_FRAGMENT}"
            f"?token={quote(self.token, safe='')}&space={quote(self.space_id, safe='')}"
        )


def parse_invitation(text: str) -> Invitation:
    """The homeserver, token and space an invitation link names; ValueError saying
    what is wrong with it otherwise."""
    parts = urlsplit(text.strip())
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise ValueError("an invitation starts with https:// (paste the whole link)")
    fragment, _, query = parts.fragment.partition("?")
    if fragment != JOIN_FRAGMENT:
        raise ValueError(f"this link is not a board invitation (no #{JOIN_FRAGMENT} in it)")
    values = parse_qs(query)
    token, space = values.get("token", [""])[0], values.get("space", [""])[0]
    if not token or not space.startswith("!"):
        raise ValueError("the invitation is missing its token or its space: ask for a new one")
    base = f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"
    return Invitation(homeserver=base, token=token, space_id=space)


@dataclass(frozen=True)
class Board:
    space_id: str
    rooms: dict[str, str]
    moderators_room: str
    invitation: Invitation


def _room_name(rules: BoardRules, kind: str) -> tuple[str, str]:
    room = getattr(rules.rooms, kind)
    return str(room.name), str(room.topic)


async def create_board(
    admin: BoardClient,
    rules: BoardRules,
    moderators: list[str],
    title: str = "Peer support board",
    uses: int | None = None,
    rules_text: str | None = None,
) -> Board:
    """The space, the three rooms and the moderators' room, each with its power levels
    and kind; the rules' text published in the space (`rules_text`: the file `rules`
    came from; the bundled file when None), so members' clients check by the rules the
    server keeps; then a registration token for `uses` members (None: no limit)."""
    me = admin.user_id
    staff = sorted({*moderators} - {me})

    async def room(name: str, topic: str, kind: str, space: bool = False) -> str:
        body: dict[str, Any] = {
            "name": name,
            "topic": topic,
            "preset": "private_chat" if kind == MODERATORS_KIND else "public_chat",
            "visibility": "private",
            "room_version": ROOM_VERSION,
            "invite": staff,
            "power_level_content_override": power_levels(kind, me, staff),
            "initial_state": [
                {
                    "type": "m.room.history_visibility",
                    "state_key": "",
                    "content": {"history_visibility": "shared"},
                },
                {
                    "type": "m.room.guest_access",
                    "state_key": "",
                    "content": {"guest_access": "forbidden"},
                },
            ],
        }
        if space:
            body["creation_content"] = {"type": "m.space"}
        else:
            body["initial_state"].append(
                {"type": ROOM_EVENT, "state_key": "", "content": {"kind": kind}}
            )
        answer = await admin.call("POST", admin._path("createRoom"), body)
        return str(answer["room_id"])

    space_id = await room(title, "An ecouch peer support board.", "space", space=True)
    rooms: dict[str, str] = {}
    server = me.split(":", 1)[1]
    for kind in ROOM_KINDS:
        name, topic = _room_name(rules, kind)
        rooms[kind] = await room(name, topic, kind)
        await admin.call(
            "PUT",
            admin._path("rooms", space_id, "state", "m.space.child", rooms[kind]),
            {"via": [server], "suggested": True},
        )
        await admin.call(
            "PUT",
            admin._path("rooms", rooms[kind], "state", "m.space.parent", space_id),
            {"via": [server], "canonical": True},
        )
    moderators_room = await room("Moderators", "Moderation log and notes.", MODERATORS_KIND)
    await admin.call(
        "PUT",
        admin._path("rooms", space_id, "state", SPACE_EVENT),
        {"moderators": sorted({me, *staff}), "moderators_room": moderators_room},
    )
    if rules_text is None:
        from ecouch_tui.board.rules import bundled_rules_path

        rules_text = bundled_rules_path().read_text(encoding="utf-8")
    await admin.call(
        "PUT", admin._path("rooms", space_id, "state", RULES_EVENT), {"yaml": rules_text}
    )
    token = await new_token(admin, uses)
    invitation = Invitation(homeserver=admin.homeserver, token=token, space_id=space_id)
    return Board(space_id, rooms, moderators_room, invitation)


async def new_token(admin: BoardClient, uses: int | None = None) -> str:
    """A registration token from Synapse's admin API (the admin must be a server admin)."""
    body: dict[str, Any] = {"uses_allowed": uses}
    try:
        answer = await admin.call("POST", "/_synapse/admin/v1/registration_tokens/new", body)
    except BoardError as exc:
        if exc.kind == "forbidden":
            raise BoardError(
                "forbidden", "making an invitation needs a Synapse server admin's token"
            ) from exc
        raise
    return str(answer["token"])
