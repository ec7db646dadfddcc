"""The Workbook: everything the user has written, as items to list, search and reopen.

Pure functions over the course, the store's records and the enrolment date, so the
screen only draws. Every entry kind works without special code here: its summary comes
from `EntryData.summary()`, its full text from its fields; only quiz answers,
reflections and mood notes (whose stored shape has no summary of its own) are special.

An entry is filed under the day it was first written (mood notes under the day they
describe), so editing it later does not move it; weeks count from enrolment.
"""

from __future__ import annotations

import contextlib
from datetime import date
from enum import StrEnum
from typing import Any

import msgspec

from ecouch_tui.content import blocks
from ecouch_tui.content.blocks.base import BlockBase, EntryData, render_value
from ecouch_tui.content.loader import LoadedCourse
from ecouch_tui.content.models import Module, Page
from ecouch_tui.store.records import Entry, MoodEntry
from ecouch_tui.wording import day_month, one_line

#: Entries made outside any module (quick add from home, the command line).
HOME_MODULE = "home"
MOOD = "mood"


def kind_words(kind: str) -> str:
    """Each kind in words, for the list: the block type's own `words`."""
    return "Mood note" if kind == MOOD else blocks.kind_words(kind)


class Opens(StrEnum):
    """How an item is reopened for editing."""

    BLOCK = "block"  # the block's own widget, focused on this entry
    STANDALONE = "standalone"  # the kind's own form (entries from home, the safety plan)
    MOOD = "mood"  # the mood editor, on that day
    READ_ONLY = "read_only"  # shown in full; `note` says why it cannot be edited


class Located(msgspec.Struct, frozen=True, kw_only=True):
    """A block found in the course, with where it sits."""

    module: Module
    week: int
    page: Page
    block: BlockBase


class WorkbookItem(msgspec.Struct, frozen=True, kw_only=True):
    """One line of the Workbook, and everything needed to show or reopen it."""

    #: Unique in the list: "entry:<uid>" or "mood:<YYYY-MM-DD>".
    key: str
    kind: str
    kind_words: str
    day: date
    #: Course week of `day` (1 = the enrolment week); 0 for days before the course.
    week: int
    summary: str
    #: Where it was written, in words ("Week 1 · Welcome to ecouch · Your hopes").
    where: str
    #: Headed sections of the full text, for reading it in full.
    sections: list[tuple[str, str]]
    #: Lower-case text searched by the search box.
    search_text: str
    opens: Opens
    #: Why it opens read-only (or other things the user should know), else "".
    note: str = ""
    #: Set for entries; the mood day is `day`.
    uid: str | None = None
    module_id: str | None = None
    page_id: str | None = None
    block_id: str | None = None
    #: When it was first written, for ordering within a day.
    created_at: str = ""
    updated_at: str = ""


def course_week(day: date, started_on: date) -> int:
    """The week of the course `day` falls in (1 from enrolment); 0 before it."""
    if day < started_on:
        return 0
    return (day - started_on).days // 7 + 1


def week_heading(week: int, started_on: date) -> str:
    from datetime import timedelta

    if week <= 0:
        return "Before the course"
    first = started_on + timedelta(days=7 * (week - 1))
    last = first + timedelta(days=6)
    return f"Week {week} · {day_month(first)} – {day_month(last)}"


# -- finding blocks ----------------------------------------------------------------------


def find_block(course: LoadedCourse, module_id: str, block_id: str) -> Located | None:
    """The block with this id in this module (a week's or a booster's, week 0),
    wherever its page now is."""
    for week, module in _modules(course):
        if module.id != module_id:
            continue
        for page, block in module.blocks():
            if block.block_id == block_id:
                return Located(module=module, week=week, page=page, block=block)
    return None


def _modules(course: LoadedCourse) -> list[tuple[int, Module]]:
    """Every module with its week, the weeks first, then the boosters (week 0)."""
    weeks = [(e.week, e.module) for e in course.entries if e.module is not None]
    return weeks + [(0, b.module) for b in course.boosters if b.module is not None]


def find_kind(course: LoadedCourse, kind: str) -> Located | None:
    """The first block of a kind anywhere in the course (shared kinds show one entry)."""
    for week, module in _modules(course):
        for page, block in module.blocks():
            if block.kind == kind and block.block_id is not None:
                return Located(module=module, week=week, page=page, block=block)
    return None


def locate(course: LoadedCourse, entry: Entry) -> tuple[Located | None, str]:
    """Where to reopen an entry in the course, or None with the reason it cannot be."""
    found = find_block(course, entry.module_id, entry.block_id)
    if found is not None and found.block.kind == entry.kind:
        return found, ""
    if entry.kind in blocks.shared_kinds():
        shared = find_kind(course, entry.kind)
        if shared is not None:
            return shared, ""
    if found is not None:
        return None, (
            "The part of the course this entry was written in is now a different exercise, "
            "so it cannot be edited here. It is kept, and it is in your export."
        )
    module = course.module(entry.module_id)
    if module is None:
        return None, (
            f"This entry was written in a module ('{entry.module_id}') that is no longer in "
            "the course, or could not be loaded, so it cannot be edited here. It is kept, and "
            "it is in your export."
        )
    return None, (
        f"The exercise this entry was written in is no longer in {module.title}: the course "
        "has changed since. It cannot be edited here, but it is kept, and it is in your export."
    )


# -- building items ----------------------------------------------------------------------


def workbook_items(
    course: LoadedCourse,
    entries: list[Entry],
    moods: list[MoodEntry],
    started_on: date,
    standalone_kinds: frozenset[str] = frozenset(),
) -> list[WorkbookItem]:
    """Every entry and mood note, newest first (by day, then time first written).

    `standalone_kinds`: kinds the UI has a form for outside any module, so entries
    made from home can be edited there.
    """
    items = [_entry_item(course, e, started_on, standalone_kinds) for e in entries]
    items += [_mood_item(m, started_on) for m in moods if m.note.strip()]
    items.sort(key=lambda item: (item.day, item.created_at, item.key), reverse=True)
    return items


def matches(item: WorkbookItem, query: str) -> bool:
    """Every word of the query appears somewhere in the item (any order, any case)."""
    return all(word in item.search_text for word in query.casefold().split())


def search(items: list[WorkbookItem], query: str) -> list[WorkbookItem]:
    if not query.strip():
        return list(items)
    return [item for item in items if matches(item, query)]


def _day_of(stamp: str, fallback: date) -> date:
    try:
        return date.fromisoformat(stamp[:10])
    except ValueError:
        return fallback


def _decoded(entry: Entry) -> tuple[Any, bool]:
    """The entry's data as its kind's type when it fits, else as plain JSON (False)."""
    shape = blocks.data_types().get(entry.kind)
    if shape is not None:
        try:
            return entry.decode(shape), True
        except msgspec.MsgspecError:
            pass
    try:
        return msgspec.json.decode(entry.data), False
    except msgspec.MsgspecError:
        return entry.data, False


def _entry_item(
    course: LoadedCourse, entry: Entry, started_on: date, standalone_kinds: frozenset[str]
) -> WorkbookItem:
    day = _day_of(entry.created_at, started_on)
    data, typed = _decoded(entry)
    located: Located | None = None
    note = ""
    if entry.module_id == HOME_MODULE or entry.kind not in blocks.kinds():
        # Written outside the course's pages: its own form, if the app has one.
        if entry.kind in standalone_kinds and typed:
            opens = Opens.STANDALONE
        elif (
            entry.kind in blocks.shared_kinds()
            and typed
            and (shared := find_kind(course, entry.kind))
        ):
            located, opens = shared, Opens.BLOCK
        else:
            opens = Opens.READ_ONLY
            note = (
                "This version of ecouch has no editor for this kind of entry outside the "
                "course pages, so it is shown here in full."
            )
        from_home = entry.module_id == HOME_MODULE and entry.kind in blocks.kinds()
        where = "Added from home" if from_home else ""
    else:
        located, note = locate(course, entry)
        opens = Opens.BLOCK if located is not None else Opens.READ_ONLY
        if located is not None and not typed:
            opens = Opens.READ_ONLY
            note = (
                "This entry was saved in a shape this version of ecouch does not recognise, "
                "so it is shown read-only. It is kept, and it is in your export."
            )
        where = _where(course, entry, located)
    block = located.block if located is not None else None
    sections = _sections(entry.kind, data, block)
    summary = _summary(entry.kind, data, block, sections)
    words = kind_words(entry.kind)
    return WorkbookItem(
        key=f"entry:{entry.uid}",
        kind=entry.kind,
        kind_words=words,
        day=day,
        week=course_week(day, started_on),
        summary=summary,
        where=where,
        sections=sections,
        search_text=_search_text(words, summary, where, sections, data, typed),
        opens=opens,
        note=note,
        uid=entry.uid,
        module_id=entry.module_id,
        page_id=entry.page_id,
        block_id=entry.block_id,
        created_at=entry.created_at,
        updated_at=entry.updated_at,
    )


def _mood_item(mood: MoodEntry, started_on: date) -> WorkbookItem:
    sections = [("Mood", f"{mood.score} out of 10")]
    if mood.tags:
        sections.append(("Went with it", ", ".join(mood.tags)))
    if mood.sleep_hours is not None:
        sections.append(("Hours slept", f"{mood.sleep_hours:g}"))
    sections.append(("Note", mood.note.strip()))
    summary = f"{mood.score}/10 · {one_line(mood.note)}"
    return WorkbookItem(
        key=f"mood:{mood.day.isoformat()}",
        kind=MOOD,
        kind_words=kind_words(MOOD),
        day=mood.day,
        week=course_week(mood.day, started_on),
        summary=summary,
        where="Daily mood",
        sections=sections,
        search_text=_search_text(kind_words(MOOD), summary, "", sections, None, False),
        opens=Opens.MOOD,
        created_at=mood.created_at,
        updated_at=mood.updated_at,
    )


def _where(course: LoadedCourse, entry: Entry, located: Located | None) -> str:
    if located is not None:
        place = f"Week {located.week}" if located.week else "Booster"
        return f"{place} · {located.module.title} · {located.page.title}"
    module = course.module(entry.module_id)
    if module is not None:
        week = next((e.week for e in course.entries if e.module is module), None)
        prefix = f"Week {week} · " if week else ""
        return f"{prefix}{module.title} · an exercise no longer in the course"
    return f"A module no longer in the course ('{entry.module_id}')"


def _search_text(
    words: str, summary: str, where: str, sections: list[tuple[str, str]], data: Any, typed: bool
) -> str:
    parts = [words, summary, where]
    parts += [f"{heading}\n{body}" for heading, body in sections]
    if typed and isinstance(data, EntryData):
        with contextlib.suppress(Exception):  # a kind's text() must never break the list
            parts.append(data.text())  # the kind's own full text, if it says more
    return "\n".join(parts).casefold()


# -- summaries and full text ---------------------------------------------------------------


def _summary(kind: str, data: Any, block: BlockBase | None, sections: list[tuple[str, str]]) -> str:
    if kind == "quiz":
        answers = _quiz_answers(data)
        answered = [qid for qid, chosen in answers.items() if chosen]
        questions = getattr(block, "questions", None)
        if questions:
            ids = {q.id for q in questions}
            count = sum(1 for qid in answered if qid in ids)
            text = f"{count} of {len(questions)} answered"
        else:
            text = f"{len(answered)} answered"
        title = getattr(block, "title", None)
        return f"{title}: {text}" if title else text
    if kind == "reflection":
        text = data.get("text", "") if isinstance(data, dict) else getattr(data, "text", "")
        return one_line(str(text)) or "(nothing written yet)"
    if isinstance(data, EntryData):
        try:
            line = data.summary()
        except Exception:  # a kind's summary() must never break the list
            line = ""
        if line:
            return one_line(line, 100)
    return one_line(" · ".join(body for _, body in sections)) or "(nothing written yet)"


def _quiz_answers(data: Any) -> dict[str, list[int]]:
    answers = getattr(data, "answers", None)
    if answers is None and isinstance(data, dict):
        answers = data.get("answers")
    return answers if isinstance(answers, dict) else {}


def _sections(kind: str, data: Any, block: BlockBase | None) -> list[tuple[str, str]]:
    """The entry in full, as (heading, text) pairs a person can read."""
    if kind == "quiz":
        return _quiz_sections(_quiz_answers(data), block)
    if kind == "reflection":
        text = data.get("text", "") if isinstance(data, dict) else getattr(data, "text", "")
        prompt = getattr(block, "prompt", "") if block is not None else ""
        return [(one_line(str(prompt), 200) or "What you wrote", str(text).strip())]
    if isinstance(data, EntryData):
        return data.sections()
    if isinstance(data, dict):  # an entry whose kind this version does not know
        found = [(_label(str(k)), render_value(v)) for k, v in data.items()]
        return [(k, v) for k, v in found if v]
    body = render_value(data)
    return [("What you wrote", body)] if body else []


def _quiz_sections(answers: dict[str, list[int]], block: BlockBase | None) -> list[tuple[str, str]]:
    questions = getattr(block, "questions", None)
    if not questions:
        return [
            (f"Question '{qid}'", "options " + ", ".join(str(i + 1) for i in chosen))
            for qid, chosen in answers.items()
            if chosen
        ]
    sections = []
    for question in questions:
        chosen = answers.get(question.id, [])
        picked = [question.options[i] for i in chosen if 0 <= i < len(question.options)]
        if not picked:
            body = "(not answered)"
        else:
            body = "\n".join(f"{'✓' if option.correct else '✗'} {option.text}" for option in picked)
        sections.append((one_line(question.prompt, 200), body))
    return sections


def _label(name: str) -> str:
    return name.replace("_", " ").capitalize()


def block_place(course: LoadedCourse, entry: Entry) -> tuple[Located, str, str] | None:
    """The block to reopen an entry in, and the module and page ids to give its widget.

    The entry's own module and page when it is that block's entry (so a single-answer
    block finds its saved answer even if the block has moved page); the block's own
    place when a shared kind is shown by another block.
    """
    if entry.module_id == HOME_MODULE or entry.kind not in blocks.kinds():
        located = find_kind(course, entry.kind) if entry.kind in blocks.shared_kinds() else None
    else:
        located, _ = locate(course, entry)
    if located is None:
        return None
    if located.module.id == entry.module_id and located.block.block_id == entry.block_id:
        return located, entry.module_id, entry.page_id
    return located, located.module.id, located.page.id
