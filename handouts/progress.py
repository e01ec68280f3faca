"""Progress of a long batch when nobody watches a terminal (a log file, a pipe, a scheduled job).

A terminal gets click's progress bar. Anywhere else a bar is just noise, so a plain line is printed
at the start, then at most every few seconds, and at the end: enough to see a batch is alive and how
far it got, without thousands of lines.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO


class ProgressLines:
    def __init__(self, total: int, stream: TextIO, *, every: float = 5.0,
                 clock: Callable[[], float] = time.monotonic):
        self.total = total
        self.stream = stream
        self.every = every
        self.clock = clock
        self.started = clock()
        self.last = self.started
        self.done = 0
        self.failed = 0
        self._say(f"Printing {total} program{'s' if total != 1 else ''}")

    def _say(self, line: str) -> None:
        self.stream.write(line + "\n")
        self.stream.flush()

    def update(self, failed: bool = False) -> None:
        self.done += 1
        self.failed += failed
        now = self.clock()
        if self.done == self.total or now - self.last >= self.every:
            self.last = now
            failures = f" ({self.failed} failed)" if self.failed else ""
            self._say(f"{self.done} of {self.total} programs done{failures}, {now - self.started:.0f} s")
