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

The week rules here are the course's (`course.unlock`, `course.progress`,
`course.checkin`) restated over that small outline, because importing those modules
imports the content models too; tests/test_status.py checks both agree.

Exit status: 0 for every state of the course (not started included), 1 when the
store cannot be read (the line then says so).
"""

from __future__ import annotations

import argparse
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import msgspec

if TYPE_CHECKING:
    from ecouch_tui.content.loader import LoadedCourse
    from ecouch_tui.store.records import Checkin, ModuleProgress

NOT_STARTED = "ecouch · not started — run ecouch"
SEPARATOR = " · "


def run(args: argparse.Namespace) -> int:
    from ecouch_tui.paths import STORE_FILENAME, data_dir, modules_dir

    folder = data_dir(getattr(args, "data_dir", None))
    store = folder / STORE_FILENAME
    if not store.is_file():  # the quickest answer: no course, store or clock needed
        print(NOT_STARTED)
        return 0
    from ecouch_tui.clock import SystemClock

    line, code = status_line(
        store, modules_dir(getattr(args, "modules", None)), SystemClock().today()
    )
    print(line)
    return code


def status_line(store: Path, course_root: Path, today: date) -> tuple[str, int]:
    """The status line for the store at `store` and the course in `course_root`, and exit code."""
    from ecouch_tui.store.errors import StoreError, StoreTooNew
    from ecouch_tui.store.snapshot import read_status

    outline = course_outline(course_root, store.parent / "cache")
    try:
        snapshot = read_status(store, today, outline.checkin_instrument)
    except StoreTooNew:
        return "ecouch · your data was saved by a newer ecouch — update ecouch", 1
    except StoreError:
        return "ecouch · your data could not be read — run ecouch for details", 1
    if snapshot is not None and snapshot.needs_upgrade:
        return "ecouch · run ecouch once to update your data", 0
    if snapshot is None or snapshot.enrolment is None:
        return NOT_STARTED, 0
    started_on = snapshot.enrolment.started_on
    parts = ["ecouch", describe(position(outline, started_on, snapshot.progress, today))]
    mood = snapshot.mood_today
    parts.append(f"mood {mood.score}/10 today" if mood else "mood not logged today")
    due = next_checkin(outline, started_on, snapshot.last_checkin)
    if due is not None and due <= today:
        parts.append("check-in due")
    return SEPARATOR.join(parts), 0


# -- the course, as little of it as status needs ---------------------------------------------


class OutlineWeek(msgspec.Struct, frozen=True, kw_only=True):
    week: int
    title: str
    #: None when the module could not be loaded (the week is unavailable).
    module_id: str | None = None
    pages: tuple[str, ...] = ()


class Outline(msgspec.Struct, frozen=True, kw_only=True):
    weeks: tuple[OutlineWeek, ...]
    unlock: str = "weekly"
    #: The weekly check-in's questionnaire id, or None if the course has none.
    checkin_instrument: str | None = None
    checkin_every_days: int = 7


def course_outline(root: Path, cache_dir: Path) -> Outline:
    """The course's weeks from the content cache if current, else from the course itself."""
    outline = peek_cache(root, cache_dir)
    if outline is not None:
        return outline
    from ecouch_tui.content.cache import cached_course

    course = cached_course(root, cache_dir)
    if course is None:
        from ecouch_tui.content.loader import load_course

        course = load_course(root.resolve(), show=str)
    return outline_of(course)


def outline_of(course: LoadedCourse) -> Outline:
    manifest = course.manifest
    instrument = course.checkin_instrument
    return Outline(
        weeks=tuple(
            OutlineWeek(
                week=entry.week,
                title=entry.module.title if entry.module else entry.title,
                module_id=entry.module.id if entry.module else None,
                pages=tuple(page.id for page in entry.module.pages) if entry.module else (),
            )
            for entry in course.entries
        ),
        unlock=manifest.unlock if manifest else "weekly",
        checkin_instrument=instrument.id if instrument else None,
        checkin_every_days=manifest.checkin.every_days if manifest else 7,
    )


# The content cache (content/cache.py) holds a msgpack `_Cached{key, course: LoadedCourse}`.
# These structs read only the fields status needs and ignore the rest (blocks, text, ...).


class _Page(msgspec.Struct):
    id: str


class _Module(msgspec.Struct):
    id: str
    title: str
    pages: list[_Page]


class _Entry(msgspec.Struct):
    week: int
    title: str
    module: _Module | None = None


class _Plan(msgspec.Struct, frozen=True):
    instrument: str = "phq9"
    every_days: int = 7


class _Manifest(msgspec.Struct):
    unlock: str = "weekly"
    checkin: _Plan = _Plan()


class _Questionnaire(msgspec.Struct):
    id: str


class _Course(msgspec.Struct):
    manifest: _Manifest | None = None
    entries: list[_Entry] = []
    questionnaires: list[_Questionnaire] = []


class _Cached(msgspec.Struct):
    key: str
    course: _Course


try:  # what hashlib.blake2b is, without hashlib loading OpenSSL first (a tenth of the budget)
    from _blake2 import blake2b as _blake2b
except ImportError:  # another Python implementation
    from hashlib import blake2b as _blake2b

#: content.cache's `_FORMAT` and loader's `CRISIS_NAME`, restated (tests check the key matches).
_CACHE_FORMAT = 1
_CRISIS_NAME = "crisis_lines.yaml"


def cache_key(root: Path) -> str:
    """`content.cache.course_key`, without importing the content models it sits beside."""
    from ecouch_tui import __version__
    from ecouch_tui.paths import bundled_modules_dir

    content = Path(__file__).resolve().parent.parent / "content"
    parts = [f"{_CACHE_FORMAT}:{__version__}"]
    for source in sorted([*content.glob("*.py"), *content.glob("blocks/*.py")]):
        info = source.stat()
        parts.append(f"{source.name}:{info.st_size}:{info.st_mtime_ns}")
    digest = _blake2b("\n".join(parts).encode(), digest_size=20)
    files = sorted([*root.glob("*.yaml"), *root.glob("questionnaires/*.yaml")])
    if not (root / _CRISIS_NAME).exists():
        files.append(bundled_modules_dir() / _CRISIS_NAME)
    for path in files:
        digest.update(str(path).encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"<unreadable>")
        digest.update(b"\0")
    return digest.hexdigest()


def cache_path(cache_dir: Path, root: Path) -> Path:
    """`content.cache.cache_file`, restated for the same reason."""
    name = _blake2b(str(root.resolve()).encode(), digest_size=8).hexdigest()
    return cache_dir / f"course-{name}.msgpack"


def peek_cache(root: Path, cache_dir: Path) -> Outline | None:
    root = root.resolve()
    try:
        cached = msgspec.msgpack.decode(cache_path(cache_dir, root).read_bytes(), type=_Cached)
    except (OSError, msgspec.DecodeError, msgspec.ValidationError):
        return None
    if cached.key != cache_key(root):
        return None
    course = cached.course
    manifest = course.manifest
    plan = manifest.checkin if manifest else _Plan()
    known = {q.id for q in course.questionnaires}
    return Outline(
        weeks=tuple(
            OutlineWeek(
                week=e.week,
                title=e.module.title if e.module else e.title,
                module_id=e.module.id if e.module else None,
                pages=tuple(p.id for p in e.module.pages) if e.module else (),
            )
            for e in course.entries
        ),
        unlock=manifest.unlock if manifest else "weekly",
        checkin_instrument=plan.instrument if plan.instrument in known else None,
        checkin_every_days=plan.every_days,
    )


# -- where the user stands (the course's rules, over the outline) ----------------------------


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
    outline: Outline, started_on: date, progress: dict[str, ModuleProgress], today: date
) -> Position:
    """The week to continue (as the home screen's Continue), else what comes next.

    Mirrors `course.unlock.week_states`, `course.progress.continue_target` and
    `next_opening`.
    """
    states: list[tuple[OutlineWeek, str, date | None]] = []
    earlier_done = True
    for week in outline.weeks:
        if week.module_id is None:
            states.append((week, "unavailable", None))
            continue
        record = progress.get(week.module_id)
        opens = None
        if record is not None and record.completed_at is not None:
            status = "done"
        elif outline.unlock == "open":
            status = "open"
        elif outline.unlock == "sequential":
            status = "open" if earlier_done else "locked"
        else:
            opens = started_on + timedelta(days=7 * (week.week - 1))
            status = "open" if today >= opens else "locked"
        earlier_done = earlier_done and status == "done"
        states.append((week, status, opens))
    total = len(outline.weeks)
    candidates = [week for week, status, _ in states if status == "open"]
    if candidates:

        def recency(week: OutlineWeek) -> str:
            record = progress.get(week.module_id or "")
            return (record.updated_at or "") if record else ""

        recent = max(candidates, key=recency)
        chosen = recent if recency(recent) else candidates[0]
        record = progress.get(chosen.module_id or "")
        current = record.current_page_id if record else None
        index = chosen.pages.index(current) if current in chosen.pages else 0
        seen = record.pages_seen & set(chosen.pages) if record else set()
        return Position(
            kind="continue",
            week=chosen.week,
            weeks=total,
            title=chosen.title,
            page_index=index,
            pages=len(chosen.pages),
            started=bool(seen),
        )
    locked = next(((w, opens) for w, status, opens in states if status == "locked"), None)
    if locked is not None and locked[1] is not None:
        return Position(kind="waiting", week=locked[0].week, weeks=total, opens_on=locked[1])
    available = [status for _, status, _ in states if status != "unavailable"]
    if not available:
        return Position(kind="no-course")
    if all(status == "done" for status in available):
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


def next_checkin(outline: Outline, started_on: date, last: Checkin | None) -> date | None:
    """When the weekly check-in is due (`course.checkin.next_due`); None without one."""
    if outline.checkin_instrument is None:
        return None
    if last is None:
        return started_on
    taken = datetime.fromisoformat(last.taken_at).date()
    return taken + timedelta(days=outline.checkin_every_days)
