"""`activity_log`: "achieved and enjoyed": what you did, when, and two 0-10 ratings.

One diary for the whole course: every activity_log block (and the quick add from home)
shows all of the user's entries. Storage shape: one `ActivityEntry` per activity.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from ecouch_tui.content.blocks.base import BlockBase, EntryData, Id, Markdown, Rating10, Text


class ActivityEntry(EntryData, kw_only=True):
    what: str = ""
    day: date | None = None
    #: Free text such as "10:30" or "after lunch".
    time: str = ""
    achievement: Rating10 | None = None
    enjoyment: Rating10 | None = None
    note: str = ""

    def summary(self) -> str:
        when = f"{self.day:%a %d %b}" if self.day else "undated"
        if self.time:
            when += f" {self.time}"
        ratings = []
        if self.achievement is not None:
            ratings.append(f"achieved {self.achievement}/10")
        if self.enjoyment is not None:
            ratings.append(f"enjoyed {self.enjoyment}/10")
        rated = ", ".join(ratings) if ratings else "not rated yet"
        return f"{when} · {self.what or '(nothing written yet)'} · {rated}"

    def missing(self) -> list[str]:
        needs = []
        if not self.what.strip():
            needs.append("say what you did")
        if self.achievement is None:
            needs.append("rate how much you achieved (0-10)")
        if self.enjoyment is None:
            needs.append("rate how much you enjoyed it (0-10)")
        return needs


class ActivityLogBlock(BlockBase, tag="activity_log", kw_only=True, frozen=True):
    label: ClassVar[str] = "activity log block"
    entry_type: ClassVar[type | None] = ActivityEntry
    words: ClassVar[str] = "Activity"
    interactive: ClassVar[bool] = True
    repeatable: ClassVar[bool] = True
    id: Id
    prompt: Markdown | None = None
    #: Examples shown under the "What did you do?" box.
    suggestions: list[Text] = []
