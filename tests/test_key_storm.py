"""The real app under a seeded storm of random keys and resizes, on every screen.

The storm visits each screen through the app's own actions (the ones its keys and the
command palette call), then sends random keys there: letters, digits, arrows, Tab,
Enter, Escape, Space, page keys, F1, the home quick keys, and command palette phrases,
with the terminal resized between 40x12, 80x24, 120x40 and 200x60 now and then. Keys
are posted to the app's driver exactly as a terminal's input would be (as Textual's
own Pilot does), a few at a time with a pause for the app to settle, which is much
faster than one `pilot.press` per key. Wherever the keys lead is fair game.

The property: no exception (the app would stop with it), no error notification, and
Ctrl+Q still quits cleanly at the end. Seeds are fixed, so a failure names the seed,
the route and the last keys, and replays.
"""

from __future__ import annotations

import os
import random
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from textual import events
from textual.command import CommandPalette
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key
from textual.pilot import Pilot

from ecouch_tui.clock import FixedClock
from ecouch_tui.commands.demo import make_demo
from ecouch_tui.content.loader import LoadedCourse, load_course
from ecouch_tui.paths import bundled_modules_dir
from ecouch_tui.session import SessionConfig
from ecouch_tui.ui.app import EcouchApp
from ecouch_tui.ui.screens.research import ResearchConsentScreen

#: A Wednesday; the demo's person enrolled twelve weeks before (as in test_demo).
TODAY = date(2026, 4, 1)
SIZES = [(40, 12), (80, 24), (120, 40), (200, 60)]
BATCH = 15

#: (key, weight). Escape is rarer than the rest, so a storm stays a while where it is.
POOL: list[tuple[str, int]] = [
    *((c, 1) for c in "abcdefghijklmnopqrstuvwxyz0123456789"),
    *((k, 4) for k in ("up", "down", "left", "right", "tab", "shift+tab", "enter")),
    *((k, 2) for k in ("space", "pageup", "pagedown", "backspace")),
    *((c, 2) for c in "makwgh?"),  # the home quick keys
    ("escape", 2),
    ("f1", 1),
    ("home", 1),
    ("end", 1),
    ("delete", 1),
    ("shift+left", 1),
    ("shift+right", 1),
    ("alt+left", 1),
    ("alt+right", 1),
    ("ctrl+pageup", 1),
    ("ctrl+pagedown", 1),
    ("[", 1),
    ("]", 1),
    ("/", 1),
    ("-", 1),
    ("+", 1),
    (".", 1),
    (",", 1),
    ("'", 1),
]
KEYS = [key for key, _ in POOL]
WEIGHTS = [weight for _, weight in POOL]

#: Typed into the command palette (never "quit": leaving is tested once, at the end).
PALETTE_PHRASES = [
    "go to week 2",
    "week 4, page 3",
    "week 9",
    "log mood",
    "log an activity",
    "mood",
    "check-in",
    "history",
    "workbook",
    "safety plan",
    "about",
    "home",
    "get help",
    "light or dark",
    "zzz nothing",
]

#: Minutes of random keys over every screen: CI runs them, the quick loop does not.
pytestmark = pytest.mark.slow


def key_event(key: str) -> events.Key:
    """A Key event as the terminal driver makes it (the same as Pilot.press)."""
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    try:
        char: str | None = unicodedata.lookup(
            _get_unicode_name_from_key(REPLACED_KEYS.get(key, key))
        )
    except KeyError:
        char = key if len(key) == 1 else None
    return events.Key(key, char)


@dataclass
class Route:
    """A screen to storm: how the app opens it, and keys to send first."""

    name: str
    open: Callable[[EcouchApp], object]
    then: Sequence[str] = ()
    expect: str | None = None  # the screen class the opening should show
    #: Start from the home screen (False: wherever the app is, e.g. its first-run screen).
    from_home: bool = True


@dataclass
class Storm:
    app: EcouchApp
    pilot: Pilot
    rng: random.Random
    seed: int
    route: str = ""
    recent: list[str] = field(default_factory=list)
    visited: set[str] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)
    sent: int = 0

    def where(self) -> str:
        stack = [type(screen).__name__ for screen in self.app.screen_stack]
        return (
            f"seed {self.seed}, route {self.route!r}, screens {stack}, "
            f"size {tuple(self.app.size)}, last keys {self.recent[-30:]}"
        )

    def check(self) -> None:
        exception = self.app._exception
        if exception is not None:
            raise AssertionError(f"the app raised {exception!r} ({self.where()})") from exception
        assert self.app.return_code is None, f"the app stopped ({self.where()})"
        assert not self.errors, f"error notifications {self.errors} ({self.where()})"
        self.visited.add(type(self.app.screen).__name__)

    async def send(self, keys: Sequence[str]) -> None:
        driver = self.app._driver
        assert driver is not None
        for key in keys:
            event = key_event(key)
            event.set_sender(self.app)
            driver.send_message(event)
        self.recent.extend(keys)
        self.recent.append("|")  # the app settles here
        self.sent += len(keys)
        await self.pilot.pause()
        self.check()

    async def resize(self) -> None:
        width, height = self.rng.choice(SIZES)
        self.recent.append(f"<resize {width}x{height}>")
        await self.pilot.resize_terminal(width, height)
        self.check()

    async def palette(self) -> None:
        """Ctrl+P, a phrase, a moment for the search, then Enter (or Escape)."""
        phrase = self.rng.choice(PALETTE_PHRASES)
        await self.send(["ctrl+p", *phrase])
        await self.pilot.pause(0.15)  # the palette searches in the background
        await self.send([self.rng.choice(["enter", "enter", "escape"])])
        await self.close_palette()

    async def close_palette(self) -> None:
        # Random letters typed into a palette left open could pick "Quit": close it.
        if isinstance(self.app.screen, CommandPalette):
            await self.send(["escape"])

    async def home(self) -> None:
        """Back to the home screen, as the palette's Home does (and out of any modal)."""
        self.app.action_home()
        await self.pilot.pause()
        self.check()

    async def run(self, route: Route, keys: int) -> None:
        self.route = route.name
        if route.from_home:
            await self.home()
        route.open(self.app)
        await self.pilot.pause()
        self.check()
        if route.expect is not None:
            shown = type(self.app.screen).__name__
            assert shown == route.expect, f"{route.name} opened {shown} ({self.where()})"
        if route.then:
            await self.send(route.then)
        for _ in range(keys // BATCH):
            roll = self.rng.random()
            if roll < 0.06:
                await self.resize()
            elif roll < 0.08:
                await self.palette()
            await self.send(self.rng.choices(KEYS, WEIGHTS, k=BATCH))
            await self.close_palette()


def exercise_pages(course: LoadedCourse) -> dict[str, tuple[int, int]]:
    """(week, page index) of the first page holding each kind of block."""
    found: dict[str, tuple[int, int]] = {}
    for entry in course.entries:
        assert entry.module is not None
        for index, page in enumerate(entry.module.pages):
            for block in page.blocks:
                found.setdefault(block.kind, (entry.week, index))
    return found


def week_route(kind: str, week: int, page: int) -> Route:
    return Route(f"page with {kind}", lambda app: app.open_week(week, page), expect="PlayerScreen")


#: Every screen that is not a course page, opened through the app's actions.
SCREENS = [
    Route("home", lambda app: None, expect="HomeScreen"),
    Route("help", lambda app: app.action_get_help(), expect="HelpScreen"),
    Route("region", lambda app: app.action_get_help(), then=["r"], expect="HelpScreen"),
    Route("mood entry", lambda app: app.action_log_mood(), expect="MoodEntryScreen"),
    Route("activity entry", lambda app: app.action_log_activity(), expect="ActivityEntryScreen"),
    Route("mood chart", lambda app: app.action_mood_chart(), expect="MoodScreen"),
    Route("check-in", lambda app: app.action_checkin(), expect="CheckinScreen"),
    Route("check-in, severe", lambda app: app.action_checkin(), then=["enter", *"333333333"]),
    Route("history", lambda app: app.action_history(), expect="HistoryScreen"),
    Route("workbook", lambda app: app.action_workbook(), expect="WorkbookScreen"),
    Route("workbook entry", lambda app: app.action_workbook(), then=["down", "down", "enter"]),
    Route("safety plan", lambda app: app.action_safety_plan(), expect="SafetyPlanScreen"),
    Route("about", lambda app: app.action_about(), expect="WelcomeScreen"),
    Route("k10 check-in", lambda app: app.action_checkin("k10"), expect="CheckinScreen"),
    Route(
        "research question",
        lambda app: app.push_screen(ResearchConsentScreen()),
        expect="ResearchConsentScreen",
    ),
]

#: Every screen a storm must have reached at least once.
EVERY_SCREEN = {
    "HomeScreen",
    "PlayerScreen",
    "HelpScreen",
    "RegionScreen",
    "MoodEntryScreen",
    "ActivityEntryScreen",
    "MoodScreen",
    "CheckinScreen",
    "SafetyScreen",
    "HistoryScreen",
    "WorkbookScreen",
    "WorkbookEntryScreen",
    "SafetyPlanScreen",
    "WelcomeScreen",
    "ResearchConsentScreen",
}


async def storm(
    config: SessionConfig, seed: int, routes: list[Route], keys: int, first: Route | None = None
) -> Storm:
    """Run `first`, then every route in a shuffled order, `keys` random keys each; quit."""
    app = EcouchApp(config)
    rng = random.Random(seed)
    order = routes[:]
    rng.shuffle(order)
    if first is not None:
        order.insert(0, first)
    async with app.run_test(size=rng.choice(SIZES), notifications=True) as pilot:
        done = Storm(app, pilot, rng, seed)
        notify = app.notify

        def watch(message: str, *args: object, **kwargs: object) -> None:
            if kwargs.get("severity") == "error":
                done.errors.append(f"{kwargs.get('title', '')}: {message}")
            notify(message, *args, **kwargs)  # type: ignore[arg-type]

        app.notify = watch  # type: ignore[method-assign]
        await pilot.pause()
        done.check()
        for route in order:
            await done.run(route, keys)
        await pilot.press("ctrl+q")
    assert app._exception is None, done.where()
    assert app.return_code == 0, done.where()
    return done


@pytest.fixture(scope="module")
def course() -> LoadedCourse:
    return load_course(bundled_modules_dir())


def demo_config(tmp_path: Path) -> SessionConfig:
    folder = tmp_path / "demo"
    folder.mkdir(mode=0o700)
    return make_demo(folder, clock=FixedClock(TODAY), region="AU")


async def test_a_key_storm_over_the_demo_history(tmp_path: Path, course: LoadedCourse) -> None:
    """Twelve weeks of entries, every week open: a page of every exercise type. One seed
    in the suite (a second cost 80 s, the suite's longest test); to storm with another,
    `STORM_SEED=N pytest tests/test_key_storm.py`."""
    seed = int(os.environ.get("STORM_SEED", "1"))
    pages = [week_route(kind, *at) for kind, at in sorted(exercise_pages(course).items())]
    # 60 keys a route (was 90: the suite's longest test by far, 118 s on a loaded run).
    done = await storm(demo_config(tmp_path), seed, SCREENS + pages, keys=60)
    assert done.sent >= len(SCREENS + pages) * 60
    assert EVERY_SCREEN - done.visited == set(), sorted(done.visited)


async def test_a_key_storm_on_a_first_run(tmp_path: Path) -> None:
    """A fresh store: the first-run screen, empty charts and lists, one week open."""
    config = SessionConfig(
        data_dir=tmp_path / "data",
        modules_dir=bundled_modules_dir(),
        clock=FixedClock(TODAY),
    )
    first_run = Route("first run", lambda app: None, expect="WelcomeScreen", from_home=False)
    week_one = [
        Route(f"week 1, page {p + 1}", lambda app, p=p: app.open_week(1, p)) for p in (0, 3)
    ]
    routes = [r for r in SCREENS if r.name not in ("workbook entry", "k10 check-in")]
    done = await storm(config, 3, routes + week_one, keys=90, first=first_run)
    assert done.sent >= len(routes + week_one) * 90  # every route had its keys
    assert {"WelcomeScreen", "HomeScreen", "HelpScreen", "MoodScreen"} <= done.visited
