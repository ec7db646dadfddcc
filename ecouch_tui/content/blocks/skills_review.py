"""`skills_review`: the exercises this user used most, with counts and where each lives.

Nothing is written here: the block reads the user's own entries (the rule is
`course/skills.py`) and lists the `top` kinds they saved most often, each with the
weeks that teach it. With no entries yet it lists the course's exercises instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, ClassVar

from msgspec import Meta

from ecouch_tui.content.blocks.base import BlockBase, Id, Markdown


class SkillsReviewBlock(BlockBase, tag="skills_review", kw_only=True, frozen=True):
    label: ClassVar[str] = "skills review block"
    id: Id | None = None
    #: Shown above the list.
    prompt: Markdown | None = None
    #: How many of the most used kinds to list.
    top: Annotated[int, Meta(ge=1, le=10)] = 3
    #: Shown instead when the user has saved no exercise yet (a kind default otherwise).
    empty: Markdown | None = None

    def texts(self) -> Iterator[str]:
        if self.prompt:
            yield self.prompt
        if self.empty:
            yield self.empty
