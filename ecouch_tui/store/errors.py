"""Why a store cannot be used, in words a user can act on."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """Base class: the message is written for the person using ecouch."""

    def __init__(self, path: Path, message: str) -> None:
        self.path = path
        super().__init__(message)


class StoreCorrupt(StoreError):
    """The file exists but is damaged or is not an ecouch store. It is left as it is: the
    user may choose to start fresh, which keeps it renamed aside (`store.db.set_aside`)."""


class StoreTooNew(StoreError):
    """A newer ecouch wrote this store; this one must not touch it."""


class StoreGone(StoreError):
    """The file was deleted or replaced while it was open (`ecouch forget` in a shell):
    a save would go into a file nobody can open again, so none is made."""


class StoreTooLong(StoreError):
    """A text is longer than ecouch keeps (`records.TEXT_MOST`): nothing is written, and
    the app keeps it on screen to shorten or split."""


class StoreUnwritable(StoreError):
    """The folder or disk refuses writes (read-only, full, no permission)."""


class StoreBusy(StoreUnwritable):
    """Another copy of ecouch held the store locked for longer than the busy timeout."""
