"""The ecouch Textual app: opens the session, shows home, keeps help one key away.

Start-up is kept light: the first screen imports only what it draws, the content
comes from the validated cache, and slower imports (sqlite-utils, the Markdown
widget) are warmed in a thread after the first paint.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from ecouch_tui.session import Session, SessionConfig, open_session
from ecouch_tui.store.errors import StoreError

if TYPE_CHECKING:
    from ecouch_tui.course.unlock import WeekState
    from ecouch_tui.ui.blocks.base import Saver

LIGHT, DARK = "textual-light", "textual-dark"


class EcouchApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "ecouch"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "get_help", "Get help now", priority=True, id="get_help"),
        # Hidden from the Footer to leave room for Get help now; Ctrl+Q is Textual's usual
        # quit key and the command palette lists it too.
        Binding("ctrl+q", "quit", "Quit", priority=True, id="quit", show=False),
    ]

    def __init__(self, config: SessionConfig) -> None:
        super().__init__()
        self.config = config
        self._session: Session | None = None
        #: Widgets holding typing not yet saved; flushed before quitting.
        self.savers: set[Saver] = set()

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("the session is not open")
        return self._session

    @property
    def open_session(self) -> Session | None:
        """The session, or None when the store could not be opened."""
        return self._session

    # -- start and stop ------------------------------------------------------------------

    def on_mount(self) -> None:
        if self.config.mode == "preview":
            # An author's single module file, reloaded on save: see ui/preview.py.
            from ecouch_tui.ui.preview import start_preview

            start_preview(self)
            return
        try:
            self._session = open_session(self.config)
        except StoreError as exc:
            from ecouch_tui.ui.screens.store_problem import StoreProblemScreen

            self.push_screen(StoreProblemScreen(exc))
            return
        if self.config.mode == "demo":
            self.title = "ecouch DEMO"  # on every screen, whatever its sub-title
            self.sub_title = "DEMO · sample data, nothing is kept"
        elif self.course_subtitle:
            self.sub_title = self.course_subtitle
        theme = self.session.store.setting("theme")
        if isinstance(theme, str) and theme in self.available_themes:
            self.theme = theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        from ecouch_tui.ui.screens.home import HomeScreen

        self.push_screen(HomeScreen())
        if self.session.store.enrolment() is None:
            from ecouch_tui.ui.screens.welcome import WelcomeScreen

            self.push_screen(WelcomeScreen(first_run=True))
        self.set_timer(0.3, self._warm_up)

    @property
    def course_subtitle(self) -> str:
        manifest = self._session.course.manifest if self._session else None
        return manifest.subtitle if manifest else ""

    def _page_commands(self, weeks: list[WeekState]) -> Iterable[SystemCommand]:
        """Every page of every open week (all of them in demo and preview)."""
        for state in weeks:
            module = self.session.course.module(state.module_id) if state.can_open else None
            if module is None or state.module_id is None:
                continue
            for index, page in enumerate(module.pages):
                yield SystemCommand(
                    f"Week {state.week}, page {index + 1}: {page.title}",
                    f"{module.title} · page {index + 1} of {len(module.pages)}",
                    lambda week=state.week, at=index: self.open_week(week, at),  # type: ignore[misc]
                )

    def _warm_up(self) -> None:
        self.run_worker(_import_the_rest, thread=True, exit_on_error=False, group="warm-up")

    def _remember_theme(self, theme: object) -> None:
        name = getattr(theme, "name", None)
        if self._session is not None and isinstance(name, str):
            self.save_quietly(lambda: self.session.store.set_setting("theme", name))

    def flush_savers(self) -> None:
        for saver in list(self.savers):
            saver.flush()

    async def action_quit(self) -> None:
        self.flush_savers()
        self.exit()

    def on_unmount(self) -> None:
        if self._session is not None:
            self.flush_savers()
            self._session.close()

    def save_quietly(self, write: object) -> bool:
        """Run a store write; on failure tell the user (their text stays on screen)."""
        try:
            write()  # type: ignore[operator]
        except StoreError as exc:
            self.notify(str(exc), title="Not saved", severity="error", timeout=10)
            return False
        return True

    # -- navigation ----------------------------------------------------------------------

    def action_get_help(self) -> None:
        from ecouch_tui.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_home(self) -> None:
        from ecouch_tui.ui.screens.home import HomeScreen

        while len(self.screen_stack) > 2 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()

    def action_about(self) -> None:
        from ecouch_tui.ui.screens.welcome import WelcomeScreen

        self.push_screen(WelcomeScreen(first_run=False))

    def action_log_mood(self) -> None:
        from ecouch_tui.ui.screens.mood_entry import MoodEntryScreen

        self.push_screen(MoodEntryScreen())

    def action_log_activity(self) -> None:
        from ecouch_tui.ui.screens.activity_entry import ActivityEntryScreen

        self.push_screen(ActivityEntryScreen())

    def action_mood_chart(self) -> None:
        from ecouch_tui.ui.screens.mood import MoodScreen

        self.push_screen(MoodScreen())

    def action_checkin(self, instrument: str = "") -> None:
        from ecouch_tui.ui.screens.checkin import CheckinScreen

        self.push_screen(CheckinScreen(instrument or None))

    def action_history(self) -> None:
        from ecouch_tui.ui.screens.history import HistoryScreen

        self.push_screen(HistoryScreen())

    def action_safety_plan(self) -> None:
        from ecouch_tui.ui.screens.safety_plan import SafetyPlanScreen

        self.push_screen(SafetyPlanScreen())

    def action_workbook(self) -> None:
        from ecouch_tui.ui.screens.workbook import WorkbookScreen

        self.push_screen(WorkbookScreen())

    def action_toggle_dark(self) -> None:
        self.theme = LIGHT if self.current_theme.dark else DARK

    def open_week(self, week: int, page_index: int | None = None) -> None:
        """Open a week in the player, or say why it cannot open."""
        from ecouch_tui.course.unlock import Status
        from ecouch_tui.wording import long_date

        state = next((s for s in self.session.weeks() if s.week == week), None)
        if state is None:
            self.notify(f"There is no week {week}.", severity="warning")
            return
        if state.status == Status.LOCKED:
            when = (
                f" on {long_date(state.opens_on)}"
                if state.opens_on
                else " when earlier weeks are done"
            )
            self.notify(f"Week {week} opens{when}.", title="Not open yet")
            return
        if state.status == Status.UNAVAILABLE or state.module_id is None:
            self.notify(
                state.problem or "This week could not be loaded.",
                title=f"Week {week} is unavailable",
                severity="error",
                markup=False,
            )
            return
        from ecouch_tui.ui.screens.player import PlayerScreen

        index = self.session.resume_page(state.module_id) if page_index is None else page_index
        self.action_home()
        self.push_screen(PlayerScreen(state.module_id, index))

    # -- the command palette -------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield SystemCommand(
            "Get help now", "Crisis lines for your region (F1)", self.action_get_help
        )
        if self._session is not None:
            yield SystemCommand("Home", "The list of weeks", self.action_home)
            weeks = self.session.weeks()
            for state in weeks:
                yield SystemCommand(
                    f"Go to week {state.week}: {state.title}",
                    f"Open week {state.week} ({state.status.value})",
                    lambda week=state.week: self.open_week(week),  # type: ignore[misc]
                )
            yield from self._page_commands(weeks)
            yield SystemCommand(
                "Log mood", "How your mood has been today (m)", self.action_log_mood
            )
            yield SystemCommand(
                "Log an activity", "Achieved and enjoyed, in seconds (a)", self.action_log_activity
            )
            yield SystemCommand("Mood", "Your mood over time", self.action_mood_chart)
            yield SystemCommand("Check-in", "This week's questionnaire (k)", self.action_checkin)
            yield SystemCommand(
                "Check-in history", "Every check-in result (h)", self.action_history
            )
            yield SystemCommand(
                "Safety plan", "Your plan for hard moments", self.action_safety_plan
            )
            yield SystemCommand("Workbook", "Everything you have written (w)", self.action_workbook)
            yield SystemCommand(
                "About this course", "What ecouch is and is not; your region", self.action_about
            )
        yield SystemCommand(
            "Light or dark", "Switch between light and dark", self.action_toggle_dark
        )
        yield from super().get_system_commands(screen)


def _import_the_rest() -> None:
    """Imports the first save and the first module page will need, off the UI thread."""
    import sqlite_utils  # noqa: F401
    import textual.widgets._markdown  # noqa: F401
