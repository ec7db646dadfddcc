"""`markdown`: course text, rendered with headings, lists, emphasis and links."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from ecouch_tui.content.blocks.base import BlockBase, Id, Markdown


class MarkdownBlock(BlockBase, tag="markdown", kw_only=True, frozen=True):
    label: ClassVar[str] = "markdown block"
    id: Id | None = None
    text: Markdown

    def texts(self) -> Iterator[str]:
        yield self.text
