"""The `relaxation` block: its timing rules, and the real app driven with the keyboard.

Time is moved by hand (`RelaxationView.tick`, or the session clock for the app's own
frames), so no test waits for a pacer in real time.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import enrol, focus, past_autosave, screen_text, squash
from practice_course import BREATHING_PAGE, PMR_PAGE, WEEK, use_practice_course
from textual.pilot import Pilot

from ecouch_tui.clock import FixedClock
from ecouch_tui.content.blocks.relaxation import (
    Breathing,
    MuscleGroup,
    Pmr,
    RelaxationBlock,
    RelaxationSession,
)
from ecouch_tui.course.relaxation import (
    Practice,
    breathing_cue,
    breathing_length,
    clock_face,
    clock_words,
    cue_at,
    pmr_cue,
    pmr_length,
    rhythm_words,
)
from ecouch_tui.paths import bundled_modules_dir
from ecouch_tui.session import SessionConfig
from ecouch_tui.store.db import Store
from ecouch_tui.ui.app import EcouchApp
from ecouch_tui.ui.blocks import widget_for
from ecouch_tui.ui.blocks.base import BlockContext
from ecouch_tui.ui.blocks.relaxation import RelaxationForm, RelaxationView, Shape
from ecouch_tui.ui.screens.home import HomeScreen
from ecouch_tui.ui.widgets.rating import Rating

SIZE = (80, 24)
SLOW = Breathing(inhale=4, exhale=6, minutes=1)
BOX = Breathing(inhale=4, hold=2, exhale=6, hold_after=2, minutes=5)
GROUPS = [
    MuscleGroup(name="Hands", instruction="Make a fist."),
    MuscleGroup(name="Shoulders", instruction="Lift them."),
    MuscleGroup(name="Face", instruction="Screw up your eyes."),
]
PMR = Pmr(tense_seconds=5, release_seconds=10, groups=GROUPS)


# -- the rules: where a practice is at a moment ---------------------------------------------


@pytest.mark.parametrize(
    ("elapsed", "phase", "countdown", "step"),
    [
        (0, "in", 4, 1),
        (0.5, "in", 4, 1),
        (1, "in", 3, 1),
        (3.9, "in", 1, 1),
        (4, "out", 6, 1),
        (9.99, "out", 1, 1),
        (10, "in", 4, 2),
        (59.5, "out", 1, 6),
    ],
)
def test_a_4_0_6_rhythm_breathes_in_for_4_and_out_for_6(
    elapsed: float, phase: str, countdown: int, step: int
) -> None:
    cue = breathing_cue(SLOW, elapsed)
    assert (cue.phase, cue.countdown, cue.step, cue.steps) == (phase, countdown, step, 6)


def test_the_shape_grows_breathing_in_and_shrinks_breathing_out() -> None:
    assert breathing_cue(SLOW, 0).fullness == pytest.approx(0)
    assert breathing_cue(SLOW, 2).fullness == pytest.approx(0.5)
    assert breathing_cue(SLOW, 4).fullness == pytest.approx(1)
    assert breathing_cue(SLOW, 7).fullness == pytest.approx(0.5)


def test_many_small_ticks_land_on_the_phase_boundary() -> None:
    practice = Practice(breathing_length(SLOW))
    for _ in range(40):
        practice.tick(0.1)  # 40 x 0.1 is a hair under 4.0 in floating point
    assert breathing_cue(SLOW, practice.elapsed).phase == "out"


def test_holds_after_breathing_in_and_out() -> None:
    phases = [(breathing_cue(BOX, t).phase, breathing_cue(BOX, t).countdown) for t in (3, 4, 6, 12)]
    assert phases == [("in", 1), ("hold", 2), ("out", 6), ("rest", 2)]
    assert breathing_cue(BOX, 5).fullness == 1 and breathing_cue(BOX, 13).fullness == 0


def test_a_practice_ends_after_a_whole_breath() -> None:
    assert breathing_length(SLOW) == 60
    # 5 minutes of a 14-second breath is 21.4 breaths: it runs to 22 (308 s).
    assert breathing_length(BOX) == 22 * 14
    done = breathing_cue(SLOW, 60)
    assert done.phase == "done" and done.left == 0


def test_pmr_tenses_then_releases_each_group_in_turn() -> None:
    assert pmr_length(PMR) == 45
    first = pmr_cue(PMR, 0)
    assert (first.phase, first.countdown, first.title, first.step) == ("tense", 5, "Hands", 1)
    assert first.instruction == "Make a fist."
    release = pmr_cue(PMR, 7)
    assert (release.phase, release.countdown, release.title) == ("release", 8, "Hands")
    second = pmr_cue(PMR, 15)
    assert (second.phase, second.title, second.step) == ("tense", "Shoulders", 2)
    assert pmr_cue(PMR, 45).phase == "done"


def test_pmr_rounds_take_each_group_that_many_times_in_a_row() -> None:
    twice = Pmr(tense_seconds=5, release_seconds=10, rounds=2, groups=GROUPS)
    assert pmr_length(twice) == 90
    again = pmr_cue(twice, 15)
    assert (again.phase, again.title, again.step, again.round, again.rounds) == (
        "tense",
        "Hands",
        1,
        2,
        2,
    )
    nxt = pmr_cue(twice, 30)
    assert (nxt.title, nxt.step, nxt.round) == ("Shoulders", 2, 1)
    assert pmr_cue(twice, 89.9).title == "Face" and pmr_cue(twice, 90).phase == "done"
    words = rhythm_words(RelaxationBlock(id="p", exercise="pmr", pmr=twice))
    assert words == (
        "About 1 min 30 s: 3 muscle groups, tense each for 5 s, then release for 10 s, twice."
    )


def test_release_only_lets_each_group_go_without_tensing() -> None:
    release = Pmr(tense_seconds=0, release_seconds=10, groups=GROUPS)
    assert release.release_only and pmr_length(release) == 30
    first = pmr_cue(release, 0)
    assert (first.phase, first.countdown, first.title) == ("release", 10, "Hands")
    assert first.instruction == "Make a fist."  # the author's words for letting go
    assert pmr_cue(release, 10).title == "Shoulders"
    words = rhythm_words(RelaxationBlock(id="p", exercise="pmr", pmr=release))
    assert words == "About 30 seconds: 3 muscle groups, let each go for 10 s, without tensing."


def test_a_cue_word_is_said_on_each_breath_out_and_half_a_minute_is_three_breaths() -> None:
    quick = Breathing(inhale=4, exhale=6, minutes=0.5, cue="settle")
    assert breathing_length(quick) == 30
    assert breathing_cue(quick, 0).instruction == ""
    assert breathing_cue(quick, 5).instruction == 'Say "settle" to yourself'
    words = rhythm_words(RelaxationBlock(id="q", breathing=quick))
    assert words == (
        '30 seconds: in for 4 s, out for 6 s, saying "settle" on each breath out'
        " (about 6 breaths a minute)."
    )


def test_a_paused_practice_does_not_count_time() -> None:
    practice = Practice(60)
    practice.tick(12)
    practice.paused = True
    practice.tick(30)
    assert practice.elapsed == 12 and practice.minutes == 0.2
    practice.paused = False
    practice.tick(100)
    assert practice.finished and practice.elapsed == 60


def test_rhythm_and_time_in_words() -> None:
    block = RelaxationBlock(id="b", breathing=SLOW)
    assert rhythm_words(block) == ("1 minute: in for 4 s, out for 6 s (about 6 breaths a minute).")
    pmr = RelaxationBlock(id="p", exercise="pmr", pmr=PMR)
    assert rhythm_words(pmr).startswith("About 45 seconds: 3 muscle groups")
    assert cue_at(pmr, 0).phase == "tense"
    assert clock_words(90) == "1 min 30 s" and clock_words(1) == "1 second"
    assert clock_face(59.2) == "1:00" and clock_face(0) == "0:00"


def test_a_session_sums_itself_up() -> None:
    session = RelaxationSession(
        started_at="2026-01-05T09:00:00+00:00",
        minutes=5,
        tension_before=7,
        tension_after=3,
        completed=True,
    )
    assert session.summary() == "Mon 5 Jan 09:00 · slow breathing · 5 min · tension 7 → 3"
    part = RelaxationSession(exercise="pmr", started_at="2026-01-05T09:00:00+00:00", minutes=0.4)
    assert part.summary() == "Mon 5 Jan 09:00 · muscle relaxation · under 1 min (part-way)"
    assert RelaxationSession().empty() and not part.empty()


# -- the app ------------------------------------------------------------------------------


@pytest.fixture
def practice_config(config: SessionConfig, course_dir: Path) -> SessionConfig:
    use_practice_course(config, course_dir)
    enrol(config)
    return config


def view(app: EcouchApp) -> RelaxationView:
    return app.screen.query_one(RelaxationView)


def shape_cells(app: EcouchApp) -> int:
    """How wide the pacer's shape is drawn now (its middle row)."""
    return screen_text(app).count("█")


def saved_sessions(config: SessionConfig) -> list[RelaxationSession]:
    with Store.open(config.store_path, config.clock) as store:
        return [e.decode(RelaxationSession) for e in store.entries(kind="relaxation")]


async def start_practice(
    app: EcouchApp, pilot: Pilot[None], page: int, tension: str | None
) -> None:
    app.open_week(WEEK, page_index=page)
    await pilot.pause()
    await pilot.press("tab")  # the tension rating
    if tension is not None:
        await pilot.press(*tension)
    await pilot.press("tab", "enter")  # Start
    await pilot.pause()


@pytest.mark.slow
async def test_the_pacer_shows_each_phase_at_its_moment(practice_config: SessionConfig) -> None:
    app = EcouchApp(practice_config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await start_practice(app, pilot, BREATHING_PAGE, "7")
        text = squash(screen_text(app))
        assert "Breathe in… 4" in text
        assert "Breath 1 of 6 · 1:00 left" in text
        # Saved the moment it started, before any time has passed.
        (session,) = saved_sessions(practice_config)
        assert session.tension_before == 7 and session.minutes == 0 and not session.completed

        view(app).tick(1)
        await pilot.pause()
        assert "Breathe in… 3" in screen_text(app)
        growing = shape_cells(app)
        view(app).tick(2.9)
        await pilot.pause()
        assert "Breathe in… 1" in screen_text(app)
        assert shape_cells(app) > growing

        view(app).tick(0.1)  # 4 s: the turn
        await pilot.pause()
        text = squash(screen_text(app))
        assert "Breathe out… 6" in text and "Breathe in" not in text
        full = shape_cells(app)
        view(app).tick(3)
        await pilot.pause()
        assert "Breathe out… 3" in screen_text(app)
        assert shape_cells(app) < full

        view(app).tick(3)  # 10 s: the second breath
        await pilot.pause()
        text = squash(screen_text(app))
        assert "Breathe in… 4" in text and "Breath 2 of 6 · 0:50 left" in text


async def test_the_app_moves_the_pacer_by_the_session_clock(
    practice_config: SessionConfig, clock: FixedClock
) -> None:
    app = EcouchApp(practice_config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await start_practice(app, pilot, BREATHING_PAGE, None)
        form = app.screen.query_one(RelaxationForm)
        clock.advance(seconds=0.5)
        form._on_frame()  # what the app's 10-a-second interval does
        clock.advance(seconds=0.5)
        form._on_frame()
        assert form.practice.elapsed == pytest.approx(1)
        clock.advance(hours=2)  # a laptop asleep mid-practice: not counted as practice
        form._on_frame()
        assert form.practice.elapsed == pytest.approx(2)
        await pilot.pause()
        assert "Breathe in… 2" in screen_text(app)


async def test_pause_stops_time_and_space_resumes(practice_config: SessionConfig) -> None:
    app = EcouchApp(practice_config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await start_practice(app, pilot, BREATHING_PAGE, "6")
        view(app).tick(2)
        await pilot.press("space")  # the pacer has focus on starting
        await pilot.pause()
        text = squash(screen_text(app))
        assert "Paused at breathe in… 2" in text
        assert "0:58 left · press space to carry on" in text
        assert "Carry on (space)" in text
        (session,) = saved_sessions(practice_config)  # pausing saves what was done
        assert session.minutes == pytest.approx(0.03)

        view(app).tick(30)  # time passes while paused...
        await pilot.pause()
        assert "Paused at breathe in… 2" in squash(screen_text(app))  # ...and is not counted
        assert view(app).form.practice.elapsed == 2

        await pilot.press("space")
        view(app).tick(2)
        await pilot.pause()
        text = squash(screen_text(app))
        assert "Breathe out… 6" in text and "Paused" not in text


async def test_a_full_practice_is_logged_with_tension_before_and_after(
    practice_config: SessionConfig,
) -> None:
    app = EcouchApp(practice_config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await start_practice(app, pilot, BREATHING_PAGE, "7")
        for _ in range(60):
            view(app).tick(1)
        await pilot.pause()
        text = squash(screen_text(app))
        assert "Well done: 1 minute of slow breathing." in text
        assert "How tense do you feel now?" in text
        await pilot.press("3")  # the rating after has focus
        await pilot.press("tab", "enter")  # Done
        await pilot.pause()
        text = squash(screen_text(app))
        assert "Tension 7 → 3." in text
        app.set_focus(None)
        await pilot.press("pagedown")  # the history sits below the practice
        await pilot.pause()
        text = squash(screen_text(app))
        assert "· slow breathing · 1 min · tension 7 → 3" in text
        assert "Start ▶" in text  # ready for another practice
    (session,) = saved_sessions(practice_config)
    assert session.minutes == 1 and session.completed
    assert (session.tension_before, session.tension_after) == (7, 3)
    assert session.exercise == "breathing"
    assert session.started_at.startswith("2026-01-05T09:00:00")


async def test_stopping_early_keeps_the_minutes_done(practice_config: SessionConfig) -> None:
    app = EcouchApp(practice_config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await start_practice(app, pilot, BREATHING_PAGE, "8")
        view(app).tick(12)
        await pilot.press("s")
        await pilot.pause()
        assert "You practised slow breathing for 12 seconds." in squash(screen_text(app))
        await pilot.press("5")
        await past_autosave(pilot)  # past the autosave delay; no Done pressed
    (session,) = saved_sessions(practice_config)
    assert session.minutes == 0.2 and not session.completed
    assert (session.tension_before, session.tension_after) == (8, 5)


@pytest.mark.slow
async def test_leaving_part_way_keeps_the_session_to_find_after_a_restart(
    practice_config: SessionConfig,
) -> None:
    app = EcouchApp(practice_config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await start_practice(app, pilot, BREATHING_PAGE, "9")
        view(app).tick(32)
        await pilot.press("escape")  # home, mid-breath: asked first (issue 13)
        await pilot.pause()
        await pilot.click("#leave")  # "Leave now"
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    (session,) = saved_sessions(practice_config)
    assert session.minutes == pytest.approx(32 / 60, abs=0.01) and not session.completed

    app = EcouchApp(practice_config)
    async with app.run_test(size=(110, 40), notifications=True) as pilot:
        await pilot.pause()
        app.open_week(WEEK, page_index=BREATHING_PAGE)
        await pilot.pause()
        text = squash(screen_text(app))
        assert (
            "Mon 5 Jan 09:00 · slow breathing · under 1 min (part-way) · tension 9 before" in text
        )
        # Keyboard: rating, Start, then the history list; past "new", to the session.
        await pilot.press("tab", "tab", "tab", "down", "down", "enter")
        await pilot.pause()
        text = squash(screen_text(app))
        assert "Mon 5 Jan 09:00: 32 seconds of slow breathing (part-way)." in text
        assert app.screen.query_one("#tension-before", Rating).value == 9
        await pilot.press("4")  # how tense now (focused)
        await pilot.press("tab", "enter")  # Done
        await pilot.pause()
        assert "tension 9 → 4" in squash(screen_text(app))
    (session,) = saved_sessions(practice_config)
    assert session.tension_after == 4


@pytest.mark.slow
async def test_pmr_steps_through_the_muscle_groups(practice_config: SessionConfig) -> None:
    app = EcouchApp(practice_config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(WEEK, page_index=PMR_PAGE)
        await pilot.pause()
        assert "About 45 seconds: 3 muscle groups, tense each for 5 s" in squash(screen_text(app))
        await start_practice(app, pilot, PMR_PAGE, "6")
        text = squash(screen_text(app))
        assert "Tense… 5" in text and "Hands (1 of 3)" in text
        assert "Make a fist with both hands." in text

        view(app).tick(5)
        await pilot.pause()
        text = squash(screen_text(app))
        assert "Release and notice… 10" in text and "Hands (1 of 3)" in text
        assert "notice how they feel" in text

        view(app).tick(10)
        await pilot.pause()
        text = squash(screen_text(app))
        assert "Tense… 5" in text and "Shoulders (2 of 3)" in text
        assert "Lift your shoulders towards your ears." in text

        view(app).tick(15)
        await pilot.pause()
        assert "Face (3 of 3)" in squash(screen_text(app))

        view(app).tick(15)
        await pilot.pause()
        assert "Well done: 45 seconds of muscle relaxation." in squash(screen_text(app))
    (session,) = saved_sessions(practice_config)
    assert session.exercise == "pmr" and session.completed
    assert session.minutes == 0.75


@pytest.mark.slow
async def test_a_tension_of_11_is_refused_and_never_saved(practice_config: SessionConfig) -> None:
    app = EcouchApp(practice_config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(WEEK, page_index=BREATHING_PAGE)
        await pilot.pause()
        await pilot.press("tab", "1", "1")
        await pilot.pause()
        text = squash(screen_text(app))
        assert "11 is too high" in text and "Choose a number from 0 to 10." in text
        assert app.screen.query_one("#tension-before", Rating).value != 11
        assert saved_sessions(practice_config) == []  # nothing is saved before starting
        await pilot.press("4", "tab", "enter")  # a good number, then Start
        await pilot.pause()
        view(app).tick(3)
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("1", "2")
        await pilot.pause()
        assert "12 is too high" in squash(screen_text(app))
        await pilot.press("3")
        await past_autosave(pilot)  # past the autosave delay
    (session,) = saved_sessions(practice_config)
    assert (session.tension_before, session.tension_after) == (4, 3)


async def test_the_workbook_can_open_the_block_on_one_session(
    practice_config: SessionConfig,
) -> None:
    with Store.open(practice_config.store_path, practice_config.clock) as store:
        entry = store.save_entry(
            module_id="practice",
            page_id="breathe",
            block_id="breathe",
            kind="relaxation",
            data=RelaxationSession(
                started_at="2026-01-05T08:00:00+00:00", minutes=5, tension_before=6, completed=True
            ),
        )
    app = EcouchApp(practice_config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_week(WEEK, page_index=BREATHING_PAGE)
        await pilot.pause()
        page = app.screen.query_one("#page")
        await page.remove_children()
        context = BlockContext(
            session=app.session, module_id="practice", page_id="breathe", focus_uid=entry.uid
        )
        await page.mount(widget_for(RelaxationBlock(id="breathe", breathing=SLOW), context))
        await pilot.pause()
        text = squash(screen_text(app))
        assert "Mon 5 Jan 08:00: 5 minutes of slow breathing." in text
        assert "How tense do you feel now?" in text and "Start ▶" not in text
        await focus(pilot, "#tension-after")
        await pilot.press("2", "escape")
        await pilot.pause()
    (session,) = saved_sessions(practice_config)
    assert (session.tension_before, session.tension_after, session.minutes) == (6, 2, 5)


async def test_fits_a_small_terminal(practice_config: SessionConfig) -> None:
    app = EcouchApp(practice_config)
    async with app.run_test(size=(60, 20), notifications=True) as pilot:
        await pilot.pause()
        await start_practice(app, pilot, BREATHING_PAGE, "5")
        view(app).tick(2)
        await pilot.pause()
        text = squash(screen_text(app))
        assert "Breathe in… 2" in text and "0:58 left" in text
        assert "Pause (space)" in text and "Stop (s)" in text
        shape = app.screen.query_one(Shape)
        assert shape.region.width <= 60


def test_the_timing_and_activity_rules_import_without_textual() -> None:
    from test_import_hygiene import loaded_after

    loaded = loaded_after(["ecouch_tui.course.relaxation", "ecouch_tui.course.activity"])
    assert not {m for m in loaded if m == "textual" or m.startswith("textual.")}


async def test_the_course_cue_word_practice_says_its_word_on_each_breath_out(
    config: SessionConfig,
) -> None:
    """Week 11's next relaxation step, in the bundled course, as its user sees it."""
    config.modules_dir = bundled_modules_dir()
    config.policy = "open"
    enrol(config)
    app = EcouchApp(config)
    async with app.run_test(size=(100, 50)) as pilot:  # the whole page, rhythm included
        await pilot.pause()
        module = app.session.course.module("problems-and-sleep")
        assert module is not None
        page = next(i for i, p in enumerate(module.pages) if p.id == "relaxation-step")
        app.open_week(module.week, page_index=page)
        await pilot.pause()
        assert 'saying "settle" on each breath out' in squash(screen_text(app))
        await pilot.press("tab", "5", "tab", "enter")  # tension 5, then Start
        await pilot.pause()
        view(app).tick(4.5)  # into the first breath out
        await pilot.pause()
        text = squash(screen_text(app))
        assert "Breathe out… 6" in text and 'Say "settle" to yourself' in text
