"""Joining and leaving a board, for the shell command and the app alike."""

from __future__ import annotations

import random
import re
from datetime import date
from pathlib import Path

from ecouch_tui.board import credentials
from ecouch_tui.board.client import BoardClient, BoardError
from ecouch_tui.board.credentials import Credentials, Profile
from ecouch_tui.board.rules import check_handle, generate_handle
from ecouch_tui.board.setup import Invitation
from ecouch_tui.content.board_rules import BoardRules

#: What a member is told before joining, and agrees to.
WHAT_JOINING_MEANS = """\
Joining the board:
- You get an anonymous handle, made up for you. Please never post your
  name, phone number, e-mail, address or social media.
- What you post is read by the other members and your programme's
  moderators. The board is not end-to-end encrypted: the people who run
  its server can read it too.
- Nothing from your course, mood log or check-ins is shared. Only what
  you choose to post or share, after seeing exactly what will be sent,
  leaves this computer.
- A moderator approves new members; until then you can read, not post.
- The board is not a crisis service. If you are not safe, press F1 in
  ecouch or call your local emergency number.
- You can leave at any time: L on the board, or 'ecouch board leave'."""


def localpart(handle: str) -> str:
    """'QuietHeron' → 'quiet-heron': the account's name, from which its handle is shown."""
    words = re.findall(r"[A-Z][a-z']*|[a-z']+", handle)
    return "-".join(w.lower().replace("'", "") for w in words)


async def join(
    data_dir: Path,
    invitation: Invitation,
    rules: BoardRules,
    today: date,
    profile: Profile | None = None,
    rng: random.Random | None = None,
) -> Credentials:
    """Register a new account with a generated handle, join the board's space and rooms,
    and keep the credentials (0600). BoardError when the server refuses or is away."""
    rng = rng or random.SystemRandom()
    credentials.ready(data_dir)  # before an account exists anywhere
    async with BoardClient(invitation.homeserver, rules) as client:
        password = ""
        for _ in range(30):
            name = localpart(generate_handle(rules, rng))
            if not check_handle(rules, name).allowed:
                continue
            try:
                password = await client.register(name, invitation.token)
                break
            except BoardError as exc:
                if exc.kind != "taken":
                    raise
        else:
            raise BoardError("server", "No free handle was found: please try again.")
        rooms = await client.join_board(invitation.space_id)
        if set(rooms) != {"talk", "achieved", "thought_records"}:
            raise BoardError("server", "This board is missing some of its rooms.")
        published = await published_rules(client, invitation.space_id)
        found = Credentials(
            homeserver=invitation.homeserver,
            user_id=client.user_id,
            device_id=str(client.nio.device_id or ""),
            access_token=str(client.nio.access_token),
            password=password,
            space_id=invitation.space_id,
            rooms=rooms,
            joined_on=today.isoformat(),
            profile=profile or Profile(),
            rules_yaml=published,
        )
    credentials.save(data_dir, found)
    return found


async def published_rules(client: BoardClient, space_id: str) -> str:
    """The rules text the board published in its space ("" for none); BoardError when
    it is not a rules file (a board whose rules our client cannot keep is not joined)."""
    from ecouch_tui.board.rooms import RULES_EVENT
    from ecouch_tui.board.rules import rules_from_text
    from ecouch_tui.content.problems import ContentError

    state = await client.state(space_id, RULES_EVENT)
    text = state.get("yaml") if state else None
    if not isinstance(text, str) or not text:
        return ""
    try:
        rules_from_text(text)
    except ContentError as exc:
        first = exc.problems[0] if exc.problems else "unreadable"
        raise BoardError("server", f"This board's rules have a problem ({first}).") from exc
    return text


_parsed: dict[str, BoardRules] = {}


def rules_for(saved: Credentials) -> BoardRules:
    """The rules this board keeps: the ones it published, else the bundled ones."""
    from ecouch_tui.board.rules import load_rules, rules_from_text

    if not saved.rules_yaml:
        return load_rules()
    if saved.rules_yaml not in _parsed:
        _parsed.clear()
        _parsed[saved.rules_yaml] = rules_from_text(saved.rules_yaml)
    return _parsed[saved.rules_yaml]


async def refresh_rules(data_dir: Path, saved: Credentials) -> Credentials:
    """The board's rules read again (a programme may change them): saved when changed."""
    import msgspec

    async with client_for(saved, rules_for(saved)) as client:
        text = await published_rules(client, saved.space_id)
    if text == saved.rules_yaml:
        return saved
    fresh = msgspec.structs.replace(saved, rules_yaml=text)
    credentials.save(data_dir, fresh)
    return fresh


def client_for(saved: Credentials, rules: BoardRules) -> BoardClient:
    return BoardClient(saved.homeserver, rules, saved.user_id, saved.access_token, saved.device_id)


async def publish_profile(data_dir: Path, saved: Credentials, rules: BoardRules) -> Credentials:
    """Post the member's story once they are approved (once); the saved state after."""
    if saved.profile.posted or saved.profile.empty:
        return saved
    async with client_for(saved, rules) as client:
        if not await client.approved(saved.rooms["talk"]):
            return saved
        await client.set_profile(saved.rooms["talk"], saved.profile.fields())
    import msgspec

    posted = msgspec.structs.replace(
        saved, profile=msgspec.structs.replace(saved.profile, posted=True)
    )
    credentials.save(data_dir, posted)
    return posted


async def leave(data_dir: Path, rules: BoardRules) -> str | None:
    """Leave the board's rooms, sign this device out, and delete the credentials here.
    The local file goes whatever the server says; what could not be done there, in
    words (None when all was done)."""
    saved = credentials.load(data_dir)
    if saved is None:
        return None
    problem = None
    try:
        async with client_for(saved, rules) as client:
            await client.leave([*saved.rooms.values(), saved.space_id])
            await client.logout()
    except BoardError as exc:
        problem = (
            f"{exc} Your account is still on the board's server: you could not be signed "
            "out there. Ask your programme to remove it if you want it gone."
        )
    credentials.forget(data_dir)
    return problem
