"""The app's side of the peer board: the saved account, and the windows that send.

Everything that leaves this computer for the board goes through `SendScreen`: what is
to be sent is written (or ticked), then shown exactly as it will be posted, then sent.
The board's rules are checked before anything is sent; a post they hold shows, in the
same window, why, and for a post about ways of self-harm the crisis lines of the
user's region at once, with the choice to send it privately to the moderators
instead. A board that cannot be reached keeps the draft here to send again.

Nothing here is imported at start-up: the app imports it when the board is opened or a
course exercise is shared (and the Matrix client, `nio`, only when a request is made).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Static, TextArea

from ecouch_tui.ui.access import AppAccess
from ecouch_tui.ui.keys import GET_HELP_KEY
from ecouch_tui.ui.widgets.crisis_lines import CrisisLines
from ecouch_tui.ui.widgets.footer import EcouchFooter
from ecouch_tui.ui.widgets.marked import MarkedCheckbox

if TYPE_CHECKING:
    from ecouch_tui.board.client import BoardClient
    from ecouch_tui.board.credentials import Credentials
    from ecouch_tui.board.rules import Verdict
    from ecouch_tui.content.blocks.thought_record import ThoughtRecord
    from ecouch_tui.content.board_rules import BoardRules
    from ecouch_tui.ui.app import EcouchApp

#: What the user is told when a send finds the server away (the draft stays).
OFFLINE_DRAFT = "The board cannot be reached right now. Your post is kept here: try again (Send)."
#: How to join, for a share key pressed before joining.
HOW_TO_JOIN = (
    "You have not joined a board. To join, open Board from the command palette (ctrl+p) "
    "and paste the invitation link your programme gave you."
)
NO_CLIENT = (
    "The board needs its Matrix client, which is not installed: "
    "pip install 'ecouch[board]' installs it."
)

_RULES: list[BoardRules] = []


def board_rules() -> BoardRules:
    """The rules of the board in use: the ones it published (`use_rules`, as its account
    is read), else the bundled ones (before joining)."""
    if not _RULES:
        from ecouch_tui.board.rules import load_rules

        _RULES.append(load_rules())
    return _RULES[0]


def use_rules(saved: Credentials) -> None:
    """Check and show by the rules this board published (kept in its account file)."""
    from ecouch_tui.board.membership import rules_for
    from ecouch_tui.content.problems import ContentError

    try:
        rules = rules_for(saved)
    except ContentError:  # checked at joining; a damaged copy falls back to the bundled
        from ecouch_tui.board.rules import load_rules

        rules = load_rules()
    _RULES[:] = [rules]


def saved_account(app: EcouchApp) -> Credentials | None:
    """The board this user joined, or None; says why when it cannot be used."""
    from ecouch_tui.board import credentials
    from ecouch_tui.paths import UnsafePlace

    try:
        saved = credentials.load(app.config.data_dir)
    except UnsafePlace as exc:
        app.notify(str(exc), title="The board's file cannot be used", severity="error")
        return None
    if saved is not None:
        use_rules(saved)
    return saved


def client_installed(app: EcouchApp) -> bool:
    import importlib.util

    if importlib.util.find_spec("nio") is None:
        app.notify(NO_CLIENT, title="Board", severity="error")
        return False
    return True


def client(saved: Credentials) -> BoardClient:
    """A connection as the saved account (`async with` it)."""
    from ecouch_tui.board.membership import client_for

    return client_for(saved, board_rules())


def open_board(app: EcouchApp) -> None:
    """The board: how to join when not joined yet, else its rooms."""
    from ecouch_tui.board import credentials
    from ecouch_tui.paths import UnsafePlace

    if not client_installed(app):
        return
    try:
        saved = credentials.load(app.config.data_dir)
    except UnsafePlace as exc:
        app.notify(str(exc), title="The board's file cannot be used", severity="error")
        return
    if saved is not None:
        use_rules(saved)
    from ecouch_tui.ui.screens.board import BoardScreen, JoinScreen

    app.push_screen(JoinScreen() if saved is None else BoardScreen(saved))


def room_name(kind: str) -> str:
    room = board_rules().room(kind)
    return str(room.name) if room is not None else kind


# -- sharing from the course ------------------------------------------------------------


def record_columns(record: ThoughtRecord) -> list[tuple[str, str]]:
    """A thought record's parts, as (heading, words): each part written, in the record's
    order; the thoughts as one part."""
    columns: list[tuple[str, str]] = []
    for heading, words in record.sections():
        if heading == "Thought":
            found = next((i for i, (h, _) in enumerate(columns) if h == "Thoughts"), None)
            if found is None:
                columns.append(("Thoughts", words))
            else:
                columns[found] = ("Thoughts", f"{columns[found][1]}\n{words}")
        else:
            columns.append((heading, words))
    return columns


def share_thought_record(app: EcouchApp, record: ThoughtRecord) -> None:
    """The share window for a thought record, or how to join a board first."""
    columns = record_columns(record)
    if not columns:
        app.notify("Write something in the record first, then share it.", title="Share")
        return
    saved = saved_account(app)
    if saved is None:
        app.notify(HOW_TO_JOIN, title="Share on the board")
    elif client_installed(app):
        app.push_screen(ShareRecordScreen(saved, columns))


def share_achieved(app: EcouchApp, words: str) -> None:
    """The share window for something achieved or enjoyed, or how to join first."""
    saved = saved_account(app)
    if saved is None:
        app.notify(HOW_TO_JOIN, title="Share on the board")
    elif client_installed(app):
        app.push_screen(PostScreen(saved, "achieved", text=words.strip()))


# -- the windows that send ----------------------------------------------------------------

Step = Literal["edit", "preview", "held", "sending"]


class SendScreen(AppAccess, ModalScreen[bool]):
    """Write, preview exactly, send. Subclasses give the editor and what it makes."""

    DEFAULT_CSS = """
    SendScreen { align: center middle; }
    SendScreen #send-box {
        width: 90%; max-width: 100; height: 90%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    SendScreen #send-body { height: 1fr; }
    SendScreen #send-editor { height: auto; }
    SendScreen #send-editor TextArea { height: auto; min-height: 4; max-height: 12; }
    SendScreen #send-count { color: $text-muted; }
    SendScreen #send-count.-over { color: $text-warning; }
    SendScreen #send-preview-title { text-style: bold; }
    SendScreen #send-preview { border-left: outer $accent; padding: 0 1; background: $boost; }
    SendScreen #send-held { height: auto; margin-bottom: 1; }
    SendScreen #send-held-title { text-style: bold; color: $text-warning; }
    SendScreen #send-why { margin-top: 1; }
    SendScreen #send-status { height: auto; }
    SendScreen #send-buttons { height: auto; }
    SendScreen #send-buttons Button { margin-right: 2; min-width: 6; }
    SendScreen .-hidden { display: none; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        GET_HELP_KEY,
        Binding("escape", "cancel", "Cancel", id="send_cancel"),
    ]

    def __init__(self, saved: Credentials, room: str) -> None:
        super().__init__()
        self.saved = saved
        self.room = room
        self.step: Step = "edit"
        #: Why the rules held the post (shown in the "held" step).
        self.verdict: Verdict | None = None

    # -- what a subclass gives -----------------------------------------------------------

    def heading(self) -> str:
        return f"Post in {room_name(self.room)}"

    def editor(self) -> Iterable[Widget]:
        raise NotImplementedError

    def event(self) -> tuple[str, dict[str, Any]]:
        """The event to send: its type and content."""
        raise NotImplementedError

    def shown(self) -> str:
        """What will be posted, as the board shows it."""
        raise NotImplementedError

    def missing(self) -> str | None:
        """Why there is nothing to send yet, or None."""
        return None

    async def deliver(self, client: BoardClient) -> None:
        raise NotImplementedError

    # -- layout ----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="send-box") as box:
            box.border_title = self.heading()
            with VerticalScroll(id="send-body"):
                with Vertical(id="send-editor"):
                    yield from self.editor()
                # A held post: why, and for a crisis topic the region's lines, first.
                with Vertical(id="send-held"):
                    yield Static(id="send-held-title", markup=False)
                    yield CrisisLines(id="send-crisis")
                    yield Static(id="send-why", markup=False)
                yield Static(id="send-preview-title", markup=False)
                yield Static(id="send-preview", markup=False)
            # The status and the buttons stay in view below what scrolls.
            yield Static(id="send-status", markup=False)
            with Horizontal(id="send-buttons"):
                yield Button("Preview", id="send-preview-button", variant="primary", compact=True)
                yield Button("Send", id="send-send", variant="primary", compact=True)
                yield Button(
                    "Send it privately to the moderators instead", id="send-private", compact=True
                )
                yield Button("Edit", id="send-edit", compact=True)
                yield Button("Cancel", id="send-cancel", compact=True)
        yield EcouchFooter()

    def on_mount(self) -> None:
        self.show_step("edit")

    def show_step(self, step: Step, status: str = "") -> None:
        self.step = step
        visible = {
            "#send-editor": step == "edit",
            "#send-preview-title": step in ("preview", "held", "sending"),
            "#send-preview": step in ("preview", "held", "sending"),
            "#send-held": step == "held",
            "#send-preview-button": step == "edit",
            "#send-send": step == "preview",
            "#send-private": step == "held" and self._may_go_privately(),
            "#send-edit": step in ("preview", "held"),
            "#send-cancel": step != "sending",
        }
        for selector, show in visible.items():
            self.query_one(selector).set_class(not show, "-hidden")
        if step != "edit":
            where = room_name(self.room)
            self.query_one("#send-preview-title", Static).update(
                f"This is exactly what will be posted in {where}, under your handle:"
            )
            self.query_one("#send-preview", Static).update(Content(self.shown()))
        self.query_one("#send-status", Static).update(Content(status))
        if step == "held":
            self._show_held()
        focus = {
            "preview": "#send-send",
            "held": "#send-private" if self._may_go_privately() else "#send-edit",
        }.get(step)
        if focus is not None:
            self.query_one(focus).focus(scroll_visible=False)
        elif step == "edit":
            self.focus_editor()
        self.query_one("#send-body").scroll_home(animate=False, immediate=True)

    def focus_editor(self) -> None:
        fields = list(self.query_one("#send-editor").query("TextArea, Checkbox"))
        if fields:
            fields[0].focus(scroll_visible=False)

    def _may_go_privately(self) -> bool:
        return self.verdict is not None and self.verdict.kind == "topic"

    def _show_held(self) -> None:
        verdict = self.verdict
        crisis = verdict is not None and verdict.help == "crisis"
        lines = self.query_one("#send-crisis", CrisisLines)
        lines.set_class(not crisis, "-hidden")
        if crisis:
            session = self.ecouch.open_session
            lines.show(session.region() if session is not None else None)
        why = verdict.why if verdict is not None else ""
        if verdict is not None and verdict.kind == "topic":
            title = "Not posted: the board's rules keep this off the board."
            why += "\n\nOnly the moderators read what you send them privately. Or edit it."
        elif verdict is not None and verdict.kind == "contact":
            title = "Please take out the contact details, then preview it again."
        else:
            title = "This cannot be posted as it is. Please change it, then preview it again."
        self.query_one("#send-held-title", Static).update(title)
        self.query_one("#send-why", Static).update(Content(why))

    # -- steps --------------------------------------------------------------------------

    def preview(self) -> None:
        """Check the rules (nothing is sent) and show exactly what will be posted."""
        missing = self.missing()
        if missing:
            self.query_one("#send-status", Static).update(Content(missing))
            return
        from ecouch_tui.board.judge import judge_event

        event_type, content = self.event()
        verdict = judge_event(board_rules(), self.room, event_type, content)
        if verdict is not None:
            self.verdict = verdict
            self.show_step("held")
        else:
            self.verdict = None
            self.show_step("preview")

    def send(self, privately: bool = False) -> None:
        self.show_step("sending", "Sending…")
        self.run_worker(
            self._send(privately), group="board-send", exclusive=True, exit_on_error=False
        )

    async def _send(self, privately: bool) -> None:
        from ecouch_tui.board.client import BoardError

        back: Step = "held" if privately else "preview"
        try:
            async with client(self.saved) as connection:
                if privately:
                    await connection.send_to_moderators(
                        self.saved.space_id, self.shown(), self.verdict, self.room
                    )
                else:
                    await self.deliver(connection)
        except BoardError as exc:
            if exc.kind == "offline":
                self.show_step(back, OFFLINE_DRAFT)
            elif exc.kind == "refused" and exc.verdict is not None:
                self.verdict = exc.verdict
                self.show_step("held")
            elif exc.kind == "forbidden" and not privately:
                self.show_step(
                    back,
                    "The board did not take it: a moderator may not have approved you yet, "
                    f"or your account was changed ({exc}). Your post is kept here.",
                )
            else:
                self.show_step(back, f"Not sent: {exc} Your post is kept here.")
            return
        except Exception as exc:  # the network library's own surprises: keep the draft
            self.show_step(back, f"Not sent ({type(exc).__name__}). Your post is kept here.")
            return
        if privately:
            self.app.notify(
                "Sent privately to the moderators. Nobody else sees it; a moderator will read it.",
                title="Sent to the moderators",
            )
        else:
            self.ecouch.use_log.board("post", self.room)
            self.app.notify(f"Posted in {room_name(self.room)}.", title="Posted")
        self.dismiss(True)

    # -- buttons and keys ----------------------------------------------------------------

    @on(Button.Pressed, "#send-preview-button")
    def _preview(self) -> None:
        self.preview()

    @on(Button.Pressed, "#send-send")
    def _send_button(self) -> None:
        self.send()

    @on(Button.Pressed, "#send-private")
    def _private(self) -> None:
        self.send(privately=True)

    @on(Button.Pressed, "#send-edit")
    def _edit(self) -> None:
        self.show_step("edit")

    @on(Button.Pressed, "#send-cancel")
    def _cancel(self) -> None:
        self.action_cancel()

    def action_cancel(self) -> None:
        if self.step == "sending":
            return  # it may be on its way: wait for the answer
        self.dismiss(False)


class PostScreen(SendScreen):
    """A post (or a reply) written in a box, counted against the room's longest post."""

    def __init__(
        self,
        saved: Credentials,
        room: str,
        *,
        text: str = "",
        reply_to: str | None = None,
        replying_to: str = "",
    ) -> None:
        super().__init__(saved, room)
        self.text = text
        self.reply_to = reply_to
        self.replying_to = replying_to
        rules = board_rules().room(room)
        self.max_length = rules.max_length if rules is not None else 0

    def heading(self) -> str:
        if self.reply_to:
            return f"Reply to {self.replying_to}" if self.replying_to else "Reply"
        return super().heading()

    def editor(self) -> Iterable[Widget]:
        yield TextArea(
            self.text,
            soft_wrap=True,
            tab_behavior="focus",
            placeholder="Write your post here",
            id="send-text",
        )
        yield Static(id="send-count", markup=False)
        yield Static(
            "Tab to Preview: you see exactly what will be posted before it is sent.",
            classes="hint",
            markup=False,
        )

    def on_mount(self) -> None:
        super().on_mount()
        self._count()

    @on(TextArea.Changed, "#send-text")
    def _typed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.text = event.text_area.text
        self._count()

    def _count(self) -> None:
        length = len(self.text.strip())
        over = self.max_length and length > self.max_length
        words = f"{length} / {self.max_length} characters"
        if over:
            words += f": {length - self.max_length} too many"
        count = self.query_one("#send-count", Static)
        count.update(words)
        count.set_class(bool(over), "-over")

    def missing(self) -> str | None:
        return "Write something first." if not self.text.strip() else None

    def event(self) -> tuple[str, dict[str, Any]]:
        content: dict[str, Any] = {"msgtype": "m.text", "body": self.text.strip()}
        if self.reply_to:
            content["m.relates_to"] = {"m.in_reply_to": {"event_id": self.reply_to}}
        return "m.room.message", content

    def shown(self) -> str:
        return self.text.strip()

    async def deliver(self, client: BoardClient) -> None:
        await client.post(self.saved.rooms[self.room], self.text.strip(), self.reply_to)


class ShareRecordScreen(SendScreen):
    """A thought record shared: only the parts ticked (none are, to begin with)."""

    def __init__(self, saved: Credentials, columns: list[tuple[str, str]]) -> None:
        super().__init__(saved, "thought_records")
        self.columns = columns

    def heading(self) -> str:
        return "Share a thought record"

    def editor(self) -> Iterable[Widget]:
        yield Static(
            "Tick the parts to share. Nothing is ticked to begin with: only what you tick "
            "is posted, and you see it before it is sent.",
            markup=False,
        )
        from ecouch_tui.wording import one_line

        for index, (heading, words) in enumerate(self.columns):
            label = Content.assemble((f"{heading}: ", "bold"), one_line(words, 60))
            yield MarkedCheckbox(label, False, id=f"share-column-{index}", compact=True)

    def ticked(self) -> dict[str, str]:
        return {
            heading: words
            for index, (heading, words) in enumerate(self.columns)
            if self.query_one(f"#share-column-{index}", MarkedCheckbox).value
        }

    def missing(self) -> str | None:
        return "Tick at least one part to share." if not self.ticked() else None

    def event(self) -> tuple[str, dict[str, Any]]:
        from ecouch_tui.board.rooms import THOUGHT_RECORD_EVENT

        return THOUGHT_RECORD_EVENT, {"columns": self.ticked()}

    def shown(self) -> str:
        return "\n".join(f"{heading}: {words}" for heading, words in self.ticked().items())

    async def deliver(self, client: BoardClient) -> None:
        await client.share_thought_record(self.saved.rooms[self.room], self.ticked())
