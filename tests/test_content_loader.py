"""The YAML loader on real files: the bundled course, and each way a file can be wrong."""

from __future__ import annotations

import textwrap
from pathlib import Path

import msgspec
import pytest

from ecouch_tui.content.loader import load_course, load_file
from ecouch_tui.content.models import Module
from ecouch_tui.content.problems import ContentError
from ecouch_tui.content.typecheck import Checker
from ecouch_tui.content.yaml_source import compose
from ecouch_tui.paths import bundled_modules_dir

GOOD = """\
id: sample
week: 1
title: A sample
summary: Short.
pages:
  - id: one
    title: One
    blocks:
      - type: markdown
        text: Hello.
      - type: quiz
        id: q
        questions:
          - id: first
            prompt: Which?
            options:
              - text: This
                correct: true
                feedback: Yes.
              - text: That
                feedback: No.
      - type: reflection
        id: note
        prompt: Write.
"""


def write(tmp_path: Path, text: str, name: str = "module.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_file(path, Module)
    return [str(p) for p in caught.value.problems]


def test_bundled_course_loads_cleanly() -> None:
    course = load_course(bundled_modules_dir())
    assert course.all_problems() == []
    assert [e.week for e in course.entries] == list(range(1, len(course.entries) + 1))
    assert course.crisis is not None
    assert course.checkin_instrument is not None


def test_good_module_becomes_typed_model(tmp_path: Path) -> None:
    module = load_file(write(tmp_path, GOOD), Module)
    assert module.id == "sample"
    quiz = module.pages[0].blocks[1]
    assert quiz.kind == "quiz"
    assert quiz.questions[0].correct == frozenset({0})  # type: ignore[attr-defined]


def test_unknown_key_has_position_and_suggestion(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("title: A sample", "titel: A sample"))
    # The suggestion already says what is missing, so 'title' is not reported twice.
    message = f"{path}:3:1: unknown key 'titel' in module; did you mean 'title'?"
    assert problems_of(path) == [message]


def test_duplicate_mapping_key(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("summary: Short.\n", "summary: Short.\nsummary: Again.\n"))
    assert f"{path}:5:1: duplicate key 'summary' (first given on line 4)" in problems_of(path)


def test_duplicate_ids_are_errors(tmp_path: Path) -> None:
    twice = GOOD + "  - id: one\n    title: Again\n    blocks:\n      - type: markdown\n"
    twice += "        text: Hi.\n      - type: reflection\n        id: note\n        prompt: P.\n"
    path = write(tmp_path, twice)
    found = problems_of(path)
    assert f"{path}:25:9: page id 'one' is used twice in this module" in found
    assert f"{path}:31:13: block id 'note' is used twice in this module" in found


def test_wrong_type_says_what_was_expected(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("week: 1", "week: one").replace("title: One", "title: 7"))
    found = problems_of(path)
    assert f"{path}:2:7: expected a whole number, got text" in found
    assert any(f"{path}:7:12: expected text, got a number (7)" in p for p in found)


def test_every_problem_is_reported_not_just_the_first(tmp_path: Path) -> None:
    broken = GOOD.replace("week: 1", "week: 0").replace("type: markdown", "type: markdwn")
    broken = broken.replace("prompt: Write.", "promt: Write.")
    path = write(tmp_path, broken)
    found = problems_of(path)
    assert f"{path}:2:7: must be at least 1, got 0" in found
    typo = f"{path}:9:15: unknown block type 'markdwn'; did you mean 'markdown'?"
    assert any(typo in p for p in found)
    assert f"{path}:24:9: unknown key 'promt' in reflection block; did you mean 'prompt'?" in found
    assert len(found) == 3


def test_quiz_rules_beyond_types(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("                correct: true\n", ""))
    found = problems_of(path)
    assert any(
        f"{path}:14:13: a single-choice question needs exactly one 'correct: true'" in p
        for p in found
    )


def test_yaml_syntax_error_is_located(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("title: One", "title: [One"))
    (problem,) = problems_of(path)
    assert problem.startswith(f"{path}:8:") and "YAML syntax" in problem


def test_empty_and_non_utf8_files(tmp_path: Path) -> None:
    empty = write(tmp_path, "", "empty.yaml")
    assert problems_of(empty) == [f"{empty}:1:1: the file is empty"]
    latin = tmp_path / "latin.yaml"
    latin.write_bytes(b"id: x\ntitle: caf\xe9\n")
    assert problems_of(latin) == [f"{latin}:2:11: not UTF-8 text (save as UTF-8)"]


def test_python_tags_are_never_constructed(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    evil = GOOD.replace(
        "summary: Short.", f"summary: !!python/object/apply:os.system ['touch {marker}']"
    )
    found = problems_of(write(tmp_path, evil))
    assert any(":4:10:" in p for p in found)
    assert not marker.exists()


def test_merge_keys_are_refused(tmp_path: Path) -> None:
    text = GOOD.replace("summary: Short.", "base: &b {summary: Short.}\n<<: *b")
    found = problems_of(write(tmp_path, text))
    assert any("merge keys ('<<') are not supported" in p for p in found)


def _bomb(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    lines.append(f"items: *a{levels - 1}")
    return "\n".join(lines) + "\n"


class Deep(msgspec.Struct, forbid_unknown_fields=False):
    """A model deep enough that every level of the bomb type-checks and would expand."""

    items: list[list[list[list[list[list[list[list[list[str]]]]]]]]]


def test_alias_bomb_is_rejected_without_expanding() -> None:
    # 9 levels of 9 aliases expand to 9**9 (387 million) strings; the walk stops at its
    # budget instead, after visiting a bounded number of nodes.
    checker = Checker("bomb.yaml", budget=50_000)
    assert checker.check(compose(_bomb(), "bomb.yaml"), Deep) is None
    (problem,) = checker.problems
    assert "alias bomb" in problem.message
    assert problem.line == 1


def test_alias_bomb_as_a_module_file(tmp_path: Path) -> None:
    found = problems_of(write(tmp_path, _bomb()))
    assert found  # refused with located messages, never expanded


def test_a_broken_module_leaves_the_rest_of_the_course_working(course_dir: Path) -> None:
    second = course_dir / "02-thoughts.yaml"
    second.write_text(second.read_text().replace("title: The cycle", "titel: The cycle"))
    course = load_course(course_dir)
    entry = course.entries[1]
    assert not entry.available
    assert entry.title == "Thoughts, feelings and actions"  # still named on the home screen
    assert "unknown key 'titel' in page" in str(entry.first_error)
    assert [e.available for e in course.entries] == [True, False, True]


def test_manifest_week_must_match_module(course_dir: Path) -> None:
    manifest = course_dir / "course.yaml"
    manifest.write_text(
        manifest.read_text().replace(
            "  - 02-thoughts.yaml\n  - 03-moving.yaml", "  - 03-moving.yaml\n  - 02-thoughts.yaml"
        )
    )
    course = load_course(course_dir)
    assert not course.entries[1].available
    problem = course.entries[1].first_error
    assert problem is not None and problem.line == 3
    assert "says 'week: 3' but course.yaml lists it as week 2" in problem.message


def test_missing_module_file_is_unavailable(course_dir: Path) -> None:
    (course_dir / "03-moving.yaml").unlink()
    course = load_course(course_dir)
    assert str(course.entries[2].first_error).endswith("03-moving.yaml:1:1: file not found")


def test_broken_manifest_is_a_course_problem(course_dir: Path) -> None:
    (course_dir / "course.yaml").write_text("title: x\nunlock: weakly\nmodules: []\n")
    course = load_course(course_dir)
    assert course.manifest is None
    messages = [p.message for p in course.problems]
    assert any("'weakly' is not allowed here; did you mean 'weekly'?" in m for m in messages)
    assert any("needs at least 1 item(s)" in m for m in messages)
