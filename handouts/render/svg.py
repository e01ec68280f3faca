"""SVG logos: bounded, and what svglib has to say turned into our own notes.

A logo is a few hundred elements; a 50 MB SVG takes svglib minutes and gigabytes. So the file is read
with a byte limit, parsed once by lxml (no entities, no network, no huge trees), and refused when it has
more elements than any logo needs, before svglib sees it.

svglib reports what it cannot draw (a linked picture, a circular ``<use>``, an unknown colour) through
its logger, with no file name. Those messages are collected while the logo is converted and become
``note:`` lines that name the profile's line; they are never printed by the library itself. The logo is
converted from memory, so pictures it links to outside itself are never opened: they are left out.
"""

from __future__ import annotations

import io
import logging
import math
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

MAX_SVG_BYTES = 4_000_000
MAX_SVG_ELEMENTS = 20_000

# what svglib says, in words for a clinic (the rest is passed on as svglib wrote it)
_PLAIN = (
    ("Unable to resolve image path", "a picture it links to is left out (only pictures inside the SVG are drawn)"),
    ("Unable to read the image", "a picture it links to is left out (only pictures inside the SVG are drawn)"),
    ("Refusing", "a picture it links to is left out (only pictures inside the SVG are drawn)"),
    ("Circular", "a part that refers to itself (a circular <use>) is left out"),
    ("<use> nodes cannot reference", "a <use> of a picture file is left out"),
    ("Can't handle color", "a colour it cannot read is drawn black"),
)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        plain = next((words for start, words in _PLAIN if text.startswith(start)), None)
        message = plain or f"svglib: {text.splitlines()[0][:160] if text else 'a part cannot be drawn'}"
        if message not in self.messages:
            self.messages.append(message)


@contextmanager
def _svglib_messages() -> Iterator[list[str]]:
    logger = logging.getLogger("svglib")
    handler = _Collect()
    saved = (logger.level, logger.propagate, list(logger.handlers))
    logger.handlers = [handler]
    logger.propagate = False
    logger.setLevel(logging.WARNING)
    try:
        yield handler.messages
    finally:
        logger.setLevel(saved[0])
        logger.propagate = saved[1]
        logger.handlers = saved[2]


def svg_drawing(data: bytes) -> tuple[Any, list[str]]:
    """The logo as a ReportLab Drawing and svglib's notes on it; ValueError (a phrase) when refused."""
    from lxml import etree
    from svglib.svglib import SvgRenderer

    parser = etree.XMLParser(remove_comments=True, recover=True, resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.parse(io.BytesIO(data), parser=parser).getroot()
    except (etree.Error, ValueError):
        root = None
    if root is None:
        raise ValueError("is not a readable SVG image")
    for elements, _ in enumerate(root.iter(), 1):
        if elements > MAX_SVG_ELEMENTS:
            raise ValueError(f"has more than {MAX_SVG_ELEMENTS:,} SVG elements; a logo needs far fewer "
                             "(simplify it, or save it as a PNG)")
    with _svglib_messages() as messages:
        try:
            drawing = SvgRenderer(io.BytesIO(data)).render(root)
        except Exception as exc:  # svglib fails on malformed drawings in many ways
            raise ValueError(f"is not a readable SVG image ({type(exc).__name__})") from None
    if drawing is None or not all(math.isfinite(side) and side > 0 for side in (drawing.width, drawing.height)):
        raise ValueError("is not a readable SVG image (it has no size)")
    return drawing, list(messages)
