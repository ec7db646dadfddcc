"""The board's rules inside Synapse, so that no Matrix client can get round them.

A programme's homeserver loads it with one block in homeserver.yaml:

    modules:
      - module: ecouch_tui.board.synapse_module.BoardRules
        config:
          rules: /etc/ecouch/board-rules.yaml   # optional: the bundled rules otherwise
          staff: [admin, moderator-sam]          # accounts exempt from the handle rules

It registers two of Synapse's spam-checker callbacks. `check_event_for_spam` runs for
every event a local user sends: in the board's rooms (marked by `ecouch board setup`) it
makes the same judgement as our client (board/judge.py): held topics and contact
details refused, only the room's reactions, no replies where the room has none, words
only. The refusal carries the rule's id, kind and help, so a client can say why and
offer crisis help. Moderators are not held to it (they post crisis numbers and
notices); power levels still bind them.
`check_registration_for_spam` refuses a new account whose name is not a handle ecouch
makes (an adjective and a noun of the rules' word lists, "quiet-heron": so no names,
numbers or contact details), except the staff accounts the config names (an admin's
and moderators' accounts, made with `register_new_matrix_user`).
Synapse answers a refused registration with 429 "Rate limited", whatever the client.

Synapse is imported only here and only when Synapse loads the module.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ecouch_tui.board.judge import judge_event
from ecouch_tui.board.rooms import ADMIN, MODERATOR, MODERATORS_KIND, ROOM_EVENT
from ecouch_tui.board.rules import Verdict, is_generated, load_rules

if TYPE_CHECKING:
    from synapse.events import EventBase
    from synapse.module_api import ModuleApi

    from ecouch_tui.content.board_rules import BoardRules as Rules

log = logging.getLogger(__name__)

#: Keys our refusals add to Synapse's error body (M_FORBIDDEN), for clients to read.
RULE_KEY = "org.ecouch.rule"
KIND_KEY = "org.ecouch.kind"
HELP_KEY = "org.ecouch.help"
WHY_KEY = "org.ecouch.why"


class BoardRules:
    """Synapse module: the board's rules as spam-checker callbacks."""

    def __init__(self, config: dict[str, Any], api: ModuleApi) -> None:
        self._api = api
        self._rules: Rules = config["loaded"]
        self._staff: frozenset[str] = config["staff"]
        #: Room id → its kind ("" for a room that is not the board's). Kinds never change
        #: (only an admin may set them), so a room found is cached for good.
        self._kinds: dict[str, str] = {}
        api.register_spam_checker_callbacks(
            check_event_for_spam=self.check_event_for_spam,
            check_registration_for_spam=self.check_registration_for_spam,
        )

    @staticmethod
    def parse_config(config: dict[str, Any]) -> dict[str, Any]:
        """Load the rules as Synapse starts: a broken file stops it with every problem,
        located, rather than leaving a board with no rules."""
        from synapse.config._base import ConfigError

        from ecouch_tui.content.problems import ContentError

        unknown = set(config) - {"rules", "staff"}
        if unknown:
            raise ConfigError(f"unknown keys: {', '.join(sorted(unknown))} (rules, staff)")
        staff = config.get("staff", [])
        if not isinstance(staff, list) or not all(isinstance(s, str) for s in staff):
            raise ConfigError("'staff' must be a list of account names, e.g. [admin]")
        path = config.get("rules")
        try:
            rules = load_rules(Path(path) if path else None)
        except ContentError as exc:
            raise ConfigError(
                "the board's rules have problems:\n" + "\n".join(map(str, exc.problems))
            ) from None
        except OSError as exc:
            raise ConfigError(f"cannot read the board's rules {path}: {exc}") from None
        return {"rules": path, "loaded": rules, "staff": frozenset(staff)}

    async def _kind(self, room_id: str) -> str:
        if room_id in self._kinds:
            return self._kinds[room_id]
        state = await self._api.get_room_state(room_id, [(ROOM_EVENT, "")])
        event = state.get((ROOM_EVENT, ""))
        kind = event.content.get("kind") if event is not None else None
        if isinstance(kind, str):
            self._kinds[room_id] = kind
            return kind
        return ""  # not (yet) the board's: asked again next time, as setup marks rooms

    async def _level(self, room_id: str, user_id: str) -> int:
        wanted = [("m.room.power_levels", ""), ("m.room.create", "")]
        state = await self._api.get_room_state(room_id, wanted)
        created = state.get(("m.room.create", ""))
        if created is not None:
            # Room version 12: the creators outrank every level and are listed in none.
            extra = created.content.get("additional_creators", [])
            if user_id == created.sender or user_id in (extra if isinstance(extra, list) else []):
                return ADMIN
        event = state.get(("m.room.power_levels", ""))
        if event is None:
            return 0
        users = event.content.get("users", {})
        level = users.get(user_id, event.content.get("users_default", 0))
        return int(level) if isinstance(level, int) else 0

    async def check_event_for_spam(self, event: EventBase) -> Any:
        from synapse.module_api import NOT_SPAM
        from synapse.module_api.errors import Codes

        if event.type == "m.room.redaction" or (event.is_state() and event.type == ROOM_EVENT):
            return NOT_SPAM
        kind = await self._kind(event.room_id)
        if not kind or kind == MODERATORS_KIND:
            return NOT_SPAM
        verdict = judge_event(self._rules, kind, event.type, dict(event.content))
        if verdict is None:
            return NOT_SPAM
        if await self._level(event.room_id, event.sender) >= MODERATOR:
            return NOT_SPAM  # staff: they post crisis numbers, notices, what they must
        log.info("ecouch board: refused %s in a %s room: %s", event.type, kind, verdict.rule_id)
        return Codes.FORBIDDEN, refusal(verdict)

    async def check_registration_for_spam(
        self,
        email_threepid: dict[str, Any] | None,
        username: str | None,
        request_info: Any,
        auth_provider_id: str | None = None,
    ) -> Any:
        from synapse.spam_checker_api import RegistrationBehaviour

        if username is None or username in self._staff:
            return RegistrationBehaviour.ALLOW
        if is_generated(self._rules, username):
            return RegistrationBehaviour.ALLOW
        log.info("ecouch board: refused a registration whose name breaks the handle rules")
        return RegistrationBehaviour.DENY


def refusal(verdict: Verdict) -> dict[str, Any]:
    """What a refusal adds to the error a client receives."""
    return {
        RULE_KEY: verdict.rule_id,
        KIND_KEY: verdict.kind,
        HELP_KEY: verdict.help,
        WHY_KEY: verdict.why,
    }
