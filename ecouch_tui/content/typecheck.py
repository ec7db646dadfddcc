"""Check a YAML node tree against a typed model and collect *every* problem with its place.

msgspec turns plain data into our frozen models quickly, but it stops at the first
error and knows nothing of lines and columns. So the model's own type description
(`msgspec.inspect`) drives this walk over the YAML nodes: it reports unknown keys
(with "did you mean"), duplicate keys, missing keys and wrong types everywhere in
the file, remembers where each value came from, and hands msgspec plain data only
when the whole tree is sound.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Any

import msgspec
import msgspec.inspect as mi
from yaml.constructor import ConstructorError, SafeConstructor

from ecouch_tui.content.blocks import block_union, decode_hook
from ecouch_tui.content.blocks.base import AnyBlock
from ecouch_tui.content.problems import Problem, did_you_mean
from ecouch_tui.content.yaml_source import MappingNode, Node, ScalarNode, SequenceNode, position

Path = tuple[str | int, ...]

#: Far more values than any real course file holds, far fewer than an alias bomb expands to.
NODE_BUDGET = 200_000

_INVALID: Any = object()
_NULL_TAG = "tag:yaml.org,2002:null"
_MERGE_TAG = "tag:yaml.org,2002:merge"


#: Whole numbers msgspec can store (the validated-content cache is msgpack).
_INT64 = (-(2**63), 2**63 - 1)

#: How an explicit YAML tag's value is described when it cannot be read.
_TAG_WORDS = {
    "int": "a whole number",
    "float": "a number",
    "bool": "true or false",
    "timestamp": "a date (YYYY-MM-DD)",
}


def _unreadable(node: ScalarNode, exc: Exception) -> str:
    """A plain message for a scalar PyYAML could not construct (never its traceback)."""
    name = str(node.tag).rpartition(":")[2]
    what = _TAG_WORDS.get(name, f"a '!!{name}' value")
    text = " ".join(str(node.value).split())
    shown = text if len(text) <= 40 else f"{text[:39]}…"
    if name == "timestamp" and isinstance(exc, ValueError):
        return f"'{shown}' is not a real date ({exc})"
    return f"'{shown}' cannot be read as {what}"


class _Exhausted(Exception):
    """The node budget ran out: the file expands (through aliases) to too much."""


def _kind_of(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, date):
        return f"a date ({value})"
    if isinstance(value, str):
        return "text"
    return type(value).__name__


def _node_kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping (key: value pairs)"
    if isinstance(node, SequenceNode):
        return "a list"
    return "a single value"


def label(cls: type) -> str:
    """How a model is named in messages: its `label` class attribute, or its class name."""
    return getattr(cls, "label", None) or cls.__name__.lower()


def _type_name(t: mi.Type) -> str:
    if isinstance(t, mi.Metadata):
        return _type_name(t.type)
    if isinstance(t, mi.StrType):
        return "text"
    if isinstance(t, mi.IntType):
        return "a whole number"
    if isinstance(t, mi.FloatType):
        return "a number"
    if isinstance(t, mi.BoolType):
        return "true or false"
    if isinstance(t, mi.ListType):
        return "a list"
    if isinstance(t, mi.StructType | mi.DictType):
        return "a mapping (key: value pairs)"
    if isinstance(t, mi.DateType):
        return "a date (YYYY-MM-DD)"
    if isinstance(t, mi.LiteralType):
        return "one of " + ", ".join(repr(v) for v in t.values)
    if isinstance(t, mi.UnionType):
        return " or ".join(_type_name(x) for x in t.types if not isinstance(x, mi.NoneType))
    return "a value"


class Checker:
    """One walk over one file. Read `problems` and `positions` afterwards."""

    def __init__(self, path: str, budget: int = NODE_BUDGET) -> None:
        self.path = path
        self.problems: list[Problem] = []
        #: Where each value came from, keyed by its data path, e.g. ("pages", 0, "id").
        self.positions: dict[Path, tuple[int, int]] = {}
        self._budget = budget
        self._reported: set[Problem] = set()
        self._constructor = SafeConstructor()

    # -- entry point -------------------------------------------------------------------

    def check(self, root: Node, model: type) -> Any:
        """Plain data for `model` if the tree is sound, else None (see `problems`)."""
        try:
            data = self._check(root, mi.type_info(model), ())
        except _Exhausted:
            line, col = position(root)
            self.problems = [
                Problem(
                    path=self.path,
                    line=line,
                    col=col,
                    message=(
                        f"the file expands to more than {self._budget:,} values through "
                        "YAML aliases (an 'alias bomb'?); write the content out instead"
                    ),
                )
            ]
            return None
        return None if self.problems or data is _INVALID else data

    def report(self, where: Node | tuple[int, int], message: str) -> None:
        line, col = position(where) if isinstance(where, Node) else where
        problem = Problem(path=self.path, line=line, col=col, message=message)
        if problem not in self._reported:  # an alias reused N times is one mistake
            self._reported.add(problem)
            self.problems.append(problem)

    # -- the walk ----------------------------------------------------------------------

    def _check(self, node: Node, t: mi.Type, where: Path) -> Any:
        self._budget -= 1
        if self._budget < 0:
            raise _Exhausted
        self.positions.setdefault(where, position(node))
        extra: dict[str, Any] = {}
        if isinstance(t, mi.Metadata):
            extra = t.extra or {}
            t = t.type
        if isinstance(t, mi.CustomType) and t.cls is AnyBlock:
            t = _block_union_info()  # a page's block: any block type known now
        if isinstance(t, mi.UnionType):
            return self._union(node, t, where)
        if isinstance(t, mi.StructType):
            return self._struct(node, t, where)
        if isinstance(t, mi.ListType):
            return self._list(node, t, where)
        if isinstance(t, mi.DictType):
            return self._dict(node, t, where)
        return self._scalar(node, t, where, extra)

    def _struct(self, node: Node, t: mi.StructType, where: Path, skip: str | None = None) -> Any:
        what = label(t.cls)
        if not isinstance(node, MappingNode):
            self.report(
                node, f"{what} should be a mapping (key: value pairs), not {_node_kind(node)}"
            )
            return _INVALID
        fields = {f.encode_name: f for f in t.fields}
        known = [*fields, *([skip] if skip else [])]
        data: dict[str, Any] = {}
        seen: dict[str, tuple[int, int]] = {}
        suggested: set[str] = set()  # a "did you mean 'x'" already covers a missing 'x'
        ok = True
        for key_node, value_node in node.value:
            key = self._key(key_node)
            if key is None:
                ok = False
                continue
            if key in seen:
                line, _ = seen[key]
                self.report(key_node, f"duplicate key '{key}' (first given on line {line})")
                ok = False
                continue
            seen[key] = position(key_node)
            if key == skip:
                data[key] = t.tag
                continue
            field = fields.get(key)
            if field is None and key in (retired := getattr(t.cls, "retired_keys", {})):
                fix, covers = retired[key]  # a key older files used: say what replaced it
                suggested.update(covers)
                self.report(key_node, f"'{key}' is no longer a key of {what}: {fix}")
                ok = False
                continue
            if field is None:
                hint = did_you_mean(key, known)
                suggested.update(name for name in known if f"'{name}'" in hint)
                self.report(key_node, f"unknown key '{key}' in {what}{hint}")
                ok = False
                continue
            value = self._check(value_node, field.type, (*where, key))
            if value is _INVALID:
                ok = False
            else:
                data[key] = value
        for name, field in fields.items():
            if field.required and name not in seen and name not in suggested:
                self.report(node, f"{what} is missing required key '{name}'")
                ok = False
        return data if ok else _INVALID

    def _key(self, key_node: Node) -> str | None:
        if key_node.tag == _MERGE_TAG:
            self.report(key_node, "merge keys ('<<') are not supported; write the keys out")
            return None
        if not isinstance(key_node, ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
            self.report(key_node, "keys must be plain words")
            return None
        return str(key_node.value)

    def _union(self, node: Node, t: mi.UnionType, where: Path) -> Any:
        members = [m for m in t.types if not isinstance(m, mi.NoneType)]
        allows_none = len(members) < len(t.types)
        if allows_none and isinstance(node, ScalarNode) and node.tag == _NULL_TAG:
            return None
        structs = [m for m in members if isinstance(m, mi.StructType) and m.tag_field]
        if structs and len(structs) == len(members):
            return self._tagged(node, structs, where)
        if len(members) == 1:
            return self._check(node, members[0], where)
        # An untagged union: the first member that fits without complaint wins.
        for member in members:
            trial = Checker(self.path, self._budget)
            value = trial._check(node, member, where)
            if not trial.problems:
                self.positions.update(trial.positions)
                self._budget = trial._budget
                return value
        self.report(node, f"expected {_type_name(t)}")
        return _INVALID

    def _tagged(self, node: Node, members: list[mi.StructType], where: Path) -> Any:
        tag_field = members[0].tag_field or "type"
        by_tag = {str(m.tag): m for m in members}
        kinds = ", ".join(by_tag)
        what = getattr(members[0].cls, "family", "item")
        if not isinstance(node, MappingNode):
            self.report(node, f"a {what} should be a mapping with '{tag_field}: …' ({kinds})")
            return _INVALID
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and key_node.value == tag_field:
                tag = value_node.value if isinstance(value_node, ScalarNode) else None
                member = by_tag.get(str(tag))
                if member is None:
                    self.report(
                        value_node,
                        f"unknown {what} {tag_field} '{tag}'{did_you_mean(str(tag), list(by_tag))}"
                        f" (known: {kinds})",
                    )
                    return _INVALID
                self.positions.setdefault((*where, tag_field), position(value_node))
                return self._struct(node, member, where, skip=tag_field)
        self.report(node, f"this {what} is missing '{tag_field}:' (one of: {kinds})")
        return _INVALID

    def _list(self, node: Node, t: mi.ListType, where: Path) -> Any:
        if not isinstance(node, SequenceNode):
            self.report(node, f"expected a list (lines starting with '- '), not {_node_kind(node)}")
            return _INVALID
        items = [self._check(n, t.item_type, (*where, i)) for i, n in enumerate(node.value)]
        ok = all(item is not _INVALID for item in items)
        if t.min_length is not None and len(items) < t.min_length:
            self.report(node, f"needs at least {t.min_length} item(s), has {len(items)}")
            ok = False
        if t.max_length is not None and len(items) > t.max_length:
            self.report(node, f"allows at most {t.max_length} item(s), has {len(items)}")
            ok = False
        return items if ok else _INVALID

    def _dict(self, node: Node, t: mi.DictType, where: Path) -> Any:
        if not isinstance(node, MappingNode):
            self.report(node, f"expected a mapping (key: value pairs), not {_node_kind(node)}")
            return _INVALID
        data: dict[str, Any] = {}
        ok = True
        for key_node, value_node in node.value:
            key = self._key(key_node)
            if key is None:
                ok = False
                continue
            if key in data:
                self.report(key_node, f"duplicate key '{key}'")
                ok = False
                continue
            value = self._check(value_node, t.value_type, (*where, key))
            ok = ok and value is not _INVALID
            data[key] = value
        return data if ok else _INVALID

    def _scalar(self, node: Node, t: mi.Type, where: Path, extra: dict[str, Any]) -> Any:
        if not isinstance(node, ScalarNode):
            self.report(node, f"expected {_type_name(t)}, not {_node_kind(node)}")
            return _INVALID
        try:
            value = self._constructor.construct_object(node)
        except ConstructorError as exc:
            self.report(node, f"cannot read this value: {exc.problem}")
            return _INVALID
        except Exception as exc:  # PyYAML's own constructors, on hostile text
            # An explicit tag (`!!int abc`), an impossible date (2021-02-30) or a number
            # of thousands of digits makes PyYAML raise ValueError, KeyError and the like.
            self.report(node, _unreadable(node, exc))
            return _INVALID
        if isinstance(t, mi.AnyType):
            return value
        if isinstance(t, mi.NoneType):
            if value is None:
                return None
        elif isinstance(t, mi.StrType):
            if isinstance(value, str):
                return self._str_limits(node, value, t, extra)
            hint = f' (put it in quotes: "{node.value}")' if node.value else ""
            self.report(node, f"expected text, got {_kind_of(value)}{hint}")
            return _INVALID
        elif isinstance(t, mi.BoolType):
            if isinstance(value, bool):
                return value
        elif isinstance(t, mi.IntType):
            if isinstance(value, int) and not isinstance(value, bool):
                return self._num_limits(node, value, t)
        elif isinstance(t, mi.FloatType):
            if isinstance(value, int | float) and not isinstance(value, bool):
                return self._num_limits(node, value, t)
        elif isinstance(t, mi.DateType):
            if isinstance(value, date):
                return value
            if isinstance(value, str):
                try:
                    return date.fromisoformat(value)
                except ValueError:
                    pass
        elif isinstance(t, mi.LiteralType):
            if value in t.values:
                return value
            choices = [str(v) for v in t.values]
            self.report(
                node,
                f"'{value}' is not allowed here{did_you_mean(str(value), choices)}"
                f" (choose one of: {', '.join(choices)})",
            )
            return _INVALID
        self.report(node, f"expected {_type_name(t)}, got {_kind_of(value)}")
        return _INVALID

    def _str_limits(self, node: Node, value: str, t: mi.StrType, extra: dict[str, Any]) -> Any:
        if t.min_length is not None and len(value.strip()) < t.min_length:
            self.report(node, "must not be empty" if t.min_length == 1 else "is too short")
            return _INVALID
        if t.max_length is not None and len(value) > t.max_length:
            self.report(node, f"is longer than {t.max_length} characters")
            return _INVALID
        if t.pattern is not None and not re.search(t.pattern, value):
            message = extra.get("pattern_message") or f"does not match the pattern {t.pattern}"
            self.report(node, f"'{value}' {message}")
            return _INVALID
        return value

    def _num_limits(self, node: Node, value: float, t: mi.IntType | mi.FloatType) -> Any:
        if value != value:  # NaN passes every comparison below
            self.report(node, "must be a number, got .nan (not a number)")
        elif isinstance(value, int) and not _INT64[0] <= value <= _INT64[1]:
            # Stored and cached as 64-bit integers: a larger one could not be saved.
            self.report(node, "is far too large a number")
        elif t.ge is not None and value < t.ge:
            self.report(node, f"must be at least {t.ge}, got {value}")
        elif t.gt is not None and value <= t.gt:
            self.report(node, f"must be more than {t.gt}, got {value}")
        elif t.le is not None and value > t.le:
            self.report(node, f"must be at most {t.le}, got {value}")
        elif t.lt is not None and value >= t.lt:
            self.report(node, f"must be less than {t.lt}, got {value}")
        else:
            return value
        return _INVALID


_PATH_PART = re.compile(r"\.([A-Za-z_][\w-]*)|\[(\d+)\]")


def _block_union_info() -> mi.Type:
    return _union_info(block_union())


@lru_cache(maxsize=8)
def _union_info(union: Any) -> mi.Type:
    return mi.type_info(union)


def convert(data: Any, model: type, checker: Checker) -> Any:
    """msgspec's conversion of checked data; a gap in our walk still gets a located message."""
    try:
        return msgspec.convert(data, model, dec_hook=decode_hook)
    except msgspec.ValidationError as exc:
        text = str(exc)
        where: Path = ()
        if " - at `$" in text:
            text, _, raw = text.partition(" - at `$")
            where = tuple(name if name else int(index) for name, index in _PATH_PART.findall(raw))
        checker.report(locate(checker.positions, where), text)
        return None


def locate(positions: dict[Path, tuple[int, int]], where: Path) -> tuple[int, int]:
    """The position of `where`, or of its nearest ancestor that has one."""
    while where and where not in positions:
        where = where[:-1]
    return positions.get(where, (1, 1))
