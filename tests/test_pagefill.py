"""The paper tests' ruler (tests/pagefill.py): how far down a page's body the drawn content reaches is
where the ink ends when PDFium paints the page, and a half-empty page is found."""

from __future__ import annotations

import io

import pytest
from pagefill import drawn, first_block_height, page_fills, underfilled

from conftest import ROOT

TOP, BOTTOM = 700.0, 100.0  # the body band of the test pages (PDF coordinates, a Letter page)


def painted_bottom(data: bytes, frame_top: float, frame_bottom: float, scale: float = 2.0) -> list[float]:
    """Each page's fill as the eye sees it: the lowest row of the band that PDFium paints darker than white
    (at ``scale`` pixels a point)."""
    import pypdfium2
    from PIL import ImageOps

    fills = []
    document = pypdfium2.PdfDocument(data)
    try:
        for index in range(len(document)):
            page = document[index]
            height = page.get_size()[1]
            image = page.render(scale=scale, grayscale=True).to_pil().convert("L")
            top, bottom = round((height - frame_top) * scale), round((height - frame_bottom) * scale)
            ink = ImageOps.invert(image.crop((0, top, image.width, bottom))).point(lambda v: 255 if v > 10 else 0)
            box = ink.getbbox()
            fills.append((box[3] if box else 0) / (bottom - top))  # the pixel row below the last inked one
    finally:
        document.close()
    return fills


@pytest.fixture(scope="module")
def documents() -> dict[str, tuple[bytes, float, float]]:
    """The booklet (its back cover's QR code runs into the footer band) and the upper back handout (a page
    left short on purpose), with their body bands."""
    from handouts.jobs import Job
    from handouts.render.booklet import render_booklet
    from handouts.render.handout import render_region
    from handouts.render.page import geometry

    made = {}
    for booklet in (True, False):
        job = Job.load(layout=None, clinic_file=None, catalog_dir=None, lang=None, output_dir=ROOT / "out",
                       booklet=booklet)
        ctx = job.context(booklet=booklet)
        geo = geometry(ctx)
        data = render_booklet(ctx) if booklet else render_region(ctx, "upper")
        made["booklet" if booklet else "upper"] = (data, geo.frame_top, geo.frame_bottom)
    return made


@pytest.mark.parametrize("name", ["booklet", "upper"])
def test_fill_is_where_the_ink_ends(documents, name):
    """Every page's measured fill is within a point and a half of where PDFium's painting of it ends (half a
    point a pixel, and antialiasing greys the row below an edge)."""
    data, top, bottom = documents[name]
    measured, painted = page_fills(data, top, bottom), painted_bottom(data, top, bottom)
    assert len(measured) == len(painted) > 4
    off = [(number, round(m, 3), round(p, 3)) for number, (m, p) in enumerate(zip(measured, painted, strict=True), 1)
           if abs(m - p) * (top - bottom) > 1.5]
    assert off == [], off


def page(draw) -> bytes:
    """A one-page Letter PDF with a header and footer outside the band, and what ``draw(canvas)`` adds."""
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(612, 792))
    canvas.setFont("Helvetica", 12)
    canvas.drawString(72, 740, "Header, above the band")
    canvas.line(36, TOP + 5, 576, TOP + 5)
    canvas.drawString(72, 60, "Footer, below the band")
    draw(canvas)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def fill(draw) -> float:
    data = page(draw)
    (result,) = page_fills(data, TOP, BOTTOM)
    (seen,) = painted_bottom(data, TOP, BOTTOM)
    assert abs(result - seen) * (TOP - BOTTOM) <= 1.5, (result, seen)  # the ruler sees what the eye sees
    return result


def test_an_empty_body_is_empty():
    assert fill(lambda canvas: None) == 0


def test_a_page_drawn_to_its_middle_is_half_full_and_found():
    def draw(canvas):
        canvas.drawString(72, 650, "First line")
        canvas.roundRect(36, 400, 540, 230, 8)  # a card frame, its bottom 300 pt into the 600 pt band

    result = fill(draw)
    assert abs(result - 0.5) < 0.01, result
    assert underfilled([result, 1.0]) == [1]
    assert underfilled([1.0, result]) == []  # the last page may be short


def test_text_counts_by_its_ink_and_invisible_text_not_at_all():
    def draw(canvas):
        canvas.drawString(72, 400, "ink")  # baseline 400: no descender, the ink ends on the baseline
        text = canvas.beginText(72, 200)
        text.setTextRenderMode(3)  # invisible (an OCR layer)
        text.textLine("not seen")
        canvas.drawText(text)
        canvas.drawString(72, 380, "    ")  # spaces: nothing painted

    assert abs(fill(draw) - 300 / 600) < 0.003


def test_each_rectangle_of_one_path_is_a_mark():
    """A QR code is one path of many squares; those in the band count even when the code runs past it."""
    def draw(canvas):
        path = canvas.beginPath()
        for row in range(12):  # squares from y 170 down to y 60: the band ends at 100
            path.rect(300, 170 - row * 10, 8, 8)
        canvas.drawPath(path, stroke=0, fill=1)

    assert abs(fill(draw) - 600 / 600) < 0.01  # the squares reach the band's bottom


def test_what_crosses_the_band_is_not_the_body():
    def draw(canvas):
        canvas.setFillGray(0.9)
        canvas.rect(0, 0, 612, 792, stroke=0, fill=1)  # a tinted page: header to footer
        canvas.setFillGray(0)
        canvas.drawString(72, 550, "body")

    data = page(draw)
    assert abs(page_fills(data, TOP, BOTTOM)[0] - 150 / 600) < 0.01


def test_a_clipped_drawing_counts_only_where_it_shows():
    def draw(canvas):
        canvas.saveState()
        clip = canvas.beginPath()
        clip.rect(100, 400, 200, 200)
        canvas.clipPath(clip, stroke=0, fill=0)
        canvas.circle(200, 300, 250, stroke=0, fill=1)  # a disc far larger than its clip: shows from 400 up
        canvas.restoreState()

    assert abs(fill(draw) - 300 / 600) < 0.005


def test_a_curve_counts_to_its_ink_not_its_control_points():
    def draw(canvas):
        path = canvas.beginPath()
        path.moveTo(100, 500)
        path.curveTo(150, 200, 250, 200, 300, 500)  # dips to y 275, its control points to 200
        canvas.drawPath(path, stroke=1, fill=0)

    assert abs(fill(draw) - 425.5 / 600) < 0.005  # 275 less half the 1 pt line


def test_a_form_xobject_is_read_in_page_coordinates():
    def draw(canvas):
        canvas.beginForm("picture")
        canvas.rect(0, 0, 50, 50, stroke=1, fill=0)
        canvas.endForm()
        canvas.saveState()
        canvas.translate(100, 300)
        canvas.scale(2, 2)
        canvas.doForm("picture")
        canvas.restoreState()

    assert abs(fill(draw) - 401 / 600) < 0.005  # the square's bottom at y 300, its 1 pt stroke scaled to 2


def test_first_block_is_the_highest_wide_rounded_frame():
    def draw(canvas):
        canvas.line(36, 660, 576, 660)  # a wide rule, not a frame
        canvas.roundRect(36, 500, 540, 150, 8)
        canvas.roundRect(36, 200, 540, 250, 8)

    data = page(draw)
    assert abs(first_block_height(data, 1, TOP) - 200.5) < 0.01
    assert sum(mark.curved for mark in drawn(data)[0][1]) == 2
