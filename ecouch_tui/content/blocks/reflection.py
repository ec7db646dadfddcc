"""`reflection`: a free-text prompt; what the user writes is saved as they type.

Storage shape: one `ReflectionResponse` per block.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

import msgspec

from ecouch_tui.content.blocks.base import BlockBase, Id, Markdown


class ReflectionResponse(msgspec.Struct, kw_only=True):
    text: str = ""


class ReflectionBlock(BlockBase, tag="reflection", kw_only=True, frozen=True):
    label: ClassVar[str] = "reflection block"
    entry_type: ClassVar[type | None] = ReflectionResponse
    words: ClassVar[str] = "Reflection"
    interactive: ClassVar[bool] = True
    id: Id
    prompt: Markdown
    hint: str | None = None

    def texts(self) -> Iterator[str]:
        yield self.prompt
