"""What every block type shares, and the field types authors meet again and again."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated, Any, ClassVar

import msgspec
from msgspec import Meta

# What users write (an exercise's entry) lives beside the blocks, in content/entries.py;
# the block types import it from here with everything else they share.
from ecouch_tui.content.entries import EntryData as EntryData
from ecouch_tui.content.entries import render_value as render_value
from ecouch_tui.wording import one_line as one_line

if TYPE_CHECKING:
    import random
    from datetime import datetime

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"

#: A stable name for a module, page, block or question. Saved answers are keyed by it.
Id = Annotated[
    str,
    Meta(
        pattern=ID_PATTERN,
        description="A stable id: lowercase letters, digits, '-' and '_'. Saved answers "
        "are keyed by it, so renaming one orphans what users wrote.",
        extra={"pattern_message": "is not a valid id: use lowercase letters, digits, '-' or '_'"},
    ),
]
Text = Annotated[str, Meta(min_length=1, description="Plain text.")]
Markdown = Annotated[str, Meta(min_length=1, description="Markdown text.")]
#: 0-10 ratings (mood, achievement, enjoyment, tension) and 0-100 ones (feelings, belief).
Rating10 = Annotated[int, Meta(ge=0, le=10)]
Rating100 = Annotated[int, Meta(ge=0, le=100)]

#: (relative data path, message) pairs a block's own rules produce.
Findings = Iterator[tuple[tuple[str | int, ...], str]]


#: Every block class, in the order they were defined (a subclass registers itself).
_DEFINED: list[type[BlockBase]] = []


class AnyBlock:
    """What a page's `blocks:` holds: any block type known when the course is read.

    A marker, not a model: the loader and the cache decode each block against the block
    types registered at that moment (`ecouch_tui.content.blocks.block_union`), so a new
    block type needs no list of kinds edited anywhere.
    """

    __slots__ = ()


class BlockBase(
    msgspec.Struct,
    AnyBlock,
    frozen=True,
    kw_only=True,
    forbid_unknown_fields=True,
    tag_field="type",
):
    """A piece of a page, declared once: its fields (the YAML), how a user's entry in it is
    stored, its name in the Workbook and report, and what a demo person writes in it.

    Subclasses set `tag=` (the YAML `type:`); defining one registers it. Its widget is
    found in `ui/blocks/<type>.py` (see `ecouch_tui.ui.blocks`).
    """

    family: ClassVar[str] = "block"
    label: ClassVar[str] = "block"
    #: Saves what the user does to the store (so it needs an `id`).
    interactive: ClassVar[bool] = False
    #: Holds many entries (a log), rather than one answer that is edited.
    repeatable: ClassVar[bool] = False
    #: One entry per user, shown by every block of this type (an inventory, a plan).
    shared: ClassVar[bool] = False
    #: The storage shape (typed JSON) of what a user writes here; None for blocks that
    #: only show text.
    entry_type: ClassVar[type | None] = None
    #: What an entry of this kind is called in the Workbook and the report ("Thought
    #: record"); empty: made from the type's name.
    words: ClassVar[str] = ""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        _DEFINED.append(cls)

    @classmethod
    def kind_name(cls) -> str | None:
        """The YAML `type:` of this class (None for a shared base without one)."""
        tag = cls.__struct_config__.tag
        return None if tag is None else str(tag)

    @property
    def kind(self) -> str:
        return str(type(self).__struct_config__.tag)

    @property
    def block_id(self) -> str | None:
        return getattr(self, "id", None)

    def check(self) -> Findings:
        """Rules beyond types (e.g. a quiz needs a right answer). Paths are relative."""
        return iter(())

    def texts(self) -> Iterator[str]:
        """The course text this block shows, for word counts and readability."""
        prompt = getattr(self, "prompt", None)
        if isinstance(prompt, str):
            yield prompt

    def demo_entries(self, met: datetime, rng: random.Random) -> Iterator[tuple[datetime, Any]]:
        """What the demo's person writes in this block, having reached it at `met`: pairs of
        (when, entry data of `entry_type`). None by default; the bundled exercises have
        fuller stories in `ecouch_tui.demo.history`."""
        return iter(())
