"""The command-line process itself: its standard streams and its signals.

* **Streams.** A closed standard stream (``>&-``) is reopened on the null device, so no file we open can
  take its number and receive our messages. Writing to a full or broken stdout (``>/dev/full``, a closed
  pipe) never raises in the middle of a command: the failure is remembered, and the command ends with one
  line on stderr and exit code 1 once its files are written.
* **Signals.** Ctrl-C (SIGINT) and SIGTERM raise :class:`Interrupted` in the main process, which is not a
  ``KeyboardInterrupt`` (so click does not turn it into "Aborted!"): files being written are removed as the
  exception unwinds, and the command exits with 128 + the signal number (130, 143). Batch workers ignore
  SIGINT (the parent stops them) and leave quietly on SIGTERM (:func:`worker_signals`).
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import sys
from collections.abc import Iterator
from types import FrameType
from typing import Any


class Interrupted(BaseException):
    """Ctrl-C or SIGTERM, raised where the main process was."""

    def __init__(self, signum: object = None):
        # ReportLab re-raises an exception from a page callback as type(exc)(message): keep the signal anyway
        super().__init__(signum)
        self.signum = signum if isinstance(signum, int) else _RECEIVED[-1]

    @property
    def exit_code(self) -> int:
        return 128 + self.signum

    @property
    def what(self) -> str:
        return "Ctrl-C" if self.signum == signal.SIGINT else signal.Signals(self.signum).name


_RECEIVED: list[int] = [signal.SIGINT]


def _raise_interrupted(signum: int, frame: FrameType | None) -> None:
    _RECEIVED.append(signum)
    raise Interrupted(signum)


def catch_signals() -> None:
    """Ctrl-C and SIGTERM raise Interrupted from now on (main thread only)."""
    signal.signal(signal.SIGINT, _raise_interrupted)
    signal.signal(signal.SIGTERM, _raise_interrupted)


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait while a clean-up runs (they are acted on once it is done)."""
    held: list[int] = []
    saved: dict[int, Any] = {sig: signal.signal(sig, lambda signum, frame: held.append(signum)) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)
        if held and callable(saved[held[0]]):
            saved[held[0]](held[0], None)


def _leave(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)  # unwinds (a file being written is removed), no traceback in a worker


def worker_signals() -> None:
    """In a batch worker: Ctrl-C at the terminal is for the parent, which stops the workers with SIGTERM."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _leave)


class _Guarded(io.RawIOBase):
    """A standard stream's file descriptor whose write errors are remembered instead of raised."""

    def __init__(self, fd: int):
        super().__init__()
        self.fd = fd
        self.error: OSError | None = None

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.fd

    def isatty(self) -> bool:
        try:
            return os.isatty(self.fd)
        except OSError:
            return False

    def write(self, data: Any) -> int:
        view = memoryview(data)
        if self.error is None:
            try:
                done = 0
                while done < len(view):
                    done += os.write(self.fd, view[done:])
            except OSError as exc:
                self.error = exc
        return len(view)

    def close(self) -> None:  # the descriptor belongs to the process, never closed by us
        pass


_GUARDS: dict[str, _Guarded] = {}


def guard_streams() -> None:
    """Reopen closed standard streams on the null device and make stdout and stderr failure-safe."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
    for name, fd in (("stdout", 1), ("stderr", 2)):
        current = getattr(sys, name)
        guard = _Guarded(fd)
        stream = io.TextIOWrapper(io.BufferedWriter(guard), encoding=getattr(current, "encoding", None) or "utf-8",
                                  errors=getattr(current, "errors", None) or "backslashreplace",
                                  line_buffering=name == "stderr" or guard.isatty(), write_through=name == "stderr")
        _GUARDS[name] = guard
        setattr(sys, name, stream)


def stdout_failure() -> str | None:
    """Why what we printed on stdout was lost (a full disk, a closed pipe), after flushing; None if it was not."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    guard = _GUARDS.get("stdout")
    if guard is None or guard.error is None:
        return None
    from .output import write_reason

    return write_reason(guard.error)
