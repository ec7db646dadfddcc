"""The Mood screen: mood over 2 weeks, 3 months or a year, weekly averages, and tags.

Every chart has its numbers beside it in words (latest, average, range, days logged),
so nothing needs colour or sight of the bars. The daily chart has a cursor: ← → choose
a day, Enter (or e) opens it to log or correct, and the screen redraws on return. The
statistics are pure functions in `course/mood.py`; this screen only lays them out.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.geometry import Size
from textual.screen import Screen
from textual.widgets import Header, Static

from ecouch_tui.course import mood as stats
from ecouch_tui.store.records import MoodEntry
from ecouch_tui.ui.access import AppAccess
from ecouch_tui.ui.keys import GET_HELP_KEY
from ecouch_tui.ui.widgets.footer import EcouchFooter
from ecouch_tui.ui.widgets.mood_chart import MoodChart
from ecouch_tui.wording import dated, plural, short_date

#: Words and symbols for a tag's direction: never colour alone.
DIRECTION_MARKS = {"better": "▲", "worse": "▼", "same": "≈"}


def day_words(day: date, today: date) -> str:
    """'today', 'yesterday', or 'Sat 3 Jan' (with the year when it is not this one)."""
    if day == today:
        return "today"
    if day == today - timedelta(days=1):
        return "yesterday"
    return dated(day, today)


def _dated(day: date, today: date) -> str:
    """'today', or 'Tue 7 Oct' with the year when it is not this one."""
    if day == today:
        return "today"
    return dated(day, today)


def daily_numbers(numbers: stats.Numbers, days: stats.Series, today: date) -> str:
    """The numbers beside the daily chart, one per line, then the dates it spans."""
    first, last = (_dated(day, today) for day in (days.start, days.end))
    if numbers.latest is None or numbers.latest_on is None or numbers.average is None:
        values = ["—", "—", "—"]
    else:
        values = [
            f"{stats.one_decimal(numbers.latest)} · {day_words(numbers.latest_on, today)}",
            stats.one_decimal(numbers.average),
            stats.score_range(numbers.low, numbers.high),
        ]
    return "\n".join(
        [
            f"Latest   {values[0]}",
            f"Average  {values[1]}",
            f"Range    {values[2]}",
            f"Logged   {numbers.count} of {numbers.total} days",
            f"From     {first}",
            f"To       {last}",
        ]
    )


def weekly_text(numbers: stats.Numbers, today: date) -> str:
    """The numbers beside the weekly chart: the latest week, the average week, the range."""
    if numbers.latest is None or numbers.latest_on is None or numbers.average is None:
        values = ["—", "—", "—"]
    else:
        monday = today - timedelta(days=today.weekday())
        when = (
            "this week" if numbers.latest_on == monday else f"w/c {short_date(numbers.latest_on)}"
        )
        values = [
            f"{stats.one_decimal(numbers.latest)} · {when}",
            stats.one_decimal(numbers.average),
            stats.score_range(numbers.low, numbers.high),
        ]
    return "\n".join(
        [
            f"Latest   {values[0]}",
            f"Average  {values[1]}",
            f"Range    {values[2]}",
            f"Logged   {numbers.count} of {plural(numbers.total, 'week')}",
        ]
    )


def period_title(current: stats.Window) -> str:
    """'Mood · ○ 2 weeks ● 3 months ○ a year': the choice shown by a mark, not a colour."""
    choices = " ".join(
        f"{'●' if window == current else '○'} {window.label}" for window in stats.WINDOWS
    )
    return f"Mood · {choices}"


def day_detail(entry: MoodEntry | None, day: date, today: date) -> str:
    """What was logged on the day under the ▲, in words; or that it is not logged."""
    when = day_words(day, today)
    when = when[0].upper() + when[1:]
    if entry is None:
        return f"▲ {when}: not logged (e to log it)"
    if "score" in entry.unreadable or "day" in entry.unreadable:
        return f"▲ {when}: unreadable, kept as saved (e to log it again)"
    parts = [f"▲ {when}: {entry.score}/10"]
    if entry.tags:
        parts.append(", ".join(entry.tags))
    if "tags" in entry.unreadable or "sleep_hours" in entry.unreadable:
        parts.append("some of it is unreadable (kept as saved)")
    if entry.sleep_hours is not None:
        parts.append(f"slept {entry.sleep_hours:g} h")
    if entry.note:
        parts.append(f"“{entry.note}”")
    return " · ".join(parts)


#: Tick a few tags: the hint when none are on these days.
TICK_TAGS = "Tick a few when you log your mood (slept well, saw friends, …)"


def too_few_days(logged: int, tags: list[str]) -> str:
    """Too few days to compare any tag: say so, and what it takes (not a blank section)."""
    need = stats.MIN_TAG_DAYS
    so_far = "Nothing logged yet" if logged == 0 else f"Only {plural(logged, 'day')} logged so far"
    lines = [
        f"{so_far}: too few to compare tags yet. Once a tag is on {need} days and not "
        f"on {need} others, this shows how your mood differed with it.",
        f"Tags so far: {', '.join(tags)}." if tags else f"{TICK_TAGS}.",
    ]
    return "\n".join(lines)


def tag_lines(patterns: stats.TagPatterns, any_tags: bool, logged: int) -> str:
    """Which tags went with better and worse days, in plain words (a pattern, not a cause)."""
    if not patterns.any and logged < 2 * stats.MIN_TAG_DAYS:
        return too_few_days(logged, patterns.too_few)
    if not any_tags:
        return (
            f"No tags on these days yet. {TICK_TAGS} and this shows which go with better "
            "and worse days."
        )
    lines = [_pattern_line(p) for p in [*patterns.better, *patterns.worse]]
    if patterns.same:
        names = ", ".join(p.tag for p in patterns.same)
        lines.append(f"{DIRECTION_MARKS['same']} about the same with or without: {names}")
    if patterns.too_few:
        lines.append(
            f"· too few days yet to say: {', '.join(patterns.too_few)} (a tag needs "
            f"{stats.MIN_TAG_DAYS} days with it and {stats.MIN_TAG_DAYS} without)"
        )
    if patterns.any:
        lines.append(stats.PATTERN_NOT_CAUSE)
    return "\n".join(lines)


def _pattern_line(pattern: stats.TagPattern) -> str:
    difference = abs(pattern.difference)
    word = "higher" if pattern.difference > 0 else "lower"
    return (
        f"{DIRECTION_MARKS[pattern.direction]} {pattern.tag}: "
        f"{stats.one_decimal(pattern.with_average)} on {plural(pattern.with_days, 'day')} "
        f"with it, {stats.one_decimal(pattern.without_average)} on {pattern.without_days} "
        f"without ({stats.one_decimal(difference)} {word})"
    )


def breakpoint_class(breakpoints: list[tuple[int, str]], size: int) -> str:
    """The class Textual gives a screen of this width (or height): the last one reached."""
    return next((name for at, name in sorted(breakpoints, reverse=True) if size >= at), "")


class MoodScreen(AppAccess, Screen[None]):
    # mood.tcss as default CSS (scoped to this screen), not CSS_PATH: Textual reads a
    # screen's CSS_PATH on its first push by re-parsing every stylesheet of the app and
    # restyling every widget on every screen (~15 ms); default CSS is parsed on its own.
    DEFAULT_CSS = Path(__file__).with_name("mood.tcss").read_text(encoding="utf-8")
    AUTO_FOCUS = "#daily-chart"
    # Declared as Screen declares them (its `ClassVar[...] | None` reads as an instance
    # variable to a type checker, which a ClassVar here may not override).
    HORIZONTAL_BREAKPOINTS: list[tuple[int, str]] | None = [(0, "-narrow"), (64, "-wide")]
    VERTICAL_BREAKPOINTS: list[tuple[int, str]] | None = [(0, "-short"), (36, "-tall")]
    BINDINGS: ClassVar[list[BindingType]] = [
        GET_HELP_KEY,
        Binding("escape", "app.pop_screen", "Back", id="mood_back"),
        Binding("p", "next_window", "Period", id="mood_period"),
        Binding("1", "window('2w')", "2 weeks", id="mood_2w", show=False),
        Binding("2", "window('3m')", "3 months", id="mood_3m", show=False),
        Binding("3", "window('1y')", "A year", id="mood_1y", show=False),
        Binding("e", "log_day", "Log or correct a day", id="mood_log_day"),
        Binding("m", "log_today", "Log today", id="mood_log_today", show=False),
        Binding("pageup", "page_up", "Scroll up", show=False),
        Binding("pagedown", "page_down", "Scroll down", show=False),
    ]

    def __init__(self, window: stats.Window = stats.TWO_WEEKS, size: Size | None = None) -> None:
        # The breakpoint classes for the terminal's size, given now: Textual would add
        # them after the first layout, and restyle and lay out the whole screen again.
        super().__init__(classes=self._breakpoints(size) if size else None)
        self.window = window
        self.moods: list[MoodEntry] = []
        self.chosen: date | None = None
        #: Another screen has been on top since the last read (a day logged, or a new day).
        self._stale = False

    @classmethod
    def _breakpoints(cls, size: Size) -> str:
        """'-wide -tall' and so on: the classes Textual's breakpoints give this size."""
        return " ".join(
            breakpoint_class(points or [], length)
            for points, length in (
                (cls.HORIZONTAL_BREAKPOINTS, size.width),
                (cls.VERTICAL_BREAKPOINTS, size.height),
            )
        )

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        with VerticalScroll(id="mood-page"):
            with Horizontal(id="daily", classes="mood-section chart-row"):
                with Vertical(id="daily-left"):
                    yield MoodChart(cursor=True, id="daily-chart")
                    yield Static(id="day-detail", markup=False)
                yield Static(id="daily-numbers", classes="numbers", markup=False)
            with Horizontal(id="weekly", classes="mood-section chart-row"):
                yield MoodChart(id="weekly-chart")
                yield Static(id="weekly-numbers", classes="numbers", markup=False)
            # Not "#tags": the mood entry's stylesheet (global once loaded) lays out a
            # "#tags" grid, one row high, which hid this text after a mood was logged.
            yield Static(id="tag-patterns", classes="mood-section", markup=False)
        yield EcouchFooter()

    def on_mount(self) -> None:
        self.reload()
        # A day logged over this screen is on disk a moment after it closes: show it then.
        self.ecouch.saves_landed.subscribe(self, self._saves_landed)

    def _saves_landed(self, _: None) -> None:
        if self.is_current:
            self.reload()

    def on_screen_suspend(self) -> None:
        self._stale = True

    def on_screen_resume(self) -> None:
        """Back from logging a day: read again (not on the first show: on_mount has read)."""
        if self._stale:
            self._stale = False
            self.reload()

    # -- data ------------------------------------------------------------------------------

    @property
    def today(self) -> date:
        return self.session.clock.today()

    def reload(self) -> None:
        """Read the longest window once; every view is cut from it in memory."""
        today = self.today
        self.moods = self.session.store.moods(since=stats.YEAR.start(today), until=today)
        self.show_window()

    def show_window(self) -> None:
        today, window = self.today, self.window
        start = window.start(today)
        in_window = [m for m in self.moods if m.day >= start]
        days = stats.series(in_window, today, window.days)
        if self.chosen is None or self.chosen < start or self.chosen > today:
            self.chosen = today
        self.query_one("#daily", Horizontal).border_title = period_title(window)
        chart = self.query_one("#daily-chart", MoodChart)
        chart.show(days.scores, days.start, cursor_day=self.chosen)
        self.query_one("#daily-numbers", Static).update(
            daily_numbers(stats.summarise(days), days, today)
        )
        self.show_chosen()

        weeks = stats.weekly_averages(days)
        weekly = self.query_one("#weekly", Horizontal)
        weekly.border_title = "Weekly averages · Mon–Sun"
        self.query_one("#weekly-chart", MoodChart).show(
            [week.average for week in weeks], weeks[0].monday, step_days=7
        )
        self.query_one("#weekly-numbers", Static).update(
            weekly_text(stats.weekly_numbers(weeks), today)
        )

        tags = self.query_one("#tag-patterns", Static)
        tags.border_title = "Tags and mood · ▲ better days ▼ worse days"
        any_tags = any(m.tags for m in in_window)
        tags.update(tag_lines(stats.tag_patterns(in_window), any_tags, len(in_window)))

    def show_chosen(self) -> None:
        assert self.chosen is not None
        entry = next((m for m in self.moods if m.day == self.chosen), None)
        if entry is None:  # not logged, or its score cannot be read (not in `moods()`)
            entry = self.session.store.mood(self.chosen)
        self.query_one("#day-detail", Static).update(day_detail(entry, self.chosen, self.today))

    # -- actions ---------------------------------------------------------------------------

    def action_window(self, key: str) -> None:
        self.window = next(w for w in stats.WINDOWS if w.key == key)
        self.show_window()

    def action_next_window(self) -> None:
        index = stats.WINDOWS.index(self.window)
        self.window = stats.WINDOWS[(index + 1) % len(stats.WINDOWS)]
        self.show_window()

    def action_page_up(self) -> None:
        self.query_one("#mood-page", VerticalScroll).scroll_page_up()

    def action_page_down(self) -> None:
        self.query_one("#mood-page", VerticalScroll).scroll_page_down()

    def action_log_day(self) -> None:
        self._open_day(self.chosen or self.today)

    def action_log_today(self) -> None:
        self.chosen = self.today
        self._open_day(self.today)

    def _open_day(self, day: date) -> None:
        from ecouch_tui.ui.screens.mood_entry import MoodEntryScreen

        self.app.push_screen(MoodEntryScreen(day))

    @on(MoodChart.CursorMoved, "#daily-chart")
    def _moved(self, event: MoodChart.CursorMoved) -> None:
        self.chosen = event.day
        self.show_chosen()

    @on(MoodChart.Chosen, "#daily-chart")
    def _chosen(self, event: MoodChart.Chosen) -> None:
        self.chosen = event.day
        self._open_day(event.day)
