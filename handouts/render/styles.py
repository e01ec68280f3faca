"""Paragraph styles, built once per layout and palette (not once per paragraph)."""

from __future__ import annotations

from typing import NamedTuple

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from ..models.layout import Layout, TextRole
from ..reuse import REUSE
from .context import Palette
from .fonts import FontSet


class Styles(NamedTuple):
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    body_bold: ParagraphStyle
    intro: ParagraphStyle
    table_intro: ParagraphStyle  # what a table is for, over its head: closer to it than an intro to what follows
    card_title: ParagraphStyle
    aka: ParagraphStyle
    summary: ParagraphStyle
    step: ParagraphStyle
    bullet: ParagraphStyle
    dosage: ParagraphStyle
    dosage_heading: ParagraphStyle
    caution_heading: ParagraphStyle
    caption: ParagraphStyle
    caption_center: ParagraphStyle
    footer: ParagraphStyle
    box_heading: ParagraphStyle
    toc: ParagraphStyle
    small_heading: ParagraphStyle


def _style(name: str, role: TextRole, font: str, color: str, **extra: object) -> ParagraphStyle:
    settings: dict[str, object] = {"alignment": TA_LEFT, "splitLongWords": 1, "allowWidows": 0, "allowOrphans": 0}
    settings.update(extra)
    style = ParagraphStyle(
        name,
        fontName=font,
        fontSize=role.size,
        leading=role.size * role.leading,
        textColor=HexColor(color),
        **settings,
    )
    # what the style lays out and draws with, by value: paragraphs are wrapped once per process for each
    # text and style (render/para.py), and equal styles of two layouts share their wrapped paragraphs
    style.value_key = (name, font, role.size, role.leading, color, tuple(sorted((k, repr(v)) for k, v in settings.items())))
    return style


@REUSE.memo("paragraph styles", 32)
def build_styles(layout: Layout, palette: Palette, fonts: FontSet) -> Styles:
    t = layout.text
    body_size = t.body.size
    step_indent = body_size * 1.6
    return Styles(
        title=_style("title", t.title, fonts.bold, palette.accent, spaceAfter=t.title.size * 0.35),
        subtitle=_style("subtitle", t.heading, fonts.regular, palette.text, spaceAfter=6),
        heading=_style("heading", t.heading, fonts.bold, palette.accent, spaceBefore=t.heading.size * 0.6,
                       spaceAfter=t.heading.size * 0.35),
        body=_style("body", t.body, fonts.regular, palette.text),
        body_bold=_style("body_bold", t.body, fonts.bold, palette.text),
        intro=_style("intro", t.body, fonts.regular, palette.text, spaceAfter=body_size * 0.8),
        table_intro=_style("table_intro", t.body, fonts.regular, palette.text, spaceAfter=body_size * 0.4),
        card_title=_style("card_title", t.card_title, fonts.bold, palette.accent),
        aka=_style("aka", t.caption, fonts.italic, palette.muted),
        summary=_style("summary", t.body, fonts.italic, palette.text),
        step=_style("step", t.body, fonts.regular, palette.text, leftIndent=step_indent, bulletIndent=0,
                    bulletFontName=fonts.bold, bulletFontSize=body_size, bulletColor=HexColor(palette.accent2)),
        bullet=_style("bullet", t.body, fonts.regular, palette.text, leftIndent=body_size * 1.1, bulletIndent=0,
                      bulletFontName=fonts.bold, bulletFontSize=body_size, bulletColor=HexColor(palette.accent2)),
        dosage=_style("dosage", t.dosage, fonts.regular, palette.text),
        dosage_heading=_style("dosage_heading", t.dosage, fonts.bold, palette.accent2),
        caution_heading=_style("caution_heading", t.body, fonts.bold, palette.text),
        caption=_style("caption", t.caption, fonts.bold, palette.muted),
        caption_center=_style("caption_center", t.caption, fonts.bold, palette.muted, alignment=TA_CENTER),
        footer=_style("footer", t.footer, fonts.regular, palette.muted),
        box_heading=_style("box_heading", t.heading, fonts.bold, palette.text, spaceAfter=4),
        toc=_style("toc", t.body, fonts.regular, palette.text),
        small_heading=_style("small_heading", t.body, fonts.bold, palette.accent2),
    )


def esc(text: str) -> str:
    """Text from YAML, made safe for ReportLab's paragraph markup: '<font size=200>' prints as written."""
    # (xml.sax.saxutils.escape would do the same, but importing it pulls in urllib, http and ssl)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
