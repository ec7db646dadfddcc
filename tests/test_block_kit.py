"""A new block type is its model and its widget: nothing else is edited.

The "tally" block below exists only in this file. Defined, it must be in the schema,
validate in a course file (with located errors), show on a page, save what the user
types, be listed in the Workbook under its own words, survive export and import, and
appear in the demo from its own hook — with no registry or list of kinds touched.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, ClassVar

import pytest
from helpers import enrol, past_autosave, screen_text, squash
from textual.app import ComposeResult
from textual.widgets import Input, Static

from ecouch_tui.cli import main
from ecouch_tui.clock import FixedClock
from ecouch_tui.commands.demo import make_demo
from ecouch_tui.content import blocks
from ecouch_tui.content.blocks.base import BlockBase, EntryData, Id, Markdown
from ecouch_tui.content.loader import ContentError, load_course
from ecouch_tui.content.schema import module_schema
from ecouch_tui.session import SessionConfig
from ecouch_tui.store.db import Store
from ecouch_tui.store.export import build_export, from_json, to_json
from ecouch_tui.store.importer import import_document
from ecouch_tui.ui import blocks as widgets
from ecouch_tui.ui.app import EcouchApp
from ecouch_tui.ui.blocks.base import BlockView, Saver
from ecouch_tui.ui.screens.workbook import WorkbookScreen

TODAY = date(2026, 3, 2)

MANIFEST = """\
title: Block kit course
unlock: open
modules: [01-count.yaml]
"""

MODULE = """\
id: count
week: 1
title: Counting good things
summary: A week of noticing.
pages:
  - id: intro
    title: Why count
    blocks:
      - type: markdown
        text: Noticing small good things, on purpose.
  - id: tally
    title: Today's tally
    blocks:
      - type: tally
        id: good-things
        prompt: How many good things did you notice today?
        most: 20
"""


@pytest.fixture(scope="module")
def tally() -> Iterator[type[BlockBase]]:
    """The new block type, model and widget, defined here and forgotten afterwards."""

    class TallyEntry(EntryData, kw_only=True):
        count: int = 0
        note: str = ""

        def summary(self) -> str:
            return f"{self.count} good things · {self.note}"

    class TallyBlock(BlockBase, tag="tally", kw_only=True, frozen=True):
        label: ClassVar[str] = "tally block"
        interactive: ClassVar[bool] = True
        entry_type: ClassVar[type | None] = TallyEntry
        words: ClassVar[str] = "Good-things tally"
        id: Id
        prompt: Markdown
        most: int = 10

        def demo_entries(self, met: datetime, rng: random.Random) -> Iterator[tuple[datetime, Any]]:
            yield met + timedelta(minutes=5), TallyEntry(count=rng.randint(1, 3), note="demo")

    class TallyView(BlockView):
        BLOCK = TallyBlock

        def compose(self) -> ComposeResult:
            assert isinstance(self.block, TallyBlock)
            saved = self.context.load(self.block, TallyEntry)
            self.entry = saved or TallyEntry()
            self.saver = Saver(self, self._write, self._saved)
            yield Static(self.block.prompt)
            yield Input(self.entry.note, placeholder="What were they?", id="tally-note")
            yield Static("", id="tally-status")

        def _write(self) -> Any:
            return self.saving(self.entry)

        def _saved(self, ok: bool) -> None:
            self.query_one("#tally-status", Static).update("Saved" if ok else "Not saved")

        def on_input_changed(self, event: Input.Changed) -> None:
            words = event.value.split(",")
            self.entry = TallyEntry(count=len([w for w in words if w.strip()]), note=event.value)
            self.saver.touch()

        def on_unmount(self) -> None:
            self.saver.release()

    yield TallyBlock
    blocks.forget(TallyBlock)
    widgets.VIEWS.pop("tally", None)


@pytest.fixture
def course(tmp_path: Path) -> Path:
    folder = tmp_path / "course"
    folder.mkdir()
    (folder / "course.yaml").write_text(MANIFEST, encoding="utf-8")
    (folder / "01-count.yaml").write_text(MODULE, encoding="utf-8")
    return folder


def test_it_is_in_every_list_of_kinds_and_in_the_schema(tally: type[BlockBase]) -> None:
    assert "tally" in blocks.kinds()
    assert blocks.data_types()["tally"] is tally.entry_type
    assert blocks.kind_words("tally") == "Good-things tally"
    assert widgets.view_class("tally") is not None
    schema = module_schema()
    assert schema["$defs"]["TallyBlock"]["properties"]["type"] == {"enum": ["tally"]}
    page_blocks = schema["$defs"]["Page"]["properties"]["blocks"]["items"]
    assert {"$ref": "#/$defs/TallyBlock"} in page_blocks["anyOf"]
    assert page_blocks["discriminator"]["mapping"]["tally"] == "#/$defs/TallyBlock"


def test_it_validates_in_a_course_file_with_located_errors(
    tally: type[BlockBase], course: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    loaded = load_course(course)
    assert loaded.problems == [] or all(p.severity != "error" for p in loaded.problems)
    (page, block) = list(loaded.modules[0].blocks())[1]
    assert isinstance(block, tally) and page.id == "tally"
    assert main(["validate", str(course)]) == 0

    broken = MODULE.replace("most: 20", "most: lots").replace("        prompt", "        promt")
    (course / "01-count.yaml").write_text(broken, encoding="utf-8")
    assert main(["validate", str(course)]) == 1
    out = capsys.readouterr()
    text = out.out + out.err
    assert "01-count.yaml:16:9:" in text and "promt" in text  # the unknown key, where it is
    assert "01-count.yaml:17:15: expected a whole number" in text  # the wrong type, there
    with pytest.raises(ContentError):
        from ecouch_tui.content.loader import load_file
        from ecouch_tui.content.models import Module

        load_file(course / "01-count.yaml", Module)


async def test_it_shows_saves_and_is_in_the_workbook_export_and_import(
    tally: type[BlockBase], course: Path, tmp_path: Path
) -> None:
    clock = FixedClock(TODAY)
    config = SessionConfig(data_dir=tmp_path / "data", modules_dir=course, clock=clock)
    enrol(config)
    app = EcouchApp(config)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_week(1, page_index=1)
        await pilot.pause()
        assert "How many good things did you notice today?" in screen_text(app)
        app.screen.query_one("#tally-note", Input).focus()
        await pilot.press(*"sun, tea, a call")
        await past_autosave(pilot)
        assert "Saved" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, WorkbookScreen)
        listed = squash(screen_text(app))
        assert "Good-things tally" in listed and "3 good things · sun, tea, a call" in listed

    with Store.open(config.store_path, clock) as store:
        (entry,) = [e for e in store.entries() if e.kind == "tally"]
        assert entry.uid == "count/tally/good-things"
        assert entry.decode(tally.entry_type) == tally.entry_type(  # type: ignore[misc]
            count=3, note="sun, tea, a call"
        )
        document = from_json(to_json(build_export(store)))
    (exported,) = [e for e in document.entries if e.kind == "tally"]
    assert exported.data == {"count": 3, "note": "sun, tea, a call"}
    with Store.open(tmp_path / "other" / "ecouch.sqlite3", clock) as fresh:
        import_document(fresh, document)
        (again,) = [e for e in fresh.entries() if e.kind == "tally"]
        assert again.uid == entry.uid and again.data == entry.data


def test_the_demo_writes_it_from_its_own_hook(
    tally: type[BlockBase], course: Path, tmp_path: Path
) -> None:
    clock = FixedClock(TODAY)
    config = make_demo(tmp_path / "demo", modules_dir=course, clock=clock, region="AU")
    with Store.open(config.store_path, clock) as store:
        found = [e for e in store.entries() if e.kind == "tally"]
    assert len(found) == 1
    data = found[0].decode(tally.entry_type)  # type: ignore[arg-type]
    assert data.note == "demo" and 1 <= data.count <= 3
    assert found[0].uid == "count/tally/good-things"
