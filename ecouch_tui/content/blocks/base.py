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


class EntryData(msgspec.Struct, kw_only=True):
    """Base of what a user writes in an exercise (the entry's typed JSON).

    Subclasses give every field a default, so a half-filled draft is still valid data.
    """

    #: Headings for fields when the entry is shown in full (field name -> heading).
    LABELS: ClassVar[dict[str, str]] = {}

    def sections(self) -> list[tuple[str, str]]:
        """The entry in full, as (heading, text) pairs a person can read (Workbook, report)."""
        found = []
        for name in self.__struct_fields__:
            body = render_value(getattr(self, name))
            if body:
                found.append((self.LABELS.get(name) or name.replace("_", " ").capitalize(), body))
        return found

    def summary(self) -> str:
        """One line for lists and the Workbook."""
        return ""

    def text(self) -> str:
        """Everything written, as plain text, for search and the report."""
        return "\n".join(
            str(value) for value in msgspec.structs.asdict(self).values() if value not in ("", None)
        )

    def missing(self) -> list[str]:
        """What still needs filling in before the entry is complete, in plain words."""
        return []

    def empty(self) -> bool:
        """Nothing written or rated yet (a default day or a false flag is not content)."""
        return not any(_has_content(v) for v in msgspec.structs.asdict(self).values())


def render_value(value: object) -> str:
    """A stored value as plain text: empty things vanish, nested records become lines."""
    from datetime import date

    if value is None or value is False or value in ("", [], {}):
        return ""
    if value is True:
        return "yes"
    if isinstance(value, date):
        return f"{value:%a} {value.day} {value:%b %Y}"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, int | str):
        return str(value).strip()
    if isinstance(value, msgspec.Struct):
        value = {name: getattr(value, name) for name in value.__struct_fields__}
    if isinstance(value, dict):
        parts = [(str(k), render_value(v)) for k, v in value.items()]
        parts = [(k.replace("_", " ").capitalize(), v) for k, v in parts if v]
        if all("\n" not in v for _, v in parts):
            return ", ".join(f"{k.lower()}: {v}" for k, v in parts)
        return "\n".join(f"{k}: {v}" for k, v in parts)
    if isinstance(value, list | tuple):
        rendered = [r for r in (render_value(item) for item in value) if r]
        if all(isinstance(item, str | int | float) for item in value):
            return ", ".join(rendered)
        return "\n".join(f"• {r}" for r in rendered)
    return str(value)


def one_line(text: str, limit: int = 60) -> str:
    """Text squeezed onto one line for lists, cut with an ellipsis when long."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _has_content(value: object) -> bool:
    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, int | float):
        return True
    if isinstance(value, list | tuple):
        return any(_has_content(item) for item in value)
    if isinstance(value, msgspec.Struct):
        return any(_has_content(v) for v in msgspec.structs.asdict(value).values())
    return False
