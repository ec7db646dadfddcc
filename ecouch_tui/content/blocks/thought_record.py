"""`thought_record`: the 5-column record (Greenberger & Padesky, Mind Over Mood).

Situation; feelings rated 0-100; automatic thoughts with belief 0-100 and the "hot"
one marked; evidence for and against and a balanced thought; the feelings re-rated.
Storage shape: one `ThoughtRecord` per record; every block shows all of them.
"""

from __future__ import annotations

from typing import ClassVar

import msgspec

from ecouch_tui.content.blocks.base import BlockBase, EntryData, Id, Markdown, Rating100, Text

DEFAULT_FEELINGS = ["sad", "anxious", "angry", "guilty", "ashamed", "hopeless", "lonely"]


class ThoughtRecordBlock(BlockBase, tag="thought_record", kw_only=True, frozen=True):
    label: ClassVar[str] = "thought record block"
    interactive: ClassVar[bool] = True
    repeatable: ClassVar[bool] = True
    id: Id
    prompt: Markdown | None = None
    #: Feeling words offered as suggestions (the user may type their own).
    feelings: list[Text] = msgspec.field(default_factory=lambda: list(DEFAULT_FEELINGS))


class RatedFeeling(msgspec.Struct, kw_only=True):
    name: str = ""
    rating: Rating100 | None = None


class AutomaticThought(msgspec.Struct, kw_only=True):
    text: str = ""
    belief: Rating100 | None = None
    hot: bool = False


class ThoughtRecord(EntryData, kw_only=True):
    situation: str = ""
    feelings: list[RatedFeeling] = []
    thoughts: list[AutomaticThought] = []
    evidence_for: str = ""
    evidence_against: str = ""
    balanced: str = ""
    balanced_belief: Rating100 | None = None
    #: The same feelings, rated again after the balanced thought.
    outcome: list[RatedFeeling] = []
    done: bool = False

    @property
    def hot_thought(self) -> AutomaticThought | None:
        marked = [t for t in self.thoughts if t.hot and t.text.strip()]
        written = [t for t in self.thoughts if t.text.strip()]
        return (marked or written or [None])[0]

    def summary(self) -> str:
        hot = self.hot_thought
        thought = f'"{hot.text.strip()}"' if hot else "(no thought yet)"
        state = "" if self.done else " · draft"
        return f"{self.situation.strip() or '(no situation yet)'} · {thought}{state}"

    def missing(self) -> list[str]:
        needs = []
        if not self.situation.strip():
            needs.append("describe the situation")
        if not any(f.name.strip() for f in self.feelings):
            needs.append("name at least one feeling")
        if not any(t.text.strip() for t in self.thoughts):
            needs.append("write the thought that went through your mind")
        if not self.balanced.strip():
            needs.append("write a balanced thought")
        return needs
