"""A flowable of a fixed height, for the page-flow tests (a card, a box)."""

from __future__ import annotations

from reportlab.platypus import Flowable


class Fixed(Flowable):
    """A block of a fixed height at any width."""

    def __init__(self, height: float):
        super().__init__()
        self.fixed = height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, self.height = availWidth, self.fixed
        return self.width, self.height
