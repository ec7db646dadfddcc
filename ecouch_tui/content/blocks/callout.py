"""`callout`: a boxed tip, note or warning that stands out from the page text."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar, Literal

from ecouch_tui.content.blocks.base import BlockBase, Id, Markdown


class CalloutBlock(BlockBase, tag="callout", kw_only=True, frozen=True):
    label: ClassVar[str] = "callout block"
    id: Id | None = None
    style: Literal["tip", "note", "warning"] = "note"
    title: str | None = None
    text: Markdown

    def texts(self) -> Iterator[str]:
        if self.title:
            yield self.title
        yield self.text
