"""The picture on an exercise card: the catalog entry's own image file, or its drawn illustration."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from ..models.catalog import Exercise
from .context import RenderContext
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


def picture_for(ctx: RenderContext, exercise: Exercise) -> PhotoPicture | None:
    if exercise.image is not None:
        key = ("photo", str(exercise.image), ctx.layout.grayscale)
        if key not in ctx.pictures:
            doc = ctx.catalog.docs[exercise.id]
            ctx.pictures[key] = PhotoPicture(
                Picture(exercise.image, *PHOTO_BOX, lambda message: doc.problem(("image",), message), grayscale=ctx.layout.grayscale)
            )
        picture = ctx.pictures[key]
        assert isinstance(picture, PhotoPicture)
        return picture
    return None
