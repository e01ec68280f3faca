"""The picture on an exercise card: the catalog entry's own image file, or its drawn illustration."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from ..colors import mix
from ..figures import draw_pdf
from ..figures.library import illustration_path, picture2d
from ..figures.project import FigurePalette
from ..figures.shapes import Picture2D
from ..figures.tones import far_tone
from ..models.catalog import Exercise
from ..reuse import REUSE
from .context import Palette, RenderContext
from .images import Picture

#: Size a card picture is prepared for (the largest it is ever placed at), in points.
PHOTO_BOX = (4.0 * 72, 3.0 * 72)


class PhotoPicture:
    """A clinic's own photo or drawing (PNG/JPEG) in place of the drawn illustration."""

    def __init__(self, picture: Picture):
        self.picture = picture
        self.aspect = picture.aspect

    def draw(self, canvas: Canvas, x: float, y: float, w: float, h: float) -> None:
        self.picture.draw_fit(canvas, x, y, w, h)


@REUSE.memo("figure palettes", 32)
def figure_palette(p: Palette) -> FigurePalette:
    return FigurePalette(
        figure=p.figure, figure_far=p.figure_far, outline=p.figure_outline,
        start_fill=p.start_fill, start_far=far_tone(p.start_fill, p.start_outline), start_outline=p.start_outline,
        prop=p.prop, prop_outline=p.prop_outline, mat=mix(p.prop, p.background, 0.45), arrow=p.arrow, floor=p.muted,
    )


class FigurePicture:
    """The drawn illustration: vector paths on the card."""

    def __init__(self, ctx: RenderContext, picture: Picture2D):
        self.pic = picture
        self.aspect = picture.aspect
        self.line = ctx.layout.lines.figure
        self.font = ctx.fonts.bold
        self.badge_fill = ctx.palette.figure_outline
        self.badge_text = ctx.palette.background

    def draw(self, canvas: Canvas, x: float, y: float, w: float, h: float) -> None:
        draw_pdf.draw(canvas, self.pic, x, y, w, h, line=self.line, font=self.font,
                      badge_fill=self.badge_fill, badge_text=self.badge_text)


def picture_for(ctx: RenderContext, exercise: Exercise) -> PhotoPicture | FigurePicture | None:
    """The exercise's picture, prepared once per document (None, with a notice, when it has none)."""
    mine = ("exercise", exercise.id)
    if mine in ctx.pictures:
        return ctx.pictures[mine]  # type: ignore[return-value]
    picture = ctx.pictures[mine] = _picture_for(ctx, exercise)
    return picture


def _picture_for(ctx: RenderContext, exercise: Exercise) -> PhotoPicture | FigurePicture | None:
    if exercise.image is not None:
        key: tuple[object, ...] = ("photo", str(exercise.image), ctx.layout.grayscale)
        if key not in ctx.pictures:
            doc = ctx.catalog.docs[exercise.id]
            ctx.pictures[key] = PhotoPicture(
                Picture(exercise.image, *PHOTO_BOX, lambda message: doc.problem(("image",), message), grayscale=ctx.layout.grayscale)
            )
        picture = ctx.pictures[key]
        assert isinstance(picture, PhotoPicture)
        return picture
    path = illustration_path(exercise.id, ctx.catalog.folder, exercise.illustration)
    if path is None:
        ctx.notice(f"{exercise.id}: no illustration (add illustrations/{exercise.id}.yaml or an image: field)")
        return None
    fold = ctx.layout.booklet  # a card alone on its page: a long row of panels goes on two rows, each panel larger
    key = ("figure", str(path), fold)
    if key not in ctx.pictures:
        ctx.pictures[key] = FigurePicture(ctx, picture2d(path, figure_palette(ctx.palette), fold))
    figure = ctx.pictures[key]
    assert isinstance(figure, FigurePicture)
    return figure
