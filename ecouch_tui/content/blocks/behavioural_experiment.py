"""`behavioural_experiment`: test a belief by trying something out (Bennett-Levy et al.
2004, Oxford Guide to Behavioural Experiments in Cognitive Therapy).

The belief or prediction and how sure the user is (0-100); the experiment (what, when,
where) and what might get in the way; then, often days later, what actually happened,
what that says about the belief, and how sure they are now. Storage shape: one
`BehaviouralExperiment` per experiment, saved half done between the plan and the result
(its summary says which), and reopened from the block's list to finish.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any, ClassVar

from ecouch_tui.content.blocks.base import (
    BlockBase,
    EntryData,
    Id,
    Markdown,
    Rating100,
    one_line,
)

#: The steps, in order; step N (1-based) is STEPS[N - 1]. The first two are done
#: before the experiment, the last after it.
STEPS = ("The belief", "The experiment", "What happened")
#: The step the plan ends on ("Plan ready ✓"); after it comes the result.
PLAN_STEPS = 2

#: The states an experiment is in, as the Workbook and the block's list say them.
DRAFT = "Draft"
WAITING = "Planned, waiting for the result"
DONE = "Done"


def _sure(value: int | None) -> str:
    return "not rated" if value is None else f"{value}/100"


class BehaviouralExperiment(EntryData, kw_only=True):
    #: The belief or prediction to test ("If I speak up in the meeting, people will laugh").
    belief: str = ""
    #: How sure the user is that it is true, before the experiment (0-100).
    belief_before: Rating100 | None = None
    #: What they will do to test it, when and where.
    experiment: str = ""
    #: What might get in the way, and how they will handle it.
    obstacles: str = ""
    #: What actually happened (written after).
    result: str = ""
    #: What that says about the belief.
    learned: str = ""
    #: How sure they are now (0-100).
    belief_after: Rating100 | None = None
    done: bool = False

    def plan_gaps(self) -> list[tuple[int, str]]:
        """What the plan still needs, each with its step (what might get in the way is
        welcome, not required)."""
        needs: list[tuple[int, str]] = []
        if not self.belief.strip():
            needs.append((1, "write the belief or prediction to test"))
        if self.belief_before is None:
            needs.append((1, "rate how sure you are (0-100)"))
        if not self.experiment.strip():
            needs.append((2, "say what you will do, and when"))
        return needs

    def gaps(self) -> list[tuple[int, str]]:
        """What still needs doing before the experiment is done, with its step."""
        needs = self.plan_gaps()
        if not self.result.strip():
            needs.append((3, "say what actually happened"))
        if not self.learned.strip():
            needs.append((3, "say what that tells you about the belief"))
        if self.belief_after is None:
            needs.append((3, "rate how sure you are now (0-100)"))
        return needs

    def missing(self) -> list[str]:
        return [words for _, words in self.gaps()]

    @property
    def planned(self) -> bool:
        """The plan is complete: what is left is to try it and say what happened."""
        return not self.plan_gaps()

    def state(self) -> str:
        if self.done:
            return DONE
        return WAITING if self.planned else DRAFT

    def resume_step(self) -> int:
        """Where to reopen it: the first step with work left (the result, once planned)."""
        gaps = self.gaps()
        return gaps[0][0] if gaps else len(STEPS)

    def summary(self) -> str:
        belief = f'"{one_line(self.belief, 40)}"' if self.belief.strip() else "(no belief yet)"
        parts = [self.state(), belief]
        if self.belief_before is not None:
            after = "" if self.belief_after is None else f" → {self.belief_after}"
            parts.append(f"sure {self.belief_before}{after}")
        return " · ".join(parts)

    def sections(self) -> list[tuple[str, str]]:
        parts: list[tuple[str, str]] = [("State", self.state())]
        if self.belief.strip():
            parts.append(("The belief to test", self.belief.strip()))
        if self.belief_before is not None:
            parts.append(("How sure I was", _sure(self.belief_before)))
        if self.experiment.strip():
            parts.append(("The experiment", self.experiment.strip()))
        if self.obstacles.strip():
            parts.append(("What might get in the way", self.obstacles.strip()))
        if self.result.strip():
            parts.append(("What actually happened", self.result.strip()))
        if self.learned.strip():
            parts.append(("What I learned", self.learned.strip()))
        if self.belief_after is not None:
            parts.append(("How sure I am now", _sure(self.belief_after)))
        return parts

    def text(self) -> str:
        return "\n".join(f"{heading}: {words}" for heading, words in self.sections())


#: The demo's person's experiments: (belief, sure before, experiment, what might get in
#: the way, what happened, what it says, sure after).
_DEMO_STORIES = (
    (
        "If I say something in the team meeting, people will think it's stupid.",
        80,
        "At Thursday's 10 am meeting, say one thing about the roster, even a short one.",
        "I might freeze. I'll write my point on a note before I go in.",
        "I said we could swap Friday shifts. Two people nodded and Jo said it was a good idea.",
        "People didn't think it was stupid. My mind expects the worst more than it happens.",
        35,
    ),
    (
        "If I ask Mia to meet up, she'll say no because she's sick of me.",
        70,
        "Text Mia on Saturday morning and ask about a walk on Sunday.",
        "I'll want to put it off. I'll send it before breakfast, so I can't talk myself out.",
        "She said she was busy Sunday but asked if Wednesday would work. We went for coffee.",
        "A busy day isn't the same as not wanting to see me. She wanted to meet.",
        30,
    ),
    (
        "If I go for a walk when I feel flat, I'll just feel worse and tired.",
        65,
        "Walk round the park for 15 minutes after work on Tuesday, and rate my mood before and"
        " after.",
        "Rain. If it rains I'll walk to the shop and back with an umbrella instead.",
        "My mood went from 3 to 5. I was a bit tired but it was a nice kind of tired.",
        "Moving helped a little, even when I didn't feel like it. Feeling flat isn't a reason"
        " to stay in.",
        25,
    ),
)


class BehaviouralExperimentBlock(
    BlockBase, tag="behavioural_experiment", kw_only=True, frozen=True
):
    label: ClassVar[str] = "behavioural experiment block"
    entry_type: ClassVar[type | None] = BehaviouralExperiment
    words: ClassVar[str] = "Behavioural experiment"
    interactive: ClassVar[bool] = True
    repeatable: ClassVar[bool] = True
    id: Id
    prompt: Markdown | None = None

    def demo_entries(self, met: datetime, rng: random.Random) -> Iterator[tuple[datetime, Any]]:
        """One experiment tried and written up, and a second planned and not tried yet
        (each pair is an entry of its own: a log gives every one a new uid)."""
        first, second = rng.sample(range(len(_DEMO_STORIES)), 2)
        belief, before, experiment, obstacles, result, learned, after = _DEMO_STORIES[first]
        yield (
            met + timedelta(days=rng.randint(2, 4), hours=2),
            BehaviouralExperiment(
                belief=belief,
                belief_before=before,
                experiment=experiment,
                obstacles=obstacles,
                result=result,
                learned=learned,
                belief_after=after + rng.choice((-5, 0, 5)),
                done=True,
            ),
        )
        belief, before, experiment, obstacles, *_ = _DEMO_STORIES[second]
        yield (
            met + timedelta(days=rng.randint(5, 6), hours=1),
            BehaviouralExperiment(
                belief=belief, belief_before=before, experiment=experiment, obstacles=obstacles
            ),
        )
