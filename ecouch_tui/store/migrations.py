"""The schema, as the ordered list of steps that build it from an empty file.

`PRAGMA user_version` holds how many steps a store has had. Never edit a step that
has shipped: add a new one, so every older store can walk forward.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported for real only when a migration runs
    import sqlite_utils


def _v1_course(db: sqlite_utils.Database) -> None:
    """Enrolment, settings, progress through modules, and what users write in blocks."""
    db.table("enrolment").create(
        {"id": int, "started_on": str, "region": str, "welcomed_at": str},
        pk="id",
        not_null={"started_on", "welcomed_at"},
    )
    db.table("settings").create({"key": str, "value": str}, pk="key", not_null={"value"})
    db.table("module_progress").create(
        {
            "module_id": str,
            "current_page_id": str,
            "started_at": str,
            "updated_at": str,
            "completed_at": str,
        },
        pk="module_id",
    )
    db.table("page_visits").create(
        {"module_id": str, "page_id": str, "first_seen_at": str, "last_seen_at": str},
        pk=("module_id", "page_id"),
        not_null={"first_seen_at", "last_seen_at"},
    )
    db.table("entries").create(
        {
            "uid": str,
            "module_id": str,
            "page_id": str,
            "block_id": str,
            "kind": str,
            "data": str,
            "created_at": str,
            "updated_at": str,
        },
        pk="uid",
        not_null={"module_id", "page_id", "block_id", "kind", "data", "created_at", "updated_at"},
    )
    db.table("entries").create_index(["module_id", "block_id"])
    db.table("entries").create_index(["updated_at"])


def _v2_tools(db: sqlite_utils.Database) -> None:
    """Daily mood, questionnaire check-ins, and the times the safety screen was shown."""
    db.table("mood").create(
        {
            "day": str,
            "score": int,
            "note": str,
            "tags": str,
            "sleep_hours": float,
            "created_at": str,
            "updated_at": str,
        },
        pk="day",
        not_null={"score", "tags", "created_at", "updated_at"},
    )
    db.table("checkins").create(
        {
            "uid": str,
            "instrument": str,
            "taken_at": str,
            "answers": str,
            "total": int,
            "band": str,
            "extra": str,
        },
        pk="uid",
        not_null={"instrument", "taken_at", "answers", "total", "band"},
    )
    db.table("checkins").create_index(["instrument", "taken_at"])
    db.table("safety_events").create(
        {"uid": str, "at": str, "reason": str, "source": str, "detail": str},
        pk="uid",
        not_null={"at", "reason", "source"},
    )
    db.table("entries").create_index(["kind", "created_at"])


#: The kinds migration 3 lets the research log hold (`store.records.EventKind`, as it
#: was then). Frozen with the step: a later kind needs a later migration.
_V3_EVENT_KINDS = (
    "session_start",
    "session_end",
    "screen_shown",
    "page_shown",
    "module_finished",
    "exercise_saved",
    "checkin_done",
    "mood_logged",
    "shell_used",
    "board_read",
    "board_post",
    "board_reaction",
)


def _v3_research(db: sqlite_utils.Database) -> None:
    """The opt-in research log (issue 15): events of ids, numbers and times only.

    Its CHECKs hold the table to that whatever code writes to it: a kind from the
    closed set, ids without spaces or capitals (never a sentence), whole numbers."""
    kinds = ", ".join(f"'{kind}'" for kind in _V3_EVENT_KINDS)

    def an_id(column: str) -> str:
        return (
            f"{column} IS NULL OR (length({column}) BETWEEN 1 AND 64"
            f" AND {column} NOT GLOB '*[^a-z0-9_-]*')"
        )

    def a_number(column: str) -> str:
        return f"{column} IS NULL OR typeof({column}) = 'integer'"

    db.execute(
        "CREATE TABLE research_events ("
        " id INTEGER PRIMARY KEY,"
        " at TEXT NOT NULL CHECK (length(at) <= 40 AND at NOT GLOB '*[^0-9T:+-]*'),"
        f" kind TEXT NOT NULL CHECK (kind IN ({kinds})),"
        f" module_id TEXT CHECK ({an_id('module_id')}),"
        f" page_id TEXT CHECK ({an_id('page_id')}),"
        f" item TEXT CHECK ({an_id('item')}),"
        f" seconds INTEGER CHECK ({a_number('seconds')}),"
        f" total INTEGER CHECK ({a_number('total')})"
        ")"
    )
    db.execute("CREATE INDEX idx_research_events_at ON research_events (at)")


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    _v1_course,
    _v2_tools,
    _v3_research,
]

SCHEMA_VERSION = len(MIGRATIONS)
