"""The colours of a document: the layout's, the clinic's brand, and which one wins.

One rule, also written in the README: **a colour written in your own layout file wins over the
clinic's brand colours, which win over the colours of the built-in layouts.** So a clinic's brand
tints the built-in layouts (titles, step numbers, lines, the shaded boxes, the drawn figure), and a
layout file that sets ``colors.accent`` (or any colour) gets that colour, with a note saying which
brand colour it replaced. Brand tints keep the lightness of the colour they replace, so they are
exactly as legible; text in a brand colour is darkened until it reaches 4.5:1, with a note.
``print-friendly`` (greys only) uses no brand colours.
"""

from __future__ import annotations

from pathlib import Path

from ..colors import contrast_ratio, darken_until, tone
from ..errors import display_path
from ..models.clinic import Clinic
from ..models.layout import Layout

#: Roles the brand tints, each from which brand colour ("main": brand, else secondary; "second": the other way).
TINTED = {"accent": "main", "accent2": "second", "rule": "second", "box": "main", "figure": "main",
          "figure_outline": "main"}


def brand_colors(layout: Layout, clinic: Clinic, clinic_file: Path | None, notices: list[str]) -> dict[str, str]:
    """Each colour role of the layout, with the clinic's brand applied where the rule says it wins."""
    c = layout.colors
    chosen = {name: getattr(c, name) for name in ("text", "background", "accent", "muted", "box", "rule", "figure",
                                                   "figure_outline", "prop", "arrow")}
    chosen["accent2"] = c.accent
    brand, secondary = clinic.colors.brand, clinic.colors.secondary
    if not (brand or secondary) or layout.grayscale:
        return chosen
    own: frozenset[str] = getattr(layout, "own_keys", frozenset())
    clinic_shown = display_path(clinic_file)
    if not layout.brand_colors:
        if "brand_colors" in own:
            notices.append(f"{display_path(layout.name)}: brand_colors: false, so the brand colours of {clinic_shown} are not used")
        return chosen
    main, second = brand or secondary, secondary or brand
    assert main is not None and second is not None
    source = {"main": ("brand" if brand else "secondary", main), "second": ("secondary" if secondary else "brand", second)}
    kept: list[str] = []
    for role, which in TINTED.items():
        layout_role = "accent" if role == "accent2" else role
        if f"colors.{layout_role}" in own:
            if layout_role == role:
                kept.append(f"colors.{role} {getattr(c, role)}")
            continue
        _, value = source[which]
        # text colours are made legible below, once the box colour is known; tints keep the layout's lightness
        chosen[role] = value if role in ("accent", "accent2") else tone(value, getattr(c, role))
    for role in ("accent", "accent2"):
        if "colors.accent" not in own:
            chosen[role] = _legible(chosen[role], source[TINTED[role]][0], chosen, clinic_shown, notices)
    if kept:
        notices.append(f"{display_path(layout.name)}: {', '.join(kept)} win{'s' if len(kept) == 1 else ''} over the brand colours of "
                       f"{clinic_shown} ({', '.join(v for v in (brand, secondary) if v)}): a layout's own colour wins; "
                       "remove it from the layout to use the brand")
    return chosen


def _legible(color: str, name: str, chosen: dict[str, str], clinic_shown: str, notices: list[str]) -> str:
    """A brand colour for text, darkened (keeping its hue) until it reaches 4.5:1 on the page and in the boxes."""
    background, box = chosen["background"], chosen["box"]
    dark = darken_until(darken_until(color, background), box)
    if dark != color:
        grounds = [("white" if background.lower() == "#ffffff" else f"the page colour {background}", background),
                   (f"the shaded boxes ({box})", box)]
        ground, ratio = min(((label, contrast_ratio(color, value)) for label, value in grounds), key=lambda g: g[1])
        message = (f"{clinic_shown}: colors.{name} {color} is too light for text on {ground} ({ratio:.1f}:1, needs "
                   f"4.5:1); text in it uses {dark} instead (your file is unchanged)")
        if message not in notices:
            notices.append(message)
    return dark
