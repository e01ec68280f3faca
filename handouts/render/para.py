"""Paragraphs from plain text, without ReportLab's markup parser.

Text from YAML never goes through the XML-like paragraph markup: it is split into fragments
here, so a name such as ``<font size=200>`` prints as written and cannot inject markup. It is
also several times faster than parsing (the parser is the main cost of a card).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph
from reportlab.platypus.paraparser import ParaFrag

from ..rawpdf import Recording, draw_recorded
from ..reuse import REUSE


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


class TextParagraph(Paragraph):
    """A paragraph of plain text whose numbers are bound to the word after them (:func:`_bind_numbers`)
    wherever each bound pair fits the line: in a column too narrow for '30 segundos.' the pair may
    break, rather than the word being cut in the middle."""

    # (fragment, its texts from the most joined to the loosest, each with its widest joined pair)
    _bound: tuple[ParaFrag, tuple[tuple[str, float], ...]] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._bound is not None:
            frag, texts = self._bound
            room = availWidth - self.style.leftIndent - self.style.rightIndent
            frag.text = next(text for text, widest in texts if widest <= room)
        return super().wrap(availWidth, availHeight)  # type: ignore[no-any-return]


class SharedParagraph(TextParagraph):
    """A paragraph wrapped once, at one width, and shared (see :func:`wrapped`): it is drawn once.

    Drawing it again, in this document or a later one, repeats the operators of the first time
    (see :func:`rawpdf.draw_recorded`) when its text keeps to the characters every document
    encodes alike; otherwise it is drawn afresh.
    """

    _drawn: Recording | None = None
    _fonts: tuple[str, ...] = ()  # the fonts it draws with; () when it cannot be repeated

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        if _sW or not self._fonts:
            super().drawOn(canvas, x, y, _sW)
        else:
            self._drawn = draw_recorded(canvas, x, y, self._drawn, self._fonts, self._drawOn)


_SPACES = re.compile(r"[ \t\n\r\f\v]+")  # not str.split(): it would break at a no-break space
RUNT = 10  # a last word this short (in letters) is kept on the line with the word before it


def _no_runt(words: list[str]) -> str:
    """The words joined by spaces, the last two by a no-break space when the last is short: a
    paragraph never ends on a line of one short word."""
    if len(words) >= 4 and len(words[-1]) <= RUNT:
        return " ".join(words[:-1]) + "\u00a0" + words[-1]
    return " ".join(words)


_NUMBER = re.compile(r"\d+([.,:]\d+)*")  # 30, 1.500, 8:00: a number a unit or noun follows


_RANGE_WORDS = frozenset({"to", "or", "a", "o"})  # '15 to 20 seconds', 'de 2 a 3 veces'


def _bind_numbers(words: list[str]) -> list[str]:
    """The words with each number joined to the word after it by a no-break space: '30 centímetros',
    'Repita 3 veces', '20 seconds' never break between the number and what it counts; nor does a range
    ('15 to 20 seconds', 'de 2 a 3 segundos') break inside."""
    out: list[str] = []
    for word in words:
        bound = out[-1].split("\u00a0") if out else []
        after_number = bool(bound) and _NUMBER.fullmatch(bound[-1]) is not None
        in_range = (len(bound) >= 2 and bound[-1] in _RANGE_WORDS and _NUMBER.fullmatch(bound[-2]) is not None
                    and _NUMBER.match(word) is not None)
        if after_number or in_range:
            out[-1] += "\u00a0" + word
        else:
            out.append(word)
    return out


# A number for each paragraph's value (its text, style, bullet and leads): equal values get the same number,
# and a number is never given to another value (a counter), so the stores keyed on it key by value while
# hashing and comparing an int. When the table is emptied (full), a value gets a new number: only a miss.
_NUMBERS = REUSE.store("paragraph numbers", 50_000)
_COUNTER = itertools.count(1)


def value_number(value: tuple[object, ...]) -> int:
    found: int | None = _NUMBERS.get(value)
    if found is None:
        found = _NUMBERS.put(value, next(_COUNTER))
    return found


def _layout_value(text: str, style: ParagraphStyle, bullet: str | None, lead: str | None, lead_font: str | None,
                  more: tuple[tuple[str, str], ...]) -> tuple[object, ...]:
    """What makes two paragraphs lay out and draw the same."""
    return (text, style_key(style), bullet, lead, lead_font, more)


def paragraph(text: str, style: ParagraphStyle, *, bullet: str | None = None, lead: str | None = None,
         lead_font: str | None = None, more: tuple[tuple[str, str], ...] = ()) -> Paragraph:
    """A paragraph of plain ``text`` (whitespace collapsed), optionally after a bold ``lead`` ('Be careful:');
    ``more``: further (lead, text) pairs run on after it, each lead bold too ('You need: a mat')."""
    frags = []
    if lead:
        frags.append(_frag(lead + " ", style, lead_font or style.fontName, 1))
    body_text, choices = _prepared(text, style.fontName, style.fontSize, not more)
    body = _frag(body_text, style, style.fontName, 0)
    frags.append(body)
    for index, (more_lead, more_text) in enumerate(more):
        more_words = _SPACES.split(more_text.strip())
        last = index == len(more) - 1
        frags.append(_frag(" " + more_lead + " ", style, lead_font or style.fontName, 1))
        frags.append(_frag(_no_runt(more_words) if last else " ".join(more_words), style, style.fontName, 0))
    para = TextParagraph("", style, bulletText=bullet, frags=frags)
    if choices is not None:  # in a column too narrow for a joined pair, it breaks rather than a word being cut
        para._bound = (body, choices)
    para._key = value_number(_layout_value(text, style, bullet, lead, lead_font, more))
    para._spec = (text, style, bullet, lead, lead_font, more)
    return para


# Paragraphs that are only read, never wrapped or drawn themselves (a card's content, a box's points: only
# their shared copies are laid out, see wrapped()), by what makes them lay out the same: a batch prints the
# same steps and names again and again, and finds each paragraph (its key, its prepared text) already made.
# 2,000: the booklets and region handouts of both languages make about 630 (a clinician's own notes, one
# per patient, come and go).
_READ_ONLY = REUSE.store("read-only paragraphs", 2_000)


def read_only(text: str, style: ParagraphStyle, *, bullet: str | None = None, lead: str | None = None,
              lead_font: str | None = None, more: tuple[tuple[str, str], ...] = ()) -> Paragraph:
    """:func:`paragraph`, the same object for the same text and style, for a paragraph nothing wraps or
    draws: only its shared copies (:func:`wrapped`) are laid out."""
    key = _layout_value(text, style, bullet, lead, lead_font, more)
    found: Paragraph | None = _READ_ONLY.get(key)
    if found is None:
        found = _READ_ONLY.put(key, paragraph(text, style, bullet=bullet, lead=lead, lead_font=lead_font, more=more))
    return found


# A text's words as a paragraph prints them, by text, font and size: the same for every paragraph of
# that text (a batch prints the same steps hundreds of times). Values are tuples, never changed.
_PREPARED = REUSE.store("paragraph texts", 20_000)


def _prepared(text: str, font: str, size: float, runt: bool) -> tuple[str, tuple[tuple[str, float], ...] | None]:
    """The body text with numbers bound to their words (and, with ``runt``, the last short word to the one
    before it); and, when anything was bound, its texts from the most joined to the loosest, each with the
    width of its widest joined pair."""
    key = (text, font, size, runt)
    hit: tuple[str, tuple[tuple[str, float], ...] | None] | None = _PREPARED.get(key)
    if hit is not None:
        return hit
    words = _SPACES.split(text.strip())
    bound_words = _bind_numbers(words)
    body = _no_runt(bound_words) if runt else " ".join(bound_words)
    choices = None
    if "\u00a0" in body:
        def widest(joined: str) -> float:
            return max((stringWidth(w, font, size) for w in joined.split(" ") if "\u00a0" in w), default=0.0)

        runt_only = _no_runt(words) if runt else " ".join(words)  # numbers loose, the last short word kept
        choices = ((body, widest(body)), (runt_only, widest(runt_only)), (" ".join(words), 0.0))
    return _PREPARED.put(key, (body, choices))  # type: ignore[no-any-return]


def style_key(style: ParagraphStyle) -> tuple[object, ...]:
    """A style by value: the key of :mod:`.styles` (set once, when the style is built), or, for a style
    made elsewhere, every attribute it has."""
    key = getattr(style, "value_key", None)
    if key is None:
        key = tuple(sorted((name, repr(value)) for name, value in vars(style).items() if name != "parent"))
    return key  # type: ignore[no-any-return]


def _repeatable(para: Paragraph) -> tuple[str, ...]:
    """The fonts ``para`` draws with, if drawing it again may repeat its operators; else ()."""
    from reportlab.pdfbase.pdfmetrics import getFont

    text, style, bullet, lead, lead_font, more = para._spec
    fonts = {style.fontName, lead_font or style.fontName}
    if bullet:
        fonts.add(style.bulletFontName)
    chars = set(text) | set(bullet or "") | set(lead or "") | {c for pair in more for part in pair for c in part}
    for name in fonts:
        plain = getattr(getFont(name), "plain", None)  # characters numbered alike in every document
        if plain is None or not plain.issuperset(chars):
            return ()
    return tuple(sorted(fonts))


def fresh(para: Paragraph, kind: type[Paragraph] = TextParagraph) -> Paragraph:
    """A new paragraph of class ``kind`` with the same text: the copy that :func:`wrapped` shares.

    ReportLab rewrites a paragraph's fragments when it wraps and splits it, so a paragraph that
    may be shared (see :func:`wrapped`) is never split itself.
    """
    text, style, bullet, lead, lead_font, more = para._spec
    copy = paragraph(text, style, bullet=bullet, lead=lead, lead_font=lead_font, more=more)
    copy.__class__ = kind
    return copy


# Paragraphs already broken into lines, by content and width: shared by every card and document of
# the process that prints the same text at the same width (the steps of a popular exercise, 'Do this
# once a day.'). Drawing a wrapped paragraph does not change it, so sharing is safe. Kept by paragraph
# (its value key), then by width: a paragraph of a card is asked for at the same few widths again and
# again, and an equal paragraph (para.read_only) is often the same object, whose key is found at once.
_WRAPPED_MAX = 1_000  # paragraphs (each at a few widths): the booklets and region handouts of both languages ask for about 700
_WRAPPED = REUSE.store("wrapped paragraphs", _WRAPPED_MAX)  # paragraph key -> {width: (paragraph, height)}
BIG = 1e6


def wrapped(para: Paragraph, width: float) -> tuple[Paragraph, float]:
    """``para`` wrapped at ``width`` (or an identical paragraph wrapped earlier) and its height."""
    key = getattr(para, "_key", None)
    if key is None:
        return para, para.wrap(width, BIG)[1]
    widths: dict[float, tuple[Paragraph, float]] | None = _WRAPPED.get(key)
    if widths is None:
        widths = _WRAPPED.put(key, {})
    hit = widths.get(width)
    if hit is None:
        rounded = round(width, 3)  # (a width a hair from one already asked for shares its paragraph)
        hit = widths.get(rounded)
        if hit is None:
            # a copy of its own: the cached paragraph is wrapped at this one width, ever
            copy = fresh(para, SharedParagraph)
            copy._fonts = _repeatable(copy)
            hit = widths[rounded] = (copy, copy.wrap(width, BIG)[1])
        widths[width] = hit
    return hit


def laid_out(item: Any, width: float) -> tuple[Any, float]:
    """What to draw of ``item`` at ``width``, and its height: a paragraph's shared wrapped copy (see
    :func:`wrapped`; its operators are written once per process), any other flowable wrapped itself."""
    if getattr(item, "_key", None) is not None:
        return wrapped(item, width)
    return item, item.wrap(width, BIG)[1]


def widest_word(paras: Sequence[Paragraph]) -> float:
    """The width of the widest word (words joined by a no-break space count as one) of ``paras``."""
    return max((_widest_word(para) for para in paras), default=0.0)


_WIDEST = REUSE.store("widest words", 20_000)  # a paragraph's by its value key (para.paragraph)


def _widest_word(para: Paragraph) -> float:
    key = getattr(para, "_key", None)
    found: float | None = None if key is None else _WIDEST.get(key)
    if found is None:
        found = max((stringWidth(word, frag.fontName, frag.fontSize) + para.style.leftIndent
                     for frag in para.frags for word in frag.text.split(" ")), default=0.0)
        if key is not None:
            _WIDEST.put(key, found)
    return found
