"""`ecouch checkin` as a user runs it: answers piped in, or typed at a prompt."""

from __future__ import annotations

import io
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from subprocess import CompletedProcess

import pytest
from helpers import enrol, run_ecouch, squash

from ecouch_tui.clock import FixedClock
from ecouch_tui.commands.checkin import checkin, read_piped
from ecouch_tui.content.loader import load_questionnaires
from ecouch_tui.course.checkin_text import NOTICE_SEEN
from ecouch_tui.paths import bundled_modules_dir
from ecouch_tui.session import SessionConfig, open_session
from ecouch_tui.store.db import Store


def ecouch_checkin(
    data_dir: Path, *args: str, answers: str = "", today: str = "2026-01-05"
) -> CompletedProcess[str]:
    env = {"ECOUCH_DATA_DIR": str(data_dir), "ECOUCH_TODAY": today}
    return run_ecouch("checkin", *args, env=env, stdin=answers)


def lines(*values: object) -> str:
    return "".join(f"{v}\n" for v in values)


def saved(config: SessionConfig, instrument: str | None = None) -> list:
    with Store.open(config.store_path, config.clock) as store:
        return store.checkins(instrument)


def test_piped_answers_are_scored_saved_and_shown(config: SessionConfig) -> None:
    result = ecouch_checkin(config.data_dir, "phq9", answers=lines(0, 1, 1, 2, 0, 1, 0, 0, 0))
    assert result.returncode == 0, result.stderr
    out = squash(result.stdout)
    assert "PHQ-9 total: 5 of 27 (mild)" in out
    assert "Some signs of depression." in out
    assert "This is your first PHQ-9 check-in" in out
    assert "Saved. Next check-in: Mon 12 Jan." in out
    assert "crisis" not in out.lower()  # no safety response for these answers
    (record,) = saved(config)
    assert (record.instrument, record.answers, record.total, record.band) == (
        "phq9",
        (0, 1, 1, 2, 0, 1, 0, 0, 0),
        5,
        "mild",
    )
    assert record.taken_at.startswith("2026-01-05")
    assert record.extra == {}


def test_the_weekly_instrument_is_the_default_and_change_is_shown(config: SessionConfig) -> None:
    first = ecouch_checkin(config.data_dir, answers=lines(*[1] * 9), today="2026-01-05")
    assert first.returncode == 0, first.stderr
    second = ecouch_checkin(config.data_dir, answers=lines(*[1] * 6, 0, 0, 0), today="2026-01-12")
    assert second.returncode == 0, second.stderr
    out = squash(second.stdout)
    assert "PHQ-9 total: 6 of 27 (mild)" in out
    assert "Change: down 3 points since Mon 5 Jan (from 9 to 6)." in out
    assert "lower totals mean fewer difficulties" in out
    assert [c.total for c in saved(config, "phq9")] == [9, 6]


def test_a_clear_rise_recommends_a_gp_with_the_numbers(config: SessionConfig) -> None:
    ecouch_checkin(config.data_dir, answers=lines(*[0] * 9), today="2026-01-05")
    result = ecouch_checkin(config.data_dir, answers=lines(*[2] * 4, *[0] * 5), today="2026-01-12")
    out = squash(result.stdout)
    assert "Your PHQ-9 total has gone up 8 points since Mon 5 Jan, from 0 to 8." in out
    assert "talking over with your doctor (GP) soon" in out


def test_an_extra_line_answers_the_unscored_question(config: SessionConfig) -> None:
    result = ecouch_checkin(config.data_dir, "phq9", answers=lines(*[0] * 9, 2))
    assert result.returncode == 0, result.stderr
    (record,) = saved(config)
    assert record.extra == {"difficulty": "Somewhat difficult"} and record.total == 0


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        (
            lines(0, "x", 0, 0, 0, 0, 0, 0, 0),
            "line 2: 'x' is not an answer to question 2; PHQ-9 answers are 0, 1, 2 or 3",
        ),
        (lines(0, 0, 4, 0, 0, 0, 0, 0, 0), "line 3: '4' is not an answer to question 3"),
        (lines(0, 0, 0, -1, 0, 0, 0, 0, 0), "line 4: '-1' is not an answer"),
        (lines(0, 0, 1.5, 0, 0, 0, 0, 0, 0), "line 3: '1.5' is not an answer"),
        (lines(0, 0, 0), "PHQ-9 has 9 questions, but 3 answer(s) were given"),
        ("", "PHQ-9 has 9 questions, but 0 answer(s) were given"),
        (
            lines(*[0] * 9, 2, 1),
            "11 lines were given; PHQ-9 takes 9 answer values and at most 1 extra",
        ),
        (
            lines(*[0] * 9, 5),
            "line 10: '5' is not an answer to the extra question; choose 1, 2, 3 or 4",
        ),
    ],
)
def test_bad_piped_answers_exit_2_and_save_nothing(
    config: SessionConfig, answers: str, message: str
) -> None:
    result = ecouch_checkin(config.data_dir, "phq9", answers=answers)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Nothing was saved." in result.stderr
    assert result.stdout == ""
    assert saved(config) == []


def test_k10_uses_answers_1_to_5(config: SessionConfig) -> None:
    bad = ecouch_checkin(config.data_dir, "k10", answers=lines(*[0] * 10))
    assert bad.returncode == 2
    assert "K10 answers are 1, 2, 3, 4 or 5" in bad.stderr
    good = ecouch_checkin(config.data_dir, "k10", answers=lines(*[2] * 10))
    assert good.returncode == 0, good.stderr
    assert "K10 total: 20 of 50 (moderate)" in squash(good.stdout)
    assert "Next check-in" not in good.stdout  # the weekly check-in is the PHQ-9
    assert [c.total for c in saved(config, "k10")] == [20]


def test_an_unknown_instrument_lists_the_known_ones(config: SessionConfig) -> None:
    result = ecouch_checkin(config.data_dir, "bdi2", answers=lines(0))
    assert result.returncode == 2
    assert (
        "there is no questionnaire 'bdi2'; choose one of: auditc, cesd, gad7, k10, phq9"
        in result.stderr
    )
    assert saved(config) == []


def test_item_9_prints_the_regions_crisis_lines_and_records_it(config: SessionConfig) -> None:
    enrol(config, "AU")
    result = ecouch_checkin(config.data_dir, "phq9", answers=lines(*[0] * 8, 1))
    assert result.returncode == 0, result.stderr
    out = squash(result.stdout)
    assert "Let's pause here." in out
    assert "thoughts of being better off dead or of self-harm (PHQ-9 item 9)" in out
    assert "Your PHQ-9 total is 1 of 27 (minimal)." in out
    assert "ecouch can't help in a crisis, and nobody else sees your answers." in out
    assert "If you are in danger now, call 000." in out
    assert "Lifeline: call 13 11 14" in out
    assert "Please contact your doctor (GP) or one of these lines today." in out
    assert "safety plan" in out
    # Safety first, then the result; the check-in is saved as usual.
    assert out.index("Let's pause here") < out.index("PHQ-9 total: 1 of 27")
    assert [c.total for c in saved(config)] == [1]
    with Store.open(config.store_path, config.clock) as store:
        (event,) = store.safety_events()
    assert event.source == "checkin:phq9"
    assert "PHQ-9 item 9" in event.reason
    assert event.at.startswith("2026-01-05")


def test_a_very_high_k10_total_prints_the_safety_message(config: SessionConfig) -> None:
    enrol(config, "UK")
    result = ecouch_checkin(config.data_dir, "k10", answers=lines(*[3] * 10))
    out = squash(result.stdout)
    assert "a K10 total in the very high band (30 or more)" in out
    assert "call 999" in out and "Samaritans: call 116 123" in out
    with Store.open(config.store_path, config.clock) as store:
        assert [e.source for e in store.safety_events()] == ["checkin:k10"]


def test_without_a_region_the_international_directory_is_shown(config: SessionConfig) -> None:
    result = ecouch_checkin(config.data_dir, "phq9", answers=lines(*[0] * 8, 2))
    out = squash(result.stdout)
    assert "findahelpline.com" in out
    assert "call your local emergency number" in out
    assert "choose your region" in out


def test_the_command_does_not_import_textual(tmp_path: Path) -> None:
    """The whole command, safety message included, runs without loading Textual."""
    code = (
        "import io, sys\n"
        "from ecouch_tui.cli import main\n"
        "sys.stdin = io.StringIO('0\\n' * 8 + '1\\n')\n"
        f"status = main(['checkin', '--data-dir', {str(tmp_path / 'data')!r}])\n"
        "loaded = any(m == 'textual' or m.startswith('textual.') for m in sys.modules)\n"
        "print(status, loaded, file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "Let's pause here" in result.stdout
    assert result.stderr.split() == ["0", "False"]


# -- at a terminal -------------------------------------------------------------------------


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Typist:
    """Types the given lines at each prompt, remembering the prompts it saw."""

    def __init__(self, *typed: str) -> None:
        self.typed = list(typed)
        self.prompts: list[str] = []

    def __call__(self, prompt: str) -> str:
        self.prompts.append(prompt)
        if not self.typed:
            raise EOFError
        return self.typed.pop(0)


@pytest.fixture
def session(config: SessionConfig) -> Iterator:
    enrol(config, "NZ")
    opened = open_session(config)
    yield opened
    opened.close()


def test_at_a_terminal_each_question_is_asked_and_bad_input_asked_again(session) -> None:
    out = io.StringIO()
    typist = Typist("x", "", "1", "7", "b", "2", *["0"] * 8, "")
    assert checkin(session, "phq9", Terminal(), out, ask=typist) == 0
    text = out.getvalue()
    # The data notice comes first, once; then the instrument's notice and stem.
    assert "Before your first check-in" in text
    assert "nobody else sees them" in squash(text)
    assert "No permission required to reproduce" in squash(text)
    assert "Over the last 2 weeks, how often have you been bothered" in squash(text)
    assert "Question 1 of 9: Little interest or pleasure in doing things" in text
    assert "  0  Not at all" in text and "  3  Nearly every day" in text
    assert "'x' is not one of the answers: type 0, 1, 2 or 3." in text
    assert "An empty line is not one of the answers" in text
    assert "'7' is not one of the answers" in text
    assert typist.prompts[0] == "Your answer (0, 1, 2 or 3): "
    assert "Enter keeps 1" in typist.prompts[5]  # back on question 1, answered 1
    assert "One more question (optional, not scored)" in text
    assert "PHQ-9 total: 2 of 27 (minimal)" in squash(text)
    (record,) = session.store.checkins()
    assert record.answers == (2, 0, 0, 0, 0, 0, 0, 0, 0)
    assert record.extra == {}
    assert session.store.setting(NOTICE_SEEN) is True

    session.clock.advance(days=7)
    out = io.StringIO()
    assert checkin(session, "phq9", Terminal(), out, ask=Typist(*["0"] * 9, "3")) == 0
    assert "Before your first check-in" not in out.getvalue()
    assert session.store.checkins()[-1].extra == {"difficulty": "Very difficult"}


def test_at_a_terminal_stopping_saves_nothing(session) -> None:
    for typed in (["0", "1", "q"], ["0", "1"]):  # q, or the end of input (Ctrl+D)
        out = io.StringIO()
        assert checkin(session, "phq9", Terminal(), out, ask=Typist(*typed)) == 1
        assert "Stopped. Nothing was saved." in out.getvalue()
    assert session.store.checkins() == []


def test_at_a_terminal_the_safety_message_uses_the_region(session) -> None:
    out = io.StringIO()
    assert checkin(session, "phq9", Terminal(), out, ask=Typist(*["0"] * 8, "3")) == 0
    text = squash(out.getvalue())
    assert "If you are in danger now, call 111." in text
    assert "Need to talk?: call or text 1737" in text
    assert len(session.store.safety_events()) == 1
    assert "One more question" not in text  # nothing stands between answers and the lines


def test_read_piped_skips_blank_lines_and_reads_extra_by_number() -> None:
    found, _ = load_questionnaires(bundled_modules_dir())
    phq9 = next(q for q in found if q.id == "phq9")
    answers, extra = read_piped(phq9, "0\n\n1\n 2 \n3\n0\n0\n0\n0\n0\n4\n")
    assert answers == [0, 1, 2, 3, 0, 0, 0, 0, 0]
    assert extra == {"difficulty": "Extremely difficult"}


def test_the_clock_fixture_is_the_day_the_cli_tests_pretend_it_is(clock: FixedClock) -> None:
    assert clock.today().isoformat() == "2026-01-05"


# -- one a day ------------------------------------------------------------------------------


def test_a_second_piped_check_in_today_replaces_the_first_and_says_so(
    config: SessionConfig,
) -> None:
    ecouch_checkin(config.data_dir, answers=lines(*[0] * 9), today="2026-01-05")
    ecouch_checkin(config.data_dir, answers=lines(*[1] * 9), today="2026-01-12")
    again = ecouch_checkin(config.data_dir, answers=lines(*[1] * 6, 0, 0, 0), today="2026-01-12")
    assert again.returncode == 0, again.stderr
    out = squash(again.stdout)
    assert "Saved, in place of the check-in you did earlier today." in out
    # Its change is against the week before, not against the one it replaces.
    assert "up 6 points since Mon 5 Jan (from 0 to 6)" in out
    assert [c.total for c in saved(config, "phq9")] == [0, 6]


def test_at_a_terminal_a_second_check_in_today_is_asked_about(session) -> None:
    assert checkin(session, "phq9", Terminal(), io.StringIO(), ask=Typist(*["1"] * 9, "")) == 0
    out = io.StringIO()
    typist = Typist("")  # Enter: the default is no
    assert checkin(session, "phq9", Terminal(), out, ask=typist) == 0
    text = squash(out.getvalue())
    assert "You already did a PHQ-9 check-in today: total 9 of 27 (mild)." in text
    assert "Kept today's check-in as it was." in text
    assert typist.prompts == ["Answer again? (y/N): "]
    assert [c.total for c in session.store.checkins()] == [9]

    out = io.StringIO()
    assert checkin(session, "phq9", Terminal(), out, ask=Typist("y", *["0"] * 9, "")) == 0
    assert "Saved, in place of the check-in you did earlier today." in squash(out.getvalue())
    assert [c.total for c in session.store.checkins()] == [0]
