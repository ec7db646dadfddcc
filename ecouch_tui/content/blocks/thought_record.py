"""`thought_record`: the 5-column record (Greenberger & Padesky, Mind Over Mood).

Situation; feelings rated 0-100; automatic thoughts with belief 0-100 and the "hot"
one marked; evidence for and against and a balanced thought; the feelings re-rated.
Storage shape: one `ThoughtRecord` per record; every block shows all of them.
"""

from __future__ import annotations

from typing import ClassVar

import msgspec

from ecouch_tui.content.blocks.base import (
    BlockBase,
    EntryData,
    Id,
    Markdown,
    Rating100,
    Text,
    one_line,
)

DEFAULT_FEELINGS = ["sad", "anxious", "angry", "guilty", "ashamed", "hopeless", "lonely"]

#: The record's five steps, in order; step N (1-based) is STEPS[N - 1].
STEPS = ("Situation", "Feelings", "Thoughts", "Evidence and a balanced thought", "Outcome")


class RatedFeeling(msgspec.Struct, kw_only=True):
    name: str = ""
    rating: Rating100 | None = None


class AutomaticThought(msgspec.Struct, kw_only=True):
    text: str = ""
    belief: Rating100 | None = None
    hot: bool = False


class Rerated(msgspec.Struct, frozen=True):
    """One feeling, as strong as it was at first and after the balanced thought."""

    name: str
    before: int | None
    after: int | None


def _key(name: str) -> str:
    return name.strip().casefold()


def _rated(value: int | None) -> str:
    return "not rated" if value is None else str(value)


class ThoughtRecord(EntryData, kw_only=True):
    situation: str = ""
    feelings: list[RatedFeeling] = []
    thoughts: list[AutomaticThought] = []
    evidence_for: str = ""
    evidence_against: str = ""
    balanced: str = ""
    balanced_belief: Rating100 | None = None
    #: The same feelings, rated again after the balanced thought (matched by name).
    outcome: list[RatedFeeling] = []
    done: bool = False

    @property
    def hot_thought(self) -> AutomaticThought | None:
        marked = [t for t in self.thoughts if t.hot and t.text.strip()]
        written = [t for t in self.thoughts if t.text.strip()]
        return next(iter(marked or written), None)

    def named_feelings(self) -> list[RatedFeeling]:
        """The feelings the user named (a row left blank is not a feeling)."""
        return [f for f in self.feelings if f.name.strip()]

    def rerated(self) -> list[Rerated]:
        """Each named feeling before and after: the outcome is matched by name, so
        removing or reordering a feeling in step 2 keeps the other re-ratings."""
        after = {_key(f.name): f.rating for f in self.outcome}
        return [
            Rerated(f.name.strip(), f.rating, after.get(_key(f.name)))
            for f in self.named_feelings()
        ]

    def with_outcome(self, name: str, rating: int | None) -> list[RatedFeeling]:
        """The outcome list with `name` re-rated, in the order of step 2's feelings."""
        after = {_key(f.name): f.rating for f in self.outcome}
        after[_key(name)] = rating
        return [
            RatedFeeling(name=f.name.strip(), rating=after.get(_key(f.name)))
            for f in self.named_feelings()
        ]

    def gaps(self) -> list[tuple[int, str]]:
        """What still needs doing, each with the step (1-5) where it is done.

        Ratings of feelings are asked for because the record's point is to see the
        change; how strongly a thought is believed is welcome but optional.
        """
        needs: list[tuple[int, str]] = []
        if not self.situation.strip():
            needs.append((1, "describe the situation"))
        named = self.named_feelings()
        if not named:
            needs.append((2, "name at least one feeling"))
        for feeling in named:
            if feeling.rating is None:
                needs.append((2, f"rate how strong {feeling.name.strip()} was (0-100)"))
        if not any(t.text.strip() for t in self.thoughts):
            needs.append((3, "write the thought that went through your mind"))
        if not self.balanced.strip():
            needs.append((4, "write a balanced thought"))
        for change in self.rerated():
            if change.before is not None and change.after is None:
                needs.append((5, f"rate how strong {change.name} is now (0-100)"))
        return needs

    def missing(self) -> list[str]:
        return [words for _, words in self.gaps()]

    def first_gap(self) -> int:
        """The step to reopen a draft at: the first with something still to do."""
        gaps = self.gaps()
        return gaps[0][0] if gaps else len(STEPS)

    def summary(self) -> str:
        hot = self.hot_thought
        thought = f'"{one_line(hot.text, 50)}"' if hot else "(no thought yet)"
        state = "" if self.done else " · draft"
        return f"{one_line(self.situation, 40) or '(no situation yet)'} · {thought}{state}"

    def sections(self) -> list[tuple[str, str]]:
        """What is written, as (heading, text) pairs in the record's order."""
        parts: list[tuple[str, str]] = []
        if self.situation.strip():
            parts.append(("Situation", self.situation.strip()))
        named = self.named_feelings()
        if named:
            parts.append(
                ("Feelings", ", ".join(f"{f.name.strip()} {_rated(f.rating)}" for f in named))
            )
        hot = self.hot_thought
        written = [t for t in self.thoughts if t.text.strip()]
        for thought in written:
            notes = ["the hot thought"] if thought is hot and len(written) > 1 else []
            if thought.belief is not None:
                notes.append(f"believed {thought.belief}/100")
            note = f" ({', '.join(notes)})" if notes else ""
            parts.append(("Thought", f'"{thought.text.strip()}"{note}'))
        if self.evidence_for.strip():
            parts.append(("Evidence for", self.evidence_for.strip()))
        if self.evidence_against.strip():
            parts.append(("Evidence against", self.evidence_against.strip()))
        if self.balanced.strip():
            belief = self.balanced_belief
            note = "" if belief is None else f" (believed {belief}/100)"
            parts.append(("Balanced thought", f"{self.balanced.strip()}{note}"))
        after = [c for c in self.rerated() if c.after is not None]
        if after:
            changes = ", ".join(f"{c.name} {c.after} (was {_rated(c.before)})" for c in after)
            parts.append(("Feelings after", changes))
        return parts

    def text(self) -> str:
        return "\n".join(f"{heading}: {words}" for heading, words in self.sections())


class ThoughtRecordBlock(BlockBase, tag="thought_record", kw_only=True, frozen=True):
    label: ClassVar[str] = "thought record block"
    entry_type: ClassVar[type | None] = ThoughtRecord
    words: ClassVar[str] = "Thought record"
    interactive: ClassVar[bool] = True
    repeatable: ClassVar[bool] = True
    id: Id
    prompt: Markdown | None = None
    #: Feeling words offered as suggestions (the user may type their own).
    feelings: list[Text] = msgspec.field(default_factory=lambda: list(DEFAULT_FEELINGS))
