"""What a user checks in a PDF: it opens, its pages, its text, embedded fonts, margins, pictures.

Each PDF is read once (PDFium, through pypdfium2) into a :class:`Parsed` summary of its pages: text,
characters, shapes and images, with their boxes measured from the top-left of the page as a ruler
on paper would. The summary is kept for the PDF's bytes, so the tests that look at one document in
several ways parse it once. Boxes are measured the way pdfminer measures them (a character's advance
width by its font's height, a path's points without its line width, an image's placed square), so a
mark at the very edge of a margin is judged alike by both; ``test_pdfcheck`` compares the two.
"""

from __future__ import annotations

import ctypes
import hashlib
import io
import os
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from pypdf import PdfReader

TOLERANCE = 0.6  # points

Matrix = tuple[float, float, float, float, float, float]
Colour = tuple[float, ...]  # 0..1 per component; (grey,) or (r, g, b)


def reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


@dataclass
class Box:
    x0: float
    top: float
    x1: float
    bottom: float
    kind: str  # chars, paths, images
    page: int

    def inside(self, x0: float, top: float, x1: float, bottom: float) -> bool:
        return x0 <= self.x0 and self.x1 <= x1 and top <= self.top and self.bottom <= bottom


@dataclass
class Char(Box):
    text: str = ""
    size: float = 0.0
    fill: Colour | None = None


@dataclass
class Shape(Box):
    fill: Colour | None = None  # None: not filled
    stroke: Colour | None = None  # None: not stroked
    colour_space: str = ""  # images: DeviceRGB, DeviceGray, ...

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top


class Page:
    """One page; its text, characters and shapes are read from PDFium when first asked for."""

    def __init__(self, document: Any, index: int):
        self._document = document  # a pypdfium2.PdfDocument, kept open while the page is
        self.number = index + 1
        self.width, self.height = document[index].get_size()

    @cached_property
    def _page(self) -> Any:
        return self._document[self.number - 1]

    @cached_property
    def _textpage(self) -> Any:
        return self._page.get_textpage()

    @cached_property
    def text(self) -> str:
        return str(self._textpage.get_text_range()).replace("\r\n", "\n").replace("\r", "\n")

    @cached_property
    def _stream(self) -> list[tuple[str, Char | None]]:
        """Every character of the page in drawing order; None for the spaces and line breaks PDFium infers."""
        import pypdfium2.raw as raw

        handle = self._textpage.raw
        box = raw.FS_RECTF()
        red, green, blue, alpha = (ctypes.c_uint() for _ in range(4))
        height, number = self.height, self.number
        stream: list[tuple[str, Char | None]] = []
        for i in range(raw.FPDFText_CountChars(handle)):
            text = chr(raw.FPDFText_GetUnicode(handle, i))
            if raw.FPDFText_IsGenerated(handle, i) == 1:
                stream.append((text, None))
                continue
            raw.FPDFText_GetLooseCharBox(handle, i, box)
            raw.FPDFText_GetFillColor(handle, i, red, green, blue, alpha)
            fill = (red.value / 255, green.value / 255, blue.value / 255)
            char = Char(box.left, height - box.top, box.right, height - box.bottom, "chars", number, text,
                        raw.FPDFText_GetFontSize(handle, i), fill[:1] if fill[0] == fill[1] == fill[2] else fill)
            stream.append((text, char))
        return stream

    @cached_property
    def chars(self) -> list[Char]:
        return [char for _, char in self._stream if char is not None]

    @cached_property
    def shapes(self) -> list[Shape]:
        """Paths (rectangles, lines, curves) and images, forms descended into."""
        import pypdfium2.raw as raw

        out: list[Shape] = []
        page = self._page.raw
        _shapes(raw, page, page, raw.FPDFPage_CountObjects(page), raw.FPDFPage_GetObject, None, self.number, self.height, out)
        return out

    @property
    def paths(self) -> list[Shape]:
        return [s for s in self.shapes if s.kind == "paths"]

    @property
    def images(self) -> list[Shape]:
        return [s for s in self.shapes if s.kind == "images"]

    def text_in(self, x0: float, top: float, x1: float, bottom: float) -> str:
        """The text of the characters that reach into a box of the page (measured from the top-left), in
        drawing order, with the spaces and line breaks between them."""
        out: list[str] = []
        between = ""  # what lies between the last character taken and this one
        last: Char | None = None
        for text, char in self._stream:
            if char is None or not (char.x0 < x1 and char.x1 > x0 and char.top < bottom and char.bottom > top):
                between += text if char is None else "\n"
                continue
            if last is not None:
                if between:
                    out.append(between if "\n" not in between else "\n")
                elif abs(char.top - last.top) > 0.5 * char.size:
                    out.append("\n")
                elif char.x0 - last.x1 > 0.15 * char.size:
                    out.append(" ")
            out.append(text)
            between, last = "", char
        return "".join(out).replace("\r\n", "\n").replace("\r", "\n")


@dataclass
class Parsed:
    pages: list[Page]

    def marks(self) -> list[Box]:
        return [mark for page in self.pages for mark in (*page.chars, *page.shapes)]


# -- reading a PDF with PDFium --------------------------------------------------------------------------

def _matrix(raw: Any, handle: object) -> Matrix:
    m = raw.FS_MATRIX()
    raw.FPDFPageObj_GetMatrix(handle, m)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _then(inner: Matrix, outer: Matrix | None) -> Matrix:
    """``inner`` followed by ``outer``."""
    if outer is None:
        return inner
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _bounds(m: Matrix | None, points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    if m is not None:
        points = [(m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]) for x, y in points]
    xs = [x for x, _ in points]
    ys = [y for _, y in points]
    return min(xs), min(ys), max(xs), max(ys)


def _colour(raw: Any, getter: Any, handle: object) -> Colour:
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    getter(handle, r, g, b, a)
    values = (r.value / 255, g.value / 255, b.value / 255)
    return (values[0],) if values[0] == values[1] == values[2] else values


_SPACES = {1: "DeviceGray", 2: "DeviceRGB", 3: "DeviceCMYK", 4: "CalGray", 5: "CalRGB", 6: "Lab", 7: "ICCBased",
           8: "Separation", 9: "DeviceN", 10: "Indexed", 11: "Pattern"}


def _shapes(raw: Any, page: object, holder: object, count: int, get: Any, outer: Matrix | None, number: int, height: float,
            out: list[Shape]) -> None:
    """Every path and image of a page or form, forms descended into, in page coordinates."""
    for index in range(count):
        handle = get(holder, index)
        kind = raw.FPDFPageObj_GetType(handle)
        if kind == raw.FPDF_PAGEOBJ_FORM:
            _shapes(raw, page, handle, raw.FPDFFormObj_CountObjects(handle), raw.FPDFFormObj_GetObject,
                    _then(_matrix(raw, handle), outer), number, height, out)
        elif kind == raw.FPDF_PAGEOBJ_PATH:
            x, y = ctypes.c_float(), ctypes.c_float()
            points = []
            for segment in range(raw.FPDFPath_CountSegments(handle)):
                raw.FPDFPathSegment_GetPoint(raw.FPDFPath_GetPathSegment(handle, segment), x, y)
                points.append((x.value, y.value))
            if not points:
                continue
            x0, y0, x1, y1 = _bounds(_then(_matrix(raw, handle), outer), points)
            fill_mode, stroked = ctypes.c_int(), ctypes.c_int()
            raw.FPDFPath_GetDrawMode(handle, fill_mode, stroked)
            fill = _colour(raw, raw.FPDFPageObj_GetFillColor, handle) if fill_mode.value else None
            stroke = _colour(raw, raw.FPDFPageObj_GetStrokeColor, handle) if stroked.value else None
            out.append(Shape(x0, height - y1, x1, height - y0, "paths", number, fill, stroke))
        elif kind in (raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_SHADING):
            left, bottom, right, top = (ctypes.c_float() for _ in range(4))
            raw.FPDFPageObj_GetBounds(handle, left, bottom, right, top)
            corners = [(left.value, bottom.value), (right.value, top.value), (left.value, top.value), (right.value, bottom.value)]
            x0, y0, x1, y1 = _bounds(outer, corners)
            space = ""
            if kind == raw.FPDF_PAGEOBJ_IMAGE:
                meta = raw.FPDF_IMAGEOBJ_METADATA()
                raw.FPDFImageObj_GetImageMetadata(handle, page, meta)
                space = _SPACES.get(meta.colorspace, "unknown")
            out.append(Shape(x0, height - y1, x1, height - y0, "images", number, colour_space=space))


@lru_cache(maxsize=24)
def parse(data: bytes) -> Parsed:
    """The PDF's pages as a ruler and a reader see them; each PDF is opened once (the last few are kept)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    return Parsed([Page(document, index) for index in range(len(document))])


# -- what the tests ask ---------------------------------------------------------------------------------

def page_texts(data: bytes) -> list[str]:
    """Each page's text in drawing order (so a card's lines stay together even beside a picture)."""
    return [page.text for page in parse(data).pages]


def all_text(data: bytes) -> str:
    """The document's text with line breaks turned into spaces (names may wrap)."""
    return " ".join(" ".join(t.split()) for t in page_texts(data))


def chars(data: bytes) -> list[Char]:
    return [char for page in parse(data).pages for char in page.chars]


def marks(data: bytes) -> list[Box]:
    """Every character and drawn object, with its box measured from the top-left of its page."""
    return parse(data).marks()


def outside_margins(data: bytes, left: float, right: float, top: float, bottom: float) -> list[Box]:
    """Marks that lie (partly) in a margin."""
    bad = []
    for page in parse(data).pages:
        x0, x1 = left - TOLERANCE, page.width - right + TOLERANCE
        y0, y1 = top - TOLERANCE, page.height - bottom + TOLERANCE
        bad += [box for box in (*page.chars, *page.shapes) if not box.inside(x0, y0, x1, y1)]
    return bad


#: Every operator a PDF content stream may use (ISO 32000-1, annex A). Anything else is a renderer's
#: "unknown operator": a number ReportLab could not format (``nan``) shows up as one.
PDF_OPERATORS = frozenset([
    'b', 'B', 'b*', 'B*', 'BDC', 'BI', 'BMC', 'BT', 'BX', 'c', 'cm', 'CS', 'cs', 'd', 'd0', 'd1', 'Do', 'DP',
    'EI', 'EMC', 'ET', 'EX', 'f', 'F', 'f*', 'G', 'g', 'gs', 'h', 'i', 'ID', 'j', 'J', 'K', 'k', 'l', 'm', 'M',
    'MP', 'n', 'q', 'Q', 're', 'RG', 'rg', 'ri', 's', 'S', 'SC', 'sc', 'SCN', 'scn', 'sh', 'T*', 'Tc', 'Td', 'TD',
    'Tf', 'Tj', 'TJ', 'TL', 'Tm', 'Tr', 'Ts', 'Tw', 'Tz', 'v', 'w', 'W', 'W*', 'y', "'", '"'
])


#: What in a content stream is not an operator and may hold letters: a string (one level of nested brackets;
#: ReportLab escapes the others), a hex string, a name, a comment.
_DELIMITED = re.compile(rb"\((?:[^\\()]|\\.|\((?:[^\\()]|\\.)*\))*\)|<[^<>]*>|/[^\x00\t\n\x0c\r /\[\]()<>{}%]*|%[^\r\n]*",
                        re.S)


def _words(stream: bytes) -> set[bytes]:
    """The operators of a content stream (and true, false, null): what is left when the strings, names and
    comments are cut out and the digits, signs, points and brackets of the numbers and arrays are deleted. A
    malformed number (``nan``, ``1e-5``) leaves letters, so it shows up as an unknown operator, as it does for a
    parser."""
    return set(_DELIMITED.sub(b" ", stream).translate(None, b"0123456789.+-[]{}<>").split())


def unknown_operators(pdf) -> set[str]:
    """Operators in any page's or form's content stream that are not PDF operators."""
    return scanned_operators(pdf) - PDF_OPERATORS


def scanned_operators(pdf) -> set[str]:
    """Every operator of every page's and form's content stream. Each stream is read once and scanned by
    :func:`_words` (six times faster than parsing it into objects; ``test_pdfcheck`` checks that the two find
    the same operators); one with an inline image (binary data) is parsed."""
    import pikepdf

    found: set[str] = set()
    seen: set[tuple[int, int]] = set()

    def scan(stream) -> None:
        words = _words(stream.read_bytes())
        if b"BI" in words:
            found.update(str(instruction.operator) for instruction in pikepdf.parse_content_stream(stream))
        else:
            found.update(word.decode("latin-1") for word in words)

    pending = []
    for page in pdf.pages:
        contents = page.obj.get("/Contents")
        for stream in contents if isinstance(contents, pikepdf.Array) else [contents]:
            scan(stream)
        pending.append(page.obj.get("/Resources"))
    while pending:
        xobjects = (pending.pop() or {}).get("/XObject")
        for xobject in (xobjects or {}).values():
            if xobject.objgen not in seen:
                seen.add(xobject.objgen)
                if xobject.get("/Subtype") == "/Form":
                    scan(xobject)
                    pending.append(xobject.get("/Resources"))
    return found - {"true", "false", "null"}


def parsed_operators(pdf) -> set[str]:
    """Every operator of every page's and form's content stream, as pikepdf's parser reads them (the slow
    reference for :func:`unknown_operators`)."""
    import pikepdf

    found: set[str] = set()
    seen: set[tuple[int, int]] = set()

    def visit(holder, resources) -> None:
        found.update(str(instruction.operator) for instruction in pikepdf.parse_content_stream(holder))
        for xobject in ((resources or {}).get("/XObject") or {}).values():
            if xobject.get("/Subtype") == "/Form" and xobject.objgen not in seen:
                seen.add(xobject.objgen)
                visit(xobject, xobject.get("/Resources"))

    for page in pdf.pages:
        visit(page, page.obj.get("/Resources"))
    return found


@lru_cache(maxsize=24)
def fonts(data: bytes) -> dict[str, bool]:
    """Every font used on any page (including inside form XObjects) -> whether it is embedded."""
    import pikepdf

    found: dict[str, bool] = {}
    seen: set[tuple[int, int]] = set()

    def visit(resources: object) -> None:
        if not isinstance(resources, pikepdf.Dictionary):
            return
        for font in dict(resources.get("/Font", {})).values():
            descendants = font.get("/DescendantFonts")
            target = descendants[0] if descendants else font
            descriptor = target.get("/FontDescriptor")
            embedded = descriptor is not None and any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font.get("/BaseFont"))] = embedded
        for xobject in dict(resources.get("/XObject", {})).values():
            if xobject.get("/Subtype") == "/Form" and xobject.objgen not in seen:
                seen.add(xobject.objgen)
                visit(xobject.get("/Resources"))

    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            visit(page.obj.get("/Resources"))
    return found


def validate(data: bytes, where: str = "") -> None:
    """What a printer and a second PDF engine need: qpdf finds no syntax or stream errors and gives no warning,
    every content stream uses only PDF operators, every font is embedded, and PDFium (not ReportLab's own
    reader) renders every page. Checked once per PDF in a test run: a PDF that passed is recorded by its digest,
    in this process and, when ``$PDFCHECK_PASSED`` names a folder (the test run's, shared by its pytest-xdist
    workers), as an empty file there."""
    digest = hashlib.sha256(data).hexdigest()
    if digest in _VALID:
        return
    folder = os.environ.get("PDFCHECK_PASSED")
    if folder and os.path.exists(os.path.join(folder, digest)):
        _VALID.add(digest)
        return
    _validate(data, where)
    _VALID.add(digest)
    if folder:
        open(os.path.join(folder, digest), "w").close()


_VALID: set[str] = set()


def _validate(data: bytes, where: str) -> None:
    import pikepdf
    import pypdfium2

    with pikepdf.open(io.BytesIO(data)) as pdf:
        problems = pdf.check_pdf_syntax()
        unknown = unknown_operators(pdf)
        warnings = pdf.get_warnings()
    assert not problems, f"{where}: qpdf finds {problems[:3]}"
    assert not warnings, f"{where}: qpdf warns {warnings[:3]}"
    assert not unknown, f"{where}: content streams use operators no renderer knows: {sorted(unknown)[:5]}"
    missing = [name for name, embedded in fonts(data).items() if not embedded]
    assert not missing, f"{where}: fonts not embedded: {missing}"
    document = pypdfium2.PdfDocument(data)
    try:
        assert len(document) > 0, f"{where}: no pages"
        for index in range(len(document)):
            page = document[index]
            page.render(scale=0.2)
            page.close()
    finally:
        document.close()
