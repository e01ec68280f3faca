"""Where the body's surface is: how far each part reaches in a direction, and its lowest points.

The figure's segments are capsules with elliptical cross-sections; these questions place it on its
support, fit the props to it, and let the tests check contact (what touches the floor, the wall...).
"""

from __future__ import annotations

import math

from .body import HEAD_RADIUS, Body, Segment
from .vec import Vec, dot, norm, sub

DOWN: Vec = (0.0, -1.0, 0.0)

#: The segments that make up a named part of the body.
PART_SEGMENTS: dict[str, tuple[str, ...]] = {
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

#: For one side's joint ('right.knee'), the segments that meet there.
JOINT_SEGMENTS: dict[str, tuple[str, ...]] = {
    "knee": ("thigh", "shin"), "ankle": ("shin", "foot"), "heel": ("foot",), "toe": ("foot",), "hip": ("thigh",),
    "hand": ("hand",), "wrist": ("forearm", "hand"), "elbow": ("upper arm", "forearm"), "shoulder": ("upper arm",),
}


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


def lowest(body: Body, segments: list[Segment] | None = None, head: bool = True) -> float:
    return -reach(body, DOWN, segments, head)


def part_segments(body: Body, part: str) -> list[Segment]:
    """The segments that make up a named part, for contact questions."""
    side, _, joint = part.partition(".")
    wanted = tuple(f"{side} {n}" for n in JOINT_SEGMENTS.get(joint, ())) if joint else PART_SEGMENTS.get(part, ())
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


def trunk_reach(body: Body, direction: Vec) -> float:
    """How far the trunk (without the head) reaches along ``direction``: its back or front against a wall."""
    return reach(body, direction, part_segments(body, "trunk"), head=False)
