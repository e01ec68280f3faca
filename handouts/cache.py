"""Loaded files kept for the process: the clinic, catalog and layout models, and prepared logos, keyed by the files they came from.

A batch renders hundreds of programs that share one catalog, clinic and layout; each worker loads
them once. The key is each file's path, size and modification time, so an edited file is reloaded.
This is one store of the process's reuse (:mod:`handouts.reuse`), switched off with it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from .reuse import REUSE

T = TypeVar("T")

MAX_ENTRIES = 256
_LOADED = REUSE.store("loaded files", MAX_ENTRIES)
_MISSING = object()


def _absolute(path: str | Path) -> str:
    """The path from the root (an absolute path as given: another spelling of it only misses the store)."""
    name = os.fspath(path)
    return name if os.path.isabs(name) else os.path.abspath(name)


def file_key(paths: Iterable[str | Path]) -> tuple[Any, ...]:
    key: list[tuple[str, int | None, int | None]] = []
    for path in paths:
        try:
            stat = os.stat(path)
            key.append((_absolute(path), stat.st_size, stat.st_mtime_ns))  # 'clinic.yaml' differs from folder to folder
        except OSError:
            key.append((_absolute(path), None, None))
    return tuple(key)


def memo(kind: str, paths: Iterable[str | Path], load: Callable[[], T]) -> T:
    """``load()``, or its earlier result when the same files have not changed since."""
    key = (kind, file_key(paths))
    hit = _LOADED.get(key, _MISSING)
    if hit is not _MISSING:
        return hit  # type: ignore[no-any-return]
    return _LOADED.put(key, load())
