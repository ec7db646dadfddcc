"""After the last week: which follow-up is open, which outcome check-in is due, and
whether to warn, kindly, that things may be slipping. Pure: dates and records in.

- The course ends 7 x (number of weeks) days after enrolment when weeks open weekly;
  otherwise on the day the last week was finished (none of it until every week is).
- A follow-up opens `months` after that end (`add_months`: 31 January + 1 month is
  the last day of February) and is done when its booster is finished.
- An outcome questionnaire is due at its points: `baseline` on the day the course
  starts, `post` when the last week opens (weekly; else when the course ends), and
  each follow-up's day. A check-in of it taken from `EARLY_DAYS` before a point to
  `within_days` after counts for that point; after that the point is missed. The
  user may skip a point (its key is kept in the settings, `SKIPPED`).
- The early warning, after the course: the weekly check-in up `checkin_rise` from its
  last score by the end of the course, or back in the named band; or the last
  `mood_days` of mood `mood_below` or more under the user's own earlier average. Home
  shows it at most once every `every_days` days, and not at all when turned off.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Literal

import msgspec

from ecouch_tui.course.outline import CourseOutline, OutlineFollowUp, OutlineWarning
from ecouch_tui.course.unlock import Status, weekly_opening
from ecouch_tui.store.records import Checkin, ModuleProgress, MoodEntry

#: Settings keys (the store's settings table) these rules read.
SKIPPED = "outcomes_skipped"
WARNING_OFF = "early_warning_off"
WARNING_SEEN = "early_warning_seen"
#: A check-in this many days before a point still counts for it.
EARLY_DAYS = 7

BASELINE = "baseline"
POST = "post"
POINT_WORDS = {BASELINE: "start of the course", POST: "end of the course"}

PointStatus = Literal["waiting", "upcoming", "due", "done", "skipped", "missed"]


def add_months(day: date, months: int) -> date:
    """`day` moved on by whole months; a day the month lacks becomes its last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, _days_in(year, month)))


def _days_in(year: int, month: int) -> int:
    """(Not `calendar.monthrange`: `ecouch status` would import calendar for it.)"""
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return (following - date(year, month, 1)).days


def _day(stamp: str | None) -> date | None:
    if not stamp:
        return None
    try:
        return datetime.fromisoformat(stamp).date()
    except ValueError:
        return None


def _done(record: ModuleProgress | None) -> bool:
    return record is not None and record.done


def course_end(
    outline: CourseOutline,
    started_on: date,
    progress: dict[str, ModuleProgress],
    policy: str | None = None,
) -> date | None:
    """The day the course ends, or None while it has not (sequential and open courses)."""
    if (policy or outline.unlock) == "weekly":
        return started_on + timedelta(days=7 * len(outline.weeks))
    ids = [week.module_id for week in outline.weeks if week.module_id is not None]
    if not ids or not all(_done(progress.get(i)) for i in ids):
        return None
    days = [_day(progress[i].completed_at) for i in ids]
    known = [d for d in days if d is not None]
    return max(known) if known else None


def post_day(
    outline: CourseOutline,
    started_on: date,
    progress: dict[str, ModuleProgress],
    policy: str | None = None,
) -> date | None:
    """When the after-the-course check-in is due: the last week's first day (weekly)."""
    if (policy or outline.unlock) == "weekly":
        return weekly_opening(started_on, max(len(outline.weeks), 1))
    return course_end(outline, started_on, progress, policy)


# -- follow-ups --------------------------------------------------------------------------


class FollowUpState(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    title: str
    months: int
    status: Status
    #: When it opens; None while the course has not ended (sequential, open).
    opens_on: date | None = None
    module_id: str | None = None
    module_title: str = ""
    pages: int = 0
    pages_seen: int = 0
    problem: str | None = None
    #: Its day has come (the schedule's, not the policy's: an open course, as the demo
    #: and preview run it, opens boosters at once but reminds of none before its day).
    due: bool = False

    @property
    def can_open(self) -> bool:
        return self.status in (Status.OPEN, Status.DONE)

    @property
    def started(self) -> bool:
        return self.pages_seen > 0


def follow_up_states(
    outline: CourseOutline,
    started_on: date,
    progress: dict[str, ModuleProgress],
    today: date,
    policy: str | None = None,
) -> list[FollowUpState]:
    """Every follow-up of the course, in order, with its status today."""
    end = course_end(outline, started_on, progress, policy)
    open_all = (policy or outline.unlock) == "open"
    return [_follow_up(item, end, progress, today, open_all) for item in outline.follow_ups]


def _follow_up(
    item: OutlineFollowUp,
    end: date | None,
    progress: dict[str, ModuleProgress],
    today: date,
    open_all: bool,
) -> FollowUpState:
    opens = add_months(end, item.months) if end is not None else None
    due = opens is not None and today >= opens
    common = {"id": item.id, "title": item.title, "months": item.months, "opens_on": opens}
    common |= {"due": due}
    if item.module_id is None:
        return FollowUpState(status=Status.UNAVAILABLE, problem=item.problem, **common)  # type: ignore[arg-type]
    record = progress.get(item.module_id)
    seen = len(record.pages_seen & set(item.page_ids)) if record else 0
    common |= {"module_id": item.module_id, "module_title": item.module_title}
    common |= {"pages": len(item.page_ids), "pages_seen": seen}
    if _done(record):
        status = Status.DONE
    elif due or open_all:
        status = Status.OPEN
    else:
        status = Status.LOCKED
    return FollowUpState(status=status, **common)  # type: ignore[arg-type]


def due_follow_up(states: Iterable[FollowUpState]) -> FollowUpState | None:
    """The follow-up to offer now: the latest one whose day has come, not yet done."""
    open_ = [s for s in states if s.status == Status.OPEN and s.due]
    return open_[-1] if open_ else None


# -- outcome check-ins -------------------------------------------------------------------


class OutcomePoint(msgspec.Struct, frozen=True, kw_only=True):
    instrument: str
    #: The questionnaire's short name ("CES-D").
    name: str
    #: "baseline", "post" or a follow-up's id.
    point: str
    #: In words: "start of the course", "end of the course", "6 months on".
    label: str
    status: PointStatus
    due_on: date | None = None
    closes_on: date | None = None
    checkin: Checkin | None = None
    optional: bool = True

    @property
    def key(self) -> str:
        return point_key(self.instrument, self.point)


def point_key(instrument: str, point: str) -> str:
    """How a skipped point is remembered in the settings ("cesd:6-months")."""
    return f"{instrument}:{point}"


def taken_on(checkin: Checkin) -> date | None:
    return _day(checkin.taken_at)


def outcome_points(
    outline: CourseOutline,
    started_on: date,
    progress: dict[str, ModuleProgress],
    checkins: Iterable[Checkin],
    skipped: Iterable[str],
    today: date,
    policy: str | None = None,
) -> list[OutcomePoint]:
    """Every outcome time point of the course with its status today and the check-in
    that counts for it (the first one in its window), in the course's order."""
    end = course_end(outline, started_on, progress, policy)
    days: dict[str, date | None] = {
        BASELINE: started_on,
        POST: post_day(outline, started_on, progress, policy),
    }
    words = dict(POINT_WORDS)
    for item in outline.follow_ups:
        days[item.id] = add_months(end, item.months) if end is not None else None
        words[item.id] = item.title
    skipped = set(skipped)
    everything = sorted(
        ((day, c) for c in checkins if (day := taken_on(c)) is not None), key=lambda p: p[0]
    )
    found: list[OutcomePoint] = []
    for check in outline.outcomes:
        used: set[str] = set()
        mine = [(day, c) for day, c in everything if c.instrument == check.instrument]
        for point in check.at:
            if point not in days:
                continue
            due = days[point]
            closes = due + timedelta(days=check.within_days) if due is not None else None
            taken = None
            if due is not None and closes is not None:
                early = due - timedelta(days=EARLY_DAYS)
                taken = next(
                    (c for day, c in mine if early <= day < closes and c.uid not in used), None
                )
            status: PointStatus
            if taken is not None:
                used.add(taken.uid)
                status = "done"
            elif point_key(check.instrument, point) in skipped:
                status = "skipped"
            elif due is None or closes is None:
                status = "waiting"
            elif today < due:
                status = "upcoming"
            elif today < closes:
                status = "due"
            else:
                status = "missed"
            found.append(
                OutcomePoint(
                    instrument=check.instrument,
                    name=check.name,
                    point=point,
                    label=words[point],
                    status=status,
                    due_on=due,
                    closes_on=closes,
                    checkin=taken,
                    optional=check.optional,
                )
            )
    return found


def outcome_due(points: Iterable[OutcomePoint]) -> OutcomePoint | None:
    """The outcome check-in to offer now, if one is due."""
    return next((p for p in points if p.status == "due"), None)


# -- early warning -----------------------------------------------------------------------


def checkin_warning(rule: OutlineWarning, checkins: Iterable[Checkin], end: date) -> str | None:
    """The weekly check-in since the course ended past a threshold, in words; or None."""
    dated = sorted(
        ((day, c) for c in checkins if (day := taken_on(c)) is not None), key=lambda p: p[0]
    )
    before = [c for day, c in dated if day <= end]
    after = [c for day, c in dated if day > end]
    if not after:
        return None
    latest, last_in_course = after[-1], (before[-1] if before else None)
    if rule.checkin_rise is not None and last_in_course is not None:
        rise = latest.total - last_in_course.total
        if rise >= rule.checkin_rise:
            return (
                f"Your last check-in score was {latest.total}, {rise} points higher than at "
                f"the end of the course ({last_in_course.total})."
            )
    band = rule.band_min
    if band is not None and latest.total >= band:
        was_below = last_in_course is None or last_in_course.total < band
        if was_below:
            return (
                f"Your last check-in score was {latest.total}: in the {rule.band} range "
                "or above again."
            )
    return None


def mood_warning(rule: OutlineWarning, moods: Iterable[MoodEntry], today: date) -> str | None:
    """The last `mood_days` of mood well below the user's own average before them."""
    if rule.mood_below is None:
        return None
    start = today - timedelta(days=rule.mood_days - 1)
    readable = [m for m in moods if "score" not in m.unreadable and m.day <= today]
    recent = [m.score for m in readable if m.day >= start]
    earlier = [m.score for m in readable if m.day < start]
    if len(recent) < max(3, rule.mood_days // 2) or len(earlier) < rule.mood_days:
        return None
    usual, lately = sum(earlier) / len(earlier), sum(recent) / len(recent)
    if usual - lately < rule.mood_below:
        return None
    return (
        f"Your mood over the last {rule.mood_days} days ({lately:.1f} out of 10 on average) "
        f"is well below your usual ({usual:.1f})."
    )


def early_warning(
    rule: OutlineWarning | None,
    end: date | None,
    today: date,
    checkins: Iterable[Checkin],
    moods: Iterable[MoodEntry],
) -> list[str]:
    """Why to offer the staying-well plan now (empty: no reason, or not after the course)."""
    if rule is None or end is None or today <= end:
        return []
    reasons = [checkin_warning(rule, checkins, end), mood_warning(rule, moods, today)]
    return [reason for reason in reasons if reason]


def warning_visible(
    enabled: bool, seen_on: date | None, dismissed: bool, today: date, every_days: int = 7
) -> bool:
    """Whether home shows the warning today: on, and not dismissed within `every_days`
    (once shown on a day it stays up that day until dismissed)."""
    if not enabled:
        return False
    if seen_on is None or today >= seen_on + timedelta(days=every_days):
        return True
    return seen_on == today and not dismissed


def warning_seen(value: object) -> tuple[date | None, bool]:
    """The early warning's setting (`WARNING_SEEN`): the day it was last shown, and
    whether it was dismissed; (None, False) when unset or unreadable."""
    if isinstance(value, dict):
        try:
            return date.fromisoformat(str(value.get("on"))), bool(value.get("dismissed"))
        except ValueError:
            pass
    return None, False
