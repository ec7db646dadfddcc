"""Where the user is: overall progress and the one place "Continue" takes them."""

from __future__ import annotations

import msgspec

from ecouch_tui.course.outline import CourseOutline
from ecouch_tui.course.unlock import Status, WeekState
from ecouch_tui.store.records import ModuleProgress


class ResumePoint(msgspec.Struct, frozen=True, kw_only=True):
    module_id: str
    page_id: str
    page_index: int
    week: int
    title: str
    started: bool


class Overall(msgspec.Struct, frozen=True, kw_only=True):
    done: int
    total: int

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 0.0


def overall(states: list[WeekState]) -> Overall:
    return Overall(done=sum(s.status == Status.DONE for s in states), total=len(states))


def resume_page(outline: CourseOutline, module_id: str, record: ModuleProgress | None) -> int:
    """The page index to reopen a module on: where the user was, else the start."""
    week = outline.week_of(module_id)
    if week is None or record is None or record.current_page_id not in week.page_ids:
        return 0
    return week.page_ids.index(record.current_page_id)


def continue_target(
    outline: CourseOutline, states: list[WeekState], progress: dict[str, ModuleProgress]
) -> ResumePoint | None:
    """The most recently read open week that is not done, else the first open one."""
    candidates = [s for s in states if s.status == Status.OPEN and s.module_id]
    if not candidates:
        return None

    def recency(state: WeekState) -> str:
        record = progress.get(state.module_id or "")
        return (record.updated_at or "") if record else ""

    recent = max(candidates, key=recency)
    chosen = recent if recency(recent) else candidates[0]
    module_id = chosen.module_id or ""
    week = outline.week_of(module_id)
    assert week is not None
    index = resume_page(outline, module_id, progress.get(module_id))
    return ResumePoint(
        module_id=module_id,
        page_id=week.page_ids[index],
        page_index=index,
        week=chosen.week,
        title=week.title,
        started=chosen.started,
    )


def next_opening(states: list[WeekState]) -> WeekState | None:
    """The next locked week, to say when new material arrives."""
    return next((s for s in states if s.status == Status.LOCKED), None)
