"""Scalar types used in the models: lengths with units, colours, page sizes and file paths.

Each type parses what a person would write in YAML ("0.5in", "#1d5c85", "A4", "logo.png")
into one canonical value, or raises ValueError with a message that says what to write instead.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, NamedTuple

POINTS_PER_UNIT = {"pt": 1.0, "in": 72.0, "mm": 72.0 / 25.4, "cm": 72.0 / 2.54}
_LENGTH = re.compile(r"^\s*(\d+(?:\.\d+)?|\.\d+)\s*(pt|in|mm|cm)?\s*$", re.IGNORECASE)


def parse_length(value: Any) -> float:
    """A length in points. Plain numbers are points; strings may carry pt, in, mm or cm."""
    if isinstance(value, bool):
        raise ValueError("expected a length such as 0.5in, 12mm or 36pt")
    if isinstance(value, (int, float)):
        if value < 0:
            raise ValueError(f"{value} is negative; a length must be 0 or more")
        return float(value)
    match = _LENGTH.match(str(value))
    if not match:
        raise ValueError(f'"{value}" is not a length; write a number with a unit, e.g. 0.5in, 12mm or 36pt')
    number, unit = match.groups()
    return float(number) * POINTS_PER_UNIT[(unit or "pt").lower()]


class Length(float):
    """A length, stored in points."""

    @classmethod
    def parse(cls, value: Any) -> float:
        return parse_length(value)

    @classmethod
    def describe(cls) -> str:
        return "a length such as 0.5in, 12mm or 36pt"

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        return {
            "anyOf": [
                {"type": "number", "minimum": 0},
                {"type": "string", "pattern": r"^\s*(\d+(\.\d+)?|\.\d+)\s*(pt|in|mm|cm|PT|IN|MM|CM)?\s*$"},
            ],
            "description": "A length: a number of points, or a number with a unit (pt, in, mm, cm).",
        }


class Fraction(float):
    """A share of the available width: 0.4 or '40%'."""

    @classmethod
    def parse(cls, value: Any) -> float:
        if isinstance(value, bool):
            raise ValueError("expected a share such as 40% or 0.4")
        text = str(value).strip()
        try:
            number = float(text[:-1]) / 100 if text.endswith("%") else float(text)
        except ValueError:
            raise ValueError(f'"{value}" is not a share; write a percentage such as 40%') from None
        if not 0.05 <= number <= 0.95:
            raise ValueError(f"{text} is outside 5% to 95%")
        return number

    @classmethod
    def describe(cls) -> str:
        return "a share such as 40%"

    @classmethod
    def show(cls, number: float) -> str:
        return f"{number * 100:g}%"

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        return {
            "anyOf": [
                {"type": "number", "minimum": 0.05, "maximum": 0.95},
                {"type": "string", "pattern": r"^\s*\d+(\.\d+)?%\s*$"},
            ],
            "description": "A share of the available space: 0.4 or 40%.",
        }


NAMED_COLORS = {
    "black": "#000000",
    "white": "#ffffff",
    "gray": "#808080",
    "grey": "#808080",
    "darkgray": "#404040",
    "darkgrey": "#404040",
    "lightgray": "#d3d3d3",
    "lightgrey": "#d3d3d3",
    "navy": "#000080",
    "darkblue": "#00008b",
    "darkgreen": "#006400",
    "maroon": "#800000",
}
_HEX = re.compile(r"^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


class Color(str):
    """A colour as '#rrggbb'."""

    @classmethod
    def parse(cls, value: Any) -> str:
        text = str(value).strip()
        if text.lower() in NAMED_COLORS:
            return NAMED_COLORS[text.lower()]
        match = _HEX.match(text)
        if not match:
            raise ValueError(f'"{text}" is not a colour; write it as a hex code in quotes, e.g. "#1d5c85"')
        digits = match.group(1).lower()
        if len(digits) == 3:
            digits = "".join(c * 2 for c in digits)
        return "#" + digits

    @classmethod
    def describe(cls) -> str:
        return 'a colour such as "#1d5c85"'

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        return {
            "type": "string",
            "pattern": r"^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$|^(" + "|".join(NAMED_COLORS) + ")$",
            "description": 'A colour: a hex code such as "#1d5c85" (quote it: # starts a comment in YAML).',
        }


class Size(NamedTuple):
    name: str
    width: float  # points
    height: float


STANDARD_SIZES = {
    "letter": Size("letter", 612.0, 792.0),
    "a4": Size("a4", 595.2756, 841.8898),
    "half-letter": Size("half-letter", 396.0, 612.0),
    "a5": Size("a5", 419.5276, 595.2756),
    "legal": Size("legal", 612.0, 1008.0),
}
_SIZE_ALIASES = {"halfletter": "half-letter", "half letter": "half-letter", "statement": "half-letter", "us letter": "letter"}
_CUSTOM_SIZE = re.compile(r"^\s*([\d.]+\s*[a-z]*)\s*[x×]\s*([\d.]+\s*[a-z]*)\s*$", re.IGNORECASE)


class PageSize:
    """A paper size: a name (letter, a4, half-letter, a5, legal) or 'width x height' with units."""

    @classmethod
    def parse(cls, value: Any) -> Size:
        text = str(value).strip()
        key = text.lower().replace("_", "-")
        key = _SIZE_ALIASES.get(key, key)
        if key in STANDARD_SIZES:
            return STANDARD_SIZES[key]
        match = _CUSTOM_SIZE.match(text)
        if match:
            width, height = (parse_length(part) for part in match.groups())
            if not (144 <= width <= 2000 and 144 <= height <= 2000):
                raise ValueError(f'"{text}" is not a printable paper size (each side between 2in and 27in)')
            return Size(f"{width:g}x{height:g}pt", width, height)
        from .core import suggest

        names = ", ".join(STANDARD_SIZES)
        raise ValueError(f'"{text}" is not a paper size; use one of {names}, or "210mm x 297mm"{suggest(key, STANDARD_SIZES)}')

    @classmethod
    def describe(cls) -> str:
        return "a paper size such as letter or a4"

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        return {
            "anyOf": [
                {"enum": list(STANDARD_SIZES)},
                {"type": "string", "pattern": r"^\s*[\d.]+\s*[a-zA-Z]*\s*[x×]\s*[\d.]+\s*[a-zA-Z]*\s*$"},
            ],
            "description": "Paper size: letter, a4, half-letter, a5, legal, or 'width x height' such as '210mm x 297mm'.",
        }


class FilePath:
    """A path to an existing file, written relative to the YAML file that names it."""

    relative_to_file = True
    suffixes: tuple[str, ...] = ()
    kind = "a file"

    @classmethod
    def parse(cls, value: Any, base: Path) -> Path:
        from ..files import NotReadable, not_regular, resolved

        text = str(value).strip()
        if not text:
            raise ValueError("must not be empty")
        written = base / Path(text).expanduser()
        reason = not_regular(written)
        if reason == "is a folder, not a file":
            raise ValueError(f'"{text}" is a folder, not {cls.kind}')
        # the name as written, not the file a symbolic link leads to (logo.png -> /dev/zero ends in .png)
        if cls.suffixes and written.suffix.lower() not in cls.suffixes:
            raise ValueError(f'"{text}" is not {cls.kind} (its name must end in {", ".join(cls.suffixes)})')
        try:
            path = resolved(written)
        except NotReadable as exc:
            raise ValueError(f'"{text}" {exc.reason}') from None
        if reason == "not found":
            raise ValueError(f'"{text}" not found (looked for {path})')
        if reason is not None:
            raise ValueError(f'"{text}" {reason}')
        return path

    @classmethod
    def describe(cls) -> str:
        return f"the path of {cls.kind}"

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        return {"type": "string", "description": f"Path of {cls.kind}, relative to this YAML file."}


class ImagePath(FilePath):
    suffixes = (".png", ".jpg", ".jpeg", ".svg")
    kind = "an image file (PNG, JPEG or SVG)"


class PhotoPath(FilePath):
    suffixes = (".png", ".jpg", ".jpeg")
    kind = "an image file (PNG or JPEG)"


class FontPath(FilePath):
    suffixes = (".ttf",)
    kind = "a TrueType font file (.ttf)"


class YamlPath(FilePath):
    suffixes = (".yaml", ".yml")
    kind = "a YAML file"


# Annotated aliases for model fields: the Python type first, the parser second.
LengthPt = Annotated[float, Length]
Share = Annotated[float, Fraction]
ColorHex = Annotated[str, Color]
PaperSize = Annotated[Size, PageSize]
FontFile = Annotated[Path | None, FontPath]
ImageFile = Annotated[Path | None, ImagePath]
