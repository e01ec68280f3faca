"""The booklet's front cover (clinic, title, pictures, the patient's name) and back cover (contacts, hours, QR)."""

from __future__ import annotations

from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from .cards import styles_for
from .context import RenderContext
from .flowables import BIG
from .handout import note_untranslated
from .images import logo_picture
from .para import paragraph
from .qr import draw_qr

COVER_LOGO = 1.1 * 72  # points


class _WholePage(Flowable):
    """A cover: it takes the whole page it is on."""

    def __init__(self, ctx: RenderContext, frame_height: float):
        super().__init__()
        self.ctx = ctx
        self.frame_height = frame_height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, self.height = availWidth, self.frame_height - 1
        return self.width, self.height


class Cover(_WholePage):
    """The front cover: logo and clinic name, title, three pictures, lines for the patient's name and date."""

    def __init__(self, ctx: RenderContext, pictures: list[Any], frame_height: float, captions: list[str] | None = None):
        super().__init__(ctx, frame_height)
        self.pictures = pictures
        self.captions = captions or [""] * len(pictures)  # each picture's exercise, printed under it
        self.caption_style = ParagraphStyle("cover caption", parent=styles_for(ctx).caption, alignment=1,
                                            textColor=HexColor(ctx.palette.muted))
        s = styles_for(ctx)
        m = ctx.m
        self.name = paragraph(ctx.clinic.name, s.heading)
        self.title = paragraph(m("booklet.title"), s.title)
        self.subtitle = paragraph(m("booklet.subtitle"), s.subtitle)
        self.logo = logo_picture(ctx)

    def draw(self) -> None:
        canvas = self.canv
        ctx = self.ctx
        m = ctx.m
        p = ctx.palette
        w, h = self.width, self.height
        top = h
        if self.logo is not None:
            logo_h = COVER_LOGO
            self.logo.draw_fit(canvas, 0, top - logo_h, w, logo_h)
            top -= logo_h + 12
        for para in (self.name, self.title, self.subtitle):
            _, ph = para.wrap(w, BIG)
            para.drawOn(canvas, 0, top - ph)
            top -= ph + 8
        canvas.setStrokeColor(HexColor(p.rule))
        canvas.setLineWidth(ctx.layout.lines.rule * 2)
        canvas.line(0, top, w, top)
        top -= 14
        lines_h = ctx.layout.text.body.size * 5.5
        band = top - lines_h
        if self.pictures:
            # the first picture across the whole width, the others side by side under it; each over its name
            gap = 10.0
            caption = styles_for(ctx).caption.leading
            named = caption * 2.3 if any(self.captions) else 0.0  # two lines of a name
            first, rest = self.pictures[0], self.pictures[1:]
            first_h = min(w / first.aspect, band * (0.45 if rest else 1.0) - named)
            first.draw(canvas, 0, top - first_h, w, first_h)
            self._caption(canvas, self.captions[0], w / 2, top - first_h - caption * 0.2, w)
            if rest:
                cell_w = (w - gap * (len(rest) - 1)) / len(rest)
                cell_h = band - first_h - named - gap - named
                for i, picture in enumerate(rest):
                    x = i * (cell_w + gap)
                    y = top - first_h - named - gap - cell_h
                    picture.draw(canvas, x, y, cell_w, cell_h)
                    self._caption(canvas, self.captions[1 + i], x + cell_w / 2, y - caption * 0.2, cell_w)
        size = ctx.layout.text.body.size
        canvas.setFont(ctx.fonts.regular, size)
        canvas.setFillColor(HexColor(p.text))
        canvas.setStrokeColor(HexColor(p.text))
        canvas.setLineWidth(0.8)
        y = size * 3.2
        for label, right in ((m("booklet.patient_line"), w), (m("booklet.date_line"), w * 0.6)):
            canvas.drawString(0, y, label)
            start = stringWidth(label, ctx.fonts.regular, size) + 6
            canvas.line(start, y - 2, right, y - 2)
            y -= size * 2.4


    def _caption(self, canvas: Any, text: str, centre: float, y: float, width: float) -> None:
        """A picture's name, centred under it, on up to two lines (``y``: the top of its first line)."""
        if not text:
            return
        para = paragraph(text, self.caption_style)
        _, h = para.wrap(width, BIG)
        para.drawOn(canvas, centre - width / 2, y - h)


class WriteIn(str):
    """A back cover block: a label and a line after it to write on."""


class BackCover(_WholePage):
    """The back cover: the clinic's full contact details, a line for the clinician's name, opening hours, and
    a QR code to its website.

    The booklet is handed out by any clinician of the clinic (it lies in the waiting room): the clinician
    writes their name on the line, rather than the booklet naming the clinic profile's one clinician.
    """

    def __init__(self, ctx: RenderContext, frame_height: float):
        super().__init__(ctx, frame_height)
        s = styles_for(ctx)
        m = ctx.m
        clinic = ctx.clinic
        self.blocks: list[Any] = [paragraph(m("booklet.back_cover_title"), s.heading), paragraph(clinic.name, s.small_heading)]
        if clinic.address:
            self.blocks += [paragraph(line, s.body) for line in clinic.address.splitlines() if line.strip()]
        for label, value in (("booklet.phone", clinic.phone), ("booklet.email", clinic.email), ("booklet.website", clinic.website)):
            if value:
                self.blocks.append(paragraph(value, s.body, lead=m(label), lead_font=ctx.fonts.bold))
        self.blocks += [6.0, WriteIn(m("booklet.clinician_line"))]
        hours = clinic_hours(ctx)
        if hours:
            self.blocks.append(6.0)  # a gap
            self.blocks.append(paragraph(m("booklet.opening_hours"), s.small_heading))
            self.blocks += [paragraph(line, s.body) for line in hours]
        self.url = clinic.website_url
        self.caption = paragraph(m("booklet.scan_website"), s.caption)

    def draw(self) -> None:
        canvas = self.canv
        top = self.height
        for block in self.blocks:
            if isinstance(block, float):
                top -= block
                continue
            if isinstance(block, WriteIn):
                top -= self.write_in(block, top)
                continue
            _, h = block.wrap(self.width, BIG)
            block.drawOn(canvas, 0, top - h)
            top -= h + 3
        logo = logo_picture(self.ctx)
        if logo is not None:
            logo.draw_fit(canvas, 0, 0, self.width * 0.5, 0.6 * 72, align="left")
        if self.url:
            size = 1.25 * 72
            draw_qr(canvas, self.url, self.width - size, 0, size, self.ctx.palette.text)
            _, h = self.caption.wrap(size, BIG)
            self.caption.drawOn(canvas, self.width - size, size + 4)


    def write_in(self, label: str, top: float) -> float:
        """``label`` in bold and a line after it to the right edge, its top at ``top``: returns its height."""
        ctx = self.ctx
        size = ctx.layout.text.body.size
        canvas = self.canv
        canvas.saveState()
        canvas.setFont(ctx.fonts.bold, size)
        canvas.setFillColor(HexColor(ctx.palette.text))
        canvas.setStrokeColor(HexColor(ctx.palette.text))
        canvas.setLineWidth(0.8)
        y = top - size * 1.6  # room above the line to write
        canvas.drawString(0, y, label)
        canvas.line(stringWidth(label, ctx.fonts.bold, size) + 6, y - 2, self.width, y - 2)
        canvas.restoreState()
        return size * 2.2


def clinic_hours(ctx: RenderContext) -> list[str]:
    translation = getattr(ctx.clinic.translations, ctx.lang, None) if ctx.lang != "en" else None
    if translation is not None and translation.opening_hours:
        return list(translation.opening_hours)
    if ctx.clinic.opening_hours:
        note_untranslated(ctx, "opening_hours")
    return list(ctx.clinic.opening_hours)
