"""`rumination`: turn a spell of brooding into one next action.

Rumination is going over and over low mood, its causes and its meaning (Nolen-Hoeksema
1991). Rumination-focused CBT (Watkins 2016) teaches noticing the warning signs, moving
from abstract "why" questions to concrete "how" ones, and turning the dwelling into one
next step; what is left can be parked for a set daily worry time of 15-30 minutes
(Borkovec et al. 1983). Storage shape: one `RuminationEntry` per spell; a log.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Annotated, Any, ClassVar

from msgspec import Meta

from ecouch_tui.content.blocks.base import BlockBase, EntryData, Id, Markdown, one_line

#: The steps, in order; step N (1-based) is STEPS[N - 1].
STEPS = ("Notice it", "From why to how", "One next step")


class RuminationEntry(EntryData, kw_only=True):
    #: What the user kept going over.
    dwelling: str = ""
    #: What set it off, or the warning sign they noticed (situation, time of day).
    trigger: str = ""
    #: The "why" question they kept asking ("Why can't I cope like everyone else?").
    why_question: str = ""
    #: The same worry as a concrete "how" question ("How can I get through Monday?").
    how_question: str = ""
    #: One small next action, and when.
    action: str = ""
    action_when: str = ""
    #: When the rest is parked for: the daily worry time ("6:30 pm"); empty: not parked.
    worry_time: str = ""
    done: bool = False

    LABELS: ClassVar[dict[str, str]] = {
        "dwelling": "What I was dwelling on",
        "trigger": "What set it off",
        "why_question": "The why question",
        "how_question": "The how question",
        "action": "My next step",
        "action_when": "When",
        "worry_time": "Parked for worry time at",
    }

    def gaps(self) -> list[tuple[int, str]]:
        """What still needs doing, each with its step (1-3). What set it off, the why
        question and worry time are welcome but optional."""
        needs: list[tuple[int, str]] = []
        if not self.dwelling.strip():
            needs.append((1, "say what you were dwelling on"))
        how = self.how_question.strip()
        if not how:
            needs.append((2, 'write a "how" question'))
        elif how.casefold().startswith("why"):
            needs.append((2, 'turn the question into a "how" one (How can I …?)'))
        if not self.action.strip():
            needs.append((3, "choose one small next step"))
        if not self.action_when.strip():
            needs.append((3, "say when you will do it"))
        return needs

    def missing(self) -> list[str]:
        return [words for _, words in self.gaps()]

    def resume_step(self) -> int:
        gaps = self.gaps()
        return gaps[0][0] if gaps else len(STEPS)

    def summary(self) -> str:
        about = one_line(self.dwelling, 30) or "(not written yet)"
        parts = [about]
        if self.action.strip():
            when = f" ({one_line(self.action_when, 20)})" if self.action_when.strip() else ""
            parts.append(f"next: {one_line(self.action, 30)}{when}")
        elif self.how_question.strip():
            parts.append(one_line(self.how_question, 40))
        if self.worry_time.strip():
            parts.append(f"parked for {one_line(self.worry_time, 16)}")
        if not self.done:
            parts.append("draft")
        return " · ".join(parts)

    def sections(self) -> list[tuple[str, str]]:
        parts = []
        for name, heading in self.LABELS.items():
            value = str(getattr(self, name)).strip()
            if value:
                parts.append((heading, value))
        return parts

    def text(self) -> str:
        return "\n".join(f"{heading}: {words}" for heading, words in self.sections())


#: The demo's person's spells: (dwelling, trigger, why, how, action, when, worry time).
_DEMO_SPELLS = (
    (
        "Going over the argument with Dad and what I should have said.",
        "Lying in bed after the light was off, about 11 pm.",
        "Why do I always mess things up with him?",
        "How can I start the next call with him on a better note?",
        "Send Dad a short text asking how his knee is.",
        "Tomorrow after lunch",
    ),
    (
        "Feeling behind at work, and what that says about me.",
        "Sunday afternoon, thinking about Monday.",
        "Why can't I keep up like everyone else?",
        "How can I make Monday morning easier?",
        "Write a list of the three jobs that matter most on Monday.",
        "Tonight at 7",
    ),
    (
        "Replaying the party and how quiet I was.",
        "On the bus home, looking at photos from it.",
        "Why am I so awkward?",
        "How can I feel a bit more at ease next time?",
        "Ask Sam if they want to get lunch, just the two of us.",
        "Thursday",
    ),
)


class RuminationBlock(BlockBase, tag="rumination", kw_only=True, frozen=True):
    label: ClassVar[str] = "rumination block"
    entry_type: ClassVar[type | None] = RuminationEntry
    words: ClassVar[str] = "Rumination to action"
    interactive: ClassVar[bool] = True
    repeatable: ClassVar[bool] = True
    id: Id
    prompt: Markdown | None = None
    #: Offer to park what is left for a daily worry time (the last, optional question).
    worry_time: bool = True
    #: How long the worry time suggested is (Borkovec et al. used 30 minutes).
    worry_minutes: Annotated[int, Meta(ge=15, le=30)] = 20

    def demo_entries(self, met: datetime, rng: random.Random) -> Iterator[tuple[datetime, Any]]:
        """Two spells turned into next steps over the following days."""
        for number, index in enumerate(rng.sample(range(len(_DEMO_SPELLS)), 2)):
            dwelling, trigger, why, how, action, when = _DEMO_SPELLS[index]
            parked = self.worry_time and rng.random() < 0.5
            yield (
                met + timedelta(days=1 + 3 * number + rng.randint(0, 1), hours=3),
                RuminationEntry(
                    dwelling=dwelling,
                    trigger=trigger,
                    why_question=why,
                    how_question=how,
                    action=action,
                    action_when=when,
                    worry_time="6:30 pm" if parked else "",
                    done=True,
                ),
            )
