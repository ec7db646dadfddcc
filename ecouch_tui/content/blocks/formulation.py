"""`formulation`: your own CBT cycle: situation → thoughts → feelings → body → behaviour.

Storage shape: one `Formulation` per cycle; every block shows all of them.
"""

from __future__ import annotations

from typing import ClassVar

from ecouch_tui.content.blocks.base import BlockBase, EntryData, Id, Markdown, one_line

#: The parts of the cycle, in the order one leads to the next.
PARTS = ("situation", "thoughts", "feelings", "body", "behaviour")


class Formulation(EntryData, kw_only=True):
    situation: str = ""
    thoughts: str = ""
    feelings: str = ""
    body: str = ""
    behaviour: str = ""

    def filled(self) -> int:
        return sum(bool(getattr(self, part).strip()) for part in PARTS)

    def summary(self) -> str:
        situation = one_line(self.situation) or "(no situation yet)"
        return f"{situation} · {self.filled()} of 5 parts"

    def text(self) -> str:
        return "\n".join(
            f"{part.capitalize()}: {getattr(self, part).strip()}"
            for part in PARTS
            if getattr(self, part).strip()
        )

    def missing(self) -> list[str]:
        return [f"fill in {part}" for part in PARTS if not getattr(self, part).strip()]


class FormulationBlock(BlockBase, tag="formulation", kw_only=True, frozen=True):
    label: ClassVar[str] = "formulation block"
    entry_type: ClassVar[type | None] = Formulation
    words: ClassVar[str] = "CBT cycle"
    interactive: ClassVar[bool] = True
    repeatable: ClassVar[bool] = True
    id: Id
    prompt: Markdown | None = None
