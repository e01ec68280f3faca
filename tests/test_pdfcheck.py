"""The suite's own ruler (tests/pdfcheck.py, PDFium) measures what pdfplumber (pdfminer) measures."""

from __future__ import annotations

import io
from collections import Counter

import pdfplumber

from conftest import ROOT
from pdfcheck import parse

KINDS = {"chars": ("chars",), "paths": ("rects", "curves", "lines"), "images": ("images",)}


def extents(boxes) -> tuple[float, float, float, float]:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def test_marks_and_text_agree_with_pdfplumber(tmp_path):
    from handouts.jobs import render_program_file

    _, data, _ = render_program_file(ROOT / "examples" / "programs" / "jane-doe.yaml", output_dir=tmp_path)
    ours = parse(data).pages
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == len(ours) >= 2
        for theirs, page in zip(pdf.pages, ours, strict=True):
            assert (theirs.width, theirs.height) == (page.width, page.height)
            for kind, plumber_kinds in KINDS.items():
                expected = [(o["x0"], o["top"], o["x1"], o["bottom"]) for k in plumber_kinds for o in getattr(theirs, k)]
                found = [(b.x0, b.top, b.x1, b.bottom) for b in (*page.chars, *page.shapes) if b.kind == kind]
                assert bool(expected) == bool(found), (page.number, kind)
                if expected:  # where the outermost marks of each kind lie: what the margin check judges
                    for a, b in zip(extents(expected), extents(found), strict=True):
                        assert abs(a - b) < 0.3, (page.number, kind, extents(expected), extents(found))
            # the same characters (PDFium keeps one of two spaces in a row), the same sizes and colours
            assert Counter(c["text"] for c in theirs.chars if not c["text"].isspace()) == \
                Counter(c.text for c in page.chars if not c.text.isspace())
            assert Counter(round(c["size"], 1) for c in theirs.chars if not c["text"].isspace()) == \
                Counter(round(c.size, 1) for c in page.chars if not c.text.isspace())
            words = " ".join((theirs.extract_text() or "").split())
            assert words.split() and set(words.split()) <= set(page.text.split()) | set(page.text_in(0, 0, page.width, page.height).split())


def test_the_operator_scan_finds_what_a_parser_finds_and_a_bad_number(builtin_documents):
    """``unknown_operators`` scans content streams instead of parsing them: on the booklet (text, pictures as
    forms, the logo, QR codes) it finds every operator pikepdf's parser finds, and no other; a ``nan`` that
    ReportLab could not format, a malformed number and an unknown word are reported, and so are they
    inside a form."""
    import pikepdf
    from reportlab.pdfgen import canvas

    from pdfcheck import PDF_OPERATORS, parsed_operators, scanned_operators, unknown_operators

    for name in ("en/demo/booklet.pdf", "es/program/jane-doe.yaml"):
        with pikepdf.open(io.BytesIO(builtin_documents[name])) as pdf:
            parsed = parsed_operators(pdf)
            assert scanned_operators(pdf) == parsed, name
            assert parsed <= PDF_OPERATORS and len(parsed) > 20, name
            assert unknown_operators(pdf) == set(), name

    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 72, "(Brackets) and a /slash, 1e-5 % and a percent")
    page.beginForm("picture")
    page._code.append("1 0 0 1 nan 0 cm")
    page.endForm()
    page.doForm("picture")
    page._code.append("1e-5 0 m frobnicate")
    page.save()
    with pikepdf.open(io.BytesIO(out.getvalue())) as pdf:
        assert unknown_operators(pdf) == {"nan", "e", "frobnicate"}
        assert parsed_operators(pdf) - PDF_OPERATORS == {"nan", "1e-5", "frobnicate"}
