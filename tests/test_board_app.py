"""The peer board inside the app, as a member uses it, against a real Synapse.

Each test drives the app with keys and reads the screen as the member sees it; what
reached the server is checked with the server's own API (as a moderator or its admin),
not through ecouch's client.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from board_server import Account, free_port
from helpers import enrol, every_week_open, palette, screen_text, seen, squash
from test_board_server import Programme, approve, new_member, programme  # noqa: F401
from textual.pilot import Pilot
from textual.widgets import Input

from ecouch_tui.board import credentials
from ecouch_tui.board.credentials import Credentials
from ecouch_tui.board.rooms import HELD_EVENT, INBOX_EVENT, THOUGHT_RECORD_EVENT
from ecouch_tui.session import SessionConfig
from ecouch_tui.store.db import Store
from ecouch_tui.store.records import EventKind
from ecouch_tui.ui.app import EcouchApp
from ecouch_tui.ui.board_share import OFFLINE_DRAFT
from ecouch_tui.ui.screens.board import OFFLINE, WAITING, BoardScreen, JoinScreen

SIZE = (80, 24)


def joined(config: SessionConfig, homeserver: str, account: Account, board: Any) -> Credentials:
    """The credentials file joining leaves, for an account made by the test."""
    saved = Credentials(
        homeserver=homeserver,
        user_id=account.user_id,
        device_id="",
        access_token=account.access_token,
        password=account.password,
        space_id=board.space_id,
        rooms=dict(board.rooms),
        joined_on="2026-01-05",
    )
    credentials.save(config.data_dir, saved)
    return saved


async def member_of(programme: Programme, config: SessionConfig) -> Account:  # noqa: F811
    """An approved member whose board this app opens."""
    member = await new_member(programme)
    await approve(programme, member)
    joined(config, programme.server.url, member, programme.board)
    return member


def shown(app: Any) -> str:
    """The screen as one line, toasts' edges removed too (their words wrap inside)."""
    return squash(seen(app).replace("▌", " "))


async def until(pilot: Pilot[None], words: str, timeout: float = 20) -> str:
    """Wait for `words` on screen (the board answers in a worker); the screen then."""
    deadline = time.monotonic() + timeout
    while True:
        text = shown(pilot.app)
        if words in text:
            return text
        assert time.monotonic() < deadline, f"{words!r} never shown; the screen:\n{text}"
        await pilot.pause(0.05)


async def gone(pilot: Pilot[None], words: str, timeout: float = 20) -> str:
    deadline = time.monotonic() + timeout
    while True:
        text = shown(pilot.app)
        if words not in text:
            return text
        assert time.monotonic() < deadline, f"{words!r} still shown; the screen:\n{text}"
        await pilot.pause(0.05)


def footer(app: EcouchApp) -> str:
    return " ".join(screen_text(app).splitlines()[-1].split())


async def open_board(pilot: Pilot[None]) -> None:
    pilot.app.action_board()  # type: ignore[attr-defined]
    await pilot.pause()
    assert isinstance(pilot.app.screen, BoardScreen)
    await gone(pilot, "Opening the board…")


async def write_and_send(pilot: Pilot[None], words: str) -> None:
    """In the post window: type, Tab to Preview, see the preview, Send."""
    await pilot.press(*words)
    await pilot.press("tab", "enter")
    text = await until(pilot, "This is exactly what will be posted in")
    assert words in text
    await pilot.press("enter")  # Send has the cursor


def events(programme: Programme, account: Account, room_id: str) -> list[dict[str, Any]]:  # noqa: F811
    status, answer = programme.server.call(
        "GET",
        f"/_matrix/client/v3/rooms/{room_id}/messages?dir=b&limit=50",
        token=account.access_token,
    )
    assert status == 200, answer
    return list(answer["chunk"])


# -- joining -----------------------------------------------------------------------------


async def test_join_from_the_palette_then_read_until_a_moderator_approves(
    programme: Programme,  # noqa: F811
    config: SessionConfig,
) -> None:
    enrol(config)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await palette(pilot, "Board")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, JoinScreen)
        text = seen(app)
        assert "You get an anonymous handle, made up for you." in text
        # The rest of what joining means is below, as the member scrolls down to it.
        app.screen.query_one("#join-body").scroll_end(animate=False, immediate=True)
        await pilot.pause()
        assert "Nothing from your course, mood log or check-ins is shared." in seen(app)

        link = app.screen.query_one("#join-link", Input)
        link.value = "https://example.org/not-an-invitation"  # pasted
        await pilot.press("enter")
        assert "That link cannot be used" in seen(app)

        story = app.screen.query_one("#join-story", Input)
        story.value = "call me on 0412 345 678"  # contact details: refused, nothing sent
        link.value = programme.board.invitation.url
        await pilot.press("enter")
        assert "Your story cannot be posted as it is" in seen(app)
        assert credentials.load(config.data_dir) is None
        story.value = "Two months in, some good days now."
        await pilot.press("enter")
        assert "Joining…" in seen(app)
        text = await until(pilot, WAITING)
        assert isinstance(app.screen, BoardScreen)
        saved = credentials.load(config.data_dir)
        assert saved is not None and saved.profile.story == "Two months in, some good days now."
        # Reading is offered; posting and reacting are not, and say why when pressed.
        keys = footer(app)
        assert "g Refresh" in keys and "esc Back" in keys
        assert "n Post" not in keys and "r Reply" not in keys
        await pilot.press("n")
        await until(pilot, "You can post and react once a moderator approves you")
        assert "Talk" in text and "Achieved & enjoyed" in text and "Thought records" in text


# -- posting and reacting ----------------------------------------------------------------


async def test_post_in_talk_then_see_a_reaction_and_give_one(
    programme: Programme,  # noqa: F811
    config: SessionConfig,
) -> None:
    enrol(config)
    with Store.open(config.store_path, config.clock) as store:
        store.set_research(True)
    await member_of(programme, config)
    other = await new_member(programme)
    await approve(programme, other)
    rooms = programme.board.rooms
    async with programme.client(other) as client:
        baked = await client.post(rooms["achieved"], "Baked bread [b]with[/b] my sister")

    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_board(pilot)
        await until(pilot, "No posts here yet.")
        assert "n Post" in footer(app) and "r Reply" not in footer(app)  # no post yet

        await pilot.press("n")
        text = await until(pilot, "0 / 4000 characters")
        await pilot.press(*"A good walk by the river")
        assert "24 / 4000 characters" in seen(app)
        await pilot.press("tab", "enter")
        text = await until(pilot, "This is exactly what will be posted in Talk")
        assert "A good walk by the river" in text
        await pilot.press("enter")
        text = await until(pilot, "(you) · just now A good walk by the river")
        assert isinstance(app.screen, BoardScreen)
        keys = footer(app)
        assert "r Reply" in keys and "d Delete" in keys  # its own post
        assert "! Report" in keys and "esc Back" in keys and "? Keys" in keys  # all in 80

        # Achieved & enjoyed: the other member's post, its words as written (no markup).
        await pilot.press("right")
        text = await until(pilot, "Baked bread [b]with[/b] my sister")
        assert "React: 1 Like · 2 Great · 3 Interesting · 4 Want to do" in text
        assert "r Reply" not in footer(app)  # reactions only, in this room
        async with programme.client(other) as client:
            await client.react(rooms["achieved"], baked, "Great")
        assert "Great 1" not in seen(app)
        await pilot.press("g")
        await until(pilot, "Great 1")

        # 1 is Like here; pressed again, it is taken back.
        await pilot.press("1")
        text = await until(pilot, "Like 1 ✓")
        assert "Great 1 · Like 1 ✓" in text or "Like 1 ✓ · Great 1" in text
        await pilot.press("1")
        await gone(pilot, "Like 1")
        assert "Great 1" in seen(app)

    with Store.open(config.store_path, config.clock) as store:
        noted = [(e.kind, e.item) for e in store.research_events()]
    assert (EventKind.BOARD_READ, "talk") in noted
    assert (EventKind.BOARD_READ, "achieved") in noted
    assert (EventKind.BOARD_POST, "talk") in noted
    assert (EventKind.BOARD_REACTION, "achieved") in noted


async def test_a_held_post_shows_crisis_lines_and_goes_privately_to_the_moderators(
    programme: Programme,  # noqa: F811
    config: SessionConfig,
) -> None:
    enrol(config)  # region AU
    member = await member_of(programme, config)
    app = EcouchApp(config)
    words = "I keep reading how many pills it would take"
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_board(pilot)
        await pilot.press("n")
        await until(pilot, "0 / 4000 characters")
        await pilot.press(*words, "tab", "enter")  # Preview: held at once, nothing sent
        text = await until(pilot, "Not posted: the board's rules keep this off the board.")
        assert "Lifeline: call 13 11 14" in text
        assert "000" in text
        assert "so it is not posted on the board" in text
        assert "Send it privately to the moderators instead" in text
        await pilot.press("enter")  # the private way has the cursor
        await until(pilot, "Sent privately to the moderators")
        assert isinstance(app.screen, BoardScreen)
        assert "No posts here yet." in seen(app)  # nothing on the board

    talk = events(programme, member, programme.board.rooms["talk"])
    assert not any(e["type"] == "m.room.message" for e in talk)
    # The moderator, invited to the member's private room, joins it and reads the post.
    server, moderator = programme.server, programme.moderator
    status, answer = server.call(
        "GET", "/_matrix/client/v3/joined_rooms", token=member.access_token
    )
    assert status == 200, answer
    inbox = None
    for room_id in answer["joined_rooms"]:
        status, mark = server.call(
            "GET",
            f"/_matrix/client/v3/rooms/{room_id}/state/{INBOX_EVENT}/",
            token=member.access_token,
        )
        if status == 200 and mark.get("member") == member.user_id:
            inbox = room_id
    assert inbox is not None
    assert server.join(moderator, inbox)[0] == 200
    held = [e for e in events(programme, moderator, inbox) if e["type"] == HELD_EVENT]
    assert [e["content"]["body"] for e in held] == [words]
    assert held[0]["content"]["rule"] == "suicide-methods"
    assert held[0]["content"]["room"] == "talk"


async def test_report_sends_a_report_the_servers_admins_see(
    programme: Programme,  # noqa: F811
    config: SessionConfig,
) -> None:
    enrol(config)
    await member_of(programme, config)
    other = await new_member(programme)
    await approve(programme, other)
    async with programme.client(other) as client:
        post = await client.post(programme.board.rooms["talk"], "You are all hopeless")
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_board(pilot)
        await until(pilot, "You are all hopeless")
        assert "! Report" in footer(app)
        assert "d Delete" not in footer(app)  # not this member's post
        await pilot.press("exclamation_mark")
        await until(pilot, "Report a post")
        await pilot.press(*"unkind to everyone", "enter")
        await until(pilot, "Reported. A moderator will look at the post.")

    status, answer = programme.server.call(
        "GET", "/_synapse/admin/v1/event_reports", token=programme.admin.access_token
    )
    assert status == 200, answer
    reports = [r for r in answer["event_reports"] if r["event_id"] == post]
    assert [r["reason"] for r in reports] == ["unkind to everyone"]


# -- the board away ----------------------------------------------------------------------


def closed_board(config: SessionConfig) -> None:
    """Credentials for a board on a port where nothing listens."""
    account = Account("@quiet-heron:localhost", "token", "password")
    rooms = {"talk": "!t:localhost", "achieved": "!a:localhost", "thought_records": "!r:localhost"}

    class Board:
        space_id = "!s:localhost"

    Board.rooms = rooms  # type: ignore[attr-defined]
    joined(config, f"http://127.0.0.1:{free_port()}", account, Board)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_board_away_says_so_and_nothing_breaks(
    config: SessionConfig, size: tuple[int, int]
) -> None:
    enrol(config)
    closed_board(config)
    app = EcouchApp(config)
    async with app.run_test(size=size, notifications=True) as pilot:
        await open_board(pilot)
        text = await until(pilot, OFFLINE)
        assert "Traceback" not in text and "Error" not in text
        assert "Talk" in text and "g Refresh" in footer(app)
        await pilot.press("g")
        await until(pilot, OFFLINE)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, BoardScreen)


async def test_an_achieved_entry_shared_while_the_board_is_away_is_kept_to_send_again(
    config: SessionConfig, course_dir: Path
) -> None:
    every_week_open(config, course_dir)
    closed_board(config)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(3, page_index=2)  # the activity log page
        await pilot.pause()
        app.screen.query_one("#what", Input).focus()
        await pilot.press(*"a walk in the rain")
        await pilot.press("ctrl+s")
        text = await until(pilot, "Post in Achieved & enjoyed")
        assert "18 / 500 characters" in text  # the entry's words, to edit
        await pilot.press("end", *" with the dog", "tab", "enter")
        text = await until(pilot, "This is exactly what will be posted in Achieved & enjoyed")
        assert "a walk in the rain with the dog" in text
        await pilot.press("enter")
        text = await until(pilot, OFFLINE_DRAFT)
        assert "a walk in the rain with the dog" in text  # kept, with Send to try again
        assert "Send" in text


# -- sharing a thought record ------------------------------------------------------------

RECORD_PAGE = """
  - id: record
    title: A thought record
    blocks:
      - type: thought_record
        id: first-record
"""


@pytest.mark.slow  # a long walk through the record's steps
async def test_share_a_thought_record_posts_exactly_the_parts_ticked(
    programme: Programme,  # noqa: F811
    config: SessionConfig,
    course_dir: Path,
) -> None:
    module = course_dir / "02-thoughts.yaml"
    module.write_text(module.read_text() + RECORD_PAGE)
    every_week_open(config, course_dir)
    member = await new_member(programme)
    await approve(programme, member)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(2, page_index=2)
        await pilot.pause()
        await pilot.press("tab", *"A quiet Friday evening")
        await pilot.press("alt+right")
        await pilot.pause()
        await pilot.press(*"sad", "enter", "8", "0")
        await pilot.press("alt+right")
        await pilot.pause()
        await pilot.press(*"Nobody wants me around")
        await pilot.pause()

        await pilot.press("ctrl+s")  # not joined yet: how to join
        await until(pilot, "You have not joined a board.")
        app.clear_notifications()
        joined(config, programme.server.url, member, programme.board)

        await pilot.press("ctrl+s")
        text = await until(pilot, "Share a thought record")
        assert "Situation: A quiet Friday evening" in text
        assert "Feelings: sad 80" in text
        assert 'Thoughts: "Nobody wants me around"' in text
        assert "✓" not in text  # nothing ticked to begin with
        await pilot.press("space", "tab", "tab", "space", "tab", "enter")  # 1st and 3rd
        text = await until(pilot, "This is exactly what will be posted in Thought records")
        assert 'Situation: A quiet Friday evening Thoughts: "Nobody wants me around"' in text
        assert "sad 80" not in text
        await pilot.press("enter")
        await until(pilot, "Posted in Thought records.")

    shared = [
        e
        for e in events(programme, member, programme.board.rooms["thought_records"])
        if e["type"] == THOUGHT_RECORD_EVENT
    ]
    assert [e["content"]["columns"] for e in shared] == [
        {"Situation": "A quiet Friday evening", "Thoughts": '"Nobody wants me around"'}
    ]


# -- the account: the story once approved, and leaving -------------------------------------


async def test_the_story_is_posted_once_approved_and_leaving_deletes_the_sign_in(
    programme: Programme,  # noqa: F811
    config: SessionConfig,
) -> None:
    import msgspec

    from ecouch_tui.board.credentials import Profile
    from ecouch_tui.board.rooms import PROFILE_EVENT

    enrol(config)
    member = await member_of(programme, config)
    saved = credentials.load(config.data_dir)
    assert saved is not None
    story = Profile(age_group="35-44", story="Some good days now.")
    credentials.save(config.data_dir, msgspec.structs.replace(saved, profile=story))
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await open_board(pilot)
        talk = programme.board.rooms["talk"]
        path = f"/_matrix/client/v3/rooms/{talk}/state/{PROFILE_EVENT}/{member.user_id}"
        deadline = time.monotonic() + 20
        while True:
            status, posted = programme.server.call("GET", path, token=programme.admin.access_token)
            if status == 200 or time.monotonic() > deadline:
                break
            await pilot.pause(0.1)
        assert status == 200 and posted["story"] == "Some good days now.", posted
        kept = credentials.load(config.data_dir)
        assert kept is not None and kept.profile.posted  # posted once, not at every visit
        # Another member reads it: p on a post shows its writer's story.
        sent = programme.server.send(
            member, talk, "m.room.message", {"msgtype": "m.text", "body": "Hello all"}
        )
        assert sent[0] == 200, sent
        await pilot.press("g")
        await until(pilot, "Hello all")
        await pilot.press("down", "p")
        text = await until(pilot, "In their words: Some good days now.")
        assert "Age group: 35-44" in text
        await pilot.press("escape")

        await pilot.press("L")
        await until(pilot, "Leave the board?")
        await pilot.press("tab", "enter")  # from Keep (the safe default) to Leave
        await until(pilot, "You have left the board")
        assert not isinstance(app.screen, BoardScreen)
    assert credentials.load(config.data_dir) is None
    status, _ = programme.server.call(
        "GET", "/_matrix/client/v3/account/whoami", token=member.access_token
    )
    assert status == 401  # signed out on the server too


async def test_a_muted_member_is_told_and_can_still_read(
    programme: Programme,  # noqa: F811
    config: SessionConfig,
) -> None:
    from ecouch_tui.board.rooms import MUTED as MUTED_LEVEL
    from ecouch_tui.ui.screens.board import MUTED

    enrol(config)
    member = await member_of(programme, config)
    talk = programme.board.rooms["talk"]
    status, levels = programme.server.call(
        "GET",
        f"/_matrix/client/v3/rooms/{talk}/state/m.room.power_levels/",
        token=programme.moderator.access_token,
    )
    assert status == 200, levels
    levels["users"][member.user_id] = MUTED_LEVEL  # as `ecouch board moderate mute` does
    assert (
        programme.server.put_state(programme.moderator, talk, "m.room.power_levels", levels)[0]
        == 200
    )
    app = EcouchApp(config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await open_board(pilot)
        await until(pilot, MUTED)
        assert "n Post" not in footer(app) and "g Refresh" in footer(app)
        await pilot.press("n")
        await until(pilot, MUTED)
