"""`problem_solving`: define the problem, list options, weigh pros and cons, choose, plan,
review. Storage shape: one `ProblemSolving` per problem.

The six steps are named here (not in the widget) so that what is missing can say which
step it belongs to, and a reopened problem can resume at the right step.
"""

from __future__ import annotations

from typing import ClassVar

import msgspec

from ecouch_tui.content.blocks.base import BlockBase, EntryData, Id, Markdown

#: The steps, in order; step numbers shown to the user are 1-based.
STEPS: tuple[str, ...] = (
    "Define the problem",
    "List options",
    "Pros and cons",
    "Choose one",
    "Plan the steps",
    "Review how it went",
)


class SolutionOption(msgspec.Struct, kw_only=True):
    text: str = ""
    pros: str = ""
    cons: str = ""


class ProblemSolving(EntryData, kw_only=True):
    problem: str = ""
    options: list[SolutionOption] = []
    #: Index into `options` (which may hold blank lines while the user is typing).
    chosen: int | None = None
    plan: str = ""
    review: str = ""
    done: bool = False

    def listed(self) -> list[tuple[int, SolutionOption]]:
        """The options that have text, with their index in `options`."""
        return [(i, o) for i, o in enumerate(self.options) if o.text.strip()]

    @property
    def chosen_option(self) -> SolutionOption | None:
        """The chosen option, if the choice still points at one with text."""
        if self.chosen is None or not 0 <= self.chosen < len(self.options):
            return None
        option = self.options[self.chosen]
        return option if option.text.strip() else None

    def tidy(self) -> ProblemSolving:
        """A copy without blank options, the choice following its option."""
        kept = self.listed()
        chosen = next((n for n, (i, _) in enumerate(kept) if i == self.chosen), None)
        return msgspec.structs.replace(self, options=[o for _, o in kept], chosen=chosen)

    def summary(self) -> str:
        first = self.problem.strip().splitlines()[0] if self.problem.strip() else ""
        if len(first) > 60:
            first = first[:59].rstrip() + "…"
        if self.review.strip():
            state = "reviewed"
        elif self.done:
            state = "done, review it later"
        elif self.plan.strip():
            state = "planned"
        else:
            state = f"draft, {len(self.listed())} options" if self.listed() else "draft"
        return f"{first or '(no problem written yet)'} · {state}"

    def text(self) -> str:
        lines = [self.problem.strip()]
        for i, option in self.listed():
            mark = "(chosen) " if i == self.chosen else ""
            lines.append(f"- {mark}{option.text.strip()}")
            if option.pros.strip():
                lines.append(f"  + {option.pros.strip()}")
            if option.cons.strip():
                lines.append(f"  - {option.cons.strip()}")
        lines += [self.plan.strip(), self.review.strip()]
        return "\n".join(line for line in lines if line)

    def missing_by_step(self) -> list[tuple[int, str]]:
        """(step number, what is missing) pairs, in step order."""
        needs: list[tuple[int, str]] = []
        if not self.problem.strip():
            needs.append((1, "describe the problem"))
        if len(self.listed()) < 2:
            needs.append((2, "list at least two options"))
        if self.chosen_option is None:
            needs.append((4, "choose an option"))
        if not self.plan.strip():
            needs.append((5, "plan the steps you will take"))
        return needs

    def missing(self) -> list[str]:
        return [need for _, need in self.missing_by_step()]

    def resume_step(self) -> int:
        """Where to pick up a problem again: the first step with work left in it."""
        needs = self.missing_by_step()
        if needs:
            weighed = any(o.pros.strip() or o.cons.strip() for _, o in self.listed())
            return 3 if needs[0][0] == 4 and not weighed else needs[0][0]
        return 6 if self.done else 5


class ProblemSolvingBlock(BlockBase, tag="problem_solving", kw_only=True, frozen=True):
    label: ClassVar[str] = "problem solving block"
    entry_type: ClassVar[type | None] = ProblemSolving
    words: ClassVar[str] = "Problem solving"
    interactive: ClassVar[bool] = True
    repeatable: ClassVar[bool] = True
    id: Id
    prompt: Markdown | None = None
