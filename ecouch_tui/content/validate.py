"""`ecouch validate`: check course folders and single files, and count what was checked.

Each file is also read the ways other YAML readers would (`portable`): what they would
read differently is a warning.

Also compares the ids a user's saved answers are keyed by with the content
(`saved_id_problems`): renaming a module, page or block id orphans what people wrote.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from ecouch_tui.content.blocks.base import BlockBase
from ecouch_tui.content.board_rules import BoardRules, looks_like_board_rules
from ecouch_tui.content.crisis import CrisisDirectory
from ecouch_tui.content.loader import (
    CRISIS_NAME,
    MANIFEST_NAME,
    QUESTIONNAIRES_DIR,
    LoadedCourse,
    display_path,
    inside_course,
    load_course,
    load_file,
    load_module_entry,
)
from ecouch_tui.content.models import Booster, Module, Page
from ecouch_tui.content.problems import ContentError, Problem
from ecouch_tui.content.questionnaire import Questionnaire
from ecouch_tui.content.typecheck import locate
from ecouch_tui.paths import BOARD_RULES_NAME


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    modules: list[Module] = field(default_factory=list)
    #: Each course folder checked, as loaded (for checks against a user's saved answers).
    courses: list[LoadedCourse] = field(default_factory=list)
    #: Crisis lines nobody has yet compared with the service's own page.
    unverified_lines: int = 0
    #: Of `modules`, how many are follow-up boosters (course.yaml `follow_up:`).
    boosters: int = 0

    @property
    def errors(self) -> int:
        return sum(p.severity == "error" for p in self.problems)

    def summary(self) -> str:
        pages = sum(len(m.pages) for m in self.modules)
        warnings = len(self.problems) - self.errors
        tail = f", {warnings} warning(s)" if warnings else ""
        if self.unverified_lines:
            tail += f" ({self.unverified_lines} crisis line(s) unverified)"
        weeks = len(self.modules) - self.boosters
        counted = f"{weeks} module(s)"
        if self.boosters:
            both = f"{counted} and {self.boosters} booster(s)"
            counted = both if weeks else f"{self.boosters} booster(s)"
        return f"ok: {self.files} file(s), {counted}, {pages} page(s), no errors{tail}"


def _crisis_warnings(path: Path, today: date, report: Report) -> None:
    """A warning for each crisis line not verified at the service's own page, and for each
    verified over a year ago (re-reads with positions)."""
    from ecouch_tui.content.loader import parse, read_text

    shown = display_path(path)
    positions: dict = {}
    try:
        directory = parse(read_text(path, shown), CrisisDirectory, shown, positions)
    except ContentError:
        return
    unverified = list(directory.unverified())
    report.unverified_lines += len(unverified)
    found = []
    for where, message in [*unverified, *directory.stale(today)]:
        line, col = locate(positions, where)
        found.append(Problem(path=shown, line=line, col=col, message=message, severity="warning"))
    report.problems += sorted(found, key=lambda p: (p.line, p.col))  # in the file's order


def _portability(paths: list[Path], report: Report) -> None:
    """Warnings for what other YAML readers would read differently in these files (not
    where an error already points: the fix for both is there)."""
    from ecouch_tui.content.loader import read_text
    from ecouch_tui.content.portable import portability_problems

    errors = {(p.path, p.line, p.col) for p in report.problems if p.severity == "error"}
    for path in paths:
        shown = display_path(path)
        try:
            text = read_text(path, shown)
        except (ContentError, ValueError):  # reported by the loader (ValueError: a NUL)
            continue
        report.problems += [
            p for p in portability_problems(text, shown) if (p.path, p.line, p.col) not in errors
        ]


def validate_paths(paths: list[Path], today: date | None = None) -> Report:
    today = today or date.today()
    report = Report()
    for path in paths:
        if path.is_dir():
            _course(path, report, today)
        elif path.name == MANIFEST_NAME:
            _course(path.parent, report, today)
        elif path.parent.name == QUESTIONNAIRES_DIR:
            report.files += 1
            try:
                load_file(path, Questionnaire)
            except ContentError as exc:
                report.problems += exc.problems
        elif path.name == CRISIS_NAME:
            report.files += 1
            try:
                load_file(path, CrisisDirectory)
                _crisis_warnings(path, today, report)
            except ContentError as exc:
                report.problems += exc.problems
        elif _is_board_rules(path):
            _board_rules(path, report)
        else:
            report.files += 1
            # A lone module keeps its own week: there is no manifest to match.
            entry = load_module_entry(path, week=None)
            report.problems += entry.problems
            if entry.module is not None:
                report.modules.append(entry.module)
                report.boosters += isinstance(entry.module, Booster)
        if not path.is_dir() and path.name != MANIFEST_NAME:  # a course checks its own
            _portability([path], report)
    return report


def _is_board_rules(path: Path) -> bool:
    """The peer board's rules: by where they live (board/rules.yaml), or, for a file
    kept elsewhere, by the keys only a rules file has."""
    from ecouch_tui.content.loader import read_text

    if Path(path.parent.name, path.name) == Path(BOARD_RULES_NAME):
        return True
    try:
        return looks_like_board_rules(read_text(path, display_path(path)))
    except (ContentError, ValueError):  # the module loader says what is wrong with it
        return False


def _board_rules(path: Path, report: Report, real: Path | None = None) -> None:
    report.files += 1
    try:
        load_file(path, BoardRules, real=real)
    except ContentError as exc:
        report.problems += exc.problems


def _course(root: Path, report: Report, today: date) -> None:
    if not (root / MANIFEST_NAME).exists():
        shown = display_path(root / MANIFEST_NAME)
        report.problems.append(
            Problem(path=shown, line=1, col=1, message="no course.yaml: not a course folder")
        )
        return
    course = load_course(root)
    questionnaires = len(list((root / QUESTIONNAIRES_DIR).glob("*.yaml")))
    report.files += 1 + len(course.entries) + int((root / CRISIS_NAME).exists()) + questionnaires
    report.files += len(course.boosters)
    report.problems += course.all_problems()
    report.modules += course.modules
    boosters = [b.module for b in course.boosters if b.module is not None]
    report.modules += boosters
    report.boosters += len(boosters)
    report.courses.append(course)
    if (root / CRISIS_NAME).exists() and isinstance(inside_course(root, CRISIS_NAME), Path):
        _crisis_warnings(root / CRISIS_NAME, today, report)
    board = _course_board_rules(root, report)
    # The course's own files: bundled ones it falls back to are checked where they ship.
    # Only files inside the course folder: the loader refused the others unread.
    names = [MANIFEST_NAME, *(course.manifest.modules if course.manifest else [])]
    names += [item.module for item in course.manifest.follow_up] if course.manifest else []
    names += [CRISIS_NAME] if (root / CRISIS_NAME).exists() else []
    names += [BOARD_RULES_NAME] if board else []
    names += [
        f"{QUESTIONNAIRES_DIR}/{path.name}"
        for path in sorted((root / QUESTIONNAIRES_DIR).glob("*.yaml"))
    ]
    files = [root / name for name in names if isinstance(inside_course(root, name), Path)]
    _portability(files, report)


def _course_board_rules(root: Path, report: Report) -> bool:
    """The course's board rules, if it has any (the board is optional): whether there
    were some to check."""
    path = root / BOARD_RULES_NAME
    if not path.exists() and not path.is_symlink():
        return False
    real = inside_course(root, BOARD_RULES_NAME)
    if isinstance(real, str):
        report.files += 1
        report.problems.append(Problem(path=display_path(path), line=1, col=1, message=real))
        return False
    _board_rules(path, report, real=real)
    return True


# -- saved answers against the content --------------------------------------------------

#: The module id of entries made outside the course's pages (quick add from home);
#: the same value as `course.workbook.HOME_MODULE`, which content/ cannot import.
OUTSIDE_THE_COURSE = "home"

ORPHANS = "renaming an id orphans what users wrote"


class SavedRef(Protocol):
    """Where a saved entry was written (the store's `Entry` has these fields)."""

    @property
    def module_id(self) -> str: ...
    @property
    def page_id(self) -> str: ...
    @property
    def block_id(self) -> str: ...
    @property
    def kind(self) -> str: ...


def _answers(count: int, one: str = "refers", many: str = "refer") -> str:
    """'1 saved answer refers' / '3 saved answers refer'."""
    return "1 saved answer " + one if count == 1 else f"{count} saved answers {many}"


def saved_id_problems(course: LoadedCourse, saved: Iterable[SavedRef]) -> list[Problem]:
    """Warnings for saved entries whose module, page or block is gone from `course`.

    The store keys what a user wrote by module, page and block id, so a renamed id
    leaves their answers behind: kept and exported, but no longer shown where they were
    written. Not reported: entries of a shared kind (one plan per user) while any block
    of that kind remains, which every such block shows. Call it only when the course
    loaded without errors: a broken module's ids are unknown, and every answer to it
    would look orphaned.
    """
    from ecouch_tui.content.blocks import kinds, shared_kinds

    known, shared = set(kinds()), shared_kinds()

    modules = {e.module.id: e.module for e in course.entries if e.module is not None}
    modules |= {b.module.id: b.module for b in course.boosters if b.module is not None}
    kinds_in_course = {block.kind for m in modules.values() for _, block in m.blocks()}
    found: Counter[tuple[str, ...]] = Counter()
    where: dict[tuple[str, ...], tuple[str | int, ...]] = {}
    for ref in saved:
        if ref.module_id == OUTSIDE_THE_COURSE or ref.kind not in known:
            continue
        module = modules.get(ref.module_id)
        if module is None:
            found["module", ref.module_id] += 1
            continue
        located = _find_block(module, ref.block_id)
        if located is None:
            if ref.kind in shared and ref.kind in kinds_in_course:
                continue
            page_index = module.page_index(ref.page_id)
            # A log is listed by every block of its kind: it is still seen, not lost.
            listed = ref.kind in kinds_in_course and _repeatable(ref.kind)
            finding = "listed" if listed else "block"
            key: tuple[str, ...] = (finding, ref.module_id, ref.page_id, ref.block_id, ref.kind)
            where[key] = ("pages",) if page_index is None else ("pages", page_index)
        else:
            path, page, block = located
            if block.kind != ref.kind:
                key = ("kind", ref.module_id, ref.page_id, ref.block_id, ref.kind, block.kind)
            elif page.id != ref.page_id and not (block.repeatable or block.shared):
                key = ("moved", ref.module_id, ref.page_id, ref.block_id, page.id)
            else:
                continue
            where[key] = path
        found[key] += 1
    if not found:
        return []
    places = _Places(course)
    problems = [places.problem(key, count, where.get(key, ())) for key, count in found.items()]
    return sorted(problems, key=lambda p: (p.path, p.line, p.col, p.message))


def _find_block(
    module: Module, block_id: str
) -> tuple[tuple[str | int, ...], Page, BlockBase] | None:
    """A block by id, with its data path ("pages", i, "blocks", j) and its page."""
    for p_index, page in enumerate(module.pages):
        for b_index, block in enumerate(page.blocks):
            if block.block_id == block_id:
                return ("pages", p_index, "blocks", b_index), page, block
    return None


def _repeatable(kind: str) -> bool:
    from ecouch_tui.content.blocks import block_class

    cls = block_class(kind)
    return cls is not None and cls.repeatable


class _Places:
    """Where each warning points: at the block or page in its module, or at the
    manifest's `modules:` list. Files are re-read for positions only when needed."""

    def __init__(self, course: LoadedCourse) -> None:
        self.course = course
        self._positions: dict[str, dict[Any, tuple[int, int]]] = {}

    def _where(self, path: str, model: type, at: tuple[Any, ...]) -> tuple[int, int]:
        from ecouch_tui.content.loader import parse, read_text

        if path not in self._positions:
            positions: dict[Any, tuple[int, int]] = {}
            with contextlib.suppress(ContentError):  # it loaded before: this is a re-read
                parse(read_text(Path(path), path), model, path, positions)
            self._positions[path] = positions
        return locate(self._positions[path], at)

    def problem(self, key: tuple[str, ...], count: int, at: tuple[str | int, ...]) -> Problem:
        from ecouch_tui.content.models import CourseManifest

        what, module_id = key[0], key[1]
        if what == "module":
            shown = display_path(Path(self.course.root) / MANIFEST_NAME)
            line, col = self._where(shown, CourseManifest, ("modules",))
            message = (
                f"{_answers(count)} to module '{module_id}', which is no longer in the "
                f"course: {ORPHANS}"
            )
            return Problem(path=shown, line=line, col=col, message=message, severity="warning")
        page_id, block_id = key[2], key[3]
        if what == "block":
            message = (
                f"{_answers(count)} to block '{block_id}' on page '{page_id}' of module "
                f"'{module_id}', which is no longer in the course: {ORPHANS}"
            )
        elif what == "listed":
            message = (
                f"{_answers(count)} to block '{block_id}' on page '{page_id}' of module "
                f"'{module_id}', which is no longer in the course: every {key[4]} block "
                f"still lists them, but the Workbook shows them read-only ({ORPHANS})"
            )
        elif what == "kind":
            message = (
                f"{_answers(count, 'was', 'were')} written in block '{block_id}' of module "
                f"'{module_id}' as type '{key[4]}', but that block is now type '{key[5]}': "
                "give a new exercise a new id"
            )
        else:
            message = (
                f"{_answers(count, 'was', 'were')} written in block '{block_id}' of module "
                f"'{module_id}' on page '{page_id}', but the block is now on page "
                f"'{key[4]}': a single answer is kept by page, so it no longer shows"
            )
        listed: list[tuple[str, Module | None, type]] = [
            *((e.file, e.module, Module) for e in self.course.entries),
            *((b.file, b.module, Booster) for b in self.course.boosters),
        ]
        file, _, model = next(x for x in listed if x[1] and x[1].id == module_id)
        line, col = self._where(file, model, at)
        return Problem(path=file, line=line, col=col, message=message, severity="warning")
