"""`ecouch forget` while the app is open: the app notices its file is gone and says so.

Before, the app's connection kept writing into the deleted file (its inode lives on while
open): "Saved" and "Mood today ✓" for input that went nowhere, and the writer thread
could even create a fresh, unmigrated file at the path.
"""

from __future__ import annotations

import pytest
from helpers import enrol, past_autosave, run_ecouch, screen_text, squash

from ecouch_tui.session import SessionConfig
from ecouch_tui.store.db import Store
from ecouch_tui.store.errors import StoreGone
from ecouch_tui.store.writer import open_another
from ecouch_tui.ui.app import STORE_CHECK, EcouchApp
from ecouch_tui.ui.screens.mood_entry import MoodEntryScreen
from ecouch_tui.ui.screens.store_problem import StoreProblemScreen


def forget(config: SessionConfig) -> None:
    """The real command, as the user ran it in another terminal."""
    done = run_ecouch("--data-dir", str(config.store_path.parent), "forget", "--yes")
    assert done.returncode == 0, done.stderr
    assert not config.store_path.exists()


def test_a_save_after_the_file_was_deleted_is_refused_and_makes_no_file(
    config: SessionConfig,
) -> None:
    enrol(config)
    with Store.open(config.store_path, config.clock) as store:
        store.save_mood(config.clock.today(), 6)
        forget(config)
        assert not store.still_there()
        with pytest.raises(StoreGone, match="was deleted"):
            store.save_mood(config.clock.today(), 2)
    assert not config.store_path.exists()


def test_the_writer_never_creates_a_new_file_where_the_store_was(config: SessionConfig) -> None:
    enrol(config)
    with Store.open(config.store_path, config.clock) as store:
        opened = store.identity
        forget(config)
        with pytest.raises(StoreGone):
            open_another(config.store_path, config.clock, opened)
        assert not config.store_path.exists()
        # A new file at the same path (another copy started afresh) is not the one the
        # app opened either (its inode cannot be reused while the app holds the old one).
        enrol(config)
        with pytest.raises(StoreGone):
            open_another(config.store_path, config.clock, opened)


async def test_typing_after_forget_says_not_saved_and_the_app_says_why(
    config: SessionConfig,
) -> None:
    enrol(config)
    app = EcouchApp(config)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MoodEntryScreen)
        await pilot.press("right")  # a score: saved at once
        await past_autosave(pilot)
        await app.saves_done()
        await pilot.pause()
        assert "Saved" in screen_text(app)
        forget(config)
        screen = app.screen  # before the key: its save may fail and cover it at once
        await pilot.press("right")
        await past_autosave(pilot)
        await app.saves_done()
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, StoreProblemScreen)
        shown = squash(screen_text(app))
        assert "Your ecouch data was deleted while ecouch was open" in shown
        assert "Nothing more is saved from here on" in shown
        assert isinstance(screen, MoodEntryScreen)
        assert "Not saved yet" in squash(str(screen.query_one("#mood-status").render()))
    assert not config.store_path.exists()


async def test_home_stops_showing_what_was_in_a_deleted_store(config: SessionConfig) -> None:
    enrol(config)
    with Store.open(config.store_path, config.clock) as store:
        store.save_mood(config.clock.today(), 7)
    app = EcouchApp(config)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Mood today: 7/10 ✓" in screen_text(app)
        forget(config)
        await pilot.pause(STORE_CHECK + 0.5)
        assert isinstance(app.screen, StoreProblemScreen)
        assert "deleted while ecouch was open" in squash(screen_text(app))
