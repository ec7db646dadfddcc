"""What the clinical reading of the first edition asked for (issue 14), as the bundled
course now has it: the order of the weeks, help where distress is likely, the facts it
corrected, and applied relaxation built over four weeks. And a store made while the
weeks were in the old order opens on the new one with nothing lost."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from ecouch_tui.clock import FixedClock
from ecouch_tui.commands.demo import make_demo
from ecouch_tui.content.blocks.relaxation import RelaxationBlock
from ecouch_tui.content.loader import load_course
from ecouch_tui.content.models import Module
from ecouch_tui.course.relaxation import practice_length
from ecouch_tui.course.unlock import Status
from ecouch_tui.paths import bundled_modules_dir
from ecouch_tui.session import SessionConfig, open_session
from ecouch_tui.store.export import build_export, to_json
from ecouch_tui.ui.app import EcouchApp

COURSE = load_course(bundled_modules_dir())
WEEK = {module.week: module for module in COURSE.modules}
ID_WEEK = {module.id: module.week for module in COURSE.modules}

#: Words that mean a page is about suicide or self-harm, so it must offer help at once.
DISTRESS = re.compile(
    r"suicid|better off dead|self-harm|hurting yourself|harming yourself|ending your life"
    r"|hopeless thoughts",
    re.IGNORECASE,
)


def text_of(blocks: object) -> str:
    return " ".join(t for block in blocks for t in block.texts())  # type: ignore[attr-defined]


def module_text(module: Module) -> str:
    return " ".join(text_of(page.blocks) for page in module.pages)


def test_activation_comes_before_thought_challenging() -> None:
    """Jacobson 1996: activation alone did as well as full CBT, and asks less of a tired
    mind; so it is taught before thought records and thinking traps."""
    assert ID_WEEK["activation"] < ID_WEEK["thoughts"] < ID_WEEK["thinking-traps"]
    assert ID_WEEK["activation"] == 4


def test_a_fixed_wake_time_is_taught_well_before_week_11() -> None:
    early = [w for w, m in WEEK.items() if "same time each day" in module_text(m)]
    assert early and min(early) <= 6, early


@pytest.mark.parametrize("week", range(1, 13))
def test_every_page_about_suicide_or_self_harm_offers_help_on_that_page(week: int) -> None:
    for page in WEEK[week].pages:
        blocks = [b for b in page.blocks if b.kind != "quiz"]
        if DISTRESS.search(text_of(blocks)):
            assert any(b.kind == "get_help" for b in blocks), f"week {week}, page {page.id}"


def test_hopelessness_as_a_thinking_trap_points_to_help() -> None:
    traps = WEEK[ID_WEEK["thinking-traps"]]
    page = next(p for p in traps.pages if "hopeless" in text_of(p.blocks).lower())
    assert any(b.kind == "get_help" for b in page.blocks)


def test_the_safety_plan_is_introduced_in_week_one() -> None:
    text = module_text(WEEK[1])
    assert "safety plan" in text.lower()
    assert "**F1**, then **p**" in text
    assert "If thoughts of suicide come back" in text


def test_st_johns_wort_names_its_serious_interactions() -> None:
    text = module_text(WEEK[ID_WEEK["what-helps"]])
    for named in ("serotonin syndrome", "contraceptive pill", "blood thinners"):
        assert named in text
    assert "Never take it together with an antidepressant" in text
    assert "Ask your doctor or pharmacist" in text


def test_medicine_facts_are_questions_for_the_doctor() -> None:
    text = module_text(WEEK[ID_WEEK["what-helps"]])
    assert "Questions worth asking your doctor" in text
    for fact in ("two to four\n            weeks", "Stopping suddenly", "six months", "under 25"):
        assert re.sub(r"\s+", " ", fact) in re.sub(r"\s+", " ", text)


def test_bipolar_caution_where_medicine_sleep_and_activity_are_taught() -> None:
    for module_id in ("what-helps", "activation", "problems-and-sleep"):
        text = module_text(WEEK[ID_WEEK[module_id]]).lower()
        assert "bipolar" in text or "very high" in text, module_id
        assert "doctor" in text


def test_no_claim_that_the_evidence_covers_ecouch_itself() -> None:
    text = re.sub(r"\s+", " ", module_text(WEEK[ID_WEEK["what-helps"]]))
    assert "ecouch itself has not been tested in a trial" in text
    assert "Reading this module, and trying its practice each week, is part of this" not in text


def test_figures_carry_their_year_and_lifetime_rates_are_a_range() -> None:
    text = re.sub(r"\s+", " ", module_text(WEEK[1]))
    assert "one person in five" not in text
    assert "11 to 15 people in every 100" in text
    assert "In 2017, the World Health Organization" in text
    assert "most people can recover" in text
    assert "people recover from depression" not in text  # RANZCP 2009's wording, gone
    helps = re.sub(r"\s+", " ", module_text(WEEK[3]))
    assert "In one Australian survey" not in helps
    assert "In another Australian survey" not in helps


def test_caffeine_rule_is_after_midday() -> None:
    text = re.sub(r"\s+", " ", module_text(WEEK[ID_WEEK["problems-and-sleep"]]))
    assert "No caffeine after midday, or within 6 hours of bed" in text


def relaxation_blocks(week: int) -> list[RelaxationBlock]:
    return [b for _, b in WEEK[week].blocks() if isinstance(b, RelaxationBlock)]


def test_applied_relaxation_builds_over_four_weeks() -> None:
    """Öst 1987: a full PMR first, then release only, a cue word, quick relaxation."""
    (pmr,) = [b for b in relaxation_blocks(9) if b.exercise == "pmr"]
    assert pmr.pmr is not None and len(pmr.pmr.groups) == 16
    assert 14 * 60 <= practice_length(pmr) <= 16 * 60  # a 15-minute practice
    (release,) = relaxation_blocks(10)
    assert release.pmr is not None and release.pmr.release_only
    (cue,) = relaxation_blocks(11)
    assert cue.exercise == "breathing" and cue.breathing.cue
    (quick,) = relaxation_blocks(12)
    assert quick.breathing.cue and practice_length(quick) <= 30


# -- a store from the old order ------------------------------------------------------------

#: The first edition's order of weeks 4 to 6 (thoughts, thinking traps, activation).
OLD_ORDER = {"05-thoughts.yaml": 4, "06-thinking-traps.yaml": 5, "04-activation.yaml": 6}
TODAY = date(2026, 4, 1)


def old_order_course(folder: Path) -> Path:
    """The bundled course with weeks 4 to 6 back in the first edition's order."""
    shutil.copytree(bundled_modules_dir(), folder)
    manifest = folder / "course.yaml"
    listed = manifest.read_text(encoding="utf-8")
    new = "  - 04-activation.yaml\n  - 05-thoughts.yaml\n  - 06-thinking-traps.yaml\n"
    old = "  - 05-thoughts.yaml\n  - 06-thinking-traps.yaml\n  - 04-activation.yaml\n"
    assert new in listed
    manifest.write_text(listed.replace(new, old), encoding="utf-8")
    for name, week in OLD_ORDER.items():
        path = folder / name
        text = re.sub(r"(?m)^week: \d+$", f"week: {week}", path.read_text(encoding="utf-8"))
        path.write_text(text, encoding="utf-8")
    return folder


def states(config: SessionConfig) -> dict[str, tuple[Status, int]]:
    session = open_session(config)
    try:
        return {w.module_id or "": (w.status, w.pages_seen) for w in session.weeks()}
    finally:
        session.store.close()


def exported(config: SessionConfig) -> bytes:
    session = open_session(config)
    try:
        document = build_export(session.store)
    finally:
        session.store.close()
    return to_json(document)


async def test_a_store_made_in_the_old_order_opens_in_the_new_one_with_nothing_lost(
    tmp_path: Path,
) -> None:
    old_course = old_order_course(tmp_path / "old-course")
    assert [m.id for m in load_course(old_course).modules][3:6] == [
        "thoughts",
        "thinking-traps",
        "activation",
    ]
    folder = tmp_path / "demo"
    folder.mkdir(mode=0o700)
    # Twelve weeks lived in the old order: entries in every exercise, pages seen.
    config = make_demo(folder, modules_dir=old_course, clock=FixedClock(TODAY), region="AU")
    config.policy = None
    before, before_states = exported(config), states(config)

    config.modules_dir = bundled_modules_dir()
    after, after_states = exported(config), states(config)
    assert after == before  # every record the store holds, unchanged
    assert after_states == before_states  # each module done, or seen, as far as it was
    assert before_states["activation"][1] > 0

    # And the app shows the new order, with the old progress in its new place.
    app = EcouchApp(config)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        weeks = {w.week: w for w in app.session.weeks()}
        assert weeks[4].module_id == "activation"
        assert weeks[5].module_id == "thoughts"
        assert (weeks[4].status, weeks[4].pages_seen) == before_states["activation"]


def test_rumination_and_behavioural_experiments_are_practised_beside_thought_records() -> None:
    thoughts = {b.kind for _, b in WEEK[ID_WEEK["thoughts"]].blocks()}
    traps = {b.kind for _, b in WEEK[ID_WEEK["thinking-traps"]].blocks()}
    assert {"thought_record", "rumination"} <= thoughts
    assert {"thought_record", "behavioural_experiment"} <= traps
    text = re.sub(r"\s+", " ", module_text(WEEK[ID_WEEK["thoughts"]]))
    for taught in ("Spot the warning signs", 'From "why" to "how"', "Worry time"):
        assert taught in text
