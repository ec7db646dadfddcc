"""A real Synapse for the board's tests: started on 127.0.0.1 in a temporary folder,
federation off, SQLite, our rules module loaded, and users made through its admin API.

Nothing here reaches past loopback: no key servers, no federation listener, no stats,
no URL previews. The tests' fixture (conftest.py, `synapse`) shares one server per
worker process; each test makes its own users and board, so they stay independent.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SECRET = "ecouch-tests-only"
STAFF = ["admin", "moderator", "moderator-two"]

CONFIG = """\
server_name: "localhost"
pid_file: "{home}/homeserver.pid"
public_baseurl: "{url}/"
listeners:
  - port: {port}
    bind_addresses: ["127.0.0.1"]
    type: http
    tls: false
    x_forwarded: false
    resources:
      - names: [client]
        compress: false
database:
  name: sqlite3
  args:
    database: "{home}/homeserver.db"
log_config: "{home}/log.config"
media_store_path: "{home}/media"
signing_key_path: "{home}/signing.key"
registration_shared_secret: "{secret}"
enable_registration: true
bcrypt_rounds: 4
registration_requires_token: true
enable_set_displayname: false
allow_guest_access: false
report_stats: false
trusted_key_servers: []
suppress_key_server_warning: true
federation_domain_whitelist: []
enable_metrics: false
url_preview_enabled: false
presence:
  enabled: false
{limits}
modules:
  - module: ecouch_tui.board.synapse_module.BoardRules
    config:
      staff: {staff}
{rules}
"""

#: Loopback tests (and the load benchmark) send far faster than any person.
LIMITS = "\n".join(
    f"{name}:\n  per_second: 1000\n  burst_count: 1000"
    for name in (
        "rc_message",
        "rc_registration",
        "rc_admin_redaction",
        "rc_3pid_validation",
        "rc_room_creation",
        "rc_joins_per_room",
        "rc_reports",
        "rc_registration_token_validity",
    )
) + (
    "\nrc_login:\n"
    + "".join(
        f"  {kind}:\n    per_second: 1000\n    burst_count: 1000\n"
        for kind in ("address", "account", "failed_attempts")
    )
    + "rc_joins:\n"
    + "".join(
        f"  {kind}:\n    per_second: 1000\n    burst_count: 1000\n" for kind in ("local", "remote")
    )
    + "rc_invites:\n"
    + "".join(
        f"  {kind}:\n    per_second: 1000\n    burst_count: 1000\n"
        for kind in ("per_room", "per_user", "per_issuer")
    )
)

LOG_CONFIG = """\
version: 1
formatters:
  precise:
    format: "%(asctime)s %(name)s %(levelname)s %(message)s"
handlers:
  file:
    class: logging.FileHandler
    formatter: precise
    filename: "{home}/homeserver.log"
root:
  level: WARNING
  handlers: [file]
loggers:
  ecouch_tui.board:
    level: INFO
disable_existing_loggers: false
"""


def synapse_missing() -> str | None:
    """Why Synapse cannot run here, or None. The test extra installs it."""
    try:
        import synapse  # noqa: F401
    except ImportError:
        return "Synapse is not installed (pip install -e '.[test]' installs it)"
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Account:
    user_id: str
    access_token: str
    password: str


@dataclass
class SynapseServer:
    """One running homeserver, and the calls tests make to it without our client."""

    home: Path
    rules: Path | None = None
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60.0) -> None:
        self.home.mkdir(parents=True, exist_ok=True)
        rules = f"      rules: {json.dumps(str(self.rules))}" if self.rules else ""
        config = self.home / "homeserver.yaml"
        config.write_text(
            CONFIG.format(
                home=self.home,
                url=self.url,
                port=self.port,
                secret=SECRET,
                limits=LIMITS,
                staff=json.dumps(STAFF),
                rules=rules,
            ),
            encoding="utf-8",
        )
        (self.home / "log.config").write_text(LOG_CONFIG.format(home=self.home), "utf-8")
        python = [sys.executable, "-m", "synapse.app.homeserver", "-c", str(config)]
        subprocess.run([*python, "--generate-keys"], check=True, capture_output=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith("SYNAPSE_")}
        self.process = subprocess.Popen(
            python,
            stdout=(self.home / "stdout.log").open("wb"),
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Synapse stopped as it started:\n{self.log()}")
            try:
                with urllib.request.urlopen(f"{self.url}/health", timeout=1) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"Synapse did not answer within {timeout} s:\n{self.log()}")

    def log(self) -> str:
        parts = []
        for name in ("stdout.log", "homeserver.log"):
            path = self.home / name
            if path.exists():
                parts.append(path.read_text("utf-8", "replace")[-4000:])
        return "\n".join(parts)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def memory_kib(self) -> int:
        """The server process's resident memory (Linux /proc), for the benchmark."""
        assert self.process is not None
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        line = next(x for x in status.splitlines() if x.startswith("VmRSS:"))
        return int(line.split()[1])

    # -- raw HTTP, as any Matrix client would send it -----------------------------------

    def call(
        self,
        method: str,
        path: str,
        body: dict[str, Any] | None = None,
        token: str | None = None,
    ) -> tuple[int, dict[str, Any]]:
        """One request to the server: (HTTP status, JSON body)."""
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(f"{self.url}{path}", data=data, method=method)
        request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                return answer.status, json.loads(answer.read() or b"{}")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"{}")

    def register(self, name: str, admin: bool = False) -> Account:
        """A user made with the shared secret (as `register_new_matrix_user` does)."""
        status, answer = self.call("GET", "/_synapse/admin/v1/register")
        assert status == 200, answer
        nonce = answer["nonce"]
        password = secrets.token_urlsafe(16)
        signed = "\x00".join((nonce, name, password, "admin" if admin else "notadmin"))
        mac = hmac.new(SECRET.encode(), signed.encode(), digestmod=hashlib.sha1)
        status, answer = self.call(
            "POST",
            "/_synapse/admin/v1/register",
            {
                "nonce": nonce,
                "username": name,
                "password": password,
                "admin": admin,
                "mac": mac.hexdigest(),
            },
        )
        assert status == 200, answer
        return Account(answer["user_id"], answer["access_token"], password)

    def send(
        self, account: Account, room_id: str, event_type: str, content: dict[str, Any]
    ) -> tuple[int, dict[str, Any]]:
        txn = secrets.token_hex(8)
        path = f"/_matrix/client/v3/rooms/{room_id}/send/{event_type}/{txn}"
        return self.call("PUT", path, content, account.access_token)

    def put_state(
        self,
        account: Account,
        room_id: str,
        event_type: str,
        content: dict[str, Any],
        state_key: str = "",
    ) -> tuple[int, dict[str, Any]]:
        path = f"/_matrix/client/v3/rooms/{room_id}/state/{event_type}/{state_key}"
        return self.call("PUT", path, content, account.access_token)

    def join(self, account: Account, room_id: str) -> tuple[int, dict[str, Any]]:
        return self.call("POST", f"/_matrix/client/v3/join/{room_id}", {}, account.access_token)
