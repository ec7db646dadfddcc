"""The block kit: every list of block types, derived from the block classes themselves.

A block type is declared once, as a `BlockBase` subclass in a file of this package (its
fields, its `entry_type`, its `words`, optionally its `demo_entries`), plus its widget in
`ui/blocks/<type>.py`. Defining the class registers it: the loader, `ecouch schema`,
`ecouch validate`, the Workbook, export and import and the demo all ask here, so no list
of kinds is edited anywhere when one is added. The files of this package are imported
the first time a list is asked for.
"""

from __future__ import annotations

import os
from functools import lru_cache
from importlib import import_module
from typing import Any, Union

from ecouch_tui.content.blocks.base import _DEFINED, AnyBlock, BlockBase
from ecouch_tui.content.entries import EntryData
from ecouch_tui.content.safety_plan import KIND as SAFETY_PLAN
from ecouch_tui.content.safety_plan import SafetyPlan

#: Entry kinds that are not course blocks: (storage shape, words, shared).
OTHER_ENTRY_KINDS: dict[str, tuple[type, str]] = {SAFETY_PLAN: (SafetyPlan, "Safety plan")}

_found = False
_PACKAGE = __name__ + "."


def _find_bundled() -> None:
    """Import every file of this package once, so each block class has registered."""
    global _found
    if not _found:
        _found = True
        # The folder's own listing, not pkgutil (whose import costs every start ~2 ms).
        names = {
            entry.name[:-3]
            for folder in __path__
            for entry in os.scandir(folder)
            if entry.name.endswith(".py") and not entry.name.startswith("_")
        }
        for name in sorted(names):
            import_module(f"{__name__}.{name}")


def block_types() -> tuple[type[BlockBase], ...]:
    """Every block type known now (bundled first, then any defined later), one per `type:`."""
    _find_bundled()
    return _registered(tuple(_DEFINED))


@lru_cache(maxsize=8)
def _registered(defined: tuple[type[BlockBase], ...]) -> tuple[type[BlockBase], ...]:
    by_kind: dict[str, type[BlockBase]] = {}
    for cls in defined:
        kind = cls.kind_name()
        if kind is not None:
            by_kind[kind] = cls  # a later definition of a kind replaces the earlier one
    # Bundled types in a fixed order whatever imported them first (the text blocks, then
    # the exercises, each by name); others as defined.
    bundled = sorted(
        (c for c in by_kind.values() if c.__module__.startswith(_PACKAGE)),
        key=lambda c: (c.interactive, str(c.kind_name())),
    )
    return (*bundled, *(c for c in by_kind.values() if not c.__module__.startswith(_PACKAGE)))


def forget(cls: type[BlockBase]) -> None:
    """Drop a block type defined at run time (a test's own block type, when it ends)."""
    while cls in _DEFINED:
        _DEFINED.remove(cls)


def kinds() -> tuple[str, ...]:
    return _kinds(block_types())


@lru_cache(maxsize=8)
def _kinds(types: tuple[type[BlockBase], ...]) -> tuple[str, ...]:
    return tuple(str(cls.kind_name()) for cls in types)


def block_class(kind: str) -> type[BlockBase] | None:
    return next((cls for cls in block_types() if cls.kind_name() == kind), None)


def data_types() -> dict[str, type]:
    """The storage shape (typed JSON) of everything a user can write, by entry kind."""
    return dict(_data_types(block_types()))


@lru_cache(maxsize=8)
def _data_types(types: tuple[type[BlockBase], ...]) -> dict[str, type]:
    found: dict[str, type] = {str(c.kind_name()): c.entry_type for c in types if c.entry_type}
    found.update({kind: shape for kind, (shape, _) in OTHER_ENTRY_KINDS.items()})
    return found


def shared_kinds() -> frozenset[str]:
    """Kinds with one entry per user, whichever block shows it (its uid is the kind)."""
    return _shared(block_types())


@lru_cache(maxsize=8)
def _shared(types: tuple[type[BlockBase], ...]) -> frozenset[str]:
    return frozenset({str(c.kind_name()) for c in types if c.shared} | set(OTHER_ENTRY_KINDS))


def kind_words(kind: str) -> str:
    """An entry kind in words ("Thought record"); an unknown kind from its name."""
    cls = block_class(kind)
    if cls is not None and cls.words:
        return cls.words
    if kind in OTHER_ENTRY_KINDS:
        return OTHER_ENTRY_KINDS[kind][1]
    return kind.replace("_", " ").capitalize()


def entry_shape(kind: str) -> type[EntryData] | None:
    """The kind's storage shape when it is a typed entry (with a summary and sections)."""
    shape = data_types().get(kind)
    return shape if isinstance(shape, type) and issubclass(shape, EntryData) else None


def block_union() -> Any:
    """The union a page's `blocks:` decodes to (msgspec picks a member by `type:`)."""
    return _union(block_types())


@lru_cache(maxsize=8)
def _union(types: tuple[type[BlockBase], ...]) -> Any:
    return Union[types]  # noqa: UP007 - built from a tuple at run time


def added_signature() -> str:
    """Names the block types defined outside this package (the validated-content cache's
    key includes it; the bundled ones are covered by the key's fingerprint of the code)."""
    return ",".join(
        f"{cls.kind_name()}={cls.__module__}.{cls.__qualname__}"
        for cls in _DEFINED
        if cls.kind_name() is not None and not cls.__module__.startswith(_PACKAGE)
    )


def decode_hook(wanted: type, value: Any) -> Any:
    """msgspec's `dec_hook`: a page's block, decoded against the block types known now."""
    if wanted is AnyBlock:
        import msgspec

        return msgspec.convert(value, block_union())
    raise NotImplementedError(f"no decoder for {wanted!r}")


def entry_uid(kind: str, module_id: str, page_id: str, block_id: str) -> str | None:
    """The uid of a user's entry in a block, decided by the block type alone.

    A shared kind has one entry per user, named by the kind (every block of it shows the
    same plan); a single-answer block has one entry, named by where the block sits; a
    log (`repeatable`) gets a new uid for each entry (None here: its writer makes one).
    Entries of kinds no longer known keep whatever uid they were saved with.
    """
    if kind in shared_kinds():
        return kind
    cls = block_class(kind)
    if cls is not None and cls.repeatable:
        return None
    return f"{module_id}/{page_id}/{block_id}"
