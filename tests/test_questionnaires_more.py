"""The optional GAD-7, CES-D and AUDIT-C, and PHQ-9 item 9 named before any band.

Every scoring rule of the bundled files (band edges, reverse items, skipped items, answers
of each question's own), the model's checks, then the app, the shell command, the History
and the report as a user meets them.
"""

from __future__ import annotations

import io
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from helpers import enrol, run_ecouch, screen_text, squash
from textual.pilot import Pilot

from ecouch_tui.clock import FixedClock
from ecouch_tui.commands.checkin import checkin
from ecouch_tui.content.loader import load_questionnaires
from ecouch_tui.content.questionnaire import AnswerOption, Band, QuestionItem, Questionnaire
from ecouch_tui.course import checkin_text as words
from ecouch_tui.course.checkin import assess
from ecouch_tui.course.safety import checkin_triggers
from ecouch_tui.course.scoring import ScoringError, mismatch, score
from ecouch_tui.paths import bundled_modules_dir
from ecouch_tui.report import html
from ecouch_tui.report.gather import build_report
from ecouch_tui.session import SessionConfig, open_session
from ecouch_tui.store.db import Store
from ecouch_tui.store.records import Checkin
from ecouch_tui.store.report import read_report_records
from ecouch_tui.ui.app import EcouchApp
from ecouch_tui.ui.screens.checkin import CheckinScreen
from ecouch_tui.ui.screens.history import summary_text
from ecouch_tui.ui.screens.safety import SafetyScreen

SIZE = (80, 24)
BUNDLED = {q.id: q for q in load_questionnaires(bundled_modules_dir())[0]}
GAD7, CESD, AUDITC, PHQ9 = (BUNDLED[i] for i in ("gad7", "cesd", "auditc", "phq9"))
CESD_REVERSE = (4, 8, 12, 16)  # question numbers


def answers_for(q: Questionnaire, target: int) -> list[int | None]:
    """Answers (item by item, reversed where the item is) whose item scores add to `target`."""
    scores: list[int] = []
    left = target - q.lowest_total
    for index in range(len(q.items)):
        values = q.item_values(index)
        low, high = min(values), max(values)
        step = min(high - low, left)
        left -= step
        scores.append(low + step)
    assert left == 0, f"{target} is out of reach"
    out: list[int | None] = []
    for index, s in enumerate(scores):
        values = q.item_values(index)
        out.append(min(values) + max(values) - s if q.items[index].reverse else s)
    return out


# -- the files are the clinical reference's ---------------------------------------------------


def test_the_new_questionnaires_are_bundled_with_their_sources_and_notices() -> None:
    assert GAD7.notice == PHQ9.notice
    assert "Spitzer RL, Kroenke K, Williams JBW, Löwe B (2006)" in GAD7.source
    assert "Radloff LS (1977)" in CESD.source
    assert "Babor TF" in AUDITC.source and "Bush K" in AUDITC.source
    assert "Bradley KA" in AUDITC.bands_source and "does not ask sex" in AUDITC.bands_source
    assert [len(q.items) for q in (GAD7, CESD, AUDITC)] == [7, 20, 3]
    assert [i + 1 for i, item in enumerate(CESD.items) if item.reverse] == list(CESD_REVERSE)
    assert CESD.options[0].text == "Rarely or none of the time (less than 1 day)"
    assert GAD7.extra and GAD7.extra[0].options == PHQ9.extra[0].options


# -- band edges ---------------------------------------------------------------------------------

EDGES = [
    (GAD7, {0: "minimal", 4: "minimal", 5: "mild", 9: "mild", 10: "moderate"}),
    (GAD7, {14: "moderate", 15: "severe", 21: "severe"}),
    (CESD, {0: "below 16", 15: "below 16", 16: "16 or more", 60: "16 or more"}),
    (AUDITC, {0: "below 3", 2: "below 3", 3: "3 or more", 12: "3 or more"}),
    (PHQ9, {0: "minimal", 4: "minimal", 5: "mild", 19: "moderately severe", 20: "severe"}),
]


@pytest.mark.parametrize(("q", "edges"), EDGES, ids=lambda x: getattr(x, "id", ""))
def test_each_band_edge_scores_into_its_band(q: Questionnaire, edges: dict[int, str]) -> None:
    for total, band in edges.items():
        result = score(q, answers_for(q, total))
        assert (result.total, result.band.name) == (total, band)


def test_totals_run_over_each_items_own_range() -> None:
    assert (GAD7.lowest_total, GAD7.highest_total) == (0, 21)
    assert (CESD.lowest_total, CESD.highest_total) == (0, 60)
    assert (AUDITC.lowest_total, AUDITC.highest_total) == (0, 12)


# -- CES-D: reverse items and skipped ones ----------------------------------------------------


def test_cesd_reverse_items_score_three_minus_the_answer() -> None:
    assert score(CESD, [0] * 20).total == 12  # the four reverse items each score 3
    assert score(CESD, [3] * 20).total == 48
    happy = [3 if n in CESD_REVERSE else 0 for n in range(1, 21)]
    assert score(CESD, happy).total == 0
    worst = [0 if n in CESD_REVERSE else 3 for n in range(1, 21)]
    assert score(CESD, worst).total == 60


def test_cesd_declares_its_missing_item_rule_as_data() -> None:
    assert CESD.missing is not None
    assert (CESD.missing.at_most, CESD.missing.rule) == (4, "prorate")
    for q in (PHQ9, GAD7, AUDITC, BUNDLED["k10"]):
        assert q.missing is None


@pytest.mark.parametrize("skipped", [0, 1, 2, 3, 4])
def test_up_to_four_skipped_cesd_items_are_prorated(skipped: int) -> None:
    answers: list[int | None] = [2] * 20
    for index in range(skipped):
        answers[index * 5] = None  # items 1, 6, 11, 16 (16 is a reverse item)
    summed = sum(
        (3 - a if n in CESD_REVERSE else a) for n, a in enumerate(answers, 1) if a is not None
    )
    answered = 20 - skipped
    expected = int(summed * 20 / answered + 0.5)  # rounded, halves up
    result = score(CESD, answers)
    assert (result.total, result.skipped) == (expected, skipped)
    assert result.answers == tuple(answers)  # positions kept: None where skipped
    assert mismatch(CESD, answers, expected) is None  # importable as saved


def test_prorating_rounds_halves_up() -> None:
    # 19 answered, summing 19 x 1 + ... : 10 items at 1 of 19 -> 10 x 20 / 19 = 10.53 -> 11
    answers: list[int | None] = [None, *[1] * 10, *[0] * 9]
    answers[3] = 3  # item 4 (reverse): scores 0
    answers[7] = 3  # item 8 (reverse)
    answers[11] = 3  # item 12 (reverse)
    answers[15] = 3  # item 16 (reverse)
    summed = sum(1 for a in answers if a == 1)
    assert score(CESD, answers).total == int(summed * 20 / 19 + 0.5)
    # 2 skipped, 18 answered summing 9: 9 x 20 / 18 = 10.0 exactly
    exact: list[int | None] = [None, None] + [0] * 18
    for n in CESD_REVERSE:
        exact[n - 1] = 3
    for index in (4, 5, 6, 8, 9, 10, 12, 13, 14):
        exact[index] = 1
    assert score(CESD, exact).total == 10


def test_five_skipped_cesd_items_are_not_scored_and_say_why_kindly() -> None:
    answers: list[int | None] = [None] * 5 + [1] * 15
    with pytest.raises(ScoringError) as caught:
        score(CESD, answers)
    message = str(caught.value)
    assert "5 of the 20 questions were skipped" in message
    assert "4 or fewer" in message and "nothing was saved" in message
    assert mismatch(CESD, answers, 15) is not None  # and an import refuses it


def test_a_questionnaire_without_a_missing_rule_still_needs_every_answer() -> None:
    with pytest.raises(ScoringError, match="question 1 has no answer"):
        score(GAD7, [None, *[0] * 6])
    assert mismatch(PHQ9, [None, *[0] * 8], 0) is not None


def test_cesd_says_it_does_not_ask_about_suicide_and_is_no_clearance() -> None:
    result = score(CESD, [0] * 20)  # 12: below the cut-off
    said = " ".join(words.result_paragraphs(CESD, result))
    assert "does not ask about thoughts of suicide" in said
    assert "F1" in said
    assert checkin_triggers(CESD, result) == []
    assert words.asks_about_self_harm(PHQ9) and not words.asks_about_self_harm(CESD)


def test_a_cesd_well_above_16_recommends_a_gp_soon() -> None:
    (rule,) = CESD.safety
    assert rule.total_at_least == 27 and "27 or more" in rule.reason
    assert checkin_triggers(CESD, score(CESD, answers_for(CESD, 27))) == [rule.reason]
    assert checkin_triggers(CESD, score(CESD, answers_for(CESD, 26))) == []


# -- GAD-7 --------------------------------------------------------------------------------------


def test_a_severe_gad7_leads_to_the_gp_advice_with_its_number() -> None:
    (rule,) = GAD7.safety
    assert rule.total_at_least == 15 and "15 or more" in rule.reason
    severe = assess(GAD7, answers_for(GAD7, 15), None)
    assert severe.needs_safety and severe.reasons == (rule.reason,)
    assert "see your doctor (GP) soon" in severe.score.band.meaning
    assert "GAD-7 total is 15 of 21 (severe)" in words.safety_summary(
        GAD7, list(severe.reasons), severe
    )
    assert not assess(GAD7, answers_for(GAD7, 14), None).needs_safety
    for total in (10, 14):  # moderate: talk with a GP about anxiety
        meaning = score(GAD7, answers_for(GAD7, total)).band.meaning
        assert "GP" in meaning and "anxiety" in meaning


# -- AUDIT-C: each question's own answers -------------------------------------------------------


def test_auditc_questions_have_their_own_answers() -> None:
    assert [o.text for o in AUDITC.item_options(0)][1] == "Monthly or less"
    assert [o.text for o in AUDITC.item_options(1)] == [
        "1 or 2",
        "3 or 4",
        "5 or 6",
        "7, 8 or 9",
        "10 or more",
    ]
    assert [o.text for o in AUDITC.item_options(2)][-1] == "Daily or almost daily"
    assert all(AUDITC.item_values(i) == [0, 1, 2, 3, 4] for i in range(3))
    assert score(AUDITC, [4, 4, 4]).total == 12
    assert score(AUDITC, [1, 0, 0]).total == 1
    with pytest.raises(ScoringError, match="question 2: 5 is not one of 0, 1, 2, 3, 4"):
        score(AUDITC, [0, 5, 0])


def test_auditc_is_positive_from_3_and_its_words_are_plain_and_kind() -> None:
    positive = score(AUDITC, [2, 1, 0])
    assert (positive.total, positive.band.name) == (3, "3 or more")
    meaning = positive.band.meaning
    for said in ("not a diagnosis", "low mood", "sleep", "antidepressants", "your doctor (GP)"):
        assert said in meaning
    assert "alcohol and drug service in your area" in meaning
    assert not any(ch.isdigit() for ch in meaning.replace("3 or more", ""))  # no phone numbers
    assert score(AUDITC, [1, 1, 0]).band.name == "below 3"


@pytest.mark.parametrize(
    ("region", "grams"),
    [
        ("AU", "10 g"),
        ("NZ", "10 g"),
        ("IE", "10 g"),
        ("UK", "8 g"),
        ("US", "14 g"),
        ("CA", "13.45 g"),
    ],
)
def test_the_standard_drink_is_the_regions(region: str, grams: str) -> None:
    note = AUDITC.note_for(region)
    assert grams in note
    assert "unit" in AUDITC.note_for("UK")
    assert "differs by country" in AUDITC.note_for("other")
    assert "differs by country" in AUDITC.note_for(None)
    assert GAD7.note_for(region) == ""


def test_per_item_options_set_totals_and_reverse_within_their_own_range() -> None:
    q = Questionnaire(
        id="mixed",
        name="MIXED",
        title="An invented mixed scale",
        stem="How often…",
        notice="Invented.",
        source="Invented.",
        options=[AnswerOption(value=0, text="No"), AnswerOption(value=1, text="Yes")],
        items=[
            QuestionItem(id="a", text="a?"),
            QuestionItem(
                id="b",
                text="b?",
                reverse=True,
                options=[AnswerOption(value=v, text=str(v)) for v in (1, 2, 3, 4, 5)],
            ),
        ],
        bands_source="Invented",
        bands=[Band(min=1, max=6, name="all", meaning="All.")],
    )
    assert (q.lowest_total, q.highest_total) == (1, 6)
    assert score(q, [1, 1]).total == 1 + 5
    assert score(q, [0, 5]).total == 0 + 1
    assert list(q.check()) == []
    bad = msgspec_replace_item(
        q, [AnswerOption(value=1, text="x"), AnswerOption(value=1, text="y")]
    )
    assert (("items", 1, "options"), "two answer options share a value") in list(bad.check())


def msgspec_replace_item(q: Questionnaire, options: list[AnswerOption]) -> Questionnaire:
    import msgspec

    item = msgspec.structs.replace(q.items[1], options=options)
    return msgspec.structs.replace(q, items=[q.items[0], item])


# -- validate: the new keys, located ------------------------------------------------------------


def test_validate_locates_mistakes_in_the_new_keys(tmp_path: Path) -> None:
    course = tmp_path / "course"
    shutil.copytree(bundled_modules_dir(), course)
    folder = course / "questionnaires"
    audit = (folder / "auditc.yaml").read_text(encoding="utf-8")
    audit = audit.replace("      - {value: 1, text: 3 or 4}", "      - {value: 0, text: 3 or 4}")
    audit = audit.replace("  CA: ", "  FR: ")
    (folder / "auditc.yaml").write_text(audit, encoding="utf-8")
    cesd = (folder / "cesd.yaml").read_text(encoding="utf-8")
    (folder / "cesd.yaml").write_text(cesd.replace("at_most: 4", "at_most: 20"), encoding="utf-8")
    gad7 = (folder / "gad7.yaml").read_text(encoding="utf-8")
    gad7 = gad7.replace("bands_source:", "missing: {at_most: 2, rule: average}\nbands_source:", 1)
    (folder / "gad7.yaml").write_text(gad7, encoding="utf-8")
    result = run_ecouch("--modules", str(course), "validate")
    assert result.returncode != 0
    joined = result.stdout + result.stderr
    audit_lines = audit.splitlines()
    dup = next(n for n, line in enumerate(audit_lines, 1) if "value: 0, text: 3 or 4" in line)
    assert f"auditc.yaml:{dup - 1}:7: two answer options share a value" in joined
    fr = next(n for n, line in enumerate(audit_lines, 1) if line.startswith("  FR: "))
    assert f"auditc.yaml:{fr}:" in joined and "unknown region 'FR'" in joined
    assert "cesd.yaml:" in joined and "at most 19 of the 20 items may be skipped" in joined
    assert "gad7.yaml:" in joined and "'average' is not allowed here" in joined


# -- PHQ-9 item 9 comes before any band ----------------------------------------------------------


def test_item_9_above_0_is_named_before_a_minimal_band() -> None:
    answers: list[int | None] = [*[0] * 8, 1]
    result = score(PHQ9, answers)
    assert result.band.name == "minimal"
    said = words.result_paragraphs(PHQ9, result)
    assert said[0].startswith("First, and whatever your total: you said you have had thoughts")
    assert "better off dead or of hurting yourself" in said[0]
    assert "“Several days”" in said[0]
    assert said[1] == result.band.meaning
    assert words.result_paragraphs(PHQ9, score(PHQ9, [0] * 9)) == [result.band.meaning]


def test_the_history_names_item_9_before_the_latest_band() -> None:
    checkin = Checkin(
        uid="a",
        instrument="phq9",
        taken_at="2026-01-05T09:00:00+00:00",
        answers=(0, 0, 0, 0, 0, 0, 0, 0, 2),
        total=2,
        band="minimal",
    )
    said = summary_text(PHQ9, [checkin])
    assert said.startswith("First: in your latest check-in you said you have had thoughts")
    assert said.index("question 9") < said.index("(minimal)")


def test_the_report_names_item_9_before_the_band_and_charts_every_new_one(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    start = date(2026, 1, 5)

    def stamp(day: int) -> str:
        moment = datetime(2026, 1, 5 + day, 20)
        return moment.astimezone().isoformat(timespec="seconds")

    with Store.open(data / "ecouch.sqlite3", FixedClock(datetime(2026, 1, 5, 9))) as store:
        store.enrol("AU", started_on=start)
        store.save_checkin("phq9", [0] * 8 + [1], 1, "minimal", taken_at=stamp(0))
        store.save_checkin("gad7", [1] * 7, 7, "mild", taken_at=stamp(1))
        skipped = [None, None, *[1] * 18]
        total = score(CESD, skipped).total
        store.save_checkin("cesd", skipped, total, "16 or more", taken_at=stamp(2))
        store.save_checkin("auditc", [2, 1, 1], 4, "3 or more", taken_at=stamp(3))
    with Store.open(data / "ecouch.sqlite3", FixedClock(datetime(2026, 1, 9))) as store:
        records = read_report_records(store)
        (cesd_saved,) = store.checkins("cesd")
    assert cesd_saved.answers[:2] == (None, None)  # stored as skipped, read back so
    from ecouch_tui.content.cache import load_course_cached

    course = load_course_cached(bundled_modules_dir(), None)
    report = build_report(course, records, date(2026, 1, 9), version="test")
    assert [i.id for i in report.instruments] == ["phq9", "auditc", "cesd", "gad7"]
    (row,) = report.instruments[0].rows
    assert row.fired == (9,)
    page = html.render(report)
    assert "Q9 above 0 · minimal" in page
    assert "Question 9 above 0 on 1 check-in" in page
    for name in ("GAD-7", "CES-D", "AUDIT-C"):
        assert f"My check-ins: {name}" in page


# -- the app -------------------------------------------------------------------------------------


def ready(config: SessionConfig, region: str = "AU") -> None:
    enrol(config, region)
    with Store.open(config.store_path, config.clock) as store:
        store.set_setting(words.NOTICE_SEEN, True)


def text(app: EcouchApp) -> str:
    return squash(screen_text(app))


async def keys(pilot: Pilot, *pressed: int | str) -> None:
    for key in pressed:
        await pilot.press(str(key))
        await pilot.pause()


def saved(config: SessionConfig, instrument: str) -> list[Checkin]:
    with Store.open(config.store_path, config.clock) as store:
        return store.checkins(instrument)


async def test_a_severe_gad7_in_the_app_shows_the_safety_screen_then_gp_advice(
    config: SessionConfig,
) -> None:
    ready(config)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.action_checkin("gad7")
        await pilot.pause()
        assert "Over the last 2 weeks, how often have you been bothered by the" in text(app)
        await keys(pilot, *[2] * 7)  # 14: moderate, no safety screen, the extra question
        assert "One more question" in text(app)
        await keys(pilot, "escape")
        await pilot.pause()
        shown = text(app)
        assert "Total: 14 of 21" in shown and "talk with your doctor (GP) about anxiety" in shown
        await keys(pilot, "escape")
        app.action_checkin("gad7")
        await pilot.pause()
        await keys(pilot, "n")  # answer again, replacing today's
        await keys(pilot, *[3] * 7)
        await pilot.pause()
        assert isinstance(app.screen, SafetyScreen)
        assert "GAD-7 total is 21 of 21 (severe)" in text(app)
        await keys(pilot, "escape")
        shown = text(app)
        assert "Total: 21 of 21" in shown and "Please see your doctor (GP) soon" in shown
    assert [c.total for c in saved(config, "gad7")] == [21]


async def test_a_cesd_in_the_app_skips_questions_and_says_what_it_does_not_ask(
    config: SessionConfig,
) -> None:
    ready(config)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.action_checkin("cesd")
        await pilot.pause()
        shown = text(app)
        assert "Question 1 of 20" in shown and "Skip this question" in shown
        await keys(pilot, "s", "s")  # questions 1 and 2 skipped
        assert "Question 2 skipped." in text(app)
        await keys(pilot, *[0] * 18)
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)
        shown = text(app)
        assert "Total: 13 of 60" in shown  # the 4 reverse items: 12 of 18 answered -> 13.3
        assert "You skipped 2 questions" in shown
        assert "does not ask about thoughts of suicide" in shown
    (checkin,) = saved(config, "cesd")
    assert checkin.answers[:2] == (None, None) and checkin.total == 13


async def test_five_skipped_cesd_questions_are_refused_in_the_app(config: SessionConfig) -> None:
    ready(config)
    app = EcouchApp(config)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        app.action_checkin("cesd")
        await pilot.pause()
        await keys(pilot, *["s"] * 5, *[1] * 15)
        shown = text(app)
        assert "5 of the 20 questions were skipped" in shown
        assert "nothing was saved" in shown
        assert "Question 1 of 20" in shown  # back at the first skipped one, to answer it
        await keys(pilot, 1, "n", "n", "n", "n")
        for _ in range(15):
            await keys(pilot, "n")
        await pilot.pause()
        assert "Total:" in text(app)
    assert len(saved(config, "cesd")) == 1


async def test_skipping_is_offered_only_where_the_questionnaire_allows_it(
    config: SessionConfig,
) -> None:
    ready(config)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.action_checkin("gad7")
        await pilot.pause()
        assert "Skip this question" not in text(app)
        await keys(pilot, "s")
        assert "Question 1 of 7" in text(app)


async def test_an_auditc_in_the_app_shows_the_regions_drink_and_kind_advice(
    config: SessionConfig,
) -> None:
    ready(config, "UK")
    app = EcouchApp(config)
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        app.action_checkin("auditc")
        await pilot.pause()
        shown = text(app)
        assert "How often do you have a drink containing alcohol?" in shown
        assert "a unit of alcohol: 8 g" in shown
        await keys(pilot, 3)
        shown = text(app)
        assert "7, 8 or 9" in shown and "1 or 2" in shown
        await keys(pilot, 1, 1)
        await pilot.pause()
        shown = text(app)
        assert "Total: 5 of 12" in shown and "3 or more" in shown
        assert "interact with many antidepressants" in shown
    assert [c.answers for c in saved(config, "auditc")] == [(3, 1, 1)]


async def test_item_9_in_the_app_is_named_first_on_the_result(config: SessionConfig) -> None:
    ready(config)
    app = EcouchApp(config)
    async with app.run_test(size=(100, 44)) as pilot:
        await pilot.pause()
        await keys(pilot, "k", *[0] * 8)
        await keys(pilot, 1)
        await pilot.pause()
        assert isinstance(app.screen, SafetyScreen)
        await keys(pilot, "escape")
        shown = text(app)
        first = shown.index("First, and whatever your total")
        assert first < shown.index("Total: 1 of 27") < shown.index("Few or no signs")


async def test_the_palette_offers_each_new_questionnaire(config: SessionConfig) -> None:
    ready(config)
    app = EcouchApp(config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
    for title in (
        "GAD-7 questionnaire: Generalized Anxiety Disorder 7-item scale",
        "CES-D questionnaire: Center for Epidemiologic Studies Depression Scale",
        "AUDIT-C questionnaire: Alcohol Use Disorders Identification Test – Consumption",
    ):
        assert title in titles


# -- the shell command -----------------------------------------------------------------------------


def ecouch_checkin(data_dir: Path, *args: str, answers: str = ""):  # type: ignore[no-untyped-def]
    env = {"ECOUCH_DATA_DIR": str(data_dir), "ECOUCH_TODAY": "2026-01-05"}
    return run_ecouch("checkin", *args, env=env, stdin=answers)


def lines(*values: object) -> str:
    return "".join(f"{v}\n" for v in values)


def test_cesd_from_a_pipe_takes_a_dash_for_a_skipped_question(config: SessionConfig) -> None:
    result = ecouch_checkin(config.data_dir, "cesd", answers=lines("-", "-", *[0] * 18))
    assert result.returncode == 0, result.stderr
    out = squash(result.stdout)
    assert "CES-D total: 13 of 60 (below 16)" in out
    assert "You skipped 2 questions" in out
    assert "does not ask about thoughts of suicide" in out
    # A shell has no F1: it says how to reach the crisis lines from there.
    assert "For crisis lines at any time, open ecouch and press F1." in out
    assert "Press F1 for crisis lines" not in out
    (checkin,) = saved(config, "cesd")
    assert checkin.answers == (None, None, *[0] * 18)


def test_cesd_from_a_pipe_with_five_skipped_is_refused_and_nothing_saved(
    config: SessionConfig,
) -> None:
    result = ecouch_checkin(config.data_dir, "cesd", answers=lines(*["-"] * 5, *[1] * 15))
    assert result.returncode == 2
    assert "5 of the 20 questions were skipped" in squash(result.stderr)
    assert saved(config, "cesd") == []


def test_a_dash_is_no_answer_where_skipping_is_not_allowed(config: SessionConfig) -> None:
    result = ecouch_checkin(config.data_dir, "gad7", answers=lines("-", *[0] * 6))
    assert result.returncode == 2
    assert "line 1: '-' is not an answer to question 1" in result.stderr
    assert saved(config, "gad7") == []


def test_auditc_from_a_pipe_checks_each_questions_answers(config: SessionConfig) -> None:
    bad = ecouch_checkin(config.data_dir, "auditc", answers=lines(0, 5, 0))
    assert bad.returncode == 2 and "its answers are 0, 1, 2, 3 or 4" in bad.stderr
    good = ecouch_checkin(config.data_dir, "auditc", answers=lines(1, 0, 1))
    assert good.returncode == 0, good.stderr
    assert "AUDIT-C total: 2 of 12 (below 3)" in squash(good.stdout)


def test_item_9_from_a_pipe_is_named_before_the_total(config: SessionConfig) -> None:
    result = ecouch_checkin(config.data_dir, "phq9", answers=lines(*[0] * 8, 1))
    assert result.returncode == 0, result.stderr
    out = squash(result.stdout)
    assert out.index("First, and whatever your total") < out.index("PHQ-9 total: 1 of 27")
    assert out.index("PHQ-9 total: 1 of 27") < out.index("Few or no signs of depression")
    assert "Press F1 for crisis lines" not in out


def test_the_checkin_help_names_every_bundled_questionnaire() -> None:
    result = run_ecouch("checkin", "--help")
    out = squash(result.stdout)
    assert "phq9 (default), auditc, cesd, gad7 or k10" in out


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def typist(*typed: str):  # type: ignore[no-untyped-def]
    left = list(typed)

    def ask(prompt: str) -> str:
        if not left:
            raise EOFError
        return left.pop(0)

    return ask


def test_at_a_prompt_a_dash_skips_and_the_regions_drink_is_shown(config: SessionConfig) -> None:
    enrol(config, "US")
    session = open_session(config)
    try:
        out = io.StringIO()
        typed = ["-", "x", "-", *["0"] * 18]  # 'x' is asked again
        assert checkin(session, "cesd", Terminal(), out, ask=typist(*typed)) == 0
        said = squash(out.getvalue())
        # The first check-in's notice: an optional questionnaire is not called weekly.
        assert "This is an optional check-in: a standard questionnaire (CES-D, 20" in said
        assert "Once a week" not in said
        assert "nothing is saved until you reach the end" in said
        assert "- skips a question" in said and "or - to skip it" in said
        assert "You skipped 2 questions" in said
        out = io.StringIO()
        assert checkin(session, "auditc", Terminal(), out, ask=typist("1", "0", "0", "")) == 0
        said = squash(out.getvalue())
        assert "14 g of alcohol (the US standard drink)" in said
        assert "4 4 or more times a week" in said and "3 7, 8 or 9" in said
        out = io.StringIO()
        five = ["-"] * 5 + ["1"] * 15
        assert checkin(session, "cesd", Terminal(), out, ask=typist("y", *five)) == 1
        assert "5 of the 20 questions were skipped" in squash(out.getvalue())
        assert [c.total for c in session.store.checkins("cesd")] == [13]
    finally:
        session.close()
