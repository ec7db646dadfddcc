"""`ecouch serve`: the course in a real browser, with nothing fetched from off this machine.

The browser test runs `ecouch serve` as a user would and opens it in headless Chromium,
driven over the Chrome DevTools Protocol (CDP) with aiohttp's websocket client (aiohttp
comes with textual-serve). CDP reports every request the page makes and every websocket
frame it receives; the frames are the terminal output that xterm.js draws, so replaying
them on a small screen model reads what the page shows. As a safety net, Chromium runs with
every non-loopback request sent to a dead proxy on 127.0.0.1 and every host name except
localhost unresolvable, so even a failing run sends nothing out.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer

from ecouch_tui.clock import FixedClock
from ecouch_tui.commands import serve
from ecouch_tui.store.db import Store

#: Upper bound for each wait (the server, the browser, the first screen). Only a broken
#: run waits this long; a working one moves on as soon as the thing appears.
WAIT = 15.0

#: A module title only this test's course has: seeing it proves --modules reached the app.
TEST_TITLE = "A week only this test serves"

#: The home screen of that course: Textual draws it in a few passes, so wait for all.
HOME_SCREEN = ["weeks done", "Week 1", TEST_TITLE]

#: The flags this machine's notes require for headless Chromium, so it makes no
#: background connections of its own.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,800",
]


# -- without a browser ---------------------------------------------------------------------


def _args(**values: Any) -> argparse.Namespace:
    defaults = {"host": "127.0.0.1", "port": 8000, "demo": False, "data_dir": None, "modules": None}
    return argparse.Namespace(**{**defaults, **values})


def test_without_the_extra_it_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "textual_serve", None)
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)
    assert serve.run(_args()) == 1
    assert "pip install 'ecouch[serve]'" in capsys.readouterr().err


def test_the_served_command_carries_the_data_and_course_folders(tmp_path: Path) -> None:
    folder = tmp_path / "my data"
    command = serve.app_command(_args(data_dir=str(folder), modules="course"))
    assert shlex.split(command) == [
        *(sys.executable, "-m", "ecouch_tui"),
        *("--data-dir", str(folder), "--modules", str(Path("course").absolute())),
    ]
    demo = serve.app_command(_args(demo=True, modules="course"))
    assert shlex.split(demo)[3:] == ["demo", "--modules", str(Path("course").absolute())]


def test_demo_refuses_a_data_folder(capsys: pytest.CaptureFixture[str]) -> None:
    assert serve.run(_args(demo=True, data_dir="somewhere")) == 1
    assert "leave out --data-dir" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("host", "warned"),
    [("127.0.0.1", False), ("localhost", False), ("::1", False), ("127.0.0.2", False),
     ("0.0.0.0", True), ("192.168.1.20", True), ("::", True), ("example.org", True)],
)  # fmt: skip
def test_binding_beyond_this_computer_warns(host: str, warned: bool) -> None:
    warning = serve.exposure_warning(host)
    assert (warning is not None) == warned
    if warning:
        assert "Anyone who can reach this address can open the course" in warning


def test_a_port_in_use_is_a_clear_error(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "ecouch_tui", "serve", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=tmp_path,
        )
    assert result.returncode == 1
    assert f"ecouch: cannot serve on 127.0.0.1 port {port}" in result.stderr


#: The token the in-process server is given, so that requests can carry it.
TOKEN = "a-token-for-this-test-only"


@pytest.fixture
async def client() -> AsyncIterator[TestClient]:
    """ecouch's server in this process (no app is started: nothing opens the websocket)."""
    server = serve.build_server("true", "127.0.0.1", 0, token=TOKEN)
    app = await server._make_app()
    async with TestClient(TestServer(app, host="127.0.0.1")) as test_client:
        yield test_client


async def test_the_page_names_no_other_host(client: TestClient) -> None:
    response = await client.get(f"/?token={TOKEN}")
    assert response.status == 200
    page = await response.text()
    assert "://" not in page, "the page names an absolute URL"
    links = re.findall(r"""(?:src|href)\s*=\s*["']([^"']*)""", page)
    links += re.findall(r"""url\(\s*["']?([^"')]*)""", page)
    assert links, "no asset links found: has the template changed shape?"
    for link in links:
        assert link.startswith("static/") or link.startswith("data:"), link
        if link.startswith("static/"):  # and each one is really there
            assert (await client.get(f"/{link}")).status == 200, link


async def test_pages_elsewhere_cannot_reach_the_course(client: TestClient) -> None:
    """A web page from another site (or one that points its name here) is refused."""
    port = client.server.port
    refused = [
        {"Origin": "https://example.org"},
        {"Origin": "null"},
        {"Origin": "http://[not-an-address"},
        {"Host": f"rebound.example.org:{port}"},
    ]
    for headers in refused:  # even with the token
        assert (await client.get(f"/?token={TOKEN}", headers=headers)).status == 403, headers
        with pytest.raises(aiohttp.WSServerHandshakeError):
            await client.ws_connect(f"/ws/{TOKEN}", headers=headers)
    same = {"Origin": f"http://127.0.0.1:{port}"}
    assert (await client.get(f"/?token={TOKEN}", headers=same)).status == 200
    localhost = {"Host": f"localhost:{port}"}
    assert (await client.get(f"/?token={TOKEN}", headers=localhost)).status == 200


# -- in a browser --------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until(what: str, ready: Any, process: subprocess.Popen[bytes], log: Path) -> Any:
    """Poll `ready()` until it returns something truthy; fail clearly if it never does."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if (value := ready()) is not None and value is not False:
            return value
        if process.poll() is not None:
            pytest.fail(f"{what}: the process exited ({process.returncode}):\n{log.read_text()}")
        time.sleep(0.05)
    pytest.fail(f"{what}: nothing after {WAIT:.0f} s.\n{log.read_text()[-3000:]}")


@contextlib.contextmanager
def started(argv: list[str], log: Path, **kwargs: Any) -> Iterator[subprocess.Popen[bytes]]:
    """Run a process (and its children) for the length of a block, then stop it."""
    with log.open("wb") as out:
        process = subprocess.Popen(
            argv, stdout=out, stderr=subprocess.STDOUT, start_new_session=True, **kwargs
        )
        try:
            yield process
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=WAIT)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def find_chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if found := shutil.which(name):
            return found
    reason = (
        "headless Chromium is needed for this test and none was found on PATH. On Debian "
        "or Ubuntu: apt-get install chromium (.ci/run installs it when it runs as root)."
    )
    if os.environ.get("ECOUCH_REQUIRE_CHROMIUM"):  # set by .ci/run: CI must prove serve
        pytest.fail(reason)
    pytest.skip(reason)


def printed_url(log: Path) -> str | None:
    """The address, token and all, that `ecouch serve` printed, once it has."""
    found = re.search(r"the course is at (http://\S+\?token=\S+)", log.read_text())
    return found.group(1) if found else None


def http_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1) as response:
            return bool(response.status == 200)
    except (OSError, urllib.error.URLError):
        return False


class TerminalScreen:
    """Just enough of a terminal to read Textual's output as rows of text.

    Textual positions the cursor (CSI row;col H) and writes runs of text between colour
    changes; everything else (colours, modes, titles) changes no characters, so it is
    skipped.
    """

    TOKEN = re.compile(
        r"\x1b\[([0-?]*)[ -/]*([@-~])"  # CSI: parameters, final byte
        r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC, e.g. the window title
        r"|\x1b[P^_][^\x1b]*\x1b\\"  # DCS, PM, APC strings
        r"|\x1b[^\[\]P^_]"  # a two-character escape
        r"|([^\x1b]+)"  # text
    )

    def __init__(self) -> None:
        self.rows: dict[int, dict[int, str]] = {}
        self.row = self.col = 0

    def feed(self, output: str) -> None:
        for match in self.TOKEN.finditer(output):
            params, final, text = match.group(1), match.group(2), match.group(3)
            if final in ("H", "f"):
                numbers = [int(p) if p.isdigit() else 1 for p in (params or "").split(";")]
                numbers += [1, 1]
                self.row, self.col = numbers[0] - 1, numbers[1] - 1
            elif final == "J" and params in ("2", "3"):
                self.rows.clear()
            elif text:
                self._write(text)

    def _write(self, text: str) -> None:
        for char in text:
            if char == "\n":
                self.row += 1
            elif char == "\r":
                self.col = 0
            elif char >= " ":
                self.rows.setdefault(self.row, {})[self.col] = char
                self.col += 1

    def text(self) -> str:
        lines = []
        for row in range(max(self.rows, default=-1) + 1):
            cells = self.rows.get(row, {})
            lines.append("".join(cells.get(col, " ") for col in range(max(cells, default=-1) + 1)))
        return "\n".join(line.rstrip() for line in lines)


class DevTools:
    """A minimal Chrome DevTools Protocol client for one page."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.events: list[dict[str, Any]] = []
        self.changed = asyncio.Event()
        self._calls: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self._next = 0
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for message in self.ws:
            if message.type != aiohttp.WSMsgType.TEXT:
                continue
            data = json.loads(message.data)
            if "id" in data:
                future = self._calls.pop(data["id"], None)
                if future is not None and not future.done():
                    future.set_result(data)
            else:
                self.events.append(data)
                self.changed.set()

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        self._next += 1
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._calls[self._next] = future
        await self.ws.send_json({"id": self._next, "method": method, "params": params})
        reply = await asyncio.wait_for(future, WAIT)
        if "error" in reply:
            raise AssertionError(f"CDP {method} failed: {reply['error']}")
        return dict(reply.get("result", {}))

    async def evaluate(self, expression: str) -> Any:
        result = await self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    def of(self, method: str) -> list[dict[str, Any]]:
        return [event["params"] for event in self.events if event["method"] == method]

    def terminal_output(self) -> str:
        """Everything the server sent to the page's terminal, as text."""
        frames = self.of("Network.webSocketFrameReceived")
        data = b"".join(
            base64.b64decode(frame["response"]["payloadData"])
            for frame in frames
            if frame["response"]["opcode"] == 2  # binary: terminal output
        )
        return data.decode("utf-8", "replace")

    def screen(self) -> str:
        screen = TerminalScreen()
        screen.feed(self.terminal_output())
        return screen.text()

    async def close(self) -> None:
        await self.ws.close()
        self._reader.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._reader


@pytest.fixture
def course(course_dir: Path) -> Path:
    moving = course_dir / "03-moving.yaml"
    moving.write_text(moving.read_text().replace("title: Moving for mood", f"title: {TEST_TITLE}"))
    return course_dir


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """Enrolled already: the home screen, not the first-run screen, shows that the served
    app opened this data folder (and TEST_TITLE that it opened this course)."""
    folder = tmp_path / "data"
    with Store.open(folder / "ecouch.sqlite3", FixedClock(date.today())) as store:
        store.enrol("AU")
    return folder


@dataclass
class Served:
    """`ecouch serve` and a headless Chromium page connected to it over CDP."""

    port: int
    token: str
    server: subprocess.Popen[bytes]
    cdp: DevTools
    browser_log: Path


@contextlib.asynccontextmanager
async def served_in_browser(
    tmp_path: Path, data_dir: Path, course: Path, *, sessions_first: int = 0
) -> AsyncIterator[Served]:
    """Start `ecouch serve` and Chromium, and open the page with every event recorded.

    With `sessions_first`, that many sessions are opened (and running) before the page.
    """
    chromium = find_chromium()
    port = free_port()
    server_argv = [sys.executable, "-m", "ecouch_tui", "serve", "--port", str(port)]
    server_argv += ["--data-dir", str(data_dir), "--modules", str(course)]
    server_log, browser_log = tmp_path / "server.log", tmp_path / "chromium.log"
    profile = tmp_path / "chromium-profile"
    browser_argv = [
        chromium,
        *CHROMIUM_FLAGS,
        f"--user-data-dir={profile}",
        "--remote-debugging-port=0",
        # The safety net: non-loopback requests go to a port nobody listens on, and no
        # host name but localhost resolves.
        f"--proxy-server=http://127.0.0.1:{free_port()}",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
        "about:blank",
    ]
    with (
        started(server_argv, server_log, cwd=tmp_path) as server,
        started(browser_argv, browser_log, cwd=tmp_path) as browser,
    ):
        page_url = wait_until(
            "ecouch serve printed no address", lambda: printed_url(server_log), server, server_log
        )
        wait_until("ecouch serve did not answer", lambda: http_ok(page_url), server, server_log)
        active = profile / "DevToolsActivePort"
        wait_until(
            "Chromium did not open its DevTools port",
            lambda: active.exists() and len(active.read_text().split()) == 2,
            browser,
            browser_log,
        )
        devtools_port = active.read_text().split()[0]
        async with aiohttp.ClientSession() as http:
            async with http.get(f"http://127.0.0.1:{devtools_port}/json/list") as response:
                targets = await response.json()
            page = next(t for t in targets if t["type"] == "page")
            ws = await http.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0)
            cdp = DevTools(ws)
            token = page_url.rsplit("?token=", 1)[1]
            others = []
            try:
                for _ in range(sessions_first):
                    other = await http.ws_connect(f"ws://127.0.0.1:{port}/ws/{token}")
                    others.append(other)
                    await other.receive_bytes(timeout=WAIT)  # its ecouch is running
                await cdp.call("Network.enable")
                await cdp.call("Page.enable")
                await cdp.call("Page.navigate", url=page_url)
                yield Served(port, token, server, cdp, browser_log)
            finally:
                for other in others:
                    await other.close()
                await cdp.close()
                (tmp_path / "terminal.txt").write_text(cdp.terminal_output())  # to look at


async def test_the_course_in_a_browser_fetches_nothing_from_off_this_machine(
    tmp_path: Path, data_dir: Path, course: Path
) -> None:
    async with served_in_browser(tmp_path, data_dir, course) as served:
        cdp, port, token = served.cdp, served.port, served.token
        screen = await wait_for_screen(cdp, HOME_SCREEN, served.browser_log)
        shown = await cdp.evaluate("document.body.classList.contains('-first-byte')")
        local_font = await cdp.evaluate(
            "[...document.fonts].some(f => f.family.includes('Roboto Mono') "
            "&& f.status === 'loaded')"
        )
        shot = await cdp.call("Page.captureScreenshot", format="png")
    png = base64.b64decode(shot["data"])
    (tmp_path / "serve.png").write_bytes(png)

    # Every request the page made went to the ecouch server, and each one succeeded.
    urls = [r["request"]["url"] for r in cdp.of("Network.requestWillBeSent")]
    urls += [w["url"] for w in cdp.of("Network.webSocketCreated")]
    here = re.compile(rf"^(https?|wss?)://127\.0\.0\.1:{port}/")
    off_machine = [url for url in urls if not here.match(url) and not url.startswith("data:")]
    assert not off_machine, f"the browser asked for things off this machine: {off_machine}"
    for expected in ("/", "/static/js/textual.js", "/static/css/xterm.css", f"/ws/{token}"):
        assert any(url.split("?")[0].endswith(f":{port}{expected}") for url in urls), expected
    failed = [event.get("errorText") for event in cdp.of("Network.loadingFailed")]
    assert not failed, f"requests failed: {failed}"
    statuses = {
        r["response"]["url"]: r["response"]["status"] for r in cdp.of("Network.responseReceived")
    }
    assert all(status < 400 for status in statuses.values()), statuses

    # The page loaded, in the font served from here, with the course's home screen.
    assert shown, "the page never showed its terminal"
    assert "Where do you live?" not in screen, "first-run screen: --data-dir did not arrive"
    assert png.startswith(b"\x89PNG") and len(png) > 10_000, "a blank screenshot"
    assert any(url.endswith(".ttf") for url in urls), "the font was not fetched from here"
    assert local_font, "the bundled Roboto Mono did not load from the ecouch server"


@pytest.mark.slow
async def test_a_tab_beyond_the_cap_says_why_it_has_no_session(
    tmp_path: Path, data_dir: Path, course: Path
) -> None:
    full = serve.MAX_SESSIONS
    async with served_in_browser(tmp_path, data_dir, course, sessions_first=full) as served:
        closed = "document.body.classList.contains('-closed')"
        for _ in range(int((WAIT + serve.PLACE_WAIT) / 0.05)):
            if await served.cdp.evaluate(closed):
                break
            await asyncio.sleep(0.05)
        else:
            pytest.fail("the page never said it has no session")
        shown = await served.cdp.evaluate("document.querySelector('.closed-dialog').innerText")
    assert f"{full} sessions are open already" in shown
    assert "close another tab, then open this one again" in shown


@pytest.mark.slow
async def test_ctrl_c_with_a_tab_open_ends_its_ecouch_and_the_page_says_so(
    tmp_path: Path, data_dir: Path, course: Path
) -> None:
    async with served_in_browser(tmp_path, data_dir, course) as served:
        await wait_for_screen(served.cdp, HOME_SCREEN, served.browser_log)
        served.server.send_signal(signal.SIGINT)
        try:
            code = served.server.wait(timeout=WAIT)
        except subprocess.TimeoutExpired:
            pytest.fail(f"ecouch serve still running {WAIT:.0f} s after Ctrl+C with a tab open")
        assert code == 0
        # Its process group held the tab's ecouch: that has quit too.
        assert wait_for(lambda: not group_alive(served.server.pid)), "a session's ecouch is left"
        closed = "document.body.classList.contains('-closed')"
        for _ in range(int(WAIT / 0.05)):
            if await served.cdp.evaluate(closed):
                break
            await asyncio.sleep(0.05)
        else:
            pytest.fail("the page did not say the session ended")


def group_alive(group: int) -> bool:
    """Whether any process but a zombie is left in a process group (Linux: reads /proc)."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) == group and fields[0] != "Z":  # state, ppid, pgrp
                return True
    return False


def wait_for(ready: Any) -> bool:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if ready():
            return True
        time.sleep(0.05)
    return False


async def wait_for_screen(cdp: DevTools, texts: list[str], browser_log: Path) -> str:
    """The terminal's screen once it shows all `texts`; a clear failure if it never does."""
    deadline = time.monotonic() + WAIT
    screen = ""
    while time.monotonic() < deadline:
        screen = cdp.screen()
        if all(text in screen for text in texts):
            return screen
        cdp.changed.clear()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(cdp.changed.wait(), max(0.01, deadline - time.monotonic()))
    urls = [r["request"]["url"][:100] for r in cdp.of("Network.requestWillBeSent")]
    failed = [e.get("errorText") for e in cdp.of("Network.loadingFailed")]
    pytest.fail(
        f"the served page did not show all of {texts} within {WAIT:.0f} s.\n"
        f"requests: {urls}\nfailed: {failed}\nscreen:\n{screen}\n"
        f"chromium log:\n{browser_log.read_text()[-2000:]}"
    )
