"""Files and links (issue 12, item 6): ecouch changes only what it made, never through a
link, and never writes over a file, folder, device or pipe the user did not ask it to.

Every test runs the real `ecouch` command on real files in tmp_path and checks what a
user sees: the refusal and its reason, and the file, folder or device left as it was.
"""

from __future__ import annotations

import json
import os
import stat
from datetime import date
from pathlib import Path

import pytest
from helpers import run_ecouch

TODAY = {"ECOUCH_TODAY": "2026-01-20"}


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def ecouch(*args: str, cwd: Path, umask: int = -1) -> tuple[int, str]:
    """`ecouch ARGS` in `cwd`: its exit status and everything it printed."""
    done = run_ecouch(*args, cwd=cwd, env=TODAY, umask=umask)
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, done.stdout + done.stderr


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A data folder ecouch made, with a day of mood in it."""
    folder = tmp_path / "data"
    code, said = ecouch("--data-dir", str(folder), "mood", "6", "--note", "ok", cwd=tmp_path)
    assert code == 0, said
    return folder


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    """A file someone else relies on (as root: /etc/passwd), that a link may point to."""
    path = tmp_path / "victim.txt"
    path.write_text("not ecouch's\n")
    path.chmod(0o644)
    return path


# -- the data folder -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("folder_mode", "why"),
    [
        (0o777, "can change what is in it"),
        (0o1777, "can change what is in it"),
        (0o755, "can see into it"),
    ],
)
def test_a_data_folder_others_can_enter_is_refused_and_left_alone(
    tmp_path: Path, folder_mode: int, why: str
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(folder_mode)
    code, said = ecouch("--data-dir", str(shared), "mood", "5", cwd=tmp_path)
    assert code == 1
    assert f"ecouch will not keep your data in {shared}: other people" in said
    assert why in said and f"its mode is {folder_mode:04o}" in said
    assert f"run 'chmod 700 {shared}'" in said and "--data-dir" in said
    assert mode(shared) == folder_mode  # never chmodded
    assert list(shared.iterdir()) == []  # nothing written there


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs chown")
def test_a_data_folder_of_another_account_is_refused(tmp_path: Path) -> None:
    theirs = tmp_path / "theirs"
    theirs.mkdir(mode=0o700)
    os.chown(theirs, 65534, 65534)
    code, said = ecouch("--data-dir", str(theirs), "mood", "5", cwd=tmp_path)
    assert code == 1 and "it belongs to another account (user id 65534)" in said
    assert list(theirs.iterdir()) == [] and mode(theirs) == 0o700


def test_a_data_folder_ecouch_makes_is_0700_and_a_private_one_is_used(tmp_path: Path) -> None:
    made = tmp_path / "new" / "data"
    assert ecouch("--data-dir", str(made), "mood", "5", cwd=tmp_path, umask=0)[0] == 0
    assert mode(made) == 0o700 and mode(made / "ecouch.sqlite3") == 0o600
    mine = tmp_path / "mine"
    mine.mkdir(mode=0o700)
    assert ecouch("--data-dir", str(mine), "mood", "5", cwd=tmp_path)[0] == 0
    assert (mine / "ecouch.sqlite3").is_file()


# -- links inside the data folder ------------------------------------------------------------


@pytest.mark.parametrize("name", ["ecouch.sqlite3", "ecouch.sqlite3-wal"])
def test_a_linked_store_file_is_refused_and_its_target_untouched(
    data: Path, victim: Path, name: str
) -> None:
    link = data / name
    if name == "ecouch.sqlite3":
        (data / name).rename(data / "kept-aside")
    link.unlink(missing_ok=True)
    link.symlink_to(victim)
    code, said = ecouch("--data-dir", str(data), "mood", "4", cwd=data.parent)
    assert code == 1
    assert f"{link} is a link (to {victim})" in said
    assert "never follows a link it did not make" in said and "Nothing was written" in said
    assert victim.read_text() == "not ecouch's\n" and mode(victim) == 0o644
    assert sorted(p.name for p in victim.parent.glob("victim*")) == ["victim.txt"]  # no -wal
    assert link.is_symlink()


def test_a_linked_backups_folder_is_refused_and_its_target_untouched(
    data: Path, tmp_path: Path
) -> None:
    code, said = ecouch("--data-dir", str(data), "export", "-o", "mine.json", cwd=tmp_path)
    assert code == 0, said
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    elsewhere.chmod(0o755)
    (elsewhere / "notes.txt").write_text("mine")
    (data / "backups").symlink_to(elsewhere, target_is_directory=True)
    code, said = ecouch("--data-dir", str(data), "import", "mine.json", cwd=tmp_path)
    assert code == 1
    assert f"{data / 'backups'} is a link (to {elsewhere})" in said
    assert "Nothing was imported" in said
    assert mode(elsewhere) == 0o755
    assert [p.name for p in elsewhere.iterdir()] == ["notes.txt"]


# -- what a command writes where the user says -------------------------------------------------


def test_report_onto_a_named_pipe_is_refused_and_the_pipe_kept(data: Path, tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    for force in ([], ["--force"]):
        code, said = ecouch(
            "--data-dir", str(data), "report", "-o", str(pipe), *force, cwd=tmp_path
        )
        assert code == 1
        assert f"{pipe} is a named pipe (FIFO), not an ordinary file" in said
        assert stat.S_ISFIFO(pipe.lstat().st_mode)


def test_report_onto_a_device_is_refused_and_the_device_kept(data: Path, tmp_path: Path) -> None:
    before = os.stat("/dev/null")
    for force in ([], ["--force"]):
        code, said = ecouch(
            "--data-dir", str(data), "report", "-o", "/dev/null", *force, cwd=tmp_path
        )
        assert code == 1
        assert "/dev/null is a device, not an ordinary file" in said
        after = os.lstat("/dev/null")
        assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev


@pytest.mark.parametrize("command", [["export"], ["report"], ["export", "--format", "csv"]])
def test_an_output_link_is_refused_even_with_force(
    data: Path, tmp_path: Path, victim: Path, command: list[str]
) -> None:
    link = tmp_path / "out"
    link.symlink_to(victim)
    for force in ([], ["--force"]):
        code, said = ecouch("--data-dir", str(data), *command, "-o", "out", *force, cwd=tmp_path)
        assert code == 1
        assert f"out is a link (to {victim}); ecouch does not write through links" in said
        assert link.is_symlink() and victim.read_text() == "not ecouch's\n"
        assert mode(victim) == 0o644


def test_export_over_an_existing_file_needs_force(data: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.json"
    old.write_text("my earlier export")
    code, said = ecouch("--data-dir", str(data), "export", "-o", "old.json", cwd=tmp_path)
    assert code == 1
    assert "old.json already exists. Add --force to replace it" in said
    assert old.read_text() == "my earlier export"
    code, said = ecouch(
        "--data-dir", str(data), "export", "-o", "old.json", "--force", cwd=tmp_path
    )
    assert code == 0, said
    assert json.loads(old.read_text())["mood"][0]["note"] == "ok"
    assert mode(old) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "old.json"]  # no temp left


def test_csv_export_into_a_folder_with_csv_files_needs_force(data: Path, tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "mood.csv").write_text("mine")
    code, said = ecouch(
        "--data-dir", str(data), "export", "--format", "csv", "-o", "csv", cwd=tmp_path
    )
    assert code == 1 and "already exists. Add --force" in said
    assert [p.name for p in folder.iterdir()] == ["mood.csv"]
    assert (folder / "mood.csv").read_text() == "mine"
    args = ("--data-dir", str(data), "export", "--format", "csv", "-o", "csv", "--force")
    assert ecouch(*args, cwd=tmp_path)[0] == 0
    assert "ok" in (folder / "mood.csv").read_text()


@pytest.mark.parametrize("command", ["export", "report"])
def test_a_name_ending_in_a_slash_is_a_folder_never_a_file(
    data: Path, tmp_path: Path, command: str
) -> None:
    (tmp_path / "out").mkdir()
    for missing in ("out/missing/", "gone/missing/"):
        code, said = ecouch("--data-dir", str(data), command, "-o", missing, cwd=tmp_path)
        assert code == 1
        assert "does not exist" in said and "Nothing was written" in said
    assert list((tmp_path / "out").iterdir()) == []
    assert not (tmp_path / "gone").exists()


def test_report_twice_keeps_both_and_force_replaces(data: Path, tmp_path: Path) -> None:
    name = "ecouch-report-2026-01-20.html"
    first = tmp_path / name
    first.write_text("my printed copy")
    code, said = ecouch("--data-dir", str(data), "report", cwd=tmp_path)
    assert code == 0, said
    assert said.splitlines()[0] == "ecouch-report-2026-01-20-2.html"
    assert first.read_text() == "my printed copy"
    code, said = ecouch("--data-dir", str(data), "report", "-o", name, cwd=tmp_path)
    assert code == 1 and f"{name} already exists. Add --force" in said
    assert ecouch("--data-dir", str(data), "report", "-o", name, "--force", cwd=tmp_path)[0] == 0
    assert "<html" in first.read_text().lower() and mode(first) == 0o600


def test_schema_never_writes_through_a_link(tmp_path: Path, victim: Path) -> None:
    (tmp_path / "schema.json").symlink_to(victim)
    code, said = ecouch("schema", "-o", "schema.json", cwd=tmp_path)
    assert code == 1 and "is a link" in said
    assert victim.read_text() == "not ecouch's\n"


def test_status_never_reads_a_store_through_a_link(tmp_path: Path) -> None:
    """`ecouch status` reads only; still, as the app, it reads no file through a link."""
    from ecouch_tui.clock import FixedClock
    from ecouch_tui.store.db import Store

    data = tmp_path / "data"
    elsewhere = tmp_path / "elsewhere"
    with Store.open(elsewhere / "ecouch.sqlite3", FixedClock(date(2026, 1, 5))) as store:
        store.enrol("AU")
    data.mkdir(mode=0o700)
    (data / "ecouch.sqlite3").symlink_to(elsewhere / "ecouch.sqlite3")
    done = run_ecouch("status", env={"ECOUCH_DATA_DIR": str(data), "ECOUCH_TODAY": "2026-01-05"})
    assert done.returncode == 1
    assert "could not be read" in done.stdout + done.stderr
    assert "Week 1" not in done.stdout
