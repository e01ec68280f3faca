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


def file_key(paths: Iterable[Path]) -> tuple[Any, ...]:
    key: list[tuple[str, int | None, int | None]] = []
    for path in paths:
        try:
            stat = os.stat(path)
            key.append((os.path.abspath(path), stat.st_size, stat.st_mtime_ns))  # 'clinic.yaml' differs from folder to folder
        except OSError:
            key.append((os.path.abspath(path), None, None))
    return tuple(key)


def memo(kind: str, paths: Iterable[Path], load: Callable[[], T]) -> T:
    """``load()``, or its earlier result when the same files have not changed since."""
    key = (kind, file_key(paths))
    hit = _LOADED.get(key, _MISSING)
    if hit is not _MISSING:
        return hit  # type: ignore[no-any-return]
    return _LOADED.put(key, load())
