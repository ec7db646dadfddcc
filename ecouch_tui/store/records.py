"""Plain records the store hands to the rest of ecouch (never rows or dicts of rows)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Enrolment:
    started_on: date
    region: str | None
    welcomed_at: str


@dataclass(frozen=True, slots=True)
class ModuleProgress:
    module_id: str
    current_page_id: str | None
    started_at: str | None
    updated_at: str | None
    completed_at: str | None
    pages_seen: frozenset[str] = field(default_factory=frozenset)

    @property
    def done(self) -> bool:
        return self.completed_at is not None


@dataclass(frozen=True, slots=True)
class Entry:
    """Something the user wrote for a block: typed JSON whose shape the block kind owns."""

    uid: str
    module_id: str
    page_id: str
    block_id: str
    kind: str
    data: str
    created_at: str
    updated_at: str

    def decode(self, shape: type[T]) -> T:
        import msgspec

        return msgspec.json.decode(self.data, type=shape)

    def as_dict(self) -> dict[str, Any]:
        import json

        return json.loads(self.data)
