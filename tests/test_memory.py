"""A session lets go of the pages it has left, so a long sitting does not grow.

Found with the memory benchmark: Textual 8.2.8 keeps the line cache of up to 1,024
widgets long removed (Textualize/textual#6665), and one walk through the course held
some 17 MiB of old pages (a peak of 77.7 MiB, now 60.7). `ui/widgets/textual_fixes.py`
works around it.
"""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from helpers import enrol, screen_text
from textual.widget import Widget

from ecouch_tui.clock import FixedClock
from ecouch_tui.paths import bundled_modules_dir
from ecouch_tui.session import SessionConfig
from ecouch_tui.ui.app import EcouchApp
from ecouch_tui.ui.screens.player import PlayerScreen


async def test_pages_left_behind_are_freed(data_dir: Path, clock: FixedClock) -> None:
    config = SessionConfig(
        data_dir=data_dir, modules_dir=bundled_modules_dir(), clock=clock, policy="open"
    )
    enrol(config)
    app = EcouchApp(config)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open_week(3, page_index=0)
        await pilot.pause()
        player = app.screen
        assert isinstance(player, PlayerScreen)
        # Every widget of the first page, and the cache of the lines it has drawn.
        first_page = [w for w in player.query_one("#page").walk_children(Widget)]
        assert len(first_page) >= 5
        drawn = [weakref.ref(w._styles_cache) for w in first_page]
        widgets = [weakref.ref(w) for w in first_page]
        del first_page
        pages = len(player.module.pages)
        for _ in range(pages - 1):
            await pilot.press("right")
            await pilot.pause()
        assert f"Page {pages} of {pages}" in screen_text(app)
        gc.collect()
        assert [ref() for ref in widgets] == [None] * len(widgets)
        kept = [ref() for ref in drawn if ref() is not None]
        assert kept == [], f"{len(kept)} of {len(drawn)} line caches of a page left behind kept"
