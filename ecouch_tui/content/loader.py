"""Load a course folder: the manifest, each module, and the crisis lines.

A broken module never stops the course: it is kept as an unavailable entry that
carries its problems, and every other module loads. Only a broken manifest leaves
no course to show.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import msgspec

from ecouch_tui.content.crisis import CrisisDirectory
from ecouch_tui.content.files import FileRefused, read_limited
from ecouch_tui.content.followup import FollowUp
from ecouch_tui.content.models import Booster, CourseManifest, Module
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


class BoosterEntry(msgspec.Struct, frozen=True, kw_only=True):
    """A follow-up's booster as the manifest lists it: loaded, or unavailable with why."""

    #: The follow-up's id in course.yaml (`follow_up:`).
    follow_up: str
    file: str
    title: str
    module: Booster | None = None
    problems: list[Problem] = []

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
    #: The follow-ups' boosters (course.yaml `follow_up:`), in the manifest's order.
    boosters: list[BoosterEntry] = []

    @property
    def title(self) -> str:
        return self.manifest.title if self.manifest else "ecouch"

    @property
    def modules(self) -> list[Module]:
        return [e.module for e in self.entries if e.module is not None]

    def module(self, module_id: str) -> Module | None:
        """A week's module or a booster, by id."""
        found = next((m for m in self.modules if m.id == module_id), None)
        if found is None:
            found = next(
                (b.module for b in self.boosters if b.module and b.module.id == module_id), None
            )
        return found

    def booster_of(self, follow_up: str) -> BoosterEntry | None:
        return next((b for b in self.boosters if b.follow_up == follow_up), None)

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
        for booster in self.boosters:
            found.extend(booster.problems)
        return found


def display_path(path: Path) -> str:
    """A path as short as it can be while still opening from the current folder.

    Links are not followed first: a message names a file as the course lists it (a
    link refused for leading outside the folder is named by the link, not its target).
    """
    here = Path.cwd()
    for candidate, base in ((Path(os.path.abspath(path)), here), (path.resolve(), here.resolve())):
        try:
            return str(candidate.relative_to(base))
        except ValueError:
            continue
    return str(path)


def read_text(path: Path, shown: str, follow_links: bool = True) -> str:
    """A content file's text, or ContentError saying why not at `shown:1:1`.

    Only a regular file no larger than MAX_CONTENT_BYTES is read (`files.read_limited`):
    a FIFO, a device or a huge file is refused, never waited on or read to the end.
    """
    try:
        raw = read_limited(path, follow_links)
    except FileNotFoundError:
        raise ContentError([Problem(path=shown, line=1, col=1, message="file not found")]) from None
    except FileRefused as exc:
        raise ContentError([Problem(path=shown, line=1, col=1, message=str(exc))]) from None
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


def load_file(
    path: Path, model: type[M], show: Shower = display_path, real: Path | None = None
) -> M:
    """`path` read and checked as `model`. `real`: the file to open instead, when `path`
    (what messages name) was resolved by `inside_course`; a link there is refused."""
    shown = show(path)
    text = read_text(real, shown, follow_links=False) if real else read_text(path, shown)
    return parse(text, model, shown)


def inside_course(root: Path, name: str) -> Path | str:
    """`name`, a file of the course in `root`, as the real file it opens; or why it may
    not be read.

    A course reads only files inside its own folder: not an absolute path, not one that
    climbs out with `..`, not a link (nor a linked folder on the way) that leads out.
    Otherwise a course.yaml handed to someone could show any file they can read.
    """
    if Path(name).anchor:
        return f"'{name}' is an absolute path; name a file inside the course folder, relative to it"
    base = root.resolve()
    try:
        real = (base / name).resolve()
    except (OSError, RuntimeError):  # RuntimeError: a loop of links (Python 3.11)
        return f"'{name}' cannot be opened: its links go round in a loop"
    if real.is_relative_to(base):
        return real
    if not Path(os.path.normpath(base / name)).is_relative_to(base):
        return f"'{name}' is outside the course folder; only files inside it are read"
    return f"'{name}' is a link to a file outside the course folder; only files inside it are read"


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


def _has_week(text: str) -> bool:
    import re

    return re.search(r"(?m)^week[ \t]*:", text) is not None


def load_module_entry(
    path: Path, week: int | None, show: Shower = display_path, real: Path | None = None
) -> ModuleEntry:
    """One module file. `week` is where the manifest lists it (its `week:` must agree);
    None for a module on its own (validate FILE, preview), which keeps its own week.
    `real`: the file to open, as `inside_course` resolved it (`path` names it)."""
    shown = show(path)
    fallback = path.stem.replace("-", " ").replace("_", " ")
    try:
        text = read_text(real, shown, follow_links=False) if real else read_text(path, shown)
    except ContentError as exc:
        return ModuleEntry(file=shown, week=week or 1, title=fallback, problems=exc.problems)
    positions: dict[Any, tuple[int, int]] = {}
    # A lone file with no `week:` is read as a follow-up's booster (validate FILE, preview).
    model: type[Module] = Module
    if week is None and not _has_week(text):
        model = Booster
    try:
        module = parse(text, model, shown, positions)
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
        real = inside_course(root, CRISIS_NAME)
        try:
            if isinstance(real, str):
                raise ContentError([Problem(path=show(path), line=1, col=1, message=real)])
            return load_file(path, CrisisDirectory, show, real), []
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

    if not (root / QUESTIONNAIRES_DIR).is_dir():
        root = bundled_modules_dir()
    folder = root / QUESTIONNAIRES_DIR
    found: list[Questionnaire] = []
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.yaml")):
        real = inside_course(root, f"{QUESTIONNAIRES_DIR}/{path.name}")
        if isinstance(real, str):
            problems.append(Problem(path=show(path), line=1, col=1, message=real))
            continue
        try:
            questionnaire = load_file(path, Questionnaire, show, real)
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
    shown_manifest = show(root / MANIFEST_NAME)
    positions: dict[Any, tuple[int, int]] = {}
    try:
        real = inside_course(root, MANIFEST_NAME)
        if isinstance(real, str):
            raise ContentError([Problem(path=shown_manifest, line=1, col=1, message=real)])
        text = read_text(real, shown_manifest, follow_links=False)
        manifest = parse(text, CourseManifest, shown_manifest, positions)
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
        _listed_module(root, name, week, show, positions)
        for week, name in enumerate(manifest.modules, 1)
    ]
    entries = _unique_ids(entries)
    problems += _schedule_problems(manifest, questionnaires, show(root / MANIFEST_NAME), positions)
    used = {e.module.id: e.file for e in entries if e.module is not None}
    boosters = [
        _listed_booster(root, index, item, show, positions, used)
        for index, item in enumerate(manifest.follow_up)
    ]
    return LoadedCourse(
        root=str(root),
        manifest=manifest,
        entries=entries,
        crisis=crisis,
        questionnaires=questionnaires,
        problems=problems,
        boosters=boosters,
    )


def _schedule_problems(
    manifest: CourseManifest,
    questionnaires: list[Questionnaire],
    shown: str,
    positions: dict[Any, tuple[int, int]],
) -> list[Problem]:
    """The outcome questionnaires and the early warning's band must exist."""
    from ecouch_tui.content.typecheck import locate

    found: list[Problem] = []
    known = {q.id: q for q in questionnaires}
    for index, check in enumerate(manifest.outcomes):
        if check.instrument not in known:
            line, col = locate(positions, ("outcomes", index, "instrument"))
            message = (
                f"the questionnaire '{check.instrument}' was not found in {QUESTIONNAIRES_DIR}/"
            )
            found.append(Problem(path=shown, line=line, col=col, message=message))
    warning = manifest.early_warning
    weekly = known.get(manifest.checkin.instrument)
    if warning is not None and warning.band is not None and weekly is not None:
        names = [band.name for band in weekly.bands]
        if warning.band not in names:
            line, col = locate(positions, ("early_warning", "band"))
            message = f"'{warning.band}' is not a band of {weekly.id} ({', '.join(names)})"
            found.append(Problem(path=shown, line=line, col=col, message=message))
    return found


def _listed_booster(
    root: Path,
    index: int,
    item: FollowUp,
    show: Shower,
    positions: dict[Any, tuple[int, int]],
    used: dict[str, str],
) -> BoosterEntry:
    """The booster of follow-up `index`; a missing or outside file is reported at its
    line in course.yaml, a broken one in its own file."""
    from ecouch_tui.content.typecheck import locate

    name = item.module
    fallback = Path(name).stem.replace("-", " ").replace("_", " ") or name

    def problem_at_listing(message: str) -> BoosterEntry:
        line, col = locate(positions, ("follow_up", index, "module"))
        problem = Problem(path=show(root / MANIFEST_NAME), line=line, col=col, message=message)
        return BoosterEntry(follow_up=item.id, file=name, title=fallback, problems=[problem])

    real = inside_course(root, name)
    if isinstance(real, str):
        return problem_at_listing(real)
    if not real.is_file():
        return problem_at_listing(f"the booster file '{name}' was not found")
    shown = show(root / name)
    text = ""
    try:
        text = read_text(real, shown, follow_links=False)
        booster = parse(text, Booster, shown)
    except ContentError as exc:
        title = _raw_title(text, shown) if text and len(text) < 1_000_000 else None
        return BoosterEntry(
            follow_up=item.id, file=shown, title=title or fallback, problems=exc.problems
        )
    if booster.id in used:
        message = f"module id '{booster.id}' is already used by {used[booster.id]}"
        problem = Problem(path=shown, line=1, col=1, message=message)
        return BoosterEntry(follow_up=item.id, file=shown, title=booster.title, problems=[problem])
    used[booster.id] = shown
    return BoosterEntry(follow_up=item.id, file=shown, title=booster.title, module=booster)


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


def _listed_module(
    root: Path, name: str, week: int, show: Shower, positions: dict[Any, tuple[int, int]]
) -> ModuleEntry:
    """The module course.yaml lists as `name` for `week`; one outside the course folder is
    unavailable, with the problem at its line in course.yaml, and is never opened."""
    from ecouch_tui.content.typecheck import locate

    real = inside_course(root, name)
    if isinstance(real, Path):
        return load_module_entry(root / name, week, show, real)
    line, col = locate(positions, ("modules", week - 1))
    problem = Problem(path=show(root / MANIFEST_NAME), line=line, col=col, message=real)
    title = Path(name).stem.replace("-", " ").replace("_", " ") or name
    return ModuleEntry(file=name, week=week, title=title, problems=[problem])


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
