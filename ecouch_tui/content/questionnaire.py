"""Questionnaires as data (`modules/questionnaires/*.yaml`): items, answers, bands, safety.

Texts, values and bands are copied from the instrument's source and must stay exact;
scoring itself is a pure function in `course/scoring.py`.
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

import msgspec
from msgspec import Meta

from ecouch_tui.content.blocks.base import Findings, Id, Text
from ecouch_tui.content.crisis import REGIONS


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
    #: Scored as (lowest + highest value) − answer, of this item's own answers.
    reverse: bool = False
    #: This item's own answers, when they differ from the questionnaire's (AUDIT-C).
    options: list[AnswerOption] | None = None


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


class MissingRule(_Model, kw_only=True, frozen=True):
    """How many items may be skipped and how the total is then made (CES-D).

    `prorate`: the answered items' sum × the number of items ÷ the number answered,
    rounded to the nearest whole number (halves up). `sum`: a skipped item counts 0.
    More than `at_most` skipped: the questionnaire is not scored.
    """

    label: ClassVar[str] = "missing-item rule"
    at_most: Annotated[int, Meta(ge=1)]
    rule: Literal["prorate", "sum"]
    #: Where the rule comes from.
    reason: str = ""


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
    #: The answers shared by every item without its own `options`.
    options: list[AnswerOption] = []
    items: Annotated[list[QuestionItem], Meta(min_length=1)]
    #: Whether items may be skipped, and how the total is then made; None: none may be.
    missing: MissingRule | None = None
    #: A note shown beside the questions, by region code (`other` for every other one).
    notes_by_region: dict[str, Text] = {}
    bands_source: Annotated[str, Meta(min_length=1, description="Which published band set.")]
    bands: Annotated[list[Band], Meta(min_length=1)]
    safety: list[SafetyRule] = []
    extra: list[ExtraQuestion] = []

    @property
    def values(self) -> list[int]:
        """The shared answers' values (see `item_values` for one item's own)."""
        return [option.value for option in self.options]

    def item_options(self, index: int) -> list[AnswerOption]:
        """The answers to item `index`: its own, else the questionnaire's."""
        own = self.items[index].options
        return own if own is not None else self.options

    def item_values(self, index: int) -> list[int]:
        return [option.value for option in self.item_options(index)]

    @property
    def lowest_total(self) -> int:
        return sum(min(self.item_values(i), default=0) for i in range(len(self.items)))

    @property
    def highest_total(self) -> int:
        return sum(max(self.item_values(i), default=0) for i in range(len(self.items)))

    @property
    def all_values(self) -> list[int]:
        """Every value any item accepts, lowest first."""
        return sorted({v for i in range(len(self.items)) for v in self.item_values(i)})

    def note_for(self, region: str | None) -> str:
        """The note for `region` (e.g. its standard drink), else `other`'s, else none."""
        notes = self.notes_by_region
        return notes.get(region or "other") or notes.get("other", "")

    def item_index(self, item_id: str) -> int | None:
        return next((i for i, item in enumerate(self.items) if item.id == item_id), None)

    def check(self) -> Findings:
        if len(set(self.values)) != len(self.values):
            yield ("options",), "two answer options share a value"
        if len(self.options) == 1:
            yield ("options",), "give at least two answer options"
        ids = [item.id for item in self.items]
        for index, item_id in enumerate(ids):
            if ids.index(item_id) != index:
                yield ("items", index, "id"), f"item id '{item_id}' is used twice"
        for index, item in enumerate(self.items):
            if item.options is None:
                if not self.options:
                    yield (
                        ("items", index),
                        "this item has no answers: give the questionnaire 'options', "
                        "or the item its own 'options'",
                    )
                continue
            own = [option.value for option in item.options]
            if len(own) < 2:
                yield ("items", index, "options"), "give at least two answer options"
            if len(set(own)) != len(own):
                yield ("items", index, "options"), "two answer options share a value"
        if not self.options and not any(item.options for item in self.items):
            return  # told above, item by item; no totals to check bands against
        yield from self._check_missing()
        for code in self.notes_by_region:
            if code not in REGIONS:
                yield (
                    ("notes_by_region", code),
                    f"unknown region '{code}' (ecouch offers: {', '.join(REGIONS)})",
                )
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

    def _check_missing(self) -> Findings:
        rule = self.missing
        if rule is not None and rule.at_most >= len(self.items):
            yield (
                ("missing", "at_most"),
                f"at most {len(self.items) - 1} of the {len(self.items)} items may be "
                "skipped: at least one must be answered",
            )


class CheckinPlan(_Model, kw_only=True, frozen=True):
    """course.yaml `checkin:`: which questionnaire is the weekly check-in, and how often."""

    label: ClassVar[str] = "check-in plan"
    instrument: Id = "phq9"
    every_days: Annotated[int, Meta(ge=1, le=60)] = 7
