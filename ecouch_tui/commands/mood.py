"""`ecouch mood`: log a day's mood from the shell, or see the last 14 days at a glance.

Bad input gets a clear message, exit code 2, and saves nothing: scores, days and hours
are checked before the store is even opened (so a fresh machine gets no empty store),
and tags against the course's list before anything is written. One entry a day: a
second for the same day updates it (fields given replace, the others stay). No Textual
here, so it starts in tens of milliseconds.
"""

from __future__ import annotations

import argparse
import difflib
from datetime import date, timedelta
from typing import TYPE_CHECKING, NamedTuple

from ecouch_tui.course import mood as stats
from ecouch_tui.course.dates import parse_day
from ecouch_tui.store.records import EventKind, MoodEntry
from ecouch_tui.wording import dated, day_month, short_date

if TYPE_CHECKING:
    from ecouch_tui.session import Session

#: Exit code for input that was not understood (as argparse uses).
BAD_INPUT = 2
#: A mood's columns that can be unreadable while the rest of the day reads, in words.
UNREADABLE = {"tags": "tags", "sleep_hours": "sleep", "note": "note"}

#: Days shown by `ecouch mood` with no score.
RECENT_DAYS = 14


def run(args: argparse.Namespace) -> int:
    from ecouch_tui.clock import SystemClock
    from ecouch_tui.commands.common import fail

    today = SystemClock().today()
    try:
        request = _read(args, today)
    except ValueError as exc:
        return fail(str(exc), BAD_INPUT)
    return _log(args, request, today) if request.wants_save else _show(args, request.day, today)


class _Request(NamedTuple):
    """What was asked for, already checked."""

    day: date
    score: int | None
    note: str | None
    tags: list[str] | None
    sleep: float | None

    @property
    def wants_save(self) -> bool:
        return any(x is not None for x in (self.score, self.note, self.tags, self.sleep))


def _read(args: argparse.Namespace, today: date) -> _Request:
    """Check every argument (ValueError with a message); touches no files."""
    day = today
    if args.day is not None:
        day = parse_day(args.day, today)
        if day > today:
            raise ValueError(
                f"{short_date(day)} has not happened yet; you can log today or an earlier day"
            )
    score = stats.parse_score(args.score) if args.score is not None else None
    sleep = stats.parse_sleep(args.sleep) if args.sleep is not None else None
    if args.sleep is not None and sleep is None:
        raise ValueError("--sleep needs a number of hours, like 7 or 6.5")
    tags = None
    if args.tag is not None:
        tags = [" ".join(tag.split()).lower() for tag in args.tag]
        if any(not tag for tag in tags):
            raise ValueError("--tag needs a word, like --tag exercised")
        tags = list(dict.fromkeys(tags))
    note = " ".join(args.note.split()) if args.note is not None else None
    for text in (note or "", *(tags or [])):
        _check_text(text)
    return _Request(day, score, note, tags, sleep)


def _check_text(text: str) -> None:
    """Words from the command line that are not valid UTF-8 (a terminal set to another
    encoding) arrive with stand-ins Python made for the bytes; refuse them, not crash."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(
            "the note or a tag is not valid UTF-8 text (is the terminal set to UTF-8?)"
        ) from None


# -- logging -------------------------------------------------------------------------------


def _log(args: argparse.Namespace, request: _Request, today: date) -> int:
    from ecouch_tui.commands.common import fail, open_cli_session, store_problem
    from ecouch_tui.store.errors import StoreError

    session = open_cli_session(args, offer_fresh_start=True)
    if session is None:
        return 1
    try:
        tags = None
        if request.tags is not None:
            # Only the course's tags: the mood entry screen offers no others, and would
            # drop one it does not show the next time that day is corrected there.
            known = session.mood_tags()
            spelled = {tag.lower(): tag for tag in known}
            unknown = [tag for tag in request.tags if tag not in spelled]
            if unknown:
                return fail(_unknown_tag(unknown[0], known), BAD_INPUT)
            tags = [spelled[tag] for tag in request.tags]
        old = session.store.mood(request.day)
        if old is not None and request.score is None and "score" in old.unreadable:
            return fail(
                f"the mood saved for {_when(request.day, today)} could not be read, so it is "
                f"kept as it is; give a score from {stats.LOWEST} to {stats.HIGHEST} to "
                "replace it, e.g. ecouch mood 6",
                BAD_INPUT,
            )
        score = request.score if request.score is not None else (old.score if old else None)
        if score is None:
            return fail(
                f"{_when(request.day, today)} has no mood logged yet; give a score from "
                f"{stats.LOWEST} to {stats.HIGHEST}, e.g. ecouch mood 6",
                BAD_INPUT,
            )
        try:
            entry = session.store.save_mood(
                request.day,
                score,
                note=request.note,
                tags=tags,
                sleep_hours=request.sleep,
            )
        except StoreError as exc:
            return fail(f"{store_problem(exc)} Nothing was saved.")
        print(_confirmation(entry, old, today))
        # The shell's use stands for "reminder acted on" (ecouch has no reminders of its
        # own: a prompt or cron job runs `ecouch status`, the user then logs here).
        session.note_research(EventKind.MOOD_LOGGED, item="shell")
        if session.low_mood_streak():
            print(_go_gently(session))
        return 0
    finally:
        session.close()


def _go_gently(session: Session) -> str:
    """The low-mood suggestion the app shows, with someone to talk to now."""
    text = (
        "Your mood has been very low for a few days. A check-in (ecouch checkin) can help "
        "you see where things are"
    )
    region = session.region()
    if region is None:
        return text + "; press F1 in ecouch for people you can talk to now."
    line = region.lines[0]
    return text + f". To talk to someone now: {line.name}, {line.contact}."


def _unknown_tag(tag: str, known: list[str]) -> str:
    spelled = {k.lower(): k for k in known}
    close = difflib.get_close_matches(tag, list(spelled), n=1)
    hint = f"did you mean '{spelled[close[0]]}'? " if close else ""
    return f"'{tag}' is not one of your mood tags; {hint}choose from: {', '.join(known)}"


def _confirmation(entry: MoodEntry, old: MoodEntry | None, today: date) -> str:
    """One line: what is now saved for the day, and what changed."""
    verb = "Updated" if old is not None else "Logged"
    was = ""
    if old is not None and "score" in old.unreadable:
        was = " (was unreadable)"
    elif old is not None and old.score != entry.score:
        was = f" (was {old.score})"
    parts = [f"{verb} mood for {_when(entry.day, today)}: {entry.score}/10{was}"]
    if entry.tags:
        parts.append(", ".join(entry.tags))
    # What could not be read is kept as stored; say so rather than show it as empty.
    parts += [f"{UNREADABLE[name]} unreadable" for name in UNREADABLE if name in entry.unreadable]
    if entry.sleep_hours is not None:
        parts.append(f"slept {entry.sleep_hours:g} h")
    if entry.note:
        parts.append(f"“{entry.note}”")
    return " · ".join(parts)


# -- the last 14 days ------------------------------------------------------------------------


def _show(args: argparse.Namespace, end: date, today: date) -> int:
    from ecouch_tui.commands.common import open_cli_session

    session = open_cli_session(args)
    if session is None:
        return 1
    try:
        start = end - timedelta(days=RECENT_DAYS - 1)
        moods = session.store.moods(since=start - timedelta(days=7), until=end)
        lines = recent_lines(moods, end, today)
        unreadable = session.store.unreadable_moods()
        if unreadable:
            one = unreadable == 1
            lines.append(
                f"{unreadable} {'day' if one else 'days'} of mood could not be read and "
                f"{'is' if one else 'are'} left out; {'it is' if one else 'they are'} kept "
                "as saved, and in your export."
            )
        if end == today and session.low_mood_streak():
            lines.append(_go_gently(session))
        session.note_research(EventKind.SHELL_USED, item="mood")
    finally:
        session.close()
    print("\n".join(lines))
    return 0


def recent_lines(moods: list[MoodEntry], end: date, today: date) -> list[str]:
    """The 14 days ending `end`: a sparkline on the 0-10 scale, its dates, and averages."""
    days = stats.series(moods, end, RECENT_DAYS)
    summary = stats.summarise(days)
    span = f"{short_date(days.start)} – {short_date(days.end)}"
    if summary.count == 0:
        return [
            f"No mood logged from {span}.",
            'Log today\'s with: ecouch mood 6 --note "walked"  (0 very low, 10 very good)',
        ]
    line = stats.sparkline(days.scores)
    left, right = day_month(days.start), day_month(days.end)
    axis = left + " " * max(1, RECENT_DAYS - len(left) - len(right)) + right
    assert summary.average is not None and summary.latest is not None
    assert summary.latest_on is not None
    week = stats.this_week(moods, end)
    monday = end - timedelta(days=end.weekday())
    week_label = "this week" if end == today else f"week of {short_date(monday)}"
    averages = [
        f"14-day average {stats.one_decimal(summary.average)} "
        f"({summary.count} of {RECENT_DAYS} days logged)"
    ]
    if week.average is not None:
        days_word = "day" if week.count == 1 else "days"
        averages.append(
            f"{week_label} {stats.one_decimal(week.average)} ({week.count} {days_word})"
        )
    else:
        averages.append(f"{week_label}: nothing logged yet")
    latest_on = _when(summary.latest_on, today)
    lines = [
        f"Mood, {span} (0 very low, 10 very good):",
        f"  {line}   {stats.SPARKS[0]} 0  {stats.SPARKS[-1]} 10  {stats.GAP} not logged",
        f"  {axis}",
        " · ".join(averages),
        f"Range {stats.score_range(summary.low, summary.high)} · latest "
        f"{stats.one_decimal(summary.latest)}"
        + (f" {latest_on}" if latest_on.startswith(("today", "yesterday")) else f" on {latest_on}"),
    ]
    if end == today and days.scores[-1] is None:
        lines.append("Today is not logged yet: ecouch mood SCORE (0-10)")
    return lines


# -- dates in words ------------------------------------------------------------------------------


def _when(day: date, today: date) -> str:
    if day == today:
        return f"today ({short_date(day)})"
    if day == today - timedelta(days=1):
        return f"yesterday ({short_date(day)})"
    return dated(day, today)
