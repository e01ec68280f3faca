"""'How to read the pictures': a small key printed once per document.

Its marks are not drawn here: they are taken from a real exercise picture (the light start pose,
the dark end pose, the arrow) or made as the same picture items (the numbered badges, the hold
clock) and drawn by the same code as every card's picture (``figures.draw_pdf`` through
:class:`~.pictures.FigurePicture`). Whatever those marks look like, the key looks the same.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from ..figures.shapes import Arrow, Label, Layer, Picture2D, Stopwatch, item_bounds
from ..reuse import REUSE
from .cards import styles_for
from .context import RenderContext
from .para import read_only, wrapped
from .pictures import FigurePicture, figure_palette, picture_for

#: The exercise whose picture lends the key its marks: two poses, an arrow, and a hold. The overhead arm reach, seen
#: from the front with a face on each pose: the standing back bend's end pose, alone, read as a stoop to a reviewer.
EXAMPLE = "overhead-arm-reach"
ICON_W, ICON_H = 48.0, 46.0  # points, with body text of 12 pt: the marks grow with the text (large print)
CELL_MIN = 150.0  # points, at 12 pt: the narrowest column of the key
OUTLINE_ROOM = 6.0  # drawing units (cm) around a mark's shapes for their outline (1.8 pt in large print is 5 units)
_BOUNDS = REUSE.store("legend mark bounds", 64)  # a mark's bounds by its key (the picture's by value, and the part)
_POSES = REUSE.store("legend poses", 64)  # a pose's layers (figure and face) by the picture's key and outline colour


def _subpicture(items: list, bounds: tuple[float, float, float, float] | None = None, key: str = "") -> Picture2D:
    """A picture of some of a drawing's items; ``key`` names what it is made from, by value (see draw_pdf._form)."""
    pic = Picture2D()
    pic.layers = list(items)
    pic.key = key
    if bounds is None and key:
        bounds = _BOUNDS.get(key)
    if bounds is None:
        xs0, ys0, xs1, ys1 = [], [], [], []
        for item in items:
            if isinstance(item, Layer):
                for shape in item.shapes:
                    b = shape.bounds()
                    xs0.append(b[0]); ys0.append(b[1]); xs1.append(b[2]); ys1.append(b[3])  # noqa: E702
            elif isinstance(item, Arrow):
                for x, y in item.samples(16):
                    xs0.append(x - 3); ys0.append(y - 3); xs1.append(x + 3); ys1.append(y + 3)  # noqa: E702
        pad = OUTLINE_ROOM  # the outline is stroked outside the shapes: room for it inside the mark's box
        bounds = (min(xs0) - pad, min(ys0) - pad, max(xs1) + pad, max(ys1) + pad)
        if key:
            _BOUNDS.put(key, bounds)
    pic.bounds = bounds
    return pic


def _on(layer: Layer, boxes: list[tuple[float, float, float, float]]) -> bool:
    """Whether the centre of ``layer`` lies in one of ``boxes``."""
    x0, y0, x1, y1 = item_bounds(layer)
    x, y = (x0 + x1) / 2, (y0 + y1) / 2
    return any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)


def legend_marks(ctx: RenderContext) -> list[tuple[Picture2D, str]] | None:
    """The five marks, each as a small picture, with its words; None when the example has no drawing."""
    exercise = ctx.catalog.exercises.get(EXAMPLE)
    figure = picture_for(ctx, exercise) if exercise is not None else None
    if not isinstance(figure, FigurePicture):
        from ..figures.library import picture2d
        from ..paths import BUILTIN_ILLUSTRATIONS

        pic = picture2d(BUILTIN_ILLUSTRATIONS / f"{EXAMPLE}.yaml", figure_palette(ctx.palette))
    else:
        pic = figure.pic
    fp = figure_palette(ctx.palette)

    def pose(outline: str) -> list[Layer]:
        """A pose's figure, and the face drawn on its head (each pose's face is in the outline colour, so a
        face is the pose's when it lies on one of the pose's own shapes); kept by the picture's key."""
        found = _POSES.get((pic.key, outline)) if pic.key else None
        if found is None:
            figure = [item for item in pic.layers
                      if isinstance(item, Layer) and item.role == "figure" and item.outline == outline]
            boxes = [shape.bounds() for layer in figure for shape in layer.shapes]
            faces = [item for item in pic.layers if isinstance(item, Layer) and item.role == "face" and _on(item, boxes)]
            found = [item for item in pic.layers if item in figure or item in faces]
            if pic.key:
                _POSES.put((pic.key, outline), found)
        return found

    start, end = pose(fp.start_outline), pose(fp.outline)
    arrows = [item for item in pic.layers if isinstance(item, Arrow)]
    if not start or not end or not arrows:
        return None
    m = ctx.m
    badges = _subpicture([Label((0.0, 0.0), "1"), Label((20.0, 0.0), "2")], (-12.0, -12.0, 32.0, 12.0), "legend:badges")
    clock = _subpicture([Stopwatch((0.0, 0.0), 6.0)], (-12.0, -12.0, 12.0, 12.0), "legend:clock")
    keyed = (lambda part: f"{pic.key}|legend:{part}") if pic.key else (lambda part: "")
    return [
        (_subpicture(start, key=keyed("start")), m("legend.start")),
        (_subpicture(end, key=keyed("end")), m("legend.end")),
        (badges, m("legend.order")),
        (_subpicture(arrows[:1], key=keyed("arrow")), m("legend.arrow")),
        (clock, m("legend.hold")),
    ]


class Legend(Flowable):
    """The key: a heading, then each mark beside its words, in as many columns as the width allows."""

    def __init__(self, ctx: RenderContext, marks: list[tuple[Picture2D, str]]):
        super().__init__()
        self.ctx = ctx
        s = styles_for(ctx)
        self.heading = read_only(ctx.m("legend.title"), s.small_heading)  # (its paragraphs: laid out as their wrapped copies)
        self.items = [(FigurePicture(ctx, pic), read_only(text, s.body)) for pic, text in marks]
        self.gap = ctx.layout.text.body.size * 0.6
        scale = max(1.0, ctx.layout.text.body.size / 12.0)
        self.icon_w, self.icon_h, self.cell_min = ICON_W * scale, ICON_H * scale, CELL_MIN * scale
        self._grids: dict[float, tuple[int, float, list[float]]] = {}  # by width: it is laid out more than once

    def _grid(self, width: float) -> tuple[int, float, list[float]]:
        if width not in self._grids:
            self._grids[width] = self._measure(width)
        return self._grids[width]

    def _measure(self, width: float) -> tuple[int, float, list[float]]:
        columns = max(1, min(len(self.items), int(width // self.cell_min)))
        cell = (width - (columns - 1) * self.gap) / columns
        heights = []
        for start in range(0, len(self.items), columns):
            row = self.items[start : start + columns]
            text_h = max(wrapped(para, cell - self.icon_w - self.gap)[1] for _, para in row)
            heights.append(max(self.icon_h, text_h))
        return columns, cell, heights

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.columns, self.cell, self.rows = self._grid(availWidth)
        self.head_h = wrapped(self.heading, availWidth)[1] + self.gap * 0.5
        self.width = availWidth
        self.height = self.head_h + sum(self.rows) + self.gap * (len(self.rows) - 1)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []  # the key stays whole

    def draw(self) -> None:
        canvas = self.canv
        top = self.height
        heading, heading_h = wrapped(self.heading, self.width)
        heading.drawOn(canvas, 0, top - heading_h)
        top -= self.head_h
        for index, (icon, para) in enumerate(self.items):
            row, column = divmod(index, self.columns)
            row_top = top - sum(self.rows[:row]) - self.gap * row
            x = column * (self.cell + self.gap)
            row_h = self.rows[row]
            icon.draw(canvas, x, row_top - (row_h + self.icon_h) / 2, self.icon_w, self.icon_h)
            shared, h = wrapped(para, self.cell - self.icon_w - self.gap)
            shared.drawOn(canvas, x + self.icon_w + self.gap, row_top - (row_h + h) / 2)


def legend(ctx: RenderContext) -> Flowable | None:
    """The key for this document, or None when the pictures are the clinic's own photos."""
    marks = legend_marks(ctx)
    return Legend(ctx, marks) if marks else None
