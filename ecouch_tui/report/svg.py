"""The report's two charts as inline SVG: check-in totals on their bands, and daily mood.

Both charts share one layout (`WIDTH`, `LEFT`, `RIGHT`) and one time axis over the
report's period, so printed one above the other their dates line up. They are drawn for
paper: pale fills that stay distinct in greyscale, every band named in words beside
the chart, every total written next to its point, and nothing said by colour alone.
Text uses the page's font (SVG text inherits it), so nothing is fetched.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from html import escape
from itertools import pairwise
from typing import NamedTuple

from ecouch_tui.course.mood import HIGHEST, LOWEST
from ecouch_tui.report.model import InstrumentReport, MoodReport, Period
from ecouch_tui.wording import MONTH_ABBR, day_month

#: The drawing's own units; it scales to the page width (about 1 unit = 1 CSS px on A4).
WIDTH = 680
#: Room for the value labels on the left and the band names / legend on the right.
LEFT = 38
RIGHT = 132
#: The axis dates need this much room each (in drawing units).
MIN_TICK_GAP = 54

INK = "#1c2a3a"
MUTED = "#56616e"
GRID = "#d5dce4"
SHADE = "#f1f4f7"
DOT = "#4d5e71"
DENSE_DOT = "#97a4b3"
#: Band fills, lightest (best) to darkest: steps of lightness that survive greyscale.
BAND_FILLS = ("#f7f9fb", "#eaeff4", "#dce4ec", "#cdd8e3", "#bdcbda", "#aebfd0")


def _n(value: float) -> str:
    """A coordinate, short: '12', '12.5'."""
    text = f"{value:.1f}"
    return text.removesuffix(".0")


def average(value: float | None) -> str:
    """An average always with one decimal ('4.0', '5.3'), so a column of them lines up."""
    return "–" if value is None else f"{value:.1f}"


class TimeAxis(NamedTuple):
    """Days across the plot: each day a slot of equal width, points at its middle."""

    period: Period
    left: float
    right: float

    @property
    def px_per_day(self) -> float:
        return (self.right - self.left) / self.period.days

    def edge(self, day: date) -> float:
        """The left edge of a day's slot (the day after the end gives the right edge)."""
        return self.left + (day - self.period.start).days * self.px_per_day

    def x(self, day: date) -> float:
        return self.edge(day) + self.px_per_day / 2

    def ticks(self) -> list[date]:
        """Days to label, spaced so their labels never touch."""
        start, end = self.period.start, self.period.end
        per_day = self.px_per_day
        for step in (1, 2, 7, 14):
            if per_day * step >= MIN_TICK_GAP:
                first = start
                if step >= 7:  # weeks start on Mondays, as the mood weeks do
                    first = start + timedelta(days=(7 - start.weekday()) % 7)
                return _every(first, end, timedelta(days=step)) or [start]
        for months in (1, 2, 3, 6, 12):
            if per_day * 30.4 * months >= MIN_TICK_GAP:
                break
        ticks: list[date] = []
        month = date(start.year, start.month, 1)
        if month < start:
            month = _add_months(month, 1)
        while month <= end:
            ticks.append(month)
            month = _add_months(month, months)
        return ticks or [start]


def _every(first: date, last: date, step: timedelta) -> list[date]:
    days: list[date] = []
    while first <= last:
        days.append(first)
        first += step
    return days


def _add_months(day: date, months: int) -> date:
    index = day.month - 1 + months
    return date(day.year + index // 12, index % 12 + 1, 1)


class ValueScale(NamedTuple):
    """Values from `low` (drawn at `bottom`) up to `high` (drawn at `top`)."""

    low: float
    high: float
    bottom: float
    top: float

    def y(self, value: float) -> float:
        span = (self.high - self.low) or 1
        return self.bottom - (value - self.low) / span * (self.bottom - self.top)


# -- pieces --------------------------------------------------------------------------------


def _open(height: int, label: str, description: str, chart: str) -> str:
    ident = f"{chart}-title"
    return (
        # No xmlns: inline SVG in HTML needs none, and the page holds no web address at all.
        f'<svg class="chart chart-{chart}" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'role="img" aria-labelledby="{ident}" font-size="11">'
        f'<title id="{ident}">{escape(label)}</title><desc>{escape(description)}</desc>'
    )


def _text(
    x: float,
    y: float,
    words: str,
    *,
    size: float = 10,
    anchor: str = "start",
    fill: str = MUTED,
    weight: str = "",
    halo: bool = False,
    css: str = "",
) -> str:
    extra = f' font-weight="{weight}"' if weight else ""
    if halo:  # a white outline drawn under the letters, so they read over lines and fills
        extra += ' stroke="#fff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"'
    if css:
        extra += f' class="{css}"'
    return (
        f'<text x="{_n(x)}" y="{_n(y)}" font-size="{_n(size)}" text-anchor="{anchor}" '
        f'fill="{fill}"{extra}>{escape(words)}</text>'
    )


def _line(x1: float, y1: float, x2: float, y2: float, stroke: str, width: float = 1) -> str:
    return (
        f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" '
        f'stroke="{stroke}" stroke-width="{_n(width)}"/>'
    )


def _time_axis(axis: TimeAxis, baseline: float) -> Iterable[str]:
    """Tick marks and dates under the plot; the year under the first date and each new one."""
    year: int | None = None
    ticks = axis.ticks()
    # Ticks a month or more apart fall on the 1st: name the month alone ("Mar").
    monthly = len(ticks) > 1 and (ticks[1] - ticks[0]).days >= 28
    for day in ticks:
        x = axis.x(day)
        words = MONTH_ABBR[day.month - 1] if monthly else day_month(day)
        yield _line(x, baseline, x, baseline + 4, MUTED, 0.8)
        yield _text(x, baseline + 15, words, size=9.5, anchor="middle")
        if day.year != year:
            yield _text(x, baseline + 26, str(day.year), size=8.5, anchor="middle")
            year = day.year


def _empty(x: float, y: float, words: str) -> str:
    return _text(x, y, words, size=12, anchor="middle", fill=MUTED)


def band_fills(count: int) -> list[str]:
    """`count` fills from lightest to darkest, spread over the palette."""
    if count <= 1:
        return [BAND_FILLS[0]] * count
    last = len(BAND_FILLS) - 1
    return [BAND_FILLS[round(i * last / (count - 1))] for i in range(count)]


# -- check-ins -----------------------------------------------------------------------------

CHECKIN_HEIGHT = 160
CHECKIN_TOP = 12
CHECKIN_BOTTOM = 42


def checkin_scale(instrument: InstrumentReport) -> ValueScale:
    return ValueScale(
        instrument.lowest, instrument.highest, CHECKIN_HEIGHT - CHECKIN_BOTTOM, CHECKIN_TOP
    )


def _value_ticks(instrument: InstrumentReport) -> list[int]:
    """The first total of each band, and the highest (0, 5, 10, 15, 20, 27 on the PHQ-9)."""
    if instrument.bands:
        values = [b.low for b in instrument.bands] + [instrument.highest]
    else:
        step = max(1, round((instrument.highest - instrument.lowest) / 5))
        values = list(range(instrument.lowest, instrument.highest + 1, step))
    return sorted(set(values))


def checkin_chart(instrument: InstrumentReport, period: Period) -> str:
    """Totals over time, on the questionnaire's bands (shaded and named on the right)."""
    axis = TimeAxis(period, LEFT, WIDTH - RIGHT)
    scale = checkin_scale(instrument)
    top, bottom = scale.top, scale.bottom
    width = axis.right - axis.left
    totals = ", ".join(f"{day_month(r.day)}: {r.total} ({r.band})" for r in instrument.rows)
    parts = [
        _open(
            CHECKIN_HEIGHT,
            f"{instrument.name} totals over time",
            f"{instrument.name} totals, {instrument.lowest} to {instrument.highest}, "
            f"from {day_month(period.start)} to {day_month(period.end)}: {totals or 'none'}.",
            instrument.id,
        )
    ]
    # The bands: shaded areas, named with their ranges in the margin on the right.
    for band, fill in zip(instrument.bands, band_fills(len(instrument.bands)), strict=True):
        upper = scale.y(min(band.high + 0.5, instrument.highest))
        lower = scale.y(max(band.low - 0.5, instrument.lowest))
        parts.append(
            f'<rect class="band" data-band="{escape(band.name)}" x="{_n(axis.left)}" '
            f'y="{_n(upper)}" width="{_n(width)}" height="{_n(lower - upper)}" fill="{fill}"/>'
        )
        if upper > top + 0.5:
            parts.append(_line(axis.left, upper, axis.right, upper, "#ffffff", 1.2))
        middle = (upper + lower) / 2
        label_x = axis.right + 8
        if lower - upper >= 24:
            parts.append(
                _text(label_x, middle - 1.5, band.name, size=10, fill=INK, css="band-name")
            )
            parts.append(_text(label_x, middle + 10, band.range_text, size=9, css="band-range"))
        else:
            parts.append(
                _text(label_x, middle + 3.5, f"{band.name} {band.range_text}", size=9, fill=INK)
            )
    parts.append(
        f'<rect x="{_n(axis.left)}" y="{_n(top)}" width="{_n(width)}" '
        f'height="{_n(bottom - top)}" fill="none" stroke="{GRID}" stroke-width="0.8"/>'
    )
    for value in _value_ticks(instrument):
        y = scale.y(value)
        parts.append(_line(axis.left - 4, y, axis.left, y, MUTED, 0.8))
        parts.append(_text(axis.left - 7, y + 3.5, str(value), size=9.5, anchor="end"))
    parts.extend(_time_axis(axis, bottom))
    rows = instrument.rows
    if not rows:
        parts.append(_empty((axis.left + axis.right) / 2, (top + bottom) / 2, "No check-ins"))
        return "".join(parts) + "</svg>"
    points = [(axis.x(r.day), scale.y(r.total), r) for r in rows]
    if len(points) > 1:
        path = " ".join(f"{_n(x)},{_n(y)}" for x, y, _ in points)
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="{INK}" stroke-width="1.6" '
            'stroke-linejoin="round"/>'
        )
    last_label = -1e9
    for index, (x, y, row) in enumerate(points):
        parts.append(
            f'<circle class="point" data-total="{row.total}" data-day="{row.day.isoformat()}" '
            f'cx="{_n(x)}" cy="{_n(y)}" r="4.2" fill="{INK}" stroke="#fff" stroke-width="1.5"/>'
        )
        is_last = index == len(points) - 1
        if x - last_label >= 17 or is_last:
            below = y - top < 16
            parts.append(
                _text(
                    x,
                    y + 17 if below else y - 8,
                    str(row.total),
                    size=10.5,
                    anchor="middle",
                    fill=INK,
                    weight="600",
                    halo=True,
                    css="total",
                )
            )
            last_label = x
    return "".join(parts) + "</svg>"


# -- mood ----------------------------------------------------------------------------------

MOOD_HEIGHT = 160
#: Below this many drawing units a day (about four months and more), days are dots only.
DENSE_PX_PER_DAY = 4.0
MOOD_TOP = 30
MOOD_BOTTOM = 42


def mood_is_dense(period: Period) -> bool:
    """Too many days to join them with lines: dots only, and the weeks joined instead."""
    return TimeAxis(period, LEFT, WIDTH - RIGHT).px_per_day < DENSE_PX_PER_DAY


def mood_scale() -> ValueScale:
    return ValueScale(LOWEST, HIGHEST, MOOD_HEIGHT - MOOD_BOTTOM, MOOD_TOP)


def _runs(days: Sequence[tuple[date, int | None]]) -> list[list[tuple[date, int]]]:
    """Logged days in unbroken runs: a day not logged ends a run (a gap, not a zero)."""
    runs: list[list[tuple[date, int]]] = []
    current: list[tuple[date, int]] = []
    for day, score in days:
        if score is None:
            if current:
                runs.append(current)
            current = []
        else:
            current.append((day, score))
    if current:
        runs.append(current)
    return runs


def mood_chart(mood: MoodReport | None, period: Period) -> str:
    """Each day's mood (0-10) as a point, joined across logged days only, with each
    Monday-to-Sunday week's average as a bar and its number along the top.

    Over many months (`mood_is_dense`) the days are pale dots and the weekly bars are
    joined into a line instead, and the numbers move to the page's list of weeks."""
    axis = TimeAxis(period, LEFT, WIDTH - RIGHT)
    scale = mood_scale()
    top, bottom = scale.top, scale.bottom
    days: list[tuple[date, int | None]] = []
    if mood is not None:
        days = [(mood.days.day(i), s) for i, s in enumerate(mood.days.scores)]
        days = [(d, s) for d, s in days if d in period]
    logged = [(d, s) for d, s in days if s is not None]
    weeks = [w for w in (mood.weeks if mood else ()) if w.average is not None]
    parts = [
        _open(
            MOOD_HEIGHT,
            "Daily mood over time",
            f"Mood from 0 (very low) to 10 (very good), {day_month(period.start)} to "
            f"{day_month(period.end)}: {len(logged)} of {period.days} days logged. Weekly "
            "averages: "
            + (", ".join(f"{day_month(w.monday)}: {average(w.average)}" for w in weeks) or "none")
            + ".",
            "mood",
        )
    ]
    # Every other week shaded, so a week's dots and its average bar read together; over
    # many months the stripes would only be noise, and the day lines a scribble.
    dense = mood_is_dense(period)
    monday = period.start - timedelta(days=period.start.weekday())
    shaded = False
    while monday <= period.end and not dense:
        if shaded:
            left = axis.edge(max(monday, period.start))
            right = axis.edge(min(monday + timedelta(days=7), period.end + timedelta(days=1)))
            parts.append(
                f'<rect x="{_n(left)}" y="{_n(top)}" width="{_n(right - left)}" '
                f'height="{_n(bottom - top)}" fill="{SHADE}"/>'
            )
        shaded = not shaded
        monday += timedelta(days=7)
    for value in range(LOWEST, HIGHEST + 1, 2):
        y = scale.y(value)
        parts.append(_line(axis.left, y, axis.right, y, GRID, 0.7))
        parts.append(_text(axis.left - 7, y + 3.5, str(value), size=9.5, anchor="end"))
    label_x = axis.right + 8
    parts.append(_text(label_x, scale.y(HIGHEST) + 3.5, "10 very good", size=9))
    parts.append(_text(label_x, scale.y(LOWEST) + 3.5, "0 very low", size=9))
    dot = DENSE_DOT if dense else DOT  # many days: behind the weekly line, not over it
    parts.extend(_legend(label_x, scale.y(7.4), dot))
    parts.extend(_time_axis(axis, bottom))
    if not logged:
        parts.append(_empty((axis.left + axis.right) / 2, (top + bottom) / 2, "No mood logged"))
        return "".join(parts) + "</svg>"
    # Days: thin lines within runs of logged days, then the points on top.
    for run in [] if dense else _runs(days):
        if len(run) > 1:
            path = " ".join(f"{_n(axis.x(d))},{_n(scale.y(s))}" for d, s in run)
            parts.append(
                f'<polyline class="mood-run" points="{path}" fill="none" stroke="#8795a5" '
                'stroke-width="1" stroke-linejoin="round"/>'
            )
    radius = max(1.3, min(2.8, axis.px_per_day * 0.32))
    for day, score in logged:
        parts.append(
            f'<circle class="day" data-score="{score}" data-day="{day.isoformat()}" '
            f'cx="{_n(axis.x(day))}" cy="{_n(scale.y(score))}" r="{_n(radius)}" fill="{dot}"/>'
        )
    # Weeks: a bar at the average across the week's days, and the number above the plot.
    # Over many months the bars are joined (weeks next to each other only), to read a trend.
    spans: list[tuple[float, float, float]] = []
    numbered = False
    for week in weeks:
        first = max(week.monday, period.start)
        after = min(week.monday + timedelta(days=7), period.end + timedelta(days=1))
        left, right = axis.edge(first) + 1, axis.edge(after) - 1
        y = scale.y(week.average or 0)
        spans.append((left, right, y))
        parts.append(
            f'<line class="week" data-average="{average(week.average)}" '
            f'x1="{_n(left)}" y1="{_n(y)}" x2="{_n(right)}" y2="{_n(y)}" stroke="{INK}" '
            'stroke-width="2.6"/>'
        )
        if right - left >= 18:
            numbered = True
            parts.append(
                _text(
                    (left + right) / 2,
                    top - 9,
                    average(week.average),
                    size=9.5,
                    anchor="middle",
                    fill=INK,
                    weight="600",
                )
            )
    if numbered:
        parts.append(_text(label_x, top - 9, "week average", size=9))
    if dense:
        for (left, right, y), (after_left, after_right, after_y) in pairwise(spans):
            if after_left - right < 3:  # the next week follows on
                middle, after_middle = (left + right) / 2, (after_left + after_right) / 2
                parts.append(_line(middle, y, after_middle, after_y, INK, 1.4))
    return "".join(parts) + "</svg>"


def _legend(x: float, y: float, dot: str) -> Iterable[str]:
    """What the marks mean, in words beside a sample of each."""
    yield f'<circle cx="{_n(x + 4)}" cy="{_n(y - 3.5)}" r="2.6" fill="{dot}"/>'
    yield _text(x + 13, y, "a day", size=9)
    yield _line(x, y + 12, x + 9, y + 12, INK, 2.6)
    yield _text(x + 13, y + 15.5, "week average", size=9)
    yield _text(x, y + 31, "gaps: days not", size=9)
    yield _text(x, y + 42, "logged", size=9)
