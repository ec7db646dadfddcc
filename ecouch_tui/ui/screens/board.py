"""The peer board, as a member uses it: joining with an invitation, then its three rooms.

Each room lists its posts oldest first (the newest at the bottom, where the list
opens), with who wrote each, when, the words (never read as markup: they are other
people's) and the reactions counted; Talk's replies sit indented under their post.
Every request runs in a worker, so the keys (F1 above all) answer while the board is
slow, and a board that cannot be reached is said in one line, never a traceback.
"""

from __future__ import annotations

import re
import time
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Header, Input, OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from ecouch_tui.board.rooms import MEMBER, ROOM_KINDS
from ecouch_tui.board.rooms import WAITING as WAITING_LEVEL
from ecouch_tui.ui.access import AppAccess
from ecouch_tui.ui.board_share import PostScreen, board_rules, client, room_name, use_rules
from ecouch_tui.ui.keys import GET_HELP_KEY
from ecouch_tui.ui.widgets.confirm import Confirm
from ecouch_tui.ui.widgets.footer import EcouchFooter

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from ecouch_tui.board.client import BoardClient, Post
    from ecouch_tui.board.credentials import Credentials

OFFLINE = "The board cannot be reached. Nothing is lost. g to try again."
WAITING = "A moderator will approve you soon; until then you can read."
NOT_YET = "You can post and react once a moderator approves you; until then you can read."
MUTED = "A moderator has paused your posting for now; you can still read."

#: The keys whose binding may be unavailable, and the action each stands for.
_KEYS = {"n": ("new_post", ()), "r": ("reply", ()), "d": ("delete", ())} | {
    str(n): ("react", (n,)) for n in range(1, 5)
}


def when(at_ms: int, now: float | None = None) -> str:
    """A post's time, short: "just now", "5 min ago", "3 h ago", else its day.

    A post's time is the server's, so it is compared with this computer's clock, not
    the course's clock (which a test or ECOUCH_TODAY may move)."""
    seconds = max(0.0, (time.time() if now is None else now) - at_ms / 1000)
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{int(seconds // 60)} min ago"
    if seconds < 86400:
        return f"{int(seconds // 3600)} h ago"
    day = datetime.fromtimestamp(at_ms / 1000)
    return f"{day.day} {day:%b %Y}"


def reaction_words(post: Post, order: list[str]) -> str:
    """'Great 2 · Like 1': the most given first; ✓ after those this user gave."""
    keys = sorted(
        post.reactions, key=lambda k: (-post.reactions[k], order.index(k) if k in order else 99)
    )
    return " · ".join(
        f"{key} {post.reactions[key]}{' ✓' if key in post.mine else ''}" for key in keys
    )


def post_prompt(
    post: Post, order: list[str], *, me: str, reply: bool = False, width: int = 78
) -> Content:
    """One post as the list shows it: handle and time, the words (wrapped here, so a
    reply's lines all keep its indent), the reactions."""
    import textwrap

    indent = "      " if reply else "  "
    head = f"{'    ↳ ' if reply else ''}"
    who = f"{post.handle} (you)" if post.sender == me else post.handle
    if post.columns:
        body = "\n".join(f"{heading}: {words}" for heading, words in post.columns.items())
    else:
        body = post.text
    lines = [Content.assemble(head, (who, "bold"), f" · {when(post.at_ms)}")]
    room = max(20, width - len(indent))
    wrapped = [
        part for line in body.splitlines() or [""] for part in textwrap.wrap(line, room) or [""]
    ]
    lines += [Content(indent + line) for line in wrapped]
    reactions = reaction_words(post, order)
    if reactions:
        lines.append(Content.assemble(indent, (reactions, "italic")))
    return Content("\n").join(lines)


class JoinScreen(AppAccess, Screen[None]):
    """What joining means, and the invitation link to paste."""

    CSS_PATH = "board.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        GET_HELP_KEY,
        Binding("escape", "back", "Back", id="join_back"),
    ]

    def compose(self) -> ComposeResult:
        from ecouch_tui.board.membership import WHAT_JOINING_MEANS

        # The text is wrapped for a shell; here each point is one paragraph, wrapped to fit.
        means = re.sub(r"\n  +", " ", WHAT_JOINING_MEANS)
        yield Header(icon="≡")
        with VerticalScroll(id="join-body"):
            yield Static("The peer support board", id="join-title", markup=False)
            yield Static(means, id="join-means", markup=False)
        # The link, what became of it, and Join stay in view below the text (it scrolls).
        with Vertical(id="join-form"):
            yield Static(
                "Paste the invitation link your programme gave you, then Enter:",
                id="join-ask",
                markup=False,
            )
            yield Input(placeholder="https://…/#ecouch-join?token=…", id="join-link")
            yield Static(
                "If you like, a short story about you (each optional; posted once a "
                "moderator approves you):",
                id="join-story-ask",
                markup=False,
            )
            yield Input(
                placeholder="Your age group, e.g. 25-34", id="join-age", max_length=20, compact=True
            )
            yield Input(
                placeholder="How recovered you feel, e.g. a bit better most weeks",
                id="join-recovered",
                max_length=120,
                compact=True,
            )
            yield Input(
                placeholder="A few lines about you", id="join-story", max_length=500, compact=True
            )
            yield Static(id="join-status", markup=False)
            with Horizontal(id="join-buttons"):
                yield Button("Join", id="join", variant="primary", compact=True)
                yield Button("Back", id="join-cancel", compact=True)
        yield EcouchFooter()

    def on_mount(self) -> None:
        self.query_one("#join-link", Input).focus(scroll_visible=False)

    def _status(self, words: str) -> None:
        self.query_one("#join-status", Static).update(Content(words))

    @on(Input.Submitted, "#join-link")
    @on(Button.Pressed, "#join")
    def join(self) -> None:
        from ecouch_tui.board.credentials import Profile
        from ecouch_tui.board.rules import check_post
        from ecouch_tui.board.setup import parse_invitation

        link = self.query_one("#join-link", Input)
        try:
            invitation = parse_invitation(link.value)
        except ValueError as exc:
            self._status(f"That link cannot be used: {exc}.")
            return
        self.profile = Profile(
            age_group=self.query_one("#join-age", Input).value.strip(),
            recovered=self.query_one("#join-recovered", Input).value.strip(),
            story=self.query_one("#join-story", Input).value.strip(),
        )
        for value in self.profile.fields().values():
            verdict = check_post(board_rules(), value)
            if value and not verdict.allowed:
                self._status(f"Your story cannot be posted as it is: {verdict.why}")
                return
        link.disabled = True
        self.query_one("#join", Button).disabled = True
        self._status("Joining… (this takes a few seconds)")
        self.run_worker(self._join(invitation), group="board-join", exclusive=True)

    async def _join(self, invitation: object) -> None:
        from ecouch_tui.board.client import BoardError
        from ecouch_tui.board.membership import join
        from ecouch_tui.board.setup import Invitation

        assert isinstance(invitation, Invitation)
        try:
            saved = await join(
                self.ecouch.config.data_dir,
                invitation,
                board_rules(),
                self.session.clock.today(),
                self.profile,
            )
        except BoardError as exc:
            if exc.kind == "offline":
                words = "The board cannot be reached right now. Nothing was sent: try again."
            else:
                words = f"You could not join: {exc}"
            self._failed(words)
            return
        except Exception as exc:  # the network library's own surprises, in one line
            self._failed(f"You could not join ({type(exc).__name__}). Please try again.")
            return
        self.app.notify("You have joined the board.", title="Board")
        self.app.switch_screen(BoardScreen(saved))

    def _failed(self, words: str) -> None:
        self.query_one("#join-link", Input).disabled = False
        self.query_one("#join", Button).disabled = False
        self._status(words)
        self.query_one("#join-link", Input).focus(scroll_visible=False)

    @on(Button.Pressed, "#join-cancel")
    def action_back(self) -> None:
        self.app.pop_screen()


class ReportScreen(AppAccess, ModalScreen[str | None]):
    """A short reason for reporting a post to the moderators."""

    CSS_PATH = "board.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        GET_HELP_KEY,
        Binding("escape", "dismiss(None)", "Cancel", id="report_cancel"),
    ]

    def __init__(self, handle: str) -> None:
        super().__init__()
        self.handle = handle

    def compose(self) -> ComposeResult:
        with Vertical(id="report-box") as box:
            box.border_title = "Report a post"
            yield Static(
                f"Tell the moderators, in a few words, what is wrong with {self.handle}'s "
                "post. They see the post and your reason; its writer is not told who reported.",
                markup=False,
            )
            yield Input(placeholder="e.g. unkind, or it worries me", id="report-reason")
            yield Static(id="report-status", markup=False)
            with Horizontal(classes="board-buttons"):
                yield Button("Send report", id="report-send", variant="primary", compact=True)
                yield Button("Cancel", id="report-cancel", compact=True)
        yield EcouchFooter()

    def on_mount(self) -> None:
        self.query_one("#report-reason", Input).focus(scroll_visible=False)

    @on(Input.Submitted, "#report-reason")
    @on(Button.Pressed, "#report-send")
    def _send(self) -> None:
        reason = self.query_one("#report-reason", Input).value.strip()
        if not reason:
            self.query_one("#report-status", Static).update("A few words, please.")
            return
        self.dismiss(reason)

    @on(Button.Pressed, "#report-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


class InfoScreen(AppAccess, ModalScreen[None]):
    """A few lines to read (a member's story), and Close."""

    CSS_PATH = "board.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        GET_HELP_KEY,
        Binding("escape", "dismiss", "Close", id="info_close"),
    ]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.heading = title
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="info-box"):
            yield Static(self.heading, classes="info-title", markup=False)
            yield Static(self.text, markup=False)
            with Horizontal(classes="board-buttons"):
                yield Button("Close", id="info-close", compact=True)
        yield EcouchFooter()

    def on_mount(self) -> None:
        self.query_one("#info-close", Button).focus()

    @on(Button.Pressed, "#info-close")
    def _close(self) -> None:
        self.dismiss()


class BoardScreen(AppAccess, Screen[None]):
    """The board's three rooms as tabs, each a list of posts."""

    CSS_PATH = "board.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        GET_HELP_KEY,
        Binding("n", "new_post", "Post", id="board_post"),
        Binding("r", "reply", "Reply", id="board_reply"),
        # The digits are listed with their reactions' names under the room's tabs.
        *(Binding(str(n), f"react({n})", f"Reaction {n}", show=False) for n in range(1, 5)),
        Binding("exclamation_mark", "report", "Report", id="board_report"),
        Binding("d", "delete", "Delete", id="board_delete", tooltip="your own post"),
        Binding("g", "refresh", "Refresh", id="board_refresh"),
        Binding("escape", "back", "Back", id="board_back"),
        Binding("L", "leave", "Leave the board", id="board_leave", show=False),
        Binding("p", "profile", "About the writer", id="board_profile", show=False),
        Binding("right", "room(1)", "Next room", show=False, priority=True),
        Binding("left", "room(-1)", "Room before", show=False, priority=True),
    ]

    def __init__(self, saved: Credentials) -> None:
        super().__init__()
        self.saved = saved
        use_rules(saved)
        #: Whether a moderator has approved this member (None: not known yet).
        self.approved: bool | None = None
        #: Whether a moderator has muted this member (a level below a new member's).
        self.muted = False
        #: Whether the last request found the board away.
        self.offline = False
        self.problem = ""
        #: Each room's posts and replies as loaded, by event id.
        self.posts: dict[str, dict[str, Post]] = {}

    # -- layout ----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        from ecouch_tui.board.client import handle_of

        rules = board_rules()
        self.sub_title = f"Board · you are {handle_of(self.saved.user_id)}"
        yield Header(icon="≡")
        yield Static("Opening the board…", id="board-status", markup=False)
        with TabbedContent(id="rooms"):
            for kind in ROOM_KINDS:
                room = rules.room(kind)
                reactions = room.reactions if room else []
                keys = " · ".join(f"{n} {key}" for n, key in enumerate(reactions, 1))
                hint = f"{room.topic if room else ''}\nReact: {keys} · ←/→ other rooms"
                with TabPane(Content(room_name(kind)), id=f"room-{kind}"):
                    yield Static(Content(hint), classes="room-hint")
                    yield OptionList(id=f"posts-{kind}", classes="posts")
        # Compact and without the palette's hint (ctrl+p still opens it; ? lists it):
        # so the room's keys, Back and Keys fit in 80 columns.
        yield EcouchFooter(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.load("talk", shown=True)
        self.run_worker(self._keep_up(), group="board-account", exclusive=True)

    async def _keep_up(self) -> None:
        """The board's rules read again (a programme may change them), and the member's
        story posted once they are approved: quietly, as both wait for the next visit."""
        from ecouch_tui.board.client import BoardError
        from ecouch_tui.board.membership import publish_profile, refresh_rules
        from ecouch_tui.paths import UnsafePlace

        folder = self.ecouch.config.data_dir
        try:
            self.saved = await refresh_rules(folder, self.saved)
            use_rules(self.saved)
            self.saved = await publish_profile(folder, self.saved, board_rules())
        except (BoardError, OSError, UnsafePlace):
            return  # the board's state line already says when it cannot be reached

    def action_profile(self) -> None:
        """The selected post's writer, as they chose to tell the board (their story)."""
        post = self.selected
        if post is None:
            return
        talk, sender, handle = self.saved.rooms["talk"], post.sender, post.handle

        async def fetch() -> None:
            from ecouch_tui.board.client import BoardError
            from ecouch_tui.board.rooms import PROFILE_EVENT

            try:
                async with client(self.saved) as connection:
                    story = await connection.state(talk, PROFILE_EVENT, sender) or {}
            except BoardError as exc:
                self.app.notify(str(exc), title="Board", severity="warning")
                return
            parts = [
                ("Age group", story.get("age_group")),
                ("How recovered they feel", story.get("recovered")),
                ("In their words", story.get("story")),
            ]
            lines = [
                f"{label}: {value}" for label, value in parts if isinstance(value, str) and value
            ]
            text = "\n".join(lines) or f"{handle} has not written a story."
            self.app.push_screen(InfoScreen(f"About {handle}", text))

        self.run_worker(fetch(), group="board-profile", exclusive=True)

    def action_leave(self) -> None:
        """Leave the board: its rooms, this computer's sign-in (asked first)."""

        def chosen(yes: bool | None) -> None:
            if yes:
                self.run_worker(self._leave(), group="board-account", exclusive=True)

        self.app.push_screen(
            Confirm(
                "Leave the board?",
                "You leave its rooms and its sign-in is deleted from this computer. Your "
                "course is not touched.",
                yes="Leave",
            ),
            chosen,
        )

    async def _leave(self) -> None:
        from ecouch_tui.board.membership import leave

        problem = await leave(self.ecouch.config.data_dir, board_rules())
        words = "You have left the board; its sign-in is deleted from this computer."
        self.app.notify(f"{words} {problem}" if problem else words, title="Board")
        self.app.pop_screen()  # last: this worker ends with the screen

    @property
    def kind(self) -> str:
        try:
            active = self.query_one("#rooms", TabbedContent).active
        except NoMatches:  # asked by the footer before the rooms are mounted
            return "talk"
        return active.removeprefix("room-") or "talk"

    def posts_list(self, kind: str | None = None) -> OptionList:
        return self.query_one(f"#posts-{kind or self.kind}", OptionList)

    @on(TabbedContent.TabActivated, "#rooms")
    def _room_shown(self, event: TabbedContent.TabActivated) -> None:
        pane = event.pane.id or ""
        kind = pane.removeprefix("room-")
        if kind in ROOM_KINDS:
            self.load(kind, shown=True)
            self.posts_list(kind).focus(scroll_visible=False)
            self.refresh_bindings()

    def _show_status(self) -> None:
        if self.offline:
            words = OFFLINE
        elif self.problem:
            words = self.problem
        elif self.muted:
            words = MUTED
        elif self.approved is False:
            words = WAITING
        else:
            words = ""
        status = self.query_one("#board-status", Static)
        status.update(Content(words))
        status.set_class(not words, "-empty")

    # -- loading ---------------------------------------------------------------------

    def load(self, kind: str, *, shown: bool = False, keep: str | None = None) -> None:
        self.run_worker(self._load(kind, shown, keep), group=f"board-load-{kind}", exclusive=True)

    async def _load(self, kind: str, shown: bool, keep: str | None) -> None:
        from ecouch_tui.board.client import BoardError

        try:
            async with client(self.saved) as connection:
                # Asked at every load: a moderator may approve or mute at any time.
                level = await connection.level(self.saved.rooms["talk"])
                self.approved, self.muted = level >= MEMBER, level < WAITING_LEVEL
                posts = await connection.posts(self.saved.rooms[kind])
        except BoardError as exc:
            self.offline = exc.kind == "offline"
            self.problem = "" if self.offline else f"The board did not answer as it should: {exc}"
            self._show_status()
            self.refresh_bindings()
            return
        except Exception as exc:  # the network library's own surprises, in one line
            self.offline, self.problem = False, f"The board had a problem ({type(exc).__name__})."
            self._show_status()
            return
        self.offline, self.problem = False, ""
        self._show_status()
        self._fill(kind, posts, keep)
        self.refresh_bindings()
        if shown:
            self.ecouch.use_log.board("read", kind)

    def _fill(self, kind: str, posts: list[Post], keep: str | None) -> None:
        room = board_rules().room(kind)
        order = list(room.reactions) if room else []
        listing = self.posts_list(kind)
        current = listing.highlighted_option.id if listing.highlighted_option else None
        me = self.saved.user_id
        # The list's own width, less its scrollbar's (the screen's before it is laid out).
        width = (listing.content_size.width or self.app.size.width - 2) - 2
        found: dict[str, Post] = {}
        options: list[Option] = []
        for post in posts:
            found[post.event_id] = post
            options.append(Option(post_prompt(post, order, me=me, width=width), id=post.event_id))
            for reply in post.replies:
                found[reply.event_id] = reply
                options.append(
                    Option(
                        post_prompt(reply, order, me=me, reply=True, width=width),
                        id=reply.event_id,
                    )
                )
        self.posts[kind] = found
        listing.clear_options()
        if not options:
            listing.add_option(Option("No posts here yet.", disabled=True))
            return
        listing.add_options(options)
        ids = [o.id for o in options]
        wanted = keep or current
        listing.highlighted = ids.index(wanted) if wanted in ids else len(ids) - 1
        listing.scroll_to_highlight()

    @property
    def selected(self) -> Post | None:
        try:
            listing = self.posts_list()
        except NoMatches:  # asked by the footer before the rooms are mounted
            return None
        option = listing.highlighted_option
        if option is None or option.id is None:
            return None
        return self.posts.get(self.kind, {}).get(option.id)

    @on(OptionList.OptionHighlighted)
    def _moved(self) -> None:
        self.refresh_bindings()  # Delete is offered on one's own posts only

    # -- what is offered -------------------------------------------------------------

    def why_not(self, action: str, parameters: tuple[object, ...] = ()) -> str | None:
        """Why an action cannot be done here and now (None: it can)."""
        kind = self.kind
        room = board_rules().room(kind)
        if action in ("new_post", "reply", "react", "delete", "report") and self.offline:
            return OFFLINE
        if action in ("new_post", "reply", "react") and not self.approved:
            if self.muted:
                return MUTED
            return NOT_YET if self.approved is False else "The board is still opening."
        if action == "new_post" and kind == "thought_records":
            return (
                "Thought records are shared from the course: ctrl+s in a thought record you wrote."
            )
        if action == "reply" and not (room and room.replies):
            return f"Posts in {room_name(kind)} are answered with reactions, not replies."
        if action in ("reply", "react", "delete", "report") and self.selected is None:
            return "Choose a post first (↑ ↓)."
        if action == "react":
            count = len(room.reactions) if room else 0
            number = parameters[0] if parameters else 1
            if not isinstance(number, int) or number > count:
                return f"{room_name(kind)} has {count} reaction{'s' if count != 1 else ''}."
        if action == "delete":
            post = self.selected
            if post is not None and post.sender != self.saved.user_id:
                return "You can delete only your own posts."
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("new_post", "reply", "react", "delete", "report"):
            return self.why_not(action, parameters) is None
        return True

    def on_key(self, event: events.Key) -> None:
        """A key whose action is not offered now says why, rather than nothing."""
        if event.key not in _KEYS:
            return
        action, parameters = _KEYS[event.key]
        why = self.why_not(action, parameters)
        if why is not None:
            event.stop()
            event.prevent_default()
            self.app.notify(why, title="Board")

    # -- actions ---------------------------------------------------------------------

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_room(self, delta: int) -> None:
        tabs = self.query_one("#rooms", TabbedContent)
        index = ROOM_KINDS.index(self.kind)
        tabs.active = f"room-{ROOM_KINDS[(index + delta) % len(ROOM_KINDS)]}"

    def action_refresh(self) -> None:
        self._status_words("Refreshing…")
        self.load(self.kind)

    def _status_words(self, words: str) -> None:
        status = self.query_one("#board-status", Static)
        status.update(Content(words))
        status.set_class(False, "-empty")

    def _after_post(self, sent: bool | None) -> None:
        if sent:
            self.load(self.kind)

    def action_new_post(self) -> None:
        self.app.push_screen(PostScreen(self.saved, self.kind), self._after_post)

    def action_reply(self) -> None:
        post = self.selected
        if post is None:
            return
        target = post.reply_to or post.event_id
        screen = PostScreen(self.saved, self.kind, reply_to=target, replying_to=post.handle)
        self.app.push_screen(screen, self._after_post)

    def action_react(self, number: int) -> None:
        post = self.selected
        room = board_rules().room(self.kind)
        if post is None or room is None or not 1 <= number <= len(room.reactions):
            return
        key = room.reactions[number - 1]
        kind, room_id = self.kind, self.saved.rooms[self.kind]

        async def toggle(connection: BoardClient) -> None:
            if key in post.mine:
                await connection.redact(room_id, post.mine[key])
            else:
                await connection.react(room_id, post.event_id, key)
                self.ecouch.use_log.board("reaction", kind)

        self._request(toggle, kind, post.event_id)

    def action_report(self) -> None:
        post = self.selected
        if post is None:
            return
        kind, room_id, event_id = self.kind, self.saved.rooms[self.kind], post.event_id

        def chosen(reason: str | None) -> None:
            if not reason:
                return

            async def report(connection: BoardClient) -> None:
                await connection.report(room_id, event_id, reason)

            self._request(
                report, kind, event_id, done="Reported. A moderator will look at the post."
            )

        self.app.push_screen(ReportScreen(post.handle), chosen)

    def action_delete(self) -> None:
        post = self.selected
        if post is None or post.sender != self.saved.user_id:
            return
        kind, room_id, event_id = self.kind, self.saved.rooms[self.kind], post.event_id

        def chosen(yes: bool | None) -> None:
            if not yes:
                return

            async def delete(connection: BoardClient) -> None:
                await connection.redact(room_id, event_id)

            self._request(delete, kind, None, done="Your post is deleted.")

        self.app.push_screen(
            Confirm("Delete your post?", "Nobody will see it any more.", yes="Delete"), chosen
        )

    def _request(
        self,
        job: Callable[[BoardClient], Awaitable[None]],
        kind: str,
        keep: str | None,
        done: str = "",
    ) -> None:
        """One change on the board, in a worker; the room is loaded again after it."""

        async def run() -> None:
            from ecouch_tui.board.client import BoardError

            try:
                async with client(self.saved) as connection:
                    await job(connection)
            except BoardError as exc:
                if exc.kind == "offline":
                    self.offline = True
                    self._show_status()
                    self.refresh_bindings()
                else:
                    self.app.notify(str(exc), title="The board did not take it", severity="warning")
                return
            except Exception as exc:  # the network library's own surprises, in one line
                self.app.notify(f"The board had a problem ({type(exc).__name__}).", title="Board")
                return
            if done:
                self.app.notify(done, title="Board")
            self.load(kind, keep=keep)

        self.run_worker(run(), group="board-change")
