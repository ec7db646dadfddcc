"""What YAML readers disagree about, for `ecouch validate` to warn of (never an error).

ecouch reads YAML with PyYAML: libyaml's parser where it is installed, PyYAML's own
pure-Python parser where not, and in both YAML 1.1's rules for what an unquoted
(plain) value means. An editor, a linter or another tool may follow YAML 1.2, where
`yes` is text and `0777` is 777. A course file should mean the same to all of them, so
validate warns about

- plain values that YAML 1.1 (PyYAML) and YAML 1.2's core schema read differently:
  `yes`/`no`/`on`/`off`/`y`/`n`, base-60 `1:30`, `0777`, `0o17`, `0b101`, `1_000`,
  `1e5`, `=` and `<<`;
- text that only libyaml can read, or that the two parsers read differently: a `?`
  in plain text inside `[ ]` or `{ }`, a tab between values or at the end of a line.

Dates (`2026-11-23`) are left alone: ecouch reads a date from the text either way.
Only validate does this; the pure-Python parse is some 20 times slower than libyaml's,
so the app's own load path never does it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from typing import Any

from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from ecouch_tui.content.problems import ContentError, Problem
from ecouch_tui.content.yaml_source import (
    LIBYAML_LOADER,
    PURE_LOADER,
    MappingNode,
    Node,
    ScalarNode,
    SequenceNode,
    compose,
    position,
)

_YAML = "tag:yaml.org,2002:"
_PURE = "PyYAML's pure-Python reader (which ecouch uses where libyaml is missing)"

#: YAML 1.1's booleans that YAML 1.2 reads as text. PyYAML itself reads `y` and `n` as
#: text, but other YAML 1.1 tools read them as true and false.
_BOOL_WORDS = re.compile(r"(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)")

#: YAML 1.2's core schema (spec 10.3.2): how a plain value resolves, in order.
_CORE: list[tuple[re.Pattern[str], str, Callable[[str], Any]]] = [
    (re.compile(r"(?:~|null|Null|NULL|)"), "null", lambda v: None),
    (re.compile(r"(?:true|True|TRUE|false|False|FALSE)"), "bool", lambda v: v[0] in "tT"),
    (re.compile(r"[-+]?[0-9]+"), "int", int),
    (re.compile(r"0o[0-7]+"), "int", lambda v: int(v[2:], 8)),
    (re.compile(r"0x[0-9a-fA-F]+"), "int", lambda v: int(v[2:], 16)),
    (
        re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"),
        "float",
        float,
    ),
    (
        re.compile(r"[-+]?\.(?:inf|Inf|INF)"),
        "float",
        lambda v: -math.inf if v[0] == "-" else math.inf,
    ),
    (re.compile(r"\.(?:nan|NaN|NAN)"), "float", lambda v: math.nan),
]


def portability_problems(text: str, shown: str) -> list[Problem]:
    """Warnings for `text` (the file `shown`), in file order; none if it cannot be read
    at all (its errors are reported by the loader)."""
    first = LIBYAML_LOADER or PURE_LOADER
    try:
        root = compose(text, shown, first)
    except ContentError:
        return []
    found = [
        Problem(path=shown, line=line, col=col, message=message, severity="warning")
        for (line, col), message in _plain_scalars(root)
    ]
    if LIBYAML_LOADER is not None:
        found += _readers_disagree(text, shown, root)
    return sorted(found, key=lambda p: (p.line, p.col))


# -- YAML 1.1 against YAML 1.2 -----------------------------------------------------------


def _nodes(root: Node) -> Iterator[tuple[Node, bool]]:
    """Every node once (an alias's target is not walked again), with whether it is
    inside a flow collection (`[ ]` or `{ }`). A flat loop: no recursion."""
    seen: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, in_flow = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        yield node, in_flow
        inner = in_flow or bool(getattr(node, "flow_style", False))
        if isinstance(node, SequenceNode):
            stack.extend((child, inner) for child in reversed(node.value))
        elif isinstance(node, MappingNode):
            for key, value in reversed(node.value):
                stack.extend([(value, inner), (key, inner)])


def _plain_scalars(root: Node) -> Iterator[tuple[tuple[int, int], str]]:
    resolver = Resolver()
    constructor = SafeConstructor()
    for node, _ in _nodes(root):
        if not isinstance(node, ScalarNode) or node.style:
            continue  # quoted, or a block scalar: text everywhere
        value = node.value
        if node.tag != resolver.resolve(ScalarNode, value, (True, False)):
            continue  # an explicit tag (`!!str yes`) says what it is
        message = _differs(node, value, constructor)
        if message:
            yield position(node), message


def _yaml12(value: str) -> tuple[str, Any]:
    for pattern, tag, convert in _CORE:
        if pattern.fullmatch(value):
            return tag, convert(value)
    return "str", value


def _differs(node: ScalarNode, value: str, constructor: SafeConstructor) -> str | None:
    """What is wrong with a plain value YAML 1.1 and 1.2 read differently, and the fix."""
    tag = str(node.tag).removeprefix(_YAML)
    if tag == "timestamp":
        return None
    if tag == "value":
        return (
            "a lone '=' is YAML 1.1's 'value' key, which ecouch cannot read as text "
            '(YAML 1.2 reads the text "="); quote it: "="'
        )
    if tag == "merge":
        return (
            "'<<' is a YAML 1.1 merge key, which YAML 1.2 does not have (there it is a "
            'key named "<<"); write the keys out, or quote it: "<<"'
        )
    try:
        ours: tuple[str, Any] = (tag, constructor.construct_object(node))
        theirs = _yaml12(value)
    except Exception:  # a value PyYAML cannot build is an error already
        return None
    if _same(ours, theirs) and not _BOOL_WORDS.fullmatch(value):
        return None
    reads = f"ecouch reads {_describe(*ours)}, a YAML 1.2 editor or tool {_describe(*theirs)}"
    quote = f'quote it: "{value}"'
    if _BOOL_WORDS.fullmatch(value):
        if ours[0] == "str":  # y, n: text to PyYAML and YAML 1.2
            reads = (
                f'ecouch reads the text "{value}", other YAML 1.1 tools read it as true or false'
            )
        what = f"'{value}' unquoted is a YAML 1.1 true/false"
        return f"{what}: {reads}; {quote} (or write true or false)"
    if ":" in value:
        return f"'{value}' unquoted is a YAML 1.1 base-60 number: {reads}; {quote}"
    if "_" in value and ours[0] in ("int", "float"):
        return (
            f"'{value}' is a number with underscores, which YAML 1.2 does not allow: {reads}; "
            f"write {ours[1]}, or {quote}"
        )
    if re.fullmatch(r"0o[0-7]+", value):
        return f"'{value}' is a YAML 1.2 octal number: {reads}; write {theirs[1]}, or {quote}"
    if re.fullmatch(r"[-+]?0b[01]+", value):
        return f"'{value}' is a YAML 1.1 binary number: {reads}; write {ours[1]}, or {quote}"
    if re.fullmatch(r"[-+]?0[0-9]+", value):
        return (
            f"'{value}' has a leading zero (an octal number in YAML 1.1): {reads}; "
            f"write it without the zero, or {quote}"
        )
    if re.search(r"[eE]", value) and theirs[0] == "float":
        return (
            f"'{value}' is a number with an exponent that YAML 1.1 reads only with a point "
            f"and a signed exponent (1.0e+5): {reads}; write {float(value)!r}, or {quote}"
        )
    return f"'{value}' unquoted means different things in YAML 1.1 and 1.2: {reads}; {quote}"


def _same(a: tuple[str, Any], b: tuple[str, Any]) -> bool:
    if a[0] != b[0]:
        return False
    x, y = a[1], b[1]
    if isinstance(x, float) and isinstance(y, float) and math.isnan(x) and math.isnan(y):
        return True
    return bool(x == y)


def _describe(tag: str, value: Any) -> str:
    if tag == "bool":
        return "true" if value else "false"
    if tag in ("int", "float"):
        return f"the number {value}"
    if tag == "null":
        return "nothing (null)"
    if tag == "str":
        return f'the text "{value}"'
    return f"a '!!{tag}' value"


# -- libyaml against the pure-Python parser ----------------------------------------------


#: Warnings of one kind per file, at most: enough to show the pattern.
_MOST = 50


def _readers_disagree(text: str, shown: str, root: Node) -> list[Problem]:
    """Where the pure-Python parser cannot read what libyaml read as `root`, or reads it
    differently. It stops at its first error: each place found is patched in a copy of
    the text (the same length, so every place stays where it was) and read again."""
    found: list[Problem] = []

    def warn(at: tuple[int, int], message: str) -> None:
        line, col = at
        found.append(Problem(path=shown, line=line, col=col, message=message, severity="warning"))

    for _ in range(_MOST):
        try:
            other = compose(text, shown, PURE_LOADER)
        except ContentError as exc:
            problem = exc.problems[0]
            at = (problem.line, problem.col)
            offset = _offset(text, at)
            scalar = _plain_scalar_at(root, at)
            if offset is not None and text[offset] == "\t":
                warn(
                    at,
                    f"a tab here: libyaml reads it, but {_PURE} cannot (it allows tabs only "
                    "inside text); use spaces",
                )
                patched = text[:offset] + " " + text[offset + 1 :]
            elif scalar is not None:
                node, in_flow = scalar
                mark = text[offset] if offset is not None else ""
                what = f"unquoted text with '{mark}'" if mark.strip() else "this unquoted text"
                where = " inside [ ] or { }" if in_flow else ""
                warn(
                    position(node),
                    f"{what}{where}: libyaml reads it, but {_PURE} cannot; "
                    f"quote it: {_quoted(node.value)}",
                )
                patched = _blank(text, node)
            else:
                message = problem.message.removeprefix("YAML syntax: ")
                warn(at, f"libyaml reads this, but {_PURE} cannot ({message}); write it simply")
                return found
            if patched == text:
                return found
            text = patched
            try:
                root = compose(text, shown, LIBYAML_LOADER)
            except ContentError:
                return found
            continue
        for ours, theirs in _differences(root, other):
            warn(
                position(ours),
                f"libyaml reads {_shape(ours)} here, but {_PURE} reads {_shape(theirs)}; "
                "quote the text, or write it more simply",
            )
            if len(found) >= _MOST:
                break
        break
    return found


def _blank(text: str, node: Node) -> str:
    """`text` with the scalar `node` made plain x's (its spaces and line breaks kept)."""
    start = _offset(text, (node.start_mark.line + 1, node.start_mark.column + 1))
    end = _offset(text, (node.end_mark.line + 1, node.end_mark.column + 1))
    if start is None:
        return text
    end = len(text) if end is None else end
    return text[:start] + re.sub(r"\S", "x", text[start:end]) + text[end:]


def _offset(text: str, at: tuple[int, int]) -> int | None:
    """The index in `text` of a 1-based (line, col), if it is a character of the text."""
    line, col = at
    start = 0
    for _ in range(line - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            return None
    offset = start + col - 1
    return offset if offset < len(text) and "\n" not in text[start:offset] else None


def _plain_scalar_at(root: Node, at: tuple[int, int]) -> tuple[ScalarNode, bool] | None:
    """The plain scalar whose text holds the 1-based place `at`, with whether it is
    inside a flow collection."""
    line, col = at[0] - 1, at[1] - 1
    for node, in_flow in _nodes(root):
        if isinstance(node, ScalarNode) and not node.style:
            start, end = node.start_mark, node.end_mark
            if (start.line, start.column) <= (line, col) < (end.line, end.column):
                return node, in_flow
    return None


def _quoted(value: str) -> str:
    text = value if len(value) <= 60 else value[:59] + "…"
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _differences(a: Node, b: Node) -> Iterator[tuple[Node, Node]]:
    """Each node (in file order) where two trees of one text differ in what they mean:
    kind, tag, value or number of children (not looking inside such a collection)."""
    seen: set[int] = set()
    stack = [(a, b)]
    while stack:
        x, y = stack.pop()
        if id(x) in seen:
            continue
        seen.add(id(x))
        if type(x) is not type(y) or x.tag != y.tag:
            yield x, y
        elif isinstance(x, ScalarNode):
            if x.value != y.value:
                yield x, y
        elif len(x.value) != len(y.value):
            yield x, y
        elif isinstance(x, SequenceNode):
            stack.extend(reversed(list(zip(x.value, y.value, strict=True))))
        else:
            for (xk, xv), (yk, yv) in reversed(list(zip(x.value, y.value, strict=True))):
                stack.extend([(xv, yv), (xk, yk)])


def _shape(node: Node) -> str:
    if isinstance(node, ScalarNode):
        tag = str(node.tag).removeprefix(_YAML)
        if tag == "null":
            return "nothing (null)"
        return _quoted(str(node.value)) + ("" if tag == "str" else f" (!!{tag})")
    count = len(node.value)
    return f"a list of {count}" if isinstance(node, SequenceNode) else f"a mapping of {count}"
