"""The shape of a course that its rules need: the weeks, their pages, how they open.

Small and cheap to build, so the app (from the loaded course) and `ecouch status`
(straight from the content cache, without the content models) share one set of rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

if TYPE_CHECKING:
    from ecouch_tui.content.loader import LoadedCourse


class OutlineWeek(msgspec.Struct, frozen=True, kw_only=True):
    week: int
    title: str
    #: None when the module could not be loaded (the week is unavailable).
    module_id: str | None = None
    page_ids: tuple[str, ...] = ()
    #: Why an unavailable week cannot be shown (its first content error).
    problem: str | None = None


class CourseOutline(msgspec.Struct, frozen=True, kw_only=True):
    weeks: tuple[OutlineWeek, ...] = ()
    #: weekly, sequential or open (course.yaml `unlock:`).
    unlock: str = "weekly"
    #: The weekly check-in's questionnaire id, or None if the course has none.
    checkin_instrument: str | None = None
    checkin_every_days: int = 7

    def week_of(self, module_id: str) -> OutlineWeek | None:
        return next((w for w in self.weeks if w.module_id == module_id), None)


def outline_of(course: LoadedCourse) -> CourseOutline:
    manifest = course.manifest
    instrument = course.checkin_instrument
    weeks = []
    for entry in course.entries:
        module = entry.module
        first = entry.first_error
        weeks.append(
            OutlineWeek(
                week=entry.week,
                title=module.title if module else entry.title,
                module_id=module.id if module else None,
                page_ids=tuple(page.id for page in module.pages) if module else (),
                problem=None if module else (str(first) if first else "could not be loaded"),
            )
        )
    return CourseOutline(
        weeks=tuple(weeks),
        unlock=manifest.unlock if manifest else "weekly",
        checkin_instrument=instrument.id if instrument else None,
        checkin_every_days=manifest.checkin.every_days if manifest else 7,
    )
