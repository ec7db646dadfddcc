"""Widget for `quiz` blocks: radio buttons or a checklist per question, with feedback.

Single-choice questions give feedback as soon as an option is chosen; multiple-choice
ones when the user asks ("Check my answers"), so they can pick several first. Every
change is saved at once (it is one small write).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Button, Markdown, RadioButton, RadioSet, SelectionList, Static
from textual.widgets.selection_list import Selection

from ecouch_tui.content.blocks.quiz import QuizBlock, QuizQuestion, QuizResponse
from ecouch_tui.ui.blocks.base import BlockView


def feedback_text(question: QuizQuestion, chosen: list[int]) -> str:
    """Markdown feedback for what was chosen (and, for multiple choice, what was missed)."""
    lines: list[str] = []
    for index, option in enumerate(question.options):
        picked = index in chosen
        if not question.multiple and not picked:
            continue
        if picked and option.correct:
            mark = "✓ **Right.**"
        elif picked:
            mark = "✗ **Not quite.**"
        elif option.correct:
            mark = "○ **Also right:**"
        else:
            continue
        prefix = f"*{option.text}* — " if question.multiple else ""
        lines.append(f"{mark} {prefix}{option.feedback}")
    return "\n\n".join(lines)


class QuestionView(Vertical):
    DEFAULT_CSS = """
    QuestionView { height: auto; margin: 0 0 1 0; }
    QuestionView > Markdown.prompt { margin: 0; }
    QuestionView RadioSet, QuestionView SelectionList { width: 100%; margin: 0 0 0 1; }
    QuestionView SelectionList { height: auto; max-height: 12; }
    QuestionView .feedback { margin: 1 0 0 2; padding: 0 1; border-left: wide $accent; }
    QuestionView Button { margin: 0 0 0 1; }
    """

    def __init__(self, quiz: QuizView, question: QuizQuestion, number: int) -> None:
        super().__init__(classes="question")
        self.quiz = quiz
        self.question = question
        self.number = number

    @property
    def chosen(self) -> list[int]:
        return self.quiz.response.answers.get(self.question.id, [])

    def compose(self) -> ComposeResult:
        q = self.question
        total = len(self.quiz.block.questions)
        counter = f"**Question {self.number} of {total}.** " if total > 1 else ""
        yield Markdown(counter + q.prompt, classes="prompt")
        if q.multiple:
            yield SelectionList[int](
                *(
                    Selection(option.text, index, index in self.chosen)
                    for index, option in enumerate(q.options)
                ),
                id=f"q-{q.id}",
                compact=True,
            )
            yield Button("Check my answers", id=f"check-{q.id}", compact=True)
        else:
            with RadioSet(id=f"q-{q.id}", compact=True):
                for index, option in enumerate(q.options):
                    yield RadioButton(option.text, value=index in self.chosen)
        feedback = Markdown("", classes="feedback")
        feedback.display = False
        yield feedback

    def on_mount(self) -> None:
        if self.question.id in self.quiz.response.checked:
            self.show_feedback()

    def show_feedback(self) -> None:
        feedback = self.query_one(".feedback", Markdown)
        text = feedback_text(self.question, self.chosen)
        feedback.display = bool(text)
        feedback.update(text)

    @on(RadioSet.Changed)
    def _chose(self, event: RadioSet.Changed) -> None:
        event.stop()
        self.quiz.answer(self.question, [event.index], checked=True)
        self.show_feedback()

    @on(SelectionList.SelectedChanged)
    def _toggled(self, event: SelectionList.SelectedChanged[int]) -> None:
        event.stop()
        chosen = sorted(event.selection_list.selected)
        if chosen != self.chosen:
            self.quiz.answer(self.question, chosen, checked=False)
            self.query_one(".feedback", Markdown).display = False

    @on(Button.Pressed)
    def _check(self, event: Button.Pressed) -> None:
        event.stop()
        self.quiz.answer(self.question, self.chosen, checked=True)
        self.show_feedback()


class QuizView(BlockView):
    block: QuizBlock

    DEFAULT_CSS = """
    QuizView { border: round $secondary; padding: 0 1; border-title-style: bold; }
    """

    def on_mount(self) -> None:
        self.border_title = f"Quiz: {self.block.title}" if self.block.title else "Quick quiz"

    def compose(self) -> ComposeResult:
        self.response = self.context.load(self.block.id, QuizResponse) or QuizResponse()
        for number, question in enumerate(self.block.questions, 1):
            yield QuestionView(self, question, number)
        yield Static("", classes="quiz-status")

    def answer(self, question: QuizQuestion, chosen: list[int], *, checked: bool) -> None:
        answers = dict(self.response.answers)
        answers[question.id] = chosen
        done = set(self.response.checked)
        if checked:
            done.add(question.id)
        else:
            done.discard(question.id)
        response = QuizResponse(answers=answers, checked=sorted(done))
        if self.ecouch.save_quietly(lambda: self.context.save(self.block, response)):
            self.response = response
