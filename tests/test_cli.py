"""The `ecouch` command as a user runs it: a subprocess, temporary folders, exit codes."""

from __future__ import annotations

from pathlib import Path
from subprocess import CompletedProcess

from helpers import run_ecouch

from ecouch_tui import __version__


def ecouch(*args: str, cwd: Path, env: dict[str, str] | None = None) -> CompletedProcess[str]:
    return run_ecouch(*args, cwd=cwd, env=env)


def test_version(tmp_path: Path) -> None:
    result = ecouch("--version", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.strip() == f"ecouch {__version__}"


def test_validate_the_bundled_course_from_anywhere(tmp_path: Path) -> None:
    result = ecouch("validate", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    summary = result.stdout.splitlines()[-1]  # after the warnings about unverified lines
    assert summary.startswith("ok: ") and " module(s)" in summary


def test_validate_prints_every_problem_and_exits_1(tmp_path: Path, course_dir: Path) -> None:
    first = course_dir / "01-welcome.yaml"
    first.write_text(first.read_text().replace("title: Hello", "titel: Hello"))
    third = course_dir / "03-moving.yaml"
    third.write_text(third.read_text().replace("style: tip", "style: hint"))
    result = ecouch("validate", str(course_dir), cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines == [
        "course/01-welcome.yaml:12:5: unknown key 'titel' in page; did you mean 'title'?",
        "course/03-moving.yaml:22:16: 'hint' is not allowed here (choose one of: note, tip, warning)",
    ]
    assert "2 error(s)" in result.stderr


def test_validate_a_single_module_file(tmp_path: Path, course_dir: Path) -> None:
    good = course_dir / "02-thoughts.yaml"
    assert ecouch("validate", str(good), cwd=tmp_path).returncode == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\nweek: 1\n")
    result = ecouch("validate", str(bad), cwd=tmp_path)
    assert result.returncode == 1
    assert "bad.yaml:1:1: module is missing required key 'title'" in result.stdout


def test_modules_option_and_environment_point_at_an_authors_copy(
    tmp_path: Path, course_dir: Path
) -> None:
    (course_dir / "03-moving.yaml").unlink()
    by_option = ecouch("--modules", str(course_dir), "validate", cwd=tmp_path)
    by_env = ecouch("validate", cwd=tmp_path, env={"ECOUCH_MODULES": str(course_dir)})
    for result in (by_option, by_env):
        assert result.returncode == 1
        assert "03-moving.yaml:1:1: file not found" in result.stdout


# The editor schema's tests (accepts every module, rejects broken ones) are in
# test_authoring.py with the rest of the authoring tools.
