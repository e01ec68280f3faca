"""The clinic booklet's story: cover, how to use, contents, one section per region, log, notes, back cover.

Designed at the folded size (half Letter or A5). Page numbers that the booklet prints about itself
(contents, "see page N") come from the previous layout pass; passes repeat until they agree and the
page count is a multiple of 4, padded with notes pages, so that it folds without blank leaves.
The pages it is made of: `bookletdoc` (template, page numbers, bookmarks), `bookletcovers` (front and
back cover), `bookletcontents` (the contents).
"""

from __future__ import annotations

import functools
import io
from typing import Any

from reportlab.platypus import Flowable, NextPageTemplate, PageBreak

from ..models.catalog import REGIONS, Exercise
from ..text import exercise_words, localized
from .bookletchoice import LIST_END, choice_list
from .bookletcontents import contents
from .bookletcovers import COVER_LOGO, BackCover, Cover
from .bookletdoc import BookletDoc, Outline, booklet_canvas
from .cards import styles_for
from .context import RenderContext
from .flowables import Gap, NoteLines
from .guidance import booklet_key_points, key_points_box, red_flag_box
from .handout import (
    check_clinic_glyphs,
    check_glyphs,
    clinic_text,
    exercise_cards,
    ordered,
    safety_box,
)
from .legend import legend
from .log import blank_log
from .page import PageState, build_or_explain, geometry
from .para import paragraph
from .pictures import picture_for

MAX_PASSES = 6


#: The booklet's last section: the exercises a patient does only after a clinician has shown them how.
SUPERVISED = "supervised"


def booklet_sections(ctx: RenderContext) -> dict[str, list[Exercise]]:
    """Each exercise once, in the first region it belongs to; the supervised ones last, in a section of their own."""
    seen: set[str] = set()
    out: dict[str, list[Exercise]] = {}
    supervised: list[Exercise] = []
    for region in REGIONS:
        items: list[Exercise] = []
        for exercise in ordered(ctx.catalog.for_handout(region, whole=True), ctx.layout.order):
            if exercise.id in seen:
                continue
            seen.add(exercise.id)
            (supervised if exercise.supervised else items).append(exercise)
        out[region] = items
    out[SUPERVISED] = supervised
    return out


def section_names(ctx: RenderContext) -> dict[str, str]:
    return {**{region: ctx.m(f"region.{region}.name") for region in REGIONS}, SUPERVISED: ctx.m("booklet.supervised")}


def _story(ctx: RenderContext, page: PageState, pages: dict[str, int], extra_notes: int,
           log_pages: int = 1) -> list[Flowable]:
    m = ctx.m
    s = styles_for(ctx)
    geo = geometry(ctx)
    frame_h = geo.frame_height
    sections = booklet_sections(ctx)
    names = section_names(ctx)
    covers = ["knee-to-chest", "seated-twist", "doorway-chest-stretch"]  # lying, sitting, standing
    shown = [(picture_for(ctx, ctx.catalog.exercises[i]), exercise_words(ctx.catalog.exercises[i], ctx.lang).name)
             for i in covers if i in ctx.catalog.exercises]
    shown = [(picture, name) for picture, name in shown if picture is not None]
    story: list[Flowable] = [Cover(ctx, [p for p, _ in shown], geo.top - geo.bottom, captions=[n for _, n in shown]),
                             NextPageTemplate("page"), PageBreak()]
    # the two boxes a patient reads before any exercise; each carries its bookmark, so that the page each lands
    # on is the one the contents give and the running head names
    safety_title = str(localized(ctx.catalog.safety, ctx.lang, ("title",))[0]["title"])
    warnings = red_flag_box(ctx, scope=m("booklet.warning_scope"))
    warnings_title = warnings.heading_text or ""
    warnings.outline = ("warning-signs", warnings_title, 0, m("booklet.warning_short"))
    safety = safety_box(ctx, whole=True)  # with the disclaimer ('general advice, not a diagnosis')
    safety.outline = ("safety", safety_title, 0, safety_title)
    # how to use: the key to the pictures, the key points and where the booklet's other parts are, on one page
    story += [Outline("how-to-use", m("booklet.how_to_use"), 0, m("booklet.how_to_use")),
              paragraph(m("booklet.how_to_use"), s.heading)]
    intro = clinic_text(ctx, "introduction")
    if intro:  # the clinic's own words, once, before the booklet's
        story.append(paragraph(intro, s.intro))
    key = legend(ctx)
    if key is not None:
        story += [key, Gap(14, page)]
    points = booklet_key_points(ctx, pages.get("your-exercises"), pages.get(LIST_END), pages.get("warning-signs"))
    parts = [(warnings_title, "warning-signs"), (safety_title, "safety"), (m("log.title"), "log"),
             (m("handout.notes"), "notes")]
    story += [key_points_box(ctx, points), Gap(10, page), contents(ctx, parts, pages), PageBreak()]
    # then the warning signs and the safety guidance, each whole (when they came after the list of exercises, a
    # reviewer found them 'only on p6, after three pages of exercise list'), and every exercise, for the
    # clinician to tick, with its page
    story += [warnings, Gap(12, page), safety, Gap(8, page),
              *choice_list(ctx, sections, names, pages), PageBreak()]
    # one section per region, then the supervised exercises
    for key_name, items in sections.items():
        if not items:
            continue
        name = names[key_name]
        # the supervised section: its heading over its first card, a short running head ('With your clinician')
        head = m("booklet.supervised_short") if key_name == SUPERVISED else name
        lead: list[Flowable] = [Outline(f"region-{key_name}", name, 0, head)]

        def bookmark(card: Any, exercise: Exercise, words: Any) -> None:
            card.outline = (f"exercise-{exercise.id}", words.name, 1, None)

        story += exercise_cards(ctx, items, page=page, frame_height=frame_h, bookmark=bookmark,
                                chosen_box=True, reorder=True, lead=lead,
                                # the section's heading inside each of its cards, in the card's own words, in one
                                # place (a reviewer found it over one card's title and under another's summary)
                                label=m("card.supervised").rstrip(".") if key_name == SUPERVISED else None)
    story.append(PageBreak())
    # the log: lines for the patient to write the exercises chosen for them, then tick (two weeks a page)
    story += [Outline("log", m("log.title"), 0, m("log.title")),
              *blank_log(ctx, frame_h, geo.content_width, m("booklet.log_intro"), pages=log_pages)]
    # notes: at least one page, more to make the page count a multiple of 4
    spacing = NoteLines.line_spacing(ctx)
    for index in range(1 + extra_notes):
        story.append(PageBreak())
        if index == 0:
            story.append(Outline("notes", m("handout.notes"), 0, m("handout.notes")))
        story += [paragraph(m("handout.notes"), s.heading), paragraph(m("booklet.notes_intro"), s.intro)]
        heading_h = ctx.layout.text.heading.size * 2.2 + ctx.layout.text.body.size * 3.5
        story.append(NoteLines(ctx, max(1, int((frame_h - heading_h) // spacing)), spacing))
    story += [NextPageTemplate("back"), PageBreak(), BackCover(ctx, geo.top - geo.bottom)]
    return story


def render_booklet(ctx: RenderContext) -> bytes:
    """The booklet in reading order; its page count is a multiple of 4."""
    exercises = [e for items in booklet_sections(ctx).values() for e in items]
    ctx = ctx.with_logo_height(max(ctx.logo_height, COVER_LOGO))  # one prepared logo: cover, headers and back
    check_glyphs(ctx, exercises)
    check_clinic_glyphs(ctx)
    m = ctx.m
    pages: dict[str, int] = {}
    extra = 0
    log_pages = 1
    data = b""
    for _ in range(MAX_PASSES):
        buffer = io.BytesIO()
        doc = BookletDoc(buffer, ctx, title=f"{m('booklet.title')} \u2013 {ctx.clinic.name}", subject=m("booklet.subtitle"))
        story = _story(ctx, doc.page_state, pages, extra, log_pages)
        build_or_explain(ctx, functools.partial(doc.build, story, canvasmaker=booklet_canvas(ctx)))
        data = buffer.getvalue()
        total = doc.page
        settled = doc.pages == pages and total % 4 == 0
        pages = dict(doc.pages)
        if settled:
            return data
        if log_pages == 1 and extra == 0 and total % 4 and ctx.layout.blocks.log_weeks > 2:
            log_pages = 2  # a page of padding is needed anyway: the log's weeks 3 and 4 get a page of their own
            continue
        extra += (-total) % 4
    raise RuntimeError("the booklet's page numbers did not settle")  # pragma: no cover - a layout bug
