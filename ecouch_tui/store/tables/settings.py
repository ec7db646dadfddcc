"""Settings: one JSON value a key (the theme, notices seen)."""

from __future__ import annotations

from typing import Any

import msgspec

from ecouch_tui.store import rows
from ecouch_tui.store.connection import Connection


class SettingsTable(Connection):
    def setting(self, key: str, default: Any = None) -> Any:
        """The value, or `default` when unset or when what is stored cannot be read."""
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return default if row is None else rows.setting(row[0], default)

    def set_setting(self, key: str, value: Any) -> None:
        with self.write():
            self.conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, msgspec.json.encode(value).decode()),
            )
