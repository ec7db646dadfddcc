"""Both of PyYAML's parsers read the bundled course alike, and `ecouch validate` warns
about YAML that other readers would read differently.

ecouch reads with libyaml (CSafeLoader) where it is installed and with PyYAML's pure-Python
SafeLoader where not; `use_pure_loader()` forces the second, so these tests see what a
machine without libyaml would. The course is loaded with `load_course` itself (never
through the content cache, which would hand back what the first load read).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import run_ecouch
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ecouch_tui.content.board_rules import BoardRules
from ecouch_tui.content.crisis import CrisisDirectory
from ecouch_tui.content.loader import load_course, parse, read_text
from ecouch_tui.content.models import Booster, CourseManifest, Module
from ecouch_tui.content.portable import portability_problems
from ecouch_tui.content.problems import ContentError
from ecouch_tui.content.questionnaire import Questionnaire
from ecouch_tui.content.validate import validate_paths
from ecouch_tui.content.yaml_source import (
    LIBYAML_LOADER,
    PURE_LOADER,
    compose,
    use_pure_loader,
)
from ecouch_tui.paths import CRISIS_NAME, MANIFEST_NAME, QUESTIONNAIRES_DIR, bundled_modules_dir

BUNDLED = bundled_modules_dir()
FILES = sorted(BUNDLED.rglob("*.yaml"))
NAMES = [str(p.relative_to(BUNDLED)) for p in FILES]

needs_libyaml = pytest.mark.skipif(LIBYAML_LOADER is None, reason="PyYAML built without libyaml")


def model_of(path: Path) -> type:
    if path.parent.name == QUESTIONNAIRES_DIR:
        return Questionnaire
    if path.parent.name == "boosters":
        return Booster
    if path.parent.name == "board":
        return BoardRules
    return {MANIFEST_NAME: CourseManifest, CRISIS_NAME: CrisisDirectory}.get(path.name, Module)


def shape(node: Node) -> Any:
    """A node tree as plain data: kind, tag, value, whether plain, and where it starts
    and ends (libyaml says '' for a plain scalar's style, the pure parser None)."""
    at = (node.start_mark.line, node.start_mark.column, node.end_mark.line, node.end_mark.column)
    if isinstance(node, ScalarNode):
        return ("scalar", node.tag, node.value, node.style or None, at)
    if isinstance(node, SequenceNode):
        return ("list", node.tag, at, [shape(n) for n in node.value])
    assert isinstance(node, MappingNode)
    return ("map", node.tag, at, [(shape(k), shape(v)) for k, v in node.value])


# -- the bundled course, with each parser ------------------------------------------------


def test_every_bundled_file_is_checked() -> None:
    assert {"course.yaml", "crisis_lines.yaml", "questionnaires/k10.yaml"} <= set(NAMES)
    assert "questionnaires/phq9.yaml" in NAMES and len(NAMES) >= 16


@pytest.mark.parametrize("path", FILES, ids=NAMES)
def test_each_bundled_file_composes_with_the_pure_loader(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    with use_pure_loader():
        tree = compose(text, path.name)
    assert isinstance(tree, MappingNode)
    if LIBYAML_LOADER is not None:
        assert shape(tree) == shape(compose(text, path.name, LIBYAML_LOADER))


@pytest.mark.parametrize("path", FILES, ids=NAMES)
def test_each_bundled_file_means_the_same_to_both_loaders(path: Path) -> None:
    """The model and where each value came from (what every message points at)."""
    text = read_text(path, path.name)
    positions: dict[Any, tuple[int, int]] = {}
    usual = parse(text, model_of(path), path.name, positions)
    pure_positions: dict[Any, tuple[int, int]] = {}
    with use_pure_loader():
        pure = parse(text, model_of(path), path.name, pure_positions)
    assert pure == usual
    assert pure_positions == positions and positions


def test_the_whole_bundled_course_loads_the_same_with_the_pure_loader() -> None:
    usual = load_course(BUNDLED, show=str)
    with use_pure_loader():
        pure = load_course(BUNDLED, show=str)
    assert usual.all_problems() == [] and len(usual.modules) == 12
    assert usual.crisis is not None and {q.id for q in usual.questionnaires} >= {"phq9", "k10"}
    assert pure == usual  # msgspec Structs: every field, all the way down


@needs_libyaml
def test_use_pure_loader_really_switches_and_switches_back() -> None:
    """The k10 line as it was: libyaml reads it, the pure-Python parser cannot."""
    text = "items:\n  - {id: tired, text: tired out for no good reason?}\n"
    assert compose(text, "k10.yaml").start_mark.line == 0
    with pytest.raises(ContentError) as caught, use_pure_loader():
        compose(text, "k10.yaml")
    (problem,) = caught.value.problems
    assert (problem.path, problem.line) == ("k10.yaml", 2)
    assert compose(text, "k10.yaml") is not None  # back to libyaml after the block


@needs_libyaml
def test_the_bundled_course_has_nothing_to_warn_about() -> None:
    for path in FILES:
        assert portability_problems(path.read_text(encoding="utf-8"), path.name) == [], path


def test_the_app_load_path_never_reads_twice() -> None:
    """Loading a course (as the app starts) does not even import the portability check."""
    code = (
        "import sys\n"
        "from ecouch_tui.content.loader import load_course\n"
        "from ecouch_tui.paths import bundled_modules_dir\n"
        "load_course(bundled_modules_dir())\n"
        "print('ecouch_tui.content.portable' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# -- what validate warns about -----------------------------------------------------------

#: (a line of a file, the unquoted value in it, words the warning must say).
PLAIN = [
    ("a: yes", "yes", ["true/false", "ecouch reads true", '"yes"']),
    ("a: No", "No", ["true/false", "ecouch reads false", '"No"']),
    ("a: ON", "ON", ["true/false", '"ON"']),
    ("a: off", "off", ["true/false", '"off"']),
    ("a: y", "y", ["true/false", '"y"']),
    ("a: N", "N", ["true/false", '"N"']),
    ("a: 1:30", "1:30", ["base-60", "the number 90", '"1:30"']),
    ("a: 0777", "0777", ["leading zero", "the number 511", "the number 777", '"0777"']),
    ("a: 08", "08", ["leading zero", "the number 8", '"08"']),
    ("a: 0o17", "0o17", ["octal", "the number 15", "write 15", '"0o17"']),
    ("a: 0b101", "0b101", ["binary", "write 5"]),
    ("a: 1_000", "1_000", ["underscores", "write 1000"]),
    ("a: 1e5", "1e5", ["exponent", "100000.0"]),
    ("a: =", "=", ["'='", 'quote it: "="']),
    ("<<: {b: 1}", "<<", ["merge key", "write the keys out"]),
]


@pytest.mark.parametrize(("line", "value", "words"), PLAIN, ids=[p[1] for p in PLAIN])
def test_plain_values_yaml_1_1_and_1_2_read_differently(
    line: str, value: str, words: list[str]
) -> None:
    text = f"title: x\n{line}\n"
    (warning,) = portability_problems(text, "f.yaml")
    assert (warning.path, warning.line, warning.col) == ("f.yaml", 2, line.index(value) + 1)
    assert warning.severity == "warning"
    for word in words:
        assert word in warning.message, warning.message


@pytest.mark.parametrize(
    "value",
    ["true", "False", "null", "~", "12", "-3", "+4", "1.5", "1.5e+3", ".inf", "-.Inf", ".nan",
     "0x1F", "2026-11-23", '"yes"', "'1:30'", "!!str yes", "|\n  yes", "yes please", "a?b"],
)  # fmt: skip
def test_values_every_reader_agrees_on_are_not_warned_about(value: str) -> None:
    assert portability_problems(f"title: {value}\n", "f.yaml") == []


@needs_libyaml
@pytest.mark.parametrize(
    ("text", "at", "words"),
    [
        ("items: [a, b?]\n", (1, 12), ["'?'", "inside [ ] or { }", 'quote it: "b?"']),
        ("x: {t: why? because}\n", (1, 8), ["'?'", 'quote it: "why? because"']),
        ("title:\tHello\n", (1, 7), ["a tab here", "use spaces"]),
        ("title: Hello\t\n", (1, 13), ["a tab here", "use spaces"]),
        ("items: [a,\n\tb]\n", (2, 1), ["a tab here", "use spaces"]),
        ("title: !\n", (1, 8), ["libyaml reads", "nothing (null)"]),
    ],
    ids=["question-mark", "question-mark-mid-text", "tab", "trailing-tab", "tab-in-flow", "bang"],
)
def test_what_only_libyaml_reads_is_warned_about(
    text: str, at: tuple[int, int], words: list[str]
) -> None:
    (warning,) = portability_problems(text, "f.yaml")
    assert (warning.line, warning.col, warning.severity) == (*at, "warning")
    assert "pure-Python" in warning.message
    for word in words:
        assert word in warning.message, warning.message


@needs_libyaml
def test_every_such_place_is_found_not_just_the_first() -> None:
    """The pure-Python parser stops at its first error; each place is still found."""
    text = "items:\n" + "".join(f"  - {{id: q{i:02}, text: question {i}?}}\n" for i in range(12))
    warnings = portability_problems(text, "q.yaml")
    assert [(w.line, w.col) for w in warnings] == [(i + 2, 21) for i in range(12)]
    assert [w.message.rpartition("quote it: ")[2] for w in warnings] == [
        f'"question {i}?"' for i in range(12)
    ]


def test_a_file_that_does_not_parse_has_only_its_error() -> None:
    assert portability_problems("title: [yes\n", "f.yaml") == []


# -- ecouch validate, as a user runs it ---------------------------------------------------


def unquoted_k10() -> str:
    """The bundled K10 with its item texts unquoted again, as it once was."""
    text = (BUNDLED / QUESTIONNAIRES_DIR / "k10.yaml").read_text(encoding="utf-8")
    unquoted, count = re.subn(r'text: "([^"]*)"\}', r"text: \1}", text)
    assert count == 10
    return unquoted


def place(text: str, needle: str, offset: int = 0) -> tuple[int, int]:
    """1-based line and column of `needle` (plus `offset` characters) in `text`."""
    at = text.index(needle) + offset
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


def test_validate_warns_about_yaml_1_1_values_and_exits_0(tmp_path: Path, course_dir: Path) -> None:
    module = course_dir / "01-welcome.yaml"
    text = module.read_text(encoding="utf-8")
    assert "                correct: true\n" in text and "minutes: 10\n" in text
    text = text.replace("correct: true", "correct: yes", 1).replace("minutes: 10", "minutes: 1_0")
    module.write_text(text, encoding="utf-8")
    yes_line, yes_col = place(text, "correct: yes", len("correct: "))
    ten_line, ten_col = place(text, "minutes: 1_0", len("minutes: "))

    result = run_ecouch("validate", "course", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert f"course/01-welcome.yaml:{ten_line}:{ten_col}: warning: '1_0' is a number" in "\n".join(
        lines
    )
    assert any(
        line.startswith(f"course/01-welcome.yaml:{yes_line}:{yes_col}: warning: 'yes' unquoted")
        and 'quote it: "yes"' in line
        for line in lines
    ), lines
    assert lines[-1].endswith("no errors, 2 warning(s)")

    as_json = run_ecouch("validate", "--format", "json", "course/01-welcome.yaml", cwd=tmp_path)
    assert as_json.returncode == 0, as_json.stderr
    found = json.loads(as_json.stdout)
    assert [(p["line"], p["col"], p["severity"]) for p in found] == [
        (ten_line, ten_col, "warning"),
        (yes_line, yes_col, "warning"),
    ]
    assert all(p["path"] == "course/01-welcome.yaml" for p in found)


@needs_libyaml
def test_validate_warns_where_only_libyaml_reads_a_questionnaire(
    tmp_path: Path, course_dir: Path
) -> None:
    folder = course_dir / QUESTIONNAIRES_DIR
    folder.mkdir()
    (folder / "phq9.yaml").write_bytes((BUNDLED / QUESTIONNAIRES_DIR / "phq9.yaml").read_bytes())
    text = unquoted_k10()
    (folder / "k10.yaml").write_text(text, encoding="utf-8")

    result = run_ecouch("validate", "course", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    warnings = [line for line in result.stdout.splitlines() if ": warning: " in line]
    assert len(warnings) == 10
    line, col = place(text, "tired out for", 0)
    assert warnings[0].startswith(f"course/questionnaires/k10.yaml:{line}:{col}: warning: ")
    assert "'?'" in warnings[0] and 'quote it: "tired out for no good reason?"' in warnings[0]
    assert result.stdout.splitlines()[-1].endswith("no errors, 10 warning(s)")

    alone = run_ecouch("validate", "course/questionnaires/k10.yaml", cwd=tmp_path)
    assert alone.returncode == 0 and alone.stdout.count(": warning: ") == 10


@needs_libyaml
def test_validate_warns_about_a_tab_in_a_lone_module(tmp_path: Path, course_dir: Path) -> None:
    module = course_dir / "02-thoughts.yaml"
    text = module.read_text(encoding="utf-8").replace("title: ", "title:\t", 1)
    module.write_text(text, encoding="utf-8")
    line, col = place(text, "\t")
    result = run_ecouch("validate", "course/02-thoughts.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith(
        f"course/02-thoughts.yaml:{line}:{col}: warning: a tab here: libyaml reads it"
    )
    assert "use spaces" in result.stdout and "no errors, 1 warning(s)" in result.stdout


def test_an_error_and_a_warning_never_point_at_the_same_place(course_dir: Path) -> None:
    """`title: yes` is an error (not text): its fix is said once, by the error."""
    module = course_dir / "01-welcome.yaml"
    text = module.read_text(encoding="utf-8").replace("title: Hello", "title: yes", 1)
    module.write_text(text, encoding="utf-8")
    report = validate_paths([course_dir])
    line, col = place(text, "title: yes", len("title: "))
    at_the_place = [p for p in report.problems if (p.line, p.col) == (line, col)]
    assert [p.severity for p in at_the_place] == ["error"]
    assert 'put it in quotes: "yes"' in at_the_place[0].message


def test_warnings_are_the_same_in_text_and_json(tmp_path: Path) -> None:
    path = tmp_path / "sleep.yaml"
    path.write_text(
        "id: sleep\nweek: 1\ntitle: Sleep\nsummary: s\nminutes: 0777\npages:\n"
        "  - id: p\n    title: P\n    blocks:\n      - type: markdown\n        text: Hi.\n",
        encoding="utf-8",
    )
    text = run_ecouch("validate", "sleep.yaml", cwd=tmp_path)
    as_json = run_ecouch("validate", "--format", "json", "sleep.yaml", cwd=tmp_path)
    assert (text.returncode, as_json.returncode) == (0, 0), text.stdout + text.stderr
    (problem,) = json.loads(as_json.stdout)
    assert text.stdout.splitlines()[0] == f"sleep.yaml:5:10: warning: {problem['message']}"
    assert (problem["path"], problem["line"], problem["col"]) == ("sleep.yaml", 5, 10)


def test_the_pure_loader_is_pyyamls_own() -> None:
    assert PURE_LOADER is yaml.SafeLoader
    assert LIBYAML_LOADER is getattr(yaml, "CSafeLoader", None)
