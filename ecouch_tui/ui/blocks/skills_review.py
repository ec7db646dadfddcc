"""Widget for `skills_review` blocks: the user's most used exercises, from their entries."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from ecouch_tui.content.blocks.skills_review import SkillsReviewBlock
from ecouch_tui.course.skills import SkillUse, course_skills, places_of, skills_used
from ecouch_tui.ui.blocks.base import BlockView
from ecouch_tui.ui.widgets.course_text import course_text
from ecouch_tui.wording import plural

EMPTY = (
    "You have not saved any exercises in ecouch yet, and that is fine. These are the "
    "skills the course teaches, and the week each one is in:"
)


def used_line(skill: SkillUse) -> str:
    where = skill.where()
    tail = f" · {where}" if where else ""
    return f"• {skill.words}: {plural(skill.count, 'time')}{tail}"


def taught_line(skill: SkillUse) -> str:
    where = skill.where()
    return f"• {skill.words}: {where}" if where else f"• {skill.words}"


class SkillsReviewView(BlockView):
    BLOCK = SkillsReviewBlock
    block: SkillsReviewBlock

    DEFAULT_CSS = """
    SkillsReviewView { border: round $primary; padding: 0 1; height: auto; }
    SkillsReviewView Markdown, SkillsReviewView CourseText { margin: 0; padding: 0; }
    SkillsReviewView .skills { margin: 1 0 0 0; }
    """

    def compose(self) -> ComposeResult:
        self.border_title = "Your skills"
        session = self.context.session
        places = places_of(session.course)
        used = skills_used(session.store.entries(), places, self.block.top)
        if used:
            if self.block.prompt:
                yield course_text(self.block.prompt)
            lines = [used_line(skill) for skill in used]
        else:
            yield course_text(self.block.empty or EMPTY)
            lines = [taught_line(skill) for skill in course_skills(places)]
        yield Static(
            "\n".join(lines) or "(This course has no exercises.)", classes="skills", markup=False
        )
