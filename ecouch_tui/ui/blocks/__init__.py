"""Block widgets, found by kind: `ui/blocks/<kind>.py`, imported when a page first shows one.

A widget registers itself by naming the block class it shows (`BLOCK = QuizBlock`); an
entry form, by the entry kind it edits (`KIND = "activity_log"`). Nothing else lists
them: a new block type's widget file is found by its name, and a widget defined
anywhere else (a test's) is found because defining it registered it.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ecouch_tui.content.blocks.base import BlockBase
    from ecouch_tui.ui.blocks.base import BlockContext, BlockView
    from ecouch_tui.ui.blocks.entries import EntryForm

#: Block widgets by block type, as they registered (see BlockView.__init_subclass__).
VIEWS: dict[str, type[BlockView]] = {}
#: Entry forms by entry kind (see EntryForm.__init_subclass__).
FORMS: dict[str, type[EntryForm]] = {}

#: Where a kind's widget and form are looked for: blocks, then kinds that are not blocks.
_HOMES = ("ecouch_tui.ui.blocks", "ecouch_tui.ui.screens")


def _import_home(kind: str) -> None:
    """Import `ui/blocks/<kind>.py` (or `ui/screens/<kind>.py`) if there is one.

    The kind may come from the store, which an imported file fills: only a plain name is
    looked up, so no stored text can reach any module outside those two folders.
    """
    if not kind.isidentifier() or kind.startswith("_"):
        return
    for home in _HOMES:
        name = f"{home}.{kind}"
        try:
            import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        return


def view_class(kind: str) -> type[BlockView] | None:
    if kind not in VIEWS:
        _import_home(kind)
    return VIEWS.get(kind)


def form_class(kind: str) -> type[EntryForm] | None:
    """The kind's own form, usable outside a module page (the Workbook), if it has one."""
    if kind not in FORMS:
        _import_home(kind)
    return FORMS.get(kind)


def widget_for(block: BlockBase, context: BlockContext) -> BlockView:
    """The widget showing `block` (KeyError when its type has none)."""
    cls = view_class(block.kind)
    if cls is None:
        raise KeyError(block.kind)
    return cls(block, context)
