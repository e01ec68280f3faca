"""How full a page is: how far down its body the drawn content reaches, between the header and footer bands.

This is the measure of the paper targets (GUIDE.md, "Paper"): before a document's last page, no page
should stop above 60% of its body height.

A page is read with PDFium (the PDF shared with tests/pdfcheck.py, parsed once) into the marks a person
sees on it (:func:`drawn`):

* each run of text as its glyphs' ink (PDFium's bounds of a text object: the union of its glyphs' boxes,
  so a space adds nothing); invisible text (render modes 3 and 7) is not seen;
* each subpath of a painted path on its own (a QR code's modules, written as one path of many
  rectangles, are many marks, as they are to the eye), bounded by the curve itself rather than its
  control points, widened by half the stroke's width when stroked;
* each image and shading, as placed;
* the contents of form XObjects (pictures, the footer), in page coordinates;
* every mark cut to its clip paths and those of the forms around it (a picture's stroke that runs past
  its frame shows only inside it); a mark clipped away entirely is not seen.

Paths that are neither filled nor stroked (clip paths, ``n``) are no marks. pdfplumber (pdfminer) reads
the same marks but as text boxes (a character's advance by its font size, spaces included) and paths by
their points; its figures agree within a few points of the band's height (tests/test_pagefill.py).
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pdfcheck import Matrix, _matrix, _then, parse

SLACK = 1.0  # points: a mark this close to the band's edge still belongs to it
INVISIBLE_TEXT = (3, 7)  # text render modes that paint nothing (3: invisible, 7: clip only)

Rect = tuple[float, float, float, float]  # x0, y0, x1, y1 in PDF coordinates (points from the bottom-left)


@dataclass(frozen=True)
class Mark:
    """One thing seen on a page, its box measured from the top-left of the page (as a ruler on paper)."""

    x0: float
    top: float
    x1: float
    bottom: float
    kind: str  # text, path, image
    curved: bool = False  # a path with curves (a card's rounded frame)


def page_fills(data: bytes, frame_top: float, frame_bottom: float) -> list[float]:
    """Each page's fill: the lowest mark seen inside the body band, as a share of the band's height.

    ``frame_top`` and ``frame_bottom`` are the band's edges in PDF coordinates (points from the
    bottom of the page). A mark belongs to the band when it lies inside it (within ``SLACK``); a page
    with nothing in its band has fill 0.
    """
    fills = []
    for height, marks in drawn(data):
        top, bottom = height - frame_top, height - frame_bottom
        lowest = top
        for mark in marks:
            if mark.top >= top - SLACK and mark.bottom <= bottom + SLACK:
                lowest = max(lowest, min(mark.bottom, bottom))
        fills.append((lowest - top) / (bottom - top))
    return fills


def underfilled(fills: list[float], least: float = 0.6) -> list[int]:
    """The pages (counted from 1) before the last that are filled less than ``least``."""
    return [number for number, fill in enumerate(fills[:-1], 1) if fill < least]


def first_block_height(data: bytes, page: int, frame_top: float) -> float:
    """How far down the body of ``page`` (counted from 1) its first card reaches, with any heading above it:
    the bottom of the highest rounded frame wider than 60% of the page."""
    height, marks = drawn(data)[page - 1]
    width = parse(data).pages[page - 1].width
    borders = [m for m in marks if m.curved and m.x1 - m.x0 > width * 0.6]
    first = min(borders, key=lambda m: m.top)
    return first.bottom - (height - frame_top)


@lru_cache(maxsize=24)
def drawn(data: bytes) -> list[tuple[float, list[Mark]]]:
    """Each page's height and the marks a person sees on it (see the module's docstring)."""
    import pypdfium2.raw as raw

    out = []
    for page in parse(data).pages:
        handle = page._page.raw
        rects: list[tuple[Rect, str, bool]] = []
        _walk(raw, handle, raw.FPDFPage_CountObjects(handle), raw.FPDFPage_GetObject, None, None, rects)
        height = page.height
        out.append((height, [Mark(x0, height - y1, x1, height - y0, kind, curved)
                             for (x0, y0, x1, y1), kind, curved in rects]))
    return out


# -- reading the marks with PDFium -------------------------------------------------------------------------

def _walk(raw: Any, holder: object, count: int, get: Any, outer: Matrix | None, clip: Rect | None,
          out: list[tuple[Rect, str, bool]]) -> None:
    """The marks of a page or form: ``outer`` takes the holder's coordinates to the page's, ``clip`` is
    what the forms around it let show (page coordinates; None: the whole page)."""
    for index in range(count):
        handle = get(holder, index)
        kind = raw.FPDFPageObj_GetType(handle)
        seen = _cut(clip, _clip_box(raw, handle, outer))
        if seen is not None and seen[0] >= seen[2]:  # clipped away
            continue
        if kind == raw.FPDF_PAGEOBJ_FORM:
            _walk(raw, handle, raw.FPDFFormObj_CountObjects(handle), raw.FPDFFormObj_GetObject,
                  _then(_matrix(raw, handle), outer), seen, out)
        elif kind == raw.FPDF_PAGEOBJ_PATH:
            for box, curved in _subpaths(raw, handle, _then(_matrix(raw, handle), outer)):
                _add(out, _cut(seen, box), "path", curved)
        elif kind == raw.FPDF_PAGEOBJ_TEXT:
            if raw.FPDFTextObj_GetTextRenderMode(handle) not in INVISIBLE_TEXT:
                _add(out, _cut(seen, _bounds(raw, handle, outer)), "text", False)
        elif kind in (raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_SHADING):
            _add(out, _cut(seen, _bounds(raw, handle, outer)), "image", False)


def _add(out: list[tuple[Rect, str, bool]], box: Rect | None, kind: str, curved: bool) -> None:
    if box is not None and box[0] <= box[2] and box[1] <= box[3]:
        out.append((box, kind, curved))


def _cut(a: Rect | None, b: Rect | None) -> Rect | None:
    """The overlap of two boxes (None is the whole page); an empty overlap has x0 > x1."""
    if a is None:
        return b
    if b is None:
        return a
    x0, y0, x1, y1 = max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])
    if x0 > x1 or y0 > y1:
        return (1.0, 1.0, 0.0, 0.0)
    return (x0, y0, x1, y1)


def _box(m: Matrix | None, points: list[tuple[float, float]]) -> Rect:
    if m is not None:
        points = [(m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]) for x, y in points]
    xs = [x for x, _ in points]
    ys = [y for _, y in points]
    return min(xs), min(ys), max(xs), max(ys)


def _bounds(raw: Any, handle: object, outer: Matrix | None) -> Rect:
    """PDFium's bounds of an object (in its holder's coordinates), in page coordinates."""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    raw.FPDFPageObj_GetBounds(handle, left, bottom, right, top)
    x0, y0, x1, y1 = left.value, bottom.value, right.value, top.value
    return _box(outer, [(x0, y0), (x1, y1), (x0, y1), (x1, y0)])


def _clip_box(raw: Any, handle: object, outer: Matrix | None) -> Rect | None:
    """The box around an object's clip paths (in its holder's coordinates), in page coordinates; None when
    it has none."""
    clip = raw.FPDFPageObj_GetClipPath(handle)
    if not clip:
        return None
    x, y = ctypes.c_float(), ctypes.c_float()
    box: Rect | None = None
    for path in range(raw.FPDFClipPath_CountPaths(clip)):
        points = []
        for segment in range(raw.FPDFClipPath_CountPathSegments(clip, path)):
            raw.FPDFPathSegment_GetPoint(raw.FPDFClipPath_GetPathSegment(clip, path, segment), x, y)
            points.append((x.value, y.value))
        if points:  # what shows lies inside every clip path
            box = _cut(box, _box(outer, points))
    return box


def _subpaths(raw: Any, handle: object, m: Matrix | None) -> list[tuple[Rect, bool]]:
    """Each subpath of a painted path: its box in page coordinates (the curve's, not its control points'),
    widened by half the line when stroked, and whether it has curves."""
    fill_mode, stroked = ctypes.c_int(), ctypes.c_int()
    raw.FPDFPath_GetDrawMode(handle, fill_mode, stroked)
    if not fill_mode.value and not stroked.value:
        return []
    half = 0.0
    if stroked.value:
        width = ctypes.c_float()
        raw.FPDFPageObj_GetStrokeWidth(handle, width)
        scale = abs(m[0] * m[3] - m[1] * m[2]) ** 0.5 if m is not None else 1.0
        half = width.value * scale / 2
    x, y = ctypes.c_float(), ctypes.c_float()
    segments = []
    for index in range(raw.FPDFPath_CountSegments(handle)):
        segment = raw.FPDFPath_GetPathSegment(handle, index)
        raw.FPDFPathSegment_GetPoint(segment, x, y)
        px, py = x.value, y.value
        if m is not None:
            px, py = m[0] * px + m[2] * py + m[4], m[1] * px + m[3] * py + m[5]
        segments.append((raw.FPDFPathSegment_GetType(segment), px, py))
    out: list[tuple[Rect, bool]] = []
    xs: list[float] = []
    ys: list[float] = []
    curved = False
    pending: list[tuple[float, float]] = []  # a curve's control points, then its end
    for kind, px, py in segments:
        if kind == raw.FPDF_SEGMENT_MOVETO and xs:
            out.append(((min(xs) - half, min(ys) - half, max(xs) + half, max(ys) + half), curved))
            xs, ys, curved = [], [], False
        if kind == raw.FPDF_SEGMENT_BEZIERTO:
            pending.append((px, py))
            if len(pending) == 3:
                (ax, ay), (bx, by), (cx, cy) = pending
                x0, y0 = (xs[-1], ys[-1]) if xs else (ax, ay)
                xs += _extremes(x0, ax, bx, cx)
                ys += _extremes(y0, ay, by, cy)
                pending, curved = [], True
            continue
        xs.append(px)
        ys.append(py)
    if xs:
        out.append(((min(xs) - half, min(ys) - half, max(xs) + half, max(ys) + half), curved))
    return out


def _extremes(p0: float, p1: float, p2: float, p3: float) -> list[float]:
    """Where a cubic Bézier's coordinate goes furthest (its end and any turning point between), the curve
    ending last so that ``[-1]`` stays the current point."""
    a = -p0 + 3 * p1 - 3 * p2 + p3  # the derivative is 3 (a t² + 2 b t + c)
    b = p0 - 2 * p1 + p2
    c = p1 - p0
    roots: list[float] = []
    if abs(a) < 1e-12:
        if abs(b) > 1e-12:
            roots = [-c / (2 * b)]
    else:
        disc = b * b - a * c
        if disc >= 0:
            root = disc ** 0.5
            roots = [(-b + root) / a, (-b - root) / a]
    values = []
    for t in roots:
        if 0 < t < 1:
            u = 1 - t
            values.append(u * u * u * p0 + 3 * u * u * t * p1 + 3 * u * t * t * p2 + t * t * t * p3)
    return [*values, p3]
