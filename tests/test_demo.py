"""`ecouch demo`: a lived-in synthetic history, every week open, and nothing left behind."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from datetime import date, timedelta
from pathlib import Path

import msgspec
import pytest
from helpers import palette, screen_text, squash

from ecouch_tui.clock import FixedClock
from ecouch_tui.commands import demo
from ecouch_tui.content.blocks import data_types
from ecouch_tui.content.loader import LoadedCourse, load_course
from ecouch_tui.course.checkin import taken_on
from ecouch_tui.course.safety import checkin_triggers
from ecouch_tui.course.scoring import score
from ecouch_tui.course.unlock import Status
from ecouch_tui.course.workbook import HOME_MODULE, find_block
from ecouch_tui.demo.history import DAYS_IN, DemoHistory, Mood, Save, generate
from ecouch_tui.paths import bundled_modules_dir
from ecouch_tui.session import SessionConfig, open_session
from ecouch_tui.ui.app import EcouchApp
from ecouch_tui.ui.screens.history import HistoryScreen
from ecouch_tui.ui.screens.home import HomeScreen
from ecouch_tui.ui.screens.mood import MoodScreen
from ecouch_tui.ui.screens.player import PlayerScreen
from ecouch_tui.ui.screens.workbook import WorkbookScreen

#: A Wednesday; the demo's person enrolled DAYS_IN days before.
TODAY = date(2026, 4, 1)
FIXTURE_COURSE = Path(__file__).parent / "fixtures" / "course"
SIZE = (80, 24)


@pytest.fixture(scope="module")
def course() -> LoadedCourse:
    return load_course(bundled_modules_dir())


@pytest.fixture(scope="module")
def history(course: LoadedCourse) -> DemoHistory:
    return generate(course, TODAY)


@pytest.fixture
def demo_config(tmp_path: Path) -> SessionConfig:
    folder = tmp_path / "demo"
    folder.mkdir(mode=0o700)
    return demo.make_demo(folder, clock=FixedClock(TODAY), region="AU")


def weekly_means(moods: list[Mood], started_on: date) -> list[float]:
    weeks: dict[int, list[int]] = {}
    for mood in moods:
        weeks.setdefault((mood.day - started_on).days // 7, []).append(mood.score)
    return [sum(scores) / len(scores) for _, scores in sorted(weeks.items())]


# -- the generator ---------------------------------------------------------------------------


def test_the_same_seed_gives_the_same_history(course: LoadedCourse, history: DemoHistory) -> None:
    assert generate(course, TODAY) == history
    assert generate(course, TODAY, seed=99) != history


def test_the_history_spans_twelve_weeks_and_stops_before_today(history: DemoHistory) -> None:
    assert history.started_on == TODAY - timedelta(days=DAYS_IN)
    assert (TODAY - history.started_on).days // 7 + 1 == 12  # today is in week 12
    times = [event.at for event in history.events]
    assert times == sorted(times)
    assert all(history.started_on <= moment.date() < TODAY for moment in times)


def test_mood_is_daily_with_a_few_gaps_and_trends_up(
    course: LoadedCourse, history: DemoHistory
) -> None:
    moods = history.moods()
    days = [m.day for m in moods]
    assert len(days) == len(set(days))
    assert DAYS_IN - 12 <= len(moods) < DAYS_IN  # a few evenings missed, not many
    assert all(0 <= m.score <= 10 for m in moods)
    assert all(m.at.date() == m.day for m in moods)  # logged on the evening itself
    offered = set(course.manifest.mood_tags if course.manifest else [])
    assert all(set(m.tags) <= offered for m in moods)
    assert not any({"slept well", "slept badly"} <= set(m.tags) for m in moods)
    assert sum(bool(m.note) for m in moods) >= 10
    assert sum(m.sleep_hours is not None for m in moods) >= 50
    means = weekly_means(moods, history.started_on)
    assert 2.5 <= means[0] <= 4.5
    assert 5.5 <= sum(means[-2:]) / 2 <= 7.5

    def tag_gap(tag: str) -> float:
        with_it = [m.score for m in moods if tag in m.tags]
        without = [m.score for m in moods if tag not in m.tags]
        return sum(with_it) / len(with_it) - sum(without) / len(without)

    for better in ("exercised", "saw friends", "got outside"):
        assert tag_gap(better) > 0.5, better
    assert tag_gap("slept badly") < -0.5


def test_checkins_score_as_answered_and_trend_from_moderate_to_mild(
    course: LoadedCourse, history: DemoHistory
) -> None:
    for checkin in history.checkins():
        questionnaire = course.questionnaire(checkin.instrument)
        assert questionnaire is not None
        result = score(questionnaire, list(checkin.answers))
        assert result.total == checkin.total
        assert result.band.name == checkin.band
        assert not checkin_triggers(questionnaire, result)  # never the safety screen
    phq9 = course.questionnaire("phq9")
    assert phq9 is not None
    weekly = history.checkins("phq9")
    assert len(weekly) == 12
    assert [(c.at.date() - history.started_on).days for c in weekly] == list(range(0, 78, 7))
    assert all(c.answers[8] == 0 for c in weekly)  # item 9: thoughts of self-harm
    assert weekly[0].band == "moderate" and 12 <= weekly[0].total <= 14
    assert weekly[-1].band == "mild" and weekly[-1].total <= 7
    assert weekly[-1].total < weekly[len(weekly) // 2].total < weekly[0].total
    assert all(set(c.extra) == {"difficulty"} for c in weekly)
    k10 = history.checkins("k10")
    assert len(k10) == 2 and k10[0].total > k10[1].total
    assert [c.band for c in k10] == ["high", "moderate"]


def check_entries(course: LoadedCourse, history: DemoHistory) -> None:
    """Every entry decodes to its kind's shape and names a block of that kind in the course."""
    for save in history.saves():
        shape = data_types()[save.kind]
        msgspec.json.decode(msgspec.json.encode(save.data), type=shape, strict=True)
        if save.module_id == HOME_MODULE:
            continue
        found = find_block(course, save.module_id, save.block_id)
        assert found is not None, save
        assert found.block.kind == save.kind
        assert found.page.id == save.page_id


def test_every_entry_has_its_shape_and_opens_in_its_block(
    course: LoadedCourse, history: DemoHistory
) -> None:
    check_entries(course, history)
    final = history.entries()
    kinds = {save.kind for save in final.values()}
    assert kinds >= set(data_types()) - {"safety_plan"}  # every exercise of the course
    count = {kind: sum(s.kind == kind for s in final.values()) for kind in kinds}
    assert count["thought_record"] >= 4
    assert count["activity_log"] >= 30
    assert count["relaxation"] >= 8
    assert count["reflection"] >= 11 and count["quiz"] >= 11


def test_exercises_fall_in_their_weeks_and_show_progress(
    course: LoadedCourse, history: DemoHistory
) -> None:
    def week_of(save: Save) -> int:
        return (save.at.date() - history.started_on).days // 7 + 1

    weeks = {entry.module.id: entry.week for entry in course.entries if entry.module}
    for save in history.saves():
        if save.module_id != HOME_MODULE:
            assert week_of(save) >= weeks[save.module_id], save  # never before its week
    final = list(history.entries().values())
    records = [
        msgspec.convert(s.data, data_types()[s.kind]) for s in final if s.kind == "thought_record"
    ]
    assert all(record.done and not record.missing() for record in records)
    relaxation = sorted(
        (s.data for s in final if s.kind == "relaxation"), key=lambda data: data.started_at
    )
    assert all(r.tension_after < r.tension_before for r in relaxation)
    first, last = relaxation[:3], relaxation[-3:]
    assert sum(r.tension_before for r in last) < sum(r.tension_before for r in first)
    plans = [s.data for s in final if s.kind == "activity_schedule"]
    rated = [p for p in plans if p.rated]
    assert len(rated) >= 10
    assert sum(p.actual_enjoyment - p.expected_enjoyment for p in rated) > 0
    assert any(not p.done and p.day >= TODAY for p in plans)  # some still to come


def test_physical_activity_rises_towards_the_guideline(
    course: LoadedCourse, history: DemoHistory
) -> None:
    sessions = [s.data for s in history.entries("physical_activity").values()]
    done = [s for s in sessions if s.counts]
    weight = {"light": 0, "moderate": 1, "vigorous": 2}
    by_week: dict[int, int] = {}
    for s in done:
        week = (s.day - history.started_on).days // 7 + 1
        by_week[week] = by_week.get(week, 0) + weight[s.intensity] * s.minutes
    assert sorted(by_week) == [10, 11, 12]  # from the week it is taught
    assert by_week[10] < by_week[11] and by_week[11] >= 120
    moods = {m.day: m for m in history.moods()}
    assert all("exercised" in moods[s.day].tags for s in done if s.day in moods)  # logs agree
    assert any(s.planned and not s.done and s.day > TODAY for s in sessions)


def test_a_course_from_modules_gets_what_fits_its_blocks() -> None:
    course = load_course(FIXTURE_COURSE)
    history = generate(course, TODAY)
    check_entries(course, history)
    assert len(history.checkins("phq9")) == 12
    assert {s.kind for s in history.saves()} == {"quiz", "reflection", "activity_log"}


def test_the_generator_imports_without_textual() -> None:
    code = (
        "import sys, ecouch_tui.demo.history, ecouch_tui.demo.writer, ecouch_tui.commands.demo\n"
        "print(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# -- the store it writes -------------------------------------------------------------------------


def test_make_demo_writes_a_lived_in_store(demo_config: SessionConfig) -> None:
    assert demo_config.policy == "open" and demo_config.mode == "demo"
    assert demo_config.data_dir.stat().st_mode & 0o777 == 0o700
    session = open_session(demo_config)
    try:
        store = session.store
        enrolment = store.enrolment()
        assert enrolment is not None and enrolment.region == "AU"
        assert enrolment.started_on == TODAY - timedelta(days=DAYS_IN)
        weeks = session.weeks()
        assert all(week.can_open for week in weeks)
        assert [w.status for w in weeks[:11]] == [Status.DONE] * 11
        assert weeks[11].status == Status.OPEN and 0 < weeks[11].pages_seen < weeks[11].pages
        target = session.continue_target(weeks)
        assert target is not None and target.week == 12
        progress = store.progress()
        completed = sorted(p.completed_at for p in progress.values() if p.completed_at)
        assert len({stamp[:10] for stamp in completed}) == 11  # spread over the weeks
        assert store.mood(TODAY) is None  # today is left for the demonstration
        assert len(store.checkins("phq9")) == 12
        assert taken_on(store.checkins("phq9")[-1]) == enrolment.started_on + timedelta(days=77)
        entries = store.entries()
        assert all(
            enrolment.started_on.isoformat() <= e.created_at[:10] < str(TODAY) for e in entries
        )
        assert any(e.updated_at > e.created_at for e in entries)  # drafts finished later
        assert not store.safety_events()
        assert (demo_config.data_dir / "cache").is_dir()  # the content cache stays inside
    finally:
        session.close()


# -- the app ----------------------------------------------------------------------------------------


async def test_home_shows_every_week_open_progress_and_the_demo_badge(
    demo_config: SessionConfig,
) -> None:
    app = EcouchApp(demo_config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        text = squash(screen_text(app))
        assert "DEMO · sample data" in text
        assert "11 of 12 weeks done" in text
        assert "▶ Continue: Week 12, Staying well · page 5 of 8" in text  # 60% of its pages
        assert "locked" not in text
        assert "Mood: not logged today (m)" in text
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Week 12, page 8: This week, try…" in titles  # every page of every week


@pytest.mark.slow
async def test_mood_history_and_workbook_show_the_sample_data(demo_config: SessionConfig) -> None:
    app = EcouchApp(demo_config)
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, MoodScreen)
        text = squash(screen_text(app))
        assert "Latest" in text and "· yesterday" in text
        assert "Logged 1" in text and "of 14 days" in text
        await pilot.press("2")  # three months: the whole course
        await pilot.pause()
        text = squash(screen_text(app))
        assert "▲ " in text and "days with it" in text
        await pilot.press("escape", "h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        text = squash(screen_text(app))
        assert "PHQ-9 · 12 check-ins" in text
        assert "(mild)" in text
        await pilot.press("escape", "w")
        await pilot.pause()
        assert isinstance(app.screen, WorkbookScreen)
        assert len(app.screen.items) >= 100
        text = squash(screen_text(app))
        assert "Week 12 ·" in text
        await pilot.press(*"thought")
        await pilot.pause()
        assert "Thought record" in squash(screen_text(app))


async def test_the_palette_jumps_to_a_page_of_a_late_week(demo_config: SessionConfig) -> None:
    app = EcouchApp(demo_config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await palette(pilot, "Week 9, page 2")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)
        text = squash(screen_text(app))
        assert "Week 9" in text and "Page 2 of 6" in text
        assert "Slow breathing" in text


# -- the command -------------------------------------------------------------------------------------

#: Run `ecouch demo` headless: say where its folder is once home is up, then quit (or
#: wait for a signal when DEMO_WAIT is set).
CHILD = textwrap.dedent(
    """
    import os, sys
    from ecouch_tui.ui.app import EcouchApp
    from ecouch_tui.ui.screens.home import HomeScreen

    run = EcouchApp.run
    def headless(self, **options):
        return run(self, **{**options, "headless": True})
    EcouchApp.run = headless

    mounted = HomeScreen.on_mount
    def on_mount(self):
        mounted(self)
        folder = self.app.config.data_dir
        sys.__stdout__.write(f"{folder}\\t{folder.is_dir()}\\n")
        sys.__stdout__.flush()
        if not os.environ.get("DEMO_WAIT"):
            self.call_after_refresh(self.app.exit)
    HomeScreen.on_mount = on_mount

    from ecouch_tui.cli import main
    sys.exit(main(["demo"]))
    """
)


def child_env(root: Path) -> dict[str, str]:
    """HOME, every XDG folder and the temporary folder, all empty and under `root`."""
    home, temp = root / "home", root / "tmp"
    home.mkdir()
    temp.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "ECOUCH_"))}
    env |= {"HOME": str(home), "TMPDIR": str(temp), "LANG": "en_GB.UTF-8"}
    for name in ("DATA_HOME", "CONFIG_HOME", "CACHE_HOME", "STATE_HOME", "RUNTIME_DIR"):
        env[f"XDG_{name}"] = str(home / name.lower())
    env["ECOUCH_DATA_DIR"] = str(root / "real-data")  # would be the user's own data
    return env


def test_ecouch_demo_touches_no_real_data_and_leaves_nothing_behind(tmp_path: Path) -> None:
    env = child_env(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    folder, existed = done.stdout.strip().split("\t")
    assert existed == "True"
    assert Path(folder).parent == tmp_path / "tmp"
    assert Path(folder).name.startswith(demo.PREFIX)
    assert not Path(folder).exists()
    assert list((tmp_path / "tmp").iterdir()) == []
    assert list((tmp_path / "home").iterdir()) == []  # HOME and the XDG folders: untouched
    assert not (tmp_path / "real-data").exists()


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX signals")
def test_a_terminated_demo_still_removes_its_folder(tmp_path: Path) -> None:
    env = child_env(tmp_path) | {"DEMO_WAIT": "1"}
    with subprocess.Popen(
        [sys.executable, "-c", CHILD], env=env, stdout=subprocess.PIPE, text=True
    ) as child:
        assert child.stdout is not None
        folder = Path(child.stdout.readline().split("\t")[0])
        assert folder.is_dir()
        child.terminate()
        assert child.wait(timeout=60) == 128 + 15  # closed as if quit, then said why
    assert not folder.exists()
    assert list((tmp_path / "tmp").iterdir()) == []


def test_demo_refuses_a_data_folder(capsys: pytest.CaptureFixture[str]) -> None:
    from ecouch_tui.cli import main

    assert main(["--data-dir", "somewhere", "demo"]) == 1
    assert "never a data folder" in capsys.readouterr().err
    assert not Path("somewhere").exists()


def test_a_folder_left_by_a_killed_demo_is_swept_up(tmp_path: Path) -> None:
    code = "import os; print(os.getpid())"
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    gone = ran.stdout.strip()  # a process that has ended
    stale, running, unmarked = (tmp_path / f"{demo.PREFIX}{n}" for n in ("a", "b", "c"))
    for folder in (stale, running, unmarked):
        folder.mkdir()
    (stale / demo.MARKER).write_text(gone)
    (running / demo.MARKER).write_text(str(os.getppid()))
    assert demo.sweep_stale(tmp_path) == [stale]
    assert not stale.exists() and running.exists() and unmarked.exists()


def test_the_sample_region_follows_the_locale() -> None:
    assert demo.region_from_locale({"LANG": "en_AU.UTF-8"}) == "AU"
    assert demo.region_from_locale({"LC_ALL": "en_GB.UTF-8", "LANG": "en_US.UTF-8"}) == "UK"
    assert demo.region_from_locale({"LANG": "de_DE.UTF-8"}) == "other"
    assert demo.region_from_locale({}) == "other"
