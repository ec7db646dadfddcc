"""When each week opens.

- `weekly`: week N opens 7 x (N-1) days after enrolment (e-couch's one module a week);
- `sequential`: a week opens when every earlier available week is done;
- `open`: everything is open (also what demo and preview use).
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

import msgspec

from ecouch_tui.course.outline import CourseOutline, OutlineWeek
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
    outline: CourseOutline,
    started_on: date,
    progress: dict[str, ModuleProgress],
    today: date,
    policy: str | None = None,
) -> list[WeekState]:
    """Every week of the course, in order, with its status today.

    `policy` overrides the course's own unlock rule ("open" for demo and preview).
    """
    rule = policy or outline.unlock
    states: list[WeekState] = []
    earlier_done = True
    for week in outline.weeks:
        state = _state(week, rule, started_on, progress, today, earlier_done)
        if state.status != Status.UNAVAILABLE:
            earlier_done = earlier_done and state.status == Status.DONE
        states.append(state)
    return states


def _state(
    week: OutlineWeek,
    rule: str,
    started_on: date,
    progress: dict[str, ModuleProgress],
    today: date,
    earlier_done: bool,
) -> WeekState:
    if week.module_id is None:
        return WeekState(
            week=week.week, title=week.title, status=Status.UNAVAILABLE, problem=week.problem
        )
    record = progress.get(week.module_id)
    seen = len(record.pages_seen & set(week.page_ids)) if record else 0
    common = {"week": week.week, "title": week.title, "module_id": week.module_id}
    common |= {"pages": len(week.page_ids), "pages_seen": seen}
    if record is not None and record.done:
        return WeekState(status=Status.DONE, **common)  # type: ignore[arg-type]
    if rule == "open":
        return WeekState(status=Status.OPEN, **common)  # type: ignore[arg-type]
    if rule == "sequential":
        status = Status.OPEN if earlier_done else Status.LOCKED
        return WeekState(status=status, **common)  # type: ignore[arg-type]
    opens = weekly_opening(started_on, week.week)
    if today >= opens:
        return WeekState(status=Status.OPEN, opens_on=opens, **common)  # type: ignore[arg-type]
    return WeekState(status=Status.LOCKED, opens_on=opens, **common)  # type: ignore[arg-type]


def current_week(started_on: date, today: date) -> int:
    """The calendar week of the course the user is in (1 on the day they start)."""
    return max(1, (today - started_on).days // 7 + 1)
