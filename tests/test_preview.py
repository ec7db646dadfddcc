"""`ecouch preview FILE`: the module as a reader sees it, reloaded on save, errors in the app.

The file watch is driven by calling the preview's `poll()` directly (its timer is set
to an hour), so nothing here waits on the clock.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import stat
from pathlib import Path

import pytest
from helpers import focus, screen_text, squash
from textual.widgets import TextArea

from ecouch_tui.commands import preview as preview_command
from ecouch_tui.commands.preview import preview_config
from ecouch_tui.paths import data_dir as default_data_dir
from ecouch_tui.session import SessionConfig
from ecouch_tui.ui.app import EcouchApp
from ecouch_tui.ui.preview import FileWatch
from ecouch_tui.ui.screens.help import HelpScreen
from ecouch_tui.ui.screens.player import PlayerScreen
from ecouch_tui.ui.screens.preview import PreviewScreen

SIZE = (80, 24)
#: Wide enough that a whole `path:line:col: message` line sits on one screen row.
WIDE = (140, 30)

MODULE = """\
id: sleep-better
week: 5
title: Sleep and mood
summary: How sleep and mood pull on each other.
pages:
  - id: intro
    title: Why sleep matters
    blocks:
      - type: markdown
        text: Low mood can make sleep worse.
  - id: practice
    title: Keep a steady wake time
    blocks:
      - type: markdown
        text: Get up at the same time every day.
      - type: reflection
        id: notes
        prompt: What did you notice?
  - id: this-week
    title: This week, try…
    blocks:
      - type: markdown
        text: One small step.
"""


@pytest.fixture(autouse=True)
def _no_real_time_polling(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests call poll() themselves; the app's own timer must not race them."""
    monkeypatch.setattr("ecouch_tui.ui.screens.preview.POLL_SECONDS", 3600.0)


@pytest.fixture
def module_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # paths in messages are shown relative to here
    path = tmp_path / "authoring" / "05-sleep-better.yaml"
    path.parent.mkdir()
    path.write_text(MODULE, encoding="utf-8")
    return path


@pytest.fixture
def preview(module_file: Path, tmp_path: Path) -> SessionConfig:
    scratch = tmp_path / "scratch"
    scratch.mkdir(mode=0o700)
    return preview_config(module_file, scratch)


def save(path: Path, text: str) -> None:
    """Write as an editor does, and make sure the save is visible to a stat() (a test can
    write twice within the filesystem's timestamp granularity)."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 1_000_000_000, before + 1_000_000_000))


def preview_screen(app: EcouchApp) -> PreviewScreen:
    return next(s for s in app.screen_stack if isinstance(s, PreviewScreen))


async def settle(app: EcouchApp, pilot) -> None:  # type: ignore[no-untyped-def]
    """Two looks at the file: a change is loaded once it has held still for one poll."""
    screen = preview_screen(app)
    assert not await screen.poll()
    assert await screen.poll()
    await pilot.pause()


async def test_preview_opens_the_module_with_every_page_reachable(preview: SessionConfig) -> None:
    app = EcouchApp(preview)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)
        text = squash(screen_text(app))
        assert "PREVIEW · 05-sleep-better.yaml · reloads on save" in text
        assert "Week 5 · Sleep and mood" in text and "Page 1 of 3" in text
        assert "Why sleep matters" in text
        await pilot.press("escape")  # the preview's own page list
        assert isinstance(app.screen, PreviewScreen)
        text = squash(screen_text(app))
        for title in ("1 Why sleep matters", "2 Keep a steady wake time", "3 This week, try…"):
            assert title in text
        assert "How sleep and mood pull on each other." in text
        await pilot.press("down", "down", "enter")  # straight to the last page
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)
        assert "Page 3 of 3" in squash(screen_text(app))


async def test_nothing_is_gated_even_for_a_late_week(preview: SessionConfig) -> None:
    """Week 5 of a course started today would be locked; preview is always open."""
    app = EcouchApp(preview)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        states = app.session.weeks()
        assert [(s.week, s.status.value) for s in states] == [(5, "open")]
        app.open_week(5, 2)
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen) and app.screen.index == 2


async def test_a_saved_change_reloads_on_the_same_page(
    preview: SessionConfig, module_file: Path
) -> None:
    app = EcouchApp(preview)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        assert "Get up at the same time every day." in squash(screen_text(app))
        screen = preview_screen(app)
        assert not await screen.poll()  # nothing saved yet: nothing to do
        save(module_file, MODULE.replace("every day.", "every day, even at weekends."))
        await settle(app, pilot)
        assert isinstance(app.screen, PlayerScreen)
        text = squash(screen_text(app))
        assert "Get up at the same time every day, even at weekends." in text
        assert "Page 2 of 3" in text


async def test_a_reload_keeps_the_place_on_a_long_page(
    preview: SessionConfig, module_file: Path
) -> None:
    paragraphs = "\n\n".join(f"          Paragraph {n} about sleep." for n in range(1, 40))
    save(module_file, MODULE.replace("Low mood can make sleep worse.", f"|\n{paragraphs}"))
    app = EcouchApp(preview)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#page").scroll_to(y=30, animate=False)
        await pilot.pause()
        save(module_file, module_file.read_text().replace("Paragraph 20 ", "Paragraph twenty "))
        await settle(app, pilot)
        assert app.screen.query_one("#page").scroll_y == 30
        assert "Paragraph twenty about sleep." in squash(screen_text(app))


async def test_a_broken_save_lists_every_problem_then_recovers_by_itself(
    preview: SessionConfig, module_file: Path
) -> None:
    app = EcouchApp(preview)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("n")  # reading page 2
        broken = MODULE.replace("    title: Keep a steady wake time", "    titel: Keep a steady")
        broken = broken.replace("type: reflection", "type: reflektion")
        save(module_file, broken)
        await settle(app, pilot)
        assert isinstance(app.screen, PreviewScreen)  # no crash: the problems instead
        text = squash(screen_text(app))
        assert "2 problems: fix and save, the preview reloads by itself" in text
        shown = "authoring/05-sleep-better.yaml"
        assert f"{shown}:12:5: unknown key 'titel' in page; did you mean 'title'?" in text
        assert f"{shown}:16:15: unknown block type 'reflektion'; did you mean 'reflection'?" in text
        assert "Week 5 · Sleep and mood: not shown until the file loads" in text

        save(module_file, MODULE)  # fixed
        await settle(app, pilot)
        assert isinstance(app.screen, PlayerScreen)
        assert app.screen.index == 1  # back on the page being read when it broke
        assert "Page 2 of 3" in squash(screen_text(app))


async def test_yaml_syntax_errors_and_a_vanished_file_are_shown_too(
    preview: SessionConfig, module_file: Path
) -> None:
    app = EcouchApp(preview)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        save(module_file, MODULE.replace("title: Sleep and mood", "title: [Sleep and mood"))
        await settle(app, pilot)
        text = squash(screen_text(app))
        assert isinstance(app.screen, PreviewScreen)
        assert "authoring/05-sleep-better.yaml:4:8: YAML syntax" in text
        module_file.unlink()
        await settle(app, pilot)
        assert "file not found" in squash(screen_text(app))


async def test_a_shorter_module_keeps_the_reader_on_its_last_page(
    preview: SessionConfig, module_file: Path
) -> None:
    app = EcouchApp(preview)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n", "n")
        assert "Page 3 of 3" in squash(screen_text(app))
        save(module_file, MODULE.split("  - id: this-week")[0])
        await settle(app, pilot)
        assert isinstance(app.screen, PlayerScreen)
        assert "Page 2 of 2" in squash(screen_text(app))


async def test_what_the_author_typed_survives_a_reload(
    preview: SessionConfig, module_file: Path
) -> None:
    app = EcouchApp(preview)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await focus(pilot, "#reflection-notes")
        await pilot.press(*"slept in")
        save(module_file, MODULE.replace("What did you notice?", "What did you notice this week?"))
        await settle(app, pilot)
        assert app.screen.query_one("#reflection-notes", TextArea).text == "slept in"
        assert "What did you notice this week?" in squash(screen_text(app))


async def test_a_file_broken_from_the_start_opens_once_fixed(
    preview: SessionConfig, module_file: Path
) -> None:
    save(module_file, "id: sleep-better\nweek: 5\n")
    app = EcouchApp(preview)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PreviewScreen)
        text = squash(screen_text(app))
        assert "3 problems" in text
        assert "module is missing required key 'pages'" in text
        save(module_file, MODULE)
        await settle(app, pilot)
        assert isinstance(app.screen, PlayerScreen)
        assert "Page 1 of 3" in squash(screen_text(app))


async def test_reload_now_and_help_work_from_the_page_list(
    preview: SessionConfig, module_file: Path
) -> None:
    app = EcouchApp(preview)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        module_file.write_text(MODULE.replace("Why sleep matters", "Why sleep counts"))
        await pilot.press("r")  # no waiting for the watch
        await pilot.pause()
        assert "1 Why sleep counts" in squash(screen_text(app))
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        text = squash(screen_text(app))
        assert "Get help now" in text and "emergency number" in text


def test_the_watch_waits_for_a_save_to_settle(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("one")
    watch = FileWatch(path)
    assert not watch.changed()
    save(path, "two")
    assert not watch.changed()  # first sight of the change
    assert watch.changed()  # held still: load it
    assert not watch.changed()  # and only once
    save(path, "three")
    assert not watch.changed()
    save(path, "three, still being written")
    assert not watch.changed()  # it moved again: wait once more
    assert watch.changed()


# -- the command: a throwaway store, never the data folder --------------------------------


def test_preview_uses_a_private_throwaway_store_and_removes_it(
    module_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    usual = default_data_dir(None)  # the platform's data folder, under the test's HOME
    real = tmp_path / "my-real-data"
    monkeypatch.setenv("ECOUCH_DATA_DIR", str(real))
    seen: dict[str, object] = {}

    def run_headless(app: EcouchApp) -> None:
        async def drive() -> None:
            async with app.run_test(size=SIZE) as pilot:
                await pilot.pause()
                config = app.config
                seen["dir"] = config.data_dir
                seen["mode"] = stat.S_IMODE(config.data_dir.stat().st_mode)
                seen["store"] = app.session.store.path
                seen["store exists"] = app.session.store.path.exists()
                seen["policy"], seen["cache"] = config.policy, config.use_cache
                seen["screen"] = type(app.screen).__name__

        asyncio.run(drive())

    monkeypatch.setattr(EcouchApp, "run", run_headless)
    code = preview_command.run(argparse.Namespace(file=str(module_file)))
    assert code == 0
    scratch = seen["dir"]
    assert isinstance(scratch, Path)
    assert seen["mode"] == 0o700
    assert seen["store"] == scratch / "ecouch.sqlite3" and seen["store exists"]
    assert seen["policy"] == "open" and seen["cache"] is False
    assert seen["screen"] == "PlayerScreen"
    assert not scratch.exists()  # removed on exit
    for never in (real, usual):
        assert not never.exists()
        assert not scratch.is_relative_to(never)


@pytest.mark.parametrize(
    ("name", "code", "says"),
    [
        ("course.yaml", 2, "course manifest, not a module"),
        ("crisis_lines.yaml", 2, "crisis lines, not a module"),
        ("questionnaires/phq9.yaml", 2, "a questionnaire, not a module"),
        ("missing.yaml", 1, "does not exist"),
    ],
)
def test_preview_says_what_it_cannot_show(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, code: int, says: str
) -> None:
    target = tmp_path / name
    if name != "missing.yaml":
        target.parent.mkdir(exist_ok=True)
        target.write_text("id: x\n")
    assert preview_command.run(argparse.Namespace(file=str(target))) == code
    assert says in capsys.readouterr().err
