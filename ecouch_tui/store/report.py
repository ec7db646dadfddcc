"""What `ecouch report` reads, in one read transaction.

The report reads several lists (mood, check-ins, safety screens, progress, the two
plans); reading them in one transaction means a save made meanwhile by another copy of
ecouch lands wholly before or after, so the page never mixes two moments. Only the
store's own reads are used: this file adds the snapshot, not new SQL about the data.
"""

from __future__ import annotations

import msgspec

from ecouch_tui.store.db import Store
from ecouch_tui.store.records import (
    Checkin,
    Enrolment,
    Entry,
    ModuleProgress,
    MoodEntry,
    SafetyEvent,
)

#: The uids of the one-per-user plans (a shared entry's uid is its kind).
STAYING_WELL_PLAN = "staying_well_plan"
SAFETY_PLAN = "safety_plan"


class ReportRecords(msgspec.Struct, frozen=True, kw_only=True):
    """Everything the report may show, unfiltered (the report applies its period)."""

    enrolment: Enrolment | None
    progress: dict[str, ModuleProgress]
    moods: list[MoodEntry]
    checkins: list[Checkin]
    safety_events: list[SafetyEvent]
    staying_well_plan: Entry | None
    safety_plan: Entry | None


def read_report_records(store: Store) -> ReportRecords:
    """One consistent snapshot of what the report needs (StoreError if unreadable)."""
    import sqlite3

    conn = store.conn
    began = not conn.in_transaction
    try:
        if began:
            conn.execute("BEGIN")
        try:
            return ReportRecords(
                enrolment=store.enrolment(),
                progress=store.progress(),
                moods=store.moods(),
                checkins=store.checkins(),
                safety_events=store.safety_events(),
                staying_well_plan=store.entry(STAYING_WELL_PLAN),
                safety_plan=store.entry(SAFETY_PLAN),
            )
        finally:
            if began and conn.in_transaction:
                conn.execute("COMMIT")
    except sqlite3.Error as exc:
        from ecouch_tui.store.errors import StoreCorrupt

        raise StoreCorrupt(store.path, f"{store.path} could not be read ({exc}).") from exc
