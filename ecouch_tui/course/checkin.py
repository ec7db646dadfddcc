"""The weekly check-in: what a finished one means (when it is due: `course.due`).

A finished questionnaire is
scored, compared with the last result of the same questionnaire and checked against
its safety rules in one pure step (`assess`), so the app and `ecouch checkin` agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import msgspec

from ecouch_tui.content.questionnaire import Questionnaire
from ecouch_tui.course.due import is_due, next_due, taken_on
from ecouch_tui.course.safety import checkin_triggers, worsened
from ecouch_tui.course.scoring import Score, change_since, score
from ecouch_tui.store.records import Checkin

__all__ = ["Outcome", "assess", "done_today", "is_due", "next_due", "taken_on"]


class Outcome(msgspec.Struct, frozen=True, kw_only=True):
    """A scored check-in beside the one before it: what the result screen says."""

    score: Score
    #: The last check-in of the same questionnaire before this one, if any.
    previous: Checkin | None = None
    #: Points up (positive) or down since `previous`; None the first time.
    change: int | None = None
    #: A clear rise since `previous` (see `course.safety.worsened`).
    worsened: bool = False
    #: Why the safety screen must be shown now (the questionnaire's rules that fired).
    reasons: tuple[str, ...] = ()

    @property
    def needs_safety(self) -> bool:
        return bool(self.reasons)


def assess(
    questionnaire: Questionnaire, answers: Sequence[int | None], previous: Checkin | None
) -> Outcome:
    """Score the answers and compare with `previous`; ScoringError if they can't be scored.

    `previous` of another questionnaire is ignored: totals on different scales don't compare.
    """
    result = score(questionnaire, answers)
    if previous is not None and previous.instrument != questionnaire.id:
        previous = None
    before = previous.total if previous is not None else None
    return Outcome(
        score=result,
        previous=previous,
        change=change_since(before, result.total),
        worsened=worsened(questionnaire, before, result.total),
        reasons=tuple(checkin_triggers(questionnaire, result)),
    )


def done_today(checkins: Sequence[Checkin], instrument: str, today: date) -> Checkin | None:
    """The latest check-in of `instrument` taken on `today`, if any: doing it again the
    same day replaces it (one result a day per questionnaire, in history and the report)."""
    same = [c for c in checkins if c.instrument == instrument and taken_on(c) == today]
    return same[-1] if same else None
