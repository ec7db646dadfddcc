"""What a check-in says in words: the data notice, the result, and the safety response.

Shared by the app's check-in screens and `ecouch checkin`, so a person hears the same
thing in both. Plain text (no markup), no Textual: the shell command must start fast.
The facts (bands, reasons, crisis numbers) come from data; only the sentences are here.
"""

from __future__ import annotations

from collections.abc import Sequence

from ecouch_tui.content.questionnaire import Questionnaire
from ecouch_tui.course.checkin import Outcome
from ecouch_tui.course.scoring import Score
from ecouch_tui.store.records import Checkin

#: Settings key: the data notice has been read (it is shown before the first check-in only).
NOTICE_SEEN = "checkin_notice_seen"


def data_notice(questionnaire: Questionnaire, help_hint: str, weekly: bool = True) -> list[str]:
    """Paragraphs shown once, before the first questionnaire: what is asked, where it goes.
    `weekly`: whether this one is the weekly check-in (else one the person chose)."""
    asked = f"({questionnaire.name}, {len(questionnaire.items)} questions)"
    if weekly:
        first = (
            f"Once a week ecouch offers a short check-in: a standard questionnaire {asked} "
            "about how you have been feeling. Your results over time show whether things "
            "are changing."
        )
    else:
        first = (
            f"This is an optional check-in: a standard questionnaire {asked}, taken when "
            "you choose. Your results over time show whether things are changing."
        )
    return [
        first,
        "Your answers stay on this computer, in ecouch's own file. Nothing is sent anywhere "
        "and nobody else sees them, so nobody can respond to them: ecouch is not a crisis "
        "service.",
        "If an answer suggests you may be at risk, ecouch shows crisis lines and suggests "
        f"seeing a doctor. {help_hint}",
        "You can stop at any time: nothing is saved until you reach the end. "
        "You can look back at your results, export them or delete them whenever you like.",
    ]


#: What each questionnaire a course may ship measures, in everyday words: the palette
#: finds it by these ("depression", "anxiety") and the chooser describes it with them.
#: One not listed here is described by its title alone.
MEASURES = {
    "phq9": "depression",
    "k10": "psychological distress",
    "gad7": "anxiety",
    "cesd": "depression",
    "auditc": "alcohol use",
}


def measures(questionnaire: Questionnaire) -> str:
    return MEASURES.get(questionnaire.id, "")


def full_title(questionnaire: Questionnaire) -> str:
    """The title without the short name in brackets: 'Kessler Psychological Distress Scale'."""
    title = questionnaire.title.replace(f"({questionnaire.name})", "").strip()
    return title if title and title != questionnaire.name else ""


def palette_title(questionnaire: Questionnaire) -> str:
    """'PHQ-9 questionnaire: depression (Patient Health Questionnaire)': found in the
    palette by its short name, its full title and what it measures (left out when the
    title says it: 'K10 questionnaire: Kessler Psychological Distress Scale')."""
    what, title = measures(questionnaire), full_title(questionnaire)
    if what.lower() in title.lower():
        what = ""
    about = f"{what} ({title})" if what and title else what or title
    name = f"{questionnaire.name} questionnaire"
    return f"{name}: {about}" if about else name


def palette_help(questionnaire: Questionnaire, weekly: bool) -> str:
    count = f"{len(questionnaire.items)} questions"
    return f"{count} · your weekly check-in (k)" if weekly else f"{count} · a few minutes"


def chooser_line(questionnaire: Questionnaire, weekly: bool) -> str:
    """'K10 · psychological distress · 10 questions' for the list of questionnaires."""
    parts = [questionnaire.name, measures(questionnaire), f"{len(questionnaire.items)} questions"]
    line = " · ".join(part for part in parts if part)
    return f"{line} (your weekly check-in)" if weekly else line


def done_today_words(questionnaire: Questionnaire, earlier: Checkin) -> list[str]:
    """Paragraphs shown before a second check-in of the same questionnaire on one day."""
    return [
        f"You already did a {questionnaire.name} check-in today: total {earlier.total} of "
        f"{questionnaire.highest_total} ({earlier.band}).",
        "A check-in looks back over the last few weeks, so one a day is plenty. If you want "
        "to answer again, your new answers will replace today's once you finish. If you stop "
        "part-way, today's result stays as it is.",
    ]


REPLACED = "Saved, in place of the check-in you did earlier today."


def points(count: int) -> str:
    return f"{count} point" if abs(count) == 1 else f"{count} points"


def score_line(questionnaire: Questionnaire, outcome: Outcome) -> str:
    """'PHQ-9 total: 8 of 27 (mild)'."""
    result = outcome.score
    return (
        f"{questionnaire.name} total: {result.total} of {questionnaire.highest_total} "
        f"({result.band.name})"
    )


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def fired_items(questionnaire: Questionnaire, answers: Sequence[object]) -> list[int]:
    """The items (by index) whose answer fired one of the questionnaire's item rules
    (PHQ-9 item 9 above 0), whatever the total."""
    found: list[int] = []
    for rule in questionnaire.safety:
        if rule.item is None or rule.above is None:
            continue
        index = questionnaire.item_index(rule.item)
        if index is None or index >= len(answers) or index in found:
            continue
        answer = answers[index]
        if isinstance(answer, int) and not isinstance(answer, bool) and answer > rule.above:
            found.append(index)
    return found


#: Where crisis lines are, in the app (the shell says how to open them: `help_hint`).
APP_HELP_HINT = "Press F1 for crisis lines at any time."


def item_first_words(
    questionnaire: Questionnaire, answers: Sequence[object], help_hint: str = APP_HELP_HINT
) -> list[str]:
    """What comes before any band's words when an item rule fired: that answer, named
    kindly, first (a 'minimal' total never stands alone beside it)."""
    paragraphs: list[str] = []
    for index in fired_items(questionnaire, answers):
        item = questionnaire.items[index]
        chosen = next(
            (o.text for o in questionnaire.item_options(index) if o.value == answers[index]), ""
        )
        said = f" (question {index + 1}: “{chosen}”)" if chosen else f" (question {index + 1})"
        paragraphs.append(
            "First, and whatever your total: you said you have had "
            f"{_lower_first(item.text.rstrip('?.'))}{said}. That matters more than any "
            "score, and you deserve support with it. Please talk with your doctor (GP) or a "
            f"crisis line today. {help_hint}"
        )
    return paragraphs


def history_first_words(questionnaire: Questionnaire, answers: Sequence[object]) -> str:
    """The History's first sentence when the latest check-in fired an item rule."""
    fired = fired_items(questionnaire, answers)
    if not fired:
        return ""
    said = and_list(
        [
            f"{_lower_first(questionnaire.items[i].text.rstrip('?.'))} (question {i + 1})"
            for i in fired
        ]
    )
    return (
        f"First: in your latest check-in you said you have had {said}. Whatever the total, "
        "please talk with your doctor (GP) or a crisis line today (F1)."
    )


def asks_about_self_harm(questionnaire: Questionnaire) -> bool:
    return any(rule.item is not None for rule in questionnaire.safety)


def no_self_harm_item_words(questionnaire: Questionnaire, help_hint: str = APP_HELP_HINT) -> str:
    """For a questionnaire without an item on self-harm (CES-D): its total is never a
    sign that someone is safe."""
    return (
        f"The {questionnaire.name} does not ask about thoughts of suicide or of hurting "
        "yourself, so a low total does not mean those thoughts are not there. If you have "
        f"them, please talk with your doctor (GP) or a crisis line today. {help_hint}"
    )


def skipped_words(questionnaire: Questionnaire, result: Score) -> str:
    """How the total was made when questions were skipped (the questionnaire's rule)."""
    if not result.skipped or questionnaire.missing is None:
        return ""
    answered = len(questionnaire.items) - result.skipped
    skipped = f"{result.skipped} question" + ("s" if result.skipped != 1 else "")
    if questionnaire.missing.rule == "prorate":
        how = (
            f"so your total is worked out from the {answered} you answered, scaled up to all "
            f"{len(questionnaire.items)} questions"
        )
    else:
        how = "and each one skipped counts as 0, so your total may be a little low"
    return f"You skipped {skipped}, {how}."


def result_paragraphs(
    questionnaire: Questionnaire, result: Score, help_hint: str = APP_HELP_HINT
) -> list[str]:
    """The result in words, in the order shown everywhere: a fired item rule first, then
    the band's meaning, how skipped questions were counted, and what the questionnaire
    does not ask."""
    paragraphs = item_first_words(questionnaire, result.answers, help_hint)
    paragraphs.append(result.band.meaning)
    if skipped := skipped_words(questionnaire, result):
        paragraphs.append(skipped)
    if not asks_about_self_harm(questionnaire):
        paragraphs.append(no_self_harm_item_words(questionnaire, help_hint))
    return paragraphs


def band_range(questionnaire: Questionnaire, outcome: Outcome) -> str:
    band = outcome.score.band
    return f"{band.name}, {band.min}–{band.max}"


def change_words(questionnaire: Questionnaire, outcome: Outcome, since: str) -> str:
    """'down 3 points since Mon 5 Jan (from 11 to 8)'; `since` is the previous day, in words."""
    if outcome.change is None or outcome.previous is None:
        return (
            f"This is your first {questionnaire.name} check-in, so there is nothing to compare "
            "with yet. Next time you will see the change."
        )
    before, now = outcome.previous.total, outcome.score.total
    if outcome.change == 0:
        return f"no change since {since} ({now} both times)"
    direction = "up" if outcome.change > 0 else "down"
    return f"{direction} {points(abs(outcome.change))} since {since} (from {before} to {now})"


def lower_is_better(questionnaire: Questionnaire) -> str:
    return f"On the {questionnaire.name}, lower totals mean fewer difficulties."


def worsened_words(questionnaire: Questionnaire, outcome: Outcome, since: str) -> str:
    """The calm recommendation after a clear rise, with the numbers."""
    assert outcome.previous is not None and outcome.change is not None
    return (
        f"Your {questionnaire.name} total has gone up {points(outcome.change)} since {since}, "
        f"from {outcome.previous.total} to {outcome.score.total}. A rise like this is worth "
        "talking over with your doctor (GP) soon. Taking these numbers with you can help."
    )


SAFETY_TITLE = "Let's pause here"

SAFETY_NOT_A_CRISIS_SERVICE = (
    "ecouch can't help in a crisis, and nobody else sees your answers. Please reach out "
    "to someone today: you don't have to manage this alone."
)


def and_list(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{'; '.join(parts[:-1])}; and {parts[-1]}"


def safety_summary(
    questionnaire: Questionnaire, reasons: list[str], outcome: Outcome | None
) -> str:
    """What the answers showed, in the questionnaire's own words, with the total if known."""
    text = "Thank you for answering honestly."
    if reasons:
        text += f" Your answers show {and_list(reasons)}."
    if outcome is not None:
        text += (
            f" Your {questionnaire.name} total is {outcome.score.total} of "
            f"{questionnaire.highest_total} ({outcome.score.band.name})."
        )
    return text


SAFETY_PLAN_OFFER = "A safety plan (your warning signs, what helps, who to call) can help too."
