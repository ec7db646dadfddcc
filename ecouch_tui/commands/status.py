"""`ecouch status`: one line for a shell prompt, a cron job or a login message.

    ecouch · week 3 of 12: Thinking traps, page 2 of 7 · mood not logged today · check-in due

It runs on every prompt, so it is built to be quick (within 6x of `python -c pass`;
see benchmarks/status.py) and to leave no trace:

- it never creates anything: no data folder, no store, no cache, not even SQLite's
  `-wal`/`-shm` (the store is read through `store.snapshot`);
- no Textual, no sqlite-utils, and no YAML or content models when the content cache is
  current: the cache is read with a few small structs that pick out titles and page
  ids (`peek_cache`) instead of the full course models, which cost more to import
  than all the rest of this command. A missing or stale cache falls back to the
  content package (`content.cache.cached_course`, then the YAML loader), writing
  nothing.

The week rules are the course's own (`course.unlock`, `course.progress`, `course.due`),
which work on that small `CourseOutline`, so the line always agrees with the home screen.

Exit status: 0 for every state of the course (not started included), 1 when the
store cannot be read (the line then says so).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import msgspec

from ecouch_tui.course.outline import CourseOutline, OutlineFollowUp, OutlineWarning

if TYPE_CHECKING:
    import argparse

    from ecouch_tui.store.records import Checkin, ModuleProgress, MoodEntry
    from ecouch_tui.store.snapshot import StatusSnapshot

NOT_STARTED = "ecouch · not started — run ecouch"
#: A mood is logged (from the shell) but the course itself has not been begun.
MOOD_BEFORE_COURSE = "course not started — run ecouch to begin"
SEPARATOR = " · "


def run(args: argparse.Namespace) -> int:
    from ecouch_tui.paths import STORE_FILENAME, data_dir, modules_dir

    folder = data_dir(getattr(args, "data_dir", None))
    store = folder / STORE_FILENAME
    if not store.is_file():  # the quickest answer: no course, store or clock needed
        print(NOT_STARTED)
        return 0
    from ecouch_tui.clock import SystemClock
    from ecouch_tui.terminal_text import printable

    line, code = status_line(
        store, modules_dir(getattr(args, "modules", None)), SystemClock().today()
    )
    print(printable(line, one_line=True))  # a module title with a newline stays one line
    return code


def status_line(store: Path, course_root: Path, today: date) -> tuple[str, int]:
    """The status line for the store at `store` and the course in `course_root`, and exit code."""
    from ecouch_tui.store.errors import StoreError, StoreTooNew
    from ecouch_tui.store.snapshot import read_status

    outline = course_outline(course_root, store.parent / "cache")
    try:
        outcomes = tuple(dict.fromkeys(o.instrument for o in outline.outcomes))
        snapshot = read_status(store, today, outline.checkin_instrument, outcomes)
    except StoreTooNew:
        return "ecouch · your data was saved by a newer ecouch — update ecouch", 1
    except StoreError:
        return "ecouch · your data could not be read — run ecouch for details", 1
    if snapshot is not None and snapshot.needs_upgrade:
        return "ecouch · run ecouch once to update your data", 0
    if snapshot is None or (snapshot.enrolment is None and not snapshot.mood_log):
        return NOT_STARTED, 0
    if snapshot.enrolment is None:  # `ecouch mood` was used before the course was begun
        return SEPARATOR.join(["ecouch", MOOD_BEFORE_COURSE, mood_words(snapshot.mood_today)]), 0
    started_on = snapshot.enrolment.started_on
    where = position(outline, started_on, snapshot.progress, today)
    parts = [
        "ecouch",
        describe(where) + next_follow_up(where, outline, started_on, snapshot, today),
    ]
    if "started_on" in snapshot.enrolment.unreadable:
        parts.append("start date unreadable")
    booster = follow_up_due(outline, started_on, snapshot.progress, today)
    if booster:
        parts.append(booster)
    parts.append(mood_words(snapshot.mood_today))
    due = next_checkin(outline, started_on, snapshot.last_checkin)
    if due is not None and due <= today:
        parts.append("check-in due")
    outcome = outcome_due_words(outline, started_on, snapshot, today)
    if outcome:
        parts.append(outcome)
    return SEPARATOR.join(parts), 0


def outcome_due_words(
    outline: CourseOutline, started_on: date, snapshot: StatusSnapshot, today: date
) -> str:
    """'CES-D due (6 months on)' when an outcome questionnaire is due, else ''."""
    if not outline.outcomes:
        return ""
    from ecouch_tui.course.followup import outcome_due, outcome_points

    points = outcome_points(
        outline, started_on, snapshot.progress, snapshot.outcome_checkins, snapshot.skipped, today
    )
    point = outcome_due(points)
    return f"{point.name} due ({point.label})" if point is not None else ""


def next_follow_up(
    where: Position, outline: CourseOutline, started_on: date, snapshot: StatusSnapshot, today: date
) -> str:
    """', 1 month on opens Thu 30 Apr' after 'course finished', when none is due yet."""
    if where.kind != "finished" or not outline.follow_ups:
        return ""
    from ecouch_tui.course.followup import due_follow_up, follow_up_states
    from ecouch_tui.course.unlock import Status
    from ecouch_tui.wording import short_date

    states = follow_up_states(outline, started_on, snapshot.progress, today)
    if due_follow_up(states) is not None:
        return ""
    upcoming = next((s for s in states if s.status == Status.LOCKED and s.opens_on), None)
    if upcoming is None or upcoming.opens_on is None:
        return ""
    return f", {upcoming.title} opens {short_date(upcoming.opens_on)}"


def follow_up_due(
    outline: CourseOutline, started_on: date, progress: dict[str, ModuleProgress], today: date
) -> str:
    """'booster due: 1 month on' when a follow-up is open and not done, else ''."""
    if not outline.follow_ups:
        return ""
    from ecouch_tui.course.followup import due_follow_up, follow_up_states

    state = due_follow_up(follow_up_states(outline, started_on, progress, today))
    return f"booster due: {state.title}" if state is not None else ""


def mood_words(mood: MoodEntry | None) -> str:
    """'mood 5/10 today', or that it is not logged yet."""
    if mood is None:
        return "mood not logged today"
    score = "unreadable" if "score" in mood.unreadable else f"{mood.score}/10"
    return f"mood {score} today"


# -- the course, as little of it as status needs ---------------------------------------------


def course_outline(root: Path, cache_dir: Path) -> CourseOutline:
    """The course's outline from the content cache if current, else from the course itself."""
    outline = peek_cache(root, cache_dir)
    if outline is not None:
        return outline
    from ecouch_tui.content.cache import cached_course
    from ecouch_tui.course.outline import outline_of

    course = cached_course(root, cache_dir)
    if course is None:
        from ecouch_tui.content.loader import load_course

        course = load_course(root.resolve(), show=str)
    return outline_of(course)


# The content cache (content/cache.py) holds a msgpack `{key, course: LoadedCourse}`. These
# structs read only the fields the outline needs and skip the rest (blocks, text, ...), so
# the content models (which cost more to import than all of this command) stay unloaded.


class _Page(msgspec.Struct):
    id: str


class _Problem(msgspec.Struct):
    path: str
    line: int
    col: int
    message: str
    severity: str = "error"


class _Module(msgspec.Struct):
    id: str
    title: str
    pages: list[_Page]


class _Entry(msgspec.Struct):
    week: int
    title: str
    module: _Module | None = None
    problems: list[_Problem] = []


class _Plan(msgspec.Struct, frozen=True):
    instrument: str = "phq9"
    every_days: int = 7


class _FollowUp(msgspec.Struct):
    id: str
    months: int
    title: str


class _Outcome(msgspec.Struct):
    instrument: str
    at: list[str]
    optional: bool = True
    within_days: int = 28


class _Warning(msgspec.Struct):
    checkin_rise: int | None = 5
    band: str | None = "moderate"
    mood_days: int = 14
    mood_below: float | None = 2.0
    every_days: int = 7


class _Manifest(msgspec.Struct):
    unlock: str = "weekly"
    checkin: _Plan = _Plan()
    follow_up: list[_FollowUp] = []
    outcomes: list[_Outcome] = []
    early_warning: _Warning | None = None


class _Band(msgspec.Struct):
    min: int
    name: str


class _Questionnaire(msgspec.Struct):
    id: str
    name: str = ""
    bands: list[_Band] = []


class _Booster(msgspec.Struct):
    follow_up: str
    title: str
    module: _Module | None = None
    problems: list[_Problem] = []


class _Course(msgspec.Struct):
    manifest: _Manifest | None = None
    entries: list[_Entry] = []
    questionnaires: list[_Questionnaire] = []
    boosters: list[_Booster] = []


class _Cached(msgspec.Struct):
    key: str
    course: _Course


def peek_cache(root: Path, cache_dir: Path) -> CourseOutline | None:
    """The outline from a current content cache, or None (missing, stale or unreadable)."""
    from ecouch_tui.content.cache import cache_file, course_key
    from ecouch_tui.course.outline import OutlineOutcome, OutlineWeek

    root = root.resolve()
    try:
        cached = msgspec.msgpack.decode(cache_file(cache_dir, root).read_bytes(), type=_Cached)
    except (OSError, msgspec.DecodeError, msgspec.ValidationError):
        return None
    if cached.key != course_key(root):
        return None
    course = cached.course
    manifest = course.manifest
    plan = manifest.checkin if manifest else _Plan()
    known = {q.id for q in course.questionnaires}
    names = {q.id: q.name for q in course.questionnaires}

    def problem(entry: _Entry | _Booster) -> str | None:
        if entry.module is not None:
            return None
        first = next((p for p in entry.problems if p.severity == "error"), None)
        return f"{first.path}:{first.line}:{first.col}: {first.message}" if first else None

    return CourseOutline(
        weeks=tuple(
            OutlineWeek(
                week=e.week,
                title=e.module.title if e.module else e.title,
                module_id=e.module.id if e.module else None,
                page_ids=tuple(p.id for p in e.module.pages) if e.module else (),
                problem=problem(e),
            )
            for e in course.entries
        ),
        unlock=manifest.unlock if manifest else "weekly",
        checkin_instrument=plan.instrument if plan.instrument in known else None,
        checkin_every_days=plan.every_days,
        follow_ups=tuple(
            _follow_up(item, next((b for b in course.boosters if b.follow_up == item.id), None))
            for item in (manifest.follow_up if manifest else [])
        ),
        outcomes=tuple(
            OutlineOutcome(
                instrument=o.instrument,
                name=names[o.instrument],
                at=tuple(o.at),
                optional=o.optional,
                within_days=o.within_days,
            )
            for o in (manifest.outcomes if manifest else [])
            if o.instrument in names
        ),
        early_warning=_warning(manifest, course),
    )


def _warning(manifest: _Manifest | None, course: _Course) -> OutlineWarning | None:
    """As `course.outline.outline_of` makes it (the band named, by its lowest total)."""
    rule = manifest.early_warning if manifest else None
    if manifest is None or rule is None:
        return None
    weekly = next((q for q in course.questionnaires if q.id == manifest.checkin.instrument), None)
    bands = weekly.bands if weekly else []
    band_min = next((b.min for b in bands if b.name == rule.band), None)
    return OutlineWarning(
        checkin_rise=rule.checkin_rise,
        band_min=band_min,
        band=rule.band if band_min is not None else None,
        mood_days=rule.mood_days,
        mood_below=rule.mood_below,
        every_days=rule.every_days,
    )


def _follow_up(item: _FollowUp, booster: _Booster | None) -> OutlineFollowUp:
    module = booster.module if booster else None
    first = next((p for p in booster.problems if p.severity == "error"), None) if booster else None
    return OutlineFollowUp(
        id=item.id,
        months=item.months,
        title=item.title,
        module_id=module.id if module else None,
        module_title=module.title if module else "",
        page_ids=tuple(p.id for p in module.pages) if module else (),
        problem=None
        if module
        else (f"{first.path}:{first.line}:{first.col}: {first.message}" if first else None),
    )


# -- where the user stands: the course's own rules, over the outline --------------------------


class Position(msgspec.Struct, frozen=True, kw_only=True):
    """What the course part of the line says."""

    kind: Literal["continue", "waiting", "finished", "nothing-open", "no-course"]
    week: int = 0
    weeks: int = 0
    title: str = ""
    #: 0-based, as `course.progress.ResumePoint.page_index`.
    page_index: int = 0
    pages: int = 0
    started: bool = False
    opens_on: date | None = None


def position(
    outline: CourseOutline, started_on: date, progress: dict[str, ModuleProgress], today: date
) -> Position:
    """The week to continue (as the home screen's Continue), else what comes next."""
    from ecouch_tui.course.progress import continue_target, next_opening
    from ecouch_tui.course.unlock import Status, week_states

    states = week_states(outline, started_on, progress, today)
    total = len(outline.weeks)
    target = continue_target(outline, states, progress)
    if target is not None:
        week = outline.week_of(target.module_id)
        return Position(
            kind="continue",
            week=target.week,
            weeks=total,
            title=target.title,
            page_index=target.page_index,
            pages=len(week.page_ids) if week else 0,
            started=target.started,
        )
    upcoming = next_opening(states)
    if upcoming is not None and upcoming.opens_on is not None:
        return Position(kind="waiting", week=upcoming.week, weeks=total, opens_on=upcoming.opens_on)
    available = [s.status for s in states if s.status != Status.UNAVAILABLE]
    if not available:
        return Position(kind="no-course")
    if all(status == Status.DONE for status in available):
        return Position(kind="finished", weeks=total)
    return Position(kind="nothing-open", weeks=total)


def describe(where: Position) -> str:
    if where.kind == "continue":
        head = f"week {where.week} of {where.weeks}: {where.title}"
        if not where.started:
            return f"{head}, ready to start"
        return f"{head}, page {where.page_index + 1} of {where.pages}"
    if where.kind == "waiting":
        from ecouch_tui.wording import short_date

        assert where.opens_on is not None
        return f"up to date, week {where.week} opens {short_date(where.opens_on)}"
    if where.kind == "finished":
        return "course finished"
    if where.kind == "no-course":
        return "the course could not be loaded (run ecouch validate)"
    return "nothing open right now"


def next_checkin(outline: CourseOutline, started_on: date, last: Checkin | None) -> date | None:
    """When the weekly check-in is due (`course.due.next_due`); None without one."""
    from ecouch_tui.course.due import next_due

    if outline.checkin_instrument is None:
        return None
    return next_due(started_on, [last] if last else [], outline.checkin_every_days)
