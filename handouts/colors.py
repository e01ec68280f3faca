"""Colour arithmetic: WCAG contrast ratio and darkening a brand colour until text in it is legible."""

from __future__ import annotations

from .reuse import REUSE


def rgb(hex_color: str) -> tuple[float, float, float]:
    """'#1d5c85' -> (r, g, b) in 0..1."""
    digits = hex_color.lstrip("#")
    return (int(digits[0:2], 16) / 255, int(digits[2:4], 16) / 255, int(digits[4:6], 16) / 255)


def to_hex(color: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02x}" for c in color)


def relative_luminance(hex_color: str) -> float:
    """WCAG 2.x relative luminance."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb(hex_color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    """WCAG contrast ratio between two colours, from 1 (none) to 21 (black on white)."""
    la, lb = relative_luminance(a), relative_luminance(b)
    light, dark = max(la, lb), min(la, lb)
    return (light + 0.05) / (dark + 0.05)


@REUSE.memo("darkened colours", 256)
def darken_until(color: str, background: str, minimum: float = 4.5) -> str:
    """The colour, darkened in small steps (keeping its hue) until its contrast reaches ``minimum``."""
    if contrast_ratio(color, background) >= minimum:
        return color
    r, g, b = rgb(color)
    for step in range(1, 101):
        factor = 1 - step / 100
        candidate = to_hex((r * factor, g * factor, b * factor))
        if contrast_ratio(candidate, background) >= minimum:
            return candidate
    return "#000000"


def is_grey(hex_color: str, tolerance: float = 0.02) -> bool:
    r, g, b = rgb(hex_color)
    return max(r, g, b) - min(r, g, b) <= tolerance


START_FILL_SHARE = 0.78  # the start pose's fill: the figure's colour, this share of the way to the background
# its outline: a third of the way (it was 0.55; at print size the pale figure's edge then faded, cat-cow's flat
# start behind the move out of it most of all)
START_OUTLINE_SHARE = 0.35
PROP_OUTLINE_SHARE = 0.55  # a prop's outline: its colour, this share of the way to black


def mix(a: str, b: str, share_of_b: float) -> str:
    """A blend of two colours (used for lighter far-side limbs and start poses)."""
    ra, ga, ba = rgb(a)
    rb, gb, bb = rgb(b)
    t = share_of_b
    return to_hex((ra + (rb - ra) * t, ga + (gb - ga) * t, ba + (bb - ba) * t))


@REUSE.memo("colour tones", 256)
def tone(color: str, like: str) -> str:
    """``color``'s hue at the lightness of ``like``: mixed with white or black until its relative luminance
    matches, so whatever contrast ``like`` had with the page, the tone has too (a brand-coloured figure is
    as legible as the default one)."""
    target = relative_luminance(like)
    toward = "#ffffff" if relative_luminance(color) < target else "#000000"
    low, high = 0.0, 1.0
    for _ in range(24):
        middle = (low + high) / 2
        reached = relative_luminance(mix(color, toward, middle))
        if (reached < target) == (toward == "#ffffff"):
            low = middle
        else:
            high = middle
    return mix(color, toward, (low + high) / 2)
