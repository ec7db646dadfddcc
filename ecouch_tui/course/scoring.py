"""Questionnaire scoring: a pure function of the questionnaire and the answers given."""

from __future__ import annotations

from collections.abc import Sequence

import msgspec

from ecouch_tui.content.questionnaire import Band, Questionnaire
from ecouch_tui.store.records import Checkin


class ScoringError(ValueError):
    """The answers cannot be scored; the message says why, for the person answering."""


class Score(msgspec.Struct, frozen=True, kw_only=True):
    instrument: str
    answers: tuple[int, ...]
    total: int
    band: Band


def item_score(questionnaire: Questionnaire, index: int, answer: int) -> int:
    """What one answer adds to the total (reverse-scored items are flipped)."""
    if questionnaire.items[index].reverse:
        values = questionnaire.values
        return min(values) + max(values) - answer
    return answer


def band_for(questionnaire: Questionnaire, total: int) -> Band:
    for band in questionnaire.bands:
        if band.min <= total <= band.max:
            return band
    raise ScoringError(f"a total of {total} is outside every band of {questionnaire.name}")


def score(questionnaire: Questionnaire, answers: Sequence[int | None]) -> Score:
    """Total and band. Every item must be answered with one of the listed values."""
    items = questionnaire.items
    if len(answers) != len(items):
        raise ScoringError(f"{questionnaire.name} has {len(items)} questions; got {len(answers)}")
    allowed = set(questionnaire.values)
    total = 0
    for index, answer in enumerate(answers):
        if answer is None:
            raise ScoringError(f"question {index + 1} has no answer; every question needs one")
        if isinstance(answer, bool) or not isinstance(answer, int):
            # True == 1 and 1.0 == 1 in Python: without this they would score silently.
            raise ScoringError(f"question {index + 1}: {answer!r} is not an answer value")
        if answer not in allowed:
            choices = ", ".join(str(v) for v in sorted(allowed))
            raise ScoringError(f"question {index + 1}: {answer} is not one of {choices}")
        total += item_score(questionnaire, index, answer)
    return Score(
        instrument=questionnaire.id,
        answers=tuple(a for a in answers if a is not None),
        total=total,
        band=band_for(questionnaire, total),
    )


def mismatch(
    questionnaire: Questionnaire, answers: Sequence[object], total: object
) -> tuple[str, str] | None:
    """Why a stored check-in (answers and total) is not one this questionnaire could have
    scored, as (the field at fault, "answers" or "total"; why), or None when it is: the
    same rules as a check-in taken now (`score`), and the total its answers add up to.
    Import refuses such a check-in (one already stored: see `fits`)."""
    try:
        result = score(questionnaire, list(answers))  # type: ignore[arg-type]
    except ScoringError as exc:
        return "answers", str(exc)
    if isinstance(total, bool) or not isinstance(total, int) or total != result.total:
        return "total", f"its answers add up to {result.total}"
    return None


def fits(questionnaire: Questionnaire, checkin: Checkin) -> bool:
    """Whether a stored check-in's total is one this questionnaire has (inside its bands),
    so it can be charted and compared. Less than `mismatch` asks of an import: a check-in
    an older version stored with other answers still shows, as long as it can be drawn."""
    return (
        checkin.instrument == questionnaire.id
        and questionnaire.lowest_total <= checkin.total <= questionnaire.highest_total
    )


def change_since(previous_total: int | None, current_total: int) -> int | None:
    return None if previous_total is None else current_total - previous_total
