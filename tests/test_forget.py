"""`ecouch forget` as a user runs it: deletes ecouch's data, only that, only when asked.

Subprocess tests on temporary data folders and HOME (see conftest). Every test keeps
things beside and around the data folder and checks they survive.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from ecouch_tui.clock import FixedClock
from ecouch_tui.paths import data_dir as default_data_dir
from ecouch_tui.session import SessionConfig, open_session

FIXTURE_COURSE = Path(__file__).parent / "fixtures" / "course"


def forget(
    *args: str, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ecouch_tui", "forget", *args],
        env={**os.environ, **(env or {})},
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def make_data(folder: Path) -> list[Path]:
    """A used data folder: store, SQLite side files, a backup, the content cache."""
    clock = FixedClock(date(2026, 1, 5))
    config = SessionConfig(data_dir=folder, modules_dir=FIXTURE_COURSE, clock=clock)
    session = open_session(config)
    session.store.enrol("AU")
    session.store.save_mood(date(2026, 1, 5), 4, note="private")
    backup = session.store.backup(reason="before-import")
    session.close()
    # What a crash leaves beside the store (SQLite removes them on a clean close).
    for suffix in ("-wal", "-shm"):
        (folder / f"ecouch.sqlite3{suffix}").write_bytes(b"x")
    (cache,) = (folder / "cache").iterdir()
    return [
        folder / "ecouch.sqlite3",
        folder / "ecouch.sqlite3-shm",
        folder / "ecouch.sqlite3-wal",
        backup,
        cache,
    ]


@pytest.fixture
def around(tmp_path: Path) -> Path:
    """Things the user keeps next to the data folder: an export, a note, a look-alike."""
    (tmp_path / "ecouch-export.json").write_text("{}")
    (tmp_path / "notes.txt").write_text("mine")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "ecouch.sqlite3").write_text("someone else's")
    return tmp_path


def surroundings(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "data" not in p.relative_to(folder).parts
    }


def test_yes_removes_everything_it_lists_and_nothing_else(around: Path) -> None:
    data = around / "data"
    files = make_data(data)
    before = surroundings(around)
    result = forget("--data-dir", str(data), "--yes")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        *(f"Removed {path}" for path in files),
        f"Removed {data / 'backups'}/",
        f"Removed {data / 'cache'}/",
        f"Removed {data}/ (the data folder)",
        f"Done: ecouch has forgotten everything it kept in {data}. Exports and reports you "
        "saved elsewhere are not touched; delete those yourself.",
    ]
    assert not data.exists()
    assert surroundings(around) == before


def test_it_asks_first_and_a_wrong_answer_cancels(around: Path) -> None:
    data = around / "data"
    files = make_data(data)
    for answer in ("no\n", "forget it\n", "yes\n", ""):
        result = forget("--data-dir", str(data), stdin=answer)
        assert result.returncode == 1, answer
        assert "This deletes all your ecouch data in" in result.stdout
        for path in files:
            assert f"  {path.relative_to(data)}\n" in result.stdout
        assert "Exports and reports you saved elsewhere are not touched" in result.stdout
        assert 'Type "forget" to delete it all' in result.stdout
        assert result.stdout.rstrip().endswith("Cancelled; nothing was deleted.")
        assert all(path.exists() for path in files)


def test_typing_forget_deletes(around: Path) -> None:
    data = around / "data"
    files = make_data(data)
    before = surroundings(around)
    result = forget("--data-dir", str(data), stdin="  Forget \n")
    assert result.returncode == 0, result.stderr
    for path in files:
        assert f"Removed {path}\n" in result.stdout
    assert not data.exists()
    assert surroundings(around) == before


@pytest.mark.parametrize("yes", [True, False])
def test_a_folder_with_other_things_in_it_is_refused(around: Path, yes: bool) -> None:
    data = around / "data"
    files = make_data(data)
    (data / "diary.txt").write_text("not ecouch's")
    (data / "photos").mkdir()
    (data / "cache" / "other-app.bin").write_bytes(b"\0")
    outside = around / "notes.txt"
    (data / "backups" / "ecouch-link.sqlite3").symlink_to(outside)
    result = forget("--data-dir", str(data), *(["--yes"] if yes else []), stdin="forget\n")
    assert result.returncode == 1
    assert "holds things ecouch did not make" in result.stderr
    for name in ("diary.txt", "photos/", "cache/other-app.bin", "backups/ecouch-link.sqlite3"):
        assert f"\n  {name}" in result.stderr, name
    assert "Nothing was deleted" in result.stderr
    assert "Removed" not in result.stdout
    assert all(path.exists() for path in files)
    assert outside.read_text() == "mine"


def test_pointing_it_at_home_by_mistake_deletes_nothing(tmp_path: Path) -> None:
    home = Path(os.environ["HOME"])
    for n in range(20):
        (home / f"file-{n}.txt").write_text("keep")
    (home / "ecouch.sqlite3").write_text("looks like ours")
    result = forget("--data-dir", str(home), "--yes")
    assert result.returncode == 1
    strangers = len(list(home.iterdir())) - 1  # all but ecouch.sqlite3
    assert f"... and {strangers - 12} more" in result.stderr  # 12 are shown
    assert (home / "ecouch.sqlite3").read_text() == "looks like ours"
    assert len(list(home.iterdir())) >= 21


def test_nothing_to_forget(tmp_path: Path) -> None:
    missing = tmp_path / "missing"
    result = forget("--data-dir", str(missing))
    assert (result.returncode, result.stdout) == (
        0,
        f"Nothing to forget: there is no ecouch data in {missing}.\n",
    )
    assert not missing.exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    assert forget("--data-dir", str(empty), "--yes").stdout.startswith("Nothing to forget")
    assert empty.is_dir()  # not ours to remove: nothing shows ecouch made it
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    refused = forget("--data-dir", str(a_file), "--yes")
    assert refused.returncode == 1 and "is not a folder" in refused.stderr
    assert a_file.read_text() == "x"


def test_the_default_folder_and_the_environment_variable(tmp_path: Path) -> None:
    default = default_data_dir()  # under this test's HOME (see conftest)
    assert str(default).startswith(os.environ["HOME"])
    make_data(default)
    result = forget("--yes")
    assert result.returncode == 0, result.stderr
    assert f"Removed {default}/ (the data folder)" in result.stdout
    assert not default.exists() and default.parent.is_dir()

    by_env = tmp_path / "by-env"
    make_data(by_env)
    result = forget("--yes", env={"ECOUCH_DATA_DIR": str(by_env)})
    assert result.returncode == 0 and not by_env.exists()


def test_a_linked_data_folder_is_emptied_but_kept(tmp_path: Path) -> None:
    real = tmp_path / "real"
    files = make_data(real)
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    result = forget("--data-dir", str(link), "--yes")
    assert result.returncode == 0, result.stderr
    assert "it is a link to a folder elsewhere" in result.stdout
    assert not any(path.exists() for path in files)
    assert link.is_symlink() and real.is_dir() and not any(real.iterdir())


def test_a_board_sign_in_is_forgotten_too_and_the_account_left_on_the_server_is_named(
    around: Path,
) -> None:
    """The peer board's sign-in is ecouch's own file: deleted with the rest, and the
    user is told their account stays on the board's server."""
    data = around / "data"
    make_data(data)
    (data / "board.json").write_text("{}")
    (data / "board.json").chmod(0o600)
    result = forget("--data-dir", str(data), "--yes")
    assert result.returncode == 0, result.stderr
    assert f"Removed {data / 'board.json'}" in result.stdout
    assert "your account stays on the board's server" in result.stdout
    assert "ecouch board leave" in result.stdout
    assert not data.exists()
