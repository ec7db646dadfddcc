"""The typed shape of a course: the manifest, its modules, their pages and references.

These frozen msgspec structs are the single source of truth: the YAML checker walks
them, `ecouch schema` describes them, and the app reads them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated, ClassVar, Literal

import msgspec
from msgspec import Meta

from ecouch_tui.content.blocks.base import AnyBlock, BlockBase, Findings, Id, Markdown, Text
from ecouch_tui.content.followup import EarlyWarning, FollowUp, OutcomeCheck, schedule_findings
from ecouch_tui.content.questionnaire import CheckinPlan

if TYPE_CHECKING:
    #: Code reads a page's blocks as block models; msgspec, as the registry's union.
    PageBlock = BlockBase
else:
    PageBlock = AnyBlock

UnlockPolicy = Literal["weekly", "sequential", "open"]

#: Offered as one-key tags on a mood entry; course.yaml `mood_tags:` can replace them.
DEFAULT_MOOD_TAGS = [
    "slept badly",
    "slept well",
    "exercised",
    "saw friends",
    "got outside",
    "stressed",
    "alone a lot",
    "drank alcohol",
]


class _Model(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    label: ClassVar[str] = "item"


class Page(_Model, kw_only=True, frozen=True):
    label: ClassVar[str] = "page"
    id: Id
    title: Text
    blocks: Annotated[list[PageBlock], Meta(min_length=1)]


class Reference(_Model, kw_only=True, frozen=True):
    """A source the module's facts rest on, written so a reader can find and check it."""

    label: ClassVar[str] = "reference"
    authors: Text
    year: Annotated[int, Meta(ge=1800, le=2100)]
    title: Text
    source: Annotated[str, Meta(min_length=1, description="Journal or publisher.")]
    details: str | None = None
    doi: str | None = None
    url: str | None = None

    def __str__(self) -> str:
        parts = [f"{self.authors} ({self.year}). {self.title}. {self.source}"]
        if self.details:
            parts.append(f" {self.details}")
        text = "".join(parts).rstrip(".") + "."
        if self.doi:
            text += f" doi:{self.doi}"
        return text


class Module(_Model, kw_only=True, frozen=True):
    """One week of the course."""

    label: ClassVar[str] = "module"
    id: Id
    week: Annotated[int, Meta(ge=1, le=52)]
    title: Text
    summary: Markdown
    minutes: Annotated[int, Meta(ge=1, le=600)] | None = None
    pages: Annotated[list[Page], Meta(min_length=1)]
    references: list[Reference] = []

    def blocks(self) -> Iterator[tuple[Page, BlockBase]]:
        for page in self.pages:
            for block in page.blocks:
                yield page, block

    def page_index(self, page_id: str) -> int | None:
        for index, page in enumerate(self.pages):
            if page.id == page_id:
                return index
        return None

    def check(self) -> Findings:
        pages: set[str] = set()
        blocks: set[str] = set()
        for p_index, page in enumerate(self.pages):
            if page.id in pages:
                yield ("pages", p_index, "id"), f"page id '{page.id}' is used twice in this module"
            pages.add(page.id)
            for b_index, block in enumerate(page.blocks):
                where = ("pages", p_index, "blocks", b_index)
                block_id = block.block_id
                if block_id is not None:
                    if block_id in blocks:
                        yield (*where, "id"), f"block id '{block_id}' is used twice in this module"
                    blocks.add(block_id)
                for path, message in block.check():
                    yield (*where, *path), message


class Booster(Module, kw_only=True, frozen=True):
    """A follow-up's short module (`modules/boosters/`): a module with no week."""

    label: ClassVar[str] = "booster"
    week: Annotated[int, Meta(description="A booster has no week.")] = 0

    def check(self) -> Findings:
        if self.week != 0:
            yield ("week",), "a booster has no week: remove 'week:'"
        yield from super().check()


class CourseManifest(_Model, kw_only=True, frozen=True):
    """`course.yaml`: the course's title, how weeks open, and its modules in order."""

    label: ClassVar[str] = "course manifest"
    title: Text
    subtitle: str = ""
    unlock: UnlockPolicy = "weekly"
    modules: Annotated[list[Text], Meta(min_length=1, description="Module files, in order.")]
    checkin: CheckinPlan = CheckinPlan()
    mood_tags: list[Text] = msgspec.field(default_factory=lambda: list(DEFAULT_MOOD_TAGS))
    #: What the course counts as using it as intended, in words (CONSORT-EHEALTH asks a
    #: trial to report it); `ecouch research export` writes it beside the use log.
    intended_use: Text | None = None
    #: After the last week: check-ins months later, each with a booster (content/followup.py).
    follow_up: list[FollowUp] = []
    outcomes: list[OutcomeCheck] = []
    early_warning: EarlyWarning | None = None

    def check(self) -> Findings:
        seen: set[str] = set()
        for index, name in enumerate(self.modules):
            if "\0" in name:  # no file can have it: opening one raises ValueError, not OSError
                yield ("modules", index), "a file name cannot contain a NUL character (\\0)"
            elif name in seen:
                yield ("modules", index), f"'{name}' is listed twice"
            seen.add(name)
        yield from schedule_findings(self.follow_up, self.outcomes, self.modules)
