"""When the weekly check-in is due: a week after the last one, or on the day you start.

Kept apart from scoring so quick readers (`ecouch status`) need no questionnaire models.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from ecouch_tui.store.records import Checkin


def taken_on(checkin: Checkin) -> date:
    return datetime.fromisoformat(checkin.taken_at).date()


def next_due(started_on: date, checkins: list[Checkin], every_days: int = 7) -> date:
    """The day the next check-in is due (today or earlier means: due now)."""
    if not checkins:
        return started_on
    return taken_on(checkins[-1]) + timedelta(days=every_days)


def is_due(started_on: date, checkins: list[Checkin], today: date, every_days: int = 7) -> bool:
    return next_due(started_on, checkins, every_days) <= today
