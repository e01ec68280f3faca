"""QR codes with ReportLab's own encoder, drawn as one vector path inside a form XObject."""

from __future__ import annotations

import hashlib

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas

from ..reuse import REUSE

QUIET_ZONE = 2  # modules of white border around the code (inside the drawn size)


@REUSE.memo("qr modules", 512)
def qr_modules(data: str) -> tuple[tuple[bool, ...], ...]:
    """The QR module matrix (True = dark) that ReportLab's QR widget computes for ``data``."""
    from reportlab.graphics.barcode.qr import QrCodeWidget

    widget = QrCodeWidget(data, barLevel="M")
    widget.qr.make()
    return tuple(tuple(bool(cell) for cell in row) for row in widget.qr.modules)


def draw_qr(canvas: Canvas, data: str, x: float, y: float, size: float, color: str) -> None:
    """Draw the code for ``data`` as a ``size`` x ``size`` square with its lower-left corner at (x, y)."""
    modules = qr_modules(data)
    name = "qr" + hashlib.sha1(f"{data}|{color}".encode()).hexdigest()[:12]
    count = len(modules) + 2 * QUIET_ZONE
    if not canvas.hasForm(name):
        canvas.beginForm(name, 0, 0, count, count)
        canvas.setFillColor(HexColor(color))
        path = canvas.beginPath()
        for r, row in enumerate(modules):
            c = 0
            while c < len(row):
                if row[c]:
                    start = c
                    while c < len(row) and row[c]:
                        c += 1
                    path.rect(start + QUIET_ZONE, count - (r + QUIET_ZONE + 1), c - start, 1)
                else:
                    c += 1
        canvas.drawPath(path, stroke=0, fill=1)
        canvas.endForm()
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(size / count, size / count)
    canvas.doForm(name)
    canvas.restoreState()
