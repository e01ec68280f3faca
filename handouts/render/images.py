"""Pictures from files (logos, a clinic's photos) placed on pages.

A :class:`Picture` is a raster (prepared by :mod:`.raster`, its PDF objects made once by
:mod:`.pdfimages`, kept between runs by :mod:`.imagestore`) or an SVG that stays vector (:mod:`.svg`).
Each picture is drawn through a form XObject, so it is embedded once per document however many
pages show it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.pdfgen.canvas import Canvas

from ..cache import file_key, memo
from ..errors import UserError
from ..reuse import REUSE
from .raster import Locate, digest, prepare_raster, quiet_pillow, read_picture, upright_size

__all__ = ["Locate", "Picture", "image_size", "logo_picture"]

#: (path, size, modification time) -> natural width and height
_SIZES = REUSE.store("picture sizes", 256)


@quiet_pillow()
def image_size(path: Path, locate: Locate) -> tuple[float, float]:
    """Width and height (in any unit) of an image, upright: for placing it with the right shape."""
    key = file_key([path])
    hit: tuple[float, float] | None = _SIZES.get(key)
    if hit is not None:
        return hit
    if path.suffix.lower() == ".svg":
        from .svg import svg_picture

        drawing = svg_picture(path, locate, grayscale=False)[0]
        size = (float(drawing.width), float(drawing.height))
    else:
        size = upright_size(read_picture(path, locate), path, locate)
    if size[0] <= 0 or size[1] <= 0:
        raise UserError([locate(f'"{path.name}" has no size')])
    return _SIZES.put(key, size)


class Picture:
    """A picture file placed on pages; drawn through one form XObject per document."""

    def __init__(self, path: Path, max_w: float, max_h: float, locate: Locate, *, grayscale: bool = False,
                 font: str | None = None):
        self.path = path
        self.font = font  # for any text inside an SVG: an embedded font, never the standard Helvetica
        self.vector = path.suffix.lower() == ".svg"
        self.grayscale = grayscale
        self.notes: list[str] = []  # what a library could not draw, as note lines naming the file
        if not self.vector:
            from . import imagestore

            self._entry = imagestore.entry_key(read_picture(path, locate), max_w, max_h, grayscale)
            stored = imagestore.load(self._entry)
            if stored is not None:  # prepared by an earlier run: no Pillow needed
                self.aspect = stored.aspect
                self.width, self.height = _fit(self.aspect, max_w, max_h)
                self.image = stored.image
                self.form = f"img{self.image.digest[:12]}"
                return
        natural_w, natural_h = image_size(path, locate)
        self.aspect = natural_w / natural_h  # width / height
        self.width, self.height = _fit(self.aspect, max_w, max_h)
        if self.vector:
            from .svg import svg_picture

            self.drawing, self.notes = svg_picture(path, locate, grayscale=grayscale)
            self.form = f"svg{digest(str(path).encode())[:12]}{'g' if grayscale else ''}"
        else:
            from . import imagestore

            self.image = prepare_raster(path, self.width, self.height, locate, grayscale=grayscale)
            self.form = f"img{self.image.digest[:12]}"
            imagestore.save(self._entry, self.aspect, self.image)

    def _define(self, canvas: Canvas) -> None:
        """The picture at 1 point high, as a form XObject, once per document."""
        if canvas.hasForm(self.form):
            return
        canvas.beginForm(self.form, 0, 0, self.aspect, 1)
        if self.vector:
            from reportlab.graphics import renderPDF
            from reportlab.graphics.renderbase import STATE_DEFAULTS

            from .svg import set_fonts

            drawing = self.drawing
            canvas.saveState()
            canvas.scale(1 / float(drawing.height), 1 / float(drawing.height))
            default_font = STATE_DEFAULTS["fontName"]
            if self.font:
                set_fonts(drawing, self.font)
                STATE_DEFAULTS["fontName"] = self.font  # the renderer's initial state names a font
            try:
                renderPDF.draw(drawing, canvas, 0, 0, showBoundary=False)
            finally:
                STATE_DEFAULTS["fontName"] = default_font
            canvas.restoreState()
        else:
            from .pdfimages import draw_prepared

            draw_prepared(canvas, self.image, self.aspect)
        canvas.endForm()

    def draw_fit(self, canvas: Canvas, x: float, y: float, max_w: float, max_h: float, align: str = "center") -> float:
        """Draw inside the box (x, y, max_w, max_h), keeping the shape; returns the width used."""
        w, h = _fit(self.aspect, max_w, max_h)
        self._define(canvas)
        dx = 0.0 if align == "left" else (max_w - w) if align == "right" else (max_w - w) / 2
        canvas.saveState()
        canvas.translate(x + dx, y + (max_h - h) / 2)
        canvas.scale(h, h)
        canvas.doForm(self.form)
        canvas.restoreState()
        return w


def _fit(aspect: float, max_w: float, max_h: float) -> tuple[float, float]:
    w, h = max_w, max_w / aspect
    if h > max_h:
        h, w = max_h, max_h * aspect
    return w, h


def shared_picture(path: Path, max_w: float, max_h: float, locate: Locate, *, grayscale: bool = False,
                   font: str | None = None) -> Picture:
    """``Picture(...)``, made once per process for each file (as it is now), size, tone and font: it holds
    nothing of a document (each document defines its own form from it), so documents share it."""
    return memo(f"picture {max_w!r} {max_h!r} {grayscale} {font}", [path],
                lambda: Picture(path, max_w, max_h, locate, grayscale=grayscale, font=font))


LOGO_WIDTH_FACTOR = 3.2  # a logo may be up to this many times as wide as it is tall


def logo_picture(ctx: Any) -> Picture | None:
    """The clinic's logo, prepared once per document for the largest size the document shows it at
    (``ctx.logo_height``), so it is embedded once however many pages and places show it."""
    logo = ctx.clinic.logo
    if logo is None:
        return None
    height = ctx.logo_height
    key = ("logo", str(logo), round(height, 2), ctx.layout.grayscale)
    cache = ctx.pictures
    if key not in cache:
        cache[key] = shared_picture(logo, height * LOGO_WIDTH_FACTOR, height, ctx.locate_clinic("logo"),
                                    grayscale=ctx.layout.grayscale, font=ctx.fonts.regular)
        for note in cache[key].notes:
            ctx.notice(note)
    return cache[key]
