"""What users write in blocks: one JSON object an entry, its shape owned by its kind."""

from __future__ import annotations

from typing import Any

import msgspec

from ecouch_tui.store import rows
from ecouch_tui.store.connection import Connection
from ecouch_tui.store.merge import Landed, Seen
from ecouch_tui.store.records import Entry


class EntriesTable(Connection):
    def save_entry(
        self,
        *,
        module_id: str,
        page_id: str,
        block_id: str,
        kind: str,
        data: Any,
        uid: str | None = None,
    ) -> Entry:
        """Create or update one entry. `uid=None` makes a new entry (a log line)."""
        if uid is None:
            import uuid

            uid = uuid.uuid4().hex
        payload = msgspec.json.encode(data).decode()
        self._refuse_long_text(msgspec.json.decode(payload))
        now = self._now()
        with self.write():
            self.conn.execute(
                f"INSERT INTO entries ({rows.ENTRY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (uid) DO UPDATE SET data = excluded.data,"
                " updated_at = excluded.updated_at",
                (uid, module_id, page_id, block_id, kind, payload, now, now),
            )
        entry = self.entry(uid)
        assert entry is not None
        return entry

    def merge_entry(
        self,
        *,
        uid: str,
        module_id: str,
        page_id: str,
        block_id: str,
        kind: str,
        mine: dict[str, Any],
        seen: Seen,
    ) -> Landed:
        """Save what a form changed in entry `uid` (`mine`: its data as plain JSON values)
        without writing over what another process stored since the form was shown it
        (`seen`), field by field: see `store.merge`. Creates the entry when missing."""
        self._refuse_long_text(mine)
        now = self._now()
        with self.write():
            row = self.conn.execute(
                f"SELECT {rows.ENTRY_COLUMNS} FROM entries WHERE uid = ?", (uid,)
            ).fetchone()
            theirs: dict[str, Any] | None = None
            if row is not None:
                stored = rows.lenient_json(row[5], None)
                # Data that is not an object (garbled): every field the form changed
                # then differs from it, so it is asked about, not written over.
                theirs = stored if isinstance(stored, dict) else {}
            merged = seen.merge(mine, theirs)
            if theirs is None:
                self.conn.execute(
                    f"INSERT INTO entries ({rows.ENTRY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (uid, module_id, page_id, block_id, kind, _json(mine), now, now),
                )
            elif merged.write:
                self.conn.execute(
                    "UPDATE entries SET data = ?, updated_at = ? WHERE uid = ?",
                    (_json({**theirs, **merged.write}), now, uid),
                )
        return Landed(self.entry(uid), merged)

    def entry(self, uid: str) -> Entry | None:
        row = self.conn.execute(
            f"SELECT {rows.ENTRY_COLUMNS} FROM entries WHERE uid = ?", (uid,)
        ).fetchone()
        return rows.entry(row) if row else None

    def entries(
        self, *, module_id: str | None = None, block_id: str | None = None, kind: str | None = None
    ) -> list[Entry]:
        """Entries, oldest first, optionally narrowed to a module, block or kind."""
        clauses, params = [], []
        for column, value in (("module_id", module_id), ("block_id", block_id), ("kind", kind)):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(value)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        found = self.conn.execute(
            f"SELECT {rows.ENTRY_COLUMNS} FROM entries{where} ORDER BY created_at, rowid", params
        )
        return [rows.entry(row) for row in found]

    def delete_entry(self, uid: str) -> None:
        with self.write():
            self.conn.execute("DELETE FROM entries WHERE uid = ?", (uid,))


def _json(data: dict[str, Any]) -> str:
    return msgspec.json.encode(data).decode()
