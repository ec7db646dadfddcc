"""A Session ties one course to one store and one clock; the app and the CLI both use it.

It holds no rules of its own: it asks `course/` and reads through `store/`, so screens
and commands stay thin.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import msgspec

from ecouch_tui.clock import Clock, SystemClock
from ecouch_tui.content.crisis import Region
from ecouch_tui.content.loader import LoadedCourse
from ecouch_tui.content.models import UnlockPolicy
from ecouch_tui.course.outline import CourseOutline, outline_of
from ecouch_tui.course.progress import (
    Overall,
    ResumePoint,
    continue_target,
    overall,
    resume_page,
)
from ecouch_tui.course.unlock import WeekState, week_states
from ecouch_tui.paths import STORE_FILENAME, data_dir, modules_dir
from ecouch_tui.store.db import Store

if TYPE_CHECKING:
    import argparse

    from ecouch_tui.course.followup import FollowUpState, OutcomePoint
    from ecouch_tui.store.records import EventKind

Mode = Literal["normal", "demo", "preview"]


class SessionConfig(msgspec.Struct, kw_only=True):
    """Everything needed to open a session; built by the CLI, or by tests."""

    data_dir: Path
    modules_dir: Path
    clock: Clock
    #: Override the manifest's unlock policy ("open" for demo and preview).
    policy: UnlockPolicy | None = None
    mode: Mode = "normal"
    use_cache: bool = True
    #: Preview: the one module file shown (`modules_dir` is its folder).
    preview_file: Path | None = None
    #: Whether the app may ask, once, about the opt-in research log (issue 15). The
    #: command line's sessions may; demo, preview and sessions built by hand (tests)
    #: do not unless they say so.
    research_prompt: bool = False

    @property
    def store_path(self) -> Path:
        return self.data_dir / STORE_FILENAME


def session_config(args: argparse.Namespace) -> SessionConfig:
    """The user's session as the command line chose it: `--data-dir` and `--modules`
    (or their environment variables, or the defaults) on the system clock."""
    return SessionConfig(
        data_dir=data_dir(getattr(args, "data_dir", None)),
        modules_dir=modules_dir(getattr(args, "modules", None)),
        clock=SystemClock(),
        research_prompt=True,
    )


class Session(msgspec.Struct, kw_only=True):
    config: SessionConfig
    course: LoadedCourse
    store: Store

    @property
    def clock(self) -> Clock:
        return self.config.clock

    @property
    def outline(self) -> CourseOutline:
        """What the course rules need of the course (cheap: rebuilt on each call, so a
        preview that swaps `course` never sees a stale one)."""
        return outline_of(self.course)

    def close(self) -> None:
        self.store.close()

    # -- the course, as this user stands in it -------------------------------------------

    def weeks(self) -> list[WeekState]:
        enrolment = self.store.enrolment()
        started = enrolment.started_on if enrolment else self.clock.today()
        return week_states(
            self.outline,
            started,
            self.store.progress(),
            self.clock.today(),
            self.config.policy,
        )

    def overall(self, weeks: list[WeekState] | None = None) -> Overall:
        return overall(weeks if weeks is not None else self.weeks())

    def continue_target(self, weeks: list[WeekState] | None = None) -> ResumePoint | None:
        weeks = weeks if weeks is not None else self.weeks()
        return continue_target(self.outline, weeks, self.store.progress())

    def resume_page(self, module_id: str) -> int:
        return resume_page(self.outline, module_id, self.store.progress().get(module_id))

    @property
    def started_on(self) -> date:
        enrolment = self.store.enrolment()
        return enrolment.started_on if enrolment else self.clock.today()

    def mood_tags(self) -> list[str]:
        from ecouch_tui.content.models import DEFAULT_MOOD_TAGS

        manifest = self.course.manifest
        return list(manifest.mood_tags) if manifest else list(DEFAULT_MOOD_TAGS)

    def next_checkin(self) -> date | None:
        """When the weekly check-in is due (None if the course has no check-in)."""
        from ecouch_tui.course.due import next_due

        questionnaire = self.course.checkin_instrument
        if questionnaire is None:
            return None
        every = self.course.manifest.checkin.every_days if self.course.manifest else 7
        return next_due(self.started_on, self.store.checkins(questionnaire.id), every)

    def low_mood_streak(self) -> bool:
        from datetime import timedelta

        from ecouch_tui.course.safety import low_mood_streak

        today = self.clock.today()
        return low_mood_streak(self.store.moods(since=today - timedelta(days=4)), today)

    # -- after the course: follow-ups, outcome check-ins, early warning -----------------

    def follow_ups(self) -> list[FollowUpState]:
        from ecouch_tui.course.followup import follow_up_states

        return follow_up_states(
            self.outline,
            self.started_on,
            self.store.progress(),
            self.clock.today(),
            self.config.policy,
        )

    def course_end(self) -> date | None:
        from ecouch_tui.course.followup import course_end

        return course_end(self.outline, self.started_on, self.store.progress(), self.config.policy)

    def outcome_points(self) -> list[OutcomePoint]:
        from ecouch_tui.course.followup import SKIPPED, outcome_points

        outline = self.outline
        checkins = [c for o in outline.outcomes for c in self.store.checkins(o.instrument)]
        skipped = self.store.setting(SKIPPED, [])
        return outcome_points(
            outline,
            self.started_on,
            self.store.progress(),
            checkins,
            skipped if isinstance(skipped, list) else [],
            self.clock.today(),
            self.config.policy,
        )

    def early_warning(self) -> list[str]:
        """Why home should offer the staying-well plan today (empty: it should not)."""
        from datetime import timedelta

        from ecouch_tui.course.followup import early_warning

        outline = self.outline
        rule = outline.early_warning
        if rule is None:
            return []
        today = self.clock.today()
        instrument = outline.checkin_instrument
        checkins = self.store.checkins(instrument) if instrument else []
        moods = self.store.moods(since=today - timedelta(days=400))
        return early_warning(rule, self.course_end(), today, checkins, moods)

    def note_research(self, kind: EventKind, **values: str | int | None) -> None:
        """Log one event when the user has the research log on (issue 15). A log that
        cannot be written is passed over in silence: never the command's own work."""
        import sqlite3

        from ecouch_tui.clock import stamp
        from ecouch_tui.store.errors import StoreError
        from ecouch_tui.store.records import ResearchEvent

        try:
            if self.store.research_on():
                event = ResearchEvent(at=stamp(self.clock.now()), kind=kind, **values)  # type: ignore[arg-type]
                self.store.record_research([event])
        except (StoreError, sqlite3.Error, OSError):
            pass

    def region(self) -> Region | None:
        if self.course.crisis is None:
            return None
        enrolment = self.store.enrolment()
        return self.course.crisis.region(enrolment.region if enrolment else None)


def open_session(config: SessionConfig) -> Session:
    """Load the course (cached when allowed) and open the store; StoreError on failure."""
    if config.preview_file is not None:
        return _open_preview(config, config.preview_file)
    from ecouch_tui.content.cache import load_course_cached

    store = Store.open(config.store_path, config.clock)
    cache_dir = config.data_dir / "cache" if config.use_cache else None
    course = load_course_cached(config.modules_dir, cache_dir)
    return Session(config=config, course=course, store=store)


def _open_preview(config: SessionConfig, path: Path) -> Session:
    """One module file as a course of its own, never cached (it changes on every save).

    A broken file still opens: its entry carries the problems, for the app to list.
    """
    from ecouch_tui.content.loader import load_module_course

    store = Store.open(config.store_path, config.clock)
    return Session(config=config, course=load_module_course(path), store=store)
