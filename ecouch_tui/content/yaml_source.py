"""Read YAML into a node tree that remembers where everything came from.

Only PyYAML's safe loaders are used (the libyaml C one when present): they compose
plain nodes and can never build Python objects from tags. Values are constructed by
`typecheck` from these nodes, so every error can point at a line and column.

Where libyaml is missing, the pure-Python loader reads the same files; tests force it
with `use_pure_loader()` to check that both read the bundled course alike.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from typing import Any

import yaml
from yaml.events import CollectionEndEvent, CollectionStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ecouch_tui.content.problems import ContentError, Problem

#: PyYAML's pure-Python loader: what ecouch reads with where libyaml is missing.
PURE_LOADER: Any = yaml.SafeLoader
#: libyaml's loader, or None where PyYAML was built without it.
LIBYAML_LOADER: Any = getattr(yaml, "CSafeLoader", None)
#: The loader `compose` uses (libyaml's when present); `use_pure_loader` swaps it.
_Loader: Any = LIBYAML_LOADER or PURE_LOADER

__all__ = [
    "LIBYAML_LOADER",
    "PURE_LOADER",
    "MappingNode",
    "Node",
    "ScalarNode",
    "SequenceNode",
    "compose",
    "position",
    "use_pure_loader",
]


@contextlib.contextmanager
def use_pure_loader() -> Iterator[None]:
    """Inside the block, `compose` reads with the pure-Python loader, as it does where
    libyaml is missing. For tests (it sets a module global: not for threads)."""
    global _Loader
    saved = _Loader
    _Loader = PURE_LOADER
    try:
        yield
    finally:
        _Loader = saved


def position(node: Node) -> tuple[int, int]:
    """1-based (line, column) of a node's start."""
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


#: Far deeper than any course file nests (they reach about 10), far shallower than the
#: depth at which libyaml's recursive composer overflows the C stack and kills the
#: process (some 20,000 levels on an 8 MB stack; a thread's stack may be much smaller).
MAX_DEPTH = 500

_LEADING = re.compile(r"^[ \t?:-]*", re.MULTILINE)


def compose(text: str, path: str, loader_class: Any = None) -> Node:
    """Parse `text` to a single node tree, or raise ContentError with the YAML error's place.

    `loader_class` is ecouch's loader unless given (`ecouch validate` reads with both).
    """
    loader_class = loader_class or _Loader
    try:
        if _depth_bound(text) > MAX_DEPTH:
            _check_depth(text, path, loader_class)
        loader = loader_class(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = f"YAML syntax: {exc.problem or exc.context or 'cannot parse'}"
        raise ContentError([Problem(path=path, line=line, col=col, message=message)]) from None
    except yaml.reader.ReaderError as exc:  # a control character: located, on one line
        at = min(max(exc.position, 0), len(text))
        line = text.count("\n", 0, at) + 1
        col = at - (text.rfind("\n", 0, at) + 1) + 1
        code = (
            exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or " ")
        )
        message = f"YAML: the character #x{code:04x} is not allowed (a control character)"
        raise ContentError([Problem(path=path, line=line, col=col, message=message)]) from None
    except yaml.YAMLError as exc:
        message = "YAML: " + " ".join(str(exc).split())  # one line, as every message
        raise ContentError([Problem(path=path, line=1, col=1, message=message)]) from None
    except UnicodeEncodeError as exc:  # text from a file is never like this; a str may be
        line = text.count("\n", 0, exc.start) + 1
        col = exc.start - (text.rfind("\n", 0, exc.start) + 1) + 1
        message = "not Unicode text (a lone surrogate character)"
        raise ContentError([Problem(path=path, line=line, col=col, message=message)]) from None
    except RecursionError:  # the pure-Python loader, where libyaml is missing
        message = "nested too deeply to read"
        raise ContentError([Problem(path=path, line=1, col=1, message=message)]) from None
    if node is None:
        raise ContentError([Problem(path=path, line=1, col=1, message="the file is empty")])
    return node


def _depth_bound(text: str) -> int:
    """A cheap upper bound on how deeply `text` can nest, without parsing it.

    A flow bracket opens at most two levels (`[a: [`: a list and a one-pair mapping);
    block collections open only after indentation and indicators (`- `, `? `, `: `)
    at the start of a line, each level needing at least one column of them.
    """
    flow = text.count("[") + text.count("{")
    block = max((len(m.group()) for m in _LEADING.finditer(text)), default=0)
    return 2 * flow + 2 * (block + 1)


def _check_depth(text: str, path: str, loader_class: Any) -> None:
    """Refuse deep nesting, always with ecouch's own message and place.

    libyaml has a nesting limit of its own in newer builds, which its scanner can reach
    first while looking ahead (1,000 open brackets in a row): then the pure-Python
    parser, which has none, walks the text too. If neither finds deep nesting, libyaml's
    error stands (compose reports it as a YAML syntax problem).
    """
    try:
        _walk_depth(text, path, loader_class)
    except yaml.YAMLError:
        if loader_class is not PURE_LOADER:
            with contextlib.suppress(yaml.YAMLError):
                _walk_depth(text, path, PURE_LOADER)
        raise


def _walk_depth(text: str, path: str, loader_class: Any) -> None:
    """Walk the parser's events (a flat loop, no recursion) and refuse deep nesting."""
    loader = loader_class(text)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark  # the parser always sets it; a built event may not
                    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
                    message = f"nested more than {MAX_DEPTH} levels deep; flatten the content"
                    problem = Problem(path=path, line=line, col=col, message=message)
                    raise ContentError([problem])
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
    finally:
        loader.dispose()
