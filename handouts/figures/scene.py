"""From a pose file to a picture: place the figure on its support, fit the props to it, project.

Geometry is computed once, in 3D centimetres, and turned into 2D primitives (:mod:`.shapes`)
for the chosen camera; :mod:`.draw_pdf` and :mod:`.draw_png` draw those primitives.
The same 3D geometry answers the physics questions the tests ask (what touches the floor,
whether the back touches the wall...).
"""

from __future__ import annotations

import math
from typing import NamedTuple

from .body import HEAD_RADIUS, Body, Segment, build_body
from .pose import Illustration, Prop
from .shapes import Arrow, Capsule, Circle, Label, Layer, Line, Picture2D, Point, Polygon, Stopwatch
from .vec import Vec, add, dot, lerp, mul, norm, sub, unit

MAT_THICKNESS = 1.6
PANEL_GAP = 14.0
SHORT_ARROW = 30.0  # cm: below this, an arrow's numbered badges sit at its ends rather than beside it
FLOOR_MARGIN = 12.0


# -- body surface -------------------------------------------------------------------------


def extent(seg: Segment, end: str, direction: Vec) -> float:
    """How far the segment's surface reaches beyond its end point in ``direction`` (a unit vector)."""
    rf, rl = seg.ra if end == "a" else seg.rb
    if rf == rl:  # round limbs are sphere-swept: the same reach in every direction
        return rf
    front, left, axis = seg.frame.front, seg.frame.left, seg.frame.axis
    rc = min(rf, rl)
    return math.sqrt((rf * dot(front, direction)) ** 2 + (rl * dot(left, direction)) ** 2 + (rc * dot(axis, direction)) ** 2)


def reach(body: Body, direction: Vec, segments: list[Segment] | None = None, head: bool = True) -> float:
    """The largest coordinate of the body's surface along ``direction``."""
    best = -math.inf
    for seg in segments if segments is not None else body.segments:
        for end, p in (("a", seg.a), ("b", seg.b)):
            best = max(best, dot(p, direction) + extent(seg, end, direction))
    if head:
        best = max(best, dot(body.head_center, direction) + HEAD_RADIUS)
    return best


DOWN: Vec = (0.0, -1.0, 0.0)


def lowest(body: Body, segments: list[Segment] | None = None, head: bool = True) -> float:
    return -reach(body, DOWN, segments, head)


def part_segments(body: Body, part: str) -> list[Segment]:
    """The segments that make up a named part, for contact questions."""
    names = {
        "trunk": ("lower trunk", "mid trunk", "upper trunk"),
        "back": ("lower trunk", "mid trunk", "upper trunk"),
        "front": ("lower trunk", "mid trunk", "upper trunk"),
        "pelvis": ("lower trunk",),
        "chest": ("upper trunk",),
        "waist": ("lower trunk", "mid trunk"),
        "knees": ("right shin", "left shin", "right thigh", "left thigh"),
        "hands": ("right hand", "left hand"),
        "heels": ("right foot", "left foot"),
        "feet": ("right foot", "left foot"),
    }
    side, _, joint = part.partition(".")
    if joint:
        mapping = {"knee": ("thigh", "shin"), "ankle": ("shin", "foot"), "heel": ("foot",), "toe": ("foot",),
                   "hip": ("thigh",), "hand": ("hand",), "wrist": ("forearm", "hand"), "elbow": ("upper arm", "forearm"),
                   "shoulder": ("upper arm",)}
        wanted = tuple(f"{side} {n}" for n in mapping.get(joint, ()))
    else:
        wanted = names.get(part, ())
    return [s for s in body.segments if s.name in wanted]


def point_bottom(body: Body, part: str) -> float:
    """The lowest surface height of a body part ('head', 'right.knee', 'hands', ...)."""
    if part == "head":
        return body.head_center[1] - HEAD_RADIUS
    segments = part_segments(body, part)
    if part in ("knees", "hands", "heels", "feet"):
        single = part[:-1] if part != "feet" else "foot"
        joint = {"knee": "knee", "hand": "hand", "heel": "heel", "foot": "ankle"}[single]
        return max(point_bottom(body, f"right.{joint}"), point_bottom(body, f"left.{joint}"))
    if part.endswith((".knee", ".heel", ".toe", ".hand")):
        # only the end of the segment near that point counts
        p = body.points[part]
        best = math.inf
        for seg in segments:
            for end, q in (("a", seg.a), ("b", seg.b)):
                if norm(sub(q, p)) < 6.0:
                    best = min(best, q[1] - extent(seg, end, DOWN))
        return best
    return lowest(body, segments, head=False) if segments else body.points[part][1]


# -- the scene ------------------------------------------------------------------------------


class PropPiece:
    """One solid part of a prop in 3D: a box (8 corners), a sphere or a capsule."""

    def __init__(self, kind: str, role: str, *, corners: list[Vec] | None = None, center: Vec = (0.0, 0.0, 0.0),
                 radius: float = 0.0, a: Vec = (0.0, 0.0, 0.0), b: Vec = (0.0, 0.0, 0.0), front: bool = False):
        self.kind = kind  # box, sphere, capsule
        self.role = role  # prop, mat, seat, wall, jamb, ball, pillow, frame
        self.corners = corners or []
        self.center = center
        self.radius = radius
        self.a = a
        self.b = b
        self.front = front  # drawn in front of the figure


class Panel:
    def __init__(self, bodies: list[Body], light: list[bool], props: list[PropPiece], support_y: float, label: str | None):
        self.bodies = bodies  # the keyframes shown in this panel, first to last
        self.light = light  # which of them are drawn in the light (start) tone
        self.props = props
        self.support_y = support_y
        self.label = label


def box(x0: float, x1: float, y0: float, y1: float, z0: float, z1: float, role: str = "prop", front: bool = False) -> PropPiece:
    corners = [(x, y, z) for x in (x0, x1) for y in (y0, y1) for z in (z0, z1)]
    return PropPiece("box", role, corners=corners, front=front)


def oriented_box(origin: Vec, u: Vec, v: Vec, w: Vec, role: str = "prop") -> PropPiece:
    """A box spanned by three edge vectors from a corner."""
    corners = [add(add(add(origin, mul(u, i)), mul(v, j)), mul(w, k)) for i in (0, 1) for j in (0, 1) for k in (0, 1)]
    return PropPiece("box", role, corners=corners)


class Scene:
    """A pose file turned into placed bodies and props, ready to be projected."""

    def __init__(self, illustration: Illustration):
        self.ill = illustration
        self.has_mat = any(p.name == "mat" for p in illustration.props)
        self.support_y = MAT_THICKNESS if self.has_mat else 0.0
        self.bodies = self._place([build_body(k) for k in illustration.keyframes])
        if illustration.show == "panels":
            self.panels = [self._panel([body], [False], i) for i, body in enumerate(self.bodies)]
        else:
            light = [i < len(self.bodies) - 1 for i in range(len(self.bodies))] if illustration.show == "overlay" else [False]
            self.panels = [self._panel(self.bodies, light, None)]

    # -- placing the figure ----------------------------------------------------------
    def _place(self, bodies: list[Body]) -> list[Body]:
        placed = []
        anchor_x = None
        anchor = self.ill.anchor
        for body, keyframe in zip(bodies, self.ill.keyframes, strict=True):
            base = self.support_y if self.ill.support != "none" else 0.0
            dy = base + keyframe.lift - lowest(body)
            moved = body.moved((0.0, dy, 0.0))
            x = self._anchor_x(moved, anchor)
            if anchor_x is None:
                anchor_x = x
            moved = moved.moved((anchor_x - x, 0.0, 0.0))
            placed.append(moved)
        return placed

    @staticmethod
    def _anchor_x(body: Body, anchor: str) -> float:
        if anchor == "back":
            return -reach(body, (-1.0, 0.0, 0.0), part_segments(body, "trunk"), head=False)
        if anchor == "front":
            return reach(body, (1.0, 0.0, 0.0), part_segments(body, "trunk"), head=False)
        return body.points[anchor][0]

    # -- props -------------------------------------------------------------------------
    def _panel(self, bodies: list[Body], light: list[bool], index: int | None) -> Panel:
        pieces: list[PropPiece] = []
        for prop in self.ill.props:
            # a panel's props fit its own figure; an overlay's fit the keyframe the prop names
            body = bodies[0] if index is not None else self.bodies[prop.keyframe - 1]
            pieces += self._prop(prop, body, bodies)
        label = None
        if index is not None:
            caption = self.ill.keyframes[index].caption
            label = caption or str(index + 1)
        return Panel(bodies, light, pieces, self.support_y, label)

    def _prop(self, prop: Prop, body: Body, bodies: list[Body]) -> list[PropPiece]:
        p = body.points
        name = prop.name
        if name == "mat":
            xs = [x for b in bodies for s in b.segments for x in (s.a[0], s.b[0])] + [b.head_center[0] for b in bodies]
            return [box(min(xs) - 16, max(xs) + 16, 0.0, MAT_THICKNESS, -40, 40, role="mat")]
        if name == "wall":
            at = prop.at or "back"
            trunk = part_segments(body, "trunk")
            if at == "front":
                x = reach(body, (1.0, 0.0, 0.0), trunk, head=False)
                return [box(x, x + 12, 0, 200, -70, 70, role="wall")]
            x = -reach(body, (-1.0, 0.0, 0.0), trunk, head=False)
            return [box(x - 12, x, 0, 200, -70, 70, role="wall")]
        if name == "chair":
            at = prop.at or "pelvis"
            if at == "pelvis":
                seat_y = point_bottom(body, "pelvis")
                back_x = -reach(body, (-1.0, 0.0, 0.0), part_segments(body, "pelvis"), head=False)
                return chair(back_x - 2, back_x + 44, seat_y, backrest=True, facing=1)
            target = p[at]
            seat_y = point_bottom(body, at)
            return chair(target[0] - 20, target[0] + 22, seat_y, backrest=True, facing=-1)
        if name == "pillow":
            at = prop.at or "head"
            center = body.head_center if at == "head" else p[at]
            bottom = point_bottom(body, at)
            thickness = max(1.0, bottom - self.support_y)
            r = thickness / 2
            half = 13.0
            y = self.support_y + r
            return [PropPiece("capsule", "pillow", a=(center[0] - half, y, 0.0), b=(center[0] + half, y, 0.0), radius=r)]
        if name == "ball":
            at = prop.at or "heels"
            target = p[at]
            bottom = point_bottom(body, at)
            r = max(5.0, (bottom - self.support_y) / 2)
            return [PropPiece("sphere", "ball", center=(target[0] + 3, self.support_y + r, 0.0), radius=r)]
        if name == "doorway":
            pieces = []
            for side in ("right", "left"):
                hand = p[f"{side}.hand"]
                outward = 1 if side == "right" else -1
                z0 = hand[2] + outward * 2
                pieces.append(box(hand[0] - 5, hand[0] + 5, 0, 205, min(z0, z0 + outward * 10), max(z0, z0 + outward * 10),
                                  role="jamb"))
            xs = [p["right.hand"][0], p["left.hand"][0]]
            pieces.append(box(min(xs) - 5, max(xs) + 5, 205, 213, -60, 60))
            return pieces
        if name == "inversion table":
            return inversion_table(body)
        raise ValueError(name)  # pragma: no cover - the schema limits prop names

    # -- projection --------------------------------------------------------------------
    def picture(self, palette: FigurePalette) -> Picture2D:
        cam = Camera(self.ill.view.turn, self.ill.view.tilt)
        out = Picture2D()
        offset_x = 0.0
        all_bounds: list[tuple[float, float, float, float]] = []
        panel_frames = []
        for panel in self.panels:
            layers = panel_layers(panel, cam, palette, self.support_y)
            bounds = _bounds(layers)
            shift = offset_x - bounds[0]
            layers = [_shift(layer, shift, 0.0) for layer in layers]
            bounds = (bounds[0] + shift, bounds[1], bounds[2] + shift, bounds[3])
            panel_frames.append((shift, bounds))
            out.layers += layers
            all_bounds.append(bounds)
            offset_x = bounds[2] + PANEL_GAP
        # arrows
        arrows = []
        for arrow in self.ill.arrows:
            index = (arrow.panel - 1) if arrow.panel else len(self.panels) - 1
            index = min(index, len(self.panels) - 1)
            shift = panel_frames[index][0]
            arrows.append(_arrow(arrow, self, cam, shift, palette, index))
        out.layers += arrows
        paths = [a for a in arrows if a.bezier is not None]
        if self.ill.show == "overlay" and self.ill.badges and paths:
            # '1' beside the arrow's start (the light pose), '2' beside its end, on the outside of the curve
            samples = paths[0].samples(20)
            (ax, ay), (bx, by) = samples[0], samples[-1]
            mx, my = samples[10]
            chord = (bx - ax, by - ay)
            length = math.hypot(*chord) or 1.0
            normal = (-chord[1] / length, chord[0] / length)
            if (mx - (ax + bx) / 2) * normal[0] + (my - (ay + by) / 2) * normal[1] > 0:
                normal = (-normal[0], -normal[1])
            if length >= SHORT_ARROW:
                for t_index, text in ((4, "1"), (15, "2")):
                    px, py = samples[t_index]
                    out.layers.append(Label((px + normal[0] * 11.0, py + normal[1] * 11.0), text))
            else:  # a short arrow: the badges go before its tail and past its head, so they never meet
                ux, uy = chord[0] / length, chord[1] / length
                out.layers.append(Label((ax - ux * 9.0 + normal[0] * 4.0, ay - uy * 9.0 + normal[1] * 4.0), "1"))
                out.layers.append(Label((bx + ux * 9.0 + normal[0] * 4.0, by + uy * 9.0 + normal[1] * 4.0), "2"))
        # a numbered badge over each panel
        y1 = max(b[3] for b in all_bounds)
        for index, panel in enumerate(self.panels):
            if panel.label:
                bx0, _, _, by1 = panel_frames[index][1]
                out.layers.append(Label((bx0 + 6, by1 + 7), panel.label))
        if self.ill.hold:
            x1 = max(b[2] for b in all_bounds)
            out.layers.append(Stopwatch((x1 - 6, y1 + 8), 6.0))
        out.bounds = _bounds(out.layers)
        return out


def chair(x0: float, x1: float, seat_y: float, *, backrest: bool, facing: int) -> list[PropPiece]:
    """A plain chair with its seat top at ``seat_y``, seat from x0 to x1 (the backrest at the back)."""
    t = 4.0
    pieces = [box(x0, x1, seat_y - t, seat_y, -22, 22, role="seat")]
    leg = 3.5
    for x in (x0 + 2, x1 - 2 - leg):
        for z in (-20.0, 16.5):
            pieces.append(box(x, x + leg, 0, seat_y - t, z, z + leg))
    if backrest:
        bx = x0 if facing == 1 else x1 - 4
        pieces.append(box(bx, bx + 4, seat_y, seat_y + 42, -22, 22))
    return pieces


def inversion_table(body: Body) -> list[PropPiece]:
    """The table's bed under the figure's back, its A-frame stand, and the ankle holder."""
    p = body.points
    pelvis_frame = next(s.frame for s in body.segments if s.name == "lower trunk")
    back = mul(pelvis_frame.front, -1.0)
    axis = unit(sub(body.head_center, p["feet"]))
    trunk = part_segments(body, "trunk")
    depth = reach(body, back, trunk, head=False) - dot(p["pelvis"], back)
    start = add(add(p["feet"], mul(axis, -14)), mul(back, depth))
    end = add(add(body.head_center, mul(axis, 16)), mul(back, depth))
    length = norm(sub(end, start))
    width = (0.0, 0.0, 1.0)
    bed = oriented_box(add(start, (0.0, 0.0, -25.0)), mul(axis, length), mul(width, 50.0), mul(back, 5.0))
    pivot = add(add(p["pelvis"], mul(back, depth + 6)), mul(axis, 0.0))
    pieces = [bed]
    for dx in (-38.0, 38.0):
        foot = (pivot[0] + dx, 0.0, 0.0)
        pieces.append(PropPiece("capsule", "frame", a=pivot, b=foot, radius=2.2))
    pieces.append(PropPiece("capsule", "frame", a=(pivot[0] - 42, 1.5, 0.0), b=(pivot[0] + 42, 1.5, 0.0), radius=1.5))
    shin = next(s for s in body.segments if s.name == "right shin")
    holder = add(lerp(shin.a, shin.b, 0.85), mul(pelvis_frame.front, 7.0))
    pieces.append(PropPiece("sphere", "frame", center=holder, radius=4.0, front=True))
    return pieces


# -- camera and layers ----------------------------------------------------------------------


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


def _segment_shape(seg: Segment, cam: Camera) -> Capsule:
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


def body_layers(body: Body, cam: Camera, palette: FigurePalette, light: bool) -> list[tuple[float, Layer]]:
    """One layer per limb group and one for trunk, neck and head, with their depth for sorting."""
    right_dir = mul(next(s.frame for s in body.segments if s.name == "lower trunk").left, -1.0)
    facing = dot(right_dir, cam.back)
    groups: dict[str, list[Segment]] = {}
    for seg in body.segments:
        groups.setdefault(seg.group, []).append(seg)
    out = []
    for group, segs in groups.items():
        side = body.side_group.get(group, "")
        far = (side == "right" and facing < -0.2) or (side == "left" and facing > 0.2)
        if light:
            fill = palette.start_far if far else palette.start_fill
            outline = palette.start_outline
        else:
            fill = palette.figure_far if far else palette.figure
            outline = palette.outline
        shapes: list[Capsule | Circle | Polygon] = [_segment_shape(s, cam) for s in segs]
        depth = sum(cam.depth(lerp(s.a, s.b, 0.5)) for s in segs) / len(segs)
        if group == "trunk":
            hc = cam.project(body.head_center)
            shapes.append(Circle(hc, HEAD_RADIUS))
            face = body.head_frame.front
            profile = dot(face, cam.right)
            if abs(profile) > 0.45:  # the face is seen from the side: a nose shows which way it looks
                nose3 = add(add(body.head_center, mul(face, HEAD_RADIUS * 0.92)), mul(body.head_frame.axis, -1.0))
                shapes.append(Circle(cam.project(nose3), 2.3))
            depth = cam.depth(body.points["waist"])
            toward = dot(face, cam.back)
            if toward > 0.35:  # the face is turned to the viewer: two eyes tell the front from the back
                frame = body.head_frame
                eyes = []
                for side in (-1.0, 1.0):
                    eye = add(add(add(body.head_center, mul(face, HEAD_RADIUS * 0.8)), mul(frame.left, side * HEAD_RADIUS * 0.36)),
                              mul(frame.axis, HEAD_RADIUS * 0.12))
                    eyes.append(Circle(cam.project(eye), 1.25))
                out.append((depth + 0.001, Layer(tuple(eyes), outline, None, "face")))
        out.append((depth, Layer(tuple(shapes), fill, outline, "figure")))
    return out


def _prop_layer(piece: PropPiece, cam: Camera, palette: FigurePalette) -> Layer:
    fill = palette.mat if piece.role == "mat" else palette.prop
    if piece.kind == "box":
        shape: Capsule | Circle | Polygon = Polygon(tuple(_hull([cam.project(c) for c in piece.corners])))
    elif piece.kind == "sphere":
        shape = Circle(cam.project(piece.center), piece.radius)
    else:
        shape = Capsule(cam.project(piece.a), cam.project(piece.b), piece.radius, piece.radius)
    return Layer((shape,), fill, palette.prop_outline, piece.role)


def panel_layers(panel: Panel, cam: Camera, palette: FigurePalette, support_y: float) -> list[Layer | Line]:
    back_props = [_prop_layer(p, cam, palette) for p in panel.props if not p.front and p.role == "mat"]
    back_props += [_prop_layer(p, cam, palette) for p in panel.props if not p.front and p.role != "mat"]
    front_props = [_prop_layer(p, cam, palette) for p in panel.props if p.front]
    figures: list[Layer] = []
    for body, light in zip(panel.bodies, panel.light, strict=True):
        # light (start) poses go behind the final pose
        layers = sorted(body_layers(body, cam, palette, light), key=lambda item: item[0])
        figures += [layer for _, layer in layers]
    layers: list[Layer | Line] = [*back_props, *figures, *front_props]
    bounds = _bounds(layers)
    if not cam.level and any(p.role == "mat" for p in panel.props):
        return layers  # seen from above, the mat is the floor: a line under it would float
    # seen from above, the floor is a plane: the line then marks its near edge, under everything
    floor_y = 0.0 if cam.level else bounds[1]
    floor = Line(((bounds[0] - FLOOR_MARGIN, floor_y), (bounds[2] + FLOOR_MARGIN, floor_y)), palette.floor, 1.3)
    return [floor, *layers]


def _hull(points: list[Point]) -> list[Point]:
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


def _bounds(items: list) -> tuple[float, float, float, float]:
    xs0, ys0, xs1, ys1 = [], [], [], []
    for item in items:
        if isinstance(item, Layer):
            for shape in item.shapes:
                b = shape.bounds()
                xs0.append(b[0]); ys0.append(b[1]); xs1.append(b[2]); ys1.append(b[3])  # noqa: E702
        elif isinstance(item, Line):
            for x, y in item.points:
                xs0.append(x); ys0.append(y); xs1.append(x); ys1.append(y)  # noqa: E702
        elif isinstance(item, Arrow):
            for x, y in item.samples(16):
                xs0.append(x - 2); ys0.append(y - 2); xs1.append(x + 2); ys1.append(y + 2)  # noqa: E702
        elif isinstance(item, Label):
            x, y = item.at
            xs0.append(x - 5); ys0.append(y - 5); xs1.append(x + 5); ys1.append(y + 5)  # noqa: E702
        elif isinstance(item, Stopwatch):
            x, y = item.at
            r = item.r * 1.35
            xs0.append(x - r); ys0.append(y - r); xs1.append(x + r); ys1.append(y + r)  # noqa: E702
    return (min(xs0), min(ys0), max(xs1), max(ys1))


def _shift(item, dx: float, dy: float):
    def mv(p: Point) -> Point:
        return (p[0] + dx, p[1] + dy)

    if isinstance(item, Layer):
        shapes = []
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
    return item


def _arrow(spec, scene: Scene, cam: Camera, shift: float, palette: FigurePalette, panel: int) -> Arrow:
    dx, dy = spec.offset
    bodies = scene.bodies
    if spec.style == "around":
        body = bodies[min(panel, len(bodies) - 1)] if scene.ill.show == "panels" else bodies[-1]
        cx, cy = cam.project(body.points[spec.point])
        return Arrow(palette.arrow, arc=((cx + shift + dx, cy + dy), spec.radius, spec.start, spec.sweep),
                     head_start=spec.both_ways)
    if scene.ill.show == "panels":
        start_body, end_body = bodies[max(0, panel - 1)], bodies[panel]
    else:
        start_body, end_body = bodies[0], bodies[-1]
    a = cam.project(start_body.points[spec.point])
    b = cam.project(end_body.points[spec.point])
    a = (a[0] + shift + dx, a[1] + dy)
    b = (b[0] + shift + dx, b[1] + dy)
    mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    d = (b[0] - a[0], b[1] - a[1])
    length = math.hypot(*d) or 1.0
    normal = (-d[1] / length, d[0] / length)
    bulge = spec.bend * length
    c = (mid[0] + normal[0] * bulge, mid[1] + normal[1] * bulge)
    # shorten the ends a little so the arrow does not sit on the limbs it points at
    trim = min(4.0, length * 0.15)
    a2 = _toward(a, c, trim)
    b2 = _toward(b, c, trim)
    c1 = (a2[0] + (c[0] - a2[0]) * 2 / 3, a2[1] + (c[1] - a2[1]) * 2 / 3)
    c2 = (b2[0] + (c[0] - b2[0]) * 2 / 3, b2[1] + (c[1] - b2[1]) * 2 / 3)
    return Arrow(palette.arrow, bezier=(a2, c1, c2, b2), head_start=spec.both_ways)


def _toward(p: Point, q: Point, distance: float) -> Point:
    d = (q[0] - p[0], q[1] - p[1])
    n = math.hypot(*d) or 1.0
    return (p[0] + d[0] / n * distance, p[1] + d[1] / n * distance)
