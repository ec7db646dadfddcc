"""Choose a region for crisis lines (from help, or from the About screen)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ecouch_tui.ui.access import AppAccess
from ecouch_tui.ui.keys import GET_HELP_KEY
from ecouch_tui.ui.widgets.footer import EcouchFooter

if TYPE_CHECKING:
    from ecouch_tui.session import Session


def region_options(session: Session | None) -> list[Option]:
    crisis = session.course.crisis if session is not None else None
    regions = crisis.regions if crisis is not None else []
    return [Option(r.name, id=r.code) for r in regions]


class RegionScreen(AppAccess, ModalScreen[str | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        GET_HELP_KEY,
        Binding("escape", "dismiss(None)", "Cancel"),
    ]
    DEFAULT_CSS = """
    RegionScreen { align: center middle; }
    RegionScreen > Vertical {
        width: 48; height: auto; border: round $primary; background: $surface; padding: 0 1;
    }
    RegionScreen OptionList { height: auto; max-height: 12; }
    """

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Where do you live?"
            yield Static("Crisis lines are shown for the region you choose.")
            yield OptionList(*region_options(self.ecouch.open_session))
        yield EcouchFooter()  # Esc cancels, as the Footer says on every screen

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
