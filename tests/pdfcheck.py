"""What a user checks in a PDF: it opens, its pages, its text, embedded fonts, margins, pictures."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pdfplumber
from pypdf import PdfReader

TOLERANCE = 0.6  # points


def reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def page_texts(data: bytes) -> list[str]:
    """Each page's text in drawing order (so a card's lines stay together even beside a picture)."""
    return [page.extract_text() or "" for page in reader(data).pages]


def all_text(data: bytes) -> str:
    """The document's text with line breaks turned into spaces (names may wrap)."""
    return " ".join(" ".join(t.split()) for t in page_texts(data))


def fonts(data: bytes) -> dict[str, bool]:
    """Every font used on any page (including inside form XObjects) -> whether it is embedded."""
    found: dict[str, bool] = {}

    def visit(resources) -> None:
        if resources is None:
            return
        resources = resources.get_object()
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            name = str(font.get("/BaseFont"))
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target.get("/FontDescriptor")
            embedded = False
            if descriptor is not None:
                descriptor = descriptor.get_object()
                embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[name] = embedded
        for xobject in (resources.get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Form":
                visit(xobject.get("/Resources"))

    for page in reader(data).pages:
        visit(page.get("/Resources"))
    return found


@dataclass
class Box:
    x0: float
    top: float
    x1: float
    bottom: float
    kind: str
    page: int


def marks(data: bytes, *, kinds: tuple[str, ...] = ("chars", "rects", "curves", "lines", "images")) -> list[Box]:
    """Every character and drawn object, with its box measured from the top-left of its page."""
    out = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            for kind in kinds:
                for obj in getattr(page, kind):
                    out.append(Box(obj["x0"], obj["top"], obj["x1"], obj["bottom"], kind, number))
    return out


def outside_margins(data: bytes, left: float, right: float, top: float, bottom: float) -> list[Box]:
    """Marks that lie (partly) in a margin."""
    bad = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        width, height = pdf.pages[0].width, pdf.pages[0].height
    for box in marks(data):
        if (box.x0 < left - TOLERANCE or box.x1 > width - right + TOLERANCE
                or box.top < top - TOLERANCE or box.bottom > height - bottom + TOLERANCE):
            bad.append(box)
    return bad


#: Every operator a PDF content stream may use (ISO 32000-1, annex A). Anything else is a renderer's
#: "unknown operator": a number ReportLab could not format (``nan``) shows up as one.
PDF_OPERATORS = frozenset([
    'b', 'B', 'b*', 'B*', 'BDC', 'BI', 'BMC', 'BT', 'BX', 'c', 'cm', 'CS', 'cs', 'd', 'd0', 'd1', 'Do', 'DP',
    'EI', 'EMC', 'ET', 'EX', 'f', 'F', 'f*', 'G', 'g', 'gs', 'h', 'i', 'ID', 'j', 'J', 'K', 'k', 'l', 'm', 'M',
    'MP', 'n', 'q', 'Q', 're', 'RG', 'rg', 'ri', 's', 'S', 'SC', 'sc', 'SCN', 'scn', 'sh', 'T*', 'Tc', 'Td', 'TD',
    'Tf', 'Tj', 'TJ', 'TL', 'Tm', 'Tr', 'Ts', 'Tw', 'Tz', 'v', 'w', 'W', 'W*', 'y', "'", '"'
])


def unknown_operators(pdf) -> set[str]:
    """Operators in any page's or form's content stream that are not PDF operators."""
    import pikepdf

    found: set[str] = set()
    seen: set[tuple[int, int]] = set()

    def visit(holder, resources) -> None:
        for instruction in pikepdf.parse_content_stream(holder):
            operator = str(instruction.operator)
            if operator not in PDF_OPERATORS:
                found.add(operator)
        for xobject in ((resources or {}).get("/XObject") or {}).values():
            if xobject.get("/Subtype") == "/Form" and xobject.objgen not in seen:
                seen.add(xobject.objgen)
                visit(xobject, xobject.get("/Resources"))

    for page in pdf.pages:
        visit(page, page.obj.get("/Resources"))
    return found


def validate(data: bytes, where: str = "") -> None:
    """What a printer and a second PDF engine need: qpdf finds no syntax or stream errors and gives no warning,
    every content stream uses only PDF operators, every font is embedded, and PDFium (not ReportLab's own
    reader) renders every page."""
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
