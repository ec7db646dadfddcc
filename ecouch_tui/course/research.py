"""The research log's rules, pure: when to ask about it, and what its events add up to.

`adherence(events)` gives the figures the adherence literature reports (Donkin et al.
2011; Beintner et al. 2019): modules completed, sessions, time, exercises by kind, and
how often each function was used, in the U2plus study's own categories, measured from
the log instead of asked.

How often (the rule, also in docs/research-log.md):

- the span logged runs from the day of the first event to the day of the last, both
  counted; its length in weeks is its days / 7, and never less than 1 week;
- a function's uses are the days on which it has at least one event (reading twenty
  pages in one sitting is one use of the course pages, not twenty);
- its rate is uses / weeks, and its category:

  ========================  ===========================================
  never                     no use at all
  about once a year         fewer than 1 use in 13 weeks (rate < 1/13)
  monthly                   rate from 1/13 to under 1/2
  weekly                    rate from 1/2 to under 2
  a few times a week        rate from 2 to under 5
  almost every day          rate of 5 or more (days a week)
  ========================  ===========================================
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from enum import StrEnum
from fractions import Fraction

import msgspec

from ecouch_tui.store.records import EventKind, ResearchEvent

#: How long after starting the course the user is asked, if week 1 is not done sooner.
ASK_AFTER = timedelta(days=7)


def should_ask(
    consent: str | None, week_one_done: bool, started_on: date | None, today: date
) -> bool:
    """Whether to ask about the research log now: never asked yet, and week 1 is done
    (its module finished, or a week has passed since starting). The caller also makes
    sure no check-in is under way."""
    if consent is not None or started_on is None:
        return False
    return week_one_done or today >= started_on + ASK_AFTER


class Frequency(StrEnum):
    """The U2plus study's categories of how often a function is used."""

    NEVER = "never"
    YEARLY = "about once a year"
    MONTHLY = "monthly"
    WEEKLY = "weekly"
    FEW_TIMES_A_WEEK = "a few times a week"
    ALMOST_DAILY = "almost every day"


#: Each category's lowest rate (uses a week), highest first; below all of them: never.
_FLOORS: tuple[tuple[Fraction, Frequency], ...] = (
    (Fraction(5), Frequency.ALMOST_DAILY),
    (Fraction(2), Frequency.FEW_TIMES_A_WEEK),
    (Fraction(1, 2), Frequency.WEEKLY),
    (Fraction(1, 13), Frequency.MONTHLY),
)


def frequency(uses: int, weeks: Fraction) -> Frequency:
    """The category of `uses` days of use over `weeks` weeks (see the module docstring)."""
    if uses <= 0:
        return Frequency.NEVER
    rate = Fraction(uses) / weeks
    return next((f for floor, f in _FLOORS if rate >= floor), Frequency.YEARLY)


class FunctionUse(msgspec.Struct, frozen=True, kw_only=True):
    function: str
    events: int
    #: Days with at least one event of the function.
    days: int
    #: Days of use a week, over the span logged.
    rate: float
    frequency: Frequency


class Adherence(msgspec.Struct, frozen=True, kw_only=True):
    first_day: date | None
    last_day: date | None
    weeks: float
    sessions: int
    #: The length of every session that ended (its `session_end`), added up.
    session_seconds: int
    #: Time on course pages (`page_shown`), added up.
    page_seconds: int
    modules_completed: tuple[str, ...]
    exercises_by_kind: dict[str, int]
    checkins_by_instrument: dict[str, int]
    functions: tuple[FunctionUse, ...]


#: The functions whose use is measured, and the events that are a use of each.
MOOD_LOG = "mood log"
CHECKINS = "check-ins"
PAGES = "course pages"
SHELL = "shell commands"
BOARD_PASSIVE = "peer board, reading (passive)"
BOARD_ACTIVE = "peer board, posting or reacting (active)"
_FUNCTIONS: tuple[tuple[str, frozenset[EventKind]], ...] = (
    (PAGES, frozenset({EventKind.PAGE_SHOWN})),
    (MOOD_LOG, frozenset({EventKind.MOOD_LOGGED})),
    (CHECKINS, frozenset({EventKind.CHECKIN_DONE})),
    (SHELL, frozenset({EventKind.SHELL_USED})),
    (BOARD_PASSIVE, frozenset({EventKind.BOARD_READ})),
    (BOARD_ACTIVE, frozenset({EventKind.BOARD_POST, EventKind.BOARD_REACTION})),
)
EXERCISE = "exercise: "
#: Listed only once the board was used (most people never join one).
_BOARD = frozenset({BOARD_PASSIVE, BOARD_ACTIVE})


def event_day(event: ResearchEvent) -> date:
    return date.fromisoformat(event.at[:10])


def counts(events: Iterable[ResearchEvent]) -> dict[str, int]:
    """How many events of each kind, in the order of `EventKind` (kinds with none left out)."""
    found = Counter(event.kind for event in events)
    return {str(kind): found[kind] for kind in EventKind if found[kind]}


def span(events: Sequence[ResearchEvent]) -> tuple[date | None, date | None]:
    days = [event_day(e) for e in events]
    return (min(days), max(days)) if days else (None, None)


def span_weeks(first: date | None, last: date | None) -> Fraction:
    """The span's length in weeks: its days (both ends counted) / 7, at least 1."""
    if first is None or last is None:
        return Fraction(1)
    return max(Fraction((last - first).days + 1, 7), Fraction(1))


def adherence(events: Sequence[ResearchEvent], exercise_kinds: Iterable[str] = ()) -> Adherence:
    """The adherence figures of a log (see the module docstring for the rule).
    `exercise_kinds`: the course's exercise kinds, listed even when never used."""
    first, last = span(events)
    weeks = span_weeks(first, last)
    by_kind: dict[EventKind, list[ResearchEvent]] = {kind: [] for kind in EventKind}
    for event in events:
        by_kind[event.kind].append(event)

    def use(function: str, found: list[ResearchEvent]) -> FunctionUse:
        days = len({event_day(e) for e in found})
        return FunctionUse(
            function=function,
            events=len(found),
            days=days,
            rate=round(float(Fraction(days) / weeks), 2),
            frequency=frequency(days, weeks),
        )

    functions = [
        use(name, found)
        for name, kinds in _FUNCTIONS
        if (found := [e for kind in kinds for e in by_kind[kind]]) or name not in _BOARD
    ]
    saved = by_kind[EventKind.EXERCISE_SAVED]
    kinds = sorted({*exercise_kinds, *(e.item for e in saved if e.item)})
    functions += [use(EXERCISE + kind, [e for e in saved if e.item == kind]) for kind in kinds]
    exercises = Counter(e.item for e in saved if e.item)
    checkins = Counter(e.item for e in by_kind[EventKind.CHECKIN_DONE] if e.item)
    finished = {e.module_id for e in by_kind[EventKind.MODULE_FINISHED] if e.module_id}
    return Adherence(
        first_day=first,
        last_day=last,
        weeks=round(float(weeks), 2),
        sessions=len(by_kind[EventKind.SESSION_START]),
        session_seconds=sum(e.seconds or 0 for e in by_kind[EventKind.SESSION_END]),
        page_seconds=sum(e.seconds or 0 for e in by_kind[EventKind.PAGE_SHOWN]),
        modules_completed=tuple(sorted(finished)),
        exercises_by_kind={kind: exercises[kind] for kind in sorted(exercises)},
        checkins_by_instrument={name: checkins[name] for name in sorted(checkins)},
        functions=tuple(functions),
    )


def duration_words(seconds: int) -> str:
    """'1 h 05 min', '12 min', '40 s'."""
    if seconds < 60:
        return f"{seconds} s"
    minutes = seconds // 60
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"


# -- the export ------------------------------------------------------------------------------

#: The export's format name and version (docs/research-log.md). Raise the version when a
#: reader of an older one would misread the file.
FORMAT = "ecouch-research-log"
FORMAT_VERSION = 1
#: How the log is kept, as the export states it (CONSORT-EHEALTH: the logging method).
LOGGING_METHOD = (
    "Opt-in, on-device event log written by ecouch itself (no third-party analytics). "
    "Events are noted in memory by the app and written to the local SQLite store in one "
    "transaction every 5 seconds and on exit; `ecouch mood` writes its own at once. "
    "Each event is a kind from a closed set with ids of course content, screens, "
    "block kinds and questionnaires, whole numbers (seconds, totals) and a local "
    "timestamp with UTC offset; no text the user typed is ever recorded. Time on a "
    "screen or page runs from when it is shown until another takes its place. Nothing "
    "is sent anywhere; this file is written only when the user asks for it."
)
#: The columns of each event, in the JSON objects and the CSV.
EVENT_FIELDS = ("at", "kind", "module_id", "page_id", "item", "seconds", "total")


def research_document(
    events: Sequence[ResearchEvent],
    *,
    exported_at: str,
    app_version: str,
    course_title: str,
    content_hash: str,
    intended_use: str | None,
    log_on: bool,
) -> dict[str, object]:
    """The export, as JSON values (docs/research-log.md describes every key)."""
    first, last = span(events)
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "exported_at": exported_at,
        "app": {"name": "ecouch", "version": app_version},
        "course": {
            "title": course_title,
            "content_hash": content_hash,
            "intended_use": intended_use,
        },
        "logging": {"method": LOGGING_METHOD, "on": log_on},
        "summary": {
            "events": len(events),
            "first_day": first.isoformat() if first else None,
            "last_day": last.isoformat() if last else None,
            "by_kind": counts(events),
        },
        "events": [
            {
                name: str(getattr(e, name)) if name == "kind" else getattr(e, name)
                for name in EVENT_FIELDS
            }
            for e in events
        ],
    }


def research_csv(document: dict[str, object]) -> str:
    """The export as CSV: `#` lines with everything but the events (each `key: JSON
    value`), then a header row and one row an event (an empty cell: no value)."""
    import csv
    import io
    import json

    out = io.StringIO()
    for key, value in document.items():
        if key != "events":
            out.write(f"# {key}: {json.dumps(value, ensure_ascii=False)}\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EVENT_FIELDS)
    rows = document["events"]
    assert isinstance(rows, list)
    for row in rows:
        writer.writerow(["" if row[name] is None else row[name] for name in EVENT_FIELDS])
    return out.getvalue()


def summary_lines(events: Sequence[ResearchEvent]) -> list[str]:
    """What an export will hold, for the user to read before it is written."""
    first, last = span(events)
    if first is None or last is None:
        return ["The research log holds no events."]
    counted = f"{len(events)} event" + ("" if len(events) == 1 else "s")
    lines = [f"{counted}, from {first.isoformat()} to {last.isoformat()}:"]
    found = counts(events)
    width = max(len(kind) for kind in found)
    lines += [f"  {kind.ljust(width)}  {n}" for kind, n in found.items()]
    return lines


def adherence_lines(figures: Adherence) -> list[str]:
    """`ecouch research summary`: the adherence figures, in words."""
    if figures.first_day is None or figures.last_day is None:
        return ["The research log holds no events, so there is nothing to sum up."]
    lines = [
        f"Logged from {figures.first_day.isoformat()} to {figures.last_day.isoformat()} "
        f"({figures.weeks:g} {'week' if figures.weeks == 1 else 'weeks'})",
        f"Modules completed: {len(figures.modules_completed)}"
        + (f" ({', '.join(figures.modules_completed)})" if figures.modules_completed else ""),
        f"Sessions: {figures.sessions}",
        f"Total time in sessions: {duration_words(figures.session_seconds)}"
        f" (on course pages: {duration_words(figures.page_seconds)})",
        "Exercises saved, by kind: "
        + (", ".join(f"{k} {n}" for k, n in figures.exercises_by_kind.items()) or "none"),
        "Check-ins: "
        + (", ".join(f"{k} {n}" for k, n in figures.checkins_by_instrument.items()) or "none"),
        "",
        "How often each function was used (days of use a week, U2plus categories):",
    ]
    width = max(len(use.function) for use in figures.functions)
    for use in figures.functions:
        lines.append(
            f"  {use.function.ljust(width)}  {str(use.frequency).ljust(18)}"
            f"  {use.days} {'day' if use.days == 1 else 'days'}, {use.rate:g}/week"
        )
    return lines
