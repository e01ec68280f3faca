"""Embedded TrueType fonts: the Bitstream Vera family that ships inside ReportLab, or the clinic's own.

The 14 standard PDF fonts (Helvetica...) are never used: they are not embedded, and print shops
reject PDFs with fonts that are not embedded. Fonts are registered once per process.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import NamedTuple

from ..errors import Problem, UserError
from ..models.layout import Fonts


class FontSet(NamedTuple):
    family: str
    regular: str
    bold: str
    italic: str
    bold_italic: str
    coverage: frozenset[str]  # the characters every face can draw

    def missing(self, text: str) -> list[str]:
        """Characters in ``text`` the fonts cannot draw (would print as empty boxes), in order."""
        odd = set(text) - self.coverage  # almost always empty: one set operation, no loop
        if not odd:
            return []
        seen: list[str] = []
        for char in text:
            if char in odd and not char.isspace() and char not in seen:
                seen.append(char)
        return seen


def _vera_dir() -> Path:
    import reportlab

    return Path(reportlab.__file__).parent / "fonts"


def _register(name: str, path: Path, field: str) -> set[int]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    try:
        font = TTFont(name, str(path))
    except (TTFError, OSError, ValueError, KeyError, IndexError) as exc:
        raise UserError([Problem(str(path), 0, f"fonts.{field}", f"not a usable TrueType font ({exc})")]) from None
    pdfmetrics.registerFont(font)
    return set(font.face.charToGlyph)


@cache
def font_set(fonts: Fonts) -> FontSet:
    from reportlab.lib.fonts import addMapping

    if fonts.regular is None:
        base = _vera_dir()
        files = {"regular": base / "Vera.ttf", "bold": base / "VeraBd.ttf", "italic": base / "VeraIt.ttf",
                 "bold_italic": base / "VeraBI.ttf"}
        family = "Vera"
    else:
        regular = fonts.regular
        bold = fonts.bold or regular
        files = {"regular": regular, "bold": bold, "italic": fonts.italic or regular, "bold_italic": fonts.bold_italic or bold}
        digest = hashlib.sha1("|".join(str(p) for p in files.values()).encode()).hexdigest()[:8]
        family = f"Clinic{digest}"
    names = {"regular": family, "bold": f"{family}-Bold", "italic": f"{family}-Italic", "bold_italic": f"{family}-BoldItalic"}
    coverage: set[int] | None = None
    registered: dict[Path, str] = {}
    for face, path in files.items():
        if path in registered:  # the same file serves two faces: register it once under its first name
            names[face] = registered[path]
            continue
        cmap = _register(names[face], path, face)
        registered[path] = names[face]
        coverage = cmap if coverage is None else coverage & cmap
    addMapping(family, 0, 0, names["regular"])
    addMapping(family, 1, 0, names["bold"])
    addMapping(family, 0, 1, names["italic"])
    addMapping(family, 1, 1, names["bold_italic"])
    return FontSet(family, names["regular"], names["bold"], names["italic"], names["bold_italic"],
                   frozenset(chr(point) for point in coverage or ()))
