"""Safe YAML loading that remembers where every value came from.

PyYAML's ``safe_load`` is not enough for files written by hand:

* it silently keeps the last of two duplicate keys, so a typo hides data;
* it forgets line numbers, so an error cannot point at the line to fix;
* aliases can expand exponentially ("billion laughs");
* a quoted number and an unquoted one come back as different types, and ``phone: 0123``
  becomes the octal number 83.

So we let PyYAML's C parser compose the node tree (fast, and it keeps marks) and build the
Python values ourselves: every value's location is recorded under its path, every scalar's
source text is kept, duplicate keys and unknown tags are refused, and the expanded size of
the document is bounded before anything is built.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

import yaml

from .errors import Problem, UserError, display_path

try:  # the C parser is much faster; fall back to the pure-Python one where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

PathKey = tuple[str | int, ...]

MAX_FILE_BYTES = 2_000_000
MAX_EXPANDED_VALUES = 20_000
MAX_DEPTH = 60

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MERGE_TAG = "tag:yaml.org,2002:merge"


class Location(NamedTuple):
    file: str  # as displayed to the user
    line: int  # 1-based
    column: int  # 1-based


class SourceDoc:
    """A parsed YAML file: its data plus where each value (and each mapping key) came from."""

    def __init__(self, path: Path | None, data: Any):
        self.path = path
        self.data = data
        self.locations: dict[PathKey, Location] = {}
        self.key_locations: dict[PathKey, Location] = {}
        self.raw: dict[PathKey, str] = {}  # source text of non-string scalars ('0123', 'yes')
        #: Problems found while reading (duplicate keys, refused tags); reported with the schema's problems.
        self.problems: list[Problem] = []

    @property
    def display(self) -> str:
        return display_path(self.path)

    @property
    def folder(self) -> Path:
        return self.path.parent if self.path is not None else Path.cwd()

    def locate(self, path: PathKey, *, key: bool = False) -> Location:
        """The best location for a path: the key's line for unknown keys, the value's line
        otherwise, and the nearest enclosing value when the path itself does not exist."""
        table = self.key_locations if key else self.locations
        probe = path
        while True:
            if probe in table:
                return table[probe]
            if probe in self.locations:
                return self.locations[probe]
            if not probe:
                return Location(self.display, 1, 1)
            probe = probe[:-1]

    def problem(self, path: PathKey, message: str, *, key: bool = False) -> Problem:
        where = self.locate(path, key=key)
        return Problem(where.file, where.line, format_path(path), message)


class _Refused:
    """A value the reader refused (and already reported): the schema stays silent about it."""

    def __repr__(self) -> str:
        return "<refused>"


REFUSED = _Refused()


def format_path(path: PathKey) -> str:
    """``("steps", 1, "text")`` -> ``steps[2].text`` (list items counted from 1)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + part
    return out


def _line_of_offset(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def read_text(path: Path) -> str:
    """Read a regular text file as UTF-8 (a BOM is fine), at most MAX_FILE_BYTES, or explain clearly why not."""
    from .files import NotReadable, read_bounded

    shown = display_path(path)
    try:
        data = read_bounded(path, MAX_FILE_BYTES, too_large="a settings file should be far smaller")
    except NotReadable as exc:
        reason = "file not found" if exc.reason == "not found" else exc.reason
        raise UserError([Problem(shown, 0, "", reason)]) from None
    return decode_text(data, shown)


def decode_text(data: bytes, shown: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UserError([Problem(shown, 1, "", "is saved as UTF-16; save it as UTF-8 in your editor")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = _line_of_offset(data, exc.start)
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        bad = data[exc.start : exc.start + 1].hex().upper()
        raise UserError(
            [Problem(shown, line, "", f"is not UTF-8 text (byte 0x{bad} at column {column}); save the file as UTF-8 in your editor")]
        ) from None


def load_yaml(path: Path) -> SourceDoc:
    """Load one YAML file from disk."""
    return parse_yaml(read_text(path), path)


def parse_yaml(text: str, path: Path | None) -> SourceDoc:
    shown = display_path(path)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        if "maximum nesting depth" in str(exc.problem):  # libyaml's own limit (1,000 levels), far past ours
            line = exc.problem_mark.line + 1 if exc.problem_mark is not None else 0
            raise UserError([Problem(shown, line, "", f"is nested too deeply (more than {MAX_DEPTH} levels)")]) from None
        raise UserError([_syntax_problem(exc, shown, text)]) from None
    except yaml.YAMLError as exc:  # reader errors: control characters and the like
        position = getattr(exc, "position", 0) or 0
        line = text.count("\n", 0, position) + 1
        reason = getattr(exc, "reason", "") or "unreadable"
        raise UserError([Problem(shown, line, "", f"YAML: {reason}; remove that character")]) from None
    except RecursionError:
        raise UserError([Problem(shown, 0, "", f"is nested too deeply (more than {MAX_DEPTH} levels)")]) from None
    doc = SourceDoc(path, None)
    if node is None:
        return doc
    builder = _Builder(doc, shown)
    builder.check_size(node)
    doc.data = builder.build(node, ())
    doc.problems = builder.problems
    return doc


def _syntax_problem(exc: yaml.MarkedYAMLError, shown: str, text: str) -> Problem:
    from .yamlsyntax import explain

    return explain(exc, shown, text)


class _Builder:
    def __init__(self, doc: SourceDoc, shown: str):
        self.doc = doc
        self.shown = shown
        self.problems: list[Problem] = []
        self.constructor = yaml.constructor.SafeConstructor()

    def loc(self, node: yaml.Node) -> Location:
        mark = node.start_mark
        return Location(self.shown, mark.line + 1, mark.column + 1)

    def error(self, node: yaml.Node, path: PathKey, message: str) -> None:
        self.problems.append(Problem(self.shown, node.start_mark.line + 1, format_path(path), message))

    def check_size(self, root: yaml.Node) -> None:
        """Refuse documents whose aliases expand beyond a sane size, before expanding them."""
        sizes: dict[int, int] = {}
        aliased = False  # a node met twice is an alias (*name) of an anchor (&name)

        def size(node: yaml.Node, depth: int) -> int:
            nonlocal aliased
            known = sizes.get(id(node))
            if known is not None:
                aliased = True
                return known
            if depth > MAX_DEPTH:
                raise UserError([Problem(self.shown, node.start_mark.line + 1, "", f"is nested too deeply (more than {MAX_DEPTH} levels)")])
            total = 1
            if isinstance(node, yaml.SequenceNode):
                for child in node.value:
                    total += size(child, depth + 1)
                    if total > MAX_EXPANDED_VALUES:
                        break
            elif isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    total += size(key, depth + 1) + size(value, depth + 1)
                    if total > MAX_EXPANDED_VALUES:
                        break
            sizes[id(node)] = total
            return total

        if size(root, 0) > MAX_EXPANDED_VALUES:
            message = (f"aliases (*name) expand this file to more than {MAX_EXPANDED_VALUES:,} values; write the values out instead"
                       if aliased else f"has more than {MAX_EXPANDED_VALUES:,} values; a settings file should be far smaller")
            raise UserError([Problem(self.shown, root.start_mark.line + 1, "", message)])

    def build(self, node: yaml.Node, path: PathKey) -> Any:
        self.doc.locations.setdefault(path, self.loc(node))
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ_TAG:
                self.error(node, path, f"the YAML tag {node.tag!r} is not allowed here; remove it")
                return REFUSED
            return [self.build(child, (*path, index)) for index, child in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP_TAG:
                self.error(node, path, f"the YAML tag {node.tag!r} is not allowed here; remove it")
                return REFUSED
            return self.mapping(node, path)
        self.error(node, path, "unsupported YAML value")  # pragma: no cover
        return None

    def scalar(self, node: yaml.ScalarNode, path: PathKey) -> Any:
        if node.tag not in _SCALAR_TAGS:
            self.error(node, path, f"the YAML tag {node.tag!r} is not allowed (only plain values, lists and mappings)")
            return REFUSED
        try:
            value = self.constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError):
            # e.g. an impossible date such as 2024-02-30: keep the text, let the schema judge it
            value = node.value
        if not isinstance(value, str) and value is not None:
            self.doc.raw[path] = node.value
        return value

    def mapping(self, node: yaml.MappingNode, path: PathKey) -> dict[str, Any]:
        first_line: dict[str, int] = {}
        merged: list[tuple[yaml.Node, yaml.Node]] = []
        explicit: list[tuple[yaml.Node, yaml.Node]] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                merged.extend(self.merge_sources(value_node, path))
            elif not isinstance(key_node, yaml.ScalarNode):
                self.error(key_node, path, "a key must be a plain word, not a list or mapping")
            elif key_node.value in first_line:
                self.error(
                    key_node,
                    (*path, key_node.value),
                    f"duplicate key (first given on line {first_line[key_node.value]}); keep only one",
                )
            else:
                first_line[key_node.value] = key_node.start_mark.line + 1
                explicit.append((key_node, value_node))
        result: dict[str, Any] = {}
        # merged keys ('<<: *defaults') first, so that the file's own keys override them
        for key_node, value_node in [*merged, *explicit]:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _MERGE_TAG:
                continue
            child = (*path, key_node.value)
            self.doc.key_locations[child] = self.loc(key_node)
            self.doc.locations[child] = self.loc(value_node)
            result[key_node.value] = self.build(value_node, child)
        return result

    def merge_sources(self, value: yaml.Node, path: PathKey) -> list[tuple[yaml.Node, yaml.Node]]:
        sources = value.value if isinstance(value, yaml.SequenceNode) else [value]
        pairs: list[tuple[yaml.Node, yaml.Node]] = []
        for source in sources:
            if not isinstance(source, yaml.MappingNode):
                self.error(source, path, "'<<' must be followed by a mapping (or a list of mappings)")
                continue
            pairs.extend(source.value)
        return pairs
