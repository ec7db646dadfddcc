"""The crisis box reads right for every region, first of all "Somewhere else" (issue 13,
item 12): it is what F1 shows before a region is chosen.

A new user saw "Talk to someone now — Somewhere else", a wrapped bullet that lost its
indent, and "call one of these lines" when the only entry was a website.
"""

from __future__ import annotations

import re

import pytest
from helpers import enrol, screen_text, squash

from ecouch_tui.content.loader import load_course
from ecouch_tui.course import crisis_text
from ecouch_tui.paths import bundled_modules_dir
from ecouch_tui.session import SessionConfig
from ecouch_tui.ui.app import EcouchApp
from ecouch_tui.ui.screens.help import HelpScreen


@pytest.fixture(scope="module")
def regions():
    crisis = load_course(bundled_modules_dir()).crisis
    assert crisis is not None
    return {r.code: r for r in crisis.regions}


@pytest.fixture
def bundled(config: SessionConfig) -> SessionConfig:
    config.modules_dir = bundled_modules_dir()
    return config


def test_what_to_do_fits_what_each_region_lists(regions) -> None:
    said = {code: crisis_text.act_now(region) for code, region in regions.items()}
    assert said["other"].endswith(
        "call your local emergency number now, or use the website above to find a line near you."
    )
    assert said["AU"].endswith("call 000 now, or call or text one of these lines.")  # Lifeline
    assert said["CA"].endswith("call 911 now, or call or text this line.")
    assert said["UK"].endswith("or call or text one of these lines.")  # Shout is a text line
    for code, words in said.items():
        assert "Somewhere else" not in words, code
    assert crisis_text.lines_heading(regions["other"]) == "Talk to someone now:"
    assert crisis_text.lines_heading(regions["NZ"]) == "Talk to someone now (New Zealand):"


@pytest.mark.parametrize("size", [(40, 12), (80, 24)], ids=["40x12", "80x24"])
async def test_f1_before_a_region_is_chosen_reads_right(
    bundled: SessionConfig, size: tuple[int, int]
) -> None:
    enrol(bundled, region="other")  # what F1 shows before a region is chosen
    app = EcouchApp(bundled)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        flat = squash(text)
        assert "If you are in danger now, call your local emergency number." in flat
        assert "Talk to someone now:" in flat
        assert "Somewhere else" not in flat
        assert "Find A Helpline: findahelpline.com" in flat
        # A wrapped bullet keeps its indent: each line after the bullet's first starts
        # under its first word, not at the box's edge.
        rows = text.splitlines()
        first = next(i for i, row in enumerate(rows) if "• Find A Helpline" in row)
        indent = rows[first].index("Find")
        after = [row for row in rows[first + 1 :] if row.strip()]
        follow = next(r for r in after if re.search(r"\b(lists|crisis|services|country)\b", r))
        starts = re.search(r"[a-z0-9]", follow)
        assert starts is not None and starts.start() == indent, (rows[first], follow)
        if size == (80, 24):  # the note under the lines, in view at this size
            assert "or use the website above to find a line" in flat
            assert not re.search(r"call one of these lines", flat)
