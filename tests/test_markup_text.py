"""Text from a course or from the user is shown as written, never read as markup.

Textual reads "[b]" in a Label, a Static or a notice as a style, and a stray "[/b]" as
an error that stops the app. Module titles, questionnaire names and what a user typed
are quoted in labels and notices; each is shown literally here.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from helpers import enrol, screen_text, squash

from ecouch_tui.session import SessionConfig
from ecouch_tui.ui.app import EcouchApp
from ecouch_tui.ui.screens.player import PlayerScreen


def notices(app: EcouchApp) -> str:
    """The text of every notice showing, as the toasts draw it."""
    from textual.widgets._toast import Toast

    return squash(" ".join(str(toast.render()) for toast in app.screen.query(Toast)))


ODD_TITLE = "Welcome [draft] to [/b] ecouch"


def retitle(course_dir: Path, title: str) -> None:
    path = course_dir / "01-welcome.yaml"
    module = yaml.safe_load(path.read_text(encoding="utf-8"))
    module["title"] = title
    path.write_text(yaml.safe_dump(module, sort_keys=False), encoding="utf-8")


async def test_a_module_title_with_brackets_is_shown_as_written(
    config: SessionConfig, course_dir: Path
) -> None:
    retitle(course_dir, ODD_TITLE)
    config.modules_dir = course_dir
    config.policy = "open"
    enrol(config)
    app = EcouchApp(config)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        app.open_week(1)
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)
        assert f"Week 1 · {ODD_TITLE}" in squash(screen_text(app))
        # Finishing it: the notice quotes the title too.
        pages = len(app.screen.module.pages)
        await pilot.press(*["right"] * pages)
        await pilot.pause()
        await pilot.pause()
        assert f"You have finished week 1: {ODD_TITLE}." in notices(app)


async def test_a_notice_quoting_what_the_user_typed_shows_it_as_typed(
    config: SessionConfig,
) -> None:
    enrol(config)
    app = EcouchApp(config)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        app.notify("Logged: a [/b] walk [b]outside[/b]", title="Saved")
        await pilot.pause()
        assert "Logged: a [/b] walk [b]outside[/b]" in notices(app)


async def test_a_quiz_answer_with_brackets_is_shown_as_written(
    config: SessionConfig, course_dir: Path
) -> None:
    path = course_dir / "01-welcome.yaml"
    module = yaml.safe_load(path.read_text(encoding="utf-8"))
    index, block = next(
        (i, b)
        for i, page in enumerate(module["pages"])
        for b in page["blocks"]
        if b["type"] == "quiz"
    )
    block["questions"][0]["options"][0]["text"] = "Every [/b] day [b]or so[/b]"
    path.write_text(yaml.safe_dump(module, sort_keys=False), encoding="utf-8")
    config.modules_dir = course_dir
    enrol(config)
    app = EcouchApp(config)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        app.open_week(1, page_index=index)
        await pilot.pause()
        assert "Every [/b] day [b]or so[/b]" in squash(screen_text(app))
