"""The app's own saves hold text to the limit import holds files to (`TEXT_MOST`).

A 200 MB note was accepted (issue 12, item 8): one box could then make every screen
that lists it slow. Over the limit, nothing is written and the words stay on screen.
"""

from __future__ import annotations

from helpers import enrol, past_autosave, run_ecouch
from textual.widgets import Input, TextArea

from ecouch_tui.session import SessionConfig
from ecouch_tui.store.db import Store
from ecouch_tui.store.records import TEXT_MOST
from ecouch_tui.ui.app import EcouchApp

TOO_LONG = "x" * (TEXT_MOST + 1)


def test_a_note_over_the_limit_from_the_shell_is_refused_and_nothing_saved(
    config: SessionConfig,
) -> None:
    enrol(config)
    env = {"ECOUCH_DATA_DIR": str(config.store_path.parent), "ECOUCH_TODAY": "2026-01-05"}
    done = run_ecouch("mood", "5", "--note", TOO_LONG, env=env)
    assert done.returncode != 0
    assert f"longer than the {TEXT_MOST:,} characters" in done.stderr
    assert "Traceback" not in done.stderr
    with Store.open(config.store_path, config.clock) as store:
        assert store.mood(config.clock.today()) is None
    assert run_ecouch("mood", "5", "--note", "x" * TEXT_MOST, env=env).returncode == 0


async def test_a_reflection_over_the_limit_is_not_saved_and_stays_on_screen(
    config: SessionConfig,
) -> None:
    enrol(config)
    app = EcouchApp(config)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        app.open_week(1, page_index=3)  # the practice course's reflection page
        await pilot.pause()
        await pilot.press("tab")
        box = app.screen.query_one(TextArea)
        box.insert(TOO_LONG)  # as a paste would
        await past_autosave(pilot)
        await app.saves_done()
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any(f"longer than the {TEXT_MOST:,} characters" in m for m in messages)
        assert box.text == TOO_LONG
        assert "Not saved yet" in str(app.screen.query_one(".save-status").render())
    with Store.open(config.store_path, config.clock) as store:
        assert store.entries(kind="reflection") == []


async def test_the_mood_note_box_takes_no_more_than_the_limit(config: SessionConfig) -> None:
    enrol(config)
    app = EcouchApp(config)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        note = app.screen.query_one("#note", Input)
        note.insert_text_at_cursor("x" * TEXT_MOST)
        note.insert_text_at_cursor("y")  # one more: the box takes no more
        assert note.value == "x" * TEXT_MOST
