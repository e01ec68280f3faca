"""2D drawing primitives, in centimetres on the page plane (x right, y up).

The scene is computed once into these primitives; the PDF and PNG back-ends each draw them their
own way (PDF: arcs and Bézier curves, vector; PNG: polygons through Pillow).
"""

from __future__ import annotations

import math
from typing import NamedTuple

Point = tuple[float, float]


MIN_BADGE_RADIUS = 5.8  # points: the least a badge is drawn at on paper (the number in it is at least 8.5 pt)
MIN_CLOCK_RADIUS = 4.5  # points: the least the hold clock is drawn at
ARROW_WIDTH = 2.0  # an arrow's line, in figure lines
ARROW_HEAD = 3.2  # an arrow head's length, in arrow widths
ARROW_HEAD_SPREAD = 0.55  # each side of an arrow head's base from its axis, in head lengths
FLOOR_WIDTH = 1.3  # a floor line, in figure lines

class Capsule(NamedTuple):
    a: Point
    b: Point
    ra: float
    rb: float

    def bounds(self, pad: float = 0.0) -> tuple[float, float, float, float]:
        r0, r1 = self.ra + pad, self.rb + pad
        return (min(self.a[0] - r0, self.b[0] - r1), min(self.a[1] - r0, self.b[1] - r1),
                max(self.a[0] + r0, self.b[0] + r1), max(self.a[1] + r0, self.b[1] + r1))

    def outline(self, steps: int = 14) -> list[Point]:
        """The capsule's outline as points (counterclockwise), for Pillow and for tests."""
        arcs = capsule_arcs(self)
        if arcs is None:
            (cx, cy), r = (self.a, self.ra) if self.ra >= self.rb else (self.b, self.rb)
            return [(cx + r * math.cos(t), cy + r * math.sin(t)) for t in _angles(0, 360, steps * 2)]
        out: list[Point] = []
        for (cx, cy), r, start, sweep in arcs:
            out += [(cx + r * math.cos(t), cy + r * math.sin(t)) for t in _angles(start, sweep, steps)]
        return out


def _angles(start_deg: float, sweep_deg: float, steps: int) -> list[float]:
    return [math.radians(start_deg + sweep_deg * i / steps) for i in range(steps + 1)]


def capsule_arcs(c: Capsule) -> tuple[tuple[Point, float, float, float], tuple[Point, float, float, float]] | None:
    """The two end arcs (centre, radius, start angle, sweep) of a capsule, or None if one end hides the other."""
    dx, dy = c.b[0] - c.a[0], c.b[1] - c.a[1]
    d = math.hypot(dx, dy)
    if d <= abs(c.ra - c.rb) + 1e-6:
        return None
    theta = math.degrees(math.atan2(dy, dx))
    delta = math.degrees(math.asin((c.ra - c.rb) / d))
    # The tangent lines touch each circle where its normal is at theta +/- (90 - delta). Around A the
    # outline runs counterclockwise over the far side from B, then along a tangent, then around B.
    arc_a = (c.a, c.ra, theta + 90 - delta, 180 + 2 * delta)
    arc_b = (c.b, c.rb, theta - 90 + delta, 180 - 2 * delta)
    return arc_a, arc_b


class Circle(NamedTuple):
    c: Point
    r: float

    def bounds(self, pad: float = 0.0) -> tuple[float, float, float, float]:
        r = self.r + pad
        return (self.c[0] - r, self.c[1] - r, self.c[0] + r, self.c[1] + r)


class Polygon(NamedTuple):
    points: tuple[Point, ...]

    def bounds(self, pad: float = 0.0) -> tuple[float, float, float, float]:
        xs = [p[0] for p in self.points]
        ys = [p[1] for p in self.points]
        return (min(xs) - pad, min(ys) - pad, max(xs) + pad, max(ys) + pad)


Shape = Capsule | Circle | Polygon


class Layer(NamedTuple):
    """Shapes filled together and outlined as one silhouette (the outline is drawn only around the union)."""

    shapes: tuple[Shape, ...]
    fill: str
    outline: str | None
    role: str  # 'figure', 'prop', 'mat', 'floor'...


class Line(NamedTuple):
    points: tuple[Point, ...]
    color: str
    width_scale: float = 1.0  # times the layout's figure line weight
    dashed: bool = False


class Arrow(NamedTuple):
    """A curved arrow: a cubic Bézier (p0, c1, c2, p1) or a circular arc (centre, radius, start, sweep)."""

    color: str
    bezier: tuple[Point, Point, Point, Point] | None = None
    arc: tuple[Point, float, float, float] | None = None
    head_end: bool = True
    head_start: bool = False

    def samples(self, steps: int = 32) -> list[Point]:
        if self.bezier is not None:
            p0, c1, c2, p1 = self.bezier
            out = []
            for i in range(steps + 1):
                t = i / steps
                u = 1 - t
                out.append((u**3 * p0[0] + 3 * u * u * t * c1[0] + 3 * u * t * t * c2[0] + t**3 * p1[0],
                            u**3 * p0[1] + 3 * u * u * t * c1[1] + 3 * u * t * t * c2[1] + t**3 * p1[1]))
            return out
        assert self.arc is not None
        (cx, cy), r, start, sweep = self.arc
        return [(cx + r * math.cos(t), cy + r * math.sin(t)) for t in _angles(start, sweep, steps)]


class Label(NamedTuple):
    """A numbered badge ('1', '2'): a disc of radius ``r`` cm with its number."""

    at: Point
    text: str
    badge: bool = True
    r: float = 6.5


class Stopwatch(NamedTuple):
    """The hold cue: a stopwatch of radius ``r`` cm centred at ``at`` (its crown above)."""

    at: Point  # centre
    r: float


Item = Layer | Line | Arrow | Label | Stopwatch


def item_bounds(item: Item) -> tuple[float, float, float, float]:
    if isinstance(item, Layer):
        boxes = [shape.bounds() for shape in item.shapes]
        return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    if isinstance(item, Line):
        xs, ys = [p[0] for p in item.points], [p[1] for p in item.points]
        return (min(xs), min(ys), max(xs), max(ys))
    if isinstance(item, Arrow):
        samples = item.samples(16)
        xs, ys = [p[0] for p in samples], [p[1] for p in samples]
        return (min(xs) - 2, min(ys) - 2, max(xs) + 2, max(ys) + 2)
    x, y = item.at
    r = item.r * 1.45 if isinstance(item, Stopwatch) else item.r
    return (x - r, y - r, x + r, y + r)


def bounds_of(items: list) -> tuple[float, float, float, float]:
    """The bounding box of drawn items, in centimetres."""
    boxes = [item_bounds(item) for item in items]
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def shifted(item: Item, dx: float, dy: float) -> Item:
    """The same item moved by (dx, dy)."""

    def mv(p: Point) -> Point:
        return (p[0] + dx, p[1] + dy)

    if isinstance(item, Layer):
        shapes: list[Shape] = []
        for s in item.shapes:
            if isinstance(s, Capsule):
                shapes.append(Capsule(mv(s.a), mv(s.b), s.ra, s.rb))
            elif isinstance(s, Circle):
                shapes.append(Circle(mv(s.c), s.r))
            else:
                shapes.append(Polygon(tuple(mv(p) for p in s.points)))
        return Layer(tuple(shapes), item.fill, item.outline, item.role)
    if isinstance(item, Line):
        return Line(tuple(mv(p) for p in item.points), item.color, item.width_scale, item.dashed)
    if isinstance(item, Arrow):
        bezier = tuple(mv(p) for p in item.bezier) if item.bezier else None
        arc = (mv(item.arc[0]), *item.arc[1:]) if item.arc else None
        return Arrow(item.color, bezier, arc, item.head_end, item.head_start)  # type: ignore[arg-type]
    if isinstance(item, Label):
        return Label(mv(item.at), item.text, item.badge, item.r)
    return Stopwatch(mv(item.at), item.r)


def scaled(item: Layer | Line, k: float, origin: Point) -> Layer | Line:
    """The same layer or line enlarged ``k`` times about ``origin`` (a close-up panel)."""

    def sc(p: Point) -> Point:
        return (origin[0] + (p[0] - origin[0]) * k, origin[1] + (p[1] - origin[1]) * k)

    if isinstance(item, Line):
        return Line(tuple(sc(p) for p in item.points), item.color, item.width_scale, item.dashed)
    shapes: list[Shape] = []
    for s in item.shapes:
        if isinstance(s, Capsule):
            shapes.append(Capsule(sc(s.a), sc(s.b), s.ra * k, s.rb * k))
        elif isinstance(s, Circle):
            shapes.append(Circle(sc(s.c), s.r * k))
        else:
            shapes.append(Polygon(tuple(sc(p) for p in s.points)))
    return Layer(tuple(shapes), item.fill, item.outline, item.role)


class Picture2D:
    """Everything to draw, in drawing order, plus the bounding box in centimetres."""

    def __init__(self) -> None:
        self.layers: list[Item] = []
        self.bounds: tuple[float, float, float, float] = (0.0, 0.0, 1.0, 1.0)
        self.key = ""  # what it was made from (the disk cache's key), when known

    @property
    def width(self) -> float:
        return self.bounds[2] - self.bounds[0]

    @property
    def height(self) -> float:
        return self.bounds[3] - self.bounds[1]

    @property
    def aspect(self) -> float:
        return self.width / self.height

    def placement(self, x: float, y: float, w: float, h: float) -> tuple[float, float, float]:
        """Scale (units per cm) and the position of the picture's origin when fitted, centred, into the box."""
        s = min(w / self.width, h / self.height)
        return s, x + (w - self.width * s) / 2 - self.bounds[0] * s, y + (h - self.height * s) / 2 - self.bounds[1] * s


def arrow_head(before: Point, tip: Point, size: float) -> tuple[Point, Point, Point]:
    """The triangle of an arrow head at ``tip``, pointing away from ``before``: its point, then its two corners."""
    dx, dy = tip[0] - before[0], tip[1] - before[1]
    n = math.hypot(dx, dy) or 1.0
    ux, uy = dx / n, dy / n
    base = (tip[0] - ux * size, tip[1] - uy * size)
    return ((tip[0] + ux * size * 0.25, tip[1] + uy * size * 0.25),
            (base[0] - uy * size * ARROW_HEAD_SPREAD, base[1] + ux * size * ARROW_HEAD_SPREAD),
            (base[0] + uy * size * ARROW_HEAD_SPREAD, base[1] - ux * size * ARROW_HEAD_SPREAD))


def _shape_json(shape: Shape) -> list:
    if isinstance(shape, Capsule):
        return ["c", *shape.a, *shape.b, shape.ra, shape.rb]
    if isinstance(shape, Circle):
        return ["o", *shape.c, shape.r]
    return ["p", [list(p) for p in shape.points]]


def _shape_from(data: list) -> Shape:
    if data[0] == "c":
        return Capsule((data[1], data[2]), (data[3], data[4]), data[5], data[6])
    if data[0] == "o":
        return Circle((data[1], data[2]), data[3])
    return Polygon(tuple((p[0], p[1]) for p in data[1]))


def picture_to_json(pic: Picture2D) -> bytes:
    """The picture as JSON (for the cache between runs)."""
    import json

    items: list[dict] = []
    for item in pic.layers:
        if isinstance(item, Layer):
            items.append({"t": "layer", "shapes": [_shape_json(s) for s in item.shapes], "fill": item.fill,
                          "outline": item.outline, "role": item.role})
        elif isinstance(item, Line):
            items.append({"t": "line", "points": [list(p) for p in item.points], "color": item.color,
                          "width": item.width_scale, "dashed": item.dashed})
        elif isinstance(item, Arrow):
            items.append({"t": "arrow", "color": item.color,
                          "bezier": [list(p) for p in item.bezier] if item.bezier else None,
                          "arc": [list(item.arc[0]), *item.arc[1:]] if item.arc else None,
                          "end": item.head_end, "start": item.head_start})
        elif isinstance(item, Label):
            items.append({"t": "label", "at": list(item.at), "text": item.text, "badge": item.badge, "r": item.r})
        else:
            items.append({"t": "stopwatch", "at": list(item.at), "r": item.r})
    return json.dumps({"bounds": list(pic.bounds), "layers": items}, separators=(",", ":")).encode()


def picture_from_json(data: bytes) -> Picture2D:
    import json

    raw = json.loads(data)
    pic = Picture2D()
    pic.bounds = tuple(raw["bounds"])  # type: ignore[assignment]
    for item in raw["layers"]:
        kind = item["t"]
        if kind == "layer":
            pic.layers.append(Layer(tuple(_shape_from(s) for s in item["shapes"]), item["fill"], item["outline"], item["role"]))
        elif kind == "line":
            pic.layers.append(Line(tuple((p[0], p[1]) for p in item["points"]), item["color"], item["width"], item["dashed"]))
        elif kind == "arrow":
            bezier = tuple((p[0], p[1]) for p in item["bezier"]) if item["bezier"] else None
            arc = ((item["arc"][0][0], item["arc"][0][1]), *item["arc"][1:]) if item["arc"] else None
            pic.layers.append(Arrow(item["color"], bezier, arc, item["end"], item["start"]))  # type: ignore[arg-type]
        elif kind == "label":
            pic.layers.append(Label((item["at"][0], item["at"][1]), item["text"], item["badge"], item["r"]))
        else:
            pic.layers.append(Stopwatch((item["at"][0], item["at"][1]), item["r"]))
    return pic
