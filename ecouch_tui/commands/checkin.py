"""`ecouch checkin [INSTRUMENT]`: answer a questionnaire from the shell.

At a terminal it asks each question and asks again after a bad answer. From a pipe it
reads one answer value per line (`printf '0\\n1\\n…' | ecouch checkin phq9`), so it can
be scripted: any bad line stops it with exit 2 and nothing saved. Where the questionnaire
allows skipped questions (CES-D), '-' skips one, piped or at the prompt. The result, the change
since last time and, when a safety rule fires, the crisis lines are printed; the check-in
is saved only when every question has an answer. No Textual on this path.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import textwrap
from collections.abc import Callable
from contextlib import suppress
from typing import TYPE_CHECKING, TextIO

from ecouch_tui.commands.common import fail, open_cli_session
from ecouch_tui.content.questionnaire import Questionnaire
from ecouch_tui.course import checkin_text as words
from ecouch_tui.course import crisis_text
from ecouch_tui.course.checkin import Outcome, assess, done_today, taken_on
from ecouch_tui.course.scoring import ScoringError
from ecouch_tui.session import Session
from ecouch_tui.store.errors import StoreError

if TYPE_CHECKING:
    from ecouch_tui.store.records import Checkin

#: Exit status for answers that can't be used (as argparse uses for bad arguments).
BAD_INPUT = 2
HELP_HINT = "For crisis lines at any time, open ecouch and press F1."


class Stopped(Exception):
    """The person chose to stop (q, end of input, Ctrl+C): nothing is saved."""


class BadAnswers(ValueError):
    """Piped answers that can't be used; the message says which line and why."""


def answer_number(raw: str) -> int | None:
    """A typed answer as a whole number, or None: plain digits 0-9 only, with an optional
    minus ('²', '١' and '--1' are not answers, whatever str.isdigit says)."""
    digits = raw[1:] if raw.startswith("-") else raw
    if not digits or not digits.isascii() or not digits.isdigit():
        return None
    return int(raw)


def either(values: list[str]) -> str:
    """'0, 1, 2 or 3'."""
    return values[0] if len(values) == 1 else f"{', '.join(values[:-1])} or {values[-1]}"


#: What skips a question, piped or typed (where the questionnaire allows it).
SKIP = "-"


def allowed(questionnaire: Questionnaire, index: int = 0) -> str:
    """The answers to question `index` (each AUDIT-C question has its own)."""
    return either([str(v) for v in questionnaire.item_values(index)])


def skippable(questionnaire: Questionnaire) -> bool:
    return questionnaire.missing is not None


# -- reading answers -----------------------------------------------------------------------


def read_piped(questionnaire: Questionnaire, text: str) -> tuple[list[int | None], dict[str, str]]:
    """One answer value per line ('-' for a skipped one, where the questionnaire allows
    it), then optionally one line per extra question (its number).

    Blank lines are skipped. Raises BadAnswers naming the line for a letter, a value that
    is not an answer, or too few or too many lines.
    """
    lines = [(n, line.strip()) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    count = len(questionnaire.items)
    extras = questionnaire.extra
    answers: list[int | None] = []
    for index, (number, raw) in enumerate(lines[:count]):
        if raw == SKIP and skippable(questionnaire):
            answers.append(None)
            continue
        value = answer_number(raw)
        if value is None or value not in questionnaire.item_values(index):
            skip = f", or {SKIP} to skip it" if skippable(questionnaire) else ""
            own = questionnaire.items[index].options is not None
            whose = "its" if own else questionnaire.name
            raise BadAnswers(
                f"line {number}: '{raw}' is not an answer to question {index + 1}; "
                f"{whose} answers are {allowed(questionnaire, index)}{skip}"
            )
        answers.append(value)
    if len(lines) < count:
        raise BadAnswers(
            f"{questionnaire.name} has {count} questions, but {len(lines)} answer(s) were "
            "given; write one answer value per line"
        )
    if len(lines) > count + len(extras):
        limit = f"{count} answer values" + (
            f" and at most {len(extras)} extra line(s)" if extras else ""
        )
        raise BadAnswers(f"{len(lines)} lines were given; {questionnaire.name} takes {limit}")
    chosen: dict[str, str] = {}
    for question, (number, raw) in zip(extras, lines[count:], strict=False):
        options = question.options
        if not (raw.isdigit() and 1 <= int(raw) <= len(options)):
            raise BadAnswers(
                f"line {number}: '{raw}' is not an answer to the extra question; "
                f"choose {either([str(i) for i in range(1, len(options) + 1)])}"
            )
        chosen[question.id] = options[int(raw) - 1]
    return answers, chosen


Ask = Callable[[str], str]


def ask_at_prompt(
    questionnaire: Questionnaire,
    ask: Ask,
    out: TextIO,
    *,
    show_notice: bool,
    note: str = "",
    weekly: bool = True,
) -> list[int | None]:
    """Ask each question in turn; 'b' goes back, 'q' stops, '-' skips (where allowed).
    `note` is shown under the question stem (the region's standard drink). Raises Stopped."""
    say = Printer(out)
    if show_notice:
        say.line("Before your first check-in")
        for paragraph in words.data_notice(questionnaire, HELP_HINT, weekly):
            say.paragraph(paragraph)
            say.line("")
    say.line(f"{questionnaire.name} · {questionnaire.title}")
    say.paragraph(questionnaire.notice)
    say.line("")
    say.paragraph(questionnaire.stem)
    if note:
        say.paragraph(note)
    can_skip = skippable(questionnaire)
    skip_words = f" {SKIP} skips a question;" if can_skip else ""
    say.paragraph(
        "Type the number of your answer. b goes back a question;"
        f"{skip_words} q stops (nothing is saved)."
    )
    count = len(questionnaire.items)
    answers: list[int | None] = [None] * count
    skipped: set[int] = set()
    index = 0
    while index < count:
        item = questionnaire.items[index]
        say.line("")
        say.paragraph(f"Question {index + 1} of {count}: {item.text}")
        for option in questionnaire.item_options(index):
            say.line(f"  {option.value}  {option.text}")
        current = answers[index]
        default = f", Enter keeps {current}" if current is not None else ""
        skip = f", {SKIP} skips" if can_skip else ""
        while True:
            raw = _ask(ask, f"Your answer ({allowed(questionnaire, index)}{skip}{default}): ")
            if raw == "" and (current is not None or index in skipped):
                index += 1
                break
            if raw.lower() in ("b", "back"):
                index = max(index - 1, 0)
                break
            if can_skip and raw == SKIP:
                answers[index] = None
                skipped.add(index)
                index += 1
                break
            value = answer_number(raw)
            if value is not None and value in questionnaire.item_values(index):
                answers[index] = value
                skipped.discard(index)
                index += 1
                break
            shown = f"'{raw}'" if raw else "An empty line"
            say.line(
                f"  {shown} is not one of the answers: type {allowed(questionnaire, index)}"
                + (f", or {SKIP} to skip it." if can_skip else ".")
            )
    return answers


def ask_extra(questionnaire: Questionnaire, ask: Ask, out: TextIO) -> dict[str, str]:
    """The unscored extra questions, each skipped with Enter. Raises Stopped."""
    say = Printer(out)
    chosen: dict[str, str] = {}
    for question in questionnaire.extra:
        say.line("")
        say.paragraph(f"One more question (optional, not scored): {question.text}")
        for number, option in enumerate(question.options, 1):
            say.line(f"  {number}  {option}")
        numbers = either([str(i) for i in range(1, len(question.options) + 1)])
        while True:
            raw = _ask(ask, f"Your answer ({numbers}, or Enter to skip): ")
            if raw == "":
                break
            if raw.isdigit() and 1 <= int(raw) <= len(question.options):
                chosen[question.id] = question.options[int(raw) - 1]
                break
            say.line(f"  '{raw}' is not one of the answers: type {numbers}, or press Enter.")
    return chosen


def _ask(ask: Ask, prompt: str) -> str:
    try:
        raw = ask(prompt).strip()
    except (EOFError, KeyboardInterrupt):
        raise Stopped from None
    if raw.lower() in ("q", "quit"):
        raise Stopped
    return raw


# -- printing ------------------------------------------------------------------------------


class Printer:
    """Paragraphs wrapped to the terminal (at most 78 columns); lists kept as they are."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.width = min(shutil.get_terminal_size((80, 24)).columns, 80) - 2

    def line(self, text: str) -> None:
        print(text, file=self.out)

    def paragraph(self, text: str) -> None:
        print(textwrap.fill(text, self.width), file=self.out)

    def bullet(self, text: str) -> None:
        print(
            textwrap.fill(text, self.width, initial_indent="  • ", subsequent_indent="    "),
            file=self.out,
        )

    def block(self, text: str) -> None:
        """Lines as given, each wrapped on its own (bullets keep their indent)."""
        for line in text.splitlines():
            if line.startswith("  • "):
                self.bullet(line.removeprefix("  • "))
            elif line:
                self.paragraph(line)
            else:
                self.line("")


def print_safety(
    session: Session, questionnaire: Questionnaire, outcome: Outcome, out: TextIO
) -> None:
    say = Printer(out)
    rule = "─" * min(say.width, 60)
    say.line(rule)
    say.line(words.SAFETY_TITLE + ".")
    say.paragraph(words.safety_summary(questionnaire, list(outcome.reasons), outcome))
    say.line("")
    say.paragraph(words.SAFETY_NOT_A_CRISIS_SERVICE)
    say.line("")
    region = session.region()
    say.block(crisis_text.crisis_lines(region))
    enrolment = session.store.enrolment()
    if enrolment is None or enrolment.region is None:
        say.paragraph(
            "(To see the lines for where you live, open ecouch, press F1 and then r to "
            "choose your region.)"
        )
    say.line("")
    say.paragraph(crisis_text.safety_advice(region))
    say.line("")
    say.paragraph(
        words.SAFETY_PLAN_OFFER + " You can write one in ecouch: press p on the check-in "
        "result, or in the check-in history."
    )
    say.line(rule)


def print_result(
    session: Session,
    questionnaire: Questionnaire,
    outcome: Outcome,
    out: TextIO,
    saved: bool,
    replaced: bool = False,
) -> None:
    from ecouch_tui.wording import short_date

    say = Printer(out)
    # A fired item rule (PHQ-9 item 9) comes first, before the total and its band.
    first = words.item_first_words(questionnaire, outcome.score.answers, HELP_HINT)
    for paragraph in first:
        say.paragraph(paragraph)
    say.line(words.score_line(questionnaire, outcome))
    for paragraph in words.result_paragraphs(questionnaire, outcome.score, HELP_HINT)[len(first) :]:
        say.paragraph(paragraph)
    if outcome.previous is not None:
        since = short_date(taken_on(outcome.previous))
        change = words.change_words(questionnaire, outcome, since)
        say.paragraph(f"Change: {change}. {words.lower_is_better(questionnaire)}")
        if outcome.worsened:
            say.paragraph(words.worsened_words(questionnaire, outcome, since))
    else:
        say.paragraph(words.change_words(questionnaire, outcome, ""))
    if not saved:
        return
    weekly = session.course.checkin_instrument
    due = session.next_checkin() if weekly is not None and weekly.id == questionnaire.id else None
    saved_words = words.REPLACED if replaced else "Saved."
    say.line(saved_words + (f" Next check-in: {short_date(due)}." if due is not None else ""))


# -- the command ---------------------------------------------------------------------------


def run(args: argparse.Namespace) -> int:
    session = open_cli_session(args, offer_fresh_start=True)
    if session is None:
        return 1
    try:
        return checkin(session, getattr(args, "instrument", None), sys.stdin, sys.stdout)
    finally:
        session.close()


def checkin(
    session: Session,
    instrument: str | None,
    stdin: TextIO,
    out: TextIO,
    ask: Ask = input,
) -> int:
    """The whole command over an open session; returns the exit status."""
    course = session.course
    questionnaire = course.questionnaire(instrument) if instrument else course.checkin_instrument
    if questionnaire is None:
        known = ", ".join(sorted(q.id for q in course.questionnaires)) or "none"
        what = f"'{instrument}'" if instrument else "the course's weekly check-in"
        return fail(f"there is no questionnaire {what}; choose one of: {known}", BAD_INPUT)
    store = session.store
    previous = store.checkins(questionnaire.id)
    # One a day, as in the app: a second one today replaces the first (asked at a
    # prompt, said when piped), and its change is told against the one before that.
    earlier = done_today(previous, questionnaire.id, session.clock.today())
    if earlier is not None:
        previous = [c for c in previous if c.uid != earlier.uid]
    last = previous[-1] if previous else None
    region = session.region()
    note = questionnaire.note_for(region.code if region is not None else None)
    if stdin.isatty():
        first = not store.setting(words.NOTICE_SEEN, False)
        if earlier is not None and not answer_again(questionnaire, earlier, ask, out):
            print("Kept today's check-in as it was.", file=out)
            return 0
        try:
            weekly = questionnaire is course.checkin_instrument
            answers = ask_at_prompt(
                questionnaire, ask, out, show_notice=first, note=note, weekly=weekly
            )
            outcome = assess(questionnaire, answers, last)
            # As in the app: when a safety rule fires, no further question comes first.
            extra = {} if outcome.needs_safety else ask_extra(questionnaire, ask, out)
        except Stopped:
            print("\nStopped. Nothing was saved.", file=out)
            return 1
        except ScoringError as exc:  # more questions skipped than the rule allows
            print(file=out)
            Printer(out).paragraph(str(exc))
            return 1
        if first:
            with suppress(StoreError):  # not noted: shown again next time, no harm
                store.set_setting(words.NOTICE_SEEN, True)
        print(file=out)
    else:
        try:
            answers, extra = read_piped(questionnaire, stdin.read())
        except BadAnswers as exc:
            return fail(f"{exc}. Nothing was saved.", BAD_INPUT)
        try:
            outcome = assess(questionnaire, answers, last)
        except ScoringError as exc:  # more questions skipped than the rule allows
            return fail(str(exc), BAD_INPUT)
    if outcome.needs_safety:
        print_safety(session, questionnaire, outcome, out)
        print(file=out)
        # The person has seen the lines; failing to note it must not stop them.
        with suppress(StoreError):
            store.record_safety_event(
                "; ".join(outcome.reasons),
                source=f"checkin:{questionnaire.id}",
                detail=f"total {outcome.score.total} ({outcome.score.band.name}), "
                "at the command line",
            )
    try:
        store.save_checkin(
            questionnaire.id,
            list(outcome.score.answers),
            outcome.score.total,
            outcome.score.band.name,
            extra=dict(extra),
            replaces=earlier.uid if earlier is not None else None,
        )
    except StoreError as exc:
        print_result(session, questionnaire, outcome, out, saved=False)
        return fail(f"the check-in was not saved: {exc}")
    print_result(session, questionnaire, outcome, out, saved=True, replaced=earlier is not None)
    from ecouch_tui.store.records import EventKind

    session.note_research(
        EventKind.CHECKIN_DONE, item=questionnaire.id, total=outcome.score.total
    )  # only when the user has the research log on (issue 15)
    return 0


def answer_again(questionnaire: Questionnaire, earlier: Checkin, ask: Ask, out: TextIO) -> bool:
    """Today's check-in is done: say so, and ask whether to answer again (replacing it)."""
    say = Printer(out)
    for paragraph in words.done_today_words(questionnaire, earlier):
        say.paragraph(paragraph)
    try:
        reply = _ask(ask, "Answer again? (y/N): ")
    except Stopped:
        return False
    return reply.strip().lower() in ("y", "yes")
