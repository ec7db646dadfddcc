"""`interpersonal_inventory`: the important people in your life, and the IPT problem area.

One inventory per user, shared by every block of this type (modules 7 and 8). Storage
shape: one `Inventory` (uid "interpersonal_inventory"). The questions asked about each
person follow IPT's inventory (Weissman, Markowitz & Klerman): what is good and hard,
what you can and can't talk about, how arguments go and end, what you would change.
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

import msgspec
from msgspec import Meta

from ecouch_tui.content.blocks.base import BlockBase, EntryData, Id, Markdown, Rating10
from ecouch_tui.content.entries import has_content

ProblemArea = Literal["grief", "role_dispute", "role_transition", "isolation"]
PROBLEM_AREAS: dict[str, str] = {
    "grief": "Grief: the loss of someone important",
    "role_dispute": "A disagreement: you and someone expect different things",
    "role_transition": "A change: a new role, or an old one ending",
    "isolation": "Isolation: too few close, supportive relationships",
}

#: Closeness, from the closest circle outwards (the stored value is the key).
CIRCLES: dict[int, str] = {
    1: "Inner circle",
    2: "Middle circle",
    3: "Outer circle",
}
CIRCLE_HINTS: dict[int, str] = {
    1: "the closest people, who matter most",
    2: "people who matter, but less closely",
    3: "people around you, not close",
}

#: The open questions asked about each person: field name -> (question, hint).
PERSON_QUESTIONS: dict[str, tuple[str, str]] = {
    "good": ("What is good about this relationship?", "What you like; time you enjoy together"),
    "hard": ("What is hard about it?", "What you dislike, or what worries or upsets you"),
    "talk_about": ("What can you talk about with them?", "Topics that feel easy"),
    "cant_talk_about": ("What can't you talk about?", "Things you hold back, and why"),
    "arguments": (
        "When you disagree, how does it go and how does it end?",
        "What usually happens, and how you both feel after",
    ),
    "change": ("What would you like to change?", "Even something small counts"),
}

NAME_NEEDED = "Add a name or initials first, so this person can be saved."


class Person(msgspec.Struct, kw_only=True):
    name: str = ""
    #: 1 = closest circle ... 3 = outer circle.
    closeness: Annotated[int, Meta(ge=1, le=3)] | None = None
    support_received: Rating10 | None = None
    support_given: Rating10 | None = None
    good: str = ""
    hard: str = ""
    talk_about: str = ""
    cant_talk_about: str = ""
    arguments: str = ""
    change: str = ""

    @property
    def named(self) -> bool:
        """A person is only kept once they have a name (or initials) to list them by."""
        return bool(self.name.strip())

    @property
    def blank(self) -> bool:
        """Nothing written or rated yet: closing it loses nothing."""
        return not any(has_content(value) for value in msgspec.structs.astuple(self))

    @property
    def circle(self) -> str:
        return CIRCLES[self.closeness].lower() if self.closeness else "circle not chosen"

    def summary(self) -> str:
        """One line for the list of people."""
        parts = [self.name.strip() or "(no name yet)", self.circle]
        if self.support_received is not None or self.support_given is not None:
            got = "–" if self.support_received is None else str(self.support_received)
            gave = "–" if self.support_given is None else str(self.support_given)
            parts.append(f"support: you get {got}, you give {gave}")
        return " · ".join(parts)

    def text(self) -> str:
        lines = [f"{self.name.strip()} ({self.circle})"]
        if self.support_received is not None:
            lines.append(f"Support I get: {self.support_received}/10")
        if self.support_given is not None:
            lines.append(f"Support I give: {self.support_given}/10")
        for field, (question, _hint) in PERSON_QUESTIONS.items():
            answer = getattr(self, field).strip()
            if answer:
                lines.append(f"{question} {answer}")
        return "\n".join(lines)


class Inventory(EntryData, kw_only=True):
    people: list[Person] = []
    problem_area: ProblemArea | None = None
    notes: str = ""

    def summary(self) -> str:
        named = [p.name for p in self.people if p.name.strip()]
        area = (
            PROBLEM_AREAS[self.problem_area].split(":")[0] if self.problem_area else "no area yet"
        )
        people = "person" if len(named) == 1 else "people"
        return f"{len(named)} {people} · {area}"

    def missing(self) -> list[str]:
        return [] if any(p.name.strip() for p in self.people) else ["add at least one person"]

    def text(self) -> str:
        """Each person in turn, then the problem area, for search and the report."""
        parts = [p.text() for p in self.people if p.named]
        if self.problem_area:
            parts.append(f"Problem area that fits best: {PROBLEM_AREAS[self.problem_area]}")
        if self.notes.strip():
            parts.append(self.notes.strip())
        return "\n\n".join(parts)

    def circles(self) -> dict[int | None, list[str]]:
        """Names by circle, closest first (None: not placed yet), for the at-a-glance view."""
        placed: dict[int | None, list[str]] = {key: [] for key in CIRCLES}
        for person in self.people:
            if person.named:
                placed.setdefault(person.closeness, []).append(person.name.strip())
        return placed


class InterpersonalInventoryBlock(
    BlockBase, tag="interpersonal_inventory", kw_only=True, frozen=True
):
    label: ClassVar[str] = "interpersonal inventory block"
    entry_type: ClassVar[type | None] = Inventory
    words: ClassVar[str] = "People in my life"
    interactive: ClassVar[bool] = True
    shared: ClassVar[bool] = True
    id: Id
    prompt: Markdown | None = None
    #: Ask which problem area fits best (module 7 may leave it for module 8).
    ask_problem_area: bool = True
