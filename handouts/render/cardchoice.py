"""Which layout of a card to print: chosen from its plans, for the room left on a page or its share of one.

A card's text never shrinks. To keep to its share of a page (``slots``), or to fit the room left on a
page rather than leave it empty, its picture may shrink to 60% of its size, never below 1.5 inches
along its longer side. A card taller than a whole page tries the other placement of its picture, then
a smaller picture, down to a readable size; if it still does not fit, it is reported.

A card alone on its page (the booklet: ``Limits.fill``) gets the largest picture that lets it fit the
page: every arrangement (picture above, with the dose panel beside it or after the text; picture on
the left) with its picture as tall as fits, up to the layout's limit; the one whose picture prints
largest wins.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..reuse import REUSE, Hashed
from .cardplan import BESIDE_PANEL, BIG, CardContent, CardPlan, CardStyle, Placement, Variant, plan_card, text_items_of
from .para import wrapped

SLOT_SCALES = (1.0, 0.9, 0.8, 0.7, 0.6, 0.5)
SLOT_PICTURE = 108.0  # points: 1.5 in, the smallest a shrunk picture gets along its longer side
MIN_PICTURE = 80.0  # points: below this a picture stops being useful (a card taller than a page)
HAIR = 0.5  # points of rounding a fit forgives
FILL_BESIDE = (BESIDE_PANEL, 12.0, 11.0, BIG)  # a card alone on its page: the dose panels beside a picture tried (BIG: after the text)
FLOOR_SLACK = 1.2  # text sizes: a line's height, the slack of a card's least height (CardChooser.floor)
FILL_STEPS = 10  # halvings of the picture's height range when it is fitted to a page (about 0.2 pt)

# Plans by value, shared by every card of the process with the same texts, styles, width and variant (the
# booklet lays itself out until its page numbers settle, and a batch prints the same cards again and again).
# A plan is never changed once made (its paragraphs are the shared wrapped ones), and plan_card is pure.
# 4,000: a booklet plans about 1,000 to 1,200 (English, Spanish); a batch, whose cards rarely repeat a dose and a
# number, gains little from more, and each plan keeps its wrapped paragraphs alive (memory, not speed).
_PLANS = REUSE.store("card plans", 4_000)


def content_key(content: CardContent) -> tuple[object, ...] | None:
    """What ``plan_card`` reads of a card's content, by value; None when a paragraph has no value key."""

    def keys(paras: tuple[object, ...]) -> tuple[object, ...] | None:
        found = tuple(None if para is None else getattr(para, "_key", None) for para in paras)
        return None if any(k is None and para is not None for k, para in zip(found, paras, strict=True)) else found

    groups = (keys((content.title, content.label, content.qr_caption, content.tick)), keys(content.head),
              keys(content.steps), keys(content.cautions), keys(content.dose))
    return None if any(group is None for group in groups) else (*groups, content.picture_aspect)


@dataclass(frozen=True)
class Limits:
    """What a card must keep to: a whole page's height, and the shares of a page it tries to keep to."""

    frame_height: float
    max_picture_height: float
    slots: tuple[float, ...] = ()  # smallest first: a third of a page, a half...
    fill: bool = False  # one card a page: its picture as large as the page allows (the booklet)


class CardChooser:
    """The plans of one card, made when first asked for (they never change), and the choice between them."""

    def __init__(self, content: CardContent, style: CardStyle, limits: Limits, *, break_words: bool = False):
        self.content = content
        self.style = style
        self.limits = limits
        self.break_words = break_words  # a last resort: a dose panel narrow enough to break a long word
        self._plans: dict[tuple[float, Variant], CardPlan] = {}
        key = content_key(content)
        self._shared = None if key is None else Hashed((key, style))  # this card's part of a shared plan's key
        # the answers below depend only on the plans, which never change: each is found once
        self._largest: dict[float, CardPlan | None] = {}
        self._shrunk: dict[tuple[float, float], CardPlan | None] = {}
        self._preferred: dict[float, CardPlan] = {}
        self._compact: dict[tuple[float, float], CardPlan | None] = {}
        self._chosen: dict[tuple[float, float], CardPlan] = {}
        self._floor: dict[float, float] = {}

    def plan(self, width: float, variant: Variant) -> CardPlan:
        key = (width, variant)
        found = self._plans.get(key)
        if found is None:
            shared = None if self._shared is None else (self._shared, width, variant)
            found = None if shared is None else _PLANS.get(shared)
            if found is None:
                found = plan_card(self.content, self.style, width, variant)
                if shared is not None:
                    _PLANS.put(shared, found)
            self._plans[key] = found
        return found

    def floor(self, width: float) -> float:
        """No plan of this card at ``width`` is shorter: its text (without the clinician's tick) one paragraph
        under another at the card's whole inner width, with the padding, less the gap a plan may end on and a
        line's slack (a paragraph is never shorter in a narrower column). A room lower than this is never
        worth planning for."""
        found = self._floor.get(width)
        if found is None:
            style = self.style
            _, items = text_items_of(self.content, style)
            inner = width - 2 * style.padding
            text = sum(gap + wrapped(para, inner)[1] for para, gap in items)
            found = self._floor[width] = text + 2 * style.padding - style.body_size * (1.5 * style.spacing + FLOOR_SLACK)
        return found

    def scaled(self, scale: float, placement: Placement | None = None) -> Variant:
        return Variant(placement or self.style.placement, scale, self.limits.max_picture_height * scale)

    def shrunk(self, width: float, scale: float) -> CardPlan | None:
        """The plan with the picture at ``scale``; None when that makes the picture smaller than allowed.

        A picture on the left shrinks with its column, or alone in a column that keeps its width
        (the dose panel under it wraps less): whichever makes the shorter card.
        """
        key = (width, scale)
        if key not in self._shrunk:
            self._shrunk[key] = self._shrink(width, scale)
        return self._shrunk[key]

    def _shrink(self, width: float, scale: float) -> CardPlan | None:
        plan = self.plan(width, self.scaled(scale))
        if scale < 1:
            kept = self.plan(width, Variant(plan.variant.placement, scale, plan.variant.picture_limit, keep_column=True))
            if kept.height < plan.height:
                plan = kept
        aspect = self.content.picture_aspect
        if aspect is not None and scale < 1 and plan.picture_box is not None:
            _, _, w, h = plan.picture_box
            if max(min(w, h * aspect), h) < SLOT_PICTURE:
                return None
        return plan

    def preferred(self, width: float) -> CardPlan:
        """The card's plan when the page has room for it.

        First its share of a page: the largest picture (down to 60%) that keeps the card within the
        smallest share it can reach, so that cards really share pages. A card that cannot keep to any
        share gets its full picture. A card taller than a whole page then tries the other placement,
        then a smaller picture (never smaller text), down to a readable size.
        """
        found = self._preferred.get(width)
        if found is None:
            found = self._preferred[width] = self._prefer(width)
        return found

    def _prefer(self, width: float) -> CardPlan:
        if self.limits.fill and self.content.picture_aspect is not None:
            largest = self.largest(width)
            if largest is not None:
                return largest
        slots = self.limits.slots
        if slots and self.content.picture_aspect is not None:
            reached: list[CardPlan] = []
            for scale in SLOT_SCALES:
                plan = self.shrunk(width, scale)
                if plan is None:
                    break
                if plan.height <= slots[0] + HAIR:
                    return plan
                reached.append(plan)
            for share in slots[1:]:
                for plan in reached:
                    if plan.height <= share + HAIR:
                        return plan
        return self.whole_page(width)

    def drawn_size(self, plan: CardPlan) -> tuple[float, float]:
        """The width and height the picture prints at (it keeps its shape inside its box); (0, 0) without one."""
        aspect = self.content.picture_aspect
        if plan.picture_box is None or aspect is None:
            return 0.0, 0.0
        _, _, w, h = plan.picture_box
        drawn_w = min(w, h * aspect)
        return drawn_w, drawn_w / aspect

    def picture_area(self, plan: CardPlan) -> float:
        """The area the picture prints at."""
        w, h = self.drawn_size(plan)
        return w * h

    def largest(self, width: float) -> CardPlan | None:
        """The plan that fits a whole page with the largest picture (None: no arrangement fits with a
        picture of at least the smallest allowed size; the card then takes :meth:`whole_page`'s way)."""
        if width not in self._largest:  # asked for at every layout pass: found once for each width
            self._largest[width] = self._find_largest(width)
        return self._largest[width]

    def _find_largest(self, width: float) -> CardPlan | None:
        frame = self.limits.frame_height
        aspect = self.content.picture_aspect or 1.0
        floor = min(MIN_PICTURE, SLOT_PICTURE / aspect) if aspect > 1 else MIN_PICTURE
        top = self.limits.max_picture_height
        first = self.style.placement if self.style.placement in ("left", "above") else "above"
        arrangements = [Variant("above", 1.0, top, beside=beside) for beside in FILL_BESIDE]
        arrangements.insert(0 if first == "left" else len(arrangements), Variant("left", 1.0, top))
        best: CardPlan | None = None
        for arrangement in arrangements:
            plan = self.plan(width, arrangement)
            if plan.height > frame:
                low, high = floor, top
                plan = self.plan(width, arrangement._replace(picture_limit=low))
                if plan.height > frame:
                    continue
                for _ in range(FILL_STEPS):  # the tallest picture limit that fits
                    middle = (low + high) / 2
                    trial = self.plan(width, arrangement._replace(picture_limit=middle))
                    if trial.height <= frame:
                        low, plan = middle, trial
                    else:
                        high = middle
            if self.picture_side_ok(plan) and (best is None or self.picture_area(plan) > self.picture_area(best) + 1.0):
                best = plan
        return best

    def picture_side_ok(self, plan: CardPlan) -> bool:
        """The picture keeps the smallest size a card alone on a page allows: 1.5 inches along its longer side."""
        return max(self.drawn_size(plan)) >= SLOT_PICTURE - HAIR

    def whole_page(self, width: float) -> CardPlan:
        """The full picture; for a card taller than a page, the placement and picture size that fit one:
        each placement with its picture less tall, then in a narrower column (more room for the text).
        If none fits, the shortest (it is then reported)."""
        frame = self.limits.frame_height
        first = self.style.placement
        placements: list[Placement] = [first]
        if self.content.picture_aspect is not None:
            placements += [p for p in ("left", "above") if p != first]
        aspect = self.content.picture_aspect or 1.0
        # the smallest a picture gets: 80 pt tall, or for a wide one 1.5 in wide (a dose panel may then fit beside it)
        floor = min(MIN_PICTURE, SLOT_PICTURE / aspect) if aspect > 1 else MIN_PICTURE
        tried: list[CardPlan] = []
        for placement in placements:  # the full picture in any placement, before a smaller one in the first
            plan = self.plan(width, Variant(placement, 1.0, self.limits.max_picture_height))
            if plan.height <= frame + HAIR:
                return plan
        for placement in placements:
            variant = Variant(placement, 1.0, self.limits.max_picture_height)
            plan = self.plan(width, variant)
            while plan.height > frame + HAIR and plan.picture_box is not None and variant.picture_limit > floor:
                limit = max(floor, min(plan.picture_box[3] - (plan.height - frame) - 1, variant.picture_limit - 4))
                variant = Variant(placement, 1.0, limit)
                plan = self.plan(width, variant)
            if plan.height <= frame + HAIR:
                return plan
            tried.append(plan)
        for whole_words in (True, False) if self.break_words else (True,):
            for placement in placements:
                for scale in SLOT_SCALES[1:]:
                    for keep, roomy in ((False, True), (True, True), (False, False)):
                        limit = self.limits.max_picture_height * scale
                        plan = self.plan(width, Variant(placement, scale, limit, keep, whole_words, roomy))
                        if plan.height <= frame + HAIR:
                            return plan
                        tried.append(plan)
        return min(tried, key=lambda plan: plan.height)

    def compact(self, width: float, level: float) -> CardPlan | None:
        """The shortest plan whose picture keeps at least ``level`` of its size (None: none is allowed).

        For a page that holds one card more when the cards on it give up some of their picture.
        """
        key = (width, level)
        if key not in self._compact:
            self._compact[key] = self._shortest(width, level)
        return self._compact[key]

    def _shortest(self, width: float, level: float) -> CardPlan | None:
        plans = [plan for scale in SLOT_SCALES if scale >= level - 1e-9
                 for plan in (self.shrunk(width, scale),) if plan is not None]
        return min(plans, key=lambda plan: plan.height) if plans else None

    def choose(self, width: float, room: float) -> CardPlan:
        """The plan to print with ``room`` points left on the page: the preferred one, or, when that does
        not fit the room, the largest smaller picture that does (better than an empty half page)."""
        key = (width, room)
        found = self._chosen.get(key)
        if found is None:
            found = self._chosen[key] = self._choose(width, room)
        return found

    def _choose(self, width: float, room: float) -> CardPlan:
        preferred = self.preferred(width)
        if self.limits.fill and preferred.height <= min(room, self.limits.frame_height) + HAIR:
            return preferred
        if not self.limits.slots or preferred.variant.placement != self.style.placement or preferred.height <= room:
            return preferred
        if self.floor(width) > room:
            return preferred  # (no smaller picture could make it fit: what the search below would find)
        for scale in SLOT_SCALES:
            if scale >= preferred.variant.scale:
                continue
            plan = self.shrunk(width, scale)
            if plan is None:
                break
            if plan.height <= room:
                return plan
        # picture sizes do not always give card heights in order (the text wraps differently): the
        # shortest plan whose picture keeps its smallest allowed size, if that one fits
        compact = self.compact(width, 0.0)
        if compact is not None and compact.height <= room:
            return compact
        return preferred
