"""The figure: adult proportions and forward kinematics from joint angles to 3D points and segments.

World axes, in centimetres: X to the right of the page, Y up, Z toward the viewer. Standing with
all angles 0, the figure faces +X (right), so its right side is nearest the viewer.
"""

from __future__ import annotations

from typing import NamedTuple

from .pose import Joint3, Keyframe, Side
from .vec import Frame, Vec, add, lerp, mul

# Segment lengths (cm) for an adult of about 172 cm.
TRUNK_LENGTHS = (17.0, 12.0, 19.0)  # pelvis to waist, waist to lower ribs, ribs to the base of the neck
NECK = 9.0
HEAD_RADIUS = 9.5
HEAD_OFFSET = 8.0  # from the top of the neck to the centre of the head, along the neck
HEAD_FORWARD = 1.8  # the skull sits a little in front of the neck, so the nape shows
SHOULDER_DROP = 4.0
SHOULDER_HALF = 15.5
HIP_HALF = 8.5
UPPER_ARM = 29.0
FOREARM = 25.0
HAND = 8.0
THIGH = 43.0
SHIN = 41.0

# Cross-section radii: (front-to-back, side-to-side).
PELVIS_R = (10.5, 15.5)
WAIST_R = (8.6, 13.0)
CHEST_LOW_R = (10.0, 14.0)
CHEST_TOP_R = (9.0, 15.0)
NECK_R = (4.6, 4.6)
NECK_TOP_R = (4.0, 4.0)

# The drawn trunk: cross-sections (distance up the spine from the hip joints, forward offset of the
# centre, front-to-back radius, side-to-side radius), lofted into one shape, so that the picture shows
# buttocks and hips, a narrower waist, the chest and sloping shoulders. Physics uses the segments.
TRUNK_SECTIONS = (
    (-10.0, -2.5, 4.0, 6.0),   # the crotch, between the thighs
    (-6.0, -2.5, 8.5, 13.0),   # buttocks
    (0.0, -1.0, 10.5, 16.0),   # hips
    (9.0, 0.0, 9.0, 13.5),
    (17.0, 0.5, 8.3, 12.0),    # waist
    (29.0, 1.5, 10.6, 14.5),   # lower ribs
    (40.0, 1.2, 10.2, 15.0),   # chest, under the arms
    (45.5, 0.0, 8.0, 14.5),    # shoulders
    (49.0, -1.0, 5.0, 8.0),    # base of the neck
)


class Section(NamedTuple):
    """One drawn cross-section of the trunk: an ellipse in the plane of ``front`` and ``left``."""

    center: Vec
    front: Vec
    left: Vec
    rf: float
    rl: float


class Segment(NamedTuple):
    """A limb or trunk part: a capsule from ``a`` to ``b`` with (front, side) radii at each end."""

    name: str
    group: str  # parts drawn together with one outline: trunk, right.arm, left.leg...
    a: Vec
    b: Vec
    ra: tuple[float, float]
    rb: tuple[float, float]
    frame: Frame  # orientation, for the elliptical cross-section of the trunk


class Body:
    """One posed figure: named points, capsule segments, the head."""

    def __init__(self, points: dict[str, Vec], segments: list[Segment], head_center: Vec, head_frame: Frame,
                 side_group: dict[str, str], keyframe: Keyframe, sections: list[Section]):
        self.points = points
        self.sections = sections
        self.segments = segments
        self.head_center = head_center
        self.head_frame = head_frame
        self.side_group = side_group  # group -> "right" / "left" / ""
        self.keyframe = keyframe

    def moved(self, offset: Vec) -> Body:
        def shift(v: Vec) -> Vec:
            return add(v, offset)

        return Body(
            {k: shift(v) for k, v in self.points.items()},
            [Segment(s.name, s.group, shift(s.a), shift(s.b), s.ra, s.rb, s.frame) for s in self.segments],
            shift(self.head_center),
            self.head_frame,
            self.side_group,
            self.keyframe,
            [Section(shift(c.center), c.front, c.left, c.rf, c.rl) for c in self.sections],
        )


def _root_frame(k: Keyframe) -> Frame:
    frame = Frame((0.0, 1.0, 0.0), (1.0, 0.0, 0.0), (0.0, 0.0, -1.0))
    if k.body.turn:
        # turning toward the viewer brings the front toward +Z, i.e. away from the body's left
        frame = frame.twist(-k.body.turn)
    if k.body.pitch:
        frame = frame.bend("front", k.body.pitch)
    if k.body.lean:
        frame = frame.bend("left", k.body.lean)
    if k.body.roll:
        frame = frame.twist(k.body.roll)
    return frame


def _joint(frame: Frame, joint: Joint3, side: str) -> Frame:
    outward = "left" if side == "left" else "right"
    sign = 1.0 if side == "left" else -1.0  # outward rotation twists the front toward the outside
    frame = frame.bend("front", joint.flexion)
    frame = frame.bend(outward, joint.abduction)
    return frame.twist(sign * joint.rotation)


def build_body(k: Keyframe) -> Body:
    """Forward kinematics: joint angles -> 3D points, with the pelvis (between the hips) at the origin."""
    points: dict[str, Vec] = {}
    segments: list[Segment] = []
    root = (0.0, 0.0, 0.0)
    pelvis = _root_frame(k)
    points["pelvis"] = root

    sp = k.spine
    shares = (sp.lower_share, (1 - sp.lower_share) / 2, (1 - sp.lower_share) / 2)
    frame = pelvis
    start = root
    spine_points = []
    frames = []
    for share, length in zip(shares, TRUNK_LENGTHS, strict=True):
        frame = frame.bend("front", sp.flexion * share).bend("left", sp.side_bend * share).twist(sp.rotation * share)
        end = add(start, mul(frame.axis, length))
        spine_points.append((start, end))
        frames.append(frame)
        start = end
    lower, middle, upper = frames
    waist = spine_points[0][1]
    ribs = spine_points[1][1]
    chest = spine_points[2][1]
    points["waist"] = waist
    points["ribs"] = ribs
    points["chest"] = chest
    segments.append(Segment("lower trunk", "trunk", root, waist, PELVIS_R, WAIST_R, lower))
    segments.append(Segment("mid trunk", "trunk", waist, ribs, WAIST_R, CHEST_LOW_R, middle))
    segments.append(Segment("upper trunk", "trunk", ribs, chest, CHEST_LOW_R, CHEST_TOP_R, upper))

    n = k.neck
    neck = upper.bend("front", n.flexion).bend("left", n.side_bend).twist(n.rotation)
    neck_base = add(chest, mul(upper.axis, -1.5))
    neck_top = add(neck_base, mul(neck.axis, NECK))
    head = add(add(neck_top, mul(neck.axis, HEAD_OFFSET)), mul(neck.front, HEAD_FORWARD))
    points["neck"] = neck_top
    points["head"] = head
    segments.append(Segment("neck", "trunk", neck_base, neck_top, NECK_R, NECK_TOP_R, neck))
    sections = _trunk_sections(spine_points, frames)

    side_group: dict[str, str] = {"trunk": ""}
    for side in ("right", "left"):
        s: Side = getattr(k, side)
        out = mul(upper.left, SHOULDER_HALF if side == "left" else -SHOULDER_HALF)
        shoulder = add(add(chest, mul(upper.axis, -SHOULDER_DROP + s.shoulder_shrug)), out)
        shoulder = add(shoulder, mul(upper.front, s.shoulder_reach))
        arm = _joint(upper.flip(), s.shoulder, side)
        elbow = add(shoulder, mul(arm.axis, UPPER_ARM))
        fore = arm.bend("front", s.elbow)
        wrist = add(elbow, mul(fore.axis, FOREARM))
        hand_frame = fore.bend("front", s.wrist)
        hand = add(wrist, mul(hand_frame.axis, HAND))
        group = f"{side}.arm"
        side_group[group] = side
        segments.append(Segment(f"{side} upper arm", group, shoulder, elbow, (5.0, 5.0), (3.7, 3.7), arm))
        segments.append(Segment(f"{side} forearm", group, elbow, wrist, (3.8, 3.8), (2.4, 2.4), fore))
        segments.append(Segment(f"{side} hand", group, wrist, hand, (2.7, 2.7), (2.2, 2.2), hand_frame))
        # the thumb, on the front of the hand (palms in, arms hanging): it shows which way the hand faces
        thumb_base = add(wrist, mul(hand_frame.axis, 1.5))
        thumb_tip = add(add(thumb_base, mul(hand_frame.axis, 3.5)), mul(hand_frame.front, 3.6))
        segments.append(Segment(f"{side} thumb", group, thumb_base, thumb_tip, (1.5, 1.5), (1.2, 1.2), hand_frame))

        hip = add(root, mul(pelvis.left, HIP_HALF if side == "left" else -HIP_HALF))
        thigh = _joint(pelvis.flip(), s.hip, side)
        knee = add(hip, mul(thigh.axis, THIGH))
        shin = thigh.bend("back", s.knee)
        ankle = add(knee, mul(shin.axis, SHIN))
        foot_axis = shin.bend("front", 90 + s.ankle).axis  # neutral ankle: the foot at a right angle to the shin
        heel = add(add(ankle, mul(shin.axis, 4.5)), mul(foot_axis, -3.5))
        toe = add(add(ankle, mul(shin.axis, 5.2)), mul(foot_axis, 16.0))
        group = f"{side}.leg"
        side_group[group] = side
        segments.append(Segment(f"{side} thigh", group, hip, knee, (8.0, 8.0), (5.0, 5.0), thigh))
        segments.append(Segment(f"{side} shin", group, knee, ankle, (5.2, 5.2), (3.0, 3.0), shin))
        segments.append(Segment(f"{side} foot", group, heel, toe, (3.8, 3.8), (2.0, 2.0), Frame(foot_axis, shin.front, shin.left)))
        points.update({
            f"{side}.shoulder": shoulder, f"{side}.elbow": elbow, f"{side}.wrist": wrist, f"{side}.hand": hand,
            f"{side}.hip": hip, f"{side}.knee": knee, f"{side}.ankle": ankle, f"{side}.heel": heel, f"{side}.toe": toe,
        })
    for plural, single in (("knees", "knee"), ("hands", "hand"), ("heels", "heel"), ("feet", "ankle")):
        points[plural] = lerp(points[f"right.{single}"], points[f"left.{single}"], 0.5)
    return Body(points, segments, head, neck, side_group, k, sections)


def _trunk_sections(spine: list[tuple[Vec, Vec]], frames: list[Frame]) -> list[Section]:
    """The drawn trunk's cross-sections placed along the bent spine (see TRUNK_SECTIONS)."""
    out = []
    for height, forward, rf, rl in TRUNK_SECTIONS:
        index, along = 0, height
        for i, length in enumerate(TRUNK_LENGTHS):
            index = i
            if along <= length or i == len(TRUNK_LENGTHS) - 1:
                break
            along -= length
        start, _ = spine[index]
        frame = frames[index]
        center = add(add(start, mul(frame.axis, along)), mul(frame.front, forward))
        out.append(Section(center, frame.front, frame.left, rf, rl))
    return out
