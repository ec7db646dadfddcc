"""`ecouch serve` lets in only whoever has its token, and keeps its ecouch processes in hand.

Every local account can reach 127.0.0.1, so the page and the websocket need the secret
token the command prints; without it nothing is shown and no ecouch is started. Sessions
are capped, terminals are clamped, and each session's ecouch is gone once its websocket
closes, however it closes. Plain aiohttp clients drive the server (no browser needed);
each session runs the real `ecouch` on a data folder in tmp_path, and the processes are
counted in /proc (Linux).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer

from ecouch_tui.clock import FixedClock
from ecouch_tui.commands import serve
from ecouch_tui.store.db import Store

#: Upper bound for each wait; a working run moves on as soon as the thing happens.
WAIT = 30.0

TOKEN = "the-token-this-test-gave-its-server"


@pytest.fixture
def enrolled(data_dir: Path) -> Path:
    """A data folder past the first-run screen, as a user's would be."""
    with Store.open(data_dir / "ecouch.sqlite3", FixedClock(date.today())) as store:
        store.enrol("AU")
    return data_dir


@contextlib.asynccontextmanager
async def serving(data_dir: Path, **limits: int) -> AsyncIterator[TestClient]:
    """ecouch's server in this process; each session runs the real ecouch on `data_dir`."""
    args = argparse.Namespace(data_dir=str(data_dir), modules=None, demo=False)
    server = serve.build_server(serve.app_command(args), "127.0.0.1", 0, token=TOKEN, **limits)
    app = await server._make_app()
    async with TestClient(TestServer(app, host="127.0.0.1")) as client:
        yield client


@dataclass
class Child:
    pid: int
    state: str
    argv: list[str]

    def environment(self) -> str:
        return Path(f"/proc/{self.pid}/environ").read_bytes().decode("utf-8", "replace")


def processes() -> list[tuple[Child, int]]:
    """Every process on this computer, with its parent's pid."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
            argv = (proc / "cmdline").read_bytes().decode("utf-8", "replace").split("\0")
            found.append((Child(int(proc.name), fields[0], [a for a in argv if a]), int(fields[1])))
    return found


def children(parent: int) -> list[Child]:
    """The processes `parent` has started and not yet reaped."""
    return [child for child, its_parent in processes() if its_parent == parent]


def sessions(data_dir: Path) -> list[Child]:
    """Every ecouch running on `data_dir` (whoever its parent is now: one a shell started
    outlives the shell), and any child of this process left a zombie."""
    return [
        child
        for child, parent in processes()
        if str(data_dir) in child.argv or (child.state == "Z" and parent == os.getpid())
    ]


async def eventually(what: str, check: Callable[[], object]) -> None:
    deadline = time.monotonic() + WAIT
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} within {WAIT:.0f} s")
        await asyncio.sleep(0.05)


async def first_screen(ws: aiohttp.ClientWebSocketResponse) -> bytes:
    """The first of ecouch's screen output: proof that its process runs."""
    async with asyncio.timeout(WAIT):
        async for message in ws:
            if message.type == aiohttp.WSMsgType.BINARY and len(message.data) > 10:
                return bytes(message.data)
    pytest.fail(f"the websocket closed ({ws.close_code}) before ecouch showed anything")


async def test_without_the_token_nothing_is_shown_and_nothing_starts(enrolled: Path) -> None:
    async with serving(enrolled) as client:
        page = await client.get("/")
        assert page.status == 403
        assert "this address has no token" in await page.text()
        assert "Open the address that 'ecouch serve' printed" in await page.text()

        wrong = await client.get("/?token=guessed")
        assert wrong.status == 403
        said = await wrong.text()
        assert "the token in this address is not this server's" in said
        assert "guessed" not in said
        assert (await client.get(f"/?token={TOKEN[:-1]}")).status == 403
        assert (await client.get("/download/some-key")).status == 403

        for url in ("/ws", "/ws?token=guessed", "/ws/guessed", f"/ws/{TOKEN}x"):
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await client.ws_connect(url)
            assert refused.value.status == 403, url
        assert sessions(enrolled) == [], "an ecouch was started for a websocket without the token"

        # The page with the token; textual-serve's scripts and fonts hold nothing of the
        # user's, so they need none.
        assert (await client.get(f"/?token={TOKEN}")).status == 200
        assert (await client.get("/static/js/textual.js")).status == 200


async def test_the_token_opens_a_session_and_closing_it_ends_its_ecouch(enrolled: Path) -> None:
    async with serving(enrolled) as client:
        ws = await client.ws_connect(f"/ws/{TOKEN}?width=100&height=30")
        await first_screen(ws)
        (session,) = sessions(enrolled)
        assert session.argv[1:3] == ["-m", "ecouch_tui"], "ecouch runs directly, no shell between"
        assert "COLUMNS=100" in session.environment().split("\0")
        await ws.close()
        await eventually("the session's ecouch did not end", lambda: not sessions(enrolled))


@pytest.mark.slow
async def test_sessions_beyond_the_cap_are_refused_and_start_nothing(enrolled: Path) -> None:
    async with serving(enrolled, max_sessions=2) as client:
        open_now = [await client.ws_connect(f"/ws/{TOKEN}") for _ in range(2)]
        for ws in open_now:
            await first_screen(ws)
        assert len(sessions(enrolled)) == 2

        refused = await client.ws_connect(f"/ws/{TOKEN}")
        shown = await refused.receive_bytes(timeout=WAIT)
        assert "2 sessions are open already" in shown.decode()
        assert "close another tab, then open this one again" in shown.decode()
        closing = await refused.receive(timeout=WAIT)
        assert closing.type == aiohttp.WSMsgType.CLOSE
        assert closing.data == serve.TRY_AGAIN_LATER
        assert "2 sessions are open already" in (closing.extra or "")
        assert len(sessions(enrolled)) == 2

        # A place freed is a place taken again.
        await open_now.pop().close()
        await eventually(
            "the closed session's ecouch did not end", lambda: len(sessions(enrolled)) == 1
        )
        again = await client.ws_connect(f"/ws/{TOKEN}")
        await first_screen(again)
        assert len(sessions(enrolled)) == 2
        for ws in (*open_now, again):
            await ws.close()
        await eventually("the sessions' ecouch did not end", lambda: not sessions(enrolled))


CURSOR_TO = re.compile(rb"\x1b\[(\d+);(\d+)H")


async def test_a_huge_terminal_is_clamped_and_its_ecouch_ends_with_it(enrolled: Path) -> None:
    async with serving(enrolled) as client:
        ws = await client.ws_connect(f"/ws/{TOKEN}?width=3000&height=3000")
        output = await first_screen(ws)
        (session,) = sessions(enrolled)
        variables = session.environment().split("\0")
        assert f"COLUMNS={serve.MAX_WIDTH}" in variables
        assert f"ROWS={serve.MAX_HEIGHT}" in variables

        # A resize message asking for more is clamped too: ecouch draws no further.
        await ws.send_str(json.dumps(["resize", {"width": 3000, "height": 3000}]))
        await ws.send_str(json.dumps(["resize", {"width": "wide", "height": None}]))
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(3):
                async for message in ws:
                    if message.type == aiohttp.WSMsgType.BINARY:
                        output += message.data
        positions = [(int(row), int(col)) for row, col in CURSOR_TO.findall(output)]
        assert positions, "ecouch drew nothing"
        assert max(row for row, _ in positions) <= serve.MAX_HEIGHT
        assert max(col for _, col in positions) <= serve.MAX_WIDTH

        await ws.close()
        await eventually("the session's ecouch did not end", lambda: not sessions(enrolled))

        # Asking for 3000x3000 and closing at once leaves nothing behind either.
        ws = await client.ws_connect(f"/ws/{TOKEN}?width=3000&height=3000")
        await ws.close()
        await eventually("an ecouch outlived its closed session", lambda: not sessions(enrolled))


async def test_a_browser_that_goes_mid_screen_leaves_no_ecouch_behind(
    enrolled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The client gives up on a screen too big for it (1009) while ecouch is writing it.

    textual-serve alone stopped reading that ecouch, which then blocked on its full pipe
    and ran until the server stopped. The limits are lifted here to make that screen.
    """
    monkeypatch.setattr(serve, "MAX_WIDTH", 3000)
    monkeypatch.setattr(serve, "MAX_HEIGHT", 3000)
    async with serving(enrolled) as client:
        ws = await client.ws_connect(f"/ws/{TOKEN}?width=3000&height=3000", max_msg_size=2**20)
        async with asyncio.timeout(WAIT):
            async for _ in ws:
                pass
        assert ws.close_code == aiohttp.WSCloseCode.MESSAGE_TOO_BIG
        await eventually("an ecouch outlived its session", lambda: not sessions(enrolled))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.slow
async def test_the_token_is_shown_only_in_the_printed_address(
    enrolled: Path, tmp_path: Path
) -> None:
    """Not in the request log, nor in the command line or environment of a session."""
    port, log = free_port(), tmp_path / "serve.log"
    argv = [sys.executable, "-m", "ecouch_tui", "serve", "--port", str(port)]
    with log.open("wb") as output:
        server = subprocess.Popen(
            [*argv, "--data-dir", str(enrolled)], stdout=output, stderr=subprocess.STDOUT
        )
    try:
        printed = re.compile(rf"the course is at (http://127\.0\.0\.1:{port}/\?token=(\S+))")
        await eventually("ecouch serve printed no address", lambda: printed.search(log.read_text()))
        found = printed.search(log.read_text())
        assert found is not None
        url, token = found.groups()
        assert len(token) >= 43, "the token is shorter than 256 random bits"

        async with aiohttp.ClientSession() as http:
            async with http.get(url) as page:
                assert page.status == 200
            async with http.get(f"http://127.0.0.1:{port}/") as page:
                assert page.status == 403
            ws = await http.ws_connect(f"ws://127.0.0.1:{port}/ws/{token}?width=90&height=25")
            await first_screen(ws)
            (session,) = children(server.pid)
            assert token not in " ".join(session.argv)
            assert token not in session.environment()
            assert token not in Path(f"/proc/{server.pid}/cmdline").read_text()
            await ws.close()
        await eventually("the session's ecouch did not end", lambda: not children(server.pid))
    finally:
        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=WAIT) == 0
    shown = log.read_text()
    assert shown.count(token) == 1, f"the token appears elsewhere than the address:\n{shown}"
    assert "GET /" not in shown, "requests were logged"
