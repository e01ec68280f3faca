"""Work done once per process: loaded YAML models keyed by the files they came from.

A batch renders hundreds of programs that share one catalog, clinic and layout; each worker loads
them once. The key is each file's path, size and modification time, so an edited file is reloaded.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

_MEMO: dict[tuple[Any, ...], Any] = {}
MAX_ENTRIES = 256


def file_key(paths: Iterable[Path]) -> tuple[Any, ...]:
    key: list[tuple[str, int | None, int | None]] = []
    for path in paths:
        try:
            stat = os.stat(path)
            key.append((str(path), stat.st_size, stat.st_mtime_ns))
        except OSError:
            key.append((str(path), None, None))
    return tuple(key)


def memo(kind: str, paths: Iterable[Path], load: Callable[[], T]) -> T:
    """``load()``, or its earlier result when the same files have not changed since."""
    key = (kind, file_key(paths))
    if key in _MEMO:
        return _MEMO[key]  # type: ignore[no-any-return]
    return keep(_MEMO, key, load(), MAX_ENTRIES)


def keep(store: dict[Any, T], key: Any, value: T, limit: int) -> T:
    """Put ``value`` in a per-process ``store`` of at most ``limit`` entries (emptied when full); returns it."""
    if len(store) >= limit and key not in store:
        store.clear()
    store[key] = value
    return value
