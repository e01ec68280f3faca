"""A small declarative schema: ``@model`` classes + field metadata -> validation and JSON Schema.

Why not pydantic: start-up time matters (``handouts region lower`` should cost little more than
importing ReportLab), and we want our own error format with file and line for every problem.
The models are plain ``@model`` classes (see :mod:`.model`); this module turns a YAML :class:`~handouts.yamlio.SourceDoc`
into model instances, collecting *all* problems, or raises :class:`~handouts.errors.UserError`.

Supported annotations: ``str``, ``int``, ``float``, ``bool``, ``datetime.date``,
``Literal[...]``, ``list[T]``, ``dict[str, T]``, ``T | None``, nested models, and
"scalar types" (classes with a ``parse(value) -> value`` classmethod and a ``json_schema()``).
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar, Union, get_args, get_origin

from ..errors import Problem, UserError
from ..reuse import REUSE
from ..yamlio import REFUSED, PathKey, SourceDoc
from .model import Spec, is_model, spec, specs_of
from .words import colon_hint, describe, fmt_number, infinite, normalise_choice, not_finite, pattern_words, suggest, type_words

__all__ = ["Validator", "describe", "model_fields", "spec", "suggest", "validate"]

T = TypeVar("T")

def model_fields(cls: type) -> tuple[tuple[Spec, Any], ...]:
    """The fields of a model with their resolved type annotations (resolved once, on first use)."""
    return _resolved_fields(cls)


@REUSE.memo("model fields", 256)
def _resolved_fields(cls: type) -> tuple[tuple[Spec, Any], ...]:
    hints = typing.get_type_hints(cls, include_extras=True)
    return tuple((f, hints[f.name]) for f in specs_of(cls).values())


def has_default(f: Spec) -> bool:
    return not f.required


def default_of(f: Spec) -> Any:
    return f.make_default()


class Validator:
    """Walks data against a model, collecting problems with their file locations."""

    def __init__(self, doc: SourceDoc, base_dir: Path | None = None):
        self.doc = doc
        self.base_dir = base_dir if base_dir is not None else doc.folder
        self.problems: list[Problem] = []

    def error(self, path: PathKey, message: str, *, key: bool = False) -> None:
        self.problems.append(self.doc.problem(path, message, key=key))

    # -- entry points -------------------------------------------------------------------
    def model(self, cls: type[T], data: Any, path: PathKey = ()) -> T | None:
        shorthand = getattr(cls, "__scalar_field__", None)
        if shorthand and isinstance(data, (str, int, float)) and not isinstance(data, bool):
            # '- cat-cow' is short for '- id: cat-cow'
            self.doc.locations.setdefault((*path, shorthand), self.doc.locate(path))
            if path in self.doc.raw:
                self.doc.raw[(*path, shorthand)] = self.doc.raw[path]
            data = {shorthand: data}
        if not isinstance(data, dict):
            self.error(path, f"expected a mapping (key: value lines), got {describe(data)}")
            return None
        fields = model_fields(cls)
        names = [f.name for f, _ in fields]
        for key in data:
            if key not in names:
                self.error((*path, key), f"unknown key{suggest(key, names)}", key=True)
        values: dict[str, Any] = {}
        ok = True
        for f, tp in fields:
            if f.name in data and not (data[f.name] is None and _optional(tp) is None and has_default(f)):
                value = self.value(tp, data[f.name], (*path, f.name), f.metadata)
                if value is _INVALID:
                    ok = False
                else:
                    values[f.name] = value
            elif has_default(f):
                values[f.name] = default_of(f)
            else:
                self.error(path, f"missing required field '{f.name}'")
                ok = False
        if not ok:
            return None
        instance = cls(**values)
        check = getattr(instance, "validate", None)
        if check is not None:
            for sub_path, message in check():
                self.error((*path, *sub_path), message)
        return instance

    # -- values ---------------------------------------------------------------------------
    def value(self, tp: Any, value: Any, path: PathKey, meta: typing.Mapping[str, Any]) -> Any:
        if value is REFUSED:  # already reported by the reader (a refused YAML tag)
            return _INVALID
        inner = _optional(tp)
        if inner is not None:
            if value is None:
                return None
            tp = inner
        if get_origin(tp) is Annotated:
            base, *extras = get_args(tp)
            if _optional(base) is not None and value is None:
                return None
            parser = next((extra for extra in extras if hasattr(extra, "parse")), None)
            if parser is not None:
                return self.scalar_type(parser, value, path, meta)
            tp = base
        origin = get_origin(tp)
        if is_model(tp):
            result = self.model(typing.cast(type, tp), value, path)
            return _INVALID if result is None else result
        if origin is Literal:
            return self.choice(get_args(tp), value, path)
        if origin is list:
            return self.list_value(get_args(tp)[0], value, path, meta)
        if origin is dict:
            return self.dict_value(get_args(tp)[1], value, path, meta)
        if hasattr(tp, "parse"):
            return self.scalar_type(tp, value, path, meta)
        return self.plain(tp, value, path, meta)

    def choice(self, choices: tuple[Any, ...], value: Any, path: PathKey) -> Any:
        options = [str(c) for c in choices]
        if isinstance(value, str):
            wanted = normalise_choice(value)
            for option in choices:
                if normalise_choice(str(option)) == wanted:
                    return option
        if isinstance(value, bool) and "none" in options and value is False:
            return "none"
        raw = self.doc.raw.get(path)
        shown = f'"{raw}"' if raw is not None else describe(value)
        listed = ", ".join(options)
        self.error(path, f"{shown} is not one of: {listed}{suggest(str(raw or value), options) if isinstance(value, (str, int)) else ''}")
        return _INVALID

    def list_value(self, item_tp: Any, value: Any, path: PathKey, meta: typing.Mapping[str, Any]) -> Any:
        if value is None:
            value = []
        if not isinstance(value, list):
            if isinstance(value, dict):
                self.error(path, "expected a list (lines starting with '- '), got a mapping")
                return _INVALID
            value = [value]  # 'regions: lower' is a list of one
            self.doc.locations.setdefault((*path, 0), self.doc.locate(path))
            if path in self.doc.raw:
                self.doc.raw[(*path, 0)] = self.doc.raw[path]
        items = []
        ok = True
        item_meta = {k: v for k, v in meta.items() if k in ("min_length", "max_length", "pattern", "minimum", "maximum", "why")}
        for index, item in enumerate(value):
            converted = self.value(item_tp, item, (*path, index), item_meta)
            if converted is _INVALID:
                ok = False
            else:
                items.append(converted)
        if not ok:
            return _INVALID
        low, high = meta.get("min_items"), meta.get("max_items")
        if low is not None and len(items) < low:
            self.error(path, f"needs at least {low} item{'s' if low != 1 else ''}, has {len(items)}")
            return _INVALID
        if high is not None and len(items) > high:
            self.error(path, f"has {len(items)} items; at most {high} are allowed")
            return _INVALID
        if meta.get("unique"):
            seen: set[Any] = set()
            for index, item in enumerate(items):
                if item in seen:
                    self.error((*path, index), f"{describe(item)} is listed twice")
                    return _INVALID
                seen.add(item)
        return items

    def dict_value(self, item_tp: Any, value: Any, path: PathKey, meta: typing.Mapping[str, Any]) -> Any:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.error(path, f"expected a mapping (key: value lines), got {describe(value)}")
            return _INVALID
        out = {}
        ok = True
        for key, item in value.items():
            converted = self.value(item_tp, item, (*path, key), {})
            if converted is _INVALID:
                ok = False
            else:
                out[key] = converted
        return out if ok else _INVALID

    def scalar_type(self, tp: Any, value: Any, path: PathKey, meta: typing.Mapping[str, Any] | None = None) -> Any:
        if isinstance(value, dict) or value is None or (isinstance(value, list) and not getattr(tp, "accepts_list", False)):
            self.error(path, f"expected {tp.describe()}, got {describe(value)}")
            return _INVALID
        raw = self.doc.raw.get(path)
        if infinite(value):
            self.error(path, not_finite(raw, value, tp.describe()))
            return _INVALID
        try:
            if getattr(tp, "relative_to_file", False):
                result = tp.parse(raw if raw is not None else value, base=self.base_dir)
            else:
                result = tp.parse(raw if raw is not None and not isinstance(value, (int, float)) else value)
        except ValueError as exc:
            self.error(path, str(exc))
            return _INVALID
        if infinite(result):  # '1e999in', or 400 digits: too large for a number
            self.error(path, not_finite(raw, value, tp.describe()))
            return _INVALID
        if meta and isinstance(result, (int, float)):
            # the field's own limits, tighter than the type's, in the type's words (60%, not 0.6);
            # a range (see ranges.DoseRange) has both its ends checked
            show = getattr(tp, "show", fmt_number)
            low = getattr(result, "low", None)
            if low is not None and self.check_number(low, path, meta, show=show) is _INVALID:
                return _INVALID
            return result if self.check_number(result, path, meta, show=show) is not _INVALID else _INVALID
        return result

    def plain(self, tp: Any, value: Any, path: PathKey, meta: typing.Mapping[str, Any]) -> Any:
        raw = self.doc.raw.get(path)
        if tp is str:
            if isinstance(value, (list, dict)) or value is None:
                self.error(path, f"expected text, got {describe(value)}{colon_hint(value, self.doc.raw, path)}")
                return _INVALID
            text = value if isinstance(value, str) else (raw if raw is not None else str(value))
            return self.check_text(text, path, meta)
        if tp is bool:
            if isinstance(value, bool):
                return value
            self.error(path, f"expected yes or no (true or false), got {describe(raw or value)}")
            return _INVALID
        if tp is int or tp is float:
            if infinite(value) or (tp is float and isinstance(value, int) and not isinstance(value, bool)
                                    and abs(value) > 1e300):
                self.error(path, not_finite(raw, value, type_words(tp)))
                return _INVALID
            number = _number(value)
            if number is None or (tp is int and number != int(number)):
                shown = f'"{raw}"' if raw is not None else describe(value)
                self.error(path, f"{shown} is not {type_words(tp)}; write digits, e.g. 10")
                return _INVALID
            number = int(number) if tp is int else float(number)
            return self.check_number(number, path, meta)
        if tp is dt.date:
            if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
                return value
            if isinstance(value, dt.datetime):
                return value.date()
            text = raw if raw is not None else str(value)
            try:
                return dt.date.fromisoformat(str(text).strip())
            except ValueError:
                self.error(path, f'"{text}" is not a date; write it as YYYY-MM-DD, e.g. 2026-03-01')
                return _INVALID
        raise TypeError(f"unsupported schema type {tp!r} at {path}")  # a bug in a model

    def check_text(self, text: str, path: PathKey, meta: typing.Mapping[str, Any]) -> Any:
        text = text.strip()
        low, high = meta.get("min_length"), meta.get("max_length")
        if low is not None and len(text) < low:
            self.error(path, "must not be empty" if low == 1 else f"is too short (at least {low} characters)")
            return _INVALID
        if high is not None and len(text) > high:
            self.error(path, f"is {len(text):,} characters long; at most {high} are allowed (shorten it or split it)")
            return _INVALID
        pattern = meta.get("pattern")
        if pattern and not re.fullmatch(pattern, text):
            self.error(path, f"{describe(text)} does not have the expected form ({pattern_words(pattern)})")
            return _INVALID
        return text

    def check_number(self, number: float, path: PathKey, meta: typing.Mapping[str, Any],
                     show: typing.Callable[[float], str] | None = None) -> Any:
        show = show or fmt_number
        low, high = meta.get("minimum"), meta.get("maximum")
        raw = self.doc.raw.get(path)
        shown = raw.strip() if raw is not None else show(number)  # as the user wrote it: 1e308, not 300 digits
        shown = shown if len(shown) <= 40 else shown[:37] + "..."
        if low is not None and number < low:
            self.error(path, f"{shown} is too small; the smallest allowed is {show(low)}")
            return _INVALID
        if high is not None and number > high:
            why = f" ({meta['why']})" if meta.get("why") else ""
            self.error(path, f"{shown} is too large; the largest allowed is {show(high)}{why}")
            return _INVALID
        return number


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
            return None
        return value
    if isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            return None
        return number if number == number and abs(number) != float("inf") else None
    return None


def _optional(tp: Any) -> Any:
    """``X | None`` -> ``X``; anything else -> None."""
    origin = get_origin(tp)
    if origin is Union or origin is types.UnionType:
        args = [a for a in get_args(tp) if a is not type(None)]
        if len(args) == 1 and len(get_args(tp)) == 2:
            return args[0]
    return None


class _Invalid:
    def __repr__(self) -> str:
        return "<invalid>"


_INVALID: Any = _Invalid()


def validate(cls: type[T], doc: SourceDoc, *, base_dir: Path | None = None, what: str = "settings") -> T:
    """Validate a whole document against a model, or raise a UserError with every problem."""
    if doc.data is None and not doc.problems:
        required = [f.name for f, _ in model_fields(cls) if not has_default(f)]
        hint = f" with at least: {', '.join(required)}" if required else ""
        raise UserError([Problem(doc.display, 1, "", f"the file is empty (or only comments); expected {what}{hint}")])
    validator = Validator(doc, base_dir)
    result = validator.model(cls, doc.data)
    problems = [*doc.problems, *validator.problems]
    if problems or result is None:
        raise UserError(problems or [Problem(doc.display, 1, "", "invalid")])
    return result
