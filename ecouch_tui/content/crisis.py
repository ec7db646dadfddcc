"""Crisis lines per region, kept as data (`crisis_lines.yaml`) so numbers change without code."""

from __future__ import annotations

from datetime import date
from typing import Annotated, ClassVar

import msgspec
from msgspec import Meta

from ecouch_tui.content.blocks.base import Findings, Text

#: Regions a user can choose on first run; "other" points to an international directory.
REGIONS: tuple[str, ...] = ("AU", "NZ", "UK", "IE", "US", "CA", "other")


class _Model(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    label: ClassVar[str] = "item"


class CrisisLine(_Model, kw_only=True, frozen=True):
    label: ClassVar[str] = "crisis line"
    name: Text
    contact: Annotated[
        str, Meta(min_length=1, description="How to reach it, e.g. 'call 13 11 14'.")
    ]
    note: str | None = None
    checked: Annotated[date, Meta(description="When this entry was last checked at its source.")]


class Region(_Model, kw_only=True, frozen=True):
    label: ClassVar[str] = "region"
    code: Text
    name: Text
    emergency: Annotated[str, Meta(min_length=1, description="The emergency number.")]
    lines: Annotated[list[CrisisLine], Meta(min_length=1)]


class CrisisDirectory(_Model, kw_only=True, frozen=True):
    label: ClassVar[str] = "crisis lines file"
    regions: Annotated[list[Region], Meta(min_length=1)]

    def region(self, code: str | None) -> Region:
        """The region's entry; the international one when the code is unknown or unset."""
        by_code = {r.code: r for r in self.regions}
        return by_code.get(code or "other") or by_code.get("other") or self.regions[-1]

    def check(self) -> Findings:
        codes = [r.code for r in self.regions]
        for index, code in enumerate(codes):
            if code not in REGIONS:
                yield (
                    ("regions", index, "code"),
                    (f"unknown region '{code}' (ecouch offers: {', '.join(REGIONS)})"),
                )
            elif codes.index(code) != index:
                yield ("regions", index, "code"), f"region '{code}' is listed twice"
        for missing in (c for c in REGIONS if c not in codes):
            yield ("regions",), f"region '{missing}' has no crisis lines"

    def stale(self, today: date, days: int = 365) -> Findings:
        """Entries not checked within `days`: numbers change, and wrong ones cost lives."""
        for r_index, region in enumerate(self.regions):
            for l_index, line in enumerate(region.lines):
                if (today - line.checked).days > days:
                    yield (
                        ("regions", r_index, "lines", l_index, "checked"),
                        (
                            f"{region.name}: '{line.name}' was last checked on {line.checked}; "
                            "check it at its source and update the date"
                        ),
                    )
