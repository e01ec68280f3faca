"""Saddle-stitch imposition: two booklet pages side by side on each landscape sheet, unscaled.

Printing the imposed file double-sided, flipping on the SHORT edge, folding the stack in half and
stapling at the fold gives the booklet in reading order. Each booklet page is placed as a form
XObject made from the already-rendered booklet, so nothing is laid out or drawn a second time.
"""

from __future__ import annotations

import io

PRINTER_SETTINGS = (
    "print double-sided, flip on the SHORT edge, at 100% (actual size, not 'fit to page'), "
    "then fold the stack in half and staple at the fold"
)


def saddle_stitch_order(pages: int) -> list[tuple[int, int]]:
    """Sheet sides in printing order, as (left page, right page), 1-based; 0 is a blank.

    For P = 4 * ceil(N / 4) pages, sheet k (outer sheet first) has front [P - 2k | 2k + 1] and back
    [2k + 2 | P - 2k - 1]. Pages beyond N (padding) are blanks.
    """
    if pages < 1:
        raise ValueError("a booklet needs at least one page")
    total = 4 * -(-pages // 4)
    sides = []
    for k in range(total // 4):
        sides.append((total - 2 * k, 2 * k + 1))
        sides.append((2 * k + 2, total - 2 * k - 1))
    return [(left if left <= pages else 0, right if right <= pages else 0) for left, right in sides]


def sheet_name(width: float, height: float) -> str:
    """The common name of a landscape sheet size, for the printing instructions."""
    known = {(792, 612): "US Letter", (842, 595): "A4", (1224, 792): "Tabloid (11 x 17 in)", (1191, 842): "A3"}
    for (w, h), name in known.items():
        if abs(width - w) < 3 and abs(height - h) < 3:
            return name
    return f"{width / 72:.1f} x {height / 72:.1f} in"


def impose(booklet: bytes) -> tuple[bytes, str]:
    """The imposed PDF for a booklet PDF (all pages the same size), and the sheet's name."""
    import pikepdf

    source = pikepdf.open(io.BytesIO(booklet))
    first = source.pages[0].mediabox
    page_w, page_h = float(first[2]) - float(first[0]), float(first[3]) - float(first[1])
    sheet_w, sheet_h = 2 * page_w, page_h
    out = pikepdf.new()
    forms: dict[int, pikepdf.Object] = {}

    def form(number: int) -> pikepdf.Object:
        if number not in forms:  # one form XObject per booklet page, shared by whatever sheet shows it
            forms[number] = out.copy_foreign(source.pages[number - 1].as_form_xobject())
        return forms[number]

    for left, right in saddle_stitch_order(len(source.pages)):
        sheet = out.add_blank_page(page_size=(sheet_w, sheet_h))
        xobjects = pikepdf.Dictionary()
        content = []
        for number, x in ((left, 0.0), (right, page_w)):
            if number:
                # resource names chosen here (not by pikepdf, which picks random ones): same bytes each run
                xobjects[f"/P{number}"] = form(number)
                content.append(f"q 1 0 0 1 {x:.4f} 0 cm /P{number} Do Q")
        sheet.Resources = pikepdf.Dictionary(XObject=xobjects)
        sheet.Contents = out.make_stream("\n".join(content).encode("ascii"))
    out.docinfo["/Title"] = str(source.docinfo.get("/Title", "")) + " (imposed for printing)"
    if "/Author" in source.docinfo:
        out.docinfo["/Author"] = str(source.docinfo["/Author"])
    out.docinfo["/Subject"] = "Booklet pages in saddle-stitch order: " + PRINTER_SETTINGS
    if "/Lang" in source.Root:
        out.Root.Lang = source.Root.Lang
    # ask the print dialog for the right settings: both sides, short-edge flip, actual size
    out.Root.ViewerPreferences = pikepdf.Dictionary(
        Duplex=pikepdf.Name("/DuplexFlipShortEdge"), PrintScaling=pikepdf.Name("/None"))
    buffer = io.BytesIO()
    # fixed document id and no timestamps: the same booklet gives the same bytes
    out.save(buffer, deterministic_id=True, compress_streams=True, linearize=False)
    return buffer.getvalue(), sheet_name(sheet_w, sheet_h)
