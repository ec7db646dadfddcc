"""Course text drawn by CourseText looks as Textual's Markdown widget drew it.

CourseText replaced the Markdown widget for course text because a page of Markdown
widgets was slow to build; these tests hold it to the old look, cell for cell, and
check that text it does not draw (links) still gets the Markdown widget and its list
of addresses.
"""

from __future__ import annotations

import io

import pytest
from helpers import enrol, screen_text, squash
from rich.console import Console
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Markdown

from ecouch_tui.session import SessionConfig
from ecouch_tui.ui.app import EcouchApp
from ecouch_tui.ui.themes import DARK, LIGHT, THEMES
from ecouch_tui.ui.widgets.course_markdown import CourseMarkdown
from ecouch_tui.ui.widgets.course_text import CourseText, course_text, supported

# What the course uses (headings, emphasis, lists, quotes) and a little more.
SAMPLE = """\
## What helps

Low mood is **common**, and *many* things help: `one` ~~or two~~.
A second line of the same paragraph, long enough to wrap at least once here.

- Move a little every day, even when it is the last thing you feel like doing.
- Keep **regular** hours.

1. First
2. Second, which is long enough that it needs to wrap onto the next line too.
   - nested
10. Tenth

> **What was going through my mind just then?**
> Write it down.

### A smaller heading

Line one\\
line two
"""


class Page(App[None]):
    """One piece of course text on a page, styled as the module player styles it."""

    CSS = """
    Markdown > MarkdownBlock:first-child { margin: 0 0 1 0; }
    #page { padding: 0 2; }
    #page Markdown, #page CourseText { margin: 0; padding: 0; }
    """

    def __init__(self, widget: Widget, theme: str) -> None:
        super().__init__()
        for own in THEMES:  # ecouch's dark and light, the themes its course text is drawn in
            self.register_theme(own)
        self.widget = widget
        self.start_theme = theme

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="page"):
            yield self.widget

    def on_mount(self) -> None:
        self.theme = self.start_theme


async def cells(widget: Widget, width: int, theme: str) -> list[list[tuple[str, str]]]:
    """Each cell on screen: its character and the style a user sees (a space shows no
    foreground, so its colour is left out)."""
    app = Page(widget, theme)
    async with app.run_test(size=(width, 60)) as pilot:
        await pilot.pause()
        await pilot.pause()
        rows = []
        for strip in app.screen._compositor.render_strips():
            row = []
            for segment in strip:
                style = segment.style
                for char in segment.text:
                    if char == " " and style is not None:
                        seen = f"{style.bgcolor} {style.underline} {style.strike}"
                    else:
                        seen = str(style)
                    row.append((char, seen))
            rows.append(row)
        return rows


@pytest.mark.parametrize("theme", [DARK, LIGHT])
@pytest.mark.parametrize("width", [80, 41])
async def test_course_text_looks_like_the_markdown_widget(theme: str, width: int) -> None:
    assert supported(SAMPLE)
    expected = await cells(CourseMarkdown(SAMPLE), width, theme)
    assert await cells(CourseText(SAMPLE), width, theme) == expected


@pytest.mark.parametrize("theme", [DARK, LIGHT])
async def test_course_text_with_only_the_component_classes_it_uses_looks_the_same(
    theme: str,
) -> None:
    """`course_text()` gives a CourseText declaring only the component classes its text
    uses (quicker to style): it must draw the same as the full one."""
    lean = course_text(SAMPLE)
    assert isinstance(lean, CourseText) and type(lean) is not CourseText
    assert await cells(lean, 80, theme) == await cells(CourseText(SAMPLE), 80, theme)


async def test_course_text_shows_every_word() -> None:
    app = Page(CourseText(SAMPLE), DARK)
    async with app.run_test(size=(60, 60)) as pilot:  # the quote wraps at this width
        await pilot.pause()
        console = Console(width=60, file=io.StringIO(), record=True, color_system=None)
        console.print(app.screen._compositor.render_update(full=True))
        text = " ".join(console.export_text().split())
    assert "What helps" in text
    assert "Low mood is common, and many things help: one or two." in text
    assert "• Move a little every day" in text and "• Keep regular hours." in text
    # Numbered as Markdown numbers them: on from the first item's number.
    assert "1. First" in text and "• nested 3. Tenth" in text
    assert "▌ What was going through my mind just then? Write it ▌ down." in text
    assert "A smaller heading" in text and "Line one line two" in text


def test_text_with_links_keeps_the_markdown_widget_and_its_addresses() -> None:
    linked = "Read [the fact sheet](https://example.org/facts) first."
    assert not supported(linked)
    widget = course_text(linked)
    assert isinstance(widget, CourseMarkdown) and isinstance(widget, Markdown)
    assert "`https://example.org/facts`" in widget._initial_markdown  # type: ignore[operator]
    assert not supported("See https://example.org for more.")  # a bare address is a link
    for richer in ("| a | b |\n|---|---|\n| 1 | 2 |", "```\ncode\n```", "---", "<b>x</b>"):
        assert not supported(richer), richer
    assert isinstance(course_text("Plain **words**."), CourseText)


async def test_quiz_feedback_is_made_when_it_is_shown(config: SessionConfig) -> None:
    """An unanswered question has no feedback widget; an answered one shows it, also
    when the page is opened again."""
    enrol(config)
    app = EcouchApp(config)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open_week(1, page_index=2)
        await pilot.pause()
        assert not app.screen.query(".feedback")
        await pilot.press("tab", "down", "enter")
        await pilot.pause()
        assert len(app.screen.query(".feedback")) == 1
        assert "✓ Right. One module a week" in squash(screen_text(app))
        await pilot.press("escape")
        await pilot.pause()
        app.open_week(1, page_index=2)
        await pilot.pause()
        assert len(app.screen.query(".feedback")) == 1
        assert "✓ Right. One module a week" in squash(screen_text(app))
