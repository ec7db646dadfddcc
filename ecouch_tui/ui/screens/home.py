"""Home: every week with its state, overall progress, and one obvious Continue."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.color import Color
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.theme import Theme
from textual.widgets import Button, Header, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from ecouch_tui.course.followup import FollowUpState, due_follow_up, outcome_due
from ecouch_tui.course.unlock import Status, WeekState
from ecouch_tui.ui.access import AppAccess
from ecouch_tui.ui.keys import GET_HELP_KEY
from ecouch_tui.ui.themes import HIGH_CONTRAST
from ecouch_tui.ui.widgets.footer import EcouchFooter
from ecouch_tui.wording import plural, short_date

#: A symbol and a word for each state, so nothing depends on colour alone.
MARKS: dict[Status, str] = {
    Status.DONE: "✓",
    Status.OPEN: "○",
    Status.LOCKED: "·",
    Status.UNAVAILABLE: "!",
}


def status_words(state: WeekState) -> str:
    if state.status == Status.DONE:
        return "done"
    if state.status == Status.OPEN:
        return f"in progress {state.pages_seen}/{state.pages}" if state.started else "open"
    if state.status == Status.LOCKED:
        return f"locked · opens {short_date(state.opens_on)}" if state.opens_on else "locked"
    return "unavailable"


#: Each theme's text shades of success, accent and error, kept (by the theme's name and
#: the theme itself) since working them out takes milliseconds and home has many rows.
_STATE_COLOURS: dict[str, tuple[Theme, tuple[Style, Style, Style]]] = {}


def week_row(state: WeekState, theme: Theme, plain: bool = False) -> WeekRow:
    """One line of the week list; colours come from the theme, meaning from the words.

    The colours are the theme's text shades ($text-success and the like, not $success):
    the ones made to be read on its surfaces, and in ecouch's dark and light themes on
    the week list's cursor too (home.tcss). `plain` (NO_COLOR, high contrast) leaves the
    colours out: in greys, or on the high-contrast cursor, they would only fade the mark
    and the state on the highlighted row, and the words already say it all.
    """
    kept = _STATE_COLOURS.get(theme.name)
    if kept is None or kept[0] is not theme:
        shades = theme.to_color_system().generate()
        # Through Textual's Color: an ANSI theme's shades are named ("ansi_green").
        done, open_, unavailable = (
            Style(color=Color.parse(shades[f"text-{name}"]).rich_color)
            for name in ("success", "accent", "error")
        )
        kept = _STATE_COLOURS[theme.name] = (theme, (done, open_, unavailable))
    success, accent, error = kept[1]
    mark = MARKS[state.status]
    style = {
        Status.DONE: success,
        Status.OPEN: accent,
        Status.LOCKED: Style(dim=True),
        Status.UNAVAILABLE: error,
    }[state.status]
    if plain:
        style = Style()
    if state.status == Status.OPEN and state.started:
        mark = "◐"
    title = Text(state.title)
    if state.status == Status.UNAVAILABLE and state.problem:
        title = Text(f"{state.title} — {state.problem}", style="italic")
    return WeekRow(
        Text(mark, style=Style(bold=True) + style),
        Text(f"Week {state.week}"),
        title,
        Text(status_words(state), style=style),
    )


def follow_up_row(state: FollowUpState, theme: Theme, plain: bool = False) -> WeekRow:
    """A follow-up's line under the weeks: "Booster", "1 month on · its title", its state
    (the day it opens while locked)."""
    title = f"{state.title} · {state.module_title}" if state.module_title else state.title
    as_week = WeekState(
        week=0,
        title=title,
        status=state.status,
        module_id=state.module_id,
        opens_on=state.opens_on,
        pages=state.pages,
        pages_seen=state.pages_seen,
        problem=state.problem,
    )
    mark, _, title_cell, state_cell = week_row(as_week, theme, plain).cells
    if state.status == Status.LOCKED:
        # Not dimmed as a week's is: the list's cursor rests on the last rows, and dim
        # words on it fall below 4.5:1 in the light theme.
        words = "locked · after the course" if state.opens_on is None else state_cell.plain
        state_cell = Text(words)
    return WeekRow(mark, Text("Booster"), title_cell, state_cell)


class WeekRow:
    """A week's line: mark, "Week N", title (cut with …), state on the right.

    Drawn exactly as a four-column `Table.grid` would draw it (`table()`, used as is when
    the line is too narrow for all four), but about four times faster: the week list is
    most of what home paints at start-up (see benchmarks/README.md).
    """

    def __init__(self, mark: Text, week: Text, title: Text, state: Text) -> None:
        self.cells = (mark, week, title, state)

    def table(self) -> Table:
        row = Table.grid(expand=True, padding=(0, 1))
        row.add_column(width=1)
        row.add_column(width=7, no_wrap=True)
        row.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        row.add_column(justify="right", no_wrap=True)
        row.add_row(*self.cells)
        return row

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        mark, week, title, state = self.cells
        room = options.max_width - (1 + 7 + state.cell_len + 3)  # 3: a space between cells
        if room < 1 and options.max_width - (1 + 7 + 3 + 1) >= 8:
            # Narrow (40 columns): the state is cut, not the mark, which a table would
            # squeeze out ("locked · opens Mon 13 A…" beside "· Week 3 …").
            state = state.copy()
            state.truncate(options.max_width - (1 + 7 + 3 + 1), overflow="ellipsis")
            room = 1
        if room < 1 or mark.cell_len != 1 or week.cell_len > 7 or "\n" in title.plain + state.plain:
            yield self.table()
            return
        title = title.copy()
        title.truncate(room, overflow="ellipsis", pad=True)
        week = week.copy()
        week.pad_right(7 - week.cell_len)
        yield Text.assemble(mark, " ", week, " ", title, " ", state)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.table())


class HomeScreen(AppAccess, Screen[None]):
    CSS_PATH = "home.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        GET_HELP_KEY,
        Binding("c", "continue", "Continue", id="continue", show=False),
        Binding("m", "app.log_mood", "Mood", id="log_mood"),
        Binding("g", "app.mood_chart", "Mood chart", id="mood_chart", show=False),
        Binding("a", "app.log_activity", "Activity", id="log_activity"),
        Binding("k", "app.checkin", "Check-in", id="checkin"),
        Binding("w", "app.workbook", "Workbook", id="workbook"),
        Binding("h", "app.history", "Check-in history", id="history", show=False),
        Binding("i", "app.about", "About ecouch", id="about", show=False),
        # After the course (course.yaml `outcomes:`, `early_warning:`): shown in the text
        # above the week list when they apply.
        Binding("o", "outcome_checkin", "Questionnaire due", id="outcome", show=False),
        Binding("x", "skip_outcome", "Skip the questionnaire", id="skip_outcome", show=False),
        Binding("p", "staying_well_plan", "Staying-well plan", id="plan", show=False),
        Binding("d", "dismiss_warning", "Not now (early warning)", id="dismiss", show=False),
        Binding("b", "booster", "Booster due", id="booster", show=False),
    ]
    #: Keys that only work (and are only listed) while what they act on is shown.
    _WHEN_DUE = frozenset({"outcome_checkin", "skip_outcome"})
    _WHEN_WARNED = frozenset({"staying_well_plan", "dismiss_warning"})
    outcome_due: bool = False
    warned: bool = False
    #: A booster due while Continue goes to an unfinished week: named on the today line.
    booster_aside: FollowUpState | None = None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self._WHEN_DUE:
            return self.outcome_due
        if action in self._WHEN_WARNED:
            return self.warned
        if action == "booster":
            return self.booster_aside is not None
        return True

    def action_booster(self) -> None:
        """The booster that is due while Continue still points at an unfinished week."""
        if self.booster_aside is not None:
            self.ecouch.open_follow_up(self.booster_aside.id)

    def action_outcome_checkin(self) -> None:
        self.ecouch.action_outcome_checkin()

    def action_skip_outcome(self) -> None:
        self.ecouch.action_skip_outcome()

    def action_staying_well_plan(self) -> None:
        self.ecouch.action_staying_well_plan()

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        with Vertical(id="home"):
            yield Button("Continue", id="continue", variant="primary")
            with Vertical(id="overall"):
                yield Static(id="overall-text")
                yield ProgressBar(id="overall-bar", show_eta=False, show_percentage=False)
                if self.ecouch.config.mode == "demo":  # `ecouch demo`: never mistaken for real
                    yield Static("DEMO · sample data", id="demo-badge")
            yield Static(id="today")
            yield Static(id="early-warning")
            yield OptionList(id="weeks")
        yield EcouchFooter()

    def on_mount(self) -> None:
        self.refresh_state()
        self.query_one("#continue", Button).focus()
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.refresh_state())
        # A save that lands after this screen came back (the mood just logged) shows here.
        self.ecouch.saves_landed.subscribe(self, self._saves_landed)

    def _saves_landed(self, _: None) -> None:
        if self.is_current:
            self.refresh_state()

    def on_screen_suspend(self) -> None:
        self._stale = True

    def on_screen_resume(self) -> None:
        """Back from another screen: draw again (not on the first show: on_mount drew it)."""
        if getattr(self, "_stale", False):
            self._stale = False
            self.refresh_state()

    def refresh_state(self) -> None:
        session = self.session
        weeks = session.weeks()
        self.weeks = weeks
        self.follow_ups = session.follow_ups()
        self._show_continue(session.continue_target(weeks), weeks)
        summary = session.overall(weeks)
        self.query_one("#overall-text", Static).update(
            f"{summary.done} of {plural(summary.total, 'week')} done"
        )
        bar = self.query_one("#overall-bar", ProgressBar)
        bar.update(total=max(summary.total, 1), progress=summary.done)
        self.query_one("#today", Static).update(self._today_line())
        options = self.query_one("#weeks", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        theme = self.app.current_theme
        plain = self.app.no_color or self.app.theme == HIGH_CONTRAST
        options.add_options(Option(week_row(s, theme, plain), id=f"week-{s.week}") for s in weeks)
        options.add_options(
            Option(follow_up_row(f, theme, plain), id=f"follow-{f.id}") for f in self.follow_ups
        )
        self._show_warning()
        self.refresh_bindings()
        if highlighted is None:  # first show: start the list at the week in hand
            highlighted = self.target.week - 1 if self.target is not None else 0
            if self.target is None and self.booster is not None:
                highlighted = len(weeks) + self.follow_ups.index(self.booster)
        rows = len(weeks) + len(self.follow_ups)
        options.highlighted = min(highlighted, rows - 1) if rows else None

    def _today_line(self) -> str:
        """Mood logged today, and when the check-in is due: the quick things, one key away."""
        session = self.session
        today = session.clock.today()
        mood = session.store.mood(today)
        if mood is None:
            parts = ["Mood: not logged today (m)"]
        elif "score" in mood.unreadable:  # kept as stored; logging again replaces it
            parts = ["Mood today: unreadable (m to log it again)"]
        else:
            parts = [f"Mood today: {mood.score}/10 ✓ · chart (g)"]
        due = session.next_checkin()
        if due is not None:
            parts.append(
                "Check-in due now (k)" if due <= today else f"Next check-in {short_date(due)}"
            )
        point = outcome_due(session.outcome_points())
        self.outcome_due = point is not None
        if point is not None:  # optional: one more part of the line, not a line of its own
            parts.append(f"{point.name} due: {point.label} (o to take it, x to skip)")
        booster = due_follow_up(self.follow_ups)
        # Continue offers a due booster only once no week is left to continue; until
        # then (the weeks of a weekly course end by date, done or not) it is named here.
        self.booster_aside = booster if booster is not None and self.target is not None else None
        if self.booster_aside is not None:
            parts.append(f"Booster ready: {self.booster_aside.title} (b)")
        line = " · ".join(parts)
        if session.low_mood_streak():
            line += "\nYour mood has been very low for a few days. A check-in (k) or F1 may help."
        return line

    def _show_continue(self, target: object, weeks: list[WeekState]) -> None:
        from ecouch_tui.course.progress import ResumePoint, next_opening

        button = self.query_one("#continue", Button)
        self.target = target if isinstance(target, ResumePoint) else None
        self.booster: FollowUpState | None = None
        if self.target is not None:
            t = self.target
            module = self.session.course.module(t.module_id)
            pages = len(module.pages) if module else 0
            verb = "Continue" if t.started else "Start"
            # Content, not a string: a string label is read as markup, and the title is
            # the course author's text, shown as written.
            button.label = Content(
                f"▶ {verb}: Week {t.week}, {t.title} · page {t.page_index + 1} of {pages}"
            )
            button.disabled = False
            return
        upcoming = next_opening(weeks)
        booster = self.booster = due_follow_up(self.follow_ups)
        if booster is not None:
            verb = "Continue" if booster.started else "Start"
            button.label = Content(f"▶ {verb}: {booster.title} · {booster.module_title}")
            button.disabled = False
        elif upcoming is not None and upcoming.opens_on is not None:
            button.label = (
                f"✓ You are up to date. Week {upcoming.week} opens {short_date(upcoming.opens_on)}"
            )
        elif all(s.status == Status.DONE for s in weeks if s.status != Status.UNAVAILABLE):
            button.label = "✓ You have finished every week. Revisit any of them below."
        else:
            button.label = "Nothing to continue right now"
        button.disabled = booster is None

    def action_continue(self) -> None:
        if self.target is not None:
            self.ecouch.open_week(self.target.week, self.target.page_index)
        elif self.booster is not None:
            self.ecouch.open_follow_up(self.booster.id)

    # -- the early warning -------------------------------------------------------------

    def _show_warning(self) -> None:
        """After the course, if mood or check-ins have slipped past the course's
        thresholds: offer the staying-well plan and say when to see a GP. At most once a
        week, dismissed with d, and never once turned off (the palette)."""
        from ecouch_tui.course.followup import (
            WARNING_OFF,
            WARNING_SEEN,
            warning_seen,
            warning_visible,
        )

        box = self.query_one("#early-warning", Static)
        session = self.session
        rule = session.outline.early_warning
        store = session.store
        today = session.clock.today()
        reasons: list[str] = []
        if rule is not None and not store.setting(WARNING_OFF, False):
            seen_on, dismissed = warning_seen(store.setting(WARNING_SEEN))
            if warning_visible(True, seen_on, dismissed, today, rule.every_days):
                reasons = session.early_warning()
                if reasons and seen_on != today:
                    value = {"on": today.isoformat(), "dismissed": False}
                    self.ecouch.save_quietly(lambda s: s.set_setting(WARNING_SEEN, value))
        box.display = self.warned = bool(reasons)
        box.border_title = "Looking after yourself"
        if reasons:
            box.update(
                Content(
                    " ".join(reasons)
                    + " Dips are common, and acting early helps: p opens your staying-well"
                    " plan. If low mood lasts more than two weeks, gets worse, or gets in"
                    " the way of work or people, please see your GP. d: not now (turn it"
                    " off: palette, Early warning)"
                )
            )

    def action_dismiss_warning(self) -> None:
        self.ecouch.action_dismiss_warning()
        self.query_one("#early-warning", Static).display = self.warned = False
        self.refresh_bindings()

    @on(Button.Pressed, "#continue")
    def _continue(self) -> None:
        self.action_continue()

    @on(OptionList.OptionSelected, "#weeks")
    def _open(self, event: OptionList.OptionSelected) -> None:
        option = str(event.option.id)
        if option.startswith("follow-"):
            self.ecouch.open_follow_up(option.removeprefix("follow-"))
            return
        week = int(option.removeprefix("week-"))
        self.ecouch.open_week(week)
