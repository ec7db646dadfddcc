"""`physical_activity`: log sessions, see this week against the guideline, plan next week.

WHO 2020: adults 150-300 minutes of moderate activity a week, or 75-150 of vigorous
(a vigorous minute counts as two), and any amount is better than none. Storage shape:
one `ActivitySession` per session or plan.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, ClassVar, Literal

from msgspec import Meta

from ecouch_tui.content.blocks.base import BlockBase, EntryData, Id, Markdown
from ecouch_tui.wording import short_date

Intensity = Literal["light", "moderate", "vigorous"]


class ActivitySession(EntryData, kw_only=True):
    activity: str = ""
    day: date | None = None
    minutes: Annotated[int, Meta(ge=0, le=1440)] | None = None
    intensity: Intensity | None = None
    #: A plan for a coming day rather than something already done.
    planned: bool = False
    done: bool = False

    def summary(self) -> str:
        when = short_date(self.day) if self.day else "no day yet"
        amount = f"{self.minutes} min" if self.minutes is not None else "? min"
        state = ""
        if self.planned:
            state = " · done as planned ✓" if self.done else " · planned"
        what = self.activity.strip() or "(no activity yet)"
        return f"{when} · {what} · {amount} {self.intensity or ''}".rstrip() + state

    def text(self) -> str:
        return self.summary()

    def missing(self) -> list[str]:
        needs = []
        if not self.activity.strip():
            needs.append("say what activity")
        if self.minutes is None:
            needs.append("give the minutes")
        if self.intensity is None:
            needs.append("choose light, moderate or vigorous")
        if self.planned and self.day is None:
            needs.append("choose a day")
        return needs

    @property
    def counts(self) -> bool:
        """Something done (a log, or a plan marked done), rather than only planned."""
        return not self.planned or self.done


class PhysicalActivityBlock(BlockBase, tag="physical_activity", kw_only=True, frozen=True):
    label: ClassVar[str] = "physical activity block"
    entry_type: ClassVar[type | None] = ActivitySession
    words: ClassVar[str] = "Physical activity"
    interactive: ClassVar[bool] = True
    repeatable: ClassVar[bool] = True
    id: Id
    prompt: Markdown | None = None
    weekly_goal_minutes: Annotated[int, Meta(ge=10, le=600)] = 150
