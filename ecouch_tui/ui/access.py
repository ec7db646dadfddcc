"""Typed access from any widget or screen to the ecouch app and its session."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from ecouch_tui.session import Session
    from ecouch_tui.ui.app import EcouchApp


class AppAccess:
    """Mixed into ecouch screens and widgets (which all have Textual's `self.app`)."""

    @property
    def ecouch(self) -> EcouchApp:
        return cast("EcouchApp", self.app)  # type: ignore[attr-defined]

    @property
    def session(self) -> Session:
        return self.ecouch.session
