"""`staying_well_plan`: a written plan for staying well, made while well (module 12).

One plan per user, shared by every block of this type; the report includes it.
Storage shape: one `StayingWellPlan` (uid "staying_well_plan").
"""

from __future__ import annotations

from typing import ClassVar

from ecouch_tui.content.blocks.base import BlockBase, EntryData, Id, Markdown

SECTIONS: dict[str, str] = {
    "what_helped": "What helped me most in this course",
    "daily_habits": "Daily habits that keep me well",
    "warning_signs": "My early warning signs",
    "triggers": "Situations that can set me back",
    "if_signs_return": "What I will do if the signs come back",
    "people": "People I can talk to",
    "professionals": "Professionals and services I can contact",
}


class StayingWellPlanBlock(BlockBase, tag="staying_well_plan", kw_only=True, frozen=True):
    label: ClassVar[str] = "staying well plan block"
    interactive: ClassVar[bool] = True
    shared: ClassVar[bool] = True
    id: Id
    prompt: Markdown | None = None


class StayingWellPlan(EntryData, kw_only=True):
    what_helped: str = ""
    daily_habits: str = ""
    warning_signs: str = ""
    triggers: str = ""
    if_signs_return: str = ""
    people: str = ""
    professionals: str = ""

    def summary(self) -> str:
        filled = sum(bool(getattr(self, key).strip()) for key in SECTIONS)
        return f"{filled} of {len(SECTIONS)} sections written"

    def missing(self) -> list[str]:
        return [
            f"write '{title}'" for key, title in SECTIONS.items() if not getattr(self, key).strip()
        ]
