"""What every block type shares, and the field types authors meet again and again."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, ClassVar

import msgspec
from msgspec import Meta

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
        return iter(())
