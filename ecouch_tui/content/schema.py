"""The JSON Schema of a module file, for editors' YAML language servers.

Generated from the same models the loader checks against, so the two cannot drift.
"""

from __future__ import annotations

from typing import Any

import msgspec

from ecouch_tui.content.models import Module

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def module_schema() -> dict[str, Any]:
    schema = msgspec.json.schema(Module)
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "ecouch module",
        "description": "One week of an ecouch course (modules/NN-name.yaml).",
        **schema,
    }
