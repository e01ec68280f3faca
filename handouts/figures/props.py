"""Props fitted to the figure (mat, wall, chair, pillow, ball, door frame, kitchen counter, inversion table).

Each prop is built against one posed body, so contact is exact by construction: the pillow's top
is under the head, the chair's seat under the pelvis, the wall against the back. One builder per
prop name, looked up in :data:`BUILDERS`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from .body import Body
from .pose import Prop
from .surface import part_segments, point_bottom, reach, trunk_reach
from .vec import Vec, add, dot, lerp, mul, norm, sub, unit

MAT_THICKNESS = 1.6
FOREARM_RADIUS = 3.8  # cm, at the elbow (body.py): a forearm resting on a door post lies this far from its face
ORIGIN: Vec = (0.0, 0.0, 0.0)


class PropPiece(NamedTuple):
    """One solid part of a prop in 3D: a box (8 corners), a sphere or a capsule."""

    kind: str  # box, sphere, capsule
    role: str  # prop, mat, seat, wall, jamb, ball, pillow, frame
    corners: tuple[Vec, ...] = ()
    center: Vec = ORIGIN
    radius: float = 0.0
    a: Vec = ORIGIN
    b: Vec = ORIGIN
    front: bool = False  # drawn in front of the figure


def box(x0: float, x1: float, y0: float, y1: float, z0: float, z1: float, role: str = "prop", front: bool = False) -> PropPiece:
    corners = tuple((x, y, z) for x in (x0, x1) for y in (y0, y1) for z in (z0, z1))
    return PropPiece("box", role, corners=corners, front=front)


def oriented_box(origin: Vec, u: Vec, v: Vec, w: Vec, role: str = "prop", front: bool = False) -> PropPiece:
    """A box spanned by three edge vectors from a corner."""
    corners = tuple(add(add(add(origin, mul(u, i)), mul(v, j)), mul(w, k)) for i in (0, 1) for j in (0, 1) for k in (0, 1))
    return PropPiece("box", role, corners=corners, front=front)


class Fit(NamedTuple):
    """What a prop is fitted to: the pose file's prop, the body it touches, every body in its panel."""

    prop: Prop
    body: Body
    bodies: list[Body]
    support_y: float


def _mat(fit: Fit) -> list[PropPiece]:
    xs = [x for b in fit.bodies for s in b.segments for x in (s.a[0], s.b[0])] + [b.head_center[0] for b in fit.bodies]
    half = 40.0
    if fit.prop.at == "hands":  # arms out to the sides (a T): the mat reaches under the hands too
        half = max(half, *(abs(b.points[f"{side}.hand"][2]) + 6 for b in fit.bodies for side in ("right", "left")))
    return [box(min(xs) - 16, max(xs) + 16, 0.0, MAT_THICKNESS, -half, half, role="mat")]


CHAIR_BEYOND = 22.0  # cm: a chair under a leg reaches this far past the point it holds (its backrest on top)


def _wall(fit: Fit) -> list[PropPiece]:
    if fit.prop.at not in (None, "back", "front"):  # behind a chair under that point (the chair pushed against it)
        x = fit.body.points[fit.prop.at][0] + CHAIR_BEYOND
        return [box(x, x + 12, 0, 200, -70, 70, role="wall")]
    if fit.prop.at == "front":
        x = trunk_reach(fit.body, (1.0, 0.0, 0.0))
        return [box(x, x + 12, 0, 200, -70, 70, role="wall")]
    x = -trunk_reach(fit.body, (-1.0, 0.0, 0.0))
    return [box(x - 12, x, 0, 200, -70, 70, role="wall")]


def _chair(fit: Fit) -> list[PropPiece]:
    at = fit.prop.at or "pelvis"
    if at == "pelvis":
        seat_y = point_bottom(fit.body, "pelvis")
        back_x = -reach(fit.body, (-1.0, 0.0, 0.0), part_segments(fit.body, "pelvis"), head=False)
        return chair(back_x - 2, back_x + 44, seat_y, backrest=True, facing=1)
    target = fit.body.points[at]  # a leg resting on the seat: the chair faces the figure
    return chair(target[0] - 20, target[0] + CHAIR_BEYOND, point_bottom(fit.body, at), backrest=True, facing=-1)


def _pillow(fit: Fit) -> list[PropPiece]:
    at = fit.prop.at or "head"
    center = fit.body.head_center if at == "head" else fit.body.points[at]
    thickness = max(1.0, point_bottom(fit.body, at) - fit.support_y)
    r = thickness / 2
    y = fit.support_y + r
    if at in ("chest", "ribs"):  # lying face down: the pillow lies across, under the chest, wider than the trunk
        return [PropPiece("capsule", "pillow", a=(center[0], y, -28.0), b=(center[0], y, 28.0), radius=r)]
    half = 13.0 if at == "head" else 16.0
    return [PropPiece("capsule", "pillow", a=(center[0] - half, y, 0.0), b=(center[0] + half, y, 0.0), radius=r)]


def _ball(fit: Fit) -> list[PropPiece]:
    at = fit.prop.at or "heels"
    target = fit.body.points[at]
    r = max(5.0, (point_bottom(fit.body, at) - fit.support_y) / 2)
    return [PropPiece("sphere", "ball", center=(target[0] + 3, fit.support_y + r, 0.0), radius=r)]


def _doorway(fit: Fit) -> list[PropPiece]:
    """A door frame: a post at each forearm, the forearms resting on its face (the side toward the figure),
    and the head of the frame across the top. The face is just in front of the forearms; each post's inner
    edge is a little inside its elbow, so the forearm lies on the post's face, not in the opening."""
    p = fit.body.points
    face = max((p[f"{side}.elbow"][0] + p[f"{side}.wrist"][0]) / 2 for side in ("right", "left")) + FOREARM_RADIUS
    depth, width, top = 12.0, 13.0, 205.0
    inner = min(abs(p[f"{side}.elbow"][2]) for side in ("right", "left")) - 4.0
    pieces = [box(face, face + depth, 0, top, inner, inner + width, role="jamb"),
              box(face, face + depth, 0, top, -inner - width, -inner, role="jamb")]
    pieces.append(box(face, face + depth, top, top + 10, -inner - width, inner + width, role="jamb"))
    return pieces


COUNTER_HEIGHT = 90.0  # cm: a kitchen counter; the pose puts the hand about this high (the checks say when not)
COUNTER_DEPTH = 60.0  # cm, worktop front to back
WORKTOP = 4.0  # cm thick, overhanging the cabinet by WORKTOP_OVERHANG
WORKTOP_OVERHANG = 3.0
PLINTH = 10.0  # cm: the recessed kick board under the cabinet
COUNTER_BEHIND = 30.0  # cm the counter reaches behind the hand (a narrow base cabinet: the picture stays compact)


def _counter(fit: Fit) -> list[PropPiece]:
    """A kitchen counter beside the figure, its worktop's top under the hand (``at``, default the left, far-side
    hand): the figure stands beside it and holds it for balance. It stands on the hand's side of the body, its
    front edge just past the hand, and reaches from a little in front of the hand to well behind the figure, so
    in a side view it is drawn behind the body and clear of whatever is in front (a chair). A worktop, a
    cabinet under it with a door and its knob, and a recessed plinth."""
    at = fit.prop.at or "left.hand"
    hand = fit.body.points[at]
    top = point_bottom(fit.body, at)
    side = 1.0 if hand[2] >= 0 else -1.0  # toward the counter's back, away from the body's middle
    front = hand[2] + side * -6.0  # the worktop's edge, a little nearer the body than the hand
    back = front + side * COUNTER_DEPTH
    z0, z1 = sorted((front, back))
    x0, x1 = hand[0] - COUNTER_BEHIND, hand[0] + 12.0
    inset = side * WORKTOP_OVERHANG  # the cabinet's face, set back under the worktop's edge
    c0, c1 = sorted((front + inset, back))
    p0, p1 = sorted((front + 2 * inset, back))
    pieces = [box(x0 + 4, x1 - 4, 0.0, PLINTH, p0, p1)]
    pieces.append(box(x0 + 1, x1 - 1, PLINTH, top - WORKTOP, c0, c1))
    face = front + inset  # the door, a little proud of the cabinet's face, and its knob near the figure
    d0, d1 = sorted((face, face - side * 1.0))
    pieces.append(box(x0 + 3, x1 - 3, PLINTH + 3, top - WORKTOP - 3, d0, d1))
    knob: Vec = (x1 - 8, top - WORKTOP - 12, face - side * 1.5)
    pieces.append(PropPiece("sphere", "prop", center=knob, radius=1.3))
    pieces.append(box(x0, x1, top - WORKTOP, top, z0, z1, role="worktop"))
    return pieces


def _inversion_table(fit: Fit) -> list[PropPiece]:
    return inversion_table(fit.body)


#: One builder per prop name (the schema limits the names to these).
BUILDERS: dict[str, Callable[[Fit], list[PropPiece]]] = {
    "mat": _mat, "wall": _wall, "chair": _chair, "pillow": _pillow, "ball": _ball, "doorway": _doorway,
    "counter": _counter, "inversion table": _inversion_table,
}


def build_prop(prop: Prop, body: Body, bodies: list[Body], support_y: float) -> list[PropPiece]:
    return BUILDERS[prop.name](Fit(prop, body, bodies, support_y))


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
    start = add(add(p["feet"], mul(axis, -10)), mul(back, depth))
    end = add(add(body.head_center, mul(axis, 11)), mul(back, depth))
    length = norm(sub(end, start))
    width = (0.0, 0.0, 1.0)
    bed = oriented_box(add(start, (0.0, 0.0, -25.0)), mul(axis, length), mul(width, 50.0), mul(back, 5.0))
    pivot = add(p["pelvis"], mul(back, depth + 6))
    pieces = [bed]
    for dx in (-30.0, 30.0):
        foot = (pivot[0] + dx, 0.0, 0.0)
        pieces.append(PropPiece("capsule", "frame", a=pivot, b=foot, radius=2.2))
    pieces.append(PropPiece("capsule", "frame", a=(pivot[0] - 34, 1.5, 0.0), b=(pivot[0] + 34, 1.5, 0.0), radius=1.5))
    # the ankle holder, seen clearly from the side: a stem from the foot end of the bed, a dark strap
    # across both ankles (a band wider than the shin, from the bed to in front of the shins) and a
    # padded roller in front of the ankles, all drawn over the legs
    shin = next(s for s in body.segments if s.name == "right shin")
    ankle = lerp(shin.a, shin.b, 0.8)
    along = unit(sub(shin.b, shin.a))
    front = unit(sub(pelvis_frame.front, mul(along, dot(pelvis_frame.front, along))))
    to_bed = dot(p["pelvis"], back) + depth - dot(ankle, back)  # from the ankle back to the bed's surface
    reach_front = 3.3 + 2.5  # past the front of the shin
    behind = mul(front, -to_bed) if dot(front, back) < 0 else mul(front, to_bed)
    corner = add(add(add(ankle, behind), mul(along, -3.5)), (0.0, 0.0, -15.0))
    span = add(mul(front, reach_front), mul(behind, -1.0))
    pieces.append(oriented_box(corner, span, mul(along, 7.0), (0.0, 0.0, 30.0), role="strap", front=True))
    holder = add(ankle, mul(front, reach_front + 3.8))
    pieces.append(PropPiece("capsule", "frame", a=(holder[0], holder[1], -15.0), b=(holder[0], holder[1], 15.0),
                            radius=4.2, front=True))
    return pieces
