"""Where everything on an exercise card goes: a pure planner.

The content of a card (its paragraphs and its picture's shape), the width it gets and a variant
(where the picture goes, how far it shrinks) go in; a :class:`CardPlan` comes out: the place of every
paragraph, of the picture, the dose box and the QR code, and the card's height. Planning touches no
canvas, frame or document, so the same content and width always give the same plan.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal, NamedTuple

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from .para import widest_word, wrapped

Placement = Literal["auto", "left", "above", "none"]
Item = tuple[Paragraph, float]  # a paragraph and the space above it
WIDE_PICTURE = 1.6  # width/height from which 'auto' puts the picture above the text
QR_SIZE = 50.0  # points: 0.7 in, phone-scannable for an exercise's video address
NARROWEST_TEXT = 12.0  # text sizes: the narrowest column of steps beside a picture
BESIDE_PANEL = 13.0  # the dosage panel goes beside a picture when this many text sizes fit there
PANEL_TEXT = 14.0  # text sizes: the narrowest dose panel in a column (1-2 words a line read badly)
MOST_PANEL = 0.45  # the widest share of a card's inner width a dose panel takes to keep its words whole
WIDE_CARD = 360.0  # points: a card this wide puts its dose panel in a column of its own
BIG = 1e6


@dataclass(frozen=True)
class CardContent:
    """What a card shows, as paragraphs; the picture only by its shape (width / height)."""

    title: Paragraph
    steps: tuple[Paragraph, ...]
    dose: tuple[Paragraph, ...]  # the 'How much' panel: heading, dose lines, equipment, note
    label: Paragraph | None = None  # a group heading inside the card (one card a page)
    head: tuple[Paragraph, ...] = ()  # other names, summary: under the title
    cautions: tuple[Paragraph, ...] = ()
    tick: Paragraph | None = None  # after the cautions: 'My clinician chose this for me' beside a box to tick
    picture_aspect: float | None = None
    qr_caption: Paragraph | None = None  # a QR code to a video, with this caption
    summary: Paragraph | None = None  # the purpose line (one of ``head``): left out of a card that cannot fit a page

    def shorter(self) -> CardContent | None:
        """The same card without its purpose line (None: nothing to leave out)."""
        if self.summary is None:
            return None
        return replace(self, head=tuple(p for p in self.head if p is not self.summary), summary=None)


@dataclass(frozen=True)
class CardStyle:
    """The measures a plan needs from the layout."""

    padding: float
    body_size: float
    picture_width: float  # share of the inner width a picture on the left takes
    placement: Placement
    qr_size: float = QR_SIZE
    dose: Literal["panel", "line"] = "panel"  # 'line': the dose is a paragraph of the text, after the title, no panel
    spacing: float = 0.35  # text sizes between a card's paragraphs

    @property
    def gap(self) -> float:
        """The space between a card's paragraphs, in points."""
        return self.body_size * self.spacing


class Variant(NamedTuple):
    """One way of laying a card out: the picture's placement, its scale, and a limit on its height.
    (A named tuple, as are :class:`Placed` and :class:`CardPlan`: the planner makes and compares thousands of
    them a document, and a tuple is made and hashed in C.)"""

    placement: Placement
    scale: float
    picture_limit: float
    keep_column: bool = False  # a picture on the left: its column keeps its full width (for the dose panel)
    whole_words: bool = True  # the dose panel is never narrower than its longest word (off only as a last resort)
    roomy_panel: bool = True  # the dose panel at least PANEL_TEXT text sizes wide (off only for a card taller than a page)
    beside: float = BESIDE_PANEL  # a picture above: the panel goes beside it when this many text sizes fit there (BIG: never)


class Placed(NamedTuple):
    """A paragraph (wrapped at its width) and where it goes: offsets from the card's top-left corner."""

    para: Paragraph
    x: float
    top: float


Box = tuple[float, float, float, float]  # x, top, width, height (from the card's top-left)


class CardPlan(NamedTuple):
    variant: Variant
    width: float
    height: float
    placed: tuple[Placed, ...]
    picture_box: Box | None
    dose_box: Box | None
    qr_box: tuple[float, float, float] | None  # x, top, size
    tick_box: tuple[float, float, float] | None = None  # x, top, size: the box beside the 'chosen' line

    @property
    def picture_side(self) -> float:
        """The picture's longer side as placed (0 without a picture)."""
        return 0.0 if self.picture_box is None else max(self.picture_box[2], self.picture_box[3])


@dataclass
class _Sheet:
    """A plan being drawn up (private to :func:`plan_card`)."""

    content: CardContent
    style: CardStyle
    placed: list[Placed] = field(default_factory=list)
    picture_box: Box | None = None
    dose_box: Box | None = None
    qr_box: tuple[float, float, float] | None = None
    tick_box: tuple[float, float, float] | None = None

    def put(self, source: Paragraph, para: Paragraph, x: float, top: float) -> None:
        """Place ``para`` (``source`` wrapped, or its first lines) at (x, top)."""
        self.placed.append(Placed(para, x, top))
        tick = self.content.tick
        if tick is not None and source is tick and self.tick_box is None:
            size = self.style.body_size * 0.9
            self.tick_box = (x, top + (tick.style.leading - size) / 2, size)

    def stack(self, paras: Sequence[Paragraph], width: float, x: float, top: float, gap: float) -> float:
        """Wrap paragraphs one under another; returns the top of the next free line."""
        for para in paras:
            para, h = wrapped(para, width)
            self.placed.append(Placed(para, x, top))
            top += h + gap
        return top

    def flow_around(self, items: Sequence[Item], narrow: tuple[float, float], wide: tuple[float, float], top: float,
                    column_bottom: float) -> float:
        """Place paragraphs in the narrow column beside the picture, then at full width below it.

        A paragraph is never split between the two widths (a step that starts beside the picture
        and ends in mid-sentence at full width reads as two): the narrow column takes whole
        paragraphs only. The first that does not fit beside the picture either stays whole in the
        narrow column, which then runs on a little past the picture, or goes whole at full width
        below it: whichever ends higher. Everything after it goes at full width.
        """
        (nx, nw), (wx, ww) = narrow, wide
        gap_after_column = self.style.body_size * 0.6
        wide_mode = False
        for para, gap_before in items:
            top += gap_before
            if not wide_mode:
                narrow_para, h = wrapped(para, nw)
                if top + h <= column_bottom + 0.5:
                    self.put(para, narrow_para, nx, top)
                    top += h
                    continue
                wide_mode = True
                below = max(top, column_bottom + gap_after_column)
                whole, wide_h = wrapped(para, ww)
                if top < column_bottom and top + h <= below + wide_h + 0.5:
                    self.put(para, narrow_para, nx, top)  # it ends no lower kept whole beside the picture
                    top += h
                    continue
                self.put(para, whole, wx, below)
                top = below + wide_h
                continue
            whole, h = wrapped(para, ww)
            self.put(para, whole, wx, top)
            top += h
        return max(top, column_bottom)

    def title_row(self, x: float, width: float, top: float) -> float:
        """The exercise's name at (x, top) and the clinician's tick at the right of the same row, on one
        line or two, whichever makes the lower row; returns the top of the next free line."""
        title, tick = self.content.title, self.content.tick
        assert tick is not None
        one_line = tick.style.leftIndent + sum(stringWidth(frag.text, frag.fontName, frag.fontSize)
                                               for frag in tick.frags) + 1.0
        shift = max(0.0, (title.style.leading - tick.style.leading) / 2)  # the tick's line level with the name's
        rows = []
        for tick_w in dict.fromkeys((one_line, max(one_line * 0.6, widest_word([tick]) + 1.0))):
            title_w = width - tick_w - self.style.body_size
            if title_w < widest_word([title]):
                continue  # (no room for the name's longest word beside it)
            title_para, title_h = wrapped(title, title_w)
            tick_para, tick_h = wrapped(tick, tick_w)
            rows.append((max(title_h, shift + tick_h), tick_w, title_para, tick_para))
        if not rows:  # no room beside the name: the tick under it
            title_para, title_h = wrapped(title, width)
            self.placed.append(Placed(title_para, x, top))
            tick_para, tick_h = wrapped(tick, width)
            self.put(tick, tick_para, x, top + title_h + self.style.gap)
            return top + title_h + self.style.gap + tick_h
        height, tick_w, title_para, tick_para = min(rows, key=lambda row: row[0])
        self.placed.append(Placed(title_para, x, top))
        self.put(tick, tick_para, x + width - tick_w, top + shift)
        return top + height

    def panel_width_for_words(self) -> float:
        """The narrowest dose panel (and tick) that breaks no word: its widest word, plus the insets."""
        paras = [*self.content.dose, *([self.content.tick] if self.content.tick is not None else [])]
        return widest_word(paras) + 2 * self.style.padding * 0.7 + 1.0

    def dose_panel(self, x: float, top: float, width: float) -> float:
        """The 'How much' panel: dosage, equipment and the clinician's note, on the box colour."""
        gap = self.style.gap
        inset = self.style.padding * 0.7
        end = self.stack(self.content.dose, width - 2 * inset, x + inset, top + inset, gap * 0.4)
        height = end - gap * 0.4 + inset - top
        self.dose_box = (x, top, width, height)
        return top + height + gap * 1.5

    def qr_over_caption(self, x: float, top: float) -> float:
        """The video code at (x, top), its caption under it; returns the height of both."""
        size = self.style.qr_size
        assert self.content.qr_caption is not None
        self.qr_box = (x, top, size)
        caption, h = wrapped(self.content.qr_caption, size)
        self.placed.append(Placed(caption, x, top + size + 2))
        return size + 2 + h

    def qr_beside_caption(self, x: float, top: float, width: float) -> float:
        """The video code at (x, top), its caption beside it; returns the top of the next free line (after the gap
        that follows a block in the column, as under the dose panel)."""
        if self.content.qr_caption is None:
            return top
        size = self.style.qr_size
        self.qr_box = (x, top, size)
        if width - size - 8 < widest_word([self.content.qr_caption]):  # no room beside it for a whole word: under it
            caption, h = wrapped(self.content.qr_caption, width)
            self.placed.append(Placed(caption, x, top + size + 2))
            return top + size + 2 + h + self.style.gap * 1.5
        caption, h = wrapped(self.content.qr_caption, max(10.0, width - size - 8))
        self.placed.append(Placed(caption, x + size + 6, top + (size - h) / 2))
        return top + size + self.style.gap * 1.5


def resolved_placement(content: CardContent, style: CardStyle, variant: Variant, inner: float) -> Placement:
    """Where the picture goes: 'auto' puts wide pictures (lying down) above the text and tall ones
    (standing) beside it; a card too narrow for the steps beside its picture puts it above."""
    mode = variant.placement if content.picture_aspect is not None else "none"
    if mode == "auto":
        mode = "above" if content.picture_aspect is not None and content.picture_aspect >= WIDE_PICTURE else "left"
    body = style.body_size
    if mode == "left" and inner * (1 - style.picture_width * variant.scale) - body < NARROWEST_TEXT * body:
        mode = "above"
    return mode


TickPlace = Literal["column", "after", "title"]


def plan_card(content: CardContent, style: CardStyle, width: float, variant: Variant) -> CardPlan:
    """The card laid out at ``width`` as ``variant`` says.

    The clinician's tick goes under the dose panel, when that panel is beside the picture or the steps
    (in the room they often leave free there), or after the text: whichever makes the shorter card.
    A card with its dose in a line of the text (``CardStyle.dose``) has no panel: its tick goes at the
    right of the exercise's name, or after the text if that makes the shorter card.
    """
    inner = width - 2 * style.padding
    mode = resolved_placement(content, style, variant, inner)
    places: tuple[TickPlace, ...] = ("column", "after") if style.dose == "panel" else ("title", "after")
    first = _plan(content, style, width, variant, mode, tick=places[0])
    if content.tick is None:
        return first
    after_text = _plan(content, style, width, variant, mode, tick=places[1])
    return after_text if after_text.height < first.height else first


def text_items_of(content: CardContent, style: CardStyle) -> tuple[list[Item], list[Item]]:
    """The card's text, each paragraph with the space above it: the name (and a label over it), then all
    of it (the name, the purpose line, the dose in a line, the steps, the cautions), in every placement."""
    gap = style.gap
    top_items = [(content.title, 0.0)]
    if content.label is not None:
        top_items = [(content.label, 0.0), (content.title, gap * 0.5)]
    items = top_items + [(p, gap) for p in content.head]
    if style.dose == "line":
        items += [(p, gap) for p in content.dose]
    items += [(p, gap * (2.0 if i == 0 else 1.0)) for i, p in enumerate(content.steps)]
    items += [(p, gap * 2.0) for p in content.cautions]
    return top_items, items


def _plan(content: CardContent, style: CardStyle, width: float, variant: Variant, mode: Placement, *,
          tick: TickPlace) -> CardPlan:
    sheet = _Sheet(content, style)
    pad = style.padding
    body = style.body_size
    gap = style.gap
    inner = width - 2 * pad
    aspect = content.picture_aspect
    top_items, text_items = text_items_of(content, style)
    in_text = style.dose == "line"
    if content.tick is not None and content.label is not None and tick == "title":
        tick = "after"  # (a group heading above the name: the tick does not go beside it)
    if content.tick is not None and tick == "after":
        text_items.append((content.tick, gap * 2.0))
    if mode == "left" or (mode == "none" and inner > WIDE_CARD and not in_text):
        left_w = inner * (style.picture_width * variant.scale if mode == "left" else 0.3)
        if mode == "left" and variant.keep_column:  # a smaller picture in a column as wide as ever
            left_w = inner * style.picture_width
        # a shrunken picture must not squeeze the dose panel under its longest word ('fisioterapeuta')
        # and never to one or two words a line: at least PANEL_TEXT text sizes wide
        wanted = max(sheet.panel_width_for_words(), PANEL_TEXT * body if variant.roomy_panel else 0.0)
        column_w = max(left_w, min(wanted, inner * MOST_PANEL)) if variant.whole_words else left_w
        if in_text and mode == "left" and aspect is not None:  # no panel: the column is as wide as the picture prints
            left_w = column_w = min(left_w, variant.picture_limit * aspect)
        left_x, right_x = pad, pad + column_w + body
        top_left = pad
        if mode == "left" and aspect is not None:
            pic_h = min(left_w / aspect, variant.picture_limit)
            sheet.picture_box = (left_x, top_left, left_w, pic_h)
            top_left += pic_h + gap * 2
        if not in_text:
            top_left = sheet.dose_panel(left_x, top_left, column_w)
        top_left = sheet.qr_beside_caption(left_x, top_left, column_w)
        if content.tick is not None and tick == "column":
            tick_para, tick_h = wrapped(content.tick, column_w)
            sheet.put(content.tick, tick_para, left_x, top_left)
            top_left += tick_h + gap * 1.5
        narrow = (right_x, inner - column_w - body)
        top = pad
        if content.tick is not None and tick == "title":
            top = sheet.title_row(*narrow, pad)
            text_items = text_items[len(top_items):]
        bottom = sheet.flow_around(text_items, narrow, (pad, inner), top, top_left - gap * 1.5)
    else:
        bottom = _plan_stacked(sheet, text_items, len(top_items), mode, inner, variant, tick)
    return CardPlan(variant, width, bottom + pad, tuple(sheet.placed), sheet.picture_box, sheet.dose_box, sheet.qr_box, sheet.tick_box)


def _plan_stacked(sheet: _Sheet, text_items: list[Item], n_top: int, mode: Placement, inner: float, variant: Variant,
                  tick: TickPlace) -> float:
    """Title, then the picture across the card, then the text: returns the bottom of what is placed (the last
    text's, or the dose panel's without the gap that follows a panel: the card's padding comes under it)."""
    content, style = sheet.content, sheet.style
    pad, body, gap = style.padding, style.body_size, style.gap
    aspect = content.picture_aspect
    has_qr = content.qr_caption is not None
    if content.tick is not None and tick == "title":
        top = sheet.title_row(pad, inner, pad)
    else:
        top = sheet.flow_around(text_items[:n_top], (pad, inner), (pad, inner), pad, pad)
    tick_in_column = tick == "column"
    beside = False
    qr_done = tick_done = False
    if mode == "above" and aspect is not None:
        pic_h = min(inner / aspect, variant.picture_limit)
        pic_w = pic_h * aspect
        side_w = inner - pic_w - body
        beside = (style.dose == "panel" and side_w >= variant.beside * body
                  and side_w >= sheet.panel_width_for_words())
        if beside:  # the dosage panel fits beside the picture: use that room
            pic_w = inner - side_w - body
            sheet.picture_box = (pad, top + gap, pic_w, pic_h)
            panel_bottom = sheet.dose_panel(pad + pic_w + body, top + gap, side_w)
            panel_bottom = sheet.qr_beside_caption(pad + pic_w + body, panel_bottom, side_w)
            if content.tick is not None and tick_in_column:
                tick, tick_h = wrapped(content.tick, side_w)
                sheet.put(content.tick, tick, pad + pic_w + body, panel_bottom)
                panel_bottom += tick_h + gap * 1.5
                tick_done = True
            top = max(top + gap + pic_h + gap * 3, panel_bottom)
        elif has_qr:  # the video code at the right of the picture, not under everything
            room = inner - style.qr_size - body
            pic_h = min(pic_h, room / aspect)
            sheet.picture_box = (pad, top + gap, room, pic_h)
            top += max(pic_h, sheet.qr_over_caption(pad + room + body, top + gap)) + gap * 3
            qr_done = True
        else:
            sheet.picture_box = (pad, top + gap, inner, pic_h)
            top += pic_h + gap * 3
    rest = text_items[n_top:]
    if content.tick is not None and tick_in_column and not tick_done:  # no column beside the picture for it
        rest = [*rest, (content.tick, gap * 2.0)]
    if beside or style.dose == "line":
        return sheet.flow_around(rest, (pad, inner), (pad, inner), top, top)
    if inner > WIDE_CARD:  # wide card: the panel starts a left column, the steps flow beside and below it
        panel_w = inner * 0.34
        column_bottom = sheet.dose_panel(pad, top, panel_w)
        if not qr_done:
            column_bottom = sheet.qr_beside_caption(pad, column_bottom, panel_w)
        column_bottom -= gap * 1.5
        right = pad + panel_w + body
        return sheet.flow_around(rest, (right, inner - panel_w - body), (pad, inner), top, column_bottom)
    # narrow card: the panel after the steps, the video code beside it
    top = sheet.flow_around(rest, (pad, inner), (pad, inner), top, top)
    top += gap * 2
    if has_qr and not qr_done:
        panel_w = inner - style.qr_size - body
        panel_bottom = sheet.dose_panel(pad, top, panel_w)
        return max(panel_bottom - gap * 1.5, top + sheet.qr_over_caption(pad + panel_w + body, top))
    return sheet.dose_panel(pad, top, inner) - gap * 1.5
