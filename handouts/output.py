"""Writing output safely: complete files only, never an input, never through a symlink.

Each PDF goes to a temporary file in the output folder and is renamed into place only when it is
complete, so a crash or Ctrl-C never leaves a half-written PDF and never destroys the previous one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .errors import Problem, UserError, display_path


def prepare_folder(folder: Path) -> Path:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise UserError([Problem(display_path(folder), 0, "--output", "exists and is not a folder")]) from None
    except OSError as exc:
        reason = exc.strerror or exc
        raise UserError([Problem(display_path(folder), 0, "--output", f"cannot create the output folder ({reason})")]) from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UserError([Problem(display_path(folder), 0, "--output", "the output folder cannot be written to (permission denied)")])
    return folder


def check_targets(targets: Iterable[Path], inputs: Iterable[Path]) -> None:
    """Refuse to write over an input file, or twice to the same file."""
    protected = {_real(p) for p in inputs if p is not None}
    seen: dict[Path, Path] = {}
    problems = []
    for target in targets:
        real = _real(target)
        if real in protected:
            problems.append(Problem(display_path(target), 0, "--output", "is one of the input files; choose another output folder"))
        if real in seen:
            problems.append(Problem(display_path(target), 0, "--output", "would be written twice in one run"))
        seen[real] = target
    if problems:
        raise UserError(problems)


def _real(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path.absolute()


def write_atomic(target: Path, data: bytes, *, sync: bool = True) -> Path:
    """Write ``data`` to ``target`` all at once. A symlink at ``target`` is replaced, never followed.

    ``sync=False`` skips forcing the data to disk first, for files that are cheap to lose (the cache).
    """
    folder = target.parent
    descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".part")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            if sync:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return target


def write_all(files: dict[Path, bytes], inputs: Iterable[Path]) -> list[Path]:
    """Write several finished documents; nothing is written if any target is refused."""
    check_targets(files, inputs)
    written = []
    for target, data in files.items():
        try:
            written.append(write_atomic(target, data))
        except OSError as exc:
            raise UserError([Problem(display_path(target), 0, "--output", f"cannot be written ({exc.strerror or exc})")]) from None
    return written
