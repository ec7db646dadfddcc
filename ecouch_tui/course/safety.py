"""When ecouch shows its safety response. Pure rules over answers, scores and mood.

- a check-in rule fires (PHQ-9 item 9 above 0, or a total in the most severe band):
  the calm safety screen, at once;
- a clear worsening since the last check-in: a calm recommendation to see a GP soon;
- a mood of 0-1 three days running: a gentle suggestion of the check-in and help.
"""

from __future__ import annotations

from datetime import date, timedelta

from ecouch_tui.content.questionnaire import Questionnaire
from ecouch_tui.course.scoring import Score
from ecouch_tui.store.records import MoodEntry

#: A rise this large on the PHQ-9 is a clinically meaningful worsening (about 5 points).
WORSENING_POINTS = 5
LOW_MOOD = 1
LOW_MOOD_DAYS = 3


def answer_triggers(questionnaire: Questionnaire, index: int, answer: int) -> list[str]:
    """The item rules one answer fires (e.g. PHQ-9 item 9 above 0), known before the end."""
    item_id = questionnaire.items[index].id
    return [
        rule.reason
        for rule in questionnaire.safety
        if rule.item == item_id and rule.above is not None and answer > rule.above
    ]


def checkin_triggers(questionnaire: Questionnaire, result: Score) -> list[str]:
    """The reasons (from the questionnaire's safety rules) this result needs the safety screen."""
    reasons: list[str] = []
    for rule in questionnaire.safety:
        if rule.item is not None and rule.above is not None:
            index = questionnaire.item_index(rule.item)
            answer = result.answers[index] if index is not None else None
            if answer is not None and answer > rule.above:
                reasons.append(rule.reason)
        elif rule.total_at_least is not None and result.total >= rule.total_at_least:
            reasons.append(rule.reason)
    return reasons


def worsened(questionnaire: Questionnaire, previous: int | None, current: int) -> bool:
    """A clear rise since last time: 5 points on the PHQ-9 (its minimal important change),
    scaled up for longer scales (18% of the range: 7 points on the K10)."""
    if previous is None:
        return False
    span = questionnaire.highest_total - questionnaire.lowest_total
    return current - previous >= max(WORSENING_POINTS, round(span * 0.18))


def low_mood_streak(moods: list[MoodEntry], today: date) -> bool:
    """Mood of 0-1 on three days running, ending today or yesterday."""
    by_day = {m.day: m.score for m in moods}
    for end in (today, today - timedelta(days=1)):
        days = [end - timedelta(days=n) for n in range(LOW_MOOD_DAYS)]
        if all(day in by_day and by_day[day] <= LOW_MOOD for day in days):
            return True
    return False
