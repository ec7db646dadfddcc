"""The board's shell commands on a real Synapse, as a programme, members and a moderator
use them: setup prints an invitation, members join and leave, a moderator approves,
mutes, removes, redacts and reads the log, the held posts and the reports."""

from __future__ import annotations

import contextlib
import io
import json
import re
import stat
from pathlib import Path

import pytest
from board_server import Account, SynapseServer

from ecouch_tui.board import credentials
from ecouch_tui.cli import main


def ecouch(capsys: pytest.CaptureFixture[str], *words: str) -> tuple[int, str]:
    code = main(list(words))
    out = capsys.readouterr()
    return code, out.out + out.err


def staff_of(synapse: SynapseServer) -> tuple[Account, Account]:
    """The shared server's admin and moderator accounts (made once per server)."""
    admin = getattr(synapse, "_admin", None) or synapse.register("admin", admin=True)
    moderator = getattr(synapse, "_moderator", None) or synapse.register("moderator")
    synapse._admin, synapse._moderator = admin, moderator  # type: ignore[attr-defined]
    return admin, moderator


def ecouch_invitation(synapse: SynapseServer, tmp_path: Path) -> str:
    """A new board on the shared server, made by `ecouch board setup`: its invitation."""
    admin, moderator = staff_of(synapse)
    token_file = tmp_path / "admin.token"
    token_file.write_text(admin.access_token)
    args = ["board", "setup", synapse.url, "--token-file", str(token_file)]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main([*args, "--moderator", moderator.user_id])
    found = re.search(r"^(http\S+#ecouch-join\S+)$", out.getvalue(), re.M)
    assert code == 0 and found is not None, out.getvalue()
    return found.group(1)


@pytest.fixture(scope="module")
def staff(synapse: SynapseServer) -> tuple[Account, Account]:
    admin, moderator = staff_of(synapse)
    # Reports are read through Synapse's admin API: this moderator is a server admin.
    synapse.call(
        "PUT",
        f"/_synapse/admin/v1/users/{moderator.user_id}/admin",
        {"admin": True},
        admin.access_token,
    )
    return admin, moderator


def test_a_board_from_setup_to_moderation_in_the_shell(
    synapse: SynapseServer,
    staff: tuple[Account, Account],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    admin, moderator = staff
    token_file = tmp_path / "admin.token"
    token_file.write_text(admin.access_token)
    code, said = ecouch(
        capsys,
        "board",
        "setup",
        synapse.url,
        "--token-file",
        str(token_file),
        "--moderator",
        moderator.user_id,
    )
    assert code == 0, said
    assert "ecouch_tui.board.synapse_module.BoardRules" in said
    invitation = re.search(r"^(http\S+#ecouch-join\S+)$", said, re.M)
    assert invitation is not None, said
    space = re.search(r"--space '(!\S+)'", said)
    assert space is not None

    # Two members join with the invitation.
    homes = [tmp_path / "ana", tmp_path / "ben"]
    handles = []
    for home in homes:
        code, said = ecouch(
            capsys,
            "board",
            "join",
            invitation.group(1),
            "--yes",
            "--data-dir",
            str(home),
            "--story",
            "Feeling a bit better most weeks.",
        )
        assert code == 0, said
        assert "not end-to-end encrypted" in said  # what joining means, said first
        found = re.search(r"You are ([A-Z][a-z]+ [A-Z][a-z]+) on the board", said)
        assert found is not None, said
        handles.append(found.group(1))
        saved = credentials.path_in(home)
        assert stat.S_IMODE(saved.stat().st_mode) == 0o600
        assert "Feeling a bit better" not in said
    # Joining twice is refused with what to do.
    code, said = ecouch(
        capsys, "board", "join", invitation.group(1), "--yes", "--data-dir", str(homes[0])
    )
    assert code == 1 and "ecouch board leave" in said

    # The moderator signs in and sees both waiting.
    mod_home = tmp_path / "moderator"
    mod_token = tmp_path / "mod.token"
    mod_token.write_text(moderator.access_token)
    code, said = ecouch(
        capsys,
        "board",
        "moderate",
        "login",
        synapse.url,
        "--space",
        space.group(1),
        "--token-file",
        str(mod_token),
        "--data-dir",
        str(mod_home),
    )
    assert code == 0, said
    code, said = ecouch(capsys, "board", "moderate", "--data-dir", str(mod_home))
    assert code == 0, said
    assert "2 waiting for approval" in said
    assert all(h in said for h in handles)

    code, said = ecouch(
        capsys, "board", "moderate", "approve", handles[0], "--data-dir", str(mod_home)
    )
    assert code == 0 and f"{handles[0]}" in said and "is approved" in said, said
    code, said = ecouch(capsys, "board", "moderate", "--data-dir", str(mod_home))
    assert "1 waiting for approval" in said

    # The approved member posts (through our client, as the app does); the moderator
    # redacts it after a report, and mutes, then removes the other member.
    import asyncio

    from ecouch_tui.board.membership import client_for
    from ecouch_tui.board.rules import load_rules

    ana = credentials.load(homes[0])
    assert ana is not None

    async def post_and_report() -> str:
        async with client_for(ana, load_rules()) as client:
            event = await client.post(ana.rooms["talk"], "Anyone else find mornings hard?")
            await client.report(ana.rooms["talk"], event, "testing the report key")
            return event

    event = asyncio.run(post_and_report())
    code, said = ecouch(capsys, "board", "moderate", "--data-dir", str(mod_home))
    assert "Anyone else find mornings hard?" in said and "testing the report key" in said, said
    code, said = ecouch(
        capsys,
        "board",
        "moderate",
        "redact",
        event,
        "--reason",
        "test",
        "--data-dir",
        str(mod_home),
    )
    assert code == 0, said
    status, gone = synapse.call(
        "GET",
        f"/_matrix/client/v3/rooms/{ana.rooms['talk']}/event/{event}",
        token=admin.access_token,
    )
    assert status == 200 and gone.get("content") == {}  # redacted: its words are gone
    code, said = ecouch(capsys, "board", "moderate", "--data-dir", str(mod_home))
    assert "Anyone else find mornings hard? (removed)" in said, said

    for step in ("mute", "remove"):
        code, said = ecouch(
            capsys,
            "board",
            "moderate",
            step,
            handles[1],
            "--reason",
            "test",
            "--data-dir",
            str(mod_home),
        )
        assert code == 0, said
    code, said = ecouch(capsys, "board", "moderate", "log", "--data-dir", str(mod_home))
    lines = said.splitlines()
    assert [line.split(": ", 1)[1].split()[0] for line in lines] == [
        "approve",
        "redact",
        "mute",
        "remove",
    ]

    # Leaving deletes the sign-in here.
    code, said = ecouch(capsys, "board", "leave", "--yes", "--data-dir", str(homes[0]))
    assert code == 0 and "left the board" in said, said
    assert not credentials.path_in(homes[0]).exists()


def test_leaving_with_the_server_away_still_deletes_the_sign_in(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from board_server import free_port

    from ecouch_tui.board.credentials import Credentials

    home = tmp_path / "data"
    saved = Credentials(
        homeserver=f"http://127.0.0.1:{free_port()}",  # nothing listens there
        user_id="@quiet-heron:localhost",
        device_id="D",
        access_token="t",
        password="p",
        space_id="!s:localhost",
        rooms={
            "talk": "!t:localhost",
            "achieved": "!a:localhost",
            "thought_records": "!r:localhost",
        },
        joined_on="2026-01-05",
    )
    credentials.save(home, saved)
    code, said = ecouch(capsys, "board", "leave", "--yes", "--data-dir", str(home))
    assert code == 0, said
    assert "cannot be reached" in said and "still on the board's server" in said
    assert not credentials.path_in(home).exists()


def test_a_bad_invitation_is_refused_with_what_is_wrong(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, said = ecouch(capsys, "board", "join", "not a link", "--yes", "--data-dir", str(tmp_path))
    assert code == 2 and "https://" in said
    code, said = ecouch(
        capsys, "board", "join", "https://example.org/#elsewhere", "--data-dir", str(tmp_path)
    )
    assert code == 2 and "not a board invitation" in said
    assert not any(tmp_path.iterdir())


def test_joining_without_a_terminal_needs_yes(
    synapse: SynapseServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))
    link = f"{synapse.url}/#ecouch-join?token=abc&space=%21x%3Alocalhost"
    code, said = ecouch(capsys, "board", "join", link, "--data-dir", str(tmp_path))
    assert code == 2 and "--yes" in said
    assert not credentials.path_in(tmp_path).exists()
    json.dumps(said)


def test_without_the_board_extra_the_commands_say_how_to_get_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    real = importlib.util.find_spec

    def no_nio(name: str, *args: object) -> object:
        return None if name == "nio" else real(name, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(importlib.util, "find_spec", no_nio)
    code, said = ecouch(capsys, "board", "leave", "--yes", "--data-dir", str(tmp_path))
    assert code == 1 and "pip install 'ecouch[board]'" in said and "Traceback" not in said
    monkeypatch.setattr("sys.stdin", io.StringIO("A short walk."))
    code, said = ecouch(capsys, "board", "rules", "check")  # the rules need no client
    assert code == 0 and "allowed" in said


def test_a_folder_that_cannot_keep_the_sign_in_is_refused_before_any_account_is_made(
    synapse: SynapseServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    invitation = ecouch_invitation(synapse, tmp_path)
    token = re.search(r"token=([^&]+)", invitation)
    assert token is not None
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)  # others can see in, and ecouch did not make it
    code, said = ecouch(capsys, "board", "join", invitation, "--yes", "--data-dir", str(shared))
    assert code == 1 and "Nothing was written" in said, said
    admin, _ = staff_of(synapse)
    status, answer = synapse.call(
        "GET", f"/_synapse/admin/v1/registration_tokens/{token.group(1)}", token=admin.access_token
    )
    assert status == 200 and answer["completed"] == 0 and answer["pending"] == 0, answer
