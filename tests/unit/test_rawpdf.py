"""rawpdf.squares writes exactly what canvas.rect writes, so the log's tick boxes print the same bytes."""

from __future__ import annotations

import io

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfgen.canvas import Canvas

from handouts.rawpdf import squares


def test_a_row_of_squares_is_the_operators_of_rect() -> None:
    xs = [100.0 + d * 17.3 + 0.123456 for d in range(14)]
    y, size = 401.98765, 10.54
    by_rect = Canvas(io.BytesIO())
    for x in xs:
        by_rect.rect(x, y, size, size, stroke=1, fill=0)
    by_row = Canvas(io.BytesIO())
    squares(by_row, [fp_str(x) for x in xs], y, size)
    assert by_row._code == by_rect._code
    assert len(by_row._code) == 14 and by_row._code[0].endswith(" re S")
