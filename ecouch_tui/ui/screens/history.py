"""Check-in history: every result over time, per questionnaire, with its bands.

Each questionnaire gets a chart whose rows are grouped by band (each band named on the
left, so a point's band is read from words, not colour), then the latest result, the
change, the range and the average as sentences, then every check-in as a table of date,
total, band.
"""

from __future__ import annotations

import textwrap
from datetime import date
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, Static

from ecouch_tui.content.questionnaire import Band, Questionnaire
from ecouch_tui.course import checkin_text as words
from ecouch_tui.course.checkin import taken_on
from ecouch_tui.course.mood import one_decimal
from ecouch_tui.course.scoring import fits
from ecouch_tui.store.records import Checkin
from ecouch_tui.ui.access import AppAccess
from ecouch_tui.ui.keys import GET_HELP_KEY
from ecouch_tui.ui.widgets.footer import EcouchFooter
from ecouch_tui.wording import day_month, plural, short_date

#: Plot rows shared among the bands (each band gets at least one).
CHART_ROWS = 11
#: Columns per check-in: wide enough for "●14" and a gap, narrowed when there are many.
MAX_STEP, LABELLED_STEP, MIN_STEP = 7, 4, 2


def band_rows(questionnaire: Questionnaire, rows: int = CHART_ROWS) -> list[int]:
    """Rows for each band (lowest band first), in proportion to its width, at least one."""
    span = questionnaire.highest_total - questionnaire.lowest_total + 1
    return [max(1, round((band.max - band.min + 1) * rows / span)) for band in questionnaire.bands]


def band_label(band: Band, with_name: bool) -> str:
    numbers = f"{band.min}–{band.max}"
    return f"{numbers} {band.name}" if with_name else numbers


def chart_lines(
    questionnaire: Questionnaire, points: list[tuple[date, int]], width: int
) -> list[Text]:
    """The chart as lines of text: a band gutter, the plot, an axis and dates beneath.

    The highest band is at the top. A total always lands on a row of its own band, so
    the band named beside it is the band it is in. When the check-ins do not fit, the
    latest ones are drawn (the table below lists them all).
    """
    bands = questionnaire.bands
    with_names = width >= 60
    gutter = max(len(band_label(b, with_names)) for b in bands) + 1
    plot_width = max(width - gutter - 1, MIN_STEP)
    count = max(len(points), 1)
    step = max(MIN_STEP, min(MAX_STEP, plot_width // count))
    shown = points[-(plot_width // step) :] if points else []
    allotted = band_rows(questionnaire)
    # Top-down rows: (band index, offset in band, rows in band).
    layout = [
        (b, offset, allotted[b])
        for b in reversed(range(len(bands)))
        for offset in range(allotted[b])
    ]
    grid = [[" "] * plot_width for _ in layout]
    first_row = {b: i for i, (b, offset, _) in reversed(list(enumerate(layout))) if offset == 0}
    for b, row in first_row.items():
        if b != len(bands) - 1:  # a dotted line where each band starts, below the top one
            grid[row] = ["┈"] * plot_width
    marks: list[tuple[int, int, str]] = []
    for column, (_, total) in enumerate(shown):
        b = next(i for i, band in enumerate(bands) if band.min <= total <= band.max)
        band = bands[b]
        rows = allotted[b]
        span = max(band.max - band.min, 1)
        offset = round((band.max - total) * (rows - 1) / span)
        glyph = f"●{total}" if step >= LABELLED_STEP else "●"
        marks.append((first_row[b] + offset, column * step, glyph))
    for row, x, glyph in marks:
        for i, char in enumerate(glyph):
            if x + i < plot_width:
                grid[row][x + i] = char
    lines: list[Text] = []
    for index, (b, offset, _) in enumerate(layout):
        label = band_label(bands[b], with_names) if offset == 0 else ""
        line = Text(label.ljust(gutter - 1) + " ", style="bold" if offset == 0 else "")
        line.append("┤" if offset == 0 else "│", style="dim")
        for char in grid[index]:
            line.append(char, style="dim" if char == "┈" else "bold" if char != " " else "")
        lines.append(line)
    lines.append(Text(" " * gutter + "└" + "─" * plot_width, style="dim"))
    dates = [" "] * plot_width
    end = -1
    for column, (day, _) in enumerate(shown):
        x = column * step
        label = day_month(day)
        if x > end and x + len(label) <= plot_width:
            dates[x : x + len(label)] = list(label)
            end = x + len(label)
    lines.append(Text(" " * (gutter + 1) + "".join(dates).rstrip()))
    if not with_names:  # too narrow for names beside the rows: a key beneath instead
        legend = " · ".join(band_label(b, True) for b in reversed(bands))
        lines += [Text(part) for part in textwrap.wrap(legend, max(width, 20))]
    if len(shown) < len(points):
        note = f"The latest {len(shown)} of {len(points)} are drawn; all are listed below."
        lines += [Text(part) for part in textwrap.wrap(note, max(width, 20))]
    return lines


class ScoreChart(Widget):
    """One questionnaire's totals over time, drawn to the width it is given."""

    DEFAULT_CSS = """
    ScoreChart { height: auto; margin: 1 0 0 0; }
    """

    def __init__(self, questionnaire: Questionnaire, checkins: list[Checkin]) -> None:
        super().__init__()
        self.questionnaire = questionnaire
        self.points = [(taken_on(c), c.total) for c in checkins]

    def render(self) -> Text:
        width = self.size.width or 80
        return Text("\n").join(chart_lines(self.questionnaire, self.points, width))

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return len(chart_lines(self.questionnaire, self.points, width))


def summary_text(questionnaire: Questionnaire, checkins: list[Checkin]) -> str:
    """Latest result, change since the one before, the range and the average, as sentences
    (the chart's numbers in words, to read aloud or copy)."""
    latest = checkins[-1]
    parts: list[str] = []
    # An answer that fired an item rule (PHQ-9 item 9) is named before the band, kindly.
    if first := words.history_first_words(questionnaire, latest.answers):
        parts.append(first)
    parts.append(
        f"Latest: {latest.total} of {questionnaire.highest_total} ({latest.band}) "
        f"on {short_date(taken_on(latest))}."
    )
    if len(checkins) > 1:
        before = checkins[-2]
        change = latest.total - before.total
        since = short_date(taken_on(before))
        if change == 0:
            parts.append(f"No change since {since}.")
        else:
            direction = "Up" if change > 0 else "Down"
            parts.append(
                f"{direction} {words.points(abs(change))} since {since} "
                f"(from {before.total} to {latest.total})."
            )
        totals = [c.total for c in checkins]
        parts.append(
            f"Range over {plural(len(checkins), 'check-in')}: lowest {min(totals)}, "
            f"highest {max(totals)}, average {one_decimal(sum(totals) / len(totals))}."
        )
    parts.append(words.lower_is_better(questionnaire))
    return " ".join(parts)


def results_table(questionnaire: Questionnaire, checkins: list[Checkin]) -> Table:
    """Every check-in, newest first: date, total, band and change from the one before; a
    check-in whose answer fired an item rule (PHQ-9 item 9) says so before its band."""
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    table.add_column("Date")
    table.add_column("Total", justify="right")
    table.add_column("Band")
    table.add_column("Change", justify="right")
    previous: Checkin | None = None
    rows: list[tuple[str, str, str, str]] = []
    for checkin in checkins:
        day = taken_on(checkin)
        change = "" if previous is None else f"{checkin.total - previous.total:+d}"
        fired = words.fired_items(questionnaire, checkin.answers)
        band = checkin.band
        if fired:
            numbers = words.and_list([str(i + 1) for i in fired])
            band = f"⚠ question {numbers} · {band}"
        rows.append((f"{short_date(day)} {day.year}", str(checkin.total), band, change))
        previous = checkin
    for row in reversed(rows):
        table.add_row(*row)
    return table


class HistoryScreen(AppAccess, Screen[None]):
    CSS_PATH = "history.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        GET_HELP_KEY,
        Binding("escape", "app.pop_screen", "Back", id="history_back"),
        Binding("k", "checkin", "Check-in", id="history_checkin"),
        Binding("p", "safety_plan", "Safety plan", id="history_safety_plan"),
    ]

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        with VerticalScroll(id="history"):
            yield from self.sections()
        yield EcouchFooter()

    def on_mount(self) -> None:
        self.sub_title = "Check-in history"

    def sections(self) -> ComposeResult:
        course = self.session.course
        store = self.session.store
        weekly = course.checkin_instrument
        ordered = sorted(course.questionnaires, key=lambda q: q is not weekly)
        any_shown = False
        for q in ordered:
            stored = store.checkins(q.id)
            # A total outside the questionnaire's (a hand edit, an older version) fits
            # no band and cannot be drawn: left out, and said so.
            checkins = [c for c in stored if fits(q, c)]
            unreadable = len(stored) - len(checkins)
            if not stored:
                continue
            any_shown = True
            yield Static(
                f"{q.name} · {plural(len(checkins), 'check-in')}",
                classes="history-title",
                markup=False,
            )
            if unreadable:
                yield Static(
                    f"{plural(unreadable, 'check-in')} could not be read (a total outside "
                    f"{q.lowest_total} to {q.highest_total}), so it is left out here; "
                    "it is kept as stored.",
                    classes="history-summary",
                )
            if not checkins:
                continue
            yield from self.outcomes(q)
            yield ScoreChart(q, checkins)
            yield Static(summary_text(q, checkins), classes="history-summary", markup=False)
            yield Static(results_table(q, checkins), classes="history-table")
        if not any_shown:
            yield Static(
                "No check-ins yet. Press k to do one now: it takes a few minutes, and each "
                "result is charted here.",
                id="history-empty",
            )

    def outcomes(self, questionnaire: Questionnaire) -> ComposeResult:
        """The course's outcome points of this questionnaire side by side (start, end of
        the course, follow-ups), as a trial reports them (ui/followup.py)."""
        from ecouch_tui.ui.followup import outcome_table

        points = [p for p in self.session.outcome_points() if p.instrument == questionnaire.id]
        if points:
            yield Static("Start, end of the course and follow-ups:", classes="history-summary")
            yield Static(outcome_table(points), classes="history-table")

    def action_checkin(self) -> None:
        self.ecouch.action_checkin()  # over this screen: Esc there comes back here

    def action_safety_plan(self) -> None:
        from ecouch_tui.ui.screens.safety_plan import SafetyPlanScreen

        self.app.push_screen(SafetyPlanScreen())
