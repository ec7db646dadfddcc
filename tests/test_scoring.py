"""Questionnaire scoring and the safety rules: pure functions, checked edge by edge.

The bundled PHQ-9 and K10 are checked against texts copied from ecouch's clinical
reference (`reference/clinical.md`): items, answers, bands and notices must stay exact.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ecouch_tui.content.loader import load_questionnaires
from ecouch_tui.content.questionnaire import (
    AnswerOption,
    Band,
    QuestionItem,
    Questionnaire,
    SafetyRule,
)
from ecouch_tui.course import checkin_text as words
from ecouch_tui.course.checkin import assess, is_due, next_due
from ecouch_tui.course.safety import (
    answer_triggers,
    checkin_triggers,
    low_mood_streak,
    worsened,
)
from ecouch_tui.course.scoring import ScoringError, band_for, item_score, score
from ecouch_tui.paths import bundled_modules_dir
from ecouch_tui.store.records import Checkin, MoodEntry


@pytest.fixture(scope="module")
def bundled() -> dict[str, Questionnaire]:
    found, problems = load_questionnaires(bundled_modules_dir())
    assert problems == []
    return {q.id: q for q in found}


@pytest.fixture
def phq9(bundled: dict[str, Questionnaire]) -> Questionnaire:
    return bundled["phq9"]


@pytest.fixture
def k10(bundled: dict[str, Questionnaire]) -> Questionnaire:
    return bundled["k10"]


def answers_for(questionnaire: Questionnaire, total: int) -> list[int]:
    """Valid answers adding up to `total`, filled from the first item on."""
    low, high = min(questionnaire.values), max(questionnaire.values)
    answers = [low] * len(questionnaire.items)
    rest = total - questionnaire.lowest_total
    for index in range(len(answers)):
        add = min(rest, high - low)
        answers[index] += add
        rest -= add
    assert rest == 0, f"{total} is out of range"
    return answers


def checkin(instrument: str, total: int, day: date = date(2026, 1, 5)) -> Checkin:
    return Checkin(
        uid=f"{instrument}-{day}",
        instrument=instrument,
        taken_at=f"{day.isoformat()}T09:00:00+00:00",
        answers=(),
        total=total,
        band="",
    )


# -- the bundled texts, exactly as in the clinical reference -------------------------------

PHQ9_ITEMS = [
    "Little interest or pleasure in doing things",
    "Feeling down, depressed, or hopeless",
    "Trouble falling or staying asleep, or sleeping too much",
    "Feeling tired or having little energy",
    "Poor appetite or overeating",
    "Feeling bad about yourself — or that you are a failure or have let yourself or your "
    "family down",
    "Trouble concentrating on things, such as reading the newspaper or watching television",
    "Moving or speaking so slowly that other people could have noticed? Or the opposite — "
    "being so fidgety or restless that you have been moving around a lot more than usual",
    "Thoughts that you would be better off dead or of hurting yourself in some way",
]
K10_ITEMS = [
    "tired out for no good reason?",
    "nervous?",
    "so nervous that nothing could calm you down?",
    "hopeless?",
    "restless or fidgety?",
    "so restless you could not sit still?",
    "depressed?",
    "that everything was an effort?",
    "so sad that nothing could cheer you up?",
    "worthless?",
]


def test_phq9_matches_the_clinical_reference(phq9: Questionnaire) -> None:
    assert phq9.stem == (
        "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
    )
    assert [item.text for item in phq9.items] == PHQ9_ITEMS
    assert not any(item.reverse for item in phq9.items)
    assert [(o.value, o.text) for o in phq9.options] == [
        (0, "Not at all"),
        (1, "Several days"),
        (2, "More than half the days"),
        (3, "Nearly every day"),
    ]
    assert [(b.min, b.max, b.name) for b in phq9.bands] == [
        (0, 4, "minimal"),
        (5, 9, "mild"),
        (10, 14, "moderate"),
        (15, 19, "moderately severe"),
        (20, 27, "severe"),
    ]
    assert phq9.notice == (
        "Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and "
        "colleagues, with an educational grant from Pfizer Inc. No permission required to "
        "reproduce, translate, display or distribute."
    )
    assert "606–613" in phq9.source and "Kroenke" in phq9.source
    (extra,) = phq9.extra
    assert extra.text == (
        "If you checked off any problems, how difficult have these problems made it for you "
        "to do your work, take care of things at home, or get along with other people?"
    )
    assert extra.options == [
        "Not difficult at all",
        "Somewhat difficult",
        "Very difficult",
        "Extremely difficult",
    ]
    assert (phq9.lowest_total, phq9.highest_total) == (0, 27)


def test_k10_matches_the_clinical_reference_with_australian_scoring(k10: Questionnaire) -> None:
    assert k10.stem == "In the past 4 weeks, about how often did you feel…"
    assert [item.text for item in k10.items] == K10_ITEMS
    assert not any(item.reverse for item in k10.items)
    assert [(o.value, o.text) for o in k10.options] == [
        (1, "None of the time"),
        (2, "A little of the time"),
        (3, "Some of the time"),
        (4, "Most of the time"),
        (5, "All of the time"),
    ]
    assert k10.bands_source == "Australian Bureau of Statistics"
    assert [(b.min, b.max, b.name) for b in k10.bands] == [
        (10, 15, "low"),
        (16, 21, "moderate"),
        (22, 29, "high"),
        (30, 50, "very high"),
    ]
    assert k10.notice == (
        "Use of the K6 and K10 is free and does not require any formal permission or approval."
    )
    assert "959–976" in k10.source and "Kessler" in k10.source
    assert (k10.lowest_total, k10.highest_total) == (10, 50)


def test_every_band_has_a_plain_meaning(bundled: dict[str, Questionnaire]) -> None:
    for questionnaire in bundled.values():
        for band in questionnaire.bands:
            assert len(band.meaning.split()) >= 5, (questionnaire.id, band.name)


# -- scoring -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (0, "minimal"),
        (4, "minimal"),
        (5, "mild"),
        (9, "mild"),
        (10, "moderate"),
        (14, "moderate"),
        (15, "moderately severe"),
        (19, "moderately severe"),
        (20, "severe"),
        (27, "severe"),
    ],
)
def test_phq9_band_edges(phq9: Questionnaire, total: int, band: str) -> None:
    result = score(phq9, answers_for(phq9, total))
    assert (result.total, result.band.name, result.instrument) == (total, band, "phq9")


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (10, "low"),
        (15, "low"),
        (16, "moderate"),
        (21, "moderate"),
        (22, "high"),
        (29, "high"),
        (30, "very high"),
        (50, "very high"),
    ],
)
def test_k10_band_edges(k10: Questionnaire, total: int, band: str) -> None:
    result = score(k10, answers_for(k10, total))
    assert (result.total, result.band.name) == (total, band)


def test_a_total_outside_every_band_is_an_error(phq9: Questionnaire) -> None:
    with pytest.raises(ScoringError, match="outside every band"):
        band_for(phq9, 28)


def small_questionnaire(**overrides: object) -> Questionnaire:
    """Three items answered 0-3; the second is reverse-scored."""
    fields: dict[str, object] = {
        "id": "tiny",
        "name": "Tiny",
        "title": "A tiny test questionnaire",
        "stem": "How often?",
        "notice": "Made up for tests.",
        "source": "Nobody (tests)",
        "options": [AnswerOption(value=v, text=f"answer {v}") for v in range(4)],
        "items": [
            QuestionItem(id="a", text="first"),
            QuestionItem(id="b", text="second, reversed", reverse=True),
            QuestionItem(id="c", text="third"),
        ],
        "bands_source": "tests",
        "bands": [
            Band(min=0, max=4, name="low", meaning="Low, for the test."),
            Band(min=5, max=9, name="high", meaning="High, for the test."),
        ],
    }
    fields.update(overrides)
    return Questionnaire(**fields)  # type: ignore[arg-type]


def test_a_reverse_scored_item_counts_lowest_plus_highest_minus_the_answer() -> None:
    tiny = small_questionnaire()
    assert list(tiny.check()) == []
    assert item_score(tiny, 0, 3) == 3
    assert item_score(tiny, 1, 3) == 0
    assert item_score(tiny, 1, 0) == 3
    assert item_score(tiny, 1, 1) == 2
    result = score(tiny, [1, 0, 2])
    assert result.total == 1 + 3 + 2
    assert result.band.name == "high"
    assert result.answers == (1, 0, 2)  # kept as given, not as scored


def test_reverse_scoring_uses_the_questionnaires_own_range() -> None:
    """K10-style answers 1-5: a reversed 1 scores 5."""
    tiny = small_questionnaire(
        options=[AnswerOption(value=v, text=f"answer {v}") for v in range(1, 6)],
        bands=[Band(min=3, max=15, name="all", meaning="Everything, for the test.")],
    )
    assert item_score(tiny, 1, 1) == 5
    assert score(tiny, [1, 1, 1]).total == 1 + 5 + 1


def test_missing_answers_are_rejected(phq9: Questionnaire) -> None:
    answers: list[int | None] = [0] * 9
    answers[4] = None
    with pytest.raises(ScoringError, match="question 5 has no answer"):
        score(phq9, answers)
    with pytest.raises(ScoringError, match="has 9 questions; got 8"):
        score(phq9, [0] * 8)
    with pytest.raises(ScoringError, match="has 9 questions; got 10"):
        score(phq9, [0] * 10)
    with pytest.raises(ScoringError):
        score(phq9, [])


@pytest.mark.parametrize("bad", [4, -1, 27, 10])
def test_out_of_range_answers_are_rejected(phq9: Questionnaire, bad: int) -> None:
    answers = [0] * 9
    answers[2] = bad
    with pytest.raises(ScoringError, match=rf"question 3: {bad} is not one of 0, 1, 2, 3"):
        score(phq9, answers)


def test_k10_rejects_zero_which_is_only_a_us_scoring_answer(k10: Questionnaire) -> None:
    with pytest.raises(ScoringError, match="question 1: 0 is not one of 1, 2, 3, 4, 5"):
        score(k10, [0] + [1] * 9)


@pytest.mark.parametrize("bad", [True, 1.0, "1", b"1"])
def test_answers_that_are_not_whole_numbers_are_rejected(phq9: Questionnaire, bad: object) -> None:
    answers: list[object] = [0] * 9
    answers[0] = bad
    with pytest.raises(ScoringError, match=r"question 1: .* is not an answer value"):
        score(phq9, answers)  # type: ignore[arg-type]


# -- safety rules --------------------------------------------------------------------------


def test_item_9_of_one_with_a_total_of_one_triggers(phq9: Questionnaire) -> None:
    result = score(phq9, [0] * 8 + [1])
    assert result.total == 1 and result.band.name == "minimal"
    assert checkin_triggers(phq9, result) == [
        "thoughts of being better off dead or of self-harm (PHQ-9 item 9)"
    ]


@pytest.mark.parametrize("answer", [1, 2, 3])
def test_any_answer_above_zero_on_item_9_triggers(phq9: Questionnaire, answer: int) -> None:
    assert len(checkin_triggers(phq9, score(phq9, [0] * 8 + [answer]))) == 1
    assert answer_triggers(phq9, 8, answer) == [phq9.safety[0].reason]


def test_answer_triggers_only_fire_for_their_own_item(phq9: Questionnaire) -> None:
    assert answer_triggers(phq9, 8, 0) == []
    assert answer_triggers(phq9, 0, 3) == []  # item 1 has no rule


def test_a_phq9_total_of_20_triggers_and_19_does_not(phq9: Questionnaire) -> None:
    severe = score(phq9, answers_for(phq9, 20))  # item 9 stays 0
    assert severe.answers[8] == 0
    assert checkin_triggers(phq9, severe) == ["a PHQ-9 total in the severe band (20 or more)"]
    assert checkin_triggers(phq9, score(phq9, answers_for(phq9, 19))) == []


def test_item_9_and_a_severe_total_give_both_reasons(phq9: Questionnaire) -> None:
    assert len(checkin_triggers(phq9, score(phq9, [3] * 9))) == 2


def test_a_k10_total_of_30_triggers_and_29_does_not(k10: Questionnaire) -> None:
    assert checkin_triggers(k10, score(k10, answers_for(k10, 30))) == [
        "a K10 total in the very high band (30 or more)"
    ]
    assert checkin_triggers(k10, score(k10, answers_for(k10, 29))) == []
    assert checkin_triggers(k10, score(k10, [5] * 10)) != []


@pytest.mark.parametrize("total", [0, 4, 9, 14, 19])
def test_no_trigger_otherwise(phq9: Questionnaire, total: int) -> None:
    result = score(phq9, answers_for(phq9, total))
    assert result.answers[8] == 0
    assert checkin_triggers(phq9, result) == []


def test_a_rule_on_an_answer_uses_the_answer_given_not_the_reversed_score() -> None:
    tiny = small_questionnaire(
        safety=[SafetyRule(item="b", above=2, reason="item b high")],
    )
    assert checkin_triggers(tiny, score(tiny, [0, 3, 0])) == ["item b high"]
    assert checkin_triggers(tiny, score(tiny, [0, 0, 0])) == []


# -- change over time ----------------------------------------------------------------------


def test_worsening_is_five_points_on_the_phq9(phq9: Questionnaire) -> None:
    assert worsened(phq9, None, 27) is False
    assert worsened(phq9, 5, 9) is False
    assert worsened(phq9, 5, 10) is True
    assert worsened(phq9, 0, 20) is True
    assert worsened(phq9, 15, 5) is False
    assert worsened(phq9, 8, 8) is False


def test_worsening_is_seven_points_on_the_longer_k10(k10: Questionnaire) -> None:
    assert worsened(k10, 15, 21) is False
    assert worsened(k10, 15, 22) is True


def test_assess_scores_compares_and_checks_safety(phq9: Questionnaire) -> None:
    first = assess(phq9, answers_for(phq9, 6), None)
    assert (first.change, first.worsened, first.needs_safety) == (None, False, False)
    later = assess(phq9, answers_for(phq9, 12), checkin("phq9", 6))
    assert (later.score.total, later.change, later.worsened) == (12, 6, True)
    better = assess(phq9, [0] * 8 + [1], checkin("phq9", 4))
    assert (better.change, better.worsened) == (-3, False)
    assert better.needs_safety and len(better.reasons) == 1


def test_assess_never_compares_different_questionnaires(phq9: Questionnaire) -> None:
    outcome = assess(phq9, answers_for(phq9, 6), checkin("k10", 30))
    assert outcome.previous is None and outcome.change is None


def test_assess_rejects_what_score_rejects(phq9: Questionnaire) -> None:
    with pytest.raises(ScoringError):
        assess(phq9, [0] * 8 + [None], None)


def test_change_in_words(phq9: Questionnaire) -> None:
    since = "Mon 5 Jan"
    down = assess(phq9, answers_for(phq9, 8), checkin("phq9", 11))
    assert words.change_words(phq9, down, since) == "down 3 points since Mon 5 Jan (from 11 to 8)"
    up = assess(phq9, answers_for(phq9, 12), checkin("phq9", 11))
    assert words.change_words(phq9, up, since) == "up 1 point since Mon 5 Jan (from 11 to 12)"
    same = assess(phq9, answers_for(phq9, 11), checkin("phq9", 11))
    assert words.change_words(phq9, same, since) == "no change since Mon 5 Jan (11 both times)"
    first = assess(phq9, answers_for(phq9, 11), None)
    assert "first PHQ-9 check-in" in words.change_words(phq9, first, "")
    worse = assess(phq9, answers_for(phq9, 16), checkin("phq9", 11))
    advice = words.worsened_words(phq9, worse, since)
    assert "gone up 5 points since Mon 5 Jan, from 11 to 16" in advice
    assert "doctor (GP) soon" in advice


# -- low mood ------------------------------------------------------------------------------

TODAY = date(2026, 1, 14)


def moods(*scores: tuple[int, int]) -> list[MoodEntry]:
    """(days ago, score) pairs."""
    return [MoodEntry(day=TODAY - timedelta(days=ago), score=score) for ago, score in scores]


def test_three_low_days_running_ending_today_or_yesterday() -> None:
    assert low_mood_streak(moods((0, 1), (1, 0), (2, 1)), TODAY)
    assert low_mood_streak(moods((1, 1), (2, 1), (3, 0)), TODAY)


def test_no_streak_with_a_gap_a_better_day_or_too_long_ago() -> None:
    assert not low_mood_streak(moods((0, 1), (2, 1), (3, 1)), TODAY)  # yesterday missing
    assert not low_mood_streak(moods((0, 1), (1, 2), (2, 1)), TODAY)  # a 2 breaks it
    assert not low_mood_streak(moods((2, 0), (3, 0), (4, 0)), TODAY)  # ended two days ago
    assert not low_mood_streak(moods((0, 0), (1, 0)), TODAY)
    assert not low_mood_streak([], TODAY)


# -- when it is due ------------------------------------------------------------------------


def test_due_on_the_first_day_then_a_week_after_the_last() -> None:
    start = date(2026, 1, 5)
    assert next_due(start, []) == start
    assert is_due(start, [], start)
    done = [checkin("phq9", 5, date(2026, 1, 6))]
    assert next_due(start, done) == date(2026, 1, 13)
    assert not is_due(start, done, date(2026, 1, 12))
    assert is_due(start, done, date(2026, 1, 13))
    assert next_due(start, done, every_days=14) == date(2026, 1, 20)
