"""A screen's saves of one entry as merges, and what it does when one finds newer data.

Each widget that edits an entry (the mood of a day, a form, a reflection) keeps a
`MergeTracker`: what it was shown (`store.merge.Seen`), so each save it hands the writer
writes only what the user changed and never over what another process stored since
(`Store.merge_mood`, `Store.merge_entry`). When a save lands:

- fields another process changed and the user did not are kept as stored; the widget
  may show them (`on_newer`; by default a short notice);
- fields both changed are kept as stored too, and the user is asked which to keep
  (`ChangedElsewhereScreen`): "Keep mine" saves theirs over again with the user's, "Use
  the one saved elsewhere" shows it here (`on_take`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from ecouch_tui.store.merge import Landed, Seen
from ecouch_tui.store.writer import EntryWrite

if TYPE_CHECKING:
    from ecouch_tui.store.db import Store
    from ecouch_tui.ui.app import EcouchApp
    from ecouch_tui.ui.screens.changed_elsewhere import Choice


def shown_value(value: Any) -> str:
    """A field's value as the question shows it."""
    if value is None or value == "" or value == [] or value == {}:
        return "(empty)"
    if isinstance(value, list):
        return ", ".join(map(str, value))
    if isinstance(value, dict):
        return "; ".join(f"{k}: {shown_value(v)}" for k, v in value.items())
    return str(value)


class MergeTracker:
    """One widget's view of one entry, and the merged writes it makes of it."""

    def __init__(
        self,
        app: EcouchApp,
        what: str,
        *,
        mine: Callable[[], Mapping[str, Any]],
        on_keep: Callable[[], object],
        on_take: Callable[[dict[str, Any]], object],
        on_newer: Callable[[dict[str, Any]], object] | None = None,
        labels: Mapping[str, str] | None = None,
    ) -> None:
        self.app = app
        #: What the entry is, in words ("today's mood", "this thought record").
        self.what = what
        self.mine = mine
        self.on_keep = on_keep
        self.on_take = on_take
        self.on_newer = on_newer
        self.labels = dict(labels or {})
        self.seen = Seen()
        #: A question is up: the saves meanwhile ask nothing more.
        self._asking = False
        self._told_newer = False

    def shown(self, base: Mapping[str, Any], stored: Mapping[str, Any] | None = None) -> None:
        """The widget now shows `base` (read from the store as `stored`)."""
        self.seen = Seen.shown(base, stored)

    def accept(self, values: Mapping[str, Any]) -> None:
        """The widget now shows these stored values (taken in from elsewhere)."""
        self.seen = self.seen.accepting(values)

    def job(
        self,
        uid: str,
        data: Any,
        mine: Mapping[str, Any],
        write: Callable[[Store, Seen], Landed],
    ) -> EntryWrite:
        """The writer's job for a save of `mine` (`data` is shown meanwhile, see
        `Writer.pending`), merged against what this widget was shown."""
        seen = self.seen
        self.seen = seen.sending(seen.changed(mine))
        return EntryWrite(uid, data, lambda store: write(store, seen), then=self._landed)

    def _landed(self, landed: object) -> None:
        if not isinstance(landed, Landed):
            return
        merged = landed.merged
        if merged.newer:
            if self.on_newer is not None:
                self.on_newer(dict(merged.newer))
            elif not self._told_newer:
                self._told_newer = True
                self.app.notify(
                    f"{self.what[:1].upper()}{self.what[1:]} was also changed somewhere "
                    "else. Both changes are kept; open it again to see all of them.",
                    title="Changed elsewhere too",
                    timeout=10,
                    markup=False,
                )
        if merged.conflicts and not self._asking:
            self._ask(dict(merged.conflicts))

    def _ask(self, conflicts: dict[str, Any]) -> None:
        from ecouch_tui.ui.screens.changed_elsewhere import ChangedElsewhereScreen

        here = self.mine()
        fields = [
            (
                self.labels.get(name, name.replace("_", " ").capitalize()),
                shown_value(theirs),
                shown_value(here.get(name)),
            )
            for name, theirs in conflicts.items()
        ]
        self._asking = True

        def chosen(choice: Choice | None) -> None:
            self._asking = False
            if choice is None:  # later: theirs stays saved, the next save asks again
                self.seen = self.seen.unsending(conflicts)
                return
            self.accept(conflicts)
            if choice == "mine":
                self.on_keep()
            else:
                self.on_take(conflicts)

        self.app.push_screen(ChangedElsewhereScreen(self.what, fields), chosen)
