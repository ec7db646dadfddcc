"""After the last week: the manifest's follow-ups, outcome check-ins and early warning.

`course.yaml` declares them, as it declares how weeks open:

- `follow_up:` the check-ins after the course, each a number of months after the end
  of the last week and a short booster module (`modules/boosters/*.yaml`);
- `outcomes:` which questionnaire is asked at the start (`baseline`), at the end of the
  course (`post`) and at which follow-ups (by id), optional and skippable;
- `early_warning:` the thresholds past which home offers the staying-well plan.

The rules that read them (which follow-up is open, which check-in is due, whether to
warn) are pure functions in `course/followup.py`.
"""

from __future__ import annotations

from typing import Annotated, ClassVar

import msgspec
from msgspec import Meta

from ecouch_tui.content.blocks.base import Findings, Id, Text

#: The outcome time points that are not follow-ups.
BASELINE = "baseline"
POST = "post"


class _Model(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    label: ClassVar[str] = "item"


class FollowUp(_Model, kw_only=True, frozen=True):
    """One check-in after the course: `months` after the last week ends, with a booster."""

    label: ClassVar[str] = "follow-up"
    id: Id
    months: Annotated[int, Meta(ge=1, le=60, description="Months after the end of the course.")]
    #: How home and `ecouch status` name it ("1 month on").
    title: Text
    #: The booster module's file, relative to the course folder.
    module: Text


class OutcomeCheck(_Model, kw_only=True, frozen=True):
    """A questionnaire asked at set points, as a trial measures its outcome."""

    label: ClassVar[str] = "outcome check-in"
    instrument: Id
    #: `baseline`, `post`, or a follow-up's id.
    at: Annotated[list[Id], Meta(min_length=1)]
    #: Offered, never required: home has a key to skip it.
    optional: bool = True
    #: How many days after its point a check-in still counts for it.
    within_days: Annotated[int, Meta(ge=1, le=120)] = 28


class EarlyWarning(_Model, kw_only=True, frozen=True):
    """When home, after the course, offers the staying-well plan and says to see a GP."""

    label: ClassVar[str] = "early warning"
    #: The weekly check-in's total up this much or more from the end of the course.
    checkin_rise: Annotated[int, Meta(ge=1)] | None = 5
    #: Back into this band of the weekly check-in (or a higher one) after the course.
    band: Text | None = "moderate"
    #: Days of mood to average, and how far below the user's own average is "well below".
    mood_days: Annotated[int, Meta(ge=3, le=60)] = 14
    mood_below: Annotated[float, Meta(gt=0, le=10)] | None = 2.0
    #: At most once in this many days.
    every_days: Annotated[int, Meta(ge=1, le=90)] = 7


def schedule_findings(
    follow_up: list[FollowUp], outcomes: list[OutcomeCheck], modules: list[str]
) -> Findings:
    """Rules across the manifest's keys: unique ids and files, known time points."""
    ids: set[str] = set()
    files: set[str] = set(modules)
    last = 0
    for index, item in enumerate(follow_up):
        if item.id in ids or item.id in (BASELINE, POST):
            yield ("follow_up", index, "id"), f"follow-up id '{item.id}' is already used"
        ids.add(item.id)
        if item.months <= last:
            yield ("follow_up", index, "months"), "follow-ups must be in order, each later"
        last = item.months
        if "\0" in item.module:
            yield ("follow_up", index, "module"), "a file name cannot contain a NUL character"
        elif item.module in files:
            yield ("follow_up", index, "module"), f"'{item.module}' is already listed"
        files.add(item.module)
    points = {BASELINE, POST, *ids}
    for index, check in enumerate(outcomes):
        for at, point in enumerate(check.at):
            if point not in points:
                known = ", ".join(sorted(points))
                yield (
                    ("outcomes", index, "at", at),
                    f"'{point}' is not baseline, post or a follow-up id ({known})",
                )
