"""The clinician's chooser (`handouts catalog --pdf`): every exercise on a few pages, to pick a program.

Grouped by back region (an exercise for two regions is shown under its first and named under the
other, so each picture is printed once), two entries a row: the
picture in a framed box, then the id to write in a program file, the name, the default dose in
words, regions, position, kind and equipment, and the supervised-only mark. Clinician's print:
9 pt text, not the patient's 12 pt, so that the whole catalog fits on three Letter pages.
"""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

from ..catalogwords import SUPERVISED, dose_in_words, facts, our_defaults
from ..models.catalog import REGIONS, Exercise
from .cards import styles_for
from .context import RenderContext
from .handout import check_clinic_glyphs, check_glyphs
from .page import HandoutDoc
from .para import paragraph
from .pictures import picture_for

TEXT_SIZE = 9.0
MIN_SIZE = 8.0
PICTURE_SHARE = 0.40  # of an entry's width
PICTURE_ASPECT = 0.68  # box height / width
GUTTER = 14.0
PAD = 3.0
# inside the frame: a picture's arrows and badges may reach a few points past its own outline
PICTURE_PAD = 6.0

REGION_HEADINGS = {"lower": "Lower back", "mid": "Middle back", "upper": "Upper back and neck"}


class EntryStyles:
    def __init__(self, ctx: RenderContext):
        fonts, p = ctx.fonts, ctx.palette

        def style(name: str, font: str, color: str, size: float = TEXT_SIZE) -> ParagraphStyle:
            return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * 1.22, textColor=HexColor(color),
                                  splitLongWords=1)

        self.id = style("chooser-id", fonts.bold, p.accent, TEXT_SIZE + 1)
        self.name = style("chooser-name", fonts.bold, p.text)
        self.text = style("chooser-text", fonts.regular, p.text)
        self.muted = style("chooser-muted", fonts.italic, p.muted)
        self.mark = style("chooser-mark", fonts.bold, p.text)


class ChooserRow(Flowable):
    """One row of entries, side by side; never split across pages."""

    def __init__(self, ctx: RenderContext, exercises: list[Exercise], styles: EntryStyles, columns: int = 2):
        super().__init__()
        self.ctx = ctx
        self.exercises = exercises
        self.styles = styles
        self.columns = columns
        self.entries: list[tuple[Any, list[Paragraph]]] = []
        self.box = (0.0, 0.0)
        self.text_width = 0.0

    def _texts(self, exercise: Exercise) -> list[Paragraph]:
        s = self.styles
        texts = [paragraph(exercise.id, self._id_style(exercise.id)), paragraph(exercise.name, s.name),
                 paragraph(dose_in_words(exercise), s.text)]
        defaults = our_defaults(exercise)
        if defaults:
            texts.append(paragraph(f"({defaults})", s.muted))
        texts.append(paragraph(facts(exercise), s.text))
        if exercise.supervised:
            texts.append(paragraph(SUPERVISED, s.mark))
        return texts

    def _id_style(self, exercise_id: str) -> ParagraphStyle:
        """The id on one line, so it reads as one word to copy: a long id is set a little smaller (never under 8 pt)."""
        style = self.styles.id
        fits = self.text_width / max(stringWidth(exercise_id, style.fontName, 1.0), 1.0)
        if fits >= style.fontSize:
            return style
        size = max(MIN_SIZE, fits)
        return ParagraphStyle(f"chooser-id-{size:.2f}", parent=style, fontSize=size, leading=style.leading)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        entry = (available_width - GUTTER * (self.columns - 1)) / self.columns
        box_w = entry * PICTURE_SHARE
        self.box = (box_w, box_w * PICTURE_ASPECT)
        text_w = self.text_width = entry - box_w - 2 * PAD
        self.entries = []
        height = self.box[1]
        for exercise in self.exercises:
            texts = self._texts(exercise)
            used = sum(t.wrap(text_w, 10_000)[1] for t in texts) + PAD * (len(texts) - 1) / 2
            height = max(height, used)
            self.entries.append((picture_for(self.ctx, exercise), texts))
        self.height = height + 2 * PAD
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        p = self.ctx.palette
        entry = (self.width - GUTTER * (self.columns - 1)) / self.columns
        box_w, box_h = self.box
        top = self.height - PAD
        for index, (picture, texts) in enumerate(self.entries):
            x = index * (entry + GUTTER)
            canvas.saveState()
            canvas.setStrokeColor(HexColor(p.rule))
            canvas.setFillColor(HexColor(p.background))
            canvas.setLineWidth(0.6)
            canvas.rect(x, top - box_h, box_w, box_h, stroke=1, fill=0)
            canvas.restoreState()
            if picture is not None:
                picture.draw(canvas, x + PICTURE_PAD, top - box_h + PICTURE_PAD, box_w - 2 * PICTURE_PAD,
                             box_h - 2 * PICTURE_PAD)
            y = top
            for text in texts:
                _, h = text.wrap(entry - box_w - 2 * PAD, 10_000)
                text.drawOn(canvas, x + box_w + 2 * PAD, y - h)
                y -= h + PAD / 2
        canvas.saveState()
        canvas.setStrokeColor(HexColor(p.rule))
        canvas.setLineWidth(0.4)
        canvas.line(0, 0, self.width, 0)
        canvas.restoreState()


class _Heading(Paragraph):
    """A region heading kept with the first row under it."""

    def __init__(self, text: str, style: ParagraphStyle):
        super().__init__(text, style)
        self.keepWithNext = 1


def render_chooser(ctx: RenderContext, only: str | None = None) -> bytes:
    exercises = sorted(ctx.catalog.exercises.values(), key=lambda e: e.name.lower())
    check_glyphs(ctx, exercises)
    check_clinic_glyphs(ctx)
    s = styles_for(ctx)
    buffer = io.BytesIO()
    title = "Exercise chooser"
    doc = HandoutDoc(buffer, ctx, title=f"{title} \u2013 {ctx.clinic.name}",
                     subject="Every exercise of the catalog, by back region, to choose a program", short_title=title)
    entry_styles = EntryStyles(ctx)
    story: list[Flowable] = [
        paragraph(title, s.title),
        paragraph("Every exercise in the catalog, by back region. Write an exercise's id (in colour) under "
                  "'exercises:' in a program file; the dose shown is the catalog's, and you can change any number "
                  "for a patient.", ParagraphStyle("chooser-intro", parent=entry_styles.text, fontSize=10,
                                                   leading=12.5, spaceAfter=4)),
    ]
    for region in [only] if only else REGIONS:
        # each exercise is shown once, under the first region it lists (or under the region asked for);
        # the region's other exercises are named under its heading, so none is missed
        members = [e for e in exercises if (e.regions[0] == region if not only else region in e.regions)]
        others = [e for e in exercises if region in e.regions and e not in members]
        if not members and not others:
            continue
        story.append(_Heading(f"{REGION_HEADINGS[region]} ({len(members) + len(others)})", s.heading))
        if others:
            named = ", ".join(f"{e.id} ({REGION_HEADINGS[e.regions[0]].lower()})" for e in others)
            story.append(_Heading(f"Also for the {REGION_HEADINGS[region].lower()}, shown under another region: {named}.",
                                  entry_styles.text))
        for start in range(0, len(members), 2):
            story.append(ChooserRow(ctx, members[start:start + 2], entry_styles))
    return doc.render(story)
