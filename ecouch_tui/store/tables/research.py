"""The opt-in research log (issue 15): whether it is on, and its events.

Off until the user says yes (`research_log` in settings: absent, never asked; "on";
"off"). Events are ids, numbers and times only (`records.ResearchEvent`), checked
here before they are written and again by the table's CHECKs (migration 3). A batch
is one transaction of its own, never part of a course save: a log that cannot be
written loses only its own batch.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from ecouch_tui.store.records import EventKind, ResearchEvent, research_event_problem
from ecouch_tui.store.tables.settings import SettingsTable

#: The settings key that holds the user's answer.
RESEARCH_SETTING = "research_log"
Consent = Literal["on", "off"]

_COLUMNS = "at, kind, module_id, page_id, item, seconds, total"


class ResearchTable(SettingsTable):
    def research_consent(self) -> Consent | None:
        """The user's answer, "on" or "off"; None when they have never been asked."""
        value = self.setting(RESEARCH_SETTING)
        return value if value in ("on", "off") else None

    def research_on(self) -> bool:
        return self.research_consent() == "on"

    def set_research(self, on: bool) -> None:
        """Switch the log on or off (and remember that the user has answered)."""
        self.set_setting(RESEARCH_SETTING, "on" if on else "off")

    def record_research(self, events: Sequence[ResearchEvent]) -> int:
        """Append a batch in one transaction; how many were written. An event holding
        anything but ids, numbers and times is dropped (never written); nothing is
        written while the log is off (checked inside the transaction, so an `ecouch
        research off` in a shell stops the app's next batch)."""
        good = [e for e in events if research_event_problem(e) is None]
        if not good:
            return 0
        with self.write():
            if not self.research_on():
                return 0
            self.conn.executemany(
                f"INSERT INTO research_events ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (e.at, str(e.kind), e.module_id, e.page_id, e.item, e.seconds, e.total)
                    for e in good
                ],
            )
        return len(good)

    def research_events(self) -> list[ResearchEvent]:
        """Every event, oldest first; a row that does not read back as one is left out."""
        found = self.conn.execute(f"SELECT {_COLUMNS} FROM research_events ORDER BY at, id")
        events: list[ResearchEvent] = []
        for at, kind, module_id, page_id, item, seconds, total in found:
            try:
                event = ResearchEvent(
                    at=at,
                    kind=EventKind(kind),
                    module_id=module_id,
                    page_id=page_id,
                    item=item,
                    seconds=seconds,
                    total=total,
                )
            except (ValueError, TypeError):
                continue
            if research_event_problem(event) is None:
                events.append(event)
        return events

    def research_count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM research_events").fetchone()[0])

    def forget_research(self) -> int:
        """Delete the whole log (nothing else); how many events went."""
        with self.write():
            gone = self.conn.execute("DELETE FROM research_events").rowcount
        return int(gone)
