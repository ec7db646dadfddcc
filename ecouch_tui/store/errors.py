"""Why a store cannot be used, in words a user can act on."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """Base class: the message is written for the person using ecouch."""

    def __init__(self, path: Path, message: str) -> None:
        self.path = path
        super().__init__(message)


class StoreCorrupt(StoreError):
    """The file exists but is not a readable ecouch store."""


class StoreTooNew(StoreError):
    """A newer ecouch wrote this store; this one must not touch it."""


class StoreUnwritable(StoreError):
    """The folder or disk refuses writes (read-only, full, no permission)."""
