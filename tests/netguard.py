"""A network guard for tests: every attempt to use an IP network fails, and is written down.

Two layers, so that nothing slips between them:

- the socket module's front doors are replaced: `socket.socket` refuses the IP families
  (AF_INET, AF_INET6), and `create_connection`, `getaddrinfo`, `gethostbyname(_ex)`
  and `gethostbyaddr` refuse outright (a name lookup is itself a message to a server);
- a Python audit hook sees what those doors do not: code holding its own reference to
  the real functions, or calling the C `_socket` module directly, still raises the
  `socket.__new__`, `socket.connect`, `socket.getaddrinfo`, ... audit events.

Local sockets (AF_UNIX: asyncio's self-pipe, for one) are left alone. An audit hook can
never be removed, so the hook is added once per process and does nothing unless a guard
is armed. Used in-process by `guarded()` and in child processes through `CHILD_MAIN`.
"""

from __future__ import annotations

import json
import os
import socket
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

IP_FAMILIES = frozenset({socket.AF_INET, socket.AF_INET6})

#: Audit events that always mean a network was wanted; socket.__new__ and the
#: per-socket ones are judged by the socket's family.
_LOOKUPS = frozenset(
    {
        "socket.getaddrinfo",
        "socket.gethostbyname",
        "socket.gethostbyaddr",
        "socket.getnameinfo",
    }
)
_PER_SOCKET = frozenset({"socket.connect", "socket.sendto", "socket.sendmsg", "socket.bind"})


class NetworkAttempt(OSError):
    """Raised in place of any network use while a guard is armed."""


class Guard:
    """The attempts seen while armed; `log` (a path) also gets one JSON line each."""

    def __init__(self, log: Path | None = None) -> None:
        self.attempts: list[str] = []
        self.log = log

    def refuse(self, what: str, detail: object) -> None:
        attempt = f"{what} {detail!r}"
        self.attempts.append(attempt)
        if self.log is not None:
            with self.log.open("a", encoding="utf-8") as out:
                out.write(json.dumps(attempt) + "\n")
        raise NetworkAttempt(f"network use blocked by the test guard: {attempt}")


_armed: Guard | None = None
_hooked = False


def _family_of(sock: Any) -> int | None:
    try:
        return int(sock.family)
    except (AttributeError, OSError, TypeError, ValueError):
        return None


def _audit(event: str, args: tuple[Any, ...]) -> None:
    guard = _armed
    if guard is None or not event.startswith("socket."):
        return
    if event == "socket.__new__":
        family = args[1] if len(args) > 1 else None
        if family in IP_FAMILIES:
            guard.refuse("socket()", family)
    elif event in _LOOKUPS:
        guard.refuse(event, args[:2])
    elif event in _PER_SOCKET and _family_of(args[0]) in IP_FAMILIES:
        guard.refuse(event, args[1:2])


def _refusing(name: str) -> Callable[..., Any]:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        assert _armed is not None
        _armed.refuse(f"socket.{name}", args[:2])

    return refuse


class _GuardedSocket(socket.socket):
    def __init__(self, family: Any = -1, type: Any = -1, proto: int = -1, fileno: Any = None):
        if _armed is not None and fileno is None and family in IP_FAMILIES:
            _armed.refuse("socket.socket", family)
        super().__init__(family, type, proto, fileno)


_DOORS = ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr")


def arm(guard: Guard) -> Callable[[], None]:
    """Start refusing; returns the function that puts the socket module back."""
    global _armed, _hooked
    if not _hooked:
        sys.addaudithook(_audit)
        _hooked = True
    saved = {name: getattr(socket, name) for name in ("socket", *_DOORS)}
    socket.socket = _GuardedSocket  # type: ignore[misc]
    for name in _DOORS:
        setattr(socket, name, _refusing(name))
    _armed = guard

    def disarm() -> None:
        global _armed
        _armed = None
        for name, value in saved.items():
            setattr(socket, name, value)

    return disarm


@contextmanager
def guarded() -> Iterator[Guard]:
    """In-process: refuse every network use inside the block; see `guard.attempts`."""
    guard = Guard()
    disarm = arm(guard)
    try:
        yield guard
    finally:
        disarm()


#: `python -c CHILD_MAIN ARGS...` runs `ecouch ARGS...` with the guard armed, writing each
#: attempt to $NETGUARD_LOG. With NETGUARD_HEADLESS set, the app runs headless and quits
#: shortly after its first screen is up (for `ecouch`, `demo` and `preview`).
CHILD_MAIN = f"""
import os, sys
sys.path.insert(0, {str(Path(__file__).parent)!r})
from pathlib import Path
import netguard
netguard.arm(netguard.Guard(Path(os.environ["NETGUARD_LOG"])))
if os.environ.get("NETGUARD_HEADLESS"):
    from ecouch_tui.ui.app import EcouchApp
    run, mounted = EcouchApp.run, EcouchApp.on_mount
    def headless(self, **options):
        return run(self, **{{**options, "headless": True}})
    def on_mount(self):
        mounted(self)
        self.set_timer(float(os.environ["NETGUARD_HEADLESS"]), self.exit)
    EcouchApp.run, EcouchApp.on_mount = headless, on_mount
from ecouch_tui.cli import main
sys.exit(main(sys.argv[1:]))
"""


def attempts_in(log: Path) -> list[str]:
    """What a child process tried (empty when it tried nothing)."""
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def child_env(log: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "NETGUARD_LOG": str(log), **extra}


#: `python -c RECORDER_MAIN ARGS...` runs `ecouch ARGS...` with nothing refused, writing
#: every address a socket connects to, sends to or binds, and every name looked up, to
#: $NETGUARD_LOG (one JSON list each): for the board, which may talk to its homeserver
#: and to nothing else.
RECORDER_MAIN = f"""
import json, os, sys
sys.path.insert(0, {str(Path(__file__).parent)!r})
log = os.environ["NETGUARD_LOG"]
def record(event, args):
    if event in ("socket.connect", "socket.sendto", "socket.sendmsg", "socket.bind"):
        address = args[1] if len(args) > 1 else None
        if isinstance(address, tuple):
            with open(log, "a", encoding="utf-8") as out:
                out.write(json.dumps([event, list(address[:2])]) + "\\n")
    elif event in ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr"):
        with open(log, "a", encoding="utf-8") as out:
            out.write(json.dumps([event, [str(args[0]), args[1] if len(args) > 1 else None]]) + "\\n")
sys.addaudithook(record)
from ecouch_tui.cli import main
sys.exit(main(sys.argv[1:]))
"""
