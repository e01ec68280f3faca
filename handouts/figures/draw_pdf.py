"""Draw a :class:`~.shapes.Picture2D` on a ReportLab canvas as vector paths."""

from __future__ import annotations

import hashlib
import io
import math
import zlib

from reportlab.lib.colors import HexColor
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfdoc import xObjectName
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.pdfgen.canvas import FILL_NON_ZERO, Canvas

from ..rawpdf import Formatted, draw_recorded
from ..reuse import REUSE
from .shapes import (
    ARROW_HEAD,
    ARROW_WIDTH,
    MIN_BADGE_RADIUS,
    MIN_CLOCK_RADIUS,
    Arrow,
    Capsule,
    Circle,
    Label,
    Layer,
    Line,
    Picture2D,
    Stopwatch,
    arrow_head,
    capsule_arcs,
)

KAPPA = 4 / 3  # Bezier control-point factor: k = 4/3 * tan(angle / 4)


class FastPath:
    """The subset of ReportLab's path object used here, writing PDF path operators directly.

    Coordinates are in centimetres of the picture, so two decimals are a tenth of a millimetre.
    Generating the operators as plain strings is several times faster than ReportLab's general
    path object, which matters when a batch draws hundreds of figures.
    """

    __slots__ = ("ops",)

    def __init__(self) -> None:
        self.ops: list[str] = []

    def moveTo(self, x: float, y: float) -> None:
        self.ops.append(f"{x:.2f} {y:.2f} m")

    def lineTo(self, x: float, y: float) -> None:
        self.ops.append(f"{x:.2f} {y:.2f} l")

    def curveTo(self, x1: float, y1: float, x2: float, y2: float, x3: float, y3: float) -> None:
        self.ops.append(f"{x1:.2f} {y1:.2f} {x2:.2f} {y2:.2f} {x3:.2f} {y3:.2f} c")

    def arc(self, cx: float, cy: float, r: float, start: float, sweep: float, *, connect: bool) -> None:
        """A circular arc, counterclockwise for a positive sweep, in pieces of at most 90 degrees."""
        pieces = max(1, math.ceil(abs(sweep) / 90 - 1e-9))
        step = math.radians(sweep / pieces)
        k = KAPPA * math.tan(step / 4)
        a = math.radians(start)
        x0, y0 = cx + r * math.cos(a), cy + r * math.sin(a)
        if connect:
            self.lineTo(x0, y0)
        else:
            self.moveTo(x0, y0)
        for _ in range(pieces):
            b = a + step
            cos_a, sin_a, cos_b, sin_b = math.cos(a), math.sin(a), math.cos(b), math.sin(b)
            x3, y3 = cx + r * cos_b, cy + r * sin_b
            self.curveTo(x0 - k * r * sin_a, y0 + k * r * cos_a, x3 + k * r * sin_b, y3 - k * r * cos_b, x3, y3)
            x0, y0, a = x3, y3, b

    def close(self) -> None:
        self.ops.append("h")

    def getCode(self) -> str:
        return " ".join(self.ops)


def _add_shape(path: FastPath, shape, grow: float) -> None:
    if isinstance(shape, Capsule):
        arcs = capsule_arcs(Capsule(shape.a, shape.b, shape.ra + grow, shape.rb + grow))
        if arcs is None:
            (cx, cy), r = (shape.a, shape.ra) if shape.ra >= shape.rb else (shape.b, shape.rb)
            _circle(path, cx, cy, r + grow)
            return
        (ca, ra, sa, wa), (cb, rb, sb, wb) = arcs
        path.arc(ca[0], ca[1], ra, sa, wa, connect=False)
        path.arc(cb[0], cb[1], rb, sb, wb, connect=True)
        path.close()
    elif isinstance(shape, Circle):
        _circle(path, shape.c[0], shape.c[1], shape.r + grow)
    else:
        points = shape.points
        path.moveTo(*points[0])
        for p in points[1:]:
            path.lineTo(*p)
        path.close()


def _circle(path: FastPath, cx: float, cy: float, r: float) -> None:
    path.arc(cx, cy, r, 0, 360, connect=False)
    path.close()


def _geometry(canvas: Canvas, pic: Picture2D, s: float, line: float) -> None:
    """The picture's shapes, lines and arrows, with its lower-left corner at the origin, ``s`` points per cm."""
    canvas.saveState()
    canvas.scale(s, s)
    canvas.translate(-pic.bounds[0], -pic.bounds[1])
    canvas.setLineJoin(1)
    canvas.setLineCap(1)
    lw = line / s
    for item in pic.layers:
        if isinstance(item, Layer):
            path = FastPath()
            for shape in item.shapes:
                _add_shape(path, shape, 0.0)
            if item.outline:
                canvas.setFillColor(HexColor(item.outline))
                canvas.setStrokeColor(HexColor(item.outline))
                canvas.setLineWidth(2 * lw)
                canvas.drawPath(path, stroke=1, fill=1, fillMode=FILL_NON_ZERO)
            # non-zero winding: where two parts of a limb overlap, the union is filled (even-odd would leave holes)
            canvas.setFillColor(HexColor(item.fill))
            canvas.drawPath(path, stroke=0, fill=1, fillMode=FILL_NON_ZERO)
        elif isinstance(item, Line):
            canvas.setStrokeColor(HexColor(item.color))
            canvas.setLineWidth(lw * item.width_scale)
            path = FastPath()
            path.moveTo(*item.points[0])
            for p in item.points[1:]:
                path.lineTo(*p)
            canvas.drawPath(path, stroke=1, fill=0)
        elif isinstance(item, Arrow):
            draw_arrow(canvas, item, lw)
    canvas.restoreState()


_KEPT = 2_000  # entries in each of these stores (and _DRAWN): bounds memory in a long batch
# Compressed form streams of pictures already drawn in this process: (picture's key, scale, line) -> (name, bytes).
_FORMS = REUSE.store("picture forms", _KEPT)
_OBJECTS = REUSE.store("picture form objects", _KEPT)  # the same as complete form XObjects, formatted once per process


def _form_object(name: str, stream: bytes, width: float, height: float) -> object:
    """The picture as a complete form XObject: the same bytes in every document that shows it.

    Written directly rather than through ``canvas.beginForm``, whose general form carries every
    resource of the document and is formatted anew for each one.
    """
    data: bytes | None = _OBJECTS.get(name)
    if data is None:
        head = (f"<< /BBox [0 0 {fp_str(width)} {fp_str(height)}] /Filter /FlateDecode /FormType 1 "
                f"/Length {len(stream)} /Resources << /ProcSet [/PDF] >> /Subtype /Form /Type /XObject >>")
        data = _OBJECTS.put(name, head.encode("ascii") + b"\nstream\n" + stream + b"\nendstream\n")
    return Formatted(data)


def _form(pic: Picture2D, s: float, line: float) -> tuple[str, bytes]:
    """The picture's vector geometry as a compressed PDF content stream, computed once per process.

    Every document that shows the picture at this size gets the same bytes as a form XObject, so
    neither the path nor its compression is redone for each handout of a batch.
    """
    if not pic.key:  # a picture made here, not from a pose file (see library.picture2d): nothing to key it by
        return _make_form(pic, s, line, "")
    key = (pic.key, round(s, 5), line)  # pic.key: the digest of the pose file and the palette
    cached: tuple[str, bytes] | None = _FORMS.get(key)
    if cached is not None:
        return cached
    return _FORMS.put(key, _make_form(pic, s, line, diskcache_entry(pic, s, line)))


def diskcache_entry(pic: Picture2D, s: float, line: float) -> str:
    from .. import diskcache

    return diskcache.key(pic.key, f"{s:.5f}", repr(line))


def _make_form(pic: Picture2D, s: float, line: float, entry: str) -> tuple[str, bytes]:
    from .. import diskcache

    stream = diskcache.get("form", entry) if entry else None
    if stream is None:
        scratch = Canvas(io.BytesIO(), pagesize=(pic.width * s, pic.height * s))
        _geometry(scratch, pic, s, line)
        stream = zlib.compress("\n".join(scratch._code).encode("latin-1"))
        if entry:
            diskcache.put("form", entry, stream)
    return "fig" + hashlib.sha1(stream).hexdigest()[:16], stream


_DRAWN = REUSE.store("picture drawings", _KEPT)  # each picture at each size, with its badges: a Recording


def draw(canvas: Canvas, pic: Picture2D, x: float, y: float, w: float, h: float, *, line: float, font: str,
         badge_fill: str, badge_text: str) -> None:
    """Fit the picture into the box (x, y, w, h), keeping its shape."""
    s, ox, oy = pic.placement(0, 0, w, h)
    name, stream = _form(pic, s, line)
    if not canvas.hasForm(name):
        canvas._doc.Reference(_form_object(name, stream, pic.width * s, pic.height * s), xObjectName(name))
    key = (name, round(w, 4), round(h, 4), font, badge_fill, badge_text)
    labels = "".join(item.text for item in pic.layers if isinstance(item, Label))
    plain: frozenset[str] = getattr(getFont(font), "plain", frozenset())  # characters every document encodes alike

    def figure(canvas: Canvas) -> None:
        canvas.saveState()
        canvas.translate(ox + pic.bounds[0] * s, oy + pic.bounds[1] * s)
        canvas.doForm(name)
        canvas.restoreState()
        # badges and the stopwatch are placed in free space at the picture's scale; their text never under 8 pt,
        # and never outside the picture's box
        for item in pic.layers:
            if isinstance(item, Label):
                r = max(item.r * s, MIN_BADGE_RADIUS)
                px, py = _inside(ox + item.at[0] * s, oy + item.at[1] * s, r, r, w, h)
                draw_badge(canvas, px, py, r, item.text, font=font, fill=badge_fill, text_color=badge_text)
            elif isinstance(item, Stopwatch):
                r = max(item.r * s, MIN_CLOCK_RADIUS)
                px, py = _inside(ox + item.at[0] * s, oy + item.at[1] * s, r * 1.1, r * 1.45, w, h)
                draw_stopwatch(canvas, px, py, r, color=badge_fill, line=line)

    recording = draw_recorded(canvas, x, y, _DRAWN.get(key), (font,) if labels else (), figure)
    if recording is not None and plain.issuperset(labels):
        _DRAWN.put(key, recording)


def _inside(x: float, y: float, rx: float, ry: float, w: float, h: float) -> tuple[float, float]:
    return min(max(x, rx), w - rx), min(max(y, rx), h - ry)


# The cues, callable on their own (the picture legend on a handout draws them with these).


def draw_badge(canvas: Canvas, x: float, y: float, r: float, text: str, *, font: str, fill: str, text_color: str) -> None:
    """A numbered badge: a disc of radius ``r`` points centred at (x, y), its number at 1.33 r points."""
    size = max(8.5, r * 1.33)  # never under 8 pt, with room for rounding
    canvas.saveState()
    canvas.setFillColor(HexColor(fill))
    canvas.circle(x, y, r, stroke=0, fill=1)
    canvas.setFillColor(HexColor(text_color))
    canvas.setFont(font, size)
    canvas.drawCentredString(x, y - size * 0.36, text)
    canvas.restoreState()


def draw_arrow(canvas: Canvas, arrow: Arrow, lw: float) -> None:
    """A movement arrow in the canvas's current units; ``lw`` is the figure line weight in those units."""
    width = lw * ARROW_WIDTH
    canvas.setStrokeColor(HexColor(arrow.color))
    canvas.setFillColor(HexColor(arrow.color))
    canvas.setLineWidth(width)
    points = arrow.samples(24)
    head = max(width * ARROW_HEAD, 3.0)
    path = FastPath()
    if arrow.bezier is not None:
        p0, c1, c2, p1 = arrow.bezier
        path.moveTo(*p0)
        path.curveTo(c1[0], c1[1], c2[0], c2[1], p1[0], p1[1])
    else:
        (cx, cy), r, start, sweep = arrow.arc  # type: ignore[misc]
        path.arc(cx, cy, r, start, sweep, connect=False)
    canvas.drawPath(path, stroke=1, fill=0)
    if arrow.head_end:
        _head(canvas, points[-3], points[-1], head)
    if arrow.head_start:
        _head(canvas, points[2], points[0], head)


def _head(canvas: Canvas, before: tuple[float, float], tip: tuple[float, float], size: float) -> None:
    point, left, right = arrow_head(before, tip, size)
    path = FastPath()
    path.moveTo(*point)
    path.lineTo(*left)
    path.lineTo(*right)
    path.close()
    canvas.drawPath(path, stroke=0, fill=1)


def draw_stopwatch(canvas: Canvas, x: float, y: float, r: float, *, color: str, line: float) -> None:
    """The hold cue: a stopwatch face of radius ``r`` points centred at (x, y), its crown above."""
    canvas.saveState()
    canvas.setStrokeColor(HexColor(color))
    canvas.setFillColor(HexColor("#ffffff"))
    canvas.setLineWidth(max(1.0, line * 1.2))
    canvas.circle(x, y, r, stroke=1, fill=1)
    canvas.setFillColor(HexColor(color))
    canvas.rect(x - r * 0.22, y + r * 1.05, r * 0.44, r * 0.35, stroke=0, fill=1)
    canvas.line(x, y, x, y + r * 0.7)
    canvas.line(x, y, x + r * 0.5, y + r * 0.15)
    canvas.restoreState()
