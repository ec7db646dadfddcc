"""One event against the board's rules: the judgement both the server module and our
client make, so a post the client lets through is one the server takes.

Pure: an event's type and content in, a verdict out. Which room kind it is in, and
whether the sender is a moderator (whom the text rules do not bind: they post crisis
numbers), the caller says.
"""

from __future__ import annotations

import re
from html import unescape
from typing import Any

from ecouch_tui.board.rooms import PROFILE_EVENT, THOUGHT_RECORD_EVENT, relation
from ecouch_tui.board.rules import Kind, Verdict, check_post, reaction_allowed, replies_allowed
from ecouch_tui.content.board_rules import BoardRules

#: Message types a member may post: words only (no images, files, locations or polls).
TEXT_TYPES = frozenset({"m.text", "m.emote"})
#: The fields of a shared profile (the rest are refused, so nothing hides in them).
PROFILE_FIELDS = frozenset({"age_group", "recovered", "story"})

_TAG = re.compile(r"<[^>]*>")


def refused(kind: Kind, why: str, rule_id: str | None = None) -> Verdict:
    """A refusal that no text rule made (a reply where there are none, an odd reaction)."""
    return Verdict(
        allowed=False,
        rule_id=rule_id or kind,
        rule_name=None,
        kind=kind,
        help=None,
        why=why,
        matched=None,
    )


def texts(content: dict[str, Any]) -> list[str]:
    """Every piece of text a message carries: its body, its formatted body (another
    client could put different words there), and an edit's new text."""
    found: list[str] = []
    for where in (content, content.get("m.new_content")):
        if not isinstance(where, dict):
            continue
        for key in ("body", "formatted_body"):
            value = where.get(key)
            if isinstance(value, str) and value:
                found.append(unescape(_TAG.sub(" ", value)) if key == "formatted_body" else value)
    return found


def judge_text(rules: BoardRules, room: str, pieces: list[str]) -> Verdict | None:
    """The first rule the words break, or None. The first piece (the body) is held to
    the room's length too; a formatted copy or an edit's new text is checked for rules."""
    for index, piece in enumerate(pieces):
        verdict = check_post(rules, piece, room if index == 0 and room else None)
        if not verdict.allowed:
            return verdict
    return None


def judge_event(
    rules: BoardRules, room: str, event_type: str, content: dict[str, Any]
) -> Verdict | None:
    """None when a member may send this event in a room of this kind; else why not."""
    if event_type == "m.reaction":
        relates = content.get("m.relates_to")
        key = relates.get("key") if isinstance(relates, dict) else None
        if relation(content) != "annotation" or not isinstance(key, str):
            return refused("reaction", "A reaction must name the post it answers.")
        if not reaction_allowed(rules, room, key):
            return refused("reaction", f"'{key[:40]}' is not one of this room's reactions.")
        return None
    if event_type == "m.room.message":
        if content.get("msgtype") not in TEXT_TYPES:
            return refused("kind", "Only words can be posted on the board.")
        if relation(content) in ("reply", "thread") and not replies_allowed(rules, room):
            return refused("reply", "Posts here are answered with reactions, not replies.")
        if relation(content) == "edit" and not replies_allowed(rules, room):
            new = content.get("m.new_content")
            if isinstance(new, dict) and new.get("m.relates_to"):
                return refused("reply", "Posts here are answered with reactions, not replies.")
        return judge_text(rules, room, texts(content))
    if event_type == THOUGHT_RECORD_EVENT:
        columns = content.get("columns")
        if not isinstance(columns, dict) or not columns:
            return refused("kind", "A shared thought record needs at least one column.")
        values = [v for v in columns.values() if isinstance(v, str)]
        if len(values) != len(columns) or not all(isinstance(k, str) for k in columns):
            return refused("kind", "A shared thought record holds only words.")
        return judge_text(rules, room, ["\n".join(values)])
    if event_type == PROFILE_EVENT:
        extra = set(content) - PROFILE_FIELDS
        if extra or not all(isinstance(v, str) for v in content.values()):
            return refused("kind", "A profile holds an age group, how you feel and a story.")
        return judge_text(rules, "", [v for v in content.values() if v])
    return None
