"""Course content reads only what it should: files inside the course folder, regular
files only, none over the size limit (issue 12, item 12).

Real course folders in tmp_path, with real links, FIFOs and devices, and the `ecouch`
command run as a shell runs it. A command that would hang on a FIFO is killed by the
subprocess timeout, so the test fails instead of hanging the suite.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import every_week_open, run_ecouch, screen_text, squash

from ecouch_tui.commands.preview import preview_config
from ecouch_tui.content.files import MAX_CONTENT_BYTES
from ecouch_tui.paths import QUESTIONNAIRES_DIR, bundled_modules_dir
from ecouch_tui.session import SessionConfig
from ecouch_tui.ui.app import EcouchApp
from ecouch_tui.ui.screens.preview import PreviewScreen

#: Long enough for a command that reads a few small files; one blocked on a FIFO never ends.
PROMPTLY = 20

OUTSIDE_TITLE = "Somebody else's private notes"

OUTSIDE_MODULE = f"""\
id: outside
week: 2
title: {OUTSIDE_TITLE}
summary: A module that is not part of the course.
pages:
  - id: one
    title: {OUTSIDE_TITLE}, page one
    blocks:
      - type: markdown
        text: Nothing from this file may be shown.
"""

LIMIT_TEXT = "1 MB (1,000,000 bytes), the limit for a content file"


@pytest.fixture
def course(course_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture course copy, run from its parent so messages read `course/...`."""
    monkeypatch.chdir(course_dir.parent)
    return course_dir


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A readable module file that is not part of the course."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    path = folder / "x.yaml"
    path.write_text(OUTSIDE_MODULE, encoding="utf-8")
    return path


def list_as_week_2(course: Path, entry: str) -> int:
    """Make course.yaml list `entry` in place of week 2; returns the line it is on."""
    manifest = course / "course.yaml"
    lines = manifest.read_text(encoding="utf-8").splitlines()
    line = lines.index("  - 02-thoughts.yaml")
    lines[line] = f"  - {entry}"
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return line + 1


def validate(*paths: str) -> subprocess.CompletedProcess[str]:
    return run_ecouch("validate", *paths, cwd=Path.cwd(), timeout=PROMPTLY)


def ecouch_in(course: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """A command that uses `course` as the course in use, on a data folder of its own."""
    data = course.parent / "data"
    return run_ecouch(
        "--modules", str(course), *args, env={"ECOUCH_DATA_DIR": str(data)}, timeout=PROMPTLY
    )


# -- only files inside the course folder ----------------------------------------------------

#: How each way out of the folder is listed, and what the message says about it.
WAYS_OUT = {
    "climbs out": ("../elsewhere/x.yaml", "is outside the course folder"),
    "absolute": ("{outside}", "is an absolute path"),
    "linked file": ("02-link.yaml", "is a link to a file outside the course folder"),
    "linked folder": ("weeks/x.yaml", "is a link to a file outside the course folder"),
}


def leave_the_folder(course: Path, outside: Path, way: str) -> tuple[str, int, str]:
    """List the outside module in course.yaml one way; returns (entry, its line, message)."""
    entry, says = WAYS_OUT[way]
    entry = entry.format(outside=outside)
    if way == "linked file":
        (course / entry).symlink_to(outside)
    elif way == "linked folder":
        (course / "weeks").symlink_to(outside.parent, target_is_directory=True)
    return entry, list_as_week_2(course, entry), says


@pytest.mark.parametrize("way", list(WAYS_OUT))
def test_validate_refuses_a_module_outside_the_course_folder_at_its_line(
    course: Path, outside: Path, way: str
) -> None:
    entry, line, says = leave_the_folder(course, outside, way)
    done = validate("course")
    assert done.returncode == 1
    assert f"course/course.yaml:{line}:5: '{entry}' {says}" in done.stdout
    assert OUTSIDE_TITLE not in done.stdout + done.stderr


@pytest.mark.parametrize("way", list(WAYS_OUT))
async def test_the_home_screen_never_shows_a_file_outside_the_course(
    config: SessionConfig, course: Path, outside: Path, way: str
) -> None:
    leave_the_folder(course, outside, way)
    app = EcouchApp(every_week_open(config, course))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        text = squash(screen_text(app))
        assert "unavailable" in text
        assert "Week 3" in text  # the rest of the course still loads
        assert OUTSIDE_TITLE not in text


def test_a_link_that_stays_inside_the_course_folder_is_still_read(course: Path) -> None:
    (course / "weeks").mkdir()
    shutil.move(course / "02-thoughts.yaml", course / "weeks" / "02-thoughts.yaml")
    (course / "02-link.yaml").symlink_to("weeks/02-thoughts.yaml")
    list_as_week_2(course, "02-link.yaml")
    done = validate("course")
    assert done.returncode == 0, done.stdout
    assert "3 module(s)" in done.stdout


def test_crisis_lines_and_questionnaires_linked_from_outside_are_refused(
    course: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(bundled_modules_dir() / QUESTIONNAIRES_DIR, elsewhere)
    shutil.copy(bundled_modules_dir() / "crisis_lines.yaml", elsewhere / "crisis_lines.yaml")
    (course / "crisis_lines.yaml").symlink_to(elsewhere / "crisis_lines.yaml")
    shutil.copytree(bundled_modules_dir() / QUESTIONNAIRES_DIR, course / QUESTIONNAIRES_DIR)
    (course / QUESTIONNAIRES_DIR / "k10.yaml").unlink()
    (course / QUESTIONNAIRES_DIR / "k10.yaml").symlink_to(elsewhere / "k10.yaml")
    done = validate("course")
    assert done.returncode == 1
    link = "is a link to a file outside the course folder"
    assert f"course/crisis_lines.yaml:1:1: 'crisis_lines.yaml' {link}" in done.stdout
    assert f"course/questionnaires/k10.yaml:1:1: 'questionnaires/k10.yaml' {link}" in done.stdout


def test_a_course_yaml_linked_from_outside_is_refused(course: Path, tmp_path: Path) -> None:
    manifest = tmp_path / "elsewhere.yaml"
    shutil.move(course / "course.yaml", manifest)
    manifest.write_text(manifest.read_text().replace("title: ecouch", f"title: {OUTSIDE_TITLE}"))
    (course / "course.yaml").symlink_to(manifest)
    done = validate("course")
    assert done.returncode == 1
    assert (
        "course/course.yaml:1:1: 'course.yaml' is a link to a file outside the course folder"
    ) in done.stdout
    assert OUTSIDE_TITLE not in done.stdout + done.stderr


# -- only regular files ---------------------------------------------------------------------


def fifo(course: Path, name: str) -> Path:
    path = course / name
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("listed", [True, False], ids=["listed", "unlisted"])
def test_a_fifo_in_the_course_never_blocks_a_command(course: Path, listed: bool) -> None:
    fifo(course, "02-pipe.yaml" if listed else "notes.yaml")
    if listed:
        list_as_week_2(course, "02-pipe.yaml")
    done = validate("course")
    if listed:
        assert done.returncode == 1
        assert (
            "course/02-pipe.yaml:1:1: is a named pipe (FIFO), not a file; "
            "only regular files are read"
        ) in done.stdout
    else:
        assert done.returncode == 0, done.stdout
    logged = ecouch_in(course, "mood", "6")
    assert logged.returncode == 0, logged.stderr
    assert "Logged mood" in logged.stdout
    status = ecouch_in(course, "status")
    assert status.returncode == 0, status.stderr


def test_a_fifo_among_the_questionnaires_is_refused(course: Path) -> None:
    shutil.copytree(bundled_modules_dir() / QUESTIONNAIRES_DIR, course / QUESTIONNAIRES_DIR)
    fifo(course, f"{QUESTIONNAIRES_DIR}/extra.yaml")
    done = validate("course")
    assert done.returncode == 1
    assert "course/questionnaires/extra.yaml:1:1: is a named pipe (FIFO)" in done.stdout
    assert ecouch_in(course, "status").returncode == 0


def test_a_module_linked_to_dev_zero_is_refused_without_reading_it(course: Path) -> None:
    (course / "02-zero.yaml").symlink_to("/dev/zero")
    line = list_as_week_2(course, "02-zero.yaml")
    listed = validate("course")
    assert listed.returncode == 1
    assert f"course/course.yaml:{line}:5: '02-zero.yaml' is a link to a file outside" in (
        listed.stdout
    )
    alone = validate("course/02-zero.yaml")  # named on its own: no folder to stay inside
    assert alone.returncode == 1
    assert "course/02-zero.yaml:1:1: is a character device, not a file" in alone.stdout
    assert ecouch_in(course, "status").returncode == 0


def test_preview_refuses_what_is_not_a_regular_file(course: Path) -> None:
    fifo(course, "02-pipe.yaml")
    done = run_ecouch("preview", "course/02-pipe.yaml", cwd=Path.cwd(), timeout=PROMPTLY)
    assert done.returncode == 1
    assert "course/02-pipe.yaml is not a regular file" in done.stderr


# -- a size limit -----------------------------------------------------------------------------


def module_of_size(path: Path, size: int) -> None:
    """A valid module padded with a comment to exactly `size` bytes."""
    text = OUTSIDE_MODULE.replace("id: outside", "id: thoughts").replace(OUTSIDE_TITLE, "Big")
    padding = size - len(text.encode()) - len("#\n")
    path.write_text(text + "#" + "x" * padding + "\n", encoding="utf-8")
    assert path.stat().st_size == size


def test_a_module_over_the_size_limit_is_refused_with_the_limit(course: Path) -> None:
    module_of_size(course / "02-thoughts.yaml", MAX_CONTENT_BYTES + 1)
    done = validate("course")
    assert done.returncode == 1
    assert f"course/02-thoughts.yaml:1:1: larger than {LIMIT_TEXT}" in done.stdout


def test_a_module_at_the_size_limit_is_read(course: Path) -> None:
    module_of_size(course / "02-thoughts.yaml", MAX_CONTENT_BYTES)
    done = validate("course/02-thoughts.yaml")
    assert done.returncode == 0, done.stdout


async def test_preview_of_an_over_limit_module_shows_why_and_still_quits(
    course: Path, tmp_path: Path
) -> None:
    module = course / "02-thoughts.yaml"
    module_of_size(module, 50 * MAX_CONTENT_BYTES)
    scratch = tmp_path / "scratch"
    scratch.mkdir(mode=0o700)
    app = EcouchApp(preview_config(module, scratch))
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PreviewScreen)
        text = squash(screen_text(app))
        assert "1 problem" in text
        assert f"02-thoughts.yaml:1:1: larger than {LIMIT_TEXT}" in text
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running
