"""``@model``: a light stand-in for ``@dataclass(frozen=True)`` for the YAML models.

Why not dataclasses: each frozen dataclass costs about half a millisecond to *define* (it compiles
generated code), and the models and their helpers number in the dozens, which shows in the cold
start of every command. A ``@model`` class is defined in microseconds: fields are declared the
same way (annotations with :func:`spec` defaults), instances are immutable, and the validator
and the JSON Schema generator read the same field list.

Type checkers see ``@model`` as a dataclass (``typing.dataclass_transform``): they know each
model's constructor from its fields. Models compare and hash by value, like frozen dataclasses, so a
cache keyed on a model (the styles of a layout, the fonts of a layout) finds an equal model loaded
again, and never a different one that happens to reuse a freed object's ``id()``.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Callable
from typing import Any, TypeVar

if sys.version_info >= (3, 11):
    from typing import dataclass_transform
else:  # Python 3.10 runs the same code; only type checkers read the marker
    def dataclass_transform(**_: Any) -> Callable[[T], T]:
        return lambda decorated: decorated

T = TypeVar("T")

_MISSING: Any = object()


class Spec:
    """A field's default and its validation metadata."""

    __slots__ = ("default", "factory", "metadata", "name")

    def __init__(self, default: Any, factory: Callable[[], Any] | None, metadata: dict[str, Any]):
        self.default = default
        self.factory = factory
        self.metadata = metadata
        self.name = ""

    @property
    def required(self) -> bool:
        return self.default is _MISSING and self.factory is None

    def make_default(self) -> Any:
        return self.factory() if self.factory is not None else self.default


def spec(
    default: Any = _MISSING,
    *,
    doc: str,
    factory: Callable[[], Any] | None = None,
    minimum: float | None = None,
    maximum: float | None = None,
    min_length: int | None = None,
    max_length: int | None = None,
    min_items: int | None = None,
    max_items: int | None = None,
    pattern: str | None = None,
    unique: bool = False,
    why: str | None = None,
) -> Any:
    """Declare a model field: its default (or ``factory``), description and constraints."""
    metadata = {
        "doc": doc, "minimum": minimum, "maximum": maximum, "min_length": min_length, "max_length": max_length,
        "min_items": min_items, "max_items": max_items, "pattern": pattern, "unique": unique, "why": why,
    }
    return Spec(default, factory, metadata)


def _init(self: Any, **values: Any) -> None:
    specs: dict[str, Spec] = type(self).__specs__
    for name, field in specs.items():
        if name in values:
            value = values.pop(name)
        elif field.required:
            raise TypeError(f"{type(self).__name__}: missing field {name!r}")
        else:
            value = field.make_default()
        object.__setattr__(self, name, value)
    if values:
        raise TypeError(f"{type(self).__name__}: unknown fields {sorted(values)}")


def _repr(self: Any) -> str:
    inside = ", ".join(f"{name}={getattr(self, name)!r}" for name in type(self).__specs__)
    return f"{type(self).__name__}({inside})"


def _frozen(self: Any, name: str, value: Any) -> None:
    raise AttributeError(f"{type(self).__name__} is read-only; use replace()")


def _values(self: Any) -> tuple[Any, ...]:
    return tuple(getattr(self, name) for name in type(self).__specs__)


def _eq(self: Any, other: object) -> bool:
    if self is other:
        return True
    if type(other) is not type(self):
        return NotImplemented
    return _values(self) == _values(other)


def _hashable(value: Any) -> Any:
    """``value`` with its lists and mappings turned into tuples and frozensets, for hashing."""
    if isinstance(value, list | tuple):
        return tuple(map(_hashable, value))
    if isinstance(value, dict):
        return frozenset((key, _hashable(item)) for key, item in value.items())
    if isinstance(value, set):
        return frozenset(value)
    return value


def _hash(self: Any) -> int:
    known = self.__dict__.get("_hash")
    if known is None:  # computed once: fields never change (what a loader sets later, like a layout's
        # name, is not a field and not part of the value)
        known = hash((type(self).__qualname__, _hashable(_values(self))))
        object.__setattr__(self, "_hash", known)
    return known  # type: ignore[no-any-return]


@dataclass_transform(frozen_default=True, kw_only_default=True, field_specifiers=(spec,))
def model(cls: type[T]) -> type[T]:
    """Turn a class with annotated ``spec()`` attributes into an immutable model."""
    specs: dict[str, Spec] = {}
    for base in reversed(cls.__mro__[1:]):
        specs.update(getattr(base, "__specs__", {}))
    for name in inspect.get_annotations(cls):
        value = cls.__dict__.get(name, _MISSING)
        field = value if isinstance(value, Spec) else Spec(value, None, {"doc": ""})
        field.name = name
        specs[name] = field
        if name in cls.__dict__:
            delattr(cls, name)
    cls.__specs__ = specs  # type: ignore[attr-defined]
    cls.__init__ = _init  # type: ignore[misc, method-assign]
    if "__repr__" not in cls.__dict__:
        cls.__repr__ = _repr  # type: ignore[method-assign]
    if "__eq__" not in cls.__dict__:
        cls.__eq__ = _eq  # type: ignore[method-assign, assignment]
        cls.__hash__ = _hash  # type: ignore[method-assign, assignment]
    cls.__setattr__ = _frozen  # type: ignore[method-assign, assignment]
    return cls


def is_model(obj: Any) -> bool:
    return isinstance(obj, type) and hasattr(obj, "__specs__")


def specs_of(cls: type) -> dict[str, Spec]:
    return cls.__specs__  # type: ignore[attr-defined, no-any-return]


def replace(obj: T, **changes: Any) -> T:
    """A copy of a model with some fields changed."""
    values = {name: getattr(obj, name) for name in specs_of(type(obj))}
    values.update(changes)
    return type(obj)(**values)
