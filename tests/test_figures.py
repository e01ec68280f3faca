"""Every built-in picture: a humanly possible pose that obeys physics, and cues that cover nothing."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
import yaml

from handouts.figures.checks import contact_problems, rom_problems
from handouts.figures.cues import GAP, Obstacles, arrow_reach
from handouts.figures.pose import load_illustration
from handouts.figures.scene import Scene
from handouts.figures.shapes import Arrow, Label, Layer, Stopwatch, bounds_of
from handouts.figures.sheet import default_palette
from handouts.paths import BUILTIN_ILLUSTRATIONS

POSES = sorted(BUILTIN_ILLUSTRATIONS.glob("*.yaml"))
CATALOG = BUILTIN_ILLUSTRATIONS.parent / "catalog"

#: What each catalog 'equipment' word must appear as in the picture.
PROP_FOR = {"mat": "mat", "chair": "chair", "wall": "wall", "doorway": "doorway", "pillow": "pillow",
            "exercise ball": "ball", "inversion table": "inversion table"}


def _entry(path: Path) -> dict:
    return yaml.load((CATALOG / path.name).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def test_every_exercise_has_a_pose_file():
    ids = {p.stem for p in CATALOG.glob("*.yaml") if not p.name.startswith("_")}
    assert ids == {p.stem for p in POSES}


@pytest.mark.parametrize("path", POSES, ids=lambda p: p.stem)
def test_every_keyframe_is_in_the_normal_range_of_motion(path):
    ill = load_illustration(path)
    for index, keyframe in enumerate(ill.keyframes, 1):
        assert rom_problems(keyframe) == [], f"{path.name} keyframe {index}"


@pytest.mark.parametrize("path", POSES, ids=lambda p: p.stem)
def test_every_keyframe_rests_on_its_support_and_touches_its_props(path):
    scene = Scene(load_illustration(path))
    assert contact_problems(scene, _entry(path)["position"]) == []


@pytest.mark.parametrize("path", POSES, ids=lambda p: p.stem)
def test_every_prop_the_steps_name_is_drawn(path):
    drawn = {p.name for p in load_illustration(path).props}
    wanted = {PROP_FOR[e] for e in _entry(path)["equipment"] if e in PROP_FOR}
    assert wanted <= drawn


@pytest.mark.parametrize("path", POSES, ids=lambda p: p.stem)
def test_badges_and_the_clock_cover_neither_body_nor_arrow(path):
    pic = Scene(load_illustration(path)).picture(default_palette())
    layers = [item for item in pic.layers if isinstance(item, Layer) and item.role != "mat"]
    arrows = [item for item in pic.layers if isinstance(item, Arrow)]
    x0, y0, x1, y1 = bounds_of([item for item in pic.layers if not isinstance(item, (Label, Stopwatch))])
    room = Obstacles(layers, arrows, [], arrow_reach(max(x1 - x0, y1 - y0)))  # the arrows as wide as they print smallest
    for item in pic.layers:
        if isinstance(item, Label):
            assert room.clearance(item.at) >= item.r + GAP - 1e-6, f"badge {item.text}"
        elif isinstance(item, Stopwatch):
            assert room.clearance(item.at) >= item.r * 1.45 + GAP - 1e-6, "stopwatch"
    badges = [item for item in pic.layers if isinstance(item, Label)]
    for i, a in enumerate(badges):
        for b in badges[i + 1:]:
            assert (a.at[0] - b.at[0]) ** 2 + (a.at[1] - b.at[1]) ** 2 >= (a.r + b.r) ** 2


@pytest.mark.parametrize("path", POSES, ids=lambda p: p.stem)
def test_every_arrow_has_a_shaft_beside_its_head(path):
    pic = Scene(load_illustration(path)).picture(default_palette())
    for arrow in (item for item in pic.layers if isinstance(item, Arrow)):
        points = arrow.samples(40)
        length = sum(((b[0] - a[0]) ** 2 + (b[1] - a[1]) ** 2) ** 0.5 for a, b in itertools.pairwise(points))
        assert length >= 20.0  # cm: an arrow head is about 8 cm long at the sizes cards print pictures


def test_a_picture_shows_the_start_and_the_end():
    for path in POSES:
        ill = load_illustration(path)
        if ill.show != "single":
            assert len(ill.keyframes) >= 2 and ill.arrows, path.name


def test_a_close_up_draws_nothing_below_its_cut():
    from handouts.figures.crop import cut_above
    from handouts.figures.shapes import Capsule, Circle, Line, Polygon

    layer = Layer((Capsule((0, 0), (0, 50), 5, 5), Circle((20, 60), 4), Polygon(((0, 0), (10, 0), (5, 5)))), "#000", None, "figure")
    floor = Line(((0, 0), (10, 0)), "#000")
    (kept,) = cut_above([layer, floor], 30.0)
    assert isinstance(kept, Layer) and len(kept.shapes) == 2  # the capsule cut, the circle whole, the polygon gone
    assert min(s.bounds()[1] for s in kept.shapes) >= 30.0 - 1e-9
    neck = Scene(load_illustration(BUILTIN_ILLUSTRATIONS / "neck-roll.yaml"))
    pic = neck.picture(default_palette())
    assert pic.height < 0.8 * pic.width  # three head-and-shoulder close-ups, not three standing figures


@pytest.mark.parametrize("path", POSES, ids=lambda p: p.stem)
def test_the_clock_is_drawn_whenever_the_card_says_hold(path):
    assert load_illustration(path).hold == bool(_entry(path)["dosage"].get("hold_seconds"))


@pytest.mark.parametrize("path", POSES, ids=lambda p: p.stem)
def test_arrows_lie_beside_the_body_not_over_it(path):
    from handouts.figures.cues import ARROW_GAP
    from handouts.figures.scene import BODY_ROLES

    ill = load_illustration(path)
    pic = Scene(ill).picture(default_palette())
    body = Obstacles([item for item in pic.layers if isinstance(item, Layer) and item.role in BODY_ROLES], [], [])
    arrows = [item for item in pic.layers if isinstance(item, Arrow)]
    for arrow, spec in zip(arrows, ill.arrows, strict=True):
        if not spec.keep:
            assert min(body.clearance(p) for p in arrow.samples(24)) >= ARROW_GAP - 1e-6


def test_far_side_limbs_are_darker_than_near_ones_not_paler():
    from handouts.colors import relative_luminance

    palette = default_palette()
    assert relative_luminance(palette.figure_far) < relative_luminance(palette.figure)
    assert relative_luminance(palette.start_far) < relative_luminance(palette.start_fill)


def test_the_first_panel_is_drawn_as_the_start_pose():
    scene = Scene(load_illustration(BUILTIN_ILLUSTRATIONS / "knee-to-chest.yaml"))
    assert [panel.light for panel in scene.panels] == [[True], [False]]


def test_two_wide_panels_stack_and_three_stay_in_a_row():
    from handouts.figures.scene import _arrange

    wide = [(0.0, 0.0, 200.0, 60.0), (0.0, 0.0, 200.0, 60.0)]
    tall = [(0.0, 0.0, 100.0, 190.0), (0.0, 0.0, 210.0, 110.0)]
    three = [(0.0, 0.0, 130.0, 80.0)] * 3
    assert _arrange(wide)[1][0][1] < 0  # two lying figures: one above the other
    assert _arrange(tall)[1][0][1] == 0  # side by side
    assert all(dy == 0 for (_, dy), _ in _arrange(three))  # three or more stay in a row


def test_a_long_row_of_panels_folds_onto_two_rows_when_asked():
    """A card alone on its page (the booklet) has room for a taller picture: three panels much wider than tall
    go on two rows (1 2 above, 3 under 1), so each prints larger; a row that is not long stays a row."""
    from handouts.figures.scene import _arrange

    three = [(0.0, 0.0, 130.0, 80.0)] * 3  # a row 4.9 times wider than tall
    folded = _arrange(three, fold=True)
    (x1, y1), _ = folded[0]
    (x2, y2), _ = folded[1]
    (x3, y3), _ = folded[2]
    assert y1 == y2 > y3 and x1 == x3 < x2
    square = [(0.0, 0.0, 80.0, 80.0)] * 3  # with the gaps between them, 3.35 times wider than tall
    compact = [(0.0, 0.0, 60.0, 100.0)] * 3
    assert all(dy == 0 for (_, dy), _ in _arrange(compact, fold=True))
    assert len({dy for (_, dy), _ in _arrange(square, fold=True)}) == 2


def test_cat_cow_draws_its_two_poses_one_above_the_other():
    """Cat (1) and cow (2), two lying-shaped panels: stacked in a card and in the booklet alike, so each figure
    prints about twice as large as side by side (before, three panels in a row went on two rows only in the
    booklet)."""
    from handouts.figures.library import picture2d

    path = BUILTIN_ILLUSTRATIONS / "cat-cow.yaml"
    assert len(Scene(load_illustration(path)).panels) == 2
    card, booklet = picture2d(path, default_palette()), picture2d(path, default_palette(), fold=True)
    assert card.aspect < 1.2 and booklet.aspect == card.aspect


def test_cat_cow_shows_the_flat_start_behind_each_move():
    """Step 2 says "start with your back flat": each panel has the flat start in the light tone (the key's "pale
    figure: where you start") behind the move out of it, the back rounded up (1) or sunk (2). Before, panel 1 was
    the rounded back in the light tone, so the picture said to start rounded. The hands and knees stay where they
    are on the mat; only the back and head move."""
    from handouts.figures.checks import heights

    scene = Scene(load_illustration(BUILTIN_ILLUSTRATIONS / "cat-cow.yaml"))
    flat, cat, cow = scene.bodies
    assert [panel.light for panel in scene.panels] == [[True, False], [True, False]]
    assert all(panel.bodies[0] is flat for panel in scene.panels)
    assert [panel.bodies[1] for panel in scene.panels] == [cat, cow]
    assert [panel.label for panel in scene.panels] == ["1", "2"]
    for point in ("right.hand", "right.knee"):
        assert abs(cat.points[point][0] - flat.points[point][0]) < 1.0, point
        assert abs(cow.points[point][0] - flat.points[point][0]) < 1.0, point

    def back_height(body):
        return body.points["ribs"][1] - heights(body, scene.support_y).lowest

    assert back_height(cat) > back_height(flat) + 5 > back_height(cow) + 10  # up, flat, sunk (cm)


def test_a_from_start_picture_needs_two_moves(tmp_path):
    from handouts.errors import UserError

    path = tmp_path / "two.yaml"
    path.write_text("show: from-start\nkeyframes:\n  - body: {pitch: 0}\n  - body: {pitch: 10}\n", encoding="utf-8")
    with pytest.raises(UserError, match="start and at least two moves"):
        load_illustration(path)


def test_close_ups_share_a_column_beside_the_whole_figure():
    from handouts.figures.scene import _arrange

    feet = (0.0, 0.0, 80.0, 90.0)
    figure = (0.0, 0.0, 60.0, 190.0)
    (_, ab), (_, bb), (c, cb) = _arrange([feet, feet, figure], close=frozenset({0, 1}))
    assert ab[0] == bb[0] and ab[1] > bb[3]  # the first close-up above the second, in one column
    assert cb[0] > ab[2] and c[1] == 0  # the whole figure beside them, on the floor
    assert ab[3] == cb[3]  # the column's top is the figure's top


def test_a_close_up_panel_is_the_feet_enlarged_in_a_frame():
    from handouts.figures.shapes import Line

    scene = Scene(load_illustration(BUILTIN_ILLUSTRATIONS / "standing-tall-stretch.yaml"))
    pic = scene.picture(default_palette())
    frames = [item for item in pic.layers if isinstance(item, Line) and len(item.points) == 5]
    assert len(frames) == 2  # panels 1 and 2: the feet, framed
    boxes = [(min(p[0] for p in f.points), min(p[1] for p in f.points), max(p[0] for p in f.points),
              max(p[1] for p in f.points)) for f in frames]
    feet_width = boxes[0][2] - boxes[0][0]
    assert feet_width > 40  # two feet about 30 cm across, enlarged: they print about twice their size
    assert boxes[0][1] > boxes[1][3]  # one above the other
    figure = [item for item in pic.layers if isinstance(item, Layer) and item.role == "figure"]
    inside = [layer for layer in figure if all(boxes[0][0] <= s.bounds()[0] and s.bounds()[2] <= boxes[0][2]
                                               for s in layer.shapes)]
    assert inside  # the close-up's feet lie inside its frame


def test_a_limb_named_on_top_is_drawn_over_the_other_leg():
    from handouts.figures.project import Camera, body_layers, segment_shape

    ill = load_illustration(BUILTIN_ILLUSTRATIONS / "piriformis-stretch.yaml")
    assert ill.on_top[-1] == "right.leg"  # the crossed leg over everything (the arms, named before it, go under it)
    body = Scene(ill).bodies[1]
    cam = Camera(90.0, 20.0)  # from the feet end, where the left shin is the nearer
    thigh = segment_shape(next(s for s in body.segments if s.name == "right thigh"), cam)

    def last(on_top: tuple[str, ...]) -> Layer:
        return max(body_layers(body, cam, default_palette(), False, on_top), key=lambda item: item[0])[1]

    assert thigh not in last(()).shapes  # by depth alone, the crossed leg would go under the other
    assert thigh in last(("right.leg",)).shapes


def test_a_counter_is_fitted_under_the_hand_that_holds_it():
    """The counter's worktop top is exactly at the hand's lowest point, the hand lies over the worktop, the
    counter stands on the floor beside the body (not through it), and the hamstring stretch's hand rests on
    a worktop about 90 cm high in both panels."""
    from handouts.figures.pose import Prop
    from handouts.figures.props import build_prop
    from handouts.figures.surface import point_bottom

    scene = Scene(load_illustration(BUILTIN_ILLUSTRATIONS / "hamstring-stretch-chair.yaml"))
    tops = []
    for panel in scene.panels:
        body = panel.bodies[0]
        pieces = build_prop(Prop(name="counter", at="left.hand"), body, panel.bodies, scene.support_y)
        (worktop,) = [p for p in pieces if p.role == "worktop"]
        top = max(c[1] for c in worktop.corners)
        assert abs(top - point_bottom(body, "left.hand")) < 1e-9  # the hand touches its top
        hand = body.points["left.hand"]
        xs, zs = [c[0] for c in worktop.corners], [c[2] for c in worktop.corners]
        assert min(xs) < hand[0] < max(xs) and min(zs) < hand[2] < max(zs)  # over the worktop, not beside it
        assert min(c[1] for p in pieces if p.kind == "box" for c in p.corners) == 0.0  # on the floor
        assert max(zs) < body.points["left.hip"][2]  # on the left hand's side, clear of the body's middle
        tops.append(top)
    assert all(85 <= t <= 95 for t in tops) and abs(tops[0] - tops[1]) < 1.5  # one kitchen counter, same height


def test_feet_seen_from_above_show_toes_and_share_one_frame():
    """The standing tall stretch's close-ups: the two feet from straight above, toes up the page, each a foot
    outline with five toes; both panels in the same frame at the same zoom; big toes touching and heels apart
    in (1), heels together in (2)."""
    from handouts.figures.feet import above_camera, foot_outline
    from handouts.figures.shapes import Circle, Line, Polygon

    scene = Scene(load_illustration(BUILTIN_ILLUSTRATIONS / "standing-tall-stretch.yaml"))
    pic = scene.picture(default_palette())
    frames = [item for item in pic.layers if isinstance(item, Line) and len(item.points) == 5]
    sizes = {(round(max(p[0] for p in f.points) - min(p[0] for p in f.points), 6),
              round(max(p[1] for p in f.points) - min(p[1] for p in f.points), 6)) for f in frames}
    assert len(frames) == 2 and len(sizes) == 1  # the same frame for both close-ups
    feet = [item for item in pic.layers if isinstance(item, Layer) and item.role == "figure"
            and len(item.shapes) == 6 and isinstance(item.shapes[0], Polygon)
            and all(isinstance(s, Circle) for s in item.shapes[1:])]
    assert len(feet) == 4  # two feet in each close-up, each an outline and five toes
    gaps = []
    for body in scene.bodies[:2]:
        cam = above_camera(body)
        heels = [cam.project(body.points[f"{side}.heel"]) for side in ("right", "left")]
        toes = [cam.project(body.points[f"{side}.toe"]) for side in ("right", "left")]
        assert all(t[1] > h[1] for t, h in zip(toes, heels, strict=True))  # toes up the page
        middle = cam.project(body.points["pelvis"])
        big_toes = [foot_outline(h, t, middle)[1][0] for h, t in zip(heels, toes, strict=True)]
        toe_gap = abs(big_toes[0].c[0] - big_toes[1].c[0]) - big_toes[0].r - big_toes[1].r
        gaps.append((toe_gap, abs(heels[0][0] - heels[1][0])))
    (toe1, heel1), (toe2, heel2) = gaps
    assert abs(toe1) < 1.0 and abs(toe2) < 1.0  # big toes touching, before and after
    assert heel1 > heel2 + 6  # the heels slide in
    assert heel2 < 8.0  # until they meet (heel centres about a heel's width apart)


def test_the_cues_keep_off_the_floor_lines_at_the_smallest_print_size():
    """Cues are placed (figures/cues.floor_room) for the smallest a card prints a picture: that size is the card
    chooser's, and a badge is never drawn smaller than draw_pdf draws it."""
    from handouts.figures import cues, draw_pdf, scene
    from handouts.models.layout import Lines
    from handouts.render.cardchoice import SLOT_PICTURE

    assert cues.SMALLEST_PRINT == SLOT_PICTURE
    assert (cues.MIN_BADGE_RADIUS, scene.MIN_CLOCK_RADIUS) == (draw_pdf.MIN_BADGE_RADIUS, draw_pdf.MIN_CLOCK_RADIUS)
    assert (cues.ARROW_WIDTH, cues.ARROW_HEAD) == (draw_pdf.ARROW_WIDTH, draw_pdf.ARROW_HEAD)
    assert Lines().figure == cues.FIGURE_LINE_PT  # the lines are drawn at the layout's figure line


def test_neck_roll_draws_each_move_from_the_pose_before_it():
    """Step 1 stands looking ahead; step 2 drops the chin and holds it; steps 3 and 4 roll the head, chin low, to
    the left shoulder and across to the right. Before, panel 1 drew the chin-down pose in the light tone, so by
    the key ("pale figure: where you start") the picture said to start with the chin down. Each panel now has
    the pose its move starts from in the light tone behind it: upright, chin down, the left shoulder."""
    ill = load_illustration(BUILTIN_ILLUSTRATIONS / "neck-roll.yaml")
    scene = Scene(ill)
    upright, down, left, right = scene.bodies
    assert ill.keyframes[0].neck.flexion == 0 and ill.keyframes[1].neck.flexion >= 40
    assert [panel.light for panel in scene.panels] == [[True, False]] * 3
    assert [panel.bodies for panel in scene.panels] == [[upright, down], [down, left], [left, right]]
    assert ill.hold_panel == 1  # the chin down is held
    assert ill.keyframes[1].spine.flexion == 0  # only the head moves: with the upper back bowing, a reviewer saw a slump


def test_a_from_previous_picture_needs_two_moves(tmp_path):
    from handouts.errors import UserError

    path = tmp_path / "two.yaml"
    path.write_text("show: from-previous\nkeyframes:\n  - body: {pitch: 0}\n  - body: {pitch: 10}\n", encoding="utf-8")
    with pytest.raises(UserError, match="at least two moves after it"):
        load_illustration(path)
