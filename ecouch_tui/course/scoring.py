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
    #: The answers as given, one per item; None for an item skipped (only where the
    #: questionnaire's `missing` rule allows it).
    answers: tuple[int | None, ...]
    total: int
    band: Band
    #: How many items were skipped; the total was then made by the `missing` rule.
    skipped: int = 0


def item_score(questionnaire: Questionnaire, index: int, answer: int) -> int:
    """What one answer adds to the total (reverse-scored items are flipped, within the
    item's own answers)."""
    if questionnaire.items[index].reverse:
        values = questionnaire.item_values(index)
        return min(values) + max(values) - answer
    return answer


def too_many_skipped(questionnaire: Questionnaire, skipped: int) -> str:
    """Why a questionnaire with `skipped` items left out can't be scored, kindly."""
    rule = questionnaire.missing
    if rule is None:
        return "every question needs an answer before the check-in can be scored"
    return (
        f"{skipped} of the {len(questionnaire.items)} questions were skipped. The "
        f"{questionnaire.name} can only give a fair total when {rule.at_most} or fewer are "
        "left out, so this one can't be scored and nothing was saved. That's all right: "
        "you can answer a few more, or try again another day."
    )


def made_total(questionnaire: Questionnaire, summed: int, answered: int) -> int:
    """The total from the answered items' sum, by the questionnaire's `missing` rule."""
    items = len(questionnaire.items)
    rule = questionnaire.missing
    if answered == items or rule is None or rule.rule == "sum":
        return summed
    # round(summed × items / answered), halves up, in whole numbers (no float surprises).
    return (2 * summed * items + answered) // (2 * answered)


def band_for(questionnaire: Questionnaire, total: int) -> Band:
    for band in questionnaire.bands:
        if band.min <= total <= band.max:
            return band
    raise ScoringError(f"a total of {total} is outside every band of {questionnaire.name}")


def score(questionnaire: Questionnaire, answers: Sequence[int | None]) -> Score:
    """Total and band. Every item must be answered with one of its listed values, except
    that a questionnaire with a `missing` rule may have up to `at_most` skipped (None)."""
    items = questionnaire.items
    if len(answers) != len(items):
        raise ScoringError(f"{questionnaire.name} has {len(items)} questions; got {len(answers)}")
    summed = 0
    skipped = 0
    for index, answer in enumerate(answers):
        if answer is None:
            if questionnaire.missing is None:
                raise ScoringError(f"question {index + 1} has no answer; every question needs one")
            skipped += 1
            continue
        if isinstance(answer, bool) or not isinstance(answer, int):
            # True == 1 and 1.0 == 1 in Python: without this they would score silently.
            raise ScoringError(f"question {index + 1}: {answer!r} is not an answer value")
        allowed = questionnaire.item_values(index)
        if answer not in allowed:
            choices = ", ".join(str(v) for v in sorted(allowed))
            raise ScoringError(f"question {index + 1}: {answer} is not one of {choices}")
        summed += item_score(questionnaire, index, answer)
    rule = questionnaire.missing
    if rule is not None and skipped > rule.at_most:
        raise ScoringError(too_many_skipped(questionnaire, skipped))
    total = made_total(questionnaire, summed, len(items) - skipped)
    return Score(
        instrument=questionnaire.id,
        answers=tuple(answers),
        total=total,
        band=band_for(questionnaire, total),
        skipped=skipped,
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
