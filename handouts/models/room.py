"""Whether a layout leaves room on the page for a card's text and picture.

Each field of a layout can be sane on its own and the combination impossible: padding wider than the
card, 72 pt body text in a card 6 in wide, a 9 in header on an 11 in page. Such a layout is refused when
it is loaded, with the fields that cause it, at the line of the first of them the layout file sets,
rather than failing (or drawing outside the card) while a document is laid out.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import Problem
from ..yamlio import PathKey, SourceDoc, format_path
from .layout import INCH, MIN_BODY, Layout

#: a line of a card's steps must hold this many characters (a character is about half the text size wide)
MIN_CHARACTERS = 20
#: the smallest useful picture (its longer side), as in the card layout
MIN_PICTURE = 1.5 * INCH
#: the page's content, between the header and the footer, must be at least this tall
MIN_CONTENT_HEIGHT = 3 * INCH
#: a card holds at least its picture and this many lines of text (title and the first steps)
MIN_LINES = 8
MIN_LEADING = 1.2
FOOTER_LINES = 3  # the contact line (on two lines when long) and the page number
HEADER_GAP = FOOTER_GAP = 10.0


#: what makes a block too tall for any page, most likely first (for a layout error found while laying out)
LAYOUT_ERROR_FIELDS: list[PathKey] = [("text", "body", "size"), ("cards", "padding"), ("text", "card_title", "size"),
                                      ("header", "height"), ("page", "margins"), ("page", "size")]


def _inches(points: float) -> str:
    return f"{points / INCH:.2f} in"


def room_problems(layout: Layout, doc: SourceDoc) -> list[Problem]:
    """Every combination of fields that leaves no room for a card's text or picture, or for the content."""
    page, cards, text = layout.page, layout.cards, layout.text
    problems = []
    content_width = page.width - page.margins.left - page.margins.right
    card_width = (content_width - cards.gap * (cards.columns - 1)) / cards.columns
    inner = card_width - 2 * cards.padding
    widest = max(text.body.size, text.card_title.size, text.dosage.size)
    needed = MIN_CHARACTERS * widest / 2
    if inner < needed:
        fields = [("cards", "padding"), ("text", "body", "size"), ("text", "card_title", "size"), ("text", "dosage", "size"),
                  ("cards", "columns"), ("cards", "gap"), ("page", "margins"), ("page", "size")]
        problems.append(located(doc, fields, f"leaves {_inches(max(inner, 0))} across inside a card "
                                 f"({_inches(card_width)} wide, less {_inches(cards.padding)} of padding each side); "
                                 f"its text of {widest:g} pt needs {_inches(needed)} for {MIN_CHARACTERS} characters a line"))
    elif cards.picture != "none" and inner < MIN_PICTURE:
        fields = [("cards", "padding"), ("cards", "columns"), ("cards", "gap"), ("page", "margins"), ("page", "size")]
        problems.append(located(doc, fields, f"leaves {_inches(inner)} across inside a card, less than the "
                                 f"{_inches(MIN_PICTURE)} its picture needs"))
    header = layout.header
    header_height = header.height + HEADER_GAP if (header.logo or header.clinic_name or header.phone) else 0.0
    # the header's lines take 1.25 times their size each, of which a fifth of the first line's size is space, not ink
    header_lines = ((text.body.size * 1.25 if header.clinic_name else 0.0) + (text.footer.size * 1.25 if header.phone else 0.0)
                    - 0.2 * (text.body.size if header.clinic_name else text.footer.size))
    if header.height < header_lines:  # the lines are centred on the band: they would stick out into the margin
        problems.append(located(doc, [("header", "height"), ("text", "body", "size"), ("text", "footer", "size")],
                                f"leaves a header {_inches(header.height)} tall, less than the {_inches(header_lines)} the "
                                "clinic's name (at the body text size) and phone need in it"))
    footer_height = FOOTER_LINES * text.footer.size * text.footer.leading + FOOTER_GAP
    content_height = page.height - page.margins.top - page.margins.bottom - header_height - footer_height
    card_height = content_height - 2 * cards.padding
    if content_height < MIN_CONTENT_HEIGHT:
        fields = [("header", "height"), ("text", "footer", "size"), ("page", "margins"), ("page", "size")]
        problems.append(located(doc, fields, f"leaves {_inches(max(content_height, 0))} between the header and the "
                                f"footer for the handout's content; at least {_inches(MIN_CONTENT_HEIGHT)} is needed"))
    elif not problems and card_height < MIN_PICTURE + MIN_LINES * MIN_BODY * MIN_LEADING:
        fields = [("cards", "padding"), ("header", "height"), ("page", "margins"), ("page", "size")]
        problems.append(located(doc, fields, f"leaves {_inches(max(card_height, 0))} down inside a card "
                                f"({_inches(content_height)} between the header and the footer, less "
                                f"{_inches(cards.padding)} of padding above and below); a card needs room for its "
                                f"picture and {MIN_LINES} lines"))
    return problems


def _set_in(doc: SourceDoc, path: PathKey, *, own: bool) -> bool:
    """Whether the layout sets ``path`` (``own``: in its own file, not in a layout it extends)."""
    return any(key[: len(path)] == path and (not own or where.file == doc.display) for key, where in doc.locations.items())


def located(doc: SourceDoc, fields: Iterable[PathKey], message: str) -> Problem:
    """The message at the first field the layout file sets, naming the others it sets among them."""
    candidates = list(fields)
    given = ([f for f in candidates if _set_in(doc, f, own=True)] or [f for f in candidates if _set_in(doc, f, own=False)]
             or candidates[:1])
    others = ", ".join(format_path(f) for f in given[1:])
    return doc.problem(given[0], (f"with {others}, " if others else "") + message)
