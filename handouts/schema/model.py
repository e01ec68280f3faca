"""``@model``: a light stand-in for ``@dataclass(frozen=True)`` for the YAML models.

Why not dataclasses: each frozen dataclass costs about half a millisecond to *define* (it compiles
generated code), and the models and their helpers number in the dozens, which shows in the cold
start of every command. A ``@model`` class is defined in microseconds: fields are declared the
same way (annotations with :func:`spec` defaults), instances are immutable, and the validator
and the JSON Schema generator read the same field list.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any, TypeVar

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
    cls.__init__ = _init  # type: ignore[misc]
    if "__repr__" not in cls.__dict__:
        cls.__repr__ = _repr  # type: ignore[method-assign]
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
