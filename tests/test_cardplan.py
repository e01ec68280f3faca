"""The card planner and the chooser on their own: content and width in, a plan out, no document."""

from __future__ import annotations

import pytest
from reportlab.lib.styles import ParagraphStyle

from handouts.render.cardchoice import SLOT_PICTURE, CardChooser, Limits
from handouts.render.cardplan import CardContent, CardPlan, CardStyle, Variant, plan_card
from handouts.render.para import paragraph

BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=12, leading=14.4)
STEP = ParagraphStyle("step", parent=BODY, leftIndent=19.2, bulletIndent=0)
TITLE = ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=15, leading=18)
STYLE = CardStyle(padding=8, body_size=12, picture_width=0.36, placement="left")
STEP_TEXT = "Lie on your back on a mat. Bend both knees and put your feet flat on the mat, hip-width apart."


def content(*, steps: int = 4, aspect: float | None = 2.5, qr: bool = False, tick: bool = False,
            step_text: str = STEP_TEXT) -> CardContent:
    return CardContent(
        title=paragraph("Pelvic tilt", TITLE),
        steps=tuple(paragraph(step_text, STEP, bullet=f"{i}.") for i in range(1, steps + 1)),
        dose=(paragraph("How much", BODY), paragraph("Hold for 5 seconds. Repeat 5 times.", BODY)),
        cautions=(paragraph("Be careful: keep the move small and gentle.", BODY),),
        picture_aspect=aspect,
        qr_caption=paragraph("Scan for a video", BODY) if qr else None,
        tick=paragraph("My clinician chose this for me", STEP) if tick else None,
    )


def inside(plan: CardPlan) -> None:
    """Everything the plan places lies within the card."""
    for item in plan.placed:
        assert item.x >= 0 and item.x + item.para.width <= plan.width + 0.5
        assert item.top >= 0 and item.top + item.para.height <= plan.height + 0.5
    for box in (plan.picture_box, plan.dose_box):
        if box is not None:
            x, top, w, h = box
            assert x >= 0 and x + w <= plan.width + 0.5 and top >= 0 and top + h <= plan.height + 0.5
    if plan.qr_box is not None:
        x, top, size = plan.qr_box
        assert x + size <= plan.width + 0.5 and top + size <= plan.height + 0.5


def overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    ax, at, aw, ah = a
    bx, bt, bw, bh = b
    return ax < bx + bw and bx < ax + aw and at < bt + bh and bt < at + ah


def test_same_content_and_width_give_the_same_plan():
    first = plan_card(content(), STYLE, 540, Variant("left", 1.0, 190))
    second = plan_card(content(), STYLE, 540, Variant("left", 1.0, 190))
    assert first.height == second.height
    assert [(p.x, p.top) for p in first.placed] == [(p.x, p.top) for p in second.placed]
    inside(first)


def test_long_text_makes_a_taller_card_and_flows_under_the_picture():
    short = plan_card(content(steps=2), STYLE, 540, Variant("left", 1.0, 190))
    long = plan_card(content(steps=6, step_text=STEP_TEXT * 2), STYLE, 540, Variant("left", 1.0, 190))
    assert long.height > short.height + 100
    inside(long)
    assert long.picture_box is not None
    left = STYLE.padding
    picture_bottom = long.picture_box[1] + long.picture_box[3]
    # the steps beside the picture start right of it; the last ones run at full width below it
    assert any(p.x > left + 100 for p in long.placed)
    assert any(p.x == pytest.approx(left, abs=1) and p.top > picture_bottom for p in long.placed)


def test_tall_picture_is_kept_to_its_height_limit():
    plan = plan_card(content(aspect=0.4), STYLE, 540, Variant("auto", 1.0, 150))
    assert plan.picture_box is not None
    _, _, _, h = plan.picture_box
    assert h == pytest.approx(150)  # 0.4 aspect at 36% of the width would be 470 pt tall
    assert plan.picture_box[0] == STYLE.padding  # 'auto' puts a standing (tall) picture beside the text
    inside(plan)


def test_qr_code_has_its_own_place():
    plan = plan_card(content(qr=True), STYLE, 540, Variant("left", 1.0, 190))
    assert plan.qr_box is not None
    inside(plan)
    x, top, size = plan.qr_box
    assert plan.picture_box is not None and not overlap((x, top, size, size), plan.picture_box)
    assert plan.dose_box is not None and not overlap((x, top, size, size), plan.dose_box)
    assert any("Scan" in p.para.getPlainText() for p in plan.placed)


def test_narrow_page_puts_the_picture_above_the_text():
    plan = plan_card(content(qr=True), STYLE, 250, Variant("left", 1.0, 190))
    assert plan.picture_box is not None
    _, top, _, h = plan.picture_box
    title = plan.placed[0]
    assert top > title.top  # under the title, not beside the steps
    steps = [p for p in plan.placed if p.para.getPlainText().startswith("Lie on")]
    assert all(p.top > top + h for p in steps)
    inside(plan)


def test_tick_box_sits_beside_its_label():
    plan = plan_card(content(tick=True), STYLE, 540, Variant("left", 1.0, 190))
    assert plan.tick_box is not None
    x, top, size = plan.tick_box
    label = next(p for p in plan.placed if p.para.getPlainText().startswith("My clinician"))
    assert label.x == pytest.approx(x) and label.top <= top <= label.top + label.para.height
    assert size < STEP.leftIndent  # the label's indent leaves room for the box
    inside(plan)


def test_a_dose_line_takes_the_place_of_the_panel_and_the_tick_goes_beside_the_name():
    """cards.dose 'line' (the compact layout): no 'How much' box under the picture, a shorter card."""
    from dataclasses import replace

    line_style = replace(STYLE, dose="line", spacing=0.1)
    card = replace(content(tick=True, aspect=1.3),
                   dose=(paragraph("Hold for 5 seconds. Repeat 5 times.", BODY, lead="How much:",
                                   more=(("You need:", "a mat"),)),))
    panel = plan_card(content(tick=True, aspect=1.3), STYLE, 540, Variant("left", 1.0, 98))
    plan = plan_card(card, line_style, 540, Variant("left", 1.0, 98))
    assert plan.dose_box is None and plan.height < panel.height
    inside(plan)
    title, dose = plan.placed[0], next(p for p in plan.placed if p.para.getPlainText().startswith("How much"))
    assert "You need: a mat" in dose.para.getPlainText() and dose.top > title.top
    assert plan.tick_box is not None and plan.picture_box is not None
    x, top, _ = plan.tick_box
    assert x > title.x + title.para.width and top < title.top + title.para.height  # in the name's row, at its right
    assert title.x >= plan.picture_box[0] + plan.picture_box[2]  # beside the picture, whose column is its width


def test_chooser_shrinks_the_picture_to_fit_the_room_but_not_below_the_smallest():
    chooser = CardChooser(content(aspect=0.6, steps=3), STYLE, Limits(640, 200, (314,)))
    roomy = chooser.choose(540, 640)
    tight = chooser.choose(540, roomy.height - 20)
    assert tight.height < roomy.height and tight.variant.scale < roomy.variant.scale
    assert tight.picture_side >= SLOT_PICTURE
    hopeless = chooser.choose(540, 40)  # nothing fits 40 pt: the card keeps its preferred plan
    assert hopeless.height == chooser.preferred(540).height


def test_a_shrunken_picture_never_squeezes_the_dose_panel_under_its_longest_word():
    """'Mantenga la posición 5 segundos' beside a picture at half size cut words ('Manteng/a', 'segund/os')."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    card = content(aspect=0.5, qr=True)
    card = CardContent(**{**card.__dict__, "dose": (paragraph("Cuánto hacer", BODY),
                                                    paragraph("Mantenga la posición 30\u00a0segundos.", BODY),
                                                    paragraph("fisioterapeuta", BODY))})
    plan = plan_card(card, STYLE, 300, Variant("left", 0.5, 95))
    longest = max(stringWidth(w, "Helvetica", 12) for w in ("Mantenga", "30\u00a0segundos.", "fisioterapeuta"))
    assert plan.dose_box is not None and plan.dose_box[2] - 2 * STYLE.padding * 0.7 >= longest
    for item in plan.placed:  # and the video code's caption never wraps one letter a line
        if item.para.getPlainText().startswith("Scan"):
            assert item.para.width >= stringWidth("video", "Helvetica", 12)
    inside(plan)
    broken = plan_card(card, STYLE, 300, Variant("left", 0.5, 95, whole_words=False))
    assert broken.dose_box is not None and broken.dose_box[2] < plan.dose_box[2]  # only as a last resort


def whole_paragraphs(plan: CardPlan, card: CardContent) -> None:
    """Every paragraph of the card is placed once and whole, at one width: none is cut between the
    column beside the picture and the full width below it."""
    sources = [card.title, *card.head, *card.steps, *card.cautions, *card.dose]
    sources += [p for p in (card.label, card.tick, card.qr_caption) if p is not None]
    texts = sorted(p.para.getPlainText() for p in plan.placed)
    assert texts == sorted(p.getPlainText() for p in sources)


@pytest.mark.parametrize("steps", [2, 3, 4, 5, 6])
@pytest.mark.parametrize("scale", [1.0, 0.8, 0.6])
def test_a_paragraph_is_never_split_between_the_column_and_the_full_width(steps, scale):
    """The ball bridge's 'Keep your legs / straight.': a step began beside the picture and ran on at full width."""
    card = content(steps=steps, step_text=STEP_TEXT + " Keep your legs straight and your arms by your sides.", tick=True)
    for width in (540, 420, 300):
        plan = plan_card(card, STYLE, width, Variant("left", scale, 190 * scale))
        whole_paragraphs(plan, card)
        inside(plan)
        if plan.picture_box is None or plan.picture_box[0] != STYLE.padding or plan.picture_box[1] > STYLE.padding:
            continue  # the picture is above the text: one width for all
        column_right = plan.picture_box[0] + plan.picture_box[2]
        beside = [p for p in plan.placed if p.x > column_right]
        below = [p for p in plan.placed if p.x < column_right and p.para.width > plan.width / 2]
        # the narrow column comes first, then the full width: never a narrow paragraph after a full-width one
        if beside and below:
            assert max(p.top for p in beside) < min(p.top for p in below)


def test_a_card_keeps_its_full_picture_in_another_placement_before_shrinking_it():
    """A wide picture set 'above' the text makes a card too tall for its page; on the left it fits whole:
    it goes on the left at full size rather than above at a fraction of it (large print's thigh stretch
    printed its picture 1.3 in wide)."""
    card = content(aspect=1.65, steps=6)
    style = CardStyle(padding=8, body_size=12, picture_width=0.36, placement="above")
    chooser = CardChooser(card, style, Limits(frame_height=0, max_picture_height=380))
    above = chooser.plan(540, Variant("above", 1.0, 380))
    left = chooser.plan(540, Variant("left", 1.0, 380))
    assert left.height < above.height
    chooser = CardChooser(card, style, Limits(frame_height=(left.height + above.height) / 2, max_picture_height=380))
    chosen = chooser.whole_page(540)
    assert chosen.variant.placement == "left" and chosen.variant.picture_limit == 380
    assert chosen.picture_side == left.picture_side


def lowest(plan: CardPlan) -> float:
    """The bottom of what the plan draws: its paragraphs, picture, dose panel and video code."""
    bottoms = [item.top + item.para.height for item in plan.placed]
    bottoms += [top + h for box in (plan.picture_box, plan.dose_box) if box is not None for _, top, _, h in [box]]
    if plan.qr_box is not None:
        bottoms.append(plan.qr_box[1] + plan.qr_box[2])
    return max(bottoms)


@pytest.mark.parametrize(("placement", "width", "qr"), [
    ("left", 540, False), ("left", 540, True),      # the picture and the panel in a column beside the steps
    ("above", 540, False), ("above", 540, True),    # the picture across the card, the panel beside it (the booklet)
    ("above", 250, False), ("above", 250, True),    # a narrow card: the panel after the steps
])
def test_the_card_keeps_its_padding_under_what_it_draws(placement, width, qr):
    """The padding under a card's last line is the padding at its top and sides. A card with its picture across
    the top ended 1.5 paragraph gaps short of it (6.3 pt at 12 pt type): in the booklet its last line nearly sat on
    the frame, which a reviewer saw as 'the card touches the footer line'."""
    plan = plan_card(content(qr=qr), STYLE, width, Variant(placement, 1.0, 190))
    inside(plan)
    assert plan.height - lowest(plan) == pytest.approx(STYLE.padding, abs=0.01)
