"""The board's shape on Matrix: its rooms, our event types, and who may send what.

One place for the names both sides use: `ecouch board setup` creates rooms with these
power levels and marks each with its kind; the Synapse module reads the mark to know
which rules a room keeps; the client reads it to find its rooms. Pure data, no I/O.
"""

from __future__ import annotations

from typing import Any, Final, Literal

#: The three rooms members use (their names and topics are in the board's rules file).
RoomKind = Literal["talk", "achieved", "thought_records"]
ROOM_KINDS: Final[tuple[RoomKind, ...]] = ("talk", "achieved", "thought_records")

#: State event (key "") marking a room as one of the board's, with {"kind": RoomKind}.
ROOM_EVENT: Final = "org.ecouch.board.room"
#: State event (key "") in the space: {"moderators": [user ids], "rules_version": 1}.
SPACE_EVENT: Final = "org.ecouch.board"
#: State event (key "") in the space: {"yaml": the rules file's text}, published by
#: setup so every member's client checks posts by the rules the server keeps.
RULES_EVENT: Final = "org.ecouch.board.rules"
#: A shared thought record: {"columns": {name: text}}, in the thought-records room only.
THOUGHT_RECORD_EVENT: Final = "org.ecouch.thought_record"
#: A member's short story (U2plus's profile), a state event keyed by their user id.
PROFILE_EVENT: Final = "org.ecouch.profile"
#: Marks a member's private room with the moderators: {"member": user id}.
INBOX_EVENT: Final = "org.ecouch.inbox"
#: A post the rules held, sent by its author to the moderators instead of the board.
HELD_EVENT: Final = "org.ecouch.held_post"
#: One line of the moderation log, in the moderators' room.
LOG_EVENT: Final = "org.ecouch.moderation"
#: Kind of the moderators' own room (not one members join).
MODERATORS_KIND: Final = "moderators"

#: The room version setup creates: 12, where a room's creator cannot be demoted.
ROOM_VERSION: Final = "12"

#: Power levels. A new member joins at 0 and can read but not post until a moderator
#: approves them (10); a muted member is set below that (-1) and reads only.
MUTED: Final = -1
WAITING: Final = 0
MEMBER: Final = 10
MODERATOR: Final = 50
ADMIN: Final = 100

#: What each room lets an approved member send (anything else needs ADMIN).
SENDS: Final[dict[str, tuple[str, ...]]] = {
    "talk": ("m.room.message", "m.reaction", PROFILE_EVENT),
    "achieved": ("m.room.message", "m.reaction"),
    "thought_records": (THOUGHT_RECORD_EVENT, "m.reaction"),
}


def power_levels(kind: str, admin: str, moderators: list[str]) -> dict[str, Any]:
    """The m.room.power_levels content for a board room (or the space, kind "space"),
    created by `admin` in room version 12 (`ROOM_VERSION`).

    Everything not listed needs ADMIN (events_default, state_default), so an approved
    member can send exactly what `SENDS` gives the room, and redact only their own
    events; moderators redact, kick, ban and change members' levels."""
    events: dict[str, int] = {
        "m.room.power_levels": MODERATOR,
        "m.room.redaction": WAITING,  # own events only: others' need `redact`
        "m.room.name": ADMIN,
        "m.room.topic": ADMIN,
        "m.room.history_visibility": ADMIN,
        "m.space.child": ADMIN,
        ROOM_EVENT: ADMIN,
        SPACE_EVENT: ADMIN,
        RULES_EVENT: ADMIN,
    }
    for event_type in SENDS.get(kind, ()):
        events[event_type] = MEMBER
    if kind == MODERATORS_KIND:
        events["m.room.message"] = MODERATOR
        events[LOG_EVENT] = MODERATOR
    # Room version 12: the creator (`admin`) outranks every level and must not be listed.
    users = {m: MODERATOR for m in moderators if m != admin}
    return {
        "users": users,
        "users_default": WAITING,
        "events": events,
        "events_default": ADMIN,
        "state_default": ADMIN,
        "ban": MODERATOR,
        "kick": MODERATOR,
        "redact": MODERATOR,
        "invite": MODERATOR,
        "notifications": {"room": MODERATOR},
    }


def relation(content: dict[str, Any]) -> str | None:
    """How an event relates to another: "reply", "thread", "edit", "annotation" or None."""
    relates = content.get("m.relates_to")
    if not isinstance(relates, dict):
        return None
    kind = relates.get("rel_type")
    if kind == "m.thread":
        return "thread"
    if kind == "m.replace":
        return "edit"
    if kind == "m.annotation":
        return "annotation"
    if isinstance(relates.get("m.in_reply_to"), dict):
        return "reply"
    return "other" if kind else None
