"""A personal program: the patient's own exercises and dosage, the minutes a day, a log to tick."""

from __future__ import annotations

import io

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from ..models.catalog import POSITION_ORDER, Exercise
from ..models.program import Program, minutes_a_day
from ..text import exercise_words
from .cards import styles_for
from .context import RenderContext
from .ending import stack_height
from .flowables import Box, Gap
from .guidance import key_points_box, program_key_points
from .handout import check_clinic_glyphs, check_glyphs, clinic_text, ending, exercise_cards, guidance, log_intro
from .log import LogRow, days_note, log_items, times_labels
from .page import HandoutDoc, geometry
from .para import paragraph


def program_exercises(ctx: RenderContext, program: Program) -> list[tuple[Exercise, int]]:
    """The program's exercises in the order they are done, with their position in the program file."""
    items = [(ctx.catalog.exercises[item.id], index) for index, item in enumerate(program.exercises)]
    if program.order == "position":
        items.sort(key=lambda pair: (POSITION_ORDER.index(pair[0].position), pair[1]))
    return items


def render_program(ctx: RenderContext, program: Program) -> bytes:
    m = ctx.m
    s = styles_for(ctx)
    geo = geometry(ctx)
    order = program_exercises(ctx, program)
    exercises = [e for e, _ in order]
    check_glyphs(ctx, exercises)
    check_clinic_glyphs(ctx)
    by_id = {item.id: item for item in program.exercises}
    dosage = {e.id: by_id[e.id].dosage(e.dosage) for e in exercises}
    notes = {e.id: note for e in exercises if (note := by_id[e.id].note)}
    title = m("program.title_for", name=program.patient) if program.patient else m("program.title")
    # the patient's name stays on one line of the title when it fits one ('María / García López' read as two people)
    if program.patient and stringWidth(program.patient, s.title.fontName, s.title.fontSize) <= geo.content_width:
        shown = m("program.title_for", name=program.patient.replace(" ", "\u00a0"))
    else:
        shown = title
    day = program.date or ctx.date
    clinician = program.clinician or clinic_text(ctx, "clinician")
    buffer = io.BytesIO()
    doc = HandoutDoc(buffer, ctx, title=f"{title} \u2013 {ctx.clinic.name}", subject=m("program.title"),
                     short_title=program.patient or "")
    page = doc.page_state
    minutes = minutes_a_day(list(dosage.values()))

    def head() -> list[Flowable]:
        """Title, facts, the clinician's note and the clinic's introduction."""
        story: list[Flowable] = [paragraph(shown, s.title)]
        facts = [m("program.date", date=m.date(day))]
        if clinician:
            facts.append(m("program.clinician", name=clinician))
        story.append(paragraph("   \u00b7   ".join(facts), s.body))
        if program.follow_up:
            story.append(paragraph(m("program.follow_up", date=m.date(program.follow_up)), s.body_bold))
        story.append(Gap(8, page))
        if program.note:
            story += [Box(ctx, m("program.note_heading"), [paragraph(program.note, s.body)], filled=False),
                      Gap(10, page)]
        intro = clinic_text(ctx, "introduction")
        if intro and ctx.layout.blocks.introduction:
            story.append(paragraph(intro, s.intro))
        return story

    def key_points(count_key: str) -> list[str]:
        """The key points, their count line saying where the log is (``count_key``)."""
        count = m("program.count", n=len(exercises))
        return [m(count_key, n=len(exercises)) if line == count else line
                for line in program_key_points(ctx, len(exercises), minutes)]

    numbered_order = [e for e, _ in order]
    rows = [LogRow(f"{i}. {exercise_words(e, ctx.lang).name}", times_labels(ctx, dosage[e.id].times_a_day),
                   note=days_note(ctx, dosage[e.id].days_a_week))
            for i, e in enumerate(numbered_order, 1)]
    blocks = ctx.layout.blocks
    log = log_items(ctx, rows, blocks.log_weeks, geo.content_width, log_intro(ctx)) if blocks.log else []
    # the first page: key points, the safety guidance and warning signs (see handout.guidance); the log
    # comes first too, when it fits there whole (the program at a glance), else after the cards
    covered = {region for exercise in exercises for region in exercise.regions}
    front = head()
    key_box, *safety = guidance(ctx, page, key_points("program.count"), covered)  # the key points box comes first
    story = [*front, key_box, *safety]
    log_first = False
    if log:  # the same page with the log: its key points say the log is below
        trial = [*front, key_points_box(ctx, key_points("program.count_log_first")), *safety, *log]
        log_first = stack_height(trial, geo.content_width, limit=geo.frame_height) <= geo.frame_height
        if log_first:
            story = [*trial, Gap(ctx.layout.cards.gap, page)]
    story += exercise_cards(ctx, numbered_order, page=page, frame_height=geo.frame_height, dosage=dosage, notes=notes,
                            headings=program.order == "position", numbered=True)
    story += ending(ctx, rows, page=page, width=geo.content_width, log=not log_first)
    return doc.render(story)
