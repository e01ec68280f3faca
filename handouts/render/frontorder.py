"""The order of a document's opening boxes: the warning signs, the safety guidance and the key to the pictures.

The warning signs box is never split; the safety guidance splits between its points; the key to the
pictures is never split. Which of them comes first changes how full the opening pages are: with large
print, the warning signs fit neither under the key points nor under the rest of the safety guidance,
and a page was left half empty before them. :class:`FrontMatter` tries each order the reader can follow
on the pages it is about to fill (:func:`paginate`, as a frame fills them) and takes the one that ends on
the earliest page, then leaves the fewest pages under 60%, then comes first in its preference.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from reportlab.platypus import Flowable

from .flowables import Gap
from .page import PageState

FULL_ENOUGH = 0.6  # a page before the last filled less than this is wasted paper (tests/test_paper.py)
_FUZZ = 1e-6  # as ReportLab's frame: a flowable this much taller than the room still fits


def full_enough(frame: float, room: float) -> bool:
    """Whether a page of height ``frame`` with ``room`` left is filled at least :data:`FULL_ENOUGH`."""
    return (frame - room) / frame >= FULL_ENOUGH


class Pages(NamedTuple):
    """What a sequence of blocks does to the pages it fills: how many of the pages it finished are filled
    under :data:`FULL_ENOUGH`, how many pages it finished (it ends on the next one), and the room it leaves
    on the page it ends on."""

    short: int
    breaks: int
    room: float


def paginate(items: list[Flowable], width: float, room: float, frame: float, empty: bool) -> Pages:
    """Lay ``items`` out as a frame of height ``frame`` would, from a page with ``room`` left (``empty``:
    nothing drawn on it yet): a block that does not fit splits when it can, else starts the next page; a
    :class:`.Gap` is at most the room left and vanishes at the top of a page."""
    short = breaks = 0
    queue = list(items)
    while queue:
        item = queue.pop(0)
        if isinstance(item, Gap):
            if not empty:
                room -= min(item.gap, max(0.0, room))
            continue
        height = item.wrap(width, room)[1]
        if height <= room + _FUZZ:
            room -= height
            empty = False
            continue
        parts = item.split(width, room)
        if parts:
            first, *rest = parts
            room -= first.wrap(width, room)[1]
            queue[0:0] = rest
        elif empty:  # a block taller than a whole page that cannot split is placed, as it is, there
            room -= height
            empty = False
            continue
        else:
            queue.insert(0, item)
        short += not full_enough(frame, room)
        breaks += 1
        room, empty = frame, True
    return Pages(short, breaks, room)


class FrontMatter(Flowable):
    """The warning signs, the safety guidance (``safety``: splits between its points) and the key to the
    pictures (``legend``), in the order that fills the pages best.

    Preferred, in this order: the warning signs first when they fit what is left of the page (they
    matter most), else the safety guidance first, which fills the foot of the page; then the key to
    the pictures first, before either (it fills the foot of a page that the warning signs do not fit).
    Each block is followed by ``gap``. The frame's height is ``frame``.
    """

    def __init__(self, warnings: Flowable, safety: Flowable, legend: Flowable | None, gap: Gap,
                 page: PageState, frame: float):
        super().__init__()
        self.warnings, self.safety, self.legend = warnings, safety, legend
        self.gap = gap
        self.page = page
        self.frame = frame

    def orders(self, fits: bool) -> list[list[Flowable]]:
        """The orders tried, the preferred first (``fits``: the warning signs fit what is left of the page)."""
        w, s, key = self.warnings, self.safety, self.legend
        tails = [[w, s], [s, w]] if fits else [[s, w], [w, s]]
        orders = [[*tail, key] for tail in tails] + [[key, w, s], [key, s, w]] if key is not None else tails
        return [[part for block in order for part in (block, self.gap)] for order in orders]

    def _fewest_breaks(self, width: float, room: float) -> int:
        """The fewest pages any order can finish: its blocks' heights together, less the ``room`` left, in whole
        frames (a split only adds a heading). -1 when a block is taller than a frame (it overflows its page)."""
        heights = [block.wrap(width, self.frame)[1] for block in (self.warnings, self.safety, self.legend) if block]
        if max(heights) > self.frame:
            return -1
        return max(0, math.ceil((sum(heights) - room) / self.frame - 1e-9))

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, self.height = availWidth, availHeight + 1  # never placed itself: always split in order
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        fits = self.warnings.wrap(availWidth, availHeight)[1] <= availHeight
        orders = self.orders(fits)
        best = orders[0]
        preferred = paginate(best, availWidth, availHeight, self.frame, self.page.empty)
        if preferred.short or preferred.breaks > self._fewest_breaks(availWidth, availHeight):  # else none is better
            outcome = [preferred] + [paginate(order, availWidth, availHeight, self.frame, self.page.empty)
                                 for order in orders[1:]]
            best = orders[min(range(len(orders)), key=lambda i: (outcome[i].breaks, outcome[i].short, i))]
        first, *rest = best
        if first.wrap(availWidth, availHeight)[1] <= availHeight + _FUZZ:
            return best
        # ReportLab places the first of what a split returns as it is: the first block's part that fits here;
        # when none does, the order is chosen again at the top of the next page
        parts = first.split(availWidth, availHeight)
        return [*parts, *rest] if parts else []
