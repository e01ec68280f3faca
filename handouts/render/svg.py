"""SVG logos: bounded, and what svglib has to say turned into our own notes.

A logo is a few hundred elements; a 50 MB SVG takes svglib minutes and gigabytes. So the file is read
with a byte limit, parsed once by lxml (no entities, no network, no huge trees), and refused when it has
more elements than any logo needs, before svglib sees it.

svglib reports what it cannot draw (a linked picture, a circular ``<use>``, an unknown colour) through
its logger, with no file name. Those messages are collected while the logo is converted and become
``note:`` lines that name the profile's line; they are never printed by the library itself. The logo is
converted from memory, so pictures it links to outside itself are never opened: they are left out.

A converted logo is kept for the run, keyed by the file's content (and whether it is printed grey).
"""

from __future__ import annotations

import io
import logging
import math
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import UserError
from ..reuse import REUSE
from .raster import Locate, digest, read_picture

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


#: (content digest, grey) -> (the drawing, its notes)
_DRAWINGS = REUSE.store("svg drawings", 64)


def svg_picture(path: Path, locate: Locate, *, grayscale: bool) -> tuple[Any, list[str]]:
    """The SVG file as a Drawing, and what svglib could not draw in it, as note lines naming the file."""
    data = read_picture(path, locate)
    key = (digest(data), grayscale)
    hit: tuple[Any, list[str]] | None = _DRAWINGS.get(key)
    if hit is not None:
        return hit
    try:
        drawing, notes = svg_drawing(data)
    except ValueError as exc:
        raise UserError([locate(f'"{path.name}" {exc}')]) from None
    if grayscale:
        grey_drawing(drawing)
    return _DRAWINGS.put(key, (drawing, [str(locate(f'"{path.name}": {note}')) for note in notes]))


def grey_drawing(node: Any) -> None:
    """Every fill and stroke colour of a drawing turned to the grey of the same lightness."""
    from reportlab.lib.colors import Color

    from ..colors import relative_luminance

    def grey(color: Any) -> Any:
        if isinstance(color, Color):
            hexed = "#" + "".join(f"{round(c * 255):02x}" for c in (color.red, color.green, color.blue))
            lum = relative_luminance(hexed)
            value = lum * 12.92 if lum <= 0.0031308 else 1.055 * lum ** (1 / 2.4) - 0.055
            return Color(value, value, value, alpha=getattr(color, "alpha", 1))
        return color

    for attr in ("fillColor", "strokeColor"):
        if hasattr(node, attr):
            setattr(node, attr, grey(getattr(node, attr)))
    for child in getattr(node, "contents", []) or []:
        grey_drawing(child)


def set_fonts(node: Any, font: str) -> None:
    """Every text of a drawing in ``font`` (an embedded font, never the standard Helvetica)."""
    if hasattr(node, "fontName"):
        node.fontName = font
    for child in getattr(node, "contents", []) or []:
        set_fonts(child, font)
