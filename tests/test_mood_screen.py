"""The Mood screen, driven headless with the keyboard: charts, their numbers, and logging."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from helpers import enrol, screen_text, squash
from rich.style import Style
from textual.app import App, ComposeResult

from ecouch_tui.clock import FixedClock
from ecouch_tui.commands import demo
from ecouch_tui.session import SessionConfig
from ecouch_tui.store.db import Store
from ecouch_tui.ui.app import EcouchApp
from ecouch_tui.ui.screens.home import HomeScreen
from ecouch_tui.ui.screens.mood import MoodScreen
from ecouch_tui.ui.screens.mood_entry import MoodEntryScreen
from ecouch_tui.ui.themes import DARK, HIGH_CONTRAST, LIGHT
from ecouch_tui.ui.widgets.mood_chart import CURSOR, EIGHTHS, MoodChart, eighths, layout

TODAY = date(2026, 1, 5)  # the clock fixture's Monday
SIZE = (80, 24)

#: Two weeks, oldest first; None is a day not logged (Sat 27 and Sun 28 Dec).
TWO_WEEKS = [5, 6, 4, 8, None, None, 3, 5, 6, 7, 4, 6, 6, 7]


def seed(config: SessionConfig, scores: list[int | None], tags: bool = False) -> None:
    """Scores for the days ending today; with `tags`, exercise on the good days."""
    enrol(config)
    with Store.open(config.store_path, config.clock) as store:
        start = TODAY - timedelta(days=len(scores) - 1)
        for index, score in enumerate(scores):
            if score is None:
                continue
            day_tags = []
            if tags:
                day_tags = ["exercised"] if score >= 6 else ["slept badly"] if score <= 4 else []
            store.save_mood(start + timedelta(days=index), score, tags=day_tags)


async def open_mood(app: EcouchApp, pilot) -> MoodScreen:  # type: ignore[no-untyped-def]
    await pilot.pause()
    assert isinstance(app.screen, HomeScreen)
    app.action_mood_chart()
    await pilot.pause()
    assert isinstance(app.screen, MoodScreen)
    return app.screen


def chart_rows(text: str) -> list[str]:
    """The lines of the daily chart, from its '10┤' row to its '0┤' row."""
    lines = text.splitlines()
    top = next(i for i, line in enumerate(lines) if line.lstrip().startswith("10┤"))
    bottom = next(i for i in range(top, len(lines)) if lines[i].lstrip().startswith("0┤"))
    return lines[top : bottom + 1]


async def test_the_chart_and_its_numbers_for_two_weeks(config: SessionConfig) -> None:
    seed(config, TWO_WEEKS, tags=True)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE) as pilot:
        await open_mood(app, pilot)
        text = screen_text(app)
        flat = squash(text)
        assert "Mood · ● 2 weeks ○ 3 months ○ a year" in flat
        # The numbers beside the chart, in words.
        assert "Latest 7 · today" in flat
        assert "Average 5.6" in flat
        assert "Range 3–8" in flat
        assert "Logged 12 of 14 days" in flat
        assert "From Tue 23 Dec 2025" in flat and "To today" in flat
        # The chart: bars for logged days, a gap mark on the baseline for the two missed.
        rows = chart_rows(text)
        assert "█" in rows[-1]
        assert rows[-1].count("·") == 2
        assert "23 24 25" in squash(text.splitlines()[text.splitlines().index(rows[-1]) + 1])
        assert "▲ Today: 7/10 · exercised" in flat
        # Weekly averages, Monday to Sunday, with their own numbers.
        assert "Weekly averages · Mon–Sun" in flat
        assert "Latest 7 · this week" in flat
        assert "Range 5.3–7" in flat  # w/c 22 Dec: 5.75; w/c 29 Dec: 5.29; this week: 7
        assert "Logged 3 of 3 weeks" in flat
        # Tags, as a pattern and not a cause.
        assert "▲ exercised: 6.6 on 7 days with it, 4.2 on 5 without (2.4 higher)" in flat
        assert "▼ slept badly: 3.7 on 3 days with it, 6.2 on 9 without (2.6 lower)" in flat
        assert "not causes" in flat


# -- the chosen day never looks like a score ------------------------------------------------------


def painted(app: App) -> list[list[tuple[str, Style]]]:
    """The screen as painted (after Textual's filters, NO_COLOR's too): one (char, style) a cell."""
    rows = []
    for strip in app.screen._compositor.render_strips():
        row: list[tuple[str, Style]] = []
        for segment in strip:
            row += [(char, segment.style or Style()) for char in segment.text]
        rows.append(row)
    return rows


def bar_heights(app: App) -> tuple[dict[int, int], int | None]:
    """How tall each screen column of the daily chart looks, in eighths of a row, and the
    column of the ▲ under it. A cell looks filled by its block glyph, or wholly when its
    background differs from the chart's (a tint reads as a bar to the eye)."""
    chart = app.screen.query_one("#daily-chart", MoodChart)
    cells = painted(app)
    region = chart.region
    ground = cells[region.y][region.x + 3][1].bgcolor  # top row, first column: blank
    heights: dict[int, int] = {}
    for x in range(region.x + 3, region.right):
        height = 0
        for y in range(region.y, region.bottom - 1):
            char, style = cells[y][x]
            height += 8 if style.bgcolor != ground else EIGHTHS.find(char) if char in EIGHTHS else 0
        heights[x] = height
    labels = "".join(char for char, _ in cells[region.bottom - 1])
    return heights, labels.index(CURSOR) if CURSOR in labels else None


THEMES = [LIGHT, DARK, HIGH_CONTRAST, "no-color"]


@pytest.mark.parametrize("theme", THEMES)
async def test_the_chosen_day_keeps_its_own_height_in_every_theme(
    config: SessionConfig, monkeypatch: pytest.MonkeyPatch, theme: str
) -> None:
    if theme == "no-color":
        monkeypatch.setenv("NO_COLOR", "1")  # read when the app is made
    seed(config, [7, 4])  # 7 yesterday, 4 today
    app = EcouchApp(config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        if theme != "no-color":
            app.theme = theme
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, MoodScreen)
        assert "Latest 4 · today" in squash(screen_text(app))
        rows = app.screen.query_one("#daily-chart").region.height - 1
        four, seven = eighths(4, rows), eighths(7, rows)

        heights, marker = bar_heights(app)
        assert marker is not None, "no ▲ under the chosen day"
        today = marker
        assert heights[today] == four  # 4 looks like 4, not 10
        assert max(heights.values()) == seven  # the 7 is the tallest bar
        assert "▲ Today: 4/10" in squash(screen_text(app))

        await pilot.press("left")
        await pilot.pause()
        heights, marker = bar_heights(app)
        assert marker is not None and marker < today  # the ▲ moved to yesterday
        assert heights[marker] == seven
        assert heights[today] == four  # and no full bar went with it
        assert max(heights.values()) == seven
        assert "▲ Yesterday: 7/10" in squash(screen_text(app))


@pytest.mark.slow
async def test_in_the_demo_today_not_logged_is_not_a_bar(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    folder.mkdir(mode=0o700)
    config = demo.make_demo(folder, clock=FixedClock(date(2026, 3, 30)), region="AU")
    app = EcouchApp(config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        assert "▲ Today: not logged (e to log it)" in squash(screen_text(app))
        heights, marker = bar_heights(app)
        assert marker is not None
        assert heights[marker] == 0  # only the · of a day not logged
        assert max(heights.values()) > 0


async def test_switching_between_two_weeks_three_months_and_a_year(
    config: SessionConfig,
) -> None:
    seed(config, [6] * 30 + [None] * 40 + TWO_WEEKS)  # 84 days back
    app = EcouchApp(config)
    async with app.run_test(size=SIZE) as pilot:
        await open_mood(app, pilot)
        assert "Logged 12 of 14 days" in squash(screen_text(app))
        await pilot.press("2")
        flat = squash(screen_text(app))
        assert "● 3 months" in flat and "○ 2 weeks" in flat
        assert "Logged 42 of 91 days" in flat
        assert "From Tue 7 Oct 2025" in flat
        assert "Range 3–8" in flat
        assert "Oct" in flat and "Nov" in flat and "Dec" in flat  # month labels
        await pilot.press("3")
        flat = squash(screen_text(app))
        assert "● a year" in flat
        assert "Logged 42 of 365 days" in flat and "of 53 weeks" in flat
        assert "From Mon 6 Jan 2025" in flat
        await pilot.press("p")  # Period: round again to two weeks
        assert "● 2 weeks" in squash(screen_text(app))
        assert "Logged 12 of 14 days" in squash(screen_text(app))


async def test_log_a_missed_past_day_from_the_chart(config: SessionConfig) -> None:
    seed(config, TWO_WEEKS)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_mood(app, pilot)
        # Back to Sunday 28 December, which was not logged.
        await pilot.press(*["left"] * 8)
        assert "▲ Sun 28 Dec 2025: not logged (e to log it)" in squash(screen_text(app))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MoodEntryScreen)
        assert app.screen.day == date(2025, 12, 28)
        await pilot.press("8")  # the score rating has focus
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        flat = squash(screen_text(app))
        assert "▲ Sun 28 Dec 2025: 8/10" in flat
        assert "Logged 13 of 14 days" in flat
        assert "Range 3–8" in flat
        assert chart_rows(screen_text(app))[-1].count("·") == 1
    with Store.open(config.store_path, config.clock) as store:
        saved = store.mood(date(2025, 12, 28))
        assert saved is not None and saved.score == 8


async def test_correct_today_with_e(config: SessionConfig) -> None:
    seed(config, TWO_WEEKS)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE) as pilot:
        await open_mood(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, MoodEntryScreen) and app.screen.day == TODAY
        await pilot.press("left", "left")  # 7 -> 5
        await pilot.press("escape")
        await pilot.pause()
        flat = squash(screen_text(app))
        assert "Latest 5 · today" in flat and "▲ Today: 5/10" in flat
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_nothing_logged_yet(config: SessionConfig) -> None:
    enrol(config)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE) as pilot:
        await open_mood(app, pilot)
        text = screen_text(app)
        flat = squash(text)
        for words in ("Latest —", "Average —", "Range —", "Logged 0 of 14 days"):
            assert words in flat
        assert "▲ Today: not logged (e to log it)" in flat
        assert "Nothing logged yet: too few to compare tags yet." in flat
        assert "Tick a few when you log your mood" in flat
        assert chart_rows(text)[-1].count("·") == 14


async def test_two_days_logged_say_there_are_too_few_to_compare_tags(
    config: SessionConfig,
) -> None:
    enrol(config)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # As a new user does: yesterday's mood, then today's, each with "slept badly".
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("left_square_bracket", "7", "tab", "space", "escape")
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("4", "tab", "space", "escape")
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, MoodScreen)
        flat = squash(screen_text(app))
        assert "Logged 2 of 14 days" in flat
        assert "Only 2 days logged so far: too few to compare tags yet." in flat
        assert "Once a tag is on 3 days and not on 3 others" in flat
        assert "Tags so far: slept badly." in flat


@pytest.mark.parametrize("size", [(40, 12), (120, 40)])
async def test_small_and_large_terminals(config: SessionConfig, size: tuple[int, int]) -> None:
    seed(config, TWO_WEEKS * 6, tags=True)
    app = EcouchApp(config)
    async with app.run_test(size=size) as pilot:
        await open_mood(app, pilot)
        for key in ("2", "3", "left", "1"):
            await pilot.press(key)
        flat = squash(screen_text(app))
        assert "10┤" in flat and "Latest 7 · today" in flat
        if size == (120, 40):  # everything fits without scrolling
            assert "Logged 3 of 3 weeks" in flat and "not causes" in flat
        else:  # the numbers go under the chart, and the page scrolls
            assert app.screen.has_class("-narrow")
            await pilot.press("pagedown", "pagedown", "pagedown", "pagedown")
            flat = squash(screen_text(app))
            assert "▲ exercised:" in flat and "can help the day." in flat


# -- the chart widget on its own ------------------------------------------------------------------


def test_layout_gives_each_value_its_share_of_the_width() -> None:
    short = layout([5.0] * 14, 50)
    assert (short.step, short.bar, short.per_column, len(short.columns)) == (3, 2, 1, 14)
    long = layout([5.0] * 91, 50)
    assert len(long.columns) == 50 and long.step == 1 and long.per_column == 2
    covered = [i for c in long.columns for i in range(c.first, c.last + 1)]
    assert covered == list(range(91))  # every day in exactly one column, in order
    gaps = layout([None, None, 4.0, None], 2)
    assert [c.value for c in gaps.columns] == [None, 4.0]


class ChartApp(App[None]):
    def compose(self) -> ComposeResult:
        yield MoodChart(cursor=True)


async def test_ten_years_of_days_fill_the_chart() -> None:
    app = ChartApp()
    async with app.run_test(size=(60, 8)) as pilot:
        chart = app.query_one(MoodChart)
        start = TODAY - timedelta(days=3649)
        chart.show([float(i % 11) for i in range(3650)], start)
        await pilot.pause()
        rows = screen_text(app).splitlines()
        assert rows[0].startswith("10┤") and rows[6].startswith(" 0┤")
        assert len(rows[6].rstrip()) == 60 and "·" not in rows[6]
        assert chart.cursor_day == TODAY
        await pilot.press("home")
        assert chart.cursor_day == start
        await pilot.press("shift+right")
        assert chart.cursor_day == start + timedelta(days=7)


async def test_a_logged_zero_is_not_a_gap() -> None:
    app = ChartApp()
    async with app.run_test(size=(20, 8)) as pilot:
        app.query_one(MoodChart).show([0, None, 10], TODAY - timedelta(days=2))
        await pilot.pause()
        rows = screen_text(app).splitlines()
        bottom = rows[6][3:]
        assert bottom.split() == ["▁▁▁▁", "·", "████"]
        assert rows[0][3:].split() == ["████"]  # only the 10 reaches the top
        assert "▲" in rows[7]


def test_the_clock_fixture_is_the_monday_these_tests_assume(clock: FixedClock) -> None:
    assert clock.today() == TODAY


async def test_help_is_one_key_away_on_the_mood_screen(config: SessionConfig) -> None:
    from ecouch_tui.ui.screens.help import HelpScreen

    seed(config, TWO_WEEKS)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_mood(app, pilot)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert app.screen is screen
        assert "Logged 12 of 14 days" in squash(screen_text(app))
