"""Our client of the board: a member's (or a moderator's) connection to the homeserver,
on matrix-nio.

It talks only to the one homeserver it was given (the invitation's), and sends only
what a caller hands it: a post, a reaction, a shared record the user saw in a preview.
Every refusal, by our own check first and the server's rules module second, comes
back as `BoardError` with the rule that made it, so the app can say why and offer help;
a server that cannot be reached is `BoardError(kind="offline")`, and nothing is lost:
the caller keeps what it was sending.
"""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import quote

from ecouch_tui.board.judge import judge_event
from ecouch_tui.board.rooms import (
    HELD_EVENT,
    INBOX_EVENT,
    MEMBER,
    PROFILE_EVENT,
    ROOM_EVENT,
    SPACE_EVENT,
    THOUGHT_RECORD_EVENT,
    relation,
)
from ecouch_tui.board.rules import Verdict
from ecouch_tui.content.board_rules import BoardRules

ErrorKind = Literal["offline", "refused", "forbidden", "taken", "server"]

#: How long one request may take before the board counts as unreachable.
TIMEOUT = 15.0


class BoardError(Exception):
    """What went wrong, in words for the member; `verdict` when a rule refused it."""

    def __init__(self, kind: ErrorKind, message: str, verdict: Verdict | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.verdict = verdict


@dataclass
class Post:
    """One post as the board shows it: its words (or a thought record's columns), who
    wrote it, when, its reactions counted, and the replies under it (Talk only)."""

    event_id: str
    room_id: str
    sender: str
    text: str
    at_ms: int
    columns: dict[str, str] = field(default_factory=dict)
    reply_to: str | None = None
    reactions: dict[str, int] = field(default_factory=dict)
    #: The reaction keys this user gave, each with its event (to take it back).
    mine: dict[str, str] = field(default_factory=dict)
    replies: list[Post] = field(default_factory=list)

    @property
    def handle(self) -> str:
        return handle_of(self.sender)


def handle_of(user_id: str) -> str:
    """'@quiet-heron:board.example' → 'Quiet Heron': the handle is the account's name."""
    local = user_id.removeprefix("@").split(":", 1)[0]
    return " ".join(part.capitalize() for part in local.replace("_", "-").split("-") if part)


def verdict_from_error(body: dict[str, Any]) -> Verdict | None:
    """The rule the server's module named in its refusal, if it named one."""
    from ecouch_tui.board.synapse_module import HELP_KEY, KIND_KEY, RULE_KEY, WHY_KEY

    rule = body.get(RULE_KEY)
    if not isinstance(rule, str):
        return None
    help_ = body.get(HELP_KEY)
    return Verdict(
        allowed=False,
        rule_id=rule,
        rule_name=None,
        kind=body.get(KIND_KEY),
        help=help_ if help_ in ("crisis", "moderators") else None,
        why=str(body.get(WHY_KEY) or "The board's rules do not allow this post."),
        matched=None,
    )


class BoardClient:
    """One account's connection. Use `async with` (or `close()`): it holds a session."""

    def __init__(
        self,
        homeserver: str,
        rules: BoardRules,
        user_id: str = "",
        access_token: str = "",
        device_id: str = "",
    ) -> None:
        from nio import AsyncClient, AsyncClientConfig

        self.homeserver = homeserver.rstrip("/")
        self.rules = rules
        config = AsyncClientConfig(
            request_timeout=TIMEOUT, max_timeouts=1, max_limit_exceeded=0, store_sync_tokens=False
        )
        self.nio = AsyncClient(self.homeserver, user_id, device_id=device_id, config=config)
        if access_token:
            self.nio.restore_login(user_id, device_id or "ECOUCH", access_token)
        self._kinds: dict[str, str] = {}

    async def __aenter__(self) -> BoardClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def close(self) -> None:
        await self.nio.close()

    @property
    def user_id(self) -> str:
        return str(self.nio.user_id)

    # -- raw requests ------------------------------------------------------------------

    async def call(
        self, method: str, path: str, body: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """One client-server API request, its JSON answer; BoardError if refused or
        the server cannot be reached."""
        import aiohttp

        headers = {"Content-Type": "application/json"}
        if self.nio.access_token:
            headers["Authorization"] = f"Bearer {self.nio.access_token}"
        try:
            answer = await self.nio.send(
                method,
                path,
                json.dumps(body) if body is not None else None,
                headers=headers,
                timeout=TIMEOUT,
            )
            text = await answer.text()
        except (aiohttp.ClientError, TimeoutError, OSError) as exc:
            raise BoardError(
                "offline", f"The board's server cannot be reached ({type(exc).__name__})."
            ) from exc
        try:
            parsed = json.loads(text) if text else {}
        except ValueError:
            parsed = {}
        if not isinstance(parsed, dict):
            parsed = {}
        if answer.status >= 400:
            raise self._error(answer.status, parsed)
        return parsed

    def _error(self, status: int, body: dict[str, Any]) -> BoardError:
        verdict = verdict_from_error(body)
        message = str(body.get("error") or f"the server answered {status}")
        if verdict is not None:
            return BoardError("refused", verdict.why, verdict)
        if status in (401, 403):
            return BoardError("forbidden", message)
        if body.get("errcode") == "M_USER_IN_USE":
            return BoardError("taken", message)
        if status >= 500 or status == 429:
            return BoardError("server", f"The board's server had a problem: {message}")
        return BoardError("forbidden", message)

    def _path(self, *parts: str, query: str = "") -> str:
        joined = "/".join(quote(p, safe="") for p in parts)
        return f"/_matrix/client/v3/{joined}" + (f"?{query}" if query else "")

    # -- joining -----------------------------------------------------------------------

    async def register(self, handle: str, token: str) -> str:
        """A new account named `handle` with the programme's registration token; the
        generated password is returned (the caller keeps it, 0600)."""
        password = secrets.token_urlsafe(24)
        flow = {"username": handle, "password": password, "inhibit_login": False}
        flow["initial_device_display_name"] = "ecouch"
        # User-interactive auth: the first answer (401) names the session to go on with.
        session = await self._register_session(flow)
        flow["auth"] = {"type": "m.login.registration_token", "token": token, "session": session}
        try:
            answer = await self.call("POST", self._path("register"), flow)
        except BoardError as exc:
            if exc.kind != "forbidden":
                raise
            # Synapse's flow is token then dummy: the token stage done, a 401 asks for
            # the next. A wrong token is refused here, before that.
            flow["auth"] = {"type": "m.login.dummy", "session": session}
            answer = await self.call("POST", self._path("register"), flow)
        self.nio.restore_login(answer["user_id"], answer["device_id"], answer["access_token"])
        return password

    async def _register_session(self, flow: dict[str, Any]) -> str:
        import aiohttp

        try:
            answer = await self.nio.send(
                "POST",
                self._path("register"),
                json.dumps(flow),
                headers={"Content-Type": "application/json"},
                timeout=TIMEOUT,
            )
            body = json.loads(await answer.text() or "{}")
        except (aiohttp.ClientError, TimeoutError, OSError, ValueError) as exc:
            raise BoardError("offline", "The board's server cannot be reached.") from exc
        if body.get("errcode") == "M_USER_IN_USE":
            raise BoardError("taken", "That handle is taken.")
        if answer.status != 401 or "session" not in body:
            raise self._error(answer.status, body)
        return str(body["session"])

    async def join_room(self, room_id: str) -> None:
        await self.call("POST", self._path("join", room_id), {})

    async def state(self, room_id: str, event_type: str, key: str = "") -> dict[str, Any] | None:
        try:
            return await self.call("GET", self._path("rooms", room_id, "state", event_type, key))
        except BoardError as exc:
            if exc.kind == "forbidden":
                return None
            raise

    async def all_state(self, room_id: str) -> list[dict[str, Any]]:
        answer = await self.nio.send(
            "GET",
            self._path("rooms", room_id, "state"),
            headers={"Authorization": f"Bearer {self.nio.access_token}"},
        )
        if answer.status >= 400:
            raise self._error(answer.status, json.loads(await answer.text() or "{}"))
        events = json.loads(await answer.text())
        return events if isinstance(events, list) else []

    async def board_rooms(self, space_id: str) -> dict[str, str]:
        """The space's rooms by kind ({"talk": room id, …}), from the space's children
        and each room's kind mark."""
        found: dict[str, str] = {}
        for event in await self.all_state(space_id):
            if event.get("type") != "m.space.child" or not event.get("content"):
                continue
            room_id = str(event.get("state_key"))
            kind = await self.room_kind(room_id)
            if kind:
                found[kind] = room_id
        return found

    async def room_kind(self, room_id: str) -> str:
        if room_id not in self._kinds:
            mark = await self.state(room_id, ROOM_EVENT)
            kind = mark.get("kind") if mark else None
            if not isinstance(kind, str):
                return ""
            self._kinds[room_id] = kind
        return self._kinds[room_id]

    async def join_board(self, space_id: str) -> dict[str, str]:
        """Join the space and each of its rooms; the rooms by kind."""
        await self.join_room(space_id)
        for event in await self.all_state(space_id):
            if event.get("type") == "m.space.child" and event.get("content"):
                await self.join_room(str(event.get("state_key")))
        return await self.board_rooms(space_id)

    async def moderators(self, space_id: str) -> list[str]:
        mark = await self.state(space_id, SPACE_EVENT)
        names = mark.get("moderators") if mark else None
        return [str(n) for n in names] if isinstance(names, list) else []

    async def level(self, room_id: str, user_id: str | None = None) -> int:
        levels = await self.state(room_id, "m.room.power_levels") or {}
        users = levels.get("users", {})
        value = users.get(user_id or self.user_id, levels.get("users_default", 0))
        return int(value) if isinstance(value, int) else 0

    async def approved(self, room_id: str) -> bool:
        return await self.level(room_id) >= MEMBER

    # -- reading -----------------------------------------------------------------------

    async def events(self, room_id: str, limit: int = 200) -> list[dict[str, Any]]:
        """The room's latest events, oldest first."""
        query = f"dir=b&limit={limit}"
        answer = await self.call("GET", self._path("rooms", room_id, "messages", query=query))
        chunk = answer.get("chunk", [])
        return [e for e in reversed(chunk) if isinstance(e, dict)]

    async def posts(self, room_id: str, limit: int = 200) -> list[Post]:
        return build_posts(await self.events(room_id, limit), room_id, self.user_id)

    # -- writing -----------------------------------------------------------------------

    def check(self, kind: str, event_type: str, content: dict[str, Any]) -> None:
        """Our own check, before anything is sent: the same judgement as the server's."""
        verdict = judge_event(self.rules, kind, event_type, content)
        if verdict is not None:
            raise BoardError("refused", verdict.why, verdict)

    async def send(self, room_id: str, event_type: str, content: dict[str, Any]) -> str:
        kind = await self.room_kind(room_id)
        if kind:  # a room of the board's: its rules (another room keeps Matrix's own)
            self.check(kind, event_type, content)
        txn = f"ecouch-{time.time_ns()}-{secrets.token_hex(4)}"
        answer = await self.call(
            "PUT", self._path("rooms", room_id, "send", event_type, txn), content
        )
        return str(answer.get("event_id", ""))

    async def post(self, room_id: str, text: str, reply_to: str | None = None) -> str:
        content: dict[str, Any] = {"msgtype": "m.text", "body": text}
        if reply_to:
            content["m.relates_to"] = {"m.in_reply_to": {"event_id": reply_to}}
        return await self.send(room_id, "m.room.message", content)

    async def react(self, room_id: str, event_id: str, key: str) -> str:
        content = {"m.relates_to": {"rel_type": "m.annotation", "event_id": event_id, "key": key}}
        return await self.send(room_id, "m.reaction", content)

    async def share_thought_record(self, room_id: str, columns: dict[str, str]) -> str:
        return await self.send(room_id, THOUGHT_RECORD_EVENT, {"columns": dict(columns)})

    async def redact(self, room_id: str, event_id: str, reason: str = "") -> None:
        txn = f"ecouch-{time.time_ns()}"
        body = {"reason": reason} if reason else {}
        await self.call("PUT", self._path("rooms", room_id, "redact", event_id, txn), body)

    async def report(self, room_id: str, event_id: str, reason: str) -> None:
        """Matrix's own report: the server keeps it for its admins (moderators)."""
        body = {"reason": reason[:500]}
        await self.call("POST", self._path("rooms", room_id, "report", event_id), body)

    async def set_profile(self, talk_room: str, profile: dict[str, str]) -> None:
        kind = await self.room_kind(talk_room)
        self.check(kind, PROFILE_EVENT, profile)
        path = self._path("rooms", talk_room, "state", PROFILE_EVENT, self.user_id)
        await self.call("PUT", path, profile)

    async def inbox(self, space_id: str) -> str:
        """This member's private room with the moderators (made the first time)."""
        for room_id in await self.joined_rooms():
            mark = await self.state(room_id, INBOX_EVENT)
            if mark and mark.get("member") == self.user_id:
                return room_id
        moderators = await self.moderators(space_id)
        answer = await self.call(
            "POST",
            self._path("createRoom"),
            {
                "preset": "private_chat",
                "name": "To the moderators",
                "invite": moderators,
                "initial_state": [
                    {"type": INBOX_EVENT, "state_key": "", "content": {"member": self.user_id}}
                ],
            },
        )
        return str(answer["room_id"])

    async def send_to_moderators(
        self, space_id: str, text: str, verdict: Verdict | None, room_kind: str
    ) -> str:
        """A held post, sent privately to the moderators instead of the board."""
        room_id = await self.inbox(space_id)
        content = {
            "body": text,
            "room": room_kind,
            "rule": verdict.rule_id if verdict else None,
        }
        txn = f"ecouch-{time.time_ns()}"
        answer = await self.call(
            "PUT", self._path("rooms", room_id, "send", HELD_EVENT, txn), content
        )
        return str(answer.get("event_id", ""))

    async def joined_rooms(self) -> list[str]:
        answer = await self.call("GET", self._path("joined_rooms"))
        return [str(r) for r in answer.get("joined_rooms", [])]

    async def leave(self, room_ids: Iterable[str]) -> None:
        for room_id in room_ids:
            await self.call("POST", self._path("rooms", room_id, "leave"), {})

    async def logout(self) -> None:
        await self.call("POST", self._path("logout"), {})


def build_posts(events: list[dict[str, Any]], room_id: str, me: str) -> list[Post]:
    """Posts from a room's events, oldest first: redacted ones gone, reactions counted
    on their post, replies under theirs (a reply to a reply goes under the first)."""
    posts: dict[str, Post] = {}
    order: list[str] = []
    reactions: list[dict[str, Any]] = []
    for event in events:
        kind, content = event.get("type"), event.get("content")
        event_id, sender = event.get("event_id"), event.get("sender")
        if not isinstance(content, dict) or not content or not isinstance(event_id, str):
            continue  # redacted (its content emptied) or malformed
        if kind == "m.reaction":
            reactions.append(event)
            continue
        if kind == "m.room.message" and relation(content) == "edit":
            continue  # edits are not offered by our client; the original stands
        if kind == "m.room.message" and isinstance(content.get("body"), str):
            text = str(content["body"])
            columns: dict[str, str] = {}
        elif kind == THOUGHT_RECORD_EVENT and isinstance(content.get("columns"), dict):
            columns = {str(k): str(v) for k, v in content["columns"].items()}
            text = "\n".join(columns.values())
        else:
            continue
        reply = content.get("m.relates_to", {}).get("m.in_reply_to", {}).get("event_id")
        post = Post(
            event_id=event_id,
            room_id=room_id,
            sender=str(sender),
            text=text,
            at_ms=int(event.get("origin_server_ts", 0)),
            columns=columns,
            reply_to=reply if isinstance(reply, str) else None,
        )
        posts[event_id] = post
        parent = posts.get(post.reply_to or "")
        while parent is not None and parent.reply_to:
            parent = posts.get(parent.reply_to)
        if parent is not None:
            parent.replies.append(post)
        else:
            order.append(event_id)
    for event in reactions:
        relates = event["content"].get("m.relates_to", {})
        target = posts.get(relates.get("event_id", ""))
        key = relates.get("key")
        if target is None or not isinstance(key, str):
            continue
        target.reactions[key] = target.reactions.get(key, 0) + 1
        if event.get("sender") == me:
            target.mine[key] = str(event["event_id"])
    return [posts[i] for i in order]
