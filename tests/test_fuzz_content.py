"""Bad content never crashes the loader: property-based tests with hypothesis.

Random text, YAML-shaped trees and mutations of the real bundled files (lines deleted,
duplicated, swapped and re-indented, nasty values, anchors and aliases, tags, junk
bytes, deep nesting) go through `parse`, `load_file`, `load_course` (and the cached
load the app uses) and `ecouch validate`. The property: only ContentError ever comes
out (load_course raises nothing at all), and every problem has a place (line, col >= 1).

Runs are repeatable (derandomize, no example database) and bounded (max_examples),
with no deadline: slow machines must not turn into failures. Each crash these tests
found has a plain regression test at the end of the file.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import tempfile
from contextlib import nullcontext
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import run_ecouch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecouch_tui.cli import main as cli_main
from ecouch_tui.content.cache import load_course_cached
from ecouch_tui.content.crisis import CrisisDirectory
from ecouch_tui.content.loader import (
    LoadedCourse,
    load_course,
    load_file,
    load_module_entry,
    parse,
)
from ecouch_tui.content.models import Booster, CourseManifest, Module
from ecouch_tui.content.problems import ContentError, Problem
from ecouch_tui.content.questionnaire import Questionnaire
from ecouch_tui.content.yaml_source import MAX_DEPTH, _depth_bound, compose, use_pure_loader
from ecouch_tui.paths import bundled_modules_dir

BUNDLED = bundled_modules_dir()

#: Every kind of file a course holds, with the model it is checked against.
SOURCES: dict[str, type] = {
    "05-thoughts.yaml": Module,
    "09-relaxation.yaml": Module,
    "07-relationships.yaml": Module,
    "12-staying-well.yaml": Module,
    "course.yaml": CourseManifest,
    "crisis_lines.yaml": CrisisDirectory,
    "questionnaires/phq9.yaml": Questionnaire,
    "questionnaires/k10.yaml": Questionnaire,
    "boosters/1-month.yaml": Booster,
}


def _course_texts() -> dict[str, str]:
    """The bundled files as a small course of their own: the modules renumbered 1-4 in
    the order listed, and a manifest that lists just them."""
    texts = {name: (BUNDLED / name).read_text(encoding="utf-8") for name in SOURCES}
    modules = [name for name, model in SOURCES.items() if model is Module]
    for week, name in enumerate(modules, 1):
        texts[name] = re.sub(r"(?m)^week: \d+$", f"week: {week}", texts[name], count=1)
    head = texts["course.yaml"].split("\nmodules:\n")[0]
    # One follow-up, with its booster; no outcomes (their questionnaire is not here).
    head = re.sub(r"(?m)^(follow_up|outcomes|early_warning):\n(?:[ #].*\n|\n)*", "", head + "\n")
    head += (
        "follow_up:\n  - id: 1-month\n    months: 1\n    title: 1 month on\n"
        "    module: boosters/1-month.yaml"
    )
    texts["course.yaml"] = head + "\nmodules:\n" + "".join(f"  - {n}\n" for n in modules)
    return texts


TEXTS = _course_texts()
MODELS = [Module, CourseManifest, CrisisDirectory, Questionnaire]

#: Values that have broken YAML loaders somewhere: explicit tags, impossible dates,
#: numbers of every extreme, aliases to nowhere, Python object tags, control bytes.
NASTY = [
    "!!python/object:os.system x",
    "!!python/object/apply:os.system ['true']",
    "!!python/name:os.system",
    "!!int abc",
    "!!int 0x",
    "!!float abc",
    "!!bool maybe",
    "!!timestamp yesterday",
    "!!binary '%%%'",
    "!!binary aGVsbG8=",
    "!!set {a, b}",
    "!!omap [a: 1]",
    "!!value x",
    "!!merge x",
    "!!str",
    "!!null x",
    "!local x",
    "!<tag:example.com,2000:x> y",
    ".nan",
    "-.inf",
    "1e999",
    "9" * 5000,
    "-" + "9" * 30,
    "99999999999999999999",
    "0x_",
    "0o",
    "0b2",
    "2020-02-30",
    "2024-01-01 10:00:00",
    "9999-12-31",
    "0001-01-01",
    "*nowhere",
    "&anchor",
    "<<: {a: 1}",
    "~",
    "yes",
    "",
    "|",
    ">-",
    "'unterminated",
    '"\\x00 nul"',
    '"\\u2028 line separator"',
    '"\\e[2J escape"',
    "\t tab",
    "[" * 20 + "]" * 20,
    "[" * 600 + "]" * 600,
    "{a: [b, {c: d}]}",
    "[a: [b: [c: d]]]",
    "@reserved",
    "`reserved",
    "% directive",
    "--- second",
    "...",
]

#: Junk to splice into the bytes of a file: invalid UTF-8, a UTF-16 BOM, NUL, escapes.
JUNK = [b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\x00", b"\xfe\xff", b"\x1b[2J", b"\x80\x80"]

FUZZ = settings(
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def fuzz(examples: int) -> settings:
    """Repeatable and bounded: a fixed number of examples, the same ones on every run."""
    return settings(FUZZ, max_examples=examples)


def assert_located(problems: list[Problem]) -> None:
    assert problems, "a ContentError must say what is wrong"
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.line >= 1 and problem.col >= 1, problem
        assert problem.message.strip(), problem


def parse_or_content_error(text: str, model: type) -> Any:
    """The property: parse returns a model or raises ContentError with located problems."""
    try:
        value = parse(text, model, "fuzz.yaml", {})
    except ContentError as exc:
        assert_located(exc.problems)
        return None
    assert isinstance(value, model)
    return value


# -- strategies ------------------------------------------------------------------------

YAMLISH = st.lists(
    st.one_of(
        st.sampled_from(list("-:?[]{},&*!|>'\"#%@`~. \n\t0123456789")),
        st.sampled_from(["id", "week", "title", "pages", "blocks", "type", "\n  ", "\n- "]),
        st.sampled_from(NASTY),
        st.characters(exclude_categories=["Cs"]),
    ),
    max_size=120,
).map("".join)


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, str]:
    """A real bundled file, changed in one to four of the ways people break files."""
    name = draw(st.sampled_from(sorted(SOURCES)))
    lines = TEXTS[name].splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            lines = ["\n"]
        i = draw(st.integers(0, len(lines) - 1))
        j = draw(st.integers(0, len(lines) - 1))
        op = draw(
            st.sampled_from(
                ["delete", "duplicate", "swap", "indent", "value", "insert", "alias", "truncate"]
            )
        )
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(j, lines[i])
        elif op == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "indent":
            change = draw(st.sampled_from([" ", "  ", "   ", "\t", "-", "dedent"]))
            lines[i] = lines[i].lstrip(" ") if change == "dedent" else change + lines[i]
        elif op == "value":
            key, sep, _ = lines[i].partition(": ")
            value = draw(st.sampled_from(NASTY) | st.text(max_size=12))
            lines[i] = f"{key}{sep or ': '}{value}\n"
        elif op == "insert":
            at = draw(st.integers(0, len(lines[i])))
            junk = draw(st.sampled_from(NASTY) | st.text(max_size=8))
            lines[i] = lines[i][:at] + junk + lines[i][at:]
        elif op == "alias":
            key, sep, value = lines[i].partition(": ")
            if sep:
                lines[i] = f"{key}: &a {value}"
            other, sep, _ = lines[j].partition(": ")
            lines[j] = f"{other}: *a\n" if sep else f"{lines[j].rstrip()} *a\n"
        else:
            del lines[i:]
    return name, "".join(lines)


KEYS = st.sampled_from(
    ["id", "week", "title", "summary", "pages", "blocks", "type", "text", "prompt", "questions",
     "options", "correct", "feedback", "modules", "regions", "code", "lines", "taken",
     "items", "bands", "min", "max", "value", "safety", "item", "above", "exercise", "pmr",
     "breathing", "inhale", "groups", "unlock", "checkin", "instrument", "references", "year"]
)  # fmt: skip
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(),
    st.text(max_size=20),
    st.dates(),
    st.sampled_from(["markdown", "quiz", "reflection", "thought_record", "relaxation", "pmr",
                     "weekly", "phq9", "AU", "other", "breathing", "callout", "get_help"]),
)  # fmt: skip
TREES = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(KEYS, children, max_size=6),
    max_leaves=40,
)


@st.composite
def yaml_trees(draw: st.DrawFn) -> str:
    """YAML-shaped data with the models' own key names, so the checker goes deep."""
    tree = draw(st.dictionaries(KEYS, TREES, min_size=1, max_size=8))
    return yaml.safe_dump(tree, allow_unicode=draw(st.booleans()), sort_keys=False)


# -- parse --------------------------------------------------------------------------------


@fuzz(200)
@given(text=YAMLISH, model=st.sampled_from(MODELS))
def test_random_text_parses_or_is_a_content_error(text: str, model: type) -> None:
    parse_or_content_error(text, model)


@pytest.mark.slow
@fuzz(150)
@given(text=yaml_trees(), model=st.sampled_from(MODELS))
def test_yaml_shaped_trees_parse_or_are_a_content_error(text: str, model: type) -> None:
    parse_or_content_error(text, model)


@fuzz(250)
@given(source=mutated())
def test_mutated_real_files_parse_or_are_a_content_error(source: tuple[str, str]) -> None:
    name, text = source
    parse_or_content_error(text, SOURCES[name])


@fuzz(150)
@given(source=mutated())
def test_the_cheap_nesting_bound_never_underestimates(source: tuple[str, str]) -> None:
    """compose skips the exact depth walk when `_depth_bound` is small: it must be a
    true upper bound, or a deep file could reach libyaml's recursive composer."""
    _, text = source
    nested = "- " * 7 + "[a: {b: [" * 3
    for candidate in (text, nested + text, text.replace("\n", "\n" + nested, 1)):
        depth = deepest = 0
        loader = yaml.CSafeLoader(candidate)
        try:
            while loader.check_event():
                event = loader.get_event()
                if isinstance(event, yaml.CollectionStartEvent):
                    depth += 1
                    deepest = max(deepest, depth)
                elif isinstance(event, yaml.CollectionEndEvent):
                    depth -= 1
        except yaml.YAMLError:
            pass
        finally:
            loader.dispose()
        assert deepest <= _depth_bound(candidate)


# -- files ----------------------------------------------------------------------------------


@fuzz(120)
@given(
    source=mutated(),
    junk=st.lists(
        st.tuples(st.floats(0, 1), st.sampled_from(JUNK) | st.binary(min_size=1, max_size=4)),
        max_size=3,
    ),
)
def test_mutated_bytes_load_or_are_a_content_error(
    source: tuple[str, str], junk: list[tuple[float, bytes]]
) -> None:
    name, text = source
    raw = text.encode("utf-8")
    for where, piece in junk:
        at = int(where * len(raw))
        raw = raw[:at] + piece + raw[at:]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / Path(name).name
        path.write_bytes(raw)
        try:
            load_file(path, SOURCES[name])
        except ContentError as exc:
            assert_located(exc.problems)
        if SOURCES[name] is Module:
            entry = load_module_entry(path, None)
            assert 1 <= entry.week <= 52 and entry.title
            assert (entry.module is None) == bool(entry.problems)


def make_course(folder: Path) -> Path:
    """A small real course: four bundled modules, the crisis lines and the questionnaires."""
    root = folder / "course"
    (root / "questionnaires").mkdir(parents=True)
    (root / "boosters").mkdir()
    for name, text in TEXTS.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def assert_course_located(course: LoadedCourse) -> None:
    for problem in course.all_problems():
        assert problem.line >= 1 and problem.col >= 1, problem
    for entry in course.entries:
        assert (entry.module is None) == bool(entry.problems)


@pytest.fixture(scope="module")
def course_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One course for a whole module: each example breaks one file, then `restore`s it."""
    root = make_course(tmp_path_factory.mktemp("fuzz"))
    shutil.copytree(root, root.with_name("pristine"))
    return root


def restore(root: Path, name: str) -> None:
    shutil.copy(root.with_name("pristine") / name, root / name)


def test_the_fuzzed_course_is_valid_before_mutation(course_copy: Path) -> None:
    course = load_course(course_copy)
    assert course.all_problems() == []
    assert len(course.modules) == 4


@pytest.mark.slow
@fuzz(60)
@given(source=mutated(), junk=st.sampled_from([b"", *JUNK]))
def test_a_course_with_a_broken_file_always_loads(
    course_copy: Path, source: tuple[str, str], junk: bytes
) -> None:
    """load_course (and the cached load the app starts with) never raises at all."""
    name, text = source
    target = course_copy / name
    raw = text.encode("utf-8")
    target.write_bytes(raw[: len(raw) // 2] + junk + raw[len(raw) // 2 :])
    try:
        course = load_course(course_copy)
        assert_course_located(course)
        with tempfile.TemporaryDirectory() as cache:
            first = load_course_cached(course_copy, Path(cache))
            again = load_course_cached(course_copy, Path(cache))  # from the cache file
        assert_course_located(first)
        assert again == first
    finally:
        restore(course_copy, name)


@pytest.mark.slow
@fuzz(40)
@given(source=mutated(), as_json=st.booleans())
def test_validate_prints_only_located_problems(
    course_copy: Path, source: tuple[str, str], as_json: bool
) -> None:
    """`ecouch validate` on a broken course: exit 0 or 1 and only `path:line:col` lines."""
    name, text = source
    target = course_copy / name
    target.write_text(text, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    args = ["validate", str(course_copy), *(["--format", "json"] if as_json else ["--stats"])]
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli_main(args)
        single = ["validate", str(target), *(["--format", "json"] if as_json else [])]
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
            assert cli_main(single) in (0, 1)
    finally:
        restore(course_copy, name)
    assert code in (0, 1), err.getvalue()
    assert "Traceback" not in err.getvalue()
    if as_json:
        problems = json.loads(out.getvalue())
        assert all(p["line"] >= 1 and p["col"] >= 1 for p in problems)
        assert (code == 1) == any(p["severity"] == "error" for p in problems)
    elif code == 1:
        for line in out.getvalue().splitlines():
            path, line_no, col, _ = line.split(":", 3)
            assert path.startswith(str(course_copy)) and int(line_no) >= 1 and int(col) >= 1


# -- regressions: each crash the properties found -------------------------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("!!int abc", "'abc' cannot be read as a whole number"),
        ("!!float abc", "'abc' cannot be read as a number"),
        ("!!bool maybe", "'maybe' cannot be read as true or false"),
        ("!!timestamp yesterday", "'yesterday' cannot be read as a date (YYYY-MM-DD)"),
        ("2020-02-30", "'2020-02-30' is not a real date"),  # then Python's reason why
        ("9" * 5000, "cannot be read as a whole number"),
    ],
    ids=["int", "float", "bool", "timestamp", "impossible-date", "5000-digits"],
)
def test_values_pyyaml_cannot_construct_are_located_problems(value: str, message: str) -> None:
    """PyYAML's constructors raised ValueError, KeyError or AttributeError here."""
    with pytest.raises(ContentError) as caught:
        parse(f"id: x\nweek: {value}\n", Module, "m.yaml")
    assert any(p.line == 2 and p.col == 7 and message in p.message for p in caught.value.problems)


def test_an_impossible_taken_date_in_crisis_lines_is_a_problem() -> None:
    text = TEXTS["crisis_lines.yaml"].replace("taken: 2026-12-02", "taken: 2026-02-30", 1)
    with pytest.raises(ContentError) as caught:
        parse(text, CrisisDirectory, "crisis_lines.yaml")
    assert "is not a real date" in str(caught.value)


def test_a_number_too_large_to_store_is_a_problem_not_a_cache_crash(course_copy: Path) -> None:
    """A valid-looking rule with a 30-digit number once passed the checker, then the
    content cache (msgpack, 64-bit integers) raised OverflowError at app start."""
    target = course_copy / "questionnaires/phq9.yaml"
    assert "above: 0" in TEXTS["questionnaires/phq9.yaml"]
    target.write_text(TEXTS["questionnaires/phq9.yaml"].replace("above: 0", "above: " + "9" * 30))
    try:
        with tempfile.TemporaryDirectory() as cache:
            course = load_course_cached(course_copy, Path(cache))
    finally:
        restore(course_copy, "questionnaires/phq9.yaml")
    messages = [p.message for p in course.problems]
    assert "is far too large a number" in messages


def test_nan_is_not_a_number_for_a_ranged_float() -> None:
    text = TEXTS["09-relaxation.yaml"]
    assert "inhale: 4" in text
    with pytest.raises(ContentError) as caught:
        parse(text.replace("inhale: 4", "inhale: .nan", 1), Module, "m.yaml")
    assert "must be a number, got .nan" in str(caught.value)


@pytest.mark.parametrize(
    "text",
    ["[" * 100_000, "{a: " * 100_000, "- " * 100_000 + "x", "[a: " * 100_000],
    ids=["lists", "mappings", "block-lists", "pairs"],
)
@pytest.mark.parametrize("pure", [False, True], ids=["libyaml", "pure-python"])
def test_deep_nesting_is_refused_not_a_crash_of_the_process(text: str, pure: bool) -> None:
    """libyaml's composer recurses in C: 100,000 open brackets killed the process
    with a segmentation fault (so a failure here may show as a crashed worker).

    ecouch's own depth check runs first, whatever limit the installed PyYAML has of its
    own (6.0.4's libyaml refuses 1,000 open brackets with a message of its own), and
    with either loader: the file is refused with a located problem, saying how deep."""
    with pytest.raises(ContentError) as caught, use_pure_loader() if pure else nullcontext():
        compose(text, "deep.yaml")
    (problem,) = caught.value.problems
    assert problem.path == "deep.yaml" and problem.line == 1 and problem.col > MAX_DEPTH
    assert problem.severity == "error" and str(MAX_DEPTH) in problem.message


def test_deep_nesting_in_a_lone_module_keeps_its_name(tmp_path: Path) -> None:
    """A broken module's title was read by a second, unguarded parse (the same crash)."""
    path = tmp_path / "deep-module.yaml"
    path.write_text("title: Deep\nweek: 3\npages: " + "[" * 100_000 + "\n")
    entry = load_module_entry(path, None)
    assert entry.module is None and entry.week == 3 and entry.title == "deep module"
    (problem,) = entry.problems
    assert (problem.path, problem.line, problem.severity) == (str(path), 3, "error")
    assert problem.col > MAX_DEPTH and str(MAX_DEPTH) in problem.message


@pytest.mark.slow
def test_validate_refuses_a_deeply_nested_file_and_lives(tmp_path: Path) -> None:
    """What the user sees: `ecouch validate` (a process of its own, so a crash would
    show as a signal, not a failed assertion) exits 1 with the file's place."""
    path = tmp_path / "deep.yaml"
    path.write_text("title: Deep\nweek: 3\npages: " + "[" * 100_000 + "\n")
    result = run_ecouch("validate", "deep.yaml", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    (line,) = result.stdout.splitlines()
    assert re.match(rf"deep\.yaml:3:\d+: .*{MAX_DEPTH}", line), line


def test_a_broken_lone_module_with_a_huge_week_is_shown_at_week_one(tmp_path: Path) -> None:
    """`week: <5,000 digits>` made int() raise ValueError while naming the broken file."""
    path = tmp_path / "huge.yaml"
    path.write_text("title: Huge\nweek: " + "9" * 5000 + "\n")
    entry = load_module_entry(path, None)
    assert (entry.week, entry.title, entry.module) == (1, "Huge", None)
    path.write_text("title: Fine\nweek: 7  # a comment\n")
    assert load_module_entry(path, None).week == 7


def test_a_nul_in_a_module_file_name_is_a_manifest_problem(course_copy: Path) -> None:
    """Path.read_bytes raises ValueError (not OSError) for a name with NUL in it."""
    manifest = course_copy / "course.yaml"
    manifest.write_text(manifest.read_text().replace("- 05-thoughts.yaml", '- "05\\0.yaml"'))
    try:
        course = load_course(course_copy)
    finally:
        restore(course_copy, "course.yaml")
    assert course.manifest is None
    assert any("cannot contain a NUL character" in p.message for p in course.problems)


def test_a_lone_surrogate_in_a_string_is_a_problem() -> None:
    with pytest.raises(ContentError) as caught:
        parse("id: x\ntitle: a\ud800b\n", Module, "m.yaml")
    problem = caught.value.problems[0]
    assert (problem.line, problem.col) == (2, 9)


def test_the_real_course_still_validates_cleanly() -> None:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli_main(["validate", str(BUNDLED)]) == 0
    assert "ok: " in out.getvalue()
