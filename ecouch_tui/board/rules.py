"""Whether a post, a handle or a reaction may go on the board, by the rules file.

Pure and cheap: the standard library and `ecouch_tui.content` only, since the same code
runs in our client before a post is sent and in the homeserver's spam checker on every
event. Each rule's words are compiled once into a pattern built here from escaped
phrases; a rules file never supplies a regular expression, so no post can make the
matching slow (ReDoS). Every pattern starts at a word's edge and has no nested
repeats that can overlap, so the time taken grows in step with the text.

What normalising catches, and what it cannot:

- Case, full-width and styled letters and digits (NFKC: "ＯＶＥＲＤＯＳＥ", "０４１２"),
  accents and stacked marks, zero-width and control characters, and runs of spaces.
- Letters spaced out ("o v e r d o s e") or digits spaced out, and the usual digit
  swaps inside a word ("0verd0se").
- Not: look-alike letters from other alphabets (a Cyrillic "о"), numbers written as
  words ("oh four one two"), deliberate misspellings, or a method described in other
  words. The rules catch the common cases; moderators and reports catch the rest.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ecouch_tui.content.board_rules import ROOMS, BoardRules, Room, Topic

if TYPE_CHECKING:
    import random

#: What a refusal is about: a rule of the words (topic, contact, length, handle), or one
#: of the room's shape (board/judge.py: a reaction, a reply, the kind of event).
Kind = Literal["topic", "contact", "length", "handle", "reaction", "reply", "kind"]


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the rules say about one post or handle."""

    allowed: bool
    rule_id: str | None = None
    rule_name: str | None = None
    #: topic: held for a moderator; contact, length, handle: refused, to be changed.
    kind: Kind | None = None
    #: What the member is shown beside `why` (topics only).
    help: Literal["crisis", "moderators"] | None = None
    #: One kind sentence for the member ("" when allowed).
    why: str = ""
    #: What matched, as normalised, for moderators.
    matched: str | None = None


ALLOWED = Verdict(allowed=True)


# -- loading -----------------------------------------------------------------------------


def bundled_rules_path() -> Path:
    from ecouch_tui.paths import BOARD_RULES_NAME, bundled_modules_dir

    return bundled_modules_dir() / BOARD_RULES_NAME


def load_rules(path: Path | None = None) -> BoardRules:
    """The rules in `path` (the bundled ones when None), or ContentError listing every
    problem at path:line:col."""
    from ecouch_tui.content.loader import load_file

    return load_file(path or bundled_rules_path(), BoardRules)


#: The longest rules text a board may publish (the bundled file is under 20 kB).
RULES_TEXT_MOST = 200_000


def rules_from_text(text: str, shown: str = "the board's rules") -> BoardRules:
    """Rules published by a board (`ecouch board setup` puts its rules file in the
    space), checked exactly as a file is: ContentError naming `shown`'s lines."""
    from ecouch_tui.content.loader import parse
    from ecouch_tui.content.problems import ContentError, Problem

    if len(text) > RULES_TEXT_MOST:
        too_long = f"longer than {RULES_TEXT_MOST} characters"
        raise ContentError([Problem(path=shown, line=1, col=1, message=too_long)])
    return parse(text, BoardRules, shown)


# -- normalising -------------------------------------------------------------------------

#: Dropped: format characters (zero-width, bidi), combining marks, unassigned, private use.
_DROP = frozenset({"Cf", "Mn", "Me", "Cn", "Co", "Cs"})
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u2032": "'"})
#: Three or more single characters with single spaces between: "o v e r d o s e".
_SPACED = re.compile(r"(?<!\S)\S(?: \S){2,}(?!\S)")
#: Digits and signs that stand in for letters inside a word ("0verd0se").
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a"})
_LEET_KEYS = frozenset("013457@")


def normalise(text: str) -> str:
    """`text` as the rules see it: compatibility forms folded (NFKC), accents and
    invisible characters dropped, control characters as spaces, casefolded, and every
    run of spaces one space."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = (
        " " if unicodedata.category(c) == "Cc" else c
        for c in decomposed
        if unicodedata.category(c) not in _DROP
    )
    folded = unicodedata.normalize("NFKC", "".join(kept)).casefold().translate(_QUOTES)
    return " ".join(folded.split())


def _joined(text: str) -> str:
    return _SPACED.sub(lambda m: m.group().replace(" ", ""), text)


def _unleet(text: str) -> str:
    """Digit swaps undone, only in words that also have letters (so '3 km' stays)."""
    return " ".join(_unleet_word(word) for word in text.split(" "))


def _unleet_word(word: str) -> str:
    if _LEET_KEYS.isdisjoint(word) or not any(c.isalpha() for c in word):
        return word
    return word.translate(_LEET)


@dataclass(frozen=True, slots=True)
class _Variants:
    """The ways a post is read: for terms, the normalised text, then with spaced-out
    letters joined, then with digit swaps undone; for detectors, the first two only
    (undoing digit swaps would spoil numbers)."""

    terms: tuple[str, ...]
    detectors: tuple[str, ...]


def _variants(text: str) -> _Variants:
    plain = normalise(text)
    joined = _joined(plain)
    unleet = _unleet(joined)
    return _Variants(
        tuple(dict.fromkeys((plain, joined, unleet))), tuple(dict.fromkeys((plain, joined)))
    )


# -- terms -------------------------------------------------------------------------------


def _term_pattern(term: str) -> str:
    """A term as a pattern: its words escaped, any gap of spaces or signs between them,
    whole words only; a trailing `*` is any word ending."""
    folded = normalise(term)
    star = folded.endswith("*")
    words = re.findall(r"[^\W_]+", folded.rstrip("*"))
    body = r"[\W_]+".join(re.escape(w) for w in words)
    return body + (r"\w*" if star else "") + r"(?!\w)"


def _terms_regex(terms: list[str]) -> re.Pattern[str] | None:
    patterns = [_term_pattern(t) for t in terms if re.search(r"[^\W_]", t)]
    if not patterns:
        return None
    # Longest first, so the one reported is the fullest phrase that matched.
    patterns.sort(key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(patterns) + ")")


# -- the built-in detectors ----------------------------------------------------------------

_SEP = r"[ .\-()]"
#: A digit, then digits with up to three separators between: checked further in _phone.
_PHONE = re.compile(rf"(?<![\w+])(\+ ?)?\(?\d(?:{_SEP}{{0,3}}\d){{5,}}(?!\w)")
_DATE = re.compile(
    r"(?:(?:19|20)\d\d[ .\-]\d{1,2}[ .\-]\d{1,2}|\d{1,2}[ .\-]\d{1,2}[ .\-](?:19|20)?\d\d)"
)
_YEARS = re.compile(r"(?:19|20)\d\d ?- ?(?:19|20)\d\d")
_DECIMAL = re.compile(r"\d{1,3}\.\d+")

_TLDS = "com|net|org|io|co|uk|au|nz|ie|ca|info|app|xyz|gg|ly|edu|gov"
_EMAIL = re.compile(
    r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    rf"|(?<![\w.+-])[\w.+-]+ ?(?:\(at\)|\[at\]| at ) ?[\w-]+(?: ?(?:\(dot\)|\[dot\])| dot |\.)"
    rf"(?:{_TLDS})(?!\w)"
)
_URL = re.compile(
    r"(?:https?://|www\.)\S+"
    rf"|(?<![\w@.-])[\w-]+(?:\.[\w-]+)*\.(?:{_TLDS})(?![\w-])"
    r"|(?<![\w.])(?:t|wa)\.me/\S*|(?<![\w.])linktr\.ee\b\S*"
    rf"|(?<![\w.-])[\w-]+ dot (?:{_TLDS})(?!\w)"
)
_PLATFORMS = (
    "instagram|insta|ig|snapchat|snap|tiktok|twitter|telegram|whatsapp|kik|discord"
    "|facebook|fb|messenger|reddit|tumblr|signal|wechat|skype|bluesky|bsky"
    "|mastodon|youtube|twitch|steam|xbox|psn"
)
_SOCIAL = re.compile(
    r"(?<![\w@.])@[\w.]{2,}"
    rf"|(?<!\w)(?:{_PLATFORMS}) ?(?:name|handle|username|user|id|tag)? ?[:=] ?[\w.@]+"
    rf"|(?<!\w)my (?:{_PLATFORMS}) (?:name |handle |username |id |tag )?(?:is|=)(?!\w)"
    r"|(?<!\w)(?:find|add|follow|message|msg|text|dm|pm|reach|contact|hit) me (?:up )?"
    rf"(?:on|at|via|over) (?:{_PLATFORMS})(?!\w)"
)
_AMOUNT = (
    r"(?:\d+(?:[.,]\d+)?|half|one|two|three|four|five|six|seven|eight|nine|ten|twelve"
    r"|fifteen|twenty|thirty|forty|fifty|a hundred|half a|a few|a couple of|a handful of"
    r"|handfuls of|a box of|a packet of|a bottle of|a pack of|several|dozens of|a dozen)"
)
_DOSE = re.compile(
    r"(?<![\w.,])\d+(?:[.,]\d+)? ?(?:mg|mgs|mcg|\u03bcg|ug|milligrams?|micrograms?)(?!\w)"
    rf"|(?<![\w.,]){_AMOUNT} (?:tablets?|pills?|capsules?|tabs|caps)(?!\w)"
)


def _phone(text: str, allowed: frozenset[str] = frozenset()) -> str | None:
    """Seven or more digits with the usual separators, or six after a `+`; not a date,
    a span of years or a decimal number, nor one of the `allowed` numbers (digits only)."""
    for found in _PHONE.finditer(text):
        candidate = found.group().strip()
        digits = sum(c.isdigit() for c in candidate)
        if digits < (6 if found.group(1) else 7):
            continue
        if "".join(c for c in candidate if c.isdigit()) in allowed:
            continue
        if _DATE.fullmatch(candidate) or _YEARS.fullmatch(candidate):
            continue
        if _DECIMAL.fullmatch(candidate):
            continue
        return candidate
    return None


def _search(pattern: re.Pattern[str]) -> Callable[[str], str | None]:
    def find(text: str) -> str | None:
        found = pattern.search(text)
        return found.group() if found else None

    return find


_DETECTORS: dict[str, Callable[[str], str | None]] = {
    "phone": _phone,
    "email": _search(_EMAIL),
    "url": _search(_URL),
    "social_handle": _search(_SOCIAL),
    "dose": _search(_DOSE),
}


# -- the compiled rules ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Rule:
    verdict: Verdict  # what it says when it matches, `matched` left empty
    terms: re.Pattern[str] | None
    detectors: tuple[Callable[[str], str | None], ...]

    def match(self, variants: _Variants) -> str | None:
        for text in variants.terms:
            found = self.terms.search(text) if self.terms else None
            if found:
                return found.group()
        for text in variants.detectors:
            for detector in self.detectors:
                hit = detector(text)
                if hit:
                    return hit
        return None


class Matcher:
    """A rules file compiled once: its rules in the order they are tried, the most
    urgent first (topics needing crisis help, then contact details, then the rest)."""

    def __init__(self, rules: BoardRules) -> None:
        self.rules = rules
        crisis = [_topic(t) for t in rules.topics if t.help == "crisis"]
        contact = [
            _Rule(
                Verdict(False, rule.id, rule.name, "contact", None, rule.why.strip()),
                None,
                tuple(_detector(d, rule.allow_crisis_lines) for d in rule.detectors),
            )
            for rule in rules.contact
        ]
        others = [_topic(t) for t in rules.topics if t.help != "crisis"]
        self.first = (*crisis, *contact)
        self.last = tuple(others)

    def check(self, text: str, room: str | None = None) -> Verdict:
        variants = _variants(text)
        for rule in self.first:
            if (hit := rule.match(variants)) is not None:
                return _with(rule.verdict, hit)
        where = self.rules.room(room) if room else None
        if where is not None and len(text) > where.max_length:
            return _too_long(where, len(text))
        for rule in self.last:
            if (hit := rule.match(variants)) is not None:
                return _with(rule.verdict, hit)
        return ALLOWED


def _detector(name: str, allow_crisis_lines: bool) -> Callable[[str], str | None]:
    if name == "phone" and allow_crisis_lines:
        allowed = crisis_numbers()
        return lambda text: _phone(text, allowed)
    return _DETECTORS[name]


def crisis_numbers() -> frozenset[str]:
    """The digits of every number in ecouch's crisis lines and emergency numbers, for a
    phone rule that lets members share them ("call Lifeline on 13 11 14")."""
    from ecouch_tui.content.loader import bundled_crisis_lines

    found: set[str] = set()
    for region in bundled_crisis_lines().regions:
        for text in [region.emergency, *(line.contact for line in region.lines)]:
            for number in re.finditer(r"\+?\d[\d ()\-]*\d", text):
                found.add("".join(c for c in number.group() if c.isdigit()))
    return frozenset(found)


def _topic(topic: Topic) -> _Rule:
    verdict = Verdict(False, topic.id, topic.name, "topic", topic.help, topic.why.strip())
    return _Rule(verdict, _terms_regex(topic.terms), tuple(_DETECTORS[d] for d in topic.detectors))


def _with(verdict: Verdict, matched: str) -> Verdict:
    return replace(verdict, matched=matched[:200])


def _too_long(room: Room, length: int) -> Verdict:
    why = (
        f"Posts in {room.name} can be up to {room.max_length} characters, and this one has "
        f"{length}. Please make it shorter, or split it in two."
    )
    return Verdict(False, "too-long", "Too long", "length", None, why, None)


#: Compiled rules by the id of the rules object (kept alive here, so an id is never
#: reused while cached); a few at most, since a process uses one or two.
_COMPILED: dict[int, tuple[BoardRules, Matcher]] = {}


def matcher(rules: BoardRules) -> Matcher:
    """`rules` compiled, once per rules object."""
    cached = _COMPILED.get(id(rules))
    if cached is not None and cached[0] is rules:
        return cached[1]
    if len(_COMPILED) >= 4:
        _COMPILED.pop(next(iter(_COMPILED)))
    compiled = Matcher(rules)
    _COMPILED[id(rules)] = (rules, compiled)
    return compiled


# -- the public checks -------------------------------------------------------------------


def check_post(rules: BoardRules, text: str, room: str | None = None) -> Verdict:
    """Whether `text` may be posted; with `room`, its length is checked too."""
    return matcher(rules).check(text, room)


def _handle_words(handle: str) -> list[str]:
    """A handle's words: split at spaces and signs, and where a capital follows a small
    letter (QuietHeron: quiet, heron)."""
    spaced = re.sub(r"(?<=[^\W\d_])(?=[A-Z])", " ", handle)
    spaced = "".join(" " if not c.isalpha() else c for c in spaced)
    return [w for w in spaced.casefold().split() if w]


def _refuse(rule_id: str, why: str, matched: str | None = None) -> Verdict:
    return Verdict(False, rule_id, "Handle", "handle", None, why, matched)


def check_handle(rules: BoardRules, handle: str) -> Verdict:
    """Whether `handle` may be a member's name on the board: letters only (no digits, no
    contact details), the length allowed, no forbidden word (a first name), and nothing
    the post rules would hold."""
    shown = unicodedata.normalize("NFKC", handle).strip()
    limits = rules.handle
    if any(c.isdigit() or c.isnumeric() for c in shown):
        return _refuse("handle-digits", "A handle cannot have numbers in it.")
    if not re.fullmatch(r"[^\W\d_]+(?:[ '\-][^\W\d_]+)*", shown):
        return _refuse(
            "handle-letters",
            "A handle can only have letters, with a space, hyphen or apostrophe between words.",
        )
    if not limits.min_length <= len(shown) <= limits.max_length:
        return _refuse(
            "handle-length",
            f"A handle needs {limits.min_length} to {limits.max_length} letters.",
        )
    words = _handle_words(shown)
    forbidden = {w.casefold() for w in limits.forbidden}
    named = next((w for w in [*words, "".join(words)] if w in forbidden), None)
    if named:
        return _refuse(
            "handle-forbidden",
            "A handle cannot be a name, or a word that sounds like staff. "
            "Please choose another, so you stay anonymous.",
            named,
        )
    post = check_post(rules, " ".join(words))
    if not post.allowed:
        return _refuse(
            "handle-" + (post.rule_id or "rule"),
            "A handle cannot hold contact details or words the board holds back.",
            post.matched,
        )
    return ALLOWED


def _pairs(rules: BoardRules, rng: random.Random) -> Iterator[str]:
    adjectives, nouns = rules.handle.adjectives, rules.handle.nouns
    for _ in range(50):
        yield rng.choice(adjectives).capitalize() + rng.choice(nouns).capitalize()
    every = [a.capitalize() + n.capitalize() for a in adjectives for n in nouns]
    rng.shuffle(every)
    yield from every


def generate_handle(rules: BoardRules, rng: random.Random) -> str:
    """A handle from the word lists (QuietHeron) that passes `check_handle`; ValueError
    only when no pair of words does."""
    for handle in _pairs(rules, rng):
        if check_handle(rules, handle).allowed:
            return handle
    raise ValueError("no handle made from the rules' word lists passes the handle rules")


def is_generated(rules: BoardRules, name: str) -> bool:
    """Whether an account name is a handle ecouch makes: an adjective and a noun of the
    word lists, joined by a hyphen ("quiet-heron"). The server holds every new account
    to it, so another client cannot register a name of its own choosing."""
    words = name.casefold().split("-")
    if len(words) != 2:
        return False
    adjectives = {a.casefold() for a in rules.handle.adjectives}
    nouns = {n.casefold() for n in rules.handle.nouns}
    return words[0] in adjectives and words[1] in nouns and check_handle(rules, name).allowed


def reaction_allowed(rules: BoardRules, room: str, key: str) -> bool:
    """Only the reactions a room lists, exactly; none in a room the rules do not know."""
    where = rules.room(room)
    return where is not None and key in where.reactions


def replies_allowed(rules: BoardRules, room: str) -> bool:
    where = rules.room(room)
    return where is not None and where.replies


__all__ = [
    "ALLOWED",
    "ROOMS",
    "Matcher",
    "Verdict",
    "bundled_rules_path",
    "check_handle",
    "check_post",
    "generate_handle",
    "load_rules",
    "matcher",
    "normalise",
    "reaction_allowed",
    "replies_allowed",
]
