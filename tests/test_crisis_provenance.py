"""Where each crisis line came from, apart from whether anyone verified it (issue 14).

`checked:` once claimed a check against each service's site that was never made. Now
`source:` and `taken:` say where and when a number was copied, and `verified:` is set
only by someone who compared it with the service's own page. `ecouch validate` warns
about every entry not verified, and about one verified over a year ago: warnings, so a
course still validates.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from helpers import run_ecouch

from ecouch_tui.content.crisis import REGIONS, CrisisDirectory
from ecouch_tui.content.loader import bundled_crisis_lines, parse
from ecouch_tui.content.problems import ContentError
from ecouch_tui.content.validate import validate_paths
from ecouch_tui.course import crisis_text
from ecouch_tui.paths import bundled_modules_dir

BUNDLED = bundled_modules_dir() / "crisis_lines.yaml"
TODAY = date(2027, 1, 15)


def crisis_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "crisis_lines.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def lifeline_verified(on: date) -> str:
    """The bundled file with Australia's Lifeline (its first line) verified `on`."""
    text = BUNDLED.read_text(encoding="utf-8")
    return re.sub(r"(\n +)(taken: \S+)", rf"\1\2\1verified: {on}", text, count=1)


def test_the_bundled_file_warns_once_for_each_unverified_line_and_passes(
    tmp_path: Path,
) -> None:
    lines = [line for region in bundled_crisis_lines().regions for line in region.lines]
    assert lines and all(line.verified is None for line in lines)  # no web access here
    report = validate_paths([BUNDLED], today=TODAY)
    assert report.errors == 0
    assert [p.severity for p in report.problems] == ["warning"] * len(lines)
    assert report.unverified_lines == len(lines)
    for problem, line in zip(report.problems, lines, strict=True):
        assert f"'{line.name}' is unverified: taken on {line.taken} from {line.source}" in (
            problem.message
        )
        assert "open the service's own page" in problem.message
        assert "add 'verified: YYYY-MM-DD'" in problem.message
    assert report.problems[0].message.startswith("Australia: 'Lifeline' is unverified")
    summary = report.summary()
    assert summary.endswith(f"{len(lines)} warning(s) ({len(lines)} crisis line(s) unverified)")

    result = run_ecouch("validate", cwd=tmp_path)  # the bundled course, as authors run it
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count(": warning: ") == len(lines)
    assert f"({len(lines)} crisis line(s) unverified)" in result.stdout.splitlines()[-1]


def test_every_bundled_line_says_where_and_when_it_was_taken() -> None:
    directory = bundled_crisis_lines()
    assert [r.code for r in directory.regions] == list(REGIONS)  # every region, once
    for region in directory.regions:
        assert region.lines, region.code
        for line in region.lines:
            assert line.source.strip() and line.taken == date(2026, 12, 2), line.name


def test_the_bundled_lines_read_as_the_clinical_reference_has_them() -> None:
    regions = {r.code: r for r in bundled_crisis_lines().regions}
    nhs = next(line for line in regions["UK"].lines if line.name == "NHS 111")
    assert nhs.contact == "call 111 and select the mental health option"  # not "option 2"
    assert nhs.note == "in Wales: 111 press 2"
    lifeline = regions["AU"].lines[0]
    assert "text 0477 13 11 14" in lifeline.contact
    elsewhere = crisis_text.crisis_lines(regions["other"]) + crisis_text.NO_REGION
    assert "findahelpline.com" in elsewhere
    assert not re.search(r"\d+ countries", elsewhere)  # a count only a third party gave


def test_a_line_verified_today_gives_no_warning(tmp_path: Path) -> None:
    path = crisis_file(tmp_path, lifeline_verified(TODAY))
    report = validate_paths([path], today=TODAY)
    assert report.errors == 0
    assert not any("'Lifeline'" in p.message for p in report.problems)
    assert report.unverified_lines == len(report.problems)  # the others still warn


def test_a_line_verified_over_a_year_ago_warns_at_its_date(tmp_path: Path) -> None:
    text = lifeline_verified(TODAY - timedelta(days=366))
    path = crisis_file(tmp_path, text)
    report = validate_paths([path], today=TODAY)
    assert report.errors == 0
    [stale] = [p for p in report.problems if "'Lifeline'" in p.message]
    assert stale.severity == "warning"
    assert stale.message.startswith(
        f"Australia: 'Lifeline' was last verified on {TODAY - timedelta(days=366)}, over a year ago"
    )
    line = text.splitlines().index(f"        verified: {TODAY - timedelta(days=366)}") + 1
    assert (stale.line, stale.col) == (line, len("        verified: ") + 1)
    just_a_year = crisis_file(tmp_path, lifeline_verified(TODAY - timedelta(days=365)))
    assert not any(
        "'Lifeline'" in p.message for p in validate_paths([just_a_year], today=TODAY).problems
    )


def test_an_old_checked_key_is_a_located_error_that_says_the_fix(tmp_path: Path) -> None:
    old = re.sub(r"source: .*\n +taken:", "checked:", BUNDLED.read_text(encoding="utf-8"))
    assert "checked: 2026-12-02" in old and "\n        source:" not in old
    with pytest.raises(ContentError) as caught:
        parse(old, CrisisDirectory, "crisis_lines.yaml")
    problems = caught.value.problems
    count = old.count("checked:")
    assert len(problems) == count  # one per line: not also "missing 'taken'", "'source'"
    first = old.splitlines().index("        checked: 2026-12-02") + 1
    assert (problems[0].line, problems[0].col) == (first, 9)
    assert problems[0].message == (
        "'checked' is no longer a key of crisis line: rename it to 'taken:' (the date the "
        "number was copied) and add 'source:' (where it was copied from); add "
        "'verified: YYYY-MM-DD' only once someone has compared the entry with the "
        "service's own page"
    )

    course = tmp_path / "course"
    course.mkdir()
    (course / "crisis_lines.yaml").write_text(old, encoding="utf-8")
    result = run_ecouch("validate", "course/crisis_lines.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stdout.startswith(
        f"course/crisis_lines.yaml:{first}:9: 'checked' is no longer a key of crisis line: "
        "rename it to 'taken:'"
    )


def test_source_and_taken_are_required(tmp_path: Path) -> None:
    text = BUNDLED.read_text(encoding="utf-8")
    no_source = re.sub(r"\n +source: .*", "", text, count=1)
    with pytest.raises(ContentError, match="missing required key 'source'"):
        parse(no_source, CrisisDirectory, "crisis_lines.yaml")
    no_date = re.sub(r"\n +taken: .*", "", text, count=1)
    with pytest.raises(ContentError, match="missing required key 'taken'"):
        parse(no_date, CrisisDirectory, "crisis_lines.yaml")
