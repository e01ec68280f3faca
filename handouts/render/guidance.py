"""The boxes every patient document carries: "Key points" (a short summary) and the warning signs.

The warning signs box ("Get medical help right away if...") is printed on every region handout,
program and booklet, whatever the layout says, and is never split across pages: a patient must
see the whole list at once. A clinic's own lines are added to it, never put in its place.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable

from .cards import styles_for
from .context import RenderContext
from .flowables import Box, paragraphs
from .para import paragraph

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


class WarningsFirst(Flowable):
    """The warning signs, then the safety guidance, when the warning box fits what is left of the page;
    else the guidance first (it splits between its points, so it fills the page) and the warning box,
    whole, after it: a page is never left a third empty before a box too tall for its foot."""

    def __init__(self, warnings: Flowable, safety: list[Flowable], gap: Flowable):
        super().__init__()
        self.warnings = warnings
        self.safety = safety
        self.gap = gap

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, self.height = availWidth, availHeight + 1  # never placed itself: always split in order
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        if self.warnings.wrap(availWidth, availHeight)[1] <= availHeight:
            return [self.warnings, self.gap, *self.safety]
        first, *rest = self.safety
        if first.wrap(availWidth, availHeight)[1] <= availHeight:
            return [first, *rest, self.warnings]
        parts = first.split(availWidth, availHeight)  # what fits here, then the rest (ReportLab places the first as is)
        return [*parts, *rest, self.warnings] if parts else []


def red_flag_lines(ctx: RenderContext) -> tuple[str, list[str], str]:
    """The box's heading, its warning signs (the catalog's, then the clinic's own) and the see-your-doctor line."""
    flags = ctx.catalog.safety.red_flags
    language = getattr(ctx.catalog.safety.translations, ctx.lang, None) if ctx.lang != "en" else None
    translation = getattr(language, "red_flags", None)
    values, missing = {}, []
    for name in ("title", "points", "see_doctor"):
        value = getattr(translation, name, None) if translation is not None else None
        if not value and ctx.lang != "en":
            missing.append(name)
        values[name] = value or getattr(flags, name)
    if missing:
        ctx.notice(f"_safety.yaml: no '{ctx.lang}' translation of red_flags {', '.join(missing)}; printed in English")
    return str(values["title"]), [*values["points"], *clinic_red_flags(ctx)], str(values["see_doctor"])


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


def red_flag_box(ctx: RenderContext) -> Flowable:
    """'Get medical help right away if...': whole, with a heavier border in the heading colour."""
    title, points, see_doctor = red_flag_lines(ctx)
    s = styles_for(ctx)
    paras = paragraphs(ctx, points, "bullet", bullet=BULLET)
    paras.append(paragraph(see_doctor, s.body_bold))
    box = WholeBox(ctx, title, paras, filled=False, border_scale=2.5, border_color=ctx.palette.accent)
    box.red_flags = True  # type: ignore[attr-defined]  # found by tests and by the page checks
    return box


def key_points_box(ctx: RenderContext, lines: Sequence[str]) -> Flowable:
    """'Key points': the document in 3 to 5 short lines."""
    assert 3 <= len(lines) <= 5, lines
    return WholeBox(ctx, ctx.m("key_points.title"), paragraphs(ctx, list(lines), "bullet", bullet=BULLET), filled=True)


def common_points(ctx: RenderContext) -> list[str]:
    """What every document says in its key points: how pain should feel, and the warning signs.

    How pain should feel is said once: by the safety guidance when the document prints it (its
    'Move slowly...' and 'Stop if the pain...'), else here.
    """
    m = ctx.m
    pain = [] if ctx.layout.blocks.safety else [m("key_points.pain_ok"), m("key_points.pain_stop")]
    return [*pain, m("key_points.warning_signs")]


def region_key_points(ctx: RenderContext, count: int, minutes: int) -> list[str]:
    m = ctx.m
    lines = [m("key_points.region_minutes", n=minutes, count=count)] if ctx.layout.blocks.minutes else []
    return [*lines, *common_points(ctx), m("key_points.log")]


def program_key_points(ctx: RenderContext, count: int, minutes: int) -> list[str]:
    m = ctx.m
    lines = [m("key_points.program_minutes", n=minutes)] if ctx.layout.blocks.minutes else []
    return [*lines, m("program.count", n=count), *common_points(ctx)]


def booklet_key_points(ctx: RenderContext) -> list[str]:
    m = ctx.m
    return [m("key_points.booklet_choose"), *common_points(ctx), m("key_points.booklet_log")]
