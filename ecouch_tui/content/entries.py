"""What a user writes in an exercise: the base of every entry's typed JSON.

Outside `content/blocks/` so that an entry with no block of its own (the safety plan)
can build on it without running the block registry, which lists that entry's type.
"""

from __future__ import annotations

from typing import ClassVar

import msgspec

from ecouch_tui.wording import short_date


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
        return not any(has_content(v) for v in msgspec.structs.asdict(self).values())


class SectionedPlan(EntryData, kw_only=True):
    """A plan written as headed sections of free text (the staying-well plan, the safety
    plan): `LABELS` lists the sections, in order, by field name."""

    def written(self, key: str) -> bool:
        return bool(str(getattr(self, key)).strip())

    def summary(self) -> str:
        filled = sum(self.written(key) for key in self.LABELS)
        return f"{filled} of {len(self.LABELS)} sections written"


def render_value(value: object) -> str:
    """A stored value as plain text: empty things vanish, nested records become lines."""
    from datetime import date

    if value is None or value is False or value in ("", [], {}):
        return ""
    if value is True:
        return "yes"
    if isinstance(value, date):
        return f"{short_date(value)} {value.year}"
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


def has_content(value: object) -> bool:
    """Something written or rated: blank text, None and flags (True or False) are not."""
    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, int | float):
        return True
    if isinstance(value, list | tuple):
        return any(has_content(item) for item in value)
    if isinstance(value, msgspec.Struct):
        return any(has_content(v) for v in msgspec.structs.asdict(value).values())
    return False
