"""What every block type shares, and the field types authors meet again and again."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, ClassVar

import msgspec
from msgspec import Meta

# What users write (an exercise's entry) lives beside the blocks, in content/entries.py;
# the block types import it from here with everything else they share.
from ecouch_tui.content.entries import EntryData as EntryData
from ecouch_tui.content.entries import render_value as render_value

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


class BlockBase(
    msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, tag_field="type"
):
    """A piece of a page. Subclasses set `tag=` (the YAML `type:`) and their fields."""

    family: ClassVar[str] = "block"
    label: ClassVar[str] = "block"
    #: Saves what the user does to the store (so it needs an `id`).
    interactive: ClassVar[bool] = False
    #: Holds many entries (a log), rather than one answer that is edited.
    repeatable: ClassVar[bool] = False
    #: One entry per user, shown by every block of this type (an inventory, a plan).
    shared: ClassVar[bool] = False

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


def one_line(text: str, limit: int = 60) -> str:
    """Text squeezed onto one line for lists, cut with an ellipsis when long."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
