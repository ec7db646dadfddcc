"""A week 4 added to a copy of the course, with the relaxation and physical activity
blocks on their own pages, so their tests can open them with `app.open_week(4, ...)`."""

from __future__ import annotations

from pathlib import Path

from ecouch_tui.session import SessionConfig

WEEK = 4
BREATHING_PAGE, PMR_PAGE, ACTIVITY_PAGE = 0, 1, 2

MODULE = """\
id: practice
week: 4
title: Practice
summary: Slow breathing, muscle relaxation and moving more.
minutes: 10
pages:
  - id: breathe
    title: Slow breathing
    blocks:
      - type: relaxation
        id: breathe
        prompt: Sit comfortably and follow the shape.
        breathing: {inhale: 4, exhale: 6, minutes: 1}
  - id: relax
    title: Muscle relaxation
    blocks:
      - type: relaxation
        id: pmr
        exercise: pmr
        pmr:
          tense_seconds: 5
          release_seconds: 10
          groups:
            - {name: Hands, instruction: Make a fist with both hands.}
            - {name: Shoulders, instruction: Lift your shoulders towards your ears.}
            - {name: Face, instruction: Screw up your eyes and wrinkle your nose.}
  - id: move
    title: Moving
    blocks:
      - type: physical_activity
        id: move
        prompt: Log what you did, and plan next week.
"""


def use_practice_course(config: SessionConfig, course_dir: Path) -> None:
    """Point `config` at `course_dir` with the practice week added, every week open."""
    (course_dir / "04-practice.yaml").write_text(MODULE)
    manifest = course_dir / "course.yaml"
    manifest.write_text(manifest.read_text().rstrip("\n") + "\n  - 04-practice.yaml\n")
    config.modules_dir = course_dir
    config.policy = "open"
