"""Crisis lines per region, kept as data (`crisis_lines.yaml`) so numbers change without code."""

from __future__ import annotations

from datetime import date
from typing import Annotated, ClassVar

import msgspec
from msgspec import Meta

from ecouch_tui.content.blocks.base import Findings, Text

#: Regions a user can choose on first run; "other" points to an international directory.
REGIONS: tuple[str, ...] = ("AU", "NZ", "UK", "IE", "US", "CA", "other")

#: How an entry is verified (`ecouch validate` says it for each entry that needs it).
VERIFY = "To verify it, open the service's own page and compare the number and wording"


class _Model(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    label: ClassVar[str] = "item"


class CrisisLine(_Model, kw_only=True, frozen=True):
    """One service. Where its number came from is recorded apart from whether anyone has
    compared it with the service itself: `source` and `taken` say where and when it was
    copied; `verified` is set only by someone who opened the service's own page."""

    label: ClassVar[str] = "crisis line"
    #: Keys of older files, each with its fix and the keys that fix supplies (see typecheck).
    retired_keys: ClassVar[dict[str, tuple[str, tuple[str, ...]]]] = {
        "checked": (
            "rename it to 'taken:' (the date the number was copied) and add 'source:' "
            "(where it was copied from); add 'verified: YYYY-MM-DD' only once someone has "
            "compared the entry with the service's own page",
            ("taken", "source"),
        )
    }
    name: Text
    contact: Annotated[
        str, Meta(min_length=1, description="How to reach it, e.g. 'call 13 11 14'.")
    ]
    note: str | None = None
    source: Annotated[
        str,
        Meta(
            min_length=1,
            description="Where the number and wording were taken from, with that page's date.",
        ),
    ]
    taken: Annotated[date, Meta(description="When they were taken from `source`.")]
    verified: Annotated[
        date | None,
        Meta(description="When someone last compared this entry with the service's own page."),
    ] = None


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

    def unverified(self) -> Findings:
        """Entries nobody has compared with the service's own page: each is only as good
        as the page it was copied from."""
        for r_index, region in enumerate(self.regions):
            for l_index, line in enumerate(region.lines):
                if line.verified is None:
                    yield (
                        ("regions", r_index, "lines", l_index, "taken"),
                        (
                            f"{region.name}: '{line.name}' is unverified: "
                            f"taken on {line.taken} from {line.source}. {VERIFY}, then add "
                            "'verified: YYYY-MM-DD'"
                        ),
                    )

    def stale(self, today: date, days: int = 365) -> Findings:
        """Entries verified more than `days` ago: numbers change, and wrong ones cost lives."""
        for r_index, region in enumerate(self.regions):
            for l_index, line in enumerate(region.lines):
                if line.verified is not None and (today - line.verified).days > days:
                    yield (
                        ("regions", r_index, "lines", l_index, "verified"),
                        (
                            f"{region.name}: '{line.name}' was last verified on "
                            f"{line.verified}, over a year ago. {VERIFY} again, then update "
                            "'verified:'"
                        ),
                    )
