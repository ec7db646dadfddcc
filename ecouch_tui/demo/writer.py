"""Replay a demo history into a store, through the Store API only.

The Store stamps every save with its clock; a FixedClock moved to each event's time
makes created and updated times what they would have been for a real person.
"""

from __future__ import annotations

from pathlib import Path

from ecouch_tui.clock import FixedClock
from ecouch_tui.demo.history import (
    CheckIn,
    Complete,
    DemoHistory,
    Enrol,
    Event,
    Mood,
    Save,
    Setting,
    Visit,
)
from ecouch_tui.store.db import Store


def write_history(store_path: Path, history: DemoHistory) -> None:
    """Write every event, oldest first, into the store at `store_path` (StoreError on failure)."""
    if not history.events:
        return
    clock = FixedClock(history.events[0].at)
    with Store.open(store_path, clock) as store:
        for event in history.events:
            clock.set(event.at)
            _apply(store, event)


def _apply(store: Store, event: Event) -> None:
    if isinstance(event, Enrol):
        store.enrol(event.region, started_on=event.started_on)
    elif isinstance(event, Visit):
        store.visit_page(event.module_id, event.page_id)
    elif isinstance(event, Complete):
        store.complete_module(event.module_id)
    elif isinstance(event, Save):
        store.save_entry(
            module_id=event.module_id,
            page_id=event.page_id,
            block_id=event.block_id,
            kind=event.kind,
            data=event.data,
            uid=event.uid,
        )
    elif isinstance(event, Mood):
        store.save_mood(
            event.day,
            event.score,
            note=event.note,
            tags=list(event.tags),
            sleep_hours=event.sleep_hours,
        )
    elif isinstance(event, CheckIn):
        store.save_checkin(
            event.instrument, list(event.answers), event.total, event.band, extra=event.extra
        )
    elif isinstance(event, Setting):
        store.set_setting(event.key, event.value)
    else:  # a new kind of event must be taught here, not silently dropped
        raise TypeError(f"no way to write {type(event).__name__}")
