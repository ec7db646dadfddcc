"""The daily mood: one row a day, a score with an optional note, tags and sleep."""

from __future__ import annotations

from datetime import date

import msgspec

from ecouch_tui.store import rows
from ecouch_tui.store.connection import Connection
from ecouch_tui.store.records import MoodEntry


class MoodTable(Connection):
    def save_mood(
        self,
        day: date,
        score: int,
        *,
        note: str | None = None,
        tags: list[str] | tuple[str, ...] | None = None,
        sleep_hours: float | None = None,
    ) -> MoodEntry:
        """Log or correct a day's mood. One entry a day: fields given replace, others stay
        as stored (in SQL, so a value that could not be read is never written over)."""
        now = self._now()
        given_tags = None if tags is None else msgspec.json.encode(list(tags)).decode()
        with self.write():
            self.conn.execute(
                f"INSERT INTO mood ({rows.MOOD_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (day) DO UPDATE SET score = excluded.score,"
                " note = CASE WHEN ? THEN excluded.note ELSE mood.note END,"
                " tags = CASE WHEN ? THEN excluded.tags ELSE mood.tags END,"
                " sleep_hours = CASE WHEN ? THEN excluded.sleep_hours ELSE mood.sleep_hours END,"
                " updated_at = excluded.updated_at",
                (
                    day.isoformat(),
                    score,
                    note or "",
                    given_tags or "[]",
                    sleep_hours,
                    now,
                    now,
                    note is not None,
                    tags is not None,
                    sleep_hours is not None,
                ),
            )
        entry = self.mood(day)
        assert entry is not None
        return entry

    def mood(self, day: date) -> MoodEntry | None:
        """The day's mood; any value in it that cannot be read is in `unreadable`."""
        row = self.conn.execute(
            f"SELECT {rows.MOOD_COLUMNS} FROM mood WHERE day = ?", (day.isoformat(),)
        ).fetchone()
        return rows.mood(row) if row else None

    def moods(self, since: date | None = None, until: date | None = None) -> list[MoodEntry]:
        """Mood entries in day order, optionally between two days (inclusive); a day
        whose score cannot be read is left out (`rows.placed`), as stored."""
        low = since.isoformat() if since else "0000-00-00"
        high = until.isoformat() if until else "9999-99-99"
        found = self.conn.execute(
            f"SELECT {rows.MOOD_COLUMNS} FROM mood WHERE day BETWEEN ? AND ? ORDER BY day",
            (low, high),
        )
        return [m for m in map(rows.mood, found) if rows.placed(m)]

    def unreadable_moods(self) -> int:
        """How many days' moods cannot be read (so left out of `moods()`)."""
        found = self.conn.execute(f"SELECT {rows.MOOD_COLUMNS} FROM mood")
        return sum(not rows.placed(m) for m in map(rows.mood, found))

    def delete_mood(self, day: date) -> None:
        with self.write():
            self.conn.execute("DELETE FROM mood WHERE day = ?", (day.isoformat(),))
