"""The blocks a handout is made of besides its cards: gaps, the page guard, boxes, note lines.

Blocks that depend on what is already on the page (a gap that vanishes at the top of a page, a
guard that keeps to the layout's cards a page) read it from the document's :class:`PageState`,
given to them when the story is built.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

from .cards import styles_for
from .context import RenderContext
from .page import PageState
from .para import laid_out, read_only, wrapped

BIG = 1e6


class _Placed(NamedTuple):
    """A paragraph and where it goes inside a box (offsets from the box's top-left)."""

    para: Paragraph
    x: float
    top: float  # distance from the box's top to the paragraph's top


class Gap(Flowable):
    """Vertical space between blocks that vanishes at the top of a page and never forces a new page."""

    def __init__(self, height: float, page: PageState):
        super().__init__()
        self.gap = height
        self.page = page

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, self.height = availWidth, 0.0 if self.page.empty else min(self.gap, max(0.0, availHeight))
        return self.width, self.height

    def draw(self) -> None:
        pass


class Box(Flowable):
    """A rounded box with a heading and paragraphs (the safety guidance)."""

    def __init__(self, ctx: RenderContext, heading: str | None, paras: list[Paragraph], *, filled: bool = True):
        super().__init__()
        self.ctx = ctx
        s = styles_for(ctx)
        self.heading_text = heading
        self.heading = read_only(heading, s.box_heading) if heading else None  # (laid out as its wrapped copies)
        self.paras = paras
        self.filled = filled
        self.outline: tuple[str, str, int, str | None] | None = None  # a booklet bookmark where the box starts

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
        first.outline = self.outline  # the bookmark marks the page the box starts on
        # the second box says what it continues, in a heading of its own, on the next page
        carried = self.ctx.m("handout.continued", heading=self.heading_text) if self.heading_text else None
        rest = Box(self.ctx, carried, self.paras[keep:], filled=self.filled)
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


class SideBySide(Flowable):
    """Two boxes in two columns, equally tall (the minutes a day beside the clinician's note)."""

    def __init__(self, left: Flowable, right: Flowable, gap: float):
        super().__init__()
        self.left = left
        self.right = right
        self.gap = gap

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.column = (availWidth - self.gap) / 2
        height = max(self.left.wrap(self.column, availHeight)[1], self.right.wrap(self.column, availHeight)[1])
        self.left.height = self.right.height = height  # equal heights: the borders line up
        self.width, self.height = availWidth, height
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        self.left.drawOn(self.canv, 0, 0)
        self.right.drawOn(self.canv, self.column + self.gap, 0)


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


def paragraphs(ctx: RenderContext, texts: Sequence[str], style_name: str = "body", bullet: str | None = None) -> list[Any]:
    """The paragraphs of a :class:`Box`: only their wrapped copies are drawn, so each is made once per process."""
    style = getattr(styles_for(ctx), style_name)
    return [read_only(t, style, bullet=bullet) for t in texts]


def draw_stack(canvas: Canvas, items: Sequence[Flowable], width: float, top: float) -> float:
    """Draw ``items`` one under another from ``top`` down (spaces between them as on a page); returns
    where the next item would go."""
    for index, item in enumerate(items):
        drawn, h = laid_out(item, width)
        top -= item.getSpaceBefore() if index else 0.0
        drawn.drawOn(canvas, 0, top - h)
        top -= h + item.getSpaceAfter()
    return top
