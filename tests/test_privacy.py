"""Privacy and security, proved with tests that can fail.

- No network: a whole session, in the app and through every command, with the IP
  families made to fail (tests/netguard.py); every attempt would be recorded, and the
  record must be empty. `ecouch serve` is left out on purpose: it is a local web server
  (it must open a socket on 127.0.0.1), and tests/test_serve.py proves in a headless
  browser that its page fetches nothing from anywhere but this computer.
- Files: the data folder 0700; the store, its -wal and -shm, backups, the content
  cache, exports (JSON file, CSV folder and files), the report, and the demo's and the
  preview's throwaway folders are private, under a umask that would allow anything.
- Content is data, never code: YAML builds no Python objects (in any course file), a
  link is shown rather than opened, and nothing in the package runs a shell or
  evaluates text.
"""

from __future__ import annotations

import _socket
import argparse
import asyncio
import os
import re
import shlex
import socket
import stat
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import netguard
import pytest
from helpers import enrol, screen_text, squash
from textual.widgets import Markdown

from ecouch_tui.clock import FixedClock
from ecouch_tui.commands import serve
from ecouch_tui.content.loader import load_course
from ecouch_tui.session import SessionConfig
from ecouch_tui.store.db import Store
from ecouch_tui.ui.app import EcouchApp
from ecouch_tui.ui.blocks import form_class, view_class
from ecouch_tui.ui.screens.help import HelpScreen
from ecouch_tui.ui.screens.history import HistoryScreen
from ecouch_tui.ui.screens.home import HomeScreen
from ecouch_tui.ui.screens.player import PlayerScreen
from ecouch_tui.ui.screens.welcome import WelcomeScreen
from ecouch_tui.ui.screens.workbook import WorkbookScreen
from ecouch_tui.ui.screens.workbook_entry import WorkbookEntryScreen

SIZE = (80, 24)
PACKAGE = Path(__file__).resolve().parent.parent / "ecouch_tui"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


# -- no network ------------------------------------------------------------------------------


def test_the_guard_catches_every_way_out() -> None:
    """The control: without it, an empty record could mean a guard that sees nothing."""
    with netguard.guarded() as guard:
        tries = [
            lambda: socket.socket(socket.AF_INET, socket.SOCK_STREAM),
            lambda: socket.socket(socket.AF_INET6, socket.SOCK_DGRAM),
            lambda: socket.create_connection(("127.0.0.1", 9)),
            lambda: socket.getaddrinfo("example.org", 443),
            lambda: _socket.socket(socket.AF_INET, socket.SOCK_STREAM),  # past the front door
            lambda: urllib.request.urlopen("http://example.org/", timeout=1),
        ]
        for attempt in tries:
            with pytest.raises(OSError):
                attempt()
        local, other = socket.socketpair()  # a local socket (AF_UNIX) is not a network
        local.close()
        other.close()
    assert len(guard.attempts) == len(tries), guard.attempts
    socket.socket(socket.AF_INET).close()  # and everything is put back afterwards


def test_the_guard_catches_a_child_process(tmp_path: Path) -> None:
    log = tmp_path / "attempts"
    code = (
        f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r})\n"
        "import urllib.request, netguard\n"
        f"netguard.arm(netguard.Guard(__import__('pathlib').Path({str(log)!r})))\n"
        "try:\n    urllib.request.urlopen('http://example.org/', timeout=1)\n"
        "except OSError:\n    pass\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
    assert netguard.attempts_in(log)  # seen, written down, and stopped


@pytest.mark.slow
async def test_a_whole_session_in_the_app_tries_no_network(config: SessionConfig) -> None:
    """First run to help, by keyboard alone (every key a user would press), guarded."""
    with netguard.guarded() as guard:
        app = EcouchApp(config)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await pilot.pause()
            # First run: read, Tab to the regions, choose one, Tab to Start.
            assert isinstance(app.screen, WelcomeScreen)
            await pilot.press("tab", "down", "enter", "tab", "enter")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            # A module, paged through: Continue is focused; n pages on.
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, PlayerScreen)
            await pilot.press("n", "n")
            await pilot.pause()
            # The quiz: Tab into the answers, choose one.
            await pilot.press("tab", "down", "enter")
            await pilot.pause()
            assert "✓ Right." in screen_text(app)
            # A reflection on the last page, then Finish.
            await pilot.press("n")
            await pilot.pause()
            await pilot.press("tab", *"More walks", "escape")
            await pilot.pause()
            await pilot.press("n")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            # Mood: m, a score, Escape.
            await pilot.press("m", "7", "escape")
            await pilot.pause()
            # An activity: a, what, then Tab along to Save.
            await pilot.press("a", *"walk", "tab", "tab", "tab", "6", "tab", "8", "tab", "enter")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            # The check-in to its result: the notice, nine answers, the last question.
            await pilot.press("k")
            await pilot.pause()
            await pilot.press("n")
            await pilot.pause()
            for _ in range(9):
                await pilot.press("0")
                await pilot.pause()
            await pilot.press("1")
            await pilot.pause()
            assert "Total: 0 of 27" in squash(screen_text(app))
            await pilot.press("h")  # from the result to the history
            await pilot.pause()
            assert isinstance(app.screen, HistoryScreen)
            await pilot.press("escape", "w")
            await pilot.pause()
            assert isinstance(app.screen, WorkbookScreen)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, WorkbookEntryScreen)
            await pilot.press("escape", "escape", "f1")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            await pilot.press("escape", "ctrl+q")
    assert guard.attempts == []
    with Store.open(config.store_path, config.clock) as store:  # and it did all that
        assert store.mood(config.clock.today()) is not None
        assert store.checkins() and store.entries(kind="activity_log")
        assert [e.as_dict() for e in store.entries(kind="reflection")] == [{"text": "More walks"}]


def _ecouch(
    tmp_path: Path, *args: str, stdin: str = "", headless: float | None = None
) -> subprocess.CompletedProcess[str]:
    """`ecouch ARGS` in a child process with the guard armed; fails the test on any attempt."""
    log = tmp_path / f"attempts-{len(list(tmp_path.glob('attempts-*')))}"
    extra = {"NETGUARD_HEADLESS": str(headless)} if headless is not None else {}
    done = subprocess.run(
        [sys.executable, "-c", netguard.CHILD_MAIN, *args],
        input=stdin,
        env=netguard.child_env(log, **extra),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert netguard.attempts_in(log) == [], (args, netguard.attempts_in(log))
    assert "NetworkAttempt" not in done.stderr, done.stderr
    return done


@pytest.mark.slow
def test_every_command_tries_no_network(tmp_path: Path, course_dir: Path) -> None:
    """Each command in the order a person might use them, on one data folder.

    `ecouch serve` is not here on purpose: see the top of this file.
    """
    data = ["--data-dir", str(tmp_path / "data")]

    def ok(*args: str, stdin: str = "", headless: float | None = None) -> str:
        done = _ecouch(tmp_path, *args, stdin=stdin, headless=headless)
        assert done.returncode == 0, (args, done.stdout, done.stderr)
        return done.stdout

    assert ok("validate").splitlines()[-1].startswith("ok: ")
    assert '"$schema"' in ok("schema")
    ok("new-module", "sleep-well", "--week", "13", "-o", "13-sleep-well.yaml")
    ok("mood", "6", "--note", "a walk", *data)
    ok("mood", *data)
    ok("checkin", *data, stdin="0\n" * 9 + "1\n")
    ok("export", *data, "-o", "mine.json")
    ok("export", *data, "--format", "csv", "-o", "mine-csv")
    ok("import", *data[:1], str(tmp_path / "other"), "mine.json")
    ok("report", *data, "-o", "report.html")
    ok("status", *data)
    ok("research", "on", *data)
    ok("mood", "7", *data)
    ok("research", "summary", *data)
    ok("research", "export", "--yes", "-o", "research.json", *data)
    ok("research", "export", "--format", "csv", "--yes", "-o", "research.csv", *data)
    ok("research", "forget", "--yes", *data)
    ok("board", "rules", "check", stdin="A short walk today.")  # the rules alone: local
    ok(*data, headless=1.5)  # `ecouch` itself: the app, headless, quits once it is up
    ok("demo", headless=1.5)
    ok("preview", str(course_dir / "01-welcome.yaml"), headless=1.5)
    ok("forget", *data, "--yes")
    assert not (tmp_path / "data").exists()


def test_the_board_talks_only_to_its_homeserver(synapse: object, tmp_path: Path) -> None:
    """Joining, reading the rooms and leaving, in a child process that records every
    address a socket reaches and every name looked up: the homeserver's, nothing else."""
    import json

    from board_server import SynapseServer
    from test_board_cli import ecouch_invitation

    assert isinstance(synapse, SynapseServer)
    invitation = ecouch_invitation(synapse, tmp_path)
    data = ["--data-dir", str(tmp_path / "member")]
    seen: list[list[object]] = []
    for words in (["board", "join", invitation, "--yes"], ["board", "leave", "--yes"]):
        log = tmp_path / f"addresses-{len(seen)}"
        done = subprocess.run(
            [sys.executable, "-c", netguard.RECORDER_MAIN, *words, *data],
            env=netguard.child_env(log),
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, (words, done.stdout, done.stderr)
        lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
        seen += [json.loads(line) for line in lines]
    connects = [address for event, address in seen if event == "socket.connect"]
    assert connects, "the board was reached (the record is not empty by accident)"
    assert all(address == ["127.0.0.1", synapse.port] for address in connects), seen
    lookups = [address for event, address in seen if event != "socket.connect"]
    assert all(address[0] == "127.0.0.1" for address in lookups), seen


# -- files -----------------------------------------------------------------------------------


@pytest.fixture
def careless_umask() -> Iterator[None]:
    """A umask that takes nothing away: every private mode must be set by ecouch itself."""
    before = os.umask(0)
    try:
        yield
    finally:
        os.umask(before)


def assert_private_tree(folder: Path) -> list[Path]:
    """The folder and every folder in it 0700, every file 0600; returns the files."""
    assert mode(folder) == 0o700, folder
    files: list[Path] = []
    for path in folder.rglob("*"):
        if path.is_dir():
            assert mode(path) == 0o700, path
        else:
            assert mode(path) == 0o600, (path, oct(mode(path)))
            files.append(path)
    return files


async def test_the_app_keeps_its_files_private(config: SessionConfig, careless_umask: None) -> None:
    app = EcouchApp(config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("tab", "down", "enter", "tab", "enter", "m", "5", "escape")
        await pilot.pause()
        app.session.store.backup(reason="test")
        names = {p.name for p in assert_private_tree(config.data_dir)}  # while open: -wal, -shm
    assert {"ecouch.sqlite3", "ecouch.sqlite3-wal", "ecouch.sqlite3-shm"} <= names
    assert any(name.startswith("course-") for name in names)  # the content cache
    assert any(name.endswith("-test.sqlite3") for name in names)  # the backup
    assert_private_tree(config.data_dir)


@pytest.mark.slow
def test_commands_keep_their_files_private(tmp_path: Path) -> None:
    def ecouch(data: str, *args: str, stdin: str = "") -> None:
        done = subprocess.run(
            [sys.executable, "-m", "ecouch_tui", "--data-dir", str(tmp_path / data), *args],
            input=stdin,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
            umask=0,
        )
        assert done.returncode == 0, (args, done.stderr)

    ecouch("one", "mood", "4", "--note", "tired")
    ecouch("one", "checkin", stdin="1\n" * 8 + "0\n" + "2\n")
    ecouch("one", "export", "-o", "mine.json")
    ecouch("one", "export", "--format", "csv", "-o", "mine-csv")
    ecouch("one", "export", "--format", "csv")  # into the default folder name
    ecouch("one", "report", "-o", "report.html")
    ecouch("one", "report")  # to the default file name
    ecouch("two", "mood", "3")
    ecouch("two", "import", "mine.json")  # backs the store up first
    for data in ("one", "two"):
        assert_private_tree(tmp_path / data)
    assert list((tmp_path / "two" / "backups").iterdir())  # (checked just above)
    assert mode(tmp_path / "mine.json") == 0o600
    exports = [tmp_path / "mine-csv", *tmp_path.glob("ecouch-export-*")]
    assert len(exports) == 2
    for export in exports:
        assert assert_private_tree(export)  # the folder 0700, each CSV 0600
    reports = [tmp_path / "report.html", *tmp_path.glob("ecouch-report-*.html")]
    assert len(reports) == 2
    for report in reports:
        assert mode(report) == 0o600


@pytest.mark.parametrize("command", ["demo", "preview"])
def test_the_demo_and_the_preview_work_in_private_throwaway_folders(
    command: str,
    course_dir: Path,
    careless_umask: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[Path] = []

    def run_headless(app: EcouchApp) -> None:
        async def look() -> None:
            async with app.run_test(size=SIZE) as pilot:
                await pilot.pause()
                folder = app.config.data_dir
                seen.append(folder)
                files = assert_private_tree(folder)
                assert folder / "ecouch.sqlite3" in files

        asyncio.run(look())

    monkeypatch.setattr(EcouchApp, "run", run_headless)
    if command == "demo":
        from ecouch_tui.commands import demo

        assert demo.run(argparse.Namespace(modules=str(course_dir))) == 0
    else:
        from ecouch_tui.commands import preview

        assert preview.run(argparse.Namespace(file=str(course_dir / "01-welcome.yaml"))) == 0
    assert seen and not seen[0].exists()  # and gone afterwards


# -- content is data -------------------------------------------------------------------------

#: A YAML tag that would run a command if anything ever constructed it.
EVIL = "!!python/object/apply:os.system ['touch {marker}']"


@pytest.mark.parametrize(
    ("file", "find", "field"),
    [
        ("01-welcome.yaml", "title: Welcome to ecouch", "title"),
        ("course.yaml", "title: ecouch", "title"),
        ("crisis_lines.yaml", None, None),
        ("questionnaires/phq9.yaml", None, None),
    ],
)
def test_no_course_file_can_build_a_python_object(
    course_dir: Path, tmp_path: Path, file: str, find: str | None, field: str | None
) -> None:
    """Modules, the manifest, crisis lines and questionnaires: all only ever data."""
    from ecouch_tui.paths import bundled_modules_dir

    target = course_dir / file
    if not target.exists():  # crisis lines and questionnaires: a copy of the bundled ones
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text((bundled_modules_dir() / file).read_text())
    marker = tmp_path / f"ran-{target.stem}"
    text = target.read_text()
    if find is None:  # the first `name:` line gets the tag
        text = re.sub(r"(?m)^(\s*name:).*$", rf"\1 {EVIL.format(marker=marker)}", text, count=1)
    else:
        text = text.replace(find, f"{field}: {EVIL.format(marker=marker)}", 1)
    assert "python/object" in text
    target.write_text(text)
    load_course(course_dir)  # whatever it says about the file, it only reads it
    subprocess.run(
        [sys.executable, "-m", "ecouch_tui", "validate", str(course_dir)],
        capture_output=True,
        timeout=60,
    )
    assert not marker.exists()


def test_nothing_in_ecouch_runs_a_shell_or_evaluates_text() -> None:
    """An audit of the package's source: no shell, no eval, no pickle, no unsafe YAML."""
    forbidden = re.compile(
        r"\bsubprocess\b|\bos\.(system|popen|exec\w*|spawn\w*)\b|\beval\(|\bexec\(|"
        r"shell\s*=\s*True|\bpickle\b|\bmarshal\b|yaml\.(unsafe_load|full_load)|"
        r"\bUnsafeLoader\b|\bFullLoader\b|yaml\.Loader\b|__import__\("
    )
    # `ecouch serve` starts one ecouch per browser tab itself, from an argument vector
    # (no shell between): asyncio's exec and its pipes, in that one file, and nothing else.
    allowed = {
        "commands/serve.py": re.compile(
            r"^(from asyncio\.subprocess import Process"
            r"|.*asyncio\.create_subprocess_exec\("
            r"|std(in|out|err)=asyncio\.subprocess\.PIPE,)$"
        )
    }
    found = [
        f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if forbidden.search(line)
        and not line.lstrip().startswith("#")
        and not ((rule := allowed.get(str(path.relative_to(PACKAGE)))) and rule.match(line.strip()))
    ]
    assert found == []


def test_serves_command_line_quotes_the_users_own_folders(tmp_path: Path) -> None:
    """serve's one shell command line (run by textual-serve) is built only from the
    user's own options, each one quoted: a hostile folder name stays one argument."""
    hostile = tmp_path / "a b; rm -rf ~ $(touch pwned) `id` 'q\""
    command = serve.app_command(argparse.Namespace(data_dir=str(hostile), modules=str(hostile)))
    assert shlex.split(command) == [
        *(sys.executable, "-m", "ecouch_tui"),
        *("--data-dir", str(hostile), "--modules", str(hostile)),
    ]


def test_a_stored_kind_never_names_a_module_outside_ecouchs_forms() -> None:
    """An entry's kind comes from the store (an imported file can set it)."""
    for kind in ("x..y", "activity_log.os", "../x", "", "os.path", "a b", "sys", "__init__"):
        assert form_class(kind) is None and view_class(kind) is None
    assert form_class("activity_log") is not None


async def test_a_hostile_kind_in_the_store_is_listed_not_followed(
    config: SessionConfig, store: Store
) -> None:
    store.enrol("AU")
    store.save_entry(
        uid=None, module_id="home", page_id="home", block_id="quick", kind="x..y", data={"a": 1}
    )
    store.close()
    app = EcouchApp(config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, WorkbookScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WorkbookEntryScreen)
        assert app.screen.read_only


# -- links -----------------------------------------------------------------------------------

LINKED = """\
id: links
week: 1
title: Links
summary: A page with a link.
minutes: 1
pages:
  - id: one
    title: Where to read more
    blocks:
      - type: markdown
        text: |
          Read [the WHO fact sheet](https://www.who.int/news-room/fact-sheets) if you like.
"""


async def test_a_link_is_shown_never_opened(
    tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    course = tmp_path / "linked"
    course.mkdir()
    (course / "course.yaml").write_text("title: Links\nunlock: open\nmodules:\n  - links.yaml\n")
    (course / "links.yaml").write_text(LINKED)
    config = SessionConfig(data_dir=tmp_path / "data", modules_dir=course, clock=clock)
    enrol(config)
    opened: list[str] = []
    import webbrowser

    monkeypatch.setattr(webbrowser, "open", lambda *a, **k: opened.append(str(a)))
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        monkeypatch.setattr(
            type(app._driver), "open_url", lambda self, url, new_tab=True: opened.append(url)
        )
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)
        # Without a mouse: the address is written out under the text, to read or copy.
        text = squash(screen_text(app))
        assert "Links in this text:" in text
        assert "the WHO fact sheet: https://www.who.int/news-room/fact-sheets" in text
        # With one: a click on the link's words shows the address and opens nothing.
        assert "open it yourself" not in text
        paragraph = app.screen.query_one(Markdown).query_one("MarkdownParagraph")
        assert await pilot.click(paragraph, offset=(len("Read t"), 0))
        await pilot.pause()
        assert "Link: open it yourself if you wish" in squash(screen_text(app))
        assert [n.message for n in app._notifications] == [
            "https://www.who.int/news-room/fact-sheets"
        ]
        # And whatever else might ask the app to open a link is shown it instead.
        app.open_url("https://example.org/elsewhere")
        await pilot.pause()
        assert "https://example.org/elsewhere" in squash(screen_text(app))
    assert opened == []
