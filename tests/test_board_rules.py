"""The peer board's rules: the YAML and its errors, what the bundled rules hold and
allow, handles, rooms, and `ecouch board rules check`."""

from __future__ import annotations

import io
import json
import random
import shutil
import textwrap
from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from ecouch_tui.board.rules import (
    Verdict,
    bundled_rules_path,
    check_handle,
    check_post,
    generate_handle,
    load_rules,
    normalise,
    reaction_allowed,
    replies_allowed,
)
from ecouch_tui.cli import main as cli_main
from ecouch_tui.content.board_rules import BoardRules
from ecouch_tui.content.problems import ContentError
from ecouch_tui.content.validate import validate_paths

RULES = load_rules()

SMALL = """\
version: 1
topics:
  - id: methods
    name: Methods
    help: crisis
    why: A moderator will read this first.
    terms: [how many pills, overdos*]
  - id: meds
    name: Medicines
    help: moderators
    why: A moderator will look.
    terms: [sertraline]
    detectors: [dose]
contact:
  - id: contact
    name: Contact details
    detectors: [phone, email, url, social_handle]
    why: Please take them out.
handle:
  adjectives: [Quiet, Calm]
  nouns: [Heron, Wren]
  forbidden: [sam]
rooms:
  talk: {name: Talk, topic: Talk here., max_length: 100, replies: true}
  achieved:
    name: Achieved
    topic: Small wins.
    max_length: 50
    replies: false
    reactions: [Like, Great, Interesting, Want to do]
  thought_records:
    name: Thought records
    topic: Shared records.
    max_length: 100
    replies: false
    reactions: [Empathy]
"""


def write(tmp_path: Path, text: str, name: str = "rules.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_rules(path)
    return [str(p) for p in caught.value.problems]


# -- the file ----------------------------------------------------------------------------


def test_the_bundled_rules_load_and_validate_cleanly() -> None:
    assert bundled_rules_path().is_file()
    assert {t.id for t in RULES.topics} >= {"suicide-methods", "medication"}
    report = validate_paths([bundled_rules_path()])
    assert report.problems == [] and report.files == 1


def test_a_small_rules_file_loads(tmp_path: Path) -> None:
    rules = load_rules(write(tmp_path, SMALL))
    assert isinstance(rules, BoardRules)
    assert rules.rooms.talk.reactions == [] and rules.handle.max_length == 24


def test_a_broken_file_names_each_problem_at_its_line_and_column(tmp_path: Path) -> None:
    broken = (
        SMALL.replace("help: crisis", "help: urgent")
        .replace("detectors: [dose]", "detectors: [dose, fax]")
        .replace("  talk: {name: Talk,", "  talk: {colour: red, name: Talk,")
    )
    path = write(tmp_path, broken)
    found = problems_of(path)
    shown = str(path)
    assert any(p.startswith(f"{shown}:5:11: 'urgent' is not allowed here") for p in found), found
    assert any(p.startswith(f"{shown}:13:23: 'fax' is not allowed here") for p in found), found
    assert any(p.startswith(f"{shown}:24:10: unknown key 'colour' in room") for p in found), found


def test_the_checks_across_fields_point_at_the_field(tmp_path: Path) -> None:
    broken = (
        SMALL.replace("terms: [how many pills, overdos*]", "terms: [how many pills, ov*, a*b]")
        .replace("  - id: meds", "  - id: methods")
        .replace("forbidden: [sam]", "forbidden: [sam, quiet]")
        .replace("[Empathy]", "[Empathy, Empathy]")
    )
    path = write(tmp_path, broken)
    found = problems_of(path)
    shown = str(path)
    assert f"{shown}:7:29: 'ov*' is too short before its '*': give at least 3 letters" in found
    assert any(p.startswith(f"{shown}:7:34: 'a*b' is not a term") for p in found), found
    assert f"{shown}:8:9: id 'methods' is used twice" in found
    assert f"{shown}:20:16: 'Quiet' is also in 'forbidden:'" in found
    assert f"{shown}:36:26: reaction 'Empathy' is listed twice" in found


def test_a_rules_file_can_never_hold_a_regular_expression(tmp_path: Path) -> None:
    path = write(tmp_path, SMALL.replace("[sertraline]", "['(a+)+$']"))
    assert any("is not a term" in p for p in problems_of(path))


def test_a_wrong_version_and_a_missing_room_are_refused(tmp_path: Path) -> None:
    text = SMALL.replace("version: 1", "version: 2")
    text = text[: text.index("  thought_records:")]
    found = problems_of(write(tmp_path, text))
    assert any(":1:10: '2' is not allowed here" in p for p in found), found
    assert any("rooms is missing required key 'thought_records'" in p for p in found), found


def test_validate_checks_a_rules_file_anywhere_and_in_a_course(
    tmp_path: Path, course_dir: Path
) -> None:
    elsewhere = write(tmp_path, SMALL.replace("help: crisis", "help: soon"), "our-rules.yaml")
    (problem,) = validate_paths([elsewhere]).problems
    assert str(problem).startswith(f"{elsewhere}:5:11: 'soon' is not allowed here")
    (course_dir / "board").mkdir()
    inside = write(course_dir / "board", SMALL.replace("max_length: 50", "max_length: 0"))
    report = validate_paths([course_dir])
    errors = [p for p in report.problems if p.severity == "error"]
    assert [(p.path, p.line, p.col) for p in errors] == [(str(inside), 28, 17)], errors
    shutil.copy(bundled_rules_path(), inside)
    assert [p for p in validate_paths([course_dir]).problems if p.severity == "error"] == []


def test_schema_board_rules_prints_a_schema_the_bundled_rules_meet(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli_main(["schema", "--board-rules"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "ecouch board rules"
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    bundled = yaml.safe_load(bundled_rules_path().read_text(encoding="utf-8"))
    assert list(validator.iter_errors(bundled)) == []
    bundled["rooms"]["talk"]["replies"] = "sometimes"
    assert list(validator.iter_errors(bundled))


# -- posts -------------------------------------------------------------------------------

ALLOWED_POSTS = [
    "I have been thinking about suicide.",
    "I've had thoughts of suicide this week and I told my GP",
    "Some days I wish I could just disappear. Talking here helps.",
    "I've been hanging out with my sister more and it helps.",
    "I walked 3 km today!",
    "I scored 12 on the PHQ-9 last week, down from 19.",
    "On 2026-01-05 I went back to work. 05.01.2026 was a Monday.",
    "2019-2020 was a hard year, and 1998 - 2004 even more.",
    "I walked 10,000 steps and slept 8 hours.",
    "My doctor changed my medication and I feel a bit better.",
    "You can call Lifeline on 13 11 14 any time.",
    "I cut my hair short and I love it.",
    "Week 3 of the course: the thought record was useful. Score 7/10.",
    "It is 3.5 degrees here, e.g. very cold. I.e. stay in.",
    "Any ways to cut down on drinking? I'm trying to cut back.",
    "I've got enough pills to last the month, and I take my tablets every morning.",
]


@pytest.mark.parametrize("post", ALLOWED_POSTS)
def test_the_bundled_rules_allow_ordinary_supportive_posts(post: str) -> None:
    assert check_post(RULES, post, "talk") == Verdict(allowed=True)


HELD = [
    ("How many pills would it take?", "suicide-methods"),
    ("what is a lethal dose of anything", "suicide-methods"),
    ("I keep reading about ways to cut myself", "suicide-methods"),
    ("I thought about how to hang myself", "suicide-methods"),
    ("I took an overdose last year", "suicide-methods"),
    ("O V E R D O S E", "suicide-methods"),
    ("0verd0se", "suicide-methods"),
    ("over\u200bdose", "suicide-methods"),
    ("ＯＶＥＲＤＯＳＥ", "suicide-methods"),
    ("I'm on sertraline now", "medication"),
    ("Zoloft made me sleepy", "medication"),
    ("they put me up to 50mg", "medication"),
    ("I take 100 mg at night", "medication"),
    ("I took 3 tablets", "medication"),
]


@pytest.mark.parametrize(("post", "rule"), HELD)
def test_the_bundled_rules_hold_method_talk_and_medication(post: str, rule: str) -> None:
    verdict = check_post(RULES, post)
    assert (verdict.allowed, verdict.rule_id, verdict.kind) == (False, rule, "topic")
    help = "crisis" if rule == "suicide-methods" else "moderators"
    assert verdict.help == help and verdict.why and verdict.matched


REFUSED = [
    ("call me on 0412 345 678", "phone-and-email", "0412 345 678"),
    ("ring +44 20 7946 0958", "phone-and-email", "+44 20 7946 0958"),
    ("my number is (02) 9999-1234", "phone-and-email", "(02) 9999-1234"),
    ("０４１２３４５６７８", "phone-and-email", "0412345678"),
    ("0 4 1 2 3 4 5 6 7 8", "phone-and-email", "0 4 1 2 3 4 5 6 7 8"),
    ("email me at quiet.heron@example.com", "phone-and-email", "quiet.heron@example.com"),
    ("quietheron at gmail dot com", "phone-and-email", "quietheron at gmail dot com"),
    ("see https://example.org/page", "links", "https://example.org/page"),
    ("my blog is heron.net", "links", "heron.net"),
    ("find me on snapchat", "social-accounts", "find me on snapchat"),
    ("add me @quietheron", "social-accounts", "@quietheron"),
    ("insta: quietheron", "social-accounts", "insta: quietheron"),
]


@pytest.mark.parametrize(("post", "rule", "matched"), REFUSED)
def test_the_bundled_rules_refuse_contact_details(post: str, rule: str, matched: str) -> None:
    verdict = check_post(RULES, post)
    assert (verdict.allowed, verdict.rule_id, verdict.kind) == (False, rule, "contact")
    assert verdict.help is None and verdict.matched == matched


def test_crisis_help_comes_first_then_contact_then_length(tmp_path: Path) -> None:
    rules = load_rules(write(tmp_path, SMALL))
    assert check_post(rules, "how many pills? 0412 345 678").rule_id == "methods"
    assert check_post(rules, "sertraline, 0412 345 678").rule_id == "contact"
    long = check_post(rules, "sertraline " * 10, "achieved")
    assert (long.kind, long.allowed) == ("length", False)
    assert "up to 50 characters" in long.why
    assert check_post(rules, "x" * 50, "achieved").allowed
    assert check_post(rules, "x" * 5000).allowed  # no room: no length to keep to


def test_normalise_folds_what_hides_words() -> None:
    assert normalise("  O\u0301VER\u200d\u00addose\x1b[2J\n\tＡＢＣ  ") == "overdose [2j abc"


#: Any text at all (lone surrogates too), and text made of what the detectors look for.
POSTS = st.text(st.characters(exclude_categories=()), max_size=400) | st.text(
    "0123456789 .-()+@:/*'abcdeimnopstw\u200b\uff10\u0301", max_size=400
)


@settings(max_examples=300, deadline=None)
@given(POSTS)
def test_check_post_never_raises_and_always_returns_a_verdict(text: str) -> None:
    verdict = check_post(RULES, text, "talk")
    assert isinstance(verdict, Verdict)
    assert verdict.allowed == (verdict.rule_id is None)
    assert isinstance(check_handle(RULES, text), Verdict)


def test_a_long_hostile_post_is_checked(tmp_path: Path) -> None:
    """Text shaped to make a careless pattern backtrack: each check still finishes (this
    is no timing test; a quadratic pattern would take minutes here)."""
    for post in ("1 " * 20000 + "x", "a." * 20000, "@" * 40000, "a" * 40000 + "@", "9" * 40000):
        assert isinstance(check_post(RULES, post), Verdict)


# -- handles and rooms -------------------------------------------------------------------


def test_generated_handles_all_pass_and_hold_no_digits() -> None:
    rng = random.Random(7)
    handles = [generate_handle(RULES, rng) for _ in range(200)]
    assert len(set(handles)) > 50
    for handle in handles:
        assert check_handle(RULES, handle).allowed, handle
        assert not any(c.isdigit() for c in handle) and handle.isalpha()


@pytest.mark.parametrize(
    ("handle", "rule"),
    [
        ("QuietHeron7", "handle-digits"),
        ("Quiet Heron ２", "handle-digits"),
        ("quiet@heron", "handle-letters"),
        ("Quiet\u200bHeron", "handle-letters"),
        ("Jo", "handle-length"),
        ("SarahHeron", "handle-forbidden"),
        ("quiet sam", "handle-forbidden"),
        ("Moderator", "handle-forbidden"),
        ("ProzacPanda", "handle-medication"),
    ],
)
def test_a_handle_with_a_name_a_number_or_contact_details_is_refused(
    handle: str, rule: str
) -> None:
    verdict = check_handle(RULES, handle)
    assert (verdict.allowed, verdict.kind, verdict.rule_id) == (False, "handle", rule)
    assert verdict.why


def test_rooms_accept_only_their_reactions_and_replies() -> None:
    assert replies_allowed(RULES, "talk")
    assert not replies_allowed(RULES, "achieved") and not replies_allowed(RULES, "thought_records")
    for key in ("Like", "Great", "Interesting", "Want to do"):
        assert reaction_allowed(RULES, "achieved", key)
    assert not reaction_allowed(RULES, "achieved", "Empathy")
    assert not reaction_allowed(RULES, "achieved", "call me 0412 345 678")
    assert reaction_allowed(RULES, "thought_records", "Empathy")
    assert not reaction_allowed(RULES, "thought_records", "Like")
    assert not reaction_allowed(RULES, "lobby", "Like") and not replies_allowed(RULES, "lobby")


# -- ecouch board rules check ------------------------------------------------------------


def check(monkeypatch: pytest.MonkeyPatch, post: str, *options: str) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(post))
    return cli_main(["board", "rules", "check", *options])


def test_check_says_allowed_and_exits_0(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert check(monkeypatch, "I've had thoughts of suicide this week and I told my GP") == 0
    assert capsys.readouterr().out == "allowed\n"


def test_check_says_held_by_which_rule_and_what_matched(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert check(monkeypatch, "how many pills would it take") == 1
    first, second, third = capsys.readouterr().out.splitlines()
    assert first.startswith("held: Suicide or self-harm methods — Your post may describe")
    assert second == "matched: how many pills"
    assert "crisis lines" in third


def test_check_shows_what_matched_without_its_control_characters(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    rules = write(tmp_path, SMALL)
    assert (
        check(monkeypatch, "find me on \x1b]0;x\x07 @quiet\x1b[2Jheron", "--rules", str(rules)) == 1
    )
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "matched: @quiet" in out


def test_check_with_a_room_keeps_to_its_length(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert check(monkeypatch, "A good walk. " * 60, "--room", "achieved") == 1
    assert capsys.readouterr().out.startswith("held: Too long — Posts in Achieved & enjoyed")


def test_check_with_a_broken_rules_file_prints_every_problem_and_exits_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path, SMALL.replace("help: crisis", "help: urgent").replace("[sam]", "sam"))
    assert check(monkeypatch, "hello", "--rules", str(path)) == 2
    err = capsys.readouterr().err
    assert f"{path}:5:11: 'urgent' is not allowed here" in err
    assert f"{path}:22:14: expected a list" in err


def test_rules_with_no_action_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["board", "rules"]) == 2
    assert "check" in capsys.readouterr().err


@pytest.mark.parametrize(
    "post",
    [
        "Beyond Blue on 1300 22 4636 helped me a lot",  # AU
        "You can text Lifeline on 0477 13 11 14",  # AU, a text line
        "The Suicide Call Back Service, 1300 659 467, is there at night",  # AU
        "Samaritans are on 116 123",  # UK (short: never held anyway)
    ],
)
def test_the_crisis_lines_numbers_may_be_shared(post: str) -> None:
    """Members telling each other where help is: ecouch's own crisis numbers pass the
    phone rule (`allow_crisis_lines`), every other number is still held."""
    assert check_post(RULES, post).allowed, check_post(RULES, post)


def test_without_the_allowance_a_crisis_number_is_held_like_any_other(tmp_path: Path) -> None:
    from ecouch_tui.board.rules import rules_from_text

    text = (bundled_rules_path().read_text(encoding="utf-8")).replace(
        "    allow_crisis_lines: true\n", ""
    )
    strict = rules_from_text(text)
    assert not check_post(strict, "Beyond Blue on 1300 22 4636 helped me").allowed
    assert not check_post(RULES, "ring me on 0412 345 678").allowed


def test_a_generated_handle_is_an_adjective_and_a_noun_of_the_lists() -> None:
    from ecouch_tui.board.membership import localpart
    from ecouch_tui.board.rules import is_generated

    rng = random.Random(3)
    for _ in range(50):
        assert is_generated(RULES, localpart(generate_handle(RULES, rng)))
    for name in ("samheron", "quiet-sarah", "heron-quiet", "quiet-heron-2", "quietheron", ""):
        assert not is_generated(RULES, name), name
