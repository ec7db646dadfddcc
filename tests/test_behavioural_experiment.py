"""The behavioural experiment: its model, and the real app filled in with the keyboard,
planned one day and finished (from its list or the Workbook) after a restart."""

from __future__ import annotations

import random
from datetime import datetime
from pathlib import Path

import msgspec
import pytest
from helpers import focus, saved_entries, screen_text, squash

from ecouch_tui.cli import main
from ecouch_tui.clock import FixedClock
from ecouch_tui.commands.demo import make_demo
from ecouch_tui.content import blocks
from ecouch_tui.content.blocks.behavioural_experiment import (
    DONE,
    WAITING,
    BehaviouralExperiment,
    BehaviouralExperimentBlock,
)
from ecouch_tui.content.schema import module_schema
from ecouch_tui.session import SessionConfig
from ecouch_tui.store.db import Store
from ecouch_tui.store.export import build_export, from_json, to_json
from ecouch_tui.store.importer import import_document
from ecouch_tui.ui.app import EcouchApp
from ecouch_tui.ui.blocks import form_class, view_class
from ecouch_tui.ui.blocks.behavioural_experiment import BehaviouralExperimentView, ExperimentForm
from ecouch_tui.ui.screens.workbook import WorkbookScreen
from ecouch_tui.ui.screens.workbook_entry import WorkbookEntryScreen

SIZE = (80, 24)
KIND = "behavioural_experiment"
PAGE = 0  # the experiment's page in week 1 of that course


def planned() -> BehaviouralExperiment:
    return BehaviouralExperiment(
        belief="If I speak up in the meeting, people will laugh",
        belief_before=80,
        experiment="Ask one question at Tuesday's 10 am meeting",
        obstacles="I might freeze; I'll write it on a note first",
    )


def finished() -> BehaviouralExperiment:
    return msgspec.structs.replace(
        planned(),
        result="Jo said it was a good question",
        learned="People were kinder than I expected",
        belief_after=30,
        done=True,
    )


def experiments(config: SessionConfig) -> list[BehaviouralExperiment]:
    return saved_entries(config, KIND, BehaviouralExperiment)


def form(app: EcouchApp) -> ExperimentForm:
    return app.screen.query_one(ExperimentForm)


# -- the model ---------------------------------------------------------------------------


def test_the_summary_says_draft_waiting_or_done() -> None:
    assert BehaviouralExperiment().summary() == "Draft · (no belief yet)"
    half = msgspec.structs.replace(planned(), experiment="")
    assert half.summary().startswith("Draft · ")
    assert planned().state() == WAITING
    assert planned().summary() == (
        'Planned, waiting for the result · "If I speak up in the meeting, people…" · sure 80'
    )
    assert finished().state() == DONE
    assert finished().summary().endswith("· sure 80 → 30")


def test_gaps_name_their_step_and_it_reopens_where_work_is_left() -> None:
    assert BehaviouralExperiment().gaps() == [
        (1, "write the belief or prediction to test"),
        (1, "rate how sure you are (0-100)"),
        (2, "say what you will do, and when"),
        (3, "say what actually happened"),
        (3, "say what that tells you about the belief"),
        (3, "rate how sure you are now (0-100)"),
    ]
    assert planned().plan_gaps() == [] and planned().resume_step() == 3
    assert msgspec.structs.replace(planned(), belief_before=None).resume_step() == 1
    assert finished().missing() == []
    # What might get in the way is welcome, not required.
    assert msgspec.structs.replace(planned(), obstacles="").planned


def test_sections_read_as_the_form_asks() -> None:
    assert finished().text().splitlines() == [
        "State: Done",
        "The belief to test: If I speak up in the meeting, people will laugh",
        "How sure I was: 80/100",
        "The experiment: Ask one question at Tuesday's 10 am meeting",
        "What might get in the way: I might freeze; I'll write it on a note first",
        "What actually happened: Jo said it was a good question",
        "What I learned: People were kinder than I expected",
        "How sure I am now: 30/100",
    ]


def test_the_storage_shape_refuses_ratings_over_100() -> None:
    encoded = msgspec.json.encode(finished()).replace(b'"belief_after":30', b'"belief_after":150')
    with pytest.raises(msgspec.ValidationError):
        msgspec.json.decode(encoded, type=BehaviouralExperiment)


def test_it_is_a_block_type_of_the_kit_in_the_schema() -> None:
    assert KIND in blocks.kinds()
    assert blocks.kind_words(KIND) == "Behavioural experiment"
    assert blocks.entry_uid(KIND, "m", "p", "b") is None  # a log: a new uid for each
    assert view_class(KIND) is BehaviouralExperimentView
    assert form_class(KIND) is ExperimentForm
    schema = module_schema()
    props = schema["$defs"]["BehaviouralExperimentBlock"]["properties"]
    assert props["type"] == {"enum": [KIND]}
    page_blocks = schema["$defs"]["Page"]["properties"]["blocks"]["items"]
    assert page_blocks["discriminator"]["mapping"][KIND] == "#/$defs/BehaviouralExperimentBlock"


def test_both_stepped_forms_use_the_shared_step_keys() -> None:
    from ecouch_tui.ui.blocks.entries import STEP_BINDINGS
    from ecouch_tui.ui.blocks.rumination import RuminationForm

    assert ExperimentForm.BINDINGS == STEP_BINDINGS == RuminationForm.BINDINGS


def test_demo_entries_are_one_done_and_one_waiting() -> None:
    block = BehaviouralExperimentBlock(id="x")
    met = datetime(2026, 1, 10, 18, 0)
    made = list(block.demo_entries(met, random.Random(4)))
    assert [data.state() for _, data in made] == [DONE, WAITING]
    assert all(at > met for at, _ in made)
    assert all(data.missing() == [] for _, data in made[:1])


# -- the app -----------------------------------------------------------------------------


async def test_plan_it_restart_and_finish_it_from_the_list(exercise_config: SessionConfig) -> None:
    app = EcouchApp(exercise_config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(1, page_index=PAGE)
        await pilot.pause()
        text = squash(screen_text(app))
        assert "●○○ Step 1 of 3 · The belief" in text
        assert "Pick a belief that holds you back" in text
        await pilot.press("tab", *"If I ask Mia out for coffee, she will say no", "tab")
        await pilot.press("8", "0", "alt+right")
        await pilot.pause()
        text = squash(screen_text(app))
        assert "Step 2 of 3 · The experiment" in text
        assert "Belief: If I ask Mia out for coffee, she will say no · sure 80/100" in text
        assert "Plan ready ✓" in text
        await pilot.press(*"Text her on Saturday morning", "tab", *"Put it off; send it early")
        await focus(pilot, "#step-next")
        await pilot.press("enter")  # Plan ready ✓
        await pilot.pause()
        text = squash(screen_text(app))
        assert "Your plan is saved." in text  # the toast
        assert "Step 3 of 3 · What happened" in text
        await pilot.press("ctrl+q")
    (saved,) = experiments(exercise_config)
    assert saved.state() == WAITING and not saved.done
    assert saved.experiment == "Text her on Saturday morning"
    assert saved.obstacles == "Put it off; send it early"

    # Days later, after a restart: the same experiment, from the block's list.
    app = EcouchApp(exercise_config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(1, page_index=PAGE)
        await pilot.pause()
        assert form(app).uid is None  # a new experiment is offered first
        await focus(pilot, "#entries")
        text = squash(screen_text(app))
        assert 'Planned, waiting for the result · "If I ask Mia' in text
        await pilot.press("home", "down", "enter")  # past "+ New experiment"
        await pilot.pause()
        text = squash(screen_text(app))
        assert "Step 3 of 3 · What happened" in text
        assert "Experiment: Text her on Saturday morning" in text
        await pilot.press(*"She said yes, for Wednesday", "tab", *"She wanted to see me", "tab")
        await pilot.press("3", "0", "enter")  # Enter on the last rating finishes it
        await pilot.pause()
        text = squash(screen_text(app))
        assert "Finished ✓ · your experiment" in text
        assert "How sure I am now: 30/100" in text
        assert "Well done" in text
    (saved,) = experiments(exercise_config)  # the same entry, finished
    assert saved.done and saved.belief_after == 30 and saved.result == "She said yes, for Wednesday"


async def test_a_waiting_one_is_in_the_workbook_and_finished_there(
    exercise_config: SessionConfig,
) -> None:
    with Store.open(exercise_config.store_path, exercise_config.clock) as store:
        store.save_entry(
            module_id="try-it",
            page_id="experiment",
            block_id="first-experiment",
            kind=KIND,
            data=planned(),
        )
    app = EcouchApp(exercise_config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, WorkbookScreen)
        text = squash(screen_text(app))
        assert "Behavioural" in text and "Planned, waiting for the result" in text
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, WorkbookEntryScreen)
        text = squash(screen_text(app))
        assert "Behavioural experiment · written" in text
        assert "Step 3 of 3 · What happened" in text  # it opens where work is left
        assert app.focused is not None and app.focused.id == "result"
        await pilot.press(*"Nobody laughed", "tab", *"I can speak up", "tab", "2", "0", "enter")
        await pilot.pause()
        opened = form(app)
        assert opened.step == opened.review and opened.data.done  # (scrolled to its end)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WorkbookScreen)
        assert "Done · " in squash(screen_text(app))
    (saved,) = experiments(exercise_config)
    assert saved.done and saved.learned == "I can speak up" and saved.belief_after == 20


async def test_finishing_too_soon_says_what_is_missing(exercise_config: SessionConfig) -> None:
    app = EcouchApp(exercise_config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(1, page_index=PAGE)
        await pilot.pause()
        await pilot.press("tab", *"Nobody will come", "alt+right")
        await pilot.pause()
        await focus(pilot, "#step-next")
        await pilot.press("enter")  # Plan ready ✓, with no rating and no experiment
        await pilot.pause()
        text = squash(screen_text(app))
        assert "⚠ The plan is not ready yet. Still to do: step 1, rate how sure" in text
        assert "Step 2 of 3" in text  # still here, nothing lost
        await pilot.press("ctrl+q")
    (saved,) = experiments(exercise_config)
    assert saved.belief == "Nobody will come" and saved.state() == "Draft"


async def test_a_done_one_that_loses_its_result_is_not_done(exercise_config: SessionConfig) -> None:
    with Store.open(exercise_config.store_path, exercise_config.clock) as store:
        store.save_entry(
            module_id="try-it",
            page_id="experiment",
            block_id="first-experiment",
            kind=KIND,
            data=finished(),
        )
    app = EcouchApp(exercise_config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(1, page_index=PAGE)
        await pilot.pause()
        await focus(pilot, "#entries")
        await pilot.press("home", "down", "enter")
        await pilot.pause()
        assert "Finished ✓ · your experiment" in squash(screen_text(app))
        await focus(pilot, "#step-prev")
        await pilot.press("enter")  # ◀ Edit
        await pilot.pause()
        await focus(pilot, "#result")
        await pilot.press("end", *["backspace"] * len(finished().result))
        await pilot.pause()
        assert "Finished" not in squash(screen_text(app))
        await pilot.press("ctrl+q")
    (saved,) = experiments(exercise_config)
    assert not saved.done and saved.state() == WAITING


async def test_it_fits_a_40_by_12_screen(exercise_config: SessionConfig) -> None:
    app = EcouchApp(exercise_config)
    async with app.run_test(size=(40, 12), notifications=True) as pilot:
        await pilot.pause()
        app.open_week(1, page_index=PAGE)
        await pilot.pause()
        await pilot.press("tab", *"They will be cross", "tab", "7", "0", "alt+right")
        await pilot.pause()
        nav = form(app).query_one("#step-next")
        assert nav.region.right <= 40
        await focus(pilot, "#step-next")
        text = squash(screen_text(app))
        assert "◀ Step 1" in text and "Ready ✓" in text
        await pilot.press("ctrl+q")
    (saved,) = experiments(exercise_config)
    assert saved.belief_before == 70


async def test_words_that_look_like_markup_are_shown_as_typed(
    exercise_config: SessionConfig,
) -> None:
    app = EcouchApp(exercise_config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(1, page_index=PAGE)
        await pilot.pause()
        await pilot.press("tab", *"[/] [b]boss will [red]shout", "tab", "9", "0", "alt+right")
        await pilot.pause()
        text = squash(screen_text(app))
        assert "Belief: [/] [b]boss will [red]shout · sure 90/100" in text
        await focus(pilot, "#entries")
        assert 'Draft · "[/] [b]boss will [red]shout" · sure 90' in squash(screen_text(app))
        await pilot.press("ctrl+q")


def test_export_and_import_keep_it(exercise_config: SessionConfig, tmp_path: Path) -> None:
    with Store.open(exercise_config.store_path, exercise_config.clock) as store:
        for data in (planned(), finished()):
            store.save_entry(
                module_id="try-it",
                page_id="experiment",
                block_id="first-experiment",
                kind=KIND,
                data=data,
            )
        document = from_json(to_json(build_export(store)))
        mine = sorted((e.uid, e.data) for e in store.entries(kind=KIND))
    exported = [e for e in document.entries if e.kind == KIND]
    assert sorted(msgspec.convert(e.data, BehaviouralExperiment).state() for e in exported) == [
        DONE,
        WAITING,
    ]
    with Store.open(
        tmp_path / "other" / "ecouch.sqlite3", FixedClock(exercise_config.clock.today())
    ) as new:
        import_document(new, document)
        again = sorted((e.uid, e.data) for e in new.entries(kind=KIND))
    assert again == mine


def test_validate_points_at_a_bad_field(
    exercise_course: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(exercise_course)]) == 0
    module = exercise_course / "01-try-it.yaml"
    text = module.read_text(encoding="utf-8")
    broken = text.replace(
        "        id: first-experiment\n",
        "        id: first-experiment\n        belief: People will laugh\n",
    )
    module.write_text(broken, encoding="utf-8")
    capsys.readouterr()
    assert main(["validate", str(exercise_course)]) == 1
    out = capsys.readouterr()
    said = out.out + out.err
    assert "01-try-it.yaml:13:9:" in said and "belief" in said


def test_the_demo_writes_experiments_from_the_hook(exercise_course: Path, tmp_path: Path) -> None:
    clock = FixedClock(datetime(2026, 3, 2).date())
    config = make_demo(tmp_path / "demo", modules_dir=exercise_course, clock=clock, region="AU")
    with Store.open(config.store_path, clock) as store:
        found = [e.decode(BehaviouralExperiment) for e in store.entries(kind=KIND)]
    assert sorted(e.state() for e in found) == [DONE, WAITING]
