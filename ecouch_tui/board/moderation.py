"""What a moderator does, on Matrix's own means: members' power levels (approve, mute),
bans (remove), redactions, Synapse's event reports, the members' private rooms with the
moderators (held posts), and a moderation log kept in the moderators' room.

A moderator may do all of this from any Matrix client too; `ecouch board moderate`
gathers it in one place.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from ecouch_tui.board.client import BoardClient, BoardError, handle_of
from ecouch_tui.board.credentials import Credentials
from ecouch_tui.board.rooms import (
    HELD_EVENT,
    INBOX_EVENT,
    LOG_EVENT,
    MEMBER,
    MODERATOR,
    MUTED,
    SPACE_EVENT,
    WAITING,
)


@dataclass(frozen=True)
class Member:
    user_id: str
    level: int

    @property
    def handle(self) -> str:
        return handle_of(self.user_id)

    @property
    def status(self) -> str:
        if self.level >= MODERATOR:
            return "moderator"
        if self.level >= MEMBER:
            return "member"
        return "muted" if self.level <= MUTED else "waiting"


@dataclass(frozen=True)
class Held:
    """A post a member sent privately to the moderators after the rules held it."""

    event_id: str
    room_id: str
    sender: str
    text: str
    rule: str | None
    room_kind: str
    at_ms: int


@dataclass(frozen=True)
class Report:
    """One of Synapse's event reports: who reported which event, why, and its words."""

    report_id: int
    room_id: str
    event_id: str
    reporter: str
    reason: str
    sender: str
    text: str
    at_ms: int
    #: Redacted since (the report keeps the words for the moderators to see).
    removed: bool = False


@dataclass(frozen=True)
class LogLine:
    at_ms: int
    by: str
    action: str
    target: str
    reason: str


def _rooms(saved: Credentials) -> list[str]:
    return [saved.space_id, *saved.rooms.values()]


async def members(client: BoardClient, saved: Credentials) -> list[Member]:
    """Everyone joined to the Talk room, with their level there."""
    talk = saved.rooms["talk"]
    answer = await client.call("GET", client._path("rooms", talk, "joined_members"))
    levels = await client.state(talk, "m.room.power_levels") or {}
    users, default = levels.get("users", {}), levels.get("users_default", WAITING)
    # The board's staff (its creator outranks every level in room version 12 and is
    # listed in no level) are named in the space's mark.
    mark = await client.state(saved.space_id, SPACE_EVENT) or {}
    staff = set(mark.get("moderators", []))
    found = []
    for user_id in sorted(answer.get("joined", {})):
        level = MODERATOR if user_id in staff else users.get(user_id, default)
        found.append(Member(user_id, int(level) if isinstance(level, int) else WAITING))
    return found


async def find_member(client: BoardClient, saved: Credentials, who: str) -> Member:
    """A member by handle ("Quiet Heron", "quiet-heron") or Matrix id; BoardError if none."""
    wanted = who.strip().casefold().replace(" ", "-")
    for member in await members(client, saved):
        local = member.user_id.removeprefix("@").split(":", 1)[0].casefold()
        if wanted in (member.user_id.casefold(), local):
            return member
    raise BoardError("forbidden", f"No member called '{who}' is on the board.")


async def set_level(client: BoardClient, saved: Credentials, user_id: str, level: int) -> None:
    for room_id in _rooms(saved):
        levels = await client.state(room_id, "m.room.power_levels") or {}
        users = dict(levels.get("users", {}))
        if level == WAITING:
            users.pop(user_id, None)
        else:
            users[user_id] = level
        levels["users"] = users
        await client.call(
            "PUT", client._path("rooms", room_id, "state", "m.room.power_levels", ""), levels
        )


async def log(
    client: BoardClient, saved: Credentials, action: str, target: str, reason: str
) -> None:
    """One line of the moderation log, in the moderators' room."""
    if not saved.moderators_room:
        return
    content = {"action": action, "target": target, "reason": reason[:500]}
    await client.call(
        "PUT",
        client._path("rooms", saved.moderators_room, "send", LOG_EVENT, f"log-{time.time_ns()}"),
        content,
    )


async def approve(client: BoardClient, saved: Credentials, member: Member) -> None:
    await set_level(client, saved, member.user_id, MEMBER)
    await log(client, saved, "approve", member.user_id, "")


async def mute(client: BoardClient, saved: Credentials, member: Member, reason: str) -> None:
    await set_level(client, saved, member.user_id, MUTED)
    await log(client, saved, "mute", member.user_id, reason)


async def unmute(client: BoardClient, saved: Credentials, member: Member) -> None:
    await set_level(client, saved, member.user_id, MEMBER)
    await log(client, saved, "unmute", member.user_id, "")


async def remove(client: BoardClient, saved: Credentials, member: Member, reason: str) -> None:
    """Banned from every room of the board (a kick would let them join again)."""
    for room_id in _rooms(saved):
        await client.call(
            "POST",
            client._path("rooms", room_id, "ban"),
            {"user_id": member.user_id, "reason": reason or "removed by a moderator"},
        )
    await log(client, saved, "remove", member.user_id, reason)


async def room_of(client: BoardClient, saved: Credentials, event_id: str) -> str:
    """Which of the board's rooms holds `event_id`."""
    for room_id in saved.rooms.values():
        try:
            await client.call("GET", client._path("rooms", room_id, "event", event_id))
        except BoardError:
            continue
        return room_id
    raise BoardError("forbidden", f"No post {event_id} is on the board.")


async def redact(client: BoardClient, saved: Credentials, event_id: str, reason: str) -> None:
    room_id = await room_of(client, saved, event_id)
    await client.redact(room_id, event_id, reason)
    await log(client, saved, "redact", event_id, reason)


async def accept_invites(client: BoardClient) -> list[str]:
    """Join the members' private rooms with the moderators that invited us."""
    query = "timeout=0&filter=" + quote(json.dumps({"room": {"timeline": {"limit": 0}}}))
    answer = await client.call("GET", f"/_matrix/client/v3/sync?{query}")
    invited = list(answer.get("rooms", {}).get("invite", {}))
    for room_id in invited:
        await client.join_room(room_id)
    return invited


async def held_posts(client: BoardClient) -> list[Held]:
    """Every post members sent privately to the moderators, newest last."""
    await accept_invites(client)
    found: list[Held] = []
    for room_id in await client.joined_rooms():
        if not await client.state(room_id, INBOX_EVENT):
            continue
        for event in await client.events(room_id, 100):
            content = event.get("content") or {}
            if event.get("type") != HELD_EVENT or not isinstance(content.get("body"), str):
                continue
            found.append(
                Held(
                    event_id=str(event.get("event_id")),
                    room_id=room_id,
                    sender=str(event.get("sender")),
                    text=content["body"],
                    rule=content.get("rule") if isinstance(content.get("rule"), str) else None,
                    room_kind=str(content.get("room") or ""),
                    at_ms=int(event.get("origin_server_ts", 0)),
                )
            )
    return sorted(found, key=lambda h: h.at_ms)


async def reports(client: BoardClient, saved: Credentials) -> list[Report]:
    """Synapse's event reports about the board's rooms (needs a server admin's token)."""
    try:
        answer = await client.call("GET", "/_synapse/admin/v1/event_reports?limit=100&dir=b")
    except BoardError as exc:
        raise BoardError(
            "forbidden", "Reading reports needs a moderator who is a Synapse server admin."
        ) from exc
    ours = set(saved.rooms.values())
    found = []
    for item in answer.get("event_reports", []):
        if item.get("room_id") not in ours:
            continue
        detail: dict[str, Any] = await client.call(
            "GET", f"/_synapse/admin/v1/event_reports/{int(item['id'])}"
        )
        event = detail.get("event_json", {})
        content = event.get("content") or {}
        text = content.get("body")
        if not isinstance(text, str):
            columns = content.get("columns")
            text = "\n".join(map(str, columns.values())) if isinstance(columns, dict) else ""
        try:
            now = await client.call(
                "GET",
                client._path("rooms", str(item.get("room_id")), "event", str(item.get("event_id"))),
            )
            removed = not now.get("content") or "redacted_because" in now.get("unsigned", {})
        except BoardError:
            removed = True
        found.append(
            Report(
                removed=removed,
                report_id=int(item["id"]),
                room_id=str(item.get("room_id")),
                event_id=str(item.get("event_id")),
                reporter=str(item.get("user_id")),
                reason=str(item.get("reason") or ""),
                sender=str(item.get("sender") or event.get("sender") or ""),
                text=text,
                at_ms=int(item.get("received_ts", 0)),
            )
        )
    return found


async def moderation_log(client: BoardClient, saved: Credentials) -> list[LogLine]:
    if not saved.moderators_room:
        return []
    lines = []
    for event in await client.events(saved.moderators_room, 200):
        content = event.get("content") or {}
        if event.get("type") != LOG_EVENT:
            continue
        lines.append(
            LogLine(
                at_ms=int(event.get("origin_server_ts", 0)),
                by=str(event.get("sender")),
                action=str(content.get("action", "")),
                target=str(content.get("target", "")),
                reason=str(content.get("reason", "")),
            )
        )
    return lines


async def sign_in(
    homeserver: str, space_id: str, user: str, password: str, rules: Any, today: str
) -> Credentials:
    """A moderator's sign-in to the board (password login; the password is not kept)."""
    async with BoardClient(homeserver, rules) as client:
        answer = await client.call(
            "POST",
            client._path("login"),
            {
                "type": "m.login.password",
                "identifier": {"type": "m.id.user", "user": user},
                "password": password,
                "initial_device_display_name": "ecouch moderation",
            },
        )
        client.nio.restore_login(answer["user_id"], answer["device_id"], answer["access_token"])
        return await _moderator(client, space_id, today)


async def sign_in_with_token(
    homeserver: str, space_id: str, token: str, rules: Any, today: str
) -> Credentials:
    async with BoardClient(homeserver, rules) as client:
        client.nio.access_token = token
        who = await client.call("GET", client._path("account", "whoami"))
        client.nio.restore_login(who["user_id"], str(who.get("device_id") or ""), token)
        return await _moderator(client, space_id, today)


async def _moderator(client: BoardClient, space_id: str, today: str) -> Credentials:
    try:
        await client.join_room(space_id)  # invited by setup; joined once
    except BoardError as exc:
        raise BoardError("forbidden", f"{client.user_id} cannot enter this board: {exc}") from exc
    mark = await client.state(space_id, SPACE_EVENT)
    if mark is None or client.user_id not in mark.get("moderators", []):
        raise BoardError("forbidden", f"{client.user_id} is not one of this board's moderators.")
    rooms = await client.join_board(space_id)
    from ecouch_tui.board.membership import published_rules

    rules_yaml = await published_rules(client, space_id)
    moderators_room = str(mark.get("moderators_room") or "")
    if moderators_room:
        await client.join_room(moderators_room)
    return Credentials(
        homeserver=client.homeserver,
        user_id=client.user_id,
        device_id=str(client.nio.device_id or ""),
        access_token=str(client.nio.access_token),
        password="",
        space_id=space_id,
        rooms=rooms,
        joined_on=today,
        moderators_room=moderators_room,
        rules_yaml=rules_yaml,
    )
