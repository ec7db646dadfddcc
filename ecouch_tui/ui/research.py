"""The app's side of the opt-in research log (issue 15): what it notes, and when it writes.

While the log is on (`Store.research_on`), the app notes events in memory and hands
them to the one writer as a single batch every `FLUSH_EVERY` seconds and when it
closes (`EcouchApp.on_unmount`): one transaction, after the course saves queued
before it, and apart from them. A batch the store refuses is dropped without a word:
the course's own saves are never held back or lost for it, and no "Not saved" is shown.

What is noted, never with anything the user typed (ids, numbers, times):

- `session_start` / `session_end` (its length): the app opening and closing, or the
  log being switched on;
- `screen_shown`: each screen left, with the seconds it was on top (the screen's class
  name as an id: `home`, `mood_entry`, `command_palette`);
- `page_shown`: each course page left (module id, page id, seconds on it), from
  `PlayerScreen.show_page`;
- `module_finished`, from `PlayerScreen.finish`;
- from the saves themselves (`EcouchApp.save_quietly`, by what the store returns):
  `exercise_saved` (its kind only; once an entry a session, not at each autosave),
  `mood_logged` (once a day a session); `checkin_done` (questionnaire id, total) when
  the check-in screen that saved it is left.

- from the peer board (`ui/screens/board.py`, `ui/board_share.py`), as MoodSwings 2.0
  classified its use: `board_read` when a room's posts are shown (passive use),
  `board_post` when a post, reply or shared record is sent and `board_reaction` when a
  reaction is given or taken back (active use); the room's kind (`talk`, `achieved`,
  `thought_records`) is the item, never a post's words or anyone's handle.
"""

from __future__ import annotations

import re
from concurrent.futures import Future
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from ecouch_tui.clock import stamp
from ecouch_tui.store.records import (
    Checkin,
    Entry,
    EventKind,
    MoodEntry,
    ResearchEvent,
)

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.timer import Timer

    from ecouch_tui.ui.app import EcouchApp

#: Seconds between batches.
FLUSH_EVERY = 5.0

BoardAction = Literal["read", "post", "reaction"]
_BOARD_KINDS: dict[str, EventKind] = {
    "read": EventKind.BOARD_READ,
    "post": EventKind.BOARD_POST,
    "reaction": EventKind.BOARD_REACTION,
}


def screen_id(screen: object) -> str:
    """A screen's class as an id: HomeScreen -> home, CommandPalette -> command_palette."""
    name = type(screen).__name__
    if name.endswith("Screen") and name != "Screen":
        name = name[: -len("Screen")]
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


class UseLog:
    """The events of one app session, noted while the log is on (see the module)."""

    def __init__(self, app: EcouchApp) -> None:
        self.app = app
        self.on = False
        self._events: list[ResearchEvent] = []
        self._timer: Timer | None = None
        self._session_from: datetime | None = None
        #: The screen on top, and since when.
        self._screen: tuple[object, datetime] | None = None
        #: The page being read: its player screen, module, page and since when.
        self._page: tuple[object, str, str, datetime | None] | None = None
        self._seen_entries: set[str] = set()
        self._seen_moods: set[str] = set()
        self._seen_checkins: set[str] = set()
        #: Batches the store refused (dropped); for tests.
        self.failures = 0
        #: Whether the consent question was put during this run.
        self.asked = False

    # -- on and off ----------------------------------------------------------------------

    def start(self, on: bool) -> None:
        """The session is open: begin noting if the user said yes."""
        if on:
            self.switch(True)

    def switch(self, on: bool) -> None:
        """Begin (a new session) or stop noting; what is noted and not yet written goes
        when switched off."""
        if on == self.on:
            return
        self.on = on
        if not on:
            self._events.clear()
            self._session_from = self._screen = None
            if self._timer is not None:
                self._timer.stop()
                self._timer = None
            return
        now = self._now()
        self._session_from = now
        self._note(EventKind.SESSION_START, item="app")
        self._screen = (self.app.screen, now) if self.app.screen_stack else None
        if self._page is not None:
            player, module_id, page_id, _ = self._page
            self._page = (player, module_id, page_id, now)
        self._timer = self.app.set_interval(FLUSH_EVERY, self.flush)

    # -- what is noted -------------------------------------------------------------------

    def note(self, kind: EventKind, **values: str | int | None) -> None:
        if self.on:
            self._note(kind, **values)

    def _note(self, kind: EventKind, **values: str | int | None) -> None:
        self._events.append(ResearchEvent(at=stamp(self._now()), kind=kind, **values))  # type: ignore[arg-type]

    def screen_changed(self, screen: Screen[object]) -> None:
        now = self._now()
        if self._page is not None:
            player, module_id, page_id, since = self._page
            if screen is not player and since is not None:
                self._page_left(now)
                self._page = (player, module_id, page_id, None)  # resumes when back on top
            elif screen is player and since is None:
                self._page = (player, module_id, page_id, now)
            if player not in self.app.screen_stack:
                self._page = None
        if not self.on or (self._screen is not None and self._screen[0] is screen):
            return
        self._screen_left(now)
        self._screen = (screen, now)

    def _screen_left(self, now: datetime) -> None:
        if self._screen is not None:
            shown, since = self._screen
            self._note(EventKind.SCREEN_SHOWN, item=screen_id(shown), seconds=_seconds(since, now))
            # The check-in screen keeps what it saved (`CheckinScreen.saved`): its save's
            # job returns nothing to look at.
            self._checkin(getattr(shown, "saved", None))

    def _checkin(self, record: object) -> None:
        if isinstance(record, Checkin) and record.uid not in self._seen_checkins:
            self._seen_checkins.add(record.uid)
            self._note(EventKind.CHECKIN_DONE, item=record.instrument, total=record.total)

    def page_shown(self, player: object, module_id: str, page_id: str) -> None:
        """A course page is on screen now (the one before it, if any, was left)."""
        now = self._now()
        self._page_left(now)
        self._page = (player, module_id, page_id, now)

    def _page_left(self, now: datetime) -> None:
        if self._page is None:
            return
        _, module_id, page_id, since = self._page
        if since is not None:
            self.note(
                EventKind.PAGE_SHOWN,
                module_id=module_id,
                page_id=page_id,
                seconds=_seconds(since, now),
            )

    def landed(self, result: object) -> None:
        """A save has landed: note what it was, by what the store returned."""
        if not self.on:
            return
        record = getattr(result, "record", result)  # a merged save's, or the record itself
        if isinstance(record, Entry):
            if record.uid not in self._seen_entries:
                self._seen_entries.add(record.uid)
                self._note(EventKind.EXERCISE_SAVED, item=record.kind)
        elif isinstance(record, MoodEntry):
            day = record.day.isoformat()
            if day not in self._seen_moods:
                self._seen_moods.add(day)
                self._note(EventKind.MOOD_LOGGED, item="app")
        else:
            self._checkin(record)

    def board(self, action: BoardAction, room_kind: str | None = None) -> None:
        """The peer board was used: "read" is passive use, "post" and "reaction" active
        use; `room_kind` (talk, achieved, thought_records) is the item."""
        self.note(_BOARD_KINDS[action], item=room_kind)

    # -- writing -------------------------------------------------------------------------

    def flush(self) -> Future[int] | None:
        """Hand what is noted to the writer as one batch (None: nothing to write)."""
        if not self._events or self.app.open_session is None:
            return None
        events, self._events = self._events, []
        try:
            future = self.app.writer.submit(lambda store: store.record_research(events))
        except RuntimeError:  # the writer has closed: the app is on its way out
            return None
        future.add_done_callback(self._written)
        return future

    def _written(self, done: Future[int]) -> None:
        if done.cancelled() or done.exception() is not None:
            self.failures += 1  # dropped, quietly: never the course's saves

    def end(self) -> Future[int] | None:
        """The app is closing: the page and screen left, the session's length, and the
        last batch."""
        if not self.on:
            return None
        now = self._now()
        self._page_left(now)
        self._page = None
        self._screen_left(now)
        self._screen = None
        if self._session_from is not None:
            self._note(EventKind.SESSION_END, seconds=_seconds(self._session_from, now))
        future = self.flush()
        self.switch(False)
        return future

    def _now(self) -> datetime:
        return self.app.config.clock.now()


def _seconds(since: datetime, until: datetime) -> int:
    return max(0, round((until - since).total_seconds()))
