"""The preview's own home: the module's pages, or every problem in the file as saved.

It sits under the player and watches the file. On each save it loads the module
again (through content/, about 3 ms for a module, so on the UI thread), and:

- when the module loads, reopens the page being read (by index, the last page if the
  module got shorter), so an author sees each change where they are working;
- when it does not, goes back here and lists every `path:line:col: message`, then
  reopens that page by itself once the file is fixed.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from ecouch_tui.content.loader import LoadedCourse, display_path, load_module_course
from ecouch_tui.content.models import Module
from ecouch_tui.ui.access import AppAccess
from ecouch_tui.ui.keys import GET_HELP_KEY
from ecouch_tui.ui.preview import POLL_SECONDS, FileWatch
from ecouch_tui.ui.screens.player import PlayerScreen
from ecouch_tui.ui.widgets.footer import EcouchFooter
from ecouch_tui.wording import plural


class PreviewScreen(AppAccess, Screen[None]):
    CSS_PATH = "preview.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        GET_HELP_KEY,
        Binding("r", "reload", "Reload now", id="reload_preview"),
        Binding("q", "app.quit", "Quit preview", id="quit_preview"),
    ]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.file_watch = FileWatch(path)
        #: The page index being read when the file broke: reopened once it loads again.
        self.resume_at: int | None = None
        #: How many times the file has been loaded (the first load is 1).
        self.loads = 1

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        with Vertical(id="preview"):
            yield Static(id="preview-title", markup=False)
            yield Static(id="preview-file", markup=False)
            yield Static(id="preview-summary", markup=False)
            yield OptionList(id="preview-pages")
            with VerticalScroll(id="preview-problems"):
                yield Static(id="problem-list", markup=False)
            yield Static(id="preview-hint")
        yield EcouchFooter()

    @property
    def course(self) -> LoadedCourse:
        return self.session.course

    @property
    def module(self) -> Module | None:
        modules = self.course.modules
        return modules[0] if modules else None

    def on_mount(self) -> None:
        self.show_course()
        self.set_interval(POLL_SECONDS, self.poll)
        module = self.module
        if module is not None:
            self.app.push_screen(self._player(module, 0))
        else:
            self.resume_at = 0

    # -- drawing -------------------------------------------------------------------------

    def show_course(self) -> None:
        """Draw the module's pages, and every problem the last load found."""
        module = self.module
        entry = self.course.entries[0] if self.course.entries else None
        title = self.query_one("#preview-title", Static)
        pages = self.query_one("#preview-pages", OptionList)
        if module is not None and entry is not None:
            minutes = f" · about {module.minutes} minutes" if module.minutes else ""
            where = f"Week {entry.week}" if entry.week else "Booster"  # a booster: week 0
            title.update(
                f"{where} · {module.title}\n"
                f"{plural(len(module.pages), 'page')}{minutes} · module id '{module.id}'"
            )
            highlighted = pages.highlighted
            pages.clear_options()
            pages.add_options(
                Option(Text(f"{i + 1:>2}  {page.title}"), id=f"page-{i}")
                for i, page in enumerate(module.pages)
            )
            if module.pages:
                pages.highlighted = min(highlighted or 0, len(module.pages) - 1)
        else:
            name = f"Week {entry.week} · {entry.title}" if entry else self.path.name
            title.update(f"✗ {name}: not shown until the file loads")
        pages.display = module is not None
        summary = self.query_one("#preview-summary", Static)
        summary.update(" ".join(module.summary.split()) if module is not None else "")
        summary.display = module is not None
        now = self.session.clock.now()
        self.query_one("#preview-file", Static).update(
            f"{display_path(self.path)} · loaded {now:%H:%M:%S}"
            + (f" (reload {self.loads - 1})" if self.loads > 1 else "")
        )
        problems = self.course.all_problems()
        box = self.query_one("#preview-problems", VerticalScroll)
        box.display = bool(problems)
        if problems:
            errors = sum(p.severity == "error" for p in problems)
            box.border_title = (
                f"{plural(len(problems), 'problem')}: fix and save, the preview reloads by itself"
                if errors
                else plural(len(problems), "warning")
            )
            box.set_class(bool(errors), "-errors")
            self.query_one("#problem-list", Static).update("\n".join(str(p) for p in problems))
        hint = (
            "Enter opens a page · Esc in a page comes back here · r reloads now"
            if module is not None
            else "Nothing to show until the file loads: save a fix and it appears here."
        )
        self.query_one("#preview-hint", Static).update(
            f"{hint}\nAnswers go to a throwaway store, deleted when the preview ends."
        )
        if module is None:
            box.focus()
        elif self.app.screen is self:
            pages.focus()

    def _player(self, module: Module, index: int) -> PlayerScreen:
        return PlayerScreen(module.id, max(0, min(index, len(module.pages) - 1)))

    # -- reloading -----------------------------------------------------------------------

    async def poll(self) -> bool:
        """Look at the file once; reload when a save has settled. True if it reloaded."""
        if not self.file_watch.changed():
            return False
        await self.reload()
        return True

    async def action_reload(self) -> None:
        self.file_watch.mark_loaded()
        await self.reload()

    async def reload(self) -> None:
        """Load the file again and show it, keeping the reader on their page."""
        app = self.ecouch
        try:
            course = load_module_course(self.path)  # content problems come back as data
        except Exception as exc:  # anything else is a bug: keep the last good version
            app.notify(f"Could not reload: {exc!r}", severity="error", markup=False)
            return
        player = next((s for s in reversed(app.screen_stack) if isinstance(s, PlayerScreen)), None)
        reading = player.index if player is not None else None
        scrolled = player.query_one("#page").scroll_y if player is not None else 0.0
        app.flush_savers()  # what was typed is saved under the ids it was typed for
        # The player and anything opened over it show the old module: close them first,
        # so nothing draws from a course that no longer has their page.
        while app.screen is not self and self in app.screen_stack:
            await app.pop_screen()
        self.session.course = course
        self.loads += 1
        self.show_course()
        module = self.module
        at = reading if reading is not None else self.resume_at
        if module is None:
            self.resume_at = at
            return
        self.resume_at = None
        if at is not None:
            opened = self._player(module, at)
            await app.push_screen(opened)  # its page is mounted once this returns
            if opened.index == reading and scrolled:
                # Same page: stay where the author was reading, not back at the top.
                page = opened.query_one("#page")
                opened.call_after_refresh(page.scroll_to, y=scrolled, animate=False)
        app.notify(f"Reloaded {self.path.name}", timeout=1.5)

    # -- opening pages -------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#preview-pages")
    def _open(self, event: OptionList.OptionSelected) -> None:
        module = self.module
        if module is not None:
            index = int(str(event.option.id).removeprefix("page-"))
            self.app.push_screen(self._player(module, index))

    def on_screen_resume(self) -> None:
        if self.module is not None:
            self.query_one("#preview-pages", OptionList).focus()
