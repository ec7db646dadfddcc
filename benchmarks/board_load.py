"""A bounded load run of the peer board on loopback: N simulated members posting and
reacting for a fixed time, against a real Synapse with the board's rules module.

Measured: post-to-seen latency (a post's send starting → the event arriving in another
member's /sync long-poll), its p50 and p95, for posts in the board's rooms (checked by
our client, then by the server's rules module) and, as the floor, the same load in a
room that is not the board's (no rules: the module only looks the room up); and the
server's resident memory, sampled every second.

    .venv/bin/python benchmarks/board_load.py                # 50 members, 60 s + 60 s floor
    .venv/bin/python benchmarks/board_load.py --members 10 --seconds 15   # a quick look

Needs the test extra (Synapse, matrix-nio). Everything stays on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from board_server import SynapseServer

from ecouch_tui.board.client import BoardClient
from ecouch_tui.board.membership import localpart
from ecouch_tui.board.rooms import MEMBER
from ecouch_tui.board.rules import generate_handle, load_rules
from ecouch_tui.board.setup import create_board

RULES = load_rules()
POSTS = [
    "Went for a short walk after lunch.",
    "Made a proper breakfast today.",
    "Called my sister, which felt good.",
    "Finished a chapter of my book.",
    "Sat in the garden for ten minutes.",
    "Tidied one shelf. Small, but done.",
]


async def make_members(server: SynapseServer, token: str, count: int) -> list[BoardClient]:
    rng = random.Random(7)
    members = []
    names: set[str] = set()
    while len(members) < count:
        name = localpart(generate_handle(RULES, rng))
        if name in names:
            continue
        names.add(name)
        client = BoardClient(server.url, RULES)
        await client.register(name, token)
        members.append(client)
    return members


async def approve_all(admin: BoardClient, rooms: list[str], members: list[BoardClient]) -> None:
    for room_id in rooms:
        levels = await admin.state(room_id, "m.room.power_levels") or {}
        levels.setdefault("users", {}).update({m.user_id: MEMBER for m in members})
        await admin.call(
            "PUT", admin._path("rooms", room_id, "state", "m.room.power_levels", ""), levels
        )


class Observer:
    """One more member, long-polling /sync: when each event is first seen."""

    def __init__(self, client: BoardClient) -> None:
        self.client = client
        self.seen: dict[str, float] = {}
        self.running = True

    async def run(self) -> None:
        since = ""
        filter_ = quote(
            json.dumps({"room": {"timeline": {"limit": 50}}, "presence": {"types": []}})
        )
        while self.running:
            query = f"timeout=5000&filter={filter_}" + (f"&since={since}" if since else "")
            answer = await self.client.call("GET", f"/_matrix/client/v3/sync?{query}")
            now = time.monotonic()
            since = answer.get("next_batch", since)
            for room in answer.get("rooms", {}).get("join", {}).values():
                for event in room.get("timeline", {}).get("events", []):
                    self.seen.setdefault(str(event.get("event_id")), now)


async def load(
    members: list[BoardClient], rooms: dict[str, str], seconds: float, observer: Observer
) -> tuple[dict[str, float], int, int]:
    """Each member posts or reacts every 0.5-3 s for `seconds`; sends by event id."""
    sent: dict[str, float] = {}
    counts = {"posts": 0, "reactions": 0, "refused": 0}
    recent: list[tuple[str, str]] = []
    end = time.monotonic() + seconds

    async def member(client: BoardClient, rng: random.Random) -> None:
        while time.monotonic() < end:
            await asyncio.sleep(rng.uniform(0.5, 3.0))
            kind = rng.choice(["talk", "achieved", "achieved"])
            room_id = rooms[kind]
            try:
                if recent and rng.random() < 0.4:
                    target_room, target = rng.choice(recent)
                    key = "Like" if target_room == rooms["talk"] else rng.choice(["Great", "Like"])
                    if target_room in (rooms["talk"], rooms["achieved"]):
                        await client.react(target_room, target, key)
                        counts["reactions"] += 1
                    continue
                start = time.monotonic()
                event_id = await client.post(room_id, rng.choice(POSTS))
                sent[event_id] = start
                recent.append((room_id, event_id))
                del recent[:-50]
                counts["posts"] += 1
            except Exception:  # a refusal or a slow answer: counted, and the run goes on
                counts["refused"] += 1

    await asyncio.gather(*(member(c, random.Random(i)) for i, c in enumerate(members)))
    await asyncio.sleep(2)  # the last posts reach the observer
    return sent, counts["posts"], counts["reactions"]


def percentiles(sent: dict[str, float], seen: dict[str, float]) -> tuple[float, float, int]:
    waits = sorted(1000 * (seen[e] - t) for e, t in sent.items() if e in seen)
    if not waits:
        return float("nan"), float("nan"), 0
    p95 = waits[min(len(waits) - 1, int(0.95 * len(waits)))]
    return statistics.median(waits), p95, len(waits)


async def run(count: int, seconds: float) -> None:
    with tempfile.TemporaryDirectory() as home:
        server = SynapseServer(home=Path(home) / "synapse")
        server.start()
        opened: list[BoardClient] = []
        try:
            admin_account = server.register("admin", admin=True)
            memory: list[int] = [server.memory_kib()]
            async with BoardClient(
                server.url, RULES, admin_account.user_id, admin_account.access_token
            ) as admin:
                board = await create_board(admin, RULES, [])
                plain = await admin.call(
                    "POST",
                    admin._path("createRoom"),
                    {"preset": "public_chat", "name": "Not the board", "room_version": "12"},
                )
                members = await make_members(server, board.invitation.token, count + 1)
                observer = Observer(members.pop())
                opened.extend([*members, observer.client])
                for client in [*members, observer.client]:
                    await client.join_board(board.space_id)
                    await client.join_room(plain["room_id"])
                await approve_all(admin, list(board.rooms.values()), members)

                async def sample() -> None:
                    while observer.running:
                        memory.append(server.memory_kib())
                        await asyncio.sleep(1)

                watching = asyncio.gather(observer.run(), sample())
                results = []
                for label, rooms in (
                    ("board rooms (rules checked twice)", board.rooms),
                    (
                        "floor: a room that is not the board's",
                        {"talk": plain["room_id"], "achieved": plain["room_id"]},
                    ),
                ):
                    started = time.monotonic()
                    sent, posts, reactions = await load(members, rooms, seconds, observer)
                    took = time.monotonic() - started
                    p50, p95, matched = percentiles(sent, observer.seen)
                    results.append((label, posts, reactions, took, p50, p95, matched))
                observer.running = False
                await asyncio.wait_for(watching, 10)
        finally:
            for client in opened:
                await client.close()
            server.stop()
    print(f"\nBoard load: {count} members, {seconds:.0f} s each run, on 127.0.0.1")
    print(f"{'run':40} {'posts':>6} {'reacts':>6} {'per s':>6} {'p50 ms':>7} {'p95 ms':>7}")
    for label, posts, reactions, took, p50, p95, _seen in results:
        rate = (posts + reactions) / took
        print(f"{label:40} {posts:>6} {reactions:>6} {rate:>6.1f} {p50:>7.0f} {p95:>7.0f}")
    board_p50, floor_p50 = results[0][4], results[1][4]
    print(f"p50 ratio board / floor: {board_p50 / floor_p50:.2f}")
    print(
        f"Synapse resident memory: {memory[0] / 1024:.0f} MB at start, "
        f"{max(memory) / 1024:.0f} MB at most, {memory[-1] / 1024:.0f} MB at the end"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()
    asyncio.run(run(args.members, args.seconds))


if __name__ == "__main__":
    main()
