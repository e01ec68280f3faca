"""Reading the files a clinic names: regular files only, never more than a limit.

A path in a YAML file or on the command line may name a device (``/dev/zero``), a named pipe, a
socket, a folder or a symbolic link that loops. Their size says nothing (it is 0 for a device), and
reading them blocks forever or never ends. So every input file is opened without blocking, checked
to be a regular file on the open descriptor (not on the name, which may change in between), and read
with a bounded read: at most the limit plus one byte, whatever the file claims to hold.

The reasons are phrases to put after the path in a message: ``"logo.png" is a named pipe (FIFO), not
a regular file``.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

_CHUNK = 1 << 20


class NotReadable(Exception):
    """Why a path cannot be read, as a phrase that follows the path in a message."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _kind(mode: int) -> str | None:
    """Why a file of this mode is not read, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO), not a regular file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a regular file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a regular file"
    return "is not a regular file"


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ENOENT:
        return "not found"
    if exc.errno == errno.ELOOP:
        return "is a symbolic link that loops (it leads back to itself); point it at a real file"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "cannot be read (permission denied)"
    if exc.errno == errno.ENOTDIR:
        return "not found (a folder on its way is a file)"
    if exc.errno == errno.EISDIR:
        return "is a folder, not a file"
    return f"cannot be read ({exc.strerror or exc})"


def not_regular(path: Path) -> str | None:
    """Why ``path`` is not an existing regular file (following symbolic links), or None when it is one."""
    try:
        return _kind(os.stat(path).st_mode)
    except OSError as exc:
        return _os_reason(exc)
    except ValueError:  # a NUL byte in the name
        return "not found"


def resolved(path: Path) -> Path:
    """``path`` made absolute with its symbolic links followed; a loop is NotReadable, not a RuntimeError."""
    try:
        return path.resolve()
    except RuntimeError:  # Python before 3.13 reports a symlink loop this way
        raise NotReadable(_os_reason(OSError(errno.ELOOP, "loop"))) from None
    except OSError as exc:
        raise NotReadable(_os_reason(exc)) from None


def real(path: Path) -> Path:
    """``path`` with its links followed where they lead somewhere, for comparing paths; never raises."""
    try:
        return resolved(path)
    except NotReadable:
        return path.absolute()


def read_bounded(path: Path, limit: int, *, too_large: str = "") -> bytes:
    """The bytes of the regular file ``path``, or NotReadable; more than ``limit`` bytes is refused
    (``too_large`` is added to that message: what to do instead)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as exc:
        raise NotReadable(_os_reason(exc)) from None
    except ValueError:
        raise NotReadable("not found") from None
    try:
        reason = _kind(os.fstat(descriptor).st_mode)
        if reason is not None:
            raise NotReadable(reason)
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(descriptor, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise NotReadable(_os_reason(exc)) from None
    finally:
        os.close(descriptor)
    if total > limit:
        raise NotReadable(f"is over {limit:,} bytes" + (f"; {too_large}" if too_large else ""))
    return b"".join(chunks)
