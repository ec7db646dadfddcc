"""Questionnaire check-ins: answers as given, scored when taken."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import msgspec

from ecouch_tui.store import rows
from ecouch_tui.store.connection import Connection
from ecouch_tui.store.records import Checkin


class CheckinsTable(Connection):
    def save_checkin(
        self,
        instrument: str,
        answers: Sequence[int | None],
        total: int,
        band: str,
        *,
        extra: dict[str, Any] | None = None,
        taken_at: str | None = None,
        uid: str | None = None,
        replaces: str | None = None,
    ) -> Checkin:
        """Save a finished check-in. `replaces`: the uid of an earlier one (today's, which
        the user chose to do again) deleted in the same transaction, so the new one
        stands instead of it and a refused save leaves the old one as it was."""
        import uuid

        record = Checkin(
            uid=uid or uuid.uuid4().hex,
            instrument=instrument,
            taken_at=taken_at or self._now(),
            answers=tuple(answers),
            total=total,
            band=band,
            extra=extra or {},
        )
        self._refuse_long_text(extra)
        with self.write():
            self.conn.execute(
                f"INSERT INTO checkins ({rows.CHECKIN_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    record.uid,
                    instrument,
                    record.taken_at,
                    msgspec.json.encode(list(record.answers)).decode(),
                    total,
                    band,
                    msgspec.json.encode(record.extra).decode(),
                ),
            )
            if replaces is not None and replaces != record.uid:
                self.conn.execute("DELETE FROM checkins WHERE uid = ?", (replaces,))
        return record

    def checkins(self, instrument: str | None = None) -> list[Checkin]:
        """Check-ins, oldest first, optionally of one instrument; one whose time or total
        cannot be read is left out (`rows.placed`): it cannot be dated or charted."""
        where, params = ("WHERE instrument = ?", (instrument,)) if instrument else ("", ())
        found = self.conn.execute(
            f"SELECT {rows.CHECKIN_COLUMNS} FROM checkins {where} ORDER BY taken_at, rowid",
            params,
        )
        return [c for c in map(rows.checkin, found) if rows.placed(c)]
