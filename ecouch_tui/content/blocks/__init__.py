"""The registry of block types.

A new block type is one model here (a file, plus one line in BLOCK_TYPES), one widget
in `ui/blocks/` registered under the same name, and their tests. The union below is
what a page's `blocks:` list accepts and what `ecouch schema` describes.
"""

from __future__ import annotations

from typing import Union

from ecouch_tui.content.blocks.base import BlockBase
from ecouch_tui.content.blocks.callout import CalloutBlock
from ecouch_tui.content.blocks.markdown import MarkdownBlock
from ecouch_tui.content.blocks.quiz import QuizBlock, QuizResponse
from ecouch_tui.content.blocks.reflection import ReflectionBlock, ReflectionResponse

BLOCK_TYPES: tuple[type[BlockBase], ...] = (
    MarkdownBlock,
    CalloutBlock,
    QuizBlock,
    ReflectionBlock,
)

#: The storage shape of each interactive block's saved data.
RESPONSE_TYPES: dict[str, type] = {
    "quiz": QuizResponse,
    "reflection": ReflectionResponse,
}

Block = Union[BLOCK_TYPES]  # type: ignore[valid-type]  # noqa: UP007

KINDS: tuple[str, ...] = tuple(str(b.__struct_config__.tag) for b in BLOCK_TYPES)
