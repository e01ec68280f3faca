"""Everything a document needs, resolved once: layout, clinic, catalog, language, fonts, colours."""

from __future__ import annotations

import copy as _copy
import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from ..colors import PROP_OUTLINE_SHARE, START_FILL_SHARE, START_OUTLINE_SHARE, mix, relative_luminance, to_hex
from ..errors import Problem
from ..figures.tones import far_tone
from ..i18n import Messages, messages
from ..models.catalog import Catalog
from ..models.clinic import Clinic
from ..models.layout import Layout
from ..yamlio import SourceDoc
from .brand import brand_colors
from .fonts import FontSet, font_set


class Palette(NamedTuple):
    text: str
    background: str
    accent: str  # titles and headings
    accent2: str  # step numbers and small headings
    muted: str
    box: str
    rule: str
    figure: str
    figure_far: str
    figure_outline: str
    start_fill: str
    start_outline: str
    prop: str
    prop_outline: str
    arrow: str


def _grey(color: str) -> str:
    """The grey with the same luminance, so contrast ratios are unchanged."""
    luminance = relative_luminance(color)
    # invert the sRGB transfer function for a neutral grey
    value = luminance * 12.92 if luminance <= 0.0031308 else 1.055 * luminance ** (1 / 2.4) - 0.055
    return to_hex((value, value, value))


def resolve_palette(layout: Layout, clinic: Clinic, clinic_file: Path | None, notices: list[str]) -> Palette:
    c = layout.colors
    chosen = brand_colors(layout, clinic, clinic_file, notices)
    figure = chosen["figure"]
    outline = chosen["figure_outline"]
    colors = {
        "text": c.text,
        "background": c.background,
        "accent": chosen["accent"],
        "accent2": chosen["accent2"],
        "muted": c.muted,
        "box": chosen["box"],
        "rule": chosen["rule"],
        "figure": figure,
        "figure_far": far_tone(figure, outline),
        "figure_outline": outline,
        "start_fill": mix(figure, c.background, START_FILL_SHARE),
        "start_outline": mix(outline, c.background, START_OUTLINE_SHARE),
        "prop": c.prop,
        "prop_outline": mix(c.prop, "#000000", PROP_OUTLINE_SHARE),
        "arrow": c.arrow,
    }
    if layout.grayscale:
        colors = {name: _grey(value) for name, value in colors.items()}
    return Palette(**colors)


def today() -> dt.date:
    """The date printed on documents: SOURCE_DATE_EPOCH when set (reproducible builds), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
    return dt.date.today()


class LayoutProblems:
    """Problems found while laying out pages (a card too tall for any page): collected during the build,
    then the document is refused with all of them at once."""

    def __init__(self, catalog: Catalog, layout_name: str):
        self.catalog = catalog
        self.layout_name = layout_name
        self.found: list[Problem] = []

    def too_large(self, exercise_id: str, needed: float, available: float) -> None:
        """An exercise card that does not fit on a page of this layout."""
        doc = self.catalog.docs.get(exercise_id)
        message = (f"the card needs {needed:.0f} pt but a page of layout '{self.layout_name}' has {available:.0f} pt; "
                   "shorten the steps or use a layout with more room")
        problem = doc.problem(("steps",), message) if doc is not None else Problem("", 0, exercise_id, message)
        if problem not in self.found:
            self.found.append(problem)

    def take(self) -> list[Problem]:
        """What was found so far; the collector starts empty again."""
        found, self.found = self.found, []
        return found


@dataclass(frozen=True, eq=False, init=False)
class RenderContext:
    """Everything one document needs, resolved once and never changed.

    What a document finds while it is made goes to collectors the context holds: ``notices`` (lines
    of information), ``problems`` (what refuses the document) and ``pictures`` (prepared once each).
    """

    layout: Layout
    clinic: Clinic
    clinic_doc: SourceDoc
    catalog: Catalog
    lang: str
    date: dt.date
    m: Messages
    fonts: FontSet
    palette: Palette
    notices: list[str]
    problems: LayoutProblems
    pictures: dict[object, object]
    #: The largest height (pt) the logo is shown at in this document; the booklet's cover raises it.
    logo_height: float

    def __init__(self, layout: Layout, clinic: Clinic, clinic_doc: SourceDoc, catalog: Catalog, lang: str,
                 date: dt.date | None = None):
        from ..reuse import REUSE

        REUSE.new_document()  # with reuse off, nothing is carried over from the document before
        notices: list[str] = []
        palette = resolve_palette(layout, clinic, clinic_doc.path, notices)
        values = {"layout": layout, "clinic": clinic, "clinic_doc": clinic_doc, "catalog": catalog, "lang": lang,
                  "date": date or today(), "m": messages(lang), "fonts": font_set(layout.fonts), "palette": palette,
                  "notices": notices, "problems": LayoutProblems(catalog, layout.name), "pictures": {},
                  "logo_height": layout.header.height}
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def with_logo_height(self, height: float) -> RenderContext:
        """The same context (sharing its collectors) for a document that shows the logo up to ``height``."""
        copy = _copy.copy(self)
        object.__setattr__(copy, "logo_height", height)
        return copy

    def locate_clinic(self, field_name: str) -> Callable[[str], Problem]:
        return lambda message: self.clinic_doc.problem((field_name,), message)

    def notice(self, text: str) -> None:
        if text not in self.notices:
            self.notices.append(text)
