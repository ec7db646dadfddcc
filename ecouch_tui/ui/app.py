"""The ecouch Textual app: opens the session, shows home, keeps help one key away.

Start-up is kept light: the first screen imports only what it draws, the content
comes from the validated cache, the module player's imports are warmed in a thread
after the first paint, and the cyclic GC waits for that paint (`_resume_gc`).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.await_complete import AwaitComplete
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.signal import Signal

from ecouch_tui.session import Session, SessionConfig, open_session
from ecouch_tui.store.connection import gone
from ecouch_tui.store.errors import StoreError, StoreGone
from ecouch_tui.ui.followup import FollowUpActions
from ecouch_tui.ui.research import UseLog
from ecouch_tui.ui.themes import DARK, FORMER_NAMES, HIGH_CONTRAST, LIGHT, THEMES, FullStrength

if TYPE_CHECKING:
    from textual.filter import LineFilter
    from textual.notifications import SeverityLevel
    from textual.timer import Timer
    from textual.widgets import Markdown

    from ecouch_tui.course.unlock import WeekState
    from ecouch_tui.store.writer import Job, Writer
    from ecouch_tui.ui.blocks.base import Saver

#: How often, in seconds, the app checks its store file is still there (`ecouch forget`
#: in a shell deletes it; the app then says so instead of showing what was in it).
STORE_CHECK = 2.0


class EcouchApp(FollowUpActions, App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "ecouch"
    ENABLE_COMMAND_PALETTE = True
    #: Every screen is "-short" below 18 rows (40x12 and the like), so its .tcss can
    #: keep the main content and its action in view there.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (18, "-tall")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "get_help", "Get help now", priority=True, id="get_help"),
        # Hidden from the Footer to leave room for Get help now; Ctrl+Q is Textual's usual
        # quit key and the command palette lists it too.
        Binding("ctrl+q", "quit", "Quit", priority=True, id="quit", show=False),
        # On every footer, after the screen's own keys: the list of all of them.
        Binding("question_mark", "show_keys", "Keys", id="keys"),
    ]

    def __init__(self, config: SessionConfig) -> None:
        super().__init__()
        self.config = config
        self._session: Session | None = None
        #: Widgets holding typing not yet saved; flushed before quitting.
        self.savers: set[Saver] = set()
        #: Every store write goes through this one thread (see `save_quietly`).
        self._writer: Writer | None = None
        #: The outcome of each write handed to the writer and not landed yet.
        self._saving: set[asyncio.Future[bool]] = set()
        #: Published each time the last write waiting has landed (or been refused): a
        #: screen showing what is saved (home's "Mood today ✓") draws it again.
        self.saves_landed: Signal[None] = Signal(self, "saves-landed")
        #: The last refusal to save and until when its toast is up (one at a time, not one
        #: per keystroke pause), and its words for the Not saved window.
        self._refused: tuple[str, float] | None = None
        # Registered before the remembered theme is restored in on_mount.
        for theme in THEMES:
            self.register_theme(theme)
        self.theme = DARK
        self._full_strength = FullStrength()
        #: The check that the store file is still there (`_check_store_there`).
        self._watching: Timer | None = None
        #: The opt-in research log's events of this run (ui/research.py).
        self.use_log = UseLog(self)

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
        self.call_after_refresh(_resume_gc)
        from ecouch_tui.ui.widgets.textual_fixes import install

        install()  # guards around crashes inside Textual itself, before any screen
        if self.config.mode == "preview":
            # An author's single module file, reloaded on save: see ui/preview.py.
            from ecouch_tui.ui.preview import start_preview

            start_preview(self)
            return
        self.screen_change_signal.subscribe(self, self._screen_changed)
        self._open_course()

    def _open_course(self) -> None:
        """Open the store and show home, or say why the store cannot be used."""
        self._close_writer(wait=False)  # its connection is to the file as it was
        try:
            self._session = open_session(self.config)
        except StoreError as exc:
            from ecouch_tui.ui.screens.store_problem import StoreProblemScreen

            self.push_screen(StoreProblemScreen(exc))
            return
        if self.config.mode == "demo":
            self.title = "ecouch DEMO"  # on every screen, whatever its sub-title
            self.sub_title = "sample data, nothing is kept"
        elif self.course_subtitle:
            self.sub_title = self.course_subtitle
        theme = self.session.store.setting("theme")
        if isinstance(theme, str):
            theme = FORMER_NAMES.get(theme, theme)
        if isinstance(theme, str) and theme in self.available_themes:
            self.theme = theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        from ecouch_tui.ui.screens.home import HomeScreen

        self.push_screen(HomeScreen())
        if self._watching is not None:
            self._watching.stop()
        self._watching = self.set_interval(STORE_CHECK, self._check_store_there)
        if self.session.store.enrolment() is None:
            from ecouch_tui.ui.screens.welcome import WelcomeScreen

            self.push_screen(WelcomeScreen(first_run=True))
        if self.config.mode == "normal":
            self.use_log.start(self.session.store.research_on())
        self.set_timer(0.3, self._warm_up)

    @property
    def course_subtitle(self) -> str:
        manifest = self._session.course.manifest if self._session else None
        return manifest.subtitle if manifest else ""

    def _page_commands(self, weeks: list[WeekState]) -> Iterable[SystemCommand]:
        """Every page of every open week (all of them in demo and preview)."""
        for state in weeks:
            if not state.can_open or state.module_id is None:
                continue
            module = self.session.course.module(state.module_id)
            if module is None:
                continue
            for index, page in enumerate(module.pages):
                yield SystemCommand(
                    f"Week {state.week}, page {index + 1}: {page.title}",
                    f"{module.title} · page {index + 1} of {len(module.pages)}",
                    lambda week=state.week, at=index: self.open_week(week, at),
                )

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters, plus full-strength text under the high-contrast theme."""
        filters = super().get_line_filters()
        if self.theme == HIGH_CONTRAST:
            return [*filters, self._full_strength]
        return filters

    def _warm_up(self) -> None:
        self.run_worker(_import_the_rest, thread=True, exit_on_error=False, group="warm-up")

    def _remember_theme(self, theme: object) -> None:
        name = getattr(theme, "name", None)
        if self._session is not None and isinstance(name, str):
            self.save_quietly(lambda store: store.set_setting("theme", name))

    def flush_savers(self) -> None:
        for saver in list(self.savers):
            saver.flush()

    async def action_quit(self) -> None:
        """Quit once what was typed is on disk. If some of it cannot be saved, show it to
        copy first; a second Ctrl+Q in that window quits without it.

        The wait runs in a worker, not in the app's own message loop, so the keys (F1
        above all) keep working while a save waits for another copy of ecouch.
        """
        self.run_worker(self._quit_when_saved(), group="quit", exclusive=True)

    async def _quit_when_saved(self) -> None:
        from ecouch_tui.ui.screens.unsaved import SEPARATOR, UnsavedScreen

        self.flush_savers()
        if self._saving:
            waiting = asyncio.ensure_future(self.saves_done())
            done, _ = await asyncio.wait({waiting}, timeout=0.5)
            if not done:  # a moment is normal; longer, and the user should know why
                self.notify(
                    "Saving what you wrote before closing: another copy of ecouch is "
                    "saving too. This can take a few seconds.",
                    title="Saving",
                )
            await waiting
        unsaved = [saver for saver in self.savers if saver.dirty]
        if unsaved and not (isinstance(self.screen, UnsavedScreen) and self.screen.quitting):
            if isinstance(self.screen, UnsavedScreen):
                self.pop_screen()
            text = SEPARATOR.join(t for t in (s.describe() for s in unsaved) if t.strip())
            self.push_screen(UnsavedScreen(text, self._refusal(), quitting=True))
            return
        for saver in unsaved:  # the user chose to leave them
            saver.dirty = False
            self.savers.discard(saver)
        self.exit()

    def keep_unsaved(self, text: str) -> None:
        """Words that could not be saved and are leaving the screen: show them to copy."""
        from ecouch_tui.ui.screens.unsaved import UnsavedScreen

        if not text.strip() or self._exit or self._closing:  # nothing, or on the way out
            return
        if isinstance(self.screen, UnsavedScreen):
            self.screen.add(text)
        else:
            self.push_screen(UnsavedScreen(text, self._refusal()))

    def _refusal(self) -> str:
        return self._refused[0] if self._refused else ""

    def _fatal_error(self) -> None:
        """An unexpected error ends the app (non-zero, as Textual does), reported without
        the user's data: Textual's own report prints each frame's local variables (a
        check-in's answers, a note) and the error's message (which can quote them), so
        this one names only the error's type and where it happened."""
        import sys
        import traceback

        from rich.text import Text

        error = sys.exc_info()[1] or self._exception
        frames = traceback.extract_tb(error.__traceback__) if error is not None else []
        lines = [f"  {f.filename}:{f.lineno} in {f.name}" for f in frames[-12:]]
        kind = type(error).__name__ if error is not None else "error"
        report = "\n".join(
            [
                f"ecouch stopped after an unexpected error ({kind}). What was saved is safe.",
                "Where it happened (no text of yours is shown here):",
                *lines,
            ]
        )
        self.bell()
        self._exit_renderables.append(Text(report))
        self._close_messages_no_wait()

    async def on_unmount(self) -> None:
        if self._session is not None:
            self.flush_savers()
            await self.saves_done()
            self.use_log.end()  # the last batch, behind every course save
            self._close_writer(wait=True)
            self._session.close()

    def _close_writer(self, *, wait: bool) -> None:
        writer, self._writer = self._writer, None
        if writer is not None:
            writer.close(timeout=None if wait else 0)

    def start_fresh(self, name: str | None = None) -> Path:
        """Keep the damaged store aside (renamed beside it, never deleted; as `name` when
        that is free) and begin again with a new one; where it was kept. StoreError if
        even that is refused."""
        from ecouch_tui.store.db import set_aside

        kept = set_aside(self.config.store_path, self.config.clock, name)
        self.try_again()
        return kept

    def try_again(self) -> None:
        """Leave the store problem screen and open the store again (e.g. after freeing space)."""
        self.pop_screen()
        self._open_course()

    # -- saving --------------------------------------------------------------------------

    @property
    def writer(self) -> Writer:
        """The one thread every save goes through, with its own connection to the store
        file that `open_session` opened (opened there, on first use)."""
        if self._writer is None:
            from ecouch_tui.store.writer import Writer, open_another

            config, opened = self.session.config, self.session.store.identity
            self._writer = Writer(lambda: open_another(config.store_path, config.clock, opened))
        return self._writer

    def pending_entry(self, uid: str) -> object | None:
        """The data a save still on its way will give entry `uid`; None: none is waiting."""
        return self._writer.pending(uid) if self._writer is not None else None

    def save_quietly(self, job: Job[object]) -> asyncio.Future[bool]:
        """Hand a store write (its values already taken) to the writer and return at once.

        The future says, on the event loop, whether it landed: await it where what comes
        next depends on it, or ignore it. Writes land in the order given. A refusal tells
        the user (their text stays on screen); the same refusal again while its message
        is still up adds no second message.
        """
        loop = asyncio.get_running_loop()
        outcome: asyncio.Future[bool] = loop.create_future()
        self._saving.add(outcome)

        then = getattr(job, "then", None)  # an EntryWrite's, for what the save found

        def landed(done: Future[object]) -> None:  # on the loop, in the order given
            self._saving.discard(outcome)
            error = done.exception()
            if error is None:
                self._refused = None
                self.use_log.landed(done.result())
                if then is not None:
                    self.call_later(then, done.result())  # as a message: in the app's context
            elif isinstance(error, StoreError):
                self._refuse(error)
            else:
                self.call_later(_raise, error)  # a bug: stop the app, as it would have
            outcome.set_result(error is None)
            if not self._saving:
                self.saves_landed.publish(None)

        def from_writer(done: Future[object]) -> None:
            with contextlib.suppress(RuntimeError):  # the loop has already stopped
                loop.call_soon_threadsafe(landed, done)

        self.writer.submit(job).add_done_callback(from_writer)
        return outcome

    def _check_store_there(self) -> None:
        if self._session is not None and not self._session.store.still_there():
            self._store_gone(gone(self._session.store.path))

    def _store_gone(self, error: StoreGone) -> None:
        """The store file was deleted while open: say so, once, above everything (home's
        "Mood today ✓" and every "Saved" would be about a file nobody can open)."""
        from ecouch_tui.ui.screens.store_problem import StoreProblemScreen

        if self._watching is not None:
            self._watching.stop()
        if not any(isinstance(s, StoreProblemScreen) for s in self.screen_stack):
            self.push_screen(StoreProblemScreen(error))

    def _refuse(self, error: StoreError) -> None:
        import time

        if isinstance(error, StoreGone):
            self.call_later(self._store_gone, error)  # as a message: in the app's context

        message, now = str(error), time.monotonic()
        if self._refused is None or self._refused[0] != message or now > self._refused[1]:
            self.notify(message, title="Not saved", severity="error", timeout=10, markup=False)
            self._refused = (message, now + 10)

    async def saves_done(self) -> None:
        """Return once every write handed over so far (and any their outcomes led to)
        has landed or been refused, and what it shows has been shown."""
        while self._saving:
            await asyncio.gather(*self._saving)

    def when_saved(self, callback: Callable[[], object]) -> None:
        """Call `callback` (on the loop, as a message) once the writes handed over so far
        have landed or been refused; at once when none are waiting."""
        if not self._saving:
            self.call_later(callback)
            return
        waiting = asyncio.gather(*self._saving)
        waiting.add_done_callback(lambda _: self.call_later(callback))

    async def on_event(self, event: events.Event) -> None:
        """Keys that arrive while the screen on top is still being built wait for it.

        Otherwise a quick second key (Escape just after the key that opened a screen)
        can close the screen half-built, and its own start-up then finds its widgets
        gone. Typing ahead still lands, in order, on the screen it was meant for.
        """
        if isinstance(event, events.Key) and not event.is_forwarded:
            screen = self.screen
            if not screen.is_mounted:
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(screen._mounted_event.wait(), timeout=5)
        await super().on_event(event)

    # -- navigation ----------------------------------------------------------------------

    def pop_screen(self) -> AwaitComplete:
        """Close the screen on top, unless a screen that is no longer on top asks.

        A button pressed just before a key opened another screen is handled a moment
        later by the screen below; its "close" would close the new screen instead, half
        built (found by the key storm). Such a late request is dropped.
        """
        if self._asked_by_hidden_screen():

            async def nothing() -> None:
                pass

            return AwaitComplete(nothing()).call_next(self)
        return super().pop_screen()

    def _asked_by_hidden_screen(self) -> bool:
        """Whether the handler running now belongs to a screen that is not on top."""
        from textual._context import active_message_pump
        from textual.css.query import NoMatches
        from textual.dom import NoScreen
        from textual.widget import Widget

        caller = active_message_pump.get(None)
        if caller is None or caller is self or not isinstance(caller, Widget):
            return False
        try:
            screen = caller if isinstance(caller, Screen) else caller.screen
        except (NoScreen, NoMatches):
            return True  # a widget already taken off its screen
        return screen is not self.screen

    def action_get_help(self) -> None:
        from ecouch_tui.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_home(self) -> None:
        from ecouch_tui.ui.screens.home import HomeScreen

        if self._asked_by_hidden_screen():
            return
        # Screens closed here skip their own way out, which saves what was just typed.
        self.flush_savers()
        while len(self.screen_stack) > 2 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notice as plain text: many quote what the user typed ("Logged: …") or a
        course title, and markup read from those could restyle them or, with a stray
        "[/x]", stop the app (Textual's MarkupError). ecouch's notices use no markup."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "show_keys":
            from textual.widgets import Input, TextArea

            # In a text box ? is typed, not a key: the footer does not offer it there.
            return not isinstance(self.focused, Input | TextArea)
        return True

    def action_show_keys(self) -> None:
        from ecouch_tui.ui.screens.keys import KeysScreen

        if not isinstance(self.screen, KeysScreen):
            self.push_screen(KeysScreen(self.screen))

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

        self.push_screen(MoodScreen(size=self.size))

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

    def action_board(self) -> None:
        """The peer board: how to join it, or its rooms (nothing of it loads before)."""
        from ecouch_tui.ui.board_share import open_board

        open_board(self)

    def action_toggle_dark(self) -> None:
        self.theme = LIGHT if self.current_theme.dark else DARK

    def action_high_contrast(self) -> None:
        """Turn the high-contrast theme on, or back to dark if it is on (remembered)."""
        self.theme = DARK if self.theme == HIGH_CONTRAST else HIGH_CONTRAST

    def open_week(self, week: int, page_index: int | None = None) -> None:
        """Open a week in the player, or say why it cannot open."""
        if self._asked_by_hidden_screen():
            return
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
        module = self.session.course.module(state.module_id)
        if module is not None:  # while the first page is read, not on the page turn
            kinds = {block.kind for page in module.pages for block in page.blocks}
            self.run_worker(
                lambda: _import_blocks(kinds), thread=True, exit_on_error=False, group="warm-up"
            )

    # -- the research log (issue 15) -----------------------------------------------------

    def _screen_changed(self, screen: Screen[object]) -> None:
        self.use_log.screen_changed(screen)
        self._maybe_ask_research()

    def _maybe_ask_research(self) -> None:
        """Ask about the research log, once, on home after week 1 (never while a
        check-in is open, and never in the demo or a preview)."""
        import sys

        from ecouch_tui.ui.screens.home import HomeScreen

        session = self._session
        if (
            session is None
            or self.use_log.asked
            or not self.config.research_prompt
            or self.config.mode != "normal"
            or not isinstance(self.screen, HomeScreen)
        ):
            return
        checkin = sys.modules.get("ecouch_tui.ui.screens.checkin")
        screen_class = getattr(checkin, "CheckinScreen", None)
        if screen_class is not None and any(isinstance(s, screen_class) for s in self.screen_stack):
            return
        from ecouch_tui.course.research import should_ask
        from ecouch_tui.course.unlock import Status

        store = session.store
        consent = store.research_consent()
        if consent is not None:
            self.use_log.asked = True  # answered (here or in a shell): never again
            return
        enrolment = store.enrolment()
        weeks = session.weeks()
        week_one_done = bool(weeks) and weeks[0].status == Status.DONE
        started = enrolment.started_on if enrolment else None
        if not should_ask(consent, week_one_done, started, session.clock.today()):
            return
        from ecouch_tui.ui.screens.research import ResearchConsentScreen

        self.use_log.asked = True
        self.push_screen(ResearchConsentScreen(), self._research_answered)

    def _research_answered(self, yes: bool | None) -> None:
        if self.config.mode == "normal":  # only ever asked there
            self._set_research(bool(yes), answering=True)

    def _set_research(self, on: bool, *, answering: bool = False) -> None:
        self.save_quietly(lambda store: store.set_research(on))
        self.use_log.switch(on)
        if answering and not on:
            return  # "No thanks": nothing more to say
        if on:
            self.notify(
                "Research log on: ids and times only, kept on this computer. Turn it off "
                "from the palette (Research log) or with 'ecouch research off'.",
                title="Research log",
            )
        else:
            self.notify(
                "Research log off. 'ecouch research forget' deletes what it kept.",
                title="Research log",
            )

    def action_research_log(self) -> None:
        """Switch the research log on or off (remembered)."""
        if self.config.mode != "normal":
            self.notify("The demo and previews keep no research log.", title="Research log")
            return
        self._set_research(not self.use_log.on)

    # -- links ---------------------------------------------------------------------------

    def on_markdown_link_clicked(self, event: Markdown.LinkClicked) -> None:
        """A link in course text was clicked: show where it goes (on any screen)."""
        self.show_link(event.href)

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        """ecouch opens nothing on its own: whatever asks to open a link shows it instead,
        so the user decides whether to visit it (and nothing starts a browser by surprise)."""
        self.show_link(url)

    def show_link(self, url: str) -> None:
        self.notify(url, title="Link: open it yourself if you wish", markup=False, timeout=15)

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
                    lambda week=state.week: self.open_week(week),
                )
            yield from self._page_commands(weeks)
            yield from self._follow_up_commands()
            yield SystemCommand(
                "Log mood", "How your mood has been today (m)", self.action_log_mood
            )
            yield SystemCommand(
                "Log an activity", "Achieved and enjoyed, in seconds (a)", self.action_log_activity
            )
            yield SystemCommand("Mood", "Your mood over time", self.action_mood_chart)
            yield SystemCommand("Check-in", "This week's questionnaire (k)", self.action_checkin)
            yield from self._questionnaire_commands()
            yield SystemCommand(
                "Check-in history", "Every check-in result (h)", self.action_history
            )
            yield SystemCommand(
                "Safety plan", "Your plan for hard moments", self.action_safety_plan
            )
            yield SystemCommand("Workbook", "Everything you have written (w)", self.action_workbook)
            yield SystemCommand(
                "Board", "The peer support board: join it, read and post", self.action_board
            )
            leave = getattr(screen, "action_leave", None)
            if type(screen).__name__ == "BoardScreen" and leave is not None:
                yield SystemCommand(
                    "Leave the board", "Leave its rooms; delete its sign-in here (L)", leave
                )
            yield SystemCommand(
                "About this course", "What ecouch is and is not; your region", self.action_about
            )
            now = "on" if self.use_log.on else "off"
            yield SystemCommand(
                "Research log",
                f"An opt-in use log for research, ids and times only (now {now})",
                self.action_research_log,
            )
        # "theme" in both names: the palette searches names only, and Textual's own
        # "Theme" command is where people look first.
        yield SystemCommand(
            "Light or dark theme", "Switch between light and dark", self.action_toggle_dark
        )
        yield SystemCommand(
            "High contrast theme",
            "Black and white with bright accents, for low vision or a bright room",
            self.action_high_contrast,
        )
        yield from super().get_system_commands(screen)

    def _questionnaire_commands(self) -> Iterable[SystemCommand]:
        """Each questionnaire the course ships, found by its short name, full title and
        what it measures ("K10", "Kessler", "distress", "depression")."""
        from ecouch_tui.course import checkin_text as words

        course = self.session.course
        weekly = course.checkin_instrument
        # The weekly one first: of two equally good matches ("depression": the PHQ-9
        # and the CES-D) the palette lists the first given first.
        for q in sorted(course.questionnaires, key=lambda q: q is not weekly):
            yield SystemCommand(
                words.palette_title(q),
                words.palette_help(q, weekly is not None and q.id == weekly.id),
                lambda instrument=q.id: self.action_checkin(instrument),
            )


def _raise(error: BaseException) -> None:
    raise error


def _resume_gc() -> None:
    """After the first frame: if `ecouch` paused the GC for start-up (cli.run_app), freeze
    what start-up made (it lives as long as the app) and let the GC run again; a full
    collection then walks only what was made since, not some 80,000 objects (40 ms)."""
    import gc

    if not gc.isenabled():
        from ecouch_tui.ui.collect import hold_off_full_collections

        gc.freeze()
        gc.enable()
        hold_off_full_collections()  # and collect after each page turn instead


def _import_blocks(kinds: set[str]) -> None:
    """Imports the widgets of a week's blocks, off the UI thread: each block type's first
    page otherwise paid its import (5-20 ms, with the Textual widgets it uses)."""
    from ecouch_tui.ui.blocks import view_class

    for kind in sorted(kinds):
        view_class(kind)


def _import_the_rest() -> None:
    """Imports the first module page will need, off the UI thread. (Not sqlite-utils:
    only migrations and rare writes use it, and it costs 80 ms and 5 MB; nor Textual's
    Markdown widget, which course text needs only for links and tables.)"""
    import ecouch_tui.ui.screens.player
    import ecouch_tui.ui.widgets.course_text  # noqa: F401
