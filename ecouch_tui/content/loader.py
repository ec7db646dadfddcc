"""Load a course folder: the manifest, each module, and the crisis lines.

A broken module never stops the course: it is kept as an unavailable entry that
carries its problems, and every other module loads. Only a broken manifest leaves
no course to show.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import msgspec

from ecouch_tui.content.crisis import CrisisDirectory
from ecouch_tui.content.models import CourseManifest, Module
from ecouch_tui.content.problems import ContentError, Problem
from ecouch_tui.content.questionnaire import Questionnaire
from ecouch_tui.paths import CRISIS_NAME, MANIFEST_NAME, QUESTIONNAIRES_DIR

M = TypeVar("M")


class ModuleEntry(msgspec.Struct, frozen=True, kw_only=True):
    """A module as listed in the manifest: loaded, or unavailable with its problems."""

    file: str
    week: int
    title: str
    module: Module | None = None
    problems: list[Problem] = []

    @property
    def available(self) -> bool:
        return self.module is not None

    @property
    def first_error(self) -> Problem | None:
        return next((p for p in self.problems if p.severity == "error"), None)


class LoadedCourse(msgspec.Struct, frozen=True, kw_only=True):
    root: str
    manifest: CourseManifest | None
    entries: list[ModuleEntry] = []
    crisis: CrisisDirectory | None = None
    questionnaires: list[Questionnaire] = []
    #: Problems with the course as a whole (the manifest, crisis lines, cross-module rules).
    problems: list[Problem] = []

    @property
    def title(self) -> str:
        return self.manifest.title if self.manifest else "ecouch"

    @property
    def modules(self) -> list[Module]:
        return [e.module for e in self.entries if e.module is not None]

    def module(self, module_id: str) -> Module | None:
        return next((m for m in self.modules if m.id == module_id), None)

    def questionnaire(self, instrument: str) -> Questionnaire | None:
        return next((q for q in self.questionnaires if q.id == instrument), None)

    @property
    def checkin_instrument(self) -> Questionnaire | None:
        """The weekly check-in's questionnaire (PHQ-9 unless the manifest says otherwise)."""
        plan_id = self.manifest.checkin.instrument if self.manifest else "phq9"
        return self.questionnaire(plan_id)

    def entry_for_week(self, week: int) -> ModuleEntry | None:
        return next((e for e in self.entries if e.week == week), None)

    def all_problems(self) -> list[Problem]:
        found = list(self.problems)
        for entry in self.entries:
            found.extend(entry.problems)
        return found


def display_path(path: Path) -> str:
    """A path as short as it can be while still opening from the current folder."""
    try:
        relative = path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return str(path)
    return str(relative)


def read_text(path: Path, shown: str) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ContentError([Problem(path=shown, line=1, col=1, message="file not found")]) from None
    except OSError as exc:
        raise ContentError(
            [Problem(path=shown, line=1, col=1, message=f"cannot read: {exc.strerror}")]
        ) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ContentError(
            [Problem(path=shown, line=line, col=col, message="not UTF-8 text (save as UTF-8)")]
        ) from None


def parse(
    text: str, model: type[M], shown: str, positions: dict[Any, tuple[int, int]] | None = None
) -> M:
    """YAML text to a checked model, or ContentError listing every problem found.

    Pass a dict as `positions` to receive where each value came from.
    """
    from ecouch_tui.content.typecheck import Checker, convert, locate
    from ecouch_tui.content.yaml_source import compose

    root = compose(text, shown)
    checker = Checker(shown)
    data = checker.check(root, model)
    if data is None:
        raise ContentError(sorted(checker.problems, key=lambda p: (p.line, p.col)))
    value = convert(data, model, checker)
    if value is not None and hasattr(value, "check"):
        for where, message in value.check():
            checker.report(locate(checker.positions, where), message)
    if checker.problems or value is None:
        raise ContentError(sorted(checker.problems, key=lambda p: (p.line, p.col)))
    if positions is not None:
        positions.update(checker.positions)
    return value


Shower = Callable[[Path], str]


def load_file(path: Path, model: type[M], show: Shower = display_path) -> M:
    shown = show(path)
    return parse(read_text(path, shown), model, shown)


_STR_TAG = "tag:yaml.org,2002:str"


def _raw_title(text: str, shown: str) -> str | None:
    """Best effort: a broken module's `title:` so the home screen can still name it.

    Read from the node tree (`compose` guards against nesting deep enough to crash
    libyaml), never by constructing the whole document.
    """
    from ecouch_tui.content.yaml_source import MappingNode, ScalarNode, compose

    try:
        root = compose(text, shown)
    except ContentError:
        return None
    if not isinstance(root, MappingNode):
        return None
    for key, value in root.value:
        if key.value == "title" and isinstance(value, ScalarNode) and value.tag == _STR_TAG:
            title = " ".join(str(value.value).split())
            return title[:200] or None
    return None


def _declared_week(text: str) -> int:
    """Best effort: a broken lone module's `week:`, so it is still shown at its week
    (1 when it says none, or one no module may have)."""
    import re

    found = re.search(r"(?m)^week:[ \t]*([0-9]{1,2})[ \t]*(?:#.*)?$", text)
    week = int(found.group(1)) if found else 1
    return week if 1 <= week <= 52 else 1


def load_module_entry(path: Path, week: int | None, show: Shower = display_path) -> ModuleEntry:
    """One module file. `week` is where the manifest lists it (its `week:` must agree);
    None for a module on its own (validate FILE, preview), which keeps its own week."""
    shown = show(path)
    fallback = path.stem.replace("-", " ").replace("_", " ")
    try:
        text = read_text(path, shown)
    except ContentError as exc:
        return ModuleEntry(file=shown, week=week or 1, title=fallback, problems=exc.problems)
    positions: dict[Any, tuple[int, int]] = {}
    try:
        module = parse(text, Module, shown, positions)
    except ContentError as exc:
        title = _raw_title(text, shown) if len(text) < 1_000_000 else None
        return ModuleEntry(
            file=shown,
            week=week or _declared_week(text),
            title=title or fallback,
            problems=exc.problems,
        )
    if week is None:
        week = module.week
    elif module.week != week:
        line, col = positions.get(("week",), (1, 1))
        message = f"this module says 'week: {module.week}' but course.yaml lists it as week {week}"
        problem = Problem(path=shown, line=line, col=col, message=message)
        return ModuleEntry(file=shown, week=week, title=module.title, problems=[problem])
    return ModuleEntry(file=shown, week=week, title=module.title, module=module)


def bundled_crisis_lines() -> CrisisDirectory:
    from ecouch_tui.paths import bundled_modules_dir

    return load_file(bundled_modules_dir() / CRISIS_NAME, CrisisDirectory)


def load_crisis(
    root: Path, show: Shower = display_path
) -> tuple[CrisisDirectory | None, list[Problem]]:
    """The course's own crisis lines, else the bundled ones (a broken file is reported)."""
    path = root / CRISIS_NAME
    problems: list[Problem] = []
    if path.exists():
        try:
            return load_file(path, CrisisDirectory, show), []
        except ContentError as exc:
            problems = exc.problems
    try:
        return bundled_crisis_lines(), problems
    except ContentError as exc:
        return None, problems + exc.problems


def load_questionnaires(
    root: Path, show: Shower = display_path
) -> tuple[list[Questionnaire], list[Problem]]:
    """The course's own questionnaires folder, else the bundled one."""
    from ecouch_tui.paths import bundled_modules_dir

    folder = root / QUESTIONNAIRES_DIR
    if not folder.is_dir():
        folder = bundled_modules_dir() / QUESTIONNAIRES_DIR
    found: list[Questionnaire] = []
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            questionnaire = load_file(path, Questionnaire, show)
        except ContentError as exc:
            problems += exc.problems
            continue
        if questionnaire.id != path.stem:
            problems.append(
                Problem(
                    path=show(path),
                    line=1,
                    col=1,
                    message=f"the id '{questionnaire.id}' should match the file name '{path.stem}'",
                )
            )
            continue
        found.append(questionnaire)
    return found, problems


def load_course(root: Path, show: Shower = display_path) -> LoadedCourse:
    """Everything in a course folder, with every problem found (never raises ContentError).

    `show` turns a path into the text used in messages (relative to the current
    folder by default, so `ecouch validate` output opens in an editor).
    """
    crisis, problems = load_crisis(root, show)
    questionnaires, more = load_questionnaires(root, show)
    problems += more
    try:
        manifest = load_file(root / MANIFEST_NAME, CourseManifest, show)
    except ContentError as exc:
        return LoadedCourse(
            root=str(root),
            manifest=None,
            crisis=crisis,
            questionnaires=questionnaires,
            problems=problems + exc.problems,
        )
    if not any(q.id == manifest.checkin.instrument for q in questionnaires):
        problems.append(
            Problem(
                path=show(root / MANIFEST_NAME),
                line=1,
                col=1,
                message=f"the check-in questionnaire '{manifest.checkin.instrument}' was not found"
                f" in {QUESTIONNAIRES_DIR}/",
            )
        )
    entries = [
        load_module_entry(root / name, week, show) for week, name in enumerate(manifest.modules, 1)
    ]
    entries = _unique_ids(entries)
    return LoadedCourse(
        root=str(root),
        manifest=manifest,
        entries=entries,
        crisis=crisis,
        questionnaires=questionnaires,
        problems=problems,
    )


def load_module_course(path: Path, show: Shower = display_path) -> LoadedCourse:
    """A course of one module file, for preview: no manifest, so the module keeps its own
    week; crisis lines and questionnaires from its folder, else the bundled ones.

    Never raises ContentError: a broken module is an unavailable entry with its problems.
    """
    root = path.parent
    crisis, problems = load_crisis(root, show)
    questionnaires, more = load_questionnaires(root, show)
    return LoadedCourse(
        root=str(root),
        manifest=None,
        entries=[load_module_entry(path, None, show)],
        crisis=crisis,
        questionnaires=questionnaires,
        problems=problems + more,
    )


def _unique_ids(entries: list[ModuleEntry]) -> list[ModuleEntry]:
    """Two modules with one id would share saved answers: the later one is unavailable."""
    seen: dict[str, str] = {}
    result: list[ModuleEntry] = []
    for entry in entries:
        module = entry.module
        if module is not None and module.id in seen:
            problem = Problem(
                path=entry.file,
                line=1,
                col=1,
                message=f"module id '{module.id}' is already used by {seen[module.id]}",
            )
            entry = ModuleEntry(
                file=entry.file, week=entry.week, title=entry.title, problems=[problem]
            )
        elif module is not None:
            seen[module.id] = entry.file
        result.append(entry)
    return result
