"""The exercise log: a grid of tick boxes, one row per exercise, one column per day."""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable

from .cards import styles_for
from .context import RenderContext
from .para import paragraph, wrapped

BIG = 1e6


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


