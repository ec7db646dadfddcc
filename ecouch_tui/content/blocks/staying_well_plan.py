"""`staying_well_plan`: a written plan for staying well, made while well (module 12).

One plan per user, shared by every block of this type; the report includes it.
Storage shape: one `StayingWellPlan` (uid "staying_well_plan").
"""

from __future__ import annotations

from typing import ClassVar

from ecouch_tui.content.blocks.base import BlockBase, Id, Markdown
from ecouch_tui.content.entries import SectionedPlan

SECTIONS: dict[str, str] = {
    "what_helped": "What helped me most in this course",
    "daily_habits": "Daily habits that keep me well",
    "warning_signs": "My early warning signs",
    "triggers": "Situations that can set me back",
    "if_signs_return": "What I will do if the signs come back",
    "people": "People I can talk to",
    "professionals": "Professionals and services I can contact",
}

#: A nudge under each section title: what to write, with an example or two.
SECTION_HINTS: dict[str, str] = {
    "what_helped": "Skills or ideas that made a difference, e.g. planning one enjoyable "
    "thing a day, or questioning a harsh thought.",
    "daily_habits": "Small things you do most days: a regular wake time, a walk, meals, "
    "time with someone.",
    "warning_signs": "The first changes you notice as mood slips, e.g. sleeping badly, "
    "dropping plans, more self-critical thoughts.",
    "triggers": "Times or events that brought low mood before: stress at work, "
    "arguments, a loss, an anniversary, winter.",
    "if_signs_return": "Early, simple steps: go back to what helped, tell someone, "
    "book a GP visit. Write them so you can follow them on a bad day.",
    "people": "Who you could tell that things are hard, and how to reach them.",
    "professionals": "Your GP, a counsellor or psychologist, a helpline. F1 shows "
    "crisis lines for your region at any time.",
}


class StayingWellPlan(SectionedPlan, kw_only=True):
    LABELS: ClassVar[dict[str, str]] = SECTIONS
    what_helped: str = ""
    daily_habits: str = ""
    warning_signs: str = ""
    triggers: str = ""
    if_signs_return: str = ""
    people: str = ""
    professionals: str = ""

    def missing(self) -> list[str]:
        return [f"write '{title}'" for key, title in SECTIONS.items() if not self.written(key)]

    def text(self) -> str:
        """The written sections under their titles, for search and the report."""
        return "\n\n".join(
            f"{title}\n{getattr(self, key).strip()}"
            for key, title in SECTIONS.items()
            if self.written(key)
        )


class StayingWellPlanBlock(BlockBase, tag="staying_well_plan", kw_only=True, frozen=True):
    label: ClassVar[str] = "staying well plan block"
    entry_type: ClassVar[type | None] = StayingWellPlan
    words: ClassVar[str] = "Staying-well plan"
    interactive: ClassVar[bool] = True
    shared: ClassVar[bool] = True
    id: Id
    prompt: Markdown | None = None
