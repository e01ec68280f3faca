"""Paragraphs from plain text, without ReportLab's markup parser.

Text from YAML never goes through the XML-like paragraph markup: it is split into fragments
here, so a name such as ``<font size=200>`` prints as written and cannot inject markup. It is
also several times faster than parsing (the parser is the main cost of a card).
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus.paraparser import ParaFrag


def _frag(text: str, style: ParagraphStyle, font: str, bold: int) -> ParaFrag:
    frag = ParaFrag()
    frag.rise = 0
    frag.greek = 0
    frag.link = []
    frag.fontName = font
    frag.bold = bold
    frag.italic = 0
    frag.fontSize = style.fontSize
    frag.textColor = style.textColor
    frag.us_lines = []
    frag.text = text
    return frag


def paragraph(text: str, style: ParagraphStyle, *, bullet: str | None = None, lead: str | None = None,
         lead_font: str | None = None) -> Paragraph:
    """A paragraph of plain ``text`` (whitespace collapsed), optionally after a bold ``lead`` ('Be careful:')."""
    frags = []
    if lead:
        frags.append(_frag(lead + " ", style, lead_font or style.fontName, 1))
    frags.append(_frag(" ".join(text.split()), style, style.fontName, 0))
    return Paragraph("", style, bulletText=bullet, frags=frags)
