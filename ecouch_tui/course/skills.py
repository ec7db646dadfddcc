"""Which skills a user used most: their entries counted by kind, with where each is taught.

For the `skills_review` block of a booster. Pure: the course and the entries in.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import msgspec

from ecouch_tui.content.loader import LoadedCourse
from ecouch_tui.store.records import Entry

#: Entry kinds that are answers or plans, not skills practised.
NOT_SKILLS = frozenset({"quiz", "reflection", "staying_well_plan", "safety_plan"})


class Place(msgspec.Struct, frozen=True, kw_only=True):
    week: int
    title: str


class SkillUse(msgspec.Struct, frozen=True, kw_only=True):
    kind: str
    #: The kind in words ("Thought record").
    words: str
    count: int
    #: The weeks that teach it, in order.
    places: tuple[Place, ...] = ()

    def where(self) -> str:
        """'week 5 (Thoughts) and week 6 (Thinking traps)'; '' when no week has it."""
        parts = [f"week {p.week} ({p.title})" for p in self.places]
        if len(parts) <= 1:
            return "".join(parts)
        return f"{', '.join(parts[:-1])} and {parts[-1]}"


def places_of(course: LoadedCourse) -> dict[str, tuple[Place, ...]]:
    """Each exercise kind of the course's weeks, with the weeks that have it."""
    found: dict[str, list[Place]] = {}
    for entry in course.entries:
        module = entry.module
        if module is None:
            continue
        for _, block in module.blocks():
            if not block.interactive or block.kind in NOT_SKILLS:
                continue
            places = found.setdefault(block.kind, [])
            if not places or places[-1].week != entry.week:
                places.append(Place(week=entry.week, title=module.title))
    return {kind: tuple(places) for kind, places in found.items()}


def skills_used(
    entries: Iterable[Entry], places: dict[str, tuple[Place, ...]], top: int = 3
) -> list[SkillUse]:
    """The `top` exercise kinds with the most entries (ties: the one taught first)."""
    from ecouch_tui.content.blocks import block_class, kind_words

    counts: Counter[str] = Counter()
    for entry in entries:
        cls = block_class(entry.kind)
        if entry.kind in NOT_SKILLS or cls is None or not cls.interactive:
            continue
        counts[entry.kind] += 1
    first = {kind: (p[0].week if p else 99) for kind, p in places.items()}
    ranked = sorted(counts, key=lambda kind: (-counts[kind], first.get(kind, 99), kind))
    return [
        SkillUse(kind=kind, words=kind_words(kind), count=counts[kind], places=places.get(kind, ()))
        for kind in ranked[:top]
    ]


def course_skills(places: dict[str, tuple[Place, ...]]) -> list[SkillUse]:
    """Every exercise the course teaches, in the order it first comes (no entries yet)."""
    from ecouch_tui.content.blocks import kind_words

    ordered = sorted(places, key=lambda kind: places[kind][0].week if places[kind] else 99)
    return [
        SkillUse(kind=kind, words=kind_words(kind), count=0, places=places[kind])
        for kind in ordered
    ]
