"""`ecouch serve`: the course in a browser on this computer, through textual-serve.

textual-serve starts one `ecouch` process per browser tab and relays its screen over a
websocket. What is ecouch's own here is all for privacy and for the computer's sake:

- the page template (`serve_templates/app_index.html`): textual-serve's page asks an
  online font service for a stylesheet, which would tell an outside server that someone
  is using the course. Ours uses the font textual-serve ships (or monospace) and only
  URLs relative to the page, so the browser fetches nothing from anywhere else;
- the address: 127.0.0.1 unless the user asks otherwise, with a clear warning then;
- a secret token, new for each run and printed only in the address the command shows
  (as Jupyter does): every other local account can reach 127.0.0.1 too, so the page and
  the websocket are refused without it. textual-serve's scripts, styles and fonts stay
  public: they are the same files for everyone and hold nothing of the user's;
- a same-origin guard: browsers let any web page open a websocket to localhost, so a page
  from elsewhere could otherwise drive the course and read what the user wrote;
- limits: at most MAX_SESSIONS ecouch processes at once, terminals of at most
  MAX_WIDTH x MAX_HEIGHT cells, and every session's process ended and reaped when its
  websocket closes, however it closes.

textual-serve is an optional extra; it is imported only when this command runs.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import hmac
import ipaddress
import logging
import secrets
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from asyncio.subprocess import Process
    from collections.abc import Awaitable, Callable

    from aiohttp import web
    from textual_serve.server import Server

    Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

Sent = TypeVar("Sent")

INSTALL_HINT = (
    "'ecouch serve' needs the optional 'serve' extra (textual-serve). Install it with:\n"
    "    pip install 'ecouch[serve]'"
)

#: ecouch's page template for textual-serve; it ships inside the package.
TEMPLATES = Path(__file__).resolve().parent / "serve_templates"

TITLE = "ecouch"

#: Seconds to let open sessions' ecouch processes quit when the server stops.
SHUTDOWN_WAIT = 10.0

#: The most browser sessions (each its own ecouch process, about 45 MB) open at once.
MAX_SESSIONS = 4

#: Seconds a new session waits for a place: a reloaded tab's old ecouch may still be quitting.
PLACE_WAIT = 3.0

#: The largest terminal a session gets, in cells (a 4K screen at a small font is ~430x110).
#: Bigger requests are clamped: a 3000x3000 terminal makes frames of many megabytes.
MAX_WIDTH = 500
MAX_HEIGHT = 200

#: Seconds a session's ecouch has to quit once its websocket closes, and then to end on
#: SIGTERM (which lets it save) before it is killed.
QUIT_WAIT = 5.0
TERM_WAIT = 2.0

#: The websocket close code for "every place is taken" (RFC 6455: try again later).
TRY_AGAIN_LATER = 1013


def new_token() -> str:
    """A secret for one run of the server: 256 random bits, safe in a URL."""
    return secrets.token_urlsafe(32)


def token_matches(given: str | None, token: str) -> bool:
    """Whether `given` is the server's token (in constant time, so timing tells nothing)."""
    return given is not None and hmac.compare_digest(given.encode(), token.encode())


def terminal_size(width: int, height: int) -> tuple[int, int]:
    """The size a session's terminal gets: what the browser asked for, within limits."""
    return min(max(width, 1), MAX_WIDTH), min(max(height, 1), MAX_HEIGHT)


def session_url(host: str, port: int, token: str) -> str:
    """The address to open: the only place the token is shown."""
    return f"http://{_url_host(host)}:{port}/?token={token}"


def is_loopback(host: str) -> bool:
    """Whether `host` names this computer only (so nobody else can reach the server)."""
    name = host.strip().strip("[]").rstrip(".").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def exposure_warning(host: str) -> str | None:
    """What to tell a user who binds an address other people may reach, or None."""
    if is_loopback(host):
        return None
    return (
        f"ecouch: warning: serving on {host}, not 127.0.0.1. Anyone who can reach this "
        "address can open the course in their browser and read and change what is in it.\n"
        "ecouch: leave out --host to keep it on this computer only."
    )


def app_command(args: argparse.Namespace) -> str:
    """The command line run for each browser session (one string, as textual-serve
    takes it; each session splits it again and runs it without a shell).

    The same Python runs it, so the served app is the installed one; folders are made
    absolute because the server, not the user's shell, starts it.
    """
    argv = [sys.executable, "-m", "ecouch_tui"]
    modules = getattr(args, "modules", None)
    data_dir = getattr(args, "data_dir", None)
    if getattr(args, "demo", False):
        argv.append("demo")
    elif data_dir:
        argv += ["--data-dir", _absolute(data_dir)]
    if modules:
        argv += ["--modules", _absolute(modules)]
    return shlex.join(argv)


def _absolute(path: str) -> str:
    return str(Path(path).expanduser().absolute())


def _authority(url_host: str | None, port: int | None) -> tuple[str, int | None]:
    return ((url_host or "").lower().strip("[]").rstrip("."), port)


def build_server(
    command: str,
    host: str,
    port: int,
    *,
    token: str | None = None,
    max_sessions: int = MAX_SESSIONS,
) -> Server:
    """A textual-serve server with ecouch's page, token, same-origin guard and limits.

    `token` is made fresh unless given (tests give their own); the server keeps it as
    `.token`.
    """
    from aiohttp import web
    from textual_serve.app_service import AppService
    from textual_serve.server import Server, to_int
    from yarl import URL

    loopback_only = is_loopback(host)
    secret = token if token is not None else new_token()

    def same_origin(request: web.Request) -> str | None:
        """Why a request is refused, or None to let it through."""
        try:
            here = URL(f"http://{request.host}")
        except ValueError:
            return "the request's Host header is not an address"
        if loopback_only and not is_loopback(here.host or ""):
            # A page elsewhere that points its own name at 127.0.0.1 (DNS rebinding).
            return f"this server answers only to localhost, not {request.host!r}"
        origin = request.headers.get("Origin")
        if origin is None:  # not from a web page (a browser always sends it for a websocket)
            return None
        try:
            there = URL(origin)
        except ValueError:
            return "the request's Origin header is not an address"
        if there.scheme not in ("http", "https") or _authority(there.host, there.port) != (
            _authority(here.host, here.port)
        ):
            return f"requests from {origin!r} are not allowed"
        return None

    def without_token(request: web.Request) -> str | None:
        """Why a request lacking the right token is refused, or None to let it through.

        The page has it in its query string; the websocket as the last part of its path,
        because textual.js adds a query string of its own to that URL.
        """
        resource = request.match_info.route.resource
        if resource is not None and resource.name == "static":
            return None  # textual-serve's scripts, styles and fonts: nothing of the user's
        given = request.match_info.get("token") or request.query.get("token")
        if token_matches(given, secret):
            return None
        if given is None:
            return (
                "this address has no token. Open the address that 'ecouch serve' printed "
                "when it started: it ends in ?token=..."
            )
        return (
            "the token in this address is not this server's. Open the address that "
            "'ecouch serve' printed when it started (each run prints a new one)."
        )

    @web.middleware
    async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
        reason = same_origin(request) or without_token(request)
        if reason is not None:
            raise web.HTTPForbidden(text=f"ecouch: {reason}\n")
        return await handler(request)

    class Session(AppService):
        """One browser tab's ecouch: a clamped terminal, and a process always reaped.

        textual-serve's own stops reading the app once the browser has gone, so an ecouch
        that is still writing (a huge first screen) blocks on its full pipe, never reads
        "quit" and outlives the session. Here its output is dropped instead, and whatever
        happens the process is ended and waited for before the session's place is free.
        """

        async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
            # Without a shell between, the process ended below is ecouch itself.
            environment = self._build_environment(width=width, height=height)
            self._process = process = await asyncio.create_subprocess_exec(
                *shlex.split(self.command),
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
                env=environment,
            )
            self._stdin = process.stdin
            return process

        async def start(self, width: int, height: int) -> None:
            await super().start(*terminal_size(width, height))

        async def set_terminal_size(self, width: int, height: int) -> None:
            if isinstance(width, int) and isinstance(height, int):  # from the browser: check
                await super().set_terminal_size(*terminal_size(width, height))

        async def stop(self) -> None:
            """Ask ecouch to quit (it saves as it goes), end it if it does not, reap it.

            textual-serve's own stop waits for the reader to see the app's last output:
            that reader swallows a cancellation, so no timeout can bound that wait.
            """
            process = self._process
            if process is None:
                return
            try:
                await self._download_manager.cancel_app_downloads(
                    app_service_id=self.app_service_id
                )
                await self.send_meta({"type": "quit"})
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(process.wait(), QUIT_WAIT)
            finally:
                await _end(process)
            if self._task is not None:  # the reader ends at the closed pipe; let it finish
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._task, TERM_WAIT)
                self._task = None

    class EcouchServer(Server):
        """textual-serve's server with ecouch's page, guard, limits and start-up note."""

        token = secret

        def __init__(self) -> None:
            super().__init__(command, host=host, port=port, title=TITLE, templates_path=TEMPLATES)
            #: The request tasks of open sessions, so that stopping the server can end them.
            self.sessions: set[asyncio.Task[object]] = set()
            self.places = asyncio.Semaphore(max_sessions)
            self.stopping = False

        async def _make_app(self) -> web.Application:
            app = await super()._make_app()
            app.router.add_get("/ws/{token}", self.handle_websocket, name="session")
            app.middlewares.append(guard)
            return app

        def initialize_logging(self) -> None:
            from rich.logging import RichHandler

            super().initialize_logging()
            # A line per request helps nobody showing the course (and would print the
            # token); problems still show, but never a traceback's local variables.
            logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
            for handler in logging.getLogger().handlers:
                if isinstance(handler, RichHandler):
                    handler.tracebacks_show_locals = False

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            """A session: ecouch in a process of its own, if a place is free."""
            try:
                await asyncio.wait_for(self.places.acquire(), PLACE_WAIT)
            except TimeoutError:
                note = (
                    f"{max_sessions} sessions are open already, the most at once: "
                    "close another tab, then open this one again."
                )
                return await self._refuse(request, note)
            task = asyncio.current_task()
            try:
                if self.stopping:
                    return await self._refuse(request, "The server is stopping.")
                if task is not None:
                    self.sessions.add(task)
                return await self._run_session(request)
            finally:
                if task is not None:
                    self.sessions.discard(task)
                self.places.release()

        async def _run_session(self, request: web.Request) -> web.WebSocketResponse:
            websocket = web.WebSocketResponse(heartbeat=15)
            width = to_int(request.query.get("width", "80"), 80)
            height = to_int(request.query.get("height", "24"), 24)
            session: Session | None = None

            async def close() -> None:
                await websocket.close()

            try:
                await websocket.prepare(request)
                session = Session(
                    self.command,
                    write_bytes=_dropped_once_closed(websocket.send_bytes),
                    write_str=_dropped_once_closed(websocket.send_str),
                    close=close,
                    download_manager=self.download_manager,
                    debug=self.debug,
                )
                await session.start(width, height)
                await self._process_messages(websocket, session)
            except asyncio.CancelledError:
                await websocket.close()
            except Exception as error:  # a broken message: end this session, say why
                logging.getLogger("textual-serve").error(
                    "ecouch: a session ended on %s", type(error).__name__
                )
            finally:
                if session is not None:
                    await session.stop()
            return websocket

        async def _refuse(self, request: web.Request, note: str) -> web.WebSocketResponse:
            """No session for this websocket: say why, in its terminal and as the close
            reason, which the page shows (a reason has at most 123 bytes)."""
            websocket = web.WebSocketResponse()
            await websocket.prepare(request)
            with contextlib.suppress(ConnectionError):
                await websocket.send_bytes(f"\r\n ecouch: {note}\r\n".encode())
            await websocket.close(code=TRY_AGAIN_LATER, message=note.encode()[:123])
            return websocket

        async def on_shutdown(self, app: web.Application) -> None:
            """End each open session now: its ecouch quits (saving as it goes).

            aiohttp would otherwise wait a minute for every open tab before stopping.
            """
            self.stopping = True
            for task in list(self.sessions):
                task.cancel()  # the session then tells its ecouch to quit, and waits
            if self.sessions:
                await asyncio.wait(set(self.sessions), timeout=SHUTDOWN_WAIT)

        async def on_startup(self, app: web.Application) -> None:
            print(
                f"ecouch: the course is at {session_url(self.host, self.port, secret)}\n"
                "Open that address, token and all, in a browser on this computer; "
                "each tab runs its own ecouch.\n"
                "Press Ctrl+C here to stop.",
                flush=True,
            )

    return EcouchServer()


def _dropped_once_closed(
    send: Callable[[Sent], Awaitable[None]],
) -> Callable[[Sent], Awaitable[None]]:
    """`send`, except that output for a browser that has gone is thrown away.

    The session keeps reading its ecouch that way, so the process never blocks on a full
    pipe and still hears "quit".
    """

    async def send_or_drop(data: Sent) -> None:
        with contextlib.suppress(ConnectionError):
            await send(data)

    return send_or_drop


async def _end(process: Process) -> None:
    """Make sure a session's ecouch has ended: SIGTERM first (it saves then), SIGKILL if
    it still runs after TERM_WAIT or the wait is cut short. asyncio's child watcher reaps
    it once it has ended."""
    try:
        if process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                process.terminate()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(process.wait(), TERM_WAIT)
    finally:
        if process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
    await process.wait()


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def run(args: argparse.Namespace) -> int:
    try:
        import textual_serve.server  # noqa: F401
    except ImportError:
        print(INSTALL_HINT, file=sys.stderr)
        return 1
    if getattr(args, "demo", False) and getattr(args, "data_dir", None):
        print(
            "ecouch: --demo uses throwaway sample data, never a data folder; leave out --data-dir.",
            file=sys.stderr,
        )
        return 1
    warning = exposure_warning(args.host)
    if warning:
        print(warning, file=sys.stderr)
    server = build_server(app_command(args), args.host, args.port)
    try:
        server.serve()
    except OSError as exc:
        print(
            f"ecouch: cannot serve on {args.host} port {args.port}: {exc.strerror or exc}",
            file=sys.stderr,
        )
        return 1
    return 0
