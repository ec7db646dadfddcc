"""`interpersonal_inventory`: the important people in your life, and the IPT problem area.

One inventory per user, shared by every block of this type (modules 7 and 8). Storage
shape: one `Inventory` (uid "interpersonal_inventory").
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

import msgspec
from msgspec import Meta

from ecouch_tui.content.blocks.base import BlockBase, EntryData, Id, Markdown, Rating10

ProblemArea = Literal["grief", "role_dispute", "role_transition", "isolation"]
PROBLEM_AREAS: dict[str, str] = {
    "grief": "Grief: the loss of someone important",
    "role_dispute": "A disagreement: you and someone expect different things",
    "role_transition": "A change: a new role, or an old one ending",
    "isolation": "Isolation: too few close, supportive relationships",
}


class InterpersonalInventoryBlock(
    BlockBase, tag="interpersonal_inventory", kw_only=True, frozen=True
):
    label: ClassVar[str] = "interpersonal inventory block"
    interactive: ClassVar[bool] = True
    shared: ClassVar[bool] = True
    id: Id
    prompt: Markdown | None = None
    #: Ask which problem area fits best (module 7 may leave it for module 8).
    ask_problem_area: bool = True


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


class Inventory(EntryData, kw_only=True):
    people: list[Person] = []
    problem_area: ProblemArea | None = None
    notes: str = ""

    def summary(self) -> str:
        named = [p.name for p in self.people if p.name.strip()]
        area = (
            PROBLEM_AREAS[self.problem_area].split(":")[0] if self.problem_area else "no area yet"
        )
        return f"{len(named)} people · {area}"

    def missing(self) -> list[str]:
        return [] if any(p.name.strip() for p in self.people) else ["add at least one person"]
