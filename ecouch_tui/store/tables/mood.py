"""The daily mood: one row a day, a score with an optional note, tags and sleep."""

from __future__ import annotations

from datetime import date
from typing import Any

import msgspec

from ecouch_tui.store import rows
from ecouch_tui.store.connection import Connection
from ecouch_tui.store.merge import Landed, Seen
from ecouch_tui.store.records import MoodEntry

#: The fields of a day's mood a screen edits, as `merge_mood` compares them.
MOOD_FIELDS = ("score", "note", "tags", "sleep_hours")


def mood_fields(entry: MoodEntry) -> dict[str, Any]:
    """A day's mood as plain values to merge (`store.merge`): the stored value where it
    cannot be read, and tags in order, so the same tags in another order are the same."""
    return {
        "score": rows.stored(entry, "score", entry.score),
        "note": rows.stored(entry, "note", entry.note),
        "tags": rows.stored(entry, "tags", sorted(entry.tags)),
        "sleep_hours": rows.stored(entry, "sleep_hours", entry.sleep_hours),
    }


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
        self._refuse_long_text([note, tags])
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

    def merge_mood(self, day: date, mine: dict[str, Any], seen: Seen) -> Landed:
        """Save what a screen changed in a day's mood (`mine`, as `mood_fields` gives it)
        without writing over what another process stored since the screen was shown it
        (`seen`): see `store.merge`. A field both changed is left as stored and named in
        the result's conflicts. A day not logged yet needs a score to be made."""
        self._refuse_long_text(mine)
        now = self._now()
        with self.write():
            row = self.conn.execute(
                f"SELECT {rows.MOOD_COLUMNS} FROM mood WHERE day = ?", (day.isoformat(),)
            ).fetchone()
            theirs = mood_fields(rows.mood(row)) if row else None
            merged = seen.merge(mine, theirs, sets=("tags",))
            values = {
                name: msgspec.json.encode(sorted(value)).decode() if name == "tags" else value
                for name, value in merged.write.items()
            }
            if theirs is None and mine.get("score") is not None:
                fresh = {"note": "", "tags": "[]", "sleep_hours": None, **values}
                fresh["score"] = mine["score"]
                self.conn.execute(
                    f"INSERT INTO mood ({rows.MOOD_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (day.isoformat(), *(fresh[n] for n in MOOD_FIELDS), now, now),
                )
            elif theirs is not None and values:
                assignments = ", ".join(f"{name} = ?" for name in values)
                self.conn.execute(
                    f"UPDATE mood SET {assignments}, updated_at = ? WHERE day = ?",
                    (*values.values(), now, day.isoformat()),
                )
        return Landed(self.mood(day), merged)

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
