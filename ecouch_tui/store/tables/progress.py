"""Where the user is in each module, which pages they have seen, what they finished."""

from __future__ import annotations

from ecouch_tui.store import rows
from ecouch_tui.store.connection import Connection
from ecouch_tui.store.records import ModuleProgress


class ProgressTable(Connection):
    def visit_page(self, module_id: str, page_id: str) -> None:
        """The user is reading this page now: it is where they resume."""
        now = self._now()
        with self.write():
            self.conn.execute(
                "INSERT INTO module_progress (module_id, current_page_id, started_at, updated_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (module_id) DO UPDATE SET"
                " current_page_id = excluded.current_page_id, updated_at = excluded.updated_at",
                (module_id, page_id, now, now),
            )
            self.conn.execute(
                "INSERT INTO page_visits (module_id, page_id, first_seen_at, last_seen_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (module_id, page_id) DO UPDATE SET"
                " last_seen_at = excluded.last_seen_at",
                (module_id, page_id, now, now),
            )

    def complete_module(self, module_id: str) -> None:
        """Mark a module done (once: the first completion time is kept)."""
        now = self._now()
        with self.write():
            self.conn.execute(
                "INSERT INTO module_progress (module_id, started_at, updated_at, completed_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (module_id) DO UPDATE SET"
                " updated_at = excluded.updated_at,"
                " completed_at = coalesce(module_progress.completed_at, excluded.completed_at)",
                (module_id, now, now, now),
            )

    def progress(self) -> dict[str, ModuleProgress]:
        visits = self.conn.execute(f"SELECT {rows.VISIT_COLUMNS} FROM page_visits")
        progress = self.conn.execute(f"SELECT {rows.PROGRESS_COLUMNS} FROM module_progress")
        return rows.progress(progress.fetchall(), visits.fetchall())
