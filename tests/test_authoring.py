"""For course authors: new-module, validate --format json and its exit codes, the saved-answer
id check, the editor schema, and docs/authoring.md, whose examples must all be valid.

Commands run as a user runs them (a subprocess in a temporary folder, with the HOME and
data folder the conftest isolates), so exit codes and output are the real ones.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path
from subprocess import CompletedProcess
from typing import Any, NamedTuple

import jsonschema
import msgspec
import pytest
import yaml
from helpers import run_ecouch

from ecouch_tui.clock import FixedClock
from ecouch_tui.commands.new_module import skeleton
from ecouch_tui.commands.validate import EPILOG
from ecouch_tui.content.blocks import entry_uid, kinds
from ecouch_tui.content.crisis import Region
from ecouch_tui.content.loader import load_course, parse
from ecouch_tui.content.models import CourseManifest, Module
from ecouch_tui.content.problems import ContentError
from ecouch_tui.content.questionnaire import Questionnaire, SafetyRule
from ecouch_tui.content.validate import saved_id_problems
from ecouch_tui.paths import bundled_modules_dir
from ecouch_tui.paths import data_dir as default_data_dir
from ecouch_tui.store.db import Store

REPO = Path(__file__).resolve().parent.parent
AUTHORING = REPO / "docs" / "authoring.md"
ORPHANS = "renaming an id orphans what users wrote"


def ecouch(*args: str, cwd: Path, env: dict[str, str] | None = None) -> CompletedProcess[str]:
    return run_ecouch(*args, cwd=cwd, env=env)


def load_module_text(text: str, shown: str = "module.yaml") -> Module:
    """Parse as the loader does (ContentError with every problem when invalid)."""
    return parse(text, Module, shown)


# -- new-module --------------------------------------------------------------------------


def test_new_module_writes_a_valid_commented_skeleton_into_modules(tmp_path: Path) -> None:
    (tmp_path / "modules").mkdir()
    result = ecouch("new-module", "sleep-better", "--week", "13", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    target = tmp_path / "modules" / "13-sleep-better.yaml"
    assert result.stdout.strip() == "wrote modules/13-sleep-better.yaml"
    assert "ecouch preview modules/13-sleep-better.yaml" in result.stderr
    assert "ecouch schema -o modules/module.schema.json" in result.stderr
    text = target.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=module.schema.json"
    assert text.count("\n#") + text.count("\n      #") > 20  # commented throughout

    checked = ecouch("validate", "modules/13-sleep-better.yaml", cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.startswith("ok: 1 file(s), 1 module(s), 5 page(s), no errors")
    as_json = ecouch("validate", "--format", "json", str(target), cwd=tmp_path)
    assert (as_json.returncode, json.loads(as_json.stdout)) == (0, [])


def test_the_skeleton_has_a_page_for_each_block_an_author_needs() -> None:
    module = load_module_text(skeleton("sleep-better", 13))
    assert (module.id, module.week, module.title) == ("sleep-better", 13, "Sleep better")
    kinds = {block.kind for _, block in module.blocks()}
    assert {"markdown", "callout", "get_help", "quiz", "reflection"} <= kinds
    assert kinds & {"activity_log", "thought_record", "activity_schedule"}  # an exercise
    quiz = next(block for _, block in module.blocks() if block.kind == "quiz")
    options = [o for q in quiz.questions for o in q.options]  # type: ignore[attr-defined]
    assert all(o.feedback.strip() for o in options)
    assert any(q.multiple for q in quiz.questions)  # type: ignore[attr-defined]
    assert module.pages[-1].title == "This week, try…"
    assert module.references and module.references[0].source


def test_new_module_without_a_modules_folder_or_with_o(tmp_path: Path) -> None:
    result = ecouch("new-module", "grief", "--week", "8", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "08-grief.yaml").is_file()
    (tmp_path / "drafts").mkdir()
    result = ecouch("new-module", "grief", "--week", "8", "-o", "drafts/loss.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    written = (tmp_path / "drafts" / "loss.yaml").read_text()
    assert "\nid: grief\n" in written and "\nweek: 8\n" in written


def test_new_module_mentions_the_manifest_when_there_is_one(tmp_path: Path) -> None:
    (tmp_path / "modules").mkdir()
    (tmp_path / "modules" / "course.yaml").write_text("title: x\nmodules: [a.yaml]\n")
    result = ecouch("new-module", "sleep", "--week", "2", cwd=tmp_path)
    assert "list '02-sleep.yaml' in modules/course.yaml as week 2 (the second entry" in (
        result.stderr
    )


def test_new_module_never_overwrites(tmp_path: Path) -> None:
    existing = tmp_path / "03-sleep.yaml"
    existing.write_text("my work\n")
    result = ecouch("new-module", "sleep", "--week", "3", cwd=tmp_path)
    assert result.returncode == 1
    assert "03-sleep.yaml already exists; nothing was written" in result.stderr
    assert existing.read_text() == "my work\n"


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["Sleep_Better", "--week", "3"], "'Sleep_Better' is not a valid module id"),
        (["sleep--better", "--week", "3"], "not a valid module id"),
        (["-sleep", "--week", "3"], ""),  # argparse: an option, not an id
        (["sleep", "--week", "0"], "--week must be between 1 and 52, not 0"),
        (["sleep", "--week", "53"], "--week must be between 1 and 52, not 53"),
        (["sleep", "--week", "two"], "invalid int value"),
        (["sleep"], "the following arguments are required: --week"),
    ],
)
def test_new_module_refuses_bad_ids_and_weeks_with_exit_2(
    tmp_path: Path, args: list[str], says: str
) -> None:
    result = ecouch("new-module", *args, cwd=tmp_path)
    assert result.returncode == 2
    assert says in result.stderr
    assert not list(tmp_path.iterdir())


# -- validate --format json and exit codes ----------------------------------------------


def test_validate_json_is_an_empty_list_when_valid(tmp_path: Path, course_dir: Path) -> None:
    result = ecouch("validate", "--format", "json", str(course_dir), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_validate_json_of_the_bundled_course_has_only_crisis_line_warnings(
    tmp_path: Path,
) -> None:
    """Valid, so exit 0; its crisis lines are not yet verified, and each says so."""
    result = ecouch("validate", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    problems = json.loads(result.stdout)
    assert problems and {p["severity"] for p in problems} == {"warning"}
    assert all(p["path"].endswith("crisis_lines.yaml") for p in problems)


def test_validate_json_lists_every_problem_and_exits_1(tmp_path: Path, course_dir: Path) -> None:
    first = course_dir / "01-welcome.yaml"
    first.write_text(first.read_text().replace("title: Hello", "titel: Hello"))
    third = course_dir / "03-moving.yaml"
    third.write_text(third.read_text().replace("style: tip", "style: hint"))
    result = ecouch("validate", "--format", "json", str(course_dir), cwd=tmp_path)
    assert result.returncode == 1
    assert json.loads(result.stdout) == [
        {
            "path": "course/01-welcome.yaml",
            "line": 12,
            "col": 5,
            "message": "unknown key 'titel' in page; did you mean 'title'?",
            "severity": "error",
        },
        {
            "path": "course/03-moving.yaml",
            "line": 22,
            "col": 16,
            "message": "'hint' is not allowed here (choose one of: note, tip, warning)",
            "severity": "error",
        },
    ]
    assert result.stderr == ""  # nothing but JSON, and on stdout


def test_warnings_alone_exit_0_in_both_formats(tmp_path: Path, course_dir: Path) -> None:
    crisis = (bundled_modules_dir() / "crisis_lines.yaml").read_text()
    verified = re.sub(r"(\n +)(taken: \d{4}-\d\d-\d\d)", rf"\1\2\1verified: {date.today()}", crisis)
    (course_dir / "crisis_lines.yaml").write_text(
        verified.replace(f"verified: {date.today()}", "verified: 2001-01-01", 1)
    )
    as_json = ecouch("validate", "--format", "json", str(course_dir), cwd=tmp_path)
    assert as_json.returncode == 0
    problems = json.loads(as_json.stdout)
    assert [p["severity"] for p in problems] == ["warning"]
    assert problems[0]["path"] == "course/crisis_lines.yaml"
    assert "last verified on 2001-01-01" in problems[0]["message"]
    as_text = ecouch("validate", str(course_dir), cwd=tmp_path)
    assert as_text.returncode == 0
    assert ": warning: Australia: 'Lifeline' was last verified on 2001-01-01" in as_text.stdout
    assert as_text.stdout.splitlines()[-1].endswith("no errors, 1 warning(s)")


@pytest.mark.parametrize(
    "args",
    [["--format", "xml"], ["--no-such-option"], ["--stats", "--format", "json"]],
)
def test_usage_errors_exit_2(tmp_path: Path, args: list[str]) -> None:
    result = ecouch("validate", *args, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""


def test_the_exit_codes_are_written_down() -> None:
    for code, meaning in (("0", "valid"), ("1", "error"), ("2", "usage error")):
        assert re.search(rf"^  {code}  .*{meaning}", EPILOG, re.M), code
    doc = AUTHORING.read_text(encoding="utf-8")
    assert "| 0 | valid: no errors (warnings are allowed) |" in doc
    assert "| 1 | at least one error |" in doc
    assert "| 2 | a usage error" in doc


def test_validate_help_shows_the_exit_codes(tmp_path: Path) -> None:
    result = ecouch("validate", "--help", cwd=tmp_path)
    assert "exit codes:" in result.stdout and "usage error" in result.stdout


# -- saved answers whose ids left the course -------------------------------------------


def save_reflection(data_dir: Path, module: str, page: str, block: str) -> None:
    with Store.open(data_dir / "ecouch.sqlite3", FixedClock(date(2026, 1, 5))) as store:
        store.save_entry(
            uid=entry_uid("reflection", module, page, block),
            module_id=module,
            page_id=page,
            block_id=block,
            kind="reflection",
            data={"text": "more time with friends"},
        )


def rename_hopes(course_dir: Path) -> int:
    """Rename block 'hopes'; return the line of its page, where the warning points."""
    module = course_dir / "01-welcome.yaml"
    lines = module.read_text().splitlines(keepends=True)
    module.write_text("".join(lines).replace("id: hopes", "id: my-hopes"))
    return next(n for n, line in enumerate(lines, 1) if line == "  - id: your-hopes\n")


def test_validate_warns_about_answers_saved_under_a_renamed_id(
    tmp_path: Path, course_dir: Path
) -> None:
    data = tmp_path / "data"
    save_reflection(data, "welcome", "your-hopes", "hopes")
    line = rename_hopes(course_dir)
    env = {"ECOUCH_DATA_DIR": str(data)}
    result = ecouch("--modules", str(course_dir), "validate", cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == [
        f"course/01-welcome.yaml:{line}:5: warning: 1 saved answer refers to block 'hopes' on "
        f"page 'your-hopes' of module 'welcome', which is no longer in the course: {ORPHANS}",
        "ok: 4 file(s), 3 module(s), 9 page(s), no errors, 1 warning(s)",
    ]
    as_json = ecouch(
        "--modules", str(course_dir), "validate", "--format", "json", cwd=tmp_path, env=env
    )
    assert as_json.returncode == 0
    [problem] = json.loads(as_json.stdout)
    assert problem["severity"] == "warning" and problem["line"] == line
    # Naming files to check is checking content, not the course in use: no store read.
    named = ecouch("validate", str(course_dir), cwd=tmp_path, env=env)
    assert "warning" not in named.stdout


def test_the_store_in_use_is_found_through_home_as_usual(tmp_path: Path, course_dir: Path) -> None:
    usual = default_data_dir(None)  # under the test's own HOME (see conftest)
    save_reflection(usual, "welcome", "your-hopes", "hopes")
    rename_hopes(course_dir)
    result = ecouch("validate", cwd=tmp_path, env={"ECOUCH_MODULES": str(course_dir)})
    assert result.returncode == 0
    assert "warning: 1 saved answer refers to block 'hopes'" in result.stdout


def test_validate_never_creates_a_store(tmp_path: Path) -> None:
    nowhere = tmp_path / "no-data-yet"
    result = ecouch("validate", cwd=tmp_path, env={"ECOUCH_DATA_DIR": str(nowhere)})
    assert result.returncode == 0
    assert not nowhere.exists()
    assert not default_data_dir(None).exists()


def test_an_unreadable_store_is_mentioned_not_fatal(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "ecouch.sqlite3").write_bytes(b"this is not a database" * 100)
    result = ecouch("validate", cwd=tmp_path, env={"ECOUCH_DATA_DIR": str(data)})
    assert result.returncode == 0
    assert "saved answers not checked against the course" in result.stderr


class Ref(NamedTuple):
    module_id: str
    page_id: str
    block_id: str
    kind: str


ID_COURSE = """\
id: m
week: 1
title: M
summary: M
pages:
  - id: a
    title: A
    blocks:
      - type: quiz
        id: q
        questions:
          - id: one
            prompt: P
            options:
              - {text: x, feedback: f, correct: true}
              - {text: y, feedback: f}
  - id: b
    title: B
    blocks:
      - type: reflection
        id: r
        prompt: P
      - type: activity_log
        id: log
  - id: c
    title: C
    blocks:
      - type: staying_well_plan
        id: plan
"""


def test_each_way_an_id_can_leave_the_course(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "c"
    root.mkdir()
    (root / "course.yaml").write_text("title: T\nmodules:\n  - m.yaml\n")
    (root / "m.yaml").write_text(ID_COURSE)
    course = load_course(root)
    assert not course.all_problems()
    saved = [
        Ref("m", "a", "q", "quiz"),  # still there
        Ref("m", "b", "log", "activity_log"),  # still there
        Ref("m", "a", "gone", "reflection"),  # block renamed
        Ref("m", "old", "r", "reflection"),  # single answer, moved page
        Ref("m", "old", "log", "activity_log"),  # a log's page does not matter
        Ref("m", "b", "q", "reflection"),  # same id, another type now
        Ref("m", "b", "old-log", "activity_log"),  # a log: still listed by kind
        Ref("m", "b", "old-log", "activity_log"),
        Ref("m", "c", "old-plan", "staying_well_plan"),  # shared: the plan block finds it
        Ref("gone", "p", "b", "quiz"),  # module renamed
        Ref("home", "home", "quick", "activity_log"),  # written outside the course
        Ref("m", "x", "y", "safety_plan"),  # not a course block
    ]
    found = [
        (p.path, p.line, p.col, p.severity, p.message) for p in saved_id_problems(course, saved)
    ]
    assert found == [
        (
            "c/course.yaml",
            3,
            3,
            "warning",
            f"1 saved answer refers to module 'gone', which is no longer in the course: {ORPHANS}",
        ),
        (
            "c/m.yaml",
            6,
            5,
            "warning",
            "1 saved answer refers to block 'gone' on page 'a' of module 'm', which is no "
            f"longer in the course: {ORPHANS}",
        ),
        (
            "c/m.yaml",
            9,
            9,
            "warning",
            "1 saved answer was written in block 'q' of module 'm' as type 'reflection', but "
            "that block is now type 'quiz': give a new exercise a new id",
        ),
        (
            "c/m.yaml",
            17,
            5,
            "warning",
            "2 saved answers refer to block 'old-log' on page 'b' of module 'm', which is no "
            "longer in the course: every activity_log block still lists them, but the "
            f"Workbook shows them read-only ({ORPHANS})",
        ),
        (
            "c/m.yaml",
            20,
            9,
            "warning",
            "1 saved answer was written in block 'r' of module 'm' on page 'old', but the "
            "block is now on page 'b': a single answer is kept by page, so it no longer shows",
        ),
    ]


# -- the editor schema -------------------------------------------------------------------


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    result = subprocess.run(
        [sys.executable, "-m", "ecouch_tui", "schema"], capture_output=True, text=True, check=True
    )
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def bundled_module_data() -> list[tuple[str, dict[str, Any]]]:
    manifest = yaml.safe_load((bundled_modules_dir() / "course.yaml").read_text())
    return [
        (name, yaml.safe_load((bundled_modules_dir() / name).read_text()))
        for name in manifest["modules"]
    ]


def test_the_schema_accepts_every_bundled_module_and_the_skeleton(
    validator: jsonschema.Draft202012Validator,
) -> None:
    modules = bundled_module_data()
    assert len(modules) == 12
    for name, module in modules:
        assert not list(validator.iter_errors(module)), name
    assert not list(validator.iter_errors(yaml.safe_load(skeleton("sleep-better", 13))))


def _unknown_key(module: dict[str, Any]) -> None:
    module["pages"][0]["blocks"][0]["colour"] = "red"


def _wrong_type(module: dict[str, Any]) -> None:
    module["week"] = "one"


def _unknown_block_type(module: dict[str, Any]) -> None:
    module["pages"][0]["blocks"][0]["type"] = "video"


def _missing_required(module: dict[str, Any]) -> None:
    del module["pages"][0]["title"]


def _bad_id(module: dict[str, Any]) -> None:
    module["pages"][0]["id"] = "Our First Page"


def _out_of_range(module: dict[str, Any]) -> None:
    module["week"] = 53


def _no_pages(module: dict[str, Any]) -> None:
    module["pages"] = []


@pytest.mark.parametrize(
    "break_it",
    [
        _unknown_key,
        _wrong_type,
        _unknown_block_type,
        _missing_required,
        _bad_id,
        _out_of_range,
        _no_pages,
    ],
)
def test_the_schema_rejects_a_broken_module(
    validator: jsonschema.Draft202012Validator, break_it: Any
) -> None:
    _name, module = bundled_module_data()[0]
    assert not list(validator.iter_errors(module))
    break_it(module)
    assert list(validator.iter_errors(module))


def test_schema_to_a_file(tmp_path: Path) -> None:
    result = ecouch("schema", "-o", "module.schema.json", cwd=tmp_path)
    assert result.returncode == 0
    assert json.loads((tmp_path / "module.schema.json").read_text())["title"] == "ecouch module"


def test_the_booster_schema_accepts_every_bundled_booster_and_needs_no_week(
    tmp_path: Path,
) -> None:
    result = ecouch("schema", "--booster", "-o", "booster.schema.json", cwd=tmp_path)
    assert result.returncode == 0
    schema = json.loads((tmp_path / "booster.schema.json").read_text())
    assert schema["title"] == "ecouch booster"
    booster = jsonschema.Draft202012Validator(schema)
    module = jsonschema.Draft202012Validator(json.loads(ecouch("schema", cwd=tmp_path).stdout))
    boosters = sorted((bundled_modules_dir() / "boosters").glob("*.yaml"))
    assert len(boosters) == 4
    for path in boosters:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert "week" not in data
        assert not list(booster.iter_errors(data)), path.name
        assert list(module.iter_errors(data)), "a module's schema asks for a week"


# -- docs/authoring.md: every example is valid -------------------------------------------


class _Regions(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    regions: list[Region]


class _Safety(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    safety: list[SafetyRule]


def yaml_examples() -> list[tuple[int, str]]:
    """(line, text) of every ```yaml fence in docs/authoring.md."""
    doc = AUTHORING.read_text(encoding="utf-8")
    return [
        (doc[: m.start()].count("\n") + 2, m.group(1))
        for m in re.finditer(r"^```yaml\n(.*?)^```", doc, re.M | re.S)
    ]


def as_module(blocks: str) -> str:
    return (
        "id: doc\nweek: 1\ntitle: Doc\nsummary: Doc\npages:\n  - id: p\n    title: P\n"
        "    blocks:\n" + textwrap.indent(blocks, " " * 6)
    )


def check_example(text: str, shown: str) -> str:
    """Validate one example by its shape; return what it was checked as."""
    data = yaml.safe_load(text)
    if isinstance(data, list) and all(isinstance(b, dict) and "type" in b for b in data):
        parse(as_module(text), Module, shown)
        return "blocks:" + ",".join(b["type"] for b in data)
    assert isinstance(data, dict), f"{shown}: an example of what?"
    if "pages" in data:
        parse(text, Module, shown)
        return "module"
    if "modules" in data:
        parse(text, CourseManifest, shown)
        return "manifest"
    if "items" in data:
        parse(text, Questionnaire, shown)
        return "questionnaire"
    if "regions" in data:
        parse(text, _Regions, shown)
        return "crisis lines"
    if set(data) == {"safety"}:
        parse(text, _Safety, shown)
        return "safety rules"
    raise AssertionError(f"{shown}: an example of what? {sorted(data)}")


def test_every_yaml_example_in_the_authoring_guide_is_valid() -> None:
    checked: list[str] = []
    for line, text in yaml_examples():
        try:
            checked.append(check_example(text, f"docs/authoring.md:{line}"))
        except ContentError as exc:
            pytest.fail(f"the example at docs/authoring.md:{line} is not valid:\n{exc}")
    shown_kinds = {k for c in checked if c.startswith("blocks:") for k in c[7:].split(",")}
    assert shown_kinds == set(kinds())  # every block type has its example
    for whole in ("module", "manifest", "questionnaire", "crisis lines", "safety rules"):
        assert whole in checked, whole


def test_the_guide_covers_what_authors_need() -> None:
    doc = AUTHORING.read_text(encoding="utf-8")
    for needed in (
        "(content-style.md)",
        "# yaml-language-server: $schema=module.schema.json",
        "ecouch schema -o modules/module.schema.json",
        "ecouch validate --format json",
        "ecouch preview modules/",
        "ecouch new-module sleep-better --week 13",
        "verified: YYYY-MM-DD",
        "Bands must cover every possible total",
        "Copy every text exactly",
        ORPHANS,
    ):
        assert needed in doc, needed
    for key in ("title", "subtitle", "unlock", "modules", "checkin.instrument",
                "checkin.every_days", "mood_tags"):  # fmt: skip
        assert f"| `{key}` |" in doc, key
    for kind in kinds():
        assert f"### {kind}\n" in doc, kind


def test_a_module_example_in_the_guide_works_with_the_schema(
    validator: jsonschema.Draft202012Validator,
) -> None:
    modules = [yaml.safe_load(t) for _, t in yaml_examples() if "pages:" in t]
    assert modules
    for module in modules:
        assert not list(validator.iter_errors(module))


# -- start-up stays light ----------------------------------------------------------------


def test_the_authoring_commands_import_without_textual() -> None:
    code = (
        "import sys\n"
        "import ecouch_tui.commands.validate, ecouch_tui.commands.new_module\n"
        "import ecouch_tui.commands.preview, ecouch_tui.content.validate\n"
        "print(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
