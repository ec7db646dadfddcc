"""The app's part in the months after the course: opening a booster (a module with no
week), the outcome questionnaire and its skip, the staying-well plan, and the early
warning's settings. A mixin of `EcouchApp`; the rules are `course/followup.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, cast

from textual.app import SystemCommand

from ecouch_tui.course.followup import SKIPPED, WARNING_OFF, WARNING_SEEN

if TYPE_CHECKING:
    from datetime import date

    from rich.table import Table

    from ecouch_tui.course.followup import OutcomePoint
    from ecouch_tui.store.db import Store
    from ecouch_tui.ui.app import EcouchApp


class FollowUpActions:
    def open_follow_up(self, follow_up: str, page_index: int | None = None) -> None:
        """Open a follow-up's booster in the player, or say why it cannot open."""
        app = cast("EcouchApp", self)
        if app._asked_by_hidden_screen():
            return
        from ecouch_tui.course.unlock import Status
        from ecouch_tui.wording import long_date

        state = next((s for s in app.session.follow_ups() if s.id == follow_up), None)
        if state is None:
            app.notify(f"There is no follow-up '{follow_up}'.", severity="warning")
            return
        if state.status == Status.LOCKED:
            when = f"on {long_date(state.opens_on)}" if state.opens_on else "after the course"
            app.notify(f"{state.title} opens {when}.", title="Not open yet")
            return
        if state.status == Status.UNAVAILABLE or state.module_id is None:
            app.notify(
                state.problem or "This booster could not be loaded.",
                title=f"{state.title} is unavailable",
                severity="error",
            )
            return
        from ecouch_tui.ui.screens.player import PlayerScreen

        if page_index is None:  # where the reader was, as for a week
            record = app.session.store.progress().get(state.module_id)
            module = app.session.course.module(state.module_id)
            at = record.current_page_id if record else None
            page_index = (module.page_index(at) if module and at else None) or 0
        app.action_home()
        app.push_screen(PlayerScreen(state.module_id, page_index))

    def action_outcome_checkin(self) -> None:
        """Take the outcome questionnaire due now (the CES-D at 6 months, say)."""
        app = cast("EcouchApp", self)
        point = _due_point(app)
        if point is None:
            app.notify("No outcome questionnaire is due now.", title="Questionnaire")
            return
        app.action_checkin(point.instrument)

    def action_skip_outcome(self) -> None:
        """Skip the outcome questionnaire due now; it is not offered again for this point."""
        app = cast("EcouchApp", self)
        point = _due_point(app)
        if point is None:
            return
        key = point.key

        def skip(store: Store) -> None:
            skipped = store.setting(SKIPPED, [])
            skipped = skipped if isinstance(skipped, list) else []
            store.set_setting(SKIPPED, sorted({*map(str, skipped), key}))

        app.save_quietly(skip)
        app.notify(
            f"Skipped the {point.name} for the {point.label}. You can still take it any "
            "time from the palette.",
            title="Skipped",
        )

    def action_staying_well_plan(self) -> None:
        """Open the page with the staying-well plan (week 12 in the bundled course)."""
        app = cast("EcouchApp", self)
        from ecouch_tui.course.workbook import find_kind

        found = find_kind(app.session.course, "staying_well_plan")
        if found is None:
            app.notify("This course has no staying-well plan.", title="Staying-well plan")
            return
        index = found.module.page_index(found.page.id) or 0
        app.open_week(found.week, index)

    def action_dismiss_warning(self) -> None:
        app = cast("EcouchApp", self)
        today = app.session.clock.today().isoformat()
        app.save_quietly(
            lambda store: store.set_setting(WARNING_SEEN, {"on": today, "dismissed": True})
        )

    def action_early_warning(self) -> None:
        """Turn the early warning on home on or off (remembered)."""
        app = cast("EcouchApp", self)
        off = not bool(app.session.store.setting(WARNING_OFF, False))
        app.save_quietly(lambda store: store.set_setting(WARNING_OFF, off))
        if off:
            app.notify(
                "Early warning off. Turn it on again from the palette (Early warning).",
                title="Early warning",
            )
        else:
            app.notify("Early warning on: at most once a week, on home.", title="Early warning")

    def _follow_up_commands(self) -> Iterable[SystemCommand]:
        app = cast("EcouchApp", self)
        for state in app.session.follow_ups():
            yield SystemCommand(
                f"Follow-up: {state.title}",
                f"{state.module_title or 'Booster'} ({state.status.value})",
                lambda follow_up=state.id: app.open_follow_up(follow_up),
            )
        if app.session.outline.follow_ups or app.session.outline.outcomes:
            yield SystemCommand(
                "Staying-well plan", "Your plan for staying well (p)", app.action_staying_well_plan
            )
        if _due_point(app) is not None:
            yield SystemCommand(
                "Skip the questionnaire due", "Not this time (x on home)", app.action_skip_outcome
            )
        if app.session.outline.early_warning is not None:
            now = "off" if app.session.store.setting(WARNING_OFF, False) else "on"
            yield SystemCommand(
                "Early warning",
                f"Offer the staying-well plan when mood or check-ins slip (now {now})",
                app.action_early_warning,
            )


def _due_point(app: EcouchApp) -> OutcomePoint | None:
    from ecouch_tui.course.followup import outcome_due

    return outcome_due(app.session.outcome_points())


# -- the outcome check-ins side by side (History) -----------------------------------------


def outcome_table(points: list[OutcomePoint]) -> Table:
    """One questionnaire's outcome points side by side, as a trial reports them: the
    start, the end of the course and each follow-up, with the date, total and band, or
    what became of it (skipped, missed, when it is due)."""
    from rich.table import Table

    from ecouch_tui.wording import short_date

    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    table.add_column("")
    for point in points:
        table.add_column(point.label[:1].upper() + point.label[1:], justify="right")
    dates, totals, bands = ["Date"], ["Total"], ["Band"]
    for point in points:
        day, total, band = _cells(point, short_date)
        dates.append(day)
        totals.append(total)
        bands.append(band)
    for row in (dates, totals, bands):
        table.add_row(*row)
    return table


def _cells(point: OutcomePoint, short_date: Callable[[date], str]) -> tuple[str, str, str]:
    from ecouch_tui.course.followup import taken_on

    if point.checkin is not None:
        day = taken_on(point.checkin)
        return (short_date(day) if day else "?", str(point.checkin.total), point.checkin.band)
    if point.status in ("upcoming", "due") and point.due_on is not None:
        word = "due now" if point.status == "due" else f"from {short_date(point.due_on)}"
        return (word, "–", "")
    words = {"skipped": "skipped", "missed": "not taken", "waiting": "after the course"}
    return (words.get(point.status, point.status), "–", "")
