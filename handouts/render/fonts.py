"""Embedded TrueType fonts: the Bitstream Vera family that ships inside ReportLab, or the clinic's own.

The 14 standard PDF fonts (Helvetica...) are never used: they are not embedded, and print shops
reject PDFs with fonts that are not embedded. Fonts are registered once per process.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from functools import cache, partial
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import Problem, UserError
from ..models.layout import Fonts, Layout


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


#: What ReportLab raises on a damaged or truncated font file.
_FONT_ERRORS = (OSError, ValueError, KeyError, IndexError, struct.error, UnicodeDecodeError, ZeroDivisionError)


def _register(name: str, path: Path, field: str) -> set[int]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError

    try:
        font = _font_class()(name, str(path))
    except (TTFError, *_FONT_ERRORS) as exc:
        raise UserError([Problem(str(path), 0, f"fonts.{field}", f"not a usable TrueType font ({exc})")]) from None
    pdfmetrics.registerFont(font)
    return set(font.face.charToGlyph)


def font_problems(layout: Layout) -> list[Problem]:
    """The layout's own TrueType files, opened and checked whole (every glyph read into a subset),
    before any page is laid out: a damaged or truncated font is refused at the layout's line,
    instead of failing half-way through a document. The Vera fonts that ship with ReportLab are trusted."""
    from ..cache import memo

    fonts = layout.fonts
    problems: list[Problem] = []
    for face in ("regular", "bold", "italic", "bold_italic"):
        path = getattr(fonts, face)
        if path is None:
            continue
        reason = memo("font-check", [path], partial(_font_fault, path))
        if reason is not None:
            message = f'"{path.name}" is not a usable TrueType font ({reason}); use an undamaged .ttf file'
            problems.append(layout.source.problem(("fonts", face), message) if layout.source is not None
                            else Problem(str(path), 0, f"fonts.{face}", message))
    return problems


def _font_fault(path: Path) -> str | None:
    """Why ReportLab cannot embed the font file, or None."""
    from reportlab.pdfbase.ttfonts import TTFError, TTFontFile

    try:
        face = TTFontFile(str(path))
        face.makeSubset(sorted(face.charToGlyph))  # reads every glyph: a file cut short fails here
    except TTFError as exc:
        return "it is not a TrueType font file" if "recognized" in str(exc) else "the file is damaged or cut short"
    except _FONT_ERRORS:
        return "the file is damaged or cut short"
    return None


# Characters beyond ASCII that our own texts print: Spanish letters and typographic punctuation.
# Every document's font subsets start with ASCII and then these, in this order, so a subset is the
# same from one document to the next, and so are the font program, widths and character map made
# from it: they are made once per process (see _font_class).
SEED = "\u00a1\u00bf\u00c1\u00c9\u00cd\u00d3\u00da\u00dc\u00d1\u00e1\u00e9\u00ed\u00f3\u00fa\u00fc\u00f1" \
       "\u00ba\u00aa\u00b0\u00b7\u00d7\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u00a0"
_SPLIT_MAX = 20_000  # encoded strings kept per font face; bounds memory in a long batch
_MADE_MAX = 64  # subsets (font programs, widths) kept per process


@cache
def _font_class() -> type:
    """ReportLab's TrueType font, with what each document derives from it made once per process.

    ReportLab numbers a font's characters per document in the order they are first printed, and
    from those numbers builds the embedded subset: the font program (compressed), the widths and
    the map back to Unicode. Seeding every document with the same characters in the same order
    makes all of that repeat, so it is kept and reused; a character outside the seed (a clinic's
    'ç') is numbered after them as usual, and gives a subset of its own, made once as well.
    """
    from reportlab.pdfbase.pdfdoc import PDFArray
    from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

    from ..rawpdf import Formatted
    from ..reuse import REUSE

    made = REUSE.store("font subsets", _MADE_MAX)  # subsets, their widths, compressed programs and maps
    remember = made.put

    class Flate:
        """Compression of a stream that repeats across documents (font program, character map)."""

        pdfname = "FlateDecode"

        def encode(self, data: bytes | str) -> bytes:
            if isinstance(data, str):
                data = data.encode("utf-8")
            key = ("flate", data)
            hit = made.get(key)
            return hit if hit is not None else remember(key, zlib.compress(data))

    flate = Flate()

    class Face(TTFontFace):
        def makeSubset(self, subset: list[int]) -> bytes:
            key = ("subset", self.filename, tuple(subset))
            hit = made.get(key)
            return hit if hit is not None else remember(key, super().makeSubset(subset))

    class SeededFont(TTFont):
        def __init__(self, name: str, filename: str):
            super().__init__(name, filename, asciiReadable=1)
            self.face.__class__ = Face
            self.seed = "".join(ch for ch in SEED if ord(ch) in self.face.charToGlyph)
            self.plain = frozenset(chr(code) for code in range(32, 127)) | frozenset(self.seed)
            self.splits = REUSE.store(f"encoded strings {name}", _SPLIT_MAX)  # text -> [(subset, bytes)]

        def splitString(self, text: str, doc: object, encoding: str = "utf-8") -> list[tuple[int, bytes]]:
            if doc not in self.state:
                TTFont.splitString(self, self.seed, doc)  # numbers the seed first, in every document
            hit = self.splits.get(text)
            if hit is not None:
                return hit
            result = TTFont.splitString(self, text, doc, encoding)
            if isinstance(text, str) and self.plain.issuperset(text):  # numbered alike in every document
                self.splits.put(text, result)
            return result

        def addObjects(self, doc: Any) -> None:
            state = self.state.get(doc)
            subsets = [tuple(subset) for subset in state.subsets] if state is not None else []
            super().addObjects(doc)
            for number, subset in enumerate(subsets):
                font = doc.idToObject[f"{state.internalName}+{number}"]
                base = font.BaseFont
                doc.idToObject["toUnicodeCMap:" + base].filters = [flate]
                doc.idToObject[f"fontFile:{self.face.filename}({base})"].filters = [flate]
                key = ("widths", self.face.filename, subset)
                widths = made.get(key)
                if widths is None:
                    widths = remember(key, Formatted(PDFArray(list(map(self.face.getCharWidth, subset))).format(doc)))
                font.Widths = widths

    return SeededFont


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
