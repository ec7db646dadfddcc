"""The peer board's rules, kept as data (`modules/board/rules.yaml`) so a programme can
change what is held, refused and allowed without touching code.

Only the declaration lives here: what a rules file may say, and the checks across its
fields. Matching posts against it is `ecouch_tui.board.rules`, which builds its
patterns from these words by code (a rules file never holds a regular expression).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Annotated, Any, ClassVar, Literal

import msgspec
from msgspec import Meta

from ecouch_tui.content.blocks.base import Findings, Id, Text

#: Built-in detectors a topic or contact rule may name (`ecouch_tui.board.rules`).
DETECTORS: tuple[str, ...] = ("phone", "email", "url", "social_handle", "dose")
Detector = Literal["phone", "email", "url", "social_handle", "dose"]

#: What a member sees when a post touches a held topic.
Help = Literal["crisis", "moderators"]

#: The board's rooms; `ecouch board setup` makes one of each.
ROOMS: tuple[str, ...] = ("talk", "achieved", "thought_records")

#: A term: words of letters or digits, joined by single spaces, hyphens or apostrophes,
#: with an optional `*` at the end for any word ending.
_TERM = re.compile(r"^[^\W_]+(?:[ '\-][^\W_]+)*\*?$")
#: Letters before a trailing `*`, at least: `ov*` would hold half the language.
_STEM = 3

Term = Annotated[
    str,
    Meta(
        min_length=1,
        max_length=80,
        description="A word or phrase, matched on whole words whatever the case. End it "
        "with '*' to match any ending: 'overdos*' matches overdose and overdosed.",
    ),
]
#: One word of a generated handle: plain letters, so a handle never holds a digit.
HandleWord = Annotated[
    str,
    Meta(
        pattern=r"^[A-Za-z]{2,12}$",
        description="One word of 2 to 12 letters (A to Z).",
        extra={"pattern_message": "is not one word of 2 to 12 letters (A to Z)"},
    ),
]
Word = Annotated[str, Meta(min_length=1, max_length=40, description="One word.")]
Reaction = Annotated[
    str, Meta(min_length=1, max_length=40, description="A reaction's key, as members see it.")
]


class _Model(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    label: ClassVar[str] = "item"


class Topic(_Model, kw_only=True, frozen=True):
    """Posts that touch this topic are held for a moderator before anyone sees them."""

    label: ClassVar[str] = "held topic"
    id: Id
    name: Annotated[str, Meta(min_length=1, description="What moderators see it called.")]
    help: Annotated[
        Help,
        Meta(
            description="crisis: the member is shown crisis help for their region at once; "
            "moderators: the member is offered to send it privately to the moderators."
        ),
    ]
    terms: list[Term] = []
    detectors: list[Detector] = []
    why: Annotated[str, Meta(min_length=1, description="One kind sentence for the member.")]


class ContactRule(_Model, kw_only=True, frozen=True):
    """Contact details are refused: the member is asked to take them out."""

    label: ClassVar[str] = "contact rule"
    id: Id
    name: Text
    detectors: Annotated[list[Detector], Meta(min_length=1)]
    why: Annotated[str, Meta(min_length=1, description="One kind sentence for the member.")]
    allow_crisis_lines: Annotated[
        bool,
        Meta(
            description="Let members share the numbers of ecouch's crisis lines "
            "(crisis_lines.yaml) and emergency numbers: a phone rule holds every other."
        ),
    ] = False


class HandleRules(_Model, kw_only=True, frozen=True):
    """Anonymous handles: made from two lists of calm words (QuietHeron), never a name."""

    label: ClassVar[str] = "handle rules"
    adjectives: Annotated[list[HandleWord], Meta(min_length=2)]
    nouns: Annotated[list[HandleWord], Meta(min_length=2)]
    forbidden: Annotated[
        list[Word],
        Meta(description="Words a handle may not hold: first names, and words that pose as staff."),
    ] = []
    min_length: Annotated[int, Meta(ge=2, le=64)] = 3
    max_length: Annotated[int, Meta(ge=2, le=64)] = 24


class Room(_Model, kw_only=True, frozen=True):
    label: ClassVar[str] = "room"
    name: Text
    topic: Annotated[str, Meta(min_length=1, description="One line: what the room is for.")]
    max_length: Annotated[int, Meta(ge=1, le=20000, description="The longest post, in characters.")]
    replies: Annotated[bool, Meta(description="Whether a post here can be replied to.")]
    reactions: Annotated[
        list[Reaction],
        Meta(description="The only reactions accepted here; none when left out."),
    ] = []


class Rooms(_Model, kw_only=True, frozen=True):
    label: ClassVar[str] = "rooms"
    talk: Room
    achieved: Room
    thought_records: Room


class BoardRules(_Model, kw_only=True, frozen=True):
    label: ClassVar[str] = "board rules file"
    version: Literal[1]
    topics: list[Topic] = []
    contact: list[ContactRule] = []
    handle: HandleRules
    rooms: Rooms

    def room(self, name: str) -> Room | None:
        """A room by its key (`talk`, `achieved`, `thought_records`), or None."""
        return getattr(self.rooms, name, None) if name in ROOMS else None

    def check(self) -> Findings:
        yield from _unique_ids(self)
        for index, topic in enumerate(self.topics):
            where = ("topics", index)
            if not topic.terms and not topic.detectors:
                yield where, f"topic '{topic.id}' has no terms and no detectors: it holds nothing"
            yield from _terms(topic.terms, (*where, "terms"))
            yield from _twice(topic.detectors, (*where, "detectors"), "detector")
        for index, rule in enumerate(self.contact):
            yield from _twice(rule.detectors, ("contact", index, "detectors"), "detector")
        yield from _handle(self.handle)
        for name in ROOMS:
            yield from _twice(getattr(self.rooms, name).reactions, ("rooms", name, "reactions"))


def _unique_ids(rules: BoardRules) -> Findings:
    """Ids name a rule to moderators and in held posts: each once, topics and contact."""
    seen: set[str] = set()
    parts: tuple[tuple[str, Sequence[Topic | ContactRule]], ...] = (
        ("topics", rules.topics),
        ("contact", rules.contact),
    )
    for part, items in parts:
        for index, item in enumerate(items):
            if item.id in seen:
                yield (part, index, "id"), f"id '{item.id}' is used twice"
            seen.add(item.id)


def _terms(terms: list[str], where: tuple[str | int, ...]) -> Findings:
    seen: set[str] = set()
    for index, term in enumerate(terms):
        folded = " ".join(term.casefold().split())
        if not _TERM.match(folded):
            yield (
                (*where, index),
                f"'{term}' is not a term: use words of letters or digits, with single "
                "spaces, hyphens or apostrophes between them, and '*' only at the end",
            )
        elif folded.endswith("*") and len(folded.rsplit(" ", 1)[-1]) - 1 < _STEM:
            yield (
                (*where, index),
                f"'{term}' is too short before its '*': give at least {_STEM} letters",
            )
        elif folded in seen:
            yield (*where, index), f"'{term}' is listed twice"
        seen.add(folded)


def _twice(items: Sequence[str], where: tuple[str | int, ...], what: str = "reaction") -> Findings:
    for index, item in enumerate(items):
        if item in items[:index]:
            yield (*where, index), f"{what} '{item}' is listed twice"


def _handle(handle: HandleRules) -> Findings:
    """Every handle made from the two lists must pass the handle rules."""
    forbidden = {word.casefold() for word in handle.forbidden}
    for part in ("adjectives", "nouns"):
        for index, word in enumerate(getattr(handle, part)):
            if word.casefold() in forbidden:
                yield ("handle", part, index), f"'{word}' is also in 'forbidden:'"
    for index, word in enumerate(handle.forbidden):
        if any(not c.isalpha() for c in word):
            yield ("handle", "forbidden", index), f"'{word}' is not one word of letters"
    if handle.min_length > handle.max_length:
        yield ("handle", "min_length"), "min_length is more than max_length"
        return
    longest = max(map(len, handle.adjectives)) + max(map(len, handle.nouns))
    shortest = min(map(len, handle.adjectives)) + min(map(len, handle.nouns))
    if longest > handle.max_length:
        yield (
            ("handle", "max_length"),
            f"the longest handle the word lists make has {longest} letters, more than "
            f"max_length ({handle.max_length})",
        )
    if shortest < handle.min_length:
        yield (
            ("handle", "min_length"),
            f"the shortest handle the word lists make has {shortest} letters, fewer than "
            f"min_length ({handle.min_length})",
        )


def looks_like_board_rules(text: str) -> bool:
    """Whether a YAML file given on its own is a rules file rather than a module: it has
    the top-level keys only a rules file has."""
    return all(re.search(rf"(?m)^{key}[ \t]*:", text) for key in ("handle", "rooms"))


def board_rules_schema() -> dict[str, Any]:
    """The JSON Schema of a rules file, for editors' YAML language servers."""
    from ecouch_tui.content.schema import SCHEMA_DIALECT

    (schema,), defs = msgspec.json.schema_components([BoardRules])
    about = "The peer board's rules (modules/board/rules.yaml): held topics, contact "
    about += "details, anonymous handles and what each room accepts."
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "ecouch board rules",
        "description": about,
        **schema,
        "$defs": defs,
    }
