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
from .cues import (
    Obstacles,
    around_arrow,
    arrow_badges,
    arrow_reach,
    clear_arrow,
    cue_sizes,
    floor_room,
    panel_badge,
    path_arrow,
    stopwatch,
)
from .feet import above_camera, feet_layers
from .pose import Arrow as ArrowSpec
from .pose import CloseUp, Illustration
from .project import Camera, FigurePalette, panel_layers
from .props import MAT_THICKNESS, PropPiece, build_prop
from .shapes import MIN_CLOCK_RADIUS, Arrow, Layer, Line, Picture2D, bounds_of, scaled, shifted
from .surface import lowest, trunk_reach
from .vec import Vec

__all__ = ["MAT_THICKNESS", "FigurePalette", "Panel", "Scene"]

PANEL_GAP = 14.0
MAX_ROW_ASPECT = 3.0  # panels wider than this side by side are stacked
CLOSE_UP_SHARE = 0.5  # a close-up panel (the feet) is drawn this share of the tallest other panel's height
# (less half a gap, so that two close-ups one above the other are as tall as it)
FRAME_PAD = 5.0  # cm between a close-up and the frame drawn around it
ARROW_ROOM = 14.0  # cm more under close-ups that have arrows: room for an arrow under the heels, inside the frame
# what an arrow keeps clear of
BODY_ROLES = ("figure", "face", "ball", "pillow", "seat", "jamb", "wall", "prop", "worktop", "frame", "strap")
MOVE_SHOWS = ("from-start", "from-previous")  # a panel per move, its start pose in the light tone behind it


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
        self.moves = illustration.show in MOVE_SHOWS  # panel i draws the move to keyframe i + 1
        if illustration.show == "panels":
            # the first panel in the start tone, the legend's "pale figure: where you start"
            self.panels = [self._panel([body], [i == 0], i) for i, body in enumerate(self.bodies)]
        elif self.moves:
            # each move, with the pose it starts from (the first, or the one before it) in the light tone behind it
            self.panels = [self._panel([self.bodies[self._start_of(i)], body], [True, False], i)
                           for i, body in enumerate(self.bodies[1:])]
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
            # the keyframe a panel ends on: the panel's own, or, for a move, the one after it
            label = self.ill.keyframes[index + 1 if self.moves else index].caption or str(index + 1)
        return Panel(bodies, light, pieces, label)

    def picture(self, palette: FigurePalette, fold: bool = False) -> Picture2D:
        """The picture seen by the pose file's camera: panels side by side, then arrows, badges, the hold cue.

        ``fold``: a row of three or more panels much wider than tall goes on two rows (see :func:`_arrange`)."""
        cam = Camera(self.ill.view.turn, self.ill.view.tilt)
        cams = [self._camera(i) for i in range(len(self.panels))]
        out = Picture2D()
        on_top = tuple(self.ill.on_top)
        drawn = [panel_layers(panel.bodies, panel.light, panel.props, cams[i], palette, on_top)
                 for i, panel in enumerate(self.panels)]
        if self.ill.view.crop is not None:
            drawn = [cut_above(layers, self.ill.view.crop) for layers in drawn]
        zooms = self._close_ups(drawn, cams, palette)
        frames = _arrange([bounds_of(layers) for layers in drawn], stack=self.ill.stack, close=frozenset(zooms),
                          fold=fold)
        for layers, ((dx, dy), _) in zip(drawn, frames, strict=True):
            out.layers += [shifted(layer, dx, dy) for layer in layers]
        whole = bounds_of(out.layers)
        extent = max(whole[2] - whole[0], whole[3] - whole[1])
        solid = [item for item in out.layers if isinstance(item, Layer) and item.role != "mat"]
        floors = [dy for i, ((_, dy), _) in enumerate(frames) if i not in zooms] if cam.level else []
        body = Obstacles([layer for layer in solid if layer.role in BODY_ROLES], [], floors)
        arrows = [self._arrow(spec, cams, palette, frames, extent, zooms) for spec in self.ill.arrows]
        arrows = [arrow if spec.keep else clear_arrow(arrow, body) for arrow, spec in zip(arrows, self.ill.arrows, strict=True)]
        out.layers += arrows
        x0, y0, x1, y1 = bounds_of(out.layers)
        size = max(x1 - x0, y1 - y0)
        obstacles = Obstacles(solid, arrows, floors, arrow_reach(size))  # an arrow as wide as it prints smallest
        badge_r, clock_r = cue_sizes(size)
        # off the floor lines by the room the cues take where a card prints the picture smallest
        badge_floor, clock_floor = floor_room(size, badge_r), floor_room(size, clock_r, MIN_CLOCK_RADIUS, 1.45)
        paths = [a for a in arrows if a.bezier is not None]
        if self.ill.show == "overlay" and self.ill.badges and paths:
            out.layers += arrow_badges(paths[0], obstacles, badge_r, badge_floor)
        for (_, (left, _, _, top)), panel in zip(frames, self.panels, strict=True):
            if panel.label:
                out.layers.append(panel_badge(panel.label, (left, top), obstacles, badge_r, badge_floor))
        if self.ill.hold:  # beside each held pose: its panel's top right corner (the last panel's by default)
            for number in self.ill.hold_panels or [self.ill.hold_panel]:
                _, (_, _, right, top) = frames[min(number, len(frames)) - 1]
                out.layers.append(stopwatch((right, top), obstacles, clock_r, clock_floor))
        out.bounds = bounds_of(out.layers)
        return out

    def _start_of(self, panel: int) -> int:
        """The keyframe a move panel starts from: the first (from-start) or the one before its own."""
        return 0 if self.ill.show == "from-start" else panel

    def _close_up(self, index: int) -> CloseUp | None:
        return self.panels[index].bodies[0].keyframe.close_up if self.ill.show == "panels" else None

    def _camera(self, index: int) -> Camera:
        """The pose file's camera, or a close-up's own, looking down on it more steeply."""
        close = self._close_up(index)
        if close is not None and close.from_above:
            return above_camera(self.panels[index].bodies[0])
        tilt = close.tilt if close is not None and close.tilt is not None else self.ill.view.tilt
        return Camera(self.ill.view.turn, tilt)

    def _close_ups(self, drawn: list[list[Layer | Line]], cams: list[Camera], palette: FigurePalette) -> dict[int, Zoom]:
        """Cut each close-up panel below its height (or draw only its feet, seen from above) and enlarge it, in
        place, to about half the height of the tallest other panel; the zoom of each, for its arrows. The
        close-ups share one zoom and one frame, so two of them (where the feet start and end) match: the same
        feet at the same size in the same place, only what moves has moved."""
        cuts = {i: close for i in range(len(self.panels)) if (close := self._close_up(i)) is not None}
        if not cuts:
            return {}
        whole = [bounds_of(layers) for i, layers in enumerate(drawn) if i not in cuts]
        tallest = max((b[3] - b[1] for b in whole), default=0.0)
        kept: dict[int, list[Layer]] = {}
        for i, close in cuts.items():
            panel = self.panels[i]
            if close.from_above:
                kept[i] = feet_layers(panel.bodies[0], cams[i], palette, panel.light[0])
                continue
            # without its floor line: a close-up is framed instead, so it reads as a detail, not a figure
            lowest = bounds_of([item for item in drawn[i] if isinstance(item, Layer)])[1]
            kept[i] = [item for item in cut_above(drawn[i], lowest + close.below, below=True) if isinstance(item, Layer)]
        x0, y0, x1, y1 = bounds_of([layer for layers in kept.values() for layer in layers])
        room = ARROW_ROOM if any((spec.panel or len(self.panels)) - 1 in cuts for spec in self.ill.arrows) else 0.0
        k = max(1.0, (CLOSE_UP_SHARE * tallest - PANEL_GAP / 2 - 2 * FRAME_PAD - room) / (y1 - y0)) if tallest else 1.0
        origin = ((x0 + x1) / 2, y0)
        fx0, fy0 = origin[0] + (x0 - origin[0]) * k - FRAME_PAD, y0 - FRAME_PAD - room
        fx1, fy1 = origin[0] + (x1 - origin[0]) * k + FRAME_PAD, y0 + (y1 - y0) * k + FRAME_PAD
        frame = Line(((fx0, fy0), (fx1, fy0), (fx1, fy1), (fx0, fy1), (fx0, fy0)), palette.floor, 0.8)
        for i, layers in kept.items():
            drawn[i] = [frame, *(scaled(item, k, origin) for item in layers)]
        return dict.fromkeys(cuts, (k, origin))

    def _arrow(self, spec: ArrowSpec, cams: list[Camera], palette: FigurePalette, frames: list[Frame], extent: float,
               zooms: dict[int, Zoom]) -> Arrow:
        panel = min((spec.panel - 1) if spec.panel else len(self.panels) - 1, len(self.panels) - 1)
        dx, dy = frames[panel][0]
        k, (ox, oy) = zooms.get(panel, (1.0, (0.0, 0.0)))
        cam = cams[panel]

        def place(p: Vec) -> tuple[float, float]:
            x, y = cam.project(p)
            return (ox + (x - ox) * k + dx, oy + (y - oy) * k + dy)

        bodies = self.bodies
        if self.ill.show == "panels":
            start, end = bodies[max(0, panel - 1)], bodies[min(panel, len(bodies) - 1)]
        elif self.moves:
            start, end = bodies[self._start_of(panel)], bodies[panel + 1]
        else:
            start, end = bodies[0], bodies[-1]
        if spec.style == "around":
            return around_arrow(spec, place(end.points[spec.point]), palette.arrow)
        return path_arrow(spec, place(start.points[spec.point]), place(end.points[spec.point]), palette.arrow, extent)


Bounds = tuple[float, float, float, float]
Frame = tuple[tuple[float, float], Bounds]  # a panel's shift (dx, dy) and its bounds once shifted
Zoom = tuple[float, tuple[float, float]]  # a close-up panel's enlargement and the point it is enlarged about


def _arrange(boxes: list[Bounds], stack: bool = False, close: frozenset[int] = frozenset(),
             fold: bool = False) -> list[Frame]:
    """Panels side by side, or, when two would be much wider than tall (two lying figures), one above
    the other: printed in a card's picture box, each figure then comes out about twice as big. Three
    or more stay in a row (stacked, they would make a picture too tall for a card beside its steps).
    `stack` puts two panels one above the other whatever their shape, except with `fold` (a card alone
    on its page, in the booklet: there the picture can take the page's whole width, so side by side it
    prints at least as large, and a tall one could push a long card past its page). Close-ups (`close`, their indexes)
    next to each other share a column (:func:`_columns`). `fold` (a card alone on its page, with room
    for a taller picture) puts a row of three or more that is much wider than tall on two rows, read
    like text: 1 2 above, 3 under 1."""
    widths = [b[2] - b[0] for b in boxes]
    heights = [b[3] - b[1] for b in boxes]
    row = sum(widths) + PANEL_GAP * (len(boxes) - 1)
    frames: list[Frame] = []
    if len(boxes) == 2 and ((stack and not fold) or row / max(heights) > MAX_ROW_ASPECT):
        top = 0.0
        for b, h in zip(boxes, heights, strict=True):  # first panel on top
            dx, dy = -b[0], top - h - b[1]
            frames.append(((dx, dy), (b[0] + dx, b[1] + dy, b[2] + dx, b[3] + dy)))
            top -= h + PANEL_GAP * 1.5
        return frames
    if close:
        return _columns(boxes, close)
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


def _columns(boxes: list[Bounds], close: frozenset[int]) -> list[Frame]:
    """Panels in a row, except that close-ups next to each other share a column, the first on top, as
    tall together as the tallest other panel: the picture stays about as wide as it would be without them."""
    top = max(b[3] for i, b in enumerate(boxes) if i not in close) if len(close) < len(boxes) else 0.0
    columns: list[list[int]] = []
    for i in range(len(boxes)):
        if i in close and columns and columns[-1][-1] in close and len(columns[-1]) < 2:
            columns[-1].append(i)
        else:
            columns.append([i])
    frames: dict[int, Frame] = {}
    left = 0.0
    for column in columns:
        width = max(boxes[i][2] - boxes[i][0] for i in column)
        y = top
        for i in column:
            b = boxes[i]
            dx = left + (width - (b[2] - b[0])) / 2 - b[0]
            dy = (y - b[3]) if i in close else 0.0
            frames[i] = ((dx, dy), (b[0] + dx, b[1] + dy, b[2] + dx, b[3] + dy))
            y -= b[3] - b[1] + PANEL_GAP
        left += width + PANEL_GAP
    return [frames[i] for i in range(len(boxes))]
