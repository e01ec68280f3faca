"""A close-up: only what lies above a height is drawn (the head and shoulders of a standing figure),
or only what lies below one (the feet).

Shapes are cut by the horizontal line ``y = cut`` on the page; what is on the other side is dropped. A
capsule or a circle that crosses the line becomes the polygon of its outline, cut. The cut edge is
outlined with the rest of its silhouette, so a cut figure reads as a bust (or as feet and shins).
"""

from __future__ import annotations

import math

from .shapes import Capsule, Circle, Layer, Line, Point, Polygon, Shape

CIRCLE_POINTS = 36


def _cut_polygon(points: list[Point], cut: float, below: bool = False) -> list[Point]:
    """Sutherland-Hodgman against the half-plane y >= cut (``below``: y <= cut)."""
    out: list[Point] = []
    n = len(points)
    for i in range(n):
        p, q = points[i], points[(i + 1) % n]
        p_in, q_in = (p[1] <= cut, q[1] <= cut) if below else (p[1] >= cut, q[1] >= cut)
        if p_in:
            out.append(p)
        if p_in != q_in:
            t = (cut - p[1]) / (q[1] - p[1])
            out.append((p[0] + t * (q[0] - p[0]), cut))
    return out


def _cut_shape(shape: Shape, cut: float, below: bool = False) -> Shape | None:
    _, y0, _, y1 = shape.bounds()
    if (y1 <= cut) if below else (y0 >= cut):
        return shape
    if (y0 >= cut) if below else (y1 <= cut):
        return None
    if isinstance(shape, Capsule):
        points = shape.outline()
    elif isinstance(shape, Circle):
        (cx, cy), r = shape.c, shape.r
        points = [(cx + r * math.cos(2 * math.pi * i / CIRCLE_POINTS), cy + r * math.sin(2 * math.pi * i / CIRCLE_POINTS))
                  for i in range(CIRCLE_POINTS)]
    else:
        points = list(shape.points)
    cut_points = _cut_polygon(points, cut, below)
    return Polygon(tuple(cut_points)) if len(cut_points) >= 3 else None


def cut_above(items: list[Layer | Line], cut: float, below: bool = False) -> list[Layer | Line]:
    """The items as seen in a close-up that keeps only what lies above ``cut`` (page centimetres), or,
    with ``below``, only what lies below it."""
    out: list[Layer | Line] = []
    for item in items:
        if isinstance(item, Line):
            ys = [p[1] for p in item.points]
            if (max(ys) <= cut) if below else (min(ys) >= cut):
                out.append(item)
            continue
        shapes = [s for s in (_cut_shape(shape, cut, below) for shape in item.shapes) if s is not None]
        if shapes:
            out.append(Layer(tuple(shapes), item.fill, item.outline, item.role))
    return out
