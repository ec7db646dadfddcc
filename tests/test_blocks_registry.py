"""Every block type is declared once: the lists of kinds all come from the block classes."""

from __future__ import annotations

from ecouch_tui.content import blocks
from ecouch_tui.content.blocks.base import BlockBase
from ecouch_tui.ui.blocks import view_class
from ecouch_tui.ui.blocks.base import BlockView


def test_every_bundled_block_type_has_a_widget_in_its_own_file() -> None:
    for kind in blocks.kinds():
        widget = view_class(kind)
        assert widget is not None, kind
        assert issubclass(widget, BlockView)
        assert widget.__module__ == f"ecouch_tui.ui.blocks.{kind}"
        assert widget.BLOCK is blocks.block_class(kind)


def test_interactive_blocks_declare_how_they_are_stored_and_named() -> None:
    for block in blocks.block_types():
        kind = str(block.kind_name())
        if block.interactive:
            assert block.entry_type is not None, kind
            assert kind in blocks.data_types()
            assert block.words, kind  # its name in the Workbook and report


def test_each_kind_once_and_every_file_of_the_package_found() -> None:
    found = blocks.kinds()
    assert len(set(found)) == len(found)
    assert all(issubclass(block, BlockBase) for block in blocks.block_types())
    assert {"markdown", "quiz", "thought_record", "staying_well_plan"} <= set(found)
    assert "safety_plan" in blocks.data_types() and "safety_plan" not in found
