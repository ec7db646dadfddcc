"""The module player: one page at a time, next and back, resuming where the user was.

Leaving a page while a relaxation practice runs asks first (LeavePracticeScreen), so
the practice ends with its "how tense now?" rather than silently.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header, Label, ProgressBar, Static

from ecouch_tui.content.models import Module
from ecouch_tui.store.records import EventKind
from ecouch_tui.ui.access import AppAccess
from ecouch_tui.ui.blocks import widget_for
from ecouch_tui.ui.blocks.base import BlockContext
from ecouch_tui.ui.blocks.relaxation import RelaxationForm
from ecouch_tui.ui.collect import SettledCollector
from ecouch_tui.ui.keys import GET_HELP_KEY
from ecouch_tui.ui.screens.leave_practice import Choice, LeavePracticeScreen
from ecouch_tui.ui.widgets.footer import EcouchFooter

if TYPE_CHECKING:
    from textual.widget import Widget


def finished_words(week: int, title: str) -> str:
    """The note on finishing a week. The title is quoted whole, never part of a sentence
    of its own ("Welcome, and what depression is is done." read badly)."""
    end = "" if title.rstrip()[-1:] in ".!?" else "."
    return f"You have finished week {week}: {title.rstrip()}{end} Good work sticking with it."


class PageScroll(VerticalScroll, can_focus=False):
    """The page body. Not focusable itself, so arrow keys reach the screen's bindings
    unless a text box or choice inside the page is using them."""


class PlayerScreen(AppAccess, Screen[None]):
    CSS_PATH = "player.tcss"
    #: A new page starts with nothing focused: the keys page and scroll, and Tab
    #: moves into the page's answers.
    AUTO_FOCUS = ""
    # Narrow (40 columns): the page bar gives its room to "Week N · title".
    HORIZONTAL_BREAKPOINTS: list[tuple[int, str]] | None = [(0, "-narrow"), (60, "-wide")]
    BINDINGS: ClassVar[list[BindingType]] = [
        GET_HELP_KEY,
        Binding("right,n", "next", "Next", id="next_page"),
        Binding("left,b", "back", "Back", id="previous_page"),
        Binding("escape", "leave", "Home", id="leave"),
        # Described, though not in the footer, so the key list (?) names them.
        Binding("down", "scroll('down')", "Scroll down", show=False),
        Binding("up", "scroll('up')", "Scroll up", show=False),
        Binding("pagedown,space", "scroll('page_down')", "A screenful down", show=False),
        Binding("pageup", "scroll('page_up')", "A screenful up", show=False),
        Binding("home", "scroll('home')", "Top of the page", show=False),
        Binding("end", "scroll('end')", "End of the page", show=False),
    ]

    def __init__(self, module_id: str, page_index: int = 0) -> None:
        super().__init__()
        self.module_id = module_id
        self.index = page_index

    @property
    def module(self) -> Module:
        module = self.session.course.module(self.module_id)
        assert module is not None
        return module

    def compose(self) -> ComposeResult:
        module = self.module
        course = self.session.course
        entry = next((e for e in course.entries if e.module and e.module.id == module.id), None)
        #: The week, or None for a follow-up's booster (a module with no week).
        self.week = entry.week if entry is not None and entry.week else None
        booster = next((b for b in course.boosters if b.module and b.module.id == module.id), None)
        follow_up = (
            next(
                (f for f in course.manifest.follow_up if booster and f.id == booster.follow_up),
                None,
            )
            if course.manifest
            else None
        )
        self.where = (
            f"Week {self.week}"
            if self.week is not None
            else (follow_up.title if follow_up else "Booster")
        )
        yield Header(icon="≡")
        with Horizontal(id="pager"):
            yield Label(f"{self.where} · {module.title}", id="where", markup=False)
            yield ProgressBar(
                total=len(module.pages), id="page-bar", show_eta=False, show_percentage=False
            )
            yield Label(id="page-count")
        yield PageScroll(id="page")
        with Horizontal(id="nav"):
            yield Button("◀ Back", id="page-back", compact=True)
            yield Static(id="nav-hint")
            yield Button("Next ▶", id="page-next", variant="primary", compact=True)
        yield EcouchFooter()

    async def on_mount(self) -> None:
        self._collector = SettledCollector(self, self.query_one("#page", PageScroll))
        await self.show_page(min(max(self.index, 0), len(self.module.pages) - 1))

    @property
    def closed(self) -> bool:
        """Left (Escape, Home, a week from the palette) while a page was being built:
        its widgets are being taken down, so there is nothing left to update."""
        return self not in self.app.screen_stack

    async def show_page(self, index: int) -> None:
        module = self.module
        page = module.pages[index]
        self.index = index
        session = self.session
        self.ecouch.save_quietly(lambda store: store.visit_page(module.id, page.id))
        self.ecouch.use_log.page_shown(self, module.id, page.id)
        scroll = self.query_one("#page", PageScroll)
        # One frame for the new page: without the batch, the emptied page and each
        # level of its widgets as they mount would be laid out and painted in turn.
        with self.app.batch_update():
            await scroll.remove_children()
            if self.closed:
                return
            context = BlockContext(session=session, module_id=module.id, page_id=page.id)
            widgets: list[Widget] = [Static(page.title, classes="page-title")]
            widgets += [widget_for(block, context) for block in page.blocks]
            await scroll.mount_all(widgets)
            if self.closed:
                return
            self._update_pager(index)
        scroll.scroll_home(animate=False)
        self.set_focus(None)
        self._collector.page_left()  # the page just left is garbage now

    def _update_pager(self, index: int) -> None:
        """The page count, progress, and buttons for page `index`."""
        module = self.module
        page = module.pages[index]
        total = len(module.pages)
        self.query_one("#page-count", Label).update(f"Page {index + 1} of {total}")
        self.query_one("#page-bar", ProgressBar).update(progress=index + 1)
        back = self.query_one("#page-back", Button)
        back.disabled = index == 0
        # Not shown on the first page, where there is nothing to go back to; hidden
        # rather than removed, so the other buttons stay where they are.
        back.styles.visibility = "hidden" if index == 0 else "visible"
        last = index == total - 1
        self.query_one("#page-next", Button).label = "Finish ✓" if last else "Next ▶"
        self.query_one("#nav-hint", Static).update(
            "Tab moves between parts of the page" if any(b.interactive for b in page.blocks) else ""
        )

    def _running_practice(self) -> RelaxationForm | None:
        return next((f for f in self.query(RelaxationForm) if f.running), None)

    def _ask_first(self, then: Callable[[], Awaitable[None] | None]) -> bool:
        """With a practice running on this page, ask before leaving it (True: asked, and
        `then` runs only if the user chooses to leave)."""
        form = self._running_practice()
        if form is None:
            return False
        paused_here = form.hold()

        async def chosen(choice: Choice | None) -> None:
            if choice == "keep" or choice is None:
                if paused_here:
                    form.carry_on()
                return
            form.stop()  # ends it properly: the minutes are saved, then the rating after
            if choice == "leave":
                result = then()
                if result is not None:
                    await result

        self.app.push_screen(LeavePracticeScreen(form.data.what, form.done_words()), chosen)
        return True

    async def action_next(self) -> None:
        if self._ask_first(self.action_next):
            return
        if self.index < len(self.module.pages) - 1:
            await self.show_page(self.index + 1)
        else:
            # A worker: the wait for the save must not hold up this screen's messages.
            self.run_worker(self.finish(), group="finish", exclusive=True)

    async def action_back(self) -> None:
        if self.index > 0 and not self._ask_first(self.action_back):
            await self.show_page(self.index - 1)

    async def finish(self) -> None:
        """Record the week as done (waiting for it, as home must show it done), and go
        home; a refusal leaves the user on the last page, told why."""
        title, module_id, week, where = self.module.title, self.module_id, self.week, self.where
        progress = self.session.store.progress().get(module_id)
        again = progress is not None and progress.done  # said once, the first time
        if await self.ecouch.save_quietly(lambda store: store.complete_module(module_id)):
            self.ecouch.use_log.note(EventKind.MODULE_FINISHED, module_id=module_id)
            if not again and week is not None:
                self.notify(finished_words(week, title), title="Week done")
            elif not again:
                self.notify(
                    f"You have finished {where}: {title.rstrip()}. Well done for coming back.",
                    title="Booster done",
                )
            self.app.pop_screen()

    def action_leave(self) -> None:
        if self._ask_first(self.action_leave):
            return
        self.ecouch.flush_savers()
        self.app.pop_screen()

    def action_scroll(self, how: str) -> None:
        scroll = self.query_one("#page", PageScroll)
        getattr(scroll, f"scroll_{how}")()

    @on(Button.Pressed, "#page-next")
    async def _next(self) -> None:
        await self.action_next()

    @on(Button.Pressed, "#page-back")
    async def _back(self) -> None:
        await self.action_back()
