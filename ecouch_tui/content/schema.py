"""The JSON Schema of a module file, for editors' YAML language servers.

Generated from the same models the loader checks against, so the two cannot drift.
"""

from __future__ import annotations

from typing import Any

import msgspec

from ecouch_tui.content.models import Booster, Module

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

#: Stands in for a page's block while the schema is built; replaced by the union's.
_BLOCKS = {"x-ecouch": "any block type"}


def _replace(node: Any, marker: dict[str, Any], by: dict[str, Any]) -> None:
    """Put `by` wherever `marker` stands, in place."""
    children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else []
    for child in children:
        if child == marker:
            child.clear()
            child.update(by)
        else:
            _replace(child, marker, by)


def module_schema(model: type[Module] = Module) -> dict[str, Any]:
    """A module's schema (or a booster's: `Booster`, which has no week), with a page's
    blocks as the block types known now."""
    from ecouch_tui.content.blocks import block_union
    from ecouch_tui.content.blocks.base import AnyBlock

    def hook(wanted: type) -> dict[str, Any]:
        if wanted is AnyBlock:
            return dict(_BLOCKS)
        raise NotImplementedError

    (module, blocks), defs = msgspec.json.schema_components(
        [model, block_union()], schema_hook=hook
    )
    schema = {**module, "$defs": {**defs}}
    _replace(schema, _BLOCKS, blocks)
    if model is Booster:
        # msgspec cannot say "no such key": a booster's week is described as not wanted.
        title, about = "ecouch booster", "A follow-up's booster (modules/boosters/NAME.yaml)."
    else:
        title, about = "ecouch module", "One week of an ecouch course (modules/NN-name.yaml)."
    return {"$schema": SCHEMA_DIALECT, "title": title, "description": about, **schema}
