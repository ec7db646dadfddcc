"""A bar chart of mood on the fixed 0-10 scale, drawn with the line API.

Like Toolong's log view: the data is reduced once per width to one value per column
(days are averaged when there are more days than columns), and `render_line` builds
one cheap `Strip` per row from that, cached until the data, size, cursor or theme
changes. Ten years of days cost the same to paint as two weeks.

Nothing depends on colour: a day not logged is a `·` on the baseline, a logged 0 is a
`▁`, the chosen day is marked `▲` under its bar, and the screen says every number in
words beside the chart. The chosen bar keeps its own height (drawn in the text colour,
with no background behind it): a selection must never look like a score.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, timedelta
from typing import ClassVar, NamedTuple

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from ecouch_tui.wording import day_month

HIGHEST = 10
#: Partial heights, in eighths of a row.
EIGHTHS = " ▁▂▃▄▅▆▇█"
GAP = "·"
CURSOR = "▲"
#: Width of the y axis: "10┤".
AXIS = 3
#: Wider bars than this read as blocks, not a series.
MAX_BAR_STEP = 8


class Column(NamedTuple):
    """One bar: the values from index `first` to `last` (inclusive), averaged."""

    first: int
    last: int
    value: float | None


class Layout(NamedTuple):
    """Where bars go at one width."""

    columns: list[Column]
    #: Screen cells per column, and how many of them the bar fills.
    step: int
    bar: int
    #: Values (days or weeks) per column.
    per_column: int


def layout(values: Sequence[float | None], width: int) -> Layout:
    """Fit `values` into `width` cells: one or more cells per value, or several per cell."""
    count, room = len(values), max(1, width)
    if count == 0:
        return Layout([], 1, 1, 1)
    if count <= room:
        step = min(MAX_BAR_STEP, room // count)
        bar = step - 1 if step >= 2 else 1
        columns = [Column(i, i, v) for i, v in enumerate(values)]
        return Layout(columns, step, bar, 1)
    # More values than cells: each cell takes its share (one or two days when the
    # window only just overflows), so the chart always fills the width.
    columns = []
    for x in range(room):
        first, last = x * count // room, (x + 1) * count // room - 1
        present = [v for v in values[first : last + 1] if v is not None]
        columns.append(Column(first, last, sum(present) / len(present) if present else None))
    per = math.ceil(count / room)
    return Layout(columns, 1, 1, per)


def eighths(value: float, rows: int) -> int:
    """Bar height in eighths of a row; a logged 0 still shows (one eighth)."""
    clamped = max(0.0, min(float(HIGHEST), value))
    return max(1, round(clamped / HIGHEST * rows * 8))


class MoodChart(Widget):
    """Bars for daily scores or weekly averages; with `cursor=True` a day can be chosen."""

    # $text-accent, not $accent: orange bars on the light theme's grey were 1.7:1.
    DEFAULT_CSS = """
    MoodChart { height: 8; width: 1fr; }
    MoodChart > .mood-chart--bar { color: $text-accent; }
    MoodChart > .mood-chart--axis { color: $text-muted; }
    MoodChart > .mood-chart--gap { color: $text-muted; }
    MoodChart > .mood-chart--chosen { color: $text; }
    MoodChart > .mood-chart--marker { color: $text-muted; }
    MoodChart:focus > .mood-chart--marker { color: $text; text-style: bold; }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "mood-chart--bar",
        "mood-chart--axis",
        "mood-chart--gap",
        "mood-chart--chosen",
        "mood-chart--marker",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "move(-1)", "Earlier", show=False),
        Binding("right", "move(1)", "Later", show=False),
        Binding("shift+left", "move(-7)", "Week earlier", show=False),
        Binding("shift+right", "move(7)", "Week later", show=False),
        Binding("home", "move_to(False)", "First", show=False),
        Binding("end", "move_to(True)", "Latest", show=False),
        Binding("enter", "choose", "Log or correct this day", show=False),
    ]

    class CursorMoved(Message):
        """The chosen day changed (its date)."""

        def __init__(self, chart: MoodChart, day: date) -> None:
            super().__init__()
            self.chart = chart
            self.day = day

        @property
        def control(self) -> MoodChart:
            return self.chart

    class Chosen(Message):
        """Enter on a day: the screen opens it for logging or correcting."""

        def __init__(self, chart: MoodChart, day: date) -> None:
            super().__init__()
            self.chart = chart
            self.day = day

        @property
        def control(self) -> MoodChart:
            return self.chart

    def __init__(
        self,
        *,
        cursor: bool = False,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.can_focus = cursor
        self._values: tuple[float | None, ...] = ()
        self._start = date.min
        self._step_days = 1
        self._cursor: int | None = None
        self._layout: tuple[int, Layout] | None = None
        self._lines: dict[int, Strip] = {}

    # -- data ------------------------------------------------------------------------------

    def show(
        self,
        values: Sequence[float | None],
        start: date,
        *,
        step_days: int = 1,
        cursor_day: date | None = None,
    ) -> None:
        """New values (one per day, or per week with step_days=7) starting on `start`."""
        self._values = tuple(values)
        self._start = start
        self._step_days = step_days
        self._cursor = None
        if self.can_focus and self._values:
            self._cursor = self._index(cursor_day) if cursor_day else len(self._values) - 1
        self._invalidate()

    @property
    def cursor_day(self) -> date | None:
        return None if self._cursor is None else self._date(self._cursor)

    def _date(self, index: int) -> date:
        return self._start + timedelta(days=index * self._step_days)

    def _index(self, day: date) -> int:
        index = (day - self._start).days // self._step_days
        return max(0, min(len(self._values) - 1, index))

    def _invalidate(self) -> None:
        self._layout = None
        self._lines.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines.clear()

    def on_resize(self, event: events.Resize) -> None:
        self._layout = None
        self._lines.clear()

    # -- the cursor ------------------------------------------------------------------------

    def action_move(self, days: int) -> None:
        if self._cursor is None:
            return
        self._move_to(max(0, min(len(self._values) - 1, self._cursor + days)))

    def action_move_to(self, end: bool) -> None:
        if self._cursor is not None:
            self._move_to(len(self._values) - 1 if end else 0)

    def _move_to(self, index: int) -> None:
        if index == self._cursor:
            return
        self._cursor = index
        self._lines.clear()
        self.refresh()
        self.post_message(self.CursorMoved(self, self._date(index)))

    def action_choose(self) -> None:
        if self._cursor is not None:
            self.post_message(self.Chosen(self, self._date(self._cursor)))

    def on_click(self, event: events.Click) -> None:
        if self._cursor is None:
            return
        offset = event.get_content_offset(self)
        if offset is None:
            return
        current = self._current_layout()
        column = (offset.x - AXIS) // current.step
        if 0 <= column < len(current.columns):
            self._move_to(current.columns[column].last)

    # -- drawing ----------------------------------------------------------------------------

    def _current_layout(self) -> Layout:
        width = self.size.width
        if self._layout is None or self._layout[0] != width:
            self._layout = (width, layout(self._values, width - AXIS))
        return self._layout[1]

    def render_line(self, y: int) -> Strip:
        strip = self._lines.get(y)
        if strip is None:
            strip = self._render_row(y)
            self._lines[y] = strip
        return strip

    def _render_row(self, y: int) -> Strip:
        width, height = self.size
        base = self.rich_style
        if width <= AXIS or height < 2:
            return Strip.blank(width, base)
        rows = height - 1
        current = self._current_layout()
        # Whole styles, not partial ones: a partial style loses colours worked out
        # against the background ($text-muted is "auto 60%"), which came out white.
        styles = _Styles(
            base,
            *(
                self.get_component_rich_style(f"mood-chart--{part}")
                for part in ("bar", "axis", "gap", "chosen", "marker")
            ),
        )
        cursor_column = self._cursor_column(current)
        if y == rows:
            segments = self._label_row(current, width, styles, cursor_column)
        else:
            segments = self._bar_row(y, rows, current, styles, cursor_column)
        return Strip(segments).extend_cell_length(width, base).crop(0, width)

    def _cursor_column(self, current: Layout) -> int | None:
        if self._cursor is None:
            return None
        for number, column in enumerate(current.columns):
            if column.first <= self._cursor <= column.last:
                return number
        return None

    def _bar_row(
        self, y: int, rows: int, current: Layout, styles: _Styles, cursor_column: int | None
    ) -> list[Segment]:
        labels = {0: "10", rows - 1: " 0"}
        if rows >= 5:
            labels[rows - 1 - rows // 2] = " 5"
        label = labels.get(y)
        segments = [
            Segment(f"{label}┤" if label else "  │", styles.axis),
        ]
        floor = (rows - 1 - y) * 8
        for number, column in enumerate(current.columns):
            if column.value is None:
                text = GAP if y == rows - 1 else " "
                style = styles.gap
            else:
                fill = max(0, min(8, eighths(column.value, rows) - floor))
                text = EIGHTHS[fill]
                style = styles.bar
            cell = text * current.bar if column.value is not None else _centred(text, current.bar)
            if number == cursor_column:
                style = styles.chosen
            segments.append(Segment(cell, style))
            if current.step > current.bar:
                segments.append(Segment(" " * (current.step - current.bar), styles.base))
        return segments

    def _label_row(
        self, current: Layout, width: int, styles: _Styles, cursor_column: int | None
    ) -> list[Segment]:
        cells = [" "] * width
        taken = [False] * width
        marker: int | None = None
        if cursor_column is not None:
            x = AXIS + cursor_column * current.step + (current.bar - 1) // 2
            if x < width:
                marker = x
                cells[x], taken[x] = CURSOR, True
        for x, text in self._labels(current):
            end = x + len(text)
            if end > width or any(taken[max(AXIS, x - 1) : min(width, end + 1)]):
                continue
            cells[x:end] = list(text)
            for i in range(x, end):
                taken[i] = True
        if marker is None:
            return [Segment("".join(cells), styles.axis)]
        return [
            Segment("".join(cells[:marker]), styles.axis),
            Segment(CURSOR, styles.marker),
            Segment("".join(cells[marker + 1 :]), styles.axis),
        ]

    def _labels(self, current: Layout) -> list[tuple[int, str]]:
        """Where dates can go under the bars, in order; the label row keeps those that fit."""
        found: list[tuple[int, str]] = []
        short = len(self._values) <= 31 and current.per_column == 1
        for number, column in enumerate(current.columns):
            x = AXIS + number * current.step
            first = self._date(column.first)
            last = self._date(column.last) + timedelta(days=self._step_days - 1)
            if short and self._step_days == 1:
                found.append((x, str(first.day)))
            elif short and current.step >= 7:
                found.append((x, day_month(first)))
            else:
                month_start = _first_of_month_between(first, last)
                if month_start is not None or number == 0:
                    shown = month_start or first
                    # January is labelled with its year: the bars cross into a new one.
                    text = f"{shown:%b}" if shown.month != 1 else str(shown.year)
                    found.append((x, text))
        return found


class _Styles(NamedTuple):
    base: Style
    bar: Style
    axis: Style
    gap: Style
    chosen: Style
    marker: Style


def _centred(text: str, width: int) -> str:
    left = (width - 1) // 2
    return " " * left + text + " " * (width - left - 1)


def _first_of_month_between(first: date, last: date) -> date | None:
    """The first day of a month within [first, last], if there is one."""
    if first.day == 1:
        return first
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return following if following <= last else None
