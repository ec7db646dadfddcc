"""The processes `bench.py` measures: each starts cold, does one thing, and exits.

Kept apart from `bench.py` so a child imports nothing but what it measures. Results
(in-process times, in seconds) go as `name=value` lines to the file named by
`BENCH_OUT`, written with `os.write` so that no extra module (json) is imported inside
a timed process.

    _child.py start empty|ecouch     paint the first screen (ecouch: home), then exit;
                                     headless unless stdout is a terminal (the pty runs)
    _child.py load yaml|validate|cached ROOT [CACHE]
    _child.py walk WEEK [WEEK...]    ecouch: open each week, page through it, quit
    _child.py mood                   ecouch: open the Mood screen, switch periods, quit

"Painted" is the same hook for every app: `App._display`, which Textual calls with
each frame the compositor has rendered (in a terminal it also writes the frame). In
a terminal, a marker (an OSC window title, which a terminal shows nowhere) follows the
first frame, so the parent can see when it reached the screen.
"""

from __future__ import annotations

import os
import sys
import time

T0 = time.perf_counter()
#: Written to the terminal right after the first frame (pty runs only).
MARKER = "\x1b]2;ecouch-bench-painted\x07"
#: No frame for this long, with nothing left to lay out or paint: the page is settled.
QUIET = 0.1


def report(**values: float) -> None:
    out = os.environ.get("BENCH_OUT")
    if out:
        text = "".join(f"{name}={value!r}\n" for name, value in values.items())
        fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.write(fd, text.encode())
        os.close(fd)


class Frames:
    """Every frame `App._display` is given: when, and for which screen."""

    def __init__(self) -> None:
        self.times: list[float] = []
        #: CPU time of the whole process at each frame: less disturbed by a busy machine.
        self.cpu: list[float] = []
        self.screens: list[str] = []

    def install(self, *, first: str | None, marker: bool, render: bool) -> None:
        """Hook `App._display`. `first`: exit after the first frame of this screen class.

        `render`: when headless, also turn each frame into terminal bytes (as a real
        terminal run does), so in-process figures include that work.
        """
        from textual.app import App

        original = App._display
        frames = self

        def _display(app: App, screen, renderable) -> None:  # type: ignore[no-untyped-def]
            original(app, screen, renderable)
            if renderable is None or app._batch_count or not app._running:
                return
            if render and app.is_headless:
                renderable.render_segments(app.console)
            frames.times.append(time.perf_counter())
            frames.cpu.append(time.process_time())
            name = type(screen).__name__
            if first is not None and name == first and first not in frames.screens:
                if marker and app._driver is not None:
                    app._driver.write(MARKER)
                    app._driver.flush()
                report(painted=frames.times[-1] - T0)
                app.exit()
            frames.screens.append(name)

        App._display = _display  # type: ignore[method-assign]

    async def settled(self, app, after: float, ready=lambda: True) -> float:  # type: ignore[no-untyped-def]
        """Wait until no frame has come for QUIET and nothing is pending; the last frame's
        time (after `after`), i.e. when the screen was complete. `last_cpu`: the process's
        CPU time at that frame."""
        import asyncio

        while True:
            await asyncio.sleep(QUIET / 4)
            last = self.times[-1] if self.times else 0.0
            screen = app.screen
            busy = (
                app._batch_count
                or screen._layout_required
                or screen._repaint_required
                or screen._dirty_widgets
                or any(m.lock.is_locked for m in screen.query("Markdown"))
            )
            quiet = time.perf_counter() - last >= QUIET
            if not busy and last > after and quiet and ready():
                self.last_cpu = self.cpu[-1]
                return last


def lift_week_limit() -> None:
    """A module's `week` is 1 to 52 (a year); the synthetic 120-module course needs more.

    Only for `BENCH_LONG_COURSE=1` runs, before any model is used: msgspec reads the
    annotation on first use, so validation and the content cache both follow it.
    """
    if os.environ.get("BENCH_LONG_COURSE") == "1":
        from ecouch_tui.content import models

        models.Module.__annotations__["week"] = "Annotated[int, Meta(ge=1)]"


def start(which: str) -> None:
    terminal = os.isatty(1)
    frames = Frames()
    if which == "empty":
        frames.install(first="Screen", marker=terminal, render=False)
        from textual.app import App, ComposeResult
        from textual.widgets import Label

        class Empty(App[None]):
            def compose(self) -> ComposeResult:
                yield Label("hello")

        Empty().run(headless=not terminal)
        return
    frames.install(first="HomeScreen", marker=terminal, render=False)
    # The real entry point, as a user types `ecouch` (the data folder is found through
    # platformdirs: the parent sets XDG_DATA_HOME; `ECOUCH_MODULES` may name a course).
    lift_week_limit()
    from ecouch_tui.cli import main as ecouch

    if not terminal:
        from ecouch_tui.ui.app import EcouchApp

        run = EcouchApp.run

        def headless_run(self: EcouchApp, **options: object) -> object:
            return run(self, **{**options, "headless": True})  # type: ignore[arg-type]

        EcouchApp.run = headless_run  # type: ignore[method-assign]
        mount = EcouchApp.on_mount

        def on_mount(self: EcouchApp) -> None:
            report(mount=time.perf_counter() - T0)
            mount(self)

        EcouchApp.on_mount = on_mount  # type: ignore[method-assign]
    ecouch([])


def load(how: str, root: str, cache: str | None) -> None:
    """`elapsed`: since the interpreter started running this file; `work`: the loading
    alone (its imports excluded, except those made on first use)."""
    from pathlib import Path

    folder = Path(root)
    lift_week_limit()
    if how == "yaml":
        import yaml

        begin = time.perf_counter()
        files = sorted([*folder.glob("*.yaml"), *folder.glob("questionnaires/*.yaml")])
        for path in files:
            yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    elif how == "validate":
        from ecouch_tui.content.loader import load_course

        begin = time.perf_counter()
        course = load_course(folder.resolve(), show=str)
        assert not course.all_problems(), course.all_problems()[:3]
    else:
        from ecouch_tui.content.cache import load_course_cached

        begin = time.perf_counter()
        course = load_course_cached(folder, Path(str(cache)))
        assert not course.all_problems()
    end = time.perf_counter()
    report(elapsed=end - T0, work=end - begin)


def _driven(script) -> None:  # type: ignore[no-untyped-def]
    """Run `ecouch` headless (80x24) and, once home is painted, `script(app, frames)`."""
    from ecouch_tui.cli import main as ecouch
    from ecouch_tui.ui.app import EcouchApp

    frames = Frames()
    frames.install(first=None, marker=False, render=True)
    run = EcouchApp.run
    mount = EcouchApp.on_mount

    def headless_run(self: EcouchApp, **options: object) -> object:
        return run(self, **{**options, "headless": True})  # type: ignore[arg-type]

    def on_mount(self: EcouchApp) -> None:
        mount(self)

        async def drive() -> None:
            import asyncio

            await frames.settled(self, 0.0)
            # A user reads the home screen for a moment: the warm-up imports are done.
            await asyncio.sleep(0.35)
            warming = [w for w in self.workers if w.group == "warm-up"]
            if warming:
                await self.workers.wait_for_complete(warming)
            await script(self, frames)
            self.exit()

        self.call_later(lambda: self.run_worker(drive(), exit_on_error=True))

    EcouchApp.run = headless_run  # type: ignore[method-assign]
    EcouchApp.on_mount = on_mount  # type: ignore[method-assign]
    ecouch([])


PRESSED_CPU = [0.0]


async def _press(app, key: str) -> float:  # type: ignore[no-untyped-def]
    """Send a key as the terminal driver would (as Textual's Pilot does); when it was sent
    (and the process's CPU time then, in PRESSED_CPU)."""
    from textual import events

    event = events.Key(key, key if len(key) == 1 else None)
    event.set_sender(app)
    PRESSED_CPU[0] = time.process_time()
    at = time.perf_counter()
    app._driver.send_message(event)
    return at


def profiler():  # type: ignore[no-untyped-def]
    """A cProfile.Profile when `BENCH_PROFILE` names a file to write its stats to."""
    if not os.environ.get("BENCH_PROFILE"):
        return None
    import cProfile

    return cProfile.Profile()


def save_profile(profile) -> None:  # type: ignore[no-untyped-def]
    if profile is not None:
        profile.dump_stats(os.environ["BENCH_PROFILE"])


def walk(weeks: list[int]) -> None:
    """Open each week at its first page and press → until its last page; quit.

    With `BENCH_PROFILE`, only the page turns (key to settled frame) are profiled; with
    `BENCH_PROFILE_KIND` too, only turns to pages holding a block of that kind (`quiz`).
    """
    from ecouch_tui.ui.screens.player import PlayerScreen

    profile = profiler()
    kind = os.environ.get("BENCH_PROFILE_KIND")

    def wanted(page) -> bool:  # type: ignore[no-untyped-def]
        return kind is None or any(block.kind == kind for block in page.blocks)

    ended: list[float] = []
    show = PlayerScreen.show_page

    async def show_page(self: PlayerScreen, index: int) -> None:
        await show(self, index)
        ended.append(time.perf_counter())

    PlayerScreen.show_page = show_page  # type: ignore[method-assign]
    lines: list[str] = []

    async def script(app, frames: Frames) -> None:  # type: ignore[no-untyped-def]
        for week in weeks:
            app.open_week(week, 0)
            await frames.settled(app, 0.0)
            screen = app.screen
            assert isinstance(screen, PlayerScreen), type(screen)
            module = screen.module
            for index in range(1, len(module.pages)):
                before = len(ended)
                profiled = profile is not None and wanted(module.pages[index])
                if profiled:
                    profile.enable()
                pressed = await _press(app, "right")
                painted = await frames.settled(app, pressed, lambda n=before: len(ended) > n)
                if profiled:
                    profile.disable()
                assert len(ended) == before + 1 and screen.index == index, (week, index)
                first = next(t for t in frames.times if t > ended[-1])
                page = module.pages[index]
                kinds = "+".join(sorted({b.kind for b in page.blocks}))
                cpu = frames.last_cpu - PRESSED_CPU[0]
                lines.append(
                    f"{week}\t{page.id}\t{kinds}\t{painted - pressed!r}\t{first - pressed!r}"
                    f"\t{cpu!r}\n"
                )
            app.pop_screen()
            await frames.settled(app, 0.0)

    _driven(script)
    save_profile(profile)
    out = os.environ.get("BENCH_OUT")
    if out:
        with open(out, "a", encoding="utf-8") as handle:
            handle.write("".join(f"page={line}" for line in lines))


def mood() -> None:
    """Home → the Mood screen (g); then a year (3) and 3 months (2), each painted."""
    from ecouch_tui.store.db import Store

    read: list[float] = []
    moods = Store.moods

    def timed_moods(self: Store, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        found = moods(self, *args, **kwargs)  # type: ignore[arg-type]
        read.append(time.perf_counter())
        return found

    Store.moods = timed_moods  # type: ignore[method-assign]
    results: dict[str, float] = {}
    profile = profiler()

    async def script(app, frames: Frames) -> None:  # type: ignore[no-untyped-def]
        if profile is not None:
            profile.enable()
        pressed = await _press(app, "g")
        painted = await frames.settled(app, pressed)
        if profile is not None:
            profile.disable()
        assert type(app.screen).__name__ == "MoodScreen"
        results["open"] = painted - pressed
        results["after_read"] = painted - read[-1]
        results["days_read"] = float(len(app.screen.moods))
        for key, name in (("3", "year"), ("2", "months")):
            pressed = await _press(app, key)
            results[name] = await frames.settled(app, pressed) - pressed

    _driven(script)
    save_profile(profile)
    report(**results)


def main() -> None:
    role, args = sys.argv[1], sys.argv[2:]
    if role == "start":
        start(args[0])
    elif role == "load":
        load(args[0], args[1], args[2] if len(args) > 2 else None)
    elif role == "walk":
        walk([int(a) for a in args])
    elif role == "mood":
        mood()
    else:
        raise SystemExit(f"unknown role {role}")


if __name__ == "__main__":
    main()
