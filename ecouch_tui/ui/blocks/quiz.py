"""Widget for `quiz` blocks: radio buttons or a checklist per question, with feedback.

Single-choice questions give feedback as soon as an option is chosen; multiple-choice
ones when the user asks ("Check my answers"), so they can pick several first. Every
change is saved at once (it is one small write).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Button, Checkbox, RadioSet, Static

from ecouch_tui.content.blocks.quiz import QuizBlock, QuizQuestion, QuizResponse
from ecouch_tui.ui.blocks.base import UNREADABLE_ANSWER, BlockView
from ecouch_tui.ui.widgets.course_text import course_text
from ecouch_tui.ui.widgets.marked import MarkedCheckbox, MarkedRadioButton, compact


def feedback_text(question: QuizQuestion, chosen: list[int]) -> str:
    """Markdown feedback for what was chosen (and, for multiple choice, what was missed)."""
    lines: list[str] = []
    for index, option in enumerate(question.options):
        picked = index in chosen
        if question.multiple:
            if picked and option.correct:
                mark = "✓ **Right:**"
            elif picked:
                mark = "✗ **Not this one:**"
            elif option.correct:
                mark = "○ **Also right:**"
            else:
                continue
            lines.append(f"{mark} *{option.text}* — {option.feedback}")
        elif picked:
            mark = "✓ **Right.**" if option.correct else "✗ **Not quite.**"
            lines.append(f"{mark} {option.feedback}")
    return "\n\n".join(lines)


class QuestionView(Vertical):
    DEFAULT_CSS = """
    QuestionView { height: auto; margin: 0 0 1 0; }
    QuestionView > .prompt { margin: 0; }
    QuestionView RadioSet, QuestionView .checklist { width: 100%; margin: 0 0 0 1; }
    QuestionView .checklist { height: auto; }
    QuestionView Checkbox { width: 100%; }
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
        yield course_text(counter + q.prompt, classes="prompt")
        if q.multiple:
            with Vertical(id=f"q-{q.id}", classes="checklist"):
                for index, option in enumerate(q.options):
                    yield compact(
                        MarkedCheckbox(option.text, value=index in self.chosen, name=str(index))
                    )
            yield compact(Button("Check my answers", id=f"check-{q.id}"))
        else:
            with compact(RadioSet(id=f"q-{q.id}")):
                for index, option in enumerate(q.options):
                    yield MarkedRadioButton(option.text, value=index in self.chosen)
        # Feedback is made when it is shown (most questions on a page are unanswered).
        if q.id in self.quiz.response.checked and (text := feedback_text(q, self.chosen)):
            yield course_text(text, classes="feedback")  # the page opens at its top

    def hide_feedback(self) -> None:
        self.query(".feedback").remove()

    def show_feedback(self) -> None:
        self.hide_feedback()
        text = feedback_text(self.question, self.chosen)
        if text:
            feedback = course_text(text, classes="feedback")
            self.mount(feedback)
            # The answer's feedback may land below the fold: bring it into view.
            self.call_after_refresh(feedback.scroll_visible, animate=False)

    @on(RadioSet.Changed)
    def _chose(self, event: RadioSet.Changed) -> None:
        event.stop()
        self.quiz.answer(self.question, [event.index], checked=True)
        self.show_feedback()

    @on(Checkbox.Changed)
    def _toggled(self, event: Checkbox.Changed) -> None:
        event.stop()
        chosen = sorted(int(str(box.name)) for box in self.query(MarkedCheckbox) if box.value)
        if chosen != self.chosen:
            self.quiz.answer(self.question, chosen, checked=False)
            self.hide_feedback()

    @on(Button.Pressed)
    def _check(self, event: Button.Pressed) -> None:
        event.stop()
        self.quiz.answer(self.question, self.chosen, checked=True)
        self.show_feedback()


#: Said when the stored answers cannot be read (a damaged store, a hand edit).
UNREADABLE = f"{UNREADABLE_ANSWER} You can still try the questions; these answers are not saved."


class QuizView(BlockView):
    BLOCK = QuizBlock
    block: QuizBlock

    DEFAULT_CSS = """
    QuizView { border: round $secondary; padding: 0 1; border-title-style: bold; }
    """

    def on_mount(self) -> None:
        self.border_title = f"Quiz: {self.block.title}" if self.block.title else "Quick quiz"

    def compose(self) -> ComposeResult:
        self.response = self.saved_answer(QuizResponse) or QuizResponse()
        for number, question in enumerate(self.block.questions, 1):
            yield QuestionView(self, question, number)
        yield Static(UNREADABLE if self.unreadable else "", classes="quiz-status")

    def answer(self, question: QuizQuestion, chosen: list[int], *, checked: bool) -> None:
        answers = dict(self.response.answers)
        answers[question.id] = chosen
        done = set(self.response.checked)
        if checked:
            done.add(question.id)
        else:
            done.discard(question.id)
        response = QuizResponse(answers=answers, checked=sorted(done))
        # Kept at once, as shown: the next answer builds on it (and so carries it to the
        # disk again, should this write be refused).
        self.response = response
        if not self.unreadable:
            self.save_again()

    def answer_now(self) -> QuizResponse:
        return self.response

    def save_again(self) -> None:
        self.ecouch.save_quietly(self.saving(self.response))
