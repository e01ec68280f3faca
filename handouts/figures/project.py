"""The camera: from placed 3D bodies and props to 2D layers (:mod:`.shapes`), near to far.

The figure is drawn as one silhouette per limb and one for trunk, neck and head. Limbs on the far
side are drawn lighter than the near ones; the trunk is lofted from cross-sections (hips, waist,
chest, shoulders); the head has a jaw, a nose and an eye, so its facing reads in profile.
"""

from __future__ import annotations

import itertools
import math
from typing import NamedTuple

from .body import HEAD_RADIUS, Body, Section, Segment
from .props import PropPiece
from .shapes import FLOOR_WIDTH, Capsule, Circle, Layer, Line, Point, Polygon, Shape, bounds_of
from .surface import extent
from .vec import Vec, add, dot, lerp, mul

FLOOR_MARGIN = 12.0
FAR_SIDE = 3.0  # cm behind the trunk's middle: a limb there is drawn in the far-side tone
ELLIPSE_POINTS = 20  # points around each trunk cross-section
ON_TOP = 1e9  # the depth of a limb named in on_top (plus its place in the list)


class Camera:
    """Orthographic camera: turned about the vertical, then tilted to look down."""

    def __init__(self, turn: float, tilt: float = 0.0):
        t = math.radians(turn)
        e = math.radians(tilt)
        self.right: Vec = (math.cos(t), 0.0, -math.sin(t))
        level_back: Vec = (math.sin(t), 0.0, math.cos(t))
        self.back: Vec = add(mul(level_back, math.cos(e)), (0.0, math.sin(e), 0.0))  # toward the viewer
        self.up: Vec = add((0.0, math.cos(e), 0.0), mul(level_back, -math.sin(e)))
        self.level = tilt == 0

    def project(self, p: Vec) -> Point:
        return (dot(p, self.right), dot(p, self.up))

    def depth(self, p: Vec) -> float:
        return dot(p, self.back)


class FigurePalette(NamedTuple):
    """The picture's colours. They come from the layout (see render/pictures.py), so a print-friendly
    layout draws in greys and a brand colour can tint the figure."""

    figure: str
    figure_far: str
    outline: str
    start_fill: str
    start_far: str
    start_outline: str
    prop: str
    prop_outline: str
    mat: str
    arrow: str
    floor: str


def segment_shape(seg: Segment, cam: Camera) -> Capsule:
    a, b = cam.project(seg.a), cam.project(seg.b)
    d = (b[0] - a[0], b[1] - a[1])
    length = math.hypot(*d)
    if length > 1e-6:
        n2 = (-d[1] / length, d[0] / length)
        n3 = add(mul(cam.right, n2[0]), mul(cam.up, n2[1]))
        ra, rb = extent(seg, "a", n3), extent(seg, "b", n3)
    else:
        ra = (extent(seg, "a", cam.right) + extent(seg, "a", cam.up)) / 2
        rb = (extent(seg, "b", cam.right) + extent(seg, "b", cam.up)) / 2
    return Capsule(a, b, ra, rb)


def _ellipse(section: Section, cam: Camera) -> list[Point]:
    out = []
    for i in range(ELLIPSE_POINTS):
        t = 2 * math.pi * i / ELLIPSE_POINTS
        p = add(add(section.center, mul(section.front, section.rf * math.cos(t))), mul(section.left, section.rl * math.sin(t)))
        out.append(cam.project(p))
    return out


def trunk_shapes(body: Body, cam: Camera) -> list[Shape]:
    """The trunk as the union of the hulls of each pair of neighbouring cross-sections."""
    rings = [_ellipse(s, cam) for s in body.sections]
    return [Polygon(tuple(hull(a + b))) for a, b in itertools.pairwise(rings)]


def head_shapes(body: Body, cam: Camera) -> tuple[list[Shape], list[Shape]]:
    """The head (skull, jaw, nose) and its face marks (eyes), as seen by the camera."""
    frame = body.head_frame
    face, up, left = frame.front, frame.axis, frame.left
    c = body.head_center
    skull = Circle(cam.project(c), HEAD_RADIUS)
    jaw_c = add(add(c, mul(face, 3.4)), mul(up, -4.6))
    shapes: list[Shape] = [skull, Circle(cam.project(jaw_c), 6.4)]
    marks: list[Shape] = []
    toward = dot(face, cam.back)
    if abs(toward) < 0.9:  # seen from the side (or above): the nose shows which way the face looks
        nose = add(add(c, mul(face, HEAD_RADIUS * 0.95)), mul(up, -1.8))
        shapes.append(Circle(cam.project(nose), 2.2))
    if toward > -0.5:  # the face is not turned away: an eye (two when seen from the front)
        eyes = []
        for side in (-1.0, 1.0):
            eye = add(add(add(c, mul(face, HEAD_RADIUS * 0.72)), mul(left, side * HEAD_RADIUS * 0.4)), mul(up, 1.6))
            # an eye on the far side of the face is hidden behind it
            if dot(add(mul(face, 0.72), mul(left, side * 0.4)), cam.back) > -0.05:
                eyes.append(Circle(cam.project(eye), 1.2))
        marks += eyes
    if toward > 0.25:  # the face toward the camera: a mouth, so a front view shows which way the head tips
        mouth = add(add(c, mul(face, HEAD_RADIUS * 0.86)), mul(up, -3.9))
        w, h = mul(left, 2.1), mul(up, 0.45)
        corners = [add(add(mouth, mul(w, sx)), mul(h, sy)) for sx, sy in ((-1, 0), (0, -1), (1, 0), (0, 1))]
        marks.append(Polygon(tuple(cam.project(q) for q in corners)))
    return shapes, marks


def _far_side(body: Body, group: str, cam: Camera) -> bool:
    """Is the limb's root (hip or shoulder) clearly behind the other side's? Drawn lighter, so near and
    far limbs read apart in any view; in a front view (or from the head end) neither side is far."""
    side, _, limb = group.partition(".")
    if not limb:
        return False
    other = "left" if side == "right" else "right"
    joint = "hip" if limb == "leg" else "shoulder"
    return cam.depth(body.points[f"{side}.{joint}"]) < cam.depth(body.points[f"{other}.{joint}"]) - 2 * FAR_SIDE


def body_layers(body: Body, cam: Camera, palette: FigurePalette, light: bool,
                on_top: tuple[str, ...] = ()) -> list[tuple[float, Layer]]:
    """One layer per limb and one for trunk, neck and head, each with its depth for sorting (the limbs
    named in ``on_top`` last: a whole limb has one depth, so a leg crossed over the other needs saying)."""
    middle = cam.depth(body.points["waist"])
    groups: dict[str, list[Segment]] = {}
    for seg in body.segments:
        groups.setdefault(seg.group, []).append(seg)
    out = []
    for group, segs in groups.items():
        depth = sum(cam.depth(lerp(s.a, s.b, 0.5)) for s in segs) / len(segs)
        far = _far_side(body, group, cam)
        if light:
            fill = palette.start_far if far else palette.start_fill
            outline = palette.start_outline
        else:
            fill = palette.figure_far if far else palette.figure
            outline = palette.outline
        if group == "trunk":
            head, marks = head_shapes(body, cam)
            neck = [segment_shape(s, cam) for s in segs if s.name == "neck"]
            shapes: list[Shape] = [*trunk_shapes(body, cam), *neck, *head]
            depth = middle
            if marks:  # the face in the full outline colour even on a pale figure, so its facing reads
                out.append((depth + 0.001, Layer(tuple(marks), palette.outline, None, "face")))
        else:
            shapes = [segment_shape(s, cam) for s in segs]
        if group in on_top:  # over the rest, in the order listed (the last one over them all)
            depth = ON_TOP + on_top.index(group)
        out.append((depth, Layer(tuple(shapes), fill, outline, "figure")))
    return out


def prop_layer(piece: PropPiece, cam: Camera, palette: FigurePalette) -> Layer:
    fill = palette.mat if piece.role == "mat" else palette.prop_outline if piece.role == "strap" else palette.prop
    if piece.kind == "box":
        shape: Shape = Polygon(tuple(hull([cam.project(c) for c in piece.corners])))
    elif piece.kind == "sphere":
        shape = Circle(cam.project(piece.center), piece.radius)
    else:
        shape = Capsule(cam.project(piece.a), cam.project(piece.b), piece.radius, piece.radius)
    return Layer((shape,), fill, palette.prop_outline, piece.role)


def panel_layers(bodies: list[Body], light: list[bool], props: list[PropPiece], cam: Camera,
                 palette: FigurePalette, on_top: tuple[str, ...] = ()) -> list[Layer | Line]:
    """A panel's floor line, props behind the figure, the figures (start poses first), props in front."""
    back_props = [prop_layer(p, cam, palette) for p in props if not p.front and p.role == "mat"]
    back_props += [prop_layer(p, cam, palette) for p in props if not p.front and p.role != "mat"]
    front_props = [prop_layer(p, cam, palette) for p in props if p.front]
    figures: list[Layer] = []
    for body, is_light in zip(bodies, light, strict=True):
        # light (start) poses go behind the final pose; each figure's parts far to near
        figures += [layer for _, layer in sorted(body_layers(body, cam, palette, is_light, on_top), key=lambda item: item[0])]
    drawn: list[Layer | Line] = [*back_props, *figures, *front_props]
    if not cam.level and any(p.role == "mat" for p in props):
        return drawn  # seen from above, the mat is the floor: a line under it would float
    # seen from above, the floor is a plane: the line then marks its near edge, under everything
    bounds = bounds_of(drawn)
    floor_y = 0.0 if cam.level else bounds[1]
    floor = Line(((bounds[0] - FLOOR_MARGIN, floor_y), (bounds[2] + FLOOR_MARGIN, floor_y)), palette.floor, FLOOR_WIDTH)
    return [floor, *drawn]


def hull(points: list[Point]) -> list[Point]:
    """Convex hull, counterclockwise (monotone chain)."""
    pts = sorted(set(points))
    if len(pts) <= 2:
        return pts

    def cross(o: Point, a: Point, b: Point) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[Point] = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list[Point] = []
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]
