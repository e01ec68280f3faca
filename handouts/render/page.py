"""Page furniture: geometry, the header and footer drawn once per page, and the document template.

The header (logo, clinic name, phone) and the footer (contact line, "Page X of Y", date) are
drawn in ``onPage``, never as flowables. "of Y" is a form XObject defined when the document is
saved, so page numbers cost no second layout pass.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any, NamedTuple

from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from ..errors import UserError
from ..i18n import LANG_TAGS
from ..rawpdf import Recording, draw_recorded
from .context import RenderContext
from .images import Picture, logo_picture
from .linefit import fit_text, truncate, two_lines

HEADER_GAP = 10.0
FOOTER_GAP = 10.0
TOTAL_FORM = "pages-total"


class Geometry(NamedTuple):
    width: float
    height: float
    left: float
    right: float  # x of the right margin
    top: float  # y of the top margin
    bottom: float  # y of the bottom margin
    header_height: float
    footer_height: float

    @property
    def content_width(self) -> float:
        return self.right - self.left

    @property
    def frame_top(self) -> float:
        return self.top - (self.header_height + HEADER_GAP if self.header_height else 0)

    @property
    def frame_bottom(self) -> float:
        return self.bottom + (self.footer_height + FOOTER_GAP if self.footer_height else 0)

    @property
    def frame_height(self) -> float:
        return self.frame_top - self.frame_bottom


def geometry(ctx: RenderContext) -> Geometry:
    layout = ctx.layout
    page = layout.page
    m = page.margins
    header = layout.header
    footer = layout.footer
    has_header = header.logo or header.clinic_name or header.phone
    width = page.width - m.left - m.right
    footer_lines = len(footer_contact_lines(ctx, width)) + (1 if (footer.page_numbers or footer.date) else 0)
    leading = layout.text.footer.size * layout.text.footer.leading
    return Geometry(
        width=page.width,
        height=page.height,
        left=m.left,
        right=page.width - m.right,
        top=page.height - m.top,
        bottom=m.bottom,
        header_height=header.height if has_header else 0.0,
        footer_height=footer_lines * leading + (layout.text.footer.size * 0.3 if footer_lines else 0.0),
    )


def contact_line(ctx: RenderContext, *, email: bool = True) -> str:
    clinic = ctx.clinic
    parts = []
    if clinic.address:
        parts.append(", ".join(line.strip() for line in clinic.address.splitlines() if line.strip()))
    if clinic.phone:
        parts.append(clinic.phone)
    if clinic.email and email:
        parts.append(clinic.email)
    if clinic.website:
        parts.append(clinic.website)
    return "  \u00b7  ".join(parts)


def footer_contact_lines(ctx: RenderContext, width: float) -> list[str]:
    """The contact line on one line if it fits (without the e-mail address if need be), else on two."""
    if not ctx.layout.footer.contact:
        return []
    font, size = ctx.fonts.regular, ctx.layout.text.footer.size
    for email in (True, False):
        text = contact_line(ctx, email=email)
        if stringWidth(text, font, size) <= width:
            return [text] if text else []
    # every line of the clinic's contact details is printed (the footer band grows), never cut with '…'
    return fit_text(contact_line(ctx), font, size, width, max_lines=None)


class PageDecorator:
    """Draws the header and footer on each page."""

    def __init__(self, ctx: RenderContext, geo: Geometry, short_title: str):
        self.ctx = ctx
        self.geo = geo
        self.short_title = short_title
        self.logo: Picture | None = logo_picture(ctx) if ctx.layout.header.logo else None
        self.contact_lines = footer_contact_lines(ctx, geo.content_width)
        self._same: tuple[object, Recording | None] = (None, None)  # what is the same on every page, and its document

    def __call__(self, canvas: Canvas, doc: Any) -> None:
        # drawn once, then repeated on each page: within one document, text always encodes alike
        same_doc, recording = self._same
        recording = draw_recorded(canvas, 0, 0, recording if same_doc is canvas._doc else None, (),
                                  self.same_on_every_page)
        self._same = (canvas._doc, recording)
        canvas.saveState()
        self.page_number(canvas, canvas.getPageNumber())
        canvas.restoreState()

    def same_on_every_page(self, canvas: Canvas) -> None:
        self.header(canvas)
        self.footer(canvas)

    def header(self, canvas: Canvas) -> None:
        geo, ctx, layout = self.geo, self.ctx, self.ctx.layout
        if not geo.header_height:
            return
        p = ctx.palette
        fonts = ctx.fonts
        x = geo.left
        top = geo.top
        h = geo.header_height
        if self.logo is not None:
            w = self.logo.draw_fit(canvas, x, top - h, h * 3.2, h, align="left")
            x += w + 10
        name_size = layout.text.body.size
        small = layout.text.footer.size
        lines: list[tuple[str, str, float, str]] = []
        if layout.header.clinic_name:
            lines.append((ctx.clinic.name, fonts.bold, name_size, p.text))
        if layout.header.phone and ctx.clinic.phone:
            lines.append((ctx.m("footer.phone", phone=ctx.clinic.phone), fonts.regular, small, p.muted))
        # the running title (a patient's name) takes at most half the header, on two lines if it must
        short = fit_text(self.short_title, fonts.regular, small, geo.content_width / 2) if self.short_title else []
        room = geo.right - x - 12 - max((stringWidth(text, font, size) for text, font, size, _ in lines), default=0)
        if short and lines and max(stringWidth(line, fonts.regular, small) for line in short) > room:
            # never cut the clinic's name: a title too wide beside it goes on two lines in the room left, or is left out
            short = two_lines(self.short_title, fonts.regular, small, room)
        right_w = max((stringWidth(line, fonts.regular, small) for line in short), default=0)
        available = geo.right - x - right_w - 12 if short else geo.right - x
        if layout.header.clinic_name and stringWidth(ctx.clinic.name, fonts.bold, name_size) > available:
            self._wrap_name(lines, available, h)
        total_h = sum(size * 1.25 for _, _, size, _ in lines)
        y = top - (h - total_h) / 2
        for text, font, size, color in lines:
            y -= size * 1.05
            canvas.setFont(font, size)
            canvas.setFillColor(HexColor(color))
            canvas.drawString(x, y, truncate(text, font, size, available))
            y -= size * 0.2
        if short:
            canvas.setFont(fonts.regular, small)
            canvas.setFillColor(HexColor(p.muted))
            first = top - h / 2 - small * 0.35 + (len(short) - 1) * small * 0.6
            for index, line in enumerate(short):
                canvas.drawRightString(geo.right, first - index * small * 1.2, line)
        canvas.setStrokeColor(HexColor(p.rule))
        canvas.setLineWidth(layout.lines.rule)
        canvas.line(geo.left, top - h - HEADER_GAP / 2, geo.right, top - h - HEADER_GAP / 2)

    def _wrap_name(self, lines: list[tuple[str, str, float, str]], available: float, band: float) -> None:
        """A clinic's name too wide for the header goes on two lines where the band has room for them; one that
        still does not fit is refused at its line (never cut short)."""
        ctx, layout = self.ctx, self.ctx.layout
        name, font, size, color = lines[0]
        wrapped = fit_text(name, font, size, available)
        if len(wrapped) == 2 and not wrapped[1].endswith("\u2026") and \
                sum(s * 1.25 for _, _, s, _ in lines) + size * 1.25 <= band:
            lines[0:1] = [(line, font, size, color) for line in wrapped]
            return
        width = stringWidth(name, font, size)
        problem = ctx.clinic_doc.problem(("name",), f"is too wide for the header of layout '{layout.name}' ({width / 72:.1f} in "
                                         f"at {size:g} pt; there is {available / 72:.1f} in beside the logo, and no room for a "
                                         "second line); shorten it, or set header: {height: 0.75in} in a layout")
        if problem not in ctx.problems.found:
            ctx.problems.found.append(problem)

    def footer_baseline(self) -> float:
        """The baseline of the line with the page number and the date."""
        size = self.ctx.layout.text.footer.size
        leading = size * self.ctx.layout.text.footer.leading
        return self.geo.bottom + self.geo.footer_height - size - leading * len(self.contact_lines)

    def footer(self, canvas: Canvas) -> None:
        """The footer without the page number: rule, contact lines and date."""
        geo, ctx, layout = self.geo, self.ctx, self.ctx.layout
        if not geo.footer_height:
            return
        p = ctx.palette
        font = ctx.fonts.regular
        size = layout.text.footer.size
        leading = size * layout.text.footer.leading
        canvas.setStrokeColor(HexColor(p.rule))
        canvas.setLineWidth(layout.lines.rule)
        rule_y = geo.bottom + geo.footer_height + FOOTER_GAP / 2
        canvas.line(geo.left, rule_y, geo.right, rule_y)
        canvas.setFillColor(HexColor(p.muted))
        canvas.setFont(font, size)
        # baselines from the top of the footer band down; descenders stay above the bottom margin
        y = geo.bottom + geo.footer_height - size
        for line in self.contact_lines:
            canvas.drawString(geo.left, y, line)
            y -= leading
        if layout.footer.date:
            canvas.drawRightString(geo.right, self.footer_baseline(), ctx.m("footer.printed", date=ctx.m.date(ctx.date)))

    def page_number(self, canvas: Canvas, page: int) -> None:
        """'Page 3 of', then the form that holds the total, filled in when the document is saved."""
        ctx, layout = self.ctx, self.ctx.layout
        if not (self.geo.footer_height and layout.footer.page_numbers):
            return
        font, size = ctx.fonts.regular, layout.text.footer.size
        x, y = self.geo.left, self.footer_baseline()
        prefix = ctx.m.table["footer.page"].split("{pages}")[0].format(page=ctx.m.number(page))
        canvas.setFillColor(HexColor(ctx.palette.muted))
        canvas.setFont(font, size)
        canvas.drawString(x, y, prefix)
        canvas.translate(x + stringWidth(prefix, font, size), y)
        canvas.doForm(TOTAL_FORM)


def build_or_explain(ctx: RenderContext, build: Callable[[], None]) -> None:
    """Lay out a document; a block that cannot fit on any page of this layout is the layout's problem
    to report, and so is every card found too large while laying out (``ctx.problems``)."""
    from reportlab.platypus.doctemplate import LayoutError

    try:
        build()
    except LayoutError:
        from ..models.room import LAYOUT_ERROR_FIELDS, located

        layout = ctx.layout
        message = (f"with body text of {layout.text.body.size:g} pt on {layout.page.size.name} paper, a block of text "
                   "does not fit on one page; use a smaller text size, padding or margins, or a larger page")
        if layout.source is None:
            raise UserError([f"layout '{layout.name}': {message}"]) from None
        raise UserError([located(layout.source, LAYOUT_ERROR_FIELDS, message)]) from None
    problems = ctx.problems.take()
    if problems:
        raise UserError(problems)


def canvas_class(ctx: RenderContext) -> type[Canvas]:
    """A canvas that, when saved, defines the form holding the total page count."""
    font = ctx.fonts.regular
    size = ctx.layout.text.footer.size
    color = ctx.palette.muted

    class TotalPagesCanvas(Canvas):
        def save(self) -> None:
            total = self.getPageNumber() - 1
            self.beginForm(TOTAL_FORM)
            self.setFont(font, size)
            self.setFillColor(HexColor(color))
            self.drawString(0, 0, ctx.m.number(total))
            self.endForm()
            super().save()

    return TotalPagesCanvas


class PageState:
    """What is on the page being filled: kept by the document template, read by the blocks that decide
    whether to start a new page (see :class:`.cardflow.CardGroup`, :class:`.flowables.Gap`)."""

    def __init__(self) -> None:
        self.cards = 0  # exercise cards on this page
        self.empty = True  # nothing with a height drawn on it yet
        self.number = 0  # the page being filled, counted from 1
        #: pages left short because the next card did not fit the room left, even with its smallest picture
        self.left_short: list[int] = []
        self.printed: list[str] = []  # the exercises' ids in the order their cards were printed

    def new_page(self) -> None:
        self.cards = 0
        self.empty = True
        self.number += 1

    def card_moved_on(self) -> None:
        """The next card does not fit what is left of this page: it starts the next one."""
        if self.number not in self.left_short:
            self.left_short.append(self.number)

    def placed(self, flowable: Any) -> None:
        """``flowable`` was drawn on this page."""
        self.cards += getattr(flowable, "cards", 0)
        self.printed += exercises_in(flowable)
        if getattr(flowable, "height", 0) or flowable.getSpaceAfter():
            self.empty = False


def exercises_in(flowable: Any) -> list[str]:
    """The ids of the exercise cards a placed flowable holds, in print order (a card, a stack, a row of cards)."""
    exercise = getattr(flowable, "exercise", None)
    if exercise is not None:
        return [exercise.id]
    found: list[str] = []
    for part in (*getattr(flowable, "units", ()), *getattr(flowable, "members", ())):
        found += exercises_in(part)
    return found


class HandoutDoc(BaseDocTemplate):
    """One document: pages with header, footer and one content frame."""

    def __init__(self, buffer: io.BytesIO, ctx: RenderContext, *, title: str, subject: str, short_title: str,
                 on_page: Callable[[Canvas, Any], None] | None = None):
        geo = geometry(ctx)
        super().__init__(
            buffer,
            pagesize=(geo.width, geo.height),
            leftMargin=geo.left,
            rightMargin=geo.width - geo.right,
            topMargin=geo.height - geo.top,
            bottomMargin=geo.bottom,
            title=title,
            author=ctx.clinic.name,
            subject=subject,
            creator="handouts (back-care handout generator)",
            producer="handouts with ReportLab",
            keywords=ctx.m("pdf.keywords"),
            invariant=1,
            lang=LANG_TAGS[ctx.lang],
            initialFontName=ctx.fonts.regular,
        )
        self.ctx = ctx
        self.geo = geo
        self.decorator = PageDecorator(ctx, geo, short_title)
        frame = Frame(geo.left, geo.frame_bottom, geo.content_width, geo.frame_height, id="content",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=on_page or self.decorator)])
        self.page_state = PageState()

    def handle_pageBegin(self) -> None:
        self.page_state.new_page()
        super().handle_pageBegin()

    def afterFlowable(self, flowable: Any) -> None:
        self.page_state.placed(flowable)

    def render(self, story: list[Any]) -> bytes:
        build_or_explain(self.ctx, lambda: self.build(story, canvasmaker=canvas_class(self.ctx)))
        return bytes(self.filename.getvalue())
