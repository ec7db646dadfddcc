"""The manifest's follow-ups, outcomes and early warning, and the booster modules: the
bundled ones have every part a booster needs, and `ecouch validate` points at each
mistake (path:line:col) as it does for every other key."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import run_ecouch

from ecouch_tui.content.blocks.skills_review import SkillsReviewBlock
from ecouch_tui.content.loader import load_course
from ecouch_tui.content.stats import module_stats
from ecouch_tui.course.outline import outline_of
from ecouch_tui.course.skills import course_skills, places_of, skills_used
from ecouch_tui.paths import bundled_modules_dir
from ecouch_tui.store.records import Entry

COURSE = load_course(bundled_modules_dir())
PRACTICES = {"relaxation", "reflection"}

FOLLOW_UP = """\
follow_up:
  - id: 1-month
    months: 1
    title: 1 month on
    module: boosters/1-month.yaml
"""


def test_the_bundled_course_has_four_boosters_and_still_twelve_weeks() -> None:
    assert COURSE.all_problems() == []
    assert [e.week for e in COURSE.entries] == list(range(1, 13))
    assert len(COURSE.modules) == 12
    assert [b.follow_up for b in COURSE.boosters] == [
        "1-month",
        "3-months",
        "6-months",
        "12-months",
    ]
    outline = outline_of(COURSE)
    assert [f.months for f in outline.follow_ups] == [1, 3, 6, 12]
    (cesd,) = outline.outcomes
    assert (cesd.instrument, cesd.at) == ("cesd", ("baseline", "post", "6-months", "12-months"))
    assert outline.early_warning is not None and outline.early_warning.band_min == 10


@pytest.mark.parametrize("index", range(4))
def test_each_booster_is_short_and_has_every_part(index: int) -> None:
    booster = COURSE.boosters[index].module
    assert booster is not None
    assert 2 <= len(booster.pages) <= 4
    kinds = {block.kind for _, block in booster.blocks()}
    assert {"staying_well_plan", "skills_review", "get_help"} <= kinds
    assert kinds & PRACTICES
    assert module_stats(booster).grade <= 8.0
    assert COURSE.module(booster.id) is booster  # opened by id, like a week


def test_validate_counts_boosters_and_passes() -> None:
    result = run_ecouch("validate", str(bundled_modules_dir()))
    assert result.returncode == 0, result.stdout
    assert "12 module(s) and 4 booster(s)" in result.stdout.splitlines()[-1]


def course_with(tmp_path: Path, manifest_tail: str, booster: str | None = None) -> Path:
    course = tmp_path / "course"
    shutil.copytree(Path(__file__).parent / "fixtures" / "course", course)
    manifest = course / "course.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + manifest_tail, encoding="utf-8")
    if booster is not None:
        (course / "boosters").mkdir()
        (course / "boosters" / "1-month.yaml").write_text(booster, encoding="utf-8")
    return course


def validate(course: Path) -> list[str]:
    result = run_ecouch("validate", str(course), cwd=course.parent)
    assert result.returncode == 1, result.stdout
    return [line for line in result.stdout.splitlines() if "crisis_lines" not in line]


def line_of(course: Path, text: str) -> int:
    found = (course / "course.yaml").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(found, 1) if text in line)


def test_a_bad_follow_up_key_is_located(tmp_path: Path) -> None:
    course = course_with(tmp_path, FOLLOW_UP.replace("    title:", "    titel:"))
    line = line_of(course, "titel:")
    assert validate(course)[0] == (
        f"course/course.yaml:{line}:5: unknown key 'titel' in follow-up; did you mean 'title'?"
    )


def test_a_missing_booster_file_is_located_at_its_line_in_the_manifest(tmp_path: Path) -> None:
    course = course_with(tmp_path, FOLLOW_UP)
    line = line_of(course, "module: boosters/")
    assert validate(course)[0] == (
        f"course/course.yaml:{line}:13: the booster file 'boosters/1-month.yaml' was not found"
    )


def test_a_booster_with_a_week_is_an_error_in_its_own_file(tmp_path: Path) -> None:
    text = (bundled_modules_dir() / "boosters" / "1-month.yaml").read_text(encoding="utf-8")
    course = course_with(
        tmp_path, FOLLOW_UP, text.replace("title: Checking in", "week: 3\ntitle: x")
    )
    assert validate(course)[0] == (
        "course/boosters/1-month.yaml:4:7: a booster has no week: remove 'week:'"
    )


@pytest.mark.parametrize(
    ("tail", "where", "message"),
    [
        (
            FOLLOW_UP + "outcomes:\n  - instrument: cesd\n    at: [baseline, 3-months]\n",
            "at: [baseline",
            "'3-months' is not baseline, post or a follow-up id (1-month, baseline, post)",
        ),
        (
            "outcomes:\n  - instrument: nope\n    at: [baseline]\n",
            "instrument: nope",
            "the questionnaire 'nope' was not found in questionnaires/",
        ),
        (
            "early_warning:\n  band: moderat\n",
            "band: moderat",
            "'moderat' is not a band of phq9 (minimal, mild, moderate, moderately severe, severe)",
        ),
        (
            FOLLOW_UP + FOLLOW_UP.replace("follow_up:\n", "").replace("1-month\n", "later\n"),
            "id: later",
            "follow-ups must be in order, each later",
        ),
    ],
)
def test_schedule_mistakes_are_located(tmp_path: Path, tail: str, where: str, message: str) -> None:
    course = course_with(tmp_path, tail)
    found = [line for line in validate(course) if message in line]
    assert found, validate(course)
    assert found[0].startswith(f"course/course.yaml:{line_of(course, where)}") or "order" in message


# -- skills_review: the skills used most, from the user's own entries -------------------


def entry(kind: str, n: int = 0) -> Entry:
    return Entry(f"{kind}-{n}", "m", "p", "b", kind, "{}", "2026-01-05T09:00:00+00:00", "")


def test_skills_used_counts_exercises_most_used_first_with_their_weeks() -> None:
    places = places_of(COURSE)
    entries = [
        *(entry("thought_record", n) for n in range(3)),
        *(entry("relaxation", n) for n in range(5)),
        entry("activity_schedule"),
        *(entry("reflection", n) for n in range(9)),  # answers, not skills
        entry("quiz"),
        entry("no_such_kind"),
    ]
    used = skills_used(entries, places, top=2)
    assert [(s.kind, s.count) for s in used] == [("relaxation", 5), ("thought_record", 3)]
    assert used[1].words == "Thought record"
    assert "week 5 (Thoughts, feelings and actions)" in used[1].where()
    assert skills_used([], places) == []
    taught = course_skills(places)
    weeks = [s.places[0].week for s in taught]
    assert weeks == sorted(weeks)
    assert {"relaxation", "thought_record"} <= {s.kind for s in taught}


def test_the_skills_review_block_validates_its_fields() -> None:
    block = SkillsReviewBlock(id="x", top=2, prompt="Your skills")
    assert list(block.texts()) == ["Your skills"]
    assert not block.interactive


def test_a_booster_file_validates_on_its_own() -> None:
    result = run_ecouch("validate", str(bundled_modules_dir() / "boosters" / "1-month.yaml"))
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("ok: 1 file(s), 1 booster(s), 3 page(s), no errors")
