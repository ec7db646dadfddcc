"""`activity_schedule`: plan activities for the coming days, then rate what happened.

Expected enjoyment and achievement when planning; actual ones when marked done, so
planned and actual can be compared (people with low mood often enjoy more than they
predict, and seeing it in their own numbers is the point). Storage shape: one
`PlannedActivity` per plan. The rules over many plans are in `course/schedule.py`.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, ClassVar

from msgspec import Meta

from ecouch_tui.content.blocks.base import BlockBase, EntryData, Id, Markdown, Rating10
from ecouch_tui.wording import short_date


def _rated(value: int | None) -> str:
    return "?" if value is None else str(value)


class PlannedActivity(EntryData, kw_only=True):
    what: str = ""
    day: date | None = None
    #: Free text such as "10:30" or "after lunch".
    time: str = ""
    expected_achievement: Rating10 | None = None
    expected_enjoyment: Rating10 | None = None
    done: bool = False
    actual_achievement: Rating10 | None = None
    actual_enjoyment: Rating10 | None = None
    note: str = ""

    @property
    def rated(self) -> bool:
        """Done, with both actual ratings: ready to compare with what was expected."""
        return (
            self.done and self.actual_achievement is not None and self.actual_enjoyment is not None
        )

    def expectation(self) -> str:
        """'expect achieve 4, enjoy 3': what the user predicted."""
        return (
            f"expect achieve {_rated(self.expected_achievement)}, "
            f"enjoy {_rated(self.expected_enjoyment)}"
        )

    def comparison(self) -> str:
        """'achieve 4 → 6 · enjoy 3 → 6': expected against actual, side by side."""
        return (
            f"achieve {_rated(self.expected_achievement)} → {_rated(self.actual_achievement)}"
            f" · enjoy {_rated(self.expected_enjoyment)} → {_rated(self.actual_enjoyment)}"
        )

    def outcome(self) -> str:
        """The comparison once done, the expectation before."""
        return self.comparison() if self.done else self.expectation()

    def summary(self) -> str:
        when = short_date(self.day) if self.day else "no day yet"
        if self.time:
            when += f" {self.time}"
        what = self.what.strip() or "(nothing written yet)"
        state = "done" if self.done else "planned"
        return f"{when} · {what} · {state}: {self.outcome()}"

    def text(self) -> str:
        lines = [self.what.strip()]
        if self.day:
            lines.append(f"{self.day.isoformat()} {self.time}".strip())
        lines.append(self.outcome())
        if self.note.strip():
            lines.append(self.note.strip())
        return "\n".join(line for line in lines if line)

    def missing(self) -> list[str]:
        needs = []
        if not self.what.strip():
            needs.append("say what you plan to do")
        if self.day is None:
            needs.append("choose a day")
        if self.expected_achievement is None:
            needs.append("say how much you expect to achieve (0-10)")
        if self.expected_enjoyment is None:
            needs.append("say how much you expect to enjoy it (0-10)")
        if self.done and self.actual_achievement is None:
            needs.append("rate how much you actually achieved (0-10)")
        if self.done and self.actual_enjoyment is None:
            needs.append("rate how much you actually enjoyed it (0-10)")
        return needs


class ActivityScheduleBlock(BlockBase, tag="activity_schedule", kw_only=True, frozen=True):
    label: ClassVar[str] = "activity schedule block"
    entry_type: ClassVar[type | None] = PlannedActivity
    words: ClassVar[str] = "Planned activity"
    interactive: ClassVar[bool] = True
    repeatable: ClassVar[bool] = True
    id: Id
    prompt: Markdown | None = None
    #: How far ahead a plan may be made (and how far the plan list looks ahead).
    days_ahead: Annotated[int, Meta(ge=1, le=14)] = 7
