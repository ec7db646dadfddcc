"""`activity_schedule`: plan activities for the coming days, then rate what happened.

Expected enjoyment and achievement when planning; actual ones when marked done, so
planned and actual can be compared. Storage shape: one `PlannedActivity` per plan.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, ClassVar

from msgspec import Meta

from ecouch_tui.content.blocks.base import BlockBase, EntryData, Id, Markdown, Rating10


class ActivityScheduleBlock(BlockBase, tag="activity_schedule", kw_only=True, frozen=True):
    label: ClassVar[str] = "activity schedule block"
    interactive: ClassVar[bool] = True
    repeatable: ClassVar[bool] = True
    id: Id
    prompt: Markdown | None = None
    days_ahead: Annotated[int, Meta(ge=1, le=14)] = 7


class PlannedActivity(EntryData, kw_only=True):
    what: str = ""
    day: date | None = None
    time: str = ""
    expected_achievement: Rating10 | None = None
    expected_enjoyment: Rating10 | None = None
    done: bool = False
    actual_achievement: Rating10 | None = None
    actual_enjoyment: Rating10 | None = None
    note: str = ""

    def summary(self) -> str:
        when = f"{self.day:%a %d %b}" if self.day else "no day yet"
        state = "done" if self.done else "planned"
        return f"{when} · {self.what or '(nothing written yet)'} · {state}"

    def missing(self) -> list[str]:
        needs = []
        if not self.what.strip():
            needs.append("say what you plan to do")
        if self.day is None:
            needs.append("choose a day")
        return needs
