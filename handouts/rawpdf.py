"""PDF made once per process and written again as it is, for what repeats from document to document."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfdoc import PDFObject


class Formatted(PDFObject):
    """Bytes formatted once per process and written as they are. Make one per document: the
    document that holds it gives it its object number."""

    def __init__(self, data: bytes):
        self.data = data

    def format(self, document: object) -> bytes:
        return self.data


class Recording(NamedTuple):
    """The operators something drew at the origin, and what they refer to."""

    fonts: tuple[str | None, ...]  # the document's names of the fonts it used, when it was recorded
    code: list[str]
    forms: tuple[str, ...]  # form XObjects it showed


def draw_recorded(canvas: Any, x: float, y: float, recording: Recording | None, fonts: tuple[str, ...],
                  draw: Callable[[Any], None]) -> Recording | None:
    """Draw at (x, y) what ``draw`` draws at the origin, or repeat ``recording`` of it.

    The recording is repeated when this document calls ``fonts`` by the names they had when it
    was made: text encodes the same way in every document as long as it keeps to the characters
    every document numbers alike (``fonts.SEED``), which the caller checks. Returns the recording
    to keep for next time (None: this drawing cannot be repeated).
    """
    mapping = canvas._doc.fontMapping
    if recording is not None and recording.fonts == tuple(map(mapping.get, fonts)):
        # what saveState, translate and restoreState write, without their bookkeeping
        canvas._code += ["q", f"{fp_str(1, 0, 0, 1, x, y)} cm", *recording.code, "Q"]
        canvas._formsinuse += recording.forms
        return recording
    code = canvas._code
    canvas.saveState()
    canvas.translate(x, y)
    start, anchor = len(code), code[-1]
    forms, links = len(canvas._formsinuse), len(canvas._annotationrefs)
    draw(canvas)
    drawn, shown = code[start:], tuple(canvas._formsinuse[forms:])
    canvas.restoreState()
    if code[start - 1] is not anchor or len(canvas._annotationrefs) != links:
        return None  # a transform merged into the translation, or a link: not repeatable as it is
    return Recording(tuple(map(mapping.get, fonts)), drawn, shown)


def squares(canvas: Any, xs: list[str], y: float, size: float) -> None:
    """Stroke squares of side ``size`` with their lower left corners at (x, ``y``) for each x of ``xs`` (each
    already formatted by ``fp_str``): the operators ``canvas.rect(x, y, size, size)`` writes, one row at once
    (a log has hundreds of boxes, at a dozen x positions)."""
    tail = f" {fp_str(y, size, size)} re S"
    canvas._code += ["n " + x + tail for x in xs]
