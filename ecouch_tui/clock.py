"""Time, injected: every rule about weeks and days asks a Clock, so tests can move it."""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current local time, timezone-aware."""
        ...

    def today(self) -> date: ...


class SystemClock:
    """The real clock. `ECOUCH_TODAY=YYYY-MM-DD` shifts it, for scripted checks only."""

    def __init__(self) -> None:
        self._shift = timedelta(0)
        fake = os.environ.get("ECOUCH_TODAY")
        if fake:
            self._shift = datetime.combine(date.fromisoformat(fake), datetime.now().time()) - (
                datetime.now()
            )

    def now(self) -> datetime:
        return (datetime.now() + self._shift).astimezone()

    def today(self) -> date:
        return self.now().date()


class FixedClock:
    """A clock that stands still until told to move (tests, demo)."""

    def __init__(self, at: datetime | date) -> None:
        if not isinstance(at, datetime):
            at = datetime.combine(at, datetime.min.time()).replace(hour=9)
        self._now = at if at.tzinfo else at.astimezone()

    def now(self) -> datetime:
        return self._now

    def today(self) -> date:
        return self._now.date()

    def advance(self, **delta: float) -> None:
        self._now += timedelta(**delta)

    def set(self, at: datetime | date) -> None:
        self.__init__(at)  # type: ignore[misc]


def stamp(moment: datetime) -> str:
    """The one timestamp format in the store: local ISO 8601 with offset, to the second."""
    return moment.isoformat(timespec="seconds")
