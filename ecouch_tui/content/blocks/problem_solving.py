"""`problem_solving`: define the problem, list options, weigh pros and cons, choose, plan,
review. Storage shape: one `ProblemSolving` per problem.
"""

from __future__ import annotations

from typing import ClassVar

import msgspec

from ecouch_tui.content.blocks.base import BlockBase, EntryData, Id, Markdown


class ProblemSolvingBlock(BlockBase, tag="problem_solving", kw_only=True, frozen=True):
    label: ClassVar[str] = "problem solving block"
    interactive: ClassVar[bool] = True
    repeatable: ClassVar[bool] = True
    id: Id
    prompt: Markdown | None = None


class SolutionOption(msgspec.Struct, kw_only=True):
    text: str = ""
    pros: str = ""
    cons: str = ""


class ProblemSolving(EntryData, kw_only=True):
    problem: str = ""
    options: list[SolutionOption] = []
    chosen: int | None = None
    plan: str = ""
    review: str = ""
    done: bool = False

    def summary(self) -> str:
        step = "reviewed" if self.review.strip() else "planned" if self.plan.strip() else "draft"
        return f"{self.problem.strip() or '(no problem written yet)'} · {step}"

    def missing(self) -> list[str]:
        needs = []
        if not self.problem.strip():
            needs.append("describe the problem")
        if sum(bool(o.text.strip()) for o in self.options) < 2:
            needs.append("list at least two options")
        if self.chosen is None:
            needs.append("choose an option")
        return needs
