"""`ecouch validate`: check course folders and single files, and count what was checked."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ecouch_tui.content.crisis import CrisisDirectory
from ecouch_tui.content.loader import (
    CRISIS_NAME,
    MANIFEST_NAME,
    QUESTIONNAIRES_DIR,
    display_path,
    load_course,
    load_file,
    load_module_entry,
)
from ecouch_tui.content.models import Module
from ecouch_tui.content.problems import ContentError, Problem
from ecouch_tui.content.questionnaire import Questionnaire
from ecouch_tui.content.typecheck import locate


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    modules: list[Module] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(p.severity == "error" for p in self.problems)

    def summary(self) -> str:
        pages = sum(len(m.pages) for m in self.modules)
        warnings = len(self.problems) - self.errors
        tail = f", {warnings} warning(s)" if warnings else ""
        return (
            f"ok: {self.files} file(s), {len(self.modules)} module(s), {pages} page(s), "
            f"no errors{tail}"
        )


def _stale_crisis_lines(path: Path, today: date) -> list[Problem]:
    """Warnings for crisis lines not checked for a year (re-reads with positions)."""
    from ecouch_tui.content.loader import parse, read_text

    shown = display_path(path)
    positions: dict = {}
    try:
        directory = parse(read_text(path, shown), CrisisDirectory, shown, positions)
    except ContentError:
        return []
    found = []
    for where, message in directory.stale(today):
        line, col = locate(positions, where)
        found.append(Problem(path=shown, line=line, col=col, message=message, severity="warning"))
    return found


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
                report.problems += _stale_crisis_lines(path, today)
            except ContentError as exc:
                report.problems += exc.problems
        else:
            report.files += 1
            entry = load_module_entry(path, week=_declared_week(path))
            report.problems += entry.problems
            if entry.module is not None:
                report.modules.append(entry.module)
    return report


def _declared_week(path: Path) -> int:
    """A lone module file is checked against its own week (there is no manifest to match)."""
    import re

    try:
        found = re.search(r"(?m)^week:\s*(\d+)\s*$", path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return 1
    return int(found.group(1)) if found else 1


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
    report.problems += course.all_problems()
    report.modules += course.modules
    if (root / CRISIS_NAME).exists():
        report.problems += _stale_crisis_lines(root / CRISIS_NAME, today)
