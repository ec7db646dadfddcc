"""When each week opens.

- `weekly`: week N opens 7 x (N-1) days after enrolment (e-couch's one module a week);
- `sequential`: a week opens when every earlier available week is done;
- `open`: everything is open (also what demo and preview use).
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

import msgspec

from ecouch_tui.content.loader import LoadedCourse, ModuleEntry
from ecouch_tui.content.models import UnlockPolicy
from ecouch_tui.store.records import ModuleProgress


class Status(StrEnum):
    DONE = "done"
    OPEN = "open"
    LOCKED = "locked"
    UNAVAILABLE = "unavailable"


class WeekState(msgspec.Struct, frozen=True, kw_only=True):
    week: int
    title: str
    status: Status
    module_id: str | None = None
    #: When a locked week opens (weekly policy); None when it waits on earlier weeks.
    opens_on: date | None = None
    pages: int = 0
    pages_seen: int = 0
    #: Why an unavailable week cannot be shown (its first content error).
    problem: str | None = None

    @property
    def started(self) -> bool:
        return self.pages_seen > 0

    @property
    def can_open(self) -> bool:
        return self.status in (Status.OPEN, Status.DONE)


def weekly_opening(started_on: date, week: int) -> date:
    return started_on + timedelta(days=7 * (week - 1))


def week_states(
    course: LoadedCourse,
    started_on: date,
    progress: dict[str, ModuleProgress],
    today: date,
    policy: UnlockPolicy | None = None,
) -> list[WeekState]:
    """Every week of the course, in order, with its status today."""
    rule = policy or (course.manifest.unlock if course.manifest else "weekly")
    states: list[WeekState] = []
    earlier_done = True
    for entry in course.entries:
        state = _state(entry, rule, started_on, progress, today, earlier_done)
        if state.status != Status.UNAVAILABLE:
            earlier_done = earlier_done and state.status == Status.DONE
        states.append(state)
    return states


def _state(
    entry: ModuleEntry,
    rule: UnlockPolicy,
    started_on: date,
    progress: dict[str, ModuleProgress],
    today: date,
    earlier_done: bool,
) -> WeekState:
    module = entry.module
    if module is None:
        first = entry.first_error
        return WeekState(
            week=entry.week,
            title=entry.title,
            status=Status.UNAVAILABLE,
            problem=str(first) if first else "this module could not be loaded",
        )
    record = progress.get(module.id)
    page_ids = {page.id for page in module.pages}
    seen = len(record.pages_seen & page_ids) if record else 0
    common = {"week": entry.week, "title": module.title, "module_id": module.id}
    common |= {"pages": len(module.pages), "pages_seen": seen}
    if record is not None and record.done:
        return WeekState(status=Status.DONE, **common)  # type: ignore[arg-type]
    if rule == "open":
        return WeekState(status=Status.OPEN, **common)  # type: ignore[arg-type]
    if rule == "sequential":
        status = Status.OPEN if earlier_done else Status.LOCKED
        return WeekState(status=status, **common)  # type: ignore[arg-type]
    opens = weekly_opening(started_on, entry.week)
    if today >= opens:
        return WeekState(status=Status.OPEN, opens_on=opens, **common)  # type: ignore[arg-type]
    return WeekState(status=Status.LOCKED, opens_on=opens, **common)  # type: ignore[arg-type]


def current_week(started_on: date, today: date) -> int:
    """The calendar week of the course the user is in (1 on the day they start)."""
    return max(1, (today - started_on).days // 7 + 1)
