"""Where a relaxation practice stands at a moment: which breath phase or muscle step,
how many seconds of it are left, and how long the whole practice has to go.

Pure and driven by elapsed seconds, so a pacer shows exactly the block's rhythm and a
test can move time by hand instead of waiting for it.
"""

from __future__ import annotations

import math
from typing import Literal

import msgspec

from ecouch_tui.content.blocks.relaxation import Breathing, Pmr, RelaxationBlock

Phase = Literal["in", "hold", "out", "rest", "tense", "release", "done"]

#: Float sums of many small ticks land a hair short of a boundary (3.9999999 for 4).
_EPSILON = 1e-6


def _snap(seconds: float) -> float:
    """Elapsed time to the microsecond, so 40 ticks of 0.1 s are exactly 4 s."""
    return round(max(seconds, 0.0), 6)


#: What the pacer says in each phase (course text, kept beside the rhythm it names).
PHASE_WORDS: dict[Phase, str] = {
    "in": "Breathe in",
    "hold": "Hold",
    "out": "Breathe out",
    "rest": "Rest",
    "tense": "Tense",
    "release": "Release and notice",
    "done": "Well done",
}

RELEASE_HINT = "Let the muscles go loose all at once, and notice how they feel now."


class Cue(msgspec.Struct, frozen=True, kw_only=True):
    """What a pacer shows at one moment of a practice."""

    phase: Phase
    #: Whole seconds left in this phase, as counted down on screen (0 when done).
    countdown: int
    #: How full the pacer's shape is, 0 to 1: it grows breathing in and shrinks out.
    fullness: float
    #: The breath or muscle group now (1-based) and how many there are.
    step: int
    steps: int
    #: Seconds left in the whole practice.
    left: float
    #: The muscle group and what to do with it (PMR only).
    title: str = ""
    instruction: str = ""
    #: Which time through this muscle group, of how many (PMR with `rounds`).
    round: int = 1
    rounds: int = 1

    @property
    def words(self) -> str:
        return PHASE_WORDS[self.phase]


class Practice:
    """A practice's clock: it runs only while not paused and stops at the end.

    The pacer calls `tick` with the seconds that passed; minutes practised are these
    seconds, so pauses (and a sleeping laptop, as the caller caps each tick) never count.
    """

    def __init__(self, length: float, elapsed: float = 0.0) -> None:
        self.length = length
        self.elapsed = min(max(elapsed, 0.0), length)
        self.paused = False

    def tick(self, seconds: float) -> None:
        if not self.paused and seconds > 0:
            self.elapsed = min(self.length, self.elapsed + seconds)

    @property
    def finished(self) -> bool:
        return self.elapsed >= self.length - _EPSILON

    @property
    def minutes(self) -> float:
        return round(self.elapsed / 60, 2)


# -- slow breathing ---------------------------------------------------------------------


def breathing_length(breathing: Breathing) -> float:
    """Seconds of practice: the block's minutes, rounded up to whole breaths so it ends
    after a full out-breath rather than half-way through one."""
    breaths = math.ceil(breathing.minutes * 60 / breathing.cycle_seconds - _EPSILON)
    return breaths * breathing.cycle_seconds


def breathing_cue(breathing: Breathing, elapsed: float) -> Cue:
    length = breathing_length(breathing)
    cycle = breathing.cycle_seconds
    steps = round(length / cycle)
    left = max(0.0, length - elapsed)
    if elapsed >= length - _EPSILON:
        return Cue(phase="done", countdown=0, fullness=0.0, step=steps, steps=steps, left=0.0)
    breath, into = divmod(_snap(elapsed), cycle)
    phases: list[tuple[Phase, float]] = [
        ("in", breathing.inhale),
        ("hold", breathing.hold),
        ("out", breathing.exhale),
        ("rest", breathing.hold_after),
    ]
    for phase, seconds in phases:
        if seconds <= 0:
            continue
        if into < seconds or phase == "rest":
            done = min(into, seconds) / seconds
            fullness = {"in": done, "hold": 1.0, "out": 1.0 - done, "rest": 0.0}[phase]
            return Cue(
                phase=phase,
                countdown=_countdown(seconds - into),
                fullness=fullness,
                step=int(breath) + 1,
                steps=steps,
                left=left,
                instruction=cue_word_hint(breathing) if phase == "out" else "",
            )
        into -= seconds
    # The last phase of a cycle with no rest after it: float slack at its very end.
    return Cue(
        phase="out",
        countdown=1,
        fullness=0.0,
        step=int(breath) + 1,
        steps=steps,
        left=left,
        instruction=cue_word_hint(breathing),
    )


def cue_word_hint(breathing: Breathing) -> str:
    """What to say on a breath out, when the practice has a cue word."""
    return f'Say "{breathing.cue}" to yourself' if breathing.cue else ""


# -- progressive muscle relaxation -------------------------------------------------------


def pmr_length(pmr: Pmr) -> float:
    return float(len(pmr.groups) * pmr.rounds * (pmr.tense_seconds + pmr.release_seconds))


def pmr_cue(pmr: Pmr, elapsed: float) -> Cue:
    length = pmr_length(pmr)
    steps = len(pmr.groups)
    if elapsed >= length - _EPSILON:
        return Cue(phase="done", countdown=0, fullness=0.0, step=steps, steps=steps, left=0.0)
    per_round = pmr.tense_seconds + pmr.release_seconds
    done_rounds, into = divmod(_snap(elapsed), per_round)
    index = int(done_rounds) // pmr.rounds
    group = pmr.groups[index]
    tensing = into < pmr.tense_seconds
    if tensing:
        phase: Phase = "tense"
        remaining, fullness = pmr.tense_seconds - into, into / pmr.tense_seconds
    else:
        into -= pmr.tense_seconds
        phase = "release"
        remaining, fullness = pmr.release_seconds - into, 1.0 - into / pmr.release_seconds
    return Cue(
        phase=phase,
        countdown=_countdown(remaining),
        fullness=fullness,
        step=index + 1,
        steps=steps,
        left=max(0.0, length - elapsed),
        title=group.name,
        instruction=group.instruction if tensing or pmr.release_only else RELEASE_HINT,
        round=int(done_rounds) % pmr.rounds + 1,
        rounds=pmr.rounds,
    )


# -- either ------------------------------------------------------------------------------


def practice_length(block: RelaxationBlock) -> float:
    """Seconds a full practice of this block takes."""
    if block.exercise == "pmr" and block.pmr is not None:
        return pmr_length(block.pmr)
    return breathing_length(block.breathing)


def cue_at(block: RelaxationBlock, elapsed: float) -> Cue:
    """What to show `elapsed` seconds (of practice, not of wall time) after starting."""
    if block.exercise == "pmr" and block.pmr is not None:
        return pmr_cue(block.pmr, elapsed)
    return breathing_cue(block.breathing, elapsed)


def rhythm_words(block: RelaxationBlock) -> str:
    """The practice in one line, e.g. '5 minutes: in for 4 s, out for 6 s'."""
    if block.exercise == "pmr" and block.pmr is not None:
        pmr = block.pmr
        times = {1: "", 2: ", twice", 3: ", three times"}[pmr.rounds]
        if pmr.release_only:
            return (
                f"About {clock_words(pmr_length(pmr))}: {len(pmr.groups)} muscle groups, "
                f"let each go for {pmr.release_seconds} s, without tensing{times}."
            )
        return (
            f"About {clock_words(pmr_length(pmr))}: {len(pmr.groups)} muscle groups, "
            f"tense each for {pmr.tense_seconds} s, then release for {pmr.release_seconds} s"
            f"{times}."
        )
    b = block.breathing
    parts = [f"in for {_s(b.inhale)}"]
    if b.hold:
        parts.append(f"hold for {_s(b.hold)}")
    parts.append(f"out for {_s(b.exhale)}")
    if b.hold_after:
        parts.append(f"rest for {_s(b.hold_after)}")
    if b.cue:
        parts.append(f'saying "{b.cue}" on each breath out')
    per_minute = 60 / b.cycle_seconds
    return (
        f"{clock_words(breathing_length(b))}: " + ", ".join(parts) + f" (about {per_minute:.0f}"
        " breaths a minute)."
    )


def clock_words(seconds: float) -> str:
    """'5 minutes', '2 min 30 s', '40 seconds'."""
    whole = round(seconds)
    minutes, rest = divmod(whole, 60)
    if minutes and rest:
        return f"{minutes} min {rest} s"
    if minutes:
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    return f"{rest} second{'s' if rest != 1 else ''}"


def clock_face(seconds: float) -> str:
    """'4:35': time left, counted down in whole seconds."""
    whole = math.ceil(max(seconds, 0.0) - _EPSILON)
    return f"{whole // 60}:{whole % 60:02d}"


def _countdown(remaining: float) -> int:
    return max(1, math.ceil(remaining - _EPSILON))


def _s(seconds: float) -> str:
    return f"{seconds:g} s"
