"""The feet seen from straight above, as you see your own when you look down: toes up the page.

A close-up of where the feet go (``close_up: {from_above: true}``) draws each foot alone, as the outline
of a foot from above (a narrow rounded heel widening to the ball of the foot) with its five toes, the big
toe on the inner side. A foot with toes cannot be mistaken for a leg, and the toes and heels show at a
glance which way each foot points and what touches what.
"""

from __future__ import annotations

import math

from .body import Body
from .project import Camera, FigurePalette
from .shapes import Circle, Layer, Point, Polygon, Shape

FOOT_LENGTH = 25.0  # cm, heel to big toe: the outline below is drawn for this length
# The foot from above, heel at u = 0, toward the toes along u, the inner (big-toe) side at +v; centimetres.
# The inner edge is nearly straight (heel and ball touch the other foot's when the feet stand together, the
# arch between them a little in); the outer edge flares out to the little toe.
OUTER_EDGE = ((5.5, -3.6), (9.5, -4.2), (13.5, -4.9), (16.5, -5.5), (18.3, -5.7))
INNER_EDGE = ((5.5, 3.2), (9.5, 2.8), (13.5, 3.0), (16.5, 3.4), (19.3, 3.4))
HEEL_RADIUS = 3.3
# The toes (centre u, v and radius), big toe first: it reaches furthest, the others step back outward.
TOES = ((21.8, 1.5, 2.0), (21.3, -1.05, 1.3), (20.6, -2.85, 1.15), (19.7, -4.35, 1.05), (18.6, -5.5, 0.95))


def above_camera(body: Body) -> Camera:
    """A camera looking straight down, turned so the body's front (where its toes point) is up the page."""
    front = next(s.frame.front for s in body.segments if s.name == "lower trunk")
    turn = math.degrees(math.atan2(-front[0], -front[2]))
    return Camera(turn, 90.0)


def foot_outline(heel: Point, toe: Point, inner: Point) -> tuple[list[Point], list[Circle]]:
    """One foot on the page: its outline and its toes, from the heel and toe points (the foot's axis) and a
    point on its inner side (the other foot, or the middle between the feet)."""
    du, dv = toe[0] - heel[0], toe[1] - heel[1]
    length = math.hypot(du, dv) or 1.0
    u = (du / length, dv / length)
    v = (-u[1], u[0])
    if (inner[0] - heel[0]) * v[0] + (inner[1] - heel[1]) * v[1] < 0:
        v = (-v[0], -v[1])
    k = (length + 5.8) / FOOT_LENGTH  # the heel and toe points lie 3.8 and 2 cm inside the foot's ends (body.py)
    back = (heel[0] - u[0] * 3.8, heel[1] - u[1] * 3.8)  # where u = 0: the back of the heel

    def at(pu: float, pv: float) -> Point:
        return (back[0] + (u[0] * pu + v[0] * pv) * k, back[1] + (u[1] * pu + v[1] * pv) * k)

    # from the inner side round the back of the heel to the outer side
    heel_arc = [at(HEEL_RADIUS * (1 + math.cos(t)), HEEL_RADIUS * math.sin(t)) for t in (math.radians(a) for a in range(90, 271, 15))]
    ball = [at(20.3, 1.5), at(20.0, -2.0), at(18.9, -4.9)]  # the front of the foot, under the toes
    points = [*heel_arc, *(at(*p) for p in OUTER_EDGE), *reversed(ball), *(at(*p) for p in reversed(INNER_EDGE))]
    toes = [Circle(at(tu, tv), r * k) for tu, tv, r in TOES]
    return points, toes


def feet_layers(body: Body, cam: Camera, palette: FigurePalette, light: bool) -> list[Layer]:
    """The two feet as seen by ``cam`` (looking straight down, see :func:`above_camera`): one layer each."""
    fill = palette.start_fill if light else palette.figure
    outline = palette.start_outline if light else palette.outline
    middle = cam.project(body.points["pelvis"])
    layers = []
    for side in ("right", "left"):
        heel, toe = (cam.project(body.points[f"{side}.{p}"]) for p in ("heel", "toe"))
        points, toes = foot_outline(heel, toe, middle)
        shapes: list[Shape] = [Polygon(tuple(points)), *toes]
        layers.append(Layer(tuple(shapes), fill, outline, "figure"))
    return layers

