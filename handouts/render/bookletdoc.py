"""The booklet's document template: its page templates, page numbers, bookmarks and page labels.

`Outline` is the invisible marker a story places where a section or an exercise starts; the document
records the page it lands on (`BookletDoc.pages`), which the next layout pass prints in the contents.
`PageMark` records a page only: where a part that runs over several pages ends.
"""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from .cardflow import outlines_of
from .context import RenderContext
from .page import PageDecorator, PageState, geometry


class Outline(Flowable):
    """An invisible marker: a bookmark, an outline entry and the section name for the page header."""

    def __init__(self, key: str, title: str, level: int, section: str | None = None):
        super().__init__()
        self.key, self.title, self.level, self.section = key, title, level, section
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        doc = self.canv._doctemplate  # type: ignore[attr-defined]
        doc.mark(self.key, self.title, self.level, self.section)


class PageMark(Flowable):
    """An invisible marker that only records the page it lands on (where a part spanning pages ends)."""

    def __init__(self, key: str):
        super().__init__()
        self.key = key
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        doc = self.canv._doctemplate  # type: ignore[attr-defined]
        doc.pages[self.key] = doc.page


class BookletDoc(BaseDocTemplate):
    def __init__(self, buffer: io.BytesIO, ctx: RenderContext, *, title: str, subject: str):
        from ..i18n import LANG_TAGS

        geo = geometry(ctx)
        super().__init__(
            buffer, pagesize=(geo.width, geo.height), title=title, author=ctx.clinic.name, subject=subject,
            creator="handouts (back-care handout generator)", producer="handouts with ReportLab",
            keywords=ctx.m("pdf.keywords"), invariant=1, lang=LANG_TAGS[ctx.lang],
            initialFontName=ctx.fonts.regular,
        )
        self.ctx = ctx
        self.geo = geo
        self.decorator = PageDecorator(ctx, geo, "")
        content = Frame(geo.left, geo.frame_bottom, geo.content_width, geo.frame_height, id="content",
                        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        full = Frame(geo.left, geo.bottom, geo.content_width, geo.top - geo.bottom, id="full",
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([
            PageTemplate(id="cover", frames=[full]),
            PageTemplate(id="page", frames=[content], onPageEnd=self.decorate),
            PageTemplate(id="back", frames=[full]),
        ])
        self.pages: dict[str, int] = {}
        self.section = ""
        self.page_state = PageState()

    def handle_pageBegin(self) -> None:
        self.page_state.new_page()
        super().handle_pageBegin()

    def mark(self, key: str, title: str, level: int, section: str | None) -> None:
        self.pages[key] = self.page
        if section is not None:
            self.section = section
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(title, key, level=level, closed=False)

    def afterFlowable(self, flowable: Flowable) -> None:
        self.page_state.placed(flowable)
        for outline in outlines_of(flowable):
            self.mark(*outline)

    def decorate(self, canvas: Canvas, doc: Any) -> None:
        canvas.saveState()
        self.decorator.short_title = self.section
        self.decorator.header(canvas)
        self._page_number(canvas)
        canvas.restoreState()

    def _page_number(self, canvas: Canvas) -> None:
        """The printed number at the outer bottom corner: left on even pages, right on odd ones."""
        ctx, geo = self.ctx, self.geo
        size = ctx.layout.text.footer.size
        canvas.setFont(ctx.fonts.regular, size)
        canvas.setFillColor(HexColor(ctx.palette.muted))
        canvas.setStrokeColor(HexColor(ctx.palette.rule))
        canvas.setLineWidth(ctx.layout.lines.rule)
        rule_y = geo.bottom + geo.footer_height + 5
        canvas.line(geo.left, rule_y, geo.right, rule_y)
        text = ctx.m.number(self.page)
        y = geo.bottom + size * 0.5
        if self.page % 2:
            canvas.drawRightString(geo.right, y, text)
        else:
            canvas.drawString(geo.left, y, text)


def booklet_canvas(ctx: RenderContext) -> type[Canvas]:
    """Page labels that match the printed numbers: 'Cover', 2, 3, ..., 'Back cover'."""

    class BookletCanvas(Canvas):
        def save(self) -> None:
            total = self.getPageNumber() - 1
            self.addPageLabel(0, prefix=ctx.m("booklet.label_cover"))
            if total > 2:
                self.addPageLabel(1, style="D", start=2)
            self.addPageLabel(total - 1, prefix=ctx.m("booklet.label_back_cover"))
            super().save()

    return BookletCanvas
