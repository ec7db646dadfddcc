"""Read YAML into a node tree that remembers where everything came from.

Only PyYAML's safe loaders are used (the libyaml C one when present): they compose
plain nodes and can never build Python objects from tags. Values are constructed by
`typecheck` from these nodes, so every error can point at a line and column.
"""

from __future__ import annotations

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ecouch_tui.content.problems import ContentError, Problem

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

__all__ = ["MappingNode", "Node", "ScalarNode", "SequenceNode", "compose", "position"]


def position(node: Node) -> tuple[int, int]:
    """1-based (line, column) of a node's start."""
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


def compose(text: str, path: str) -> Node:
    """Parse `text` to a single node tree, or raise ContentError with the YAML error's place."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = f"YAML syntax: {exc.problem or exc.context or 'cannot parse'}"
        raise ContentError([Problem(path=path, line=line, col=col, message=message)]) from None
    except yaml.YAMLError as exc:
        raise ContentError([Problem(path=path, line=1, col=1, message=f"YAML: {exc}")]) from None
    finally:
        loader.dispose()
    if node is None:
        raise ContentError([Problem(path=path, line=1, col=1, message="the file is empty")])
    return node
