"""The booklet's contents lines ('title ..... page'): the parts after the list of exercises (safety, log, notes)."""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from .context import RenderContext
from .linefit import breakable

SHORT = 6  # entries: a list this short is kept whole


class ContentsList(Flowable):
    """Lines of 'title ..... page', each a link to its bookmark; long titles wrap; splits between entries."""

    def __init__(self, ctx: RenderContext, entries: list[tuple[int, str, str, bool]], pages: dict[str, int]):
        super().__init__()
        self.ctx = ctx
        self.entries = entries  # (level, title, key, printed elsewhere)
        self.pages = pages
        size = ctx.layout.text.body.size
        self.line = size * 1.25
        self.size = size

    def _entry_style(self, level: int) -> tuple[str, float]:
        """Font and indent of an entry: regions bold at the margin, exercises regular and indented."""
        return (self.ctx.fonts.bold, 0.0) if level == 0 else (self.ctx.fonts.regular, self.size * 1.2)

    def _right(self, key: str, elsewhere: bool) -> str:
        page = self.pages.get(key)
        number = self.ctx.m.number(page) if page else "\u2013"
        return self.ctx.m("card.see_page_short", page=number) if elsewhere else number

    def _lines(self, width: float) -> list[list[str]]:
        """Each entry's title broken into lines that leave room for the page number on the last one."""
        out = []
        for level, title, key, elsewhere in self.entries:
            font, indent = self._entry_style(level)
            right_w = stringWidth(self._right(key, elsewhere), self.ctx.fonts.regular, self.size)
            lines: list[str] = []
            current = ""
            for word in breakable(title.split(), font, self.size, width - indent - self.size * 1.5 - right_w):
                trial = f"{current} {word}".strip()
                if stringWidth(trial, font, self.size) <= width - indent - self.size * 1.5 - (right_w if not lines else 0):
                    current = trial
                else:
                    lines.append(current)
                    current = word
            lines.append(current)
            # the page number goes on the last line: make sure it fits there
            if stringWidth(lines[-1], font, self.size) > width - indent - right_w - self.size * 1.5 and len(lines[-1].split()) > 1:
                last = lines.pop().split()
                lines += [" ".join(last[:-1]), last[-1]]
            out.append([line for line in lines if line])
        return out

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.broken = self._lines(availWidth)
        self.width, self.height = availWidth, sum(len(lines) for lines in self.broken) * self.line
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        if len(self.entries) <= SHORT:
            return []  # a short list is never split: it moves whole to the next page, no entry alone there
        broken = self._lines(availWidth)
        used, fit = 0.0, 0
        for lines in broken:
            if used + len(lines) * self.line > availHeight:
                break
            used += len(lines) * self.line
            fit += 1
        if fit == 0 or fit >= len(self.entries):
            return [] if fit == 0 else [self]
        return [ContentsList(self.ctx, self.entries[:fit], self.pages), ContentsList(self.ctx, self.entries[fit:], self.pages)]

    def draw(self) -> None:
        canvas: Canvas = self.canv
        ctx = self.ctx
        size = self.size
        p = ctx.palette
        y = self.height
        for (level, _, key, elsewhere), lines in zip(self.entries, self.broken, strict=True):
            top = y
            font, indent = self._entry_style(level)
            for index, text in enumerate(lines):
                y -= self.line
                base = y + (self.line - size) / 2
                canvas.setFillColor(HexColor(p.accent if level == 0 else p.text))
                canvas.setFont(font, size)
                canvas.drawString(indent + (size if index else 0), base, text)
            right = self._right(key, elsewhere)
            right_w = stringWidth(right, ctx.fonts.regular, size)
            canvas.setFillColor(HexColor(p.text))
            canvas.setFont(ctx.fonts.regular, size)
            canvas.drawRightString(self.width, base, right)
            start = indent + (size if len(lines) > 1 else 0) + stringWidth(lines[-1], font, size) + size * 0.5
            end = self.width - right_w - size * 0.5
            if end > start:  # dotted leader
                canvas.setFillColor(HexColor(p.muted))
                dots = "." * int((end - start) // stringWidth(". ", ctx.fonts.regular, size))
                canvas.drawRightString(end, base, " ".join(dots))
            if self.pages.get(key):
                canvas.linkRect("", key, (0, y, self.width, top), relative=1, thickness=0)


def contents(ctx: RenderContext, parts: list[tuple[str, str]], pages: dict[str, int]) -> Flowable:
    """The booklet's other parts (title, bookmark key), each with its page, after the list of exercises."""
    return ContentsList(ctx, [(0, title, key, False) for title, key in parts], pages)
