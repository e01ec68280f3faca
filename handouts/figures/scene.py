"""From a pose file to a picture: place the figure on its support, fit the props to it, project.

Geometry is computed once, in 3D centimetres (:mod:`.body`, :mod:`.props`), and turned into 2D
primitives (:mod:`.shapes`) by the camera (:mod:`.project`); the movement cues are added in free
space (:mod:`.cues`). :mod:`.draw_pdf` and :mod:`.draw_png` draw the primitives. The same 3D
geometry answers the physics questions the tests ask (:mod:`.checks`).
"""

from __future__ import annotations

from typing import NamedTuple

from .body import Body, build_body
from .crop import cut_above
from .cues import Obstacles, around_arrow, arrow_badges, clear_arrow, cue_sizes, panel_badge, path_arrow, stopwatch
from .pose import Arrow as ArrowSpec
from .pose import Illustration
from .project import Camera, FigurePalette, panel_layers
from .props import MAT_THICKNESS, PropPiece, build_prop
from .shapes import Arrow, Layer, Picture2D, bounds_of, shifted
from .surface import lowest, trunk_reach

__all__ = ["MAT_THICKNESS", "FigurePalette", "Panel", "Scene"]

PANEL_GAP = 14.0
MAX_ROW_ASPECT = 3.0  # panels wider than this side by side are stacked
BODY_ROLES = ("figure", "face", "ball", "pillow", "seat", "jamb", "wall", "prop", "frame")  # what an arrow keeps clear of


class Panel(NamedTuple):
    bodies: list[Body]  # the keyframes shown in this panel, first to last
    light: list[bool]  # which of them are drawn in the light (start) tone
    props: list[PropPiece]
    label: str | None


class Scene:
    """A pose file turned into placed bodies and props, ready to be projected."""

    def __init__(self, illustration: Illustration):
        self.ill = illustration
        self.has_mat = any(p.name == "mat" for p in illustration.props)
        self.support_y = MAT_THICKNESS if self.has_mat else 0.0
        self.bodies = self._place([build_body(k) for k in illustration.keyframes])
        if illustration.show == "panels":
            # the first panel in the start tone, the legend's "pale figure: where you start"
            # (or none, when the panels are two ways of moving rather than a start and an end)
            self.panels = [self._panel([body], [i == 0 and illustration.start_pale], i) for i, body in enumerate(self.bodies)]
        else:
            light = [i < len(self.bodies) - 1 for i in range(len(self.bodies))] if illustration.show == "overlay" else [False]
            self.panels = [self._panel(self.bodies, light, None)]

    def _place(self, bodies: list[Body]) -> list[Body]:
        """Rest each keyframe on its support, and keep the anchor point where the first keyframe has it."""
        placed: list[Body] = []
        for body, keyframe in zip(bodies, self.ill.keyframes, strict=True):
            base = self.support_y if self.ill.support != "none" else 0.0
            moved = body.moved((0.0, base + keyframe.lift - lowest(body), 0.0))
            x = self._anchor_x(moved, self.ill.anchor)
            if placed:
                moved = moved.moved((self._anchor_x(placed[0], self.ill.anchor) - x, 0.0, 0.0))
            placed.append(moved)
        return placed

    @staticmethod
    def _anchor_x(body: Body, anchor: str) -> float:
        if anchor == "back":
            return -trunk_reach(body, (-1.0, 0.0, 0.0))
        if anchor == "front":
            return trunk_reach(body, (1.0, 0.0, 0.0))
        return body.points[anchor][0]

    def _panel(self, bodies: list[Body], light: list[bool], index: int | None) -> Panel:
        pieces: list[PropPiece] = []
        for prop in self.ill.props:
            # a panel's props fit its own figure; an overlay's fit the keyframe the prop names
            body = bodies[0] if index is not None else self.bodies[prop.keyframe - 1]
            pieces += build_prop(prop, body, bodies, self.support_y)
        label = None
        if index is not None:
            label = self.ill.keyframes[index].caption or str(index + 1)
        return Panel(bodies, light, pieces, label)

    def picture(self, palette: FigurePalette, fold: bool = False) -> Picture2D:
        """The picture seen by the pose file's camera: panels side by side, then arrows, badges, the hold cue.

        ``fold``: a row of three or more panels much wider than tall goes on two rows (see :func:`_arrange`)."""
        cam = Camera(self.ill.view.turn, self.ill.view.tilt)
        out = Picture2D()
        drawn = [panel_layers(panel.bodies, panel.light, panel.props, cam, palette) for panel in self.panels]
        if self.ill.view.crop is not None:
            drawn = [cut_above(layers, self.ill.view.crop) for layers in drawn]
        frames = _arrange([bounds_of(layers) for layers in drawn], stack=self.ill.stack, fold=fold)
        for layers, ((dx, dy), _) in zip(drawn, frames, strict=True):
            out.layers += [shifted(layer, dx, dy) for layer in layers]
        whole = bounds_of(out.layers)
        extent = max(whole[2] - whole[0], whole[3] - whole[1])
        solid = [item for item in out.layers if isinstance(item, Layer) and item.role != "mat"]
        floors = [dy for (_, dy), _ in frames] if cam.level else []
        body = Obstacles([layer for layer in solid if layer.role in BODY_ROLES], [], floors)
        arrows = [self._arrow(spec, cam, palette, frames, extent) for spec in self.ill.arrows]
        arrows = [arrow if spec.keep else clear_arrow(arrow, body) for arrow, spec in zip(arrows, self.ill.arrows, strict=True)]
        out.layers += arrows
        obstacles = Obstacles(solid, arrows, floors)
        x0, y0, x1, y1 = bounds_of(out.layers)
        badge_r, clock_r = cue_sizes(max(x1 - x0, y1 - y0))
        paths = [a for a in arrows if a.bezier is not None]
        if self.ill.show == "overlay" and self.ill.badges and paths:
            out.layers += arrow_badges(paths[0], obstacles, badge_r)
        for (_, (left, _, _, top)), panel in zip(frames, self.panels, strict=True):
            if panel.label:
                out.layers.append(panel_badge(panel.label, (left, top), obstacles, badge_r))
        if self.ill.hold:  # beside the held pose: its panel's top right corner (the last panel's by default)
            held = min(self.ill.hold_panel, len(frames)) - 1
            _, (_, _, right, top) = frames[held]
            out.layers.append(stopwatch((right, top), obstacles, clock_r))
        out.bounds = bounds_of(out.layers)
        return out

    def _arrow(self, spec: ArrowSpec, cam: Camera, palette: FigurePalette, frames: list[Frame], extent: float) -> Arrow:
        panel = min((spec.panel - 1) if spec.panel else len(self.panels) - 1, len(self.panels) - 1)
        dx, dy = frames[panel][0]
        bodies = self.bodies
        if spec.style == "around":
            body = bodies[min(panel, len(bodies) - 1)] if self.ill.show == "panels" else bodies[-1]
            cx, cy = cam.project(body.points[spec.point])
            return around_arrow(spec, (cx + dx, cy + dy), palette.arrow)
        start, end = (bodies[max(0, panel - 1)], bodies[panel]) if self.ill.show == "panels" else (bodies[0], bodies[-1])
        a = cam.project(start.points[spec.point])
        b = cam.project(end.points[spec.point])
        return path_arrow(spec, (a[0] + dx, a[1] + dy), (b[0] + dx, b[1] + dy), palette.arrow, extent)


Bounds = tuple[float, float, float, float]
Frame = tuple[tuple[float, float], Bounds]  # a panel's shift (dx, dy) and its bounds once shifted


def _arrange(boxes: list[Bounds], stack: bool = False, fold: bool = False) -> list[Frame]:
    """Panels side by side, or, when two would be much wider than tall (two lying figures), one above
    the other: printed in a card's picture box, each figure then comes out about twice as big. Three
    or more stay in a row (stacked, they would make a picture too tall for a card beside its steps).
    `stack` puts two panels one above the other whatever their shape. `fold` (a card alone on its page,
    with room for a taller picture) puts a row of three or more that is much wider than tall on two
    rows, read like text: 1 2 above, 3 under 1."""
    widths = [b[2] - b[0] for b in boxes]
    heights = [b[3] - b[1] for b in boxes]
    row = sum(widths) + PANEL_GAP * (len(boxes) - 1)
    frames: list[Frame] = []
    if len(boxes) == 2 and (stack or row / max(heights) > MAX_ROW_ASPECT):
        top = 0.0
        for b, h in zip(boxes, heights, strict=True):  # first panel on top
            dx, dy = -b[0], top - h - b[1]
            frames.append(((dx, dy), (b[0] + dx, b[1] + dy, b[2] + dx, b[3] + dy)))
            top -= h + PANEL_GAP * 1.5
        return frames
    rows = [list(range(len(boxes)))]
    if fold and len(boxes) >= 3 and row / max(heights) > MAX_ROW_ASPECT:
        half = (len(boxes) + 1) // 2
        rows = [rows[0][:half], rows[0][half:]]
    top = 0.0
    for members in rows:
        left = 0.0
        tallest = max(heights[i] for i in members)
        for i in members:
            b = boxes[i]
            dx, dy = left - b[0], (top - tallest - b[1]) if len(rows) > 1 else 0.0  # (one row: as it always was)
            frames.append(((dx, dy), (b[0] + dx, b[1] + dy, b[2] + dx, b[3] + dy)))
            left += widths[i] + PANEL_GAP
        top -= tallest + PANEL_GAP * 1.5
    return frames
