"""The research log's pure rules (`course/research.py`), against numbers worked by hand."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from fractions import Fraction

from ecouch_tui.course.research import (
    EVENT_FIELDS,
    FORMAT_VERSION,
    Frequency,
    adherence,
    adherence_lines,
    counts,
    frequency,
    research_csv,
    research_document,
    should_ask,
    span_weeks,
    summary_lines,
)
from ecouch_tui.store.records import EventKind, ResearchEvent

K = EventKind


def on(day: int, kind: EventKind, **values: str | int | None) -> ResearchEvent:
    """An event on 2026-01-<day> at 09:00."""
    return ResearchEvent(at=f"2026-01-{day:02d}T09:00:00+00:00", kind=kind, **values)  # type: ignore[arg-type]


#: Two weeks, Monday 5 to Sunday 18 January 2026 (14 days: 2 weeks).
LOG = [
    on(5, K.SESSION_START, item="app"),
    on(5, K.PAGE_SHOWN, module_id="welcome", page_id="hello", seconds=60),
    on(5, K.PAGE_SHOWN, module_id="welcome", page_id="how", seconds=120),
    on(5, K.PAGE_SHOWN, module_id="welcome", page_id="check", seconds=30),
    on(5, K.EXERCISE_SAVED, item="reflection"),
    on(5, K.CHECKIN_DONE, item="phq9", total=12),
    on(5, K.SESSION_END, seconds=600),
    *[on(day, K.MOOD_LOGGED, item="app") for day in range(5, 15)],  # 10 days
    on(5, K.MOOD_LOGGED, item="shell"),  # a second the same day: still one day of use
    on(6, K.EXERCISE_SAVED, item="thought_record"),
    on(10, K.SESSION_START, item="app"),
    on(10, K.PAGE_SHOWN, module_id="thoughts", page_id="intro", seconds=90),
    on(10, K.SESSION_END, seconds=900),
    on(11, K.MODULE_FINISHED, module_id="welcome"),
    on(12, K.CHECKIN_DONE, item="phq9", total=8),
    on(13, K.EXERCISE_SAVED, item="thought_record"),
    *[on(day, K.SHELL_USED, item="mood") for day in (14, 15, 16, 17, 18)],  # 5 days
    on(18, K.SESSION_START, item="app"),
    on(18, K.EXERCISE_SAVED, item="thought_record"),
    on(18, K.MODULE_FINISHED, module_id="thoughts"),
    on(18, K.MODULE_FINISHED, module_id="welcome"),  # again: still one module
    on(18, K.SESSION_END, seconds=300),
]


def test_the_categories_at_their_edges() -> None:
    assert frequency(0, Fraction(2)) == Frequency.NEVER
    assert frequency(1, Fraction(14)) == Frequency.YEARLY  # 1/14 a week
    assert frequency(1, Fraction(13)) == Frequency.MONTHLY  # exactly 1/13
    assert frequency(1, Fraction(3)) == Frequency.MONTHLY  # 1/3
    assert frequency(1, Fraction(2)) == Frequency.WEEKLY  # exactly 1/2
    assert frequency(3, Fraction(2)) == Frequency.WEEKLY  # 1.5
    assert frequency(4, Fraction(2)) == Frequency.FEW_TIMES_A_WEEK  # exactly 2
    assert frequency(9, Fraction(2)) == Frequency.FEW_TIMES_A_WEEK  # 4.5
    assert frequency(10, Fraction(2)) == Frequency.ALMOST_DAILY  # exactly 5
    assert frequency(7, Fraction(1)) == Frequency.ALMOST_DAILY


def test_the_span_is_in_weeks_never_under_one() -> None:
    assert span_weeks(None, None) == 1
    assert span_weeks(date(2026, 1, 5), date(2026, 1, 5)) == 1  # one day counts as a week
    assert span_weeks(date(2026, 1, 5), date(2026, 1, 14)) == Fraction(10, 7)
    assert span_weeks(date(2026, 1, 5), date(2026, 1, 18)) == 2


def test_adherence_of_two_weeks_worked_by_hand() -> None:
    figures = adherence(LOG, exercise_kinds=["quiz", "reflection", "thought_record"])
    assert (figures.first_day, figures.last_day, figures.weeks) == (
        date(2026, 1, 5),
        date(2026, 1, 18),
        2,
    )
    assert figures.sessions == 3
    assert figures.session_seconds == 600 + 900 + 300
    assert figures.page_seconds == 60 + 120 + 30 + 90
    assert figures.modules_completed == ("thoughts", "welcome")
    assert figures.exercises_by_kind == {"reflection": 1, "thought_record": 3}
    assert figures.checkins_by_instrument == {"phq9": 2}
    uses = {u.function: (u.events, u.days, u.rate, u.frequency) for u in figures.functions}
    assert uses == {
        "course pages": (4, 2, 1.0, Frequency.WEEKLY),  # 2 days / 2 weeks
        "mood log": (11, 10, 5.0, Frequency.ALMOST_DAILY),  # 10 days / 2 weeks
        "check-ins": (2, 2, 1.0, Frequency.WEEKLY),
        "shell commands": (5, 5, 2.5, Frequency.FEW_TIMES_A_WEEK),
        "exercise: quiz": (0, 0, 0.0, Frequency.NEVER),
        "exercise: reflection": (1, 1, 0.5, Frequency.WEEKLY),
        "exercise: thought_record": (3, 3, 1.5, Frequency.WEEKLY),
    }  # no peer board yet: its functions are listed only once it is used


def test_board_use_is_passive_or_active() -> None:
    log = [on(5, K.BOARD_READ), on(6, K.BOARD_READ), on(6, K.BOARD_POST), on(7, K.BOARD_REACTION)]
    uses = {u.function: u.days for u in adherence(log).functions}
    assert uses["peer board, reading (passive)"] == 2
    assert uses["peer board, posting or reacting (active)"] == 2


def test_the_summary_in_words() -> None:
    lines = adherence_lines(adherence(LOG))
    assert lines[0] == "Logged from 2026-01-05 to 2026-01-18 (2 weeks)"
    assert "Modules completed: 2 (thoughts, welcome)" in lines
    assert "Sessions: 3" in lines
    assert "Total time in sessions: 30 min (on course pages: 5 min)" in lines
    assert "Exercises saved, by kind: reflection 1, thought_record 3" in lines
    assert any("mood log" in line and "almost every day" in line for line in lines)
    assert adherence_lines(adherence([])) == [
        "The research log holds no events, so there is nothing to sum up."
    ]


def test_asked_once_week_one_is_done_or_a_week_has_passed() -> None:
    start = date(2026, 1, 5)
    assert not should_ask(None, False, start, date(2026, 1, 11))
    assert should_ask(None, False, start, date(2026, 1, 12))
    assert should_ask(None, True, start, start)
    assert not should_ask("off", True, start, date(2026, 3, 1))  # answered: never again
    assert not should_ask("on", True, start, date(2026, 3, 1))
    assert not should_ask(None, True, None, start)  # not enrolled


def test_the_export_document_and_its_csv() -> None:
    document = research_document(
        LOG,
        exported_at="2026-01-19T10:00:00+00:00",
        app_version="9.9",
        course_title="ecouch",
        content_hash="blake2b-160:" + "0" * 40,
        intended_use="one module a week",
        log_on=True,
    )
    assert list(document) == [
        "format",
        "version",
        "exported_at",
        "app",
        "course",
        "logging",
        "summary",
        "events",
    ]
    assert document["version"] == FORMAT_VERSION == 1
    assert document["summary"] == {
        "events": len(LOG),
        "first_day": "2026-01-05",
        "last_day": "2026-01-18",
        "by_kind": counts(LOG),
    }
    assert counts(LOG)["mood_logged"] == 11 and counts(LOG)["module_finished"] == 3
    events = document["events"]
    assert isinstance(events, list) and len(events) == len(LOG)
    assert events[1] == {
        "at": "2026-01-05T09:00:00+00:00",
        "kind": "page_shown",
        "module_id": "welcome",
        "page_id": "hello",
        "item": None,
        "seconds": 60,
        "total": None,
    }
    json.dumps(document)  # JSON values only
    text = research_csv(document)
    meta = [line for line in text.splitlines() if line.startswith("#")]
    assert meta[:2] == ['# format: "ecouch-research-log"', "# version: 1"]
    rows = list(
        csv.reader(
            io.StringIO("\n".join(row for row in text.splitlines() if not row.startswith("#")))
        )
    )
    assert tuple(rows[0]) == EVENT_FIELDS and len(rows) == len(LOG) + 1
    assert rows[2] == ["2026-01-05T09:00:00+00:00", "page_shown", "welcome", "hello", "", "60", ""]
    assert summary_lines(LOG)[0] == f"{len(LOG)} events, from 2026-01-05 to 2026-01-18:"
