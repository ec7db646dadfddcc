"""`formulation`: your own CBT cycle: situation → thoughts → feelings → body → behaviour.

Storage shape: one `Formulation` per cycle; every block shows all of them.
"""

from __future__ import annotations

from typing import ClassVar

from ecouch_tui.content.blocks.base import BlockBase, EntryData, Id, Markdown

PARTS = ("situation", "thoughts", "feelings", "body", "behaviour")


class FormulationBlock(BlockBase, tag="formulation", kw_only=True, frozen=True):
    label: ClassVar[str] = "formulation block"
    interactive: ClassVar[bool] = True
    repeatable: ClassVar[bool] = True
    id: Id
    prompt: Markdown | None = None


class Formulation(EntryData, kw_only=True):
    situation: str = ""
    thoughts: str = ""
    feelings: str = ""
    body: str = ""
    behaviour: str = ""

    def summary(self) -> str:
        filled = sum(bool(getattr(self, part).strip()) for part in PARTS)
        return f"{self.situation.strip() or '(no situation yet)'} · {filled} of 5 parts"

    def missing(self) -> list[str]:
        return [f"fill in {part}" for part in PARTS if not getattr(self, part).strip()]
