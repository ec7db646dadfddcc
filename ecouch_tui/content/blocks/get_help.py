"""`get_help`: a box that points to crisis lines, with a button that opens Get help now."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from ecouch_tui.content.blocks.base import BlockBase, Id, Markdown


class GetHelpBlock(BlockBase, tag="get_help", kw_only=True, frozen=True):
    label: ClassVar[str] = "get help block"
    id: Id | None = None
    text: Markdown | None = None

    def texts(self) -> Iterator[str]:
        if self.text:
            yield self.text
