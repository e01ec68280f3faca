"""How full a page is: how far down its body the drawn content reaches, between the header and footer bands.

This is the measure of the paper targets (GUIDE.md, "Paper"): before a document's last page, no page
should stop above 60% of its body height.
"""

from __future__ import annotations

import io

import pdfplumber

KINDS = ("chars", "rects", "curves", "lines", "images")
SLACK = 1.0  # points: a mark this close to the band's edge still belongs to it


def page_fills(data: bytes, frame_top: float, frame_bottom: float) -> list[float]:
    """Each page's fill: the lowest drawn mark inside the body band, as a share of the band's height.

    ``frame_top`` and ``frame_bottom`` are the band's edges in PDF coordinates (points from the
    bottom of the page). A page with nothing in its band has fill 0.
    """
    fills = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            top = float(page.height) - frame_top  # measured from the top of the page, as pdfplumber does
            bottom = float(page.height) - frame_bottom
            lowest = top
            for kind in KINDS:
                for obj in getattr(page, kind):
                    if obj["top"] >= top - SLACK and obj["bottom"] <= bottom + SLACK:
                        lowest = max(lowest, min(float(obj["bottom"]), bottom))
            fills.append((lowest - top) / (bottom - top))
    return fills


def underfilled(fills: list[float], least: float = 0.6) -> list[int]:
    """The pages (counted from 1) before the last that are filled less than ``least``."""
    return [number for number, fill in enumerate(fills[:-1], 1) if fill < least]
