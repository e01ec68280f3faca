"""The blocks a handout is made of: exercise cards, the safety box, note lines, the log grid.

Cards are custom flowables: they lay out their own picture and text, never split across pages,
and report an exercise that cannot fit on a page as a user error instead of clipping it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple, Protocol

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

from ..models.catalog import Dosage, Exercise
from ..text import ExerciseWords, dosage_rows, dosage_sentences
from .context import RenderContext
from .para import paragraph, split_wrapped, wrapped
from .styles import Styles, build_styles

BIG = 1e6
MIN_PICTURE = 80.0  # points: below this a picture stops being useful
WIDE_PICTURE = 1.6  # width/height from which 'auto' puts the picture above the text
QR_SIZE = 50.0  # points: 0.7 in, phone-scannable for an exercise's video address
NARROWEST_TEXT = 12.0  # text sizes: the narrowest column of steps beside a picture
BESIDE_PANEL = 13.0  # the dosage panel goes beside a picture when this many text sizes fit there
# How far a picture may shrink so that a card fits its share of a page (two cards a page in `standard`):
# to 60% of its size, and never to less than 1.5 inches along its longer side.
SLOT_SCALES = (1.0, 0.9, 0.8, 0.7, 0.6)
SLOT_PICTURE = 108.0


class PictureLike(Protocol):
    aspect: float

    def draw(self, canvas: Canvas, x: float, y: float, w: float, h: float) -> None: ...


def styles_for(ctx: RenderContext) -> Styles:
    return build_styles(ctx.layout, ctx.palette, ctx.fonts)


class _Placed(NamedTuple):
    """A paragraph and where it goes inside the card (offsets from the card's top-left)."""

    para: Paragraph
    x: float
    top: float  # distance from the card's top to the paragraph's top


class ExerciseCard(Flowable):
    """One exercise: picture, name, steps, dosage and cautions, kept together on one page."""

    def __init__(
        self,
        ctx: RenderContext,
        exercise: Exercise,
        words: ExerciseWords,
        picture: PictureLike | None,
        *,
        max_picture_height: float,
        dosage: Dosage | None = None,
        note: str | None = None,
        video: str | None = None,
        number: int | None = None,
        label: str | None = None,
    ):
        super().__init__()
        self.ctx = ctx
        self.exercise = exercise
        self.words = words
        self.picture = picture
        self.max_picture_height = max_picture_height
        self.dosage = dosage or exercise.dosage
        self.note = note
        self.video = video
        self.number = number
        self.mode = ctx.layout.cards.picture if picture is not None else "none"
        s = styles_for(ctx)
        m = ctx.m
        blocks = ctx.layout.blocks
        bold = ctx.fonts.bold
        title = words.name if number is None else f"{number}. {words.name}"
        self.title = paragraph(title, s.card_title)
        # a group heading ('Lying on your back') inside the card, for layouts with one card per page
        self.label = paragraph(label, s.small_heading) if label else None
        self.head: list[Paragraph] = []
        if blocks.also_known_as and words.also_known_as:
            self.head.append(paragraph(m("card.also_known_as", names=", ".join(words.also_known_as)), s.aka))
        if blocks.summary and words.summary:
            self.head.append(paragraph(words.summary, s.summary))
        self.steps = [paragraph(step, s.step, bullet=f"{i}.") for i, step in enumerate(words.steps, 1)]
        self.cautions: list[Paragraph] = []
        if blocks.cautions and words.cautions:
            self.cautions.append(paragraph(" ".join(words.cautions), s.body, lead=m("card.cautions") + ":", lead_font=bold))
        self.dose: list[Paragraph] = [paragraph(m("card.how_much"), s.dosage_heading)]
        if blocks.dosage == "table":
            for label, value in dosage_rows(self.dosage, m):
                self.dose.append(paragraph(value, s.dosage, lead=f"{label}:", lead_font=bold))
        elif blocks.dosage == "paragraph":
            self.dose.append(paragraph(" ".join(dosage_sentences(self.dosage, m)), s.dosage))
        else:
            self.dose += [paragraph(line, s.dosage) for line in dosage_sentences(self.dosage, m)]
        needs = exercise.needs
        if needs:
            items = ", ".join(m(f"equipment.{item}") for item in needs)
            self.dose.append(paragraph(items, s.dosage, lead=m("equipment.label"), lead_font=bold))
        if note:
            self.dose.append(paragraph(note, s.dosage, lead=m("program.your_note"), lead_font=bold))
        self.qr_size = 0.0
        if video and blocks.qr_codes:
            self.qr_size = QR_SIZE
            self.qr_caption = paragraph(m("card.video"), s.caption)
        self.frame_height = BIG  # set by the story builder: a whole page's height
        self.slots: tuple[float, ...] = ()  # and the shares of a page it tries to keep to, smallest first
        self.picture_scale = 1.0
        self._preferred: tuple[float, tuple[str, float, float]] | None = None  # width, its preferred variant
        self._state: tuple[float, tuple[str, float, float]] | None = None  # what the card is laid out as now

    # -- layout -------------------------------------------------------------------------
    def _stack(self, paras: Sequence[Paragraph], width: float, x: float, top: float, gap: float) -> float:
        """Wrap paragraphs one under another; returns the top of the next free line."""
        for para in paras:
            para, h = wrapped(para, width)
            self.placed.append(_Placed(para, x, top))
            top += h + gap
        return top

    def _flow_around(self, items: list[tuple[Paragraph, float]], narrow: tuple[float, float], wide: tuple[float, float],
                     top: float, column_bottom: float) -> float:
        """Place paragraphs in the narrow column beside the picture, then at full width below it.

        A paragraph that reaches the bottom of the picture column is split between its lines.
        """
        (nx, nw), (wx, ww) = narrow, wide
        gap_after_column = self.ctx.layout.text.body.size * 0.6
        wide_mode = False
        for para, gap_before in items:
            top += gap_before
            if not wide_mode:
                narrow_para, h = wrapped(para, nw)
                if top + h <= column_bottom + 0.5:
                    self.placed.append(_Placed(narrow_para, nx, top))
                    top += h
                    continue
                wide_mode = True
                room = column_bottom - top
                cut = split_wrapped(para, nw, room, ww) if room > para.style.leading * 2 else None
                if cut is not None:
                    first, first_h, rest, rest_h = cut
                    self.placed.append(_Placed(first, nx, top))
                    top = max(top + first_h, column_bottom) + gap_after_column * 0.4
                    self.placed.append(_Placed(rest, wx, top))
                    top += rest_h
                    continue
                top = max(top, column_bottom + gap_after_column)
            para, h = wrapped(para, ww)
            self.placed.append(_Placed(para, wx, top))
            top += h
        return max(top, column_bottom)

    def _layout(self, width: float, picture_limit: float) -> None:
        cards = self.ctx.layout.cards
        pad = cards.padding
        body = self.ctx.layout.text.body.size
        gap = body * 0.35
        inner = width - 2 * pad
        self.placed: list[_Placed] = []
        self.picture_box: tuple[float, float, float, float] | None = None  # x, top, w, h
        self.dose_box: tuple[float, float, float, float] | None = None
        self.qr_box: tuple[float, float, float] | None = None
        top_items = [(self.label, 0.0), (self.title, gap * 0.5)] if self.label is not None else [(self.title, 0.0)]
        text_items = top_items + [(p, gap) for p in self.head]
        text_items += [(p, gap * (2.0 if i == 0 else 1.0)) for i, p in enumerate(self.steps)]
        text_items += [(p, gap * 2.0) for p in self.cautions]
        mode = getattr(self, "placement", self.mode)
        if mode == "auto":  # wide pictures (lying down) above the text, tall ones (standing) beside it
            mode = "above" if self.picture is not None and self.picture.aspect >= WIDE_PICTURE else "left"
        if mode == "left" and inner * (1 - cards.picture_width * self.picture_scale) - body < NARROWEST_TEXT * body:
            mode = "above"  # a narrow card (several columns): no room for the steps beside the picture
        if mode == "left" or (mode == "none" and inner > 360):
            col_gap = body
            left_w = inner * (cards.picture_width * self.picture_scale if mode == "left" else 0.3)
            left_x, right_x = pad, pad + left_w + col_gap
            top_left = pad
            if mode == "left" and self.picture is not None:
                pic_h = min(left_w / self.picture.aspect, picture_limit)
                self.picture_box = (left_x, top_left, left_w, pic_h)
                top_left += pic_h + gap * 2
            top_left = self._dose_panel(left_x, top_left, left_w, gap)
            top_left = self._qr(left_x, top_left, left_w, gap)
            bottom = self._flow_around(text_items, (right_x, inner - left_w - col_gap), (pad, inner), pad, top_left - gap * 1.5)
        else:
            top = self._flow_around(text_items[: len(top_items)], (pad, inner), (pad, inner), pad, pad)
            beside = False
            qr_done = False
            if mode == "above" and self.picture is not None:
                pic_h = min(inner / self.picture.aspect, picture_limit)
                pic_w = pic_h * self.picture.aspect
                side_w = inner - pic_w - body
                beside = side_w >= BESIDE_PANEL * body
                if beside:  # the dosage panel fits beside the picture: use that room
                    pic_w = inner - side_w - body
                    self.picture_box = (pad, top + gap, pic_w, pic_h)
                    panel_bottom = self._dose_panel(pad + pic_w + body, top + gap, side_w, gap)
                    panel_bottom = self._qr(pad + pic_w + body, panel_bottom, side_w, gap)
                    top = max(top + gap + pic_h + gap * 3, panel_bottom)
                elif self.qr_size:  # the video code at the right of the picture, not under everything
                    room = inner - self.qr_size - body
                    pic_h = min(pic_h, room / self.picture.aspect)
                    self.picture_box = (pad, top + gap, room, pic_h)
                    top += max(pic_h, self._qr_over_caption(pad + room + body, top + gap)) + gap * 3
                    qr_done = True
                else:
                    self.picture_box = (pad, top + gap, inner, pic_h)
                    top += pic_h + gap * 3
            rest = text_items[len(top_items) :]
            if beside:
                top = self._flow_around(rest, (pad, inner), (pad, inner), top, top)
            elif inner > 360:  # wide card: the panel starts a left column, the steps flow beside and below it
                panel_w = inner * 0.34
                column_bottom = self._dose_panel(pad, top, panel_w, gap)
                if not qr_done:
                    column_bottom = self._qr(pad, column_bottom, panel_w, gap)
                column_bottom -= gap * 1.5
                right = pad + panel_w + body
                top = self._flow_around(rest, (right, inner - panel_w - body), (pad, inner), top, column_bottom)
            else:  # narrow card: the panel after the steps, the video code beside it
                top = self._flow_around(rest, (pad, inner), (pad, inner), top, top)
                top += gap * 2
                if self.qr_size and not qr_done:
                    panel_w = inner - self.qr_size - body
                    panel_bottom = self._dose_panel(pad, top, panel_w, gap)
                    top = max(panel_bottom, top + self._qr_over_caption(pad + panel_w + body, top) + gap * 1.5)
                else:
                    top = self._dose_panel(pad, top, inner, gap)
            bottom = top - gap * 1.5
        self.natural_height = bottom + pad

    def _dose_panel(self, x: float, top: float, width: float, gap: float) -> float:
        """The 'How much' panel: dosage, equipment and the clinician's note, on the box colour."""
        inset = self.ctx.layout.cards.padding * 0.7
        start = top
        end = self._stack(self.dose, width - 2 * inset, x + inset, top + inset, gap * 0.4)
        height = end - gap * 0.4 + inset - start
        self.dose_box = (x, start, width, height)
        return start + height + gap * 1.5

    def _qr_over_caption(self, x: float, top: float) -> float:
        """The video code at (x, top), its caption under it; returns the height of both."""
        self.qr_box = (x, top, self.qr_size)
        _, h = self.qr_caption.wrap(self.qr_size, BIG)
        self.placed.append(_Placed(self.qr_caption, x, top + self.qr_size + 2))
        return self.qr_size + 2 + h

    def _qr(self, x: float, top: float, width: float, gap: float) -> float:
        """The video code at (x, top), its caption beside it; returns the top of the next free line."""
        if not self.qr_size:
            return top
        self.qr_box = (x, top, self.qr_size)
        _, h = self.qr_caption.wrap(max(10.0, width - self.qr_size - 8), BIG)
        self.placed.append(_Placed(self.qr_caption, x + self.qr_size + 6, top + (self.qr_size - h) / 2))
        return top + self.qr_size + gap

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._preferred is None or self._preferred[0] != availWidth:
            self._heights: dict[float, float | None] = {}
            self._preferred = (availWidth, self._fit(availWidth))
        preferred = self._preferred[1]
        self._use(availWidth, preferred)
        if self.slots and preferred[0] == self.mode and self.natural_height > availHeight + 0.5:
            # not enough room left on this page: a smaller picture that fits it beats an empty half page
            chosen = preferred  # else it goes to the next page as it prefers
            for scale in SLOT_SCALES:
                if scale >= preferred[1]:
                    continue
                height = self._height_at(availWidth, scale)
                if height is None:
                    break
                if height <= availHeight + 0.5:
                    chosen = self._scaled(scale)
                    break
            self._use(availWidth, chosen)
        if self.frame_height < self.natural_height <= self.frame_height + 0.5:
            self.natural_height = self.frame_height  # a rounding hair over: it lands in the card's own padding
        if self.natural_height > self.frame_height + 0.5:
            # Never clip: report it (the document is then not written) and let the layout run to its end,
            # so every card that does not fit is reported at once.
            self.ctx.too_large(self.exercise, self.natural_height, self.frame_height)
            self.natural_height = self.frame_height
        self.width, self.height = availWidth, self.natural_height
        return self.width, self.height

    # A variant of the card's layout: (picture placement, picture scale, limit on the picture's height).
    def _scaled(self, scale: float) -> tuple[str, float, float]:
        return self.mode, scale, self.max_picture_height * scale

    def _use(self, width: float, variant: tuple[str, float, float]) -> None:
        if self._state != (width, variant):
            self.placement, self.picture_scale, limit = variant
            self._layout(width, limit)
            self._state = (width, variant)

    def _height_at(self, width: float, scale: float) -> float | None:
        """The card's height with the layout's placement and the picture at ``scale``; None: too small a picture."""
        if scale not in self._heights:
            self._use(width, self._scaled(scale))
            _, _, box_w, box_h = self.picture_box or (0, 0, BIG, BIG)
            small = self.picture is not None and max(min(box_w, box_h * self.picture.aspect), box_h) < SLOT_PICTURE
            self._heights[scale] = None if small and scale < 1 else self.natural_height
        return self._heights[scale]

    def _fit(self, width: float) -> tuple[str, float, float]:
        """The card's preferred layout at this width.

        First the card's share of a page: with the layout's placement, the largest picture (down to
        60%) that keeps the card within the smallest share it can reach (a quarter of the page, a third,
        a half), so that cards really share pages. A card that cannot keep to any share gets its full
        picture. A card taller than a whole page then tries the other picture placement, then a smaller
        picture (never smaller text), down to a readable size.
        """
        if self.slots and self.picture is not None:
            reached: list[tuple[float, float]] = []
            for scale in SLOT_SCALES:
                height = self._height_at(width, scale)
                if height is None:
                    break
                if height <= self.slots[0] + 0.5:
                    return self._scaled(scale)  # the smallest share (the most cards a page): nothing better
                reached.append((scale, height))
            for share in self.slots[1:]:  # else the smallest share a size reaches, with the largest picture
                for scale, height in reached:
                    if height <= share + 0.5:
                        return self._scaled(scale)
        placements = [self.mode] + ([m for m in ("left", "above") if m != self.mode] if self.picture is not None else [])
        for placement in placements:
            variant = (placement, 1.0, self.max_picture_height)
            self._use(width, variant)
            while self.natural_height > self.frame_height + 0.5 and self.picture_box is not None and variant[2] > MIN_PICTURE:
                variant = (placement, 1.0, max(MIN_PICTURE, self.picture_box[3] - (self.natural_height - self.frame_height) - 1))
                self._use(width, variant)
            if self.natural_height <= self.frame_height + 0.5:
                break
        return variant

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []  # never split a card: it moves to the next page whole

    # -- drawing ------------------------------------------------------------------------
    def draw(self) -> None:
        canvas: Canvas = self.canv
        ctx = self.ctx
        p = ctx.palette
        cards = ctx.layout.cards
        lines = ctx.layout.lines
        h = self.height
        doc = getattr(canvas, "_doctemplate", None)
        if doc is not None and hasattr(doc, "cards_on_page"):
            doc.cards_on_page += 1
        canvas.saveState()
        if lines.border > 0 or cards.filled:
            canvas.setStrokeColor(HexColor(p.rule))
            canvas.setLineWidth(lines.border)
            if cards.filled:
                canvas.setFillColor(HexColor(p.box))
            inset = lines.border / 2
            canvas.roundRect(inset, inset, self.width - 2 * inset, h - 2 * inset, cards.corner_radius,
                             stroke=1 if lines.border > 0 else 0, fill=1 if cards.filled else 0)
        if self.dose_box is not None:
            x, top, w, bh = self.dose_box
            canvas.setFillColor(HexColor(p.box))
            canvas.setStrokeColor(HexColor(p.rule))
            canvas.setLineWidth(max(0.5, lines.border * 0.75))
            canvas.roundRect(x, h - top - bh, w, bh, min(4.0, cards.corner_radius), stroke=1, fill=1)
        if self.picture_box is not None and self.picture is not None:
            x, top, w, ph = self.picture_box
            self.picture.draw(canvas, x, h - top - ph, w, ph)
        if self.qr_box is not None and self.video:
            from .qr import draw_qr

            x, top, size = self.qr_box
            draw_qr(canvas, self.video, x, h - top - size, size, p.text)
        canvas.restoreState()
        for item in self.placed:
            item.para.drawOn(canvas, item.x, h - item.top - item.para.height)


class WithHeading(Flowable):
    """A position heading and the first cards of its group: never apart, never split."""

    def __init__(self, heading: Paragraph, block: Flowable):
        super().__init__()
        self.heading = heading
        self.block = block

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        _, self.heading_height = self.heading.wrapOn(self.canv, availWidth, availHeight)
        below = self.heading_height + self.heading.getSpaceAfter()
        _, block_height = self.block.wrapOn(self.canv, availWidth, availHeight - below)
        self.width, self.height = availWidth, below + block_height
        return self.width, self.height

    def getSpaceBefore(self) -> float:
        return self.heading.getSpaceBefore()

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        self.heading.drawOn(self.canv, 0, self.height - self.heading_height)
        self.block.drawOn(self.canv, 0, 0)


class CardRow(Flowable):
    """Cards side by side (the layout's columns), equally tall, never split."""

    def __init__(self, cards: list[ExerciseCard], columns: int, gap: float):
        super().__init__()
        self.cards = cards
        self.columns = columns
        self.gap = gap

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.column_width = (availWidth - (self.columns - 1) * self.gap) / self.columns
        self.height = max(card.wrap(self.column_width, availHeight)[1] for card in self.cards)
        self.width = availWidth
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        for index, card in enumerate(self.cards):
            card.height = self.height  # equal heights: the borders line up
            card.drawOn(self.canv, index * (self.column_width + self.gap), 0)


class Gap(Flowable):
    """Vertical space between blocks that vanishes at the top of a page and never forces a new page."""

    def __init__(self, height: float):
        super().__init__()
        self.gap = height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        doc = getattr(self.canv, "_doctemplate", None)
        frame = getattr(doc, "frame", None)
        at_top = bool(getattr(frame, "_atTop", 0))
        self.width, self.height = availWidth, 0.0 if at_top else min(self.gap, max(0.0, availHeight))
        return self.width, self.height

    def draw(self) -> None:
        pass


class CardGuard(Flowable):
    """Forces a page break when the next ``needed`` cards would exceed the layout's cards per page."""

    def __init__(self, per_page: int, needed: int = 1):
        super().__init__()
        self.per_page = per_page
        self.needed = needed

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        doc = getattr(self.canv, "_doctemplate", None)
        if doc is not None and getattr(doc, "cards_on_page", 0) + self.needed > self.per_page:
            return availWidth, availHeight + 1  # does not fit: the frame moves on to a new page
        return availWidth, 0

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        pass


class Box(Flowable):
    """A rounded box with a heading and paragraphs (the safety guidance)."""

    def __init__(self, ctx: RenderContext, heading: str | None, paras: list[Paragraph], *, filled: bool = True):
        super().__init__()
        self.ctx = ctx
        s = styles_for(ctx)
        self.heading_text = heading
        self.heading = paragraph(heading, s.box_heading) if heading else None
        self.paras = paras
        self.filled = filled

    def _items(self) -> list[Paragraph]:
        return [self.heading, *self.paras] if self.heading is not None else list(self.paras)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        pad = self.ctx.layout.cards.padding * 1.2
        inner = availWidth - 2 * pad
        gap = self.ctx.layout.text.body.size * 0.3
        top = pad
        self.placed = []
        for para in self._items():
            para, h = wrapped(para, inner)
            self.placed.append(_Placed(para, pad, top))
            top += h + gap
        self.width, self.height = availWidth, top - gap + pad
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """A box too tall for what is left of the page continues in a second box (between paragraphs)."""
        self.wrap(availWidth, availHeight)
        pad = self.ctx.layout.cards.padding * 1.2
        fit = sum(1 for item in self.placed if item.top + item.para.height + pad <= availHeight)
        keep = fit - (1 if self.heading is not None else 0)  # paragraphs (not the heading) in the first box
        if keep < 1 or keep >= len(self.paras):
            return []
        first = Box(self.ctx, self.heading_text, self.paras[:keep], filled=self.filled)
        rest = Box(self.ctx, None, self.paras[keep:], filled=self.filled)
        return [first, rest]

    def draw(self) -> None:
        canvas = self.canv
        p = self.ctx.palette
        canvas.saveState()
        canvas.setStrokeColor(HexColor(p.rule))
        canvas.setLineWidth(max(0.5, self.ctx.layout.lines.border))
        canvas.setFillColor(HexColor(p.box))
        canvas.roundRect(0, 0, self.width, self.height, self.ctx.layout.cards.corner_radius, stroke=1,
                         fill=1 if self.filled else 0)
        canvas.restoreState()
        for item in self.placed:
            item.para.drawOn(canvas, item.x, self.height - item.top - item.para.height)


class HereOrLater(Flowable):
    """Flowables kept together, drawn here if they fit in what is left of the page, else by ``later()``.

    The notes lines go under the last card when there is room; when there is not, they go after the
    log rather than alone on a page of their own.
    """

    def __init__(self, items: list[Flowable]):
        super().__init__()
        self.items = items
        self.deferred = False

    def _measure(self, availWidth: float) -> float:
        total = 0.0
        for index, item in enumerate(self.items):
            _, h = item.wrap(availWidth, BIG)
            total += h + (item.getSpaceBefore() if index else 0.0) + item.getSpaceAfter()
        return total

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        needed = self._measure(availWidth)
        frame = getattr(getattr(self.canv, "_doctemplate", None), "frame", None)
        at_top = bool(getattr(frame, "_atTop", 0))  # the last card filled its page: not alone on the next
        self.deferred = at_top or needed > availHeight
        self.width, self.height = availWidth, 0.0 if self.deferred else needed
        return self.width, self.height

    def draw(self) -> None:
        if not self.deferred:
            _draw_stack(self.canv, self.items, self.width, self.height)

    def later(self) -> Flowable:
        return _Later(self)


class _Later(Flowable):
    def __init__(self, source: HereOrLater):
        super().__init__()
        self.source = source

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        needed = self.source._measure(availWidth) if self.source.deferred else 0.0
        self.width, self.height = availWidth, needed
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        if self.source.deferred:
            _draw_stack(self.canv, self.source.items, self.width, self.height)


def _draw_stack(canvas: Canvas, items: list[Flowable], width: float, height: float) -> None:
    top = height
    for index, item in enumerate(items):
        _, h = item.wrap(width, BIG)
        top -= (item.getSpaceBefore() if index else 0.0)
        item.drawOn(canvas, 0, top - h)
        top -= h + item.getSpaceAfter()


class NoteLines(Flowable):
    """Ruled lines to write on."""

    @staticmethod
    def line_spacing(ctx: RenderContext) -> float:
        return max(26.0, ctx.layout.text.body.size * 2.2)

    def __init__(self, ctx: RenderContext, count: int, spacing: float | None = None):
        super().__init__()
        self.ctx = ctx
        self.count = count
        self.spacing = spacing or self.line_spacing(ctx)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = self.count * self.spacing
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        fit = int(availHeight // self.spacing)
        if fit <= 0 or fit >= self.count:
            return [] if fit <= 0 else [self]
        return [NoteLines(self.ctx, fit, self.spacing), NoteLines(self.ctx, self.count - fit, self.spacing)]

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(HexColor(self.ctx.palette.rule))
        canvas.setLineWidth(self.ctx.layout.lines.rule)
        for i in range(self.count):
            y = self.height - (i + 1) * self.spacing + 2
            canvas.line(0, y, self.width, y)
        canvas.restoreState()


class LogWeeks(Flowable):
    """A tick-box grid: one row per exercise, one column per day, as many weeks side by side as fit."""

    def __init__(self, ctx: RenderContext, names: list[str], first_day: int, days: int):
        super().__init__()
        self.ctx = ctx
        self.names = names
        self.first_day = first_day
        self.days = days
        s = styles_for(ctx)
        self.paras = [paragraph(name, s.body) for name in names]
        self.frame_height = BIG  # set by the story builder: a whole page's height
        self.head_style = s.caption_center
        self.label_style = s.body_bold

    @staticmethod
    def cell_size(ctx: RenderContext) -> float:
        return max(20.0, ctx.layout.text.body.size * 1.6)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        cell = self.cell_size(self.ctx)
        self.cell = cell
        self.name_w = availWidth - self.days * cell
        self.row_heights = []
        self.wrapped = []
        for para in self.paras:
            para, h = wrapped(para, self.name_w - 8)
            self.wrapped.append(para)
            self.row_heights.append(max(cell, h + 6))
        size = self.ctx.layout.text.caption.size
        self.head_h = size * 1.3 * 2 + 6
        self.width = availWidth
        self.height = self.head_h + sum(self.row_heights)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        if self.height <= self.frame_height:
            return []  # a week that fits on a page is kept whole: it moves to the next page
        used = self.head_h
        fit = 0
        for h in self.row_heights:
            if used + h > availHeight:
                break
            used += h
            fit += 1
        if fit < 3 or fit >= len(self.names):
            return []
        parts = [LogWeeks(self.ctx, self.names[:fit], self.first_day, self.days),
                 LogWeeks(self.ctx, self.names[fit:], self.first_day, self.days)]
        for part in parts:
            part.frame_height = self.frame_height
        return parts

    def draw(self) -> None:
        canvas = self.canv
        ctx = self.ctx
        p = ctx.palette
        m = ctx.m
        cell = self.cell
        size = ctx.layout.text.caption.size
        top = self.height
        canvas.saveState()
        canvas.setFont(ctx.fonts.bold, size)
        canvas.setFillColor(HexColor(p.text))
        # week labels over each group of 7 days, day numbers under them
        for offset in range(0, self.days, 7):
            week = (self.first_day + offset - 1) // 7 + 1
            span = min(7, self.days - offset)
            x = self.name_w + offset * cell
            canvas.drawCentredString(x + span * cell / 2, top - size * 1.1, m("log.week", n=week))
        canvas.setFont(ctx.fonts.regular, size)
        for d in range(self.days):
            x = self.name_w + d * cell
            canvas.drawCentredString(x + cell / 2, top - size * 2.4, m.number(self.first_day + d))
        y = top - self.head_h
        canvas.setStrokeColor(HexColor(p.rule))
        canvas.setLineWidth(ctx.layout.lines.rule)
        canvas.line(0, y, self.width, y)
        box = cell * 0.62
        for para, h in zip(self.wrapped, self.row_heights, strict=True):
            para.drawOn(canvas, 2, y - (h + para.height) / 2)
            canvas.setStrokeColor(HexColor(p.text))
            canvas.setLineWidth(max(0.6, ctx.layout.lines.rule))
            for d in range(self.days):
                x = self.name_w + d * cell + (cell - box) / 2
                canvas.rect(x, y - (h + box) / 2, box, box, stroke=1, fill=0)
            y -= h
            canvas.setStrokeColor(HexColor(p.rule))
            canvas.setLineWidth(ctx.layout.lines.rule)
            canvas.line(0, y, self.width, y)
        for offset in range(7, self.days, 7):
            x = self.name_w + offset * cell
            canvas.line(x, 0, x, self.height - size * 0.2)
        canvas.restoreState()


def log_flowables(ctx: RenderContext, names: list[str], weeks: int, width: float) -> list[Flowable]:
    """The log for ``weeks`` weeks: as many whole weeks side by side as the width allows."""
    cell = LogWeeks.cell_size(ctx)
    per_row = max(1, min(weeks, int((width * 0.62) // (7 * cell))))
    out: list[Flowable] = []
    day = 1
    remaining = weeks
    from .page import geometry

    frame_height = geometry(ctx).frame_height
    while remaining > 0:
        span = min(per_row, remaining)
        grid = LogWeeks(ctx, names, day, span * 7)
        grid.frame_height = frame_height
        out.append(grid)
        day += span * 7
        remaining -= span
    return out


def paragraphs(ctx: RenderContext, texts: Sequence[str], style_name: str = "body", bullet: str | None = None) -> list[Any]:
    style = getattr(styles_for(ctx), style_name)
    return [paragraph(t, style, bullet=bullet) for t in texts]
