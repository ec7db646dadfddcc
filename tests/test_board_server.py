"""The board on a real Synapse: setup's rooms and power levels, and the server refusing,
for any Matrix client, what the rules and the rooms do not allow.

The raw calls here are what any other client could send (they bypass ecouch's own
check), so each refusal is the server's: power levels or our rules module.
"""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from board_server import Account, SynapseServer

from ecouch_tui.board.client import BoardClient, BoardError
from ecouch_tui.board.membership import localpart
from ecouch_tui.board.rooms import MEMBER, ROOM_EVENT, THOUGHT_RECORD_EVENT
from ecouch_tui.board.rules import generate_handle, load_rules
from ecouch_tui.board.setup import Board, create_board, parse_invitation
from ecouch_tui.content.board_rules import BoardRules

RULES = load_rules()


@dataclass
class Programme:
    """A board made by setup on the shared server, with its admin and a moderator."""

    server: SynapseServer
    admin: Account
    moderator: Account
    board: Board

    def client(self, account: Account) -> BoardClient:
        return BoardClient(self.server.url, RULES, account.user_id, account.access_token)


_made = 0


def unique(name: str) -> str:
    global _made
    _made += 1
    return f"{name}-{'abcdefghij'[_made % 10]}{'klmnopqrst'[(_made // 10) % 10]}"


@pytest.fixture
async def programme(synapse: SynapseServer) -> AsyncIterator[Programme]:
    admin = synapse.register("admin", admin=True) if not hasattr(synapse, "_admin") else None
    if admin is not None:
        synapse._admin = admin  # type: ignore[attr-defined]
        synapse._moderator = synapse.register("moderator")  # type: ignore[attr-defined]
    admin, moderator = synapse._admin, synapse._moderator  # type: ignore[attr-defined]
    async with BoardClient(synapse.url, RULES, admin.user_id, admin.access_token) as client:
        board = await create_board(client, RULES, [moderator.user_id])
    mod = BoardClient(synapse.url, RULES, moderator.user_id, moderator.access_token)
    async with mod:
        for room_id in [board.space_id, *board.rooms.values(), board.moderators_room]:
            await mod.join_room(room_id)
    yield Programme(synapse, admin, moderator, board)


async def new_member(programme: Programme, rules: BoardRules = RULES) -> Account:
    """A member joined as ecouch joins: a generated handle, the invitation's token."""
    invitation = parse_invitation(programme.board.invitation.url)
    rng = random.Random()
    async with BoardClient(invitation.homeserver, rules) as client:
        for _ in range(20):
            handle = generate_handle(rules, rng)
            try:
                password = await client.register(localpart(handle), invitation.token)
                break
            except BoardError as exc:
                if exc.kind != "taken":
                    raise
        else:
            raise AssertionError("no free handle in 20 tries")
        await client.join_board(invitation.space_id)
        return Account(client.user_id, str(client.nio.access_token), password)


async def approve(programme: Programme, member: Account) -> None:
    """As a moderator approves: the member's level raised to MEMBER in every room."""
    rooms = [programme.board.space_id, *programme.board.rooms.values()]
    for room_id in rooms:
        status, levels = programme.server.call(
            "GET",
            f"/_matrix/client/v3/rooms/{room_id}/state/m.room.power_levels/",
            token=programme.moderator.access_token,
        )
        assert status == 200, levels
        levels["users"][member.user_id] = MEMBER
        status, answer = programme.server.put_state(
            programme.moderator, room_id, "m.room.power_levels", levels
        )
        assert status == 200, answer


def message(body: str, **extra: Any) -> dict[str, Any]:
    return {"msgtype": "m.text", "body": body, **extra}


async def test_setup_makes_three_marked_rooms_in_a_space_and_an_invitation(
    programme: Programme,
) -> None:
    board = programme.board
    assert set(board.rooms) == {"talk", "achieved", "thought_records"}
    for kind, room_id in board.rooms.items():
        status, mark = programme.server.call(
            "GET",
            f"/_matrix/client/v3/rooms/{room_id}/state/{ROOM_EVENT}/",
            token=programme.admin.access_token,
        )
        assert status == 200 and mark == {"kind": kind}
    invitation = parse_invitation(board.invitation.url)
    assert invitation.homeserver == programme.server.url
    assert invitation.space_id == board.space_id and invitation.token


async def test_a_new_member_reads_but_cannot_post_until_approved(programme: Programme) -> None:
    member = await new_member(programme)
    talk = programme.board.rooms["talk"]
    status, answer = programme.server.send(member, talk, "m.room.message", message("Hello all"))
    assert status == 403, answer  # power levels: a new member is at 0, posting needs 10
    assert "org.ecouch.rule" not in answer
    await approve(programme, member)
    status, answer = programme.server.send(member, talk, "m.room.message", message("Hello all"))
    assert status == 200, answer


async def test_the_server_refuses_what_the_rules_hold_whatever_the_client(
    programme: Programme,
) -> None:
    member = await new_member(programme)
    await approve(programme, member)
    rooms, server = programme.board.rooms, programme.server
    talk, achieved, records = rooms["talk"], rooms["achieved"], rooms["thought_records"]

    def refused(status: int, answer: dict[str, Any], rule: str | None = None) -> bool:
        return status == 403 and (rule is None or answer.get("org.ecouch.rule") == rule)

    # Held topics and contact details, in the body, hidden in a formatted body, or in an
    # edit's new text.
    status, answer = server.send(
        member, talk, "m.room.message", message("how many pills would it take")
    )
    assert refused(status, answer, "suicide-methods"), answer
    assert answer.get("org.ecouch.help") == "crisis"
    status, answer = server.send(member, talk, "m.room.message", message("ring me on 0412 345 678"))
    assert refused(status, answer) and answer.get("org.ecouch.kind") == "contact", answer
    hidden = message("hi", format="org.matrix.custom.html", formatted_body="<b>me@example.org</b>")
    assert refused(*server.send(member, talk, "m.room.message", hidden))
    status, posted = server.send(member, talk, "m.room.message", message("A good walk today"))
    assert status == 200, posted
    edit = message(
        "* A good walk today",
        **{
            "m.new_content": message("I take 100mg of sertraline"),
            "m.relates_to": {"rel_type": "m.replace", "event_id": posted["event_id"]},
        },
    )
    assert refused(*server.send(member, talk, "m.room.message", edit), "medication")
    # Words only: no images or files.
    image = {"msgtype": "m.image", "body": "photo.png", "url": "mxc://localhost/abc"}
    assert refused(*server.send(member, talk, "m.room.message", image))

    # Achieved & enjoyed: reactions from its set only, and no replies.
    status, post = server.send(member, achieved, "m.room.message", message("Baked bread"))
    assert status == 200, post
    target = post["event_id"]

    def reaction(key: str) -> dict[str, Any]:
        return {"m.relates_to": {"rel_type": "m.annotation", "event_id": target, "key": key}}

    assert server.send(member, achieved, "m.reaction", reaction("Great"))[0] == 200
    assert refused(*server.send(member, achieved, "m.reaction", reaction("👎")), "reaction")
    assert refused(*server.send(member, achieved, "m.reaction", reaction("Empathy")), "reaction")
    reply = message("nice", **{"m.relates_to": {"m.in_reply_to": {"event_id": target}}})
    assert refused(*server.send(member, achieved, "m.room.message", reply), "reply")
    thread = message("nice", **{"m.relates_to": {"rel_type": "m.thread", "event_id": target}})
    assert refused(*server.send(member, achieved, "m.room.message", thread), "reply")

    # Thought records: only shared records (power levels refuse plain messages), and
    # only Empathy.
    assert refused(*server.send(member, records, "m.room.message", message("hello")))
    status, shared = server.send(
        member, records, THOUGHT_RECORD_EVENT, {"columns": {"situation": "A hard meeting"}}
    )
    assert status == 200, shared
    empathy = {
        "m.relates_to": {
            "rel_type": "m.annotation",
            "event_id": shared["event_id"],
            "key": "Empathy",
        }
    }
    assert server.send(member, records, "m.reaction", empathy)[0] == 200
    empathy["m.relates_to"]["key"] = "Like"
    assert refused(*server.send(member, records, "m.reaction", empathy), "reaction")
    held = {"columns": {"situation": "I looked up a lethal dose"}}
    assert refused(*server.send(member, records, THOUGHT_RECORD_EVENT, held), "suicide-methods")

    # Talk has replies.
    reply = message(
        "Glad to hear", **{"m.relates_to": {"m.in_reply_to": {"event_id": posted["event_id"]}}}
    )
    assert server.send(member, talk, "m.room.message", reply)[0] == 200


async def test_a_member_cannot_change_the_rooms_or_their_own_level(programme: Programme) -> None:
    member = await new_member(programme)
    await approve(programme, member)
    talk, server = programme.board.rooms["talk"], programme.server
    status, _ = server.put_state(member, talk, ROOM_EVENT, {"kind": "other"})
    assert status == 403
    status, levels = server.call(
        "GET",
        f"/_matrix/client/v3/rooms/{talk}/state/m.room.power_levels/",
        token=member.access_token,
    )
    levels["users"][member.user_id] = 50
    assert server.put_state(member, talk, "m.room.power_levels", levels)[0] == 403
    assert server.put_state(member, talk, "m.room.name", {"name": "Mine"})[0] == 403
    assert server.send(member, talk, "m.room.encrypted", {"ciphertext": "x"})[0] == 403


async def test_staff_may_post_crisis_numbers_and_notices(programme: Programme) -> None:
    """Moderators and the board's creator (the admin, above every level in room version
    12) are not held to the rules' words: they post crisis numbers, and notices."""
    talk = programme.board.rooms["talk"]
    crisis = message("Call Lifeline on 13 11 14 or 1300 22 4636, any time.")
    notice = {"msgtype": "m.notice", "body": "The board is quiet over the holidays."}
    for staff in (programme.moderator, programme.admin):
        for content in (crisis, notice):
            status, answer = programme.server.send(staff, talk, "m.room.message", content)
            assert status == 200, (staff.user_id, answer)


@pytest.mark.parametrize("name", ["sarah-0412345678", "samheron", "quiet-sarah", "heron-quiet"])
async def test_only_a_handle_from_the_word_lists_can_register(
    programme: Programme, name: str
) -> None:
    """Another client choosing its own account name is refused by the server: names,
    numbers, or words outside the rules' lists."""
    invitation = parse_invitation(programme.board.invitation.url)
    async with BoardClient(invitation.homeserver, RULES) as client:
        with pytest.raises(BoardError):
            await client.register(name, invitation.token)


#: Event types another client could try in a board room; none is one a member may send.
OTHER_EVENTS = [
    "m.sticker",
    "m.room.encrypted",
    "m.call.invite",
    "m.poll.start",
    "org.matrix.msc3381.poll.start",
    "m.beacon_info",
    "org.example.anything",
]
#: State a member may not set in a board room.
OTHER_STATE = [
    ("m.room.topic", {"topic": "mine now"}),
    ("m.room.encryption", {"algorithm": "m.megolm.v1.aes-sha2"}),
    ("m.room.join_rules", {"join_rule": "public"}),
    ("m.room.history_visibility", {"history_visibility": "world_readable"}),
    ("m.room.pinned_events", {"pinned": []}),
    ("m.room.server_acl", {"allow": ["*"]}),
    ("m.space.child", {"via": ["localhost"]}),
]


async def test_every_other_event_and_state_a_member_tries_is_refused(
    programme: Programme,
) -> None:
    member = await new_member(programme)
    await approve(programme, member)
    server = programme.server
    for kind, room_id in programme.board.rooms.items():
        for event_type in OTHER_EVENTS:
            status, answer = server.send(member, room_id, event_type, {"body": "x"})
            assert status == 403, (kind, event_type, answer)
        for event_type, content in OTHER_STATE:
            key = "!x:localhost" if event_type == "m.space.child" else ""
            status, answer = server.put_state(member, room_id, event_type, content, key)
            assert status == 403, (kind, event_type, answer)
    # Nor in the space, nor in the moderators' room (where a member is not even joined).
    assert server.send(member, programme.board.space_id, "m.room.message", message("hi"))[0] == 403
    status, _ = server.join(member, programme.board.moderators_room)
    assert status == 403


async def test_members_clients_keep_the_rules_the_board_published(
    synapse: SynapseServer, tmp_path: Path
) -> None:
    """A programme's own rules (here: one more held topic) reach each member's client at
    joining, so what the client holds back is what that board holds back."""
    from datetime import date

    from ecouch_tui.board import credentials
    from ecouch_tui.board.membership import join, rules_for
    from ecouch_tui.board.rules import bundled_rules_path, rules_from_text

    text = (
        bundled_rules_path()
        .read_text(encoding="utf-8")
        .replace(
            "topics:\n",
            "topics:\n  - id: local-rule\n    name: A programme's own rule\n    help: moderators\n"
            "    why: A moderator reads posts about this first.\n    terms: [purple elephant]\n",
            1,
        )
    )
    custom = rules_from_text(text)
    admin = getattr(synapse, "_admin", None) or synapse.register("admin", admin=True)
    synapse._admin = admin  # type: ignore[attr-defined]
    async with BoardClient(synapse.url, custom, admin.user_id, admin.access_token) as client:
        board = await create_board(client, custom, [], rules_text=text)
    saved = await join(tmp_path / "member", board.invitation, RULES, date(2026, 1, 5))
    assert saved.rules_yaml == text
    assert credentials.load(tmp_path / "member") == saved
    rules = rules_for(saved)
    async with BoardClient(synapse.url, rules, saved.user_id, saved.access_token) as member:
        with pytest.raises(BoardError) as refused:
            await member.post(saved.rooms["talk"], "I saw a purple elephant")
        assert refused.value.verdict is not None
        assert refused.value.verdict.rule_id == "local-rule"
