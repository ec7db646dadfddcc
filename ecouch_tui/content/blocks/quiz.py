"""`quiz`: questions with single or multiple answers and feedback on every option.

Storage shape: one `QuizResponse` per block, the chosen option indexes per question.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, ClassVar

import msgspec
from msgspec import Meta

from ecouch_tui.content.blocks.base import BlockBase, Findings, Id, Markdown, Text


class QuizOption(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    label: ClassVar[str] = "quiz option"
    text: Text
    correct: bool = False
    feedback: Markdown


class QuizQuestion(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    label: ClassVar[str] = "quiz question"
    id: Id
    prompt: Markdown
    multiple: bool = False
    options: Annotated[list[QuizOption], Meta(min_length=2)]

    @property
    def correct(self) -> frozenset[int]:
        return frozenset(i for i, option in enumerate(self.options) if option.correct)


class QuizResponse(msgspec.Struct, kw_only=True):
    """Option indexes chosen per question id; `checked` once the user asked for feedback."""

    answers: dict[str, list[int]] = {}
    checked: list[str] = []


class QuizBlock(BlockBase, tag="quiz", kw_only=True, frozen=True):
    label: ClassVar[str] = "quiz block"
    entry_type: ClassVar[type | None] = QuizResponse
    words: ClassVar[str] = "Quiz answers"
    interactive: ClassVar[bool] = True
    id: Id
    title: str | None = None
    questions: Annotated[list[QuizQuestion], Meta(min_length=1)]

    def check(self) -> Findings:
        seen: set[str] = set()
        for q_index, question in enumerate(self.questions):
            where = ("questions", q_index)
            if question.id in seen:
                yield (*where, "id"), f"question id '{question.id}' is used twice in this quiz"
            seen.add(question.id)
            right = len(question.correct)
            if question.multiple and right == 0:
                yield where, "a multiple-choice question needs at least one 'correct: true' option"
            if not question.multiple and right != 1:
                message = (
                    f"a single-choice question needs exactly one 'correct: true' option, "
                    f"has {right} (set 'multiple: true' if several are right)"
                )
                yield where, message

    def texts(self) -> Iterator[str]:
        if self.title:
            yield self.title
        for question in self.questions:
            yield question.prompt
            for option in question.options:
                yield option.text
                yield option.feedback
