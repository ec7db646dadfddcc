"""From the course and the store's records to a `Report`: the period, and what is in it.

Pure: the caller reads the store (`store.report.read_report_records`) and passes the
day. The period rule lives here only, so every part of the page covers the same days:

- it starts at `since`, or else at the first day anything was recorded (or the course
  began), and never before that;
- it ends at `until`, or else today, and never after today.

The two plans are not dated records: they are shown as last saved, whatever the period.
"""

from __future__ import annotations

from datetime import date

import msgspec

from ecouch_tui.content.loader import LoadedCourse
from ecouch_tui.content.questionnaire import Questionnaire
from ecouch_tui.course import checkin_text
from ecouch_tui.course import mood as stats
from ecouch_tui.report.model import (
    BandInfo,
    CheckinRow,
    InstrumentReport,
    MoodReport,
    OutcomeCell,
    OutcomeReport,
    Period,
    PlanSection,
    Report,
    SafetyShown,
    WatchedItem,
    WeekDone,
    WrittenPlan,
)
from ecouch_tui.store.records import Checkin, Entry, SafetyEvent
from ecouch_tui.store.report import ReportRecords

#: How a safety event's detail ends, by where it was shown: not needed on paper.
_WHERE_SHOWN = (", in the app", ", at the command line")


def day_of(stamp: str) -> date:
    """The local day of a stored timestamp ('2026-01-05T09:00:00+11:00')."""
    return date.fromisoformat(stamp[:10])


def first_recorded(records: ReportRecords) -> date | None:
    """The earliest day the store knows of: the course start or the first record."""
    days = [m.day for m in records.moods]
    days += [day_of(c.taken_at) for c in records.checkins]
    days += [day_of(e.at) for e in records.safety_events]
    days += [day_of(p.completed_at) for p in records.progress.values() if p.completed_at]
    if records.enrolment is not None:
        days.append(records.enrolment.started_on)
    return min(days) if days else None


def report_period(
    records: ReportRecords, today: date, since: date | None = None, until: date | None = None
) -> Period:
    """The days the report covers (see the module docstring)."""
    end = min(until, today) if until else today
    first = first_recorded(records) or end
    start = max(since, first) if since else first
    return Period(min(start, end), end)


def build_report(
    course: LoadedCourse,
    records: ReportRecords,
    today: date,
    *,
    since: date | None = None,
    until: date | None = None,
    version: str = "",
) -> Report:
    period = report_period(records, today, since, until)
    if since is not None and since > period.end:
        # Asked for days after everything: an empty period, not the whole history.
        period = Period(since, since)
    weeks_done, done_by_end = _weeks_done(course, records, period)
    instruments = _instruments(course, records.checkins, period)
    answered = {i.id for i in instruments}
    return Report(
        course_title=course.title,
        course_subtitle=course.manifest.subtitle if course.manifest else "",
        made_on=today,
        period=period,
        ecouch_version=version,
        started_on=records.enrolment.started_on if records.enrolment else None,
        weeks_total=len(course.entries),
        weeks_done_by_end=done_by_end,
        weeks_done=weeks_done,
        instruments=instruments,
        mood=_mood(records, period),
        safety=_safety(records.safety_events, period),
        # The weekly check-in's rules, and those of each questionnaire in the report: not
        # those of an optional one never answered in the period.
        safety_rules=tuple(
            rule.reason
            for i, q in enumerate(_questionnaires_in_order(course))
            if (i == 0 and q is course.checkin_instrument) or q.id in answered
            for rule in q.safety
        ),
        plans=_plans(records),
        outcomes=_outcomes(course, records, today),
    )


def _outcomes(
    course: LoadedCourse, records: ReportRecords, today: date
) -> tuple[OutcomeReport, ...]:
    """Each outcome questionnaire's points side by side (only once one was taken)."""
    from ecouch_tui.course.followup import outcome_points, taken_on
    from ecouch_tui.course.outline import outline_of

    if records.enrolment is None or course.manifest is None or not course.manifest.outcomes:
        return ()
    outline = outline_of(course)
    points = outcome_points(
        outline, records.enrolment.started_on, records.progress, records.checkins, [], today
    )
    found: list[OutcomeReport] = []
    for check in outline.outcomes:
        mine = [p for p in points if p.instrument == check.instrument]
        if not any(p.checkin is not None for p in mine):
            continue
        cells = tuple(
            OutcomeCell(
                label=p.label[:1].upper() + p.label[1:],
                status=p.status,
                day=taken_on(p.checkin) if p.checkin else None,
                total=p.checkin.total if p.checkin else None,
                band=p.checkin.band if p.checkin else "",
                due_on=p.due_on,
            )
            for p in mine
        )
        found.append(OutcomeReport(id=check.instrument, name=check.name, cells=cells))
    return tuple(found)


# -- weeks ---------------------------------------------------------------------------------


def _weeks_done(
    course: LoadedCourse, records: ReportRecords, period: Period
) -> tuple[tuple[WeekDone, ...], int]:
    """Weeks finished in the period (in course order), and how many by its end."""
    where = {e.module.id: e for e in course.entries if e.module is not None}
    done: list[WeekDone] = []
    by_end = 0
    for module_id, progress in records.progress.items():
        if progress.completed_at is None:
            continue
        finished = day_of(progress.completed_at)
        if finished > period.end:
            continue
        by_end += module_id in where
        if finished < period.start:
            continue
        entry = where.get(module_id)
        done.append(
            WeekDone(
                week=entry.week if entry else 0,
                title=entry.title if entry else module_id,
                finished_on=finished,
            )
        )
    done.sort(key=lambda w: (w.week or 999, w.finished_on))
    return tuple(done), by_end


# -- check-ins -----------------------------------------------------------------------------


def _instruments(
    course: LoadedCourse, checkins: list[Checkin], period: Period
) -> tuple[InstrumentReport, ...]:
    """One section per questionnaire with check-ins in the period: the weekly one first.

    One row a day per questionnaire: of several taken the same day (before the app
    offered to replace the first, or from the shell) the last one stands for the day.
    """
    latest: dict[tuple[str, date], Checkin] = {}
    for checkin in sorted(checkins, key=lambda c: c.taken_at):
        if day_of(checkin.taken_at) in period:
            latest[(checkin.instrument, day_of(checkin.taken_at))] = checkin
    by_instrument: dict[str, list[Checkin]] = {}
    for (instrument, _), checkin in latest.items():
        by_instrument.setdefault(instrument, []).append(checkin)
    order = [q.id for q in _questionnaires_in_order(course)]
    known = [i for i in order if i in by_instrument]
    unknown = sorted(set(by_instrument) - set(known))
    return tuple(_instrument(course.questionnaire(i), i, by_instrument[i]) for i in known + unknown)


def _questionnaires_in_order(course: LoadedCourse) -> list[Questionnaire]:
    """The weekly check-in's questionnaire first, then the others as the course lists them."""
    weekly = course.checkin_instrument
    others = [q for q in course.questionnaires if weekly is None or q.id != weekly.id]
    return ([weekly] if weekly else []) + others


def _instrument(
    questionnaire: Questionnaire | None, instrument: str, checkins: list[Checkin]
) -> InstrumentReport:
    checkins = sorted(checkins, key=lambda c: c.taken_at)
    if questionnaire is None:
        # Answered with a course no longer in use: totals and bands as they were saved.
        totals = [c.total for c in checkins]
        return InstrumentReport(
            id=instrument,
            name=instrument.upper(),
            title=instrument.upper(),
            stem="",
            lowest=min(0, *totals),
            highest=max(totals),
            bands=(),
            bands_source="",
            source="",
            notice="",
            rows=_rows(checkins, None, ()),
        )
    watched = tuple(
        WatchedItem(number=index + 1, text=questionnaire.items[index].text, above=rule.above or 0)
        for rule in questionnaire.safety
        if rule.item is not None and (index := questionnaire.item_index(rule.item)) is not None
    )
    extra = questionnaire.extra[0] if questionnaire.extra else None
    # The shared answers; a questionnaire whose items each have their own (AUDIT-C) has
    # no one scale to name.
    shared = questionnaire.options if all(i.options is None for i in questionnaire.items) else []
    scale = ""
    if shared:
        low = min(shared, key=lambda o: o.value)
        high = max(shared, key=lambda o: o.value)
        scale = f"{low.value} {low.text} to {high.value} {high.text}"
    return InstrumentReport(
        id=questionnaire.id,
        name=questionnaire.name,
        title=questionnaire.title,
        stem=questionnaire.stem,
        lowest=questionnaire.lowest_total,
        highest=questionnaire.highest_total,
        bands=tuple(
            BandInfo(low=b.min, high=b.max, name=b.name, meaning=b.meaning)
            for b in questionnaire.bands
        ),
        bands_source=questionnaire.bands_source,
        source=questionnaire.source,
        notice=questionnaire.notice,
        rows=_rows(checkins, questionnaire, watched),
        watched=watched,
        answer_scale=scale,
        difficulty_question=extra.text if extra else "",
    )


def _rows(
    checkins: list[Checkin], questionnaire: Questionnaire | None, watched: tuple[WatchedItem, ...]
) -> tuple[CheckinRow, ...]:
    words = {o.value: o.text for o in questionnaire.options} if questionnaire else {}
    for item in watched:  # a watched question with answers of its own
        if questionnaire is not None:
            words |= {o.value: o.text for o in questionnaire.item_options(item.number - 1)}
    extra_id = questionnaire.extra[0].id if questionnaire and questionnaire.extra else None
    rows: list[CheckinRow] = []
    previous: int | None = None
    for checkin in checkins:
        answers: list[str] = []
        for item in watched:
            index = item.number - 1
            if index < len(checkin.answers):
                value = checkin.answers[index]
                if value is None:
                    answers.append("skipped")
                else:
                    answers.append(f"{value} {words.get(value, '')}".strip())
            else:
                answers.append("")
        difficulty = checkin.extra.get(extra_id, "") if extra_id else ""
        rows.append(
            CheckinRow(
                day=day_of(checkin.taken_at),
                total=checkin.total,
                band=checkin.band,
                change=None if previous is None else checkin.total - previous,
                watched=tuple(answers),
                difficulty=difficulty if isinstance(difficulty, str) else "",
                fired=tuple(i + 1 for i in checkin_text.fired_items(questionnaire, checkin.answers))
                if questionnaire is not None
                else (),
            )
        )
        previous = checkin.total
    return tuple(rows)


# -- mood, safety, plans -------------------------------------------------------------------


def _mood(records: ReportRecords, period: Period) -> MoodReport | None:
    moods = [m for m in records.moods if m.day in period]
    if not moods:
        return None
    days = stats.series(moods, period.end, period.days)
    return MoodReport(
        days=days,
        weeks=tuple(stats.weekly_averages(days)),
        numbers=stats.summarise(days),
    )


def _safety(events: list[SafetyEvent], period: Period) -> tuple[SafetyShown, ...]:
    shown: list[SafetyShown] = []
    for event in events:
        day = day_of(event.at)
        if day not in period:
            continue
        detail = event.detail.strip()
        for ending in _WHERE_SHOWN:
            detail = detail.removesuffix(ending)
        if detail.startswith("during the questions"):
            detail = "shown during the questions, before the check-in was finished"
        shown.append(SafetyShown(day=day, reason=event.reason.strip(), detail=detail))
    return tuple(shown)


def _plans(records: ReportRecords) -> tuple[WrittenPlan, ...]:
    from ecouch_tui.content import safety_plan
    from ecouch_tui.content.blocks import staying_well_plan as staying_well

    plans: list[WrittenPlan] = []
    for entry, shape, sections, title, about in (
        (
            records.staying_well_plan,
            staying_well.StayingWellPlan,
            staying_well.SECTIONS,
            "My staying-well plan",
            "Written in the course's last week, in my own words: what keeps me well and what "
            "I will do if low mood comes back.",
        ),
        (
            records.safety_plan,
            safety_plan.SafetyPlan,
            safety_plan.SECTIONS,
            "My safety plan",
            "A plan for hard moments (the Stanley & Brown safety plan), in my own words.",
        ),
    ):
        plan = _plan(entry, shape, sections, title, about)
        if plan is not None:
            plans.append(plan)
    return tuple(plans)


def _plan(
    entry: Entry | None,
    shape: type[msgspec.Struct],
    sections: dict[str, str],
    title: str,
    about: str,
) -> WrittenPlan | None:
    if entry is None:
        return None
    try:
        data = entry.decode(shape)
    except msgspec.MsgspecError:
        return None  # a plan saved by a newer ecouch in a shape this one cannot read
    written = tuple(
        PlanSection(title=heading, text=text.strip())
        for key, heading in sections.items()
        if (text := getattr(data, key, "")) and text.strip()
    )
    if not written:
        return None
    return WrittenPlan(
        title=title,
        about=about,
        sections=written,
        total_sections=len(sections),
        updated_on=day_of(entry.updated_at) if entry.updated_at else None,
    )
