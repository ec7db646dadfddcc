"""Every block type is one model and one widget: the two registries must agree."""

from __future__ import annotations

import importlib
import typing

from ecouch_tui.content.blocks import BLOCK_TYPES, DATA_TYPES, KINDS, Block
from ecouch_tui.content.blocks.base import BlockBase
from ecouch_tui.ui.blocks import WIDGETS
from ecouch_tui.ui.blocks.base import BlockView


def test_every_block_type_has_a_widget_and_every_widget_a_block_type() -> None:
    assert set(WIDGETS) == set(KINDS)
    for kind, target in WIDGETS.items():
        module_name, _, class_name = target.partition(":")
        widget = getattr(importlib.import_module(module_name), class_name)
        assert issubclass(widget, BlockView), kind


def test_interactive_blocks_declare_how_they_are_stored() -> None:
    for block in BLOCK_TYPES:
        kind = str(block.__struct_config__.tag)
        if block.interactive:
            assert kind in DATA_TYPES or block.repeatable, kind


def test_the_block_union_and_the_registry_list_the_same_classes() -> None:
    # The type checker reads `Block`; the app walks BLOCK_TYPES: they must not drift apart.
    assert typing.get_args(Block) == BLOCK_TYPES
    assert all(issubclass(block, BlockBase) for block in BLOCK_TYPES)
    assert len(set(KINDS)) == len(KINDS)
