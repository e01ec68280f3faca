"""Exercise cards on the page: the content of a card, and the thin flowables that draw its chosen plan.

What a card shows is put together once (:func:`card_content`); where it goes is planned by
:mod:`.cardplan` and chosen by :mod:`.cardchoice`; the flowables here only ask for a plan and draw it.
A card is never split across pages; one that cannot fit on a page is reported, never clipped.
"""

from __future__ import annotations

from typing import Protocol

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

from ..models.catalog import Dosage, Exercise
from ..text import ExerciseWords, dosage_rows, dosage_sentences
from .cardchoice import HAIR, CardChooser, Limits
from .cardplan import CardContent, CardPlan, CardStyle
from .context import RenderContext
from .para import read_only as paragraph  # (a card's paragraphs are only read: planned copies are drawn)
from .styles import Styles, build_styles


class PictureLike(Protocol):
    aspect: float

    def draw(self, canvas: Canvas, x: float, y: float, w: float, h: float) -> None: ...


def styles_for(ctx: RenderContext) -> Styles:
    return build_styles(ctx.layout, ctx.palette, ctx.fonts)


def card_content(ctx: RenderContext, exercise: Exercise, words: ExerciseWords, picture: PictureLike | None, *,
                 dosage: Dosage | None = None, note: str | None = None, video: str | None = None,
                 number: int | None = None, label: str | None = None, chosen_box: bool = False) -> CardContent:
    """The paragraphs of one exercise's card, in the layout's styles and the document's language."""
    s = styles_for(ctx)
    m = ctx.m
    blocks = ctx.layout.blocks
    bold = ctx.fonts.bold
    title = words.name if number is None else f"{number}. {words.name}"
    head: list[Paragraph] = []
    if blocks.also_known_as and words.also_known_as:
        head.append(paragraph(m("card.also_known_as", names=", ".join(words.also_known_as)), s.aka))
    summary = paragraph(words.summary, s.summary) if blocks.summary and words.summary else None
    if summary is not None:
        head.append(summary)
    supervised = m("card.supervised")
    if exercise.supervised and (label or "").rstrip(".") != supervised.rstrip("."):  # (unless its heading says so)
        head.append(paragraph(supervised, s.body_bold))  # needs a clinician's say-so first: before the steps, in bold
    steps = tuple(paragraph(step, s.step, bullet=f"{i}.") for i, step in enumerate(words.steps, 1))
    cautions: tuple[Paragraph, ...] = ()
    if blocks.cautions and words.cautions:
        cautions = (paragraph(" ".join(words.cautions), s.body, lead=m("card.cautions") + ":", lead_font=bold),)
    dose = [paragraph(m("card.how_much"), s.dosage_heading)]
    dosage = dosage or exercise.dosage
    needs = ", ".join(m(f"equipment.{item}") for item in exercise.needs)
    if ctx.layout.cards.dose == "line":  # one paragraph under the title: 'How much: ... You need: a mat'
        dose = [paragraph(" ".join(dosage_sentences(dosage, m)), s.dosage, lead=m("card.how_much") + ":", lead_font=bold,
                          more=((m("equipment.label"), needs),) if needs else ())]
    elif blocks.dosage == "table":
        for row_label, value in dosage_rows(dosage, m):
            dose.append(paragraph(value, s.dosage, lead=f"{row_label}:", lead_font=bold))
    elif blocks.dosage == "paragraph":
        dose.append(paragraph(" ".join(dosage_sentences(dosage, m)), s.dosage))
    else:
        dose += [paragraph(line, s.dosage) for line in dosage_sentences(dosage, m)]
    if needs and ctx.layout.cards.dose == "panel":
        dose.append(paragraph(needs, s.dosage, lead=m("equipment.label"), lead_font=bold))
    if note:
        dose.append(paragraph(note, s.dosage, lead=m("program.your_note"), lead_font=bold))
    return CardContent(
        title=paragraph(title, s.card_title),
        label=paragraph(label, s.small_heading) if label else None,
        head=tuple(head),
        steps=steps,
        cautions=cautions,
        dose=tuple(dose),
        picture_aspect=picture.aspect if picture is not None else None,
        qr_caption=paragraph(m("card.video"), s.caption) if video and blocks.qr_codes else None,
        tick=paragraph(m("card.chosen"), s.step) if chosen_box else None,
        summary=summary,
    )


def card_style(ctx: RenderContext) -> CardStyle:
    cards = ctx.layout.cards
    return CardStyle(padding=cards.padding, body_size=ctx.layout.text.body.size,
                     picture_width=cards.picture_width, placement=cards.picture, dose=cards.dose,
                     spacing=cards.spacing)


class ExerciseCard(Flowable):
    """One exercise's card: asks its chooser for the plan that fits, and draws it."""

    cards = 1  # what it adds to the page's count of cards

    def __init__(self, ctx: RenderContext, exercise: Exercise, content: CardContent, picture: PictureLike | None,
                 limits: Limits, video: str | None = None):
        super().__init__()
        self.ctx = ctx
        self.exercise = exercise
        self.picture = picture
        self.video = video if content.qr_caption is not None else None
        self.chooser = CardChooser(content, card_style(ctx), limits)
        self._fallback: CardChooser | None = None
        self._last_resort: CardChooser | None = None
        self.plan: CardPlan | None = None
        self.forced: CardPlan | None = None  # set by the page's card flow: a smaller picture so one card more fits

    @property
    def fallback(self) -> CardChooser | None:
        """The card without its purpose line (None: it has none), made when first needed."""
        if self._fallback is None:
            shorter = self.chooser.content.shorter()
            if shorter is None:
                return None
            self._fallback = CardChooser(shorter, self.chooser.style, self.chooser.limits)
        return self._fallback

    @property
    def last_resort(self) -> CardChooser:
        """Last, a dose panel so narrow it breaks a long word: better than a card that cannot print."""
        if self._last_resort is None:
            fallback = self.fallback
            content = fallback.content if fallback is not None else self.chooser.content
            self._last_resort = CardChooser(content, self.chooser.style, self.chooser.limits, break_words=True)
        return self._last_resort

    def floor(self, width: float) -> float:
        return self.chooser.floor(width)

    def squeezed(self, width: float, level: float) -> CardPlan | None:
        """The shortest plan at ``width`` that keeps at least ``level`` of the picture; None for a card
        that already needs its fallbacks to fit a page (it keeps them)."""
        if self.chooser.preferred(width).height > self.chooser.limits.frame_height + HAIR:
            return None
        return self.chooser.compact(width, level)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        forced = self.forced
        if forced is not None and forced.width == availWidth and forced.height <= availHeight + HAIR:
            self.plan = forced
            self.width, self.height = availWidth, forced.height
            return self.width, self.height
        frame = self.chooser.limits.frame_height
        self.plan = self.chooser.choose(availWidth, availHeight)
        if self.plan.height > frame + HAIR and self.fallback is not None:
            # too long for a page even with its smallest picture: the purpose line gives way, not the steps
            self.plan = self.fallback.choose(availWidth, availHeight)
        elif self.chooser.limits.fill and self.chooser.largest(availWidth) is None and self.fallback is not None:
            # alone on its page, the card keeps a picture of at least 1.5 in if leaving out its purpose line
            # gives it one: a reader who cannot read well does the exercise from the picture
            fuller = self.fallback.largest(availWidth)
            if fuller is not None and fuller.height <= availHeight + HAIR:
                self.plan = fuller
        if self.plan.height > frame + HAIR:
            self.plan = self.last_resort.choose(availWidth, availHeight)
        height = self.plan.height
        if frame < height <= frame + HAIR:
            height = frame  # a rounding hair over: it lands in the card's own padding
        elif height > frame:
            # Never clip: report it (the document is then not written) and let the layout run to its end,
            # so every card that does not fit is reported at once.
            self.ctx.problems.too_large(self.exercise.id, height, frame)
            height = frame
        self.width, self.height = availWidth, height
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []  # never split a card: it moves to the next page whole

    def draw(self) -> None:
        assert self.plan is not None
        draw_plan(self.canv, self.ctx, self.plan, self.width, self.height, self.picture, self.video)


def draw_plan(canvas: Canvas, ctx: RenderContext, plan: CardPlan, width: float, h: float,
              picture: PictureLike | None, video: str | None) -> None:
    """The card's border, dose box, picture, QR code and paragraphs where the plan puts them."""
    p = ctx.palette
    cards = ctx.layout.cards
    lines = ctx.layout.lines
    canvas.saveState()
    if lines.border > 0 or cards.filled:
        canvas.setStrokeColor(HexColor(p.rule))
        canvas.setLineWidth(lines.border)
        if cards.filled:
            canvas.setFillColor(HexColor(p.box))
        inset = lines.border / 2
        canvas.roundRect(inset, inset, width - 2 * inset, h - 2 * inset, cards.corner_radius,
                         stroke=1 if lines.border > 0 else 0, fill=1 if cards.filled else 0)
    if plan.dose_box is not None:
        x, top, w, bh = plan.dose_box
        canvas.setFillColor(HexColor(p.box))
        canvas.setStrokeColor(HexColor(p.rule))
        canvas.setLineWidth(max(0.5, lines.border * 0.75))
        canvas.roundRect(x, h - top - bh, w, bh, min(4.0, cards.corner_radius), stroke=1, fill=1)
    if plan.picture_box is not None and picture is not None:
        x, top, w, ph = plan.picture_box
        picture.draw(canvas, x, h - top - ph, w, ph)
    if plan.tick_box is not None:
        x, top, size = plan.tick_box
        canvas.setStrokeColor(HexColor(p.text))
        canvas.setLineWidth(max(0.8, lines.border))
        canvas.rect(x, h - top - size, size, size, stroke=1, fill=0)
    if plan.qr_box is not None and video:
        from .qr import draw_qr

        x, top, size = plan.qr_box
        draw_qr(canvas, video, x, h - top - size, size, p.text)
    canvas.restoreState()
    for item in plan.placed:
        item.para.drawOn(canvas, item.x, h - item.top - item.para.height)


class CardRow(Flowable):
    """Cards side by side (the layout's columns), equally tall, never split."""

    def __init__(self, cards: list[ExerciseCard], columns: int, gap: float):
        super().__init__()
        self.members = cards
        self.cards = len(cards)
        self.columns = columns
        self.gap = gap

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.column_width = (availWidth - (self.columns - 1) * self.gap) / self.columns
        self.height = max(card.wrap(self.column_width, availHeight)[1] for card in self.members)
        self.width = availWidth
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        for index, card in enumerate(self.members):
            card.height = self.height  # equal heights: the borders line up
            card.drawOn(self.canv, index * (self.column_width + self.gap), 0)
