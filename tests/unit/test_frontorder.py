"""The order of the opening boxes (render/frontorder.py): laid out as a frame would, the fullest pages chosen."""

from __future__ import annotations

from reportlab.platypus import Flowable

from handouts.render.flowables import Gap
from handouts.render.frontorder import FrontMatter, Pages, paginate
from handouts.render.page import PageState

from .fixed import Fixed

FRAME = 600.0


class Block(Fixed):
    """A box of a fixed height that never splits (the warning signs, the key to the pictures)."""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []


class Points(Block):
    """A box of points of these heights that splits between them (the safety guidance); what it continues
    in carries a heading of ``heading`` points."""

    def __init__(self, heights: list[float], heading: float = 30.0):
        super().__init__(heading + sum(heights))
        self.heights, self.heading = heights, heading

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        used, keep = self.heading, 0
        while keep < len(self.heights) and used + self.heights[keep] <= availHeight:
            used += self.heights[keep]
            keep += 1
        if keep in (0, len(self.heights)):
            return []
        return [Points(self.heights[:keep], self.heading), Points(self.heights[keep:], self.heading)]


def page(empty: bool = False) -> PageState:
    state = PageState()
    state.empty = empty
    return state


def test_blocks_fill_the_page_and_a_gap_never_starts_one():
    gap = Gap(10, page())
    assert paginate([Block(300), gap, Block(280), gap], 500, FRAME, FRAME, True) == Pages(0, 0, 0.0)
    # the second block does not fit the 290 left: the page ends 50% full, a short page
    assert paginate([Block(300), gap, Block(300), gap], 500, FRAME, FRAME, True) == Pages(1, 1, 290.0)
    # a gap at the foot of the page takes only the room left, and none at the top of a page
    assert paginate([Block(595), gap, Block(600)], 500, FRAME, FRAME, True) == Pages(0, 1, 0.0)


def test_a_box_of_points_splits_between_them():
    # 30 + 3 x 100 fit the 350 left; the last 100 and a heading start the next page
    assert paginate([Points([100] * 4)], 500, 350, FRAME, False) == Pages(0, 1, 470.0)
    # nothing of it fits the 100 left of a page 5/6 full: it all starts the next page
    assert paginate([Points([100] * 4)], 500, 100, FRAME, False) == Pages(0, 1, 170.0)


def test_a_box_taller_than_a_page_splits_on_an_empty_page_and_one_that_cannot_is_placed_whole():
    """As a frame does: the booklet's list of exercises, three pages long, is measured page by page (before,
    a block taller than a page was placed whole on an empty page, split or not, and the rest measured as
    one page)."""
    # 30 + 5 x 100 fill the first page; 30 + 3 x 100 the second, which ends with 270 left
    assert paginate([Points([100] * 8)], 500, FRAME, FRAME, True) == Pages(0, 1, 270.0)
    assert paginate([Block(700)], 500, FRAME, FRAME, True) == Pages(0, 0, -100.0)


def order(front: FrontMatter, room: float) -> list[str]:
    names = {id(front.warnings): "warnings", id(front.safety): "safety", id(front.legend): "key"}
    return [names.get(id(item), type(item).__name__) for item in front.split(500, room) if not isinstance(item, Gap)]


def test_the_warning_signs_come_first_when_they_fit():
    state = page()
    front = FrontMatter(Block(250), Points([60] * 4), Block(100), Gap(10, state), state, FRAME)
    assert order(front, 300) == ["warnings", "safety", "key"]


def test_the_safety_guidance_fills_the_foot_of_a_page_the_warning_signs_do_not_fit():
    state = page()
    front = FrontMatter(Block(250), Points([60] * 4), Block(100), Gap(10, state), state, FRAME)
    # 30 + 2 x 60 of the guidance here, its rest, the warning signs and the key on the next page
    assert order(front, 200) == ["Points", "Points", "warnings", "key"]


def test_no_page_is_left_half_empty_before_the_warning_signs():
    """As in large print: the rest of the safety guidance (half a page) and the warning signs (more than half
    of one) do not share a page, so the warning signs start the next page and the guidance follows them."""
    state = page()
    front = FrontMatter(Block(330), Points([70] * 6), Block(210), Gap(12, state), state, FRAME)
    assert front.split(500, 200) == []  # nothing starts on this page (2/3 full): the order is chosen again
    state.empty = True
    assert order(front, FRAME) == ["warnings", "safety", "key"]


def test_the_key_fills_the_foot_of_a_page_the_warning_signs_do_not_fit():
    """Half a page is left, the warning signs are taller, and the safety guidance started there would leave
    the next page a quarter full: the key to the pictures fills this page's foot instead."""
    state = page()
    front = FrontMatter(Block(440), Points([67] * 6), Block(210), Gap(12, state), state, FRAME)
    assert order(front, 320) == ["key", "warnings", "safety"]
