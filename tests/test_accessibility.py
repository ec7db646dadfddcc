"""Accessibility, proved on the painted screen: keyboard only, NO_COLOR, high contrast, and
charts that say their numbers.

- Keyboard: on every screen (every page of the bundled course, lived in by the demo's
  sample history, and every other screen), every control is in the Tab order, and
  every key the screen offers is named in its Footer (modals included).
- NO_COLOR: Textual then paints in greys (its Monochrome filter); state must still show
  through words, marks, underlines or swapped light and dark, which the tests read from
  the painted cells.
- High contrast: the `ecouch-high-contrast` theme can be chosen from the palette, is
  remembered, and every letter and digit on the screens it paints is at WCAG AAA (7:1)
  against its background, never faint.
- Charts: each chart's numbers (latest, average, range or their like) are on screen as
  text, so they can be read aloud or copied.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from helpers import enrol, focus, palette, past_autosave, screen_text, squash
from rich.segment import Segment
from rich.style import Style
from textual.app import App
from textual.filter import Monochrome
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import (
    Button,
    Footer,
    Input,
    OptionList,
    RadioSet,
    TextArea,
)
from textual.widgets._toggle_button import ToggleButton

from ecouch_tui.clock import FixedClock
from ecouch_tui.commands import demo
from ecouch_tui.session import SessionConfig
from ecouch_tui.store.db import Store
from ecouch_tui.ui.app import EcouchApp
from ecouch_tui.ui.blocks.entries import EntryPicker
from ecouch_tui.ui.screens.checkin import CheckinScreen
from ecouch_tui.ui.screens.home import HomeScreen
from ecouch_tui.ui.screens.mood import MoodScreen
from ecouch_tui.ui.screens.player import PlayerScreen
from ecouch_tui.ui.screens.research import ResearchConsentScreen
from ecouch_tui.ui.screens.safety import SafetyScreen
from ecouch_tui.ui.screens.safety_plan import SafetyPlanScreen
from ecouch_tui.ui.screens.workbook import WorkbookScreen
from ecouch_tui.ui.screens.workbook_entry import WorkbookEntryScreen
from ecouch_tui.ui.themes import DARK, HIGH_CONTRAST, LIGHT
from ecouch_tui.ui.widgets.mood_chart import MoodChart
from ecouch_tui.ui.widgets.rating import Rating

SIZE = (80, 24)
#: The demo's "today": a Monday, twelve weeks into its sample history.
TODAY = date(2026, 3, 30)


@pytest.fixture
def demo_config(tmp_path: Path) -> SessionConfig:
    folder = tmp_path / "demo"
    folder.mkdir(mode=0o700)
    return demo.make_demo(folder, clock=FixedClock(TODAY), region="AU")


@pytest.fixture
def no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    """NO_COLOR as a user sets it (Textual reads it when the app is made)."""
    monkeypatch.setenv("NO_COLOR", "1")


# -- reading the painted screen ---------------------------------------------------------------


def cells(app: App) -> Iterator[tuple[int, Segment]]:
    """Every painted segment of the current screen, after Textual's filters, with its row."""
    for y, strip in enumerate(app.screen._compositor.render_strips()):
        for segment in strip:
            yield y, segment


def luminance(style: Style, background: bool) -> float:
    """WCAG relative luminance of a segment's text or background colour."""
    color = style.bgcolor if background else style.color
    if color is None:
        return 0.0 if background else 1.0
    channels = []
    for value in color.get_truecolor():
        value /= 255
        channels.append(value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4)
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]


def contrast(style: Style) -> float:
    text, back = luminance(style, False), luminance(style, True)
    if style.reverse:
        text, back = back, text
    light, dark = max(text, back), min(text, back)
    return (light + 0.05) / (dark + 0.05)


def inverted(style: Style) -> bool:
    """Dark text on a light ground (or reverse): how a cursor looks once colour is gone."""
    return bool(style.reverse) or luminance(style, True) > luminance(style, False)


def text_where(app: App, test: Callable[[Style], bool]) -> str:
    """The characters painted in styles that pass `test`, rows joined by newlines."""
    rows: dict[int, list[str]] = {}
    for y, segment in cells(app):
        if segment.style is not None and test(segment.style):
            rows.setdefault(y, []).append(segment.text)
    return "\n".join("".join(parts) for _, parts in sorted(rows.items()))


def footer_text(screen: Screen) -> str:
    footer = screen.query_one(Footer)
    lines = screen_text(screen.app).splitlines()
    return squash(lines[footer.region.y]) if footer.region.height else ""


# -- keyboard only ---------------------------------------------------------------------------


def controls(screen: Screen) -> list[Widget]:
    """What a user can act on: buttons, choices, boxes, ratings and the mood chart's cursor."""
    found: list[Widget] = []
    for widget in screen.query("*"):
        if isinstance(widget, ToggleButton) and isinstance(widget.parent, RadioSet):
            continue  # the set is the control; its buttons are chosen with the arrows
        if isinstance(widget, MoodChart) and not widget.can_focus:
            continue  # a chart without a cursor is a picture (its numbers are text beside it)
        kinds = (Button, ToggleButton, RadioSet, OptionList, Input, TextArea, Rating, MoodChart)
        if (
            isinstance(widget, kinds)
            and widget.display
            and not widget.disabled
            and all(
                ancestor.display for ancestor in widget.ancestors if isinstance(ancestor, Widget)
            )
        ):
            found.append(widget)
    return found


def assert_keyboard_only(screen: Screen, where: str) -> None:
    """Every control can be reached with Tab, and every key offered is in the Footer."""
    chain = screen.focus_chain
    unreachable = [
        f"{type(w).__name__}#{w.id}"
        for w in controls(screen)
        if w not in chain and not (isinstance(w, OptionList) and w.option_count == 0)
    ]
    assert unreachable == [], f"{where}: not reachable from the keyboard: {unreachable}"
    assert screen.query(Footer), f"{where}: no Footer to show its keys"
    shown = footer_text(screen)
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if binding.show and binding.description:
            assert binding.description in shown, f"{where}: {key} ({binding.description}) "
            f"is not in the Footer: {shown!r}"


def every_page(app: EcouchApp) -> list[tuple[int, int, int]]:
    """(week, page index, page count) for every page of every week the course has."""
    pages = []
    for state in app.session.weeks():
        module = app.session.course.module(state.module_id) if state.module_id else None
        if module is not None:
            pages += [(state.week, i, len(module.pages)) for i in range(len(module.pages))]
    return pages


@pytest.mark.slow
@pytest.mark.parametrize("weeks", [range(1, 5), range(5, 9), range(9, 13)])
async def test_every_course_page_works_from_the_keyboard(
    demo_config: SessionConfig, weeks: range
) -> None:
    app = EcouchApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        pages = [p for p in every_page(app) if p[0] in weeks]
        assert pages
        for week, index, count in pages:
            app.open_week(week, page_index=index)
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, PlayerScreen)
            assert f"Page {index + 1} of {count}" in screen_text(app)
            assert_keyboard_only(screen, f"week {week} page {index + 1}")
            # Tab walks into the page and back out to the buttons, never stuck.
            seen = set()
            for _ in range(len(screen.focus_chain) + 1):
                await pilot.press("tab")
                seen.add(app.focused)
            assert set(screen.focus_chain) <= seen | {None}


@pytest.mark.slow
async def test_every_other_screen_works_from_the_keyboard(demo_config: SessionConfig) -> None:
    """Each screen reached by its own key from home, checked, and left with Escape."""
    app = EcouchApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()

        async def check(where: str, *keys: str) -> None:
            if keys:
                await pilot.press(*keys)
            await pilot.pause()
            assert_keyboard_only(app.screen, where)

        await check("home")
        await check("home, the week list", "tab")
        await check("mood entry", "m")
        await check("mood entry, another day", "left_square_bracket")
        await check("back home", "escape")
        await check("activity entry", "a")
        await check("back home", "escape")
        await check("mood chart", "g")
        await check("mood chart, a year", "p", "p")
        await check("mood chart, a day opened", "e")
        await check("mood chart again", "escape")
        await check("back home", "escape")
        await check("history", "h")
        await check("back home", "escape")
        await check("workbook", "w")
        await check("workbook, searching", "slash", *"walk")
        await check("workbook, an entry", "escape", "down", "enter")
        assert isinstance(app.screen, WorkbookEntryScreen)
        await check("back to the workbook", "escape")
        await check("back home", "escape", "escape")
        await check("help", "f1")
        await check("help, choosing a region", "r")
        await check("help again", "escape")
        await check("safety plan", "p")
        assert isinstance(app.screen, SafetyPlanScreen)
        await check("back to help", "escape")
        await check("back home", "escape")
        await check("about", "i")
        await check("keys", "question_mark")
        await check("back to about", "escape")
        await check("back home", "escape")
        assert isinstance(app.screen, HomeScreen)
        app.push_screen(ResearchConsentScreen())  # asked once after week 1 (never in the demo)
        await check("the research question")
        await check("back home", "escape")
        assert isinstance(app.screen, HomeScreen)
        # The check-in, item by item, to the safety screen (item 9 above 0) and the result.
        await check("check-in", "k")
        assert isinstance(app.screen, CheckinScreen)
        for _ in range(8):
            await check("check-in question", "1")
        await check("the safety screen", "1")
        assert isinstance(app.screen, SafetyScreen)
        await check("the check-in result", "escape")
        assert "Total: 9 of 27" in squash(screen_text(app))


@pytest.mark.slow
async def test_the_first_run_and_a_store_problem_work_from_the_keyboard(
    config: SessionConfig,
) -> None:
    app = EcouchApp(config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert_keyboard_only(app.screen, "first run")
        await pilot.press("tab", "down", "enter", "tab")
        assert_keyboard_only(app.screen, "first run, region chosen")
    config.store_path.write_bytes(b"not a database " * 100)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "cannot open your data" in screen_text(app)
        assert_keyboard_only(app.screen, "store problem")


@pytest.mark.slow
async def test_the_mood_chart_is_driven_by_keys(demo_config: SessionConfig) -> None:
    """The chart's cursor, the period and a day's entry: no click needed anywhere."""
    app = EcouchApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, MoodScreen)
        assert isinstance(app.focused, MoodChart)
        await pilot.press("left", "left")
        await pilot.pause()
        assert "▲ Sat 28 Mar:" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert "Saturday 28 March" in screen_text(app)
        await pilot.press("5", "escape")
        await pilot.pause()
        assert "▲ Sat 28 Mar: 5/10" in screen_text(app)
    with Store.open(demo_config.store_path, demo_config.clock) as store:
        mood = store.mood(date(2026, 3, 28))
        assert mood is not None and mood.score == 5


# -- NO_COLOR --------------------------------------------------------------------------------


async def test_no_color_paints_in_greys_and_keeps_every_state(
    demo_config: SessionConfig, no_color: None
) -> None:
    app = EcouchApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.no_color and any(isinstance(f, Monochrome) for f in app.get_line_filters())
        for _, segment in cells(app):  # every colour is a grey
            for color in (segment.style.color, segment.style.bgcolor) if segment.style else ():
                if color is not None:
                    red, green, blue = color.get_truecolor()
                    assert red == green == blue, segment
        # Home: each week's state in a mark and a word; the focused Continue reversed.
        text = squash(screen_text(app))
        assert "✓ Week 1" in text and "done" in text
        assert "◐ Week 12" in text and "in progress" in text
        assert "▶ Continue: Week 12" in text_where(app, inverted)
        # The week list, not focused: its highlighted row underlined; focused: reversed too.
        assert "Week 12" in text_where(app, lambda s: bool(s.underline))
        await pilot.press("tab")
        await pilot.pause()
        highlighted = text_where(app, lambda s: bool(s.underline) and inverted(s))
        assert "Week 12" in highlighted and "Staying well" in highlighted
        assert "Week 11" not in highlighted
        await pilot.press("up")
        await pilot.pause()
        assert "Week 11" in text_where(app, lambda s: bool(s.underline) and inverted(s))


@pytest.mark.slow
async def test_no_color_check_in_shows_the_cursor_and_the_answer(
    demo_config: SessionConfig, no_color: None
) -> None:
    app = EcouchApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("k")
        await pilot.pause()
        await pilot.press("down", "down")  # the cursor, before anything is chosen
        await pilot.pause()
        cursor = text_where(app, lambda s: bool(s.underline) and inverted(s))
        assert "2  More than half the days" in cursor and "Not at all" not in cursor
        await pilot.press("enter")  # chosen: on to question 2, which confirms it in words
        await pilot.pause()
        assert "✓ Question 1: More than half the days" in screen_text(app)
        await pilot.press("b")  # back to question 1: the choice is marked ●
        await pilot.pause()
        assert "●▌ 2 More than half the days" in squash(screen_text(app))


async def test_no_color_choices_ratings_and_buttons_show_focus_and_state(
    demo_config: SessionConfig, no_color: None
) -> None:
    app = EcouchApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("m")  # mood entry: the rating has focus
        await pilot.pause()
        rating = text_where(app, inverted)
        assert "/10" in rating
        await pilot.press("tab", "space")  # the first tag: ticked with a mark, and focused
        await pilot.pause()
        text = screen_text(app)
        assert "▐✓▌ slept badly" in text and "▐ ▌ slept well" in text
        assert "slept badly" in text_where(app, lambda s: bool(s.underline) and inverted(s))
        await pilot.press("shift+tab")
        await pilot.pause()
        assert "/10" in text_where(app, inverted)  # focus back on the rating
        await pilot.press("escape")
        await pilot.pause()
        # A quiz: the chosen answer is ● and its feedback ✓ or ✗ in words.
        app.open_week(1, page_index=next(i for i, p in enumerate(quiz_pages(app)) if p))
        await pilot.pause()
        await pilot.press("tab", "enter")
        await pilot.pause()
        text = squash(screen_text(app))
        assert "●" in text and ("✓ Right." in text or "✗ Not quite." in text)
        # A focused button is reversed (Textual's own button style, which survives).
        await focus(pilot, "#page-next")
        await pilot.pause()
        assert "Next ▶" in text_where(app, lambda s: bool(s.reverse) or inverted(s))


def quiz_pages(app: EcouchApp) -> list[bool]:
    """For week 1: whether each page has a single-choice quiz."""
    state = next(s for s in app.session.weeks() if s.week == 1)
    module = app.session.course.module(state.module_id or "")
    assert module is not None
    return [
        any(
            b.kind == "quiz" and not b.questions[0].multiple  # type: ignore[attr-defined]
            for b in page.blocks
        )
        for page in module.pages
    ]


async def test_no_color_workbook_and_charts(demo_config: SessionConfig, no_color: None) -> None:
    app = EcouchApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, WorkbookScreen)
        first = text_where(app, lambda s: bool(s.underline) and inverted(s))
        await pilot.press("down")
        await pilot.pause()
        second = text_where(app, lambda s: bool(s.underline) and inverted(s))
        assert first.strip() and second.strip() and first != second
        await pilot.press("escape", "g")
        await pilot.pause()
        text = screen_text(app)
        assert "▲" in text.splitlines()[9] or "▲" in text  # the chosen day, marked
        assert "▲ Today:" in text and "● 2 weeks" in squash(text)
        await pilot.press("escape", "h")
        await pilot.pause()
        text = screen_text(app)
        assert "5–9 mild" in text and "●" in text  # points in bands named in words


# -- high contrast -----------------------------------------------------------------------------


async def test_high_contrast_is_in_the_palette_and_remembered(config: SessionConfig) -> None:
    enrol(config)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert HIGH_CONTRAST in app.available_themes
        await palette(pilot, "high contrast")
        await pilot.press("enter")  # ecouch's own command, named as a user would look for it
        await pilot.pause()
        assert app.theme == HIGH_CONTRAST
    app = EcouchApp(config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == HIGH_CONTRAST
        app.action_toggle_dark()  # and "Light or dark" still leads out of it
        await pilot.pause()
        assert app.theme == LIGHT


def hex_of(style: Style, background: bool) -> str:
    color = style.bgcolor if background else style.color
    return color.get_truecolor().hex if color is not None else "default"


def poor_contrast(app: App, minimum: float) -> list[tuple[str, str, float, str]]:
    """Letters and digits painted below `minimum`:1 (or faint, which halves it), as
    (text colour, background, ratio, the text) with the colours swapped when reversed."""
    poor = []
    for _, segment in cells(app):
        style = segment.style
        if style is None or not any(ch.isalnum() for ch in segment.text):
            continue
        if contrast(style) < minimum or style.dim:
            text, back = hex_of(style, False), hex_of(style, True)
            if style.reverse:
                text, back = back, text
            faint = " (faint)" if style.dim else ""
            poor.append((text, back, round(contrast(style), 2), segment.text.strip()[:30] + faint))
    return poor


def board_away(config: SessionConfig) -> None:
    """A joined board whose server is not there (a closed port on 127.0.0.1)."""
    from board_server import free_port

    from ecouch_tui.board import credentials

    rooms = {k: f"!{k}:localhost" for k in ("talk", "achieved", "thought_records")}
    credentials.save(
        config.data_dir,
        credentials.Credentials(
            homeserver=f"http://127.0.0.1:{free_port()}",
            user_id="@quiet-fern:localhost",
            device_id="D",
            access_token="t",
            password="p",
            space_id="!space:localhost",
            rooms=rooms,
            joined_on="2026-01-05",
        ),
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("theme", "minimum"),
    [(HIGH_CONTRAST, 7.0), (DARK, 4.5), (LIGHT, 4.5)],
    ids=["high-contrast-aaa", "dark-aa", "light-aa"],
)
async def test_text_is_readable_in_every_theme_everywhere(
    demo_config: SessionConfig, theme: str, minimum: float
) -> None:
    """WCAG contrast for text: AA (4.5:1) in the dark and light themes, AAA (7:1) in high
    contrast; each screen, and each with the cursor or focus moved into it."""
    app = EcouchApp(demo_config)
    #: (text colour, background) → the ratio and where it was seen first.
    found: dict[tuple[str, str], tuple[float, str, str]] = {}
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.theme = theme
        await pilot.pause()

        async def check(where: str, *keys: str) -> None:
            if keys:
                await pilot.press(*keys)
            await pilot.pause()
            for text, back, ratio, sample in poor_contrast(app, minimum):
                found.setdefault((text, back), (ratio, where, sample))

        await check("home")
        await check("home, the list", "tab")
        await check("home, the list moved", "down", "down")
        for week, index, _ in every_page(app):
            if index in (0, 2, 4):  # a disabled Back, text, exercises and their placeholders
                app.open_week(week, page_index=index)
                await check(f"week {week} page {index + 1}")
                await check(f"week {week} page {index + 1}, focused", "tab", "tab")
        app.action_home()
        await check("mood entry", "m")
        await check("mood entry, a tag", "tab")
        await check("home", "escape")
        await check("activity", "a")
        await check("mood chart", "escape", "g")
        await check("history", "escape", "h")
        await check("workbook", "escape", "w")
        await check("workbook entry", "enter")
        await check("help", "escape", "escape", "f1")
        await check("help, focus moved", "tab")
        await check("check-in", "escape", "escape", "k")
        await check("check-in, cursor", "down")
        await check("safety screen", *"11111111", "1")
        assert isinstance(app.screen, SafetyScreen)
        await check("check-in result", "escape")
        await check("about", "escape", "i")
        await check("keys", "question_mark")
        await pilot.press("escape", "escape")
        # The peer board: joining, then its rooms (with the board away: no server here).
        app.action_board()
        await check("board, joining")
        await pilot.press("escape")
        board_away(demo_config)
        app.action_board()
        for _ in range(100):  # the board answers in a worker: here, that it is away
            await pilot.pause(0.05)
            if "cannot be reached" in screen_text(app):
                break
        await check("board, away")
        await check("board, next room", "right")
    report = "\n".join(
        f"{text} on {back}: {ratio}:1, {where}: {sample!r}"
        for (text, back), (ratio, where, sample) in sorted(found.items())
    )
    assert found == {}, f"{theme}, below {minimum}:1:\n{report}"


# -- charts say their numbers ------------------------------------------------------------------


def page_with(app: EcouchApp, kind: str) -> tuple[int, int]:
    """The first (week, page index) with a block of `kind`."""
    for state in app.session.weeks():
        module = app.session.course.module(state.module_id) if state.module_id else None
        for index, page in enumerate(module.pages if module else []):
            if any(block.kind == kind for block in page.blocks):
                return state.week, index
    raise LookupError(kind)


@pytest.mark.slow
async def test_every_chart_says_its_numbers_in_words(
    demo_config: SessionConfig, no_color: None
) -> None:
    app = EcouchApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # Mood: daily and weekly charts, each with latest, average and range beside it.
        await pilot.press("g")
        await pilot.pause()
        text = squash(screen_text(app))
        for label in ("Latest", "Average", "Range", "Logged"):
            assert text.count(label) == 2, label
        await pilot.press("escape", "h")  # check-in history: latest, range and average
        await pilot.pause()
        text = squash(screen_text(app))
        assert "Latest:" in text and "Range over" in text and "average" in text
        await pilot.press("escape")
        await pilot.pause()

        # Physical activity: the week's bar with its minutes and the goal, in words too.
        app.open_week(*page_with(app, "physical_activity"))
        await pilot.pause()
        app.screen.query_one("#week-words").scroll_visible(animate=False, immediate=True)
        await pilot.pause()
        text = squash(screen_text(app))
        assert "of 150 minutes this week" in text
        bar = app.screen.query_one("#week-bar")
        assert f"{bar.total.counted}/{bar.total.goal}" in text  # type: ignore[attr-defined]

        # Relaxation: the pacer in words and numbers; tension before and after as numbers.
        app.open_week(*page_with(app, "relaxation"))
        await pilot.pause()
        await pilot.press("tab", "6", "tab", "enter")  # a tension rating, then Start
        await pilot.pause()
        text = squash(screen_text(app))
        assert ("Breath 1 of" in text or "Group 1 of" in text) and "left" in text
        await pilot.press("s")  # stop early: rate the tension after
        await pilot.pause()
        await pilot.press("3")
        await past_autosave(pilot)  # saved once typing pauses
        text = squash(screen_text(app))
        assert "6/10" in text and "3/10" in text
        practice = app.screen.query_one(EntryPicker)  # its line in the list, below
        assert "tension 6 → 3" in str(practice.get_option_at_index(1).prompt)

        # The activity schedule: planned against actual, side by side in numbers.
        app.open_week(*page_with(app, "activity_schedule"))
        await pilot.pause()
        app.screen.query_one("#hindsight").scroll_visible(animate=False, immediate=True)
        await pilot.pause()
        text = squash(screen_text(app))
        assert "Expected → actual, on average over" in text
