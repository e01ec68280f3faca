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
    key = []
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
    value = load()
    if len(_MEMO) >= MAX_ENTRIES:
        _MEMO.clear()
    _MEMO[key] = value
    return value
