"""`relaxation`: guided, timed practice: a breathing pacer or progressive muscle relaxation.

Storage shape: one `RelaxationSession` per practice (minutes, tension before/after).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, ClassVar, Literal

import msgspec
from msgspec import Meta

from ecouch_tui.content.blocks.base import (
    BlockBase,
    EntryData,
    Findings,
    Id,
    Markdown,
    Rating10,
    Text,
)
from ecouch_tui.wording import short_date

Seconds = Annotated[float, Meta(ge=0, le=20)]


class Breathing(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A slow-breathing rhythm, e.g. 4 s in and 6 s out: about 6 breaths a minute."""

    label: ClassVar[str] = "breathing rhythm"
    inhale: Annotated[float, Meta(ge=1, le=12)] = 4
    hold: Seconds = 0
    exhale: Annotated[float, Meta(ge=1, le=15)] = 6
    hold_after: Seconds = 0
    #: Half a minute for quick relaxation (Öst's rapid relaxation: 20 to 30 s), up to 30.
    minutes: Annotated[float, Meta(ge=0.5, le=30)] = 5
    #: A cue word said on each breath out (Öst's cue-controlled relaxation), e.g. "settle".
    cue: Annotated[str, Meta(min_length=1, max_length=20)] | None = None

    @property
    def cycle_seconds(self) -> float:
        return self.inhale + self.hold + self.exhale + self.hold_after


class MuscleGroup(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    label: ClassVar[str] = "muscle group"
    name: Text
    instruction: Text


class Pmr(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Progressive muscle relaxation: tense each group (never to pain), then release."""

    label: ClassVar[str] = "muscle relaxation"
    #: 0 for release only (Öst's second step): each group is let go without tensing it.
    tense_seconds: Annotated[int, Meta(ge=0, le=15)] = 7
    release_seconds: Annotated[int, Meta(ge=5, le=40)] = 20
    #: How many times in a row each group is tensed and released.
    rounds: Annotated[int, Meta(ge=1, le=3)] = 1
    groups: Annotated[list[MuscleGroup], Meta(min_length=3)]

    @property
    def release_only(self) -> bool:
        return self.tense_seconds == 0


class RelaxationSession(EntryData, kw_only=True):
    """One practice, saved when it starts and updated as it goes (so leaving keeps it)."""

    exercise: str = "breathing"
    #: When practice began (the store's timestamp format).
    started_at: str = ""
    #: Minutes actually practised: pauses are not counted.
    minutes: float = 0
    tension_before: Rating10 | None = None
    tension_after: Rating10 | None = None
    #: Ran to its end, rather than stopped early or left.
    completed: bool = False

    @property
    def what(self) -> str:
        return "slow breathing" if self.exercise == "breathing" else "muscle relaxation"

    @property
    def when(self) -> str:
        """'Mon 5 Jan 09:00', from the stored timestamp (the raw text if it will not parse)."""
        try:
            moment = datetime.fromisoformat(self.started_at)
        except ValueError:
            return self.started_at[:10] or "undated"
        return f"{short_date(moment)} {moment:%H:%M}"

    def summary(self) -> str:
        amount = "under 1 min" if self.minutes < 1 else f"{self.minutes:.0f} min"
        if not self.completed:
            amount += " (part-way)"
        tension = ""
        if self.tension_before is not None and self.tension_after is not None:
            tension = f" · tension {self.tension_before} → {self.tension_after}"
        elif self.tension_before is not None:
            tension = f" · tension {self.tension_before} before"
        return f"{self.when} · {self.what} · {amount}{tension}"

    def text(self) -> str:
        return self.summary()

    def empty(self) -> bool:
        """Not started (the exercise name alone, a default, is not something done)."""
        return not self.started_at and self.tension_before is None and self.tension_after is None


class RelaxationBlock(BlockBase, tag="relaxation", kw_only=True, frozen=True):
    label: ClassVar[str] = "relaxation block"
    entry_type: ClassVar[type | None] = RelaxationSession
    words: ClassVar[str] = "Relaxation"
    interactive: ClassVar[bool] = True
    repeatable: ClassVar[bool] = True
    id: Id
    prompt: Markdown | None = None
    exercise: Literal["breathing", "pmr"] = "breathing"
    breathing: Breathing = Breathing()
    pmr: Pmr | None = None

    def check(self) -> Findings:
        if self.exercise == "pmr" and self.pmr is None:
            yield ("exercise",), "'exercise: pmr' needs a 'pmr:' section with muscle groups"
