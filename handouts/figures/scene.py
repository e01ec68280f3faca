"""From a pose file to a picture: place the figure on its support, fit the props to it, project.

Geometry is computed once, in 3D centimetres (:mod:`.body`, :mod:`.props`), and turned into 2D
primitives (:mod:`.shapes`) by the camera (:mod:`.project`); the movement cues are added in free
space (:mod:`.cues`). :mod:`.draw_pdf` and :mod:`.draw_png` draw the primitives. The same 3D
geometry answers the physics questions the tests ask (:mod:`.checks`).
"""

from __future__ import annotations

from typing import NamedTuple

from .body import Body, build_body
from .cues import Obstacles, around_arrow, arrow_badges, panel_badge, path_arrow, stopwatch
from .pose import Arrow as ArrowSpec
from .pose import Illustration
from .project import Camera, FigurePalette, panel_layers
from .props import MAT_THICKNESS, PropPiece, build_prop
from .shapes import Arrow, Layer, Picture2D, bounds_of, shifted
from .surface import lowest, trunk_reach

__all__ = ["MAT_THICKNESS", "FigurePalette", "Panel", "Scene"]

PANEL_GAP = 14.0


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
            self.panels = [self._panel([body], [False], i) for i, body in enumerate(self.bodies)]
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

    def picture(self, palette: FigurePalette) -> Picture2D:
        """The picture seen by the pose file's camera: panels side by side, then arrows, badges, the hold cue."""
        cam = Camera(self.ill.view.turn, self.ill.view.tilt)
        out = Picture2D()
        offset_x = 0.0
        frames: list[tuple[float, tuple[float, float, float, float]]] = []  # each panel's shift and bounds
        for panel in self.panels:
            layers = panel_layers(panel.bodies, panel.light, panel.props, cam, palette)
            bounds = bounds_of(layers)
            shift = offset_x - bounds[0]
            out.layers += [shifted(layer, shift, 0.0) for layer in layers]
            frames.append((shift, (bounds[0] + shift, bounds[1], bounds[2] + shift, bounds[3])))
            offset_x = bounds[2] + shift + PANEL_GAP
        arrows = [self._arrow(spec, cam, palette, frames) for spec in self.ill.arrows]
        out.layers += arrows
        drawn = [item for item in out.layers if isinstance(item, Layer) and item.role != "mat"]
        obstacles = Obstacles(drawn, arrows, 0.0 if cam.level else None)
        paths = [a for a in arrows if a.bezier is not None]
        if self.ill.show == "overlay" and self.ill.badges and paths:
            out.layers += arrow_badges(paths[0], obstacles)
        for (_, (x0, _, _, y1)), panel in zip(frames, self.panels, strict=True):
            if panel.label:
                out.layers.append(panel_badge(panel.label, (x0, y1), obstacles))
        if self.ill.hold:
            top = max(bounds[3] for _, bounds in frames)
            right = max(bounds[2] for _, bounds in frames)
            out.layers.append(stopwatch((right, top), obstacles))
        out.bounds = bounds_of(out.layers)
        return out

    def _arrow(self, spec: ArrowSpec, cam: Camera, palette: FigurePalette,
               frames: list[tuple[float, tuple[float, float, float, float]]]) -> Arrow:
        panel = min((spec.panel - 1) if spec.panel else len(self.panels) - 1, len(self.panels) - 1)
        shift = frames[panel][0]
        bodies = self.bodies
        if spec.style == "around":
            body = bodies[min(panel, len(bodies) - 1)] if self.ill.show == "panels" else bodies[-1]
            cx, cy = cam.project(body.points[spec.point])
            return around_arrow(spec, (cx + shift, cy), palette.arrow)
        start, end = (bodies[max(0, panel - 1)], bodies[panel]) if self.ill.show == "panels" else (bodies[0], bodies[-1])
        a = cam.project(start.points[spec.point])
        b = cam.project(end.points[spec.point])
        return path_arrow(spec, (a[0] + shift, a[1]), (b[0] + shift, b[1]), palette.arrow)
