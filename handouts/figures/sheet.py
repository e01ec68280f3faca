"""The contact sheet: every exercise's picture with its name, for review at a glance."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

from ..colors import PROP_OUTLINE_SHARE, START_FILL_SHARE, START_OUTLINE_SHARE, mix
from ..models.catalog import Catalog
from ..models.layout import Colors
from .draw_png import _font, _regular, render
from .library import illustration_path, picture2d
from .project import FigurePalette
from .tones import far_tone

CELL_W, CELL_H, LABEL_H, PAD = 380, 250, 52, 14


def default_palette(colors: Colors | None = None) -> FigurePalette:
    c = colors or Colors()
    start = mix(c.figure, c.background, START_FILL_SHARE)
    start_outline = mix(c.figure_outline, c.background, START_OUTLINE_SHARE)
    return FigurePalette(
        figure=c.figure, figure_far=far_tone(c.figure, c.figure_outline), outline=c.figure_outline,
        start_fill=start, start_far=far_tone(start, start_outline), start_outline=start_outline,
        prop=c.prop, prop_outline=mix(c.prop, "#000000", PROP_OUTLINE_SHARE),
        mat=mix(c.prop, c.background, 0.45), arrow=c.arrow, floor=c.muted,
    )


def contact_sheet(catalog: Catalog, ids: list[str] | None = None, columns: int = 4, scale: float = 1.0) -> Image.Image:
    palette = default_palette()
    exercises = [e for e in catalog.exercises.values() if ids is None or e.id in ids]
    cw, ch, lh, pad = (round(v * scale) for v in (CELL_W, CELL_H, LABEL_H, PAD))
    rows = max(1, -(-len(exercises) // columns))
    cols = min(columns, max(1, len(exercises)))
    sheet = Image.new("RGB", (cols * cw, rows * (ch + lh)), "#ffffff")
    draw = ImageDraw.Draw(sheet)
    font = _font(max(10, round(15 * scale)))
    for i, exercise in enumerate(exercises):
        x, y = (i % cols) * cw, (i // cols) * (ch + lh)
        path = illustration_path(exercise.id, catalog.folder, exercise.illustration)
        if exercise.image is not None:
            with Image.open(exercise.image) as opened:
                photo = opened.convert("RGB")
                photo.thumbnail((cw - 2 * pad, ch - 2 * pad))
                sheet.paste(photo, (x + (cw - photo.width) // 2, y + (ch - photo.height) // 2))
        elif path is not None:
            pic = picture2d(path, palette)
            image = render(pic, cw - 2 * pad, ch - 2 * pad, line_px=1.2 * scale, badge_fill=palette.outline, badge_text="#ffffff")
            sheet.paste(image, (x + pad, y + pad))
        else:
            draw.text((x + cw / 2, y + ch / 2), "(no picture)", fill="#aa0000", font=font, anchor="mm")
        size = max(9, round(15 * scale))
        label_font = font
        while label_font.getlength(exercise.name) > cw - 8 and size > 8:  # long names: a smaller size, never cut
            size -= 1
            label_font = _font(size)
        draw.text((x + cw / 2, y + ch + lh * 0.3), exercise.name, fill="#1a1a1a", font=label_font, anchor="mm")
        # the id under the name, so a clinician can pick ids for a program from the sheet
        draw.text((x + cw / 2, y + ch + lh * 0.72), exercise.id, fill="#555555", font=_regular(max(9, round(13 * scale))),
                  anchor="mm")
        draw.rectangle((x, y, x + cw - 1, y + ch + lh - 1), outline="#dddddd")
    return sheet


def write_contact_sheet(catalog: Catalog, target: Path, ids: list[str] | None = None, scale: float = 1.0) -> Path:
    import io

    from ..output import write_atomic

    buffer = io.BytesIO()
    contact_sheet(catalog, ids, scale=scale).save(buffer, "PNG", optimize=True)
    return write_atomic(target, buffer.getvalue())
