"""What every exercise form shares: an entry this version cannot read is never overwritten."""

from __future__ import annotations

from helpers import enrol, screen_text, squash

from ecouch_tui.session import SessionConfig
from ecouch_tui.store.db import Store
from ecouch_tui.ui.app import EcouchApp
from ecouch_tui.ui.screens.activity_entry import ActivityEntryScreen


async def test_an_unreadable_entry_is_kept_as_it_is(config: SessionConfig) -> None:
    enrol(config)
    with Store.open(config.store_path, config.clock) as store:
        bad = store.save_entry(
            module_id="home",
            page_id="home",
            block_id="quick",
            kind="activity_log",
            data={"what": "swim", "achievement": 99},  # out of range: from a newer version?
        )
    app = EcouchApp(config)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        from ecouch_tui.ui.blocks.activity_log import ActivityForm
        from ecouch_tui.ui.blocks.entries import HOME

        screen = ActivityEntryScreen()
        await app.push_screen(screen)
        form = screen.query_one(ActivityForm)
        await form.remove()
        replacement = ActivityForm(HOME, uid=bad.uid)
        await screen.query_one("VerticalScroll").mount(replacement)
        await pilot.pause()
        assert "This entry was saved in a shape" in squash(screen_text(app))
        replacement.query_one("#what").focus()
        await pilot.press(*"run")
        replacement.flush()
    with Store.open(config.store_path, config.clock) as store:
        entry = store.entry(bad.uid)
        assert entry is not None and entry.as_dict() == {"what": "swim", "achievement": 99}
