"""Draw a :class:`~.shapes.Picture2D` with Pillow (previews, the contact sheet, the README)."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from ..reuse import REUSE
from .shapes import ARROW_HEAD, ARROW_WIDTH, Arrow, Capsule, Circle, Label, Layer, Line, Picture2D, Polygon, Stopwatch, arrow_head

SUPERSAMPLE = 3


@REUSE.memo("preview fonts", 8)
def _font(size: int) -> ImageFont.FreeTypeFont:
    import reportlab

    return ImageFont.truetype(str(Path(reportlab.__file__).parent / "fonts" / "VeraBd.ttf"), size)


@REUSE.memo("preview regular fonts", 8)
def _regular(size: int) -> ImageFont.FreeTypeFont:
    """The regular (not bold) Vera: for the ids on the contact sheet."""
    import reportlab

    return ImageFont.truetype(str(Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"), size)


def render(pic: Picture2D, width_px: int, height_px: int, *, line_px: float, badge_fill: str, badge_text: str,
           background: str = "#ffffff") -> Image.Image:
    """The picture fitted into width_px x height_px (keeping its shape), on a white background."""
    k = SUPERSAMPLE
    W, H = width_px * k, height_px * k
    image = Image.new("RGB", (W, H), background)
    draw = ImageDraw.Draw(image)
    s, ox, oy = pic.placement(0, 0, W, H)

    def px(p: tuple[float, float]) -> tuple[float, float]:
        return (ox + p[0] * s, H - (oy + p[1] * s))

    lw = line_px * k
    for item in pic.layers:
        if isinstance(item, Layer):
            if item.outline:
                for shape in item.shapes:
                    _shape(draw, shape, px, s, grow=lw / s, fill=item.outline)
            for shape in item.shapes:
                _shape(draw, shape, px, s, grow=0.0, fill=item.fill)
        elif isinstance(item, Line):
            draw.line([px(p) for p in item.points], fill=item.color, width=max(1, round(lw * item.width_scale)))
        elif isinstance(item, Arrow):
            points = [px(p) for p in item.samples(40)]
            width = max(2, round(lw * ARROW_WIDTH))
            draw.line(points, fill=item.color, width=width, joint="curve")
            head = max(width * ARROW_HEAD, 3 * k)
            if item.head_end:
                _head(draw, points[-4], points[-1], head, item.color)
            if item.head_start:
                _head(draw, points[3], points[0], head, item.color)
    for item in pic.layers:
        if isinstance(item, Label):
            r = max(item.r * s, 5 * k * line_px)
            x, y = px(item.at)
            badge(draw, min(max(x, r), W - r), min(max(y, r), H - r), r, item.text, fill=badge_fill, text_color=badge_text)
        elif isinstance(item, Stopwatch):
            r = max(item.r * s, 4 * k * line_px)
            x, y = px(item.at)
            stopwatch(draw, min(max(x, r * 1.1), W - r * 1.1), min(max(y, r * 1.45), H - r * 1.1), r, color=badge_fill,
                      width=max(2, round(lw * 1.2)))
    return image.resize((width_px, height_px), Image.Resampling.LANCZOS)


def _shape(draw: ImageDraw.ImageDraw, shape, px, s: float, *, grow: float, fill: str) -> None:
    if isinstance(shape, Capsule):
        outline = Capsule(shape.a, shape.b, shape.ra + grow, shape.rb + grow).outline(16)
        draw.polygon([px(p) for p in outline], fill=fill)
    elif isinstance(shape, Circle):
        cx, cy = px(shape.c)
        r = (shape.r + grow) * s
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=fill)
    elif isinstance(shape, Polygon):
        points = [px(p) for p in shape.points]
        if grow:
            draw.line([*points, points[0]], fill=fill, width=max(1, round(grow * s * 2)), joint="curve")
            for p in points:
                r = grow * s
                draw.ellipse((p[0] - r, p[1] - r, p[0] + r, p[1] + r), fill=fill)
        draw.polygon(points, fill=fill)


def _head(draw: ImageDraw.ImageDraw, before: tuple[float, float], tip: tuple[float, float], size: float, color: str) -> None:
    draw.polygon(list(arrow_head(before, tip, size)), fill=color)


def badge(draw: ImageDraw.ImageDraw, x: float, y: float, r: float, text: str, *, fill: str, text_color: str) -> None:
    """A numbered badge of radius ``r`` pixels centred at (x, y) (the PNG twin of draw_pdf.draw_badge)."""
    draw.ellipse((x - r, y - r, x + r, y + r), fill=fill)
    draw.text((x, y), text, fill=text_color, font=_font(max(8, round(r * 1.33))), anchor="mm")


def stopwatch(draw: ImageDraw.ImageDraw, x: float, y: float, r: float, *, color: str, width: int) -> None:
    """The hold cue, a stopwatch face of radius ``r`` pixels (y grows downward), its crown above."""
    draw.ellipse((x - r, y - r, x + r, y + r), fill="#ffffff", outline=color, width=width)
    draw.rectangle((x - r * 0.22, y - r * 1.4, x + r * 0.22, y - r * 1.05), fill=color)
    draw.line([(x, y), (x, y - r * 0.7)], fill=color, width=width)
    draw.line([(x, y), (x + r * 0.5, y - r * 0.15)], fill=color, width=width)
