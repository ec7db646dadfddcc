"""`ecouch new-module ID --week N`: a valid, commented module skeleton to write into.

The skeleton has one page for each kind of block most weeks need, with a comment on
every field, and passes `ecouch validate` as written (a test keeps it so), so an
author starts from something that works and changes one thing at a time.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from ecouch_tui.commands.common import fail

USAGE = 2

#: Module ids name files too (`modules/NN-ID.yaml`): lowercase words joined by hyphens.
KEBAB_CASE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

SCHEMA_FILE = "module.schema.json"

SKELETON = """\
# yaml-language-server: $schema={schema_file}
# Week {week}: {title}. (Say in a line what this week is about.)
#
# A module is one week of the course: 4 to 8 short pages, one idea a page. How to
# write it: docs/content-style.md. Every field and block type: docs/authoring.md.
# Check it:    ecouch validate {path}
# Look at it:  ecouch preview {path}   (reloads each time you save)

# The module's stable id. What people write is saved under it, and under each page
# and block id below: renaming an id later orphans their answers. Choose them now.
id: {id}
# Which week this is. course.yaml must list this file as its week {week} (the {nth}
# entry of `modules:`), or the course reports a mismatch.
week: {week}
# Shown on the home screen and above every page.
title: {title}
# One paragraph for the home screen and the printed report (Markdown).
summary: >-
  Say what this week is about and what the reader will try, in two or three short,
  warm sentences.
# About how long the week takes to read and do, in minutes (optional).
minutes: 15

# The pages, in order. Each has an id, a title and a list of blocks; each block
# starts with `type:`.
pages:
  - id: welcome
    title: What this week is about
    blocks:
      # markdown: course text, with ## headings, - lists, **bold** and links.
      - type: markdown
        text: |
          ## A heading for the first idea

          Write to the reader as "you", in short sentences and everyday words. Keep
          each page to one idea, short enough to read in two or three screens.
      # callout: a boxed tip, note or warning that stands out (the title is optional).
      - type: callout
        style: tip
        title: Go at your own pace
        text: |
          Missing a day is normal. Pick it up again when you can.

  - id: story
    title: A story
    blocks:
      - type: markdown
        text: |
          ## Someone trying this skill

          Tell a short, made-up story of a person using this week's skill, with an
          ordinary life and a believable setback.
      # get_help: points to crisis lines and opens "Get help now" (F1). Use it on
      # pages about distressing topics. The text is optional.
      - type: get_help
        text: |
          If this week brings up painful feelings, press **F1** for crisis lines.

  - id: practice
    title: Try it
    blocks:
      - type: markdown
        text: |
          ## How to do the practice

          Explain the exercise in a few steps.
{exercises}
      - type: activity_log
        id: practice-log
        prompt: |
          Add something you did today, with how much you **achieved** and how much
          you **enjoyed** it.
        suggestions:
          - Made a cup of tea
          - Went for a short walk
      # reflection: a free-text prompt; what the reader writes is saved as they type.
      - type: reflection
        id: practice-thoughts
        prompt: |
          What did you notice when you tried this?
        hint: Only you will see this. It saves as you type.

  - id: check
    title: A quick check
    blocks:
      # quiz: every option has feedback that says why. A question has exactly one
      # `correct: true` option, or, with `multiple: true`, one or more.
      - type: quiz
        id: week-{week}-quiz
        title: What have you taken in?
        questions:
          - id: main-idea
            prompt: Ask about the week's main idea.
            options:
              - text: An answer that sounds right but is not
                feedback: >-
                  Say kindly why this is not quite it. Do not start with "Wrong":
                  the app already marks the answer.
              - text: The answer that is right
                correct: true
                feedback: >-
                  Say why this is right, and add one more useful fact.
              - text: Another answer that is not right
                feedback: >-
                  Say why, and point back to the page that explains it.
          - id: choose-all
            prompt: Ask a question with several right answers. (Choose all that fit.)
            multiple: true
            options:
              - text: One right answer
                correct: true
                feedback: >-
                  Say why this one fits.
              - text: Another right answer
                correct: true
                feedback: >-
                  Say why this one fits too.
              - text: An answer that does not fit
                feedback: >-
                  Say why this one does not fit.

  - id: this-week
    title: This week, try…
    blocks:
      - type: markdown
        text: |
          ## One or two small steps

          1. **Name the practice for the coming week**, as one concrete, small step.
          2. **Say when and where** the reader might do it.

          If you miss a day, that is fine. Pick it up again the next day.

# The sources this week's facts rest on: authors, year, title and source (journal
# or publisher); details, doi and url are optional. Cite only sources you have
# checked exist, and give a DOI only if you saw it on the source's own record.
references:
  - authors: Surname A, Surname B
    year: 2020
    title: The title of the article or book
    source: The journal or publisher
    details: "volume(issue): pages"
"""

ORDINALS = {1: "first", 2: "second", 3: "third"}


def _nth(number: int) -> str:
    if number in ORDINALS:
        return ORDINALS[number]
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10)
    return f"{number}{suffix or 'th'}"


def _exercise_list() -> str:
    """The sentence naming every exercise block type, wrapped as the comment it goes in."""
    import textwrap

    from ecouch_tui.content.blocks import entry_shape, kinds

    names = [kind for kind in kinds() if entry_shape(kind) is not None]
    listed = ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else "".join(names)
    sentence = (
        "An exercise saves what the reader writes, so it needs an id. Choose the one "
        f"that fits the week: {listed} (each one in docs/authoring.md)."
    )
    return "\n".join(
        textwrap.wrap(sentence, 84, initial_indent="      # ", subsequent_indent="      # ")
    )


def skeleton(module_id: str, week: int, path: str = "modules/NN-id.yaml") -> str:
    """The commented module text for `module_id` at `week` (written to `path`)."""
    title = module_id.replace("-", " ").capitalize()
    return SKELETON.format(
        exercises=_exercise_list(),
        id=module_id,
        week=week,
        title=title,
        path=path,
        nth=_nth(week),
        schema_file=SCHEMA_FILE,
    )


def default_target(module_id: str, week: int, cwd: Path) -> Path:
    """modules/NN-ID.yaml when there is a modules/ folder here, else NN-ID.yaml here."""
    name = f"{week:02d}-{module_id}.yaml"
    return cwd / "modules" / name if (cwd / "modules").is_dir() else cwd / name


def run(args: argparse.Namespace) -> int:
    module_id: str = args.id
    week: int = args.week
    if not KEBAB_CASE.match(module_id):
        return fail(
            f"'{module_id}' is not a valid module id: use lowercase words joined by "
            "hyphens, e.g. sleep-better",
            USAGE,
        )
    if not 1 <= week <= 52:
        return fail(f"--week must be between 1 and 52, not {week}", USAGE)
    target = Path(args.output) if args.output else default_target(module_id, week, Path.cwd())
    shown = _shown(target)
    text = skeleton(module_id, week, shown)
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        return fail(f"{shown} already exists; nothing was written (choose another file with -o)")
    except OSError as exc:
        return fail(f"cannot write {shown}: {exc.strerror}")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    print(f"wrote {shown}")
    _next_steps(target, shown, week)
    return 0


def _shown(path: Path) -> str:
    from ecouch_tui.content.loader import display_path

    return display_path(path)


def _next_steps(target: Path, shown: str, week: int) -> None:
    """What an author does next, on stderr so stdout stays the one line above."""
    folder = target.parent
    steps = []
    if (folder / "course.yaml").exists():
        steps.append(
            f"list '{target.name}' in {_shown(folder / 'course.yaml')} as week {week} "
            f"(the {_nth(week)} entry of modules:)"
        )
    steps.append(f"see it as you write: ecouch preview {shown}")
    if not (folder / SCHEMA_FILE).exists():
        steps.append(
            f"for completion and checks in your editor: ecouch schema -o "
            f"{_shown(folder / SCHEMA_FILE)}"
        )
    for step in steps:
        print(f"  next: {step}", file=sys.stderr)
