"""ecouch's own dark and light themes: the one it starts in, the Light or dark toggle, and
a theme remembered by an earlier version (Textual's own) carried over to ecouch's.

That every screen's text reads in them (4.5:1) is measured in test_accessibility.py."""

from __future__ import annotations

import pytest
from helpers import enrol

from ecouch_tui.session import SessionConfig
from ecouch_tui.store.db import Store
from ecouch_tui.ui.app import EcouchApp
from ecouch_tui.ui.themes import DARK, HIGH_CONTRAST, LIGHT

SIZE = (80, 24)


async def test_the_app_starts_in_ecouch_dark_and_toggles_to_ecouch_light(
    config: SessionConfig,
) -> None:
    enrol(config)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == DARK
        app.action_toggle_dark()
        await pilot.pause()
        assert app.theme == LIGHT
        app.action_toggle_dark()
        await pilot.pause()
        assert app.theme == DARK
        app.action_high_contrast()
        await pilot.pause()
        app.action_high_contrast()  # off again: back to dark
        await pilot.pause()
        assert app.theme == DARK


@pytest.mark.parametrize(("stored", "shown"), [("textual-light", LIGHT), ("textual-dark", DARK)])
async def test_a_textual_theme_remembered_by_an_earlier_version_opens_as_ecouchs(
    config: SessionConfig, stored: str, shown: str
) -> None:
    enrol(config)
    with Store.open(config.store_path, config.clock) as store:
        store.set_setting("theme", stored)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == shown


async def test_a_theme_chosen_now_is_remembered_by_its_ecouch_name(config: SessionConfig) -> None:
    enrol(config)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.action_toggle_dark()
        await pilot.pause()
    with Store.open(config.store_path, config.clock) as store:
        assert store.setting("theme") == LIGHT
    app = EcouchApp(config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == LIGHT
        assert HIGH_CONTRAST in app.available_themes
