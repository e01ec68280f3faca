"""The movement cues drawn over a picture: arrows, the numbered badges and the hold stopwatch.

Badges and the stopwatch are placed in free space: the nearest spot to where they belong (the
badge '1' beside the start of the arrow, the stopwatch at the top right) where they cover neither
the figure, nor a prop, nor an arrow. The sizes are in centimetres of the picture, so what is free
here is free on paper at every scale.
"""

from __future__ import annotations

import math

from .pose import Arrow as ArrowSpec
from .shapes import (
    ARROW_HEAD,
    ARROW_HEAD_SPREAD,
    ARROW_WIDTH,
    FLOOR_WIDTH,
    MIN_BADGE_RADIUS,
    Arrow,
    Capsule,
    Circle,
    Label,
    Layer,
    Point,
    Polygon,
    Shape,
    Stopwatch,
    shifted,
)

BADGE_R = 6.5  # cm: the badge disc (about the size of the head), at least
CLOCK_R = 7.0  # cm: the stopwatch's face (its crown and the margin around it come on top), at least
# A card prints a picture's longer side at about 120 pt or more, and a badge is never drawn under
# 5.8 pt (its number would go under 8 pt): so a large picture gets larger cues, in proportion.
BADGE_SHARE = 0.045
CLOCK_SHARE = 0.04
ARROW_SHARE = 0.16  # and an arrow at least this share of the picture, so its shaft shows beside its head


def cue_sizes(extent: float) -> tuple[float, float]:
    """The badge and stopwatch radii (cm) for a picture whose longer side is ``extent`` cm."""
    return max(BADGE_R, BADGE_SHARE * extent), max(CLOCK_R, CLOCK_SHARE * extent)

GAP = 3.5  # cm of white between a cue and anything else
MIN_ARROW = 30.0  # cm: a shorter arrow is lengthened (see ARROW_SHARE)
RING_STEP = 2.0
RINGS = 45
ANGLES = 24


# A card may shrink a picture until its longer side prints at 108 pt (render/cardchoice.SLOT_PICTURE, the same
# number: tests/test_figures.py). There a badge is drawn at 5.8 pt at least and the stopwatch at 4.5 pt
# (shapes.MIN_BADGE_RADIUS, MIN_CLOCK_RADIUS), larger than their size in cm, and the lines are drawn in points
# (the layout's figure line, 1.1 pt by default): see floor_room and arrow_reach.
SMALLEST_PRINT = 108.0
FIGURE_LINE_PT = 1.1  # the default of the layout's lines.figure
FLOOR_LINE_PT = FLOOR_WIDTH * FIGURE_LINE_PT
ARROW_REACH_PT = ARROW_HEAD_SPREAD * ARROW_HEAD * ARROW_WIDTH * FIGURE_LINE_PT  # half an arrow head's width
ARROW_REACH_LEAST = 1.8  # cm: an arrow's reach from its line in a picture printed large


def arrow_reach(extent: float) -> float:
    """How far (cm) an arrow reaches from its line on paper (half its head's width), in a picture whose longer
    side is ``extent`` cm printed smallest (draw_pdf.draw_arrow draws its width and head in points)."""
    return max(ARROW_REACH_LEAST, ARROW_REACH_PT * extent / SMALLEST_PRINT)


def floor_room(extent: float, r: float, min_pt: float = MIN_BADGE_RADIUS, room: float = 1.0) -> float:
    """How far (cm) the centre of a cue of radius ``r`` cm (``room`` times that with its crown) keeps from a floor
    line, in a picture whose longer side is ``extent`` cm: its radius as printed when the picture prints smallest,
    the gap, and half the floor line's width there, so that a cue never touches a floor line on paper."""
    cm_per_pt = extent / SMALLEST_PRINT
    return room * max(r, min_pt * cm_per_pt) + GAP + FLOOR_LINE_PT / 2 * cm_per_pt


CELL = 8.0  # cm: the side of a square of the grid that ``Obstacles.near`` looks up


class Obstacles:
    """What a badge or the stopwatch must not cover: shapes, and the sampled lines of the arrows.

    Each shape and arrow point is also filed in a grid of ``CELL``-sized squares by its bounding box, so
    ``near`` measures only what lies in the squares around the point asked about."""

    def __init__(self, layers: list[Layer], arrows: list[Arrow], floors: list[float],
                 arrow_reach: float = ARROW_REACH_LEAST):
        self.arrow_reach = arrow_reach  # cm: half an arrow's width and its head, from its line (see arrow_reach)
        self.shapes: list[Shape] = []
        self.boxes: list[tuple[float, float, float, float]] = []
        self._cells: dict[tuple[int, int], list[int]] = {}
        for layer in layers:
            for shape in layer.shapes:
                self._file(shape)
        self.points: list[Point] = [p for arrow in arrows for p in arrow.samples(40)]
        self._point_cells: dict[tuple[int, int], list[Point]] = {}
        for q in self.points:
            self._point_cells.setdefault((math.floor(q[0] / CELL), math.floor(q[1] / CELL)), []).append(q)
        self.floors = floors  # the floor lines of side views: nothing sits across one

    def _file(self, shape: Shape) -> None:
        x0, y0, x1, y1 = box = shape.bounds()
        index = len(self.shapes)
        self.shapes.append(shape)
        self.boxes.append(box)
        for cx in range(math.floor(x0 / CELL), math.floor(x1 / CELL) + 1):
            for cy in range(math.floor(y0 / CELL), math.floor(y1 / CELL) + 1):
                self._cells.setdefault((cx, cy), []).append(index)

    def add_disc(self, at: Point, r: float) -> None:
        self._file(Circle(at, r))

    def near(self, p: Point, gap: float) -> bool:
        """Whether an obstacle is less than ``gap`` from ``p`` (or ``p`` is inside a shape): the same answer
        as ``clearance(p) < gap``, found sooner. Only the shapes filed in the grid squares that the square of
        side ``2 * gap`` around ``p`` reaches are measured (a shape nearer than ``gap`` has its box there),
        those whose box is ``gap`` or more away are skipped, and it stops at the first one that close."""
        x, y = p
        cx0, cx1 = math.floor((x - gap) / CELL), math.floor((x + gap) / CELL)
        cy0, cy1 = math.floor((y - gap) / CELL), math.floor((y + gap) / CELL)
        cells, boxes, shapes = self._cells, self.boxes, self.shapes
        seen: set[int] = set()
        for cx in range(cx0, cx1 + 1):
            for cy in range(cy0, cy1 + 1):
                for index in cells.get((cx, cy), ()):
                    if index in seen:
                        continue
                    seen.add(index)
                    x0, y0, x1, y1 = boxes[index]
                    if max(x0 - x, x - x1, y0 - y, y - y1) < gap and _distance(shapes[index], p) < gap:
                        return True
        half = self.arrow_reach  # half an arrow's width, and its head
        reach = gap + half
        for cx in range(math.floor((x - reach) / CELL), math.floor((x + reach) / CELL) + 1):
            for cy in range(math.floor((y - reach) / CELL), math.floor((y + reach) / CELL) + 1):
                if any(math.dist(p, q) - half < gap for q in self._point_cells.get((cx, cy), ())):
                    return True
        return any(abs(y - floor) < gap for floor in self.floors)

    def clearance(self, p: Point) -> float:
        """The distance from ``p`` to the nearest obstacle (negative inside a shape)."""
        best = math.inf
        x, y = p
        for shape, (x0, y0, x1, y1) in zip(self.shapes, self.boxes, strict=True):
            if max(x0 - x, x - x1, y0 - y, y - y1) >= best:
                continue  # its bounding box is farther than the nearest so far: so is the shape
            best = min(best, _distance(shape, p))
        for q in self.points:
            best = min(best, math.dist(p, q) - self.arrow_reach)  # half the arrow's width, and its head
        for floor in self.floors:
            best = min(best, abs(p[1] - floor))
        return best

    def free_spot(self, wanted: Point, r: float, from_floor: float = 0.0) -> Point:
        """The spot nearest ``wanted`` (searched in rings around it) where a disc of radius ``r`` fits, its centre
        at least ``from_floor`` cm from every floor line (see :func:`floor_room`)."""
        for ring in range(RINGS):
            radius = ring * RING_STEP
            count = 1 if ring == 0 else ANGLES
            for i in range(count):
                t = math.pi / 2 + 2 * math.pi * i / count
                p = (wanted[0] + radius * math.cos(t), wanted[1] + radius * math.sin(t))
                if (not self.near(p, r + GAP) and (not self.floors or p[1] - r > min(self.floors))
                        and all(abs(p[1] - floor) >= from_floor for floor in self.floors)):
                    return p  # (never under the floor: a cue belongs with the figure above it)
        return wanted  # pragma: no cover - there is always room above a picture


def _distance(shape: Shape, p: Point) -> float:
    if isinstance(shape, Circle):
        return math.dist(p, shape.c) - shape.r
    if isinstance(shape, Capsule):
        (ax, ay), (bx, by) = shape.a, shape.b
        dx, dy = bx - ax, by - ay
        length2 = dx * dx + dy * dy
        t = 0.0 if length2 < 1e-9 else max(0.0, min(1.0, ((p[0] - ax) * dx + (p[1] - ay) * dy) / length2))
        q = (ax + dx * t, ay + dy * t)
        return math.dist(p, q) - (shape.ra + (shape.rb - shape.ra) * t)
    return _polygon_distance(shape, p)


def _polygon_distance(shape: Polygon, p: Point) -> float:
    points = shape.points
    inside = False
    best = math.inf
    for i, a in enumerate(points):
        b = points[i - 1]
        if (a[1] > p[1]) != (b[1] > p[1]) and p[0] < (b[0] - a[0]) * (p[1] - a[1]) / (b[1] - a[1]) + a[0]:
            inside = not inside
        dx, dy = b[0] - a[0], b[1] - a[1]
        length2 = dx * dx + dy * dy
        t = 0.0 if length2 < 1e-9 else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2))
        best = min(best, math.dist(p, (a[0] + dx * t, a[1] + dy * t)))
    return -best if inside else best


def path_arrow(spec: ArrowSpec, a: Point, b: Point, color: str, extent: float = 0.0) -> Arrow:
    """A curved arrow from ``a`` to ``b`` (a body point's place at the start and at the end), in a
    picture whose longer side is ``extent`` cm."""
    shortest = max(MIN_ARROW, ARROW_SHARE * extent)
    dx, dy = spec.offset
    a = (a[0] + dx, a[1] + dy)
    b = (b[0] + dx, b[1] + dy)
    d = (b[0] - a[0], b[1] - a[1])
    length = math.hypot(*d) or 1.0
    ux, uy = d[0] / length, d[1] / length
    if length < shortest:  # too short for a shaft to show beside its head: lengthen it about its middle
        grow = (shortest - length) / 2
        a = (a[0] - ux * grow, a[1] - uy * grow)
        b = (b[0] + ux * grow, b[1] + uy * grow)
        length = shortest
    mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    normal = (-uy, ux)
    bulge = spec.bend * length
    c = (mid[0] + normal[0] * bulge, mid[1] + normal[1] * bulge)
    # shorten the ends a little so the arrow does not sit on the limbs it points at
    trim = min(4.0, length * 0.15)
    a2 = _toward(a, c, trim)
    b2 = _toward(b, c, trim)
    c1 = (a2[0] + (c[0] - a2[0]) * 2 / 3, a2[1] + (c[1] - a2[1]) * 2 / 3)
    c2 = (b2[0] + (c[0] - b2[0]) * 2 / 3, b2[1] + (c[1] - b2[1]) * 2 / 3)
    return Arrow(color, bezier=(a2, c1, c2, b2), head_start=spec.both_ways)


ARROW_GAP = 2.6  # cm between an arrow's line and the body or a floor line
HEAD_GAP = 4.2  # and around its head (the last fifth of its length), which is wider


def _arrow_clear(samples: list[Point], head_start: bool, obstacles: Obstacles, first: list[int]) -> bool:
    """Whether every sample of an arrow keeps its gap. ``first`` holds the index of the sample to look at
    first, and is set to the one that failed: the next place tried, beside this one, most likely fails there
    too, so it is found at once (the answer is the same in any order)."""
    heads = {0, len(samples) - 1} if head_start else {len(samples) - 1}
    order = range(len(samples)) if not first else (first[0], *range(len(samples)))
    for i in order:
        near_head = any(abs(i - h) <= 4 for h in heads)
        if obstacles.near(samples[i], HEAD_GAP if near_head else ARROW_GAP):
            first[:] = [i]
            return False
    return True


def clear_arrow(arrow: Arrow, obstacles: Obstacles) -> Arrow:
    """The arrow where the pose file puts it if it clears the body, else moved to the nearest place
    (searched in rings around it) where it does: an arrow is drawn beside the moving part, never over it."""
    failed: list[int] = []
    samples = arrow.samples(24)
    if _arrow_clear(samples, arrow.head_start, obstacles, failed):
        return arrow
    for ring in range(1, RINGS):
        radius = ring * RING_STEP
        for i in range(ANGLES):
            t = math.pi / 2 + 2 * math.pi * i / ANGLES
            dx, dy = radius * math.cos(t), radius * math.sin(t)
            if _arrow_clear([(x + dx, y + dy) for x, y in samples], arrow.head_start, obstacles, failed):
                moved = shifted(arrow, dx, dy)
                assert isinstance(moved, Arrow)
                return moved
    return arrow  # pragma: no cover - there is always room beside a picture


def around_arrow(spec: ArrowSpec, center: Point, color: str) -> Arrow:
    """A circular arrow around a body point (rotations and rolls)."""
    dx, dy = spec.offset
    return Arrow(color, arc=((center[0] + dx, center[1] + dy), spec.radius, spec.start, spec.sweep), head_start=spec.both_ways)


def _toward(p: Point, q: Point, distance: float) -> Point:
    d = (q[0] - p[0], q[1] - p[1])
    n = math.hypot(*d) or 1.0
    return (p[0] + d[0] / n * distance, p[1] + d[1] / n * distance)


def arrow_badges(arrow: Arrow, obstacles: Obstacles, r: float = BADGE_R, from_floor: float = 0.0) -> list[Label]:
    """'1' beside the arrow's start (the light pose), '2' beside its end, on the outside of its curve."""
    samples = arrow.samples(20)
    (ax, ay), (bx, by) = samples[0], samples[-1]
    mx, my = samples[10]
    chord = (bx - ax, by - ay)
    length = math.hypot(*chord) or 1.0
    normal = (-chord[1] / length, chord[0] / length)
    if (mx - (ax + bx) / 2) * normal[0] + (my - (ay + by) / 2) * normal[1] > 0:
        normal = (-normal[0], -normal[1])
    ux, uy = chord[0] / length, chord[1] / length
    out = []
    for (px, py), along, text in ((samples[0], -1.0, "1"), (samples[-1], 1.0, "2")):
        wanted = (px + ux * along * (r + GAP) + normal[0] * (r + GAP), py + uy * along * (r + GAP) + normal[1] * (r + GAP))
        at = obstacles.free_spot(wanted, r, from_floor)
        obstacles.add_disc(at, r)
        out.append(Label(at, text, r=r))
    return out


def panel_badge(text: str, corner: Point, obstacles: Obstacles, r: float = BADGE_R, from_floor: float = 0.0) -> Label:
    """A panel's number at its top left corner, or the free spot nearest it."""
    at = obstacles.free_spot((corner[0] + r, corner[1] + r), r, from_floor)
    obstacles.add_disc(at, r)
    return Label(at, text, r=r)


def stopwatch(corner: Point, obstacles: Obstacles, r: float = CLOCK_R, from_floor: float = 0.0) -> Stopwatch:
    """The hold cue at the picture's top right corner, or the free spot nearest it."""
    room = r * 1.45  # the crown sits above the face
    at = obstacles.free_spot((corner[0] - room, corner[1] - room), room, from_floor)
    obstacles.add_disc(at, room)
    return Stopwatch(at, r)
