"""The boxes every patient document carries: "Key points" (a short summary) and the warning signs.

The warning signs box ("Get medical help right away if...") is printed on every region handout,
program and booklet, whatever the layout says, and is never split across pages: a patient must
see the whole list at once. A clinic's own lines are added to it, never put in its place.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable

from ..models.catalog import REGIONS
from .cards import styles_for
from .context import RenderContext
from .flowables import Box, paragraphs
from .para import read_only

BULLET = "\u2022"


class WholeBox(Box):
    """A box that is never split: when it does not fit in what is left of a page, it starts the next one."""

    def __init__(self, ctx: RenderContext, heading: str | None, paras: list, *, filled: bool = True,
                 border_scale: float = 1.0, border_color: str | None = None):
        super().__init__(ctx, heading, paras, filled=filled)
        self.border_scale = border_scale
        self.border_color = border_color

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        super().draw()
        if self.border_scale != 1.0 or self.border_color is not None:
            canvas = self.canv
            canvas.saveState()
            canvas.setStrokeColor(HexColor(self.border_color or self.ctx.palette.rule))
            canvas.setLineWidth(max(0.5, self.ctx.layout.lines.border) * self.border_scale)
            canvas.roundRect(0, 0, self.width, self.height, self.ctx.layout.cards.corner_radius, stroke=1, fill=0)
            canvas.restoreState()


class RedFlagText:
    """What the warning signs box says, in the document's language: groups of (lead line, signs)."""

    def __init__(self, title: str, groups: list[tuple[str | None, list[str]]], see_doctor: str):
        self.title, self.groups, self.see_doctor = title, groups, see_doctor

    @property
    def lines(self) -> list[str]:
        """Every line of the box, heading first (what a reader finds on one page)."""
        out = [self.title]
        for lead, signs in self.groups:
            out += [lead, *signs] if lead else signs
        return [*out, self.see_doctor]


def red_flag_lines(ctx: RenderContext, regions: Sequence[str] = REGIONS) -> RedFlagText:
    """The box's words for a document that covers ``regions``: the signs that need an ambulance (call the
    clinic's emergency number, 911 unless its profile says otherwise),
    then the others (call the clinic today: the region's, every document's, the clinic's own), each sign
    once, and the see-your-doctor line."""
    flags = ctx.catalog.safety.red_flags
    language = getattr(ctx.catalog.safety.translations, ctx.lang, None) if ctx.lang != "en" else None
    translation = getattr(language, "red_flags", None)
    missing: list[str] = []

    def text(*path: str) -> Any:
        english: Any = flags
        value: Any = translation
        for name in path:
            english = getattr(english, name, None)
            value = getattr(value, name, None) if value is not None else None
        if not value and english and ctx.lang != "en":
            missing.append(".".join(path))
        return value or english

    covered = [region for region in REGIONS if region in regions]
    emergency: list[str] = []
    for region in covered:
        emergency += [line for line in text("emergency", region) or [] if line not in emergency]
    others: list[str] = []
    for line in [*(line for region in covered for line in text("regions", region) or []), *text("points")]:
        if line not in others and line not in emergency:
            others.append(line)
    others += clinic_red_flags(ctx)
    phone = ctx.clinic.phone
    call = text("call_clinic") if phone else text("call_clinic_no_phone")
    groups: list[tuple[str | None, list[str]]] = []
    if emergency:
        groups.append((str(text("emergency_lead")).replace("{number}", ctx.clinic.emergency_number), emergency))
    groups.append((str(call).replace("{phone}", phone or "") if call else None, others))
    title, see_doctor = str(text("title")), str(text("see_doctor"))
    if missing:
        ctx.notice(f"_safety.yaml: no '{ctx.lang}' translation of red_flags {', '.join(missing)}; printed in English")
    return RedFlagText(title, groups, see_doctor)


def clinic_red_flags(ctx: RenderContext) -> list[str]:
    """The clinic's own warning signs, in the reader's language when the profile has them."""
    clinic = ctx.clinic
    translation = getattr(clinic.translations, ctx.lang, None) if ctx.lang != "en" else None
    own = getattr(translation, "red_flags", None) if translation is not None else None
    if own:
        return list(own)
    if clinic.red_flags:
        from .handout import note_untranslated

        note_untranslated(ctx, "red_flags")
    return list(clinic.red_flags)


def red_flag_box(ctx: RenderContext, regions: Sequence[str] = REGIONS, scope: str | None = None) -> Flowable:
    """'Get medical help right away if...': whole, with a heavier border in the heading colour; whom to call
    in bold before each group of signs. ``scope``: a first line saying which pain the signs are for (the
    booklet's: every part of the back, so its list is longer than a region handout's)."""
    words = red_flag_lines(ctx, regions)
    s = styles_for(ctx)
    paras: list = [read_only(scope, s.body)] if scope else []
    for lead, signs in words.groups:
        if lead:
            paras.append(read_only(lead, s.body_bold))
        paras += paragraphs(ctx, signs, "bullet", bullet=BULLET)
    paras.append(read_only(words.see_doctor, s.body_bold))
    box = WholeBox(ctx, words.title, paras, filled=False, border_scale=2.5, border_color=ctx.palette.accent)
    box.red_flags = True  # type: ignore[attr-defined]  # found by tests and by the page checks
    return box


def key_points_box(ctx: RenderContext, lines: Sequence[str]) -> Flowable:
    """'Key points': the document in 3 to 5 short lines."""
    assert 3 <= len(lines) <= 5, lines
    return WholeBox(ctx, ctx.m("key_points.title"), paragraphs(ctx, list(lines), "bullet", bullet=BULLET), filled=True)


def common_points(ctx: RenderContext, warnings_page: str | None = None) -> list[str]:
    """What every document says in its key points: how pain should feel, and the warning signs (on
    ``warnings_page``, 'page 3', when they are pages away: the booklet).

    How pain should feel is said once: by the safety guidance when the document prints it (its
    'Move slowly...' and 'Stop if the pain...'), else here.
    """
    m = ctx.m
    pain = [] if ctx.layout.blocks.safety else [m("key_points.pain_ok"), m("key_points.pain_stop")]
    signs = m("key_points.warning_signs_page", page=warnings_page) if warnings_page else m("key_points.warning_signs")
    return [*pain, signs]


def region_key_points(ctx: RenderContext, count: int, minutes: int) -> list[str]:
    m = ctx.m
    lines = [m("key_points.region_minutes", n=minutes, count=count)] if ctx.layout.blocks.minutes else []
    # the cards carry a box for the clinician to tick: which ones to do
    return [m("key_points.region_choose"), *lines, *common_points(ctx)]


def program_key_points(ctx: RenderContext, count: int, minutes: int) -> list[str]:
    m = ctx.m
    lines = [m("key_points.program_minutes", n=minutes)] if ctx.layout.blocks.minutes else []
    return [*lines, m("program.count", n=count), *common_points(ctx)]


def booklet_key_points(ctx: RenderContext, first: int | None, last: int | None = None,
                       warnings: int | None = None) -> list[str]:
    """``first``, ``last``: the pages 'Your exercises' starts and ends on; ``warnings``: the page of the warning
    signs, the page after the key points (all from the previous layout pass)."""
    m = ctx.m
    if first and last and last > first:
        pages = m("key_points.page_range", first=m.number(first), last=m.number(last))
    else:
        pages = m("key_points.page_one", page=m.number(first) if first else "\u2013")
    signs = m("key_points.page_one", page=m.number(warnings) if warnings else "\u2013")
    return [m("key_points.booklet_choose", pages=pages), *common_points(ctx, signs), m("key_points.booklet_log")]
