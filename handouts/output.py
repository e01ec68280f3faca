"""Writing output safely: complete files only, never an input, never through a symlink.

Every file any command writes (PDFs, the contact sheet, JSON Schemas, a starter clinic profile, disk-cache
entries) goes through :func:`write_atomic`: to a temporary file in the target's folder, renamed into place
only when it is complete, so a crash, Ctrl-C or a full disk never leaves a half-written file and never
destroys the previous one. :func:`write_all` writes several files all or nothing and turns a full or
read-only disk into a one-line error.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterable
from pathlib import Path

from .errors import Problem, UserError, display_path
from .files import real


def write_reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno == errno.EROFS:
        return "the disk is read-only"
    if exc.errno == errno.EDQUOT:
        return "the disk quota is used up"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return str(exc.strerror or exc)


def _read_only(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        return False


def prepare_folder(folder: Path, field: str = "--output") -> Path:
    """``folder``, created if need be, or a clean error when it cannot hold our files."""
    what = "the output folder" if field == "--output" else "the folder"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise UserError([Problem(display_path(folder), 0, field, "exists and is not a folder")]) from None
    except OSError as exc:
        raise UserError([Problem(display_path(folder), 0, field, f"cannot create {what} ({write_reason(exc)})")]) from None
    if _read_only(folder):
        raise UserError([Problem(display_path(folder), 0, field, f"{what} is on a read-only disk")])
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UserError([Problem(display_path(folder), 0, field, f"{what} cannot be written to (permission denied)")])
    return folder


def check_targets(targets: Iterable[Path], inputs: Iterable[Path]) -> None:
    """Refuse to write over an input file, or twice to the same file."""
    protected = {real(p) for p in inputs if p is not None}
    seen: dict[Path, Path] = {}
    problems = []
    for target in targets:
        resolved = real(target)
        if resolved in protected:
            problems.append(Problem(display_path(target), 0, "--output", "is one of the input files; choose another output folder"))
        if resolved in seen:
            problems.append(Problem(display_path(target), 0, "--output", "would be written twice in one run"))
        seen[resolved] = target
    if problems:
        raise UserError(problems)


_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)  # (O_BINARY: Windows, bytes as they are)


def _temporary(target: Path) -> str:
    """A new name for a temporary file beside ``target`` (as long as tempfile's: a long file name still fits)."""
    return os.path.join(target.parent, f".{target.name}.{_random_part()}.part")


def _random_part() -> str:
    return os.urandom(4).hex()  # (not the secrets module: it would load OpenSSL at start-up, 3 ms of a cold run)


def _stage(target: Path, data: bytes, *, sync: bool, staged: dict[Path, str]) -> str:
    """``data`` in a complete temporary file beside ``target`` (mode 644); its name, which is in ``staged`` (under
    ``target``) from before the file exists, so that an interruption at any moment (Ctrl-C between the file's
    creation and its first byte) leaves nothing the caller cannot remove. A name already taken (someone else's
    file, left as it is) is replaced by another."""
    while True:
        temporary = staged[target] = _temporary(target)
        try:
            descriptor = os.open(temporary, _CREATE, 0o600)
        except FileExistsError:
            continue
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
        break
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            if sync:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(temporary, 0o644)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return temporary


def write_atomic(target: Path, data: bytes, *, sync: bool = True) -> Path:
    """Write ``data`` to ``target`` all at once. A symlink at ``target`` is replaced, never followed.

    ``sync=False`` skips forcing the data to disk first, for files that are cheap to lose (the cache).
    Raises OSError; :func:`write_all` is the user-facing way that turns it into a clean message.
    """
    staged: dict[Path, str] = {}
    try:
        os.replace(_stage(target, data, sync=sync, staged=staged), target)
    except BaseException:
        for temporary in staged.values():
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        raise
    return target


def write_all(files: dict[Path, bytes], inputs: Iterable[Path] = (), *, create_only: bool = False,
              field: str = "--output") -> list[Path]:
    """Write several finished files, all or nothing: each is staged completely before any is renamed into
    place, so a full or read-only disk leaves every earlier file as it was and no temporary file behind.
    With ``create_only``, a file that already exists is never replaced: the whole write is refused.
    Folders it has to create are removed again when the write fails."""
    check_targets(files, inputs)
    if create_only:
        existing = [Problem(display_path(t), 0, "", "already exists; it was not changed (choose another folder)")
                    for t in files if os.path.lexists(t)]
        if existing:
            raise UserError(existing)
    created: list[Path] = []
    staged: dict[Path, str] = {}
    current = next(iter(files), Path("."))
    try:
        for current in files:
            for folder in reversed([current.parent, *current.parent.parents]):
                if not folder.exists():
                    folder.mkdir()
                    created.append(folder)
        for current, data in files.items():
            _stage(current, data, sync=True, staged=staged)
        for current, temporary in staged.items():
            os.replace(temporary, current)
    except OSError as exc:
        for temporary in staged.values():
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        for folder in reversed(created):
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise UserError([Problem(display_path(current), 0, field, f"cannot be written ({write_reason(exc)})")]) from None
    except BaseException:  # Ctrl-C: the files not yet in place are not left half-made
        for temporary in staged.values():
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        raise
    return list(files)
