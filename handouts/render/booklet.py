"""The clinic booklet: cover, how to use, contents, one section per region, log, notes, back cover.

Designed at the folded size (half Letter or A5). Page numbers that the booklet prints about itself
(contents, "see page N") come from the previous layout pass; passes repeat until they agree and the
page count is a multiple of 4, padded with notes pages, so that it folds without blank leaves.
"""

from __future__ import annotations

import functools
import io
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
)

from ..models.catalog import REGIONS, Exercise
from ..text import exercise_words, localized
from .cardflow import outlines_of
from .cards import styles_for
from .context import RenderContext
from .ending import stack_height
from .flowables import BIG, Gap, NoteLines, paragraphs
from .guidance import booklet_key_points, key_points_box, red_flag_box
from .handout import (
    check_clinic_glyphs,
    check_glyphs,
    clinic_text,
    exercise_cards,
    intro_text,
    note_untranslated,
    ordered,
    safety_box,
)
from .images import logo_picture
from .legend import legend
from .log import LogGrid, LogRow, log_items
from .page import PageDecorator, PageState, breakable, build_or_explain, geometry
from .para import paragraph
from .pictures import picture_for
from .qr import draw_qr

MAX_PASSES = 6
COVER_LOGO = 1.1 * 72  # points


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

    def __init__(self, ctx: RenderContext, pictures: list[Any], frame_height: float):
        super().__init__(ctx, frame_height)
        self.pictures = pictures
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
            # the first picture across the whole width, the others side by side under it
            gap = 10.0
            first, rest = self.pictures[0], self.pictures[1:]
            first_h = min(w / first.aspect, band * (0.45 if rest else 1.0))
            first.draw(canvas, 0, top - first_h, w, first_h)
            if rest:
                cell_w = (w - gap * (len(rest) - 1)) / len(rest)
                cell_h = band - first_h - gap
                for i, picture in enumerate(rest):
                    picture.draw(canvas, i * (cell_w + gap), top - first_h - gap - cell_h, cell_w, cell_h)
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


class BackCover(_WholePage):
    """The back cover: the clinic's full contact details, opening hours, and a QR code to its website."""

    def __init__(self, ctx: RenderContext, frame_height: float):
        super().__init__(ctx, frame_height)
        s = styles_for(ctx)
        m = ctx.m
        clinic = ctx.clinic
        self.blocks: list[Any] = [paragraph(m("booklet.back_cover_title"), s.heading), paragraph(clinic.name, s.small_heading)]
        clinician = clinic_text(ctx, "clinician")
        if clinician:
            self.blocks.append(paragraph(m("program.clinician", name=clinician), s.body))  # 'Fisioterapeuta: name'
        if clinic.address:
            self.blocks += [paragraph(line, s.body) for line in clinic.address.splitlines() if line.strip()]
        for label, value in (("booklet.phone", clinic.phone), ("booklet.email", clinic.email), ("booklet.website", clinic.website)):
            if value:
                self.blocks.append(paragraph(value, s.body, lead=m(label), lead_font=ctx.fonts.bold))
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


def clinic_hours(ctx: RenderContext) -> list[str]:
    translation = getattr(ctx.clinic.translations, ctx.lang, None) if ctx.lang != "en" else None
    if translation is not None and translation.opening_hours:
        return list(translation.opening_hours)
    if ctx.clinic.opening_hours:
        note_untranslated(ctx, "opening_hours")
    return list(ctx.clinic.opening_hours)


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


def booklet_exercises(ctx: RenderContext) -> dict[str, list[tuple[Exercise, bool]]]:
    """Each region's exercises, with whether the exercise is printed in full in an earlier region."""
    seen: set[str] = set()
    out: dict[str, list[tuple[Exercise, bool]]] = {}
    for region in REGIONS:
        items = []
        for exercise in ordered(ctx.catalog.for_handout(region, whole=True), ctx.layout.order):
            items.append((exercise, exercise.id in seen))
            seen.add(exercise.id)
        out[region] = items
    return out


def _story(ctx: RenderContext, page: PageState, pages: dict[str, int], extra_notes: int) -> list[Flowable]:
    m = ctx.m
    s = styles_for(ctx)
    geo = geometry(ctx)
    frame_h = geo.frame_height
    sections = booklet_exercises(ctx)
    covers = ["knee-to-chest", "seated-twist", "doorway-chest-stretch"]  # lying, sitting, standing
    cover_pictures = [picture_for(ctx, ctx.catalog.exercises[i]) for i in covers if i in ctx.catalog.exercises]
    story: list[Flowable] = [Cover(ctx, [p for p in cover_pictures if p is not None], geo.top - geo.bottom),
                             NextPageTemplate("page"), PageBreak()]
    # how to use, and the safety guidance
    story += [Outline("how-to-use", m("booklet.how_to_use"), 0, m("booklet.how_to_use")),
              paragraph(m("booklet.how_to_use"), s.heading)]
    intro = clinic_text(ctx, "introduction")
    if intro:  # the clinic's own words, once, before the booklet's
        story.append(paragraph(intro, s.intro))
    story += paragraphs(ctx, m.get("booklet.how_to_use_points"), "bullet", bullet="\u2022")
    # the contents; what each region's section is for, together (a card fills a page of its own); then key
    # points, the safety guidance and the warning signs, each whole, and the key to the pictures, just
    # before the exercises
    story += [Gap(14, page), *contents(ctx, sections, pages), Gap(14, page)]
    for region in sections:
        story += [paragraph(m(f"region.{region}.title"), s.small_heading), paragraph(intro_text(ctx, region), s.intro)]
    safety_title = str(localized(ctx.catalog.safety, ctx.lang, ("title",))[0]["title"])
    # the key to the pictures after the introductions, the warning signs before the safety guidance:
    # the boxes then fill their pages
    key = legend(ctx)
    if key is not None:
        story += [Gap(12, page), key]
    points = key_points_box(ctx, booklet_key_points(ctx))
    story += [Gap(14, page), KeepTogether([Outline("safety", safety_title, 0, safety_title), points]), Gap(12, page),
              red_flag_box(ctx), Gap(12, page), KeepTogether([safety_box(ctx)]), PageBreak()]
    # one section per region
    for region, items in sections.items():
        name = m(f"region.{region}.name")
        lead: list[Flowable] = [Outline(f"region-{region}", name, 0, name)]
        fresh = [e for e, elsewhere in items if not elsewhere]

        def bookmark(card: Any, exercise: Exercise, words: Any) -> None:
            card.outline = (f"exercise-{exercise.id}", words.name, 1, None)

        story += exercise_cards(ctx, fresh, page=page, frame_height=frame_h, bookmark=bookmark,
                                chosen_box=True, reorder=True, lead=lead)
    story.append(PageBreak())
    # the log: lines for the patient to write the exercises chosen for them, then tick (two weeks a page)
    story += [Outline("log", m("log.title"), 0, m("log.title")), *booklet_log(ctx, frame_h, geo.content_width)]
    # notes: at least one page, more to make the page count a multiple of 4
    spacing = NoteLines.line_spacing(ctx)
    for index in range(1 + extra_notes):
        story.append(PageBreak())
        if index == 0:
            story.append(Outline("notes", m("handout.notes"), 0, m("handout.notes")))
        story += [paragraph(m("handout.notes"), s.heading), paragraph(m("booklet.notes_intro"), s.intro)]
        heading_h = ctx.layout.text.heading.size * 2.2 + ctx.layout.text.body.size * 3.5
        story.append(NoteLines(ctx, max(1, int((frame_h - heading_h) // spacing)), spacing))
    story += [NextPageTemplate("back"), PageBreak(), BackCover(ctx, geo.top - geo.bottom)]
    return story


def contents(ctx: RenderContext, sections: dict[str, list[tuple[Exercise, bool]]], pages: dict[str, int]) -> list[Flowable]:
    """Each region and its exercises, in page order (with their other names), the log and the notes.

    An exercise of two regions is printed in the first and listed in the other with 'see page'.
    """
    m = ctx.m
    entries: list[tuple[int, str, str, bool]] = []
    for region, items in sections.items():
        entries.append((0, m(f"region.{region}.name"), f"region-{region}", False))
        listed = []
        for exercise, elsewhere in items:
            words = exercise_words(exercise, ctx.lang)
            title = f"{words.name} ({', '.join(words.also_known_as)})" if words.also_known_as else words.name
            listed.append((1, title, f"exercise-{exercise.id}", elsewhere))
        entries += sorted(listed, key=lambda entry: pages.get(entry[2], 0))  # cards may change places to fill pages
    entries += [(0, m("log.title"), "log", False), (0, m("handout.notes"), "notes", False)]
    s = styles_for(ctx)
    return [Outline("contents", m("booklet.contents"), 0, m("booklet.contents")),
            paragraph(m("booklet.contents"), s.heading), ContentsList(ctx, entries, pages)]


def booklet_log(ctx: RenderContext, frame_h: float, width: float) -> list[Flowable]:
    """The log's page: its grids (two weeks each) with as many blank lines as fill it."""
    intro = ctx.m("booklet.log_intro")
    weeks = ctx.layout.blocks.log_weeks
    probe = log_items(ctx, [LogRow("")], weeks, width, intro)
    grids = [item for item in probe if isinstance(item, LogGrid)]
    for grid in grids:
        grid.wrap(width, BIG)
    above = stack_height(probe, width) - sum(grid.height for grid in grids)
    room = frame_h - above - sum(grid.head_h for grid in grids) - 2
    lines = max(4, int(room // (len(grids) * grids[0].row_heights[0])))
    return log_items(ctx, [LogRow("")] * lines, weeks, width, intro)


def render_booklet(ctx: RenderContext) -> bytes:
    """The booklet in reading order; its page count is a multiple of 4."""
    exercises = [e for items in booklet_exercises(ctx).values() for e, _ in items]
    ctx = ctx.with_logo_height(max(ctx.logo_height, COVER_LOGO))  # one prepared logo: cover, headers and back
    check_glyphs(ctx, exercises)
    check_clinic_glyphs(ctx)
    m = ctx.m
    pages: dict[str, int] = {}
    extra = 0
    data = b""
    for _ in range(MAX_PASSES):
        buffer = io.BytesIO()
        doc = BookletDoc(buffer, ctx, title=f"{m('booklet.title')} \u2013 {ctx.clinic.name}", subject=m("booklet.subtitle"))
        build_or_explain(ctx, functools.partial(doc.build, _story(ctx, doc.page_state, pages, extra), canvasmaker=_booklet_canvas(ctx)))
        data = buffer.getvalue()
        total = doc.page
        settled = doc.pages == pages and total % 4 == 0
        pages = dict(doc.pages)
        if settled:
            return data
        extra += (-total) % 4
    raise RuntimeError("the booklet's page numbers did not settle")  # pragma: no cover - a layout bug


def _booklet_canvas(ctx: RenderContext) -> type[Canvas]:
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
