"""A realistic twelve-week course history for `ecouch demo`: pure, and the same for a seed.

A clinician showing ecouch needs every chart and the Workbook to look lived-in. This
builds what one fictional person did, as a timeline of events: enrolled twelve weeks
ago, weeks 1-11 done and week 12 part-way; mood most evenings, trending from about 3-4
to 6-7 with a setback in weeks 7-8; a PHQ-9 every week from moderate to mild and a K10
at the start and end; and their exercises in the weeks they belong to.

Why a timeline: the Store stamps each save with its clock, so `writer` replays the
events in order with a clock set to each one's time, and created and updated times,
the Workbook's weeks and "Continue" come out as they would for a real person. Block
ids are looked up in the loaded course, so every entry opens in its widget, and a
course given with --modules gets entries for the blocks it has.

Times are naive local times (the clock's own zone); nothing is dated today, so the
demo can show logging today's mood.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any, TypeVar

import msgspec

from ecouch_tui.clock import stamp
from ecouch_tui.content import blocks
from ecouch_tui.content.blocks.activity_log import ActivityEntry, ActivityLogBlock
from ecouch_tui.content.blocks.activity_schedule import ActivityScheduleBlock, PlannedActivity
from ecouch_tui.content.blocks.base import BlockBase
from ecouch_tui.content.blocks.formulation import Formulation, FormulationBlock
from ecouch_tui.content.blocks.interpersonal_inventory import (
    InterpersonalInventoryBlock,
    Inventory,
    Person,
)
from ecouch_tui.content.blocks.physical_activity import ActivitySession, PhysicalActivityBlock
from ecouch_tui.content.blocks.problem_solving import (
    ProblemSolving,
    ProblemSolvingBlock,
    SolutionOption,
)
from ecouch_tui.content.blocks.quiz import QuizBlock, QuizResponse
from ecouch_tui.content.blocks.reflection import ReflectionBlock, ReflectionResponse
from ecouch_tui.content.blocks.relaxation import RelaxationBlock, RelaxationSession
from ecouch_tui.content.blocks.staying_well_plan import StayingWellPlan, StayingWellPlanBlock
from ecouch_tui.content.blocks.thought_record import (
    AutomaticThought,
    RatedFeeling,
    ThoughtRecord,
    ThoughtRecordBlock,
)
from ecouch_tui.content.loader import LoadedCourse
from ecouch_tui.content.models import DEFAULT_MOOD_TAGS
from ecouch_tui.content.questionnaire import Questionnaire
from ecouch_tui.course import checkin_text
from ecouch_tui.course.relaxation import practice_length
from ecouch_tui.course.scoring import score
from ecouch_tui.course.workbook import HOME_MODULE
from ecouch_tui.demo import person

#: Where entries added from home are filed: the same place as `ui.blocks.entries.HOME`
#: (the app's quick add), which this headless module cannot import.
HOME = (HOME_MODULE, "home", "quick")

#: Weeks of history: enrolled twelve weeks ago, weeks 1-11 done, week 12 in progress.
WEEKS = 12
#: Today is this many days after enrolment: the fourth day of week 12.
DAYS_IN = 7 * (WEEKS - 1) + 3
DEFAULT_SEED = 12

Pooled = TypeVar("Pooled", person.Doing, person.Plan, person.Movement, person.Note)

#: Weekly PHQ-9 totals before a little noise: moderate (14) down to mild (6), with the
#: setback of weeks 7-8 that real recoveries have.
PHQ9_PATH = (14, 15, 13, 13, 12, 11, 10, 12, 10, 8, 7, 6)
#: K10 totals at the start (high distress) and at the start of week 12 (moderate).
K10_PATH = (28, 18)
#: The optional questionnaires the demo person also tried, each as (day, total) pairs:
#: GAD-7 a few times (moderate anxiety easing to mild), the CES-D at the start and in
#: week 12 (above its cut-off of 16, then below), the AUDIT-C once early on (3 or more,
#: the positive screen: the tag "drank alcohol" is in their mood log) and in week 12.
OPTIONAL_PATHS = {
    "gad7": ((1, 12), (29, 10), (57, 8), (7 * (WEEKS - 1) + 1, 6)),
    "cesd": ((2, 24), (7 * (WEEKS - 1) + 2, 14)),
    "auditc": ((3, 4), (7 * (WEEKS - 1) + 2, 2)),
}
#: How much each PHQ-9 item tends to carry (items not named weigh 1).
ITEM_WEIGHTS = {
    "interest": 1.2,
    "down": 1.3,
    "sleep": 1.4,
    "energy": 1.5,
    "appetite": 0.7,
    "failure": 1.0,
    "concentration": 0.9,
    "movement": 0.3,
    "tired": 1.4,
    "effort": 1.3,
    "depressed": 1.2,
    "so-nervous": 0.4,
    "so-restless": 0.3,
}

#: Mood tags: (chance at the start, chance at the end, points of mood on a day with it).
TAG_MODEL: dict[str, tuple[float, float, float]] = {
    "slept badly": (0.45, 0.12, -1.0),
    "slept well": (0.12, 0.45, 0.5),
    "exercised": (0.08, 0.55, 0.7),
    "saw friends": (0.08, 0.35, 0.9),
    "got outside": (0.25, 0.7, 0.5),
    "stressed": (0.35, 0.2, -0.7),
    "alone a lot": (0.45, 0.1, -0.8),
    "drank alcohol": (0.08, 0.08, -0.2),
}


# -- the events ----------------------------------------------------------------------------


class Event(msgspec.Struct, kw_only=True):
    """Something the person did, at a naive local time."""

    at: datetime


class Enrol(Event, kw_only=True):
    started_on: date
    region: str | None


class Visit(Event, kw_only=True):
    module_id: str
    page_id: str


class Complete(Event, kw_only=True):
    module_id: str


class Save(Event, kw_only=True):
    """An exercise entry written (or written again: the same uid updates it)."""

    module_id: str
    page_id: str
    block_id: str
    kind: str
    uid: str
    data: Any


class Mood(Event, kw_only=True):
    day: date
    score: int
    note: str = ""
    tags: tuple[str, ...] = ()
    sleep_hours: float | None = None


class CheckIn(Event, kw_only=True):
    instrument: str
    answers: tuple[int | None, ...]
    total: int
    band: str
    extra: dict[str, str] = {}


class Setting(Event, kw_only=True):
    key: str
    value: Any


class DemoHistory(msgspec.Struct, kw_only=True):
    """The whole timeline, oldest first, and the days it spans."""

    started_on: date
    today: date
    events: list[Event]

    def moods(self) -> list[Mood]:
        return [e for e in self.events if isinstance(e, Mood)]

    def checkins(self, instrument: str | None = None) -> list[CheckIn]:
        found = [e for e in self.events if isinstance(e, CheckIn)]
        return [c for c in found if instrument is None or c.instrument == instrument]

    def saves(self, kind: str | None = None) -> list[Save]:
        return [e for e in self.events if isinstance(e, Save) and kind in (None, e.kind)]

    def entries(self, kind: str | None = None) -> dict[str, Save]:
        """The last save of each entry (what the store holds in the end), by uid."""
        return {save.uid: save for save in self.saves(kind)}


# -- building it ---------------------------------------------------------------------------


class _Met(msgspec.Struct, kw_only=True):
    """An interactive block the person reached in the course, and when."""

    week: int
    module_id: str
    page_id: str
    block: BlockBase
    at: datetime

    @property
    def block_id(self) -> str:
        return str(self.block.block_id)


def generate(
    course: LoadedCourse,
    today: date,
    *,
    seed: int = DEFAULT_SEED,
    region: str | None = "other",
) -> DemoHistory:
    """The history of someone who enrolled `DAYS_IN` days before `today`."""
    return _Builder(course, today, seed, region).build()


def _ease(x: float) -> float:
    """Slow at the start, steady in the middle, levelling off at the end."""
    x = min(max(x, 0.0), 1.0)
    return x * x * (3 - 2 * x)


def _clamp(value: float, low: int, high: int) -> int:
    return int(min(max(round(value), low), high))


class _Builder:
    """Builds one history; every choice comes from one seeded random generator, in a
    fixed order, so the same course, day and seed always give the same history."""

    def __init__(self, course: LoadedCourse, today: date, seed: int, region: str | None) -> None:
        self.course = course
        self.today = today
        self.started_on = today - timedelta(days=DAYS_IN)
        self.region = region
        self.rng = random.Random(seed)
        self.events: list[Event] = []
        self.met: list[_Met] = []
        #: The last day anything happens on: yesterday.
        self.last_day = DAYS_IN - 1
        self.moods: dict[int, int] = {}
        self.tagged: dict[int, set[str]] = {}

    # -- time ------------------------------------------------------------------------------

    def day(self, number: int) -> date:
        return self.started_on + timedelta(days=number)

    def at(self, number: int, hour: int, minute: int = 0) -> datetime:
        """`minute` may run past 59 (into the next hours of the same day)."""
        return datetime.combine(self.day(number), time(hour)) + timedelta(minutes=minute)

    def sitting(self, number: int) -> datetime:
        """When the person sits down to the course: evenings, or weekend mornings."""
        if self.day(number).weekday() >= 5:
            return self.at(number, 10, self.rng.randrange(0, 60))
        return self.at(number, 19, self.rng.randrange(0, 60))

    def progress(self, number: int) -> float:
        return number / self.last_day

    def pick(self, pool: Sequence[Pooled], turn: int, number: int) -> tuple[Pooled, int]:
        """The next thing in `pool` from `turn` that fits day `number`'s weekday (no
        Saturday market on a Tuesday), and the turn after it."""
        weekday = self.day(number).weekday()
        for step in range(len(pool)):
            item = pool[(turn + step) % len(pool)]
            if person.fits(item.on, weekday):
                return item, turn + step + 1
        return pool[turn % len(pool)], turn + 1

    def uid(self) -> str:
        return f"{self.rng.getrandbits(128):032x}"

    def add(self, event: Event) -> None:
        self.events.append(event)

    def build(self) -> DemoHistory:
        enrolled = self.at(0, 18, 30)
        self.add(Enrol(at=enrolled, started_on=self.started_on, region=self.region))
        self._moods()
        self._checkins()
        self._modules()
        stories = self._planners()
        for kind, plan in stories.items():
            met = [m for m in self.met if m.block.kind == kind]
            if met:
                plan(met)
        # Any other block type writes what its own `demo_entries` hook says.
        for met_block in self.met:
            if met_block.block.kind not in stories:
                self._from_hook(met_block)
        events = sorted(self.events, key=lambda e: e.at)  # stable: same-time saves keep order
        return DemoHistory(started_on=self.started_on, today=self.today, events=events)

    def _from_hook(self, met: _Met) -> None:
        block = met.block
        for at, data in block.demo_entries(met.at, self.rng):
            at = min(at, self.at(self.last_day, 21))  # nothing written today or later
            place = (met.module_id, met.page_id, met.block_id)
            uid = blocks.entry_uid(block.kind, *place) or self.uid()
            self.save(met, at, uid, data, visit=at.date() != met.at.date())

    def _planners(self) -> dict[str, Callable[[list[_Met]], None]]:
        """The story the demo tells with the bundled exercises, by their block type (a
        block type without one here is filled from its own `demo_entries`)."""
        stories: dict[type[BlockBase], Callable[[list[_Met]], None]] = {
            ThoughtRecordBlock: self._thought_records,
            ActivityLogBlock: self._activity_log,
            ActivityScheduleBlock: self._activity_schedule,
            RelaxationBlock: self._relaxation,
            PhysicalActivityBlock: self._physical_activity,
            InterpersonalInventoryBlock: self._inventory,
            ProblemSolvingBlock: self._problem_solving,
            StayingWellPlanBlock: self._staying_well,
        }
        return {str(cls.kind_name()): plan for cls, plan in stories.items()}

    # -- mood ------------------------------------------------------------------------------

    def _mood_tags(self) -> list[str]:
        manifest = self.course.manifest
        offered = list(manifest.mood_tags) if manifest else list(DEFAULT_MOOD_TAGS)
        return [tag for tag in offered if tag in TAG_MODEL]

    def _missed_days(self) -> set[int]:
        """A few evenings not logged, more of them in the low early weeks."""
        early = self.rng.sample(range(3, 35), 3)
        late = self.rng.sample(range(36, self.last_day - 1), 2)
        run = self.rng.randrange(12, 30)
        return {*early, *late, run, run + 1}

    def _moods(self) -> None:
        tags = self._mood_tags()
        missed = self._missed_days()
        notes = {band: list(pool) for band, pool in person.MOOD_NOTES.items()}
        for pool in notes.values():
            self.rng.shuffle(pool)
        turns = dict.fromkeys(notes, 0)
        for number in range(0, DAYS_IN):
            p = self.progress(number)
            base = 3.3 + 3.4 * _ease(p)
            base -= 1.6 * max(0.0, 1 - abs(number - 50) / 6)  # the setback of weeks 7-8
            if self.day(number).weekday() >= 5:
                base += 0.3 * p  # weekends get better as plans fill them
            chosen: list[str] = []
            effect = 0.0
            for tag in tags:
                start, end, weight = TAG_MODEL[tag]
                chance = start + (end - start) * p
                present = self.rng.random() < chance
                if tag == "slept well" and "slept badly" in chosen:
                    present = False
                effect += weight * ((1.0 if present else 0.0) - chance)
                if present:
                    chosen.append(tag)
            value = _clamp(base + effect + self.rng.gauss(0, 0.6), 1, 9)
            note = ""
            if self.rng.random() < 0.3:
                band = "low" if value <= 3 else "mid" if value <= 5 else "good"
                said, turns[band] = self.pick(notes[band], turns[band], number)
                note = said.text
                chosen += [t for t in said.tags if t in tags and t not in chosen]
                if "slept badly" in chosen and "slept well" in chosen:
                    chosen.remove("slept well")
            sleep = self._sleep(p, chosen)
            self.moods[number] = value
            self.tagged[number] = set(chosen)
            if number in missed:
                continue
            ordered = tuple(t for t in tags if t in chosen)
            at = self.at(number, 21, self.rng.randrange(15, 105)) if number else self.at(0, 21)
            self.add(
                Mood(
                    at=at,
                    day=self.day(number),
                    score=value,
                    note=note,
                    tags=ordered,
                    sleep_hours=sleep,
                )
            )

    def _tag(self, number: int, tag: str) -> None:
        """Add a tag to a day's mood, if it was logged and the course offers the tag."""
        tags = self._mood_tags()
        for event in self.events:
            if isinstance(event, Mood) and event.day == self.day(number) and tag in tags:
                chosen = {*event.tags, tag}
                event.tags = tuple(t for t in tags if t in chosen)

    def _sleep(self, p: float, tags: list[str]) -> float | None:
        if self.rng.random() < 0.15:
            return None  # not every evening has it filled in
        if "slept badly" in tags:
            hours = self.rng.uniform(4.5, 5.5)
        elif "slept well" in tags:
            hours = self.rng.uniform(7.5, 8.5)
        else:
            hours = 6.0 + 1.2 * p + self.rng.uniform(-0.5, 0.5)
        return round(hours * 2) / 2

    # -- check-ins -------------------------------------------------------------------------

    def _checkins(self) -> None:
        weekly = self.course.checkin_instrument
        if weekly is not None:
            for week, target in enumerate(PHQ9_PATH):
                if 0 < week < len(PHQ9_PATH) - 2:  # the last two keep falling
                    target += self.rng.choice((-1, 0, 0, 1))
                self._checkin(weekly, 7 * week, target)
            seen = self.at(0, 18, 45)
            self.add(Setting(at=seen, key=checkin_text.NOTICE_SEEN, value=True))
        k10 = self.course.questionnaire("k10")
        if k10 is not None and k10 is not weekly:
            for number, target in zip((0, 7 * (WEEKS - 1)), K10_PATH, strict=True):
                self._checkin(k10, number, target, minute=10)
        # On their own random stream, so the rest of the history is as it was without them.
        kept, self.rng = self.rng, random.Random(f"{self.rng.getstate()[1][0]}-optional")
        try:
            for instrument, path in OPTIONAL_PATHS.items():
                q = self.course.questionnaire(instrument)
                if q is not None and q is not weekly:
                    for number, target in path:
                        self._checkin(q, number, target, minute=5)
        finally:
            self.rng = kept

    def _checkin(self, q: Questionnaire, number: int, target: int, minute: int = 0) -> None:
        """Answers that score `target`, never touching an item a safety rule watches."""
        answers = self._answers(q, target)
        result = score(q, answers)
        extra: dict[str, str] = {}
        for question in q.extra:
            span = q.highest_total - q.lowest_total
            share = (result.total - q.lowest_total) / span if span else 0.0
            index = min(len(question.options) - 1, int(share * len(question.options) * 1.2))
            extra[question.id] = question.options[index]
        self.add(
            CheckIn(
                at=self.at(number, 18, 40 + minute + self.rng.randrange(0, 5)),
                instrument=q.id,
                answers=tuple(result.answers),
                total=result.total,
                band=result.band.name,
                extra=extra,
            )
        )

    def _answers(self, q: Questionnaire, target: int) -> list[int]:
        # Each item's own range (the AUDIT-C's questions each have their own answers).
        lows = [min(q.item_values(i)) for i in range(len(q.items))]
        highs = [max(q.item_values(i)) for i in range(len(q.items))]
        watched = {rule.item for rule in q.safety if rule.item is not None}
        ceilings = [rule.total_at_least for rule in q.safety if rule.total_at_least is not None]
        free = [i for i, item in enumerate(q.items) if item.id not in watched]
        most = sum(lows) + sum(highs[i] - lows[i] for i in free)
        target = min(max(target, q.lowest_total), most, *(c - 1 for c in ceilings))
        scores = list(lows)  # item scores, before any reversal
        weights = [ITEM_WEIGHTS.get(q.items[i].id, 1.0) for i in free]
        while sum(scores) < target:
            open_ = [(i, w) for i, w in zip(free, weights, strict=True) if scores[i] < highs[i]]
            index = self.rng.choices([i for i, _ in open_], [w for _, w in open_])[0]
            scores[index] += 1
        return [lows[i] + highs[i] - s if q.items[i].reverse else s for i, s in enumerate(scores)]

    # -- the modules -------------------------------------------------------------------------

    def _modules(self) -> None:
        for entry in self.course.entries:
            module = entry.module
            if module is None or entry.week > WEEKS or not module.pages:
                continue
            first = 7 * (entry.week - 1)
            finished = entry.week < WEEKS
            pages = list(module.pages)
            if not finished:
                pages = pages[: max(1, min(len(pages) - 1, round(len(pages) * 0.6)))]
            days = self._sittings(first, len(pages))
            chunks = _split(pages, len(days))
            moment = self.at(0, 19, 0)
            for number, chunk in zip(days, chunks, strict=True):
                moment = self.at(0, 19, 0) if number == 0 else self.sitting(number)
                for page in chunk:
                    self.add(Visit(at=moment, module_id=module.id, page_id=page.id))
                    moment += timedelta(minutes=self.rng.randrange(2, 5))
                    for block in page.blocks:
                        if block.interactive and block.block_id is not None:
                            moment = self._block(entry.week, module.id, page.id, block, moment)
                    moment += timedelta(minutes=self.rng.randrange(1, 4))
            if finished:
                self.add(Complete(at=moment + timedelta(minutes=1), module_id=module.id))

    def _sittings(self, first: int, pages: int) -> list[int]:
        """Two or three sittings: the day a week opens (or the next), then within days."""
        opening = min(first + (self.rng.choice((0, 0, 1)) if first else 0), self.last_day)
        rest = [n for n in range(opening + 1, first + 5) if n <= self.last_day]
        count = min(len(rest) + 1, pages, 2 if pages <= 5 else self.rng.choice((2, 3)))
        return [opening, *sorted(self.rng.sample(rest, count - 1))]

    def _block(
        self, week: int, module_id: str, page_id: str, block: BlockBase, moment: datetime
    ) -> datetime:
        """Answer a single-answer block now; note the others for their own planners."""
        block_id = str(block.block_id)
        data: Any = None
        if isinstance(block, QuizBlock):
            data = self._quiz(block)
        elif isinstance(block, ReflectionBlock):
            text = person.REFLECTIONS.get(block_id)
            if text is None:
                text = person.GENERAL_REFLECTIONS[len(self.met) % len(person.GENERAL_REFLECTIONS)]
            data = ReflectionResponse(text=text)
        elif isinstance(block, FormulationBlock):
            data = Formulation(**person.FORMULATION)
        if data is not None:
            moment += timedelta(minutes=self.rng.randrange(2, 7))
            # One answer per block (as the widgets key them), or a new entry of a log.
            uid = blocks.entry_uid(block.kind, module_id, page_id, block_id) or self.uid()
            self.add(
                Save(
                    at=moment,
                    module_id=module_id,
                    page_id=page_id,
                    block_id=block_id,
                    kind=block.kind,
                    uid=uid,
                    data=data,
                )
            )
        self.met.append(
            _Met(week=week, module_id=module_id, page_id=page_id, block=block, at=moment)
        )
        return moment + timedelta(minutes=self.rng.randrange(3, 9))

    def _quiz(self, block: QuizBlock) -> QuizResponse:
        """Mostly right, as someone who read the pages would be, with the odd slip."""
        answers: dict[str, list[int]] = {}
        for question in block.questions:
            right = sorted(question.correct)
            if question.multiple:
                if len(right) > 1 and self.rng.random() < 0.25:
                    right.remove(self.rng.choice(right))
            elif self.rng.random() < 0.15:
                wrong = [i for i in range(len(question.options)) if i not in right]
                right = [self.rng.choice(wrong)] if wrong else right
            answers[question.id] = right
        return QuizResponse(answers=answers, checked=sorted(answers))

    def save(self, met: _Met, at: datetime, uid: str, data: Any, visit: bool = False) -> None:
        """Write into a met block, reopening its page first when it is a later day."""
        if visit:
            opened = at - timedelta(minutes=1)
            self.add(Visit(at=opened, module_id=met.module_id, page_id=met.page_id))
        self.add(
            Save(
                at=at,
                module_id=met.module_id,
                page_id=met.page_id,
                block_id=met.block_id,
                kind=met.block.kind,
                uid=uid,
                data=data,
            )
        )

    def save_home(self, at: datetime, kind: str, data: Any) -> None:
        """An entry added from home (the quick add), outside any module."""
        self.add(
            Save(
                at=at,
                module_id=HOME[0],
                page_id=HOME[1],
                block_id=HOME[2],
                kind=kind,
                uid=self.uid(),
                data=data,
            )
        )

    def shared_uid(self, met: _Met) -> str:
        """The one entry of a shared kind (a plan every block of its type shows)."""
        uid = blocks.entry_uid(met.block.kind, met.module_id, met.page_id, met.block_id)
        assert uid is not None
        return uid

    def number_of(self, moment: datetime) -> int:
        return (moment.date() - self.started_on).days

    def evening(self, number: int) -> datetime:
        return self.at(number, 20, self.rng.randrange(0, 50))

    # -- thought records ---------------------------------------------------------------------

    def _thought_records(self, met: list[_Met]) -> None:
        """Drafts of the first three steps at the first block when there is a second to
        finish them in (as module 4 then 5 ask); later records are written whole."""
        records = person.THOUGHT_RECORDS
        drafting = len(met) > 1
        first, last = met[0], met[-1]
        uids = [self.uid() for _ in records]
        start, finish = self.number_of(first.at), self.number_of(last.at)
        self.save(
            first, first.at + timedelta(minutes=2), uids[0], _record(records[0], not drafting)
        )
        # The second a day later, unless that is already the day the drafts are finished.
        if not drafting or start + 1 < finish:
            at = self.evening(start + 1)
            if at.date() <= self.day(self.last_day):
                self.save(first, at, uids[1], _record(records[1], not drafting), visit=True)
        else:
            self.save(first, first.at + timedelta(minutes=12), uids[1], _record(records[1], False))
        if drafting:
            for index in range(2):
                at = last.at + timedelta(minutes=3 + 9 * index)
                self.save(last, at, uids[index], _record(records[index], whole=True))
        for index, offset in zip(range(2, len(records)), (2, 12, 33), strict=False):
            number = finish + offset
            if number <= self.last_day:
                data = _record(records[index], whole=True)
                self.save(last, self.evening(number), uids[index], data, visit=True)

    # -- the activity diary ------------------------------------------------------------------

    def _activity_log(self, met: list[_Met]) -> None:
        """Week 1's first noticing, then a diary kept from behavioural activation on."""
        first, last = met[0], met[-1]
        start = self.number_of(first.at)
        for offset, doing in enumerate(person.FIRST_LOG):
            number = start + offset
            if number > self.last_day:
                break
            at = first.at + timedelta(minutes=2) if offset == 0 else self.evening(number)
            data = ActivityEntry(
                what=doing.what,
                day=self.day(number),
                time=doing.when,
                achievement=doing.achievement,
                enjoyment=doing.enjoyment,
            )
            self.save(first, at, self.uid(), data, visit=offset > 0)
        begin = self.number_of(last.at) if last is not first else start + len(person.FIRST_LOG)
        pool = list(person.ACTIVITIES)
        self.rng.shuffle(pool)
        turn = 0
        for number in range(begin, self.last_day + 1):
            count = 2 if number == begin else self.rng.choice((0, 1, 1, 1, 2))
            for _ in range(count):
                doing, turn = self.pick(pool, turn, number)
                lift = self.moods.get(number, 5) - 5
                achieved = doing.achievement + lift * 0.3 + self.rng.choice((0, 0, 1))
                enjoyed = doing.enjoyment + lift * 0.6 + self.rng.choice((-1, 0, 1))
                data = ActivityEntry(
                    what=doing.what,
                    day=self.day(number),
                    time=doing.when,
                    achievement=_clamp(achieved, 0, 9),  # a 10 is rare in real diaries
                    enjoyment=_clamp(enjoyed, 0, 9),
                )
                in_module = number == begin and last is not first
                if in_module:
                    at = last.at + timedelta(minutes=2 + turn)
                else:
                    at = self.at(number, 21, self.rng.randrange(0, 50))
                if not in_module and self.rng.random() < 0.4:
                    self.save_home(at, "activity_log", data)
                else:
                    self.save(last, at, self.uid(), data, visit=not in_module)

    # -- the activity schedule -----------------------------------------------------------------

    def _activity_schedule(self, met: list[_Met]) -> None:
        """First steps towards help, then a plan every few days; planned against actual."""
        first, last = met[0], met[-1]
        start = self.number_of(first.at)
        for offset, (plan, act_a, act_e, note) in zip((1, 3), person.FIRST_PLANS, strict=False):
            number = start + offset
            while not person.fits(plan.on, self.day(number).weekday()):
                number += 1
            data = self.planned(plan, number)
            uid = self.uid()
            self.save(first, first.at + timedelta(minutes=2 + offset), uid, data)
            if number <= self.last_day:
                done = msgspec.structs.replace(
                    data, done=True, actual_achievement=act_a, actual_enjoyment=act_e, note=note
                )
                self.save(first, self.evening(number), uid, done, visit=True)
        ahead = last.block.days_ahead if isinstance(last.block, ActivityScheduleBlock) else 7
        rounds = list(range(self.number_of(last.at), self.last_day, 4))
        if not rounds or rounds[-1] != self.last_day:
            rounds.append(self.last_day)  # a plan made last night: some days still to come
        pool = list(person.PLANS)
        self.rng.shuffle(pool)
        turn = 0
        for index, number in enumerate(rounds):
            at = last.at + timedelta(minutes=2) if index == 0 else self.at(number, 21, 30)
            days = range(1, min(ahead, 4) + 1)
            many = 3 if number == self.last_day else 2
            offsets = sorted(self.rng.sample(days, min(len(days), many)))
            for offset in offsets:
                day = number + offset
                plan, turn = self.pick(pool, turn, day)
                data = self.planned(plan, day)
                uid = self.uid()
                at += timedelta(minutes=2)
                self.save(last, at, uid, data, visit=index > 0 and offset == offsets[0])
                if day > self.last_day:
                    continue  # still to come
                if self.rng.random() < 0.12:
                    note = person.SKIPPED[turn % len(person.SKIPPED)]
                    skipped = msgspec.structs.replace(data, note=note)
                    self.save(last, self.evening(day), uid, skipped, visit=True)
                    continue
                lift = self.moods.get(day, 5) - 4
                enjoyed = plan.enjoyment + 1 + lift * 0.5 + self.rng.choice((0, 1))
                achieved = plan.achievement + self.rng.choice((0, 1, 2))
                done = msgspec.structs.replace(
                    data,
                    done=True,
                    actual_achievement=_clamp(achieved, 0, 9),
                    actual_enjoyment=_clamp(enjoyed, 0, 9),
                    note=person.PLAN_NOTES[turn % len(person.PLAN_NOTES)],
                )
                self.save(last, self.evening(day), uid, done, visit=True)

    def planned(self, plan: person.Plan, number: int) -> PlannedActivity:
        return PlannedActivity(
            what=plan.what,
            day=self.day(number),
            time=plan.when,
            expected_achievement=plan.achievement,
            expected_enjoyment=plan.enjoyment,
        )

    # -- relaxation ------------------------------------------------------------------------------

    def _relaxation(self, met: list[_Met]) -> None:
        """Each exercise tried when met, then practice every day or two, tension falling:
        mostly the newest step met so far (applied relaxation builds week on week), now
        and then the first."""
        start = self.number_of(met[0].at)
        span = max(self.last_day - start, 1)
        sessions: list[tuple[_Met, datetime]] = [(m, m.at + timedelta(minutes=1)) for m in met]
        number = start + 1
        while number <= self.last_day:
            hour = 7 if self.rng.random() < 0.3 else 22
            at = self.at(number, hour, self.rng.randrange(0, 40))
            so_far = [m for m in met if m.at < at] or met[:1]
            chosen = so_far[-1] if self.rng.random() < 0.6 else so_far[0]
            sessions.append((chosen, at))
            number += self.rng.choice((1, 2, 2, 3))
        for index, (where, at) in enumerate(sessions):
            block = where.block
            assert isinstance(block, RelaxationBlock)
            p = (self.number_of(at) - start) / span
            before = _clamp(7 - 3.5 * p + self.rng.gauss(0, 0.7), 2, 9)
            full = practice_length(block) / 60
            completed = index == 0 or self.rng.random() > 0.12
            minutes = round(full if completed else full * self.rng.uniform(0.4, 0.7), 1)
            after = _clamp(before - self.rng.choice((2, 2, 3, 3, 4)), 1, 10)
            uid = self.uid()
            begun = RelaxationSession(
                exercise=block.exercise, started_at=stamp(at.astimezone()), tension_before=before
            )
            self.save(where, at, uid, begun, visit=index >= len(met))
            end = at + timedelta(minutes=minutes + 1)
            finished = msgspec.structs.replace(
                begun, minutes=minutes, tension_after=after, completed=completed
            )
            self.save(where, end, uid, finished)

    # -- physical activity -----------------------------------------------------------------------

    def _physical_activity(self, met: list[_Met]) -> None:
        """Sessions rising week by week towards the goal, and a plan for the coming days."""
        where = met[-1]
        block = where.block
        goal = block.weekly_goal_minutes if isinstance(block, PhysicalActivityBlock) else 150
        start = self.number_of(where.at)
        ramp = (0.5, 0.85, 1.05, 1.1)
        pool = list(person.MOVEMENT)
        turn = 0
        monday = start - start % 7  # the course week the block was met in, and on
        for week, first in enumerate(range(monday, self.last_day + 1, 7)):
            days = [n for n in range(max(first, start), first + 7) if n <= self.last_day]
            target = goal * ramp[min(week, len(ramp) - 1)] * len(days) / 7
            # Days logged as "exercised" in the mood log first: the two logs agree.
            days.sort(key=lambda n: ("exercised" not in self.tagged.get(n, ()), self.rng.random()))
            counted = 0
            chosen: list[int] = []
            for day in days:
                if counted >= target:
                    break
                chosen.append(day)
                self._tag(day, "exercised")
                move, turn = self.pick(pool, turn + self.rng.randrange(3), day)
                counted += _counted(move)
                planned = week > 0 and self.rng.random() < 0.3
                data = self.session(move, day, planned=planned, done=planned)
                at = where.at + timedelta(minutes=2) if day == start else self.at(day, 21, 5)
                if planned:  # planned two days before, ticked off on the day
                    plan = msgspec.structs.replace(data, done=False)
                    uid = self.uid()
                    self.save(where, self.at(max(day - 2, start), 21, 50), uid, plan, visit=True)
                    self.save(where, at, uid, data, visit=True)
                else:
                    self.save(where, at, self.uid(), data, visit=day != start)
        # Last night's plan: two more this week, and a start on next week.
        at = self.at(self.last_day, 21, 40)
        today = self.last_day + 1
        monday = today + 7 - self.day(today).weekday()
        for index, number in enumerate(sorted({today + 1, today + 3, monday + 1, monday + 3})):
            move, turn = self.pick(pool, turn, number)
            data = self.session(move, number, planned=True)
            self.save(where, at + timedelta(minutes=index), self.uid(), data, visit=index == 0)

    def session(
        self, move: person.Movement, number: int, *, planned: bool = False, done: bool = False
    ) -> ActivitySession:
        return ActivitySession(
            activity=move.activity,
            day=self.day(number),
            minutes=move.minutes,
            intensity=move.intensity,
            planned=planned,
            done=done,
        )

    # -- people, problems, and the plan for staying well -------------------------------------------

    def _inventory(self, met: list[_Met]) -> None:
        """People first; the problem area at the first block that asks for it after them."""
        people = [msgspec.convert(fields, Person) for fields in person.PEOPLE]
        first = met[0]
        uid = self.shared_uid(first)
        self.save(first, first.at + timedelta(minutes=4), uid, Inventory(people=people[:3]))
        whole = Inventory(people=people)
        self.save(first, first.at + timedelta(minutes=16), uid, whole)
        asks = [m for m in met if getattr(m.block, "ask_problem_area", True)]
        later = [m for m in asks if m is not first] or asks
        if later:
            where = later[0]
            at = where.at + timedelta(minutes=20 if where is first else 3)
            area = msgspec.structs.replace(
                whole, problem_area=person.PROBLEM_AREA, notes=person.INVENTORY_NOTES
            )
            self.save(where, at, uid, area)

    def _problem_solving(self, met: list[_Met]) -> None:
        """Options weighed and one chosen when met; the review a week later."""
        where = met[0]
        options = [SolutionOption(text=t, pros=p, cons=c) for t, p, c in person.PROBLEM_OPTIONS]
        uid = self.uid()
        listed = ProblemSolving(problem=person.PROBLEM, options=options)
        self.save(where, where.at + timedelta(minutes=3), uid, listed)
        planned = msgspec.structs.replace(
            listed, chosen=person.PROBLEM_CHOSEN, plan=person.PROBLEM_PLAN
        )
        self.save(where, where.at + timedelta(minutes=14), uid, planned)
        review = self.number_of(where.at) + 7
        if review <= self.last_day:
            reviewed = msgspec.structs.replace(planned, review=person.PROBLEM_REVIEW, done=True)
            self.save(where, self.evening(review), uid, reviewed, visit=True)

    def _staying_well(self, met: list[_Met]) -> None:
        where = met[0]
        sections = person.STAYING_WELL
        keys = list(sections)
        half = StayingWellPlan(**{k: sections[k] for k in keys[:4]})
        uid = self.shared_uid(where)
        self.save(where, where.at + timedelta(minutes=4), uid, half)
        whole = StayingWellPlan(**sections)
        self.save(where, where.at + timedelta(minutes=15), uid, whole)


def _counted(move: person.Movement) -> int:
    """Minutes towards the weekly guideline: vigorous ones twice, light ones not at all."""
    return {"light": 0, "moderate": 1, "vigorous": 2}[move.intensity] * move.minutes


def _record(fields: dict[str, Any], whole: bool) -> ThoughtRecord:
    """A thought record: the first three steps only (a draft), or all five and done."""
    feelings = [RatedFeeling(name=n, rating=before) for n, before, _ in fields["feelings"]]
    thoughts = [AutomaticThought(text=t, belief=b, hot=h) for t, b, h in fields["thoughts"]]
    record = ThoughtRecord(situation=fields["situation"], feelings=feelings, thoughts=thoughts)
    if not whole:
        return record
    return msgspec.structs.replace(
        record,
        evidence_for=fields["evidence_for"],
        evidence_against=fields["evidence_against"],
        balanced=fields["balanced"],
        balanced_belief=fields["balanced_belief"],
        outcome=[RatedFeeling(name=n, rating=after) for n, _, after in fields["feelings"]],
        done=True,
    )


def _split(items: Sequence[Any], parts: int) -> list[list[Any]]:
    """`items` in `parts` runs, in order, as even as they come."""
    size, extra = divmod(len(items), parts)
    runs, start = [], 0
    for index in range(parts):
        end = start + size + (1 if index < extra else 0)
        runs.append(list(items[start:end]))
        start = end
    return runs
