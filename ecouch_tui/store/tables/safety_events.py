"""The times the safety screen was shown, and why, for the user's own report."""

from __future__ import annotations

from ecouch_tui.store import rows
from ecouch_tui.store.connection import Connection
from ecouch_tui.store.records import SafetyEvent


class SafetyEventsTable(Connection):
    def record_safety_event(
        self,
        reason: str,
        source: str,
        detail: str = "",
        *,
        at: str | None = None,
        uid: str | None = None,
    ) -> SafetyEvent:
        """Note that the safety screen was shown (date and why), for the user's report."""
        import uuid

        event = SafetyEvent(
            uid=uid or uuid.uuid4().hex,
            at=at or self._now(),
            reason=reason,
            source=source,
            detail=detail,
        )
        with self.write():
            self.conn.execute(
                f"INSERT INTO safety_events ({rows.SAFETY_COLUMNS}) VALUES (?, ?, ?, ?, ?)",
                (event.uid, event.at, event.reason, event.source, event.detail),
            )
        return event

    def safety_events(self) -> list[SafetyEvent]:
        """Oldest first; one whose time cannot be read is left out (`rows.placed`)."""
        found = self.conn.execute(
            f"SELECT {rows.SAFETY_COLUMNS} FROM safety_events ORDER BY at, uid"
        )
        return [e for e in map(rows.safety_event, found) if rows.placed(e)]
