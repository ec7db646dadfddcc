"""The one enrolment row: when the course started, the region for crisis lines."""

from __future__ import annotations

from datetime import date

from ecouch_tui.store import rows
from ecouch_tui.store.connection import Connection
from ecouch_tui.store.records import Enrolment


class EnrolmentTable(Connection):
    def enrolment(self) -> Enrolment | None:
        row = self.conn.execute(
            f"SELECT {rows.ENROLMENT_COLUMNS} FROM enrolment WHERE id = 1"
        ).fetchone()
        return None if row is None else rows.enrolment(row, self.clock.today())

    def enrol(self, region: str | None, started_on: date | None = None) -> Enrolment:
        """Start the course (first run). Enrolling again keeps the start date and the
        welcome as stored, even one that cannot be read."""
        start = (started_on or self.clock.today()).isoformat()
        with self.write():
            self.conn.execute(
                "INSERT INTO enrolment (id, started_on, region, welcomed_at) VALUES (1, ?, ?, ?)"
                " ON CONFLICT (id) DO UPDATE SET region = excluded.region",
                (start, region, self._now()),
            )
        enrolment = self.enrolment()
        assert enrolment is not None
        return enrolment

    def set_region(self, region: str) -> None:
        with self.write():
            self.conn.execute("UPDATE enrolment SET region = ? WHERE id = 1", (region,))
