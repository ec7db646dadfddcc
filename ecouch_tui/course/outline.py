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


class OutlineFollowUp(msgspec.Struct, frozen=True, kw_only=True):
    """A follow-up after the course (course.yaml `follow_up:`) and its booster."""

    id: str
    months: int
    title: str
    #: The booster's module id; None when it could not be loaded.
    module_id: str | None = None
    module_title: str = ""
    page_ids: tuple[str, ...] = ()
    problem: str | None = None


class OutlineOutcome(msgspec.Struct, frozen=True, kw_only=True):
    """An outcome questionnaire and its time points (course.yaml `outcomes:`)."""

    instrument: str
    #: Its short name ("CES-D").
    name: str
    #: "baseline", "post" or follow-up ids.
    at: tuple[str, ...]
    optional: bool = True
    within_days: int = 28


class OutlineWarning(msgspec.Struct, frozen=True, kw_only=True):
    """The early warning's thresholds (course.yaml `early_warning:`)."""

    checkin_rise: int | None = 5
    #: The lowest total of the band named in `early_warning.band`, if any.
    band_min: int | None = None
    band: str | None = None
    mood_days: int = 14
    mood_below: float | None = 2.0
    every_days: int = 7


class CourseOutline(msgspec.Struct, frozen=True, kw_only=True):
    weeks: tuple[OutlineWeek, ...] = ()
    #: weekly, sequential or open (course.yaml `unlock:`).
    unlock: str = "weekly"
    #: The weekly check-in's questionnaire id, or None if the course has none.
    checkin_instrument: str | None = None
    checkin_every_days: int = 7
    follow_ups: tuple[OutlineFollowUp, ...] = ()
    outcomes: tuple[OutlineOutcome, ...] = ()
    early_warning: OutlineWarning | None = None

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
    follow_ups = []
    for item in manifest.follow_up if manifest else []:
        booster = course.booster_of(item.id)
        module = booster.module if booster else None
        error = booster.first_error if booster else None
        follow_ups.append(
            OutlineFollowUp(
                id=item.id,
                months=item.months,
                title=item.title,
                module_id=module.id if module else None,
                module_title=module.title if module else "",
                page_ids=tuple(page.id for page in module.pages) if module else (),
                problem=None if module else (str(error) if error else "could not be loaded"),
            )
        )
    outcomes = []
    for check in manifest.outcomes if manifest else []:
        questionnaire = course.questionnaire(check.instrument)
        if questionnaire is not None:
            outcomes.append(
                OutlineOutcome(
                    instrument=check.instrument,
                    name=questionnaire.name,
                    at=tuple(check.at),
                    optional=check.optional,
                    within_days=check.within_days,
                )
            )
    warning = manifest.early_warning if manifest else None
    early = None
    if warning is not None:
        bands = instrument.bands if instrument else []
        band_min = next((b.min for b in bands if b.name == warning.band), None)
        early = OutlineWarning(
            checkin_rise=warning.checkin_rise,
            band_min=band_min,
            band=warning.band if band_min is not None else None,
            mood_days=warning.mood_days,
            mood_below=warning.mood_below,
            every_days=warning.every_days,
        )
    return CourseOutline(
        weeks=tuple(weeks),
        unlock=manifest.unlock if manifest else "weekly",
        checkin_instrument=instrument.id if instrument else None,
        checkin_every_days=manifest.checkin.every_days if manifest else 7,
        follow_ups=tuple(follow_ups),
        outcomes=tuple(outcomes),
        early_warning=early,
    )
