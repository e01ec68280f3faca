"""Is a drawn pose humanly possible, and does it obey physics? Used by the tests and by pose authors.

* Every joint angle lies within the normal adult range of motion (AAOS).
* A lying figure lies on its support, a standing figure's feet are on the floor, a seated figure
  sits on its chair, a figure on hands and knees has both on the floor, nothing sinks below the floor,
  and hands reach the props they hold.

Run ``python -m handouts.figures.checks FILE.yaml [--position "hands and knees"]`` for a report.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path
from typing import NamedTuple

from .body import Body
from .pose import Illustration, Joint3, Keyframe, NeckAngles, Side, SpineAngles
from .props import PropPiece
from .scene import Scene
from .surface import point_bottom, reach

TOLERANCE = 2.5  # cm: about 2-3 points at the printed size

# Normal range of motion (AAOS), degrees: (least, most). Negative = the opposite movement.
ROM = {
    "hip.flexion": (-30.0, 120.0),  # extension 0-30, flexion 0-120
    "hip.abduction": (-30.0, 45.0),  # adduction is not listed by the guide; 30 is the usual norm
    "hip.rotation": (-45.0, 45.0),
    "knee": (0.0, 135.0),  # no hyperextension
    "ankle": (-50.0, 20.0),  # plantar flexion 0-50, dorsiflexion 0-20
    "shoulder.flexion": (-60.0, 180.0),  # extension 0-60
    "shoulder.abduction": (-50.0, 180.0),
    "shoulder.rotation": (-90.0, 90.0),
    "elbow": (0.0, 150.0),
    "wrist": (-90.0, 90.0),
    "neck.flexion": (-45.0, 45.0),
    "neck.side_bend": (-45.0, 45.0),
    "neck.rotation": (-80.0, 80.0),
    "trunk.flexion": (-25.0, 80.0),
    "trunk.side_bend": (-35.0, 35.0),
    "trunk.rotation": (-45.0, 45.0),
}


def rom_problems(keyframe: Keyframe) -> list[str]:
    problems = []

    def check(name: str, value: float, rom_key: str) -> None:
        low, high = ROM[rom_key]
        if not low - 1e-6 <= value <= high + 1e-6:
            problems.append(f"{name} = {value:g} is outside the normal range {low:g} to {high:g}")

    sp: SpineAngles = keyframe.spine
    check("spine.flexion", sp.flexion, "trunk.flexion")
    check("spine.side_bend", sp.side_bend, "trunk.side_bend")
    check("spine.rotation", sp.rotation, "trunk.rotation")
    n: NeckAngles = keyframe.neck
    check("neck.flexion", n.flexion, "neck.flexion")
    check("neck.side_bend", n.side_bend, "neck.side_bend")
    check("neck.rotation", n.rotation, "neck.rotation")
    for side_name in ("right", "left"):
        s: Side = getattr(keyframe, side_name)
        hip: Joint3 = s.hip
        shoulder: Joint3 = s.shoulder
        check(f"{side_name}.hip.flexion", hip.flexion, "hip.flexion")
        check(f"{side_name}.hip.abduction", hip.abduction, "hip.abduction")
        check(f"{side_name}.hip.rotation", hip.rotation, "hip.rotation")
        check(f"{side_name}.knee", s.knee, "knee")
        check(f"{side_name}.ankle", s.ankle, "ankle")
        check(f"{side_name}.shoulder.flexion", shoulder.flexion, "shoulder.flexion")
        check(f"{side_name}.shoulder.abduction", shoulder.abduction, "shoulder.abduction")
        check(f"{side_name}.shoulder.rotation", shoulder.rotation, "shoulder.rotation")
        check(f"{side_name}.elbow", s.elbow, "elbow")
        check(f"{side_name}.wrist", s.wrist, "wrist")
    return problems


class Heights(NamedTuple):
    """Lowest surface heights (cm) of the parts that matter for contact, in one keyframe."""

    support: float
    lowest: float
    trunk: float
    pelvis: float
    head: float
    right_foot: float
    left_foot: float
    right_knee: float
    left_knee: float
    right_hand: float
    left_hand: float
    right_elbow: float
    left_elbow: float


def heights(body: Body, support: float) -> Heights:
    trunk = [s for s in body.segments if s.group == "trunk" and s.name != "neck"]
    return Heights(
        support=support,
        lowest=-reach(body, (0.0, -1.0, 0.0)),
        trunk=-reach(body, (0.0, -1.0, 0.0), trunk, head=False),
        pelvis=point_bottom(body, "pelvis"),
        head=point_bottom(body, "head"),
        right_foot=point_bottom(body, "right.ankle"),
        left_foot=point_bottom(body, "left.ankle"),
        right_knee=point_bottom(body, "right.knee"),
        left_knee=point_bottom(body, "left.knee"),
        right_hand=point_bottom(body, "right.hand"),
        left_hand=point_bottom(body, "left.hand"),
        right_elbow=point_bottom(body, "right.elbow"),
        left_elbow=point_bottom(body, "left.elbow"),
    )


def _near(value: float, target: float) -> bool:
    return abs(value - target) <= TOLERANCE


def _pieces(scene: Scene, role: str) -> list[PropPiece]:
    return [p for panel in scene.panels for p in panel.props if p.role == role]


def contact_problems(scene: Scene, position: str) -> list[str]:
    """Physics rules for every keyframe, given the exercise's body position."""
    ill: Illustration = scene.ill
    problems: list[str] = []
    prop_names = {p.name for p in ill.props}
    for index, body in enumerate(scene.bodies, 1):
        h = heights(body, scene.support_y)
        where = f"keyframe {index}"
        floor = 0.0
        if h.lowest < min(h.support, floor) - TOLERANCE:
            problems.append(f"{where}: part of the body is {h.support - h.lowest:.1f} cm below the floor or mat")
        if ill.support == "none":
            continue
        resting = scene.support_y + ill.keyframes[index - 1].lift
        if position in ("lying on back", "lying on stomach") and "inversion table" not in prop_names:
            pillow_under_trunk = any(p.name == "pillow" and p.at in ("chest", "ribs", "waist", "pelvis") for p in ill.props)
            # a plank or bridge names what holds it up instead (contacts), and is checked on those below
            if not _near(h.trunk, resting) and not pillow_under_trunk and not ill.contacts:
                problems.append(f"{where}: a lying figure's trunk must rest on the {'mat' if scene.has_mat else 'floor'} "
                                f"(its lowest point is {h.trunk - resting:+.1f} cm from it)")
        elif position == "standing":
            if not (_near(h.right_foot, resting) or _near(h.left_foot, resting)):
                problems.append(f"{where}: a standing figure needs a foot on the floor "
                                f"(feet are {h.right_foot - resting:+.1f} and {h.left_foot - resting:+.1f} cm from it)")
        elif position == "hands and knees":
            for part, value in (("right knee", h.right_knee), ("left knee", h.left_knee)):
                if not _near(value, resting):
                    problems.append(f"{where}: the {part} must be on the floor ({value - resting:+.1f} cm)")
            for side, hand, elbow in (("right", h.right_hand, h.right_elbow), ("left", h.left_hand, h.left_elbow)):
                if not (_near(hand, resting) or _near(elbow, resting)):
                    problems.append(f"{where}: the {side} hand (or forearm) must be on the floor ({hand - resting:+.1f} cm)")
        elif position == "kneeling":
            if not (_near(h.right_knee, resting) or _near(h.left_knee, resting)):
                problems.append(f"{where}: a kneeling figure needs a knee on the floor")
        elif position == "sitting":
            if "chair" not in prop_names and not _near(h.pelvis, resting):
                problems.append(f"{where}: a seated figure needs a chair, or to sit on the floor")
            if not (_near(h.right_foot, 0.0) or _near(h.left_foot, 0.0) or _near(h.pelvis, resting)):
                problems.append(f"{where}: a seated figure's feet should be on the floor")
        for point in ill.contacts:
            value = point_bottom(body, point)
            if not _near(value, resting):
                problems.append(f"{where}: {point} should touch the support ({value - resting:+.1f} cm)")
    problems += _prop_contacts(scene)
    return problems


def _prop_contacts(scene: Scene) -> list[str]:
    """Props touch what they are fitted to in every keyframe they are shown with."""
    problems = []
    for panel_index, panel in enumerate(scene.panels):
        for body_index, body in enumerate(panel.bodies):
            where = f"keyframe {body_index + 1 if len(scene.panels) == 1 else panel_index + 1}"
            for prop in scene.ill.props:
                if prop.name == "chair":
                    at = prop.at or "pelvis"
                    seat = max(max(c[1] for c in piece.corners) for piece in panel.props if piece.role == "seat")
                    if not _near(point_bottom(body, at), seat):
                        problems.append(f"{where}: the {at} must rest on the chair seat ({point_bottom(body, at) - seat:+.1f} cm)")
                elif prop.name == "wall" and prop.at in (None, "back", "front"):  # (a wall behind a chair touches the chair)
                    wall = [p for p in panel.props if p.role == "wall"]
                    if wall:
                        face = max(c[0] for c in wall[0].corners) if (prop.at or "back") == "back" else min(
                            c[0] for c in wall[0].corners)
                        back = -reach(body, (-1.0, 0.0, 0.0), [s for s in body.segments if "trunk" in s.name], head=False)
                        front = reach(body, (1.0, 0.0, 0.0), [s for s in body.segments if "trunk" in s.name], head=False)
                        gap = back - face if (prop.at or "back") == "back" else face - front
                        if not _near(gap, 0.0):
                            problems.append(f"{where}: the back must touch the wall ({gap:+.1f} cm)")
                elif prop.name == "doorway":
                    posts = [p for p in panel.props if p.role == "jamb" and min(c[1] for c in p.corners) <= 0.0]
                    for side in ("right", "left"):
                        hand = body.points[f"{side}.hand"]
                        # each hand on its own side's post: in front of it and within its width
                        nearest = min(max(0.0, min(c[0] for c in j.corners) - hand[0], hand[0] - max(c[0] for c in j.corners),
                                          min(c[2] for c in j.corners) - hand[2], hand[2] - max(c[2] for c in j.corners))
                                      for j in posts)
                        if nearest > 5 + TOLERANCE:
                            problems.append(f"{where}: the {side} hand must hold the door frame ({nearest:.1f} cm away)")
                elif prop.name == "counter":
                    at = prop.at or "left.hand"
                    resting = point_bottom(body, at)
                    for top in (max(c[1] for c in p.corners) for p in panel.props if p.role == "worktop"):
                        if not _near(resting, top):
                            problems.append(f"{where}: the {at} must rest on the counter ({resting - top:+.1f} cm)")
                        if not 80 <= top <= 100:
                            problems.append(f"kitchen counters are about 90 cm high; this one is {top:.0f} cm")
                elif prop.name == "ball":
                    balls = [p for p in panel.props if p.kind == "sphere" and p.role == "ball"]
                    at = prop.at or "heels"
                    for ball in balls:
                        target = body.points[at]
                        distance = math.dist(target, ball.center) - ball.radius - 4.0  # heel radius
                        if not _near(distance, 0.0):
                            problems.append(f"{where}: {at} must rest on the ball ({distance:+.1f} cm)")
                        if not 25 <= ball.radius <= 40:
                            problems.append(f"exercise balls are 50 to 80 cm across; this one is {2 * ball.radius:.0f} cm")
                elif prop.name == "pillow":
                    pillows = [p for p in panel.props if p.role == "pillow"]
                    for pillow in pillows:
                        if pillow.radius * 2 < 3:
                            problems.append(f"{where}: the pillow under {prop.at or 'head'} would be "
                                            f"{pillow.radius * 2:.1f} cm thick; raise that part a little")
    return problems


def main(argv: list[str]) -> int:
    from .pose import load_illustration

    path = Path(argv[0])
    position = argv[argv.index("--position") + 1] if "--position" in argv else None
    if position is None:
        catalog = path.parent.parent / "catalog" / path.name
        if catalog.exists():
            import yaml

            position = yaml.safe_load(catalog.read_text(encoding="utf-8")).get("position")
    ill = load_illustration(path)
    scene = Scene(ill)
    print(f"{path.name}: position {position!r}, support at {scene.support_y:.1f} cm")
    for i, (body, keyframe) in enumerate(zip(scene.bodies, ill.keyframes, strict=True), 1):
        h = heights(body, scene.support_y)
        print(f"  keyframe {i}: lowest {h.lowest:.1f}  trunk {h.trunk:.1f}  pelvis {h.pelvis:.1f}  head {h.head:.1f}")
        print(f"    feet R {h.right_foot:.1f} L {h.left_foot:.1f}   knees R {h.right_knee:.1f} L {h.left_knee:.1f}   "
              f"hands R {h.right_hand:.1f} L {h.left_hand:.1f}   elbows R {h.right_elbow:.1f} L {h.left_elbow:.1f}")
        for problem in rom_problems(keyframe):
            print(f"    ROM: {problem}")
    problems = contact_problems(scene, position or "")
    for problem in problems:
        print(f"  CONTACT: {problem}")
    print("  OK" if not problems and not any(rom_problems(k) for k in ill.keyframes) else "  PROBLEMS")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
