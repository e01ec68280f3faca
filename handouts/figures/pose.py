"""Pose files: ``assets/illustrations/<exercise id>.yaml``.

A pose file gives the camera, the props, how the keyframes are shown and, for each keyframe, the
joint angles in degrees (anatomical conventions, checked against normal ranges of motion). The
figure's placement follows from them: it rests on its support (floor, mat, chair, table) and,
from one keyframe to the next, a chosen body point (the anchor) stays where it was.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from ..schema.core import validate
from ..schema.model import model, spec
from ..yamlio import PathKey, load_yaml

Issues = list[tuple[PathKey, str]]

BodyPoint = Literal[
    "pelvis", "waist", "ribs", "chest", "neck", "head", "back", "front",
    "right.hip", "right.knee", "right.ankle", "right.heel", "right.toe",
    "left.hip", "left.knee", "left.ankle", "left.heel", "left.toe",
    "right.shoulder", "right.elbow", "right.wrist", "right.hand",
    "left.shoulder", "left.elbow", "left.wrist", "left.hand",
    "knees", "hands", "heels", "feet",
]


@model
class Orientation:
    """How the whole body is turned. Standing upright facing right: all 0."""

    pitch: float = spec(default=0.0, doc="Lean forward (+) or back (-) in degrees: +90 lies face down, -90 lies face up.",
                        minimum=-180, maximum=180)
    lean: float = spec(default=0.0, doc="Lean to the body's left (+) or right (-).", minimum=-90, maximum=90)
    turn: float = spec(default=0.0, doc="Turn toward the viewer (+) or away (-) about the vertical, before pitch and lean.",
                       minimum=-180, maximum=180)
    roll: float = spec(default=0.0, doc="Roll about the body's own long axis, after pitch and lean: the front turns toward "
                                "the body's left (+) or right (-). Lying on the back, +40 tips the hips and knees to the left.",
                       minimum=-180, maximum=180)


@model
class SpineAngles:
    flexion: float = spec(default=0.0, doc="Bend forward (+) or arch back (-), whole trunk.", minimum=-60, maximum=120)
    side_bend: float = spec(default=0.0, doc="Bend to the left (+) or right (-).", minimum=-60, maximum=60)
    rotation: float = spec(default=0.0, doc="Turn the shoulders to the left (+) or right (-).", minimum=-90, maximum=90)
    lower_share: float = spec(default=0.55, doc="Share of the movement taken by the lower back.", minimum=0, maximum=1)


@model
class NeckAngles:
    flexion: float = spec(default=0.0, doc="Chin toward the chest (+) or head back (-).", minimum=-90, maximum=90)
    side_bend: float = spec(default=0.0, doc="Ear toward the left shoulder (+) or right (-).", minimum=-90, maximum=90)
    rotation: float = spec(default=0.0, doc="Look to the left (+) or right (-).", minimum=-120, maximum=120)


@model
class Joint3:
    flexion: float = spec(default=0.0, doc="Forward (+) / back (-).", minimum=-90, maximum=200)
    abduction: float = spec(default=0.0, doc="Away from the body's midline (+) / across it (-).", minimum=-60, maximum=200)
    rotation: float = spec(default=0.0, doc="Outward (+) / inward (-) about the limb's own axis.", minimum=-120, maximum=120)


@model
class Side:
    """One side of the body."""

    hip: Joint3 = spec(factory=Joint3, doc="Thigh: flexion (knee forward/up), abduction (out to the side), rotation.")
    knee: float = spec(default=0.0, doc="Knee flexion (bend).", minimum=-30, maximum=180)
    ankle: float = spec(default=0.0, doc="Toes up (dorsiflexion, +) or pointed (plantar flexion, -).", minimum=-90, maximum=60)
    shoulder: Joint3 = spec(factory=Joint3, doc="Upper arm: flexion (forward/up), abduction (out to the side), rotation.")
    elbow: float = spec(default=0.0, doc="Elbow flexion.", minimum=-30, maximum=180)
    wrist: float = spec(default=0.0, doc="Hand bent toward the palm (+) or back (-).", minimum=-100, maximum=100)
    shoulder_shrug: float = spec(default=0.0, doc="Shoulder raised (+, toward the ears) or pushed down (-), in cm.",
                                 minimum=-4, maximum=6)
    shoulder_reach: float = spec(default=0.0, doc="Shoulder moved forward (+) or back, blades squeezed (-), in cm.",
                                 minimum=-5, maximum=5)


@model
class CloseUp:
    """A panel drawn as a detail: the lowest part of the figure, enlarged and framed, e.g. where the feet go."""

    below: float = spec(default=26.0, doc="How much of the figure to keep, in cm up from its lowest point as seen (e.g. "
                        "20 for the feet and ankles).", minimum=5, maximum=120)
    tilt: float | None = spec(default=None, doc="Look down on the close-up this steeply, in degrees (default: the "
                              "picture's own tilt); 65 shows feet as they stand on the floor, seen from above.",
                              minimum=0, maximum=85)
    from_above: bool = spec(default=False, doc="Draw only the two feet, seen from straight above as you see your own "
                            "(toes up the page), each with its toes (instead of below and tilt).")


@model
class Keyframe:
    """One pose of the figure."""

    body: Orientation = spec(factory=Orientation, doc="How the whole body is turned.")
    spine: SpineAngles = spec(factory=SpineAngles, doc="Bending of the trunk.")
    neck: NeckAngles = spec(factory=NeckAngles, doc="Bending of the neck.")
    right: Side = spec(factory=Side, doc="The right side (nearest the viewer in the side view).")
    left: Side = spec(factory=Side, doc="The left side (farthest in the side view).")
    lift: float = spec(default=0.0, doc="Raise the figure above its support by this many cm (a jump, or a pose "
                                "that hangs from a prop).", minimum=0, maximum=200)
    caption: str | None = spec(default=None, doc="Caption under this pose in a panel picture (default: 1, 2...).", max_length=20)
    close_up: CloseUp | None = spec(default=None, doc="In a panel picture, draw this panel as an enlarged, framed "
                                    "close-up of the lowest part of the figure (the feet), from its own tilt.")


PropName = Literal["mat", "wall", "chair", "doorway", "pillow", "ball", "counter", "inversion table"]


@model
class Prop:
    """A prop placed against the figure, so that contact is exact by construction."""

    name: PropName = spec(doc="mat, wall, chair, doorway, pillow, ball, counter (a kitchen counter "
                          "to hold, its top under a hand), inversion table.")
    at: BodyPoint | None = spec(default=None, doc="The body point the prop touches (e.g. pillow under the head, "
                                          "chair under the pelvis, wall behind the back, doorway at the hands, counter under left.hand).")
    keyframe: int = spec(default=1, doc="The keyframe the prop is fitted to (1 = the first).", minimum=1, maximum=4)


@model
class Arrow:
    """A movement arrow: from a body point's place in one keyframe to its place in the next, or around it."""

    point: BodyPoint = spec(doc="The body point whose movement the arrow shows.")
    style: Literal["path", "around"] = spec(default="path", doc="path: from start to end; around: a circular arrow "
                                                        "(rotations and rolls).")
    bend: float = spec(default=0.25, doc="How much a path arrow curves (0 straight, +/- to either side).", minimum=-1, maximum=1)
    radius: float = spec(default=14.0, doc="Radius of an 'around' arrow, in cm.", minimum=2, maximum=80)
    start: float = spec(default=30.0, doc="Start angle of an 'around' arrow (degrees, 0 = right, counterclockwise).",
                        minimum=-360, maximum=360)
    sweep: float = spec(default=270.0, doc="Sweep of an 'around' arrow in degrees (negative: clockwise).", minimum=-350, maximum=350)
    both_ways: bool = spec(default=False, doc="Arrowheads at both ends (a back-and-forth movement).")
    offset: list[float] = spec(factory=lambda: [0.0, 0.0], doc="Shift the arrow by [x, y] cm on the page.",
                               min_items=2, max_items=2)
    panel: int = spec(default=0, doc="In a panel picture, the panel it is drawn in (0 = the last).", minimum=0, maximum=4)
    keep: bool = spec(default=False, doc="Keep the arrow exactly where it is placed, even over the body (by default an "
                      "arrow that would cross the body or a floor line is moved to the nearest free place beside it).")


@model
class View:
    turn: float = spec(default=0.0, doc="Camera turn about the vertical: 0 = side view (figure faces right), 90 = front view.",
                       minimum=-180, maximum=180)
    tilt: float = spec(default=0.0, doc="Camera looking down from above, in degrees (0 = level; 30 shows a lying figure's "
                                "knees falling to the side, or arms out to the sides).", minimum=0, maximum=75)
    crop: float | None = spec(default=None, doc="A close-up: draw only what is above this height, in cm (e.g. 100 for "
                              "the head, arms and trunk of a standing figure).", minimum=0, maximum=250)


@model
class Illustration:
    """How an exercise is drawn."""

    keyframes: list[Keyframe] = spec(doc="The poses, in order (1 to 4).", min_items=1, max_items=4)
    view: View = spec(factory=View, doc="The camera.")
    show: Literal["overlay", "panels", "from-start", "from-previous", "single"] = spec(
        default="overlay", doc="overlay: the start pose in a light tone behind the end pose; panels: 1 and 2 side by side; "
                       "from-start: two moves out of one start pose (cat-cow), a panel each, the first keyframe in a light "
                       "tone behind each of the others; from-previous: moves one after the other (neck roll), a panel "
                       "each, the pose it starts from in a light tone behind it; single: one held pose with a hold cue."
    )
    support: Literal["floor", "chair", "none"] = spec(default="floor", doc="What the figure rests on: the floor (or a mat on it), "
                                                                  "a chair (sitting), or none (placed by a prop).")
    anchor: BodyPoint = spec(default="pelvis", doc="The body point that stays in place from one keyframe to the next.")
    props: list[Prop] = spec(factory=list, doc="Props, each fitted to the figure.")
    arrows: list[Arrow] = spec(factory=list, doc="Movement arrows.", max_items=4)
    hold: bool = spec(default=False, doc="Show a hold cue (a stopwatch).")
    hold_panel: int = spec(default=0, doc="In a panel picture, the panel whose pose is held: the stopwatch goes beside it "
                           "(0 = the last).", minimum=0, maximum=4)
    hold_panels: list[int] = spec(factory=list, doc="In a panel picture whose steps hold more than one pose (cat-cow): "
                                  "the panels held, each with its own stopwatch (instead of hold_panel).", minimum=1, maximum=4,
                                  max_items=4)
    stack: bool = spec(default=False, doc="Draw two panels one above the other even when side by side they would not be "
                       "very wide (two tables, each figure then prints larger).")
    badges: bool = spec(default=True, doc="Number the start (1) and end (2) of an overlay picture beside its first path arrow.")
    on_top: list[Literal["right.arm", "left.arm", "right.leg", "left.leg"]] = spec(
        factory=list, doc="Limbs drawn over the rest of the figure whatever their depth: a leg crossed over the other "
                          "(each limb is drawn whole, at its mean depth, so the crossing leg can come out underneath).")
    contacts: list[BodyPoint] = spec(factory=list, doc="Body points that must touch the support in every keyframe "
                                                       "(checked by the tests), besides those implied by the position.")

    def validate(self) -> Issues:
        issues: Issues = []
        if self.show == "single" and len(self.keyframes) != 1:
            issues.append((("keyframes",), "a 'single' picture has exactly one keyframe"))
        if self.show != "single" and len(self.keyframes) < 2:
            issues.append((("keyframes",), f"an '{self.show}' picture needs at least two keyframes (start and end)"))
        if self.show == "from-start" and len(self.keyframes) < 3:
            issues.append((("keyframes",), "a 'from-start' picture needs the start and at least two moves out of it"))
        if self.show == "from-previous" and len(self.keyframes) < 3:
            issues.append((("keyframes",), "a 'from-previous' picture needs the start and at least two moves after it "
                                           "(with one move, use 'panels' or 'overlay')"))
        for i, prop in enumerate(self.props):
            if prop.keyframe > len(self.keyframes):
                issues.append((("props", i, "keyframe"), f"there are only {len(self.keyframes)} keyframes"))
        return issues


def load_illustration(path: Path) -> Illustration:
    return validate(Illustration, load_yaml(path), what="an illustration (pose file)")
