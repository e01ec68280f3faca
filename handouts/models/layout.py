"""Layouts: everything about how a page looks, with a default for every field.

A layout file overrides some defaults and may ``extends:`` another layout (a built-in name or a
path). Merge rule: mappings merge key by key; lists and scalars replace. Problems are reported
against the file (and line) that set the offending value.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal, cast

from ..colors import contrast_ratio
from ..errors import Problem, UserError
from ..files import NotReadable, not_regular, resolved
from ..paths import BUILTIN_LAYOUTS
from ..schema.core import suggest, validate
from ..schema.model import model, spec
from ..schema.types import STANDARD_SIZES, ColorHex, FontFile, LengthPt, PaperSize, Share, Size
from ..yamlio import PathKey, SourceDoc, load_yaml

INCH = 72.0
MIN_MARGIN = 0.25 * INCH
MIN_BODY = 12.0
MIN_TEXT = 8.0
MIN_CONTRAST = 4.5

Issues = list[tuple[PathKey, str]]


@model
class Margins:
    top: LengthPt = spec(default=0.6 * INCH, doc="Top margin (the header sits inside it).")
    bottom: LengthPt = spec(default=0.6 * INCH, doc="Bottom margin (the footer sits inside it).")
    left: LengthPt = spec(default=0.6 * INCH, doc="Left margin.")
    right: LengthPt = spec(default=0.6 * INCH, doc="Right margin.")

    def validate(self) -> Issues:
        return [
            ((side,), f"{getattr(self, side) / INCH:.2f} in is under 0.25 in; office printers cannot print that close to the edge")
            for side in ("top", "bottom", "left", "right")
            if getattr(self, side) < MIN_MARGIN
        ]


@model
class Page:
    size: PaperSize = spec(default=STANDARD_SIZES["letter"], doc="Paper size: letter, a4, half-letter, a5, legal, or '210mm x 297mm'.")
    orientation: Literal["portrait", "landscape"] = spec(default="portrait", doc="portrait or landscape.")
    margins: Margins = spec(factory=Margins, doc="Space left blank at each edge.")

    @property
    def width(self) -> float:
        w, h = self.size.width, self.size.height
        return max(w, h) if self.orientation == "landscape" else min(w, h)

    @property
    def height(self) -> float:
        w, h = self.size.width, self.size.height
        return min(w, h) if self.orientation == "landscape" else max(w, h)

    def validate(self) -> Issues:
        m = self.margins
        if self.width - m.left - m.right < 3 * INCH or self.height - m.top - m.bottom < 3 * INCH:
            return [(("margins",), "the margins leave less than 3 in x 3 in for the content; make them smaller")]
        return []


@model
class Fonts:
    """TrueType files of the clinic's own font; empty means the embedded Bitstream Vera family."""

    regular: FontFile = spec(default=None, doc="Regular face (.ttf), relative to this layout file.")
    bold: FontFile = spec(default=None, doc="Bold face (.ttf); defaults to the regular face.")
    italic: FontFile = spec(default=None, doc="Italic face (.ttf); defaults to the regular face.")
    bold_italic: FontFile = spec(default=None, doc="Bold italic face (.ttf); defaults to the bold face.")

    def validate(self) -> Issues:
        if self.regular is None and any((self.bold, self.italic, self.bold_italic)):
            return [(("regular",), "give the regular face too when you give bold or italic faces")]
        return []


@model
class TextRole:
    size: float = spec(default=12.0, doc="Font size in points.", minimum=MIN_TEXT, maximum=72,
                       why="nothing on a patient handout may be under 8 pt")
    leading: float = spec(default=1.3, doc="Line spacing as a multiple of the size (1.2 to 1.5 reads best).", minimum=1.0, maximum=2.5)


@model
class Text:
    """Text size and line spacing for each role."""

    body: TextRole = spec(factory=lambda: TextRole(size=12.0, leading=1.3), doc="Steps, introduction, safety points (at least 12 pt).")
    title: TextRole = spec(factory=lambda: TextRole(size=22.0, leading=1.15), doc="The document title.")
    heading: TextRole = spec(factory=lambda: TextRole(size=15.0, leading=1.2), doc="Section and box headings.")
    card_title: TextRole = spec(factory=lambda: TextRole(size=15.0, leading=1.2), doc="Exercise names on the cards.")
    dosage: TextRole = spec(factory=lambda: TextRole(size=12.0, leading=1.25), doc="The dosage lines (at least 12 pt).")
    caption: TextRole = spec(factory=lambda: TextRole(size=10.0, leading=1.2), doc="Picture captions ('Start', 'End').")
    footer: TextRole = spec(factory=lambda: TextRole(size=9.0, leading=1.25), doc="Header and footer lines.")

    def validate(self) -> Issues:
        issues: Issues = []
        for role in ("body", "dosage"):
            size = getattr(self, role).size
            if size < MIN_BODY:
                issues.append(((role, "size"), f"{size:g} pt is under 12 pt; patient handouts need body text of 12 pt or more"))
        if self.title.size < self.heading.size:
            issues.append((("title", "size"), "the title must not be smaller than the headings"))
        return issues


@model
class Colors:
    """Colours by role. Text colours must reach a contrast of 4.5:1 on their background (WCAG)."""

    text: ColorHex = spec(default="#1a1a1a", doc="Body text.")
    background: ColorHex = spec(default="#ffffff", doc="Page background (the paper).")
    accent: ColorHex = spec(default="#1d5c85", doc="Titles, headings, step numbers. Set in your own layout, it wins over the "
                                             "clinic's brand colour; in the built-in layouts the brand replaces it.")
    muted: ColorHex = spec(default="#4d4d4d", doc="Header, footer and captions.")
    box: ColorHex = spec(default="#edf3f8", doc="Background of the safety box and the dosage panel.")
    rule: ColorHex = spec(default="#9db4c6", doc="Lines and card borders.")
    figure: ColorHex = spec(default="#4f83ad", doc="The illustrated figure (near side; the far side is drawn in a darker shade of it).")
    figure_outline: ColorHex = spec(default="#1f3b52", doc="Outline of the figure.")
    prop: ColorHex = spec(default="#d9cbb3", doc="Props: chair, wall, mat, ball.")
    arrow: ColorHex = spec(default="#c4531f", doc="Movement arrows.")

    def validate(self) -> Issues:
        issues: Issues = []
        pairs = (("text", "background"), ("accent", "background"), ("muted", "background"), ("text", "box"), ("accent", "box"))
        for fore, back in pairs:
            ratio = contrast_ratio(getattr(self, fore), getattr(self, back))
            if ratio < MIN_CONTRAST:
                issues.append(
                    ((fore,), f"{getattr(self, fore)} on {back} {getattr(self, back)} has a contrast of {ratio:.1f}:1; "
                              "text needs 4.5:1 or more (make one darker or the other lighter)")
                )
        return issues


@model
class Lines:
    """Line weights in points."""

    rule: float = spec(default=0.75, doc="Rules under the header and above the footer, note lines.", minimum=0.25, maximum=4)
    border: float = spec(default=1.0, doc="Card and box borders.", minimum=0, maximum=6)
    figure: float = spec(default=1.1, doc="Outline of the figure and props.", minimum=0.3, maximum=4)


@model
class Cards:
    """The exercise card grid."""

    columns: int = spec(default=1, doc="Cards side by side.", minimum=1, maximum=3)
    per_page: int = spec(default=2, doc="Card places on a full page (a multiple of columns).", minimum=1, maximum=9)
    picture: Literal["auto", "left", "above", "none"] = spec(
        default="auto", doc="Where the picture goes in a card: auto puts wide pictures (lying down) above the text and "
                    "tall ones (standing) on the left; 'none' leaves pictures out.")
    picture_width: Share = spec(default=0.42, doc="Share of the card's width the picture takes (picture left).", maximum=0.6,
                                why="the steps beside the picture need the rest of the card")
    picture_height: Share = spec(default=0.42, doc="Share of the card's height the picture takes (picture above).")
    dose: Literal["panel", "line"] = spec(
        default="panel", doc="Where a card's dose goes: 'panel', a 'How much' box by the picture; 'line', a line under the "
                             "exercise's name, before the steps (a shorter card).")
    spacing: float = spec(default=0.35, doc="Space between the paragraphs of a card (the steps...), in text sizes.",
                          minimum=0.1, maximum=1.5)
    gap: LengthPt = spec(default=12.0, doc="Space between cards.")
    padding: LengthPt = spec(default=10.0, doc="Space inside a card's border.", minimum=4.0,
                             why="a picture's arrows reach a little past its box, and must stay inside the card")
    corner_radius: LengthPt = spec(default=6.0, doc="Rounding of the card's corners.", maximum=36.0,
                                   why="a rounder corner cuts into the card's text")
    filled: bool = spec(default=False, doc="Fill cards with the box colour.")

    def validate(self) -> Issues:
        if self.per_page % self.columns:
            return [(("per_page",), f"{self.per_page} cards cannot fill {self.columns} columns evenly; use a multiple of {self.columns}")]
        return []


@model
class Blocks:
    """Which blocks appear."""

    introduction: bool = spec(default=True, doc="The region's introduction under the title.")
    safety: bool = spec(default=True, doc="The safety guidance box.")
    summary: bool = spec(default=True, doc="Each card's one-sentence summary.")
    also_known_as: bool = spec(default=False, doc="Other names of an exercise, on its card (the booklet's contents always list them).")
    cautions: bool = spec(default=True, doc="Each card's cautions.")
    dosage: Literal["sentences", "paragraph", "table"] = spec(
        default="sentences", doc="Dosage as one sentence per line, as one short paragraph, or as a small table.")
    qr_codes: bool = spec(default=True, doc="A QR code to the exercise video on each card (when the clinic has a video address).")
    position_headings: bool = spec(default=True, doc="A heading before each group of exercises done in the same position.")
    notes_lines: int = spec(default=6, doc="Lines for notes at the end (0 for none).", minimum=0, maximum=40)
    log: bool = spec(default=True, doc="An exercise log to tick at the end.")
    log_weeks: int = spec(default=2, doc="Weeks in the exercise log.", minimum=1, maximum=8)
    minutes: bool = spec(default=True, doc="The estimated minutes a day (programs).")


@model
class Header:
    logo: bool = spec(default=True, doc="The clinic's logo.")
    clinic_name: bool = spec(default=True, doc="The clinic's name.")
    phone: bool = spec(default=True, doc="The clinic's phone number.")
    height: LengthPt = spec(default=0.5 * INCH, doc="Height of the header band (the logo's height).")


@model
class Footer:
    page_numbers: bool = spec(default=True, doc="'Page 2 of 5'.")
    contact: bool = spec(default=True, doc="The clinic's contact line.")
    date: bool = spec(default=True, doc="The date printed.")


@model
class Layout:
    """How the handouts look."""

    description: str = spec(default="", doc="One line shown by 'handouts layouts'.", max_length=120)
    extends: str | None = spec(default=None, doc="A built-in layout name or a layout file path this one builds on.")
    page: Page = spec(factory=Page, doc="Paper, orientation, margins.")
    fonts: Fonts = spec(factory=Fonts, doc="Fonts (embedded Vera by default).")
    text: Text = spec(factory=Text, doc="Text sizes and line spacing by role.")
    colors: Colors = spec(factory=Colors, doc="Colours by role.")
    lines: Lines = spec(factory=Lines, doc="Line weights.")
    cards: Cards = spec(factory=Cards, doc="The exercise card grid.")
    blocks: Blocks = spec(factory=Blocks, doc="Which blocks appear.")
    header: Header = spec(factory=Header, doc="What the header shows.")
    footer: Footer = spec(factory=Footer, doc="What the footer shows.")
    order: Literal["catalog", "position"] = spec(
        default="position",
        doc="Exercise order: as in the catalog, or grouped by body position (lying, hands and knees, sitting, standing).",
    )
    brand_colors: bool = spec(default=True, doc="Use the clinic's brand colours (titles, lines, boxes, figures) where this layout "
                                               "sets no colour of its own.")
    grayscale: bool = spec(default=False, doc="Print everything in greys (for monochrome printers); pictures and logos too.")
    booklet: bool = spec(default=False, doc="Designed for the folded booklet (half Letter or A5).")
    #: Set by the loader (not YAML keys): the built-in name or the file path, and the merged source.
    name = ""
    source = cast("SourceDoc | None", None)
    #: Set by the loader: the keys ('colors.accent', 'brand_colors') the clinic's own layout files set.
    own_keys = frozenset()  # type: frozenset[str]


# --- loading with extends ---------------------------------------------------------------


def builtin_layout_names() -> list[str]:
    return sorted(p.stem for p in BUILTIN_LAYOUTS.glob("*.yaml"))


def resolve_layout_reference(reference: str, relative_to: Path) -> Path | None:
    """A built-in name ('large-print') or a path ('my-layout.yaml', relative to ``relative_to``)."""
    if reference.endswith((".yaml", ".yml")) or "/" in reference or "\\" in reference:
        try:
            return resolved(relative_to / reference)
        except NotReadable:  # a symbolic link that loops: reported when the file is read
            return (relative_to / reference).absolute()
    candidate = BUILTIN_LAYOUTS / f"{reference}.yaml"
    return candidate if candidate.is_file() else None


def _merge(parent: SourceDoc, child: SourceDoc) -> SourceDoc:
    """Child over parent: mappings merge key by key, everything else replaces."""
    merged = SourceDoc(child.path, None)

    def take(doc: SourceDoc, prefix: PathKey) -> None:
        n = len(prefix)
        for table_name in ("locations", "key_locations", "raw"):
            source: dict[PathKey, Any] = getattr(doc, table_name)
            target: dict[PathKey, Any] = getattr(merged, table_name)
            for path, value in source.items():
                if path[:n] == prefix:
                    target[path] = value

    def walk(base: Any, over: Any, prefix: PathKey) -> Any:
        if isinstance(base, dict) and isinstance(over, dict):
            out = {}
            if prefix in child.locations:
                merged.locations[prefix] = child.locations[prefix]
            for key in [*base, *(k for k in over if k not in base)]:
                path = (*prefix, key)
                if key in over and key in base and isinstance(base[key], dict) and isinstance(over[key], dict):
                    if path in child.key_locations:
                        merged.key_locations[path] = child.key_locations[path]
                    out[key] = walk(base[key], over[key], path)
                elif key in over:
                    take(child, path)
                    out[key] = over[key]
                else:
                    take(parent, path)
                    out[key] = base[key]
            return out
        take(child, prefix)
        return over

    merged.data = walk(parent.data if isinstance(parent.data, dict) else {}, child.data, ())
    merged.problems = [*parent.problems, *child.problems]
    return merged


def _read_chain(path: Path, seen: list[Path], own: set[str] | None = None) -> SourceDoc:
    doc = load_yaml(path)
    if doc.data is None:
        doc.data = {}
    if not isinstance(doc.data, dict):
        raise UserError([doc.problem((), "expected a layout (key: value lines), got a list or a single value")])
    if own is not None and path.resolve().parent != BUILTIN_LAYOUTS.resolve():
        # what the clinic's own layout files say (their colours win over the brand; see render/brand.py)
        colors = doc.data.get("colors")
        own.update(f"colors.{key}" for key in (colors if isinstance(colors, dict) else ()))
        own.update(key for key in ("brand_colors",) if key in doc.data)
    reference = doc.data.get("extends")
    if reference is None:
        return doc
    if not isinstance(reference, str):
        raise UserError([doc.problem(("extends",), "must be a layout name or a file path")])
    target = resolve_layout_reference(reference, path.parent)
    if target is None:
        names = builtin_layout_names()
        raise UserError([doc.problem(("extends",), f"no built-in layout named '{reference}'{suggest(reference, names)}; "
                                                   f"built-in layouts: {', '.join(names)}")])
    reason = not_regular(target)
    if reason == "not found":
        raise UserError([doc.problem(("extends",), f"layout file not found: {target}")])
    if reason is not None:
        raise UserError([doc.problem(("extends",), f'"{reference}" {reason}')])
    if target in seen or target == path.resolve():
        chain = " -> ".join(p.stem for p in [*seen, path.resolve(), target])
        raise UserError([doc.problem(("extends",), f"layouts extend each other in a circle ({chain}); remove one 'extends'")])
    parent = _read_chain(target, [*seen, path.resolve()], own)
    return _merge(_anchored(parent, target.parent), doc)


def _anchored(doc: SourceDoc, folder: Path) -> SourceDoc:
    """``doc`` with the relative font files it names made absolute from its own ``folder``: a layout that
    extends it may be in another folder (every value under ``fonts:`` is a file path)."""
    fonts = doc.data.get("fonts") if isinstance(doc.data, dict) else None
    if isinstance(fonts, dict):
        anchored = dict(fonts)  # a new mapping: the parent's own data is left as it was read
        for key, value in fonts.items():
            text = value.strip() if isinstance(value, str) else ""
            if text and not Path(text).expanduser().is_absolute():
                anchored[key] = str(folder / text)
        doc.data["fonts"] = anchored
    return doc


def load_layout(reference: str | None, *, relative_to: Path | None = None) -> Layout:
    """Load a layout by built-in name or path, following ``extends:``; raise UserError on problems."""
    reference = reference or "standard"
    base = relative_to or Path.cwd()
    path = resolve_layout_reference(reference, base)
    if path is None:
        names = builtin_layout_names()
        raise UserError([Problem("--layout", 0, "", f"no built-in layout named '{reference}'{suggest(reference, names)}; "
                                                    f"built-in layouts: {', '.join(names)} (or give a .yaml file)")])
    reason = not_regular(path)
    if reason is not None:
        raise UserError([Problem(reference, 0, "", "layout file not found" if reason == "not found" else reason)])
    own: set[str] = set()
    doc = _read_chain(path, [], own)
    if isinstance(doc.data, dict):
        doc.data.pop("extends", None)
    layout = validate(Layout, doc, what="a layout")
    from .room import room_problems

    problems = room_problems(layout, doc)
    if problems:
        raise UserError(problems)
    object.__setattr__(layout, "name", path.stem if path.parent == BUILTIN_LAYOUTS else str(path))
    object.__setattr__(layout, "source", doc)  # to report at its lines what only laying out a page finds
    object.__setattr__(layout, "own_keys", frozenset(own))
    return layout


def page_size(layout: Layout) -> Size:
    return Size(layout.page.size.name, layout.page.width, layout.page.height)
