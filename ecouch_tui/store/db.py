"""The Store: one SQLite file (0600, in a 0700 folder), WAL, synchronous=FULL.

Each idea has its own file, and this one puts them together: `connection` (opening,
checks, migrations, backups, the write transaction), `tables/` (one file a table),
`rows` (rows to records, tolerant of garbled values), `files` (private files, set
aside), `names` (the next free `-N` name) and `sqlite_errors` (what an error means for
the user). The names other code imports from here stay importable from here.
"""

from __future__ import annotations

from pathlib import Path

from ecouch_tui.clock import Clock
from ecouch_tui.store import sqlite_errors
from ecouch_tui.store.files import (
    SIDE_SUFFIXES,
    create_private_file,
    damaged_name,
    set_aside,
)
from ecouch_tui.store.rows import lenient_json
from ecouch_tui.store.sqlite_errors import store_error
from ecouch_tui.store.tables.checkins import CheckinsTable
from ecouch_tui.store.tables.enrolment import EnrolmentTable
from ecouch_tui.store.tables.entries import EntriesTable
from ecouch_tui.store.tables.mood import MoodTable
from ecouch_tui.store.tables.progress import ProgressTable
from ecouch_tui.store.tables.research import ResearchTable
from ecouch_tui.store.tables.safety_events import SafetyEventsTable
from ecouch_tui.store.tables.settings import SettingsTable

__all__ = [
    "BUSY_TIMEOUT",
    "SIDE_SUFFIXES",
    "Store",
    "create_private_file",
    "damaged_name",
    "lenient_json",
    "set_aside",
    "store_error",
]

#: How long a save waits for another copy of ecouch to finish its own, in seconds.
#: Read when a store opens, so it can be changed here (a test shortens it).
BUSY_TIMEOUT = sqlite_errors.BUSY_TIMEOUT


class Store(
    EnrolmentTable,
    ResearchTable,
    SettingsTable,
    ProgressTable,
    EntriesTable,
    MoodTable,
    CheckinsTable,
    SafetyEventsTable,
):
    """Open with `Store.open(path, clock)`; close when done (or use as a context manager)."""

    @classmethod
    def open(cls, path: Path, clock: Clock) -> Store:
        """Open (creating when missing) and migrate. StoreError, with the file unchanged,
        when it is damaged, newer, locked for too long or cannot be written."""
        return cls.connect(path, clock, BUSY_TIMEOUT)

    @classmethod
    def open_again(cls, path: Path, clock: Clock, same_as: tuple[int, int] | None = None) -> Store:
        """A second connection to a store this process has open (for the writer thread):
        to the very file `same_as` names (its `identity`), never a new one."""
        return cls.connect_again(path, clock, BUSY_TIMEOUT, same_as)
