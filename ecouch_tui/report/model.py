"""The plain records a report page is drawn from.

Everything is already filtered to the report's period and put in words or numbers, so
the HTML and SVG builders only lay things out and can be tested with small hand-made
records.
"""

from __future__ import annotations

from datetime import date, timedelta

import msgspec

from ecouch_tui.course.mood import Numbers, Series, WeekAverage


class Period(msgspec.Struct, frozen=True):
    """Days from `start` to `end`, both included."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def each_day(self) -> list[date]:
        return [self.start + timedelta(days=n) for n in range(self.days)]


class BandInfo(msgspec.Struct, frozen=True, kw_only=True):
    """A published band of totals, and what ecouch tells the person about it."""

    low: int
    high: int
    name: str
    meaning: str = ""

    @property
    def range_text(self) -> str:
        return f"{self.low}–{self.high}"


class WatchedItem(msgspec.Struct, frozen=True, kw_only=True):
    """A question whose own answer matters (PHQ-9 question 9), shown in its own column."""

    number: int
    text: str
    #: Answers above this lead to the safety screen.
    above: int


class CheckinRow(msgspec.Struct, frozen=True, kw_only=True):
    """One check-in as the report shows it."""

    day: date
    total: int
    band: str
    #: Points up (+) or down (-) since the check-in before it in the period.
    change: int | None = None
    #: Answers to the watched items, in `InstrumentReport.watched` order, with their words.
    watched: tuple[str, ...] = ()
    #: The unscored extra answer (PHQ-9's "how difficult"), if given.
    difficulty: str = ""
    #: The numbers of the watched questions whose answer fired their rule (PHQ-9
    #: question 9 above 0): named before the band wherever the row is shown.
    fired: tuple[int, ...] = ()


class InstrumentReport(msgspec.Struct, frozen=True, kw_only=True):
    """One questionnaire's check-ins in the period, with what is needed to read them."""

    id: str
    name: str
    title: str
    #: "Over the last 2 weeks, …": which time the answers describe.
    stem: str
    lowest: int
    highest: int
    bands: tuple[BandInfo, ...]
    bands_source: str
    source: str
    notice: str
    rows: tuple[CheckinRow, ...]
    watched: tuple[WatchedItem, ...] = ()
    #: The answers from lowest to highest, in words: "0 Not at all to 3 Nearly every day".
    answer_scale: str = ""
    difficulty_question: str = ""

    def band(self, total: int) -> BandInfo | None:
        return next((b for b in self.bands if b.low <= total <= b.high), None)


class MoodReport(msgspec.Struct, frozen=True, kw_only=True):
    """Daily mood over the chart's span: the days, the weeks, and the numbers in words."""

    days: Series
    weeks: tuple[WeekAverage, ...]
    numbers: Numbers


class WeekDone(msgspec.Struct, frozen=True, kw_only=True):
    week: int
    title: str
    finished_on: date


class SafetyShown(msgspec.Struct, frozen=True, kw_only=True):
    """A day the help screen was shown, and the rule that showed it."""

    day: date
    reason: str
    detail: str = ""


class PlanSection(msgspec.Struct, frozen=True, kw_only=True):
    title: str
    text: str


class WrittenPlan(msgspec.Struct, frozen=True, kw_only=True):
    """A plan in the person's own words: only the sections they wrote."""

    title: str
    about: str
    sections: tuple[PlanSection, ...]
    total_sections: int
    updated_on: date | None = None


class OutcomeCell(msgspec.Struct, frozen=True, kw_only=True):
    """One outcome time point: the start, the end of the course, a follow-up."""

    #: "Start of the course", "End of the course", "6 months on".
    label: str
    #: done, skipped, missed, due, upcoming or waiting (`course.followup.OutcomePoint`).
    status: str
    day: date | None = None
    total: int | None = None
    band: str = ""
    #: When a point not yet taken is due.
    due_on: date | None = None


class OutcomeReport(msgspec.Struct, frozen=True, kw_only=True):
    """An outcome questionnaire at each of its points, side by side, as a trial reports it."""

    id: str
    name: str
    cells: tuple[OutcomeCell, ...]


class Report(msgspec.Struct, frozen=True, kw_only=True):
    """Everything on the page."""

    course_title: str
    #: The course's own one-line description (its manifest's subtitle), if any.
    course_subtitle: str
    made_on: date
    period: Period
    ecouch_version: str
    started_on: date | None = None
    #: Weeks in the course, and weeks finished by the end of the period.
    weeks_total: int = 0
    weeks_done_by_end: int = 0
    weeks_done: tuple[WeekDone, ...] = ()
    instruments: tuple[InstrumentReport, ...] = ()
    mood: MoodReport | None = None
    safety: tuple[SafetyShown, ...] = ()
    #: What leads to the help screen, in the questionnaires' own words.
    safety_rules: tuple[str, ...] = ()
    plans: tuple[WrittenPlan, ...] = ()
    #: The course's outcome questionnaires (course.yaml `outcomes:`) at baseline, after
    #: the course and at each follow-up, whatever the period (like the plans).
    outcomes: tuple[OutcomeReport, ...] = ()

    @property
    def has_records(self) -> bool:
        """Anything dated in the period (plans are undated and do not count)."""
        return bool(self.weeks_done or self.instruments or self.mood or self.safety)
