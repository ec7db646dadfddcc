"""An open screen never writes over what another process saved since it read it.

The defect (issue 12, item 2): with the app on the mood screen, `ecouch mood 3 --note …
--tag stressed` in a shell, then one key in the app, and the shell's note and tag were
gone: the screen saved the whole day as it held it. Now each save merges field by field
(`store.merge`): what only the other process changed is kept (and shown), what only the
user changed is written, and what both changed is asked about.
"""

from __future__ import annotations

from helpers import enrol, past_autosave, run_ecouch, screen_text, squash
from textual.pilot import Pilot
from textual.widgets import Input

from ecouch_tui.session import SessionConfig
from ecouch_tui.store.db import Store
from ecouch_tui.ui.app import EcouchApp
from ecouch_tui.ui.screens.changed_elsewhere import ChangedElsewhereScreen
from ecouch_tui.ui.screens.mood_entry import MoodEntryScreen
from ecouch_tui.ui.widgets.rating import Rating

TODAY = "2026-01-05"  # the clock fixture's day


def shell_mood(config: SessionConfig, *args: str) -> None:
    """`ecouch mood ...` in another terminal, on the same data folder and day."""
    done = run_ecouch(
        "mood",
        *args,
        env={"ECOUCH_DATA_DIR": str(config.store_path.parent), "ECOUCH_TODAY": TODAY},
    )
    assert done.returncode == 0, done.stderr


def stored(config: SessionConfig):  # type: ignore[no-untyped-def]
    with Store.open(config.store_path, config.clock) as store:
        return store.mood(config.clock.today())


async def settle(app: EcouchApp, pilot: Pilot[None]) -> None:
    await past_autosave(pilot)
    await app.saves_done()
    await pilot.pause()
    await pilot.pause()


async def asked(app: EcouchApp, pilot: Pilot[None]) -> ChangedElsewhereScreen:
    """The question, once the save that found the clash has landed (a busy machine can
    take a few frames more to show it)."""
    for _ in range(100):
        if isinstance(app.screen, ChangedElsewhereScreen):
            await pilot.pause()
            return app.screen
        await pilot.pause(0.05)
    raise AssertionError(f"no question about the clash; the screen is {app.screen!r}")


async def open_mood(app: EcouchApp, pilot: Pilot[None]) -> MoodEntryScreen:
    await pilot.pause()
    await pilot.press("m")
    await pilot.pause()
    assert isinstance(app.screen, MoodEntryScreen)
    return app.screen


async def test_a_key_in_the_app_keeps_the_note_and_tag_the_shell_saved(
    config: SessionConfig,
) -> None:
    enrol(config)
    with Store.open(config.store_path, config.clock) as store:
        store.save_mood(config.clock.today(), 6)
    app = EcouchApp(config)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_mood(app, pilot)
        shell_mood(config, "3", "--note", "rough meeting", "--tag", "stressed")
        screen.query_one("#sleep", Input).focus()
        await pilot.press("7")
        await settle(app, pilot)
        # The shell's score, note and tag are kept, and the app's sleep is added.
        entry = stored(config)
        assert (entry.score, entry.note, entry.tags, entry.sleep_hours) == (
            3,
            "rough meeting",
            ("stressed",),
            7.0,
        )
        # And the screen shows what the shell saved, so the next key cannot undo it.
        assert screen.query_one("#score", Rating).value == 3
        assert screen.query_one("#note", Input).value == "rough meeting"
        assert "Saved, with what was saved elsewhere meanwhile" in squash(screen_text(app))
        screen.query_one("#note", Input).focus()
        await pilot.press("end", *" again")
        await settle(app, pilot)
        entry = stored(config)
        assert (entry.score, entry.note, entry.tags) == (3, "rough meeting again", ("stressed",))


async def test_tags_ticked_here_and_given_in_the_shell_are_all_kept(config: SessionConfig) -> None:
    from ecouch_tui.ui.widgets.marked import MarkedCheckbox

    enrol(config)
    with Store.open(config.store_path, config.clock) as store:
        store.save_mood(config.clock.today(), 6)
    app = EcouchApp(config)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_mood(app, pilot)
        shell_mood(config, "6", "--tag", "stressed")
        await pilot.press("tab", "space")  # the first tag box: "slept badly"
        await settle(app, pilot)
        assert stored(config).tags == ("slept badly", "stressed")
        ticked = {box.name for box in screen.query(MarkedCheckbox) if box.value}
        assert ticked == {"slept badly", "stressed"}
        assert not isinstance(app.screen, ChangedElsewhereScreen)


async def both_set_the_score(config: SessionConfig, pilot: Pilot[None], app: EcouchApp) -> None:
    await open_mood(app, pilot)  # today not logged yet
    shell_mood(config, "3", "--note", "rough meeting", "--tag", "stressed")
    await pilot.press("right")  # the app's own score for the day: 1 (one press, one point)
    await settle(app, pilot)
    await asked(app, pilot)
    shown = squash(screen_text(app))
    assert "· saved elsewhere: 3" in shown
    assert "· here: 1" in shown
    # Nothing of the shell's was written over while the question is up.
    entry = stored(config)
    assert (entry.score, entry.note, entry.tags) == (3, "rough meeting", ("stressed",))


async def test_when_both_changed_the_score_the_user_is_asked_and_can_keep_theirs(
    config: SessionConfig,
) -> None:
    enrol(config)
    app = EcouchApp(config)
    async with app.run_test(size=(80, 24)) as pilot:
        await both_set_the_score(config, pilot, app)
        await pilot.click("#mine")
        await settle(app, pilot)
        assert isinstance(app.screen, MoodEntryScreen)
        entry = stored(config)
        assert (entry.score, entry.note, entry.tags) == (1, "rough meeting", ("stressed",))


async def test_or_take_the_one_saved_elsewhere(config: SessionConfig) -> None:
    enrol(config)
    app = EcouchApp(config)
    async with app.run_test(size=(80, 24)) as pilot:
        await both_set_the_score(config, pilot, app)
        await pilot.click("#theirs")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MoodEntryScreen)
        assert screen.query_one("#score", Rating).value == 3
        assert screen.query_one("#note", Input).value == "rough meeting"
        await pilot.press("escape")
        await settle(app, pilot)
        entry = stored(config)
        assert (entry.score, entry.note, entry.tags) == (3, "rough meeting", ("stressed",))


# -- the exercise forms and answers: the same merge, field by field ------------------------


def other_copy_saves(config: SessionConfig, uid: str, data: dict[str, object]) -> None:
    """What a second copy of ecouch (or an import) does: a save on its own connection."""
    with Store.open(config.store_path, config.clock) as store:
        entry = store.entry(uid)
        assert entry is not None
        store.save_entry(
            uid=uid,
            module_id=entry.module_id,
            page_id=entry.page_id,
            block_id=entry.block_id,
            kind=entry.kind,
            data=data,
        )


async def test_a_form_keeps_a_field_changed_elsewhere_and_asks_about_one_both_changed(
    config: SessionConfig,
) -> None:
    from ecouch_tui.ui.blocks.activity_log import ActivityForm
    from ecouch_tui.ui.blocks.entries import HOME
    from ecouch_tui.ui.screens.activity_entry import ActivityEntryScreen

    enrol(config)
    start = {"what": "walk", "day": TODAY, "achievement": 5, "enjoyment": 6}
    with Store.open(config.store_path, config.clock) as store:
        uid = store.save_entry(
            module_id="home", page_id="home", block_id="quick", kind="activity_log", data=start
        ).uid
    app = EcouchApp(config)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        screen = ActivityEntryScreen()
        await app.push_screen(screen)
        await screen.query_one(ActivityForm).remove()
        form = ActivityForm(HOME, uid=uid)
        await screen.query_one("VerticalScroll").mount(form)
        await pilot.pause()
        other_copy_saves(config, uid, {**start, "enjoyment": 9})
        form.query_one("#what", Input).focus()
        await pilot.press("end", *" in the park")
        form.flush()
        await settle(app, pilot)
        with Store.open(config.store_path, config.clock) as store:
            saved = store.entry(uid)
        assert saved is not None
        assert saved.as_dict()["what"] == "walk in the park"
        assert saved.as_dict()["enjoyment"] == 9  # the other copy's, kept
        (told,) = [n.message for n in app._notifications if n.title == "Changed elsewhere too"]
        assert told.startswith("This entry was also changed somewhere else. Both changes are kept")

        # Now both change what was done: the other copy's stays until the user chooses.
        other_copy_saves(config, uid, {**start, "what": "swim", "enjoyment": 9})
        form.query_one("#what", Input).focus()
        await pilot.press("end", "!")
        form.flush()
        await settle(app, pilot)
        await asked(app, pilot)
        shown = squash(screen_text(app))
        assert "saved elsewhere: swim" in shown
        assert "here: walk in the park!" in shown
        await pilot.click("#mine")
        await settle(app, pilot)
        with Store.open(config.store_path, config.clock) as store:
            saved = store.entry(uid)
        assert saved is not None
        assert saved.as_dict()["what"] == "walk in the park!"
        assert saved.as_dict()["enjoyment"] == 9


async def test_a_reflection_written_elsewhere_meanwhile_is_asked_about(
    config: SessionConfig,
) -> None:
    from textual.widgets import TextArea

    enrol(config)
    app = EcouchApp(config)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        app.open_week(1, page_index=3)  # the practice course's reflection page
        await pilot.pause()
        await pilot.press("tab", *"first")
        await settle(app, pilot)
        with Store.open(config.store_path, config.clock) as store:
            (entry,) = store.entries(kind="reflection")
        other_copy_saves(config, entry.uid, {"text": "from the other window"})
        await pilot.press(*" thoughts")
        await settle(app, pilot)
        await asked(app, pilot)
        assert "saved elsewhere: from the other window" in squash(screen_text(app))
        await pilot.click("#theirs")
        await settle(app, pilot)
        assert app.screen.query_one(TextArea).text == "from the other window"
        with Store.open(config.store_path, config.clock) as store:
            (entry,) = store.entries(kind="reflection")
        assert entry.as_dict() == {"text": "from the other window"}


# -- the merge itself ---------------------------------------------------------------------


def test_the_merge_writes_only_what_the_user_changed_and_knows_its_own_saves() -> None:
    from ecouch_tui.store.merge import Seen

    seen = Seen.shown({"note": "", "score": 6})
    # The user types; the save is on its way (sent) before the next one is made.
    first = seen.merge({"note": "a", "score": 6}, {"note": "", "score": 6})
    assert (first.write, first.conflicts) == ({"note": "a"}, {})
    seen = seen.sending({"note": "a"})
    # The stored "a" is this screen's own save, not someone else's change.
    second = seen.merge({"note": "ab", "score": 6}, {"note": "a", "score": 6})
    assert (second.write, second.conflicts, second.newer) == ({"note": "ab"}, {}, {})
    # Typing back to what was shown still saves it (it is a change from what was sent).
    seen = seen.sending({"note": "ab"})
    back = seen.merge({"note": "", "score": 6}, {"note": "ab", "score": 6})
    assert back.write == {"note": ""}
    # Someone else's score, when the user left the score alone: kept, and reported.
    other = seen.merge({"note": "ab", "score": 6}, {"note": "ab", "score": 3})
    assert (other.write, other.newer) == ({}, {"score": 3})


def test_a_field_never_filled_in_does_not_clash_with_one_filled_in_elsewhere() -> None:
    from ecouch_tui.store.merge import Seen

    seen = Seen.shown({})  # a new entry
    merged = seen.merge({"what": "walk", "time": ""}, {"what": "walk", "time": "10:30"})
    assert "time" not in merged.write
    assert (merged.conflicts, merged.newer) == ({}, {"time": "10:30"})
