"""`ecouch serve`: the course in a browser on this computer, through textual-serve.

textual-serve starts one `ecouch` process per browser tab and relays its screen over a
websocket. Three things are ecouch's own here, all for privacy:

- the page template (`serve_templates/app_index.html`): textual-serve's page asks an
  online font service for a stylesheet, which would tell an outside server that someone
  is using the course. Ours uses the font textual-serve ships (or monospace) and only
  URLs relative to the page, so the browser fetches nothing from anywhere else;
- the address: 127.0.0.1 unless the user asks otherwise, with a clear warning then;
- a same-origin guard: browsers let any web page open a websocket to localhost, so a page
  from elsewhere could otherwise drive the course and read what the user wrote.

textual-serve is an optional extra; it is imported only when this command runs.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import logging
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from aiohttp import web
    from textual_serve.server import Server

    Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

INSTALL_HINT = (
    "'ecouch serve' needs the optional 'serve' extra (textual-serve). Install it with:\n"
    "    pip install 'ecouch[serve]'"
)

#: ecouch's page template for textual-serve; it ships inside the package.
TEMPLATES = Path(__file__).resolve().parent / "serve_templates"

TITLE = "ecouch"

#: Seconds to let open sessions' ecouch processes quit when the server stops.
SHUTDOWN_WAIT = 10.0


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
    """The shell command textual-serve runs for each browser session.

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


def build_server(command: str, host: str, port: int) -> Server:
    """A textual-serve server with ecouch's page and the same-origin guard."""
    from aiohttp import web
    from textual_serve.server import Server
    from yarl import URL

    loopback_only = is_loopback(host)

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

    #: The request tasks of open browser sessions, so that stopping the server can end them.
    sessions: set[asyncio.Task[object]] = set()

    @web.middleware
    async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
        reason = same_origin(request)
        if reason is not None:
            raise web.HTTPForbidden(text=f"ecouch: {reason}\n")
        task = asyncio.current_task()
        if request.path != "/ws" or task is None:
            return await handler(request)
        sessions.add(task)
        try:
            return await handler(request)
        finally:
            sessions.discard(task)

    class EcouchServer(Server):
        """textual-serve's server, with ecouch's page and guard and a plain start-up note."""

        async def _make_app(self) -> web.Application:
            app = await super()._make_app()
            app.middlewares.append(guard)
            return app

        def initialize_logging(self) -> None:
            super().initialize_logging()
            # A line per request helps nobody showing the course; problems still show.
            logging.getLogger("aiohttp.access").setLevel(logging.WARNING)

        async def on_shutdown(self, app: web.Application) -> None:
            """End each open session now: its ecouch quits (saving as it goes).

            aiohttp would otherwise wait a minute for every open tab before stopping.
            """
            for task in list(sessions):
                task.cancel()  # textual-serve then tells that ecouch to quit, and waits
            if sessions:
                await asyncio.wait(set(sessions), timeout=SHUTDOWN_WAIT)

        async def on_startup(self, app: web.Application) -> None:
            url = f"http://{_url_host(self.host)}:{self.port}/"
            print(
                f"ecouch: the course is at {url}\n"
                "Open it in a browser on this computer; each tab runs its own ecouch.\n"
                "Press Ctrl+C here to stop.",
                flush=True,
            )

    return EcouchServer(command, host=host, port=port, title=TITLE, templates_path=TEMPLATES)


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
