"""Region handouts: one PDF per back region with every exercise of that region."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from reportlab.platypus import Flowable

from ..errors import Problems
from ..models.catalog import POSITION_ORDER, Exercise
from ..reuse import REUSE
from ..text import exercise_words, localized
from .cardchoice import Limits
from .cardflow import CardGroup
from .cards import CardRow, ExerciseCard, card_content, styles_for
from .context import RenderContext
from .ending import Ending, Notes
from .flowables import Box, Gap, paragraphs
from .log import LogRow, days_note, log_items, times_labels
from .page import HandoutDoc, PageState, geometry
from .para import paragraph
from .pictures import picture_for

# What is known to print in a font set: (fonts, language, exercise) and (fonts, clinic), by value (the models
# hash by value). Job.prepare checks first; the renderers' checks then find it here. A refusal is not kept.
_PRINTABLE = REUSE.store("printable texts", 4096)


def ordered(exercises: Iterable[Exercise], order: str) -> list[Exercise]:
    """Catalog order, or grouped by body position so the patient gets up and down as little as possible."""
    items = list(exercises)
    if order == "position":
        items.sort(key=lambda e: POSITION_ORDER.index(e.position))
    return items


def check_glyphs(ctx: RenderContext, exercises: Iterable[Exercise]) -> None:
    """Refuse text the embedded fonts cannot draw (it would print as empty boxes), naming field and characters.
    An exercise whose text passed before, in these fonts and this language, is not checked again."""
    problems = Problems()
    fonts = ctx.fonts
    unchecked = [exercise for exercise in exercises if not _PRINTABLE.get((fonts, ctx.lang, exercise))]
    for exercise in unchecked:
        doc = ctx.catalog.docs.get(exercise.id)
        fields: list[tuple[tuple[str | int, ...], str]] = [(("name",), exercise.name), (("summary",), exercise.summary)]
        fields += [(("steps", i), t) for i, t in enumerate(exercise.steps)]
        fields += [(("cautions", i), t) for i, t in enumerate(exercise.cautions)]
        fields += [(("also_known_as", i), t) for i, t in enumerate(exercise.also_known_as)]
        translation = getattr(exercise.translations, ctx.lang, None) if ctx.lang != "en" else None
        if translation is not None:
            base = ("translations", ctx.lang)
            for name in ("name", "summary"):
                value = getattr(translation, name)
                if value:
                    fields.append(((*base, name), value))
            for name in ("steps", "cautions", "also_known_as"):
                for i, t in enumerate(getattr(translation, name) or []):
                    fields.append(((*base, name, i), t))
        for path, text in fields:
            missing = fonts.missing(text)
            if missing and doc is not None:
                problems.add(doc.problem(path, missing_glyphs_message(missing)))
    problems.raise_if_any()
    for exercise in unchecked:
        _PRINTABLE.put((fonts, ctx.lang, exercise), True)


def missing_glyphs_message(missing: list[str]) -> str:
    shown = " ".join(f"{c} (U+{ord(c):04X})" for c in missing[:6])
    more = f" and {len(missing) - 6} more" if len(missing) > 6 else ""
    return (f"the font cannot print {shown}{more}; they would come out as empty boxes. "
            "Remove them, or give a TrueType font that has them in the layout's fonts")


def check_clinic_glyphs(ctx: RenderContext) -> None:
    """Refuse clinic profile text the fonts cannot draw (not again once it passed in these fonts)."""
    clinic = ctx.clinic
    if _PRINTABLE.get((ctx.fonts, clinic)):
        return
    problems = Problems()
    for name in ("name", "address", "phone", "email", "website", "clinician", "introduction", "disclaimer"):
        value = getattr(clinic, name)
        if value:
            missing = ctx.fonts.missing(value)
            if missing:
                problems.add(ctx.clinic_doc.problem((name,), missing_glyphs_message(missing)))
    for i, line in enumerate(clinic.opening_hours):
        missing = ctx.fonts.missing(line)
        if missing:
            problems.add(ctx.clinic_doc.problem(("opening_hours", i), missing_glyphs_message(missing)))
    problems.raise_if_any()
    _PRINTABLE.put((ctx.fonts, clinic), True)


def intro_text(ctx: RenderContext, region: str) -> str:
    values, missing = localized(getattr(ctx.catalog.intros, region), ctx.lang, ("introduction",))
    if missing:
        ctx.notice(f"_regions.yaml: {region}.introduction has no '{ctx.lang}' translation; printed in English")
    return str(values["introduction"])


#: Fields of the clinic profile that are people's names: printed as written in every language, never asked for.
PERSON_FIELDS = ("clinician",)
LANGUAGE_NAMES = {"es": "Spanish"}


def clinic_text(ctx: RenderContext, field: str) -> str | None:
    clinic = ctx.clinic
    translation = getattr(clinic.translations, ctx.lang, None) if ctx.lang != "en" else None
    value = getattr(translation, field, None) if translation is not None else None
    if value:
        return str(value)
    original = getattr(clinic, field)
    if original:
        note_untranslated(ctx, field)
    return original


def note_untranslated(ctx: RenderContext, field: str) -> None:
    """A note that a clinic text prints in English in a document in another language (names excepted)."""
    if ctx.lang == "en" or field in PERSON_FIELDS:
        return
    language = LANGUAGE_NAMES.get(ctx.lang, f"'{ctx.lang}'")
    ctx.notice(f"{ctx.clinic_doc.display}: {field} has no '{ctx.lang}' translation, so it prints in English in this "
               f"{language} document (add it under translations: {ctx.lang}: {field}:)")


def disclaimer_text(ctx: RenderContext) -> str:
    return clinic_text(ctx, "disclaimer") or ctx.m("handout.disclaimer")


def safety_box(ctx: RenderContext, *, disclaimer: bool = True, whole: bool = False) -> Flowable:
    """'Before you start', with the disclaimer at its end (unless the document prints it elsewhere); ``whole``:
    never split (it starts the next page when it does not fit)."""
    from .guidance import WholeBox

    values, missing = localized(ctx.catalog.safety, ctx.lang, ("title", "points"))
    if missing:
        ctx.notice(f"_safety.yaml: no '{ctx.lang}' translation of {', '.join(missing)}; printed in English")
    paras = paragraphs(ctx, values["points"], "bullet", bullet="\u2022")
    if disclaimer:
        paras += paragraphs(ctx, [disclaimer_text(ctx)], "summary")
    return (WholeBox if whole else Box)(ctx, values["title"], paras, filled=True)


def exercise_cards(ctx: RenderContext, exercises: list[Exercise], *, page: PageState, frame_height: float,
                   bookmark: Any = None, dosage: dict[str, Any] | None = None, notes: dict[str, str] | None = None,
                   headings: bool = True, numbered: bool = False, chosen_box: bool = False,
                   reorder: bool = False, lead: list[Flowable] | None = None,
                   label: str | None = None) -> list[Flowable]:
    """Cards in groups by position, each group flowing on from what is before it (see :mod:`.cardflow`),
    in rows of the layout's columns, never more on a page than the layout's ``cards.per_page``.

    ``chosen_box``: a 'My clinician chose this for me' box on each card; ``reorder``: the cards of a
    group may change places to fill a page (not in a program, whose cards are numbered); ``lead``: what
    travels with the first card (a booklet section's title and introduction); ``label``: a heading printed
    inside every card, the same on each (a heading of its own could be left alone at the foot of a page).
    """
    layout = ctx.layout
    s = styles_for(ctx)
    grid = layout.cards
    rows_per_page = grid.per_page // grid.columns
    slot = (frame_height - (rows_per_page - 1) * grid.gap) / rows_per_page
    max_picture = max(72.0, slot * (grid.picture_height if grid.picture == "above" else 0.62))
    with_headings = headings and layout.order == "position" and layout.blocks.position_headings
    # the shares of a page a card tries to keep to: 1/rows of it, then 1/(rows - 1), ... 1/2
    slots = tuple((frame_height - (rows - 1) * grid.gap) / rows for rows in range(rows_per_page, 1, -1))
    slots = slots or (frame_height,)  # one card a page: its picture may still shrink to fit the room left
    fill = layout.booklet and grid.per_page == 1  # the booklet: each card's picture as large as its page allows
    groups: list[tuple[str | None, list[Exercise]]] = []
    for exercise in exercises:
        key = exercise.position if with_headings else None
        if not groups or groups[-1][0] != key:
            groups.append((key, []))
        groups[-1][1].append(exercise)
    story: list[Flowable] = []
    words_missing: set[str] = set()
    inside = grid.per_page == 1  # one card a page: the group heading goes inside the card
    number = 0
    groups_made: list[CardGroup] = []
    for position, members in groups:
        cards = []
        for index, exercise in enumerate(members):
            number += 1
            words = exercise_words(exercise, ctx.lang)
            if words.fallbacks:
                words_missing.add(exercise.id)
            picture = picture_for(ctx, exercise)
            video = ctx.clinic.video_link(exercise.id)
            content = card_content(
                ctx, exercise, words, picture, dosage=(dosage or {}).get(exercise.id),
                note=(notes or {}).get(exercise.id), video=video, number=number if numbered else None,
                label=(label if label else
                       ctx.m(f"position.{position}") if inside and position is not None and index == 0 else None),
                chosen_box=chosen_box,
            )
            card = ExerciseCard(ctx, exercise, content, picture, Limits(frame_height, max_picture, slots, fill=fill), video)
            if bookmark is not None:
                bookmark(card, exercise, words)
            cards.append(card)
        units: list[Flowable] = [
            cards[i] if grid.columns == 1 else CardRow(cards[i : i + grid.columns], grid.columns, grid.gap)
            for i in range(0, len(cards), grid.columns)
        ]
        heading = [paragraph(ctx.m(f"position.{position}"), s.heading)] if position is not None and not inside else []
        if not story and lead:
            heading = lead + heading
        if story and not heading:
            story.append(Gap(grid.gap, page))  # (a heading brings its own space before it)
        group = CardGroup(units, grid.gap, page, grid.per_page, heading=heading, reorder=reorder)
        if groups_made:
            groups_made[-1].follower = group  # the cards before it may make room for its first card
        groups_made.append(group)
        story.append(group)
    story.append(Gap(grid.gap, page))
    if words_missing:
        ctx.notice(f"no '{ctx.lang}' translation for some fields of: {', '.join(sorted(words_missing))}; printed in English")
    return story


def log_intro(ctx: RenderContext) -> str:
    """What the log is for; a log of fewer than 4 weeks says how to go on (a copy, or a new sheet from the clinic)."""
    weeks = ctx.layout.blocks.log_weeks
    intro = ctx.m("log.intro")
    return f"{intro} {ctx.m('log.copy', first=weeks + 1, second=weeks + 2)}" if weeks < 4 else intro


def ending(ctx: RenderContext, rows: list[LogRow], *, page: PageState, width: float, log: bool = True) -> list[Flowable]:
    """The exercise log and the notes lines (see :mod:`.ending`)."""
    blocks = ctx.layout.blocks
    items = log_items(ctx, rows, blocks.log_weeks, width, log_intro(ctx), page=page) if log and blocks.log and rows else []
    notes = Notes(ctx, blocks.notes_lines) if blocks.notes_lines else None
    return [Ending(items, notes, page)] if items or notes is not None else []


def region_exercises(ctx: RenderContext, region: str) -> list[Exercise]:
    """The exercises a region handout prints: the clinic's own list for the region, else the catalog's."""
    return ordered(ctx.catalog.for_handout(region, getattr(ctx.clinic.region_exercises, region)), ctx.layout.order)


def guidance(ctx: RenderContext, page: PageState, key_points: list[str], regions: Iterable[str]) -> list[Flowable]:
    """Key points, then the warning signs of ``regions`` (always, whole), the safety guidance and, once, the key
    to the pictures, in the order that fills the pages best (see :class:`.frontorder.FrontMatter`)."""
    from .frontorder import FrontMatter
    from .guidance import key_points_box, red_flag_box
    from .legend import legend

    gap = Gap(ctx.layout.cards.gap, page)
    story: list[Flowable] = [key_points_box(ctx, key_points), gap]
    warnings, key = red_flag_box(ctx, list(regions)), legend(ctx)
    if not ctx.layout.blocks.safety:  # (a program's log may then come first: see render_program)
        return [*story, warnings, gap, *([key, gap] if key is not None else [])]
    # the safety guidance splits between its points when it must
    return [*story, FrontMatter(warnings, safety_box(ctx), key, gap, page, geometry(ctx).frame_height)]


def render_region(ctx: RenderContext, region: str) -> bytes:
    from ..models.program import minutes_a_day
    from .guidance import region_key_points

    exercises = region_exercises(ctx, region)
    check_glyphs(ctx, exercises)
    check_clinic_glyphs(ctx)
    m = ctx.m
    s = styles_for(ctx)
    geo = geometry(ctx)
    title = m(f"region.{region}.title")
    buffer = io.BytesIO()
    doc = HandoutDoc(buffer, ctx, title=f"{title} \u2013 {ctx.clinic.name}", subject=m(f"region.{region}.subject"),
                     short_title=m(f"region.{region}.name"))
    story: list[Flowable] = [paragraph(title, s.title)]
    clinician = clinic_text(ctx, "clinician")
    if clinician:
        story.append(paragraph(m("program.clinician", name=clinician), s.body))
    if ctx.layout.blocks.introduction:
        story.append(paragraph(clinic_text(ctx, "introduction") or m("handout.introduction"), s.intro))
        story.append(paragraph(intro_text(ctx, region), s.intro))
    minutes = minutes_a_day([e.dosage for e in exercises])
    story += guidance(ctx, doc.page_state, region_key_points(ctx, len(exercises), minutes), [region])
    story += exercise_cards(ctx, exercises, page=doc.page_state, frame_height=geo.frame_height, chosen_box=True,
                            reorder=True)
    rows = [LogRow(exercise_words(e, ctx.lang).name, times_labels(ctx, e.dosage.times_a_day), e.id,
                   days_note(ctx, e.dosage.days_a_week)) for e in exercises]
    story += ending(ctx, rows, page=doc.page_state, width=geo.content_width)
    return doc.render(story)
