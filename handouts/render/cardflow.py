"""Cards flowing onto pages: a group of cards done in one position fills the room left on a page.

A group (its heading, then its cards) continues on the same page as whatever comes before it: it
puts as many of its cards on this page as fit (each card's picture may shrink to fit the room left),
and the rest follow on the next. Its heading travels with its first card, so a heading is never
alone at the foot of a page. Where the order of the cards within a group is free (region handouts),
a later card that fits the room left comes forward rather than leave the page half empty.
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

from reportlab.platypus import Flowable

from .cardchoice import SLOT_SCALES
from .flowables import draw_stack
from .page import PageState
from .para import laid_out

BIG = 1e6
FULLEST_LOOK = 12  # the cards of a group (from its first) among which a fuller page is looked for


def cards_in(unit: Flowable) -> int:
    return int(getattr(unit, "cards", 0))


class CardStack(Flowable):
    """A heading (or none) and cards (or rows of cards) one under another, never split."""

    def __init__(self, units: list[Flowable], gap: float, heading: list[Flowable] | None = None):
        super().__init__()
        self.units = units
        self.gap = gap
        self.heading = heading or []  # a position heading, or a section's title and introduction
        self.cards = sum(cards_in(u) for u in units)
        self.outlines = [u.outline for u in units if getattr(u, "outline", None) is not None]
        self.placed: list[tuple[Flowable, float]] = []  # each unit and its height
        self._heading_heights: dict[float, float] = {}

    def heading_height(self, width: float) -> float:
        """The height of the heading at ``width`` (asked for at every step of the page flow: found once)."""
        found = self._heading_heights.get(width)
        if found is None:
            found = self._heading_heights[width] = self._measure_heading(width)
        return found

    def _measure_heading(self, width: float) -> float:
        total = 0.0
        for index, item in enumerate(self.heading):
            total += laid_out(item, width)[1] + (item.getSpaceBefore() if index else 0.0) + item.getSpaceAfter()
        return total

    def getSpaceBefore(self) -> float:
        return self.heading[0].getSpaceBefore() if self.heading else 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        used = self.heading_height(availWidth)
        self.placed = []
        for index, unit in enumerate(self.units):
            used += self.gap if index else 0.0
            _, h = unit.wrap(availWidth, availHeight - used)
            self.placed.append((unit, h))
            used += h
        self.width, self.height = availWidth, used
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        top = draw_stack(self.canv, self.heading, self.width, self.height)
        for index, (unit, h) in enumerate(self.placed):
            top -= self.gap if index else 0.0
            unit.drawOn(self.canv, 0, top - h)
            top -= h


class CardGroup(CardStack):
    """A position group that splits between its cards: what fits here, the rest on the next page.

    ``per_page`` caps the cards on one page (the layout's ``cards.per_page``); the count of cards
    already on the page comes from the document's :class:`PageState`. When one card more would fit
    if the cards on the page gave up some of their picture (never below the smallest allowed), they
    do: two shorter pictures rather than a half-empty page. ``follower`` is the group printed next,
    so that the last cards of this group make room for the first of the next one too.
    """

    def __init__(self, units: list[Flowable], gap: float, page: PageState, per_page: int, *,
                 heading: list[Flowable] | None = None, reorder: bool = False, follower: CardGroup | None = None):
        super().__init__(units, gap, heading)
        self.page = page
        self.per_page = per_page
        self.reorder = reorder
        self.follower = follower
        self.continued = False  # the rest of a group split here: a card's gap above it if it stays on this page

    def getSpaceBefore(self) -> float:
        if self.continued and not self.heading:
            return self.gap  # (dropped at the top of a page, like any space before)
        return super().getSpaceBefore()

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        taken = self._take(availWidth, availHeight)
        width, height = super().wrap(availWidth, availHeight)
        if self.page.cards + self.cards > self.per_page or len(taken) < len(self.units):
            height = max(height, availHeight + 1)  # not all of it goes on this page: it must split
        self.height = height
        return width, height

    def _take(self, width: float, room: float) -> list[Flowable]:
        """The units that go on this page, in the order they are printed (their plans chosen)."""
        for unit in self.units:
            release(unit)
        allowed = self.per_page - self.page.cards
        left = list(self.units)
        taken: list[Flowable] = []
        used = self.heading_height(width)
        while left:
            candidates = left if self.reorder else left[:1]
            gap = self.gap if taken else 0.0
            fitting = None
            for unit in candidates:
                if cards_in(unit) > allowed:
                    continue
                _, h = unit.wrap(width, room - used - gap)
                if used + gap + h <= room:
                    fitting = unit
                    break
            if fitting is None and taken:
                fitting = self._squeeze(taken, [u for u in candidates if cards_in(u) <= allowed], width, room)
            if fitting is None:
                break
            taken.append(fitting)
            left.remove(fitting)
            allowed -= cards_in(fitting)
            used = self.heading_height(width) + sum(u.height for u in taken) + self.gap * (len(taken) - 1)
        fuller = self._fullest(width, room, self.per_page - self.page.cards, len(taken)) if self.reorder else None
        if fuller is not None:
            taken = self._take_these(fuller, width, room)
            left = [u for u in self.units if u not in taken]
            allowed = self.per_page - self.page.cards - sum(cards_in(u) for u in taken)
        if not taken and self.page.empty and not self.heading:
            taken = self.units[:1]  # a card too tall for an empty page: printed as it is, and reported
        elif taken and not left and self.follower is not None:
            self._make_room_for_follower(taken, width, room, allowed)
        return taken

    def _fullest(self, width: float, room: float, allowed: int, taken: int) -> list[Flowable] | None:
        """More cards than the ``taken`` that one pass in order puts here, when some other choice of the
        group's cards fits this page (the first such choice in the group's order); None: none does.

        Only for three places a page or more: with two, taking the first card that fits and then the
        next that fits the room left already puts two on a page wherever any two fit.
        """
        if allowed < 3 or len(self.units) <= taken:
            return None
        head = self.heading_height(width)
        units = self.units[:FULLEST_LOOK]
        before = [getattr(u, "forced", None) for u in self.units]
        for unit in units:
            release(unit)
        heights = [unit.wrap(width, room - head)[1] for unit in units]
        for count in range(min(allowed, len(units)), taken, -1):
            for chosen in combinations(range(len(units)), count):
                if sum(cards_in(units[i]) for i in chosen) > allowed:
                    continue
                if head + sum(heights[i] for i in chosen) + self.gap * (count - 1) <= room:
                    return [units[i] for i in chosen]
        for unit, plan in zip(self.units, before, strict=True):  # none: the cards keep the plans they had
            if hasattr(unit, "forced"):
                unit.forced = plan
        return None

    def _take_these(self, chosen: list[Flowable], width: float, room: float) -> list[Flowable]:
        """``chosen`` placed in their order, each with its plan for the room it leaves; the first that
        does not fit after all ends the page."""
        taken: list[Flowable] = []
        used = self.heading_height(width)
        for unit in chosen:
            gap = self.gap if taken else 0.0
            _, h = unit.wrap(width, room - used - gap)
            if used + gap + h > room:
                break
            taken.append(unit)
            used += gap + h
        return taken

    def _squeeze(self, taken: list[Flowable], candidates: list[Flowable], width: float, room: float,
                 after: float = 0.0) -> Flowable | None:
        """The first candidate that fits after ``taken`` when all of them keep as much of their
        pictures as lets them fit (the same share for each); their plans are then fixed."""
        head = self.heading_height(width)
        least = self.gap * len(taken) + after + head + sum(floor(u, width) for u in taken)
        for unit in candidates:
            if least + floor(unit, width) > room:
                continue  # (not even its text fits: no share of the pictures would do)
            for level in SLOT_SCALES:
                plans = [squeezed(u, width, level) for u in (*taken, unit)]
                if any(plan is None for plan in plans):
                    continue
                total = head + sum(plan.height for plan in plans if plan is not None) + self.gap * len(taken)
                if total + after <= room:
                    for u, plan in zip((*taken, unit), plans, strict=True):
                        force(u, plan)
                    return unit
        return None

    def _make_room_for_follower(self, taken: list[Flowable], width: float, room: float, allowed: int) -> None:
        """The next group's heading and first card fit under this group's cards if these give up some
        of their picture: they do, rather than leave the foot of the page empty."""
        follower = self.follower
        assert follower is not None
        used = self.heading_height(width) + sum(u.height for u in taken) + self.gap * (len(taken) - 1)
        space = follower.getSpaceBefore() if follower.heading else follower.gap
        head = follower.heading_height(width)
        candidates = [u for u in (follower.units if follower.reorder else follower.units[:1]) if cards_in(u) <= allowed]
        for unit in candidates:
            left = room - used - space - head
            if unit.wrap(width, left)[1] <= left:
                return  # it fits as it is
        before = [getattr(u, "forced", None) for u in taken]
        for unit in candidates:
            for level in SLOT_SCALES:
                plan = squeezed(unit, width, level)
                if plan is not None and self._squeeze(taken[:-1], [taken[-1]], width, room,
                                                      after=space + head + plan.height) is not None:
                    release(unit)  # the follower chooses its own plan for the room left
                    return
        for unit, plan in zip(taken, before, strict=True):  # no room to make: each card as it was
            if hasattr(unit, "forced"):
                unit.forced = plan

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        taken = self._take(availWidth, availHeight)
        if not taken and self.page.empty and self.heading:  # no card fits under its heading on a whole page
            return [CardStack([], self.gap, self.heading),
                    CardGroup(self.units, self.gap, self.page, self.per_page, reorder=self.reorder,
                              follower=self.follower)]
        if not taken:
            if not self.page.empty and self.page.cards < self.per_page:
                self.page.card_moved_on()
            return []  # nothing fits: the whole group goes to the next page, heading and all
        rest = [u for u in self.units if u not in taken]
        here = CardStack(taken, self.gap, self.heading)
        if not rest:
            return [here]
        following = CardGroup(rest, self.gap, self.page, self.per_page, reorder=self.reorder, follower=self.follower)
        following.continued = True
        return [here, following]


def squeezed(unit: Flowable, width: float, level: float) -> Any:
    """A card's shortest plan keeping ``level`` of its picture, or None when it cannot give any up."""
    method = getattr(unit, "squeezed", None)
    return method(width, level) if method is not None else None


def floor(unit: Flowable, width: float) -> float:
    """The least height a card could take at ``width`` (0 for what is not a card)."""
    method = getattr(unit, "floor", None)
    return float(method(width)) if method is not None else 0.0


def force(unit: Flowable, plan: Any) -> None:
    unit.forced = plan


def release(unit: Flowable) -> None:
    if hasattr(unit, "forced"):
        unit.forced = None


def outlines_of(flowable: Any) -> list[Any]:
    """The bookmarks a placed flowable carries: its own, or its cards'."""
    own = getattr(flowable, "outline", None)
    return [own] if own is not None else list(getattr(flowable, "outlines", ()))
