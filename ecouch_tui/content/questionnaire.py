"""Questionnaires as data (`modules/questionnaires/*.yaml`): items, answers, bands, safety.

Texts, values and bands are copied from the instrument's source and must stay exact;
scoring itself is a pure function in `course/scoring.py`.
"""

from __future__ import annotations

from typing import Annotated, ClassVar

import msgspec
from msgspec import Meta

from ecouch_tui.content.blocks.base import Findings, Id, Text


class _Model(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    label: ClassVar[str] = "item"


class AnswerOption(_Model, kw_only=True, frozen=True):
    label: ClassVar[str] = "answer option"
    value: int
    text: Text


class QuestionItem(_Model, kw_only=True, frozen=True):
    label: ClassVar[str] = "questionnaire item"
    id: Id
    text: Text
    #: Scored as (lowest + highest value) − answer.
    reverse: bool = False


class Band(_Model, kw_only=True, frozen=True):
    """A range of totals with a name and what it means, in plain words."""

    label: ClassVar[str] = "score band"
    min: int
    max: int
    name: Text
    meaning: Annotated[str, Meta(min_length=1, description="What this band means, plainly.")]


class SafetyRule(_Model, kw_only=True, frozen=True):
    """When the check-in leads straight to the safety screen.

    Give `item` and `above` (an answer to that item above the value), or
    `total_at_least`. `reason` is recorded and shown.
    """

    label: ClassVar[str] = "safety rule"
    item: Id | None = None
    above: int | None = None
    total_at_least: int | None = None
    reason: Text


class ExtraQuestion(_Model, kw_only=True, frozen=True):
    """An unscored question asked after the items (e.g. PHQ-9's 'how difficult')."""

    label: ClassVar[str] = "extra question"
    id: Id
    text: Text
    options: Annotated[list[Text], Meta(min_length=2)]


class Questionnaire(_Model, kw_only=True, frozen=True):
    label: ClassVar[str] = "questionnaire"
    id: Id
    name: Text
    title: Text
    stem: Text
    notice: Text
    source: Annotated[str, Meta(min_length=1, description="The citation for items and scoring.")]
    options: Annotated[list[AnswerOption], Meta(min_length=2)]
    items: Annotated[list[QuestionItem], Meta(min_length=1)]
    bands_source: Annotated[str, Meta(min_length=1, description="Which published band set.")]
    bands: Annotated[list[Band], Meta(min_length=1)]
    safety: list[SafetyRule] = []
    extra: list[ExtraQuestion] = []

    @property
    def values(self) -> list[int]:
        return [option.value for option in self.options]

    @property
    def lowest_total(self) -> int:
        return min(self.values) * len(self.items)

    @property
    def highest_total(self) -> int:
        return max(self.values) * len(self.items)

    def item_index(self, item_id: str) -> int | None:
        return next((i for i, item in enumerate(self.items) if item.id == item_id), None)

    def check(self) -> Findings:
        if len(set(self.values)) != len(self.values):
            yield ("options",), "two answer options share a value"
        ids = [item.id for item in self.items]
        for index, item_id in enumerate(ids):
            if ids.index(item_id) != index:
                yield ("items", index, "id"), f"item id '{item_id}' is used twice"
        expected = self.lowest_total
        for index, band in enumerate(self.bands):
            if band.min != expected:
                yield (
                    ("bands", index, "min"),
                    (f"bands must cover every total without gaps: expected min {expected}"),
                )
            if band.max < band.min:
                yield ("bands", index, "max"), "max is below min"
            expected = band.max + 1
        if self.bands and self.bands[-1].max != self.highest_total:
            yield (
                ("bands", len(self.bands) - 1, "max"),
                (f"the last band must end at the highest total, {self.highest_total}"),
            )
        for index, rule in enumerate(self.safety):
            where = ("safety", index)
            if rule.item is not None and self.item_index(rule.item) is None:
                yield (*where, "item"), f"no item with id '{rule.item}'"
            if (rule.item is None) == (rule.total_at_least is None):
                yield where, "give either 'item' with 'above', or 'total_at_least'"
            if rule.item is not None and rule.above is None:
                yield where, "'item' needs 'above' (the answer value it must exceed)"


class CheckinPlan(_Model, kw_only=True, frozen=True):
    """course.yaml `checkin:`: which questionnaire is the weekly check-in, and how often."""

    label: ClassVar[str] = "check-in plan"
    instrument: Id = "phq9"
    every_days: Annotated[int, Meta(ge=1, le=60)] = 7
