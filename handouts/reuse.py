"""Reuse inside a process: every value kept to print faster, behind one object with one contract and one switch.

A batch prints hundreds of documents that share a catalog, a clinic, a layout, the same pictures and
most of their paragraphs. What each document would derive again (loaded models, styles, wrapped
paragraphs, font subsets, compressed pictures, PDF operators) is kept in a :class:`Store` of
:data:`REUSE` and used again. None of it changes a byte of a PDF (tested: every built-in document is
printed with reuse on and off and the bytes compared, ``tests/test_reuse.py``).

The contract, for whoever keeps something:

1. **Keys by value.** A key holds, by value, everything the kept value depends on: a file's content
   digest or its (path, size, modification time), the models (they compare and hash by value), sizes,
   font names, colours. Never ``id()`` of an object: a freed object's id is given to the next one.
2. **Kept values are never changed** by the code that reads them (a wrapped paragraph is drawn,
   never wrapped again at another width), so sharing cannot change a page.
3. **A recorded drawing declares its fonts.** :func:`handouts.rawpdf.draw_recorded` repeats the PDF
   operators of an earlier drawing only when the caller names the fonts the drawing uses and the
   document calls them by the same names, and when its text keeps to the characters every document
   numbers alike (:data:`handouts.render.fonts.SEED`); otherwise it is drawn afresh.
4. **Bounded.** Each store has a limit; a full store is emptied and refilled.

The switch: ``HANDOUTS_REUSE=off`` in the environment (read once, at first use), or
:func:`set_enabled` / the :func:`disabled` context manager in code. With reuse off nothing is carried
from one document to the next: every store is emptied when a document begins (:meth:`Reuse.new_document`,
called by each new :class:`~handouts.render.context.RenderContext`), so each document is made as in a new
process, and the disk cache (:mod:`handouts.diskcache`) is neither read nor written. Within one document
the stores still work (the card planner wraps the same paragraph at the same width hundreds of times;
without them one booklet takes ten seconds). What stays on is what defines the output rather than saves
time: the fonts' seed numbering, and fonts registered with ReportLab by name (``render.fonts.font_set``).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Generic, TypeVar, cast

K = TypeVar("K")
V = TypeVar("V")
F = TypeVar("F", bound=Callable[..., Any])

_OFF_WORDS = ("off", "0", "no", "false", "none")


class Hashed:
    """A key (or a part of one) hashed once: a tuple hashes its items again at every lookup, and a card's key
    (its paragraphs and its style, by value) is looked up thousands of times a document."""

    __slots__ = ("_hash", "value")

    def __init__(self, value: tuple[object, ...]):
        self.value = value
        self._hash = hash(value)

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return self is other or (isinstance(other, Hashed) and self._hash == other._hash and self.value == other.value)

    def __repr__(self) -> str:
        return f"Hashed({self.value!r})"


class Store(Generic[K, V]):
    """Values kept by key for the process (see the contract above); for one document only when reuse is off."""

    __slots__ = ("_data", "get", "limit", "name", "owner")

    def __init__(self, owner: Reuse, name: str, limit: int):
        self.owner = owner
        self.name = name
        self.limit = limit
        #: ``get(key, default=None)``: the value kept under ``key``. The dictionary's own method (the lookups
        #: of a card's layout run by the hundred thousand); :meth:`hold` is the one place that sets the dictionary.
        self._data: dict[K, V]
        self.get: Callable[..., Any]
        self.hold({})

    def put(self, key: K, value: V) -> V:
        """Keep ``value`` under ``key`` (the store is emptied first when full); returns ``value``."""
        data = self._data
        if len(data) >= self.limit and key not in data:
            data.clear()
        data[key] = value
        return value

    def clear(self) -> None:
        self._data.clear()

    def hold(self, data: dict[K, V]) -> None:
        """Keep ``data`` from now on instead of what was kept (:func:`disabled` sets what was kept aside)."""
        self._data = data
        self.get = data.get

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return f"<Store {self.name}: {len(self._data)} of {self.limit}>"


class Reuse:
    """The process's reuse: its stores, by name, and whether they are used."""

    def __init__(self) -> None:
        self.stores: dict[str, Store[Any, Any]] = {}
        self._enabled: bool | None = None  # read from the environment at first use

    @property
    def enabled(self) -> bool:
        if self._enabled is None:
            self._enabled = os.environ.get("HANDOUTS_REUSE", "on").strip().lower() not in _OFF_WORDS
        return self._enabled

    def set_enabled(self, on: bool) -> None:
        """Switch all reuse on or off for the rest of the process; what was kept is dropped either way."""
        self._enabled = bool(on)
        self.clear()

    def store(self, name: str, limit: int = 1024) -> Store[Any, Any]:
        """The store called ``name`` (made on first use); one name, one store, for the whole process."""
        store = self.stores.get(name)
        if store is None:
            store = self.stores[name] = Store(self, name, limit)
        return store

    def memo(self, name: str, limit: int = 256) -> Callable[[F], F]:
        """A function's results kept by its arguments (hashed by value), like ``functools.lru_cache``."""

        def decorate(function: F) -> F:
            store = self.store(name, limit)
            missing = object()

            @functools.wraps(function)
            def call(*args: Any) -> Any:
                hit = store.get(args, missing)
                if hit is not missing:
                    return hit
                return store.put(args, function(*args))

            call.cache_clear = store.clear  # type: ignore[attr-defined]
            return cast(F, call)

        return decorate

    def clear(self) -> None:
        """Forget everything kept (the stores stay, empty)."""
        for store in self.stores.values():
            store.clear()

    def new_document(self) -> None:
        """A document begins: with reuse off, it starts from empty stores."""
        if not self.enabled:
            self.clear()


#: The one reuse object of the process.
REUSE = Reuse()


def enabled() -> bool:
    return REUSE.enabled


def set_enabled(on: bool) -> None:
    REUSE.set_enabled(on)


@contextmanager
def disabled() -> Iterator[None]:
    """Every document made inside starts afresh, as with ``HANDOUTS_REUSE=off``; what was kept before is set
    aside meanwhile (never seen inside) and is back afterwards."""
    before = REUSE._enabled
    kept = {name: store._data for name, store in REUSE.stores.items()}
    for store in REUSE.stores.values():
        store.hold({})
    REUSE._enabled = False
    try:
        yield
    finally:
        REUSE._enabled = before
        for name, store in REUSE.stores.items():
            store.hold(kept.get(name, {}))
